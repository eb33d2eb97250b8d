use super::body::{NewIssue, adf};
use super::request::{base64, normalize_key};
use super::*;
use crate::domain::DefectStatus::{Closed, InProgress, Invalid, Open, Reopened, Resolved};

#[test]
fn tracker_states_read_as_open_or_closed_per_kind() {
    use IssueState::{Closed, Open};
    let cases = [
        (TrackerKind::GitHub, "open", Open),
        (TrackerKind::GitHub, "closed completed", Closed),
        (TrackerKind::GitHub, "closed not_planned", Closed),
        (TrackerKind::GitLab, "opened", Open),
        (TrackerKind::GitLab, "closed", Closed),
        (TrackerKind::Jira, "new", Open),
        (TrackerKind::Jira, "indeterminate", Open),
        (TrackerKind::JiraServer, "done", Closed),
        (TrackerKind::Linear, "started", Open),
        (TrackerKind::Linear, "backlog", Open),
        (TrackerKind::Linear, "completed", Closed),
        (TrackerKind::Linear, "canceled", Closed),
    ];
    for (kind, word, want) in cases {
        assert_eq!(issue_state(kind, word), want, "{kind:?} {word}");
    }
}

#[test]
fn sync_moves_follow_the_setting_and_the_lifecycle() {
    let (up, shut) = (IssueState::Open, IssueState::Closed);
    let (o, c) = (Some(up), Some(shut));
    // notify and off never move a defect.
    for setting in [TrackerSync::Off, TrackerSync::Notify] {
        assert!(sync_moves(setting, InProgress, o, shut).is_empty());
        assert!(sync_moves(setting, Resolved, c, up).is_empty());
    }
    let apply = TrackerSync::Apply;
    assert_eq!(sync_moves(apply, InProgress, o, shut), vec![Resolved]);
    assert_eq!(sync_moves(apply, Open, o, shut), vec![InProgress, Resolved]);
    assert_eq!(sync_moves(apply, Reopened, None, shut), vec![InProgress, Resolved]);
    assert!(sync_moves(apply, Closed, o, shut).is_empty());
    assert!(sync_moves(apply, Invalid, o, shut).is_empty());
    assert_eq!(sync_moves(apply, Resolved, c, up), vec![Reopened]);
    assert_eq!(sync_moves(apply, Closed, c, up), vec![Reopened]);
    // First seen open, or unchanged: nothing.
    assert!(sync_moves(apply, Resolved, None, up).is_empty());
    assert!(sync_moves(apply, InProgress, c, shut).is_empty());
    // Every move is a step the lifecycle allows.
    for from in DefectStatus::ALL {
        for (b, n) in [(o, shut), (c, up), (None, shut)] {
            let mut at = from;
            for step in sync_moves(apply, from, b, n) {
                assert!(at.can_become(step), "{at:?} -> {step:?}");
                at = step;
            }
        }
    }
}

#[test]
fn kinds_settings_and_keys_parse_or_say_what_is_expected() {
    assert_eq!(TrackerKind::parse("Jira-Server").unwrap(), TrackerKind::JiraServer);
    let err = TrackerKind::parse("bugzilla").unwrap_err().to_string();
    assert!(err.contains("github, gitlab, jira, jira-server, linear"), "{err}");
    assert_eq!(TrackerSync::parse("APPLY"), Some(TrackerSync::Apply));
    assert_eq!(normalize_key(TrackerKind::GitHub, "#12").unwrap(), "12");
    assert!(normalize_key(TrackerKind::GitHub, "APP-1").is_err());
    assert_eq!(normalize_key(TrackerKind::Jira, "app-7").unwrap(), "APP-7");
    assert!(normalize_key(TrackerKind::Linear, "12").is_err());
}

#[test]
fn an_api_configuration_needs_its_target_api_and_variable_names() {
    let ok = TrackerApi::new(TrackerKind::GitHub, "octo/app", None, "GH_TOKEN", None).unwrap();
    assert_eq!(ok.api, "https://api.github.com");
    assert_eq!(ok.url_template(), "https://github.com/octo/app/issues/{key}");
    assert!(TrackerApi::new(TrackerKind::GitHub, "octo", None, "GH_TOKEN", None).is_err());
    assert!(
        TrackerApi::new(TrackerKind::Jira, "APP", None, "T", Some("E")).is_err(),
        "jira needs --api"
    );
    let err = TrackerApi::new(TrackerKind::Jira, "APP", Some("https://x.atlassian.net"), "T", None).unwrap_err();
    assert!(err.to_string().contains("--email-env"), "{err}");
    let err = TrackerApi::new(TrackerKind::GitLab, "g/p", None, "glpat-abc def", None).unwrap_err();
    assert!(err.to_string().contains("not the token"), "{err}");
}

#[test]
fn base64_matches_the_rfc_vectors() {
    let cases = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, coded) in cases {
        assert_eq!(base64(plain.as_bytes()), coded);
    }
}

#[test]
fn adf_turns_headings_lists_and_lines_into_nodes() {
    let doc = adf("## Actual result\nIt crashed\ntwice\n\n- one\n- two");
    assert_eq!(doc["type"], "doc");
    assert_eq!(doc["version"], 1);
    let c = doc["content"].as_array().unwrap();
    assert_eq!(c[0]["type"], "heading");
    assert_eq!(c[0]["content"][0]["text"], "Actual result");
    assert_eq!(c[1]["type"], "paragraph");
    assert_eq!(c[1]["content"][1]["type"], "hardBreak");
    assert_eq!(c[2]["type"], "bulletList");
    assert_eq!(c[2]["content"][1]["content"][0]["content"][0]["text"], "two");
}

#[test]
fn the_issue_text_holds_the_defect_and_its_links() {
    let mut d = crate::domain::Defect::new(4, "Login fails", "ann", chrono::DateTime::from_timestamp(0, 0).unwrap());
    d.actual = "500 error".into();
    d.description = "Expected: the dashboard".into();
    d.severity = crate::domain::Severity::Major;
    let link = body::PushedLink {
        run: 2,
        run_title: Some("Smoke".into()),
        run_environment: Some("staging".into()),
        test: 5,
        case: "APP-3".into(),
        case_title: "Log in".into(),
        config: "Chrome".into(),
        result_status: Some("failed".into()),
    };
    let issue = NewIssue::from_defect(&d, "APP", &[link]);
    assert_eq!(issue.title, "Login fails");
    for want in [
        "## Actual result\n500 error",
        "Expected: the dashboard",
        "## Severity\nmajor",
        "## Environment\nstaging",
        "## Configuration\nChrome",
        "- run #2 Smoke: test 5 APP-3 Log in, result failed",
        "stepwise defect APP/D-4",
    ] {
        assert!(issue.text.contains(want), "{want:?} missing from {}", issue.text);
    }
    assert_eq!(issue.severity_label().as_deref(), Some("severity:major"));
    assert_eq!(issue.linear_priority(), 2);
}
