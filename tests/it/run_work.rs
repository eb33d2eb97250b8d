//! Work on a run after it started, through the service: bulk assign,
//! bulk result (time split evenly, auto complete), retest, remove, edit,
//! add cases, delete several; every refusal writes nothing; the run's
//! counts (kept by the store) always equal a count of its tests.

use crate::support::fixed_now;
use std::sync::Arc;
use stepwise::domain::{ProjectCode, ResultStatus, RunNo, RunState, RunStats, TestState};
use stepwise::service::{NewRun, RunEdit, Service};
use stepwise::store::Store;

fn demo(user: &str) -> (tempfile::TempDir, Service, ProjectCode) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s"), user).unwrap();
    let mut svc = Service::new(store, user).with_clock(Arc::new(fixed_now));
    let code = svc.write_demo(fixed_now()).unwrap();
    (dir, svc, code)
}

/// A run of cases 1-4 in Chrome and Firefox (8 tests).
fn run(svc: &Service, code: &ProjectCode) -> RunNo {
    let new = NewRun {
        title: Some("Work".into()),
        cases: vec![1, 2, 3, 4],
        configs: vec![("Browser".into(), vec!["Chrome".into(), "Firefox".into()])],
        ..NewRun::default()
    };
    RunNo(svc.create_run(code, new).unwrap().no)
}

/// The counts the store keeps, checked against the tests themselves.
fn counts(svc: &Service, code: &ProjectCode, no: RunNo) -> RunStats {
    let kept = svc.run_counts(code, no.0).unwrap();
    assert_eq!(
        kept,
        RunStats::of_tests(&svc.tests(code, no.0).unwrap()),
        "kept counts drifted"
    );
    kept
}

#[test]
fn bulk_result_splits_the_time_and_completes_the_run() {
    let (_d, svc, code) = demo("ann");
    svc.set_settings(&code, &[("auto_complete".into(), "true".into())])
        .unwrap();
    let no = run(&svc, &code);
    let done = svc
        .bulk_result(&code, no, &[0, 1, 2], ResultStatus::Passed, 10_000, "")
        .unwrap();
    assert_eq!((done.recorded, done.completed), (3, false));
    let tests = svc.tests(&code, no.0).unwrap();
    let ms: Vec<u64> = tests[..3].iter().map(|t| t.results[0].duration_ms).collect();
    assert_eq!(ms, [3334, 3333, 3333]);
    assert_eq!(counts(&svc, &code, no).of(ResultStatus::Passed), 3);
    let rest: Vec<u32> = (3..8).collect();
    let done = svc
        .bulk_result(&code, no, &rest, ResultStatus::Failed, 0, "env down")
        .unwrap();
    assert!(done.completed, "the last results complete the run");
    let r = svc.run(&code, no).unwrap();
    assert_eq!(
        (r.state, r.outcome.map(|o| o.as_str())),
        (RunState::Completed, Some("failed"))
    );
    assert_eq!(counts(&svc, &code, no).done(), 8);
}

#[test]
fn the_assignee_lock_refuses_the_whole_bulk_result_naming_the_test() {
    let (_d, svc, code) = demo("ann");
    svc.set_settings(&code, &[("assignee_result_lock".into(), "true".into())])
        .unwrap();
    let no = run(&svc, &code);
    svc.assign_tests(&code, no, &[1], Some("bob")).unwrap();
    let err = svc
        .bulk_result(&code, no, &[0, 1], ResultStatus::Passed, 0, "")
        .unwrap_err()
        .to_string();
    assert!(err.contains("DEMO-1 (Firefox)"), "{err}");
    assert!(
        svc.tests(&code, no.0).unwrap().iter().all(|t| t.results.is_empty()),
        "nothing written"
    );
    assert!(
        svc.bulk_result(&code, no, &[0, 99], ResultStatus::Passed, 0, "")
            .is_err(),
        "unknown test"
    );
}

