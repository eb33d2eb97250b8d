//! Service command sequences against a real store in a temp dir.

use crate::support::fixed_now;
use std::sync::Arc;
use stepwise::domain::{Outcome, ProjectCode, ResultStatus, RunNo, RunState, TestState};
use stepwise::service::{NewDefect, NewResult, NewRun, Service, ServiceError};
use stepwise::store::Store;

mod layers;
mod rows;

fn demo(user: &str) -> (tempfile::TempDir, Service, ProjectCode) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s"), user).unwrap();
    let mut svc = Service::new(store, user).with_clock(Arc::new(fixed_now));
    let code = svc.write_demo(fixed_now()).unwrap();
    (dir, svc, code)
}

fn new_run(cases: Vec<u64>) -> NewRun {
    NewRun {
        title: Some("t".into()),
        cases,
        ..NewRun::default()
    }
}

fn set(svc: &Service, code: &ProjectCode, name: &str, value: &str) {
    svc.set_settings(code, &[(name.into(), value.into())]).unwrap();
}

#[test]
fn projects_are_validated_and_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let svc = Service::new(Store::open(dir.path(), "ann").unwrap(), "ann");
    let err = svc.resolve_project(None).unwrap_err().to_string();
    assert!(err.contains("stepwise project new"), "{err}");
    assert!(svc.create_project("1AB", "x").is_err());
    svc.create_project("web", "Web").unwrap();
    assert!(
        svc.create_project("WEB", "again")
            .unwrap_err()
            .to_string()
            .contains("already exists")
    );
    assert_eq!(svc.resolve_project(None).unwrap().as_str(), "WEB");
    svc.create_project("API", "Api").unwrap();
    assert!(svc.resolve_project(None).unwrap_err().to_string().contains("--project"));
    svc.set_last_project(&ProjectCode::parse("API").unwrap()).unwrap();
    assert_eq!(svc.resolve_project(None).unwrap().as_str(), "API");
    assert!(svc.resolve_project(Some("NOPE")).is_err());
}

#[test]
fn a_run_has_one_test_per_case_and_combination() {
    let (_d, svc, code) = demo("ann");
    let mut new = new_run(vec![1, 2, 3]);
    new.configs = vec![
        ("Browser".into(), vec!["Chrome".into(), "Safari".into()]),
        ("OS".into(), vec!["Linux".into(), "macOS".into(), "Windows".into()]),
    ];
    new.environment = Some("staging".into());
    let run = svc.create_run(&code, new).unwrap();
    let tests = svc.tests(&code, run.no).unwrap();
    assert_eq!(tests.len(), 3 * 2 * 3);
    assert_eq!(run.test_count, 18);
    assert_eq!(tests[0].config.label(), "Chrome / Linux");
    assert!(tests.iter().all(|t| t.state() == TestState::Untested));
}

#[test]
fn bad_run_input_is_refused_and_creates_nothing() {
    let (_d, svc, code) = demo("ann");
    let before = svc.runs(&code).unwrap().len();
    let cases = |new: NewRun| svc.create_run(&code, new).unwrap_err().to_string();
    let mut n = new_run(vec![1]);
    n.environment = Some("qa".into());
    assert!(cases(n).contains("unknown environment 'qa'; known: staging, production"));
    let mut n = new_run(vec![1]);
    n.configs = vec![("Browser".into(), vec!["Lynx".into()])];
    assert!(cases(n).contains("unknown Browser value 'Lynx'"));
    assert!(cases(new_run(vec![999])).contains("case DEMO-999 does not exist"));
    assert!(cases(new_run(vec![])).contains("at least one case"));
    assert_eq!(svc.runs(&code).unwrap().len(), before);
    assert_eq!(svc.project(&code).unwrap().counters.run, 2, "no run number was used up");
}

#[test]
fn a_failed_step_fails_the_case_and_results_are_never_overwritten() {
    let (_d, svc, code) = demo("ann");
    let run = svc.create_run(&code, new_run(vec![1])).unwrap();
    let mut r = NewResult::status(ResultStatus::Passed);
    r.steps = vec![
        (0, ResultStatus::Passed, String::new()),
        (1, ResultStatus::Failed, "broken".into()),
    ];
    let rec = svc.record_result(&code, RunNo(run.no), 0, r).unwrap();
    assert_eq!(rec.status, ResultStatus::Failed);
    assert!(rec.negative);
    svc.record_result(&code, RunNo(run.no), 0, NewResult::status(ResultStatus::Passed))
        .unwrap();
    let t = &svc.tests(&code, run.no).unwrap()[0];
    assert_eq!(t.results.len(), 2);
    assert_eq!(t.results[0].status, ResultStatus::Failed);
    assert_eq!(t.results[0].steps[1].comment, "broken");
    assert_eq!(t.state(), TestState::Done(ResultStatus::Passed));
    let mut bad = NewResult::status(ResultStatus::Passed);
    bad.steps = vec![(9, ResultStatus::Passed, String::new())];
    assert!(
        svc.record_result(&code, RunNo(run.no), 0, bad)
            .unwrap_err()
            .to_string()
            .contains("step 10 does not exist")
    );
}

