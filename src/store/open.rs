//! Opening a store: create it private, take the lock or say who holds it,
//! make sure sled may touch it (see `integrity`), check the schema, migrate,
//! and note who holds it now.

use super::holder::{self, Holder, HolderGuard};
use super::integrity::{self, Scratch};
use super::lock::{LockError, StoreLock};
use super::schema::{self, Found, SCHEMA_VERSION};
use super::{Store, StoreError, TreeId, verify};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::atomic::AtomicU64;

/// sled's page cache; its 1 GiB default would show up as resident memory.
const CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// The folder sled keeps its files in, inside the store directory.
pub const SLED_DIR: &str = "db";

pub(super) fn open_sled(path: &Path, dir: &Path) -> Result<(sled::Db, Vec<sled::Tree>), StoreError> {
    // No background flusher: every commit flushes itself, and a close with
    // no thread left behind can be fingerprinted.
    let db = sled::Config::new()
        .path(path)
        .cache_capacity(CACHE_BYTES)
        .flush_every_ms(None)
        .open()
        .map_err(|e| StoreError::from_sled(dir, e))?;
    let mut trees = Vec::with_capacity(TreeId::ALL.len());
    for id in TreeId::ALL {
        trees.push(db.open_tree(id.name()).map_err(|e| StoreError::from_sled(dir, e))?);
    }
    Ok((db, trees))
}

impl Store {
    /// Opens (or creates) the store in `dir` for `user`.
    pub fn open(dir: &Path, user: &str) -> Result<Store, StoreError> {
        let io = |detail: String| StoreError::Io {
            path: dir.to_path_buf(),
            detail,
        };
        let corrupt = |detail: String| StoreError::Corrupt {
            path: dir.to_path_buf(),
            detail,
        };
        if dir.exists() && !dir.is_dir() {
            return Err(io("exists but is not a directory".into()));
        }
        // Files this process creates are private: 0600, folders 0700.
        // SAFETY: umask only changes this process's file-creation mask.
        unsafe { libc::umask(0o077) };
        if !dir.exists() {
            std::fs::create_dir_all(dir).map_err(|e| io(format!("cannot create it: {e}")))?;
        }
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        let lock = StoreLock::acquire(dir).map_err(|e| match e {
            LockError::Held => StoreError::Locked {
                path: dir.to_path_buf(),
                holder: holder::read(dir),
            },
            LockError::Io(detail) => io(detail),
        })?;
        let sled_dir = dir.join(SLED_DIR);
        let existing = sled_dir.exists();
        let mut checked_on_copy = None;
        let mut removed_snapshots = Vec::new();
        if existing {
            removed_snapshots = integrity::remove_unfinished_snapshots(&sled_dir);
            if let Some(v) = integrity::read_format(dir).map_err(corrupt)?
                && v > SCHEMA_VERSION
            {
                return Err(StoreError::Newer {
                    path: dir.to_path_buf(),
                    found: v,
                    supported: SCHEMA_VERSION,
                });
            }
            if !integrity::closed_cleanly(dir, &sled_dir) {
                let started = std::time::Instant::now();
                verify_on_copy(dir, &sled_dir)?;
                checked_on_copy = Some(started.elapsed());
            }
            integrity::forget_clean(dir);
        }
        let (db, trees) = open_sled(&sled_dir, dir)?;
        let meta = &trees[TreeId::Meta as usize];
        let has_data = trees[1..].iter().any(|t| !t.is_empty());
        match schema::read(meta, dir, has_data)? {
            Found::Fresh if existing => {
                return Err(corrupt("its schema version is missing".into()));
            }
            Found::Fresh => {
                meta.insert(schema::VERSION_KEY, &SCHEMA_VERSION.to_be_bytes())
                    .map_err(|e| StoreError::from_sled(dir, e))?;
                db.flush().map_err(|e| StoreError::from_sled(dir, e))?;
            }
            Found::Version(v) if v > SCHEMA_VERSION => {
                return Err(StoreError::Newer {
                    path: dir.to_path_buf(),
                    found: v,
                    supported: SCHEMA_VERSION,
                });
            }
            Found::Version(0) => return Err(corrupt("schema version 0".into())),
            Found::Version(v) if v < SCHEMA_VERSION => schema::migrate(&db, meta, dir, v)?,
            Found::Version(_) => {}
        }
        integrity::write_format(dir, SCHEMA_VERSION).map_err(|e| io(format!("cannot write format file: {e}")))?;
        let seq = schema::read_seq(meta);
        let holder = HolderGuard::write(dir, &Holder::current(user, chrono::Utc::now()));
        Ok(Store {
            db: Some(db),
            trees,
            dir: dir.to_path_buf(),
            seq: AtomicU64::new(seq),
            checked_on_copy,
            removed_snapshots,
            writes: Default::default(),
            _holder: holder,
            _lock: lock,
        })
    }
}

/// Opens a copy of the database and checks it; the real files are not
/// touched whatever the copy shows.
fn verify_on_copy(dir: &Path, sled_dir: &Path) -> Result<(), StoreError> {
    let scratch = Scratch(dir.join(format!(".verify-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&scratch.0);
    integrity::copy_dir(sled_dir, &scratch.0).map_err(|e| StoreError::Io {
        path: dir.to_path_buf(),
        detail: format!("cannot copy the database to check it: {e}"),
    })?;
    let expected_seq = integrity::read_seq(dir);
    let path = scratch.0.clone();
    let dir_owned = dir.to_path_buf();
    // sled may panic on some damage; a panic here is a corrupt store. The
    // hook swap is serialised so that two checks cannot leave it silenced.
    static HOOK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _serial = HOOK.lock().unwrap_or_else(|p| p.into_inner());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(move || -> Result<(), StoreError> {
        let (_db, trees) = open_sled(&path, &dir_owned)?;
        verify::check(&dir_owned, &trees, expected_seq)
    });
    std::panic::set_hook(previous);
    drop(scratch);
    match outcome {
        Ok(result) => result,
        Err(_) => Err(StoreError::Corrupt {
            path: dir.to_path_buf(),
            detail: "the database cannot be read (sled failed while recovering it)".into(),
        }),
    }
}
