//! Custom result statuses: added per project, hidden but never deleted
//! (old results keep them).

use super::{Engine, ServiceError};
use crate::domain::{CustomStatus, Polarity, ProjectCode};
use crate::store::{Batch, keys};

/// The colours a status may take: the 16-colour palette's names.
pub const COLOURS: [&str; 8] = ["green", "red", "yellow", "blue", "magenta", "cyan", "gray", "white"];

/// A new custom status.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct NewStatus {
    pub name: String,
    pub key: char,
    pub colour: String,
    pub polarity: Polarity,
}

impl Engine {
    pub fn add_custom_status(&self, code: &ProjectCode, new: NewStatus) -> Result<CustomStatus, ServiceError> {
        let mut project = self.load_project(code)?;
        let name = new.name.trim();
        let slug: String = name
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect::<String>()
            .split('_')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        if slug.is_empty() {
            return Err(ServiceError::Invalid(
                "a status needs a name with letters or digits".into(),
            ));
        }
        let catalog = project.catalog();
        let taken = crate::domain::status::BUILTIN
            .iter()
            .copied()
            .chain(
                project
                    .custom_statuses
                    .iter()
                    .map(|c| crate::domain::ResultStatus::Custom(c.id)),
            )
            .any(|s| catalog.slug(s) == slug);
        if taken || ["untested", "retest"].contains(&slug.as_str()) {
            return Err(ServiceError::Invalid(format!("a status named '{slug}' already exists")));
        }
        if let Some(other) = project.custom_statuses.iter().find(|c| c.key == new.key && !c.hidden) {
            return Err(ServiceError::Invalid(format!(
                "key '{}' is already the key of status {}",
                new.key, other.name
            )));
        }
        if !COLOURS.contains(&new.colour.as_str()) {
            return Err(ServiceError::Invalid(format!(
                "unknown colour '{}'; choose one of: {}",
                new.colour,
                COLOURS.join(", ")
            )));
        }
        let id = project.custom_statuses.iter().map(|c| c.id).max().unwrap_or(0) + 1;
        let status = CustomStatus {
            id,
            name: name.to_string(),
            slug,
            key: new.key,
            colour: new.colour,
            polarity: new.polarity,
            hidden: false,
        };
        project.custom_statuses.push(status.clone());
        let mut batch = Batch::new();
        batch.put(keys::project(code), &project);
        self.store.commit(batch)?;
        Ok(status)
    }

    /// Hides (or shows again) a custom status by name or slug.
    pub fn set_status_hidden(
        &self,
        code: &ProjectCode,
        name: &str,
        hidden: bool,
    ) -> Result<CustomStatus, ServiceError> {
        let mut project = self.load_project(code)?;
        let want = name.trim().to_ascii_lowercase();
        let Some(s) = project
            .custom_statuses
            .iter_mut()
            .find(|c| c.slug == want || c.name.to_ascii_lowercase() == want)
        else {
            return Err(ServiceError::NotFound(format!("no custom status named '{name}'")));
        };
        s.hidden = hidden;
        let out = s.clone();
        let mut batch = Batch::new();
        batch.put(keys::project(code), &project);
        self.store.commit(batch)?;
        Ok(out)
    }
}
