//! The wizard in process (`tui::harness`): the flows of the
//! pseudo-terminal tests in `tests/pty/wizard.rs`, on a scripted clock,
//! with no sleeps; and the forms' drafts on the same clock.

use serde_json::Value;
use std::time::Duration;
use stepwise::domain::{ResultStatus, RunNo, Test};
use stepwise::tui::Start;
use stepwise::tui::harness::Harness;

use crate::e2e::{FIRST_UNTESTED, NEXT_UNTESTED};

/// Run #2's dashboard, then `w`: the wizard on DEMO-4 Firefox.
fn wizard() -> Harness {
    let mut h = Harness::demo_at(Start::Run(RunNo(2)));
    h.keys("w");
    assert_on(&mut h, FIRST_UNTESTED, "DEMO-4");
    h
}

/// The wizard shows test `index` (0-based) of case `case`.
fn assert_on(h: &mut Harness, index: usize, case: &str) {
    let frame = h.frame();
    assert!(frame.contains(&format!("test {}/28", index + 1)), "{frame}");
    assert!(frame.lines().any(|l| l.starts_with(&format!("│{case}  "))), "{frame}");
}

fn tests(h: &Harness) -> Vec<Test> {
    h.app.svc.tests(&h.app.project, 2).unwrap()
}

/// The tests as JSON, to compare whole runs before and after.
fn snapshot(h: &Harness) -> Vec<Value> {
    tests(h).iter().map(|t| serde_json::to_value(t).unwrap()).collect()
}

/// The draft stored for test `index` of run #2, if any.
fn draft(h: &Harness, index: usize) -> Option<stepwise::domain::Draft> {
    let id = tests(h)[index].id;
    h.app.svc.draft(&h.app.project, RunNo(2), id).unwrap()
}

/// `j`, `p` (step 1 passed), `f` (step 2 failed): the failure dialog.
fn fail_step_two(h: &mut Harness) {
    h.keys("jpf");
    let frame = h.frame();
    assert!(frame.contains("Record: failed"), "{frame}");
    assert!(frame.contains("[x] File a defect"), "{frame}");
}

#[test]
fn passing_every_step_records_the_test_passed_and_moves_to_the_next_untested() {
    let mut h = wizard();
    let before = snapshot(&h);
    h.keys("jpppp");
    assert_on(&mut h, NEXT_UNTESTED, "DEMO-6");
    assert!(h.frame().contains("passed recorded on DEMO-4"), "{}", h.frame());
    let after = tests(&h);
    let test = &after[FIRST_UNTESTED];
    assert_eq!(test.results.len(), 1);
    let result = &test.results[0];
    assert_eq!(result.status, ResultStatus::Passed);
    assert_eq!(result.author, "alice");
    let after = snapshot(&h);
    for (i, (b, a)) in before.iter().zip(&after).enumerate() {
        if i != FIRST_UNTESTED {
            assert_eq!(b, a, "test {i} changed");
        }
    }
}

#[test]
fn a_failed_step_fails_the_test_and_files_the_defect() {
    let mut h = wizard();
    fail_step_two(&mut h);
    h.keys("12345 was accepted<C-s>");
    assert_on(&mut h, NEXT_UNTESTED, "DEMO-6");
    assert!(
        h.frame().contains("failed recorded on DEMO-4, defect D-2 linked"),
        "{}",
        h.frame()
    );
    let test = &tests(&h)[FIRST_UNTESTED];
    assert_eq!(test.results.len(), 1);
    let result = &test.results[0];
    assert_eq!(result.status, ResultStatus::Failed);
    assert_eq!(result.comment, "12345 was accepted");
    assert_eq!(result.defects, [2]);
}

#[test]
fn esc_in_the_failure_dialog_records_nothing_and_keeps_the_draft() {
    let mut h = wizard();
    let before = snapshot(&h);
    fail_step_two(&mut h);
    h.keys("no defect for this one<Esc>");
    let frame = h.frame();
    assert!(!frame.contains("Record: failed"), "{frame}");
    assert!(frame.contains("Nothing recorded"), "{frame}");
    assert_on(&mut h, FIRST_UNTESTED, "DEMO-4");
    assert_eq!(snapshot(&h), before, "Esc recorded something");
    let draft = draft(&h, FIRST_UNTESTED).expect("the draft was written");
    assert_eq!(draft.comment, "no defect for this one");
    let defects = h
        .app
        .svc
        .defect_list(&h.app.project, &Default::default(), Default::default());
    assert_eq!(defects.unwrap().len(), 1, "a defect was filed");
}

