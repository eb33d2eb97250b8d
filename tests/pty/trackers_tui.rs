//! End to end (pseudo-terminal), against the fake tracker on 127.0.0.1:
//! fail a step, file the defect and push it in one flow from the failure
//! dialog; the detail shows the created key; a sync after the tracker
//! closed the issue shows the change; the store says the same.

use crate::e2e::fake_tracker::{Fake, reply};
use crate::e2e::{FIRST_UNTESTED, Tui, WAIT, cli_json, cli_ok, demo_store, path_str};
use serde_json::json;

const TOKEN_VAR: &str = "STEPWISE_PTY_TRACKER_TOKEN";

#[test]
fn fail_a_step_file_and_push_then_sync_shows_the_issue_closed() {
    let fake = Fake::start();
    fake.route(
        "POST",
        "/repos/octo/shop/issues",
        reply(
            201,
            json!({"number": 31, "html_url": "https://github.test/octo/shop/issues/31", "state": "open"}),
        ),
    );
    let store = demo_store();
    add_github_tracker(store.path(), &fake.base);
    let env = [(TOKEN_VAR, "tok-pty-5e1f")];
    let mut t = Tui::spawn(&["--store", path_str(&store), "open", "2"], &env, 80, 24);
    t.expect(" done");
    t.send("w");
    t.expect(&format!("test {}/28", FIRST_UNTESTED + 1));
    // Step 1 passes, step 2 fails: the failure dialog, filing a defect.
    t.send("jpf");
    t.expect("Record: failed");
    // The last field (Shift-Tab from the comment): push to gh.
    t.send("\x1b[Z ");
    t.expect("< gh >");
    t.send("\x13");
    t.expect("D-2 pushed to gh: gh:31 https://github.test/octo/shop/issues/31");
    // The defect's detail shows the created key and its state.
    t.send("3/Register");
    t.key_enter();
    t.key_enter();
    t.expect("╭ D-2");
    // The links are below the description: a page down.
    t.send("\x1b[6~");
    t.expect("gh:31 (open)");
    // The developers close the issue; T on the list syncs.
    fake.route(
        "GET",
        "/repos/octo/shop/issues/31",
        reply(
            200,
            json!({"number": 31, "title": "Register a new customer account fails", "state": "closed",
                   "state_reason": "completed", "html_url": "https://github.test/octo/shop/issues/31"}),
        ),
    );
    t.key_esc();
    t.send("T");
    t.expect("Sync: D-2 gh:31 open -> closed completed");
    t.key_enter();
    t.expect("╭ D-2");
    t.send("\x1b[6~");
    t.expect("gh:31 (closed completed)");
    t.send("q");
    let exit = t.wait_exit(WAIT).expect("the TUI quits");
    assert_eq!(exit.code, 0);
    // The store agrees: the result, the defect, its link and its state.
    let run = cli_json(store.path(), &["run", "show", "2"]);
    let result = &run["tests"][FIRST_UNTESTED]["results"][0];
    assert_eq!(result["status"], "failed", "{result}");
    assert_eq!(result["defects"], json!(["D-2"]), "{result}");
    let d = cli_json(store.path(), &["defect", "show", "D-2"]);
    let link = &d["external"][0];
    assert_eq!(link["key"], "31", "{d}");
    assert_eq!(link["state"], "closed completed", "{d}");
    let posts = fake.seen().into_iter().filter(|s| s.method == "POST").count();
    assert_eq!(posts, 1, "one issue created");
}

/// Quitting while a push is under way waits for it: the issue the tracker
/// created gets its link saved.
#[test]
fn quitting_during_a_push_still_saves_the_created_issue_s_link() {
    let fake = Fake::start();
    let mut slow = reply(
        201,
        json!({"number": 40, "html_url": "https://github.test/octo/shop/issues/40", "state": "open"}),
    );
    slow.delay = std::time::Duration::from_millis(1500);
    fake.route("POST", "/repos/octo/shop/issues", slow);
    let store = demo_store();
    add_github_tracker(store.path(), &fake.base);
    let env = [(TOKEN_VAR, "tok-pty-5e1f")];
    let mut t = Tui::spawn(&["--store", path_str(&store)], &env, 80, 24);
    t.expect("1 Runs");
    t.send("3");
    t.expect("D-1 ");
    t.key_enter();
    t.expect("╭ D-1");
    t.send("P");
    t.expect("pushing D-1 to gh…");
    t.send("q");
    let exit = t.wait_exit(WAIT).expect("the TUI quits");
    assert_eq!(exit.code, 0);
    let d = cli_json(store.path(), &["defect", "show", "D-1"]);
    assert_eq!(d["external"][0]["key"], "40", "{d}");
}

/// Adds the GitHub tracker `gh` on octo/shop, served by the fake at `base`.
fn add_github_tracker(store: &std::path::Path, base: &str) {
    let args = [
        "tracker",
        "add",
        "gh",
        "--kind",
        "github",
        "--repo",
        "octo/shop",
        "--api",
        base,
    ];
    cli_ok(store, &[&args[..], &["--token-env", TOKEN_VAR]].concat());
}
