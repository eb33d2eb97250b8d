//! Render snapshots of the new-run screen on a TestBackend: the demo
//! project at a fixed time, at 80x24 and 120x40, with configurations,
//! suites, a query error and the repository's selection.

use std::sync::Arc;
use stepwise::domain::ProjectCode;
use stepwise::service::Service;
use stepwise::store::Store;
use stepwise::tui::action::Action;
use stepwise::tui::screens::new_run::{Focus, Source};
use stepwise::tui::screens::{dashboard::Dashboard, home::Home, new_run::NewRunScreen};
use stepwise::tui::{App, Start};

use crate::support::{demo_service, draw, fixed_now, unicode, utc};

/// The demo written by one service, then opened again as a new process
/// would open it; the TempDir must outlive the app.
fn reopened_demo_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let (svc, code) = demo_service(dir.path());
    drop(svc);
    let app = reopen(&dir, code);
    (dir, app)
}

/// The app on the store in `dir` again, as a new process would open it.
fn reopen(dir: &tempfile::TempDir, code: ProjectCode) -> App {
    utc();
    let store = Store::open(&dir.path().join("store"), "alice").unwrap();
    let svc = Service::new(store, "alice").with_clock(Arc::new(fixed_now));
    App::new(svc, code, Start::Home, unicode()).unwrap()
}

