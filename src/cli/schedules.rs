//! `schedule add|delete`, `schedules`, and `schedule` (create the runs
//! that are due; meant for cron).

use super::runs::{NewArgs, configs, nothing_chosen, source};
use super::{CmdResult, Ctx, Failure, print_json, table};
use crate::domain::schedule::{Recurrence, Schedule, parse_time_of_day, time_of_day};
use crate::domain::{CaseNo, ProjectCode};
use crate::say;
use crate::service::NewSchedule;
use serde_json::json;

// Parsed once per process: the size of `Add` does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(clap::Subcommand, Debug)]
pub enum ScheduleCommand {
    /// Add a run template that creates its runs when due. Takes run new's flags.
    Add(AddArgs),
    /// Delete a schedule (the runs it made stay).
    Delete {
        /// The schedule's name.
        name: String,
    },
}

#[derive(clap::Args, Debug)]
pub struct AddArgs {
    /// The schedule's name.
    pub name: String,
    /// daily, weekdays, weekly:mon (..sun) or Nd (every N days)
    #[arg(long)]
    pub every: String,
    /// Time of day, HH:MM in UTC.
    #[arg(long, default_value = "00:00")]
    pub at: String,
    /// The run's fields; --title may hold {date}, {time} and {name}.
    #[command(flatten)]
    pub run: NewArgs,
}

fn schedule_json(code: &ProjectCode, s: &Schedule) -> serde_json::Value {
    json!({
        "name": s.name,
        "every": s.every.label(),
        "at": time_of_day(s.at),
        "title": s.title,
        "description": s.description,
        "source": {
            "all": s.source.all,
            "suites": s.source.suites,
            "cases": s.source.cases.iter().map(|n| CaseNo(*n).display(code)).collect::<Vec<_>>(),
            "plan": s.source.plan,
            "query": s.source.query,
        },
        "configs": s.configs.iter().map(|(g, v)| json!({"group": g, "values": v})).collect::<Vec<_>>(),
        "environment": s.environment,
        "milestone": s.milestone,
        "tags": s.tags,
        "assignees": s.assignees,
        "author": s.author,
        "next_due": s.next_due.to_rfc3339(),
        "last_run": s.last_run.map(|(no, due)| json!({"number": no, "due": due.to_rfc3339()})),
    })
}

pub fn add(ctx: &mut Ctx, a: AddArgs) -> CmdResult {
    let code = ctx.project()?;
    let every = Recurrence::parse(&a.every)?;
    let at = parse_time_of_day(&a.at)?;
    let mut src = source(&a.run);
    for c in &a.run.cases {
        src.cases.push(CaseNo::parse(c, &code)?.0);
    }
    if src.is_empty() {
        return Err(nothing_chosen());
    }
    let new = NewSchedule {
        name: a.name,
        every,
        at,
        title: a.run.title,
        description: a.run.description.unwrap_or_default(),
        source: src,
        configs: configs(&a.run.configs)?,
        environment: a.run.environment,
        milestone: a.run.milestone,
        tags: a.run.tags,
        assignees: a.run.assignees,
    };
    let s = ctx.svc.add_schedule(&code, new)?;
    if a.run.json.json {
        print_json(&schedule_json(&code, &s));
    } else {
        say!(
            "Added schedule '{}' ({} at {} UTC); next run {}",
            s.name,
            s.every.label(),
            time_of_day(s.at),
            crate::service::local_time::minute_zoned(&s.next_due)
        );
    }
    Ok(())
}

pub fn list(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let all = ctx.svc.schedules(&code)?;
    if as_json {
        print_json(&serde_json::Value::Array(
            all.iter().map(|s| schedule_json(&code, s)).collect(),
        ));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                format!("{} {}", s.every.label(), time_of_day(s.at)),
                crate::service::local_time::minute_zoned(&s.next_due),
                s.last_run.map_or("-".into(), |(no, _)| format!("#{no}")),
                s.title.clone(),
            ]
        })
        .collect();
    table::print(&["SCHEDULE", "EVERY (UTC)", "NEXT", "LAST RUN", "TITLE"], &rows);
    Ok(())
}

pub fn delete(ctx: &mut Ctx, name: &str) -> CmdResult {
    let code = ctx.project()?;
    let s = ctx.svc.delete_schedule(&code, name)?;
    say!("Deleted schedule '{}'", s.name);
    Ok(())
}

/// Creates the runs that are due: in `--project` when given, else in every
/// project. Prints what it created; exits 1 if a due schedule failed.
pub fn run_due(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let done = match &ctx.project {
        Some(_) => ctx.svc.run_due_schedules(&ctx.project()?)?,
        None => ctx.svc.run_all_due_schedules()?,
    };
    let mut failed = Vec::new();
    let mut created = Vec::new();
    for d in &done {
        match &d.run {
            Ok(run) => created.push(json!({
                "project": d.project.as_str(),
                "schedule": d.schedule,
                "due": d.due.to_rfc3339(),
                "number": run.no,
                "title": run.title,
                "tests": run.test_count,
            })),
            Err(e) => failed.push(format!("{}: schedule '{}': {e}", d.project, d.schedule)),
        }
    }
    if as_json {
        print_json(&serde_json::Value::Array(created));
    } else if created.is_empty() && failed.is_empty() {
        say!("No scheduled run is due.");
    } else {
        for c in &created {
            say!(
                "{}: created run #{} \"{}\" ({} tests) for schedule '{}'",
                c["project"].as_str().unwrap_or(""),
                c["number"],
                c["title"].as_str().unwrap_or(""),
                c["tests"],
                c["schedule"].as_str().unwrap_or("")
            );
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure {
            code: 1,
            message: failed.join("\n"),
        })
    }
}
