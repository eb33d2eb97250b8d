//! One client of the server: its handshake and admission, then its calls
//! in turn. Commands run one at a time (the server's one writer), commit
//! and flush before the reply; then every TUI hears what changed. A
//! client's frames go out through its own queue and writer thread, so a
//! slow or stuck client never delays anyone else; a malformed, oversized or
//! truncated frame ends that client's connection only.

use super::peer::{self, Peer};
use super::{Shared, change_of};
use crate::service::wire::{
    self, ClientInfo, ClientKind, FrameError, Head, Hello, MAGIC, Presence, ToClient, ToServer, WireError, read_frame,
    write_frame,
};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};
use std::time::Duration;

/// Frames waiting for a client that is not reading: past this many, it is
/// disconnected rather than let the server's memory grow.
const QUEUE: usize = 4096;

/// How long a client has to say who it is.
const HELLO_WAIT: Duration = Duration::from_secs(10);

/// A connected client, as the server keeps it.
pub struct Client {
    pub info: ClientInfo,
    out: SyncSender<Vec<u8>>,
    stream: UnixStream,
}

impl Client {
    /// Queues a message; a client whose queue is full is disconnected.
    pub fn send(&self, msg: &ToClient) -> bool {
        match self.out.try_send(wire::encode(msg)) {
            Ok(()) => true,
            Err(TrySendError::Full(_)) => {
                tracing::warn!(
                    "client pid {:?} ({}) is not reading: disconnected",
                    self.info.pid,
                    self.info.user
                );
                self.close();
                false
            }
            Err(TrySendError::Disconnected(_)) => false,
        }
    }

    pub fn close(&self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }

    /// Takes no more requests from this client: the call under way ends
    /// and is answered, then the client hears `Bye` (so it knows that any
    /// call still unanswered was not done, and may send it again).
    pub fn stop_reading(&self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Read);
    }
}

/// A writer thread at work, counted while it lives (even if it panicked).
struct Sending(Arc<Shared>);

impl Sending {
    fn new(shared: &Arc<Shared>) -> Self {
        shared.writers.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Sending(Arc::clone(shared))
    }
}

