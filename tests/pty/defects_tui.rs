//! The defects tab end to end, in a pseudo-terminal: find a defect by
//! search, open it, change its status, link a tracker key, follow a link to
//! the failed test; then the store agrees through `defect show --json`.

use crate::e2e;

use e2e::{Tui, WAIT, cli_json, cli_ok, demo_store, key};
use std::time::Duration;

fn settle(t: &Tui, what: &str, pred: impl Fn(&str) -> bool) {
    t.wait_until(what, WAIT, pred).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn find_open_change_link_and_follow_a_defect() {
    let store = demo_store();
    let dir = store.path();
    cli_ok(
        dir,
        &["tracker", "add", "JIRA", "https://example.atlassian.net/browse/{key}"],
    );
    cli_ok(
        dir,
        &[
            "defect",
            "new",
            "--title",
            "Typo on the invoice page",
            "--severity",
            "trivial",
        ],
    );
    let store_arg = dir.to_str().unwrap();
    let mut t = Tui::spawn(&["--store", store_arg], &[], 80, 24);
    t.expect("Release 2.4 regression");
    t.send("3");
    settle(&t, "both defects listed", |s| s.contains("D-1") && s.contains("D-2"));
    // Search narrows the list to D-1.
    t.send("/");
    t.send("locked");
    t.key_enter();
    settle(&t, "the search applied", |s| s.contains("D-1") && !s.contains("D-2 "));
    t.key_enter();
    settle(&t, "the detail", |s| {
        s.contains("Actual result") && s.contains("Linked failures")
    });
    // Status: the picker opens on the first allowed move, in progress.
    t.send("s");
    settle(&t, "the status picker", |s| s.contains("Status of D-1"));
    t.key_enter();
    settle(&t, "the status changed", |s| s.contains("D-1 is now in progress"));
    // Link a tracker key.
    t.send("l");
    settle(&t, "the link field", |s| {
        s.contains("TRACKER:KEY") || s.contains("Link")
    });
    t.send("JIRA:APP-7");
    t.key_enter();
    settle(&t, "the link shown", |s| s.contains("JIRA:APP-7"));
    // Follow the linked failure into the wizard.
    std::thread::sleep(Duration::from_millis(100));
    t.send(key::END);
    let mut opened = false;
    for _ in 0..6 {
        t.send("j");
        std::thread::sleep(Duration::from_millis(80));
        t.key_enter();
        if t.wait_until("the wizard", Duration::from_millis(700), |s| s.contains("Whole test:"))
            .is_ok()
        {
            opened = true;
            break;
        }
    }
    assert!(opened, "no linked failure opened the wizard:\n{}", t.screen());
    let screen = t.screen();
    assert!(screen.contains("DEMO-3") && screen.contains("Chrome"), "{screen}");
    t.key_esc();
    settle(&t, "back to the detail", |s| s.contains("Linked failures"));
    t.send("q");
    assert_eq!(t.wait_exit(WAIT).map(|e| e.code), Some(0));
    let shown = cli_json(dir, &["defect", "show", "D-1"]);
    assert_eq!(shown["status"], "in_progress");
    assert_eq!(shown["external"][0]["key"], "APP-7");
    assert_eq!(
        shown["external"][0]["url"],
        "https://example.atlassian.net/browse/APP-7"
    );
    let fields: Vec<&str> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["field"].as_str().unwrap())
        .collect();
    assert!(fields.ends_with(&["status", "external"]), "{fields:?}");
}

