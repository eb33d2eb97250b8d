use super::{CmdResult, Ctx, Failure, json, print_json, table};
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

/// `project rename TITLE`: the project's title (its code stays).
pub fn rename(ctx: &mut Ctx, title: &str, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let p = ctx.svc.rename_project(&code, title)?;
    if as_json {
        super::admin_show::show_project(&p, true);
    } else {
        say!("Project {} is now \"{}\".", p.code, p.title);
    }
    Ok(())
}

/// `project delete CODE --yes`: refused without `--yes`, saying what the
/// project holds.
pub fn delete(ctx: &mut Ctx, code: &str, yes: bool, as_json: bool) -> CmdResult {
    let code = ctx.svc.resolve_project(Some(code))?;
    if !yes {
        let holds = ctx.svc.project_contents(&code)?.describe();
        return Err(Failure {
            code: 2,
            message: format!(
                "project {code} holds {holds}; deleting it deletes all of this for good: add --yes to delete it"
            ),
        });
    }
    let held = ctx.svc.delete_project(&code)?;
    if as_json {
        print_json(&serde_json::json!({
            "deleted": code.as_str(),
            "suites": held.suites,
            "cases": held.cases,
            "runs": held.runs,
            "active_runs": held.active_runs,
            "tested": held.tested,
            "defects": held.defects,
            "plans": held.plans,
            "queries": held.queries,
            "schedules": held.schedules,
        }));
    } else {
        say!("Deleted project {code} and what it held: {}.", held.describe());
    }
    Ok(())
}
