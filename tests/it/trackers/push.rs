//! `push_defect` for every kind: the exact request, the link saved from
//! the answer with a history entry, and a second push sending nothing.

use super::*;
use serde_json::json;
use stepwise::domain::TrackerKind;

/// The route a create takes and the answer the fake gives, per kind.
fn create_route(kind: TrackerKind, base: &str) -> (&'static str, Reply, &'static str, String) {
    match kind {
        TrackerKind::GitHub => (
            "/repos/octo/shop/issues",
            reply(
                201,
                json!({"number": 17, "html_url": "https://github.test/octo/shop/issues/17", "state": "open"}),
            ),
            "17",
            "https://github.test/octo/shop/issues/17".into(),
        ),
        TrackerKind::GitLab => (
            "/api/v4/projects/acme%2Fshop/issues",
            reply(
                201,
                json!({"iid": 5, "web_url": "https://gitlab.test/acme/shop/-/issues/5", "state": "opened"}),
            ),
            "5",
            "https://gitlab.test/acme/shop/-/issues/5".into(),
        ),
        TrackerKind::Jira => (
            "/rest/api/3/issue",
            reply(
                201,
                json!({"id": "10001", "key": "SHOP-9", "self": format!("{base}/rest/api/3/issue/10001")}),
            ),
            "SHOP-9",
            format!("{base}/browse/SHOP-9"),
        ),
        TrackerKind::JiraServer => (
            "/rest/api/2/issue",
            reply(
                201,
                json!({"id": "10002", "key": "SHOP-10", "self": format!("{base}/rest/api/2/issue/10002")}),
            ),
            "SHOP-10",
            format!("{base}/browse/SHOP-10"),
        ),
        TrackerKind::Linear => (
            "/graphql",
            reply(
                200,
                json!({"data": {"issueCreate": {"success": true, "issue": {
                    "identifier": "TEAM-3", "title": "x", "url": "https://linear.test/acme/issue/TEAM-3",
                    "state": {"type": "unstarted"}}}}}),
            ),
            "TEAM-3",
            "https://linear.test/acme/issue/TEAM-3".into(),
        ),
    }
}

/// Pushes D-1 to a fresh fake of `kind`; returns the one request seen.
fn push_once(kind: TrackerKind) -> Seen {
    let fake = Fake::start();
    let (path, answer, key, url) = create_route(kind, &fake.base);
    fake.route("POST", path, answer);
    let (_dir, svc, code) = service_with(kind, &fake);
    let before = svc.defect(&code, D1).unwrap();
    let out = svc.push_defect(&code, D1, "T").unwrap();
    assert!(out.created, "{kind:?}");
    assert_eq!(
        (out.link.key.as_str(), out.link.url.as_str()),
        (key, url.as_str()),
        "{kind:?}"
    );
    let after = svc.defect(&code, D1).unwrap();
    let link = after
        .external
        .iter()
        .find(|l| l.tracker == "T")
        .expect("the link is saved");
    assert_eq!((link.key.as_str(), link.url.as_str()), (key, url.as_str()));
    let last = after.history.last().unwrap();
    assert_eq!(
        (last.field.as_str(), last.to.as_str()),
        ("external", format!("T:{key}").as_str())
    );
    assert_eq!(after.history.len(), before.history.len() + 1);
    // Pushing again creates nothing and says which link it already has.
    let again = svc.push_defect(&code, D1, "T").unwrap();
    assert!(!again.created);
    assert_eq!(again.link.key, key);
    let seen = fake.seen();
    assert_eq!(seen.len(), 1, "{kind:?}: the second push sent nothing");
    assert_eq!(svc.defect(&code, D1).unwrap(), after);
    let req = seen[0].clone();
    assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", path));
    assert!(req.header("user-agent").starts_with("stepwise/"), "{:?}", req.headers);
    assert_eq!(req.header("content-type"), "application/json");
    req
}

fn body_has_the_defect(text: &str) {
    for want in [
        "## Actual result",
        "## Severity\nmajor",
        "## Linked results",
        "- run #2",
        "stepwise defect DEMO/D-1",
    ] {
        assert!(text.contains(want), "{want:?} not in {text}");
    }
}

#[test]
fn github_push_posts_the_issue_with_bearer_user_agent_and_label() {
    let req = push_once(TrackerKind::GitHub);
    assert_eq!(req.header("authorization"), format!("Bearer {TOKEN}"));
    assert_eq!(req.header("accept"), "application/vnd.github+json");
    let body = req.json();
    assert!(body["title"].as_str().unwrap().contains("last step fails"), "{body}");
    assert_eq!(body["labels"], json!(["severity:major"]));
    body_has_the_defect(body["body"].as_str().unwrap());
}

