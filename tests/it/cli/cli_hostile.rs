//! Stored text never reaches the terminal raw: titles, descriptions and
//! comments carrying an OSC title set, a screen clear, BEL, a C1 CSI, DEL,
//! a right-to-left override and Markdown are written into a store, then
//! every text command, every report and every data export is read back.

use super::e2e::{Tui, cli_command, cli_json, demo_store};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

/// Everything a title can carry to a terminal or a report.
const EVIL: &str = "Pay \u{1b}]0;pwned\u{7} \u{1b}[2J \u{9b}31m \u{7f} \u{202e}fdp.exe ```js [x](javascript:alert(1))";
/// How the text commands show it.
const SHOWN: &str = "Pay \\e]0;pwned\\u{7} \\e[2J \\u{9b}31m \\u{7f} \\u{202e}fdp.exe ```js [x](javascript:alert(1))";

/// `stepwise --store STORE --project DEMO ARGS`: exit code, raw stdout and stderr.
fn run(store: &Path, args: &[&str]) -> (i32, Vec<u8>, Vec<u8>) {
    let args = [&["--project", "DEMO"], args].concat();
    let out = cli_command(store, &args, &[]).output().expect("run stepwise");
    (out.status.code().unwrap_or(-1), out.stdout, out.stderr)
}

/// No character a terminal acts on, and none that reorders the line.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    for live in ['\u{1b}', '\u{7}', '\u{9b}', '\u{7f}', '\u{202e}'] {
        assert!(!text.contains(live), "{what}: {live:?} reached the output:\n{text}");
    }
}

/// Runs a command that must succeed, checks stdout and stderr are inert,
/// and returns stdout.
fn inert_ok(store: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(store, args);
    assert_eq!(code, 0, "{args:?}: {}", String::from_utf8_lossy(&err));
    assert_inert(&format!("{args:?} stdout"), &out);
    assert_inert(&format!("{args:?} stderr"), &err);
    String::from_utf8(out).unwrap()
}

/// Whether `v` holds the string `s` anywhere.
fn holds(v: &Value, s: &str) -> bool {
    match v {
        Value::String(x) => x == s,
        Value::Array(a) => a.iter().any(|v| holds(v, s)),
        Value::Object(o) => o.values().any(|v| holds(v, s)),
        _ => false,
    }
}

/// The demo store with EVIL as a project title, an imported case's title,
/// description and suite, a run's title and description, a failed
/// result's comment, a defect's title, actual result and description, a
/// custom status and a schedule. Returns the store, the case and the run,
/// and checks the output of every command that wrote them.
fn hostile_store() -> (tempfile::TempDir, String, String) {
    let store = demo_store();
    let dir = store.path();
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("evil.csv");
    std::fs::write(
        &csv,
        format!("v2.id,title,description,suite_id,suite_parent_id,suite\n1,\"{EVIL}\",\"{EVIL}\",77,,\"{EVIL}\"\n"),
    )
    .unwrap();
    let csv = csv.to_str().unwrap();
    let dry = inert_ok(dir, &["import", csv, "--dry-run"]);
    assert!(dry.contains(&format!("create case DEMO-41 \"{SHOWN}\"")), "{dry}");
    inert_ok(dir, &["import", csv]);
    let case = cli_json(dir, &["--project", "DEMO", "cases"])
        .as_array()
        .and_then(|a| a.iter().find(|c| c["title"] == EVIL))
        .and_then(|c| c["id"].as_str())
        .expect("the imported case")
        .to_string();
    let made = inert_ok(
        dir,
        &["run", "new", "--title", EVIL, "--description", EVIL, "--case", &case],
    );
    assert!(made.contains(SHOWN), "{made}");
    let run = made.split_whitespace().next().unwrap().to_string();
    let args = ["result", &run, &case, "--status", "failed", "--comment", EVIL];
    inert_ok(dir, &args);
    let filed = inert_ok(
        dir,
        &[
            "defect",
            "new",
            "--title",
            EVIL,
            "--actual",
            EVIL,
            "--description",
            EVIL,
        ],
    );
    assert!(filed.contains(SHOWN), "{filed}");
    let added = inert_ok(dir, &["status", "add", EVIL, "--key", "z"]);
    assert!(added.contains(SHOWN), "{added}");
    let args = [
        "schedule", "add", "Nightly", "--every", "daily", "--title", EVIL, "--case", &case,
    ];
    inert_ok(dir, &args);
    let created = inert_ok(dir, &["project", "new", "EV", "--title", EVIL]);
    assert!(created.contains(SHOWN), "{created}");
    (store, case, run)
}

