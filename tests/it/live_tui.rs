//! Live screens and presence in process (`tui::harness`): the app is fed
//! what the store's server pushes (a change committed by someone else, the
//! others' whereabouts, a lost and remade connection) and re-reads what it
//! shows without a key, keeping the tester's place, the text being typed
//! and the drafts; presence shows on the dashboard and in the wizard.

use stepwise::domain::{ProjectCode, ResultStatus, RunNo};
use stepwise::service::NewResult;
use stepwise::service::Pushed;
use stepwise::service::wire::{Change, Presence, Whereabouts};
use stepwise::tui::Start;
use stepwise::tui::harness::Harness;
use stepwise::tui::screens::dashboard::Dashboard;
use stepwise::tui::screens::wizard::Wizard;

use crate::e2e::FIRST_UNTESTED;

fn code(h: &Harness) -> ProjectCode {
    h.app.project.clone()
}

/// Test `index` of run #2 (in run order): its id.
fn test_id(h: &Harness, index: usize) -> u32 {
    h.app.svc.tests(&h.app.project, 2).unwrap()[index].id
}

/// What the server pushes after a call by `user` on run #2's `tests`.
fn changed(project: &ProjectCode, call: &str, tests: Vec<u32>) -> Pushed {
    Pushed::Changed(Change {
        call: call.into(),
        user: "bob".into(),
        project: Some(project.clone()),
        run: Some(RunNo(2)),
        tests,
    })
}

/// Someone else at `screen` on test `test` of run #2.
fn someone(user: &str, screen: &str, project: &ProjectCode, test: u32) -> Presence {
    Presence {
        user: user.into(),
        at: Whereabouts {
            screen: screen.into(),
            project: Some(project.clone()),
            run: Some(RunNo(2)),
            test: Some(test),
        },
    }
}

/// A result recorded on run #2's test `id` behind the app's back (as
/// another client's call would be).
fn record_elsewhere(h: &Harness, id: u32, status: ResultStatus) {
    h.app
        .svc
        .record_result(&h.app.project, RunNo(2), id, NewResult::status(status))
        .unwrap();
}

fn dashboard(h: &Harness) -> &Dashboard {
    h.app.top_as::<Dashboard>().expect("the dashboard on top")
}

#[test]
fn a_change_made_elsewhere_shows_on_the_dashboard_without_a_key_and_the_place_stays() {
    let mut h = Harness::demo_at(Start::Run(RunNo(2)));
    // The tester's place: a filter off, a search typed and kept, a test
    // chosen further down, one test selected for bulk work.
    h.keys("<Down><Down><Down><Space>");
    let current = dashboard(&h).current_row().unwrap().id;
    let selected = dashboard(&h).selected.clone();
    assert!(!selected.is_empty());
    let before = h.frame();
    assert!(before.contains("/28"), "{before}");
    let done = dashboard(&h).counts.done();

    let id = test_id(&h, FIRST_UNTESTED);
    record_elsewhere(&h, id, ResultStatus::Passed);
    // Nothing pushed yet: the screen shows what it read.
    h.advance(std::time::Duration::from_millis(10));
    assert_eq!(dashboard(&h).counts.done(), done);

    // A change of another project, or a draft, is not re-read.
    let other = ProjectCode::parse("OTHER").unwrap();
    h.push(vec![
        changed(&other, "record_result", vec![id]),
        changed(&code(&h), "save_draft", vec![id]),
    ]);
    assert_eq!(dashboard(&h).counts.done(), done);

    // A burst of changes of this project: re-read once, shown at once.
    let burst = (0..50).map(|_| changed(&code(&h), "record_result", vec![id])).collect();
    h.push(burst);
    assert_eq!(dashboard(&h).counts.done(), done + 1);
    let after = h.frame();
    assert!(after.contains(&format!("{}/28", done + 1)), "{after}");
    assert_eq!(
        dashboard(&h).current_row().unwrap().id,
        current,
        "the cursor stays on its test"
    );
    assert_eq!(dashboard(&h).selected, selected, "the bulk selection stays");
}

#[test]
fn the_search_being_typed_stays_through_a_change() {
    let mut h = Harness::demo_at(Start::Run(RunNo(2)));
    h.keys("/Fire");
    let id = test_id(&h, FIRST_UNTESTED);
    record_elsewhere(&h, id, ResultStatus::Failed);
    h.push(vec![changed(&code(&h), "record_result", vec![id])]);
    // Still typing into the search: the next key goes on the same text.
    h.keys("fox");
    assert_eq!(dashboard(&h).search.text(), "Firefox");
    assert!(h.frame().contains("Firefox"), "{}", h.frame());
}

