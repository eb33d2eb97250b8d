//! Run outcome and auto complete.

use crate::domain::{Outcome, Polarity, Settings, StatusCatalog, TestState};

/// The run's outcome, computed once when it ends: passed when every counted
/// test's current result is positive, failed otherwise (a negative result, or
/// a test left untested). Muted tests are not counted; a run with nothing to
/// count passes.
pub fn run_outcome<I>(tests: I, catalog: &StatusCatalog) -> Outcome
where
    I: IntoIterator<Item = (TestState, bool)>,
{
    let all_positive = tests
        .into_iter()
        .filter(|(_, muted)| !muted)
        .all(|(state, _)| match state {
            TestState::Done(s) => catalog.polarity(s) == Polarity::Positive,
            TestState::Untested | TestState::Retest => false,
        });
    if all_positive { Outcome::Passed } else { Outcome::Failed }
}

/// Every test has a current result (none untested, none pushed to retest).
pub fn all_have_results<I: IntoIterator<Item = TestState>>(states: I) -> bool {
    states.into_iter().all(TestState::has_result)
}

/// Whether an active run should complete by itself now.
pub fn should_auto_complete<I: IntoIterator<Item = TestState>>(settings: &Settings, states: I) -> bool {
    settings.auto_complete && all_have_results(states)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ResultStatus::*;
    use TestState::*;

    #[test]
    fn outcome_follows_polarity_and_ignores_muted() {
        let c = StatusCatalog::default();
        assert_eq!(
            run_outcome([(Done(Passed), false), (Done(Skipped), false)], &c),
            Outcome::Passed
        );
        assert_eq!(
            run_outcome([(Done(Passed), false), (Done(Blocked), false)], &c),
            Outcome::Failed
        );
        assert_eq!(
            run_outcome([(Done(Passed), false), (Done(Failed), true)], &c),
            Outcome::Passed
        );
        assert_eq!(
            run_outcome([(Done(Passed), false), (Untested, false)], &c),
            Outcome::Failed
        );
        assert_eq!(run_outcome([(Retest, false)], &c), Outcome::Failed);
        assert_eq!(run_outcome([], &c), Outcome::Passed);
    }

    #[test]
    fn auto_complete_needs_the_setting_and_every_result() {
        let mut s = Settings {
            auto_complete: false,
            ..Settings::default()
        };
        assert!(!should_auto_complete(&s, [Done(Passed)]));
        s.auto_complete = true;
        assert!(should_auto_complete(&s, [Done(Passed), Done(Failed)]));
        assert!(!should_auto_complete(&s, [Done(Passed), Retest]));
        assert!(!should_auto_complete(&s, [Untested]));
    }
}
