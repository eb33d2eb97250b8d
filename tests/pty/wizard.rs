//! End-to-end tests of the run wizard: the real binary in a pseudo-terminal,
//! checked on the screen and then in the store (`run show --json`) once the
//! TUI has quit or been killed.
//!
//! The demo's run #2 has 28 tests (DEMO-1..DEMO-14 x Chrome, Firefox); test
//! 8/28, DEMO-4 Firefox (assigned to carol), is the first untested one and
//! test 11/28, DEMO-6 Chrome, the next.

use crate::e2e;
mod full_disk;
mod wizard_keys;

use e2e::{
    Exit, FIRST_UNTESTED, NEXT_UNTESTED, Tui, WAIT, cli, cli_json, cli_ok, demo_store, flat, key, path_str, unframe,
};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn ok() -> Exit {
    Exit { code: 0, signal: None }
}

// ---------------------------------------------------------------- the TUI

/// `stepwise --store STORE [EXTRA...] open RUN` at 80x24, waited until the
/// run view is drawn.
fn open_run(store: &TempDir, run: u32, extra: &[&str], env: &[(&str, &str)]) -> Tui {
    let run_arg = run.to_string();
    let mut args = vec!["--store", path_str(store)];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["open", &run_arg]);
    let t = Tui::spawn(&args, env, 80, 24);
    t.expect(&format!("#{run} "));
    t.expect(" done");
    t
}

/// Run #2's wizard opened with `w`: on DEMO-4 Firefox.
fn wizard_with(store: &TempDir, extra: &[&str], env: &[(&str, &str)]) -> Tui {
    let mut t = open_run(store, 2, extra, env);
    t.send("w");
    on_test(&t, FIRST_UNTESTED, "DEMO-4");
    t
}

fn wizard(store: &TempDir) -> Tui {
    wizard_with(store, &[], &[])
}

/// Waits until the wizard shows test `index` (0-based), case `case`.
fn on_test(t: &Tui, index: usize, case: &str) {
    let header = format!("test {}/", index + 1);
    let title = format!("│{case}  ");
    t.wait_until(&format!("{header} {case}"), WAIT, |s| {
        s.contains(&header) && s.lines().any(|l| l.starts_with(&title))
    })
    .unwrap_or_else(|e| panic!("{e}"));
}

/// The wizard's notice: up to three rows above its bottom border (it wraps
/// when long), joined.
fn notice_rows(screen: &str) -> String {
    let rows: Vec<&str> = screen.lines().skip(19).take(3).map(unframe).collect();
    rows.iter().map(|r| r.trim()).collect::<Vec<_>>().join(" ")
}

/// The wizard's notice as text.
fn notice(t: &Tui) -> String {
    notice_rows(&t.screen())
}

