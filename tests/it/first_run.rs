//! The TUI on a store with no project yet, in process: the first-run
//! screen says so, creates the first project with the rules of `project
//! new` (a refusal shown under the field at fault, nothing written), then
//! gives way to the app on it; q and Esc quit. Render snapshots at 80x24
//! and 40x12.

use crate::support::{fixed_now, unicode, utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use stepwise::domain::ProjectCode;
use stepwise::service::Service;
use stepwise::store::Store;
use stepwise::tui::first_run::{self, Field, Front, Stage};
use stepwise::tui::harness::key_events;
use stepwise::tui::screen::Clock;
use stepwise::tui::{Start, screens::home::Home};

/// A store with no project, and the front the TUI opens on it.
fn fresh() -> (tempfile::TempDir, Front) {
    utc();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store"), "alice").unwrap();
    let svc = Service::new(store, "alice").with_clock(Arc::new(fixed_now));
    let project = first_run::project_to_open(&svc, None, Start::Home).unwrap();
    assert_eq!(project, None, "an empty store opens on the first-run screen");
    let front = Front::with_clock(svc, project, Start::Home, unicode(), Clock::system()).unwrap();
    (dir, front)
}

fn keys(front: &mut Front, keys: &str) {
    for ev in key_events(keys) {
        front.on_key(ev);
    }
}

fn text(front: &mut Front, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| front.render(f)).unwrap();
    let buffer = t.backend().buffer();
    let cells: Vec<&str> = buffer.content().iter().map(|c| c.symbol()).collect();
    cells
        .chunks(w as usize)
        .map(|row| row.concat().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The frame with the temporary store's path made a fixed one.
fn snapshot_text(front: &mut Front, w: u16, h: u16) -> String {
    let Front::FirstRun(f) = front else {
        panic!("the first-run screen")
    };
    f.store = "/home/ann/.local/share/stepwise".into();
    text(front, w, h)
}

fn first_run(front: &Front) -> &first_run::FirstRun {
    front.first_run().expect("still the first-run screen")
}

fn projects(front: &Front) -> usize {
    match front {
        Front::FirstRun(_) => 0,
        Front::App(app) => app.svc.projects().unwrap().len(),
    }
}

#[test]
fn a_named_project_or_a_store_with_one_opens_the_app_not_the_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store"), "alice").unwrap();
    let svc = Service::new(store, "alice");
    // Named, on an empty store: the service's refusal, as before.
    let err = first_run::project_to_open(&svc, Some("SHOP"), Start::Home).unwrap_err();
    assert!(err.to_string().contains("SHOP"), "{err}");
    // A run to open needs a project that holds it.
    let err = first_run::project_to_open(&svc, None, Start::Run(stepwise::domain::RunNo(1))).unwrap_err();
    assert!(err.to_string().contains("no project yet"), "{err}");
    svc.create_project("SHOP", "Shop").unwrap();
    let code = first_run::project_to_open(&svc, None, Start::Home).unwrap();
    assert_eq!(code, Some(ProjectCode::parse("SHOP").unwrap()));
}

#[test]
fn the_first_project_is_created_in_the_tui_and_the_app_opens_on_it() {
    let (dir, mut front) = fresh();
    let shown = text(&mut front, 80, 24);
    assert!(shown.contains("This store holds no project yet"), "{shown}");
    assert!(
        shown.contains(&format!("Store: {}", dir.path().join("store").display())),
        "{shown}"
    );
    assert!(
        shown.contains("Enter new project") && shown.contains("q quit"),
        "{shown}"
    );
    keys(&mut front, "<Enter>");
    assert_eq!(first_run(&front).stage, Stage::Form);
    // Letters are text now, q too.
    keys(&mut front, "shop<Enter>");
    assert_eq!(first_run(&front).focus, Field::Title);
    keys(&mut front, "Shop web<Enter>");
    let app = front.app().expect("the app, on the new project");
    assert_eq!(app.project.as_str(), "SHOP");
    assert!(app.top_as::<Home>().is_some(), "on the runs tab");
    let project = app.svc.project(&app.project).unwrap();
    assert_eq!(project.title, "Shop web");
    let shown = text(&mut front, 80, 24);
    assert!(shown.contains(" SHOP "), "{shown}");
    assert!(shown.contains("Project SHOP created"), "{shown}");
    // Remembered as the project last used.
    let Front::App(app) = &front else { unreachable!() };
    assert_eq!(
        app.svc.resolve_project(None).unwrap(),
        ProjectCode::parse("SHOP").unwrap()
    );
}

#[test]
fn a_bad_code_is_refused_under_the_code_and_nothing_is_written() {
    let (_dir, mut front) = fresh();
    keys(&mut front, "<Enter>1x<Enter>");
    let f = first_run(&front);
    assert_eq!(f.focus, Field::Code, "Enter stays on the code");
    let (field, why) = f.error.clone().expect("a refusal");
    assert_eq!(field, Field::Code);
    assert!(why.contains("invalid project code '1x'"), "{why}");
    let shown = text(&mut front, 80, 24);
    assert!(shown.contains("invalid project code '1x'"), "{shown}");
    // Typing in the field at fault clears its refusal.
    keys(&mut front, "<BS><BS>");
    assert_eq!(first_run(&front).error, None);
    // A good code, then no title: the title's refusal, under the title.
    keys(&mut front, "SHOP<Enter><Enter>");
    let f = first_run(&front);
    let (field, why) = f.error.clone().expect("a refusal");
    assert_eq!((field, why.as_str()), (Field::Title, "a project needs a title"));
    assert_eq!(f.focus, Field::Title);
    assert_eq!(projects(&front), 0);
    // Up goes back to the code, whose text stayed.
    keys(&mut front, "<Up>");
    assert_eq!(first_run(&front).focus, Field::Code);
    assert_eq!(first_run(&front).code.text(), "SHOP");
    keys(&mut front, "<Tab>Shop<Enter>");
    assert!(front.app().is_some(), "created once both are right");
}

#[test]
fn q_and_esc_quit_from_the_welcome_and_esc_leaves_the_form_first() {
    let (_dir, mut front) = fresh();
    keys(&mut front, "q");
    assert!(front.quit());
    let (_dir, mut front) = fresh();
    keys(&mut front, "n");
    assert_eq!(first_run(&front).stage, Stage::Form);
    keys(&mut front, "qa<Esc>");
    assert!(!front.quit(), "Esc in the form goes back, q was text");
    assert_eq!(first_run(&front).stage, Stage::Welcome);
    assert_eq!(first_run(&front).code.text(), "qa", "the typed text stays");
    keys(&mut front, "<Esc>");
    assert!(front.quit());
    assert_eq!(projects(&front), 0);
    let (_dir, mut front) = fresh();
    keys(&mut front, "<Enter><C-c>");
    assert!(front.quit(), "Ctrl-C quits from the form");
}

#[test]
fn render_welcome_80x24() {
    let (_dir, mut front) = fresh();
    insta::assert_snapshot!(snapshot_text(&mut front, 80, 24));
}

#[test]
fn render_welcome_40x12() {
    let (_dir, mut front) = fresh();
    insta::assert_snapshot!(snapshot_text(&mut front, 40, 12));
}

#[test]
fn render_form_80x24() {
    let (_dir, mut front) = fresh();
    keys(&mut front, "<Enter>SHOP<Enter>Shop web");
    insta::assert_snapshot!(snapshot_text(&mut front, 80, 24));
}

#[test]
fn render_form_with_a_refused_code_40x12() {
    let (_dir, mut front) = fresh();
    keys(&mut front, "<Enter>shop-1<Enter>");
    let shown = snapshot_text(&mut front, 40, 12);
    // The refusal and both fields fit: the explanation gave way.
    assert!(shown.contains("Code") && shown.contains("Title"), "{shown}");
    assert!(shown.contains("starting with a letter"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn render_form_with_a_refused_code_80x24() {
    let (_dir, mut front) = fresh();
    keys(&mut front, "<Enter>shop-1<Enter>");
    insta::assert_snapshot!(snapshot_text(&mut front, 80, 24));
}
