use super::{CmdResult, Ctx, json, print_json, table};

pub fn list(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let cases = ctx.svc.cases(&code)?;
    let suites = ctx.svc.suite_names(&code)?;
    if as_json {
        print_json(&serde_json::Value::Array(
            cases.iter().map(|c| json::case(&code, c, &suites)).collect(),
        ));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = cases
        .iter()
        .map(|c| {
            vec![
                format!("{code}-{}", c.no),
                c.title.clone(),
                suites.get(c.suite).to_string(),
                c.priority.to_string(),
                c.steps.len().to_string(),
            ]
        })
        .collect();
    table::print(&["ID", "TITLE", "SUITE", "PRIORITY", "STEPS"], &rows);
    Ok(())
}
