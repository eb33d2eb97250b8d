//! Projects: list, create, resolve which one a command means.

use super::{Service, ServiceError};
use crate::domain::{Project, ProjectCode, ProjectSummary, RunState};
use crate::store::{Batch, TreeId, keys};

const LAST_PROJECT: &[u8] = b"last_project";

impl Service {
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
            return Err(ServiceError::Invalid("a project needs a title (--title)".into()));
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
