//! Which domain types are stored, and in which tree. All at version 1.

use super::{Record, TreeId};
use crate::domain::{Case, Defect, Draft, Project, Run, SavedQuery, Suite, Test, TestPlan};

impl Record for Project {
    const TREE: TreeId = TreeId::Projects;
}
impl Record for Suite {
    const TREE: TreeId = TreeId::Suites;
}
impl Record for Case {
    const TREE: TreeId = TreeId::Cases;
}
impl Record for Run {
    const TREE: TreeId = TreeId::Runs;
}
impl Record for Test {
    const TREE: TreeId = TreeId::Tests;
}
impl Record for Defect {
    const TREE: TreeId = TreeId::Defects;
}
impl Record for TestPlan {
    const TREE: TreeId = TreeId::Plans;
}
impl Record for Draft {
    const TREE: TreeId = TreeId::Drafts;
}
impl Record for SavedQuery {
    const TREE: TreeId = TreeId::Queries;
}