fn screen_text(app: &mut App, w: u16, h: u16) -> String {
    let t = draw(app, w, h);
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `n` on the runs tab, then Chrome + Firefox and Linux, and the first
/// suite ticked.
fn filled() -> (tempfile::TempDir, App) {
    let (d, mut app) = reopened_demo_app();
    app.update(Action::NewRun);
    for a in [Action::NextField; 4] {
        app.update(a);
    }
    app.update(Action::Select); // Browser: Chrome
    app.update(Action::OptionNext);
    app.update(Action::Select); // Browser: Firefox
    app.update(Action::Down);
    app.update(Action::Select); // OS: Linux
    for a in [Action::NextField; 3] {
        app.update(a); // tags, cases from, suites
    }
    app.update(Action::Select);
    (d, app)
}

#[test]
fn empty_form_80x24() {
    let (_d, mut app) = reopened_demo_app();
    app.update(Action::NewRun);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn filled_form_80x24() {
    let (_d, mut app) = filled();
    let text = screen_text(&mut app, 80, 24);
    assert!(text.contains("× 2 combinations"), "{text}");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn filled_form_120x40() {
    let (_d, mut app) = filled();
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn a_query_error_shows_its_position_120x40() {
    let (_d, mut app) = reopened_demo_app();
    app.update(Action::NewRun);
    let Some(n) = app.top_as_mut::<NewRunScreen>() else {
        panic!("the new-run screen is on top")
    };
    n.form.source = n.form.sources.iter().position(|s| *s == Source::Query).unwrap();
    n.form.focus = Focus::Detail;
    app.on_paste("priority = high and tag =");
    let text = screen_text(&mut app, 120, 40);
    assert!(text.contains("query:1:26: expected a value after '='"), "{text}");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn the_repository_selection_80x24() {
    let (_d, mut app) = reopened_demo_app();
    app.open_new_run(Some(vec![1, 2, 3]));
    let text = screen_text(&mut app, 80, 24);
    assert!(
        text.contains("< selection >") && text.contains("3 cases × 1 combinations = 3 tests"),
        "{text}"
    );
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn ctrl_s_creates_the_run_and_opens_it() {
    let (_d, mut app) = filled();
    app.update(Action::Save);
    assert!(app.top_as::<Dashboard>().is_some(), "the run view is on top");
    let text = screen_text(&mut app, 120, 40);
    assert!(text.contains("Run #3 created"), "{text}");
}

#[test]
fn esc_cancels_and_nothing_is_created() {
    let (_d, mut app) = reopened_demo_app();
    let before = app.svc.runs(&app.project).unwrap().len();
    app.update(Action::NewRun);
    app.update(Action::Save);
    assert!(app.top_as::<NewRunScreen>().is_some(), "no case: the form stays");
    app.update(Action::Back);
    assert!(app.top_as::<Home>().is_some());
    assert_eq!(app.svc.runs(&app.project).unwrap().len(), before);
}

#[test]
fn the_choices_come_back_with_the_draft() {
    let (d, mut app) = reopened_demo_app();
    app.update(Action::NewRun);
    app.update(Action::NextField);
    app.update(Action::NextField);
    app.update(Action::OptionNext); // an environment
    app.update(Action::NextField);
    app.update(Action::OptionNext); // a milestone
    app.update(Action::NextField);
    app.update(Action::Select); // Browser: Chrome
    app.update(Action::Down);
    app.update(Action::OptionNext);
    app.update(Action::Select); // OS: macOS
    for a in [Action::NextField; 3] {
        app.update(a); // tags, cases from, suites
    }
    app.update(Action::Down);
    app.update(Action::Select); // Password reset, under Authentication
    app.update(Action::NextField);
    app.update(Action::OptionNext);
    app.update(Action::Select); // bob
    let form = |app: &mut App| screen_text(app, 80, 24).lines().take(21).collect::<Vec<_>>().join("\n");
    let before = form(&mut app);
    assert!(
        before.contains("[x] Password reset") && before.contains("[x] bob"),
        "{before}"
    );
    // Quitting (or a signal) writes the draft at once; `n` in the next
    // session brings it back.
    app.save_all();
    let code = app.project.clone();
    drop(app);
    let mut app = reopen(&d, code);
    app.update(Action::NewRun);
    assert_eq!(form(&mut app), before);
    let text = screen_text(&mut app, 80, 24);
    assert!(text.contains("Restored the run you were setting up"), "{text}");
    // Esc drops it: the next form is a fresh one.
    app.update(Action::Back);
    app.update(Action::NewRun);
    let fresh = form(&mut app);
    assert!(fresh.contains("< none >") && !fresh.contains("[x]"), "{fresh}");
}

#[test]
fn the_suite_list_is_the_repository_tree_even_with_a_slash_in_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store"), "alice").unwrap();
    let mut svc = Service::new(store, "alice").with_clock(Arc::new(fixed_now));
    let code = svc.write_demo(fixed_now()).unwrap();
    let account = svc
        .suites(&code)
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Account")
        .unwrap();
    svc.create_suite(&code, "Addresses", Some(account.id), "").unwrap();
    drop(svc);
    // A top-level suite whose name holds " / ", as stores written before
    // names were checked (the old demo's "Admin / Orders") have.
    let store = Store::open(&dir.path().join("store"), "alice").unwrap();
    let mut batch = stepwise::store::Batch::new();
    let suite = stepwise::domain::Suite {
        id: 1000,
        parent: None,
        name: "Admin / Refunds".into(),
        description: String::new(),
    };
    batch.put(stepwise::store::keys::numbered(&code, 1000), &suite);
    store.commit(batch).unwrap();
    drop(store);
    let mut app = reopen(&dir, code);
    app.update(Action::NewRun);
    let text = screen_text(&mut app, 120, 40);
    let row = |name: &str| {
        let line = text
            .lines()
            .find(|l| l.contains(&format!("[ ] {name}")))
            .unwrap_or_else(|| panic!("{text}"));
        line.find("[ ]").unwrap()
    };
    // At the top level like "Account", not nested under it.
    assert_eq!(row("Admin / Refunds"), row("Account"), "{text}");
    assert_eq!(row("Addresses"), row("Account") + 2, "{text}");
}

#[test]
fn a_narrow_form_cuts_its_rows_with_a_sign() {
    let (_d, mut app) = filled();
    let text = screen_text(&mut app, 40, 12);
    let configs = text
        .lines()
        .find(|l| l.contains("Configs"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(configs.ends_with("[x]…│"), "{configs}");
}
