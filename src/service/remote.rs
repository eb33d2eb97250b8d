//! A client's connection to the server that owns a store: calls sent as
//! frames and answered in turn, change events and presence pushed between
//! them, and the server started in the background when none answers.
//!
//! A lost connection (the server killed, stopped, restarted) is made again
//! by the next call, or at once by the reader when a TUI listens: a query
//! is then asked again; a command whose answer never came is not sent
//! twice (it may have been committed) — its caller is told to look.

use super::Pushed;
use super::api::Request;
use super::wire::{
    self, ClientKind, FrameError, Head, Hello, NoSignal, SOCKET, ServerStatus, ToClient, ToServer, Whereabouts,
    WireError, read_frame, write_frame,
};
use super::{ServiceError, spawn};
use serde::de::DeserializeOwned;
pub use spawn::EXIT_HELD;
use std::collections::HashMap;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// How to reach the server of a store.
#[derive(Clone, Debug)]
pub struct Connect {
    pub dir: PathBuf,
    /// `--user`: the name to act as (the server decides whether it may).
    pub declared_user: Option<String>,
    /// The name this process would use on its own ($USER): the server takes
    /// it from a client of its own account that declared none.
    pub own_name: String,
    pub kind: ClientKind,
    pub what: String,
    /// Start a server when none answers (not for `server status|stop`).
    pub start: bool,
}

enum Answer {
    Reply(Result<Vec<u8>, WireError>),
    Status(Box<ServerStatus>),
    /// The server stopped taking calls before it got to this one: it was
    /// not done, and may be sent again (to the next server).
    Bye,
}

struct Conn {
    writer: Mutex<UnixStream>,
    pending: Mutex<HashMap<u64, SyncSender<Answer>>>,
    alive: AtomicBool,
    /// The server said Bye: it took nothing after its last answer.
    bye: AtomicBool,
}

impl Conn {
    fn send(&self, msg: &ToServer) -> Result<(), FrameError> {
        let w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        write_frame(&mut NoSignal(&w), &wire::encode(msg))
    }

    /// Ends the connection: every call waiting for an answer is told —
    /// after a Bye, that it was not done; else that it is lost.
    fn close(&self) {
        self.alive.store(false, Ordering::SeqCst);
        if let Ok(w) = self.writer.lock() {
            let _ = w.shutdown(std::net::Shutdown::Both);
        }
        let waiting: Vec<_> = self.pending.lock().unwrap_or_else(|p| p.into_inner()).drain().collect();
        if self.bye.load(Ordering::SeqCst) {
            for (_, tx) in waiting {
                let _ = tx.send(Answer::Bye);
            }
        }
    }
}

struct Inner {
    how: Connect,
    user: Mutex<String>,
    conn: Mutex<Option<Arc<Conn>>>,
    next_id: AtomicU64,
    pushed_tx: UnboundedSender<Pushed>,
    pushed_rx: Mutex<Option<UnboundedReceiver<Pushed>>>,
    at: Mutex<Option<Whereabouts>>,
    closing: AtomicBool,
}

pub struct Remote {
    inner: Arc<Inner>,
    user: String,
}

