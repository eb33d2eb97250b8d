//! The trackers in the TUI (the in-process harness against the fake
//! tracker): `P` pushes from the defect's detail, the failure dialog files
//! and pushes, a refused push is one line and changes nothing, the keys
//! keep working while a slow call is under way, the link dialog checks
//! the issue, and `T` (or the 5-minute tick) syncs.

use super::*;
use serde_json::json;
use stepwise::domain::{RunNo, TrackerKind};
use stepwise::tui::Start;
use stepwise::tui::harness::Harness;

use crate::e2e::FIRST_UNTESTED;

const CREATE: &str = "/repos/octo/shop/issues";

/// The demo app with GitHub tracker `gh` on `fake` (set before the
/// screens read the project).
fn harness_with(fake: &Fake, start: Start) -> Harness {
    secrets_in_env();
    let mut h = Harness::demo_at(start);
    let code = h.app.project.clone();
    h.app
        .svc
        .set_api_tracker(&code, "gh", api(TrackerKind::GitHub, &fake.base))
        .unwrap();
    h.keys("<C-l>");
    h
}

fn created(number: u64) -> Reply {
    reply(
        201,
        json!({"number": number, "html_url": format!("https://github.test/octo/shop/issues/{number}"), "state": "open"}),
    )
}

fn issue(number: u64, state: &str) -> Reply {
    reply(
        200,
        json!({"number": number, "title": "Cart total is wrong", "state": state, "state_reason": null,
               "html_url": format!("https://github.test/octo/shop/issues/{number}")}),
    )
}

fn defect_json(h: &Harness, no: u64) -> serde_json::Value {
    serde_json::to_value(h.app.svc.defect(&h.app.project, DefectNo(no)).unwrap()).unwrap()
}

/// The defects tab with D-1's detail open.
fn d1_detail(h: &mut Harness) {
    h.keys("3<Enter>");
    let frame = h.frame();
    assert!(frame.contains("Account is locked"), "{frame}");
    assert!(frame.contains("External links (0)"), "{frame}");
}

#[test]
fn p_on_the_detail_pushes_the_defect_and_the_detail_shows_the_created_key() {
    let fake = Fake::start();
    fake.route("POST", CREATE, created(17));
    let mut h = harness_with(&fake, Start::Home);
    d1_detail(&mut h);
    h.keys("P");
    let frame = h.frame();
    assert!(frame.contains("pushing D-1 to gh…"), "progress shows: {frame}");
    h.wait_jobs();
    assert_eq!(
        h.notice().as_deref(),
        Some("D-1 pushed to gh: gh:17 https://github.test/octo/shop/issues/17")
    );
    let frame = h.frame();
    assert!(frame.contains("gh:17 (open)"), "{frame}");
    assert!(frame.contains("External links (1)"), "{frame}");
    let d = h.app.svc.defect(&h.app.project, D1).unwrap();
    assert_eq!(d.external.len(), 1);
    assert_eq!(d.external[0].url, "https://github.test/octo/shop/issues/17");
    let posts: Vec<_> = fake.seen().into_iter().filter(|s| s.method == "POST").collect();
    assert_eq!(posts.len(), 1, "one issue created");
    assert_eq!(posts[0].header("authorization"), format!("Bearer {TOKEN}"));
    // Pushed once: a second P sends nothing and says so.
    h.keys("P").wait_jobs();
    let notice = h.notice().unwrap_or_default();
    assert!(notice.contains("already linked to gh:17"), "{notice}");
    assert_eq!(fake.seen().iter().filter(|s| s.method == "POST").count(), 1);
}

#[test]
fn a_refused_push_is_one_line_and_changes_nothing() {
    let fake = Fake::start();
    fake.route("POST", CREATE, reply(401, json!({"message": "Bad credentials"})));
    let mut h = harness_with(&fake, Start::Home);
    d1_detail(&mut h);
    let before = defect_json(&h, 1);
    h.keys("P").wait_jobs();
    let notice = h.app.notice().cloned().expect("a notice");
    assert!(notice.error, "{notice:?}");
    assert!(!notice.text.contains('\n'), "one line: {}", notice.text);
    assert!(notice.text.starts_with("Push of D-1 to gh failed: "), "{}", notice.text);
    assert!(notice.text.contains("Bad credentials"), "{}", notice.text);
    assert!(!notice.text.contains(TOKEN), "{}", notice.text);
    assert_eq!(defect_json(&h, 1), before, "the defect changed");
    assert!(h.frame().contains("External links (0)"));
}

