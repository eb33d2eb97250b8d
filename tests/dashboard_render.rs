//! Render snapshots of the run dashboard (the demo's run #2 at a fixed
//! time): every tab at 80x24 and 120x40, the ASCII donut, a filter with a
//! selection, the bulk and run menus, and a tiny terminal.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use stepwise::domain::RunNo;
use stepwise::service::Service;
use stepwise::store::Store;
use stepwise::tui::action::Action;
use stepwise::tui::theme::{ColorMode, Theme};
use stepwise::tui::{App, Start};

fn fixed_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_763_800_000, 0).unwrap()
}

fn theme(ascii: bool) -> Theme {
    Theme {
        color: ColorMode::Named,
        ascii,
    }
}

/// The dashboard of the demo's active run; the TempDir must outlive it.
fn dashboard(ascii: bool) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store"), "alice").unwrap();
    let mut svc = Service::new(store, "alice").with_clock(Arc::new(fixed_now));
    let code = svc.write_demo(fixed_now()).unwrap();
    let app = App::new(svc, code, Start::Run(RunNo(2)), theme(ascii)).unwrap();
    (dir, app)
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    t
}

fn text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let area = buf.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_tab_at_80x24_and_120x40() {
    let (_d, mut app) = dashboard(false);
    for tab in ["tests", "defects", "team", "timeline"] {
        insta::assert_snapshot!(format!("{tab}_80x24"), draw(&mut app, 80, 24).backend());
        insta::assert_snapshot!(format!("{tab}_120x40"), draw(&mut app, 120, 40).backend());
        app.update(Action::NextTab);
    }
}

#[test]
fn ascii_donut_and_legend() {
    let (_d, mut app) = dashboard(true);
    let t = draw(&mut app, 80, 24);
    let screen = text(&t);
    assert!(screen.is_ascii(), "{screen}");
    // The donut is drawn with the statuses' letters.
    assert!(screen.contains('P') && screen.contains('-'), "{screen}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn filter_selection_and_the_bulk_menu() {
    let (_d, mut app) = dashboard(false);
    // All -> untested -> passed.
    app.update(Action::FilterStatus);
    app.update(Action::FilterStatus);
    app.update(Action::SelectMatching);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("only passed") && screen.contains("selected"),
        "{screen}"
    );
    assert!(!screen.contains("untested DEMO"), "{screen}");
    app.update(Action::BulkMenu);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn run_menu_at_120x40() {
    let (_d, mut app) = dashboard(false);
    app.update(Action::RunMenu);
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn a_tiny_terminal_keeps_the_counts_and_the_list() {
    let (_d, mut app) = dashboard(false);
    let screen = text(&draw(&mut app, 40, 12));
    assert!(screen.contains("9/28"), "{screen}");
    assert!(screen.contains("DEMO-1"), "{screen}");
}
