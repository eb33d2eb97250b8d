//! Release readiness: a milestone is ready when no blocker or critical
//! defect is open.

use crate::domain::{DefectStatus, Severity, TestState};

/// Ready when none of the open defects' severities is blocker or critical.
pub fn release_ready<I: IntoIterator<Item = Severity>>(open_severities: I) -> bool {
    open_severities.into_iter().all(|s| s < Severity::Critical)
}

/// A test linked to a defect needs verification when the defect is
/// resolved and the test's current result is still negative (or it was
/// pushed to retest and not yet run).
pub fn needs_verification(defect: DefectStatus, state: TestState, negative: bool) -> bool {
    defect == DefectStatus::Resolved
        && match state {
            TestState::Done(_) => negative,
            TestState::Retest => true,
            TestState::Untested => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ResultStatus;

    #[test]
    fn readiness_and_verification() {
        assert!(release_ready([Severity::Major, Severity::Normal]));
        assert!(release_ready([]));
        assert!(!release_ready([Severity::Minor, Severity::Critical]));
        assert!(!release_ready([Severity::Blocker]));
        let failed = TestState::Done(ResultStatus::Failed);
        assert!(needs_verification(DefectStatus::Resolved, failed, true));
        assert!(!needs_verification(DefectStatus::InProgress, failed, true));
        assert!(!needs_verification(
            DefectStatus::Resolved,
            TestState::Done(ResultStatus::Passed),
            false
        ));
        assert!(needs_verification(DefectStatus::Resolved, TestState::Retest, false));
    }
}