#[test]
fn keys_act_while_a_slow_push_is_under_way() {
    let fake = Fake::start();
    let mut slow = created(18);
    slow.delay = Duration::from_millis(1500);
    fake.route("POST", CREATE, slow);
    let mut h = harness_with(&fake, Start::Home);
    d1_detail(&mut h);
    let before = defect_json(&h, 1);
    h.keys("P");
    assert!(h.app.jobs.busy(), "the push runs off the UI thread");
    // Esc goes back to the list at once; it records nothing.
    h.keys("<Esc>");
    let frame = h.frame();
    assert!(!frame.contains("External links"), "the detail closed: {frame}");
    assert!(frame.contains("D-1   Account is locked"), "{frame}");
    assert!(frame.contains("pushing D-1 to gh…"), "{frame}");
    assert!(h.app.jobs.busy(), "the answer is still on its way");
    assert_eq!(defect_json(&h, 1), before);
    // And another key still acts: the severity filter cycles.
    h.keys("V");
    assert!(h.frame().contains("severity"), "{}", h.frame());
    h.wait_jobs();
    let notice = h.notice().unwrap_or_default();
    assert!(notice.starts_with("D-1 pushed to gh: gh:18"), "{notice}");
    assert!(!h.app.jobs.busy());
}

/// The failure dialog with "Push to" set: `BackTab` from the comment is
/// the last field; Space picks the tracker.
fn failure_dialog_pushing(fake: &Fake) -> Harness {
    let mut h = harness_with(fake, Start::Run(RunNo(2)));
    h.keys("w");
    h.keys("jpf");
    let frame = h.frame();
    assert!(frame.contains("Record: failed"), "{frame}");
    assert!(frame.contains("< no (file only) >"), "{frame}");
    h.keys("<BackTab><Space>");
    assert!(h.frame().contains("< gh >"), "{}", h.frame());
    h
}

#[test]
fn the_failure_dialog_files_the_defect_and_pushes_it() {
    let fake = Fake::start();
    fake.route("POST", CREATE, created(21));
    let mut h = failure_dialog_pushing(&fake);
    h.advance(Duration::from_secs(75));
    insta::assert_snapshot!("failure_dialog_file_and_push_80x24", h.frame());
    h.keys("<C-s>");
    assert!(h.frame().contains("defect D-2 linked"), "{}", h.frame());
    h.wait_jobs();
    assert_eq!(
        h.notice().as_deref(),
        Some("D-2 pushed to gh: gh:21 https://github.test/octo/shop/issues/21")
    );
    let tests = h.app.svc.tests(&h.app.project, 2).unwrap();
    assert_eq!(tests[FIRST_UNTESTED].results[0].defects, [2]);
    let d2 = h.app.svc.defect(&h.app.project, DefectNo(2)).unwrap();
    assert_eq!(d2.external[0].key, "21");
    let body = fake.seen().into_iter().find(|s| s.method == "POST").unwrap().json();
    assert_eq!(body["title"], "Register a new customer account fails", "{body}");
}

#[test]
fn a_failed_push_from_the_failure_dialog_keeps_the_result_and_the_defect() {
    let fake = Fake::start();
    fake.route(
        "POST",
        CREATE,
        reply(
            422,
            json!({"message": "Validation Failed", "errors": [{"message": "label does not exist"}]}),
        ),
    );
    let mut h = failure_dialog_pushing(&fake);
    h.keys("<C-s>").wait_jobs();
    let notice = h.app.notice().cloned().expect("a notice");
    assert!(
        notice.error && notice.text.starts_with("Push of D-2 to gh failed"),
        "{notice:?}"
    );
    let tests = h.app.svc.tests(&h.app.project, 2).unwrap();
    assert_eq!(tests[FIRST_UNTESTED].results.len(), 1, "the result stays recorded");
    assert_eq!(tests[FIRST_UNTESTED].results[0].defects, [2]);
    let d2 = h.app.svc.defect(&h.app.project, DefectNo(2)).unwrap();
    assert!(d2.external.is_empty(), "no link without an issue");
}

