//! What an import works on: the project (or the one it creates), its suites
//! by path and its cases, loaded once; changes gather in one batch.

use super::import::{ImportReport, Tally};
use super::{Engine, ServiceError};
use crate::domain::{Case, Project, ProjectCode, Run, RunState, Suite, Test, Time};
use crate::store::{Batch, keys};
use std::collections::{BTreeMap, HashMap};

pub(super) struct Workspace {
    pub code: ProjectCode,
    pub project: Project,
    pub project_dirty: bool,
    pub paths: HashMap<Vec<String>, u64>,
    pub suites: HashMap<u64, Suite>,
    pub cases: Vec<Case>,
    /// Case number -> index in `cases`.
    pub by_no: HashMap<u64, usize>,
    /// Cases changed by this import (created or updated), by number.
    pub dirty_cases: BTreeMap<u64, ()>,
    /// Cases updated (not created): their untested tests follow them.
    pub updated: Vec<u64>,
    pub dirty_suites: BTreeMap<u64, ()>,
    pub tests: BTreeMap<(u64, u32), Test>,
    pub runs: BTreeMap<u64, Run>,
    pub now: Time,
}

impl Workspace {
    /// Loads the project, or starts a new one when `code` does not exist.
    pub fn load(svc: &Engine, code: &ProjectCode, report: &mut ImportReport) -> Result<Self, ServiceError> {
        let now = svc.now();
        let (project, created) = match svc.store.get::<Project>(&keys::project(code))? {
            Some(p) => (p, false),
            None => (Project::new(code.clone(), code.as_str(), now), true),
        };
        report.project_created = created;
        let suites: Vec<Suite> = if created { Vec::new() } else { svc.suites(code)? };
        let cases = if created { Vec::new() } else { svc.cases(code)? };
        let mut w = Workspace {
            code: code.clone(),
            project,
            project_dirty: created,
            paths: HashMap::new(),
            suites: suites.iter().map(|s| (s.id, s.clone())).collect(),
            by_no: cases.iter().enumerate().map(|(i, c)| (c.no, i)).collect(),
            cases,
            dirty_cases: BTreeMap::new(),
            updated: Vec::new(),
            dirty_suites: BTreeMap::new(),
            tests: BTreeMap::new(),
            runs: BTreeMap::new(),
            now,
        };
        for s in &suites {
            let path = w.path_of(s.id);
            w.paths.entry(path).or_insert(s.id);
        }
        Ok(w)
    }

    /// A suite's path of names (bounded: damaged parent links cannot hang;
    /// an import nests suites at most `MAX_NESTING` deep, a classname below).
    fn path_of(&self, mut id: u64) -> Vec<String> {
        let mut path = Vec::new();
        for _ in 0..=crate::interop::import::MAX_NESTING + 1 {
            let Some(s) = self.suites.get(&id) else { break };
            path.push(s.name.clone());
            match s.parent {
                Some(p) => id = p,
                None => break,
            }
        }
        path.reverse();
        path
    }

    /// The suite at `path`, created (with its parents) when missing; its
    /// description updated when the file gives a different one.
    pub fn ensure_suite(
        &mut self,
        path: &[String],
        description: &str,
        tally: &mut Tally,
        changes: &mut Vec<String>,
    ) -> Option<u64> {
        // Most testcases go to a suite already there: one look-up, not one
        // per level (deep files stay linear).
        if description.is_empty()
            && let Some(id) = self.paths.get(path).copied()
        {
            if !self.dirty_suites.contains_key(&id) {
                tally.unchanged += 1;
            }
            return Some(id);
        }
        let mut parent = None;
        for depth in 1..=path.len() {
            let prefix = &path[..depth];
            let last = depth == path.len();
            if let Some(id) = self.paths.get(prefix).copied() {
                if last && !description.is_empty() && self.suites.get(&id).is_some_and(|s| s.description != description)
                {
                    if let Some(s) = self.suites.get_mut(&id) {
                        s.description = description.to_string();
                    }
                    self.dirty_suites.insert(id, ());
                    tally.updated += 1;
                    changes.push(format!("update suite {}", prefix.join(" / ")));
                } else if last && !self.dirty_suites.contains_key(&id) {
                    tally.unchanged += 1;
                }
                parent = Some(id);
                continue;
            }
            let id = self.project.next_suite();
            self.project_dirty = true;
            let suite = Suite {
                id,
                parent,
                name: prefix[depth - 1].clone(),
                description: if last { description.to_string() } else { String::new() },
            };
            self.suites.insert(id, suite);
            self.paths.insert(prefix.to_vec(), id);
            self.dirty_suites.insert(id, ());
            tally.created += 1;
            changes.push(format!("create suite {}", prefix.join(" / ")));
            parent = Some(id);
        }
        parent
    }

