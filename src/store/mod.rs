//! The sled store: typed trees, a versioned codec, schema checks and
//! migrations on open, the lock-holder note, and durable commits.
//!
//! Every write goes through [`Store::commit`]: one transaction over all the
//! trees it touches, then a flush, before it returns.

pub mod backup;
mod codec;
mod derived;
mod error;
mod holder;
mod integrity;
pub mod keys;
mod lock;
mod memo;
mod open;
mod records;
mod rows;
mod schema;
mod seq_file;
mod space;
mod v1;
mod v2;
mod v3;
mod verify;

pub use codec::{Record, decode, encode};
pub use error::{StoreError, is_no_space};
pub use holder::Holder;
pub use open::{SLED_DIR, open_db as open_sled_db};
pub use schema::SCHEMA_VERSION;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The trees of the store. The discriminant is the index into `Store::trees`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeId {
    Meta,
    Projects,
    Suites,
    Cases,
    Runs,
    Tests,
    Defects,
    Plans,
    Queries,
    Drafts,
    FormDrafts,
    /// Derived: each run's counts, kept by `commit` as tests change.
    RunStats,
    /// Scheduled run templates: `CODE/` + name.
    Schedules,
    /// Derived: each run's tests as compact rows, in chunks by test id
    /// (`CODE/` + run u64 + chunk u32), kept by `commit` as tests change.
    RunRows,
}

impl TreeId {
    pub const ALL: [TreeId; 14] = [
        TreeId::Meta,
        TreeId::Projects,
        TreeId::Suites,
        TreeId::Cases,
        TreeId::Runs,
        TreeId::Tests,
        TreeId::Defects,
        TreeId::Plans,
        TreeId::Queries,
        TreeId::Drafts,
        TreeId::FormDrafts,
        TreeId::RunStats,
        TreeId::Schedules,
        TreeId::RunRows,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TreeId::Meta => "meta",
            TreeId::Projects => "projects",
            TreeId::Suites => "suites",
            TreeId::Cases => "cases",
            TreeId::Runs => "runs",
            TreeId::Tests => "tests",
            TreeId::Defects => "defects",
            TreeId::Plans => "plans",
            TreeId::Queries => "queries",
            TreeId::Drafts => "drafts",
            TreeId::FormDrafts => "form_drafts",
            TreeId::RunStats => "run_stats",
            TreeId::Schedules => "schedules",
            TreeId::RunRows => "run_rows",
        }
    }
}

/// An open store. Only one process holds it at a time.
pub struct Store {
    /// Taken on drop, so that sled closes before the clean fingerprint.
    db: Option<sled::Db>,
    trees: Vec<sled::Tree>,
    dir: PathBuf,
    /// The number of the last commit (also kept in the meta tree).
    seq: AtomicU64,
    /// The number of the last commit known flushed to disk.
    durable: AtomicU64,
    /// One group flush at a time (`make_durable`).
    flushing: std::sync::Mutex<()>,
    /// Set when the last close was not clean and the store was checked on a
    /// copy before opening: how long that took.
    checked_on_copy: Option<std::time::Duration>,
    /// Snapshot files sled left unfinished, removed before it opened.
    removed_snapshots: Vec<std::path::PathBuf>,
    /// Set once a write failed: sled takes no more (see `space`).
    writes: space::Writes,
    /// Row chunks decoded lately (see `rows::RowCache`).
    row_cache: rows::RowCache,
    /// Answers kept until the next commit (see `memo`).
    memo: memo::Memo,
    /// Writes `commit_seq` once a commit is durable (see `seq_file`).
    seq_file: seq_file::SeqFile,
    _holder: holder::HolderGuard,
    _lock: lock::StoreLock,
}

thread_local! {
    /// Set while a server's call runs (`defer_flush`): its commits are
    /// applied, and flushed by `make_durable` after the one writer's lock
    /// is let go, so that the flushes of concurrent calls are shared.
    static DEFERRED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with this thread's commits applied but not flushed; the caller
/// calls [`Store::make_durable`] before it tells anyone they were made.
pub fn defer_flush<R>(f: impl FnOnce() -> R) -> R {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            DEFERRED.set(false);
        }
    }
    DEFERRED.set(true);
    let _reset = Reset;
    f()
}

/// A set of writes applied together by [`Store::commit`].
#[derive(Default)]
pub struct Batch {
    ops: Vec<(TreeId, Vec<u8>, Option<Vec<u8>>)>,
}

impl Batch {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn put<R: Record>(&mut self, key: Vec<u8>, value: &R) {
        self.ops.push((R::TREE, key, Some(encode(value))));
    }

