//! Saved queries, test plans and runs made from them, from the command
//! line; bad input exits 2, says what and where, and creates nothing.

use crate::e2e;

use e2e::{cli, cli_json, cli_ok, demo_store};
use std::path::Path;

fn ids(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.as_str()
                .map_or_else(|| c["id"].as_str().unwrap().to_string(), str::to_string)
        })
        .collect()
}

fn count(dir: &Path, what: &str) -> usize {
    cli_json(dir, &[what]).as_array().unwrap().len()
}

#[test]
fn cases_filtered_by_a_query() {
    let store = demo_store();
    let dir = store.path();
    let all = cli_json(dir, &["cases"]);
    let want: Vec<String> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["suite"].as_str().unwrap().starts_with("Authentication") && c["priority"] == "high")
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!want.is_empty());
    let got = cli_json(dir, &["cases", "--query", "suite = Authentication and priority = high"]);
    assert_eq!(ids(&got), want);
    let text = cli_ok(dir, &["cases", "--query", "not priority > low"]);
    assert!(!text.contains(" high "), "{text}");
}

#[test]
fn query_errors_point_at_the_position() {
    let store = demo_store();
    let dir = store.path();
    let (code, _, err) = cli(dir, &["cases", "--query", "priority = high and tag ="]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "stepwise: query:1:26: expected a value after '=', found end of input\n  priority = high and tag =\n                           ^\n"
    );
    let (code, _, err) = cli(dir, &["cases", "--query", "suite = Nowhere"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("query:1:9: unknown suite 'Nowhere'; known: ") && err.contains("Checkout / Payments"),
        "{err}"
    );
    let (code, _, err) = cli(dir, &["query", "save", "bad", "prio = high"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("query:1:1: unknown field 'prio'; known fields: id, title"),
        "{err}"
    );
    assert_eq!(count(dir, "queries"), 0, "nothing saved");
}

#[test]
fn saved_queries_and_plans_feed_runs() {
    let store = demo_store();
    let dir = store.path();
    let saved = cli_json(dir, &["query", "save", "smoke", "tag = smoke"]);
    assert_eq!(saved["name"], "smoke");
    let smoke = ids(&cli_json(dir, &["cases", "--query", "smoke"]));
    assert_eq!(saved["matches"], smoke.len());
    assert_eq!(cli_json(dir, &["queries"])[0]["query"], "tag = smoke");

    let plan = cli_json(
        dir,
        &[
            "plan",
            "new",
            "Release",
            "--case",
            "DEMO-3",
            "--suite",
            "Checkout / Payments",
        ],
    );
    let plan_cases = ids(&plan["cases"]);
    assert!(plan_cases.contains(&"DEMO-3".to_string()) && plan_cases.len() > 1);
    assert_eq!(ids(&cli_json(dir, &["plan", "show", "Release"])["cases"]), plan_cases);

    let run = cli_json(dir, &["run", "new", "--plan", "Release", "--config", "OS=Linux,macOS"]);
    assert_eq!(run["tests"].as_array().unwrap().len(), plan_cases.len() * 2);
    let run = cli_json(dir, &["run", "new", "--query", "smoke"]);
    let cases: Vec<String> = run["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["case"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(cases, smoke);
    let run = cli_json(dir, &["run", "new", "--query", "id < 3"]);
    assert_eq!(run["tests"].as_array().unwrap().len(), 2);

    cli_ok(dir, &["plan", "rename", "Release", "Release 2"]);
    assert_eq!(cli_json(dir, &["plans"])[0]["name"], "Release 2");
    cli_ok(dir, &["plan", "delete", "Release 2"]);
    cli_ok(dir, &["query", "delete", "smoke"]);
    assert_eq!((count(dir, "plans"), count(dir, "queries")), (0, 0));
}

#[test]
fn bad_input_creates_nothing() {
    let store = demo_store();
    let dir = store.path();
    let runs = count(dir, "runs");
    let cases = [
        (vec!["run", "new", "--plan", "Nope"], "unknown test plan 'Nope'"),
        (vec!["run", "new", "--query", "tag = "], "query:1:7: expected a value"),
        (vec!["run", "new", "--suite", "Nope"], "unknown suite 'Nope'"),
        (
            vec!["run", "new", "--all", "--config", "Browser=Lynx"],
            "unknown Browser value 'Lynx'",
        ),
        (
            vec!["run", "new", "--query", "title = 'no such case'"],
            "nothing to run",
        ),
        (vec!["run", "new"], "choose what to run"),
        (vec!["plan", "new", "P", "--suite", "Nope"], "unknown suite 'Nope'"),
        (vec!["plan", "new", "P", "--case", "DEMO-999"], "DEMO-999"),
        (vec!["plan", "show", "Nope"], "unknown test plan 'Nope'"),
        (vec!["plan", "rename", "Nope", "X"], "unknown test plan 'Nope'"),
        (vec!["query", "delete", "Nope"], "unknown saved query 'Nope'"),
    ];
    for (args, want) in cases {
        let (code, _, err) = cli(dir, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    assert_eq!(count(dir, "runs"), runs);
    assert_eq!(count(dir, "plans"), 0);
    cli_ok(dir, &["plan", "new", "P", "--case", "DEMO-1"]);
    let (code, _, err) = cli(dir, &["plan", "new", "P", "--case", "DEMO-2"]);
    assert!(code == 2 && err.contains("already exists"), "{err}");
}
