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

/// How long sled's own file lock is waited for (see `open_db`).
const SLED_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

pub(super) fn open_sled(path: &Path, dir: &Path) -> Result<(sled::Db, Vec<sled::Tree>), StoreError> {
    let db = open_db(path).map_err(|e| StoreError::from_sled(dir, e))?;
    let mut trees = Vec::with_capacity(TreeId::ALL.len());
    for id in TreeId::ALL {
        trees.push(db.open_tree(id.name()).map_err(|e| StoreError::from_sled(dir, e))?);
    }
    Ok((db, trees))
}

/// Opens sled's database. Holding the store's lock, nobody else can have
/// it open; sled's own lock on its file can still be held for a moment by a
/// child another thread forked while the last holder of this store had the
/// file open (the copy of the descriptor lives until the child execs, and
/// sled does not unlock on close), so that one refusal is waited out.
/// Tests that write old stores by hand open sled through it too
/// (`store::open_sled_db`).
pub fn open_db(path: &Path) -> sled::Result<sled::Db> {
    let started = std::time::Instant::now();
    loop {
        // No background flusher: every commit flushes itself, and a close
        // with no thread left behind can be fingerprinted.
        let opened = sled::Config::new()
            .path(path)
            .cache_capacity(CACHE_BYTES)
            .flush_every_ms(None)
            .open();
        match opened {
            Err(sled::Error::Io(e))
                if e.to_string().contains("could not acquire lock") && started.elapsed() < SLED_LOCK_WAIT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => return other,
        }
    }
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
            std::fs::create_dir_all(dir).map_err(|e| io(super::error::io_detail("cannot create it", dir, &e)))?;
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
        // An existing store keeps the modes its owner gave it: a store
        // that is then refused was not changed first.
        let lock = StoreLock::acquire(dir).map_err(|e| match e {
            LockError::Held => StoreError::Locked {
                path: dir.to_path_buf(),
                holder: holder::read(dir),
            },
            LockError::Io(detail) => io(detail),
        })?;
        integrity::remove_leftovers(dir);
        let sled_dir = dir.join(SLED_DIR);
        let existing = sled_dir.exists();
        let mut checked_on_copy = None;
        let mut removed_snapshots = Vec::new();
        let seq_file = integrity::read_seq(dir);
        if existing {
            removed_snapshots = integrity::remove_unfinished_snapshots(&sled_dir);
            let format = integrity::read_format(dir).map_err(corrupt)?;
            if let Some(v) = format
                && v > SCHEMA_VERSION
            {
                return Err(StoreError::Newer {
                    path: dir.to_path_buf(),
                    found: v,
                    supported: SCHEMA_VERSION,
                });
            }
            // A missing or empty side file (a kill mid-write by an older
            // stepwise) proves nothing: the copy is checked, and the file
            // is written again from what the database holds.
            let clean = format.is_some()
                && seq_file.is_some()
                && !holder::path(dir).exists()
                && integrity::closed_cleanly(dir, &sled_dir);
            if !clean {
                let started = std::time::Instant::now();
                verify_on_copy(dir, &sled_dir, seq_file)?;
                checked_on_copy = Some(started.elapsed());
            }
        }
        // From here on the note marks the store as held: a kill leaves it
        // behind, and the next open checks a copy. Without it, the clean
        // fingerprint must go instead.
        let holder = HolderGuard::write(dir, &Holder::current(user, chrono::Utc::now()));
        if !holder.written() {
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
        // Written only when their content changes (a new store, a
        // migration, a side file recovered from the database).
        integrity::write_format(dir, SCHEMA_VERSION).map_err(|e| {
            let what = format!("cannot write {}", dir.join(integrity::FORMAT_FILE).display());
            io(super::error::io_detail(&what, dir, &e))
        })?;
        let seq = schema::read_seq(meta);
        if seq_file.is_none_or(|s| s < seq) {
            integrity::write_seq(dir, seq);
        }
        Ok(Store {
            db: Some(db),
            trees,
            dir: dir.to_path_buf(),
            seq: AtomicU64::new(seq),
            durable: AtomicU64::new(seq),
            flushing: std::sync::Mutex::new(()),
            checked_on_copy,
            removed_snapshots,
            writes: Default::default(),
            row_cache: Default::default(),
            memo: Default::default(),
            seq_file: super::seq_file::SeqFile::start(dir.to_path_buf(), seq),
            _holder: holder,
            _lock: lock,
        })
    }
}

/// Opens a copy of the database and checks it; the real files are not
/// touched whatever the copy shows.
/// The copy is made in the store directory; when the disk holding it has
/// no room for the copy, the store is refused untouched with what the check
/// needs (exit 2), rather than opened unchecked.
fn verify_on_copy(dir: &Path, sled_dir: &Path, expected_seq: Option<u64>) -> Result<(), StoreError> {
    let needs = integrity::size_of(sled_dir);
    let no_room = |free: Option<u64>| StoreError::Io {
        path: dir.to_path_buf(),
        detail: format!(
            "it was not closed cleanly, and checking it needs a copy of its database: {} MB free on the disk holding {}{}; free some space and run stepwise again (nothing was changed)",
            needs.div_ceil(1 << 20).max(1),
            dir.display(),
            free.map_or_else(String::new, |f| format!(" ({} MB free now)", f >> 20)),
        ),
    };
    let free = integrity::free_bytes(dir);
    if free.is_some_and(|f| f < needs) {
        return Err(no_room(free));
    }
    let scratch = Scratch(dir.join(format!("{}{}", integrity::VERIFY_PREFIX, std::process::id())));
    let _ = std::fs::remove_dir_all(&scratch.0);
    integrity::copy_dir(sled_dir, &scratch.0).map_err(|e| {
        if e.kind() == std::io::ErrorKind::StorageFull {
            no_room(integrity::free_bytes(dir))
        } else {
            StoreError::Io {
                path: dir.to_path_buf(),
                detail: super::error::io_detail("cannot copy its database to check it", dir, &e),
            }
        }
    })?;
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
        // An unknown count sets no lower bound; everything else is checked.
        verify::check(&dir_owned, &trees, expected_seq.unwrap_or(0))
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
