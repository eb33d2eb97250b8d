//! Records derived from others, written by `commit` in the same
//! transaction as the writes they follow, so they can never disagree.
//!
//! Run counts: every test put or removed moves its run's `RunStats`. A run
//! whose counts were never written (a store from before they existed)
//! gets them computed from its tests on its first change, and readers
//! compute them the same way until then (`Store::run_stats`).
//!
//! Run rows: every test put or removed rewrites the chunk of compact rows
//! it belongs to (`domain::run_rows`); a run removed takes its chunks.

use super::{Batch, StoreError, TreeId, decode};
use crate::domain::run_rows::chunk_of;
use crate::domain::{RowChunk, RowEntry, RunStats, Test};
use std::collections::{BTreeMap, HashMap};

/// A run's counts while a batch is applied, and whether the run had no
/// tests before it (then no earlier test needs reading).
struct Tally {
    stats: RunStats,
    fresh: bool,
}

impl super::Store {
    /// The counts of the run whose tests live under `run_key`
    /// (`keys::run_tests`): stored, or computed from its tests.
    pub fn run_stats(&self, run_key: &[u8]) -> Result<RunStats, StoreError> {
        Ok(self.tally(run_key)?.stats)
    }

    fn tally(&self, run_key: &[u8]) -> Result<Tally, StoreError> {
        if let Some(stats) = self.get::<RunStats>(run_key)? {
            return Ok(Tally { stats, fresh: false });
        }
        let tests = self.scan::<Test>(run_key)?;
        Ok(Tally {
            fresh: tests.is_empty(),
            stats: RunStats::of_tests(&tests),
        })
    }

    /// Adds to `batch` the run counts its test writes change; removes the
    /// counts of runs it removes.
    pub(super) fn derive(&self, batch: &mut Batch) -> Result<(), StoreError> {
        let mut runs: BTreeMap<Vec<u8>, Tally> = BTreeMap::new();
        // The chunks of rows this batch changes, read once each.
        let mut chunks: BTreeMap<Vec<u8>, RowChunk> = BTreeMap::new();
        // The latest value of each test key within this batch.
        let mut pending: HashMap<Vec<u8>, Option<Test>> = HashMap::new();
        // Runs this batch removes: their tests need no counting.
        let removed_runs: std::collections::HashSet<Vec<u8>> = batch
            .ops
            .iter()
            .filter(|(tree, _, value)| *tree == TreeId::Runs && value.is_none())
            .map(|(_, key, _)| key.clone())
            .collect();
        for (tree, key, value) in &batch.ops {
            match tree {
                TreeId::Tests if key.len() > 12 => {
                    let run_key = key[..key.len() - 4].to_vec();
                    if removed_runs.contains(&run_key) {
                        continue;
                    }
                    let tally = match runs.entry(run_key) {
                        std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                        std::collections::btree_map::Entry::Vacant(e) => {
                            let t = self.tally(e.key())?;
                            e.insert(t)
                        }
                    };
                    let old = match pending.remove(key) {
                        Some(v) => v,
                        None if tally.fresh => None,
                        None => self.get::<Test>(key)?,
                    };
                    if let Some(old) = &old {
                        tally.stats.remove_test(old);
                    }
                    let new = match value {
                        Some(bytes) => Some(decode::<Test>(bytes).map_err(|e| self.corrupt(TreeId::Tests, key, e))?),
                        None => None,
                    };
                    if let Some(new) = &new {
                        tally.stats.add_test(new);
                    }
                    let id = u32::from_be_bytes(key[key.len() - 4..].try_into().unwrap_or_default());
                    let chunk_key = super::keys::row_chunk(&key[..key.len() - 4], chunk_of(id));
                    let chunk = match chunks.entry(chunk_key) {
                        std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                        std::collections::btree_map::Entry::Vacant(e) => {
                            let c = self.get::<RowChunk>(e.key())?.unwrap_or_default();
                            e.insert(c)
                        }
                    };
                    match &new {
                        Some(t) => chunk.upsert(RowEntry::of(t)),
                        None => chunk.remove(id),
                    }
                    pending.insert(key.clone(), new);
                }
                _ => {}
            }
        }
        for (run_key, tally) in runs {
            if !removed_runs.contains(&run_key) {
                batch.put(run_key, &tally.stats);
            }
        }
        for (chunk_key, chunk) in chunks {
            if chunk.rows.is_empty() {
                batch.remove(TreeId::RunRows, chunk_key);
            } else {
                batch.put(chunk_key, &chunk);
            }
        }
        for run_key in removed_runs {
            for chunk_key in self.keys(TreeId::RunRows, &run_key)? {
                batch.remove(TreeId::RunRows, chunk_key);
            }
            batch.remove(TreeId::RunStats, run_key);
        }
        Ok(())
    }
}
