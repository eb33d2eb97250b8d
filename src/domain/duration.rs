//! Durations as testers type them, and as every screen and listing shows
//! them: the one parser and the one formatter behind the result dialog's
//! time, the bulk result's time, the case estimate, `--duration`, the query
//! language and the imports.
//!
//! Accepted (any case, spaces around units allowed):
//! - a bare number: **seconds** (`90`, `2.5`);
//! - a clock: `m:ss` (`1:30`) or `h:mm:ss` (`1:02:03`);
//! - units, largest first, each at most once: `5m`, `1h 15m`, `1m30s`,
//!   `1.5h`, `250ms` (`h`/`hr`/`hour(s)`, `m`/`min`/`minute(s)`,
//!   `s`/`sec`/`second(s)`, `ms`).
//!
//! Shown as `1h2m3s`, `1m30s`, `45s`, `0s` (whole seconds), which the parser
//! reads back to the same value.

/// The longest duration accepted: 1,000 hours.
pub const MAX_DURATION_MS: u64 = 1_000 * 3_600_000;

/// What to write instead, for error messages.
pub const FORMS: &str = "seconds (90), m:ss (1:30), h:mm:ss (1:02:03) or units (5m, 1h 15m, 1m30s)";

/// Why a text is not a duration; the message names the text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("no duration given: write {FORMS}")]
    Empty,
    #[error("'{0}' is not a duration: write {FORMS}")]
    NotADuration(String),
    #[error("'{0}' is longer than 1000h")]
    TooLong(String),
}

/// Parses a duration into milliseconds. The error names the input and the
/// accepted forms.
pub fn parse_duration(input: &str) -> Result<u64, DurationError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(DurationError::Empty);
    }
    let bad = || DurationError::NotADuration(text.to_string());
    let lower = text.to_lowercase();
    let ms = if lower.contains(':') {
        clock_ms(&lower).ok_or_else(bad)?
    } else if let Some(secs) = number(&lower) {
        secs * 1000.0
    } else {
        units_ms(&lower).ok_or_else(bad)?
    };
    if ms > MAX_DURATION_MS as f64 {
        return Err(DurationError::TooLong(text.to_string()));
    }
    Ok(ms.round() as u64)
}

/// A duration as shown everywhere: `1h2m3s`, `1m30s`, `45s`, `0s` (whole
/// seconds; what is below a second is left out).
pub fn format_duration(ms: u64) -> String {
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

/// A plain decimal number (`90`, `2.5`), nothing else: no sign, exponent,
/// `inf` or `nan` that a float parser would take.
fn number(s: &str) -> Option<f64> {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let dots = s.chars().filter(|c| *c == '.').count();
    if digits == 0 || dots > 1 || digits + dots != s.chars().count() {
        return None;
    }
    s.parse().ok()
}

/// `m:ss` or `h:mm:ss`; only the seconds may have a fraction.
fn clock_ms(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.split(':').map(str::trim).collect();
    let (last, whole) = parts.split_last()?;
    let whole: Vec<u64> = whole
        .iter()
        .map(|p| {
            if p.chars().all(|c| c.is_ascii_digit()) {
                p.parse().ok()
            } else {
                None
            }
        })
        .collect::<Option<_>>()?;
    let secs = number(last)?;
    let secs = match whole.as_slice() {
        [m] if secs < 60.0 => *m as f64 * 60.0 + secs,
        [h, m] if *m < 60 && secs < 60.0 => *h as f64 * 3600.0 + *m as f64 * 60.0 + secs,
        _ => return None,
    };
    Some(secs * 1000.0)
}

/// `1h 15m`, `1m30s`, `1.5h`: numbers each followed by a unit, largest
/// unit first, each unit once.
fn units_ms(s: &str) -> Option<f64> {
    let mut rest = s.trim_start();
    let mut total = 0.0;
    let mut last_rank = usize::MAX;
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let n = number(&rest[..end])?;
        rest = rest[end..].trim_start();
        let end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let (rank, unit_ms) = match &rest[..end] {
            "h" | "hr" | "hrs" | "hour" | "hours" => (3, 3_600_000.0),
            "m" | "min" | "mins" | "minute" | "minutes" => (2, 60_000.0),
            "s" | "sec" | "secs" | "second" | "seconds" => (1, 1_000.0),
            "ms" => (0, 1.0),
            _ => return None,
        };
        if rank >= last_rank {
            return None;
        }
        last_rank = rank;
        total += n * unit_ms;
        rest = rest[end..].trim_start();
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_spelling_of_the_issue_parses() {
        let cases = [
            ("90", 90_000),
            ("1:30", 90_000),
            ("1:02:03", 3_723_000),
            ("5m", 300_000),
            ("1h 15m", 4_500_000),
            ("1m30s", 90_000),
            ("1m 30s", 90_000),
            (" 1M30S ", 90_000),
            ("90s", 90_000),
            ("2.5", 2_500),
            ("1.5h", 5_400_000),
            ("1:30.5", 90_500),
            ("250ms", 250),
            ("1 hour 5 minutes", 3_900_000),
            ("3 min", 180_000),
            ("0", 0),
            ("00:00", 0),
        ];
        for (text, ms) in cases {
            assert_eq!(parse_duration(text), Ok(ms), "{text}");
        }
    }

    #[test]
    fn a_bad_duration_is_named_in_the_error() {
        for bad in [
            "abc", "1x", "1:75", "10m5", "1:2:3:4", "-5", "1e3", "inf", "5m 5m", "30s 1m", "1..5", ":30", "1.5:30",
        ] {
            let e = parse_duration(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("'{bad}'")) && e.contains("1m30s"), "{bad}: {e}");
        }
        assert_eq!(parse_duration("  "), Err(DurationError::Empty));
        assert!(
            parse_duration("")
                .unwrap_err()
                .to_string()
                .contains("no duration given")
        );
        assert_eq!(
            parse_duration("2000h").unwrap_err().to_string(),
            "'2000h' is longer than 1000h"
        );
        assert!(parse_duration("99999999999999999999999").is_err());
    }

    #[test]
    fn formats_whole_seconds() {
        assert_eq!(format_duration(0), "0s");
        assert_eq!(format_duration(999), "0s");
        assert_eq!(format_duration(45_000), "45s");
        assert_eq!(format_duration(90_000), "1m30s");
        assert_eq!(format_duration(3_600_000), "1h");
        assert_eq!(format_duration(3_723_000), "1h2m3s");
    }

    proptest! {
        #[test]
        fn format_then_parse_is_the_same_duration(secs in 0u64..=MAX_DURATION_MS / 1000) {
            let ms = secs * 1000;
            prop_assert_eq!(parse_duration(&format_duration(ms)), Ok(ms));
        }

        #[test]
        fn a_clock_reads_as_the_same_duration(secs in 0u64..=MAX_DURATION_MS / 1000) {
            let clock = format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
            prop_assert_eq!(parse_duration(&clock), Ok(secs * 1000));
        }

        #[test]
        fn any_text_parses_or_is_refused_without_panic(text in "\\PC{0,24}") {
            let _ = parse_duration(&text);
        }
    }
}
