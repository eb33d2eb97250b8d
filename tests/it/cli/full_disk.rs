//! A full disk (a small tmpfs, so root only): a write is refused with a
//! clear message and exit 2 within a bounded time, the store's lock goes
//! with the process, nothing is half-written, and the same write is
//! recorded once there is room again.

use super::e2e::tmpfs::Tmpfs;
use super::e2e::{cli, cli_command, cli_json, cli_ok};
use std::path::Path;
use std::time::{Duration, Instant};

/// `stepwise ARGS` that must end within 30 s: (code, stderr); then its
/// on-demand server has ended too, so the next command starts its own
/// (with its environment).
fn bounded(store: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let out = beside(store, args, env);
    super::e2e::wait_server_gone(store);
    out
}

/// `stepwise ARGS` that must end within 30 s: (code, stderr).
fn beside(store: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut child = cli_command(store, args, env)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run stepwise");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().expect("stderr"), &mut err).expect("stderr");
            return (status.code().unwrap_or(-1), err);
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("stepwise {args:?} hung on a full disk (killed after 30 s)");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// How many results DEMO-6 on Chrome has in run #2.
fn results(store: &Path) -> usize {
    let run = cli_json(store, &["run", "show", "2"]);
    let tests = run["tests"].as_array().expect("tests");
    let t = tests
        .iter()
        .find(|t| t["case"] == "DEMO-6" && t["config"] == "Chrome")
        .expect("DEMO-6 on Chrome");
    t["results"].as_array().expect("results").len()
}

#[test]
fn a_full_disk_refuses_a_write_with_exit_2_and_never_hangs() {
    let Some(fs) = Tmpfs::mount(4) else { return };
    let store = fs.path().join("store");
    cli_ok(&store, &["demo"]);
    // A long comment: the test's next result makes its record a sled blob,
    // a file of its own, which is where sled 0.34 hung on a full disk.
    let comment = "x".repeat(100_000);
    let record = failed_with(&comment);
    cli_ok(&store, &record);
    assert_eq!(results(&store), 1);
    let fill = fs.fill_leaving(8 * 1024);

    // Refused before sled is asked to write anything.
    let (code, err) = bounded(&store, &record, &[]);
    assert_eq!(code, 2, "{err}");
    let words = format!("no space left on the device holding {}", store.display());
    assert!(err.contains(&words) && err.contains("nothing was recorded"), "{err}");
    assert!(!err.contains("Os {") && !err.contains("StorageFull"), "{err}");

    // An attachment that does not fit: refused the same way, no part of
    // its copy left in the store.
    let outside = tempfile::tempdir().expect("temp dir");
    let evidence = outside.path().join("evidence.bin");
    std::fs::write(&evidence, vec![7u8; 256 * 1024]).expect("evidence");
    let attach = [
        "result",
        "2",
        "DEMO-6",
        "--config",
        "Chrome",
        "--status",
        "failed",
        "--attach",
        evidence.to_str().expect("UTF-8 path"),
    ];
    let (code, err) = bounded(&store, &attach, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&words) && err.contains("attaching") && err.contains("nothing was recorded"),
        "{err}"
    );
    let left = std::fs::read_dir(store.join("attachments"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(left, 0, "a part of the attachment was left in the store");

    // Without that check sled itself fails to write the blob: still a
    // clear refusal, exit 2, no hang, and the lock goes with the process.
    let (code, err) = bounded(&store, &record, &[("STEPWISE_TEST_NO_SPACE_CHECK", "1")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&words) && err.contains("nothing was recorded"), "{err}");

    std::fs::remove_file(&fill).expect("free the space");
    let (code, _, err) = cli(&store, &["runs"]);
    assert_eq!(code, 0, "the store is refused after a full disk: {err}");
    assert!(!err.contains("in use"), "{err}");
    assert_eq!(results(&store), 1, "a refused write was recorded");
    let blobs = std::fs::read_dir(store.join("db/blobs"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(blobs, 0, "the blob sled failed to write was left behind");

    // With room again the same write is recorded.
    let (code, err) = bounded(&store, &record, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(results(&store), 2);
}

/// A write sled itself fails (the room check bypassed, as when another
/// process fills the disk between the check and the write) leaves sled
/// taking no more writes in that process: the server answers the refusal
/// (exit 2), then stops by itself, not cleanly (a service manager restarts
/// it), saying why in the log; the next command starts a new server and,
/// once there is room, the same write is recorded. Before, the server kept
/// refusing every write until someone restarted it.
#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs the test-hooks feature: cargo test --all-features"
)]
fn a_server_whose_write_failed_stops_and_the_next_one_records() {
    let Some(fs) = Tmpfs::mount(4) else { return };
    let store = fs.path().join("store");
    cli_ok(&store, &["demo"]);
    let mut cmd = std::process::Command::new(super::e2e::BIN);
    cmd.env("STEPWISE_TEST_NO_SPACE_CHECK", "1");
    let mut server = crate::server::Server::start_with(cmd, &store, &[]);
    let comment = "x".repeat(100_000);
    let record = failed_with(&comment);
    // With room, as above: the next result makes the record a sled blob.
    let (code, err) = beside(&store, &record, &[]);
    assert_eq!(code, 0, "{err}");
    let fill = fs.fill_leaving(8 * 1024);
    let (code, err) = beside(&store, &record, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("nothing was recorded"), "{err}");
    let exit = server.wait_exit(Duration::from_secs(30));
    assert!(
        exit.is_some_and(|c| c != 0),
        "the server whose write failed did not stop by itself with a failure: {exit:?}"
    );
    let log = crate::server::log(&store);
    let after = log
        .split_once("a write failed, the store takes no more")
        .unwrap_or_else(|| panic!("the log does not say why it stopped:\n{log}"))
        .1;
    assert!(
        after.contains("store left as it is after a failed write") && !after.contains("store closed cleanly"),
        "{log}"
    );

    std::fs::remove_file(&fill).expect("free the space");
    let (code, err) = bounded(&store, &record, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(results(&store), 2);
}

/// `result` failing DEMO-6 (Chrome) of run #2 with `comment`: a long one
/// makes the test's record a sled blob, where sled 0.34 hung on a full disk.
fn failed_with(comment: &str) -> [&str; 9] {
    [
        "result",
        "2",
        "DEMO-6",
        "--config",
        "Chrome",
        "--status",
        "failed",
        "--comment",
        comment,
    ]
}
