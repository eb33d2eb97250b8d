//! `sync_trackers`: every kind's states mapped to the defect under
//! `tracker_sync` off, notify and apply.

use super::*;
use serde_json::{Value, json};
use stepwise::domain::{DefectStatus, TrackerKind};
use stepwise::service::DefectChange;

/// The read route of issue `key` and its answer in state `state`.
fn issue(kind: TrackerKind, key: &str, state: &str) -> (&'static str, String, Reply) {
    match kind {
        TrackerKind::GitHub => {
            let (s, reason) = state
                .split_once(' ')
                .map_or((state, Value::Null), |(s, r)| (s, json!(r)));
            let body = json!({"number": 12, "title": "Cart", "state": s, "state_reason": reason, "html_url": "https://github.test/12"});
            ("GET", format!("/repos/octo/shop/issues/{key}"), reply(200, body))
        }
        TrackerKind::GitLab => (
            "GET",
            format!("/api/v4/projects/acme%2Fshop/issues/{key}"),
            reply(
                200,
                json!({"iid": 5, "title": "Cart", "state": state, "web_url": "https://gitlab.test/5"}),
            ),
        ),
        TrackerKind::Jira | TrackerKind::JiraServer => {
            let v = if kind == TrackerKind::Jira { 3 } else { 2 };
            let body = json!({"key": key, "fields": {"summary": "Cart", "status": {"name": "X", "statusCategory": {"key": state}}}});
            (
                "GET",
                format!("/rest/api/{v}/issue/{key}?fields=summary,status"),
                reply(200, body),
            )
        }
        TrackerKind::Linear => {
            let body = json!({"data": {"issue": {"identifier": key, "title": "Cart", "url": "https://linear.test/x", "state": {"type": state}}}});
            ("POST", "/graphql".into(), reply(200, body))
        }
    }
}

fn key_of(kind: TrackerKind) -> &'static str {
    match kind {
        TrackerKind::GitHub => "12",
        TrackerKind::GitLab => "5",
        TrackerKind::Jira | TrackerKind::JiraServer => "SHOP-4",
        TrackerKind::Linear => "TEAM-4",
    }
}

fn set_state(fake: &Fake, kind: TrackerKind, state: &str) {
    let (m, p, r) = issue(kind, key_of(kind), state);
    fake.route(m, &p, r);
}

/// D-1 in progress, linked to the issue while it is `open`; sync setting
/// `setting`.
fn linked(kind: TrackerKind, open: &str, setting: &str) -> (Fake, tempfile::TempDir, Service, ProjectCode) {
    let fake = Fake::start();
    set_state(&fake, kind, open);
    let (dir, svc, code) = service_with(kind, &fake);
    svc.set_settings(&code, &[("tracker_sync".into(), setting.into())])
        .unwrap();
    let change = DefectChange {
        status: Some(DefectStatus::InProgress),
        link: vec![format!("T:{}", key_of(kind))],
        ..Default::default()
    };
    svc.set_defect(&code, D1, change).unwrap();
    (fake, dir, svc, code)
}

const STATES: [(TrackerKind, &str, &str); 5] = [
    (TrackerKind::GitHub, "open", "closed completed"),
    (TrackerKind::GitLab, "opened", "closed"),
    (TrackerKind::Jira, "indeterminate", "done"),
    (TrackerKind::JiraServer, "new", "done"),
    (TrackerKind::Linear, "started", "completed"),
];

#[test]
fn apply_resolves_on_close_and_reopens_on_reopen_for_every_kind() {
    for (kind, open, closed) in STATES {
        let (fake, _dir, svc, code) = linked(kind, open, "apply");
        let r = svc.sync_trackers(&code).unwrap();
        assert!(
            r.changes.is_empty() && r.checked == 1,
            "{kind:?}: nothing changed yet: {r:?}"
        );
        set_state(&fake, kind, closed);
        let r = svc.sync_trackers(&code).unwrap();
        assert_eq!(r.changes.len(), 1, "{kind:?}");
        assert_eq!(
            r.changes[0].status,
            Some((DefectStatus::InProgress, DefectStatus::Resolved))
        );
        let d = svc.defect(&code, D1).unwrap();
        assert_eq!(d.status, DefectStatus::Resolved, "{kind:?}");
        let entry = d.history.iter().rev().find(|h| h.field == "status").unwrap();
        assert!(
            entry.author.contains("sync from T"),
            "the entry names the tracker: {entry:?}"
        );
        assert!(d.history.iter().any(|h| h.field.starts_with("T:") && h.to == closed));
        set_state(&fake, kind, open);
        svc.sync_trackers(&code).unwrap();
        assert_eq!(
            svc.defect(&code, D1).unwrap().status,
            DefectStatus::Reopened,
            "{kind:?}"
        );
    }
}

#[test]
fn notify_shows_the_state_and_leaves_the_status() {
    for (kind, open, closed) in STATES {
        let (fake, _dir, svc, code) = linked(kind, open, "notify");
        set_state(&fake, kind, closed);
        let r = svc.sync_trackers(&code).unwrap();
        assert_eq!(r.changes.len(), 1);
        assert_eq!(r.changes[0].status, None);
        assert_eq!(
            (r.changes[0].from.as_deref(), r.changes[0].to.as_str()),
            (Some(open), closed)
        );
        let d = svc.defect(&code, D1).unwrap();
        assert_eq!(d.status, DefectStatus::InProgress, "{kind:?}");
        assert_eq!(d.external[0].state.as_deref(), Some(closed));
    }
}

#[test]
fn off_reads_nothing() {
    let (fake, _dir, svc, code) = linked(TrackerKind::GitHub, "open", "off");
    let calls = fake.seen().len();
    set_state(&fake, TrackerKind::GitHub, "closed");
    let before = svc.defect(&code, D1).unwrap();
    let r = svc.sync_trackers(&code).unwrap();
    assert_eq!((r.checked, r.changes.len()), (0, 0));
    assert_eq!(fake.seen().len(), calls, "no call made");
    assert_eq!(svc.defect(&code, D1).unwrap(), before);
}

#[test]
fn github_sync_asks_with_the_etag_and_a_304_reuses_the_answer() {
    let (fake, _dir, svc, code) = linked(TrackerKind::GitHub, "open", "notify");
    let mut first = issue(TrackerKind::GitHub, "12", "open").2;
    first.headers.push(("ETag".into(), "\"abc\"".into()));
    fake.route("GET", "/repos/octo/shop/issues/12", first);
    svc.sync_trackers(&code).unwrap();
    let mut not_modified = reply(304, json!({}));
    not_modified.body.clear();
    fake.route("GET", "/repos/octo/shop/issues/12", not_modified);
    let r = svc.sync_trackers(&code).unwrap();
    assert_eq!((r.checked, r.failures.len()), (1, 0), "{r:?}");
    let last = fake.seen().pop().unwrap();
    assert_eq!(last.header("if-none-match"), "\"abc\"");
}
