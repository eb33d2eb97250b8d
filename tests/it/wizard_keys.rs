//! Nothing recorded by accident (issue 10, "Trust"), in process: the app
//! on a demo store with a scripted clock. Status keys typed ahead of an
//! automatic move never record on the test moved to, and a closed run's
//! wizard says it takes no results before any key. The same rules on the
//! real terminal are `tests/pty/wizard/wizard_keys.rs`.

use crate::e2e::{FIRST_UNTESTED, NEXT_UNTESTED, flat};
use crate::support::{demo_service, draw, unicode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use stepwise::domain::{ProjectCode, ResultStatus, RunNo};
use stepwise::tui::action::Action;
use stepwise::tui::screen::Clock;
use stepwise::tui::{App, Start};

/// An app on a fresh demo store whose type-ahead clock is the returned
/// counter, in milliseconds; the TempDir must outlive the app.
fn app_on_a_clock(start: Start, settings: &[(&str, &str)]) -> (tempfile::TempDir, App, Arc<AtomicU64>) {
    let dir = tempfile::tempdir().unwrap();
    let (svc, code) = demo_service(dir.path());
    let set: Vec<(String, String)> = settings.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    svc.set_settings(&code, &set).unwrap();
    let ms = Arc::new(AtomicU64::new(0));
    let (base, clock) = (Instant::now(), ms.clone());
    let clock = Clock::new(move || base + Duration::from_millis(clock.load(Ordering::SeqCst)));
    let app = App::with_clock(svc, code, start, unicode(), clock).unwrap();
    (dir, app, ms)
}

/// Row `y` of a drawn frame as text.
fn row(t: &Terminal<TestBackend>, y: u16) -> String {
    let b = t.backend().buffer();
    (0..b.area.width).map(|x| b[(x, y)].symbol()).collect()
}

fn text(app: &mut App) -> String {
    flat(&draw(app, 80, 24).backend().to_string())
}

/// The statuses of run #2's tests, in order.
fn states(app: &App) -> Vec<String> {
    let code = ProjectCode::parse("DEMO").unwrap();
    app.svc
        .tests(&code, 2)
        .unwrap()
        .iter()
        .map(|t| format!("{:?}", t.state()))
        .collect()
}

const PASS: Action = Action::Mark(ResultStatus::Passed);

/// The guard reads the app's clock: keys before the frame with DEMO-6,
/// and within 300 ms of it or of the last ignored key, are ignored; the
/// first key after that records, and so does one key per test read.
#[test]
fn typed_ahead_keys_wait_for_the_frame_and_the_guard_interval() {
    let (_d, mut app, ms) = app_on_a_clock(Start::Run(RunNo(2)), &[]);
    app.update(Action::OpenWizard);
    draw(&mut app, 80, 24);
    app.update(Action::Down);
    for _ in 0..4 {
        app.update(PASS);
    }
    let moved = states(&app);
    assert!(moved[FIRST_UNTESTED].contains("Passed"), "{moved:?}");
    // Before any frame showed DEMO-6.
    app.update(PASS);
    let shown = text(&mut app);
    assert!(shown.contains("test 11/28"), "{shown}");
    assert!(
        shown.contains("passed recorded on DEMO-4; ignored p: typed before DEMO-6 (Chrome) was shown"),
        "{shown}"
    );
    assert_eq!(states(&app), moved);
    // The frame above was drawn at 0 ms: 299 ms later is still too early,
    // and that ignored key holds the guard until 599 ms.
    ms.store(299, Ordering::SeqCst);
    app.update(PASS);
    ms.store(598, Ordering::SeqCst);
    app.update(Action::Mark(ResultStatus::Skipped));
    assert!(text(&mut app).contains("ignored p p s: typed before DEMO-6 (Chrome)"));
    assert_eq!(states(&app), moved);
    // Late enough: recorded on DEMO-6, and the wizard moves on again.
    ms.store(898, Ordering::SeqCst);
    app.update(PASS);
    let now = states(&app);
    assert!(now[NEXT_UNTESTED].contains("Passed"), "{now:?}");
    // Deliberate fast work: the next test drawn, one key 300 ms later.
    let next = now.iter().position(|s| s.contains("Untested")).unwrap();
    ms.store(1000, Ordering::SeqCst);
    draw(&mut app, 80, 24);
    ms.store(1300, Ordering::SeqCst);
    app.update(PASS);
    assert!(states(&app)[next].contains("Passed"), "{:?}", states(&app));
}

/// The redirect after a fast pass is guarded too, and the notice names
/// the test with its configuration: DEMO-6 Chrome passed, the wizard moves
/// to DEMO-6 Firefox, and the second `p` of `p p` records nothing there.
#[test]
fn a_fast_pass_redirect_is_guarded_and_names_the_configuration() {
    let (_d, mut app, ms) = app_on_a_clock(Start::Run(RunNo(2)), &[("fast_pass", "true")]);
    app.update(Action::OpenWizard);
    draw(&mut app, 80, 24);
    app.update(PASS);
    assert!(states(&app)[FIRST_UNTESTED].contains("Passed"), "{:?}", states(&app));
    // DEMO-6 Chrome, read for 300 ms, passed: the wizard moves to DEMO-6
    // Firefox; the second key of `p p` is ignored there.
    draw(&mut app, 80, 24);
    ms.store(300, Ordering::SeqCst);
    app.update(PASS);
    let moved = states(&app);
    assert!(moved[NEXT_UNTESTED].contains("Passed"), "{moved:?}");
    app.update(PASS);
    let shown = text(&mut app);
    assert!(shown.contains("DEMO-6  (Firefox)"), "{shown}");
    assert!(
        shown.contains("passed recorded on DEMO-6; ignored p: typed before DEMO-6 (Firefox) was shown"),
        "{shown}"
    );
    assert_eq!(states(&app), moved);
}

/// Only automatic moves are guarded: a move by `]` is the tester's own.
#[test]
fn a_move_by_the_tester_is_not_guarded() {
    let (_d, mut app, _ms) = app_on_a_clock(Start::Run(RunNo(2)), &[]);
    app.update(Action::OpenWizard);
    app.update(PASS);
    app.update(Action::PrevTest);
    app.update(Action::NextTest);
    app.update(PASS);
    let now = states(&app);
    assert!(now[NEXT_UNTESTED].contains("Passed"), "{now:?}");
}

/// A completed run's wizard says the run is closed before any key, and
/// shows its status keys unavailable in the footer and the help; an active
/// run's does not, nor a closed one that takes results.
#[test]
fn a_closed_runs_wizard_says_so_and_shows_its_status_keys_off() {
    let (_d, mut app, _ms) = app_on_a_clock(Start::Run(RunNo(1)), &[]);
    app.update(Action::Open);
    let t = draw(&mut app, 80, 24);
    let screen = t.backend().to_string();
    let shown = flat(&screen);
    assert!(
        shown.contains("Run #1 is completed (closed): no result can be recorded"),
        "{screen}"
    );
    let footer = row(&t, 23);
    assert!(footer.starts_with("p f b s off: run closed  c comment"), "{footer}");
    let cells = &t.backend().buffer().content[23 * 80..24 * 80];
    assert!(cells[0].modifier.contains(Modifier::CROSSED_OUT), "{:?}", cells[0]);
    assert!(!cells[25].modifier.contains(Modifier::CROSSED_OUT), "c comment struck");
    app.update(Action::Help);
    let help = draw(&mut app, 80, 40).backend().to_string();
    let passed = help
        .lines()
        .find(|l| l.contains("Passed: the whole test"))
        .unwrap_or_default();
    assert!(passed.contains("p (off)"), "{help}");
    assert!(!help.contains("c (off)"), "{help}");

    for (run, settings) in [(2, &[][..]), (1, &[("allow_results_in_closed_runs", "true")][..])] {
        let (_d, mut app, _ms) = app_on_a_clock(Start::Run(RunNo(run)), settings);
        app.update(Action::Open);
        let t = draw(&mut app, 80, 24);
        let screen = t.backend().to_string();
        assert!(!screen.contains("(closed)"), "run {run}: {screen}");
        let footer = row(&t, 23);
        assert!(footer.starts_with("p pass  f fail"), "run {run}: {footer}");
    }
}
