//! The new-run screen end to end, in a pseudo-terminal: `n` on the runs
//! tab, values from two configuration groups and a suite, Ctrl-S; then the
//! store agrees through `run show --json`: tests = cases x combinations.

mod e2e;

use e2e::{Tui, WAIT, cli_json, demo_store};

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
    // The second suite in the list is the demo's "Account".
    t.send("j ");
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
