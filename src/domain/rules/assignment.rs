//! Who may record a result, and who becomes assignee.

use crate::domain::{DomainError, RunState, Settings};

/// "Auto assignee": the user who opens an unassigned test in the wizard
/// becomes its assignee. Returns the new assignee, if any.
pub fn auto_assignee(settings: &Settings, current: Option<&str>, user: &str) -> Option<String> {
    (settings.auto_assignee && current.is_none() && !user.is_empty()).then(|| user.to_string())
}

/// Whether a run in `state` takes results at all: an active run does; a
/// closed one (completed, aborted) only with `allow_results_in_closed_runs`.
pub fn run_takes_results(settings: &Settings, state: RunState) -> bool {
    state == RunState::Active || settings.allow_results_in_closed_runs
}

/// Whether `user` may record a result on a test of a run in `state`
/// assigned to `assignee`: closed runs only when allowed, and the
/// assignee lock.
pub fn check_can_record(
    settings: &Settings,
    run_label: &str,
    state: RunState,
    assignee: Option<&str>,
    user: &str,
) -> Result<(), DomainError> {
    if !run_takes_results(settings, state) {
        return Err(DomainError::RunClosed {
            run: run_label.into(),
            state: state.as_str().into(),
        });
    }
    match assignee {
        Some(a) if settings.assignee_result_lock && a != user => {
            Err(DomainError::LockedByAssignee { assignee: a.into() })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_assignee_only_when_on_and_unassigned() {
        let mut s = Settings {
            auto_assignee: true,
            ..Settings::default()
        };
        assert_eq!(auto_assignee(&s, None, "ann"), Some("ann".into()));
        assert_eq!(auto_assignee(&s, Some("bob"), "ann"), None);
        s.auto_assignee = false;
        assert_eq!(auto_assignee(&s, None, "ann"), None);
    }

    #[test]
    fn lock_and_closed_runs() {
        let mut s = Settings::default();
        assert!(check_can_record(&s, "#1", RunState::Active, Some("bob"), "ann").is_ok());
        s.assignee_result_lock = true;
        let err = check_can_record(&s, "#1", RunState::Active, Some("bob"), "ann").unwrap_err();
        assert!(err.to_string().contains("assigned to bob"));
        assert!(check_can_record(&s, "#1", RunState::Active, Some("ann"), "ann").is_ok());
        assert!(check_can_record(&s, "#1", RunState::Active, None, "ann").is_ok());
        let err = check_can_record(&s, "#1", RunState::Completed, None, "ann").unwrap_err();
        assert!(err.to_string().contains("run #1 is completed"));
        s.allow_results_in_closed_runs = true;
        assert!(check_can_record(&s, "#1", RunState::Aborted, None, "ann").is_ok());
    }

    #[test]
    fn only_active_runs_take_results_unless_allowed() {
        let mut s = Settings::default();
        assert!(run_takes_results(&s, RunState::Active));
        assert!(!run_takes_results(&s, RunState::Completed));
        assert!(!run_takes_results(&s, RunState::Aborted));
        s.allow_results_in_closed_runs = true;
        assert!(run_takes_results(&s, RunState::Completed));
        assert!(run_takes_results(&s, RunState::Aborted));
    }
}
