//! Milestones: add, edit (title, due date, description), close or reopen,
//! reorder, remove.

use super::{Usage, check_name, move_to, position, unique};
use crate::domain::{DomainError, Milestone, Project};

const KIND: &str = "milestone";

/// What an edit changes; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MilestoneEdit {
    pub title: Option<String>,
    /// `Some(None)` clears the due date.
    pub due: Option<Option<String>>,
    pub description: Option<String>,
}

fn find(p: &Project, name: &str) -> Result<usize, DomainError> {
    position(KIND, name, p.milestones.iter().map(|m| m.name.as_str()))
}

/// A due date as `YYYY-MM-DD`, checked.
fn check_due(due: &str) -> Result<String, DomainError> {
    let due = due.trim();
    chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            DomainError::Invalid(format!(
                "invalid due date '{due}': expected YYYY-MM-DD, e.g. 2026-12-15"
            ))
        })
}

pub fn add_milestone(p: &mut Project, title: &str, due: Option<&str>, description: &str) -> Result<(), DomainError> {
    let name = check_name(KIND, title)?;
    unique(KIND, &name, p.milestones.iter().map(|m| m.name.as_str()), None)?;
    let due = due.map(check_due).transpose()?;
    p.milestones.push(Milestone {
        name,
        description: description.trim().to_string(),
        due,
        completed: false,
    });
    Ok(())
}

/// Changes a milestone's title, due date or description; runs and defects
/// keep the title they were made with.
pub fn edit_milestone(p: &mut Project, name: &str, edit: MilestoneEdit) -> Result<(), DomainError> {
    let i = find(p, name)?;
    if edit == MilestoneEdit::default() {
        return Err(DomainError::Invalid(
            "nothing to change: give a new title, a due date or a description".into(),
        ));
    }
    let title = match &edit.title {
        Some(t) => {
            let t = check_name(KIND, t)?;
            unique(KIND, &t, p.milestones.iter().map(|m| m.name.as_str()), Some(i))?;
            Some(t)
        }
        None => None,
    };
    let due = match &edit.due {
        Some(Some(d)) => Some(Some(check_due(d)?)),
        Some(None) => Some(None),
        None => None,
    };
    let m = &mut p.milestones[i];
    if let Some(t) = title {
        m.name = t;
    }
    if let Some(d) = due {
        m.due = d;
    }
    if let Some(d) = edit.description {
        m.description = d.trim().to_string();
    }
    Ok(())
}

/// Closes (completes) or reopens a milestone. A completed one is hidden
/// from new runs and pickers and kept in history.
pub fn set_milestone_completed(p: &mut Project, name: &str, completed: bool) -> Result<(), DomainError> {
    let i = find(p, name)?;
    p.milestones[i].completed = completed;
    Ok(())
}

/// Removes a milestone nothing uses; `usage` says what uses it.
pub fn remove_milestone(p: &mut Project, name: &str, usage: &Usage) -> Result<(), DomainError> {
    let i = find(p, name)?;
    usage.refuse(&format!("{KIND} '{}'", p.milestones[i].name), "close it instead")?;
    p.milestones.remove(i);
    Ok(())
}

pub fn move_milestone(p: &mut Project, name: &str, to: usize) -> Result<(), DomainError> {
    let i = find(p, name)?;
    move_to(KIND, &mut p.milestones, i, to)
}
