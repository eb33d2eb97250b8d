use super::{CmdResult, Ctx, json, print_json, table};

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Only the cases a query matches, e.g. 'suite = Auth and priority > low' (or a saved query's name).
    #[arg(long, value_name = "Q")]
    pub query: Option<String>,
    /// Write the cases as a file instead of a listing: qase-csv.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// With --format: write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE", requires = "format")]
    pub output: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub json: super::JsonFlag,
}

pub fn list(ctx: &mut Ctx, args: ListArgs) -> CmdResult {
    let as_json = args.json.json;
    let code = ctx.project()?;
    let cases = match &args.query {
        Some(q) => ctx.svc.query_cases(&code, q)?,
        None => ctx.svc.cases(&code)?,
    };
    if let Some(format) = &args.format {
        let all = args.query.is_none();
        return super::cases_export::write(ctx, &code, &cases, format, args.output.as_deref(), all);
    }
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
