//! Configuration groups and their values (Browser: Chrome, Firefox): add,
//! rename, retire or restore, reorder, remove. A new run gets the
//! cross-product of the values it picks; runs keep the names they were
//! made with.

use super::{Usage, check_name, move_to, position, unique};
use crate::domain::{ConfigGroup, DomainError, Project};

const GROUP: &str = "configuration group";

fn find(p: &Project, group: &str) -> Result<usize, DomainError> {
    position(GROUP, group, p.config_groups.iter().map(|g| g.name.as_str()))
}

fn value_kind(g: &ConfigGroup) -> String {
    format!("{} value", g.name)
}

fn find_value(g: &ConfigGroup, value: &str) -> Result<usize, DomainError> {
    position(&value_kind(g), value, g.values.iter().map(String::as_str))
}

/// Adds `values` to `group`, creating the group when it does not exist.
/// An existing group needs at least one new value.
pub fn add_config(p: &mut Project, group: &str, values: &[String]) -> Result<(), DomainError> {
    let existing = p.config_groups.iter().position(|g| super::same(&g.name, group));
    let i = match existing {
        Some(i) if values.is_empty() => {
            return Err(DomainError::Invalid(format!(
                "{GROUP} '{}' already exists; name values to add to it",
                p.config_groups[i].name
            )));
        }
        Some(i) => i,
        None => {
            let name = check_name(GROUP, group)?;
            p.config_groups.push(ConfigGroup {
                name,
                values: Vec::new(),
                retired: false,
                retired_values: Vec::new(),
            });
            p.config_groups.len() - 1
        }
    };
    let g = &mut p.config_groups[i];
    let kind = value_kind(g);
    for v in values {
        let v = check_name(&kind, v)?;
        unique(&kind, &v, g.values.iter().map(String::as_str), None)?;
        g.values.push(v);
    }
    Ok(())
}

pub fn rename_config_group(p: &mut Project, group: &str, new: &str) -> Result<(), DomainError> {
    let i = find(p, group)?;
    let new = check_name(GROUP, new)?;
    unique(GROUP, &new, p.config_groups.iter().map(|g| g.name.as_str()), Some(i))?;
    p.config_groups[i].name = new;
    Ok(())
}

pub fn rename_config_value(p: &mut Project, group: &str, value: &str, new: &str) -> Result<(), DomainError> {
    let i = find(p, group)?;
    let g = &mut p.config_groups[i];
    let j = find_value(g, value)?;
    let kind = value_kind(g);
    let new = check_name(&kind, new)?;
    unique(&kind, &new, g.values.iter().map(String::as_str), Some(j))?;
    let old = std::mem::replace(&mut g.values[j], new.clone());
    for r in &mut g.retired_values {
        if *r == old {
            *r = new.clone();
        }
    }
    Ok(())
}

/// Retires (hides from new runs) or restores a whole group.
pub fn set_config_group_retired(p: &mut Project, group: &str, retired: bool) -> Result<(), DomainError> {
    let i = find(p, group)?;
    p.config_groups[i].retired = retired;
    Ok(())
}

/// Retires or restores one value of a group.
pub fn set_config_value_retired(p: &mut Project, group: &str, value: &str, retired: bool) -> Result<(), DomainError> {
    let i = find(p, group)?;
    let g = &mut p.config_groups[i];
    let name = g.values[find_value(g, value)?].clone();
    g.retired_values.retain(|r| *r != name);
    if retired {
        g.retired_values.push(name);
    }
    Ok(())
}

/// Removes a group no run uses; `usage` says what uses it.
pub fn remove_config_group(p: &mut Project, group: &str, usage: &Usage) -> Result<(), DomainError> {
    let i = find(p, group)?;
    usage.refuse(&format!("{GROUP} '{}'", p.config_groups[i].name), "retire it instead")?;
    p.config_groups.remove(i);
    Ok(())
}

/// Removes a value no run uses; `usage` says what uses it.
pub fn remove_config_value(p: &mut Project, group: &str, value: &str, usage: &Usage) -> Result<(), DomainError> {
    let i = find(p, group)?;
    let g = &mut p.config_groups[i];
    let j = find_value(g, value)?;
    usage.refuse(
        &format!("configuration '{}: {}'", g.name, g.values[j]),
        "retire it instead",
    )?;
    let old = g.values.remove(j);
    g.retired_values.retain(|r| *r != old);
    Ok(())
}

pub fn move_config_group(p: &mut Project, group: &str, to: usize) -> Result<(), DomainError> {
    let i = find(p, group)?;
    move_to(GROUP, &mut p.config_groups, i, to)
}

pub fn move_config_value(p: &mut Project, group: &str, value: &str, to: usize) -> Result<(), DomainError> {
    let i = find(p, group)?;
    let g = &mut p.config_groups[i];
    let j = find_value(g, value)?;
    let kind = value_kind(g);
    move_to(&kind, &mut g.values, j, to)
}
