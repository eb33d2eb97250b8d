//! A run's dashboard at 20,000 and 100,000 tests (issue 16): open and the
//! first frame *with the rows of tests*, a cursor move, a page move, the
//! status filter's next step, one more search letter, and recording a
//! result from the dashboard, each followed by its frame on an 80x24
//! TestBackend. The stores are built once per size per process with
//! `demo --cases N`'s generator.
//!
//! cargo bench --bench scale
//! (SCALE_SIZES=20000 limits the sizes; the pseudo-terminal figures beside
//! `less` come from benches/pty_scale.py.)

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use stepwise::domain::{ProjectCode, RunNo};
use stepwise::service::Service;
use stepwise::store::Store;
use stepwise::tui::action::Action;
use stepwise::tui::theme::Theme;
use stepwise::tui::{App, Start};

const SIZES: &[usize] = &[20_000, 100_000];

fn main() {
    divan::main();
}

fn wanted(n: usize) -> bool {
    std::env::var("SCALE_SIZES")
        .map(|v| v.split(',').any(|s| s.trim() == n.to_string()))
        .unwrap_or(true)
}

/// A store with project LOAD (n cases, one run over all of them).
fn store_dir(n: usize) -> PathBuf {
    static DIRS: OnceLock<Mutex<HashMap<usize, (tempfile::TempDir, PathBuf)>>> = OnceLock::new();
    let mut dirs = DIRS.get_or_init(Default::default).lock().expect("dirs");
    dirs.entry(n)
        .or_insert_with(|| {
            let tmp = tempfile::tempdir().expect("temp dir");
            let dir = tmp.path().join("store");
            let started = std::time::Instant::now();
            let mut svc = Service::new(Store::open(&dir, "bench").expect("store"), "bench");
            svc.write_synthetic(n, chrono::Utc::now()).expect("synthetic project");
            eprintln!("built a {n}-case store in {:.2?}", started.elapsed());
            (tmp, dir)
        })
        .1
        .clone()
}

fn code() -> ProjectCode {
    ProjectCode::parse("LOAD").expect("code")
}

fn draw(app: &mut App) {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| app.render(f)).expect("draw");
}

/// Opens the store on the run's dashboard and draws its first frame (a
/// large run's rows come from the head of its list).
fn first_frame(n: usize) -> App {
    let svc = Service::new(Store::open(&store_dir(n), "bench").expect("store"), "bench");
    let mut app = App::new(svc, code(), Start::Run(RunNo(1)), Theme::plain()).expect("app");
    draw(&mut app);
    app
}

/// Opens the store on the run's dashboard and draws until every row is read.
fn open(n: usize) -> App {
    let mut app = first_frame(n);
    while app.after_frame() {
        draw(&mut app);
    }
    app
}

/// Open the store straight into the run's dashboard: the first frame, with
/// the rows of tests (the store just opened: no row chunk decoded yet).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn open_and_first_frame_with_rows(bencher: divan::Bencher, n: usize) {
    if !wanted(n) {
        return;
    }
    store_dir(n);
    bencher.bench_local(|| first_frame(n));
}

/// The same, then every row read and drawn (what follows the first frame
/// before the first key is taken).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn open_and_every_row(bencher: divan::Bencher, n: usize) {
    if !wanted(n) {
        return;
    }
    store_dir(n);
    bencher.bench_local(|| open(n));
}

/// One cursor move, then the frame.
#[divan::bench(args = SIZES, sample_count = 100)]
fn cursor_move(bencher: divan::Bencher, n: usize) {
    if !wanted(n) {
        return;
    }
    let mut app = open(n);
    let mut down = true;
    let mut k = 0;
    bencher.bench_local(|| {
        k += 1;
        if k % 1_000 == 0 {
            down = !down;
        }
        app.update(if down { Action::Down } else { Action::Up });
        draw(&mut app);
    });
}

/// One page move (down, then back up), then the frame.
#[divan::bench(args = SIZES, sample_count = 100)]
fn page_move(bencher: divan::Bencher, n: usize) {
    if !wanted(n) {
        return;
    }
    let mut app = open(n);
    let mut k = 0u64;
    bencher.bench_local(|| {
        k += 1;
        app.update(if k % 2 == 1 { Action::PageDown } else { Action::PageUp });
        draw(&mut app);
    });
}

/// The status filter's next step over every row, then the frame.
#[divan::bench(args = SIZES, sample_count = 50)]
fn status_filter(bencher: divan::Bencher, n: usize) {
    if !wanted(n) {
        return;
    }
    let mut app = open(n);
    bencher.bench_local(|| {
        app.update(Action::FilterStatus);
        draw(&mut app);
    });
}

/// One more letter of the fuzzy search ("checkout" typed again and again,
/// erased after its last letter), then the frame. The first letter reads
/// every row; the next ones narrow the candidates of the text before.
#[divan::bench(args = SIZES, sample_count = 64, sample_size = 1)]
fn search_letter(bencher: divan::Bencher, n: usize) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    if !wanted(n) {
        return;
    }
    let mut app = open(n);
    app.update(Action::Search);
    let word: Vec<char> = "checkout".chars().collect();
    let mut typed = 0;
    bencher.bench_local(|| {
        if typed == word.len() {
            for _ in 0..word.len() {
                app.on_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            }
            typed = 0;
        }
        app.on_key(KeyEvent::new(KeyCode::Char(word[typed]), KeyModifiers::NONE));
        typed += 1;
        draw(&mut app);
    });
}

/// Recording a result on the current test from the dashboard (bulk menu,
/// "Set a result", passed, no time: one transaction, flushed, then only
/// that row read again), a move to the next test, and the frame.
#[divan::bench(args = SIZES, sample_count = 50, sample_size = 1)]
fn record_result(bencher: divan::Bencher, n: usize) {
    if !wanted(n) {
        return;
    }
    let mut app = open(n);
    bencher.bench_local(|| {
        app.update(Action::BulkMenu);
        app.update(Action::Down);
        app.update(Action::Open);
        app.update(Action::Open);
        app.update(Action::Open);
        app.update(Action::Down);
        draw(&mut app);
    });
}
