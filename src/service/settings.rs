//! Project settings: show and change.

use super::{Engine, ServiceError};
use crate::domain::{ProjectCode, Settings};
use crate::store::{Batch, keys};

impl Engine {
    pub fn settings(&self, code: &ProjectCode) -> Result<Settings, ServiceError> {
        Ok(self.load_project(code)?.settings)
    }

    /// Applies every `name=value` change, or none if any is refused.
    pub fn set_settings(&self, code: &ProjectCode, changes: &[(String, String)]) -> Result<Settings, ServiceError> {
        let mut project = self.load_project(code)?;
        for (name, value) in changes {
            project.settings.set(name, value)?;
        }
        project.note_user(&self.user);
        let mut batch = Batch::new();
        batch.put(keys::project(code), &project);
        self.store.commit(batch)?;
        Ok(project.settings)
    }
}
