use super::{CmdResult, Ctx, Failure, json, print_json, table};
use crate::domain::{CaseSource, RunNo};
use crate::say;
use crate::service::NewRun;

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
    say!(
        "#{} {}  [{}{}]",
        r.no,
        r.title,
        r.state.as_str(),
        r.outcome.map(|o| format!(", {}", o.as_str())).unwrap_or_default()
    );
    if let Some(env) = &r.environment {
        say!("environment: {env}");
    }
    if let Some(m) = &r.milestone {
        say!("milestone: {m}");
    }
    say!(
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
    say!("Deleted run #{} \"{}\"; its defects keep their links.", r.no, r.title);
    Ok(())
}

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// The run's title (default: today's date).
    #[arg(long)]
    pub title: Option<String>,
    /// The run's description.
    #[arg(long)]
    pub description: Option<String>,
    /// A suite (with its sub-suites), by path or name (repeatable).
    #[arg(long = "suite", value_name = "NAME")]
    pub suites: Vec<String>,
    /// A case, e.g. DEMO-3 (repeatable).
    #[arg(long = "case", value_name = "ID")]
    pub cases: Vec<String>,
    /// Every case of the project.
    #[arg(long)]
    pub all: bool,
    /// The cases of a test plan, by name.
    #[arg(long, value_name = "NAME")]
    pub plan: Option<String>,
    /// The cases a query matches, e.g. 'suite = Auth and priority = high' (or a saved query's name).
    #[arg(long, value_name = "Q")]
    pub query: Option<String>,
    /// Configurations, GROUP=A,B (repeatable): tests are cases x combinations.
    #[arg(long = "config", value_name = "GROUP=A,B")]
    pub configs: Vec<String>,
    /// An environment of the project, by name, e.g. staging.
    #[arg(long = "env")]
    pub environment: Option<String>,
    /// A milestone of the project, by name.
    #[arg(long)]
    pub milestone: Option<String>,
    /// A tag (repeatable).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// An assignee (repeatable: several share the tests by the project's distribution).
    #[arg(long = "assign", value_name = "USER")]
    pub assignees: Vec<String>,
    #[command(flatten)]
    pub json: super::JsonFlag,
}

fn print_run(ctx: &Ctx, code: &crate::domain::ProjectCode, no: u64, as_json: bool) -> CmdResult {
    let view = ctx.svc.run_view(code, RunNo(no))?;
    if as_json {
        print_json(&json::run_view(&view));
    } else {
        let r = &view.run;
        let outcome = r.outcome.map(|o| format!(", {}", o.as_str())).unwrap_or_default();
        say!(
            "#{} {}: {} tests, {}{outcome}",
            r.no,
            r.title,
            view.tests.len(),
            r.state.as_str()
        );
    }
    Ok(())
}

/// What the flags choose, as a case source (cases stay `CODE-N` text,
/// parsed by the service).
pub(super) fn source(a: &NewArgs) -> CaseSource {
    CaseSource {
        all: a.all,
        suites: a.suites.clone(),
        cases: Vec::new(),
        plan: a.plan.clone(),
        query: a.query.clone(),
    }
}

/// `--config GROUP=A,B` flags as (group, values).
pub(super) fn configs(flags: &[String]) -> Result<Vec<(String, Vec<String>)>, Failure> {
    let mut configs = Vec::new();
    for c in flags {
        let (group, values) = c.split_once('=').ok_or_else(|| Failure {
            code: 2,
            message: format!("--config takes GROUP=A,B (got '{c}')"),
        })?;
        let values: Vec<String> = values
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        configs.push((group.trim().to_string(), values));
    }
    Ok(configs)
}

pub(super) fn nothing_chosen() -> Failure {
    Failure {
        code: 2,
        message: "choose what to run: --suite NAME, --case ID or --all (also --plan NAME, --query Q)".into(),
    }
}

pub fn create(ctx: &mut Ctx, a: NewArgs) -> CmdResult {
    let code = ctx.project()?;
    let source = source(&a);
    if source.is_empty() && a.cases.is_empty() {
        return Err(nothing_chosen());
    }
    let cases = ctx.svc.resolve_run_cases(&code, &a.cases, source)?;
    if cases.is_empty() {
        return Err(Failure {
            code: 2,
            message: "nothing to run: the chosen suites, plan or query hold no case".into(),
        });
    }
    let new = NewRun {
        title: a.title,
        description: a.description.unwrap_or_default(),
        environment: a.environment,
        milestone: a.milestone,
        configs: configs(&a.configs)?,
        tags: a.tags,
        cases,
        assignees: a.assignees,
    };
    let run = ctx.svc.create_run(&code, new)?;
    print_run(ctx, &code, run.no, a.json.json)
}

pub fn end(ctx: &mut Ctx, run: &str, state: crate::domain::RunState, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let r = ctx.svc.end_run(&code, RunNo::parse(run)?, state)?;
    print_run(ctx, &code, r.no, as_json)
}

pub fn clone(ctx: &mut Ctx, run: &str, statuses: &[String], as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let r = ctx.svc.clone_run(&code, RunNo::parse(run)?, statuses)?;
    print_run(ctx, &code, r.no, as_json)
}
