//! Scheduled runs: a run template with a recurrence. Times are UTC; the
//! service creates a template's run when its next occurrence is due.

use super::error::DomainError;
use super::{Time, plan::CaseSource};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// How often a scheduled run comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recurrence {
    Daily,
    /// Monday to Friday.
    Weekdays,
    /// Once a week; 0 is Monday, 6 Sunday.
    Weekly(u8),
    /// Every N days from the day the schedule was made.
    EveryDays(u32),
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Recurrence {
    /// `daily`, `weekdays`, `weekly:mon` ... `weekly:sun`, or `Nd` (every N days).
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let s = input.trim().to_ascii_lowercase();
        let bad = || {
            DomainError::Invalid(format!(
                "invalid recurrence '{input}': expected daily, weekdays, weekly:DAY (mon..sun) or Nd (e.g. 3d)"
            ))
        };
        match s.as_str() {
            "daily" => Ok(Self::Daily),
            "weekdays" => Ok(Self::Weekdays),
            _ => {
                if let Some(day) = s.strip_prefix("weekly:") {
                    let day = DAYS.iter().position(|d| day.starts_with(d)).ok_or_else(bad)?;
                    Ok(Self::Weekly(day as u8))
                } else if let Some(n) = s.strip_suffix('d') {
                    n.parse::<u32>()
                        .ok()
                        .filter(|n| (1..=366).contains(n))
                        .map(Self::EveryDays)
                        .ok_or_else(bad)
                } else {
                    Err(bad())
                }
            }
        }
    }

    pub fn label(self) -> String {
        match self {
            Self::Daily => "daily".into(),
            Self::Weekdays => "weekdays".into(),
            Self::Weekly(d) => format!("weekly:{}", DAYS[(d as usize).min(6)]),
            Self::EveryDays(n) => format!("{n}d"),
        }
    }

    fn on(self, date: NaiveDate, anchor: NaiveDate) -> bool {
        let weekday = date.weekday().num_days_from_monday() as u8;
        match self {
            Self::Daily => true,
            Self::Weekdays => weekday < 5,
            Self::Weekly(d) => weekday == d,
            Self::EveryDays(n) => (date - anchor).num_days().rem_euclid(i64::from(n.max(1))) == 0,
        }
    }
}

/// Parses `HH:MM` (24-hour) into minutes after midnight.
pub fn parse_time_of_day(input: &str) -> Result<u16, DomainError> {
    use chrono::Timelike;
    NaiveTime::parse_from_str(input.trim(), "%H:%M")
        .map(|t| (t.hour() * 60 + t.minute()) as u16)
        .map_err(|_| {
            DomainError::Invalid(format!(
                "invalid time '{input}': expected HH:MM (24-hour, UTC), e.g. 02:30"
            ))
        })
}

/// `HH:MM` of minutes after midnight.
pub fn time_of_day(at: u16) -> String {
    format!("{:02}:{:02}", at / 60, at % 60)
}

/// A run template and when it comes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub name: String,
    pub every: Recurrence,
    /// Time of day in minutes after midnight, UTC.
    pub at: u16,
    /// The run title; `{date}` becomes the occurrence's date (YYYY-MM-DD),
    /// `{time}` its time (HH:MM) and `{name}` the schedule's name.
    pub title: String,
    pub description: String,
    pub source: CaseSource,
    pub configs: Vec<(String, Vec<String>)>,
    pub environment: Option<String>,
    pub milestone: Option<String>,
    pub tags: Vec<String>,
    pub assignees: Vec<String>,
    pub author: String,
    pub created: Time,
    /// The next occurrence not yet run.
    pub next_due: Time,
    /// The run the schedule created last, and for which occurrence.
    pub last_run: Option<(u64, Time)>,
}

impl Schedule {
    /// The first occurrence strictly after `t`.
    pub fn next_after(&self, t: Time) -> Time {
        next_after(self.every, self.at, self.created.date_naive(), t)
    }

    /// The run title for the occurrence at `due`.
    pub fn title_for(&self, due: Time) -> String {
        self.title
            .replace("{date}", &due.format("%Y-%m-%d").to_string())
            .replace("{time}", &due.format("%H:%M").to_string())
            .replace("{name}", &self.name)
    }
}

/// The first occurrence of `every` at `at` minutes strictly after `t`;
/// `anchor` is day 0 of an every-N-days recurrence.
pub fn next_after(every: Recurrence, at: u16, anchor: NaiveDate, t: Time) -> Time {
    let time = NaiveTime::from_hms_opt(u32::from(at / 60) % 24, u32::from(at % 60), 0).unwrap_or_default();
    let mut date = t.date_naive();
    // At most a week (or N days) ahead; bounded so it cannot spin.
    for _ in 0..=400 {
        let when = Utc.from_utc_datetime(&date.and_time(time));
        if when > t && every.on(date, anchor) {
            return when;
        }
        date += Duration::days(1);
    }
    t + Duration::days(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Time {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn recurrences_parse_and_label() {
        for s in ["daily", "weekdays", "weekly:mon", "weekly:sun", "3d"] {
            assert_eq!(Recurrence::parse(s).unwrap().label(), s);
        }
        assert_eq!(Recurrence::parse("Weekly:Friday").unwrap(), Recurrence::Weekly(4));
        for bad in ["hourly", "weekly:xyz", "0d", "d", ""] {
            assert!(
                Recurrence::parse(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("expected daily")
            );
        }
        assert_eq!(parse_time_of_day("02:30").unwrap(), 150);
        assert!(parse_time_of_day("25:00").unwrap_err().to_string().contains("HH:MM"));
    }

    #[test]
    fn next_occurrences() {
        let anchor = NaiveDate::from_ymd_opt(2025, 11, 3).unwrap(); // a Monday
        let next = |every, at, now| next_after(every, at, anchor, t(now));
        assert_eq!(
            next(Recurrence::Daily, 120, "2025-11-03T01:00:00Z"),
            t("2025-11-03T02:00:00Z")
        );
        assert_eq!(
            next(Recurrence::Daily, 120, "2025-11-03T02:00:00Z"),
            t("2025-11-04T02:00:00Z")
        );
        // Friday evening -> Monday.
        assert_eq!(
            next(Recurrence::Weekdays, 0, "2025-11-07T10:00:00Z"),
            t("2025-11-10T00:00:00Z")
        );
        assert_eq!(
            next(Recurrence::Weekly(2), 60, "2025-11-03T00:00:00Z"),
            t("2025-11-05T01:00:00Z")
        );
        assert_eq!(
            next(Recurrence::EveryDays(3), 0, "2025-11-03T00:00:00Z"),
            t("2025-11-06T00:00:00Z")
        );
        assert_eq!(
            next(Recurrence::EveryDays(3), 0, "2025-11-06T05:00:00Z"),
            t("2025-11-09T00:00:00Z")
        );
    }
}
