//! Identity and admission with real OS users (PRODUCT.md §7): the server
//! runs as root (the test), throwaway users connect. Without root the
//! tests say why and do nothing.

use super::os_users::OsUsers;
use super::{Server, demo_store, is_root, log, mode, wait_log};
use std::path::Path;
use std::time::Duration;

fn skip_unless_root(test: &str) -> bool {
    if is_root() {
        return false;
    }
    eprintln!("{test}: skipped: it creates OS users with useradd, which needs root (CI runs tests as root)");
    true
}

const RESULT: [&str; 8] = [
    "result", "2", "DEMO-4", "--config", "Firefox", "--status", "passed", "--json",
];

/// The author of the latest result of the test a `result --json` printed.
fn author(out: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let results = v["test"]["results"].as_array().unwrap_or_else(|| panic!("{v}"));
    results.last().unwrap()["author"].as_str().unwrap().to_string()
}

/// Every file and folder in the store but the socket (and the store
/// folder itself) is the server's account's alone.
fn assert_private(dir: &Path) {
    for entry in walk(dir) {
        if entry.file_name().is_some_and(|n| n == "server.sock") {
            continue;
        }
        let m = mode(&entry);
        assert_eq!(m & 0o077, 0, "{} is {m:o}: readable by others", entry.display());
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() && !p.is_symlink() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

fn group_of(path: &Path) -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().gid()
}

#[test]
fn members_of_the_group_act_as_themselves_and_others_are_kept_out() {
    if skip_unless_root("members_of_the_group_act_as_themselves_and_others_are_kept_out") {
        return;
    }
    let users = OsUsers::create(2);
    let (alice, bob, outsider) = (&users.members[0], &users.members[1], &users.outsider);
    let store = demo_store();
    let dir = store.path();
    let mut server = Server::start(dir, &["--group", users.group.as_str()]);

    // The socket and its folder admit the group; nothing else is theirs.
    assert_eq!(mode(dir), 0o710, "store folder");
    assert_eq!(group_of(dir), users.gid);
    assert_eq!(mode(&dir.join("server.sock")), 0o660, "socket");
    assert_eq!(group_of(&dir.join("server.sock")), users.gid);
    assert_private(dir);
    for user in [alice, outsider] {
        assert!(
            !users.succeeds(user, &["ls", dir.to_str().unwrap()]),
            "{user} lists the store"
        );
        for file in ["stepwise.log", "db/conf", "holder.json"] {
            let path = dir.join(file).display().to_string();
            assert!(!users.succeeds(user, &["cat", path.as_str()]), "{user} reads {file}");
        }
    }

    // A member acts as its OS user.
    let (code, out, err) = users.stepwise(alice, dir, &RESULT);
    assert_eq!(code, 0, "{alice}: {err}");
    assert_eq!(author(&out), *alice);
    wait_log(dir, &format!("{alice} as {alice}")).unwrap();

    // ... and cannot act as someone else, nor as the server's account.
    for other in [bob.as_str(), "root"] {
        let args = [&["--user", other][..], &RESULT[..]].concat();
        let (code, out, err) = users.stepwise(alice, dir, &args);
        assert_eq!(code, 2, "{alice} as {other}: {out}{err}");
        assert!(err.contains(&format!("--user {other} is refused")), "{err}");
        assert!(err.contains(&format!("you are {alice}")), "{err}");
        assert!(err.contains("--declared-users"), "{err}");
    }
    // Naming oneself is no other name.
    let args = [&["--user", bob.as_str()][..], &RESULT[..]].concat();
    let (code, out, err) = users.stepwise(bob, dir, &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(author(&out), *bob);

    // Someone outside the group cannot even reach the socket.
    let (code, out, err) = users.stepwise(outsider, dir, &["runs", "--json"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("not admitted"), "{err}");
    assert!(err.contains(&dir.display().to_string()), "{err}");
    assert!(out.is_empty(), "{out}");

    // SIGTERM ends it cleanly, the store closed by the server's account.
    server.signal(libc::SIGTERM);
    assert_eq!(server.wait_exit(Duration::from_secs(20)), Some(0), "{}", log(dir));
    assert!(dir.join("clean.json").exists(), "no clean.json");
    assert!(!dir.join("holder.json").exists(), "holder.json left");
    assert!(!dir.join("server.sock").exists(), "socket left");
    assert!(log(dir).contains("stopping: SIGTERM"), "{}", log(dir));
}

#[test]
fn allowed_users_are_checked_by_name_and_refusals_are_logged() {
    if skip_unless_root("allowed_users_are_checked_by_name_and_refusals_are_logged") {
        return;
    }
    let users = OsUsers::create(1);
    let (alice, outsider) = (&users.members[0], &users.outsider);
    let store = demo_store();
    let dir = store.path();
    {
        let _server = Server::start(dir, &["--allow", alice.as_str()]);
        // Anyone reaches the socket; the server checks each by name.
        assert_eq!(mode(dir), 0o711, "store folder");
        assert_eq!(mode(&dir.join("server.sock")), 0o666, "socket");
        assert_private(dir);
        let conf = dir.join("db/conf").display().to_string();
        assert!(!users.succeeds(outsider, &["cat", conf.as_str()]));

        let (code, out, err) = users.stepwise(alice, dir, &RESULT);
        assert_eq!(code, 0, "{err}");
        assert_eq!(author(&out), *alice);

        let (code, out, err) = users.stepwise(outsider, dir, &["runs", "--json"]);
        assert_eq!(code, 2, "{out}{err}");
        assert!(
            err.contains(&format!("user {outsider} is not admitted to this stepwise server")),
            "{err}"
        );
        assert!(err.contains(&format!("--allow {outsider}")), "{err}");
        wait_log(dir, &format!("user {outsider} is not admitted")).unwrap();
        let refusal = log(dir);
        let line = refusal
            .lines()
            .find(|l| l.contains("refused pid"))
            .unwrap_or_else(|| panic!("{refusal}"));
        assert!(line.contains("WARN"), "{line}");

        let args = [&["--user", "carol"][..], &RESULT[..]].concat();
        let (code, _, err) = users.stepwise(alice, dir, &args);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("--user carol is refused"), "{err}");
    }
    // A team sharing one account: the server takes the names they give.
    let _server = Server::start(dir, &["--allow", alice.as_str(), "--declared-users"]);
    let args = [&["--user", "carol"][..], &RESULT[..]].concat();
    let (code, out, err) = users.stepwise(alice, dir, &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(author(&out), "carol");
    wait_log(dir, &format!("{alice} as carol")).unwrap();
    // Still nobody else.
    let (code, _, err) = users.stepwise(outsider, dir, &["--user", "carol", "runs"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not admitted"), "{err}");
}
