//! Trackers with an API, against a small HTTP server on 127.0.0.1 that
//! records every request and answers from a route table (no test reaches
//! the internet): push, checked links, sync under each `tracker_sync`,
//! every failure leaving the defect unchanged, and the token never leaking.

mod failures;
mod push;
mod secrets;
mod sync;
mod tui;

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

pub use crate::e2e::fake_tracker::{Fake, Reply, Seen, reply};
use std::time::Duration;

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