    /// Adds a new case (numbered here) and returns its number.
    pub fn create_case(&mut self, mut case: Case) -> u64 {
        case.no = self.project.next_case();
        self.project_dirty = true;
        case.version = 1;
        case.created = self.now;
        case.updated = self.now;
        let no = case.no;
        self.by_no.insert(no, self.cases.len());
        self.cases.push(case);
        self.dirty_cases.insert(no, ());
        no
    }

    /// Replaces case `no` with `case` when it differs: a new version.
    /// Returns whether it changed.
    pub fn update_case(&mut self, no: u64, mut case: Case) -> bool {
        let Some(&i) = self.by_no.get(&no) else { return false };
        let old = &self.cases[i];
        case.no = old.no;
        case.version = old.version;
        case.created = old.created;
        case.updated = old.updated;
        if case == *old {
            return false;
        }
        case.touch(self.now);
        self.cases[i] = case;
        self.dirty_cases.insert(no, ());
        if !self.updated.contains(&no) {
            self.updated.push(no);
        }
        true
    }

    pub fn case(&self, no: u64) -> Option<&Case> {
        self.by_no.get(&no).map(|&i| &self.cases[i])
    }

    /// Untested tests of active runs follow the updated cases; tested ones
    /// keep their snapshot. Returns how many followed.
    pub fn sync_tests(&mut self, svc: &Engine) -> Result<usize, ServiceError> {
        if self.updated.is_empty() {
            return Ok(0);
        }
        let mut synced = 0;
        for run in svc.store.scan::<Run>(&keys::prefix(&self.code))? {
            if run.state != RunState::Active {
                continue;
            }
            for mut t in svc.tests(&self.code, run.no)? {
                let key = (t.run, t.id);
                if let Some(dirty) = self.tests.get(&key) {
                    t = dirty.clone();
                }
                let Some(case) = self.case(t.case_no).cloned() else {
                    continue;
                };
                if self.updated.contains(&t.case_no) && t.sync_case(&case) {
                    synced += 1;
                    self.tests.insert(key, t);
                }
            }
        }
        Ok(synced)
    }

    /// Every change in one batch (empty when nothing changed).
    pub fn into_batch(self, svc: &Engine) -> Batch {
        let mut batch = Batch::new();
        let mut project = self.project;
        if self.project_dirty {
            project.note_user(svc.user());
            batch.put(keys::project(&self.code), &project);
        }
        for id in self.dirty_suites.keys() {
            if let Some(s) = self.suites.get(id) {
                batch.put(keys::numbered(&self.code, *id), s);
            }
        }
        for no in self.dirty_cases.keys() {
            if let Some(&i) = self.by_no.get(no) {
                batch.put(keys::numbered(&self.code, *no), &self.cases[i]);
            }
        }
        for run in self.runs.values() {
            batch.put(keys::numbered(&self.code, run.no), run);
        }
        for ((run, id), t) in &self.tests {
            batch.put(keys::test(&self.code, *run, *id), t);
        }
        batch
    }
}