#[test]
fn assign_retest_and_remove() {
    let (_d, svc, code) = demo("ann");
    let no = run(&svc, &code);
    assert_eq!(svc.assign_tests(&code, no, &[0, 2, 2], Some("dave")).unwrap(), 2);
    assert!(
        svc.project(&code).unwrap().team.contains(&"dave".to_string()),
        "joins the team"
    );
    assert!(svc.retest_tests(&code, no, &[0]).is_err(), "nothing to retest yet");
    svc.bulk_result(&code, no, &[0, 1], ResultStatus::Blocked, 0, "")
        .unwrap();
    assert_eq!(
        svc.retest_tests(&code, no, &[0, 1, 2]).unwrap(),
        2,
        "untested ones are left as they are"
    );
    assert_eq!(counts(&svc, &code, no).retest, 2);
    assert_eq!(svc.tests(&code, no.0).unwrap()[0].state(), TestState::Retest);
    assert_eq!(svc.remove_tests(&code, no, &[0, 5]).unwrap(), 2);
    assert_eq!(svc.run(&code, no).unwrap().test_count, 6);
    assert_eq!(counts(&svc, &code, no).total, 6);
    let all: Vec<u32> = svc.tests(&code, no.0).unwrap().iter().map(|t| t.id).collect();
    assert!(svc.remove_tests(&code, no, &all).is_err(), "a run is never emptied");
}

#[test]
fn edit_and_add_cases() {
    let (_d, svc, code) = demo("ann");
    let no = run(&svc, &code);
    let bad = RunEdit {
        environment: Some(Some("moon".into())),
        ..RunEdit::default()
    };
    let err = svc.edit_run(&code, no, bad).unwrap_err().to_string();
    assert!(
        err.contains("unknown environment 'moon'") && err.contains("staging"),
        "{err}"
    );
    let edit = RunEdit {
        title: Some("Renamed".into()),
        environment: Some(Some("staging".into())),
        tags: Some(vec!["a".into(), " ".into(), "b".into()]),
        ..RunEdit::default()
    };
    let r = svc.edit_run(&code, no, edit).unwrap();
    assert_eq!(
        (r.title.as_str(), r.environment.as_deref(), r.tags.len()),
        ("Renamed", Some("staging"), 2)
    );
    // Case 4 is there already; 5 is new, in both browsers.
    assert_eq!(svc.add_cases_to_run(&code, no, &[4, 5]).unwrap(), 2);
    assert!(svc.add_cases_to_run(&code, no, &[4]).is_err(), "nothing new to add");
    let ids: Vec<u32> = svc.tests(&code, no.0).unwrap().iter().map(|t| t.id).collect();
    assert_eq!(ids, (0..10).collect::<Vec<_>>());
    assert_eq!(counts(&svc, &code, no).untested, 10);
}

#[test]
fn deleting_several_runs_is_one_step_and_refuses_an_unknown_one() {
    let (_d, svc, code) = demo("ann");
    let a = run(&svc, &code);
    let b = run(&svc, &code);
    assert!(svc.delete_runs(&code, &[a, RunNo(99)]).is_err());
    assert!(svc.run(&code, a).is_ok(), "nothing deleted");
    svc.delete_runs(&code, &[a, b]).unwrap();
    assert!(svc.run(&code, a).is_err() && svc.run(&code, b).is_err());
    assert!(svc.tests(&code, a.0).unwrap().is_empty());
    assert_eq!(
        svc.store()
            .expect("a local store")
            .get::<RunStats>(&stepwise::store::keys::run_tests(&code, a.0))
            .unwrap(),
        None
    );
}

#[test]
fn a_removed_tests_id_is_never_given_to_another() {
    let (_d, svc, code) = demo("ann");
    let no = run(&svc, &code);
    // The last test (id 7) goes; case 5 comes in, twice named: added once
    // per configuration, with ids 8 and 9.
    svc.remove_tests(&code, no, &[7]).unwrap();
    assert_eq!(svc.add_cases_to_run(&code, no, &[5, 5]).unwrap(), 2);
    let ids: Vec<u32> = svc.tests(&code, no.0).unwrap().iter().map(|t| t.id).collect();
    assert_eq!(ids, [0, 1, 2, 3, 4, 5, 6, 8, 9]);
    assert_eq!(svc.run(&code, no).unwrap().next_test, 10);
}
