//! The command line without a terminal: JSON shapes, settings, errors,
//! help, completions and the man page.

#[path = "cli/admin.rs"]
mod admin;
mod cli_hostile;
use crate::e2e;
mod full_disk;

use e2e::{cli, cli_json, cli_ok, demo_store};
use serde_json::Value;

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn has_fields(v: &Value, fields: &[&str]) {
    for f in fields {
        assert!(v.get(f).is_some(), "no {f:?} in {v}");
    }
}

#[test]
fn projects_json() {
    let store = demo_store();
    let projects = cli_json(store.path(), &["projects"]);
    let list = projects.as_array().expect("an array");
    assert_eq!(list.len(), 1);
    has_fields(&list[0], &["code", "title", "cases", "runs", "defects"]);
    assert_eq!(list[0]["code"], "DEMO");
    assert_eq!(list[0]["title"], "Acme Web Shop");
    assert_eq!(list[0]["cases"], 40);
    assert_eq!(list[0]["runs"], 2);
    assert_eq!(list[0]["defects"], 1);
}

#[test]
fn cases_json() {
    let store = demo_store();
    let cases = cli_json(store.path(), &["cases"]);
    let cases = cases.as_array().expect("an array");
    assert_eq!(cases.len(), 40);
    for (i, c) in cases.iter().enumerate() {
        has_fields(c, &["id", "title", "suite", "priority", "severity", "tags", "steps"]);
        let id = c["id"].as_str().unwrap();
        let n: u32 = id.strip_prefix("DEMO-").and_then(|n| n.parse().ok()).unwrap_or(0);
        assert!(n >= 1, "case {i}: id {id:?}");
        assert!(c["tags"].is_array(), "{c}");
        for step in c["steps"].as_array().unwrap() {
            assert_eq!(keys(step), ["action", "data", "expected", "level"], "{step}");
        }
    }
    assert!(cases.iter().any(|c| !c["steps"].as_array().unwrap().is_empty()));
}

