//! What the in-process tests share: one fixed clock, the app on a fresh
//! demo store, a frame drawn at a size. The end-to-end harness (the real
//! binary, `cli`, `Tui`) is `tests/e2e/`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::sync::Arc;
use stepwise::domain::ProjectCode;
use stepwise::service::Service;
use stepwise::store::Store;
use stepwise::tui::theme::{ColorMode, Theme};
use stepwise::tui::{App, Start};

/// The clock of the services under test: 2025-11-22 08:26:40 UTC.
pub fn fixed_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_763_800_000, 0).unwrap()
}

/// Times on the screen are local: snapshots are taken in UTC. This sets
/// `TZ` for the whole test binary (and the processes it starts from then
/// on), once, before the app that called it formats a time.
pub fn utc() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: set once; the standard library's environment lock orders it
    // with every other read of the environment in this process.
    ONCE.call_once(|| unsafe { std::env::set_var("TZ", "UTC") });
}

/// Named colours, box drawing: the theme of most snapshots.
pub fn unicode() -> Theme {
    Theme {
        color: ColorMode::Named,
        ascii: false,
    }
}

/// A service for `alice` on a new store in `dir` (at `dir/store`), on the
/// fixed clock, with the demo project written.
pub fn demo_service(dir: &Path) -> (Service, ProjectCode) {
    let store = Store::open(&dir.join("store"), "alice").unwrap();
    let mut svc = Service::new(store, "alice").with_clock(Arc::new(fixed_now));
    let code = svc.write_demo(fixed_now()).unwrap();
    (svc, code)
}

/// An app on a fresh demo store, times shown in UTC; the TempDir must
/// outlive the app.
pub fn demo_app(start: Start, theme: Theme) -> (tempfile::TempDir, App) {
    utc();
    let dir = tempfile::tempdir().unwrap();
    let (svc, code) = demo_service(dir.path());
    let app = App::new(svc, code, start, theme).unwrap();
    (dir, app)
}

/// One frame of `app` drawn at `w` x `h`.
pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    t
}
