//! The exact HTTP calls each tracker kind takes (method, address, headers,
//! JSON body) and what its answers mean. Pure: `service::tracker` sends
//! them.

use super::body::{NewIssue, adf};
use super::{TrackerApi, TrackerKind};
use serde_json::{Value, json};

/// The secrets a call needs, read from the environment or the credentials
/// file just before the call. Its `Debug` never shows them.
#[derive(Clone)]
pub struct Credentials {
    pub token: String,
    pub email: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credentials(<redacted>)")
    }
}

/// One call. Its `Debug` shows the method and address only (the headers
/// hold the credentials).
#[derive(Clone, PartialEq, Eq)]
pub struct ApiRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl std::fmt::Debug for ApiRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.url)
    }
}

/// The issue a push created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatedIssue {
    pub key: String,
    pub url: String,
    pub state: String,
}

/// An issue as the tracker shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IssueInfo {
    pub key: String,
    pub title: String,
    /// The tracker's state word(s), e.g. `closed completed`, `done`.
    pub state: String,
    pub url: String,
}

pub const USER_AGENT: &str = concat!("stepwise/", env!("CARGO_PKG_VERSION"));

const LINEAR_CREATE: &str = "mutation IssueCreate($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { identifier title url state { type } } } }";
const LINEAR_ISSUE: &str = "query Issue($id: String!) { issue(id: $id) { identifier title url state { type } } }";

