//! What step results mean for the whole case: "fail case on step fail" and
//! "auto passed".

use crate::domain::{ResultStatus, Settings, StatusCatalog};

/// What the step statuses so far decide for the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepVerdict {
    /// Nothing decided yet: the tester goes on.
    Open,
    /// A step failed with "fail case on step fail" on: the case gets this
    /// negative status and the defect dialog opens.
    FailCase(ResultStatus),
    /// Every step passed with "auto passed" on: the case passes.
    PassCase,
}

/// Applies the step rules to the steps marked so far (`None` = not marked).
pub fn case_verdict_from_steps(
    settings: &Settings,
    catalog: &StatusCatalog,
    steps: &[Option<ResultStatus>],
) -> StepVerdict {
    if settings.fail_case_on_step_fail
        && let Some(bad) = steps.iter().flatten().find(|s| catalog.is_negative(**s))
    {
        return StepVerdict::FailCase(*bad);
    }
    if settings.auto_passed && !steps.is_empty() && steps.iter().all(|s| *s == Some(ResultStatus::Passed)) {
        return StepVerdict::PassCase;
    }
    StepVerdict::Open
}

#[cfg(test)]
mod tests {
    use super::*;
    use ResultStatus::*;

    #[test]
    fn step_rules() {
        let c = StatusCatalog::default();
        let mut s = Settings {
            fail_case_on_step_fail: true,
            auto_passed: true,
            ..Settings::default()
        };
        assert_eq!(
            case_verdict_from_steps(&s, &c, &[Some(Passed), Some(Blocked), None]),
            StepVerdict::FailCase(Blocked)
        );
        assert_eq!(
            case_verdict_from_steps(&s, &c, &[Some(Passed), Some(Passed)]),
            StepVerdict::PassCase
        );
        assert_eq!(
            case_verdict_from_steps(&s, &c, &[Some(Passed), None]),
            StepVerdict::Open
        );
        assert_eq!(
            case_verdict_from_steps(&s, &c, &[Some(Passed), Some(Skipped)]),
            StepVerdict::Open
        );
        assert_eq!(case_verdict_from_steps(&s, &c, &[]), StepVerdict::Open);
        s.fail_case_on_step_fail = false;
        assert_eq!(case_verdict_from_steps(&s, &c, &[Some(Failed)]), StepVerdict::Open);
        s.auto_passed = false;
        assert_eq!(case_verdict_from_steps(&s, &c, &[Some(Passed)]), StepVerdict::Open);
    }
}

/// The status a result is recorded with, given the status asked for and
/// the steps: with "fail case on step fail" a negative step makes a
/// positive request fail.
pub fn final_status(
    settings: &Settings,
    catalog: &StatusCatalog,
    requested: ResultStatus,
    steps: &[Option<ResultStatus>],
) -> ResultStatus {
    match case_verdict_from_steps(settings, catalog, steps) {
        StepVerdict::FailCase(_) if !catalog.is_negative(requested) => ResultStatus::Failed,
        _ => requested,
    }
}

#[cfg(test)]
mod final_status_tests {
    use super::*;
    use ResultStatus::*;

    #[test]
    fn a_failed_step_overrides_a_pass() {
        let c = StatusCatalog::default();
        let mut s = Settings {
            fail_case_on_step_fail: true,
            ..Settings::default()
        };
        assert_eq!(final_status(&s, &c, Passed, &[Some(Passed), Some(Failed)]), Failed);
        assert_eq!(final_status(&s, &c, Blocked, &[Some(Failed)]), Blocked);
        assert_eq!(final_status(&s, &c, Passed, &[Some(Passed)]), Passed);
        s.fail_case_on_step_fail = false;
        assert_eq!(final_status(&s, &c, Passed, &[Some(Failed)]), Passed);
    }
}