    pub fn put_raw(&mut self, tree: TreeId, key: Vec<u8>, value: Vec<u8>) {
        self.ops.push((tree, key, Some(value)));
    }

    pub fn remove(&mut self, tree: TreeId, key: Vec<u8>) {
        self.ops.push((tree, key, None));
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    pub fn len(&self) -> usize {
        self.ops.len()
    }
}

impl Store {
    /// The directory the store lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn tree(&self, id: TreeId) -> &sled::Tree {
        &self.trees[id as usize]
    }

    fn io(&self, e: sled::Error) -> StoreError {
        StoreError::from_sled(&self.dir, e)
    }

    /// One record by key.
    pub fn get<R: Record>(&self, key: &[u8]) -> Result<Option<R>, StoreError> {
        match self.tree(R::TREE).get(key).map_err(|e| self.io(e))? {
            None => Ok(None),
            Some(bytes) => decode(&bytes).map(Some).map_err(|e| self.corrupt(R::TREE, key, e)),
        }
    }

    /// Every record whose key starts with `prefix`, in key order.
    pub fn scan<R: Record>(&self, prefix: &[u8]) -> Result<Vec<R>, StoreError> {
        self.tree(R::TREE)
            .scan_prefix(prefix)
            .map(|item| {
                let (k, v) = item.map_err(|e| self.io(e))?;
                decode(&v).map_err(|e| self.corrupt(R::TREE, &k, e))
            })
            .collect()
    }

    /// The keys that start with `prefix` in `tree` (no decoding).
    pub fn keys(&self, tree: TreeId, prefix: &[u8]) -> Result<Vec<Vec<u8>>, StoreError> {
        self.tree(tree)
            .scan_prefix(prefix)
            .keys()
            .map(|k| k.map(|k| k.to_vec()).map_err(|e| self.io(e)))
            .collect()
    }

    /// How many keys start with `prefix` in `tree` (no decoding).
    pub fn count(&self, tree: TreeId, prefix: &[u8]) -> usize {
        self.tree(tree).scan_prefix(prefix).keys().count()
    }

