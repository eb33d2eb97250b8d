//! The new-run screen end to end, in a pseudo-terminal: `n` on the runs
//! tab, values from two configuration groups and a suite, Ctrl-S; then the
//! store agrees through `run show --json`: tests = cases x combinations.
//! And the form's draft: what was typed survives SIGHUP, Esc drops it.

use crate::e2e;

use e2e::{Tui, WAIT, cli_json, demo_store, key};
use std::time::Duration;

fn settle(t: &Tui, what: &str, pred: impl Fn(&str) -> bool) {
    t.wait_until(what, WAIT, pred).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_run_from_a_suite_with_two_configuration_groups() {
    let store = demo_store();
    let dir = store.path();
    let runs_before = cli_json(dir, &["runs"]).as_array().unwrap().len();
    let cases = cli_json(dir, &["cases", "--query", "suite = Account"])
        .as_array()
        .unwrap()
        .len();
    assert!(cases > 0);
    let mut t = Tui::spawn(&["--store", dir.to_str().unwrap()], &[], 80, 24);
    t.expect("Release 2.4 regression");
    t.send("n");
    settle(&t, "the new-run form", |s| {
        s.contains("New run") && s.contains("Cases from")
    });
    // Title, description, environment, milestone: on to the configurations.
    t.send("\t\t\t\t");
    settle(&t, "configurations focused", |s| s.contains("Left/Right: value"));
    t.send(" l "); // Browser: Chrome and Firefox
    t.send("j l "); // OS: Linux and macOS
    settle(&t, "four combinations", |s| s.contains("× 4 combinations"));
    // Tags, cases from (suites), the suite list.
    t.send("\t\t\t");
    settle(&t, "the suite list focused", |s| s.contains("Up/Down: suite"));
    // The list is the repository's tree: "Account" comes after
    // Authentication, Catalog & Search, Cart and Checkout (and their three
    // sub-suites).
    t.send("jjjjjjj ");
    settle(&t, "a suite ticked", |s| s.contains("[x] Account"));
    settle(&t, "the totals", |s| {
        s.contains(&format!("{cases} cases × 4 combinations = {} tests", cases * 4))
    });
    t.send("\x13"); // Ctrl-S
    settle(&t, "the run opened", |s| {
        s.contains(&format!("Run #{} created", runs_before + 1))
    });
    t.send("q");
    t.wait_exit(WAIT);
    let no = (runs_before + 1).to_string();
    let run = cli_json(dir, &["run", "show", &no]);
    let tests = run["tests"].as_array().unwrap();
    assert_eq!(tests.len(), cases * 4, "tests = cases x combinations");
    let mut configs: Vec<&str> = tests.iter().map(|t| t["config"].as_str().unwrap()).collect();
    configs.sort_unstable();
    configs.dedup();
    assert_eq!(
        configs,
        ["Chrome / Linux", "Chrome / macOS", "Firefox / Linux", "Firefox / macOS"]
    );
}

/// Starts stepwise on `store` and opens the new-run form.
fn open_form(store: &std::path::Path) -> Tui {
    let mut t = Tui::spawn(&["--store", store.to_str().unwrap()], &[], 80, 24);
    t.expect("Release 2.4 regression");
    t.send("n");
    settle(&t, "the new-run form", |s| {
        s.contains("New run") && s.contains("Cases from")
    });
    t
}

/// Ends the TUI with SIGHUP: the conventional exit code 128 + 1.
fn hang_up(mut t: Tui) {
    t.signal(libc::SIGHUP);
    let exit = t.exited();
    assert_eq!(exit.code, 129, "{exit:?}");
}

/// Title and description typed, the date backspaced away first.
fn type_title_and_description(t: &mut Tui, title: &str) {
    t.send(&"\x7f".repeat(10));
    t.send(title);
    t.send(key::TAB);
    t.send("Typed before the line dropped");
    settle(t, "the typed text", |s| {
        s.contains(title) && s.contains("Typed before the line dropped")
    });
}

#[test]
fn the_typed_form_survives_sighup_and_esc_drops_it() {
    let store = demo_store();
    let dir = store.path();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let mut t = open_form(dir);
    t.expect(&today);
    type_title_and_description(&mut t, "Nightly smoke on staging");
    // Past the debounce: the slow tick writes the draft.
    std::thread::sleep(Duration::from_millis(1500));
    hang_up(t);

    let mut t = open_form(dir);
    settle(&t, "the draft restored", |s| {
        s.contains("Restored the run you were setting up")
            && s.contains("Nightly smoke on staging")
            && s.contains("Typed before the line dropped")
    });
    t.key_esc();
    settle(&t, "the form closed", |s| !s.contains("Cases from"));
    t.send("q");
    t.exited();

    let mut t = open_form(dir);
    t.expect(&today);
    let screen = t.screen();
    assert!(!screen.contains("Nightly smoke on staging"), "{screen}");
    assert!(!screen.contains("Restored"), "{screen}");
    t.key_esc();
    settle(&t, "the form closed", |s| !s.contains("Cases from"));
    t.send("q");
    t.exited();
}

#[test]
fn sighup_right_after_typing_still_keeps_the_draft() {
    let store = demo_store();
    let dir = store.path();
    let mut t = open_form(dir);
    type_title_and_description(&mut t, "Typed and hung up at once");
    hang_up(t);

    let mut t = open_form(dir);
    settle(&t, "the draft restored", |s| s.contains("Typed and hung up at once"));
    // Title to "Cases from", then back from suites to all cases; created,
    // the draft goes with the form.
    t.send(&key::TAB.repeat(6));
    t.send(key::LEFT);
    settle(&t, "all cases", |s| s.contains("< all cases >"));
    t.send(key::CTRL_S);
    settle(&t, "the run created", |s| s.contains("created"));
    t.send("q");
    t.exited();
    let runs = cli_json(dir, &["runs"]);
    assert!(runs.to_string().contains("Typed and hung up at once"), "{runs}");

    let t = open_form(dir);
    let screen = t.screen();
    assert!(!screen.contains("Typed and hung up at once"), "{screen}");
}
