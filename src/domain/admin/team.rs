//! Team members: users (as they act, e.g. `ann`) with an optional display
//! name. Users seen acting join by themselves (`Project::note_user`).

use super::{Usage, check_name, move_to, position, unique};
use crate::domain::{DomainError, Project, TeamName};

const KIND: &str = "team member";

fn find(p: &Project, user: &str) -> Result<usize, DomainError> {
    position(KIND, user, p.team.iter().map(String::as_str))
}

/// Adds a user, with a display name when given.
pub fn add_member(p: &mut Project, user: &str, name: Option<&str>) -> Result<(), DomainError> {
    let user = check_name("user", user)?;
    if user.chars().any(char::is_whitespace) {
        return Err(DomainError::Invalid(format!(
            "a user name is one word, as the user logs in (got '{user}'); give the full name with --name"
        )));
    }
    unique(KIND, &user, p.team.iter().map(String::as_str), None)?;
    let name = name.map(|n| check_name("display", n)).transpose()?;
    p.team.push(user.clone());
    if let Some(name) = name {
        p.team_names.push(TeamName { user, name });
    }
    Ok(())
}

/// Sets (or with `None` clears) a member's display name.
pub fn set_display_name(p: &mut Project, user: &str, name: Option<&str>) -> Result<(), DomainError> {
    let i = find(p, user)?;
    let user = p.team[i].clone();
    let name = name.map(|n| check_name("display", n)).transpose()?;
    p.team_names.retain(|t| t.user != user);
    if let Some(name) = name {
        p.team_names.push(TeamName { user, name });
    }
    Ok(())
}

/// Removes a member nothing is assigned to; `usage` says what is. Results
/// and history keep the user's name.
pub fn remove_member(p: &mut Project, user: &str, usage: &Usage) -> Result<(), DomainError> {
    let i = find(p, user)?;
    let user = p.team[i].clone();
    usage.refuse(&format!("user '{user}'"), "reassign them first")?;
    p.team.remove(i);
    p.team_names.retain(|t| t.user != user);
    Ok(())
}

pub fn move_member(p: &mut Project, user: &str, to: usize) -> Result<(), DomainError> {
    let i = find(p, user)?;
    move_to(KIND, &mut p.team, i, to)
}