/// Waits until the notice line contains `text`.
fn expect_notice(t: &Tui, text: &str) {
    t.wait_until(&format!("notice {text:?}"), WAIT, |s| notice_rows(s).contains(text))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// `q` from a screen without a dialog; the TUI must exit cleanly.
fn quit(mut t: Tui) {
    t.send("q");
    assert_eq!(t.exited(), ok(), "screen:\n{}", t.screen());
}

/// Types `text` and waits until the screen shows it (so every key was
/// handled before the test goes on).
fn type_text(t: &mut Tui, text: &str) {
    t.send(text);
    t.expect(text);
}

/// The text of a dialog's one-line field `label` as drawn.
fn dialog_field(screen: &str, label: &str) -> Option<String> {
    let line = screen.lines().find(|l| l.contains(&format!("│{label} ")))?;
    let rest = line.split_once(&format!("│{label} "))?.1;
    Some(unframe(rest).to_string())
}

/// Waits until `text` shows, wrapped or not.
fn expect_flat(t: &Tui, text: &str) {
    t.wait_until(&format!("{text:?}"), WAIT, |s| flat(s).contains(text))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// The comment, attachments and history come after the steps: at 80x24
/// they are below the fold. Presses PgDn (up to 4 times) until `text` shows.
fn page_down_to(t: &mut Tui, text: &str) {
    for _ in 0..4 {
        if t.wait_for(text, Duration::from_millis(300)).is_ok() {
            return;
        }
        t.send(key::PAGE_DOWN);
    }
    t.expect(text);
}

/// Clears the focused single-line field (generously).
fn clear_field(t: &mut Tui) {
    t.send(&key::BACKSPACE.repeat(100));
}

// ---------------------------------------------------------------- the store

fn set(store: &TempDir, setting: &str) {
    cli_ok(store.path(), &["settings", "--set", setting]);
}

fn run_json(store: &Path, run: u32) -> Value {
    cli_json(store, &["run", "show", &run.to_string()])
}

/// The tests of run #2, in order.
fn tests(store: &TempDir) -> Vec<Value> {
    run_json(store.path(), 2)["tests"].as_array().unwrap().clone()
}

fn results(test: &Value) -> &Vec<Value> {
    test["results"].as_array().unwrap()
}

/// The only result of a test that had none before.
fn only_result(test: &Value) -> &Value {
    let r = results(test);
    assert_eq!(r.len(), 1, "expected exactly one result: {test:#}");
    &r[0]
}

/// Asserts that a test of `run show --json` is `case`/`config` with `status`.
fn assert_test(test: &Value, case: &str, config: &str, status: &str) {
    assert_eq!(
        (test["case"].as_str(), test["config"].as_str(), test["status"].as_str()),
        (Some(case), Some(config), Some(status)),
        "{test:#}"
    );
}

/// Every defect linked from any result of run #2.
fn linked_defects(store: &TempDir) -> Vec<String> {
    let mut all: Vec<String> = tests(store)
        .iter()
        .flat_map(|t| results(t).clone())
        .flat_map(|r| r["defects"].as_array().unwrap().clone())
        .map(|d| d.as_str().unwrap().to_string())
        .collect();
    all.sort();
    all.dedup();
    all
}

// ---------------------------------------------------------------- 1. fast pass

#[test]
fn fast_pass_records_at_once_and_moves_to_the_next_untested() {
    let store = demo_store();
    let before = tests(&store);
    assert_test(&before[FIRST_UNTESTED], "DEMO-4", "Firefox", "untested");
    let mut t = wizard(&store);
    t.expect("Whole test: untested");
    t.expect("9/28 done");
    t.send("p");
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    expect_notice(&t, "passed recorded on DEMO-4");
    t.expect("10/28 done");
    t.expect("Whole test: untested");
    // Back in the run view, the counts include the new result.
    t.key_esc();
    t.wait_until("the run view", WAIT, |s| !s.contains("Whole test"))
        .unwrap();
    t.expect("35% done  10/28");
    quit(t);

    let after = tests(&store);
    let test = &after[FIRST_UNTESTED];
    assert_test(test, "DEMO-4", "Firefox", "passed");
    let r = only_result(test);
    assert_eq!(
        (r["status"].as_str(), r["author"].as_str()),
        (Some("passed"), Some("tester"))
    );
    assert_eq!(r["defects"], serde_json::json!([]));
    // Nothing else changed: DEMO-4 Chrome keeps its one result, DEMO-6 is untested.
    for (i, (b, a)) in before.iter().zip(&after).enumerate() {
        if i != FIRST_UNTESTED {
            assert_eq!(b, a, "test {i} changed");
        }
    }
}

// ---------------------------------------------------------------- 2. fast pass off

#[test]
fn without_fast_pass_p_opens_the_dialog_and_ctrl_s_records_the_comment() {
    let store = demo_store();
    set(&store, "fast_pass=false");
    let mut t = wizard(&store);
    t.send("p");
    t.expect("Record: passed");
    t.expect("Time");
    assert!(
        !t.screen().contains("File a defect"),
        "a defect on a pass:\n{}",
        t.screen()
    );
    type_text(&mut t, "checked on staging, all good");
    t.send(key::CTRL_S);
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    expect_notice(&t, "passed recorded on DEMO-4");
    assert!(
        !t.screen().contains("Record: passed"),
        "dialog still open:\n{}",
        t.screen()
    );
    quit(t);

    let test = &tests(&store)[FIRST_UNTESTED];
    assert_test(test, "DEMO-4", "Firefox", "passed");
    let r = only_result(test);
    assert_eq!(r["comment"], "checked on staging, all good");
    assert_eq!(r["status"], "passed");
}

/// Esc on a positive dialog cancels: nothing recorded, and the typed
/// comment is kept as a draft that prefills the dialog next time.
#[test]
fn esc_on_the_passed_dialog_cancels_and_keeps_the_comment() {
    let store = demo_store();
    set(&store, "fast_pass=false");
    let mut t = wizard(&store);
    t.send("p");
    t.expect("Record: passed");
    type_text(&mut t, "not sure yet");
    t.key_esc();
    t.wait_until("the dialog closed", WAIT, |s| !s.contains("Record: passed"))
        .unwrap();
    on_test(&t, FIRST_UNTESTED, "DEMO-4");
    t.expect("Whole test: untested");
    page_down_to(&mut t, "Comment: not sure yet");
    t.send("p");
    t.expect("Record: passed");
    t.wait_until("the dialog prefilled", WAIT, |s| {
        s.lines().any(|l| l.contains("Comment    not sure yet"))
    })
    .unwrap();
    t.key_esc();
    t.wait_until("the dialog closed", WAIT, |s| !s.contains("Record: passed"))
        .unwrap();
    quit(t);
    let test = &tests(&store)[FIRST_UNTESTED];
    assert_test(test, "DEMO-4", "Firefox", "untested");
    assert!(results(test).is_empty());
}

// ---------------------------------------------------------------- 3, 4. failures

/// `w`, `j`, `p` (step 1 passed), `f` (step 2 failed): the failure dialog,
/// prefilled from the case and the failed step.
fn fail_step_two(t: &mut Tui) {
    t.send("j");
    t.wait_until("focus on step 1", WAIT, |s| s.contains("▶  1. ["))
        .unwrap();
    t.send("p");
    t.wait_until("step 1 passed, focus on step 2", WAIT, |s| {
        s.contains(" 1. [passed  ]") && s.contains("▶  2. [")
    })
    .unwrap();
    t.send("f");
    t.expect("Record: failed");
    t.expect("[x] File a defect");
    t.expect("(*) new  ( ) existing");
    t.expect("Title      Register a new customer account fails");
    // Actual: what the tester typed (nothing yet), never the expected result.
    assert_eq!(dialog_field(&t.screen(), "Actual").as_deref(), Some(""));
}

#[test]
fn a_failed_step_fails_the_test_and_files_the_defect_typed_in_the_dialog() {
    let store = demo_store();
    assert_eq!(linked_defects(&store), ["D-1"]);
    let mut t = wizard(&store);
    fail_step_two(&mut t);
    type_text(&mut t, "12345 was accepted");
    // Comment -> Time -> File a defect -> Defect mode -> Title.
    t.send(&key::TAB.repeat(4));
    clear_field(&mut t);
    t.wait_until("the title cleared", WAIT, |s| {
        dialog_field(s, "Title").as_deref() == Some("")
    })
    .unwrap();
    type_text(&mut t, "Weak password is accepted");
    let title = dialog_field(&t.screen(), "Title");
    assert_eq!(title.as_deref(), Some("Weak password is accepted"));
    t.send(key::CTRL_S);
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    expect_notice(&t, "failed recorded on DEMO-4, defect D-2 linked");
    // The defects tab lists the new defect with the typed title.
    t.send("3");
    t.expect("D-2   Weak password is accepted");
    quit(t);

    let test = &tests(&store)[FIRST_UNTESTED];
    assert_test(test, "DEMO-4", "Firefox", "failed");
    let r = only_result(test);
    assert_eq!(r["status"], "failed");
    assert_eq!(r["comment"], "12345 was accepted");
    assert_eq!(r["defects"], serde_json::json!(["D-2"]));
    let steps: Vec<&str> = r["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(steps, ["passed", "failed", "-", "-"]);
}

// Esc never records: see wizard_keys.

// ---------------------------------------------------------------- 5. drafts

/// `w`, `c`, types the note; returns when the screen shows it and when the
/// first key was sent.
fn type_comment(t: &mut Tui, text: &str) -> Instant {
    t.send("c");
    t.expect("Result comment");
    let typed = Instant::now();
    type_text(t, text);
    typed
}

fn hang_up(mut t: Tui) {
    t.signal(libc::SIGHUP);
    let exit = t.wait_exit(WAIT).expect("still running after SIGHUP");
    assert_eq!(
        exit,
        Exit {
            code: 129,
            signal: None
        }
    );
}

/// Reopens run #2's wizard and expects the comment draft on DEMO-4.
fn assert_comment_draft(store: &TempDir, text: &str) {
    let mut t = wizard(store);
    t.expect("Whole test: untested");
    page_down_to(&mut t, &format!("Comment: {text}"));
    quit(t);
    let test = &tests(store)[FIRST_UNTESTED];
    assert!(results(test).is_empty(), "a draft became a result: {test:#}");
}

#[test]
fn a_comment_draft_survives_a_dropped_terminal_after_the_debounce() {
    let store = demo_store();
    let mut t = wizard(&store);
    type_comment(&mut t, "half written note");
    // Long enough for the debounce and the 1 s tick to write it.
    std::thread::sleep(Duration::from_millis(2500));
    hang_up(t);
    assert_comment_draft(&store, "half written note");
}

#[test]
fn a_comment_draft_survives_a_hangup_right_after_typing() {
    let store = demo_store();
    let mut t = wizard(&store);
    let typed = type_comment(&mut t, "typed just now");
    hang_up_before_the_debounce(t, typed);
    assert_comment_draft(&store, "typed just now");
}

/// The debounced write happens by itself: kill -9 (no signal handler)
/// 2.5 s after typing still finds the draft.
#[test]
fn a_comment_draft_is_written_within_the_debounce_without_a_signal() {
    let store = demo_store();
    let mut t = wizard(&store);
    type_comment(&mut t, "saved by the tick");
    std::thread::sleep(Duration::from_millis(2500));
    t.signal(libc::SIGKILL);
    t.wait_exit(WAIT).expect("still running after SIGKILL");
    assert_comment_draft(&store, "saved by the tick");
}

/// What a clean end leaves: the clean-close marker, no holder file, no
/// panic in the log.
fn assert_closed_cleanly(store: &TempDir) {
    let dir = store.path();
    // The TUI's server ends as its last client leaves, and then closes.
    e2e::wait_server_gone(dir);
    assert!(dir.join("clean.json").exists(), "no clean-close marker");
    assert!(!dir.join("holder.json").exists(), "holder.json was left behind");
    let log = std::fs::read_to_string(dir.join("stepwise.log")).unwrap_or_default();
    assert!(!log.contains("panic"), "a panic in the log:\n{log}");
}

/// Closes the terminal's master side (what sshd does when a connection
/// drops) before the draft's debounce could have written the text.
fn drop_before_the_debounce(t: &mut Tui, typed: Instant) {
    let since = typed.elapsed();
    assert!(
        since < Duration::from_millis(700),
        "the machine is too slow for this test: {since:?} since typing"
    );
    t.drop_connection();
}

/// A real drop: the terminal closes first, then the kernel sends SIGHUP to
/// stepwise, which leads the terminal's session. No write to the dead
/// terminal may panic; the text typed just before is in the draft.
#[test]
fn a_dropped_connection_keeps_the_text_typed_just_before_and_exits_129() {
    let store = demo_store();
    let mut t = wizard(&store);
    let typed = type_comment(&mut t, "typed as the line dropped");
    drop_before_the_debounce(&mut t, typed);
    let exit = t.wait_exit(WAIT).expect("still running after the hang-up");
    assert_eq!(
        exit,
        Exit {
            code: 129,
            signal: None
        }
    );
    assert_closed_cleanly(&store);
    assert_comment_draft(&store, "typed as the line dropped");
}

/// The terminal closes under a shell that survives the hang-up: no SIGHUP
/// reaches stepwise, only the dead terminal tells.
#[test]
fn a_terminal_closed_without_sighup_keeps_the_draft_and_exits_0() {
    let store = demo_store();
    let out = tempfile::tempdir().unwrap();
    let status = out.path().join("status");
    let mut t = Tui::spawn_under_shell(&["--store", path_str(&store), "open", "2"], &[], &status);
    t.expect(" done");
    t.send("w");
    on_test(&t, FIRST_UNTESTED, "DEMO-4");
    let typed = type_comment(&mut t, "typed under a surviving shell");
    drop_before_the_debounce(&mut t, typed);
    let shell = t
        .wait_exit(WAIT)
        .expect("stepwise did not end after its terminal closed");
    assert_eq!(shell, ok(), "the shell's own exit");
    let code = std::fs::read_to_string(&status).expect("the shell wrote no exit status");
    assert_eq!(code.trim(), "0", "stepwise's exit status");
    assert_closed_cleanly(&store);
    assert_comment_draft(&store, "typed under a surviving shell");
}

/// The $EDITOR handoff's file is created securely: an unpredictable
/// name (not `stepwise-PID.txt`, which another user could plant as a
/// symlink), mode 0600, and removed afterwards.
#[test]
fn the_editor_gets_a_private_temporary_file() {
    let store = demo_store();
    let tmp = tempfile::tempdir().unwrap();
    let seen = tmp.path().join("seen");
    let editor = format!("sh -c 'stat -c \"%a %n\" \"$1\" > {}' editor", seen.display());
    let tmpdir = tmp.path().to_str().unwrap();
    let env = [("EDITOR", editor.as_str()), ("VISUAL", ""), ("TMPDIR", tmpdir)];
    let mut t = wizard_with(&store, &[], &env);
    t.send("c");
    t.expect("Result comment");
    t.send("\x05");
    t.wait_until("the editor's report", WAIT, |_| seen.exists()).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let report = std::fs::read_to_string(&seen).unwrap();
    let (mode, path) = report.trim().split_once(' ').expect("mode and path");
    assert_eq!(mode, "600", "{report}");
    let name = Path::new(path).file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("stepwise-") && name.ends_with(".txt"), "{name}");
    assert_ne!(name, format!("stepwise-{}.txt", t.pid()), "a predictable name");
    assert!(!Path::new(path).exists(), "the temporary file was left behind");
    t.key_esc();
    quit(t);
}

/// SIGHUP while the debounce has certainly not written the draft yet.
fn hang_up_before_the_debounce(t: Tui, typed: Instant) {
    let since = typed.elapsed();
    assert!(
        since < Duration::from_millis(700),
        "the machine is too slow for this test: {since:?} since typing"
    );
    hang_up(t);
}

/// Step marks are a draft too, written at once.
#[test]
fn step_marks_survive_a_hangup() {
    let store = demo_store();
    let mut t = wizard(&store);
    t.send("j");
    let typed = Instant::now();
    t.send("p");
    t.wait_until("step 1 passed", WAIT, |s| s.contains(" 1. [passed  ]"))
        .unwrap();
    hang_up_before_the_debounce(t, typed);
    let t = wizard(&store);
    t.expect(" 1. [passed  ]");
    t.expect(" 2. [        ]");
    quit(t);
    assert!(results(&tests(&store)[FIRST_UNTESTED]).is_empty());
}

// ---------------------------------------------------------------- 6. kill -9

#[test]
fn a_result_survives_kill_9_right_after_the_screen_moves_on() {
    let store = demo_store();
    let mut t = wizard(&store);
    t.send("p");
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    t.signal(libc::SIGKILL);
    t.wait_exit(WAIT).expect("still running after SIGKILL");
    let test = &tests(&store)[FIRST_UNTESTED];
    assert_test(test, "DEMO-4", "Firefox", "passed");
    assert_eq!(only_result(test)["status"], "passed");
}

// ---------------------------------------------------------------- 7. settings

#[test]
fn redirect_same_stays_on_the_test() {
    let store = demo_store();
    set(&store, "redirect_after_result=same");
    let mut t = wizard(&store);
    t.send("p");
    t.expect("Whole test: passed");
    expect_notice(&t, "passed recorded on DEMO-4");
    on_test(&t, FIRST_UNTESTED, "DEMO-4");
    t.expect("(1 result(s))");
    quit(t);
    assert_test(&tests(&store)[FIRST_UNTESTED], "DEMO-4", "Firefox", "passed");
}

/// Records `passed` through the CLI on every untested test of run #2 but
/// DEMO-4 Firefox.
fn record_all_but_the_first_untested(store: &TempDir) {
    for (i, test) in tests(store).iter().enumerate() {
        if i == FIRST_UNTESTED || test["status"] != "untested" {
            continue;
        }
        let (case, config) = (test["case"].as_str().unwrap(), test["config"].as_str().unwrap());
        cli_ok(
            store.path(),
            &["result", "2", case, "--config", config, "--status", "passed"],
        );
    }
    let run = run_json(store.path(), 2);
    assert_eq!(
        (run["state"].as_str(), run["counts"]["untested"].as_u64()),
        (Some("active"), Some(1))
    );
}

fn run_state(store: &TempDir, no: u64) -> (String, Value) {
    let runs = cli_json(store.path(), &["runs"]);
    let run = runs
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == no)
        .unwrap()
        .clone();
    (run["state"].as_str().unwrap().to_string(), run["outcome"].clone())
}

#[test]
fn auto_complete_completes_the_run_with_its_last_result() {
    let store = demo_store();
    set(&store, "auto_complete=true");
    record_all_but_the_first_untested(&store);
    let mut t = wizard(&store);
    t.send("p");
    expect_notice(&t, "Every test has a result: run #2 completed, failed");
    quit(t);
    assert_eq!(run_state(&store, 2), ("completed".into(), "failed".into()));
    assert_test(&tests(&store)[FIRST_UNTESTED], "DEMO-4", "Firefox", "passed");
}

/// Without auto complete, the last result leaves the run active.
#[test]
fn without_auto_complete_the_last_result_leaves_the_run_active() {
    let store = demo_store();
    record_all_but_the_first_untested(&store);
    let mut t = wizard(&store);
    t.send("p");
    expect_notice(&t, "passed recorded on DEMO-4");
    t.expect("No untested test is left");
    assert!(!t.screen().contains("completed"), "{}", t.screen());
    quit(t);
    assert_eq!(run_state(&store, 2), ("active".into(), Value::Null));
}

#[test]
fn the_assignee_lock_refuses_others_until_they_take_the_test() {
    let store = demo_store();
    set(&store, "assignee_result_lock=true");
    let mut t = wizard_with(&store, &["--user", "zed"], &[]);
    expect_flat(&t, "assignee carol");
    t.send("p");
    expect_notice(&t, "assigned to carol");
    on_test(&t, FIRST_UNTESTED, "DEMO-4");
    t.expect("Whole test: untested");
    t.send("t");
    expect_notice(&t, "assigned to you (zed)");
    expect_flat(&t, "assignee zed");
    t.send("p");
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    expect_notice(&t, "passed recorded on DEMO-4");
    quit(t);

    let test = &tests(&store)[FIRST_UNTESTED];
    assert_test(test, "DEMO-4", "Firefox", "passed");
    assert_eq!(test["assignee"], "zed");
    assert_eq!(only_result(test)["author"], "zed");
}

/// The refused `p` records nothing, even when the TUI quits right after.
#[test]
fn the_assignee_lock_records_nothing() {
    let store = demo_store();
    set(&store, "assignee_result_lock=true");
    let before = tests(&store);
    let mut t = wizard_with(&store, &["--user", "zed"], &[]);
    t.send("p");
    expect_notice(&t, "assigned to carol");
    t.send("r");
    expect_notice(&t, "assigned to carol");
    quit(t);
    assert_eq!(tests(&store), before);
}

/// Run #1 (completed): Enter on its first test, DEMO-1, then `p`.
fn pass_first_test_of_run_1(store: &TempDir) -> Tui {
    let mut t = open_run(store, 1, &[], &[]);
    t.key_enter();
    on_test(&t, 0, "DEMO-1");
    t.send("p");
    t
}

#[test]
fn closed_runs_refuse_results_unless_allowed() {
    let store = demo_store();
    let before = run_json(store.path(), 1);
    assert_eq!(before["state"], "completed");
    let t = pass_first_test_of_run_1(&store);
    expect_notice(&t, "closed runs");
    quit(t);
    assert_eq!(run_json(store.path(), 1), before);

    set(&store, "allow_results_in_closed_runs=true");
    let t = pass_first_test_of_run_1(&store);
    expect_notice(&t, "passed recorded on DEMO-1");
    quit(t);
    let after = run_json(store.path(), 1);
    let (old, new) = (&before["tests"][0], &after["tests"][0]);
    assert_eq!(results(new).len(), 2, "{new:#}");
    assert_eq!(results(new)[0], results(old)[0]);
    assert_eq!(
        (results(new)[1]["status"].as_str(), results(new)[1]["author"].as_str()),
        (Some("passed"), Some("tester"))
    );
    // The run stays completed, its outcome as it was.
    assert_eq!(
        (&after["state"], &after["outcome"]),
        (&before["state"], &before["outcome"])
    );
}

/// Marks every step of DEMO-4 (4 steps) with `p`.
fn pass_every_step(t: &mut Tui) {
    t.send("j");
    t.wait_until("focus on step 1", WAIT, |s| s.contains("▶  1. ["))
        .unwrap();
    t.send("pppp");
}

fn step_statuses(result: &Value) -> Vec<String> {
    let steps = result["steps"].as_array().unwrap();
    steps
        .iter()
        .map(|s| s["status"].as_str().unwrap_or("-").to_string())
        .collect()
}

#[test]
fn auto_passed_records_a_pass_when_every_step_passed() {
    let store = demo_store();
    let mut t = wizard(&store);
    pass_every_step(&mut t);
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    expect_notice(&t, "passed recorded on DEMO-4");
    quit(t);
    let r = only_result(&tests(&store)[FIRST_UNTESTED]).clone();
    assert_eq!(r["status"], "passed");
    assert_eq!(step_statuses(&r), ["passed"; 4]);
}

#[test]
fn without_auto_passed_the_steps_wait_for_the_whole_test() {
    let store = demo_store();
    set(&store, "auto_passed=false");
    let mut t = wizard(&store);
    pass_every_step(&mut t);
    // Focus is back on the whole test, nothing recorded.
    t.wait_until("the last step passed", WAIT, |s| {
        s.contains("▶ Whole test: untested") && s.contains(" 3. [passed  ]")
    })
    .unwrap();
    on_test(&t, FIRST_UNTESTED, "DEMO-4");
    t.send("p");
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    quit(t);
    let r = only_result(&tests(&store)[FIRST_UNTESTED]).clone();
    assert_eq!(r["status"], "passed");
    assert_eq!(step_statuses(&r), ["passed"; 4]);
}

#[test]
fn without_fail_case_on_step_fail_a_failed_step_opens_no_dialog() {
    let store = demo_store();
    set(&store, "fail_case_on_step_fail=false");
    let mut t = wizard(&store);
    t.send("j");
    t.wait_until("focus on step 1", WAIT, |s| s.contains("▶  1. ["))
        .unwrap();
    t.send("f");
    t.wait_until("step 1 failed, focus on step 2", WAIT, |s| {
        s.contains(" 1. [failed  ]") && s.contains("▶  2. [")
    })
    .unwrap();
    assert!(!t.screen().contains("Record:"), "{}", t.screen());
    t.send("k");
    t.send("k");
    t.wait_until("focus on the whole test", WAIT, |s| s.contains("▶ Whole test"))
        .unwrap();
    t.send("p");
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    expect_notice(&t, "passed recorded on DEMO-4");
    quit(t);
    let r = only_result(&tests(&store)[FIRST_UNTESTED]).clone();
    assert_eq!(r["status"], "passed");
    assert_eq!(step_statuses(&r), ["failed", "-", "-", "-"]);
}

/// With fail_case_on_step_fail (the default), a pass of the whole test
/// with a failed step on it is recorded as failed. The step is failed
/// with the setting off (no dialog) and kept as a draft across a restart.
#[test]
fn a_failed_step_turns_a_pass_into_a_failure() {
    let store = demo_store();
    set(&store, "fail_case_on_step_fail=false");
    let mut t = wizard(&store);
    t.send("j");
    t.send("f");
    t.wait_until("step 1 failed", WAIT, |s| s.contains(" 1. [failed  ]"))
        .unwrap();
    quit(t); // the mark is a draft
    set(&store, "fail_case_on_step_fail=true");
    let mut t = wizard(&store);
    t.expect(" 1. [failed  ]");
    t.send("p");
    expect_notice(&t, "failed recorded on DEMO-4 (a step failed)");
    quit(t);
    let r = only_result(&tests(&store)[FIRST_UNTESTED]).clone();
    assert_eq!(r["status"], "failed");
    assert_eq!(step_statuses(&r), ["failed", "-", "-", "-"]);
}

// ---------------------------------------------------------------- 8. retest

#[test]
fn retest_keeps_the_earlier_result_and_adds_the_new_one() {
    let store = demo_store();
    let before = tests(&store);
    assert_test(&before[0], "DEMO-1", "Chrome", "passed");
    let mut t = open_run(&store, 2, &[], &[]);
    t.key_enter();
    on_test(&t, 0, "DEMO-1");
    t.expect("Whole test: passed  (1 result(s))");
    t.send("v");
    page_down_to(&mut t, "1. passed by bob");
    t.send("r");
    t.expect("Whole test: retest");
    expect_notice(&t, "Pushed to retest");
    t.send("p");
    expect_notice(&t, "passed recorded on DEMO-1");
    quit(t);

    let test = &tests(&store)[0];
    assert_test(test, "DEMO-1", "Chrome", "passed");
    let r = results(test);
    assert_eq!(r.len(), 2, "{test:#}");
    assert_eq!(r[0], results(&before[0])[0], "the first result changed");
    assert_eq!(
        (r[1]["status"].as_str(), r[1]["author"].as_str()),
        (Some("passed"), Some("tester"))
    );
}

// ---------------------------------------------------------------- 9. attachments

#[test]
fn an_attached_file_is_saved_with_the_result() {
    let store = demo_store();
    let files = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = (0..1500u32).map(|i| (i % 251) as u8).collect();
    let file = files.path().join("screenshot-login.png");
    std::fs::write(&file, &bytes).unwrap();
    let mut t = wizard(&store);
    t.send("a");
    t.expect("Attach a file");
    // Type a prefix and let Tab complete the name.
    let prefix = format!("{}/scr", files.path().display());
    type_text(&mut t, &prefix);
    t.send(key::TAB);
    t.expect(&file.display().to_string());
    t.key_enter();
    t.wait_until("the dialog closed", WAIT, |s| !s.contains("Attach a file"))
        .unwrap();
    expect_notice(&t, "Attached screenshot-login.png (1.5 KB)");
    page_down_to(&mut t, "Attachments: screenshot-login.png (1.5 KB)");
    t.send("p");
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    quit(t);

    let r = only_result(&tests(&store)[FIRST_UNTESTED]).clone();
    let atts = r["attachments"].as_array().unwrap();
    assert_eq!(atts.len(), 1, "{r:#}");
    assert_eq!(atts[0]["name"], "screenshot-login.png");
    assert_eq!(atts[0]["size"], 1500);
    let sha = atts[0]["sha256"].as_str().unwrap();
    assert!(
        sha.len() == 64 && sha.chars().all(|c| c.is_ascii_hexdigit()),
        "sha256 {sha:?}"
    );
    use sha2::Digest;
    assert_eq!(sha, format!("{:x}", sha2::Sha256::digest(&bytes)));
    let kept = std::fs::read(store.path().join("attachments").join(sha)).unwrap();
    assert!(kept == bytes, "the stored copy differs");
}

#[test]
fn missing_and_oversized_files_are_refused() {
    let store = demo_store();
    let files = tempfile::tempdir().unwrap();
    let big = files.path().join("big.bin");
    std::fs::write(&big, vec![7u8; 2 * 1024 * 1024]).unwrap();
    let mut t = wizard_with(&store, &[], &[("STEPWISE_MAX_ATTACHMENT_MB", "1")]);
    t.send("a");
    t.expect("Attach a file");
    t.expect("up to 1 MB");
    let missing = format!("{}/nope.png", files.path().display());
    type_text(&mut t, &missing);
    t.key_enter();
    t.expect("cannot attach");
    t.expect("No such file");
    clear_field(&mut t);
    type_text(&mut t, &big.display().to_string());
    t.key_enter();
    t.expect("over the");
    t.key_esc();
    t.wait_until("the dialog closed", WAIT, |s| !s.contains("Attach a file"))
        .unwrap();
    t.send(&key::PAGE_DOWN.repeat(4));
    t.expect("Whole test: untested");
    std::thread::sleep(Duration::from_millis(300));
    assert!(!t.screen().contains("Attachments:"), "{}", t.screen());
    t.send("p");
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    quit(t);

    let r = only_result(&tests(&store)[FIRST_UNTESTED]).clone();
    assert_eq!(r["attachments"], serde_json::json!([]));
    let copied = std::fs::read_dir(store.path().join("attachments")).map_or(0, |d| d.count());
    assert_eq!(copied, 0, "a refused file was copied into the store");
}

// ---------------------------------------------------------------- 10. the CLI

#[test]
fn bad_results_through_the_cli_exit_2_and_change_nothing() {
    let store = demo_store();
    let before = run_json(store.path(), 2);
    let cases: [(&[&str], &str); 8] = [
        (&["DEMO-99", "--status", "passed"], "not in run"),
        (&["DEMO-6", "--status", "passed"], "several configurations"),
        (&["DEMO-6", "--config", "Chrome", "--status", "meh"], "meh"),
        (
            &[
                "DEMO-6", "--config", "Chrome", "--status", "failed", "--step", "9=failed",
            ],
            "step 9 does not exist",
        ),
        (
            &[
                "DEMO-6", "--config", "Chrome", "--status", "failed", "--step", "0=failed",
            ],
            "1 or more",
        ),
        (
            &["DEMO-6", "--config", "Chrome", "--status", "failed", "--step", "2"],
            "N=STATUS",
        ),
        (
            &["DEMO-6", "--config", "Chrome", "--status", "failed", "--defect", "D-77"],
            "D-77",
        ),
        (
            &[
                "DEMO-6", "--config", "Chrome", "--status", "passed", "--attach", "/nope",
            ],
            "/nope",
        ),
    ];
    for (args, says) in cases {
        let all = [&["result", "2"][..], args].concat();
        let (code, out, err) = cli(store.path(), &all);
        assert_eq!(code, 2, "{all:?}: stdout {out:?} stderr {err:?}");
        assert!(err.contains(says), "{all:?}: {err:?} does not say {says:?}");
    }
    // Several configurations: the message lists them.
    let (_, _, err) = cli(store.path(), &["result", "2", "DEMO-6", "--status", "passed"]);
    assert!(err.contains("Chrome, Firefox"), "{err}");
    let (_, _, err) = cli(
        store.path(),
        &["result", "2", "DEMO-6", "--config", "Chrome", "--status", "meh"],
    );
    assert!(err.contains("passed, failed"), "known statuses not listed: {err}");
    assert_eq!(run_json(store.path(), 2), before, "a refused result changed the run");
    // The same command with good input does record.
    cli_ok(
        store.path(),
        &["result", "2", "DEMO-6", "--config", "Chrome", "--status", "passed"],
    );
    assert_eq!(tests(&store)[NEXT_UNTESTED]["status"], "passed");
}

// ------------------------------------------- refusals, quitting, long text
//
// Each of these once failed (found by these tests) and pins the fix.

/// With the assignee lock, `f` opens the failure dialog although nothing
/// may be recorded; Ctrl-S and Esc are both refused inside it, and no key
/// closes it (Ctrl-C and q are typed into the comment).
#[test]
fn a_refused_failure_dialog_can_be_left_under_the_assignee_lock() {
    let store = demo_store();
    set(&store, "assignee_result_lock=true");
    let mut t = wizard_with(&store, &["--user", "zed"], &[]);
    t.send("f");
    leave_refused_failure(&mut t, "assigned to carol");
    let test = &tests(&store)[FIRST_UNTESTED];
    assert!(results(test).is_empty(), "{test:#}");
}

#[test]
fn a_refused_failure_dialog_can_be_left_in_a_closed_run() {
    let store = demo_store();
    let before = run_json(store.path(), 1);
    let mut t = open_run(&store, 1, &[], &[]);
    t.key_enter();
    on_test(&t, 0, "DEMO-1");
    t.send("f");
    leave_refused_failure(&mut t, "closed runs");
    assert_eq!(run_json(store.path(), 1), before);
}

/// After a refused `f`: either no dialog opened and the notice says why,
/// or Esc closes the dialog. Then `q` must quit.
fn leave_refused_failure(t: &mut Tui, why: &str) {
    t.wait_until("the refusal or the dialog", WAIT, |s| {
        s.contains("Record: failed") || notice_rows(s).contains(why)
    })
    .unwrap();
    if t.screen().contains("Record: failed") {
        t.key_esc();
        let closed = t.wait_until("the dialog closed by Esc", WAIT, |s| !s.contains("Record: failed"));
        if let Err(e) = closed {
            t.signal(libc::SIGTERM);
            panic!("{e}");
        }
    }
    t.send("q");
    assert_eq!(t.wait_exit(WAIT), Some(ok()), "q did not quit:\n{}", t.screen());
}

/// README: "everywhere: q or Ctrl-C quit". In a dialog q is text, but
/// Ctrl-C is typed into the field too and nothing quits.
#[test]
fn ctrl_c_quits_from_a_dialog() {
    let store = demo_store();
    let mut t = wizard(&store);
    t.send("c");
    t.expect("Result comment");
    type_text(&mut t, "some words");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(WAIT), Some(ok()), "still running:\n{}", t.screen());
    assert_comment_draft(&store, "some words");
}