#[test]
fn presence_on_the_dashboard_marks_the_test_and_names_who_is_on_it() {
    let mut h = Harness::demo_at(Start::Run(RunNo(2)));
    let current = dashboard(&h).current_row().unwrap().id;
    let other_test = test_id(&h, FIRST_UNTESTED);
    let p = code(&h);
    h.push(vec![Pushed::Presence(vec![
        someone("bob", "wizard", &p, current),
        someone("carol", "dashboard", &p, other_test),
    ])]);
    let frame = h.frame();
    insta::assert_snapshot!("presence_dashboard_80x24", frame);
    assert!(frame.contains("bob is on this test"), "{frame}");
    assert_eq!(frame.matches('◆').count(), 2, "both tests marked: {frame}");
    // At 40x12 the line is cut to the width, still one line.
    h.size(40, 12);
    let small = h.frame();
    assert!(small.contains("bob is on this test"), "{small}");
    // Everyone left: no line, no mark.
    h.size(80, 24).push(vec![Pushed::Presence(vec![])]);
    let frame = h.frame();
    assert!(!frame.contains("on this test") && !frame.contains('◆'), "{frame}");
}

#[test]
fn presence_in_the_wizard_says_who_else_has_the_test_open() {
    let mut h = Harness::demo_at(Start::Run(RunNo(2)));
    h.keys("w");
    let id = h.app.top_as::<Wizard>().expect("the wizard").current().id;
    let p = code(&h);
    // Only a wizard on the test counts as having it open.
    h.push(vec![Pushed::Presence(vec![
        someone("alice2", "wizard", &p, id),
        someone("dave", "dashboard", &p, id),
    ])]);
    let frame = h.frame();
    insta::assert_snapshot!("presence_wizard_80x24", frame);
    assert!(frame.contains("alice2 also has this test open"), "{frame}");
    assert!(!frame.contains("dave"), "{frame}");
    h.size(40, 12);
    let small = h.frame();
    assert!(small.contains("alice2 also has"), "{small}");
}

#[test]
fn the_wizard_shows_a_result_recorded_elsewhere_and_keeps_the_comment_being_typed() {
    let mut h = Harness::demo_at(Start::Run(RunNo(2)));
    h.keys("w");
    let id = h.app.top_as::<Wizard>().unwrap().current().id;
    // The comment dialog open, text typed and not yet saved as a draft.
    h.keys("chalf typed");
    record_elsewhere(&h, id, ResultStatus::Blocked);
    h.push(vec![changed(&code(&h), "record_result", vec![id])]);
    let w = h.app.top_as::<Wizard>().unwrap();
    assert_eq!(w.current().id, id);
    assert_eq!(w.current().results.len(), 1, "the result recorded elsewhere shows");
    assert!(w.dialog.is_some(), "the dialog stays open");
    assert_eq!(w.draft.comment, "half typed");
    assert!(w.has_unsaved_draft(), "the draft is still to be written");
    h.keys(" more");
    assert_eq!(h.app.top_as::<Wizard>().unwrap().draft.comment, "half typed more");
}

#[test]
fn a_lost_connection_says_so_and_a_reconnection_rereads_and_says_so() {
    let mut h = Harness::demo_at(Start::Run(RunNo(2)));
    h.push(vec![Pushed::Lost("the server is gone".into())]);
    let notice = h.app.notice().cloned().expect("a notice");
    assert!(notice.error, "{notice:?}");
    assert!(
        notice.text.contains("Lost the connection to the stepwise server"),
        "{notice:?}"
    );
    assert!(h.app.offline);
    // The next tick tries a re-read, which reaches the store again.
    h.advance(std::time::Duration::from_secs(1));
    assert!(!h.app.offline);
    assert_eq!(h.notice().as_deref(), Some("Reconnected to the stepwise server"));

    h.push(vec![Pushed::Lost("gone again".into())]);
    let id = test_id(&h, FIRST_UNTESTED);
    let done = dashboard(&h).counts.done();
    record_elsewhere(&h, id, ResultStatus::Passed);
    h.push(vec![Pushed::Reconnected]);
    assert_eq!(h.notice().as_deref(), Some("Reconnected to the stepwise server"));
    assert!(!h.app.offline);
    assert_eq!(dashboard(&h).counts.done(), done + 1, "re-read after the reconnection");
}
