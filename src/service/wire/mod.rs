//! The protocol between clients and the server that owns a store: frames
//! on a Unix socket, each a 4-byte big-endian length and a postcard
//! message, at most [`MAX_FRAME`] bytes. Both sides open with a [`Head`]
//! naming their version; a client and server of different versions refuse
//! each other, naming both. Then the client sends its [`Hello`], the server
//! welcomes or refuses it, and requests (the service's calls, see `api.rs`)
//! and replies flow, with change events pushed by the server between them.

pub mod args;
mod error;
mod frame;

pub use error::WireError;
pub use frame::{FrameError, MAX_FRAME, NoSignal, read_frame, write_frame};

use super::api::Request;
use crate::domain::{ProjectCode, RunNo};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// The socket's file name in the store directory.
pub const SOCKET: &str = "server.sock";

/// What both sides send first: stable across versions, so that a mismatch
/// can be named rather than misread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub magic: String,
    pub version: String,
}

pub const MAGIC: &str = "stepwise";

impl Head {
    pub fn ours() -> Self {
        Self {
            magic: MAGIC.into(),
            version: version(),
        }
    }
}

/// This build's protocol version: the package version and a fingerprint
/// of the list of calls and of this module's messages, so that two builds
/// whose requests differ never take each other's frames.
pub fn version() -> String {
    format!("{}+{:08x}", env!("CARGO_PKG_VERSION"), super::api::FINGERPRINT)
}

/// Whether a client is a TUI or one command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientKind {
    Tui,
    Command,
    /// `stepwise server status|stop`.
    Control,
}

impl ClientKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClientKind::Tui => "tui",
            ClientKind::Command => "command",
            ClientKind::Control => "control",
        }
    }
}

/// Who the client says it is; the server checks it against the kernel's
/// word (the socket's peer credentials).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Hello {
    /// `--user`, if given: refused unless the server allows it.
    pub declared_user: Option<String>,
    /// The name the client would act as on its own ($USER): taken from a
    /// client of the server's own account that declared none.
    pub own_name: String,
    pub kind: ClientKind,
    pub terminal: Option<String>,
    /// The command line's first words (`runs --json`), for `server status`.
    pub what: String,
}

/// Where a TUI is: its screen, and the test it has open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Whereabouts {
    pub screen: String,
    pub project: Option<ProjectCode>,
    pub run: Option<RunNo>,
    pub test: Option<u32>,
}

/// A client's message after its `Head` and `Hello`.
#[derive(Serialize, Deserialize)]
pub enum ToServer {
    Call {
        id: u64,
        request: Box<Request>,
    },
    /// The TUI moved: what `server status` and presence show.
    At(Whereabouts),
    Status {
        id: u64,
    },
    Stop {
        id: u64,
    },
}

/// What changed in a committed call: screens showing it re-read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The call that made it (`record_result`).
    pub call: String,
    /// Who made it.
    pub user: String,
    pub project: Option<ProjectCode>,
    pub run: Option<RunNo>,
    /// The tests of `run` it touched (empty: the run as a whole, or none).
    pub tests: Vec<u32>,
}

/// Someone else on a test: who and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub user: String,
    pub at: Whereabouts,
}

/// One connected client, as `server status` lists it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ClientInfo {
    pub os_user: String,
    pub user: String,
    pub pid: Option<u32>,
    pub terminal: Option<String>,
    pub kind: ClientKind,
    pub what: String,
    pub at: Option<Whereabouts>,
    pub since: crate::domain::Time,
}

/// The server as `server status` shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ServerStatus {
    pub pid: u32,
    pub os_user: String,
    pub since: crate::domain::Time,
    pub socket: String,
    pub store: String,
    pub version: String,
    pub clients: Vec<ClientInfo>,
}

/// The server's messages after its `Head`.
#[derive(Serialize, Deserialize)]
pub enum ToClient {
    /// Admitted, acting as `user`.
    Welcome {
        user: String,
    },
    Refused {
        message: String,
    },
    Reply {
        id: u64,
        result: Result<Vec<u8>, WireError>,
    },
    Changed(Change),
    /// Everyone else's whereabouts, whenever someone's change.
    Presence(Vec<Presence>),
    Status {
        id: u64,
        status: ServerStatus,
    },
    /// The server is stopping (`server stop`, SIGTERM): the client may
    /// start or reach another.
    Bye,
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Serializing into a Vec has no failure but a type serde cannot write
    // (none of the protocol's): an empty frame is then refused by the peer.
    postcard::to_allocvec(value).unwrap_or_default()
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, FrameError> {
    postcard::from_bytes(bytes).map_err(|e| FrameError::Malformed(e.to_string()))
}
