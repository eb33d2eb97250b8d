//! A form's unsaved input kept as a named `FormDraft` through
//! `Service::save_form_draft`, so that a dropped SSH session loses nothing:
//! marked when the form changes, written once typing pauses (the app's
//! slow tick) or at once on a signal, quit or tab switch, and dropped when
//! the form is saved or discarded. The case editor and the new-run form
//! share it.

use crate::domain::{FormDraft, ProjectCode};
use crate::service::{Service, ServiceError};
use crate::tui::screen::Clock;
use std::time::{Duration, Instant};

/// How long typing must pause before the draft is written.
pub const DEBOUNCE: Duration = Duration::from_millis(800);

/// When the form first changed since its draft was last written, on the
/// app's clock.
#[derive(Debug)]
pub struct DraftKeeper {
    since: Option<Instant>,
    clock: Clock,
}

impl DraftKeeper {
    pub fn new(clock: &Clock) -> Self {
        Self {
            since: None,
            clock: clock.clone(),
        }
    }

    /// The form changed.
    pub fn touch(&mut self) {
        let now = self.clock.now();
        self.since.get_or_insert(now);
    }

    /// Whether the draft is to be written now: the form changed since the
    /// last write, and `force` (a signal, quit, a tab) or typing paused.
    pub fn due(&self, force: bool) -> bool {
        self.since
            .is_some_and(|since| force || self.clock.now().saturating_duration_since(since) >= DEBOUNCE)
    }

    /// Writes the draft (durably) under `name`; an empty one is removed.
    pub fn write(
        &mut self,
        svc: &Service,
        code: &ProjectCode,
        name: &str,
        draft: &FormDraft,
    ) -> Result<(), ServiceError> {
        svc.save_form_draft(code, name, draft)?;
        self.since = None;
        Ok(())
    }

    /// Forgets the draft (the form was saved, or discarded).
    pub fn forget(&mut self, svc: &Service, code: &ProjectCode, name: &str) -> Result<(), ServiceError> {
        self.since = None;
        svc.save_form_draft(code, name, &FormDraft::default())
    }
}
