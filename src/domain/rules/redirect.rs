//! "Redirect after result": which test the wizard shows next.

use crate::domain::{Redirect, TestState};

/// What the redirect rule needs to know of each test, in run order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RedirectTest {
    pub suite: Option<u64>,
    pub state: TestState,
}

/// The index of the test to show after a result on `current`, or `None`
/// when there is nowhere to go (the wizard then stays and says so).
///
/// - `Same`: the same test.
/// - `NextUntested`: the next test after `current` without a result
///   (untested or pushed to retest), wrapping around to the start.
/// - `NextInSuite`: the next test of the same suite; after the suite's last
///   test, the first test of the following suite in run order.
pub fn redirect_target(rule: Redirect, current: usize, tests: &[RedirectTest]) -> Option<usize> {
    if current >= tests.len() {
        return None;
    }
    match rule {
        Redirect::Same => Some(current),
        Redirect::NextUntested => {
            let n = tests.len();
            (1..n)
                .map(|k| (current + k) % n)
                .find(|&i| !tests[i].state.has_result())
        }
        Redirect::NextInSuite => {
            let suite = tests[current].suite;
            let after = current + 1..tests.len();
            after
                .clone()
                .find(|&i| tests[i].suite == suite)
                .or_else(|| after.clone().find(|&i| tests[i].suite != suite))
        }
    }
}

/// Where `w` opens the wizard: the first test without a result at or after
/// `from`, wrapping around.
pub fn first_untested_from(states: &[TestState], from: usize) -> Option<usize> {
    let n = states.len();
    (0..n).map(|k| (from + k) % n).find(|&i| !states[i].has_result())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ResultStatus::Passed;
    use TestState::*;

    fn t(suite: u64, state: TestState) -> RedirectTest {
        RedirectTest {
            suite: Some(suite),
            state,
        }
    }

    #[test]
    fn redirect_rules() {
        let tests = [
            t(1, Done(Passed)),
            t(2, Untested),
            t(1, Done(Passed)),
            t(1, Retest),
            t(2, Done(Passed)),
        ];
        assert_eq!(redirect_target(Redirect::Same, 2, &tests), Some(2));
        assert_eq!(redirect_target(Redirect::NextUntested, 0, &tests), Some(1));
        assert_eq!(redirect_target(Redirect::NextUntested, 1, &tests), Some(3));
        assert_eq!(redirect_target(Redirect::NextUntested, 3, &tests), Some(1));
        assert_eq!(redirect_target(Redirect::NextInSuite, 0, &tests), Some(2));
        assert_eq!(redirect_target(Redirect::NextInSuite, 3, &tests), Some(4));
        assert_eq!(redirect_target(Redirect::NextInSuite, 4, &tests), None);
        assert_eq!(redirect_target(Redirect::NextUntested, 9, &tests), None);
        let states: Vec<TestState> = tests.iter().map(|t| t.state).collect();
        assert_eq!(first_untested_from(&states, 1), Some(1));
        assert_eq!(first_untested_from(&states, 4), Some(1));
        assert_eq!(first_untested_from(&[Done(Passed)], 0), None);
        let done = [t(1, Done(Passed)), t(1, Done(Passed))];
        assert_eq!(redirect_target(Redirect::NextUntested, 0, &done), None);
    }
}
