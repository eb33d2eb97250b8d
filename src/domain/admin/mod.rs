//! A project's administration as pure rules: environments, milestones,
//! configuration groups and their values, team members. Names are checked
//! here (not empty, at most [`MAX_NAME`] characters, unique within their
//! list whatever the case); removing what something uses is refused with
//! what uses it ([`usage`]). Runs, results and defects keep the names they
//! were written with, so nothing here rewrites them.

mod configs;
mod environments;
mod milestones;
mod pick;
mod team;
pub mod usage;

#[cfg(test)]
mod tests;

pub use configs::{
    add_config, move_config_group, move_config_value, remove_config_group, remove_config_value, rename_config_group,
    rename_config_value, set_config_group_retired, set_config_value_retired,
};
pub use environments::{
    add_environment, move_environment, remove_environment, rename_environment, set_environment_retired,
};
pub use milestones::{
    MilestoneEdit, add_milestone, edit_milestone, move_milestone, remove_milestone, set_milestone_completed,
};
pub use pick::{pick_configs, pick_environment, pick_milestone};
pub use team::{add_member, move_member, remove_member, set_display_name};
pub use usage::{Contents, Usage};

use super::DomainError;

/// The longest name (in characters) an environment, milestone,
/// configuration group or value, team member or project title may have.
pub const MAX_NAME: usize = 100;

/// `name` trimmed, or why it cannot be the name of a `kind`.
pub fn check_name(kind: &str, name: &str) -> Result<String, DomainError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(DomainError::Invalid(format!("{kind} name cannot be empty")));
    }
    let len = name.chars().count();
    if len > MAX_NAME {
        return Err(DomainError::Invalid(format!(
            "{kind} name too long: '{}…' has {len} characters, at most {MAX_NAME}",
            name.chars().take(20).collect::<String>()
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(DomainError::Invalid(format!(
            "{kind} name cannot hold control characters (tabs, newlines)"
        )));
    }
    Ok(name.to_string())
}

/// Whether two names are the same name: equal once trimmed, whatever the case.
pub fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The position of `name` among `names`, or an error naming the known ones.
fn position<'a>(kind: &str, name: &str, names: impl Iterator<Item = &'a str>) -> Result<usize, DomainError> {
    let names: Vec<&str> = names.collect();
    names.iter().position(|n| same(n, name)).ok_or_else(|| {
        let known = if names.is_empty() {
            "there are none yet".to_string()
        } else {
            format!("known: {}", names.join(", "))
        };
        DomainError::Invalid(format!("unknown {kind} '{}'; {known}", name.trim()))
    })
}

/// Refuses `name` when another entry than `except` already has it.
fn unique<'a>(
    kind: &str,
    name: &str,
    names: impl Iterator<Item = &'a str>,
    except: Option<usize>,
) -> Result<(), DomainError> {
    for (i, n) in names.enumerate() {
        if Some(i) != except && same(n, name) {
            return Err(DomainError::Invalid(format!("{kind} '{n}' already exists")));
        }
    }
    Ok(())
}

/// Moves entry `from` of `list` to the 1-based position `to`.
fn move_to<T>(kind: &str, list: &mut Vec<T>, from: usize, to: usize) -> Result<(), DomainError> {
    if to == 0 || to > list.len() {
        return Err(DomainError::Invalid(format!(
            "position {to} is out of range for the {kind}s: choose 1 to {}",
            list.len()
        )));
    }
    let item = list.remove(from);
    list.insert(to - 1, item);
    Ok(())
}
