use super::{CmdResult, Ctx, json, print_json, table};
use crate::domain::RunNo;

pub fn list(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let project = ctx.svc.project(&code)?;
    let runs = ctx.svc.runs(&code)?;
    if as_json {
        print_json(&serde_json::Value::Array(
            runs.iter().map(|r| json::run_summary(r, &project)).collect(),
        ));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = runs
        .iter()
        .map(|s| {
            let r = &s.run;
            vec![
                format!("#{}", r.no),
                r.title.clone(),
                r.state.as_str().into(),
                r.outcome.map_or("-", |o| o.as_str()).into(),
                format!("{}/{} ({}%)", s.counts.done(), s.counts.total, s.counts.percent()),
                r.environment.clone().unwrap_or_default(),
                r.author.clone(),
            ]
        })
        .collect();
    table::print(&["RUN", "TITLE", "STATE", "OUTCOME", "DONE", "ENV", "AUTHOR"], &rows);
    Ok(())
}

pub fn show(ctx: &mut Ctx, run: &str, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let view = ctx.svc.run_view(&code, RunNo::parse(run)?)?;
    if as_json {
        print_json(&json::run_view(&view));
        return Ok(());
    }
    let r = &view.run;
    let catalog = view.project.catalog();
    println!(
        "#{} {}  [{}{}]",
        r.no,
        r.title,
        r.state.as_str(),
        r.outcome.map(|o| format!(", {}", o.as_str())).unwrap_or_default()
    );
    if let Some(env) = &r.environment {
        println!("environment: {env}");
    }
    if let Some(m) = &r.milestone {
        println!("milestone: {m}");
    }
    println!(
        "done: {}/{} ({}%)",
        view.counts.done(),
        view.counts.total,
        view.counts.percent()
    );
    let rows: Vec<Vec<String>> = view
        .tests
        .iter()
        .map(|t| {
            vec![
                format!("{code}-{}", t.case_no),
                t.snapshot.title.clone(),
                t.config.label(),
                json::test_status(t.state(), &catalog),
                t.assignee.clone().unwrap_or_default(),
                t.results.len().to_string(),
            ]
        })
        .collect();
    table::print(&["CASE", "TITLE", "CONFIG", "STATUS", "ASSIGNEE", "RESULTS"], &rows);
    Ok(())
}

pub fn delete(ctx: &mut Ctx, run: &str) -> CmdResult {
    let code = ctx.project()?;
    let r = ctx.svc.delete_run(&code, RunNo::parse(run)?)?;
    println!("Deleted run #{} \"{}\"; its defects keep their links.", r.no, r.title);
    Ok(())
}
