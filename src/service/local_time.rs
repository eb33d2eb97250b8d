//! Times for people: the store keeps UTC; the screen and the command
//! line's text output show the local time zone (`TZ` honoured), and name
//! it where a time is shown in full. JSON output keeps UTC (RFC 3339).

use crate::domain::Time;
use chrono::Local;

/// `t` in the local zone, formatted with a chrono `fmt`.
pub fn format(t: &Time, fmt: &str) -> String {
    t.with_timezone(&Local).format(fmt).to_string()
}

/// `2026-11-30 14:05`, local.
pub fn minute(t: &Time) -> String {
    format(t, "%Y-%m-%d %H:%M")
}

/// `2026-11-30 14:05 CET`: local, with the zone named.
pub fn minute_zoned(t: &Time) -> String {
    format!("{} {}", minute(t), zone(t))
}

/// The local zone's name at `t`: `TZ`'s zone when it names one (`Europe/Berlin`),
/// else the system's (`/etc/localtime`), with the offset; `UTC` for UTC.
pub fn zone(t: &Time) -> String {
    let offset = t.with_timezone(&Local).format("%:z").to_string();
    let name = std::env::var("TZ")
        .ok()
        .map(|z| z.trim_start_matches(':').to_string())
        .filter(|z| !z.is_empty() && !z.starts_with('/'))
        .or_else(system_zone);
    describe(name.as_deref(), &offset)
}

/// A zone's name and offset as shown: `Asia/Tokyo (UTC+09:00)`, `UTC`,
/// or the offset alone (`UTC-03:00`) for a rule such as `CET-1`.
fn describe(name: Option<&str>, offset: &str) -> String {
    let utc = offset == "+00:00";
    match name {
        Some("UTC" | "Etc/UTC" | "UTC0" | "Etc/UCT" | "GMT" | "Etc/GMT") if utc => "UTC".into(),
        Some(n) if n.contains('/') && !n.contains(' ') => format!("{n} (UTC{offset})"),
        _ if utc => "UTC".into(),
        _ => format!("UTC{offset}"),
    }
}

/// The system's zone name from the `/etc/localtime` link, if any.
fn system_zone() -> Option<String> {
    if std::env::var_os("TZ").is_some() {
        // A TZ rule (`CET-1`) or a path: the offset says it better.
        return None;
    }
    let target = std::fs::read_link("/etc/localtime").ok()?;
    let text = target.to_string_lossy().to_string();
    text.split_once("zoneinfo/").map(|(_, z)| z.to_string())
}

#[cfg(test)]
mod tests {
    use super::describe;

    // TZ itself is honoured end to end in tests/it/cli.rs (a process of its
    // own: changing TZ here would race the other tests).
    #[test]
    fn zones_are_named_with_their_offset() {
        assert_eq!(describe(Some("Asia/Tokyo"), "+09:00"), "Asia/Tokyo (UTC+09:00)");
        assert_eq!(describe(Some("Etc/UTC"), "+00:00"), "UTC");
        assert_eq!(describe(Some("Europe/London"), "+00:00"), "Europe/London (UTC+00:00)");
        assert_eq!(describe(Some("CET-1"), "+01:00"), "UTC+01:00");
        assert_eq!(describe(None, "-03:00"), "UTC-03:00");
    }
}
