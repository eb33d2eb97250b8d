//! Nothing recorded by accident (issue 10, "Trust"): `Esc` never records,
//! status keys typed ahead of an automatic move never record on the test
//! moved to, and a closed run's wizard says it takes no results before any
//! key. The pseudo-terminal tests use the helpers of `tests/wizard.rs`; the
//! in-process ones drive the app on a demo store with a scripted clock.

use super::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use stepwise::domain::{ProjectCode, ResultStatus, RunNo};
use stepwise::service::Service;
use stepwise::store::Store;
use stepwise::tui::action::Action;
use stepwise::tui::screen::Clock;
use stepwise::tui::theme::{ColorMode, Theme};
use stepwise::tui::{App, Start};

// ------------------------------------------------------------ Esc, in a pty

/// A slip of `f`, then the reflexive `Esc`: nothing is recorded and no
/// defect filed; the comment stays as the test's draft. Recording without
/// a defect is unticking "File a defect", then `Ctrl-S`, as the dialog's
/// footer says.
#[test]
fn esc_in_the_failure_dialog_records_nothing_and_keeps_the_draft() {
    let store = demo_store();
    let before = tests(&store);
    let mut t = wizard(&store);
    fail_step_two(&mut t);
    expect_flat(&t, "untick File a defect: none  Esc cancel");
    type_text(&mut t, "no defect for this one");
    t.key_esc();
    t.wait_until("the dialog closed", WAIT, |s| !s.contains("Record: failed"))
        .unwrap();
    expect_notice(&t, "Nothing recorded");
    on_test(&t, FIRST_UNTESTED, "DEMO-4");
    t.expect("Whole test: untested  (0 result(s))");
    page_down_to(&mut t, "Comment: no defect for this one");
    quit(t);
    // Nothing reached the store but the draft.
    assert_eq!(tests(&store), before, "Esc recorded something");
    assert_eq!(linked_defects(&store), ["D-1"]);

    // The explicit way: `f` (the comment comes back from the draft), Tab
    // to "File a defect", Space unticks it, Ctrl-S records the failure alone.
    let mut t = wizard(&store);
    t.send("f");
    t.expect("Record: failed");
    t.wait_until("the comment prefilled", WAIT, |s| {
        s.lines().any(|l| l.contains("Comment    no defect for this one"))
    })
    .unwrap();
    t.send(&key::TAB.repeat(2));
    t.send(" ");
    t.expect("[ ] File a defect");
    expect_flat(&t, "Ctrl-S record without a defect");
    t.send(key::CTRL_S);
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    expect_notice(&t, "failed recorded on DEMO-4");
    assert!(!notice(&t).contains("defect"), "notice: {}", notice(&t));
    quit(t);

    let test = &tests(&store)[FIRST_UNTESTED];
    assert_test(test, "DEMO-4", "Firefox", "failed");
    let r = only_result(test);
    assert_eq!(r["comment"], "no defect for this one");
    assert_eq!(r["defects"], serde_json::json!([]));
    assert_eq!(linked_defects(&store), ["D-1"]);
}

/// `Esc` in the defect dialog of a tested test (`d`) files nothing either.
#[test]
fn esc_in_the_defect_dialog_files_nothing() {
    let store = demo_store();
    let mut t = open_run(&store, 2, &[], &[]);
    t.key_enter();
    on_test(&t, 0, "DEMO-1");
    t.send("d");
    t.expect("Defect for the latest result");
    t.key_esc();
    t.wait_until("the dialog closed", WAIT, |s| !s.contains("Defect for the latest"))
        .unwrap();
    expect_notice(&t, "Nothing recorded");
    quit(t);
    assert_eq!(linked_defects(&store), ["D-1"]);
    let defects = cli_json(store.path(), &["defects"]);
    assert_eq!(defects.as_array().map(Vec::len), Some(1), "{defects:#}");
}

// ------------------------------------------------- type-ahead, in a pty

