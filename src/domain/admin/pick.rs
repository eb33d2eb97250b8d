//! What a new run may pick: environments, milestones and configurations
//! by name (whatever the case), refused when unknown, retired or
//! completed. A run stores the names as the project spells them.

use super::{position, same};
use crate::domain::{DomainError, Project};

/// The environment a new run names, as the project spells it.
pub fn pick_environment(p: &Project, name: &str) -> Result<String, DomainError> {
    let i = position("environment", name, p.environments.iter().map(|e| e.name.as_str()))?;
    let e = &p.environments[i];
    if e.retired {
        return Err(DomainError::Invalid(format!(
            "environment '{}' is retired: new runs cannot pick it (restore it with `stepwise env restore`)",
            e.name
        )));
    }
    Ok(e.name.clone())
}

/// The milestone a new run names, as the project spells it.
pub fn pick_milestone(p: &Project, name: &str) -> Result<String, DomainError> {
    let i = position("milestone", name, p.milestones.iter().map(|m| m.name.as_str()))?;
    let m = &p.milestones[i];
    if m.completed {
        return Err(DomainError::Invalid(format!(
            "milestone '{}' is completed: new runs cannot pick it (reopen it with `stepwise milestone reopen`)",
            m.name
        )));
    }
    Ok(m.name.clone())
}

/// The configurations a new run picks, per group, as the project spells
/// them; a group named twice has its values joined.
pub fn pick_configs(p: &Project, picked: &[(String, Vec<String>)]) -> Result<Vec<(String, Vec<String>)>, DomainError> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (group, values) in picked {
        let i = position(
            "configuration group",
            group,
            p.config_groups.iter().map(|g| g.name.as_str()),
        )?;
        let g = &p.config_groups[i];
        if g.retired {
            return Err(DomainError::Invalid(format!(
                "configuration group '{}' is retired: new runs cannot pick it (restore it with `stepwise config restore`)",
                g.name
            )));
        }
        let slot = match out.iter().position(|(name, _)| *name == g.name) {
            Some(j) => j,
            None => {
                out.push((g.name.clone(), Vec::new()));
                out.len() - 1
            }
        };
        for v in values {
            let j = position(&format!("{} value", g.name), v, g.values.iter().map(String::as_str))?;
            let value = &g.values[j];
            if g.retired_values.contains(value) {
                return Err(DomainError::Invalid(format!(
                    "configuration '{}: {value}' is retired: new runs cannot pick it (restore it with `stepwise config restore`)",
                    g.name
                )));
            }
            if !out[slot].1.iter().any(|x| same(x, value)) {
                out[slot].1.push(value.clone());
            }
        }
    }
    Ok(out)
}
