//! Trackers with an API, against a small HTTP server on 127.0.0.1 that
//! records every request and answers from a route table (no test reaches
//! the internet): push, checked links, sync under each `tracker_sync`,
//! every failure leaving the defect unchanged, and the token never leaking.

mod failures;
mod push;
mod secrets;
mod sync;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use stepwise::domain::{DefectNo, ProjectCode, TrackerApi, TrackerKind};
use stepwise::service::Service;

/// The token and email every in-process test uses, from these variables.
pub const TOKEN_VAR: &str = "STEPWISE_TEST_TRACKER_TOKEN";
pub const EMAIL_VAR: &str = "STEPWISE_TEST_TRACKER_EMAIL";
pub const TOKEN: &str = "tok-S3CRET-4f9a2c";
pub const EMAIL: &str = "ann@example.test";

/// Sets the two variables once for the whole test binary.
pub fn secrets_in_env() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: set once; the standard library's environment lock orders it
    // with every other read of the environment in this process.
    ONCE.call_once(|| unsafe {
        std::env::set_var(TOKEN_VAR, TOKEN);
        std::env::set_var(EMAIL_VAR, EMAIL);
    });
}

/// One request as the server received it (header names lower-cased).
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.body))
    }
}

#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub delay: Duration,
}

pub fn reply(status: u16, body: serde_json::Value) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        body: body.to_string(),
        delay: Duration::ZERO,
    }
}

/// A fake tracker: answers `METHOD PATH` from its routes (404 otherwise).
pub struct Fake {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
}

impl Fake {
    pub fn start() -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let (s, r) = (seen.clone(), routes.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (s, r) = (s.clone(), r.clone());
                std::thread::spawn(move || serve(stream, &s, &r));
            }
        });
        Fake { base, seen, routes }
    }

    /// Answers `method path` (path with its query) with `reply`.
    pub fn route(&self, method: &str, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(format!("{method} {path}"), reply);
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve(stream: std::net::TcpStream, seen: &Mutex<Vec<Seen>>, routes: &Mutex<HashMap<String, Reply>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, path) = (
        parts.next().unwrap_or("").to_string(),
        parts.next().unwrap_or("").to_string(),
    );
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let len: usize = headers.get("content-length").and_then(|l| l.parse().ok()).unwrap_or(0);
    let mut body = vec![0; len];
    let _ = reader.read_exact(&mut body);
    let key = format!("{method} {path}");
    seen.lock().unwrap().push(Seen {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let r = routes
        .lock()
        .unwrap()
        .get(&key)
        .cloned()
        .unwrap_or_else(|| reply(404, serde_json::json!({"message": "Not Found"})));
    std::thread::sleep(r.delay);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        r.status,
        r.body.len()
    );
    for (k, v) in &r.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    let _ = out.write_all(format!("{head}\r\n{}", r.body).as_bytes());
    let _ = out.flush();
}

/// The configuration of a tracker of `kind` on the fake server.
pub fn api(kind: TrackerKind, base: &str) -> TrackerApi {
    let (target, email) = match kind {
        TrackerKind::GitHub => ("octo/shop", None),
        TrackerKind::GitLab => ("acme/shop", None),
        TrackerKind::Jira => ("SHOP", Some(EMAIL_VAR)),
        TrackerKind::JiraServer => ("SHOP", None),
        TrackerKind::Linear => ("team-42", None),
    };
    TrackerApi::new(kind, target, Some(base), TOKEN_VAR, email).unwrap()
}

/// A demo store with tracker `T` of `kind` on `fake`; D-1 is the demo's
/// defect, linked to a failed result.
pub fn service_with(kind: TrackerKind, fake: &Fake) -> (tempfile::TempDir, Service, ProjectCode) {
    secrets_in_env();
    let dir = tempfile::tempdir().unwrap();
    let (svc, code) = crate::support::demo_service(dir.path());
    svc.set_api_tracker(&code, "T", api(kind, &fake.base)).unwrap();
    (dir, svc, code)
}

pub const D1: DefectNo = DefectNo(1);
