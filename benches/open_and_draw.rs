//! Opening a 20,000-case store and drawing the home screen and the run
//! dashboard (20,000 tests) on an 80x24 TestBackend; moving, filtering,
//! searching and switching tabs on the dashboard; the wizard's keys.
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

/// Open the store straight into the dashboard of the 20,000-test run: its
/// first frame (summary, donut, counts; the rows are read right after).
#[divan::bench(sample_count = 10)]
fn open_and_first_frame_dashboard() {
    let svc = Service::new(Store::open(store_dir(), "bench").expect("store"), "bench");
    let mut app = App::new(svc, code(), Start::Run(RunNo(1)), Theme::plain()).expect("app");
    draw(&mut app);
}

/// The same, then the 20,000 rows read and the list drawn.
#[divan::bench(sample_count = 10)]
fn open_and_dashboard_with_every_row() {
    let svc = Service::new(Store::open(store_dir(), "bench").expect("store"), "bench");
    let mut app = App::new(svc, code(), Start::Run(RunNo(1)), Theme::plain()).expect("app");
    draw(&mut app);
    app.after_frame();
    draw(&mut app);
}

/// A dashboard with every row read, ready for keys.
fn dashboard() -> App {
    let svc = Service::new(Store::open(store_dir(), "bench").expect("store"), "bench");
    let mut app = App::new(svc, code(), Start::Run(RunNo(1)), Theme::plain()).expect("app");
    draw(&mut app);
    app.after_frame();
    draw(&mut app);
    app
}

/// One cursor move on the dashboard, then the frame.
#[divan::bench(sample_count = 50)]
fn dashboard_move(bencher: divan::Bencher) {
    let mut app = dashboard();
    bencher.bench_local(|| {
        app.update(Action::Down);
        draw(&mut app);
    });
}

/// The status filter's next step (over 20,000 rows), then the frame.
#[divan::bench(sample_count = 50)]
fn dashboard_filter(bencher: divan::Bencher) {
    let mut app = dashboard();
    bencher.bench_local(|| {
        app.update(Action::FilterStatus);
        draw(&mut app);
    });
}

/// The next tab (Tests, Defects, Team, Timeline in turn), then the frame.
#[divan::bench(sample_count = 50)]
fn dashboard_tab_switch(bencher: divan::Bencher) {
    let mut app = dashboard();
    bencher.bench_local(|| {
        app.update(Action::NextTab);
        draw(&mut app);
    });
}

/// One more letter of a fuzzy search over 20,000 rows, then the frame.
#[divan::bench(sample_count = 30)]
fn dashboard_search_letter(bencher: divan::Bencher) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = dashboard();
    app.update(Action::Search);
    let mut letters = "checkout".chars().cycle();
    let mut typed = 0;
    bencher.bench_local(|| {
        if typed == 8 {
            for _ in 0..8 {
                app.on_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            }
            typed = 0;
        }
        let c = letters.next().unwrap_or('c');
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        typed += 1;
        draw(&mut app);
    });
}

/// The wizard on the 20,000-test run: moving the focus to the next step,
/// then the frame (the keystroke a tester makes most).
#[divan::bench(sample_count = 50)]
fn wizard_focus_key_to_frame(bencher: divan::Bencher) {
    let mut app = dashboard();
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
    let mut app = dashboard();
    app.update(Action::OpenWizard);
    draw(&mut app);
    bencher.bench_local(|| {
        app.update(Action::Mark(stepwise::domain::ResultStatus::Passed));
        draw(&mut app);
    });
}
