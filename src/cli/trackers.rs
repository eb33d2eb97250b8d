//! `stepwise trackers`, `tracker add|remove`, `defect-field add`: project
//! configuration for defects.

use super::{CmdResult, Ctx, print_json, table};
use crate::say;

pub fn list(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let project = ctx.svc.project(&code)?;
    if as_json {
        let v: Vec<serde_json::Value> = project
            .trackers
            .iter()
            .map(|t| serde_json::json!({"name": t.name, "url_template": t.url_template}))
            .collect();
        print_json(&serde_json::json!({"trackers": v, "defect_fields": project.defect_fields}));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = project
        .trackers
        .iter()
        .map(|t| vec![t.name.clone(), t.url_template.clone()])
        .collect();
    table::print(&["TRACKER", "URL TEMPLATE"], &rows);
    if !project.defect_fields.is_empty() {
        say!("defect fields: {}", project.defect_fields.join(", "));
    }
    Ok(())
}

pub fn add(ctx: &mut Ctx, name: &str, template: &str) -> CmdResult {
    let code = ctx.project()?;
    let t = ctx.svc.set_tracker(&code, name, template)?;
    say!("Tracker {}: {}", t.name, t.url_template);
    Ok(())
}

pub fn remove(ctx: &mut Ctx, name: &str) -> CmdResult {
    let code = ctx.project()?;
    ctx.svc.remove_tracker(&code, name)?;
    say!("Removed tracker {name}; existing links keep their URLs.");
    Ok(())
}

pub fn add_field(ctx: &mut Ctx, name: &str) -> CmdResult {
    let code = ctx.project()?;
    ctx.svc.add_defect_field(&code, name)?;
    say!("Defects now have the field {name}.");
    Ok(())
}
