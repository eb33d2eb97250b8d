//! The type-ahead guard: a result is recorded only on a test the tester
//! has seen. After the wizard moves to another test on its own (redirect
//! after a result, auto passed), a status key is not applied until the
//! frame with the new test has been drawn and `GUARD` has passed since;
//! each key it ignores holds it for another `GUARD`, so neither a burst
//! typed ahead nor the repeats of a held key (30-40 ms apart) record on a
//! test nobody read. 300 ms: a key pressed in answer to a new test comes
//! at least a simple visual reaction time (200-250 ms) after it appears.
//! The clock is the caller's (the app's, scripted in tests).

use super::Wizard;
use crate::domain::ResultStatus;
use std::time::{Duration, Instant};

/// How long after the new test is drawn status keys are still ignored.
pub const GUARD: Duration = Duration::from_millis(300);

/// The guard after an automatic move, until a status key gets through.
#[derive(Clone, Debug)]
pub struct TypeAhead {
    /// The test moved to, as named in the notice (`DEMO-6 (Chrome)`).
    case: String,
    /// When its first frame was drawn.
    shown_at: Option<Instant>,
    /// When a key was last ignored.
    last_ignored: Option<Instant>,
    /// The keys ignored so far, as typed.
    keys: Vec<String>,
    /// The notice before the first ignored key (what was recorded).
    before: Option<(String, bool)>,
}

impl TypeAhead {
    fn new(case: String) -> Self {
        Self {
            case,
            shown_at: None,
            last_ignored: None,
            keys: Vec::new(),
            before: None,
        }
    }

    /// Whether a status key at `now` comes too early: before the test was
    /// drawn, or within `GUARD` of its frame or of the last ignored key.
    pub fn too_early(&self, now: Instant) -> bool {
        let Some(shown) = self.shown_at else { return true };
        let since = self.last_ignored.map_or(shown, |k| k.max(shown));
        now < since + GUARD
    }
}

impl Wizard {
    /// The wizard moved to another test by itself: guard it.
    pub(super) fn arm_guard(&mut self) {
        let t = self.current();
        // Named with its configuration: the test just recorded may be the
        // same case in another one (DEMO-6 Chrome, then DEMO-6 Firefox).
        let config = t.config.label();
        let mut name = format!("{}-{}", self.project.code, t.case_no);
        if !config.is_empty() {
            name.push_str(&format!(" ({config})"));
        }
        self.guard = Some(TypeAhead::new(name));
    }

    /// A frame showing the current test was drawn at `now`.
    pub fn drawn(&mut self, now: Instant) {
        if let Some(g) = &mut self.guard
            && g.shown_at.is_none()
        {
            g.shown_at = Some(now);
        }
    }

    /// Whether the status key for `status`, pressed at `now`, must not be
    /// applied (typed ahead of the test); then the notice says so. A key
    /// that is late enough ends the guard.
    pub fn ignores_typed_ahead(&mut self, status: ResultStatus, now: Instant) -> bool {
        let Some(g) = &mut self.guard else { return false };
        if !g.too_early(now) {
            self.guard = None;
            return false;
        }
        let key = self
            .project
            .catalog()
            .key(status)
            .map_or_else(|| self.project.catalog().slug(status), String::from);
        if g.keys.is_empty() {
            g.before = self.notice.take();
        }
        g.keys.push(key);
        g.last_ignored = Some(now);
        let ignored = format!("ignored {}: typed before {} was shown", g.keys.join(" "), g.case);
        self.notice = Some(match &g.before {
            Some((text, false)) => (format!("{text}; {ignored}"), false),
            _ => (ignored, false),
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_wait_for_the_frame_and_the_guard() {
        let t0 = Instant::now();
        let mut g = TypeAhead::new("DEMO-6".into());
        assert!(g.too_early(t0), "not drawn yet");
        g.shown_at = Some(t0);
        assert!(g.too_early(t0 + GUARD - Duration::from_millis(1)));
        assert!(!g.too_early(t0 + GUARD));
        // An ignored key holds the guard for another interval.
        g.last_ignored = Some(t0 + Duration::from_millis(250));
        assert!(g.too_early(t0 + Duration::from_millis(500)));
        assert!(!g.too_early(t0 + Duration::from_millis(550)));
    }
}