/// Text typed into the new-defect form survives a dropped session: SIGHUP
/// writes it as a draft, and the form opened again restores it.
#[test]
fn a_new_defect_form_survives_a_hangup() {
    let store = demo_store();
    let dir = store.path();
    let store_arg = dir.to_str().unwrap();
    let mut t = Tui::spawn(&["--store", store_arg], &[], 80, 24);
    t.expect("Release 2.4 regression");
    t.send("3");
    settle(&t, "the defects tab", |s| s.contains("D-1"));
    t.send("n");
    settle(&t, "the form", |s| s.contains("Title"));
    t.send("Checkout button overlaps the footer");
    settle(&t, "the typed title", |s| s.contains("overlaps the footer"));
    t.signal(libc::SIGHUP);
    assert_eq!(t.wait_exit(WAIT).map(|e| e.code), Some(129));
    let mut t = Tui::spawn(&["--store", store_arg], &[], 80, 24);
    t.expect("Release 2.4 regression");
    t.send("3");
    settle(&t, "the defects tab", |s| s.contains("D-1"));
    t.send("n");
    settle(&t, "the restored title", |s| {
        s.contains("Checkout button overlaps the footer")
    });
    t.send(key::CTRL_S);
    settle(&t, "the defect filed", |s| s.contains("D-2"));
    t.send("q");
    assert_eq!(t.wait_exit(WAIT).map(|e| e.code), Some(0));
    let filed = cli_json(dir, &["defect", "show", "D-2"]);
    assert_eq!(filed["title"], "Checkout button overlaps the footer");
    // Saved: the draft is gone, a new form starts empty.
    let mut t = Tui::spawn(&["--store", store_arg], &[], 80, 24);
    t.expect("Release 2.4 regression");
    t.send("3");
    settle(&t, "the defects tab", |s| s.contains("D-2"));
    t.send("n");
    settle(&t, "the form", |s| s.contains("Title"));
    std::thread::sleep(Duration::from_millis(200));
    assert!(!t.screen().contains("Restored"), "{}", t.screen());
    t.key_esc();
    t.send("q");
    assert_eq!(t.wait_exit(WAIT).map(|e| e.code), Some(0));
}

/// Times on the screen are local (`TZ` honoured) with the zone named in
/// the details, while the store keeps UTC: under `TZ=Asia/Tokyo` the run's
/// start and the defect's Created read nine hours after the UTC times
/// `--json` gives, named "Asia/Tokyo (UTC+09:00)". At 80 columns that long
/// zone name puts Updated on a line of its own instead of cutting it bare.
#[test]
fn times_show_in_the_local_zone_and_name_it() {
    let store = demo_store();
    let dir = store.path();
    let local = |at: &str| {
        let utc = chrono::DateTime::parse_from_rfc3339(at).unwrap_or_else(|e| panic!("{at}: {e}"));
        assert_eq!(utc.offset().local_minus_utc(), 0, "the store keeps UTC: {at}");
        (utc + chrono::Duration::hours(9)).format("%Y-%m-%d %H:%M").to_string()
    };
    let defect = cli_json(dir, &["defect", "show", "D-1"]);
    let created = local(defect["created"].as_str().unwrap());
    let run = cli_json(dir, &["run", "show", "2"]);
    let started = local(run["started"].as_str().unwrap());
    let zone = "Asia/Tokyo (UTC+09:00)";
    let store_arg = dir.to_str().unwrap();
    let mut t = Tui::spawn(&["--store", store_arg, "open", "2"], &[("TZ", "Asia/Tokyo")], 80, 24);
    // The dashboard's details wrap the zone's offset under the start.
    settle(&t, "the run's start, local", |s| {
        s.contains(&format!("started {started} Asia/Tokyo")) && s.contains("(UTC+09:00)")
    });
    t.send("3");
    settle(&t, "the defects tab", |s| s.contains("D-1"));
    t.key_enter();
    settle(&t, "the detail", |s| s.contains("Actual result"));
    let screen = t.screen();
    let row = |label: &str| {
        screen
            .lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no {label}:\n{screen}"))
            .to_string()
    };
    assert!(
        row("Created ").contains(&format!("Created   {created} {zone}")),
        "{screen}"
    );
    let updated = row("Updated ");
    let after = updated.split("Updated ").nth(1).unwrap_or_default();
    assert!(after.contains(zone), "Updated cut: {updated}");
    t.send("q");
    assert_eq!(t.wait_exit(WAIT).map(|e| e.code), Some(0));
}
