//! Environments: add, rename, retire or restore, reorder, remove.

use super::{Usage, check_name, move_to, position, unique};
use crate::domain::{DomainError, Environment, Project};

const KIND: &str = "environment";

fn find(p: &Project, name: &str) -> Result<usize, DomainError> {
    position(KIND, name, p.environments.iter().map(|e| e.name.as_str()))
}

pub fn add_environment(p: &mut Project, name: &str, description: &str) -> Result<(), DomainError> {
    let name = check_name(KIND, name)?;
    unique(KIND, &name, p.environments.iter().map(|e| e.name.as_str()), None)?;
    p.environments.push(Environment {
        name,
        description: description.trim().to_string(),
        retired: false,
    });
    Ok(())
}

/// Renames an environment; runs made with it keep the old name.
pub fn rename_environment(p: &mut Project, old: &str, new: &str) -> Result<(), DomainError> {
    let i = find(p, old)?;
    let new = check_name(KIND, new)?;
    unique(KIND, &new, p.environments.iter().map(|e| e.name.as_str()), Some(i))?;
    p.environments[i].name = new;
    Ok(())
}

/// Retires (hides from new runs) or restores an environment.
pub fn set_environment_retired(p: &mut Project, name: &str, retired: bool) -> Result<(), DomainError> {
    let i = find(p, name)?;
    p.environments[i].retired = retired;
    Ok(())
}

/// Removes an environment nothing uses; `usage` says what uses it.
pub fn remove_environment(p: &mut Project, name: &str, usage: &Usage) -> Result<(), DomainError> {
    let i = find(p, name)?;
    usage.refuse(&format!("{KIND} '{}'", p.environments[i].name), "retire it instead")?;
    p.environments.remove(i);
    Ok(())
}

/// Moves an environment to the 1-based position `to`.
pub fn move_environment(p: &mut Project, name: &str, to: usize) -> Result<(), DomainError> {
    let i = find(p, name)?;
    move_to(KIND, &mut p.environments, i, to)
}