#[test]
fn runs_json() {
    let store = demo_store();
    let runs = cli_json(store.path(), &["runs"]);
    let runs = runs.as_array().expect("an array");
    let numbers: Vec<u64> = runs.iter().map(|r| r["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [2, 1], "active first");
    for r in runs {
        has_fields(r, &["number", "title", "state", "outcome", "environment", "milestone"]);
    }
    assert_eq!(runs[0]["state"], "active");
    assert_eq!(runs[1]["state"], "completed");
    assert_eq!(runs[1]["outcome"], "passed");
}

#[test]
fn run_show_json() {
    let store = demo_store();
    let run = cli_json(store.path(), &["run", "show", "2"]);
    assert_eq!(run["number"], 2);
    let tests = run["tests"].as_array().expect("tests");
    assert_eq!(tests.len(), 28);
    for t in tests {
        has_fields(t, &["case", "title", "config", "status", "assignee", "results"]);
        for r in t["results"].as_array().unwrap() {
            let fields = ["status", "comment", "author", "at", "duration_ms", "steps", "defects"];
            has_fields(r, &fields);
            let at = r["at"].as_str().unwrap();
            chrono::DateTime::parse_from_rfc3339(at).unwrap_or_else(|e| panic!("{at}: {e}"));
        }
    }
    let failed: Vec<&Value> = tests.iter().filter(|t| t["status"] == "failed").collect();
    assert_eq!(failed.len(), 1, "one failed test");
    let last = failed[0]["results"].as_array().unwrap().last().unwrap();
    assert_eq!(last["defects"], serde_json::json!(["D-1"]));
}

#[test]
fn settings_set_and_show() {
    let store = demo_store();
    let dir = store.path();
    let set = [
        "settings",
        "--set",
        "fast_pass=false",
        "--set",
        "redirect_after_result=same",
    ];
    let shown = cli_json(dir, &set);
    assert_eq!(shown["fast_pass"], false, "{shown}");
    let now = cli_json(dir, &["settings"]);
    assert_eq!(now["fast_pass"], false);
    assert_eq!(now["redirect_after_result"], "same");

    let (code, _, err) = cli(dir, &["settings", "--set", "fast_pass=maybe"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("maybe"), "{err}");
    assert_eq!(cli_json(dir, &["settings"]), now, "a refused --set changed settings");
}

#[test]
fn errors_exit_2_with_a_message() {
    let store = demo_store();
    let dir = store.path();
    let (code, _, err) = cli(dir, &["run", "show", "99"]);
    assert_eq!(code, 2);
    assert!(err.contains("run #99 does not exist"), "{err}");
    let (code, _, err) = cli(dir, &["project", "new", "1X", "--title", "T"]);
    assert_eq!(code, 2);
    assert!(err.contains("1X"), "{err}");
    let (code, _, err) = cli(dir, &["frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("frobnicate"), "{err}");
    let (code, _, err) = cli(dir, &["demo"]);
    assert_eq!(code, 2, "a second demo");
    assert!(err.contains("DEMO already exists"), "{err}");
}

#[test]
fn help_completions_and_man() {
    let dir = tempfile::tempdir().unwrap();
    let commands: [&[&str]; 13] = [
        &[],
        &["demo"],
        &["open"],
        &["projects"],
        &["project"],
        &["project", "new"],
        &["cases"],
        &["runs"],
        &["run"],
        &["run", "show"],
        &["settings"],
        &["completions"],
        &["man"],
    ];
    for cmd in commands {
        let mut args = cmd.to_vec();
        args.push("--help");
        let out = cli_ok(dir.path(), &args);
        assert!(out.contains("Usage: stepwise"), "{args:?}: {out}");
    }
    assert!(cli_ok(dir.path(), &["completions", "bash"]).contains("stepwise"));
    assert!(cli_ok(dir.path(), &["man"]).contains(".TH"));
    // None of these needed or created a store.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Every argument of every command, walked through clap's own tree:
/// `(command path, argument id, help text)`, global ones included.
fn every_argument() -> Vec<(String, String, String)> {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, String, String)>) {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            let help = arg.get_long_help().or(arg.get_help()).map(ToString::to_string);
            out.push((path.to_string(), id.to_string(), help.unwrap_or_default()));
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, format!("{path} {}", sub.get_name()).trim(), out);
        }
    }
    let mut root = stepwise::cli::Cli::command();
    root.build();
    let mut out = Vec::new();
    walk(&root, "", &mut out);
    out
}

#[test]
fn every_argument_says_what_it_is() {
    let all = every_argument();
    assert!(all.len() > 100, "the walk reaches every subcommand: {}", all.len());
    let bare: Vec<String> = all
        .iter()
        .filter(|(_, _, help)| help.trim().is_empty())
        .map(|(cmd, id, _)| format!("stepwise {cmd} <{id}>"))
        .collect();
    assert!(bare.is_empty(), "arguments without a description:\n{}", bare.join("\n"));
}

/// An option that takes one of a fixed list names every value of it.
#[test]
fn options_with_a_fixed_list_name_their_values() {
    use stepwise::domain::{DefectStatus, Severity};
    let all = every_argument();
    let help = |cmd: &str, id: &str| {
        all.iter()
            .find(|(c, i, _)| c == cmd && i == id)
            .map(|(_, _, h)| h.clone())
            .unwrap_or_else(|| panic!("no {id} in {cmd}"))
    };
    let statuses: Vec<&str> = DefectStatus::ALL.iter().map(|s| s.as_str()).collect();
    let severities: Vec<&str> = Severity::ALL.iter().map(|s| s.as_str()).collect();
    let results = ["passed", "failed", "blocked", "skipped", "invalid", "custom"];
    let formats = ["csv", "json", "junit", "md", "html", "pdf"];
    let imports = ["auto", "qase-csv", "qase-json", "testrail-xml", "junit"];
    let expect: [(&str, &str, &[&str]); 10] = [
        ("defects", "status", &statuses),
        ("defects", "severity", &severities),
        ("defects", "sort", &["severity", "status", "age", "id"]),
        ("defect set", "status", &statuses),
        ("defect set", "severity", &severities),
        ("defect new", "severity", &severities),
        ("result", "status", &results),
        ("run clone", "status", &["untested", "retest", "passed", "failed"]),
        ("export", "format", &formats),
        ("import", "format", &imports),
    ];
    for (cmd, id, values) in expect {
        let text = help(cmd, id);
        for v in values {
            assert!(text.contains(v), "stepwise {cmd} --{id}: {text:?} does not name {v}");
        }
    }
}

/// `--help` lists the command's own options first, the global ones after.
#[test]
fn own_options_come_before_the_global_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli_ok(dir.path(), &["defect", "set", "--help"]);
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("no {s} in {out}"));
    assert!(at("--status") < at("--store"), "{out}");
    assert!(at("--attach") < at("--user"), "{out}");
    assert!(out.contains("Global options:"), "{out}");
}

