//! Which domain types are stored, in which tree, at which record version,
//! and how older versions are read (see `v1`).

use super::codec::decode_body;
use super::{Record, TreeId, v1, v2, v3};
use crate::domain::{
    Case, Defect, Draft, FormDraft, Project, RowChunk, Run, RunStats, SavedQuery, Suite, Test, TestPlan,
};

impl Record for Project {
    const TREE: TreeId = TreeId::Projects;
    const VERSION: u8 = 4;

    fn upgrade(version: u8, body: &[u8]) -> Result<Self, String> {
        match version {
            1 => decode_body::<v1::ProjectV1>(body).map(Project::from),
            2 => decode_body::<v2::ProjectV2>(body).map(Project::from),
            3 => decode_body::<v3::ProjectV3>(body).map(Project::from),
            v => Err(format!("no upgrade from project record version {v}")),
        }
    }
}
impl Record for Suite {
    const TREE: TreeId = TreeId::Suites;
}
impl Record for Case {
    const TREE: TreeId = TreeId::Cases;
    const VERSION: u8 = 2;

    fn upgrade(version: u8, body: &[u8]) -> Result<Self, String> {
        match version {
            1 => decode_body::<v1::CaseV1>(body).map(Case::from),
            v => Err(format!("no upgrade from case record version {v}")),
        }
    }
}
impl Record for Run {
    const TREE: TreeId = TreeId::Runs;
    const VERSION: u8 = 2;

    fn upgrade(version: u8, body: &[u8]) -> Result<Self, String> {
        match version {
            1 => decode_body::<v1::RunV1>(body).map(Run::from),
            v => Err(format!("no upgrade from run record version {v}")),
        }
    }
}
impl Record for Test {
    const TREE: TreeId = TreeId::Tests;
    const VERSION: u8 = 2;

    fn upgrade(version: u8, body: &[u8]) -> Result<Self, String> {
        match version {
            1 => decode_body::<v1::TestV1>(body).map(Test::from),
            v => Err(format!("no upgrade from test record version {v}")),
        }
    }
}
impl Record for Defect {
    const TREE: TreeId = TreeId::Defects;
    const VERSION: u8 = 3;

    fn upgrade(version: u8, body: &[u8]) -> Result<Self, String> {
        match version {
            1 => decode_body::<v1::DefectV1>(body).map(Defect::from),
            2 => decode_body::<v3::DefectV2>(body).map(Defect::from),
            v => Err(format!("no upgrade from defect record version {v}")),
        }
    }
}
impl Record for TestPlan {
    const TREE: TreeId = TreeId::Plans;
}
impl Record for Draft {
    const TREE: TreeId = TreeId::Drafts;
}
impl Record for FormDraft {
    const TREE: TreeId = TreeId::FormDrafts;
}
impl Record for SavedQuery {
    const TREE: TreeId = TreeId::Queries;
}
impl Record for RunStats {
    const TREE: TreeId = TreeId::RunStats;
}
impl Record for crate::domain::schedule::Schedule {
    const TREE: TreeId = TreeId::Schedules;
}
impl Record for RowChunk {
    const TREE: TreeId = TreeId::RunRows;
}
