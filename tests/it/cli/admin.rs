//! The administration commands: environments, milestones, configurations,
//! team, project rename and delete — what they change, what they print
//! with `--json`, and every refusal with its exit status, its message and
//! the store left as it was.

use super::e2e::{cli, cli_json, cli_ok, demo_store};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn names(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|v| v[key].as_str().expect("a name").to_string())
        .collect()
}

/// `stepwise ARGS` must fail with exit 2 and a message holding `message`,
/// and leave the project (and the run list) as they were.
fn refused(store: &Path, args: &[&str], message: &str) {
    let before = (
        cli_ok(store, &["project", "show", "--json"]),
        cli_ok(store, &["runs", "--json"]),
    );
    let (code, out, err) = cli(store, args);
    assert_eq!(code, 2, "stepwise {args:?}: exit {code}, stdout {out}, stderr {err}");
    assert!(
        err.contains(message),
        "stepwise {args:?}: {err:?} does not say {message:?}"
    );
    assert!(out.is_empty(), "stepwise {args:?} printed {out}");
    let after = (
        cli_ok(store, &["project", "show", "--json"]),
        cli_ok(store, &["runs", "--json"]),
    );
    assert_eq!(before, after, "stepwise {args:?} changed the store");
}

#[test]
fn a_new_project_is_set_up_and_runs_in_its_configurations() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    cli_ok(dir, &["project", "new", "SHOP", "--title", "Shop"]);
    // A Qase CSV names milestone "Release 2": it becomes one.
    let report = cli_json(dir, &["import", fixture("qase-edge.csv").to_str().unwrap()]);
    assert_eq!(report["milestones_created"], 1);
    let p = cli_json(dir, &["env", "add", "staging", "--description", "pre-release"]);
    assert_eq!(
        p["environments"][0],
        serde_json::json!({"name": "staging", "description": "pre-release", "retired": false})
    );
    let p = cli_json(dir, &["milestone", "add", "R1", "--due", "2026-12-15"]);
    assert_eq!(names(&p["milestones"], "name"), ["Release 2", "R1"]);
    assert_eq!(p["milestones"][1]["due"], "2026-12-15");
    assert_eq!(p["milestones"][1]["completed"], false);
    cli_ok(dir, &["config", "add", "Browser", "Chrome", "Firefox"]);
    let p = cli_json(dir, &["config", "add", "OS", "Linux", "macOS"]);
    assert_eq!(names(&p["configs"], "group"), ["Browser", "OS"]);
    assert_eq!(names(&p["configs"][1]["values"], "name"), ["Linux", "macOS"]);
    cli_ok(dir, &["team", "add", "ann", "--name", "Ann Lee"]);
    let p = cli_json(dir, &["team", "add", "bob"]);
    let team = p["team"].as_array().unwrap();
    assert!(
        team.contains(&serde_json::json!({"user": "ann", "name": "Ann Lee"})),
        "{p}"
    );
    assert!(team.contains(&serde_json::json!({"user": "bob", "name": null})), "{p}");
    let shown = cli_json(dir, &["project", "show"]);
    assert_eq!(shown, p, "every change prints what `project show` shows");
    let keys: Vec<&str> = shown.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "code",
            "configs",
            "description",
            "environments",
            "milestones",
            "team",
            "title"
        ]
    );

    let cases = cli_json(dir, &["cases"]).as_array().unwrap().len();
    let run = cli_json(
        dir,
        &[
            "run",
            "new",
            "--all",
            "--config",
            "browser=chrome,Firefox",
            "--config",
            "OS=Linux,macOS",
            "--env",
            "Staging",
            "--milestone",
            "R1",
            "--assign",
            "ann",
        ],
    );
    assert_eq!(
        run["tests"].as_array().unwrap().len(),
        cases * 4,
        "cases x 2 browsers x 2 systems"
    );
    assert_eq!(
        (run["environment"].as_str(), run["milestone"].as_str()),
        (Some("staging"), Some("R1"))
    );
    let configs: std::collections::BTreeSet<&str> = run["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["config"].as_str().unwrap())
        .collect();
    assert_eq!(configs.len(), 4, "{configs:?}");

    // Renaming and retiring never rewrite the run.
    cli_ok(dir, &["env", "rename", "staging", "stage"]);
    cli_ok(dir, &["milestone", "edit", "R1", "--title", "Release 1"]);
    cli_ok(dir, &["config", "rename", "Browser", "Chrome", "Chromium"]);
    cli_ok(dir, &["config", "retire", "OS"]);
    let again = cli_json(dir, &["run", "show", "1"]);
    assert_eq!(
        (again["environment"].as_str(), again["milestone"].as_str()),
        (Some("staging"), Some("R1"))
    );
    assert_eq!(
        again["tests"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["config"].as_str().unwrap().contains("Chrome"))
            .count(),
        cases * 2
    );
    // A retired group, or a completed milestone, is not for new runs.
    refused(
        dir,
        &["run", "new", "--all", "--config", "OS=Linux"],
        "configuration group 'OS' is retired",
    );
    cli_ok(dir, &["milestone", "close", "Release 1"]);
    refused(
        dir,
        &["run", "new", "--all", "--milestone", "release 1"],
        "milestone 'Release 1' is completed",
    );
    cli_ok(dir, &["milestone", "reopen", "Release 1"]);
    cli_ok(
        dir,
        &["run", "new", "--all", "--milestone", "release 1", "--env", "stage"],
    );
}

