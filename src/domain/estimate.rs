//! Estimates as testers write them: `1h30m`, `1m30s`, `90s`, `1:30`
//! (m:s), `1:02:03` (h:m:s) or a bare number of minutes.

/// The longest estimate accepted: 1,000 hours.
pub const MAX_ESTIMATE_MS: u64 = 1_000 * 3_600_000;

/// Parses an estimate: `1h30m`, `1m30s`, `90s`, `1:30` (m:s), `1:02:03`
/// (h:m:s) or a bare number of minutes. Empty is no estimate.
pub fn parse_estimate(input: &str) -> Result<Option<u64>, String> {
    let s: String = input
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let bad = || {
        format!(
            "'{}' is not a duration: write e.g. 1m30s, 90s, 1:30 or 5 (minutes)",
            input.trim()
        )
    };
    if s.is_empty() {
        return Ok(None);
    }
    let ms = if s.contains(':') {
        let parts: Vec<u64> = s
            .split(':')
            .map(|p| p.parse::<u64>().map_err(|_| bad()))
            .collect::<Result<_, _>>()?;
        match parts.as_slice() {
            [m, sec] if *sec < 60 => m.checked_mul(60).and_then(|x| x.checked_add(*sec)),
            [h, m, sec] if *m < 60 && *sec < 60 => h.checked_mul(3600).and_then(|x| x.checked_add(m * 60 + sec)),
            _ => return Err(bad()),
        }
        .and_then(|secs| secs.checked_mul(1000))
        .ok_or_else(bad)?
    } else if let Ok(minutes) = s.parse::<u64>() {
        minutes.checked_mul(60_000).ok_or_else(bad)?
    } else {
        let mut total = 0u64;
        let mut number = String::new();
        for c in s.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let unit = match c {
                'h' => 3_600_000,
                'm' => 60_000,
                's' => 1_000,
                _ => return Err(bad()),
            };
            let n: u64 = number.parse().map_err(|_| bad())?;
            total = n.checked_mul(unit).and_then(|v| total.checked_add(v)).ok_or_else(bad)?;
            number.clear();
        }
        if !number.is_empty() {
            return Err(bad());
        }
        total
    };
    if ms > MAX_ESTIMATE_MS {
        return Err(format!("'{}' is longer than 1000h", input.trim()));
    }
    Ok((ms > 0).then_some(ms))
}

/// An estimate as the editor shows it: `1h30m`, `1m30s`, `45s`.
pub fn format_estimate(ms: Option<u64>) -> String {
    let Some(ms) = ms else { return String::new() };
    let secs = ms / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::new();
    for (n, unit) in [(h, "h"), (m, "m"), (s, "s")] {
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
        }
    }
    if out.is_empty() { "0s".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_parse_in_every_spelling_and_round_trip() {
        for s in ["1m30s", "90s", "1:30", "1m 30s", " 1M30S "] {
            assert_eq!(parse_estimate(s), Ok(Some(90_000)), "{s}");
        }
        assert_eq!(parse_estimate("5"), Ok(Some(300_000)));
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
