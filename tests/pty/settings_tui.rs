//! The settings tab end to end (issue 13's "Done when"), in a
//! pseudo-terminal: a fresh store, a project created in the TUI and
//! switched to, then from the settings tab an environment, a milestone
//! with a due date, two configuration groups of two values each and two
//! team members; a run made on the new-run screen with both groups (tests
//! = cases x 4), the environment and the milestone, which `run show
//! --json` shows; and fast pass toggled in the tab changes the wizard at
//! once.

use crate::e2e;

use e2e::{Tui, WAIT, cli_json, cli_ok};
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
    // The TUI opens on a project: a placeholder one, made by the CLI.
    cli_ok(dir, &["project", "new", "SEED", "--title", "Seed"]);
    let mut t = open(dir);
    t.expect("SEED");
    t.send("4");
    settle(&t, "the settings tab", |s| s.contains("Settings of SEED"));
    t.send("[");
    settle(&t, "the projects section", |s| s.contains("CODE"));
    answer(&mut t, &["SHOP", "Shop"], "Project SHOP created");
    t.send("j\r");
    settle(&t, "SHOP open", |s| s.contains("Settings of SHOP Shop"));

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
    quit(t);

    let shown = cli_json(dir, &["--project", "SHOP", "project", "show"]);
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

    // Two cases, imported by the CLI into the new project.
    let csv = dir.join("cases.csv");
    let header = "v2.id,title,description,preconditions,postconditions,tags,priority,severity,type,behavior,automation,status,is_flaky,layer,steps_type,steps_actions,steps_result,steps_data,milestone_id,milestone,suite_id,suite_parent_id,suite,suite_without_cases,parameters,is_muted";
    let row = |title: &str| format!(",{title},,,,,,,,,,,,,,,,,,,1,,Account,,,");
    std::fs::write(
        &csv,
        format!("{header}\n{}\n{}\n", row("Login works"), row("Logout works")),
    )
    .unwrap();
    cli_ok(dir, &["--project", "SHOP", "import", csv.to_str().unwrap()]);

    // The new-run screen: the environment, the milestone, both groups.
    let mut t = open(dir);
    t.expect("SHOP");
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

    let run = cli_json(dir, &["--project", "SHOP", "run", "show", "1"]);
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
