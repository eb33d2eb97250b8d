//! The suite tree: create, rename, move (never into itself) and delete a
//! suite with everything it holds. Each operation is one commit.

use super::{Engine, ServiceError};
use crate::domain::{Case, ProjectCode, Suite, SuiteNames};
use crate::store::{Batch, TreeId, keys};
use std::collections::HashSet;

/// What a suite holds: its sub-suites (at any depth) and every case in it
/// or in them. What deleting it removes.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SuiteContents {
    pub suite: Option<Suite>,
    pub sub_suites: Vec<Suite>,
    /// Case numbers, in case order.
    pub cases: Vec<u64>,
}

/// `id` and the ids of every suite below it.
pub fn subtree(suites: &[Suite], id: u64) -> HashSet<u64> {
    let mut within = HashSet::from([id]);
    // Grows one level per pass; bounded so damaged data cannot hang.
    for _ in 0..suites.len() {
        let before = within.len();
        for s in suites {
            if s.parent.is_some_and(|p| within.contains(&p)) {
                within.insert(s.id);
            }
        }
        if within.len() == before {
            break;
        }
    }
    within
}

fn check_name(name: &str) -> Result<String, ServiceError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ServiceError::Invalid("a suite needs a name".into()));
    }
    if name.contains(" / ") || name.contains('\n') {
        return Err(ServiceError::Invalid(format!(
            "suite name '{name}' cannot contain ' / ' (it separates suites in a path) or a line break"
        )));
    }
    Ok(name.to_string())
}

/// Refuses a name a sibling already has (paths must stay unambiguous).
fn check_unique(suites: &[Suite], parent: Option<u64>, name: &str, except: Option<u64>) -> Result<(), ServiceError> {
    let taken = suites
        .iter()
        .any(|s| s.parent == parent && Some(s.id) != except && s.name.eq_ignore_ascii_case(name));
    if taken {
        let names = SuiteNames::new(suites);
        let place = match parent {
            Some(p) => format!("in '{}'", names.get(Some(p))),
            None => "at the top level".into(),
        };
        return Err(ServiceError::Invalid(format!(
            "a suite named '{name}' already exists {place}"
        )));
    }
    Ok(())
}

impl Engine {
    pub fn suite(&self, code: &ProjectCode, id: u64) -> Result<Suite, ServiceError> {
        self.store
            .get::<Suite>(&keys::numbered(code, id))?
            .ok_or_else(|| ServiceError::NotFound(format!("suite {id} does not exist in project {code}")))
    }

    fn check_parent(&self, code: &ProjectCode, parent: Option<u64>) -> Result<(), ServiceError> {
        if let Some(p) = parent {
            self.suite(code, p)?;
        }
        Ok(())
    }

    /// A new suite under `parent` (None: at the top level).
    pub fn create_suite(
        &self,
        code: &ProjectCode,
        name: &str,
        parent: Option<u64>,
        description: &str,
    ) -> Result<Suite, ServiceError> {
        let mut project = self.load_project(code)?;
        let name = check_name(name)?;
        self.check_parent(code, parent)?;
        check_unique(&self.suites(code)?, parent, &name, None)?;
        let suite = Suite {
            id: project.next_suite(),
            parent,
            name,
            description: description.trim().to_string(),
        };
        let mut batch = Batch::new();
        project.note_user(&self.user);
        batch.put(keys::project(code), &project);
        batch.put(keys::numbered(code, suite.id), &suite);
        self.store.commit(batch)?;
        Ok(suite)
    }

    pub fn rename_suite(&self, code: &ProjectCode, id: u64, name: &str) -> Result<Suite, ServiceError> {
        let mut suite = self.suite(code, id)?;
        let name = check_name(name)?;
        check_unique(&self.suites(code)?, suite.parent, &name, Some(id))?;
        suite.name = name;
        let mut batch = Batch::new();
        batch.put(keys::numbered(code, id), &suite);
        self.store.commit(batch)?;
        Ok(suite)
    }

    /// Moves a suite (with everything below it) under `parent`; refuses to
    /// move it into itself or one of its sub-suites.
    pub fn move_suite(&self, code: &ProjectCode, id: u64, parent: Option<u64>) -> Result<Suite, ServiceError> {
        let mut suite = self.suite(code, id)?;
        self.check_parent(code, parent)?;
        let suites = self.suites(code)?;
        if let Some(p) = parent
            && subtree(&suites, id).contains(&p)
        {
            let names = SuiteNames::new(&suites);
            return Err(ServiceError::Invalid(format!(
                "cannot move '{}' into '{}': a suite cannot go inside itself",
                names.get(Some(id)),
                names.get(Some(p))
            )));
        }
        check_unique(&suites, parent, &suite.name, Some(id))?;
        suite.parent = parent;
        let mut batch = Batch::new();
        batch.put(keys::numbered(code, id), &suite);
        self.store.commit(batch)?;
        Ok(suite)
    }

    /// What deleting suite `id` would remove.
    pub fn suite_contents(&self, code: &ProjectCode, id: u64) -> Result<SuiteContents, ServiceError> {
        let suite = self.suite(code, id)?;
        let suites = self.suites(code)?;
        let within = subtree(&suites, id);
        let cases = self
            .cases(code)?
            .iter()
            .filter(|c| c.suite.is_some_and(|s| within.contains(&s)))
            .map(|c| c.no)
            .collect();
        let sub_suites = suites
            .into_iter()
            .filter(|s| s.id != id && within.contains(&s.id))
            .collect();
        Ok(SuiteContents {
            suite: Some(suite),
            sub_suites,
            cases,
        })
    }

    /// Deletes a suite, its sub-suites and their cases, in one commit.
    /// Tests in runs keep their snapshots of the deleted cases.
    pub fn delete_suite(&self, code: &ProjectCode, id: u64) -> Result<SuiteContents, ServiceError> {
        let contents = self.suite_contents(code, id)?;
        let mut batch = Batch::new();
        batch.remove(TreeId::Suites, keys::numbered(code, id));
        for s in &contents.sub_suites {
            batch.remove(TreeId::Suites, keys::numbered(code, s.id));
        }
        for no in &contents.cases {
            batch.remove(TreeId::Cases, keys::numbered(code, *no));
        }
        self.store.commit(batch)?;
        Ok(contents)
    }

    /// Counts of cases per suite, each including its sub-suites.
    pub fn suite_case_counts(suites: &[Suite], cases: &[Case]) -> std::collections::HashMap<u64, usize> {
        let parent: std::collections::HashMap<u64, Option<u64>> = suites.iter().map(|s| (s.id, s.parent)).collect();
        let mut counts = std::collections::HashMap::new();
        for c in cases {
            let mut at = c.suite;
            // Bounded walk up the tree: a cycle in damaged data cannot hang.
            for _ in 0..=suites.len() {
                let Some(id) = at else { break };
                *counts.entry(id).or_insert(0) += 1;
                at = parent.get(&id).copied().flatten();
            }
        }
        counts
    }
}
