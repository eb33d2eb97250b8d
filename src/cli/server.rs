//! `stepwise serve` (the server in the foreground, for systemd) and
//! `stepwise server status|stop`.

use super::{CmdResult, Failure, JsonFlag};
use crate::server::{self, Options};
use crate::service::remote::Connect;
use crate::service::wire::{ClientKind, ServerStatus};
use crate::service::{Service, local_time};
use crate::store::{Store, StoreError};
use clap::{Args, Subcommand};
use std::path::Path;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Admit the members of GROUP too (the socket is the group's).
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Admit USER too (repeatable).
    #[arg(long, value_name = "USER")]
    pub allow: Vec<String>,
    /// Let admitted users of other accounts act under the name they give
    /// with --user (for a team sharing one OS account).
    #[arg(long)]
    pub declared_users: bool,
    /// Started by a client: exits a while after its last client left.
    #[arg(long, hide = true)]
    pub on_demand: bool,
}

#[derive(Subcommand, Debug)]
pub enum ServerCommand {
    /// The store's server and its clients.
    Status(JsonFlag),
    /// Stop the store's server (it closes the store cleanly).
    Stop,
}

pub fn serve(args: &ServeArgs, dir: &Path) -> CmdResult {
    let opts = Options {
        dir: dir.to_path_buf(),
        group: args.group.clone(),
        allow: args.allow.clone(),
        declared_users: args.declared_users,
        on_demand: args.on_demand,
    };
    let admission = server::admission(&opts)?;
    let user = server::peer::user_name(
        // SAFETY: getuid has no preconditions.
        unsafe { libc::getuid() },
    );
    // Everything the server creates is its account's alone.
    // SAFETY: umask has no preconditions.
    unsafe { libc::umask(0o077) };
    let store = Store::open(dir, &user).map_err(|e| Failure {
        code: if matches!(e, StoreError::Locked { .. }) {
            crate::service::remote::EXIT_HELD
        } else {
            2
        },
        message: super::store::refusal(dir, &e),
    })?;
    Ok(server::serve(opts, admission, store)?)
}

pub fn control(cmd: &ServerCommand, mut how: Connect) -> CmdResult {
    how.kind = ClientKind::Control;
    how.start = false;
    let dir = how.dir.clone();
    let svc = Service::connect(how)?;
    match cmd {
        ServerCommand::Status(j) => {
            let status = svc.server_status()?;
            if j.json {
                super::print_json(&status_json(&status));
            } else {
                print_status(&status);
            }
            Ok(())
        }
        ServerCommand::Stop => {
            svc.stop_server()?;
            // Named from here: the server that could say is gone.
            crate::say!("Stopped the stepwise server of {}", dir.display());
            Ok(())
        }
    }
}

fn where_text(c: &crate::service::wire::ClientInfo) -> String {
    let Some(at) = &c.at else { return c.what.clone() };
    let mut s = at.screen.clone();
    if let Some(p) = &at.project {
        s.push_str(&format!(" {p}"));
    }
    if let Some(r) = at.run {
        s.push_str(&format!(" #{}", r.0));
    }
    if let Some(t) = at.test {
        s.push_str(&format!(" test {t}"));
    }
    s
}

fn print_status(s: &ServerStatus) {
    crate::say!(
        "Server   pid {}, user {}, since {}\nStore    {}\nSocket   {}\nVersion  {}",
        s.pid,
        s.os_user,
        local_time::minute_zoned(&s.since),
        s.store,
        s.socket,
        s.version
    );
    let clients: Vec<_> = s.clients.iter().filter(|c| c.kind != ClientKind::Control).collect();
    crate::say!("Clients  {}", clients.len());
    for c in clients {
        let acting = if c.user == c.os_user {
            c.user.clone()
        } else {
            format!("{} (OS user {})", c.user, c.os_user)
        };
        crate::say!(
            "  {acting}  pid {}  {}  {}  {}",
            c.pid.map_or_else(|| "?".into(), |p| p.to_string()),
            c.terminal.as_deref().unwrap_or("-"),
            c.kind.as_str(),
            where_text(c)
        );
    }
}

fn status_json(s: &ServerStatus) -> serde_json::Value {
    let clients: Vec<serde_json::Value> = s
        .clients
        .iter()
        .filter(|c| c.kind != ClientKind::Control)
        .map(|c| {
            serde_json::json!({
                "os_user": c.os_user,
                "user": c.user,
                "pid": c.pid,
                "terminal": c.terminal,
                "kind": c.kind.as_str(),
                "command": c.what,
                "screen": c.at.as_ref().map(|a| a.screen.clone()),
                "project": c.at.as_ref().and_then(|a| a.project.as_ref().map(|p| p.to_string())),
                "run": c.at.as_ref().and_then(|a| a.run.map(|r| r.0)),
                "test": c.at.as_ref().and_then(|a| a.test),
                "since": c.since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            })
        })
        .collect();
    serde_json::json!({
        "pid": s.pid,
        "os_user": s.os_user,
        "since": s.since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "store": s.store,
        "socket": s.socket,
        "version": s.version,
        "clients": clients,
    })
}
