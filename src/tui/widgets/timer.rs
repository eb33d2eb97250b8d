//! The wizard's timer: counts while a test is open, pauses after a few
//! minutes without input, and resumes at the next key.

use std::time::{Duration, Instant};

/// Without input for this long, the timer stops counting.
pub const IDLE: Duration = Duration::from_secs(180);

#[derive(Clone, Debug)]
pub struct Timer {
    /// Time counted before `since`.
    banked: Duration,
    /// When counting (re)started.
    since: Instant,
    last_input: Instant,
    paused: bool,
}

impl Timer {
    pub fn start(banked: Duration, now: Instant) -> Self {
        Self {
            banked,
            since: now,
            last_input: now,
            paused: false,
        }
    }

    /// Counted time at `now`: while idle, counting stops at the last input
    /// plus the idle limit.
    pub fn elapsed(&self, now: Instant) -> Duration {
        if self.paused {
            return self.banked;
        }
        let end = now.min(self.last_input + IDLE);
        self.banked + end.saturating_duration_since(self.since)
    }

    pub fn is_paused(&self, now: Instant) -> bool {
        self.paused || now.saturating_duration_since(self.last_input) >= IDLE
    }

    /// A key was pressed: resume if idle.
    pub fn input(&mut self, now: Instant) {
        if self.is_paused(now) {
            self.banked = self.elapsed(now);
            self.since = now;
            self.paused = false;
        }
        self.last_input = now;
    }

    /// Replaces the counted time (the tester corrected it).
    pub fn set(&mut self, elapsed: Duration, now: Instant) {
        self.banked = elapsed;
        self.since = now;
        self.last_input = now;
        self.paused = false;
    }
}

/// `mm:ss`, or `h:mm:ss` from an hour.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// Parses `mm:ss`, `h:mm:ss` or plain seconds.
pub fn parse_clock(text: &str) -> Option<Duration> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    let nums: Option<Vec<u64>> = parts.iter().map(|p| p.trim().parse().ok()).collect();
    let secs = match nums?.as_slice() {
        [s] => *s,
        [m, s] if *s < 60 => m * 60 + s,
        [h, m, s] if *m < 60 && *s < 60 => h * 3600 + m * 60 + s,
        _ => return None,
    };
    Some(Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pauses_when_idle_and_resumes() {
        let t0 = Instant::now();
        let mut t = Timer::start(Duration::from_secs(10), t0);
        assert_eq!(t.elapsed(t0 + Duration::from_secs(5)), Duration::from_secs(15));
        // Idle for an hour: only the idle limit counts.
        let later = t0 + Duration::from_secs(3600);
        assert!(t.is_paused(later));
        assert_eq!(t.elapsed(later), Duration::from_secs(10) + IDLE);
        t.input(later);
        assert_eq!(
            t.elapsed(later + Duration::from_secs(7)),
            Duration::from_secs(10) + IDLE + Duration::from_secs(7)
        );
        t.set(Duration::from_secs(60), later);
        assert_eq!(t.elapsed(later), Duration::from_secs(60));
    }

    #[test]
    fn clocks() {
        assert_eq!(clock(Duration::from_secs(192)), "03:12");
        assert_eq!(clock(Duration::from_secs(3723)), "1:02:03");
        assert_eq!(parse_clock("03:12"), Some(Duration::from_secs(192)));
        assert_eq!(parse_clock("1:02:03"), Some(Duration::from_secs(3723)));
        assert_eq!(parse_clock("90"), Some(Duration::from_secs(90)));
        assert_eq!(parse_clock("3:75"), None);
        assert_eq!(parse_clock("x"), None);
    }
}