/// A configuration the case does not run in is named as such, and a
/// refused result copies no attachment into the store.
#[test]
fn result_refusals_name_the_problem_and_leave_no_attachment() {
    let store = demo_store();
    let (code, _, err) = cli(
        store.path(),
        &["result", "2", "DEMO-6", "--config", "Safari", "--status", "passed"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("has no configuration 'Safari'") && err.contains("Chrome, Firefox"),
        "{err}"
    );
    let file = store.path().join("evidence.txt");
    std::fs::write(&file, b"log line").unwrap();
    let file = file.display().to_string();
    let args = [
        "result", "2", "DEMO-6", "--config", "Chrome", "--status", "failed", "--attach", &file, "--defect", "D-77",
    ];
    let (code, _, err) = cli(store.path(), &args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("D-77"), "{err}");
    let attachments = store.path().join("attachments");
    let copied = std::fs::read_dir(&attachments).map(|d| d.count()).unwrap_or(0);
    assert_eq!(copied, 0, "a refused result left a copy in {}", attachments.display());
    let args = [
        "result", "2", "DEMO-6", "--config", "Chrome", "--status", "failed", "--attach", &file,
    ];
    let (code, out, err) = cli(store.path(), &args);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(std::fs::read_dir(&attachments).unwrap().count(), 1);
}

/// Custom statuses: added with a free wizard key, usable by `result`,
/// hidden but never deleted (old results keep them).
#[test]
fn custom_statuses_are_added_used_and_hidden() {
    let store = demo_store();
    let dir = store.path();
    let (code, _, err) = cli(dir, &["status", "add", "Flaky", "--key", "p"]);
    assert_eq!(code, 2);
    assert!(err.contains("key 'p' is taken in the wizard"), "{err}");
    let (code, _, err) = cli(dir, &["status", "add", "Flaky", "--key", "y", "--colour", "purple"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown colour 'purple'"), "{err}");
    let (code, _, err) = cli(dir, &["status", "add", "Failed", "--key", "y"]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    cli_ok(
        dir,
        &[
            "status",
            "add",
            "Env broken",
            "--key",
            "x",
            "--colour",
            "magenta",
            "--negative",
        ],
    );
    let statuses = cli_json(dir, &["statuses"]);
    let env = statuses
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == "env_broken")
        .unwrap();
    assert_eq!(
        (env["key"].as_str(), env["negative"].as_bool(), env["custom"].as_bool()),
        (Some("x"), Some(true), Some(true))
    );
    cli_ok(
        dir,
        &["result", "2", "DEMO-6", "--config", "Chrome", "--status", "env_broken"],
    );
    cli_ok(dir, &["status", "hide", "env_broken"]);
    let (code, _, err) = cli(
        dir,
        &["result", "2", "DEMO-7", "--config", "Chrome", "--status", "env_broken"],
    );
    assert_eq!(code, 2, "a hidden status takes no new results: {err}");
    let run = cli_json(dir, &["run", "show", "2"]);
    let kept = run["tests"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["case"] == "DEMO-6" && t["status"] == "env_broken");
    assert!(kept, "the old result keeps its hidden status");
}

/// `--duration` reads every duration form the TUI does (a bare number is
/// seconds), and a bad one is named.
#[test]
fn result_duration_takes_every_duration_form() {
    let store = demo_store();
    let dir = store.path();
    let record = |case: &str, duration: &str| {
        cli(
            dir,
            &[
                "result",
                "2",
                case,
                "--config",
                "Chrome",
                "--status",
                "passed",
                "--duration",
                duration,
            ],
        )
    };
    for (case, duration) in [("DEMO-6", "5m"), ("DEMO-7", "1h 15m"), ("DEMO-8", "90")] {
        let (code, out, err) = record(case, duration);
        assert_eq!(code, 0, "--duration {duration}: {out}{err}");
    }
    let (code, _, err) = record("DEMO-9", "5x");
    assert_eq!(code, 2);
    assert!(err.contains("'5x' is not a duration") && err.contains("1m30s"), "{err}");
    let run = cli_json(dir, &["run", "show", "2"]);
    let took = |case: &str| {
        let t = run["tests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["case"] == case && t["config"] == "Chrome")
            .unwrap();
        t["results"].as_array().unwrap().last().unwrap()["duration_ms"].as_u64()
    };
    assert_eq!(took("DEMO-6"), Some(300_000));
    assert_eq!(took("DEMO-7"), Some(4_500_000));
    assert_eq!(took("DEMO-8"), Some(90_000));
}

#[test]
fn text_output_shows_local_time_and_json_keeps_utc() {
    let store = demo_store();
    let run = |tz: &str, args: &[&str]| {
        let out = e2e::cli_command(store.path(), args, &[("TZ", tz)]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let json: Value = serde_json::from_str(&run("Asia/Tokyo", &["defect", "show", "D-1", "--json"])).unwrap();
    let at = json["history"][0]["at"].as_str().unwrap().to_string();
    assert!(at.ends_with('Z'), "JSON keeps UTC: {at}");
    let utc = chrono::DateTime::parse_from_rfc3339(&at).unwrap();
    let tokyo = (utc + chrono::Duration::hours(9)).format("%Y-%m-%d %H:%M").to_string();
    let shown = run("Asia/Tokyo", &["defect", "show", "D-1"]);
    assert!(
        shown.contains(&format!("{tokyo} Asia/Tokyo (UTC+09:00)")),
        "{tokyo}: {shown}"
    );
    let shown = run("UTC", &["defect", "show", "D-1"]);
    let plain = utc.format("%Y-%m-%d %H:%M").to_string();
    assert!(shown.contains(&format!("{plain} UTC")), "{plain}: {shown}");
}

/// Every listing of the demo store, as JSON.
fn listings(dir: &std::path::Path) -> Vec<Value> {
    let lists: [&[&str]; 6] = [
        &["projects"],
        &["cases"],
        &["runs"],
        &["run", "show", "2"],
        &["run", "show", "1"],
        &["defects"],
    ];
    lists.iter().map(|args| cli_json(dir, args)).collect()
}

fn break_database(dir: &std::path::Path) {
    std::fs::write(dir.join("db").join("db"), b"not a database").unwrap();
}

/// A store sled refuses names its backup (what it holds, when it was made)
/// and `stepwise store recover`, which rebuilds every record and keeps the
/// damaged database aside.
#[test]
fn a_database_that_cannot_be_opened_is_recovered_from_its_backup() {
    let store = demo_store();
    let dir = store.path();
    cli_ok(
        dir,
        &[
            "result",
            "2",
            "DEMO-1",
            "--config",
            "Chrome",
            "--status",
            "failed",
            "--comment",
            "the last write",
        ],
    );
    let before = listings(dir);
    assert!(dir.join("backup.bin").is_file(), "no backup after a clean close");
    break_database(dir);
    let (code, _, err) = cli(dir, &["runs"]);
    assert_eq!(code, 2, "{err}");
    let backup = dir.join("backup.bin").display().to_string();
    for words in [
        "cannot be opened",
        &backup,
        "1 project, 40 cases, 2 runs",
        "1 defect",
        "made 20",
    ] {
        assert!(err.contains(words), "{words:?} missing from: {err}");
    }
    assert!(
        err.contains(&format!("stepwise store recover --store {}", dir.display())),
        "{err}"
    );

    let out = cli_ok(dir, &["store", "recover"]);
    assert!(
        out.contains("Recovered store") && out.contains("1 project, 40 cases"),
        "{out}"
    );
    let kept: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("db.broken-"))
        .collect();
    assert_eq!(kept.len(), 1, "{out}");
    assert_eq!(std::fs::read(kept[0].join("db")).unwrap(), b"not a database");
    assert_eq!(listings(dir), before, "records lost in the recovery");
    let (code, _, err) = cli(dir, &["store", "recover"]);
    assert!(code == 2 && err.contains("nothing to recover"), "{code} {err}");
}

/// A damaged backup is refused by name, nothing changed; no backup says
/// what to do instead.
#[test]
fn a_damaged_or_missing_backup_says_what_to_do() {
    let store = demo_store();
    let dir = store.path();
    break_database(dir);
    let file = dir.join("backup.bin");
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x5A;
    std::fs::write(&file, bytes).unwrap();
    let (code, _, err) = cli(dir, &["store", "recover"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&file.display().to_string()) && err.contains("damaged"),
        "{err}"
    );
    assert_eq!(std::fs::read(dir.join("db").join("db")).unwrap(), b"not a database");
    let (_, _, err) = cli(dir, &["runs"]);
    assert!(err.contains("backup") && err.contains("is damaged too"), "{err}");
    std::fs::remove_file(&file).unwrap();
    let (code, _, err) = cli(dir, &["runs"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("has no backup") && err.contains("file system's backup"),
        "{err}"
    );
}