/// The race users report against web tools, on the real terminal: `j` and
/// six `p` in one burst on DEMO-4 (4 steps). The steps pass, auto passed
/// records the test and the wizard moves to DEMO-6; the two extra `p` were
/// typed before DEMO-6 was shown and record nothing. A `p` pressed once
/// DEMO-6 has been read does record.
#[test]
fn a_burst_typed_ahead_never_records_on_the_next_test() {
    let store = demo_store();
    let before = tests(&store);
    let mut t = wizard(&store);
    t.send("jpppppp");
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    expect_notice(&t, "ignored p p: typed before DEMO-6 was shown");
    assert!(notice(&t).contains("passed recorded on DEMO-4"), "{}", notice(&t));
    t.expect("Whole test: untested");
    t.expect("10/28 done");

    // Deliberate work: DEMO-6 read, then one key.
    std::thread::sleep(Duration::from_millis(500));
    t.send("p");
    expect_notice(&t, "passed recorded on DEMO-6");
    t.expect("11/28 done");
    quit(t);
    let after = tests(&store);
    let r = only_result(&after[FIRST_UNTESTED]).clone();
    assert_eq!(step_statuses(&r), ["passed"; 4]);
    assert_test(&after[NEXT_UNTESTED], "DEMO-6", "Chrome", "passed");
    for (i, (b, a)) in before.iter().zip(&after).enumerate() {
        if i != FIRST_UNTESTED && i != NEXT_UNTESTED {
            assert_eq!(b, a, "test {i} changed: a typed-ahead key recorded on it");
        }
    }
}

/// On the real terminal: run #1 (completed) says it is closed as soon as
/// its wizard opens, and the footer shows the status keys off.
#[test]
fn a_closed_runs_wizard_says_so_before_any_key() {
    let store = demo_store();
    let mut t = open_run(&store, 1, &[], &[]);
    t.key_enter();
    on_test(&t, 0, "DEMO-1");
    expect_notice(&t, "Run #1 is completed (closed): no result can be recorded");
    t.expect("p f b s off: run closed");
    quit(t);
}

// ------------------------------------------------------------ in-process

fn fixed_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_763_800_000, 0).unwrap()
}

fn unicode() -> Theme {
    Theme {
        color: ColorMode::Named,
        ascii: false,
    }
}

/// An app on a fresh demo store whose type-ahead clock is the returned
/// counter, in milliseconds; the TempDir must outlive the app.
fn demo_app(start: Start, settings: &[(&str, &str)]) -> (tempfile::TempDir, App, Arc<AtomicU64>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store"), "alice").unwrap();
    let mut svc = Service::new(store, "alice").with_clock(Arc::new(fixed_now));
    let code = svc.write_demo(fixed_now()).unwrap();
    let set: Vec<(String, String)> = settings.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    svc.set_settings(&code, &set).unwrap();
    let ms = Arc::new(AtomicU64::new(0));
    let (base, clock) = (Instant::now(), ms.clone());
    let clock = Clock::new(move || base + Duration::from_millis(clock.load(Ordering::SeqCst)));
    let app = App::with_clock(svc, code, start, unicode(), clock).unwrap();
    (dir, app, ms)
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    t
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
    let (_d, mut app, ms) = demo_app(Start::Run(RunNo(2)), &[]);
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
        shown.contains("passed recorded on DEMO-4; ignored p: typed before DEMO-6 was shown"),
        "{shown}"
    );
    assert_eq!(states(&app), moved);
    // The frame above was drawn at 0 ms: 299 ms later is still too early,
    // and that ignored key holds the guard until 599 ms.
    ms.store(299, Ordering::SeqCst);
    app.update(PASS);
    ms.store(598, Ordering::SeqCst);
    app.update(Action::Mark(ResultStatus::Skipped));
    assert!(text(&mut app).contains("ignored p p s: typed before DEMO-6"));
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

/// Only automatic moves are guarded: a move by `]` is the tester's own.
#[test]
fn a_move_by_the_tester_is_not_guarded() {
    let (_d, mut app, _ms) = demo_app(Start::Run(RunNo(2)), &[]);
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
    let (_d, mut app, _ms) = demo_app(Start::Run(RunNo(1)), &[]);
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
        let (_d, mut app, _ms) = demo_app(Start::Run(RunNo(run)), settings);
        app.update(Action::Open);
        let t = draw(&mut app, 80, 24);
        let screen = t.backend().to_string();
        assert!(!screen.contains("(closed)"), "run {run}: {screen}");
        let footer = row(&t, 23);
        assert!(footer.starts_with("p pass  f fail"), "run {run}: {footer}");
    }
}