#[test]
fn environments_retire_restore_move_and_remove() {
    let store = demo_store();
    let dir = store.path();
    let p = cli_json(dir, &["env", "add", "qa"]);
    assert_eq!(names(&p["environments"], "name"), ["staging", "production", "qa"]);
    let p = cli_json(dir, &["env", "move", "qa", "--to", "1"]);
    assert_eq!(names(&p["environments"], "name"), ["qa", "staging", "production"]);
    let p = cli_json(dir, &["env", "retire", "staging"]);
    assert_eq!(p["environments"][1]["retired"], true);
    refused(
        dir,
        &["run", "new", "--all", "--env", "staging"],
        "environment 'staging' is retired",
    );
    let out = cli_ok(dir, &["project", "show"]);
    assert!(out.contains("staging (retired)"), "{out}");
    cli_ok(dir, &["env", "restore", "staging"]);
    let out = cli_ok(dir, &["env", "remove", "qa"]);
    assert_eq!(out.trim(), "Removed environment qa.");
    let p = cli_json(dir, &["project", "show"]);
    assert_eq!(names(&p["environments"], "name"), ["staging", "production"]);
    assert_eq!(p["environments"][0]["retired"], false);
}

#[test]
fn configurations_and_team_change_in_place() {
    let store = demo_store();
    let dir = store.path();
    let p = cli_json(dir, &["config", "add", "browser", "Edge"]);
    assert_eq!(
        names(&p["configs"][0]["values"], "name"),
        ["Chrome", "Firefox", "Safari", "Edge"]
    );
    let p = cli_json(dir, &["config", "move", "Browser", "Edge", "--to", "1"]);
    assert_eq!(
        names(&p["configs"][0]["values"], "name"),
        ["Edge", "Chrome", "Firefox", "Safari"]
    );
    let p = cli_json(dir, &["config", "retire", "Browser", "Safari"]);
    assert_eq!(
        p["configs"][0]["values"][3],
        serde_json::json!({"name": "Safari", "retired": true})
    );
    refused(
        dir,
        &["run", "new", "--all", "--config", "Browser=Safari"],
        "configuration 'Browser: Safari' is retired",
    );
    let p = cli_json(dir, &["config", "remove", "Browser", "Edge"]);
    assert_eq!(
        names(&p["configs"][0]["values"], "name"),
        ["Chrome", "Firefox", "Safari"]
    );
    let p = cli_json(dir, &["config", "move", "OS", "--to", "1"]);
    assert_eq!(names(&p["configs"], "group"), ["OS", "Browser"]);
    let p = cli_json(dir, &["config", "remove", "OS"]);
    assert_eq!(names(&p["configs"], "group"), ["Browser"]);
    let p = cli_json(dir, &["team", "rename", "carol", "Carol Diaz"]);
    assert!(
        p["team"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!({"user": "carol", "name": "Carol Diaz"}))
    );
    cli_ok(dir, &["team", "add", "dave"]);
    let p = cli_json(dir, &["team", "move", "dave", "--to", "1"]);
    assert_eq!(names(&p["team"], "user")[0], "dave");
    let p = cli_json(dir, &["team", "remove", "dave"]);
    assert!(!names(&p["team"], "user").contains(&"dave".to_string()));
    let p = cli_json(dir, &["project", "rename", "Acme Shop"]);
    assert_eq!(p["title"], "Acme Shop");
}

