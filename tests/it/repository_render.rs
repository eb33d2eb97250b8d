//! Render snapshots of the repository tab and the case editor (80x24 and
//! 120x40), and the tab driven through `App::update` as the keys would.

use stepwise::domain::{CaseNo, RunNo};
use stepwise::tui::action::Action;
use stepwise::tui::{App, Start};

use crate::support::{demo_app, draw, unicode};

fn repo_app() -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo_app(Start::Home, unicode());
    app.update(Action::Tab(2));
    (dir, app)
}

/// The frame drawn at `w` x `h`, as text.
fn screen(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

fn key(app: &mut App, code: crossterm::event::KeyCode) {
    app.on_key(crossterm::event::KeyEvent::new(
        code,
        crossterm::event::KeyModifiers::NONE,
    ));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, crossterm::event::KeyCode::Char(c));
    }
}

#[test]
fn repository_80x24() {
    let (_d, mut app) = repo_app();
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn repository_120x40_with_a_selection() {
    let (_d, mut app) = repo_app();
    app.update(Action::Down);
    app.update(Action::Select);
    app.update(Action::NextField);
    app.update(Action::Down);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("selected"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn editor_80x24_and_120x40() {
    let (_d, mut app) = repo_app();
    app.update(Action::NextField);
    app.update(Action::Edit);
    insta::assert_snapshot!("editor_80x24", screen(&mut app, 80, 24));
    // Focus the first step, so the steps are in view.
    for _ in 0..21 {
        app.update(Action::NextField);
    }
    insta::assert_snapshot!("editor_120x40_steps", screen(&mut app, 120, 40));
}

/// At 40 columns the editor's key hints leave out whole keys and keep
/// `? keys`; none is cut bare.
#[test]
fn the_editor_at_40x12_keeps_its_hints_whole() {
    let (_d, mut app) = repo_app();
    app.update(Action::NextField);
    app.update(Action::Edit);
    let text = screen(&mut app, 40, 12);
    let row = text
        .lines()
        .find(|l| l.contains("Left/Right choose"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("Left/Right choose  Ctrl-N step  ? keys"), "{row}");
}

#[test]
fn delete_suite_asks_and_says_what_it_holds() {
    let (_d, mut app) = repo_app();
    app.update(Action::Down);
    app.update(Action::Delete);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Delete suite") && text.contains("sub-suite(s)"), "{text}");
    insta::assert_snapshot!(text);
    app.update(Action::Back);
    assert!(!screen(&mut app, 80, 24).contains("Delete suite"));
}

#[test]
fn filter_by_words_and_by_query_with_its_error_position() {
    let (_d, mut app) = repo_app();
    app.update(Action::Search);
    typed(&mut app, "priority = ");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains('^'), "the caret under the error: {text}");
    for _ in 0..11 {
        key(&mut app, crossterm::event::KeyCode::Backspace);
    }
    typed(&mut app, "priority = high");
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains('^'), "{text}");
    key(&mut app, crossterm::event::KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("/ priority = high"), "{text}");
}

#[test]
fn express_run_from_a_selection_opens_the_run() {
    let (_d, mut app) = repo_app();
    app.update(Action::NextField);
    app.update(Action::Select);
    app.update(Action::Down);
    app.update(Action::Select);
    app.update(Action::Express);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Express run #3 started"), "{text}");
    assert!(text.contains("#3 2025-11-22"), "{text}");
    assert_eq!(app.tab, 1);
    let tests = app.svc.tests(&app.project, 3).unwrap();
    assert_eq!(tests.len(), 2);
}

#[test]
fn new_suite_then_a_new_case_in_it_through_the_editor() {
    let (_d, mut app) = repo_app();
    app.update(Action::NewSuite);
    typed(&mut app, "Reports");
    app.update(Action::Open);
    let suite = app
        .svc
        .suites(&app.project)
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Reports")
        .unwrap();
    assert_eq!(suite.parent, None);
    app.update(Action::NewCase);
    typed(&mut app, "Export a PDF");
    app.update(Action::AddStep);
    typed(&mut app, "Open reports");
    app.update(Action::AddStep);
    app.update(Action::Indent);
    typed(&mut app, "Pick PDF");
    app.update(Action::Save);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Saved DEMO-"), "{text}");
    let case = app.svc.cases(&app.project).unwrap().into_iter().last().unwrap();
    assert_eq!((case.title.as_str(), case.suite), ("Export a PDF", Some(suite.id)));
    let levels: Vec<u8> = case.steps.iter().map(|s| s.level).collect();
    assert_eq!(levels, [0, 1]);
}

#[test]
fn editor_refuses_a_bad_estimate_and_esc_asks_before_discarding() {
    let (_d, mut app) = repo_app();
    app.update(Action::NextField);
    app.update(Action::Edit);
    // Tab to the estimate (the 18th field).
    for _ in 0..17 {
        app.update(Action::NextField);
    }
    typed(&mut app, "x");
    app.update(Action::Save);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("is not a duration"), "{text}");
    app.update(Action::Back);
    assert!(screen(&mut app, 80, 24).contains("Discard your changes?"));
    app.update(Action::Open);
    assert!(screen(&mut app, 80, 24).contains("Repository"));
    assert_eq!(app.svc.case(&app.project, CaseNo(1)).unwrap().version, 1);
}

#[test]
fn e_in_the_wizard_edits_the_case_and_the_untested_test_follows() {
    let (_d, mut app) = repo_app();
    app.update(Action::Tab(1));
    app.update(Action::Open);
    app.update(Action::OpenWizard);
    let case = app.svc.case(&app.project, CaseNo(4)).unwrap();
    assert!(screen(&mut app, 120, 40).contains("DEMO-4"));
    app.update(Action::Edit);
    typed(&mut app, " (edited)");
    app.update(Action::Save);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains(&format!("{} (edited)", case.title)), "{text}");
    assert!(text.contains("this untested test follows it"), "{text}");
    let tests = app.svc.tests(&app.project, 2).unwrap();
    let untested: Vec<_> = tests
        .iter()
        .filter(|t| t.case_no == 4 && t.results.is_empty())
        .collect();
    assert!(!untested.is_empty() && untested.iter().all(|t| t.snapshot.version == 2));
    let tested = tests.iter().filter(|t| t.case_no == 4 && !t.results.is_empty());
    assert!(tested.into_iter().all(|t| t.snapshot.version == 1));
    let _ = RunNo(2);
}

