//! The repository tab end to end, in a pseudo-terminal: create a suite,
//! add a case with steps, edit it, and see the edit in an untested test of
//! a run while a tested one keeps its snapshot; start an express run from
//! a selection. The store is checked through `--json`.

use crate::e2e;

use e2e::{Tui, WAIT, cli_json, cli_ok, demo_store, key};

const CTRL_N: &str = "\x0e";
const ALT_RIGHT: &str = "\x1b[1;3C";

fn settle(t: &Tui, what: &str, pred: impl Fn(&str) -> bool) {
    t.wait_until(what, WAIT, pred).unwrap_or_else(|e| panic!("{e}"));
}

/// Quits the TUI and waits for it to end.
fn quit(mut t: Tui) {
    t.send("q");
    assert_eq!(t.exited().code, 0);
}

fn test_of_run(store: &std::path::Path, run: &str) -> serde_json::Value {
    let run = cli_json(store, &["run", "show", run]);
    run["tests"][0].clone()
}

#[test]
fn create_a_suite_and_a_case_then_edit_it_and_an_untested_test_follows() {
    let store = demo_store();
    let dir = store.path();
    let arg = dir.to_str().unwrap();
    let mut t = Tui::spawn(&["--store", arg], &[], 80, 24);
    t.expect("Release 2.4 regression");
    t.send("2");
    settle(&t, "the repository", |s| s.contains("All cases") && s.contains("cases"));
    // A new top-level suite ("All cases" is chosen in the tree).
    t.send("s");
    t.expect("New top-level suite");
    t.send("Reports");
    t.key_enter();
    t.expect("Suite 'Reports' saved");
    // A new case in it, with a step and a nested step.
    t.send("n");
    t.expect("New case");
    t.send("Export a PDF");
    t.send(CTRL_N);
    t.send("Open the reports");
    t.send(key::TAB);
    t.send(key::TAB);
    t.send("The list shows");
    t.send(CTRL_N);
    t.send(ALT_RIGHT);
    t.send("Pick PDF");
    t.send(key::CTRL_S);
    settle(&t, "the case saved", |s| {
        s.contains("Saved DEMO-") && s.contains("Export a PDF")
    });
    quit(t);

    let cases = cli_json(dir, &["cases"]);
    let case = cases
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["title"] == "Export a PDF")
        .expect("the new case is listed")
        .clone();
    let id = case["id"].as_str().unwrap().to_string();
    assert_eq!(case["suite"], "Reports");
    assert_eq!(case["steps"].as_array().unwrap().len(), 2);
    assert_eq!(case["steps"][1]["level"], 1);
    assert_eq!(case["steps"][0]["expected"], "The list shows");

    // Two runs on it: one gets a result, the other stays untested.
    cli_ok(dir, &["run", "new", "--title", "tested", "--case", &id]);
    cli_ok(dir, &["run", "new", "--title", "untested", "--case", &id]);
    cli_ok(dir, &["result", "3", &id, "--status", "passed"]);

    let mut t = Tui::spawn(&["--store", arg], &[], 80, 24);
    t.expect("Release 2.4 regression");
    t.send("2");
    t.expect("All cases");
    t.send("/");
    t.send("export a pdf");
    t.key_enter();
    t.send(key::TAB);
    t.send("e");
    settle(&t, "the editor", |s| s.contains(&format!("Edit {id} (version 1)")));
    t.send(" (v2)");
    t.send(key::CTRL_S);
    settle(&t, "saved as version 2", |s| s.contains("(version 2)"));
    quit(t);

    let untested = test_of_run(dir, "4");
    assert_eq!(
        (untested["case_version"].as_u64(), untested["title"].as_str()),
        (Some(2), Some("Export a PDF (v2)"))
    );
    let tested = test_of_run(dir, "3");
    assert_eq!(
        (tested["case_version"].as_u64(), tested["title"].as_str()),
        (Some(1), Some("Export a PDF"))
    );
    let case = cli_json(dir, &["cases"]);
    let case = case
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        (case["version"].as_u64(), case["steps"].as_array().map(Vec::len)),
        (Some(2), Some(2))
    );
}

#[test]
fn an_express_run_starts_from_the_selection() {
    let store = demo_store();
    let dir = store.path();
    let mut t = Tui::spawn(&["--store", dir.to_str().unwrap()], &[], 80, 24);
    t.expect("Release 2.4 regression");
    t.send("2");
    t.expect("All cases");
    t.send(key::TAB);
    t.send(" ");
    t.send("j");
    t.send(" ");
    settle(&t, "two selected", |s| s.contains("2 selected"));
    t.send("x");
    t.expect("Express run #3 started");
    quit(t);
    let run = cli_json(dir, &["run", "show", "3"]);
    let cases: Vec<&str> = run["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["case"].as_str().unwrap())
        .collect();
    assert_eq!(cases, ["DEMO-1", "DEMO-2"]);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let title = run["title"].as_str().unwrap();
    assert!(title == today || title.len() == 10, "{title}");
}

#[test]
fn the_editors_text_survives_a_dropped_session() {
    let store = demo_store();
    let dir = store.path();
    let arg = dir.to_str().unwrap();
    let mut t = Tui::spawn(&["--store", arg], &[], 80, 24);
    t.expect("Release 2.4 regression");
    t.send("2");
    t.expect("All cases");
    t.send(key::TAB);
    t.send("e");
    t.expect("Edit DEMO-1 (version 1)");
    t.send(" typed before the drop");
    settle(&t, "the typed text", |s| s.contains("typed before the drop"));
    t.signal(libc::SIGHUP);
    let exit = t.exited();
    assert!(exit.code == 129 || exit.signal.is_some(), "{exit:?}");

    let mut t = Tui::spawn(&["--store", arg], &[], 80, 24);
    t.expect("Release 2.4 regression");
    t.send("2");
    t.expect("All cases");
    t.send(key::TAB);
    t.send("e");
    settle(&t, "the draft restored", |s| {
        s.contains("Restored your unsaved changes") && s.contains("typed before the drop")
    });
    t.send(key::CTRL_S);
    t.expect("(version 2)");
    quit(t);
    let cases = cli_json(dir, &["cases"]);
    assert!(cases[0]["title"].as_str().unwrap().ends_with("typed before the drop"));
}

#[test]
fn ctrl_e_hands_the_focused_text_to_the_editor() {
    let store = demo_store();
    let dir = store.path();
    let env = [("VISUAL", "sed -i s/valid/VALID/"), ("EDITOR", "")];
    let mut t = Tui::spawn(&["--store", dir.to_str().unwrap()], &env, 80, 24);
    t.expect("Release 2.4 regression");
    t.send("2");
    t.expect("All cases");
    t.send(key::TAB);
    t.send("e");
    t.expect("Edit DEMO-1 (version 1)");
    t.send("\x05");
    t.expect("Login with VALID email");
    t.send(key::CTRL_S);
    t.expect("(version 2)");
    quit(t);
    let cases = cli_json(dir, &["cases"]);
    assert_eq!(cases[0]["title"], "Login with VALID email and password");
}