#[test]
fn several_api_trackers_ask_which_one_80x24() {
    let fake = Fake::start();
    fake.route(
        "POST",
        "/api/v4/projects/acme%2Fshop/issues",
        reply(
            201,
            json!({"iid": 5, "web_url": "https://gitlab.test/acme/shop/-/issues/5", "state": "opened"}),
        ),
    );
    let mut h = harness_with(&fake, Start::Home);
    let code = h.app.project.clone();
    h.app
        .svc
        .set_api_tracker(&code, "lab", api(TrackerKind::GitLab, &fake.base))
        .unwrap();
    d1_detail(&mut h);
    h.keys("P");
    insta::assert_snapshot!("push_choose_tracker_80x24", h.frame());
    h.keys("j<Enter>").wait_jobs();
    assert_eq!(
        h.notice().as_deref(),
        Some("D-1 pushed to lab: lab:5 https://gitlab.test/acme/shop/-/issues/5")
    );
    // Esc in the menu pushes nothing.
    let seen = fake.seen().len();
    h.keys("P<Esc>");
    assert!(!h.app.jobs.busy());
    assert_eq!(fake.seen().len(), seen);
}

#[test]
fn linking_an_api_issue_checks_it_off_the_ui_thread() {
    let fake = Fake::start();
    fake.route("GET", "/repos/octo/shop/issues/12", issue(12, "open"));
    let mut h = harness_with(&fake, Start::Home);
    d1_detail(&mut h);
    let before = defect_json(&h, 1);
    h.keys("lgh:99<Enter>");
    assert!(h.frame().contains("checking gh:99…"), "{}", h.frame());
    h.wait_jobs();
    let notice = h.app.notice().cloned().expect("a notice");
    assert!(notice.error, "{notice:?}");
    assert!(notice.text.starts_with("Not linked to gh:99: "), "{}", notice.text);
    assert!(
        notice.text.contains("Not Found"),
        "the tracker's message: {}",
        notice.text
    );
    assert_eq!(defect_json(&h, 1), before);
    h.keys("lgh:12<Enter>").wait_jobs();
    assert_eq!(
        h.notice().as_deref(),
        Some("D-1 linked to gh:12 \"Cart total is wrong\" (open): https://github.test/octo/shop/issues/12")
    );
    assert!(h.frame().contains("gh:12 (open)"), "{}", h.frame());
}

#[test]
fn t_and_the_five_minute_tick_sync_the_linked_issues() {
    let fake = Fake::start();
    fake.route("GET", "/repos/octo/shop/issues/12", issue(12, "open"));
    let mut h = harness_with(&fake, Start::Home);
    d1_detail(&mut h);
    h.keys("lgh:12<Enter>").wait_jobs();
    h.keys("<Esc>T").wait_jobs();
    assert_eq!(h.notice().as_deref(), Some("Synced 1 linked issue: no change"));
    // The developers close it; the next periodic sync shows it.
    fake.route("GET", "/repos/octo/shop/issues/12", issue(12, "closed"));
    let asked = fake.seen().len();
    h.advance(Duration::from_secs(60)).wait_jobs();
    assert_eq!(fake.seen().len(), asked, "synced before 5 minutes");
    h.advance(Duration::from_secs(4 * 60)).wait_jobs();
    assert_eq!(h.notice().as_deref(), Some("Sync: D-1 gh:12 open -> closed"));
    h.keys("<Enter>");
    assert!(h.frame().contains("gh:12 (closed)"), "{}", h.frame());
}

#[test]
fn t_without_a_tracker_with_an_api_says_there_is_nothing_to_sync() {
    let mut h = Harness::demo();
    h.keys("3T").wait_jobs();
    let notice = h.notice().unwrap_or_default();
    assert!(notice.starts_with("No tracker with an API to sync"), "{notice}");
}