#[test]
fn every_refusal_says_why_and_changes_nothing() {
    let store = demo_store();
    let dir = store.path();
    let long = "x".repeat(101);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        // Environments.
        (vec!["env", "add", " "], "environment name cannot be empty"),
        (
            vec!["env", "add", &long],
            "environment name too long: 'xxxxxxxxxxxxxxxxxxxx…' has 101 characters, at most 100",
        ),
        (vec!["env", "add", "STAGING"], "environment 'staging' already exists"),
        (
            vec!["env", "rename", "staging", "Production"],
            "environment 'production' already exists",
        ),
        (
            vec!["env", "rename", "moon", "x"],
            "unknown environment 'moon'; known: staging, production",
        ),
        (vec!["env", "retire", "moon"], "unknown environment 'moon'"),
        (
            vec!["env", "remove", "staging"],
            "environment 'staging' is used by runs #2: retire it instead",
        ),
        (
            vec!["env", "move", "staging", "--to", "3"],
            "position 3 is out of range for the environments: choose 1 to 2",
        ),
        // Milestones.
        (vec!["milestone", "add", ""], "milestone name cannot be empty"),
        (vec!["milestone", "add", &long], "milestone name too long"),
        (
            vec!["milestone", "add", "release 2.4"],
            "milestone 'Release 2.4' already exists",
        ),
        (
            vec!["milestone", "add", "R9", "--due", "2026-02-30"],
            "invalid due date '2026-02-30': expected YYYY-MM-DD",
        ),
        (vec!["milestone", "edit", "Release 2.4"], "nothing to change"),
        (
            vec!["milestone", "edit", "R9", "--title", "x"],
            "unknown milestone 'R9'; known: Release 2.4, Release 2.5",
        ),
        (vec!["milestone", "close", "R9"], "unknown milestone 'R9'"),
        (
            vec!["milestone", "remove", "Release 2.4"],
            "milestone 'Release 2.4' is used by runs #2; defects D-1: close it instead",
        ),
        // Configurations.
        (
            vec!["config", "add", "Browser"],
            "configuration group 'Browser' already exists; name values to add to it",
        ),
        (
            vec!["config", "add", "browser", "chrome"],
            "Browser value 'Chrome' already exists",
        ),
        (
            vec!["config", "add", "", "Chrome"],
            "configuration group name cannot be empty",
        ),
        (vec!["config", "add", "Device", &long], "Device value name too long"),
        (
            vec!["config", "rename", "Browser", "os"],
            "configuration group 'OS' already exists",
        ),
        (
            vec!["config", "rename", "Browser", "Lynx", "Links"],
            "unknown Browser value 'Lynx'; known: Chrome, Firefox, Safari",
        ),
        (
            vec!["config", "retire", "Device"],
            "unknown configuration group 'Device'; known: Browser, OS",
        ),
        (
            vec!["config", "remove", "Browser", "Chrome"],
            "configuration 'Browser: Chrome' is used by runs #2: retire it instead",
        ),
        (
            vec!["config", "remove", "browser"],
            "configuration group 'Browser' is used by runs #2: retire it instead",
        ),
        // Team.
        (vec!["team", "add", "Alice"], "team member 'alice' already exists"),
        (vec!["team", "add", ""], "user name cannot be empty"),
        (vec!["team", "add", "ann lee"], "a user name is one word"),
        (vec!["team", "add", "ann", "--name", &long], "display name too long"),
        (
            vec!["team", "rename", "zed", "Zed"],
            "unknown team member 'zed'; known: alice, bob, carol",
        ),
        (
            vec!["team", "remove", "bob"],
            "user 'bob' is used by runs #2: reassign them first",
        ),
        (
            vec!["team", "remove", "alice"],
            "user 'alice' is used by defects D-1: reassign them first",
        ),
        // Projects.
        (vec!["project", "rename", " "], "project title name cannot be empty"),
        (
            vec!["project", "delete", "NOPE", "--yes"],
            "project NOPE does not exist",
        ),
        (
            vec!["project", "delete", "DEMO"],
            "project DEMO holds 10 suites, 40 cases, 2 runs (1 active, 20 tests with results), 1 defect; \
             deleting it deletes all of this for good: add --yes to delete it",
        ),
        // A JUnit import's environment.
        (
            vec!["import", "tests/fixtures/import/junit-edge.xml", "--env", "moon"],
            "unknown environment 'moon'",
        ),
        (
            vec![
                "import",
                "tests/fixtures/import/junit-edge.xml",
                "--env",
                "staging",
                "--run",
                "2",
            ],
            "run #2 keeps its own",
        ),
        (
            vec!["import", "tests/fixtures/import/qase-edge.csv", "--env", "staging"],
            "--env applies to results files",
        ),
    ];
    for (args, message) in cases {
        refused(dir, &args, message);
    }
}

