//! [`Service`]: what the TUI and the CLI hold. Its calls (generated from
//! the list in `api.rs`) run on an [`Engine`] in this process — a test, a
//! benchmark, the server itself — or go to the server that owns the store,
//! with the same signatures and the same errors either way. The few calls
//! that touch the client's own files (attach, import, export to a file)
//! read and write them here, on the client's side, and send or take bytes.

use super::remote::{Connect, Remote};
use super::wire::{Change, Presence, Whereabouts};
use super::{Clock, Engine, ExportFormat, Exported, ImportOptions, ImportReport, ServiceError};
use crate::domain::{Attachment, ProjectCode, RunNo, Time};
use crate::store::Store;
use std::path::Path;
use tokio::sync::mpsc::UnboundedReceiver;

pub(crate) enum Backend {
    Local(Engine),
    Remote(Remote),
}

pub struct Service {
    pub(crate) backend: Backend,
}

/// What the server pushes to a client between replies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pushed {
    /// A call committed by anyone (this client too).
    Changed(Change),
    /// Everyone else's whereabouts.
    Presence(Vec<Presence>),
    /// The connection was lost and made again (to a new server, perhaps):
    /// what the screens show may be stale.
    Reconnected,
    /// The connection was lost and could not be made again.
    Lost(String),
}

impl Service {
    /// The service on `store`, in this process.
    pub fn new(store: Store, user: impl Into<String>) -> Self {
        Self::local(Engine::new(store, user))
    }

    pub fn local(engine: Engine) -> Self {
        Self {
            backend: Backend::Local(engine),
        }
    }

    /// Opens (or creates) the store in `dir` in this process.
    pub fn open(dir: &Path, user: &str) -> Result<Self, ServiceError> {
        Ok(Self::local(Engine::open(dir, user)?))
    }

    /// The service of the server that owns the store in `dir`, started in
    /// the background when none is running.
    pub fn connect(how: Connect) -> Result<Self, ServiceError> {
        Ok(Self {
            backend: Backend::Remote(Remote::connect(how)?),
        })
    }

    /// Uses a fixed or scripted clock (in this process only: a server
    /// keeps its own time).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.set_clock(clock);
        self
    }

    pub fn set_clock(&mut self, clock: Clock) {
        if let Backend::Local(e) = &mut self.backend {
            e.set_clock(clock);
        }
    }

    /// How long one tracker call may take (in this process only: a server
    /// keeps its own).
    pub fn set_tracker_timeout(&mut self, timeout: std::time::Duration) {
        if let Backend::Local(e) = &mut self.backend {
            e.set_tracker_timeout(timeout);
        }
    }

    /// The acting user (for a client of a server: as the server admitted it).
    pub fn user(&self) -> &str {
        match &self.backend {
            Backend::Local(e) => e.user(),
            Backend::Remote(r) => r.user(),
        }
    }

    pub fn now(&self) -> Time {
        match &self.backend {
            Backend::Local(e) => e.now(),
            Backend::Remote(_) => chrono::Utc::now(),
        }
    }

    /// The store, when it is open in this process.
    pub fn store(&self) -> Option<&Store> {
        match &self.backend {
            Backend::Local(e) => Some(e.store()),
            Backend::Remote(_) => None,
        }
    }

    /// The store's directory.
    pub fn store_dir(&self) -> std::path::PathBuf {
        match &self.backend {
            Backend::Local(e) => e.store().dir().to_path_buf(),
            Backend::Remote(r) => r.dir().to_path_buf(),
        }
    }

    /// What the server pushes (none in this process): taken once.
    pub fn pushed(&self) -> Option<UnboundedReceiver<Pushed>> {
        match &self.backend {
            Backend::Local(_) => None,
            Backend::Remote(r) => r.take_pushed(),
        }
    }

    /// Tells the server where this TUI is (what others see as presence).
    pub fn set_whereabouts(&self, at: Whereabouts) {
        if let Backend::Remote(r) = &self.backend {
            r.set_whereabouts(at);
        }
    }

    /// The server's state (`server status`).
    pub fn server_status(&self) -> Result<super::wire::ServerStatus, ServiceError> {
        match &self.backend {
            Backend::Local(_) => Err(ServiceError::Invalid(
                "this store is open in this process, not served".into(),
            )),
            Backend::Remote(r) => r.status(),
        }
    }

    /// Stops the server (`server stop`): it closes the store cleanly.
    pub fn stop_server(&self) -> Result<(), ServiceError> {
        match &self.backend {
            Backend::Local(_) => Err(ServiceError::Invalid(
                "this store is open in this process, not served".into(),
            )),
            Backend::Remote(r) => r.stop(),
        }
    }

    /// Copies the file at `path` (read here) into the store.
    pub fn attach_file(&self, path: &Path) -> Result<Attachment, ServiceError> {
        let (name, bytes) = super::attachments::read_file(path)?;
        self.attach_bytes(&name, &bytes)
    }

    /// Imports the file at `path` (read here) into project `code` (created
    /// when it does not exist).
    pub fn import_file(
        &self,
        code: &ProjectCode,
        path: &Path,
        opts: ImportOptions,
    ) -> Result<ImportReport, ServiceError> {
        let (name, bytes) = super::import::read_file(path)?;
        self.import_bytes(code, &name, &bytes, opts)
    }

    /// Writes a run's report to `path`: whole or not at all (a temporary
    /// file beside it, synced, then moved into place), mode 0644 — a report
    /// is the user's to share, unlike the store's private files. With
    /// `overwrite` a file already there is replaced; without it a taken
    /// name is left as it is and `Exported::Taken` says so, whether it was
    /// there before the report was made or appeared while it was written.
    pub fn export_run_to(
        &self,
        code: &ProjectCode,
        no: RunNo,
        format: ExportFormat,
        path: &Path,
        overwrite: bool,
    ) -> Result<Exported, ServiceError> {
        use crate::interop::export::file;
        if !overwrite && std::fs::symlink_metadata(path).is_ok() {
            return Ok(Exported::Taken);
        }
        let bytes = self.export_run(code, no, format)?;
        let written = if overwrite {
            file::write_file(path, &bytes)
        } else {
            file::write_new_file(path, &bytes)
        };
        match written {
            Ok(()) => Ok(Exported::Written),
            Err(e) if !overwrite && e.kind() == std::io::ErrorKind::AlreadyExists => Ok(Exported::Taken),
            Err(e) => Err(ServiceError::Failed(format!("cannot write {}: {e}", path.display()))),
        }
    }
}