#[test]
fn a_comment_draft_is_written_once_typing_pauses_for_the_debounce() {
    let mut h = wizard();
    h.keys("chalf written note");
    assert!(h.frame().contains("half written note"), "{}", h.frame());
    // Typing has paused 0.5 s: not yet.
    h.advance(Duration::from_millis(500));
    assert!(draft(&h, FIRST_UNTESTED).is_none(), "written before the debounce");
    // 0.9 s: the tick writes it.
    h.advance(Duration::from_millis(400));
    let draft = draft(&h, FIRST_UNTESTED).expect("written after the debounce");
    assert_eq!(draft.comment, "half written note");
}

#[test]
fn a_status_key_typed_ahead_of_the_next_test_waits_for_the_guard() {
    let mut h = wizard();
    h.keys("jppppp");
    assert_on(&mut h, NEXT_UNTESTED, "DEMO-6");
    assert!(
        h.frame().contains("ignored p: typed before DEMO-6 (Chrome) was shown"),
        "{}",
        h.frame()
    );
    assert!(tests(&h)[NEXT_UNTESTED].results.is_empty());
    h.advance(Duration::from_millis(300));
    h.keys("p");
    assert_eq!(tests(&h)[NEXT_UNTESTED].results.len(), 1, "{}", h.frame());
}

/// The failure dialog at 80x24, its timer on the scripted clock: the same
/// frame on every run.
#[test]
fn the_failure_dialog_80x24() {
    let mut h = wizard();
    fail_step_two(&mut h);
    h.advance(Duration::from_secs(75));
    insta::assert_snapshot!(h.frame());
}

/// The failure dialog at 40x12 cuts nothing bare: its bottom hint drops
/// its last keys whole, and a row too long for the field ends in the sign.
#[test]
fn the_failure_dialog_at_40x12_cuts_with_a_sign() {
    let mut h = wizard();
    h.size(40, 12);
    fail_step_two(&mut h);
    // Tab to "File a defect", then to the new/existing choice.
    h.keys("<Tab><Tab><Tab>");
    let frame = h.frame();
    let rows: Vec<&str> = frame.lines().collect();
    let bottom = rows
        .iter()
        .find(|r| r.contains("Ctrl-S record"))
        .unwrap_or_else(|| panic!("{frame}"));
    assert!(bottom.contains(" Ctrl-S record + defect ─"), "{frame}");
    assert!(!bottom.contains("untick"), "half a key: {bottom}");
    assert!(
        frame.contains("(*) new  ( ) existing  (Sp…│"),
        "the choice is cut bare:\n{frame}"
    );
}

/// The other forms' drafts debounce on the same clock: the new-run form
/// and the case editor write theirs once typing has paused 0.8 s.
#[test]
fn form_drafts_are_written_once_typing_pauses() {
    let mut h = Harness::demo();
    let form_draft = |h: &Harness, name: &str| h.app.svc.form_draft(&h.app.project, name).unwrap();
    h.keys("n");
    assert!(h.frame().contains("New run"), "{}", h.frame());
    h.keys(" smoke");
    h.advance(Duration::from_millis(700));
    assert!(form_draft(&h, "new-run").is_none(), "written before the debounce");
    h.advance(Duration::from_millis(200));
    assert!(form_draft(&h, "new-run").is_some(), "not written after the debounce");

    let mut h = Harness::demo();
    h.keys("2<Tab>e");
    assert!(h.frame().contains("Edit DEMO-"), "{}", h.frame());
    h.keys("!");
    h.advance(Duration::from_millis(700));
    assert!(form_draft(&h, "case-1").is_none(), "written before the debounce");
    h.advance(Duration::from_millis(200));
    assert!(form_draft(&h, "case-1").is_some(), "not written after the debounce");
}
