//! Two TUIs on one store and CLI commands beside them, end to end in
//! pseudo-terminals: a result recorded from the CLI shows on the open
//! dashboards and in the wizard with no key pressed; each TUI shows where
//! the other is (presence); two testers racing for one unassigned test
//! with auto assignee on: the second sees who took it, and with the
//! assignee lock its result is refused naming the assignee; kill -9 of the
//! server during a loop of recorded results loses none that was
//! acknowledged, and both TUIs carry on (a notice, still live, the text
//! being typed intact and its draft saved).

use crate::e2e;

use e2e::{FIRST_UNTESTED, Tui, WAIT, cli_command, demo_store, path_str, wait_server_gone};
use std::path::Path;
use std::time::Instant;

/// `stepwise --store STORE ARGS` beside the open TUIs (the server stays:
/// no waiting for it to end): (exit code, stdout, stderr).
fn beside(store: &Path, args: &[&str]) -> (i32, String, String) {
    let out = cli_command(store, args, &[]).output().expect("run stepwise");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn beside_json(store: &Path, args: &[&str]) -> serde_json::Value {
    let args = [args, &["--json"]].concat();
    let (code, out, err) = beside(store, &args);
    assert_eq!(code, 0, "stepwise {args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: bad JSON ({e}): {out}"))
}

/// Run #2's tests: (case, config, status).
fn tests(store: &Path) -> Vec<(String, String, String)> {
    let run = beside_json(store, &["run", "show", "2"]);
    run["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .map(|t| {
            let s = |k: &str| t[k].as_str().unwrap_or("").to_string();
            (s("case"), s("config"), s("status"))
        })
        .collect()
}

fn done(store: &Path) -> usize {
    tests(store)
        .iter()
        .filter(|t| t.2 != "untested" && t.2 != "retest")
        .count()
}

/// `stepwise result 2 CASE --config C --status passed`.
fn pass_args(case: &str, config: &str) -> Vec<String> {
    let mut args = vec![
        "result".into(),
        "2".into(),
        case.into(),
        "--status".into(),
        "passed".into(),
    ];
    if !config.is_empty() {
        args.extend(["--config".into(), config.into()]);
    }
    args
}

fn quit(tui: &mut Tui) {
    tui.key_esc();
    tui.send("q");
    let exit = tui.exited();
    assert_eq!(exit.code, 0, "{exit:?}\n{}", tui.screen());
}

/// The dashboard of run #2 for `user` (the OS account may declare it).
fn dashboard(store: &tempfile::TempDir, user: &str) -> Tui {
    dashboard_of(store, user, "2")
}

fn dashboard_of(store: &tempfile::TempDir, user: &str, run: &str) -> Tui {
    let tui = Tui::spawn(&["--store", path_str(store), "--user", user, "open", run], &[], 80, 24);
    tui.expect("% done");
    tui
}

#[test]
fn a_cli_result_shows_on_both_tuis_without_a_key_and_each_sees_the_other() {
    let store = demo_store();
    let dir = store.path();
    let before = done(dir);
    wait_server_gone(dir);
    let mut a = dashboard(&store, "tester");
    let mut b = dashboard(&store, "alice");
    // Both dashboards are on the run's first test: each names the other.
    a.expect("alice is on this test");
    b.expect("tester is on this test");

    // tester opens the first untested test in the wizard, then alice does.
    a.send("w");
    a.expect(&format!("test {}/28", FIRST_UNTESTED + 1));
    b.send("w");
    b.expect(&format!("test {}/28", FIRST_UNTESTED + 1));
    b.expect("tester also has this test open");
    a.expect("alice also has this test open");

    // A result recorded from the CLI on another test shows in both
    // wizards' progress with no key pressed.
    let list = tests(dir);
    let (case, config, _) = list
        .iter()
        .enumerate()
        .find(|(i, t)| *i != FIRST_UNTESTED && t.2 == "untested")
        .map(|(_, t)| t.clone())
        .expect("another untested test");
    let args = pass_args(&case, &config);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let started = Instant::now();
    let (code, _, err) = beside(dir, &args);
    let took = started.elapsed();
    assert_eq!(code, 0, "{err}");
    let progress = format!("{}/28 done", before + 1);
    a.expect(&progress);
    let shown = started.elapsed();
    b.expect(&progress);
    eprintln!(
        "a CLI result: command {took:?} (process start to exit); on the open wizard {shown:?} after the command started (20 ms polling)"
    );

    // Back on the dashboard, alice's test is marked and the count is live.
    a.key_esc();
    a.expect(&format!("{}/28", before + 1));
    a.expect("◆");
    let (code, _, err) = beside(dir, &["run", "show", "2"]);
    assert_eq!(code, 0, "{err}");
    quit(&mut b);
    // alice left: the mark goes, with no key.
    a.wait_until("no mark", WAIT, |s| !s.contains('◆'))
        .unwrap_or_else(|e| panic!("{e}"));
    quit(&mut a);
    wait_server_gone(dir);
}

