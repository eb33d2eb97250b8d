//! `stepwise server status [--json]` and `stepwise server stop`, against a
//! server the test started.

use super::{Raw, Server, beside, beside_text, demo_store, log};
use crate::e2e::cli;
use std::time::Duration;
use stepwise::service::wire::{self, ClientKind, ToServer, Whereabouts};

fn os_user() -> String {
    // SAFETY: getuid has no preconditions.
    stepwise::server::peer::user_name(unsafe { libc::getuid() })
}

#[test]
fn server_status_lists_the_server_and_its_clients_but_not_itself() {
    let store = demo_store();
    let dir = store.path();
    let server = Server::start(dir, &[]);
    // A TUI on a test of run #2, by hand (Head, Hello, At).
    let mut tui = Raw::welcomed(dir, ClientKind::Tui);
    let at = Whereabouts {
        screen: "wizard".into(),
        project: Some(stepwise::domain::ProjectCode::parse("DEMO").unwrap()),
        run: Some(stepwise::domain::RunNo(2)),
        test: Some(7),
    };
    tui.send_frame(&wire::encode(&ToServer::At(at)));
    // The At is taken before a later Status on the same connection.
    tui.send_frame(&wire::encode(&ToServer::Status { id: 1 }));
    // (A TUI hears who else is where first: nobody.)
    while !matches!(tui.recv::<wire::ToClient>(), wire::ToClient::Status { id: 1, .. }) {}

    let s = beside(dir, &["server", "status"]);
    assert_eq!(s["pid"], server.pid(), "{s}");
    assert_eq!(s["os_user"], os_user(), "{s}");
    assert_eq!(s["store"], dir.display().to_string(), "{s}");
    assert_eq!(s["socket"], dir.join("server.sock").display().to_string(), "{s}");
    assert_eq!(s["version"], wire::version(), "{s}");
    let since = s["since"].as_str().unwrap();
    assert!(chrono::DateTime::parse_from_rfc3339(since).is_ok(), "{since}");
    let mut keys: Vec<&String> = s.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["clients", "os_user", "pid", "since", "socket", "store", "version"]
    );
    // The status command itself is not listed: only the TUI.
    let clients = s["clients"].as_array().unwrap();
    assert_eq!(clients.len(), 1, "{s}");
    let c = &clients[0];
    assert_eq!(c["kind"], "tui");
    assert_eq!(
        c["user"], "tester",
        "the name a client of the server's own account gives"
    );
    assert_eq!(c["os_user"], os_user());
    assert_eq!(c["pid"], std::process::id());
    assert_eq!(c["terminal"], serde_json::Value::Null);
    assert_eq!(c["command"], "test");
    assert_eq!(c["screen"], "wizard");
    assert_eq!(c["project"], "DEMO");
    assert_eq!(c["run"], 2);
    assert_eq!(c["test"], 7);
    assert!(chrono::DateTime::parse_from_rfc3339(c["since"].as_str().unwrap()).is_ok());
    let mut keys: Vec<&String> = c.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "command", "kind", "os_user", "pid", "project", "run", "screen", "since", "terminal", "test", "user"
        ]
    );

    let (code, out, err) = beside_text(dir, &["server", "status"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("Server   pid {}, user {}, since ", server.pid(), os_user())),
        "{out}"
    );
    assert!(out.contains(&format!("Store    {}", dir.display())), "{out}");
    assert!(
        out.contains(&format!("Socket   {}", dir.join("server.sock").display())),
        "{out}"
    );
    assert!(out.contains(&format!("Version  {}", wire::version())), "{out}");
    assert!(out.contains("Clients  1"), "{out}");
    let line = out
        .lines()
        .find(|l| l.contains("wizard"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains(&format!(
            "tester (OS user {})  pid {}  -  tui  wizard DEMO #2 test 7",
            os_user(),
            std::process::id()
        )) || (os_user() == "tester" && line.contains("tester  pid")),
        "{line}"
    );
    drop(tui);
    drop(server);
}

#[test]
fn server_stop_closes_the_store_and_says_so() {
    let store = demo_store();
    let dir = store.path();
    let mut server = Server::start(dir, &[]);
    let (code, out, err) = beside_text(dir, &["server", "stop"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), format!("Stopped the stepwise server of {}", dir.display()));
    assert_eq!(server.wait_exit(Duration::from_secs(20)), Some(0), "{}", log(dir));
    assert!(dir.join("clean.json").exists(), "no clean.json");
    assert!(!dir.join("holder.json").exists(), "holder.json left");
    assert!(!dir.join("server.sock").exists(), "socket left");
    assert!(log(dir).contains("asked the server to stop"), "{}", log(dir));
    assert!(log(dir).contains("store closed cleanly"), "{}", log(dir));
}

#[test]
fn server_status_and_stop_start_no_server() {
    let store = demo_store();
    let dir = store.path();
    for args in [
        &["server", "status"][..],
        &["server", "status", "--json"],
        &["server", "stop"],
    ] {
        let (code, out, err) = cli(dir, args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert_eq!(
            err.trim(),
            format!("stepwise: no stepwise server is running for {}", dir.display()),
            "{args:?}"
        );
        assert!(out.is_empty(), "{out}");
        assert!(!dir.join("server.sock").exists(), "{args:?} started a server");
    }
}

#[test]
fn a_change_is_pushed_to_the_other_tuis_only_and_only_when_something_was_committed() {
    use stepwise::domain::{ProjectCode, RunNo};
    use stepwise::service::Request;
    use wire::ToClient;
    let store = demo_store();
    let dir = store.path();
    let _server = super::Server::start(dir, &[]);
    let mut caller = Raw::welcomed(dir, ClientKind::Tui);
    let mut other = Raw::welcomed(dir, ClientKind::Tui);
    let code = ProjectCode::parse("DEMO").unwrap();
    let call = |id, request| {
        wire::encode(&ToServer::Call {
            id,
            request: Box::new(request),
        })
    };
    // No schedule is due: a command that commits nothing.
    caller.send_frame(&call(1, Request::run_all_due_schedules {}));
    caller.send_frame(&call(
        2,
        Request::assign_tests {
            code,
            no: RunNo(2),
            ids: vec![0],
            user: Some("tester".into()),
        },
    ));
    caller.send_frame(&wire::encode(&ToServer::Status { id: 3 }));
    let mut replies = Vec::new();
    loop {
        match caller.recv::<ToClient>() {
            ToClient::Reply { id, result } => {
                assert!(result.is_ok(), "call {id}: {result:?}");
                replies.push(id);
            }
            ToClient::Status { id: 3, .. } => break,
            ToClient::Changed(c) => panic!("the caller was told of its own call: {c:?}"),
            _ => {}
        }
    }
    assert_eq!(replies, [1, 2]);
    let first = loop {
        if let ToClient::Changed(c) = other.recv::<ToClient>() {
            break c;
        }
    };
    assert_eq!(
        first.call, "assign_tests",
        "nothing is pushed for a call that committed nothing"
    );
    assert_eq!((first.run, first.tests), (Some(RunNo(2)), vec![0]));
}