#[test]
fn a_project_is_deleted_with_everything_it_holds() {
    let store = demo_store();
    let dir = store.path();
    cli_ok(dir, &["project", "new", "SHOP", "--title", "Shop"]);
    let gone = cli_json(dir, &["project", "delete", "SHOP", "--yes"]);
    assert_eq!(
        gone,
        serde_json::json!({"deleted": "SHOP", "suites": 0, "cases": 0, "runs": 0, "active_runs": 0, "tested": 0,
                           "defects": 0, "plans": 0, "queries": 0, "schedules": 0})
    );
    cli_ok(dir, &["project", "new", "SHOP", "--title", "Shop"]);
    let out = cli_ok(dir, &["project", "delete", "DEMO", "--yes"]);
    assert!(
        out.starts_with("Deleted project DEMO and what it held: 10 suites, 40 cases, 2 runs"),
        "{out}"
    );
    let projects = cli_json(dir, &["projects"]);
    assert_eq!(names(&projects, "code"), ["SHOP"]);
    assert_eq!(
        cli_json(dir, &["runs"]),
        serde_json::json!([]),
        "SHOP has no run of DEMO's"
    );
    // DEMO can be written again from nothing: nothing of it was left.
    cli_ok(dir, &["demo"]);
    assert_eq!(
        cli_json(dir, &["--project", "DEMO", "runs"]).as_array().unwrap().len(),
        2
    );
}

#[test]
fn a_junit_import_names_its_environment() {
    let store = demo_store();
    let dir = store.path();
    let report = cli_json(
        dir,
        &["import", "tests/fixtures/import/junit-edge.xml", "--env", "Staging"],
    );
    let run = report["run"].as_u64().expect("a run");
    let shown = cli_json(dir, &["run", "show", &run.to_string()]);
    assert_eq!(shown["environment"], "staging");
}
