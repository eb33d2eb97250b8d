use super::{CmdResult, Ctx, json, print_json, table};
use crate::say;

pub fn list(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let all = ctx.svc.project_summaries()?;
    if as_json {
        print_json(&serde_json::Value::Array(all.iter().map(json::project).collect()));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|p| {
            vec![
                p.project.code.to_string(),
                p.project.title.clone(),
                p.cases.to_string(),
                format!("{} ({} active)", p.runs, p.active_runs),
                p.defects.to_string(),
            ]
        })
        .collect();
    if rows.is_empty() {
        say!("No projects yet. Create one with `stepwise project new CODE --title T`, or run `stepwise demo`.");
    } else {
        table::print(&["CODE", "TITLE", "CASES", "RUNS", "DEFECTS"], &rows);
    }
    Ok(())
}

pub fn create(ctx: &mut Ctx, code: &str, title: &str, as_json: bool) -> CmdResult {
    let p = ctx.svc.create_project(code, title)?;
    ctx.svc.set_last_project(&p.code)?;
    let summary = ctx
        .svc
        .project_summaries()?
        .into_iter()
        .find(|s| s.project.code == p.code);
    match (as_json, summary) {
        (true, Some(s)) => print_json(&json::project(&s)),
        _ => say!("Created project {} \"{}\".", p.code, p.title),
    }
    Ok(())
}