impl Remote {
    pub fn connect(how: Connect) -> Result<Self, ServiceError> {
        let (pushed_tx, pushed_rx) = unbounded_channel();
        let inner = Arc::new(Inner {
            how,
            user: Mutex::new(String::new()),
            conn: Mutex::new(None),
            next_id: AtomicU64::new(1),
            pushed_tx,
            pushed_rx: Mutex::new(Some(pushed_rx)),
            at: Mutex::new(None),
            closing: AtomicBool::new(false),
        });
        inner.conn()?;
        let user = inner.user.lock().unwrap_or_else(|p| p.into_inner()).clone();
        Ok(Self { inner, user })
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn dir(&self) -> &std::path::Path {
        &self.inner.how.dir
    }

    pub fn take_pushed(&self) -> Option<UnboundedReceiver<Pushed>> {
        self.inner.pushed_rx.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    pub fn set_whereabouts(&self, at: Whereabouts) {
        let mut cur = self.inner.at.lock().unwrap_or_else(|p| p.into_inner());
        if cur.as_ref() == Some(&at) {
            return;
        }
        *cur = Some(at.clone());
        drop(cur);
        if let Some(conn) = self.inner.live() {
            let _ = conn.send(&ToServer::At(at));
        }
    }

    /// Sends `request` and decodes its answer.
    pub fn call<R: DeserializeOwned>(&self, request: Request) -> Result<R, ServiceError> {
        let command = request.is_command();
        let name = request.name();
        let id = self.inner.next_id.fetch_add(1, Ordering::SeqCst);
        let msg = ToServer::Call {
            id,
            request: Box::new(request),
        };
        let answer = self.inner.ask(id, &msg, command, name)?;
        match answer {
            Answer::Reply(Ok(bytes)) => wire::decode(&bytes)
                .map_err(|e| ServiceError::Failed(format!("the server's answer to {name} could not be read: {e}"))),
            Answer::Reply(Err(e)) => Err(e.into()),
            Answer::Status(_) | Answer::Bye => {
                Err(ServiceError::Failed(format!("the server answered {name} out of turn")))
            }
        }
    }

    pub fn status(&self) -> Result<ServerStatus, ServiceError> {
        let id = self.inner.next_id.fetch_add(1, Ordering::SeqCst);
        match self.inner.ask(id, &ToServer::Status { id }, false, "status")? {
            Answer::Status(s) => Ok(*s),
            _ => Err(ServiceError::Failed("the server answered status out of turn".into())),
        }
    }

    /// Asks the server to stop; returns once it has closed the connection.
    pub fn stop(&self) -> Result<(), ServiceError> {
        self.inner.closing.store(true, Ordering::SeqCst);
        let conn = self.inner.conn()?;
        conn.send(&ToServer::Stop { id: 0 }).map_err(lost)?;
        // The server closes every connection once the store is closed.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while conn.alive.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        Ok(())
    }
}

impl Drop for Remote {
    fn drop(&mut self) {
        self.inner.closing.store(true, Ordering::SeqCst);
        if let Some(conn) = self.inner.conn.lock().unwrap_or_else(|p| p.into_inner()).take() {
            conn.close();
        }
    }
}

/// What a server that is closing answers a new client (who then waits
/// for it to end and starts or reaches the next).
const STOPPING: &str = "the stepwise server is stopping";
const NO_ANSWER: &str = "the stepwise server did not answer";

fn lost(e: FrameError) -> ServiceError {
    ServiceError::Failed(format!("the connection to the stepwise server was lost: {e}"))
}

impl Inner {
    fn live(&self) -> Option<Arc<Conn>> {
        let cur = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        cur.as_ref().filter(|c| c.alive.load(Ordering::SeqCst)).cloned()
    }

    /// The live connection, made (and the server started) if need be.
    fn conn(self: &Arc<Self>) -> Result<Arc<Conn>, ServiceError> {
        let mut cur = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = cur.as_ref().filter(|c| c.alive.load(Ordering::SeqCst)) {
            return Ok(Arc::clone(c));
        }
        let started = std::time::Instant::now();
        let (conn, user) = loop {
            let stream = spawn::reach(&self.how)?;
            match self.handshake(stream) {
                // A server that is stopping (or was killed as it answered):
                // wait for it to go, then reach or start the next.
                Err(ServiceError::Failed(m))
                    if (m == STOPPING || m.starts_with(NO_ANSWER)) && started.elapsed() < spawn::START_WAIT =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                other => break other?,
            }
        };
        *self.user.lock().unwrap_or_else(|p| p.into_inner()) = user;
        let conn = Arc::new(conn);
        if let Some(at) = self.at.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            let _ = conn.send(&ToServer::At(at));
        }
        let reader = conn.writer.lock().unwrap_or_else(|p| p.into_inner()).try_clone();
        let reader = reader.map_err(|e| ServiceError::Failed(format!("cannot read from the stepwise server: {e}")))?;
        let (me, c) = (Arc::clone(self), Arc::clone(&conn));
        std::thread::Builder::new()
            .name("server-reader".into())
            .spawn(move || me.read_loop(reader, c))
            .map_err(|e| ServiceError::Failed(format!("cannot start the reader thread: {e}")))?;
        *cur = Some(Arc::clone(&conn));
        Ok(conn)
    }

    fn handshake(&self, mut s: UnixStream) -> Result<(Conn, String), ServiceError> {
        let fail = |e: FrameError| ServiceError::Failed(format!("{NO_ANSWER}: {e}"));
        let hello = Hello {
            declared_user: self.how.declared_user.clone(),
            own_name: self.how.own_name.clone(),
            kind: self.how.kind,
            terminal: terminal(),
            what: self.how.what.clone(),
        };
        write_frame(&mut NoSignal(&s), &wire::encode(&Head::ours())).map_err(fail)?;
        // A server of another version answers our Head with its own and
        // hangs up, maybe before it read the Hello: its Head still says why.
        let said_hello = write_frame(&mut NoSignal(&s), &wire::encode(&hello));
        let head: Head = wire::decode(&read_frame(&mut s).map_err(fail)?).map_err(fail)?;
        if head != Head::ours() {
            return Err(ServiceError::Invalid(format!(
                "the stepwise server of {} is version {}, and this stepwise is version {}: stop it (`stepwise server stop` with its version) and run again",
                self.how.dir.display(),
                head.version,
                wire::version()
            )));
        }
        said_hello.map_err(fail)?;
        match wire::decode::<ToClient>(&read_frame(&mut s).map_err(fail)?).map_err(fail)? {
            ToClient::Welcome { user } => Ok((
                Conn {
                    writer: Mutex::new(s),
                    pending: Mutex::default(),
                    alive: AtomicBool::new(true),
                    bye: AtomicBool::new(false),
                },
                user,
            )),
            ToClient::Refused { message } => Err(ServiceError::Invalid(message)),
            ToClient::Bye => Err(ServiceError::Failed(STOPPING.into())),
            _ => Err(ServiceError::Failed("the stepwise server answered out of turn".into())),
        }
    }

    fn ask(self: &Arc<Self>, id: u64, msg: &ToServer, command: bool, name: &str) -> Result<Answer, ServiceError> {
        let started = std::time::Instant::now();
        let mut attempt = 0;
        while attempt < 2 {
            attempt += 1;
            let conn = self.conn()?;
            let (tx, rx): (SyncSender<Answer>, Receiver<Answer>) = sync_channel(1);
            conn.pending.lock().unwrap_or_else(|p| p.into_inner()).insert(id, tx);
            if let Err(e) = conn.send(msg) {
                // Not sent whole: the server took nothing. Try once more.
                conn.close();
                if attempt == 1 {
                    continue;
                }
                return Err(lost(e));
            }
            match rx.recv() {
                Ok(Answer::Bye) if started.elapsed() < spawn::START_WAIT => {
                    // Not done: send it to the next server.
                    attempt -= 1;
                    continue;
                }
                Ok(answer) => return Ok(answer),
                Err(_) => {}
            }
            if command {
                return Err(ServiceError::Failed(format!(
                    "the connection to the stepwise server was lost before it answered; {name} may or may not have been saved: look before you do it again"
                )));
            }
        }
        Err(ServiceError::Failed(format!(
            "the connection to the stepwise server was lost twice while asking {name}"
        )))
    }

    fn read_loop(self: Arc<Self>, mut s: UnixStream, conn: Arc<Conn>) {
        while let Ok(msg) = read_frame(&mut s).and_then(|b| wire::decode::<ToClient>(&b)) {
            match msg {
                ToClient::Reply { id, result } => self.answer(&conn, id, Answer::Reply(result)),
                ToClient::Status { id, status } => self.answer(&conn, id, Answer::Status(Box::new(status))),
                ToClient::Changed(c) => {
                    let _ = self.pushed_tx.send(Pushed::Changed(c));
                }
                ToClient::Presence(p) => {
                    let _ = self.pushed_tx.send(Pushed::Presence(p));
                }
                ToClient::Bye => {
                    conn.bye.store(true, Ordering::SeqCst);
                    break;
                }
                ToClient::Welcome { .. } | ToClient::Refused { .. } => break,
            }
        }
        conn.close();
        if self.closing.load(Ordering::SeqCst) || self.pushed_rx.lock().map(|r| r.is_some()).unwrap_or(true) {
            // Nobody listens for pushes (a command): the next call reconnects.
            return;
        }
        // A TUI listens: reach a server again now, so that its screens
        // stay live without a key.
        std::thread::sleep(std::time::Duration::from_millis(50));
        let _ = self.pushed_tx.send(match self.conn() {
            Ok(_) => Pushed::Reconnected,
            Err(e) => Pushed::Lost(e.to_string()),
        });
    }

    fn answer(&self, conn: &Conn, id: u64, a: Answer) {
        if let Some(tx) = conn.pending.lock().unwrap_or_else(|p| p.into_inner()).remove(&id) {
            let _ = tx.send(a);
        }
    }
}

/// This process's terminal (`/dev/pts/3`), for `server status`.
fn terminal() -> Option<String> {
    // SAFETY: ttyname returns null or a pointer to static storage, read at
    // once before any other call could reuse it.
    unsafe {
        let p = libc::ttyname(0);
        if p.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr(p).to_str().ok().map(str::to_string)
    }
}

/// The socket of the store in `dir`.
pub fn socket_path(dir: &std::path::Path) -> PathBuf {
    dir.join(SOCKET)
}
