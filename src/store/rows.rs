//! Reading a run's compact rows (`run_rows` tree, kept by `derived`), and
//! building them for the runs of an older store (the schema 6 migration).

use super::{StoreError, TreeId, decode, encode, keys};
use crate::domain::run_rows::chunk_of;
use crate::domain::{RowChunk, RowEntry, Test};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The row chunks decoded lately: a server answers a large run's first
/// screen (`Service::run_head`) without decoding every chunk each time.
/// Every commit forgets the chunks it writes (`Store::commit`), so nothing
/// stale is ever returned: a read that runs beside a commit sees the store
/// as it was just before it, as any read beside a commit may.
#[derive(Default)]
pub(super) struct RowCache(Mutex<HashMap<Vec<u8>, Arc<RowChunk>>>);

/// Chunks kept at most (about 260,000 rows) beyond those of the run read.
const CACHED_CHUNKS: usize = 2048;

impl RowCache {
    /// Forgets the chunks at `keys` (a commit wrote them).
    pub(super) fn forget<'a>(&self, keys: impl Iterator<Item = &'a [u8]>) {
        let mut cache = self.0.lock().unwrap_or_else(|p| p.into_inner());
        for k in keys {
            cache.remove(k);
        }
    }
}

impl super::Store {
    /// Every row of the run whose tests live under `run_key`
    /// (`keys::run_tests`), by test id.
    pub fn run_rows(&self, run_key: &[u8]) -> Result<Vec<RowEntry>, StoreError> {
        let chunks = self.run_row_chunks(run_key)?;
        let mut rows = Vec::with_capacity(chunks.iter().map(|c| c.rows.len()).sum());
        for chunk in &chunks {
            rows.extend(chunk.rows.iter().cloned());
        }
        Ok(rows)
    }

    /// The run's row chunks, by test id: each decoded once, then kept until
    /// a commit writes it.
    pub fn run_row_chunks(&self, run_key: &[u8]) -> Result<Vec<Arc<RowChunk>>, StoreError> {
        let mut cache = self.row_cache.0.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = Vec::new();
        for item in self.tree(TreeId::RunRows).scan_prefix(run_key) {
            let (k, v) = item.map_err(|e| self.io(e))?;
            match cache.get(k.as_ref()) {
                Some(chunk) => out.push(Arc::clone(chunk)),
                None => {
                    let chunk: Arc<RowChunk> = Arc::new(decode(&v).map_err(|e| self.corrupt(TreeId::RunRows, &k, e))?);
                    cache.insert(k.to_vec(), Arc::clone(&chunk));
                    out.push(chunk);
                }
            }
        }
        if cache.len() > CACHED_CHUNKS + out.len() {
            cache.retain(|k, _| k.starts_with(run_key));
        }
        Ok(out)
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
