//! The schema version kept in the meta tree, and migrations on open.

use super::StoreError;
use std::path::Path;

/// The schema this build writes. Raise it (and add a migration) when the key
/// layout or a tree's meaning changes.
pub const SCHEMA_VERSION: u32 = 6;

pub const VERSION_KEY: &[u8] = b"schema_version";

/// Migrations, index `i` takes a store from version `i + 1` to `i + 2`.
/// Each gets the database and returns the writes to make; they run before
/// anything else reads the store.
type Migration = fn(&sled::Db) -> Result<(), String>;
const MIGRATIONS: &[Migration] = &[v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5, v5_to_v6];

/// Version 2 brought project and defect records at record version 2
/// (trackers, custom defect fields). Old records are upgraded as they are
/// read (`records.rs`), so nothing is rewritten; the version goes up so that
/// an older stepwise refuses this store instead of misreading it.
fn v1_to_v2(_db: &sled::Db) -> Result<(), String> {
    Ok(())
}

/// Version 3 brought case and test records at record version 2 (nested
/// steps, flaky, layer, steps kind, milestone, parameters, references,
/// source), upgraded as read like version 2, and each run's counts in the
/// `run_stats` tree, which this step computes for the runs already there.
fn v2_to_v3(db: &sled::Db) -> Result<(), String> {
    use super::{TreeId, decode, encode};
    use crate::domain::{RunStats, Test};
    let open = |id: TreeId| db.open_tree(id.name()).map_err(|e| e.to_string());
    let (runs, tests, stats) = (open(TreeId::Runs)?, open(TreeId::Tests)?, open(TreeId::RunStats)?);
    for run in runs.iter() {
        let (key, _) = run.map_err(|e| e.to_string())?;
        let mut counts = RunStats::default();
        for test in tests.scan_prefix(&key) {
            let (test_key, bytes) = test.map_err(|e| e.to_string())?;
            let test: Test = decode(&bytes).map_err(|e| format!("test {}: {e}", super::keys::describe(&test_key)))?;
            counts.add_test(&test);
        }
        stats.insert(&key, encode(&counts)).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Version 4 brought project records at record version 3 (retired
/// environments and configurations, completed milestones, team display
/// names), upgraded as read like version 2; nothing is rewritten.
fn v3_to_v4(_db: &sled::Db) -> Result<(), String> {
    Ok(())
}

/// Version 5 brought project records at record version 4 (tracker kinds
/// and the `tracker_sync` setting) and defect records at record version 3
/// (the tracker's last seen state on a link), upgraded as read; nothing is
/// rewritten.
fn v4_to_v5(_db: &sled::Db) -> Result<(), String> {
    Ok(())
}

/// Version 6 brought each run's tests as compact rows in the `run_rows`
/// tree (what the dashboard lists and searches without reading every
/// test), which this step builds for the runs already there.
fn v5_to_v6(db: &sled::Db) -> Result<(), String> {
    super::rows::build_all(db)
}

/// What the meta tree says about the store's version.
pub enum Found {
    /// A store with no version and no data: new.
    Fresh,
    Version(u32),
}

pub fn read(meta: &sled::Tree, dir: &Path, has_data: bool) -> Result<Found, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        path: dir.to_path_buf(),
        detail,
    };
    match meta.get(VERSION_KEY).map_err(|e| StoreError::from_sled(dir, e))? {
        None if has_data => Err(corrupt("it holds data but no schema version".into())),
        None => Ok(Found::Fresh),
        Some(v) => {
            let bytes: [u8; 4] = v
                .as_ref()
                .try_into()
                .map_err(|_| corrupt("the schema version record is malformed".into()))?;
            Ok(Found::Version(u32::from_be_bytes(bytes)))
        }
    }
}

/// Brings an older store up to [`SCHEMA_VERSION`], one step at a time.
pub fn migrate(db: &sled::Db, meta: &sled::Tree, dir: &Path, from: u32) -> Result<(), StoreError> {
    for version in from..SCHEMA_VERSION {
        let step = MIGRATIONS
            .get(version as usize - 1)
            .ok_or_else(|| StoreError::Corrupt {
                path: dir.to_path_buf(),
                detail: format!("no migration from schema version {version}"),
            })?;
        step(db).map_err(|detail| StoreError::Corrupt {
            path: dir.to_path_buf(),
            detail,
        })?;
        meta.insert(VERSION_KEY, &(version + 1).to_be_bytes())
            .map_err(|e| StoreError::from_sled(dir, e))?;
        db.flush().map_err(|e| StoreError::from_sled(dir, e))?;
    }
    Ok(())
}

/// The meta key of the commit counter, bumped by every commit.
pub const SEQ_KEY: &[u8] = b"commit_seq";

pub fn read_seq(meta: &sled::Tree) -> u64 {
    meta.get(SEQ_KEY)
        .ok()
        .flatten()
        .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
        .map_or(0, u64::from_be_bytes)
}
