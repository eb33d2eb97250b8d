//! Runs from the command line: creating from suites with two configuration
//! groups, completing, cloning what failed, and refusing bad input.

use crate::e2e;

use e2e::{cli, cli_json, demo_store};

#[test]
fn run_new_complete_and_clone() {
    let store = demo_store();
    let dir = store.path();
    let args = [
        "run",
        "new",
        "--suite",
        "Checkout",
        "--config",
        "Browser=Chrome,Firefox",
        "--config",
        "OS=Linux,macOS",
    ];
    let run = cli_json(dir, &args);
    let checkout = cli_json(dir, &["cases"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["suite"].as_str().unwrap().starts_with("Checkout"))
        .count();
    let tests = run["tests"].as_array().unwrap();
    assert_eq!(tests.len(), checkout * 4, "cases x combinations");
    assert_eq!(tests[0]["config"], "Chrome / Linux");
    assert_eq!(run["number"], 3);
    let done = cli_json(dir, &["run", "complete", "3"]);
    assert_eq!(
        (done["state"].as_str(), done["outcome"].as_str()),
        (Some("completed"), Some("failed"))
    );
    let clone = cli_json(dir, &["run", "clone", "2", "--status", "failed,blocked"]);
    let statuses: Vec<&str> = clone["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["untested", "untested"], "a clone starts untested");
    assert!(clone["title"].as_str().unwrap().contains("retest failed, blocked"));
}

#[test]
fn bad_run_input_exits_2_and_creates_nothing() {
    let store = demo_store();
    let dir = store.path();
    let refused: [(&[&str], &str); 6] = [
        (&["run", "new", "--suite", "Nope"], "unknown suite 'Nope'"),
        (&["run", "new", "--case", "DEMO-99"], "DEMO-99 does not exist"),
        (
            &["run", "new", "--all", "--config", "Browser=Lynx"],
            "unknown Browser value 'Lynx'",
        ),
        (&["run", "new", "--all", "--config", "Browser"], "GROUP=A,B"),
        (&["run", "new"], "--suite NAME, --case ID or --all"),
        (&["run", "clone", "2", "--status", "bogus"], "unknown status 'bogus'"),
    ];
    for (args, words) in refused {
        let (code, _, err) = cli(dir, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(words), "{args:?}: {err}");
    }
    assert_eq!(
        cli_json(dir, &["runs"]).as_array().unwrap().len(),
        2,
        "nothing was created"
    );
}
