//! `plan new|show|rename|delete`, `plans`, `query save|delete`, `queries`.

use super::{CmdResult, Ctx, Failure, print_json, table};
use crate::domain::{CaseNo, CaseSource, ProjectCode, SavedQuery, TestPlan};
use crate::say;
use serde_json::json;

#[derive(clap::Subcommand, Debug)]
pub enum PlanCommand {
    /// Create a test plan from cases, suites and/or a query.
    New(NewPlanArgs),
    /// A plan with its cases.
    Show {
        /// The plan's name.
        name: String,
        #[command(flatten)]
        json: super::JsonFlag,
    },
    /// Rename a plan.
    Rename {
        /// The plan's name now.
        old: String,
        /// Its new name.
        new: String,
    },
    /// Delete a plan (runs made from it keep their tests).
    Delete {
        /// The plan's name.
        name: String,
    },
}

#[derive(clap::Args, Debug)]
pub struct NewPlanArgs {
    /// The plan's name.
    pub name: String,
    /// What the plan is for.
    #[arg(long)]
    pub description: Option<String>,
    /// A case, e.g. DEMO-3 (repeatable).
    #[arg(long = "case", value_name = "ID")]
    pub cases: Vec<String>,
    /// A suite (with its sub-suites), by path or name (repeatable).
    #[arg(long = "suite", value_name = "NAME")]
    pub suites: Vec<String>,
    /// The cases a query matches (or a saved query's name).
    #[arg(long, value_name = "Q")]
    pub query: Option<String>,
    #[command(flatten)]
    pub json: super::JsonFlag,
}

#[derive(clap::Subcommand, Debug)]
pub enum QueryCommand {
    /// Save a query by name (it must parse); replaces one of the same name.
    Save {
        /// The query's name.
        name: String,
        /// e.g. 'suite = "Auth" and priority = high and tag = smoke'
        query: String,
        #[command(flatten)]
        json: super::JsonFlag,
    },
    /// Delete a saved query.
    Delete {
        /// The query's name.
        name: String,
    },
}

fn plan_json(code: &ProjectCode, p: &TestPlan) -> serde_json::Value {
    json!({
        "name": p.name,
        "description": p.description,
        "cases": p.cases.iter().map(|n| CaseNo(*n).display(code)).collect::<Vec<_>>(),
    })
}

fn query_json(q: &SavedQuery, matches: usize) -> serde_json::Value {
    json!({ "name": q.name, "query": q.query, "matches": matches })
}

pub fn new_plan(ctx: &mut Ctx, a: NewPlanArgs) -> CmdResult {
    let code = ctx.project()?;
    if a.cases.is_empty() && a.suites.is_empty() && a.query.is_none() {
        return Err(Failure {
            code: 2,
            message: "choose the plan's cases: --case ID, --suite NAME or --query Q".into(),
        });
    }
    let mut source = CaseSource {
        suites: a.suites,
        query: a.query,
        ..CaseSource::default()
    };
    for c in &a.cases {
        source.cases.push(CaseNo::parse(c, &code)?.0);
    }
    let plan = ctx
        .svc
        .create_plan(&code, &a.name, a.description.as_deref().unwrap_or(""), &source)?;
    if a.json.json {
        print_json(&plan_json(&code, &plan));
    } else {
        say!("Created test plan '{}' with {} case(s)", plan.name, plan.cases.len());
    }
    Ok(())
}

pub fn list(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let plans = ctx.svc.plans(&code)?;
    if as_json {
        print_json(&serde_json::Value::Array(
            plans.iter().map(|p| plan_json(&code, p)).collect(),
        ));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = plans
        .iter()
        .map(|p| vec![p.name.clone(), p.cases.len().to_string(), p.description.clone()])
        .collect();
    table::print(&["PLAN", "CASES", "DESCRIPTION"], &rows);
    Ok(())
}

pub fn show(ctx: &mut Ctx, name: &str, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let plan = ctx.svc.plan(&code, name)?;
    if as_json {
        print_json(&plan_json(&code, &plan));
        return Ok(());
    }
    say!("{} ({} cases)", plan.name, plan.cases.len());
    if !plan.description.is_empty() {
        say!("{}", plan.description);
    }
    let suites = ctx.svc.suite_names(&code)?;
    let mut rows = Vec::new();
    for no in &plan.cases {
        let (title, suite) = match ctx.svc.case(&code, CaseNo(*no)) {
            Ok(c) => (c.title, suites.get(c.suite).to_string()),
            Err(_) => ("(deleted)".to_string(), String::new()),
        };
        rows.push(vec![CaseNo(*no).display(&code), title, suite]);
    }
    table::print(&["ID", "TITLE", "SUITE"], &rows);
    Ok(())
}

pub fn rename(ctx: &mut Ctx, old: &str, new: &str) -> CmdResult {
    let code = ctx.project()?;
    let plan = ctx.svc.rename_plan(&code, old, new)?;
    say!("Renamed test plan '{old}' to '{}'", plan.name);
    Ok(())
}

pub fn delete(ctx: &mut Ctx, name: &str) -> CmdResult {
    let code = ctx.project()?;
    let plan = ctx.svc.delete_plan(&code, name)?;
    say!("Deleted test plan '{}'", plan.name);
    Ok(())
}

pub fn save_query(ctx: &mut Ctx, name: &str, text: &str, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let saved = ctx.svc.save_query(&code, name, text)?;
    let matches = ctx.svc.query_cases(&code, &saved.query)?.len();
    if as_json {
        print_json(&query_json(&saved, matches));
    } else {
        say!("Saved query '{}' ({matches} case(s) match now)", saved.name);
    }
    Ok(())
}

pub fn queries(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let mut out = Vec::new();
    for q in ctx.svc.saved_queries(&code)? {
        // A saved query whose suite was deleted since still lists.
        let matches = ctx.svc.query_cases(&code, &q.query).map_or(0, |c| c.len());
        out.push((q, matches));
    }
    if as_json {
        print_json(&serde_json::Value::Array(
            out.iter().map(|(q, n)| query_json(q, *n)).collect(),
        ));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = out
        .iter()
        .map(|(q, n)| vec![q.name.clone(), n.to_string(), q.query.clone()])
        .collect();
    table::print(&["QUERY", "MATCHES", "FILTER"], &rows);
    Ok(())
}

pub fn delete_query(ctx: &mut Ctx, name: &str) -> CmdResult {
    let code = ctx.project()?;
    let q = ctx.svc.delete_query(&code, name)?;
    say!("Deleted saved query '{}'", q.name);
    Ok(())
}