/// The notice is one row: at 80 columns the lock refusal loses its end,
/// "(reassign it first). Press t to take it.", so the hint is never seen.
#[test]
fn the_lock_refusal_shows_the_take_hint_at_80_columns() {
    let store = demo_store();
    set(&store, "assignee_result_lock=true");
    let mut t = wizard_with(&store, &["--user", "zed"], &[]);
    t.send("p");
    expect_notice(&t, "assigned to carol");
    std::thread::sleep(Duration::from_millis(200));
    assert!(flat(&t.screen()).contains("Press t to take it"), "{}", t.screen());
    quit(t);
}

/// The completing result's notice, "passed recorded on DEMO-4. Every test
/// has a result: run #2 completed, failed. No untested test is left in
/// this run", is cut after "failed.".
#[test]
fn the_completion_notice_is_shown_whole_at_80_columns() {
    let store = demo_store();
    set(&store, "auto_complete=true");
    record_all_but_the_first_untested(&store);
    let mut t = wizard(&store);
    t.send("p");
    expect_notice(&t, "run #2 completed, failed");
    std::thread::sleep(Duration::from_millis(200));
    assert!(flat(&t.screen()).contains("No untested test is left"), "{}", t.screen());
    quit(t);
}

/// DEMO-5 has five steps: its history is below the fold at 80x24, and `v`
/// scrolls it into view at once; moving the focus scrolls back to it.
#[test]
fn v_scrolls_the_history_of_a_long_test_into_view() {
    let store = demo_store();
    let mut t = open_run(&store, 2, &[], &[]);
    t.send(&"j".repeat(8));
    t.key_enter();
    on_test(&t, 8, "DEMO-5");
    t.expect("Whole test: passed");
    t.send("v");
    t.expect("1. passed by bob");
    t.expect("History (1 result(s)):");
    t.send("k");
    t.expect("Whole test: passed");
    quit(t);
}