/// Percent-encodes one path segment (GitLab's `group/project` ids).
fn segment(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Standard base64 (RFC 4648, padded): Jira Cloud's basic auth.
pub fn base64(input: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn headers(api: &TrackerApi, creds: &Credentials, with_body: bool) -> Vec<(String, String)> {
    let h = |k: &str, v: String| (k.to_string(), v);
    let mut out = match api.kind {
        TrackerKind::GitHub => vec![
            h("Authorization", format!("Bearer {}", creds.token)),
            h("Accept", "application/vnd.github+json".into()),
            h("X-GitHub-Api-Version", "2022-11-28".into()),
        ],
        TrackerKind::GitLab => vec![
            h("PRIVATE-TOKEN", creds.token.clone()),
            h("Accept", "application/json".into()),
        ],
        TrackerKind::Jira => {
            let email = creds.email.clone().unwrap_or_default();
            vec![
                h(
                    "Authorization",
                    format!("Basic {}", base64(format!("{email}:{}", creds.token).as_bytes())),
                ),
                h("Accept", "application/json".into()),
            ]
        }
        TrackerKind::JiraServer => vec![
            h("Authorization", format!("Bearer {}", creds.token)),
            h("Accept", "application/json".into()),
        ],
        TrackerKind::Linear => vec![
            h("Authorization", creds.token.clone()),
            h("Accept", "application/json".into()),
        ],
    };
    out.push(h("User-Agent", USER_AGENT.into()));
    if with_body {
        out.push(h("Content-Type", "application/json".into()));
    }
    out
}

/// The call that files `issue`.
pub fn create_request(api: &TrackerApi, creds: &Credentials, issue: &NewIssue) -> ApiRequest {
    let label = issue.severity_label();
    let (path, body) = match api.kind {
        TrackerKind::GitHub => {
            let mut b = json!({"title": issue.title, "body": issue.text});
            if let Some(l) = &label {
                b["labels"] = json!([l]);
            }
            (format!("/repos/{}/issues", api.target), b)
        }
        TrackerKind::GitLab => {
            let mut b = json!({"title": issue.title, "description": issue.text});
            if let Some(l) = &label {
                b["labels"] = json!(l);
            }
            (format!("/api/v4/projects/{}/issues", segment(&api.target)), b)
        }
        TrackerKind::Jira | TrackerKind::JiraServer => {
            let cloud = api.kind == TrackerKind::Jira;
            let description = if cloud { adf(&issue.text) } else { json!(issue.text) };
            let mut fields = json!({
                "project": {"key": api.target},
                "issuetype": {"name": "Bug"},
                "summary": issue.title,
                "description": description,
            });
            if let Some(l) = &label {
                // Jira labels take no spaces or colons.
                fields["labels"] = json!([l.replace(':', "-")]);
            }
            let version = if cloud { 3 } else { 2 };
            (format!("/rest/api/{version}/issue"), json!({"fields": fields}))
        }
        TrackerKind::Linear => {
            let mut input = json!({"teamId": api.target, "title": issue.title, "description": issue.text});
            if issue.linear_priority() > 0 {
                input["priority"] = json!(issue.linear_priority());
            }
            (
                "/graphql".into(),
                json!({"query": LINEAR_CREATE, "variables": {"input": input}}),
            )
        }
    };
    ApiRequest {
        method: "POST",
        url: format!("{}{path}", api.api),
        headers: headers(api, creds, true),
        body: Some(body.to_string()),
    }
}

/// Checks an issue key for the kind: a number (GitHub, GitLab; a leading
/// `#` is dropped), `PROJ-12` (Jira, Linear).
pub fn normalize_key(kind: TrackerKind, key: &str) -> Result<String, String> {
    let key = key.trim();
    match kind {
        TrackerKind::GitHub | TrackerKind::GitLab => {
            let n = key.trim_start_matches('#');
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                Ok(n.to_string())
            } else {
                Err(format!(
                    "issue key '{key}': a {} issue is a number, e.g. 12",
                    kind.as_str()
                ))
            }
        }
        _ => {
            let ok = key.split_once('-').is_some_and(|(p, n)| {
                !p.is_empty()
                    && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    && !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
            });
            if ok {
                Ok(key.to_ascii_uppercase())
            } else {
                Err(format!(
                    "issue key '{key}': a {} issue key looks like APP-12",
                    kind.as_str()
                ))
            }
        }
    }
}

/// The call that reads issue `key` (already normalized). `etag`: GitHub's
/// last `ETag` for it, sent as `If-None-Match` (a 304 costs no rate limit).
pub fn get_request(api: &TrackerApi, creds: &Credentials, key: &str, etag: Option<&str>) -> ApiRequest {
    let get = |path: String| (format!("{}{path}", api.api), None);
    let (url, body) = match api.kind {
        TrackerKind::GitHub => get(format!("/repos/{}/issues/{key}", api.target)),
        TrackerKind::GitLab => get(format!("/api/v4/projects/{}/issues/{key}", segment(&api.target))),
        TrackerKind::Jira => get(format!("/rest/api/3/issue/{key}?fields=summary,status")),
        TrackerKind::JiraServer => get(format!("/rest/api/2/issue/{key}?fields=summary,status")),
        TrackerKind::Linear => (
            format!("{}/graphql", api.api),
            Some(json!({"query": LINEAR_ISSUE, "variables": {"id": key}}).to_string()),
        ),
    };
    let mut headers = headers(api, creds, body.is_some());
    if let (TrackerKind::GitHub, Some(tag)) = (api.kind, etag) {
        headers.push(("If-None-Match".into(), tag.to_string()));
    }
    ApiRequest {
        method: if body.is_some() { "POST" } else { "GET" },
        url,
        headers,
        body,
    }
}

fn parse(body: &str) -> Result<Value, String> {
    serde_json::from_str(body).map_err(|_| "the tracker answered with something that is not JSON".to_string())
}

fn text(v: &Value, path: &[&str]) -> Option<String> {
    let mut v = v;
    for p in path {
        v = v.get(p)?;
    }
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn missing(what: &str) -> String {
    format!("the tracker's answer has no {what}")
}

/// Linear answers 200 with `errors` when a GraphQL call fails.
fn linear_errors(v: &Value) -> Result<(), String> {
    match tracker_message(TrackerKind::Linear, v) {
        Some(m) if v.get("errors").is_some() => Err(m),
        _ => Ok(()),
    }
}

/// The created issue from a successful create call's body.
pub fn parse_created(api: &TrackerApi, body: &str) -> Result<CreatedIssue, String> {
    let v = parse(body)?;
    match api.kind {
        TrackerKind::GitHub => Ok(CreatedIssue {
            key: text(&v, &["number"]).ok_or_else(|| missing("number"))?,
            url: text(&v, &["html_url"]).ok_or_else(|| missing("html_url"))?,
            state: text(&v, &["state"]).unwrap_or_else(|| "open".into()),
        }),
        TrackerKind::GitLab => Ok(CreatedIssue {
            key: text(&v, &["iid"]).ok_or_else(|| missing("iid"))?,
            url: text(&v, &["web_url"]).ok_or_else(|| missing("web_url"))?,
            state: text(&v, &["state"]).unwrap_or_else(|| "opened".into()),
        }),
        TrackerKind::Jira | TrackerKind::JiraServer => {
            let key = text(&v, &["key"]).ok_or_else(|| missing("key"))?;
            Ok(CreatedIssue {
                url: api.url_template().replace("{key}", &key),
                key,
                state: "new".into(),
            })
        }
        TrackerKind::Linear => {
            linear_errors(&v)?;
            let issue = v
                .pointer("/data/issueCreate/issue")
                .filter(|i| !i.is_null())
                .ok_or_else(|| missing("issue"))?;
            Ok(CreatedIssue {
                key: text(issue, &["identifier"]).ok_or_else(|| missing("identifier"))?,
                url: text(issue, &["url"]).ok_or_else(|| missing("url"))?,
                state: text(issue, &["state", "type"]).unwrap_or_else(|| "unstarted".into()),
            })
        }
    }
}

/// The issue from a successful read's body; Err(None) when the tracker
/// says it does not exist (Linear answers 200 with an error).
pub fn parse_issue(api: &TrackerApi, key: &str, body: &str) -> Result<IssueInfo, String> {
    let v = parse(body)?;
    let fallback_url = api.url_template().replace("{key}", key);
    match api.kind {
        TrackerKind::GitHub => {
            let state = text(&v, &["state"]).ok_or_else(|| missing("state"))?;
            let state = match text(&v, &["state_reason"]) {
                Some(reason) if state == "closed" => format!("closed {reason}"),
                _ => state,
            };
            Ok(IssueInfo {
                key: key.into(),
                title: text(&v, &["title"]).unwrap_or_default(),
                state,
                url: text(&v, &["html_url"]).unwrap_or(fallback_url),
            })
        }
        TrackerKind::GitLab => Ok(IssueInfo {
            key: key.into(),
            title: text(&v, &["title"]).unwrap_or_default(),
            state: text(&v, &["state"]).ok_or_else(|| missing("state"))?,
            url: text(&v, &["web_url"]).unwrap_or(fallback_url),
        }),
        TrackerKind::Jira | TrackerKind::JiraServer => Ok(IssueInfo {
            key: text(&v, &["key"]).unwrap_or_else(|| key.into()),
            title: text(&v, &["fields", "summary"]).unwrap_or_default(),
            state: text(&v, &["fields", "status", "statusCategory", "key"])
                .ok_or_else(|| missing("fields.status.statusCategory.key"))?,
            url: fallback_url,
        }),
        TrackerKind::Linear => {
            linear_errors(&v)?;
            let issue = v
                .pointer("/data/issue")
                .filter(|i| !i.is_null())
                .ok_or_else(|| missing("issue"))?;
            Ok(IssueInfo {
                key: text(issue, &["identifier"]).unwrap_or_else(|| key.into()),
                title: text(issue, &["title"]).unwrap_or_default(),
                state: text(issue, &["state", "type"]).ok_or_else(|| missing("state.type"))?,
                url: text(issue, &["url"]).unwrap_or(fallback_url),
            })
        }
    }
}

/// The tracker's own words in an error answer: GitHub `message` and
/// `errors[].message|code field`, GitLab `message`/`error`, Jira
/// `errorMessages` and `errors`, Linear `errors[].message`.
pub fn tracker_message(kind: TrackerKind, v: &Value) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let as_text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match kind {
        TrackerKind::GitHub | TrackerKind::GitLab => {
            for k in ["message", "error", "error_description"] {
                if let Some(m) = v.get(k) {
                    parts.push(as_text(m));
                }
            }
            if let Some(Value::Array(errors)) = v.get("errors") {
                for e in errors {
                    let field = e.get("field").map(as_text);
                    match (e.get("message").map(as_text), e.get("code").map(as_text)) {
                        (Some(m), _) => parts.push(m),
                        (None, Some(c)) => parts.push(format!("{} {c}", field.unwrap_or_default()).trim().to_string()),
                        (None, None) => {}
                    }
                }
            }
        }
        TrackerKind::Jira | TrackerKind::JiraServer => {
            if let Some(Value::Array(m)) = v.get("errorMessages") {
                parts.extend(m.iter().map(as_text));
            }
            if let Some(Value::Object(e)) = v.get("errors") {
                parts.extend(e.iter().map(|(k, m)| format!("{k}: {}", as_text(m))));
            }
        }
        TrackerKind::Linear => {
            if let Some(Value::Array(errors)) = v.get("errors") {
                parts.extend(errors.iter().filter_map(|e| e.get("message").map(as_text)));
            }
        }
    }
    parts.retain(|p| !p.trim().is_empty());
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// [`tracker_message`] from a body that may not be JSON.
pub fn error_text(kind: TrackerKind, body: &str) -> Option<String> {
    let v: Value = serde_json::from_str(body).ok()?;
    tracker_message(kind, &v)
}