#[test]
fn plan_run_opens_the_new_run_screen_with_the_selection() {
    let (_d, mut app) = repo_app();
    app.update(Action::NextField);
    app.update(Action::Select);
    app.update(Action::PlanRun);
    assert!(app.top_as::<stepwise::tui::screens::new_run::NewRunScreen>().is_some());
    // Nothing selected and no case under the cursor: refused with a hint.
    let (_d, mut app) = repo_app();
    app.update(Action::Search);
    typed(&mut app, "no such case anywhere");
    key(&mut app, crossterm::event::KeyCode::Enter);
    app.update(Action::PlanRun);
    assert!(screen(&mut app, 80, 24).contains("Select cases first"));
}

#[test]
fn import_dialog_completes_the_path_previews_then_imports() {
    let (_d, mut app) = repo_app();
    let before = app.svc.cases(&app.project).unwrap().len();
    // Tab completes as in the wizard's attach dialog.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cases-export.csv"), b"x").unwrap();
    app.update(Action::Import);
    typed(&mut app, &format!("{}/cases-", dir.path().display()));
    app.update(Action::NextField);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("cases-export.csv"), "{text}");
    app.update(Action::Back);
    assert!(!screen(&mut app, 80, 24).contains("Import a file"));
    // A path relative to the current folder (the crate, under cargo test).
    app.update(Action::Import);
    typed(&mut app, "tests/fixtures/import/qase-edge.csv");
    insta::assert_snapshot!("import_dialog_80x24", screen(&mut app, 80, 24));
    app.update(Action::Open);
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("Import qase-edge.csv?") && text.contains("Cases:  4 new"),
        "{text}"
    );
    insta::assert_snapshot!("import_preview_80x24", text);
    // The dry run wrote nothing.
    assert_eq!(app.svc.cases(&app.project).unwrap().len(), before);
    app.update(Action::Open);
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Imported 4 case(s) in 5 suite(s) from qase-edge.csv"),
        "{text}"
    );
    assert!(text.contains("Empty suite") && text.contains("Loose suite"), "{text}");
    assert_eq!(app.svc.cases(&app.project).unwrap().len(), before + 4);
}

#[test]
fn import_dialog_shows_a_parse_error_and_writes_nothing() {
    let (_d, mut app) = repo_app();
    let before = app.svc.cases(&app.project).unwrap().len();
    app.update(Action::Import);
    app.update(Action::Open);
    assert!(screen(&mut app, 80, 24).contains("type the path of a file"));
    typed(&mut app, "tests/fixtures/import/qase-bad-step.csv");
    app.update(Action::Open);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("qase-bad-step.csv:3:"), "{text}");
    insta::assert_snapshot!("import_error_80x24", text);
    app.update(Action::Back);
    typed(&mut app, "i");
    typed(&mut app, "no/such/file.csv");
    app.update(Action::Open);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("no/such/file.csv:1:1: cannot read the file"), "{text}");
    assert_eq!(app.svc.cases(&app.project).unwrap().len(), before);
}

#[test]
fn importing_junit_results_names_the_new_run() {
    let (_d, mut app) = repo_app();
    app.update(Action::Import);
    typed(&mut app, "tests/fixtures/import/junit-edge.xml");
    app.update(Action::Open);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Results: 7 into a new run #3"), "{text}");
    assert!(text.contains("2 warnings, the first: line 11"), "{text}");
    app.update(Action::Open);
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Imported 7 result(s) into new run #3 from junit-edge.xml; 7 case(s)"),
        "{text}"
    );
    assert!(text.contains("EdgeSuite"), "{text}");
    assert_eq!(app.svc.tests(&app.project, 3).unwrap().len(), 7);
}

/// The case editor's text fields edit as readline does: Ctrl-J is a newline
/// in a multi-line field (not "move the step down"), Ctrl-U and Ctrl-W
/// delete (not "un-nest the step"); a bare estimate is seconds.
#[test]
fn editor_fields_take_readline_keys_and_a_bare_estimate_is_seconds() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let ctrl = |app: &mut App, c: char| app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    let (_d, mut app) = repo_app();
    app.update(Action::NextField);
    app.update(Action::Edit);
    // The description, the third field: emptied line by line with Ctrl-U.
    app.update(Action::NextField);
    app.update(Action::NextField);
    for _ in 0..40 {
        ctrl(&mut app, 'u');
    }
    typed(&mut app, "first");
    ctrl(&mut app, 'j');
    typed(&mut app, "second oops");
    ctrl(&mut app, 'w');
    typed(&mut app, "line");
    // The estimate, the 18th field: cleared from its end in one key.
    for _ in 0..15 {
        app.update(Action::NextField);
    }
    ctrl(&mut app, 'u');
    typed(&mut app, "90");
    app.update(Action::Save);
    let case = app.svc.case(&app.project, CaseNo(1)).unwrap();
    assert_eq!(case.description, "first\nsecond line", "{}", screen(&mut app, 80, 24));
    assert_eq!(case.estimate_ms, Some(90_000));
}