/// Ctrl-E hands the comment to $EDITOR and takes the edited text back; the
/// terminal is restored around the editor and taken back after.
#[test]
fn ctrl_e_edits_the_comment_in_the_editor() {
    let store = demo_store();
    let script = store.path().join("fake-editor.sh");
    std::fs::write(&script, "#!/bin/sh\nprintf 'written in the editor' > \"$1\"\n").unwrap();
    std::os::unix::fs::PermissionsExt::set_mode(&mut std::fs::metadata(&script).unwrap().permissions(), 0o755);
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let editor = script.display().to_string();
    let mut t = wizard_with(&store, &[], &[("EDITOR", editor.as_str()), ("VISUAL", "")]);
    t.send("c");
    t.expect("Result comment");
    type_text(&mut t, "typed first");
    t.send("\x05");
    t.wait_until("the edited text", Duration::from_secs(5), |s| {
        s.contains("written in the editor")
    })
    .unwrap();
    t.key_esc();
    expect_flat(&t, "Comment: written in the editor");
    quit(t);
}

/// With auto assignee, opening an unassigned test in the wizard makes the
/// tester its assignee (the demo's runs are assigned: a new run is made).
#[test]
fn auto_assignee_takes_an_unassigned_test_on_open() {
    let store = demo_store();
    set(&store, "auto_assignee=true");
    let dir = store.path().to_path_buf();
    {
        let svc = stepwise::service::Service::new(stepwise::store::Store::open(&dir, "lead").unwrap(), "lead");
        let code = stepwise::domain::ProjectCode::parse("DEMO").unwrap();
        let new = stepwise::service::NewRun {
            title: Some("unassigned".into()),
            cases: vec![1, 2],
            ..Default::default()
        };
        svc.create_run(&code, new).unwrap();
    }
    let mut t = open_run(&store, 3, &["--user", "zed"], &[]);
    t.send("w");
    t.expect("assignee zed");
    quit(t);
    let run = run_json(&dir, 3);
    assert_eq!(run["tests"][0]["assignee"], "zed");
    assert_eq!(
        run["tests"][1]["assignee"],
        Value::Null,
        "only the opened test is taken"
    );
}
