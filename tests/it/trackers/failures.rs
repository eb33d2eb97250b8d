//! Every way a tracker call fails is one clear line, and the defect is
//! exactly as it was.

use super::*;
use serde_json::json;
use stepwise::domain::TrackerKind;

const CREATE: &str = "/repos/octo/shop/issues";

/// Pushes D-1 to GitHub on `fake` (after `setup`), expecting a failure
/// that leaves D-1 unchanged; returns the message.
fn failed_push(fake: &Fake, timeout: Option<Duration>) -> String {
    let (_dir, mut svc, code) = service_with(TrackerKind::GitHub, fake);
    if let Some(t) = timeout {
        svc.set_tracker_timeout(t);
    }
    let before = svc.defect(&code, D1).unwrap();
    let err = svc.push_defect(&code, D1, "T").unwrap_err();
    let message = err.to_string();
    assert_eq!(svc.defect(&code, D1).unwrap(), before, "{message}");
    assert!(!message.contains(TOKEN), "{message}");
    assert!(!message.contains('\n'), "one line: {message}");
    assert!(
        message.starts_with("T: ") && message.ends_with("D-1 unchanged"),
        "{message}"
    );
    message
}

#[test]
fn a_refused_token_names_the_variable_to_check() {
    let fake = Fake::start();
    fake.route("POST", CREATE, reply(401, json!({"message": "Bad credentials"})));
    let m = failed_push(&fake, None);
    assert!(m.contains("refused the credentials (401): Bad credentials"), "{m}");
    assert!(m.contains(&format!("${TOKEN_VAR}")), "{m}");
}

#[test]
fn a_missing_repository_is_a_404() {
    let fake = Fake::start();
    let m = failed_push(&fake, None);
    assert!(m.contains("repository octo/shop not found (404): Not Found"), "{m}");
}

#[test]
fn a_422_carries_the_trackers_own_message() {
    let fake = Fake::start();
    let body = json!({"message": "Validation Failed", "errors": [{"resource": "Issue", "code": "invalid", "field": "labels", "message": "label is too long"}]});
    fake.route("POST", CREATE, reply(422, body));
    let m = failed_push(&fake, None);
    assert!(
        m.contains("refused it (422): Validation Failed; label is too long"),
        "{m}"
    );
}

#[test]
fn a_429_says_when_to_try_again() {
    let fake = Fake::start();
    let mut r = reply(429, json!({"message": "slow down"}));
    r.headers.push(("Retry-After".into(), "37".into()));
    fake.route("POST", CREATE, r);
    let m = failed_push(&fake, None);
    assert!(m.contains("rate limited (429); try again in 37 s"), "{m}");
}

#[test]
fn a_tracker_that_does_not_answer_times_out() {
    let fake = Fake::start();
    let mut r = reply(201, json!({"number": 1, "html_url": "x"}));
    r.delay = Duration::from_secs(3);
    fake.route("POST", CREATE, r);
    let started = std::time::Instant::now();
    let m = failed_push(&fake, Some(Duration::from_millis(300)));
    assert!(m.contains("no answer within 0.3 s"), "{m}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the call gave up before the answer came"
    );
}

#[test]
fn a_refused_connection_is_one_line() {
    // A port nobody listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let fake = Fake::start();
    let (_dir, svc, code) = service_with(TrackerKind::GitHub, &fake);
    let gone = super::api(TrackerKind::GitHub, &format!("http://127.0.0.1:{port}"));
    svc.set_api_tracker(&code, "T", gone).unwrap();
    let before = svc.defect(&code, D1).unwrap();
    let m = svc.push_defect(&code, D1, "T").unwrap_err().to_string();
    assert_eq!(m, "T: connection refused; D-1 unchanged");
    assert_eq!(svc.defect(&code, D1).unwrap(), before);
}

