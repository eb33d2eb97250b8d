//! The server's life: SIGTERM closes the store cleanly; clients racing to
//! start one end up with one; a client killed mid-request harms nothing;
//! a client and a server of different versions refuse each other.

use super::{Raw, Server, beside, demo_store, log};
use crate::e2e::{BIN, cli, cli_command, cli_json, wait_server_gone};
use std::os::unix::net::UnixListener;
use std::time::Duration;
use stepwise::service::Request;
use stepwise::service::wire::{self, ClientKind, Head, MAGIC, ToClient, ToServer, read_frame, write_frame};

#[test]
fn sigterm_tells_the_clients_and_closes_the_store_cleanly() {
    let store = demo_store();
    let dir = store.path();
    let server = Server::start(dir, &[]);
    let mut tui = Raw::welcomed(dir, ClientKind::Tui);
    let (code, err) = server.terminate();
    assert_eq!(code, Some(0), "{err}\n{}", log(dir));
    assert!(!err.contains("panicked"), "{err}");
    // Told before the store closed (after any Presence it heard first).
    while !matches!(tui.recv::<ToClient>(), ToClient::Bye) {}
    assert!(tui.closed_by_server());
    assert!(dir.join("clean.json").exists(), "no clean.json");
    assert!(!dir.join("holder.json").exists(), "holder.json left");
    assert!(!dir.join("server.sock").exists(), "socket left");
    let log = log(dir);
    assert!(
        log.contains("stopping: SIGTERM") && log.contains("store closed cleanly"),
        "{log}"
    );
}

/// The untested tests of the demo's run #2, as `result` arguments.
fn untested(dir: &std::path::Path, n: usize) -> Vec<(String, String)> {
    let run = cli_json(dir, &["run", "show", "2"]);
    let tests = run["tests"].as_array().unwrap();
    let picked: Vec<(String, String)> = tests
        .iter()
        .filter(|t| t["status"] == "untested")
        .map(|t| (t["case"].as_str().unwrap().into(), t["config"].as_str().unwrap().into()))
        .take(n)
        .collect();
    assert_eq!(picked.len(), n, "{run}");
    picked
}

/// Stops an on-demand server when dropped (a test that failed too).
struct StopOnDrop<'a>(&'a std::path::Path);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        let _ = cli(self.0, &["server", "stop"]);
        wait_server_gone(self.0);
    }
}

#[test]
fn eight_commands_at_once_on_a_store_without_a_server_start_one() {
    let store = demo_store();
    let dir = store.path();
    let tests = untested(dir, 8);
    let serving_before = log(dir).matches("serving ").count();
    let _stop = StopOnDrop(dir);
    let children: Vec<_> = tests
        .iter()
        .map(|(case, config)| {
            let args = [
                "result",
                "2",
                case.as_str(),
                "--config",
                config.as_str(),
                "--status",
                "passed",
            ];
            // Idle for a while: every one of them finds the first server.
            cli_command(dir, &args, &[("STEPWISE_SERVER_IDLE", "20")])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (child, (case, config)) in children.into_iter().zip(&tests) {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{case} {config}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let log_now = log(dir);
    assert_eq!(log_now.matches("serving ").count() - serving_before, 1, "{log_now}");
    let status = beside(dir, &["server", "status"]);
    assert!(status["pid"].as_u64().is_some(), "{status}");
    let run = beside(dir, &["run", "show", "2"]);
    for (case, config) in &tests {
        let t = run["tests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["case"] == case.as_str() && t["config"] == config.as_str())
            .unwrap();
        assert_eq!(t["status"], "passed", "{t}");
        assert_eq!(t["results"].as_array().unwrap().len(), 1, "{t}");
    }
}

fn projects_call(id: u64) -> Vec<u8> {
    wire::encode(&ToServer::Call {
        id,
        request: Box::new(Request::projects {}),
    })
}

#[test]
fn a_client_killed_mid_request_harms_neither_the_server_nor_the_others() {
    let store = demo_store();
    let dir = store.path();
    let tests = untested(dir, 6);
    let server = Server::start(dir, &[]);
    let mut other = Raw::welcomed(dir, ClientKind::Tui);
    let mut said_recorded = Vec::new();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for (i, (case, config)) in tests.iter().enumerate() {
        let args = [
            "result",
            "2",
            case.as_str(),
            "--config",
            config.as_str(),
            "--status",
            "blocked",
        ];
        let mut child = cli_command(dir, &args, &[])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % (20_000 * (i as u64 + 1))));
        let _ = child.kill();
        if child.wait().unwrap().success() {
            said_recorded.push((case, config));
        }
    }
    // By hand: half a call, then gone; a whole command, then gone before
    // its answer.
    let mut half = Raw::welcomed(dir, ClientKind::Command);
    let frame = projects_call(1);
    let mut bytes = (frame.len() as u32).to_be_bytes().to_vec();
    bytes.extend_from_slice(&frame[..frame.len() / 2]);
    half.send_bytes(&bytes).unwrap();
    drop(half);
    let mut gone = Raw::welcomed(dir, ClientKind::Command);
    gone.send_frame(&projects_call(2));
    drop(gone);

    // The other client is still served on its one connection.
    other.send_frame(&projects_call(7));
    loop {
        match other.recv::<ToClient>() {
            ToClient::Reply {
                id: 7,
                result: Ok(bytes),
            } => {
                let projects: Vec<stepwise::domain::Project> = wire::decode(&bytes).unwrap();
                assert_eq!(projects.len(), 1);
                assert_eq!(projects[0].code.as_str(), "DEMO");
                break;
            }
            // What the killed commands recorded, told to a TUI.
            ToClient::Changed(_) | ToClient::Presence(_) => {}
            _ => panic!("no reply to the other client"),
        }
    }
    // The same server, and every result a command said it recorded.
    let status = beside(dir, &["server", "status"]);
    assert_eq!(status["pid"], server.pid(), "{status}");
    let run = beside(dir, &["run", "show", "2"]);
    for (case, config) in said_recorded {
        let t = run["tests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["case"] == case.as_str() && t["config"] == config.as_str())
            .unwrap();
        assert_eq!(t["status"], "blocked", "{t}");
    }
    drop(other);
    let (code, err) = server.terminate();
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!log(dir).contains("panicked"), "{}", log(dir));
}

#[test]
fn a_server_answers_a_client_of_another_version_with_both_versions() {
    let store = demo_store();
    let dir = store.path();
    let server = Server::start(dir, &[]);
    let mut raw = Raw::connect(dir);
    let old = Head {
        magic: MAGIC.into(),
        version: "0.0.1+00c0ffee".into(),
    };
    raw.send_frame(&wire::encode(&old));
    let head: Head = raw.recv();
    assert_eq!(head, Head::ours(), "the server names its version");
    assert!(raw.closed_by_server());
    super::wait_log(
        dir,
        &format!(
            "a client of version 0.0.1+00c0ffee (this server is version {})",
            wire::version()
        ),
    )
    .unwrap();
    drop(server);
}

#[test]
fn a_client_refuses_a_server_of_another_version_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let listener = UnixListener::bind(dir.path().join("server.sock")).unwrap();
    let fake = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let head: Head = wire::decode(&read_frame(&mut s).unwrap()).unwrap();
        let newer = Head {
            magic: MAGIC.into(),
            version: "9.9.9+feedface".into(),
        };
        write_frame(&mut s, &wire::encode(&newer)).unwrap();
        head
    });
    let out = std::process::Command::new(BIN)
        .arg("--store")
        .arg(dir.path())
        .args(["runs"])
        .env("STEPWISE_SERVER_IDLE", "0")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is version 9.9.9+feedface"), "{err}");
    assert!(
        err.contains(&format!("this stepwise is version {}", wire::version())),
        "{err}"
    );
    assert_eq!(fake.join().unwrap(), Head::ours(), "the client named its version");
}