impl Drop for Sending {
    fn drop(&mut self) {
        self.0.writers.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Serves one connection until it ends.
pub fn serve_client(shared: Arc<Shared>, mut stream: UnixStream, peer: Peer) {
    let id = shared.next_id();
    match handshake(&shared, &mut stream, peer) {
        Ok((hello, user)) => {
            tracing::info!(
                "client {id}: {} as {user} (pid {}, {})",
                peer::user_name(peer.uid),
                peer.pid,
                hello.kind.as_str()
            );
            run(&shared, id, stream, peer, hello, user);
            tracing::info!("client {id} left");
        }
        Err(e) => tracing::warn!("client pid {} (uid {}) not served: {e}", peer.pid, peer.uid),
    }
    shared.left(id);
}

fn handshake(shared: &Shared, s: &mut UnixStream, peer: Peer) -> Result<(Hello, String), String> {
    let _ = s.set_read_timeout(Some(HELLO_WAIT));
    let frame = |s: &mut UnixStream| read_frame(s).map_err(|e| e.to_string());
    let head: Head = wire::decode(&frame(s)?).map_err(|e| e.to_string())?;
    if head.magic != MAGIC {
        return Err("not a stepwise client".into());
    }
    write_frame(s, &wire::encode(&Head::ours())).map_err(|e| e.to_string())?;
    if head != Head::ours() {
        return Err(format!(
            "a client of version {} (this server is version {})",
            head.version,
            wire::version()
        ));
    }
    let hello: Hello = wire::decode(&frame(s)?).map_err(|e| e.to_string())?;
    let _ = s.set_read_timeout(None);
    if shared.stopping() {
        let _ = write_frame(s, &wire::encode(&ToClient::Bye));
        return Err("the server is stopping".into());
    }
    match peer::admit(
        &shared.admission,
        shared.uid,
        peer,
        hello.declared_user.as_deref(),
        &hello.own_name,
    ) {
        // Welcomed by `run`, once it is among the clients every change is
        // pushed to.
        Ok(user) => Ok((hello, user)),
        Err(message) => {
            tracing::warn!("refused pid {} (uid {}): {message}", peer.pid, peer.uid);
            let _ = write_frame(
                s,
                &wire::encode(&ToClient::Refused {
                    message: message.clone(),
                }),
            );
            Err(message)
        }
    }
}

fn run(shared: &Arc<Shared>, id: u64, mut stream: UnixStream, peer: Peer, hello: Hello, user: String) {
    let Ok(writer) = stream.try_clone() else { return };
    let Ok(closer) = stream.try_clone() else { return };
    let (out, queue) = sync_channel::<Vec<u8>>(QUEUE);
    let sending = Sending::new(shared);
    std::thread::spawn(move || {
        let _sending = sending;
        let mut writer = writer;
        for frame in queue {
            if write_frame(&mut writer, &frame).is_err() {
                let _ = writer.shutdown(std::net::Shutdown::Both);
                break;
            }
        }
    });
    // The Welcome goes first in this client's queue, and the client joins
    // before it can read it: a change committed once it is welcomed is
    // pushed to it, after the Welcome.
    if out
        .send(wire::encode(&ToClient::Welcome { user: user.clone() }))
        .is_err()
    {
        return;
    }
    let kind = hello.kind;
    shared.joined(
        id,
        Client {
            info: ClientInfo {
                os_user: peer::user_name(peer.uid),
                user: user.clone(),
                pid: Some(peer.pid),
                terminal: hello.terminal,
                kind,
                what: hello.what,
                at: None,
                since: chrono::Utc::now(),
            },
            out,
            stream: closer,
        },
    );
    let Some(mut engine) = shared.engine_for(&user) else {
        // The server began to stop as this client said hello: nothing it
        // sends will be done; Bye tells it to go to the next server.
        shared.send_to(id, &ToClient::Bye);
        return;
    };
    loop {
        let msg = match read_frame(&mut stream).and_then(|b| wire::decode::<ToServer>(&b)) {
            Ok(m) => m,
            Err(FrameError::Closed) => break,
            Err(e) => {
                tracing::warn!("client {id}: {e}: connection closed");
                break;
            }
        };
        match msg {
            ToServer::Call { id: call, request } => {
                let name = request.name();
                let mut change = request.is_command().then(|| change_of(&request, &user));
                let started = std::time::Instant::now();
                let result = {
                    let writer = engine.writer();
                    let _writer = request
                        .is_serialized()
                        .then(|| writer.lock().unwrap_or_else(|p| p.into_inner()));
                    let before = engine.store().commits();
                    let result = crate::store::defer_flush(|| {
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (*request).dispatch(&mut engine)))
                    })
                    .unwrap_or_else(|_| {
                        tracing::error!("client {id}: {name} panicked");
                        Err(WireError::Failed(format!(
                            "the server failed while doing {name}; see its log"
                        )))
                    });
                    // A command that committed nothing (no schedule due, a
                    // draft unchanged) changed nothing anyone could see.
                    if engine.store().commits() == before {
                        change = None;
                    }
                    result
                };
                // Answered once what it wrote — and whatever it read — is on
                // disk: the flush is shared by the calls that wait for it.
                let result = match engine.make_durable() {
                    Ok(()) => result,
                    Err(e) => Err(WireError::from(e)),
                };
                let ok = result.is_ok();
                tracing::debug!("client {id}: {name} took {:.2?}", started.elapsed());
                shared.send_to(id, &ToClient::Reply { id: call, result });
                if let Some(why) = engine.writes_failed() {
                    shared.store_broke(why);
                }
                // The caller shows what its own call did; the others learn.
                if ok && let Some(c) = change {
                    shared.broadcast_except(id, &ToClient::Changed(c));
                }
            }
            ToServer::At(at) => shared.moved(id, at),
            ToServer::Status { id: call } => {
                let status = shared.status();
                shared.send_to(id, &ToClient::Status { id: call, status });
            }
            ToServer::Stop { .. } => {
                tracing::info!("client {id} ({user}) asked the server to stop");
                shared.request_stop();
            }
        }
    }
    // Every call this client sent was answered: what it did not get an
    // answer for was not done.
    shared.send_to(id, &ToClient::Bye);
}

/// What a client sees of the others: every TUI but itself that is on a
/// screen, with where it is.
pub fn presence_for(id: u64, clients: &std::collections::BTreeMap<u64, Client>) -> Vec<Presence> {
    clients
        .iter()
        .filter(|(other, c)| **other != id && c.info.kind == ClientKind::Tui)
        .filter_map(|(_, c)| {
            c.info.at.clone().map(|at| Presence {
                user: c.info.user.clone(),
                at,
            })
        })
        .collect()
}
