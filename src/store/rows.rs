//! Reading a run's compact rows (`run_rows` tree, kept by `derived`), and
//! building them for the runs of an older store (the schema 6 migration).

use super::{StoreError, TreeId, decode, encode, keys};
use crate::domain::run_rows::chunk_of;
use crate::domain::{RowChunk, RowEntry, Test};

impl super::Store {
    /// Every row of the run whose tests live under `run_key`
    /// (`keys::run_tests`), by test id.
    pub fn run_rows(&self, run_key: &[u8]) -> Result<Vec<RowEntry>, StoreError> {
        let mut rows = Vec::new();
        for chunk in self.scan::<RowChunk>(run_key)? {
            rows.extend(chunk.rows);
        }
        Ok(rows)
    }

    /// The rows of tests `ids` of that run that exist, by id (each chunk
    /// read once).
    pub fn rows_of(&self, run_key: &[u8], ids: &[u32]) -> Result<Vec<RowEntry>, StoreError> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut out = Vec::with_capacity(ids.len());
        let mut chunk: Option<(u32, RowChunk)> = None;
        for id in ids {
            let n = chunk_of(id);
            if chunk.as_ref().is_none_or(|(at, _)| *at != n) {
                let read = self.get::<RowChunk>(&keys::row_chunk(run_key, n))?.unwrap_or_default();
                chunk = Some((n, read));
            }
            if let Some(row) = chunk.as_ref().and_then(|(_, c)| c.get(id)) {
                out.push(row.clone());
            }
        }
        Ok(out)
    }
}

/// Writes the rows of every run's tests (the step to schema 6), one chunk
/// at a time: memory stays that of one chunk whatever the run's size.
pub(super) fn build_all(db: &sled::Db) -> Result<(), String> {
    let open = |id: TreeId| db.open_tree(id.name()).map_err(|e| e.to_string());
    let (runs, tests, rows) = (open(TreeId::Runs)?, open(TreeId::Tests)?, open(TreeId::RunRows)?);
    for run in runs.iter() {
        let (run_key, _) = run.map_err(|e| e.to_string())?;
        let mut chunk: Option<(u32, RowChunk)> = None;
        let write = |(n, c): (u32, RowChunk)| -> Result<(), String> {
            rows.insert(keys::row_chunk(&run_key, n), encode(&c))
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        for test in tests.scan_prefix(&run_key) {
            let (test_key, bytes) = test.map_err(|e| e.to_string())?;
            let test: Test = decode(&bytes).map_err(|e| format!("test {}: {e}", keys::describe(&test_key)))?;
            let n = chunk_of(test.id);
            if chunk.as_ref().is_some_and(|(at, _)| *at != n) {
                chunk.take().map(write).transpose()?;
            }
            let (_, c) = chunk.get_or_insert_with(|| (n, RowChunk::default()));
            c.upsert(RowEntry::of(&test));
        }
        chunk.map(write).transpose()?;
    }
    Ok(())
}