#[test]
fn assignee_lock_and_closed_runs_refuse_and_write_nothing() {
    let (_d, svc, code) = demo("ann");
    set(&svc, &code, "assignee_result_lock", "true");
    let mut n = new_run(vec![1, 2]);
    n.assignees = vec!["bob".into()];
    let run = svc.create_run(&code, n).unwrap();
    let err = svc
        .record_result(&code, RunNo(run.no), 0, NewResult::status(ResultStatus::Passed))
        .unwrap_err();
    assert!(matches!(err, ServiceError::Domain(_)));
    assert!(err.to_string().contains("assigned to bob"));
    assert_eq!(err.exit_code(), 2);
    assert!(svc.tests(&code, run.no).unwrap()[0].results.is_empty());
    set(&svc, &code, "assignee_result_lock", "false");
    svc.end_run(&code, RunNo(run.no), RunState::Completed).unwrap();
    let err = svc
        .record_result(&code, RunNo(run.no), 0, NewResult::status(ResultStatus::Passed))
        .unwrap_err();
    assert!(
        err.to_string().contains("results in closed runs are not allowed"),
        "{err}"
    );
    set(&svc, &code, "allow_results_in_closed_runs", "true");
    svc.record_result(&code, RunNo(run.no), 0, NewResult::status(ResultStatus::Passed))
        .unwrap();
}

#[test]
fn auto_complete_computes_the_outcome_once() {
    let (_d, svc, code) = demo("ann");
    set(&svc, &code, "auto_complete", "true");
    set(&svc, &code, "allow_results_in_closed_runs", "true");
    let run = svc.create_run(&code, new_run(vec![1, 2])).unwrap();
    let first = svc
        .record_result(&code, RunNo(run.no), 0, NewResult::status(ResultStatus::Passed))
        .unwrap();
    assert!(!first.completed);
    let last = svc
        .record_result(&code, RunNo(run.no), 1, NewResult::status(ResultStatus::Skipped))
        .unwrap();
    assert!(last.completed);
    assert_eq!(last.run.state, RunState::Completed);
    assert_eq!(last.run.outcome, Some(Outcome::Passed));
    // A late failure does not recalculate the outcome.
    svc.record_result(&code, RunNo(run.no), 0, NewResult::status(ResultStatus::Failed))
        .unwrap();
    assert_eq!(svc.run(&code, RunNo(run.no)).unwrap().outcome, Some(Outcome::Passed));
    assert!(
        svc.end_run(&code, RunNo(run.no), RunState::Aborted)
            .unwrap_err()
            .to_string()
            .contains("already completed")
    );
}

#[test]
fn aborting_leaves_untested_tests_and_fails_the_outcome() {
    let (_d, svc, code) = demo("ann");
    let run = svc.create_run(&code, new_run(vec![1, 2])).unwrap();
    svc.record_result(&code, RunNo(run.no), 0, NewResult::status(ResultStatus::Passed))
        .unwrap();
    let ended = svc.end_run(&code, RunNo(run.no), RunState::Aborted).unwrap();
    assert_eq!((ended.state, ended.outcome), (RunState::Aborted, Some(Outcome::Failed)));
    assert_eq!(svc.tests(&code, run.no).unwrap()[1].state(), TestState::Untested);
}

#[test]
fn group_assignment_even_and_load_balanced() {
    let (_d, svc, code) = demo("ann");
    let mut n = new_run((1..=10).collect());
    n.assignees = vec!["bob".into(), "cy".into()];
    let run = svc.create_run(&code, n.clone()).unwrap();
    let tests = svc.tests(&code, run.no).unwrap();
    let bob = tests.iter().filter(|t| t.assignee.as_deref() == Some("bob")).count();
    assert_eq!(bob, 5);
    set(&svc, &code, "distribution", "load_balanced");
    let run = svc.create_run(&code, n).unwrap();
    let tests = svc.tests(&code, run.no).unwrap();
    let load = |who: &str| -> u64 {
        tests
            .iter()
            .filter(|t| t.assignee.as_deref() == Some(who))
            .map(|t| t.snapshot.estimate_ms.unwrap_or(0))
            .sum()
    };
    let max_est = tests.iter().filter_map(|t| t.snapshot.estimate_ms).max().unwrap();
    assert!(load("bob").abs_diff(load("cy")) <= max_est);
    assert!(svc.project(&code).unwrap().team.contains(&"cy".to_string()));
}

