//! Property tests of the rules' invariants.

use super::*;
use crate::domain::{Outcome, ResultStatus, Settings, StatusCatalog, TestState};
use proptest::prelude::*;

fn status() -> impl Strategy<Value = ResultStatus> {
    prop_oneof![
        Just(ResultStatus::Passed),
        Just(ResultStatus::Failed),
        Just(ResultStatus::Blocked),
        Just(ResultStatus::Skipped),
        Just(ResultStatus::Invalid),
    ]
}

fn state() -> impl Strategy<Value = TestState> {
    prop_oneof![
        Just(TestState::Untested),
        Just(TestState::Retest),
        status().prop_map(TestState::Done)
    ]
}

proptest! {
    /// Any negative step with "fail case on step fail" fails the case.
    #[test]
    fn any_failed_step_fails_the_case(steps in proptest::collection::vec(proptest::option::of(status()), 0..12)) {
        let s = Settings { fail_case_on_step_fail: true, ..Settings::default() };
        let c = StatusCatalog::default();
        let has_negative = steps.iter().flatten().any(|st| c.is_negative(*st));
        let verdict = case_verdict_from_steps(&s, &c, &steps);
        prop_assert_eq!(matches!(verdict, StepVerdict::FailCase(_)), has_negative);
    }

    /// A run with any counted negative result fails; muting every test
    /// with a negative result never makes it worse.
    #[test]
    fn outcome_is_failed_iff_a_counted_test_is_not_positive(tests in proptest::collection::vec((state(), any::<bool>()), 0..40)) {
        let c = StatusCatalog::default();
        let outcome = run_outcome(tests.iter().copied(), &c);
        let bad = tests.iter().any(|(st, muted)| !muted && match st {
            TestState::Done(s) => c.is_negative(*s),
            _ => true,
        });
        prop_assert_eq!(outcome == Outcome::Failed, bad);
        let unmuted_ok: Vec<_> = tests.iter().map(|(st, m)| (*st, *m || !matches!(st, TestState::Done(s) if !c.is_negative(*s)))).collect();
        prop_assert_eq!(run_outcome(unmuted_ok, &c), Outcome::Passed);
    }

    /// Even distribution: counts differ by at most one; balanced: loads
    /// differ by at most the largest estimate; both assign every test.
    #[test]
    fn distribution_is_fair(estimates in proptest::collection::vec(0u64..10_000, 0..60), users in 1usize..6) {
        let even = distribute_even(estimates.len(), users);
        let mut counts = vec![0usize; users];
        for u in &even { counts[*u] += 1; }
        prop_assert!(counts.iter().max().unwrap() - counts.iter().min().unwrap() <= 1);
        let owner = distribute_load_balanced(&estimates, users);
        prop_assert_eq!(owner.len(), estimates.len());
        let mut load = vec![0u64; users];
        for (i, u) in owner.iter().enumerate() { load[*u] += estimates[i]; }
        let max_est = estimates.iter().copied().max().unwrap_or(0);
        prop_assert!(load.iter().max().unwrap() - load.iter().min().unwrap() <= max_est);
    }

    /// Next untested never lands on a test with a result.
    #[test]
    fn next_untested_lands_on_untested(states in proptest::collection::vec(state(), 1..30), cur in 0usize..30) {
        let tests: Vec<RedirectTest> = states.iter().map(|s| RedirectTest { suite: None, state: *s }).collect();
        let cur = cur % tests.len();
        match redirect_target(crate::domain::Redirect::NextUntested, cur, &tests) {
            Some(i) => { prop_assert!(!tests[i].state.has_result()); prop_assert_ne!(i, cur); }
            None => prop_assert!(tests.iter().enumerate().all(|(i, t)| i == cur || t.state.has_result())),
        }
    }
}

/// Results are never overwritten, and the snapshot freezes at the first one.
#[test]
fn results_append_and_snapshot_freezes() {
    use crate::domain::{Case, ConfigCombo, Test, TestResult};
    let at = chrono::DateTime::UNIX_EPOCH;
    let mut case = Case::new(1, "Login", at);
    let mut test = Test::new(1, 0, &case, ConfigCombo::default());
    case.touch(at);
    case.title = "Login v2".into();
    assert!(test.sync_case(&case));
    let result = |status| TestResult {
        status,
        steps: vec![],
        comment: String::new(),
        attachments: vec![],
        duration_ms: 5,
        author: "ann".into(),
        at,
        defects: vec![],
    };
    test.push_result(result(ResultStatus::Failed));
    case.touch(at);
    case.title = "Login v3".into();
    assert!(!test.sync_case(&case));
    assert_eq!(test.snapshot.title, "Login v2");
    test.retest = true;
    assert_eq!(test.state(), TestState::Retest);
    test.push_result(result(ResultStatus::Passed));
    assert_eq!(test.results.len(), 2);
    assert_eq!(test.results[0].status, ResultStatus::Failed);
    assert_eq!(test.state(), TestState::Done(ResultStatus::Passed));
}
