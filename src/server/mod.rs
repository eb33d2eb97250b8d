//! `stepwise serve`: the one process that opens a store, serving every TUI
//! and command on it over a Unix socket in the store directory (PRODUCT.md
//! §7, ARCHITECTURE.md "Client and server"). Each client is served on a
//! thread of its own; commands run one at a time; after each committed
//! command every TUI hears what changed. SIGTERM, SIGINT and `server stop`
//! end it cleanly: clients told, the store flushed and closed.

mod conn;
mod files;
pub mod log;
pub mod peer;

pub use files::admission;

use crate::domain::{ProjectCode, RunNo};
use crate::service::wire::{self, Change, ServerStatus, ToClient, Whereabouts};
use crate::service::{Engine, Request, ServiceError};
use crate::store::Store;
use conn::Client;
use peer::Admission;
use std::collections::BTreeMap;
use std::os::unix::net::UnixListener;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long a server started on demand stays up after its last client
/// left (STEPWISE_SERVER_IDLE, in seconds, says otherwise).
pub const IDLE_EXIT: Duration = Duration::from_secs(30);

/// How often a server writes the store's backup when the store changed
/// (STEPWISE_BACKUP_EVERY, in seconds, says otherwise): a team's server
/// may run for weeks without the clean close that also writes it.
pub const BACKUP_EVERY: Duration = Duration::from_secs(600);

/// How long a server started on demand waits for its first client.
const FIRST_CLIENT_WAIT: Duration = Duration::from_secs(30);

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub dir: PathBuf,
    /// Admit the members of this group.
    pub group: Option<String>,
    /// Admit these users.
    pub allow: Vec<String>,
    /// Let clients of other accounts act under a name they declare.
    pub declared_users: bool,
    /// Started by a client: exits a while after its last client left.
    pub on_demand: bool,
}

/// The connections open (said hello or not), and since when none is.
#[derive(Clone, Copy, Debug, Default)]
struct Connections {
    open: usize,
    idle_since: Option<Instant>,
}

