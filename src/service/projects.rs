//! Projects: list, create, resolve which one a command means.

use super::{Engine, ServiceError};
use crate::domain::admin::Contents;
use crate::domain::{Project, ProjectCode, ProjectSummary, RunState};
use crate::store::{Batch, TreeId, keys};

const LAST_PROJECT: &[u8] = b"last_project";

impl Engine {
    pub fn projects(&self) -> Result<Vec<Project>, ServiceError> {
        Ok(self.store.scan::<Project>(b"")?)
    }

    pub fn project(&self, code: &ProjectCode) -> Result<Project, ServiceError> {
        self.load_project(code)
    }

    pub fn project_summaries(&self) -> Result<Vec<ProjectSummary>, ServiceError> {
        self.projects()?
            .into_iter()
            .map(|project| {
                let prefix = keys::prefix(&project.code);
                let runs = self.store.scan::<crate::domain::Run>(&prefix)?;
                Ok(ProjectSummary {
                    cases: self.store.count(TreeId::Cases, &prefix),
                    active_runs: runs.iter().filter(|r| r.state == RunState::Active).count(),
                    runs: runs.len(),
                    defects: self.store.count(TreeId::Defects, &prefix),
                    project,
                })
            })
            .collect()
    }

    pub fn create_project(&self, code: &str, title: &str) -> Result<Project, ServiceError> {
        let code = ProjectCode::parse(code)?;
        if self.store.get::<Project>(&keys::project(&code))?.is_some() {
            return Err(ServiceError::Invalid(format!("project {code} already exists")));
        }
        let title = title.trim();
        if title.is_empty() {
            return Err(ServiceError::Invalid("a project needs a title".into()));
        }
        let mut project = Project::new(code, title, self.now());
        project.note_user(&self.user);
        let mut batch = Batch::new();
        batch.put(keys::project(&project.code), &project);
        self.store.commit(batch)?;
        Ok(project)
    }

    /// The project a command means: the one named, else the store's only
    /// project, else the last one used.
    pub fn resolve_project(&self, named: Option<&str>) -> Result<ProjectCode, ServiceError> {
        if let Some(name) = named {
            let code = ProjectCode::parse(name)?;
            self.load_project(&code)?;
            return Ok(code);
        }
        let projects = self.projects()?;
        match projects.as_slice() {
            [] => Err(ServiceError::NotFound(
                "the store holds no project yet: create one with `stepwise project new CODE --title T`, or try `stepwise demo`".into(),
            )),
            [only] => Ok(only.code.clone()),
            many => {
                let last = self
                    .store
                    .meta(LAST_PROJECT)
                    .and_then(|b| String::from_utf8(b).ok())
                    .and_then(|s| ProjectCode::parse(&s).ok())
                    .filter(|c| many.iter().any(|p| &p.code == c));
                last.ok_or_else(|| {
                    let codes: Vec<&str> = many.iter().map(|p| p.code.as_str()).collect();
                    ServiceError::Invalid(format!(
                        "the store holds several projects ({}); choose one with --project CODE",
                        codes.join(", ")
                    ))
                })
            }
        }
    }

    /// Gives a project a new title (its code stays: every id carries it).
    pub fn rename_project(&self, code: &ProjectCode, title: &str) -> Result<Project, ServiceError> {
        let mut project = self.load_project(code)?;
        project.title = crate::domain::admin::check_name("project title", title)?;
        let mut batch = Batch::new();
        batch.put(keys::project(code), &project);
        self.store.commit(batch)?;
        Ok(project)
    }

    /// What a project holds, for the confirmation before deleting it.
    pub fn project_contents(&self, code: &ProjectCode) -> Result<Contents, ServiceError> {
        self.load_project(code)?;
        let prefix = keys::prefix(code);
        let runs = self.store.scan::<crate::domain::Run>(&prefix)?;
        let mut tested = 0;
        for stats in self.store.scan::<crate::domain::RunStats>(&prefix)? {
            tested += stats.by_status.values().map(|n| *n as usize).sum::<usize>();
        }
        Ok(Contents {
            suites: self.store.count(TreeId::Suites, &prefix),
            cases: self.store.count(TreeId::Cases, &prefix),
            active_runs: runs.iter().filter(|r| r.state == RunState::Active).count(),
            runs: runs.len(),
            tested,
            defects: self.store.count(TreeId::Defects, &prefix),
            plans: self.store.count(TreeId::Plans, &prefix),
            queries: self.store.count(TreeId::Queries, &prefix),
            schedules: self.store.count(TreeId::Schedules, &prefix),
        })
    }

    /// Deletes a project and everything it holds, in one transaction, and
    /// says what that was. Attached files stay in the store's attachments
    /// directory.
    pub fn delete_project(&self, code: &ProjectCode) -> Result<Contents, ServiceError> {
        let contents = self.project_contents(code)?;
        let prefix = keys::prefix(code);
        let mut batch = Batch::new();
        for tree in TreeId::ALL {
            if matches!(tree, TreeId::Meta | TreeId::Projects) {
                continue;
            }
            for key in self.store.keys(tree, &prefix)? {
                batch.remove(tree, key);
            }
        }
        batch.remove(TreeId::Projects, keys::project(code));
        if self.store.meta(LAST_PROJECT).as_deref() == Some(code.as_str().as_bytes()) {
            batch.remove(TreeId::Meta, LAST_PROJECT.to_vec());
        }
        self.store.commit(batch)?;
        Ok(contents)
    }

    /// Remembers the project last worked on.
    pub fn set_last_project(&self, code: &ProjectCode) -> Result<(), ServiceError> {
        if self.store.meta(LAST_PROJECT).as_deref() == Some(code.as_str().as_bytes()) {
            return Ok(());
        }
        let mut batch = Batch::new();
        batch.put_raw(TreeId::Meta, LAST_PROJECT.to_vec(), code.as_str().as_bytes().to_vec());
        Ok(self.store.commit(batch)?)
    }
}