#[test]
fn a_defect_links_the_failure_both_ways() {
    let (_d, svc, code) = demo("ann");
    let run = svc.create_run(&code, new_run(vec![3])).unwrap();
    svc.record_result(&code, RunNo(run.no), 0, NewResult::status(ResultStatus::Failed))
        .unwrap();
    let d = svc
        .create_defect(
            &code,
            NewDefect {
                title: "Lock not applied".into(),
                from_test: Some((RunNo(run.no), 0)),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(d.no, 2, "the demo filed D-1");
    assert_eq!(d.links[0].run, run.no);
    let t = &svc.tests(&code, run.no).unwrap()[0];
    assert_eq!(t.results[0].defects, vec![2]);
    let mut r = NewResult::status(ResultStatus::Failed);
    r.defects = vec![2];
    svc.record_result(&code, RunNo(run.no), 0, r).unwrap();
    assert_eq!(svc.defect(&code, stepwise::domain::DefectNo(2)).unwrap().links.len(), 2);
    let mut r = NewResult::status(ResultStatus::Failed);
    r.defects = vec![77];
    assert!(
        svc.record_result(&code, RunNo(run.no), 0, r)
            .unwrap_err()
            .to_string()
            .contains("D-77")
    );
    assert_eq!(svc.tests(&code, run.no).unwrap()[0].results.len(), 2);
}

#[test]
fn settings_change_all_or_nothing() {
    let (_d, svc, code) = demo("ann");
    let before = svc.settings(&code).unwrap();
    let err = svc
        .set_settings(
            &code,
            &[("fast_pass".into(), "false".into()), ("bogus".into(), "1".into())],
        )
        .unwrap_err();
    assert!(err.to_string().contains("unknown setting 'bogus'"));
    assert_eq!(svc.settings(&code).unwrap(), before);
}

#[test]
fn the_demo_is_realistic_and_refuses_a_second_write() {
    let (_d, mut svc, code) = demo("ann");
    assert!(svc.cases(&code).unwrap().len() >= 30);
    assert!(svc.cases(&code).unwrap().iter().all(|c| !c.steps.is_empty()));
    let runs = svc.runs(&code).unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].run.state, RunState::Active);
    assert!(runs[0].counts.done() > 0 && runs[0].counts.untested > 0);
    assert_eq!(runs[1].run.outcome, Some(Outcome::Passed));
    assert_eq!(svc.defects(&code).unwrap().len(), 1);
    assert!(
        svc.write_demo(fixed_now())
            .unwrap_err()
            .to_string()
            .contains("already exists")
    );
}

#[test]
fn synthetic_project_at_scale() {
    let dir = tempfile::tempdir().unwrap();
    let mut svc = Service::new(Store::open(dir.path(), "ann").unwrap(), "ann");
    let code = svc.write_synthetic(1_000, fixed_now()).unwrap();
    assert_eq!(svc.cases(&code).unwrap().len(), 1_000);
    let runs = svc.runs(&code).unwrap();
    assert_eq!(runs[0].counts.total, 1_000);
    assert_eq!(runs[0].counts.done(), 334);
    let titles: std::collections::HashSet<String> = svc.cases(&code).unwrap().into_iter().map(|c| c.title).collect();
    assert_eq!(titles.len(), 1_000);
}

/// The one export-to-a-file rule the CLI and the dashboard share: a taken
/// name (even a dangling link) is kept unless replacing it was asked for.
#[test]
fn export_to_a_file_replaces_only_when_asked() {
    use stepwise::service::{ExportFormat, Exported};
    let (dir, svc, code) = demo("ann");
    let (no, md) = (RunNo(2), ExportFormat::Md);
    let path = dir.path().join("DEMO-run-2.md");
    assert_eq!(
        svc.export_run_to(&code, no, md, &path, false).unwrap(),
        Exported::Written
    );
    let report = std::fs::read_to_string(&path).unwrap();
    assert!(report.starts_with("# DEMO #2"), "{report}");
    std::fs::write(&path, "mine").unwrap();
    assert_eq!(svc.export_run_to(&code, no, md, &path, false).unwrap(), Exported::Taken);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    assert_eq!(
        svc.export_run_to(&code, no, md, &path, true).unwrap(),
        Exported::Written
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), report);

    let dangling = dir.path().join("link.md");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
    assert_eq!(
        svc.export_run_to(&code, no, md, &dangling, false).unwrap(),
        Exported::Taken
    );
    assert!(!dir.path().join("nowhere").exists());

    let missing = dir.path().join("no-such-folder").join("r.md");
    let err = svc.export_run_to(&code, no, md, &missing, true).unwrap_err();
    assert!(matches!(err, ServiceError::Failed(_)), "{err:?}");
    assert!(
        err.to_string().contains("cannot write") && err.to_string().contains("no-such-folder"),
        "{err}"
    );
    assert!(svc.export_run_to(&code, RunNo(99), md, &path, true).is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), report);
}
