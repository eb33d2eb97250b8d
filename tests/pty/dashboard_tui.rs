//! The run dashboard end to end, in a pseudo-terminal: a run created from
//! a suite with two configuration groups, then on its dashboard: filter,
//! search, select, bulk-assign, bulk result, complete, clone the failures;
//! the store checked through `--json` after each step that writes.

use crate::e2e;

use e2e::{Tui, WAIT, cli_json, demo_store, key, path_str};

fn tests_of(run: &serde_json::Value) -> Vec<serde_json::Value> {
    run["tests"].as_array().expect("tests").clone()
}

/// Sends keys, then waits for `text` on the screen.
fn step(tui: &mut Tui, keys: &str, text: &str) {
    tui.send(keys);
    if let Err(e) = tui.wait_for(text, WAIT) {
        panic!("after {keys:?}: {e}\n{}", tui.screen());
    }
}

#[test]
fn plan_filter_search_assign_record_complete_and_clone_failures() {
    let store = demo_store();
    let dir = store.path();
    let run = cli_json(
        dir,
        &[
            "run",
            "new",
            "--title",
            "Checkout matrix",
            "--suite",
            "Checkout",
            "--config",
            "Browser=Chrome,Firefox",
            "--config",
            "OS=Linux,macOS",
        ],
    );
    let no = run["number"].as_u64().unwrap().to_string();
    let total = tests_of(&run).len();
    assert!(total >= 8 && total.is_multiple_of(4), "cases x 4 combinations: {total}");

    let mut tui = Tui::spawn(&["--store", path_str(&store), "open", &no], &[], 80, 24);
    tui.expect("Checkout matrix");
    tui.expect(&format!("0/{total}"));
    // Grouped by suite and configuration.
    tui.expect("Checkout · Chrome / Linux");

    // The status filter: all -> untested (everything, here).
    step(&mut tui, "S", "only untested");
    step(&mut tui, "C", "Tests  Defects");
    // Fuzzy search narrows the list; Enter keeps it.
    step(&mut tui, "/", "fuzzy");
    // A quote makes a word match exactly (fzf's syntax); bare words are fuzzy.
    step(&mut tui, "'macOS", "shown");
    let shown = total / 2;
    tui.expect(&format!("{shown} shown"));
    tui.key_enter();

    // Select every test shown and assign them to someone new.
    step(&mut tui, "V", &format!("{shown} selected"));
    step(&mut tui, "B", "Assign to...");
    step(&mut tui, key::ENTER, "Someone else...");
    tui.send(key::END);
    step(&mut tui, key::ENTER, "A user name");
    step(&mut tui, "tester", "tester");
    step(&mut tui, key::ENTER, &format!("{shown} test(s) assigned to tester"));

    // Two tests failed in bulk, ten minutes shared between them.
    step(&mut tui, "U", "Tests  Defects");
    step(&mut tui, "  ", "2 selected");
    step(&mut tui, "B", "Set a result...");
    tui.send(key::DOWN);
    step(&mut tui, key::ENTER, "Result for 2 test(s)");
    tui.send(key::DOWN);
    step(&mut tui, key::ENTER, "Time spent");
    // Ctrl-U clears the one-line input; a bare number is seconds.
    tui.send("oops\x15600");
    step(&mut tui, key::ENTER, "failed recorded on 2 test(s)");
    tui.expect(&format!("2/{total}"));

    // Complete: the outcome is computed once.
    step(&mut tui, "m", "Complete the run...");
    step(&mut tui, key::ENTER, "Are you sure?");
    step(&mut tui, "y", "Run completed: failed");

    // Clone what failed: the new run's dashboard replaces this one.
    step(&mut tui, "m", "Clone: failed and blocked tests");
    tui.send(key::DOWN);
    step(&mut tui, key::ENTER, "Cloned into run #");
    tui.expect("0/2");
    tui.send("q");
    tui.wait_exit(WAIT).expect("quits");

    let done = cli_json(dir, &["run", "show", &no]);
    let assigned: Vec<String> = tests_of(&done)
        .iter()
        .filter(|t| t["assignee"] == "tester")
        .map(|t| t["config"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(assigned.len(), shown, "only the tests shown were assigned");
    assert!(assigned.iter().all(|c| c.ends_with("macOS")), "{assigned:?}");
    assert_eq!(
        (done["state"].as_str(), done["outcome"].as_str()),
        (Some("completed"), Some("failed"))
    );
    let failed: Vec<serde_json::Value> = tests_of(&done)
        .into_iter()
        .filter(|t| t["status"] == "failed")
        .collect();
    assert_eq!(failed.len(), 2);
    let durations: Vec<u64> = failed
        .iter()
        .map(|t| t["results"][0]["duration_ms"].as_u64().unwrap())
        .collect();
    assert_eq!(durations, [300_000, 300_000], "ten minutes split evenly");
    let runs = cli_json(dir, &["runs"]);
    let clone_no = runs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_u64().unwrap())
        .max()
        .unwrap();
    let clone = cli_json(dir, &["run", "show", &clone_no.to_string()]);
    let config = |t: &serde_json::Value| format!("{} {}", t["case"], t["config"]);
    let configs: Vec<String> = tests_of(&clone).iter().map(config).collect();
    let failed_configs: Vec<String> = failed.iter().map(config).collect();
    assert_eq!(
        configs, failed_configs,
        "the clone holds the failed tests, same configurations"
    );
    assert!(tests_of(&clone).iter().all(|t| t["status"] == "untested"));
}

/// Exporting from the dashboard asks before it replaces a file: `n` keeps
/// the old one, `y` replaces it; a new file is written without a question.
#[test]
fn export_never_overwrites_a_file_without_asking() {
    let store = demo_store();
    let out = tempfile::tempdir().unwrap();
    let md = out.path().join("DEMO-run-2.md");
    std::fs::write(&md, "my notes").unwrap();
    let mut tui = Tui::spawn_in(out.path(), &["--store", path_str(&store), "open", "2"], &[], 100, 30);
    tui.expect("Release 2.4 regression");
    let export_menu = |tui: &mut Tui| {
        step(tui, "m", "Export a report...");
        tui.send(key::END);
        tui.send(key::UP);
        step(tui, key::ENTER, "DEMO-run-2.md");
    };
    export_menu(&mut tui);
    tui.send(&key::DOWN.repeat(3));
    step(&mut tui, key::ENTER, "Overwrite");
    tui.expect("DEMO-run-2.md?");
    step(&mut tui, "n", "Kept");
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        "my notes",
        "n keeps the old file"
    );

    export_menu(&mut tui);
    tui.send(&key::DOWN.repeat(3));
    step(&mut tui, key::ENTER, "Overwrite");
    step(&mut tui, "y", "Wrote");
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# DEMO #2"));

    // No file of that name yet: written at once.
    export_menu(&mut tui);
    step(&mut tui, key::ENTER, "Wrote");
    assert!(!tui.screen().contains("Overwrite"));
    assert!(out.path().join("DEMO-run-2.csv").is_file());
    tui.send("q");
    tui.wait_exit(WAIT).expect("quits");
}

/// `/sort price` on the demo's regression run: only the test with both
/// words, in both configurations, the cursor on the first.
#[test]
fn search_requires_every_word_and_puts_the_best_match_first() {
    let store = demo_store();
    let mut tui = Tui::spawn(&["--store", path_str(&store), "open", "2"], &[], 100, 30);
    tui.expect("Release 2.4 regression");
    step(&mut tui, "/", "fuzzy");
    step(&mut tui, "sort price", "2 shown");
    tui.key_enter();
    // Enter opens the wizard at the best match.
    step(&mut tui, key::ENTER, "Price: low to high");
    assert!(
        tui.screen().contains("Sort search results by price"),
        "{}",
        tui.screen()
    );
}