pub struct Shared {
    engine: Mutex<Option<Engine>>,
    clients: Mutex<BTreeMap<u64, Client>>,
    /// Connections open, said hello or not.
    connections: Mutex<Connections>,
    next: AtomicU64,
    admission: Admission,
    uid: u32,
    since: crate::domain::Time,
    dir: PathBuf,
    stop: tokio::sync::Notify,
    /// Woken when the last client leaves.
    idle: tokio::sync::Notify,
    stopping: std::sync::atomic::AtomicBool,
    /// Set when the store stopped taking writes (a write failed): the
    /// server stops, so that a new one opens the store afresh.
    broken: Mutex<Option<String>>,
    /// Clients' writer threads still sending: a stopping server waits for
    /// them, so that every client hears its last answers and `Bye`.
    writers: std::sync::atomic::AtomicUsize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shared {
    fn next_id(&self) -> u64 {
        self.next.fetch_add(1, Ordering::SeqCst)
    }

    fn engine_for(&self, user: &str) -> Option<Engine> {
        lock(&self.engine).as_ref().map(|e| e.for_user(user))
    }

    /// A connection was accepted (before its handshake: a server never
    /// goes idle under a client that is saying hello).
    fn connected(&self) {
        let mut c = lock(&self.connections);
        c.open += 1;
        c.idle_since = None;
    }

    fn joined(&self, id: u64, c: Client) {
        lock(&self.clients).insert(id, c);
    }

    /// A connection ended (`id`: its client, if it got that far).
    fn left(&self, id: u64) {
        let had_place = lock(&self.clients).remove(&id).is_some_and(|c| c.info.at.is_some());
        let mut c = lock(&self.connections);
        c.open = c.open.saturating_sub(1);
        if c.open == 0 {
            c.idle_since = Some(Instant::now());
            self.idle.notify_one();
        }
        drop(c);
        if had_place {
            self.presence_changed();
        }
    }

    fn moved(&self, id: u64, at: Whereabouts) {
        if let Some(c) = lock(&self.clients).get_mut(&id) {
            c.info.at = Some(at);
        }
        self.presence_changed();
    }

    fn presence_changed(&self) {
        let clients = lock(&self.clients);
        for (id, c) in clients.iter() {
            if c.info.kind == wire::ClientKind::Tui {
                c.send(&ToClient::Presence(conn::presence_for(*id, &clients)));
            }
        }
    }

    fn send_to(&self, id: u64, msg: &ToClient) {
        if let Some(c) = lock(&self.clients).get(&id) {
            c.send(msg);
        }
    }

    /// Tells every TUI but client `caller` (commands do not listen).
    fn broadcast_except(&self, caller: u64, msg: &ToClient) {
        for (id, c) in lock(&self.clients).iter() {
            if *id != caller && c.info.kind == wire::ClientKind::Tui {
                c.send(msg);
            }
        }
    }

    fn status(&self) -> ServerStatus {
        ServerStatus {
            pid: std::process::id(),
            os_user: peer::user_name(self.uid),
            since: self.since,
            socket: crate::service::remote::socket_path(&self.dir).display().to_string(),
            store: self.dir.display().to_string(),
            version: wire::version(),
            clients: lock(&self.clients).values().map(|c| c.info.clone()).collect(),
        }
    }

    fn request_stop(&self) {
        self.stop.notify_one();
    }

    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// A write failed and the store takes no more (sled 0.34 cannot, in
    /// this process): the server stops after the answers under way, and
    /// the next client starts one that opens the store afresh.
    fn store_broke(&self, why: String) {
        let mut broken = lock(&self.broken);
        if broken.is_none() {
            tracing::error!("a write failed, the store takes no more in this process: stopping ({why})");
            *broken = Some(why);
            self.request_stop();
        }
    }
}

/// What a committed call changed, from its arguments: its project, run and
/// tests (screens showing another project or run need not re-read).
pub fn change_of(r: &Request, user: &str) -> Change {
    let mut c = Change {
        call: r.name().to_string(),
        user: user.to_string(),
        project: None,
        run: None,
        tests: Vec::new(),
    };
    for (name, arg) in r.args() {
        if let Some(p) = arg.downcast_ref::<ProjectCode>() {
            c.project.get_or_insert_with(|| p.clone());
        } else if let Some(n) = arg.downcast_ref::<RunNo>() {
            c.run.get_or_insert(*n);
        } else if let Some(t) = arg.downcast_ref::<u32>().filter(|_| matches!(name, "test_id" | "test")) {
            c.tests.push(*t);
        } else if let Some(ids) = arg.downcast_ref::<Vec<u32>>().filter(|_| name == "ids") {
            c.tests.extend(ids);
        }
    }
    c
}

/// Runs the server until it is told to stop (or, on demand, until it has
/// had no client for its idle time).
pub fn serve(opts: Options, admission: Admission, store: Store) -> Result<(), ServiceError> {
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    log::init(&opts.dir);
    for path in store.removed_snapshots() {
        tracing::warn!(
            "removed {}: a snapshot sled left unfinished when it was killed",
            path.display()
        );
    }
    if let Some(took) = store.checked_on_copy() {
        tracing::warn!(
            "store {} was not closed cleanly; checked on a copy in {took:?}",
            opts.dir.display()
        );
    }
    let listener = files::bind(&opts.dir, &admission)?;
    tracing::info!(
        "serving {} (pid {}, version {}{})",
        opts.dir.display(),
        std::process::id(),
        wire::version(),
        if opts.on_demand { ", on demand" } else { "" }
    );
    if opts.on_demand {
        files::quiet_stderr();
    }
    let shared = Arc::new(Shared {
        engine: Mutex::new(Some(Engine::new(store, peer::user_name(uid)))),
        clients: Mutex::default(),
        connections: Mutex::default(),
        next: AtomicU64::new(1),
        admission,
        uid,
        since: chrono::Utc::now(),
        dir: opts.dir.clone(),
        stop: tokio::sync::Notify::new(),
        idle: tokio::sync::Notify::new(),
        stopping: std::sync::atomic::AtomicBool::new(false),
        broken: Mutex::new(None),
        writers: std::sync::atomic::AtomicUsize::new(0),
    });
    accept_in_background(Arc::clone(&shared), listener);
    backup_in_background(Arc::clone(&shared), backup_every());
    let idle = opts.on_demand.then(idle_exit);
    let why = wait_for_end(&shared, idle, Instant::now());
    tracing::info!("stopping: {why}");
    shutdown(&shared);
    match lock(&shared.broken).take() {
        // Not a clean stop: a service manager restarts it (on-failure).
        Some(why) => Err(ServiceError::Failed(format!(
            "the server of {} stopped: a write failed and the store took no more ({why}); \
             the next stepwise starts a new server that opens it afresh",
            opts.dir.display()
        ))),
        None => Ok(()),
    }
}

fn backup_every() -> Duration {
    std::env::var("STEPWISE_BACKUP_EVERY")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map_or(BACKUP_EVERY, Duration::from_secs_f64)
}

/// Every `every`, writes the store's backup if it changed since the last
/// one (as the one writer, so the copy is consistent); the clean close
/// writes it too. A shutdown waits for a backup under way (it holds the
/// engine), and none starts once the server is stopping.
fn backup_in_background(shared: Arc<Shared>, every: Duration) {
    let spawned = std::thread::Builder::new().name("backup".into()).spawn(move || {
        loop {
            std::thread::sleep(every);
            if shared.stopping() {
                return;
            }
            let Some(engine) = shared.engine_for("backup") else {
                return;
            };
            if engine.writes_failed().is_some() {
                return;
            }
            let started = Instant::now();
            match engine.backup_if_changed() {
                Ok(true) => tracing::info!("backup written in {:?}", started.elapsed()),
                Ok(false) => {}
                Err(e) => tracing::warn!("cannot write the backup: {e}"),
            }
        }
    });
    if let Err(e) = spawned {
        tracing::error!("cannot start the backup thread: {e}");
    }
}

fn idle_exit() -> Duration {
    std::env::var("STEPWISE_SERVER_IDLE")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(IDLE_EXIT, Duration::from_secs_f64)
}

fn accept_in_background(shared: Arc<Shared>, listener: UnixListener) {
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let peer = match peer::peer(&stream) {
                Ok(p) => p,
                Err(e) => {
                    tracing::warn!("a connection without credentials: {e}");
                    continue;
                }
            };
            shared.connected();
            let s = Arc::clone(&shared);
            let spawned = std::thread::Builder::new()
                .name(format!("client-{}", peer.pid))
                .spawn(move || conn::serve_client(s, stream, peer));
            if let Err(e) = spawned {
                tracing::error!("cannot serve a client: {e}");
                shared.left(0);
            }
        }
    });
}