#[test]
fn text_commands_show_stored_control_and_bidi_characters_as_escapes() {
    let (store, _case, run_no) = hostile_store();
    let dir = store.path();
    let defect = "D-2";
    for args in [
        &["projects"][..],
        &["cases"],
        &["runs"],
        &["run", "show", &run_no],
        &["defects"],
        &["defect", "show", defect],
        &["schedules"],
    ] {
        let out = inert_ok(dir, args);
        assert!(out.contains(SHOWN), "{args:?} does not show the text:\n{out}");
    }
    for args in [
        &["readiness"][..],
        &["statuses"],
        &["defect", "set", defect, "--severity", "major"],
        &["run", "clone", &run_no],
        &["run", "complete", &run_no],
    ] {
        inert_ok(dir, args);
    }
    // A refusal that quotes stored text is inert on standard error too.
    let (code, out, err) = run(dir, &["status", "add", EVIL, "--key", "y"]);
    assert_eq!(code, 2, "{}", String::from_utf8_lossy(&out));
    assert_inert("a refusal", &err);
    assert!(
        String::from_utf8_lossy(&err).contains("pwned"),
        "{}",
        String::from_utf8_lossy(&err)
    );
}

#[test]
fn json_keeps_the_exact_text_escaped() {
    let (store, _case, run_no) = hostile_store();
    let dir = store.path();
    for args in [
        &["cases", "--json"][..],
        &["run", "show", &run_no, "--json"],
        &["defect", "show", "D-2", "--json"],
        &["projects", "--json"],
        &["defect", "export", "--format", "json"],
        &["export", &run_no, "--format", "json"],
    ] {
        let out = inert_ok(dir, args);
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"));
        assert!(holds(&v, EVIL), "{args:?} lost the exact text: {out}");
        assert!(
            out.contains("\\u202e") && out.contains("\\u001b]0;pwned\\u0007"),
            "{out}"
        );
    }
}

#[test]
fn reports_neutralise_bidi_controls_and_markdown() {
    let (store, _case, run_no) = hostile_store();
    let dir = store.path();
    let md = inert_ok(dir, &["export", &run_no, "--format", "md"]);
    assert!(!md.contains("```") && !md.contains("[x]("), "{md}");
    let cell = "Pay \\\\e\\]0;pwned\\\\u{7} \\\\e\\[2J \\\\u{9b}31m \\\\u{7f} \\\\u{202e}fdp.exe \\`\\`\\`js \\[x\\](javascript:alert(1))";
    assert!(md.contains(cell), "{md}");
    let html = inert_ok(dir, &["export", &run_no, "--format", "html"]);
    assert!(html.contains(SHOWN), "{html}");
}

/// A data export keeps the data when it goes to a file or a pipe, and is
/// inert when it goes to a terminal.
#[test]
fn data_is_exact_in_a_pipe_and_inert_on_a_terminal() {
    let (store, _case, run_no) = hostile_store();
    let dir = store.path();
    let store_arg = dir.to_str().unwrap();
    let exports = [
        &["defect", "export", "--format", "csv"][..],
        &["cases", "--format", "qase-csv"],
        &["export", &run_no, "--format", "junit"],
    ];
    for args in exports {
        let (code, out, err) = run(dir, args);
        assert_eq!(code, 0, "{args:?}: {}", String::from_utf8_lossy(&err));
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains('\u{202e}'), "{args:?} to a pipe changed the data: {out}");
    }
    let (_, out, _) = run(dir, &["defect", "export", "--format", "csv"]);
    assert!(
        String::from_utf8(out).unwrap().contains(EVIL),
        "the CSV keeps the exact text"
    );
    for args in exports {
        let args = [&["--store", store_arg, "--project", "DEMO"][..], args].concat();
        let mut t = Tui::spawn(&args, &[], 200, 50);
        let exit = t.wait_exit(Duration::from_secs(20)).expect("the export ends");
        assert_eq!(exit.code, 0, "{args:?}: {}", t.screen());
        assert_inert(&format!("{args:?} on a terminal"), &t.raw());
        assert!(
            String::from_utf8_lossy(&t.raw()).contains("\\u{202e}fdp.exe"),
            "{}",
            t.screen()
        );
    }
}
