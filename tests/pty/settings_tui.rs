//! The settings tab end to end (issue 13's "Done when"), in a
//! pseudo-terminal: a fresh store, the project created on the TUI's
//! first-run screen and two cases in the repository tab, then from the
//! settings tab an environment, a milestone
//! with a due date, two configuration groups of two values each and two
//! team members; a run made on the new-run screen with both groups (tests
//! = cases x 4), the environment and the milestone, which `run show
//! --json` shows; and fast pass toggled in the tab changes the wizard at
//! once.

use crate::e2e;

use e2e::{Tui, WAIT, cli_json};
use std::path::Path;

fn settle(t: &Tui, what: &str, pred: impl Fn(&str) -> bool) {
    t.wait_until(what, WAIT, pred).unwrap_or_else(|e| panic!("{e}"));
}

/// Types `answers` into the settings tab's questions, one Enter each,
/// waiting for `done` in the footer.
fn answer(t: &mut Tui, answers: &[&str], done: &str) {
    t.send("a");
    settle(t, "a question", |s| s.contains("Esc cancel"));
    for a in answers {
        t.send(a);
        t.send("\r");
    }
    settle(t, done, |s| s.contains(done));
}

fn open(store: &Path) -> Tui {
    Tui::spawn(&["--store", store.to_str().unwrap()], &[], 80, 24)
}

fn quit(mut t: Tui) {
    t.send("q");
    assert!(t.wait_exit(WAIT).is_some(), "stepwise quits");
}

#[test]
fn a_project_set_up_from_the_settings_tab_runs_with_its_environment_milestone_configurations_and_team() {
    let store = tempfile::tempdir().unwrap();
    let dir = store.path();
    // A fresh store: the first-run screen creates the project.
    let mut t = open(dir);
    settle(&t, "the first-run screen", |s| {
        s.contains("This store holds no project yet")
    });
    t.key_enter();
    settle(&t, "the new-project form", |s| s.contains("New project"));
    t.send("SHOP");
    t.key_enter();
    t.send("Shop");
    t.key_enter();
    settle(&t, "SHOP open", |s| s.contains("Project SHOP created"));

    // Two cases in a suite, from the repository tab.
    t.send("2");
    settle(&t, "the repository", |s| s.contains("All cases"));
    t.send("s");
    t.expect("New top-level suite");
    t.send("Account");
    t.key_enter();
    t.expect("Suite 'Account' saved");
    for (title, id) in [("Login works", "SHOP-1"), ("Logout works", "SHOP-2")] {
        t.send("n");
        t.expect("New case");
        t.send(title);
        t.send(e2e::key::CTRL_S);
        settle(&t, "the case saved", |s| s.contains(&format!("Saved {id}")));
    }

    t.send("4");
    settle(&t, "the settings tab", |s| s.contains("Settings of SHOP Shop"));
    t.send("\t");
    settle(&t, "environments", |s| s.contains("ENVIRONMENT"));
    answer(&mut t, &["staging"], "Environment 'staging' added");
    t.send("\t");
    settle(&t, "milestones", |s| s.contains("MILESTONE"));
    answer(&mut t, &["R1", "2026-12-15"], "Milestone 'R1' added, due 2026-12-15");
    t.send("\t");
    settle(&t, "configurations", |s| s.contains("GROUP / VALUE"));
    answer(
        &mut t,
        &["Browser", "Chrome, Firefox"],
        "Browser: Chrome, Firefox added",
    );
    // The group under the cursor is offered: Ctrl-U clears it.
    answer(&mut t, &["\x15OS", "Linux, macOS"], "OS: Linux, macOS added");
    t.send("\t");
    settle(&t, "team", |s| s.contains("DISPLAY NAME"));
    answer(&mut t, &["alice", "Alice Martin"], "alice joined the team");
    answer(&mut t, &["bob", ""], "bob joined the team");

    // The new-run screen: the environment, the milestone, both groups.
    t.send("1");
    settle(&t, "the runs tab", |s| s.contains("No runs yet"));
    t.send("n");
    settle(&t, "the new-run form", |s| {
        s.contains("New run") && s.contains("Cases from")
    });
    t.send("\t\tl");
    settle(&t, "the environment", |s| s.contains("< staging >"));
    t.send("\tl");
    settle(&t, "the milestone", |s| s.contains("< R1 >"));
    t.send("\t l ");
    t.send("j l ");
    settle(&t, "four combinations", |s| s.contains("× 4 combinations"));
    t.send("\t\t\t ");
    settle(&t, "the totals", |s| s.contains("2 cases × 4 combinations = 8 tests"));
    t.send("\x13");
    settle(&t, "the run", |s| s.contains("Run #1 created"));

    // Fast pass off in the tab: p asks for details.
    t.send("4\r");
    settle(&t, "fast pass off", |s| s.contains("fast_pass is now false"));
    t.send("1\r");
    settle(&t, "the run", |s| s.contains("0/8"));
    t.send("w");
    settle(&t, "the wizard", |s| s.contains("test 1/8"));
    t.send("p");
    settle(&t, "the details dialog", |s| s.contains("Record: passed"));
    t.key_esc();
    settle(&t, "the dialog closed", |s| !s.contains("Record: passed"));
    // On again: one key passes.
    t.send("4\r");
    settle(&t, "fast pass on", |s| s.contains("fast_pass is now true"));
    t.send("1\r");
    settle(&t, "the run", |s| s.contains("0/8"));
    t.send("w");
    settle(&t, "the wizard", |s| s.contains("test 1/8"));
    t.send("p");
    settle(&t, "one key passed", |s| s.contains("passed recorded on SHOP-1"));
    quit(t);

    let shown = cli_json(dir, &["project", "show"]);
    assert_eq!(shown["code"], "SHOP", "the only project, made in the TUI");
    let text = shown.to_string();
    for part in [
        "staging",
        "2026-12-15",
        "Chrome",
        "Firefox",
        "Linux",
        "macOS",
        "Alice Martin",
        "bob",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    let cases = cli_json(dir, &["cases"]);
    let titles: Vec<&str> = cases
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Login works", "Logout works"]);

    let run = cli_json(dir, &["run", "show", "1"]);
    assert_eq!(run["environment"], "staging");
    assert_eq!(run["milestone"], "R1");
    let groups: Vec<&str> = run["configs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["Browser", "OS"]);
    let tests = run["tests"].as_array().unwrap();
    assert_eq!(tests.len(), 2 * 4, "tests = cases x combinations");
    let passed = tests.iter().filter(|t| t["status"] == "passed").count();
    assert_eq!(passed, 1, "one key passed one test");
}