#[test]
fn a_failed_sync_call_is_reported_and_changes_nothing() {
    let fake = Fake::start();
    let (_dir, svc, code) = service_with(TrackerKind::GitHub, &fake);
    fake.route(
        "GET",
        "/repos/octo/shop/issues/12",
        reply(
            200,
            json!({"number": 12, "title": "t", "state": "open", "html_url": "u"}),
        ),
    );
    svc.link_checked(&code, D1, "T:12").unwrap();
    svc.set_settings(&code, &[("tracker_sync".into(), "apply".into())])
        .unwrap();
    let mut limited = reply(429, json!({"message": "slow"}));
    limited.headers.push(("Retry-After".into(), "5".into()));
    fake.route("GET", "/repos/octo/shop/issues/12", limited);
    let before = svc.defect(&code, D1).unwrap();
    let r = svc.sync_trackers(&code).unwrap();
    assert_eq!(
        r.failures,
        vec!["D-1 T:12: T: rate limited (429); try again in 5 s".to_string()]
    );
    assert_eq!(svc.defect(&code, D1).unwrap(), before);
}

#[test]
fn a_missing_token_variable_is_named_without_a_call() {
    let fake = Fake::start();
    let (_dir, svc, code) = service_with(TrackerKind::GitHub, &fake);
    let mut cfg = super::api(TrackerKind::GitHub, &fake.base);
    cfg.token_env = "STEPWISE_TEST_NO_SUCH_VAR".into();
    svc.set_api_tracker(&code, "T", cfg).unwrap();
    let m = svc.push_defect(&code, D1, "T").unwrap_err().to_string();
    assert!(m.contains("$STEPWISE_TEST_NO_SUCH_VAR is not set"), "{m}");
    assert!(fake.seen().is_empty());
}

#[test]
fn an_issue_created_whose_link_cannot_be_saved_is_reported_with_its_address() {
    let fake = Fake::start();
    let mut slow = reply(
        201,
        json!({"number": 23, "html_url": "https://github.test/octo/shop/issues/23", "state": "open"}),
    );
    slow.delay = Duration::from_millis(600);
    fake.route("POST", CREATE, slow);
    let (_dir, svc, code) = service_with(TrackerKind::GitHub, &fake);
    // The project goes away while the tracker is creating the issue.
    let err = std::thread::scope(|s| {
        let push = s.spawn(|| svc.push_defect(&code, D1, "T"));
        while fake.seen().is_empty() {
            std::thread::sleep(Duration::from_millis(10));
        }
        svc.delete_project(&code).unwrap();
        push.join().unwrap().unwrap_err()
    });
    let m = err.to_string();
    assert!(
        m.starts_with("T created issue 23 (https://github.test/octo/shop/issues/23) but the link could not be saved"),
        "{m}"
    );
    assert!(m.contains("--link T:23"), "{m}");
}

/// Pushes D-1 to a GitHub tracker at `base`; returns the message, after
/// checking the defect is unchanged.
fn push_to(base: &str) -> String {
    let fake = Fake::start();
    let (_dir, mut svc, code) = service_with(TrackerKind::GitHub, &fake);
    svc.set_tracker_timeout(Duration::from_secs(5));
    svc.set_api_tracker(&code, "T", super::api(TrackerKind::GitHub, base))
        .unwrap();
    let before = svc.defect(&code, D1).unwrap();
    let m = svc.push_defect(&code, D1, "T").unwrap_err().to_string();
    assert_eq!(svc.defect(&code, D1).unwrap(), before);
    assert!(!m.contains('\n') && m.ends_with("; D-1 unchanged"), "{m}");
    m
}

#[test]
fn a_name_that_does_not_resolve_is_a_dns_failure() {
    let m = push_to("http://tracker.invalid");
    assert_eq!(m, "T: the host name does not resolve (DNS); D-1 unchanged");
}

#[test]
fn a_tls_handshake_with_a_plain_server_fails_clearly() {
    let fake = Fake::start();
    let m = push_to(&fake.base.replace("http://", "https://"));
    assert!(m.starts_with("T: TLS failed: "), "{m}");
}

#[test]
fn githubs_403_with_no_requests_left_is_a_rate_limit_not_a_bad_token() {
    let fake = Fake::start();
    let mut r = reply(403, json!({"message": "API rate limit exceeded"}));
    r.headers.push(("x-ratelimit-remaining".into(), "0".into()));
    fake.route("POST", CREATE, r);
    let m = failed_push(&fake, None);
    assert!(m.contains("rate limited (403); try again later"), "{m}");
}