#[test]
fn racing_for_one_test_with_auto_assignee_the_second_sees_who_took_it_and_the_lock_refuses() {
    let store = demo_store();
    let dir = store.path();
    e2e::cli_ok(dir, &["settings", "--set", "auto_assignee=true"]);
    e2e::cli_ok(dir, &["settings", "--set", "assignee_result_lock=true"]);
    // A run nobody is assigned to.
    let run = e2e::cli_json(dir, &["run", "new", "--title", "Race", "--suite", "Authentication"]);
    let no = run["number"].as_u64().expect("its number").to_string();
    assert!(run["tests"][0]["assignee"].is_null(), "{run}");
    let mut a = dashboard_of(&store, "tester", &no);
    let mut b = dashboard_of(&store, "alice", &no);
    a.send("w");
    a.expect("assignee tester");
    // alice opens the same test after: the server took tester's first.
    b.send("w");
    b.expect("test 1/");
    b.expect("assignee tester");
    b.send("p");
    b.expect("test is assigned to tester");
    // Nothing recorded by alice.
    let shown = beside_json(dir, &["run", "show", &no]);
    assert_eq!(shown["tests"][0]["status"], "untested", "{shown}");
    assert_eq!(shown["tests"][0]["assignee"], "tester", "{shown}");
    quit(&mut b);
    quit(&mut a);
    wait_server_gone(dir);
}

/// The server's pid, from `server status --json`.
fn server_pid(store: &Path) -> i32 {
    let status = beside_json(store, &["server", "status"]);
    status["pid"].as_i64().expect("the server's pid") as i32
}

#[test]
fn kill_9_of_the_server_during_recorded_results_loses_none_acknowledged_and_both_tuis_carry_on() {
    let store = demo_store();
    let dir = store.path();
    let before = done(dir);
    wait_server_gone(dir);
    let mut a = dashboard(&store, "tester");
    let mut b = dashboard(&store, "alice");
    // alice types a comment in the wizard (not yet saved as a draft).
    b.send("w");
    b.expect(&format!("test {}/28", FIRST_UNTESTED + 1));
    b.send("c");
    b.send("typed before the kill");
    b.expect("typed before the kill");

    let targets: Vec<(String, String)> = tests(dir)
        .into_iter()
        .enumerate()
        .filter(|(i, t)| *i != FIRST_UNTESTED && t.2 == "untested")
        .map(|(_, t)| (t.0, t.1))
        .take(10)
        .collect();
    assert!(targets.len() >= 6, "{targets:?}");
    let old_pid = server_pid(dir);
    let mut acked = 0;
    let mut unsure = Vec::new();
    for (i, (case, config)) in targets.iter().enumerate() {
        let mut cmd = cli_command(dir, &[], &[]);
        cmd.args(pass_args(case, config));
        let child = cmd
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn stepwise");
        if i == 3 {
            // kill -9 while the command is on its way.
            // SAFETY: kill(2) on the server's pid, read from its status.
            unsafe { libc::kill(old_pid, libc::SIGKILL) };
        }
        let out = child.wait_with_output().expect("wait stepwise");
        if out.status.success() {
            acked += 1;
            // Acknowledged: recorded, whatever happens next.
            let list = tests(dir);
            let t = list.iter().find(|t| &t.0 == case && &t.1 == config).expect("the test");
            assert_eq!(t.2, "passed", "acknowledged {case} {config} is not recorded");
        } else {
            unsure.push(String::from_utf8_lossy(&out.stderr).into_owned());
        }
    }
    assert_ne!(server_pid(dir), old_pid, "a new server took over");
    // Every acknowledged result is there; a refused one says why.
    let now = done(dir);
    assert!(now >= before + acked, "{now} < {before} + {acked}; unsure: {unsure:?}");
    for e in &unsure {
        assert!(e.contains("stepwise server"), "{e}");
    }
    // Both TUIs say so and carry on, live.
    a.expect("Reconnected to the stepwise server");
    a.expect(&format!("{now}/28"));
    b.expect(&format!("{now}/28 done"));
    // The text typed before the kill is intact and typing goes on.
    b.send(" and after");
    b.expect("typed before the kill and after");
    b.key_esc();
    quit(&mut b);
    quit(&mut a);
    wait_server_gone(dir);

    // The draft reached the (new) server: alice finds it in the wizard.
    let mut c = dashboard(&store, "alice");
    c.send("w");
    c.expect("typed before the kill and after");
    quit(&mut c);
    wait_server_gone(dir);
}
