//! The wizard's timer: counts while a test is open, pauses after a few
//! minutes without input, and resumes at the next key. The minutes without
//! input that led to the pause are not counted: they were not spent on the
//! test as far as anyone can tell.

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

    /// Counted time at `now`. Once paused (idle for [`IDLE`]), counting
    /// ends at the last input: the idle minutes are not time spent.
    pub fn elapsed(&self, now: Instant) -> Duration {
        if self.paused {
            return self.banked;
        }
        let end = if self.is_paused(now) { self.last_input } else { now };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pauses_when_idle_and_resumes() {
        let t0 = Instant::now();
        let mut t = Timer::start(Duration::from_secs(10), t0);
        assert_eq!(t.elapsed(t0 + Duration::from_secs(5)), Duration::from_secs(15));
        // Idle for an hour: nothing after the last input counts.
        let later = t0 + Duration::from_secs(3600);
        assert!(t.is_paused(later));
        assert_eq!(t.elapsed(later), Duration::from_secs(10));
        t.input(later);
        assert_eq!(t.elapsed(later + Duration::from_secs(7)), Duration::from_secs(17));
        t.set(Duration::from_secs(60), later);
        assert_eq!(t.elapsed(later), Duration::from_secs(60));
    }

    /// The three idle minutes that lead to the pause are not time spent:
    /// the clock stops where the last key was, and counting resumes from
    /// the next key.
    #[test]
    fn the_idle_minutes_before_a_pause_are_not_counted() {
        let t0 = Instant::now();
        let secs = Duration::from_secs;
        let mut t = Timer::start(Duration::ZERO, t0);
        t.input(t0 + secs(20));
        // Still counting a minute after the last key (the tester reads).
        assert_eq!(t.elapsed(t0 + secs(80)), secs(80));
        assert!(!t.is_paused(t0 + secs(80)));
        // Three minutes without a key: paused, at the last key's time.
        let idle = t0 + secs(20) + IDLE;
        assert!(t.is_paused(idle));
        assert_eq!(t.elapsed(idle), secs(20));
        assert_eq!(t.elapsed(idle + secs(600)), secs(20));
        // The next key resumes from there.
        t.input(idle + secs(600));
        assert_eq!(t.elapsed(idle + secs(605)), secs(25));
    }

    #[test]
    fn clocks() {
        assert_eq!(clock(Duration::from_secs(192)), "03:12");
        assert_eq!(clock(Duration::from_secs(3723)), "1:02:03");
    }
}
