//! Estimates as testers write them: `1h30m`, `1m30s`, `90s`, `1:30`
//! (m:s), `1:02:03` (h:m:s) or a bare number of seconds, read by the one
//! duration parser; empty is no estimate.

/// The longest estimate accepted: 1,000 hours.
pub const MAX_ESTIMATE_MS: u64 = super::duration::MAX_DURATION_MS;

/// Parses an estimate with the one duration parser
/// ([`super::duration::parse_duration`]): `1h30m`, `1m30s`, `90s`, `1:30`
/// (m:s), `1:02:03` (h:m:s) or a bare number of seconds. Empty (or zero) is
/// no estimate.
pub fn parse_estimate(input: &str) -> Result<Option<u64>, String> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    super::duration::parse_duration(input)
        .map(|ms| (ms > 0).then_some(ms))
        .map_err(|e| e.to_string())
}

/// An estimate as the editor shows it: `1h30m`, `1m30s`, `45s`; none is
/// empty.
pub fn format_estimate(ms: Option<u64>) -> String {
    ms.map(super::duration::format_duration).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_parse_in_every_spelling_and_round_trip() {
        for s in ["1m30s", "90s", "1:30", "1m 30s", " 1M30S "] {
            assert_eq!(parse_estimate(s), Ok(Some(90_000)), "{s}");
        }
        // A bare number is seconds, as in every other duration.
        assert_eq!(parse_estimate("5"), Ok(Some(5_000)));
        assert_eq!(parse_estimate("5m"), Ok(Some(300_000)));
        assert_eq!(parse_estimate("0"), Ok(None));
        assert_eq!(parse_estimate("1:02:03"), Ok(Some(3_723_000)));
        assert_eq!(parse_estimate(""), Ok(None));
        for bad in ["abc", "1x", "1:75", "10m5", "1:2:3:4"] {
            let e = parse_estimate(bad).unwrap_err();
            assert!(e.contains(bad) && e.contains("1m30s"), "{e}");
        }
        assert!(parse_estimate("2000h").is_err());
        assert_eq!(format_estimate(Some(90_000)), "1m30s");
        assert_eq!(format_estimate(Some(5_400_000)), "1h30m");
        assert_eq!(format_estimate(None), "");
    }
}
