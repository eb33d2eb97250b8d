//! `stepwise project show`: a project's environments, milestones,
//! configuration groups and team, as text or as one JSON document (the
//! shape every administration command prints with `--json`).

use super::{CmdResult, Ctx, print_json};
use crate::domain::Project;
use crate::say;
use serde_json::{Value, json};

/// The project's administration as JSON (documented in the README).
pub fn project_json(p: &Project) -> Value {
    json!({
        "code": p.code.as_str(),
        "title": p.title,
        "description": p.description,
        "environments": p.environments.iter().map(|e| json!({
            "name": e.name,
            "description": e.description,
            "retired": e.retired,
        })).collect::<Vec<_>>(),
        "milestones": p.milestones.iter().map(|m| json!({
            "name": m.name,
            "description": m.description,
            "due": m.due,
            "completed": m.completed,
        })).collect::<Vec<_>>(),
        "configs": p.config_groups.iter().map(|g| json!({
            "group": g.name,
            "retired": g.retired,
            "values": g.values.iter().map(|v| json!({
                "name": v,
                "retired": g.retired_values.contains(v),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "team": p.team.iter().map(|u| json!({
            "user": u,
            "name": p.display_name(u),
        })).collect::<Vec<_>>(),
    })
}

/// A marker after a retired or completed entry.
fn mark(hidden: bool, word: &str) -> String {
    if hidden { format!(" ({word})") } else { String::new() }
}

/// Prints the project: JSON, or a section per list.
pub fn show_project(p: &Project, as_json: bool) {
    if as_json {
        print_json(&project_json(p));
        return;
    }
    say!("{} \"{}\"", p.code, p.title);
    say!("Environments:");
    for e in &p.environments {
        let description = if e.description.is_empty() {
            String::new()
        } else {
            format!(" - {}", e.description)
        };
        say!("  {}{}{description}", e.name, mark(e.retired, "retired"));
    }
    say!("Milestones:");
    for m in &p.milestones {
        let due = m.due.as_ref().map(|d| format!(", due {d}")).unwrap_or_default();
        say!("  {}{due}{}", m.name, mark(m.completed, "completed"));
    }
    say!("Configurations:");
    for g in &p.config_groups {
        let values: Vec<String> = g
            .values
            .iter()
            .map(|v| format!("{v}{}", mark(g.retired_values.contains(v), "retired")))
            .collect();
        say!("  {}{}: {}", g.name, mark(g.retired, "retired"), values.join(", "));
    }
    say!("Team:");
    for u in &p.team {
        match p.display_name(u) {
            Some(name) => say!("  {u} ({name})"),
            None => say!("  {u}"),
        }
    }
}

pub fn show(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    show_project(&ctx.svc.project(&code)?, as_json);
    Ok(())
}
