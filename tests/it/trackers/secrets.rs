//! The command line: `tracker add --kind`, `defect push`, `defect link`,
//! `trackers sync`, the credentials file's mode; and the token in none of
//! the store's files, the log, a listing, `defect show`, an export or an
//! error.

use super::*;
use crate::e2e::{cli_command, demo_store};
use serde_json::json;
use std::path::Path;

fn run(store: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = cli_command(store, args, env).output().unwrap();
    // The on-demand server has gone (as `e2e::cli` waits): its socket is
    // no file to read, and its log is complete.
    crate::e2e::wait_server_gone(store);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

const ENV: [(&str, &str); 2] = [("CLI_GH_TOKEN", TOKEN), ("STEPWISE_LOG", "trace")];

fn all_bytes_under(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            all_bytes_under(&p, out);
        } else {
            out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
}

#[test]
fn the_command_line_pushes_links_syncs_and_never_shows_the_token() {
    let store = demo_store();
    let s = store.path();
    let fake = Fake::start();
    fake.route(
        "POST",
        "/repos/octo/shop/issues",
        reply(
            201,
            json!({"number": 17, "html_url": "https://github.test/octo/shop/issues/17", "state": "open"}),
        ),
    );
    let add = [
        "tracker",
        "add",
        "GH",
        "--kind",
        "github",
        "--repo",
        "octo/shop",
        "--api",
        &fake.base,
        "--token-env",
        "CLI_GH_TOKEN",
    ];
    let (code, out, err) = run(s, &add, &ENV);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("github octo/shop") && out.contains("$CLI_GH_TOKEN"),
        "{out}"
    );
    let mut printed = vec![out];

    let (code, out, err) = run(s, &["defect", "push", "D-1", "--tracker", "GH", "--json"], &ENV);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["created"], true);
    assert_eq!(v["link"]["key"], "17");
    assert_eq!(v["link"]["url"], "https://github.test/octo/shop/issues/17");
    printed.push(out);
    // Again: nothing pushed, exit 0, the existing link named.
    let (code, out, _) = run(s, &["defect", "push", "D-1", "--tracker", "GH"], &ENV);
    assert_eq!(code, 0);
    assert!(
        out.contains("already linked to GH:17") && out.contains("nothing pushed"),
        "{out}"
    );
    assert_eq!(fake.seen().len(), 1);

    // Linking checks the issue: the title and state are shown.
    fake.route(
        "GET",
        "/repos/octo/shop/issues/4",
        reply(200, json!({"number": 4, "title": "Old cart bug", "state": "closed", "state_reason": "completed", "html_url": "https://github.test/4"})),
    );
    let (code, out, err) = run(s, &["defect", "link", "D-1", "GH:4"], &ENV);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"Old cart bug\" (closed completed)"), "{out}");
    let (code, _, err) = run(s, &["defect", "link", "D-1", "GH:5"], &ENV);
    assert_eq!(code, 2);
    assert!(err.contains("GH: issue 5 not found (404)"), "{err}");
    printed.push(err);

    // Sync under notify: the issue 17 closed; the defect shows it.
    fake.route(
        "GET",
        "/repos/octo/shop/issues/17",
        reply(200, json!({"number": 17, "title": "t", "state": "closed", "state_reason": "completed", "html_url": "https://github.test/octo/shop/issues/17"})),
    );
    let (code, out, err) = run(s, &["trackers", "sync", "--json"], &ENV);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["tracker_sync"], "notify");
    assert_eq!(v["checked"], 2);
    assert_eq!(v["changes"][0]["to"], "closed completed");
    printed.push(out);

    // A refused token: one line, exit 1, no token.
    fake.route(
        "POST",
        "/repos/octo/shop/issues",
        reply(401, json!({"message": "Bad credentials"})),
    );
    run(s, &["defect", "new", "--title", "Second"], &ENV);
    let (code, _, err) = run(s, &["defect", "push", "D-2", "--tracker", "GH"], &ENV);
    assert_eq!(code, 1);
    assert!(err.contains("GH: the tracker refused the credentials (401)"), "{err}");
    printed.push(err);

    for args in [
        vec!["trackers", "--json"],
        vec!["trackers"],
        vec!["defect", "show", "D-1", "--json"],
        vec!["defect", "show", "D-1"],
        vec!["defect", "export", "--format", "json"],
        vec!["defect", "export", "--format", "csv"],
        vec!["export", "2", "--format", "json"],
        vec!["export", "2", "--format", "md"],
        vec!["export", "2", "--format", "html"],
        vec!["export", "2", "--format", "csv"],
        vec!["export", "2", "--format", "junit"],
        vec!["settings", "--json"],
    ] {
        let (code, out, err) = run(s, &args, &ENV);
        assert_eq!(code, 0, "{args:?}: {err}");
        printed.push(out);
        printed.push(err);
    }
    let shown: serde_json::Value = serde_json::from_str(&run(s, &["defect", "show", "D-1", "--json"], &ENV).1).unwrap();
    assert!(shown.to_string().contains("GH"), "the link is shown: {shown}");
    for text in &printed {
        assert!(!text.contains(TOKEN), "the token was printed: {text}");
    }
    let mut files = Vec::new();
    all_bytes_under(s, &mut files);
    assert!(
        files.iter().any(|(p, _)| p.ends_with("stepwise.log")),
        "the log is among the files checked"
    );
    for (path, bytes) in files {
        assert!(
            !bytes.windows(TOKEN.len()).any(|w| w == TOKEN.as_bytes()),
            "the token is in {path}"
        );
    }
}