    pub fn get_raw(&self, tree: TreeId, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.tree(tree).get(key).map_err(|e| self.io(e))?.map(|v| v.to_vec()))
    }

    fn corrupt(&self, tree: TreeId, key: &[u8], detail: String) -> StoreError {
        StoreError::Corrupt {
            path: self.dir.clone(),
            detail: format!("record {}/{}: {detail}", tree.name(), keys::describe(key)),
        }
    }

    /// Applies every write of `batch` in one transaction, then flushes to
    /// disk. When this returns Ok, the writes survive kill -9.
    /// A write the disk has no room for is refused before sled sees it;
    /// one that fails anyway stops every later write (see `space`).
    pub fn commit(&self, mut batch: Batch) -> Result<(), StoreError> {
        if batch.is_empty() {
            return Ok(());
        }
        if let Some(refusal) = self.writes.refusal(&self.dir) {
            return Err(refusal);
        }
        self.derive(&mut batch)?;
        let bytes = batch
            .ops
            .iter()
            .map(|(_, k, v)| (k.len() + v.as_ref().map_or(0, Vec::len)) as u64);
        space::check_room(&self.dir, bytes.sum())?;
        use sled::Transactional;
        use sled::transaction::TransactionError;
        // The transaction spans only the trees the batch writes (and Meta,
        // for the commit number): sled's cost grows with the trees it locks.
        let mut view_of = [usize::MAX; TreeId::ALL.len()];
        let mut trees: Vec<&sled::Tree> = Vec::new();
        for id in std::iter::once(TreeId::Meta).chain(batch.ops.iter().map(|(tree, _, _)| *tree)) {
            if view_of[id as usize] == usize::MAX {
                view_of[id as usize] = trees.len();
                trees.push(&self.trees[id as usize]);
            }
        }
        let seq = self.seq.load(Ordering::SeqCst) + 1;
        let result: Result<(), TransactionError<()>> = trees.as_slice().transaction(|views| {
            views[view_of[TreeId::Meta as usize]].insert(schema::SEQ_KEY, &seq.to_be_bytes())?;
            for (tree, key, value) in &batch.ops {
                let view = &views[view_of[*tree as usize]];
                match value {
                    Some(v) => view.insert(key.as_slice(), v.as_slice())?,
                    None => view.remove(key.as_slice())?,
                };
            }
            Ok(())
        });
        match result {
            Ok(()) => {}
            Err(TransactionError::Storage(e)) => {
                let e = self.io(e);
                self.writes.fail(&e);
                return Err(e);
            }
            Err(TransactionError::Abort(())) => {
                return Err(StoreError::Io {
                    path: self.dir.clone(),
                    detail: "transaction aborted".into(),
                });
            }
        }
        self.seq.store(seq, Ordering::SeqCst);
        let rows = batch.ops.iter().filter(|(tree, _, _)| *tree == TreeId::RunRows);
        self.row_cache.forget(rows.map(|(_, key, _)| key.as_slice()));
        if DEFERRED.get() {
            // The caller makes it durable (`make_durable`) before it says so.
            return Ok(());
        }
        self.flush()?;
        self.durable.fetch_max(seq, Ordering::SeqCst);
        self.seq_file.note(seq);
        Ok(())
    }

    /// How many commits this store has applied (a call that changed
    /// nothing leaves it as it was).
    pub fn commits(&self) -> u64 {
        self.seq.load(Ordering::SeqCst)
    }

    /// Makes every commit applied so far durable: one flush for all the
    /// commits applied while the last one ran (a group commit: the server's
    /// clients, each waiting for its own, share the flushes).
    pub fn make_durable(&self) -> Result<(), StoreError> {
        let applied = self.seq.load(Ordering::SeqCst);
        if self.durable.load(Ordering::SeqCst) >= applied {
            return Ok(());
        }
        let _one = self.flushing.lock().unwrap_or_else(|p| p.into_inner());
        if self.durable.load(Ordering::SeqCst) >= applied {
            return Ok(());
        }
        let target = self.seq.load(Ordering::SeqCst);
        self.flush()?;
        self.durable.fetch_max(target, Ordering::SeqCst);
        self.seq_file.note(target);
        Ok(())
    }

    fn db(&self) -> &sled::Db {
        self.db.as_ref().expect("the database is open until the store drops")
    }

    /// Makes every write so far durable, or says why not within a bounded
    /// time; a failure stops every later write.
    pub fn flush(&self) -> Result<(), StoreError> {
        if let Some(refusal) = self.writes.refusal(&self.dir) {
            return Err(refusal);
        }
        space::flush(self.db(), &self.dir).inspect_err(|e| self.writes.fail(e))
    }

    /// Why the database stopped taking writes, once a write failed (sled
    /// 0.34 takes none after that in this process; see `space`).
    pub fn writes_failed(&self) -> Option<String> {
        self.writes.broken()
    }

    /// Writes the backup (`backup.bin`) now if the store changed since the
    /// last one, after making every commit durable (so the backup never
    /// holds a commit the database could lose). The caller holds the one
    /// writer's lock, so no commit lands while the trees are read. Returns
    /// whether it wrote.
    pub fn backup_if_changed(&self, now: chrono::DateTime<chrono::Utc>) -> Result<bool, StoreError> {
        self.make_durable()?;
        backup::write_if_changed(&self.dir, &self.trees, now).map_err(|e| StoreError::Io {
            path: backup::path(&self.dir),
            detail: error::io_detail("cannot write the backup", &self.dir, &e),
        })
    }

    /// Size of the store on disk, in bytes.
    pub fn size_on_disk(&self) -> u64 {
        self.db().size_on_disk().unwrap_or(0)
    }

    /// How long the check on a copy took, if the store was not closed cleanly.
    pub fn checked_on_copy(&self) -> Option<std::time::Duration> {
        self.checked_on_copy
    }

    /// The snapshot files a killed sled left unfinished, removed before
    /// the store opened (each would have made sled refuse it).
    pub fn removed_snapshots(&self) -> &[std::path::PathBuf] {
        &self.removed_snapshots
    }

    /// Raw access to a meta value (small settings such as the last project).
    pub fn meta(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.tree(TreeId::Meta).get(key).ok().flatten().map(|v| v.to_vec())
    }
}

impl Drop for Store {
    /// Writes the backup if the store changed, closes sled, then notes the
    /// files' fingerprint as a clean close. After a failed write sled is
    /// neither flushed nor closed: either would wait forever (see `space`);
    /// the process's end frees it.
    fn drop(&mut self) {
        let durable = self.make_durable().and_then(|()| self.flush());
        self.seq_file.finish();
        if durable.is_err() {
            std::mem::forget(std::mem::take(&mut self.trees));
            std::mem::forget(self.db.take());
            return;
        }
        let started = std::time::Instant::now();
        match backup::write_if_changed(&self.dir, &self.trees, chrono::Utc::now()) {
            Ok(true) => tracing::debug!("backup written in {:?}", started.elapsed()),
            Ok(false) => {}
            Err(e) => tracing::warn!("cannot write the backup {}: {e}", backup::path(&self.dir).display()),
        }
        self.trees.clear();
        drop(self.db.take());
        integrity::write_clean(&self.dir, &self.dir.join(SLED_DIR));
    }
}