#[test]
fn gitlab_push_posts_to_the_encoded_project_with_private_token() {
    let req = push_once(TrackerKind::GitLab);
    assert_eq!(req.header("private-token"), TOKEN);
    assert_eq!(req.header("authorization"), "");
    let body = req.json();
    assert_eq!(body["labels"], "severity:major");
    body_has_the_defect(body["description"].as_str().unwrap());
}

#[test]
fn jira_cloud_push_sends_an_adf_description_with_basic_auth() {
    let req = push_once(TrackerKind::Jira);
    assert_eq!(
        req.header("authorization"),
        "Basic YW5uQGV4YW1wbGUudGVzdDp0b2stUzNDUkVULTRmOWEyYw=="
    );
    let fields = &req.json()["fields"];
    assert_eq!(fields["project"], json!({"key": "SHOP"}));
    assert_eq!(fields["issuetype"], json!({"name": "Bug"}));
    assert_eq!(fields["labels"], json!(["severity-major"]));
    let doc = &fields["description"];
    assert_eq!((doc["type"].as_str(), doc["version"].as_i64()), (Some("doc"), Some(1)));
    assert_eq!(doc["content"][0]["type"], "heading");
    assert_eq!(doc["content"][0]["content"][0]["text"], "Actual result");
    assert!(doc.to_string().contains("stepwise defect DEMO/D-1"));
}

#[test]
fn jira_server_push_sends_a_string_description_with_a_bearer_pat() {
    let req = push_once(TrackerKind::JiraServer);
    assert_eq!(req.header("authorization"), format!("Bearer {TOKEN}"));
    let fields = &req.json()["fields"];
    assert_eq!(fields["project"], json!({"key": "SHOP"}));
    body_has_the_defect(fields["description"].as_str().expect("a plain string"));
}

#[test]
fn linear_push_sends_the_issue_create_mutation() {
    let req = push_once(TrackerKind::Linear);
    assert_eq!(req.header("authorization"), TOKEN, "Linear takes the key as it is");
    let body = req.json();
    let query = body["query"].as_str().unwrap();
    assert!(
        query.starts_with("mutation IssueCreate($input: IssueCreateInput!)"),
        "{query}"
    );
    assert!(query.contains("issueCreate(input: $input)"), "{query}");
    let input = &body["variables"]["input"];
    assert_eq!(input["teamId"], "team-42");
    assert_eq!(input["priority"], 2, "major is Linear's high");
    body_has_the_defect(input["description"].as_str().unwrap());
}

#[test]
fn a_url_template_tracker_cannot_push_and_says_why() {
    secrets_in_env();
    let dir = tempfile::tempdir().unwrap();
    let (svc, code) = crate::support::demo_service(dir.path());
    svc.set_tracker(&code, "WIKI", "https://wiki.test/{key}").unwrap();
    let err = svc.push_defect(&code, D1, "WIKI").unwrap_err().to_string();
    assert!(err.contains("URL template only") && err.contains("--kind"), "{err}");
    let err = svc.push_defect(&code, D1, "NOPE").unwrap_err().to_string();
    assert!(err.contains("unknown tracker 'NOPE'") && err.contains("WIKI"), "{err}");
}

#[test]
fn linking_checks_the_issue_and_refuses_a_missing_key() {
    let fake = Fake::start();
    fake.route(
        "GET",
        "/repos/octo/shop/issues/12",
        reply(200, json!({"number": 12, "title": "Cart total wrong", "state": "open", "html_url": "https://github.test/octo/shop/issues/12"})),
    );
    let (_dir, svc, code) = service_with(TrackerKind::GitHub, &fake);
    let before = svc.defect(&code, D1).unwrap();
    let err = svc.link_checked(&code, D1, "T:99").unwrap_err();
    assert!(err.to_string().contains("issue 99 not found (404)"), "{err}");
    assert_eq!(err.exit_code(), 2);
    assert_eq!(svc.defect(&code, D1).unwrap(), before, "a missing key links nothing");
    let out = svc.link_checked(&code, D1, "T:#12").unwrap();
    assert_eq!((out.title.as_str(), out.state.as_str()), ("Cart total wrong", "open"));
    assert_eq!(out.link.key, "12");
    assert_eq!(out.link.url, "https://github.test/octo/shop/issues/12");
    assert_eq!(out.link.state.as_deref(), Some("open"));
    // `defect set --link` checks the same way.
    let change = stepwise::service::DefectChange {
        link: vec!["T:98".into()],
        ..Default::default()
    };
    assert!(svc.set_defect(&code, D1, change).is_err());
    assert_eq!(svc.defect(&code, D1).unwrap().external.len(), 1);
}