/// A server that runs for long (a team's service) writes the store's
/// backup while it runs, when the store changed (STEPWISE_BACKUP_EVERY,
/// seconds; 10 minutes by default), not only at its clean close: a kill
/// or a crash weeks later leaves a recent way back. The backup is of a
/// consistent state (taken as the one writer) and is then recovered whole.
#[test]
fn a_running_server_writes_the_backup_when_the_store_changed() {
    use stepwise::store::backup;
    let store = demo_store();
    let dir = store.path();
    let before = backup::read_header(dir)
        .unwrap()
        .expect("the demo's close wrote a backup");
    let mut cmd = std::process::Command::new(BIN);
    cmd.env("STEPWISE_BACKUP_EVERY", "0.2");
    let server = Server::start_with(cmd, dir, &[]);
    let args = ["result", "2", "DEMO-4", "--config", "Firefox", "--status", "passed"];
    let (code, _, err) = super::beside_text(dir, &args);
    assert_eq!(code, 0, "{err}");
    // `commit_seq` follows the answer (see `store::seq_file`).
    let deadline = std::time::Instant::now() + crate::e2e::WAIT;
    let seq = loop {
        let seq = stepwise::store::backup::commits_counted(dir);
        if seq > before.seq {
            break seq;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "commit_seq never passed {}",
            before.seq
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let header = loop {
        let h = backup::read_header(dir).unwrap().unwrap();
        if h.seq == seq {
            break h;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no backup of commit {seq} while the server runs (still {}):\n{}",
            h.seq,
            log(dir)
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(header.made > before.made);
    assert!(log(dir).contains("backup written"), "{}", log(dir));
    // Unchanged since: no new backup.
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(backup::read_header(dir).unwrap().unwrap().made, header.made);
    // Killed, the store is recovered from it with the result.
    server.signal(libc::SIGKILL);
    drop(server);
    let loaded = backup::load(dir).unwrap().expect("the backup loads");
    drop(loaded);
    std::fs::write(dir.join("db").join("db"), b"damaged beyond repair").unwrap();
    let (code, _, err) = cli(dir, &["store", "recover"]);
    assert_eq!(code, 0, "{err}");
    let run = cli_json(dir, &["run", "show", "2"]);
    let kept = run["tests"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["case"] == "DEMO-4" && t["config"] == "Firefox" && !t["results"].as_array().unwrap().is_empty());
    assert!(
        kept,
        "the recovered store lost the result the running server's backup held"
    );
}

/// The leftover of a kill during sled's first snapshot is removed before
/// the server's sled opens the store, and the store's log says so.
#[test]
fn an_unfinished_sled_snapshot_is_removed_and_logged() {
    let store = demo_store();
    let dir = store.path();
    let leftover = dir.join("db").join("snap.00000000FFFFFFFF.generating");
    std::fs::write(&leftover, b"").unwrap();
    let runs = cli_json(dir, &["runs"]);
    assert_eq!(runs.as_array().map(Vec::len), Some(2), "{runs}");
    assert!(!leftover.exists());
    let log = log(dir);
    assert!(
        log.contains(&format!(
            "removed {}: a snapshot sled left unfinished when it was killed",
            leftover.display()
        )),
        "{log}"
    );
}
