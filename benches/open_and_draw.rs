//! Opening a 20,000-case store and drawing the home screen and the run view
//! (20,000 tests) on an 80x24 TestBackend.
//!
//! cargo bench --bench open_and_draw
//! (BENCH_CASES=N changes the size; the store is built once per process.)

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use std::sync::OnceLock;
use stepwise::domain::{ProjectCode, RunNo};
use stepwise::service::Service;
use stepwise::store::Store;
use stepwise::tui::action::Action;
use stepwise::tui::theme::Theme;
use stepwise::tui::{App, Start};

fn main() {
    divan::main();
}

fn cases() -> usize {
    std::env::var("BENCH_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

/// A store with project LOAD (N cases, one run over all of them).
fn store_dir() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("store");
        let started = std::time::Instant::now();
        let mut svc = Service::new(Store::open(&dir, "bench").expect("store"), "bench");
        svc.write_synthetic(cases(), chrono::Utc::now())
            .expect("synthetic project");
        eprintln!("built a {}-case store in {:.2?}", cases(), started.elapsed());
        (tmp, dir)
    })
    .1
}

fn code() -> ProjectCode {
    ProjectCode::parse("LOAD").expect("code")
}

fn draw(app: &mut App) {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| app.render(f)).expect("draw");
}

/// Open the store and draw the first frame of the home screen.
#[divan::bench(sample_count = 10)]
fn open_and_first_frame_home() {
    let svc = Service::new(Store::open(store_dir(), "bench").expect("store"), "bench");
    let mut app = App::new(svc, code(), Start::Home, Theme::plain()).expect("app");
    draw(&mut app);
}

/// Open the store straight into the run view of the 20,000-test run.
#[divan::bench(sample_count = 10)]
fn open_and_first_frame_run_view() {
    let svc = Service::new(Store::open(store_dir(), "bench").expect("store"), "bench");
    let mut app = App::new(svc, code(), Start::Run(RunNo(1)), Theme::plain()).expect("app");
    draw(&mut app);
}

/// One cursor move in the run view, then the frame.
#[divan::bench(sample_count = 50)]
fn move_and_draw_run_view(bencher: divan::Bencher) {
    let svc = Service::new(Store::open(store_dir(), "bench").expect("store"), "bench");
    let mut app = App::new(svc, code(), Start::Run(RunNo(1)), Theme::plain()).expect("app");
    draw(&mut app);
    bencher.bench_local(|| {
        app.update(Action::Down);
        draw(&mut app);
    });
}

/// The wizard on the 20,000-test run: moving the focus to the next step,
/// then the frame (the keystroke a tester makes most).
#[divan::bench(sample_count = 50)]
fn wizard_focus_key_to_frame(bencher: divan::Bencher) {
    let svc = Service::new(Store::open(store_dir(), "bench").expect("store"), "bench");
    let mut app = App::new(svc, code(), Start::Run(RunNo(1)), Theme::plain()).expect("app");
    app.update(Action::OpenWizard);
    draw(&mut app);
    bencher.bench_local(|| {
        app.update(Action::Down);
        app.update(Action::Up);
        draw(&mut app);
    });
}

/// The wizard on the 20,000-test run: `p` with fast pass records a result
/// (one transaction, flushed), moves to the next untested test, and draws.
#[divan::bench(sample_count = 30)]
fn wizard_pass_key_to_frame(bencher: divan::Bencher) {
    let svc = Service::new(Store::open(store_dir(), "bench").expect("store"), "bench");
    let mut app = App::new(svc, code(), Start::Run(RunNo(1)), Theme::plain()).expect("app");
    app.update(Action::OpenWizard);
    draw(&mut app);
    bencher.bench_local(|| {
        app.update(Action::Mark(stepwise::domain::ResultStatus::Passed));
        draw(&mut app);
    });
}
