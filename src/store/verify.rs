//! Checking a database (a copy, see `integrity`): schema version, commit
//! count, and that every record decodes.

use super::schema::{self, Found, SCHEMA_VERSION};
use super::{Record, StoreError, TreeId, decode, keys};
use crate::domain::{
    Case, Defect, Draft, FormDraft, Project, RowChunk, Run, RunStats, SavedQuery, Suite, Test, TestPlan,
};
use std::path::Path;

fn decode_as<R: Record>(bytes: &[u8]) -> Result<(), String> {
    decode::<R>(bytes).map(|_| ())
}

type Decoder = fn(&[u8]) -> Result<(), String>;

fn decoder(tree: TreeId) -> Option<Decoder> {
    Some(match tree {
        TreeId::Projects => decode_as::<Project>,
        TreeId::Suites => decode_as::<Suite>,
        TreeId::Cases => decode_as::<Case>,
        TreeId::Runs => decode_as::<Run>,
        TreeId::Tests => decode_as::<Test>,
        TreeId::Defects => decode_as::<Defect>,
        TreeId::Plans => decode_as::<TestPlan>,
        TreeId::Queries => decode_as::<SavedQuery>,
        TreeId::Drafts => decode_as::<Draft>,
        TreeId::FormDrafts => decode_as::<FormDraft>,
        TreeId::RunStats => decode_as::<RunStats>,
        TreeId::Schedules => decode_as::<crate::domain::schedule::Schedule>,
        TreeId::RunRows => decode_as::<RowChunk>,
        TreeId::Meta => return None,
    })
}

pub fn check(dir: &Path, trees: &[sled::Tree], expected_seq: u64) -> Result<(), StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        path: dir.to_path_buf(),
        detail,
    };
    let meta = &trees[TreeId::Meta as usize];
    let has_data = trees[1..].iter().any(|t| !t.is_empty());
    match schema::read(meta, dir, has_data)? {
        Found::Fresh => {
            return Err(corrupt(
                "the database reads as empty (sled could not recover its contents)".into(),
            ));
        }
        Found::Version(v) if v > SCHEMA_VERSION => {
            return Err(StoreError::Newer {
                path: dir.to_path_buf(),
                found: v,
                supported: SCHEMA_VERSION,
            });
        }
        Found::Version(_) => {}
    }
    let seq = schema::read_seq(meta);
    if seq < expected_seq {
        return Err(corrupt(format!(
            "the database is damaged: it holds {seq} of the {expected_seq} commits made to it"
        )));
    }
    for id in TreeId::ALL {
        let Some(check) = decoder(id) else { continue };
        for item in trees[id as usize].iter() {
            let (k, v) = item.map_err(|e| StoreError::from_sled(dir, e))?;
            check(&v).map_err(|e| corrupt(format!("record {}/{}: {e}", id.name(), keys::describe(&k))))?;
        }
    }
    Ok(())
}
