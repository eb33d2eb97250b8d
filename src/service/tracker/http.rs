//! Sends one tracker call with a timeout and turns every way it can fail
//! into one clear line (the credentials scrubbed from it).

use crate::domain::tracker::request::{ApiRequest, Credentials, error_text};
use crate::domain::tracker::{TrackerApi, TrackerKind};
use std::time::Duration;

/// The default time a tracker call may take, connection included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// A tracker's answer with a status the caller reads.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub etag: Option<String>,
}

/// Sends `req`; any status comes back as an [`Answer`], only a call that
/// got no answer (refused, DNS, TLS, timeout) is an error.
pub fn send(req: &ApiRequest, timeout: Duration) -> Result<Answer, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let result = if req.method == "GET" {
        let mut b = agent.get(&req.url);
        for (k, v) in &req.headers {
            b = b.header(k, v);
        }
        b.call()
    } else {
        let mut b = agent.post(&req.url);
        for (k, v) in &req.headers {
            b = b.header(k, v);
        }
        b.send(req.body.as_deref().unwrap_or("").as_bytes())
    };
    let https = req.url.starts_with("https://");
    // `ApiRequest`'s Debug is the method and address only: no credentials.
    let mut response = result.map_err(|e| {
        let why = no_answer(&e, timeout, https);
        tracing::warn!("tracker call {req:?}: {why}");
        why
    })?;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let etag = header("etag");
    let retry = header("retry-after");
    let remaining = header("x-ratelimit-remaining");
    let status = response.status().as_u16();
    tracing::info!("tracker call {req:?}: {status}");
    let body = response
        .body_mut()
        .with_config()
        .limit(4 * 1024 * 1024)
        .read_to_string()
        .map_err(|e| no_answer(&e, timeout, https))?;
    // Keep what a rate-limit message needs in the body-free fields.
    let body = match (status, retry, remaining) {
        (429 | 403, Some(r), _) => format!("{body}\u{0}retry-after={r}"),
        (403, None, Some(r)) if r == "0" => format!("{body}\u{0}retry-after=?"),
        _ => body,
    };
    Ok(Answer { status, body, etag })
}

fn no_answer(e: &ureq::Error, timeout: Duration, https: bool) -> String {
    use std::io::ErrorKind;
    match e {
        ureq::Error::Timeout(_) => format!("no answer within {} s", timeout.as_secs_f32().max(0.1)),
        ureq::Error::HostNotFound => "the host name does not resolve (DNS)".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            format!("no answer within {} s", timeout.as_secs_f32().max(0.1))
        }
        // getaddrinfo's failure comes as an uncategorized I/O error.
        ureq::Error::Io(io) if io.to_string().contains("lookup address") => {
            "the host name does not resolve (DNS)".into()
        }
        ureq::Error::Io(io) if https && matches!(io.kind(), ErrorKind::UnexpectedEof | ErrorKind::InvalidData) => {
            "TLS failed: the server did not complete a TLS handshake (is it plain http?)".into()
        }
        ureq::Error::Io(io) => format!("network error: {}", io.kind()),
        ureq::Error::ConnectionFailed => "could not connect (no network?)".into(),
        ureq::Error::Tls(m) => format!("TLS failed: {m}"),
        ureq::Error::Rustls(r) => format!("TLS failed: {r}"),
        ureq::Error::Pem(_) => "TLS failed: a certificate could not be read".into(),
        ureq::Error::BadUri(u) => format!("the tracker's address is not valid ({u})"),
        other => format!("the call failed: {other}"),
    }
}

/// Why a call that got an answer failed, as one line: `what` is the thing
/// the call was about (e.g. "issue 12", "repository octo/app").
pub fn refusal(api: &TrackerApi, answer: &Answer, what: &str) -> String {
    let (body, retry) = match answer.body.split_once('\u{0}') {
        Some((b, r)) => (b, r.strip_prefix("retry-after=")),
        None => (answer.body.as_str(), None),
    };
    let own = error_text(api.kind, body).map(|m| format!(": {m}")).unwrap_or_default();
    let retry_text = |r: Option<&str>| match r {
        Some(r) if r.parse::<u64>().is_ok() => format!("; try again in {r} s"),
        _ => "; try again later".into(),
    };
    match answer.status {
        429 => format!("rate limited (429){}", retry_text(retry)),
        403 if retry.is_some() => format!("rate limited (403){}", retry_text(retry)),
        401 | 403 => format!(
            "the tracker refused the credentials ({}){own}; check the token in ${}",
            answer.status, api.token_env
        ),
        404 => format!("{what} not found (404){own}"),
        422 | 400 => format!("the tracker refused it ({}){own}", answer.status),
        s if s >= 500 => format!("the tracker failed ({s}){own}"),
        s => format!("unexpected answer ({s}){own}"),
    }
}

/// Removes every secret from a message (trackers never echo them, but a
/// message must not carry one even if one did).
pub fn scrub(message: &str, creds: &Credentials) -> String {
    let mut out = message.to_string();
    for secret in std::iter::once(&creds.token).chain(creds.email.iter()) {
        if secret.len() >= 4 {
            out = out.replace(secret.as_str(), "<redacted>");
        }
    }
    out
}

/// What a call on this kind files issues in, for messages.
pub fn target_text(api: &TrackerApi) -> String {
    match api.kind {
        TrackerKind::GitHub => format!("repository {}", api.target),
        TrackerKind::GitLab => format!("project {}", api.target),
        TrackerKind::Jira | TrackerKind::JiraServer => format!("project {}", api.target),
        TrackerKind::Linear => format!("team {}", api.target),
    }
}
