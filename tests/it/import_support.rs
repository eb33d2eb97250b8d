//! Helpers shared by the import tests: a store, a service, the samples.
#![allow(dead_code)]

use crate::support::fixed_now;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use stepwise::domain::ProjectCode;
use stepwise::service::{ImportOptions, ImportReport, Service};
use stepwise::store::Store;

pub fn service(dir: &Path) -> Service {
    let store = Store::open(&dir.join("s"), "ann").unwrap();
    Service::new(store, "ann").with_clock(Arc::new(fixed_now))
}

pub fn code(c: &str) -> ProjectCode {
    ProjectCode::parse(c).unwrap()
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// The shared samples folder beside the checkout, or None (with a note).
pub fn samples() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/samples"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("note: {} is absent; sample imports skipped", dir.display());
        None
    }
}

pub fn import(svc: &Service, project: &str, path: &Path) -> ImportReport {
    svc.import_file(&code(project), path, ImportOptions::default())
        .unwrap_or_else(|e| panic!("import {}: {e}", path.display()))
}

/// The cases as `cases --json` shows them, without the ids.
pub fn cases_json(dir: &Path, project: &str) -> Vec<serde_json::Value> {
    let (status, out, err) = cli(dir, &["--project", project, "cases", "--json"]);
    assert_eq!(status, 0, "{err}");
    let mut v: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    for c in &mut v {
        c.as_object_mut().unwrap().remove("id");
    }
    v
}

pub const BIN: &str = env!("CARGO_BIN_EXE_stepwise");

/// Runs the binary on the store `dir/s`; returns (status, stdout, stderr).
pub fn cli(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(BIN)
        .arg("--store")
        .arg(dir.join("s"))
        .args(args)
        .env("STEPWISE_USER", "ann")
        .env("STEPWISE_SERVER_IDLE", "0")
        .env_remove("STEPWISE_STORE")
        .output()
        .expect("run stepwise");
    crate::e2e::wait_server_gone(&dir.join("s"));
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}