/// Waits for SIGTERM, SIGINT, `server stop`, or (on demand) the idle time.
fn wait_for_end(shared: &Shared, idle: Option<Duration>, started: Instant) -> &'static str {
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            tracing::error!("cannot wait for signals: {e}");
            return "no runtime";
        }
    };
    rt.block_on(async {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut int), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
            signal(SignalKind::hangup()),
        ) else {
            return "cannot install signal handlers";
        };
        let mut tick = tokio::time::interval(Duration::from_millis(50));
        loop {
            tokio::select! {
                _ = term.recv() => return "SIGTERM",
                _ = int.recv() => return "SIGINT",
                // A server has no terminal to lose: a hang-up changes nothing.
                _ = hup.recv() => {}
                () = shared.stop.notified() => {
                    return if lock(&shared.broken).is_some() { "a write failed" } else { "server stop" };
                }
                () = shared.idle.notified(), if idle.is_some_and(|d| d.is_zero()) => {
                    if lock(&shared.connections).open == 0 {
                        return "no client left";
                    }
                }
                _ = tick.tick() => {
                    let Some(idle) = idle else { continue };
                    let c = *lock(&shared.connections);
                    match c.idle_since {
                        Some(since) if since.elapsed() >= idle => return "no client left",
                        // The client that started it connects in a moment.
                        None if c.open == 0 && shared.next.load(Ordering::SeqCst) == 1
                            && started.elapsed() >= idle.max(FIRST_CLIENT_WAIT) => return "no client came",
                        _ => {}
                    }
                }
            }
        }
    })
}

/// Tells every client, lets their calls end, and closes the store cleanly.
fn shutdown(shared: &Shared) {
    // No new client reaches a server that is closing.
    let _ = std::fs::remove_file(crate::service::remote::socket_path(&shared.dir));
    shared.stopping.store(true, Ordering::SeqCst);
    let Some(mut engine) = lock(&shared.engine).take() else {
        return;
    };
    // Each client's call under way ends and is answered; then it hears Bye.
    for c in lock(&shared.clients).values() {
        c.stop_reading();
    }
    // A call under way (a tracker's, up to its timeout) ends first.
    let deadline = Instant::now() + Duration::from_secs(25);
    loop {
        match engine.into_store() {
            Ok(store) => {
                let failed = store.writes_failed();
                drop(store);
                match failed {
                    // sled is neither flushed nor closed after a failed
                    // write (see `store::space`): the next open checks it.
                    Some(_) => tracing::warn!("store left as it is after a failed write: the next open checks it"),
                    None => tracing::info!("store closed cleanly"),
                }
                break;
            }
            Err(shared_still) => engine = shared_still,
        }
        if Instant::now() > deadline {
            if let Err(e) = engine.flush() {
                tracing::error!("flush at stop failed: {e}");
            }
            tracing::warn!("a client's call did not end: the store was flushed, not closed");
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    wait_for_writers(shared);
}

/// Lets the clients' writer threads send what is queued (the last answers,
/// `Bye`) before the process ends; a client not reading is not waited for
/// long.
fn wait_for_writers(shared: &Shared) {
    let deadline = Instant::now() + Duration::from_secs(2);
    while shared.writers.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
}