#[test]
fn the_credentials_file_is_used_only_at_mode_0600() {
    use std::os::unix::fs::PermissionsExt;
    let store = demo_store();
    let s = store.path();
    let fake = Fake::start();
    fake.route(
        "POST",
        "/rest/api/2/issue",
        reply(201, json!({"id": "1", "key": "SHOP-1", "self": "x"})),
    );
    let add = [
        "tracker",
        "add",
        "JS",
        "--kind",
        "jira-server",
        "--project-key",
        "SHOP",
        "--api",
        &fake.base,
        "--token-env",
        "FILE_ONLY_TOKEN",
    ];
    assert_eq!(run(s, &add, &[]).0, 0);
    let file = s.join("credentials");
    std::fs::write(&file, format!("# trackers\nFILE_ONLY_TOKEN = {TOKEN}\n")).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let env = [("STEPWISE_CREDENTIALS", file.to_str().unwrap())];
    let (code, _, err) = run(s, &["defect", "push", "D-1", "--tracker", "JS"], &env);
    assert_eq!(code, 2);
    assert!(err.contains("readable by others (mode 0644): run chmod 600"), "{err}");
    assert!(fake.seen().is_empty());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, out, err) = run(s, &["defect", "push", "D-1", "--tracker", "JS"], &env);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("JS:SHOP-1"), "{out}");
    assert_eq!(fake.seen()[0].header("authorization"), format!("Bearer {TOKEN}"));
}

#[test]
fn tracker_add_refuses_what_it_cannot_use() {
    let store = demo_store();
    let s = store.path();
    let cases: [(&[&str], &str); 4] = [
        (
            &["tracker", "add", "X", "--kind", "bugzilla", "--token-env", "T"],
            "github, gitlab, jira, jira-server, linear",
        ),
        (
            &["tracker", "add", "X", "--kind", "github", "--token-env", "T"],
            "--repo OWNER/REPO",
        ),
        (
            &[
                "tracker",
                "add",
                "X",
                "--kind",
                "jira",
                "--project-key",
                "A",
                "--token-env",
                "T",
            ],
            "--api URL",
        ),
        (
            &["tracker", "add", "X", "--kind", "github", "--repo", "a/b"],
            "--token-env",
        ),
    ];
    for (args, want) in cases {
        let (code, _, err) = run(s, args, &[]);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    // A URL template still works.
    let (code, out, _) = run(s, &["tracker", "add", "WIKI", "https://wiki.test/{key}"], &[]);
    assert_eq!(code, 0);
    assert!(out.contains("https://wiki.test/{key}"));
}
