//! The repository through the service: suites (create, rename, move
//! without cycles, delete with what they hold) and cases (create, edit
//! every field, delete, steps), and untested tests following edits.

use crate::support::fixed_now;
use std::sync::Arc;
use stepwise::domain::case_edit::CaseFields;
use stepwise::domain::{CaseNo, CasePriority, Layer, ProjectCode, ResultStatus, RunNo, Step, TestState};
use stepwise::service::{NewResult, NewRun, Service, ServiceError};
use stepwise::store::Store;

fn demo() -> (tempfile::TempDir, Service, ProjectCode) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s"), "ann").unwrap();
    let mut svc = Service::new(store, "ann").with_clock(Arc::new(fixed_now));
    let code = svc.write_demo(fixed_now()).unwrap();
    (dir, svc, code)
}

fn step(action: &str, level: u8) -> Step {
    Step {
        action: action.into(),
        data: String::new(),
        expected: format!("{action} works"),
        level,
    }
}

fn invalid(r: Result<impl std::fmt::Debug, ServiceError>) -> String {
    match r {
        Err(e @ (ServiceError::Invalid(_) | ServiceError::NotFound(_))) => e.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The demo follows the rule it would be refused by: no suite name holds
/// ' / ' (the old demo's top-level "Admin / Orders" read as nested under
/// another suite wherever paths are shown).
#[test]
fn the_demo_names_no_suite_with_a_slash() {
    let (_d, svc, code) = demo();
    let suites = svc.suites(&code).unwrap();
    assert!(suites.len() > 5, "{suites:?}");
    for s in &suites {
        assert!(!s.name.contains(" / ") && !s.name.contains('\n'), "{:?}", s.name);
    }
}

#[test]
fn suites_are_created_renamed_moved_and_refuse_cycles() {
    let (_d, svc, code) = demo();
    let before = svc.project(&code).unwrap().counters.suite;
    let top = svc.create_suite(&code, " Reports ", None, "PDFs").unwrap();
    assert_eq!((top.id, top.name.as_str()), (before + 1, "Reports"));
    let child = svc.create_suite(&code, "Exports", Some(top.id), "").unwrap();
    let grandchild = svc.create_suite(&code, "CSV", Some(child.id), "").unwrap();
    assert!(invalid(svc.create_suite(&code, "reports", None, "")).contains("already exists at the top level"));
    assert!(invalid(svc.create_suite(&code, " ", None, "")).contains("needs a name"));
    assert!(invalid(svc.create_suite(&code, "a / b", None, "")).contains("' / '"));
    assert!(invalid(svc.create_suite(&code, "x", Some(9999), "")).contains("9999"));

    svc.rename_suite(&code, child.id, "Exported files").unwrap();
    assert_eq!(
        svc.suite_names(&code).unwrap().get(Some(grandchild.id)),
        "Reports / Exported files / CSV"
    );

    // Into itself or below itself: refused, nothing written.
    let err = invalid(svc.move_suite(&code, top.id, Some(grandchild.id)));
    assert!(err.contains("cannot go inside itself"), "{err}");
    assert!(invalid(svc.move_suite(&code, top.id, Some(top.id))).contains("inside itself"));
    assert_eq!(svc.suite(&code, top.id).unwrap().parent, None);
    svc.move_suite(&code, grandchild.id, None).unwrap();
    assert_eq!(svc.suite_names(&code).unwrap().get(Some(grandchild.id)), "CSV");
}

#[test]
fn deleting_a_suite_removes_its_subtree_and_cases_but_runs_keep_snapshots() {
    let (_d, svc, code) = demo();
    let top = svc.create_suite(&code, "Legacy", None, "").unwrap();
    let sub = svc.create_suite(&code, "Old", Some(top.id), "").unwrap();
    let mut f = CaseFields::new("Old login");
    f.suite = Some(sub.id);
    let case = svc.create_case(&code, f).unwrap();
    let mut f = CaseFields::new("Legacy home");
    f.suite = Some(top.id);
    let case2 = svc.create_case(&code, f).unwrap();
    let run = svc
        .create_run(
            &code,
            NewRun {
                cases: vec![case.no],
                ..NewRun::default()
            },
        )
        .unwrap();

    let preview = svc.suite_contents(&code, top.id).unwrap();
    assert_eq!(preview.sub_suites.iter().map(|s| s.id).collect::<Vec<_>>(), [sub.id]);
    assert_eq!(preview.cases, [case.no, case2.no]);
    let deleted = svc.delete_suite(&code, top.id).unwrap();
    assert_eq!(deleted, preview);
    assert!(svc.suite(&code, sub.id).is_err());
    assert!(svc.case(&code, CaseNo(case.no)).is_err());
    let tests = svc.tests(&code, run.no).unwrap();
    assert_eq!(tests[0].snapshot.title, "Old login");
    // Numbers are never reused.
    let again = svc.create_case(&code, CaseFields::new("New")).unwrap();
    assert_eq!(again.no, case2.no + 1);
}

#[test]
fn every_field_is_edited_and_checked() {
    let (_d, svc, code) = demo();
    let suite = svc.suites(&code).unwrap()[0].id;
    let mut f = CaseFields::new("Export a report");
    f.suite = Some(suite);
    f.tags = vec!["smoke".into(), " smoke ".into()];
    f.steps = vec![step("Open reports", 0), step("Pick PDF", 1)];
    let case = svc.create_case(&code, f).unwrap();
    assert_eq!((case.version, case.tags.len(), case.steps[1].level), (1, 1, 1));

    let mut f = CaseFields::of(&case);
    f.priority = CasePriority::High;
    f.layer = Layer::E2e;
    f.flaky = true;
    f.muted = true;
    f.milestone = Some(svc.project(&code).unwrap().milestones[0].name.clone());
    f.params = vec![("Format".into(), vec!["PDF".into(), "CSV".into()])];
    f.refs = vec!["REQ-7".into()];
    f.estimate_ms = Some(90_000);
    f.postconditions = "Logged out".into();
    let edited = svc.edit_case(&code, CaseNo(case.no), f.clone()).unwrap();
    assert_eq!(edited.version, 2);
    assert_eq!(svc.case(&code, CaseNo(case.no)).unwrap(), edited);
    assert!(edited.flaky && edited.muted && edited.layer == Layer::E2e && edited.refs == ["REQ-7"]);
    // Saving the same fields again writes nothing.
    assert_eq!(svc.edit_case(&code, CaseNo(case.no), f.clone()).unwrap().version, 2);

    let mut bad = f.clone();
    bad.milestone = Some("Nope".into());
    assert!(invalid(svc.edit_case(&code, CaseNo(case.no), bad)).contains("unknown milestone 'Nope'"));
    let mut bad = f.clone();
    bad.suite = Some(999);
    assert!(invalid(svc.edit_case(&code, CaseNo(case.no), bad)).contains("suite 999"));
    let mut bad = f.clone();
    bad.title = "  ".into();
    assert!(invalid(svc.edit_case(&code, CaseNo(case.no), bad)).starts_with("title:"));
    let mut bad = f;
    bad.steps = vec![step("a", 0), step("b", 3)];
    assert!(invalid(svc.edit_case(&code, CaseNo(case.no), bad)).starts_with("step 2:"));
    assert_eq!(
        svc.case(&code, CaseNo(case.no)).unwrap().version,
        2,
        "refusals write nothing"
    );
    assert!(invalid(svc.edit_case(&code, CaseNo(9999), CaseFields::new("x"))).contains("does not exist"));
}

#[test]
fn steps_are_added_removed_and_reordered_each_bumping_the_version() {
    let (_d, svc, code) = demo();
    let mut f = CaseFields::new("Steps");
    f.steps = vec![step("one", 0), step("two", 1)];
    let no = CaseNo(svc.create_case(&code, f).unwrap().no);
    let c = svc.add_step(&code, no, None, step("three", 0)).unwrap();
    assert_eq!((c.version, c.steps.len()), (2, 3));
    let c = svc.add_step(&code, no, Some(0), step("zero", 0)).unwrap();
    assert_eq!(c.steps[0].action, "zero");
    let c = svc.move_step(&code, no, 3, 0).unwrap();
    let actions: Vec<&str> = c.steps.iter().map(|s| s.action.as_str()).collect();
    assert_eq!(actions, ["three", "zero", "one", "two"]);
    // Removing "one" lifts its child "two" to a valid level.
    let c = svc.remove_step(&code, no, 2).unwrap();
    assert_eq!((c.steps[2].action.as_str(), c.steps[2].level, c.version), ("two", 1, 5));
    assert!(
        svc.remove_step(&code, no, 9)
            .unwrap_err()
            .to_string()
            .contains("step 10 does not exist")
    );
    assert!(invalid(svc.add_step(&code, no, None, Step::default())).contains("action is empty"));
    svc.delete_case(&code, no).unwrap();
    assert!(svc.case(&code, no).is_err());
}

#[test]
fn untested_tests_follow_edits_and_tested_ones_keep_their_snapshot() {
    let (_d, svc, code) = demo();
    let mut f = CaseFields::new("Checkout");
    f.steps = vec![step("Pay", 0)];
    let case = svc.create_case(&code, f).unwrap();
    let no = CaseNo(case.no);
    let new = |t: &str| NewRun {
        title: Some(t.into()),
        cases: vec![case.no],
        ..NewRun::default()
    };
    let tested = svc.create_run(&code, new("tested")).unwrap();
    let untested = svc.create_run(&code, new("untested")).unwrap();
    let ended = svc.create_run(&code, new("ended")).unwrap();
    svc.record_result(&code, RunNo(tested.no), 0, NewResult::status(ResultStatus::Passed))
        .unwrap();
    svc.end_run(&code, RunNo(ended.no), stepwise::domain::RunState::Aborted)
        .unwrap();

    let c = svc.add_step(&code, no, None, step("Confirm", 0)).unwrap();
    assert_eq!(c.version, 2);
    let t = &svc.tests(&code, untested.no).unwrap()[0];
    assert_eq!((t.snapshot.version, t.snapshot.steps.len()), (2, 2));
    let t = &svc.tests(&code, tested.no).unwrap()[0];
    assert_eq!((t.snapshot.version, t.snapshot.steps.len()), (1, 1));
    assert!(matches!(t.state(), TestState::Done(ResultStatus::Passed)));
    let t = &svc.tests(&code, ended.no).unwrap()[0];
    assert_eq!(t.snapshot.version, 1, "a closed run's tests stay as they were");
}
