//! `stepwise result`: records a result exactly as the wizard does.

use super::{CmdResult, Ctx, Failure, json, print_json};
use crate::domain::{DefectNo, RunNo};
use crate::say;
use crate::service::NewResult;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct ResultArgs {
    /// The run number, e.g. 2 or #2.
    pub run: String,
    /// The case, e.g. DEMO-3.
    pub case: String,
    /// The test's status: passed, failed, blocked, skipped, invalid, or a custom
    /// status's name (`stepwise statuses` lists them).
    #[arg(long)]
    pub status: String,
    /// The configuration when the run has several, e.g. "Chrome / Linux".
    #[arg(long)]
    pub config: Option<String>,
    /// A comment on the whole result.
    #[arg(long)]
    pub comment: Option<String>,
    /// A step's status, N=STATUS with N from 1 (repeatable).
    #[arg(long = "step", value_name = "N=STATUS")]
    pub steps: Vec<String>,
    /// Link a defect, D-N (repeatable).
    #[arg(long = "defect", value_name = "D-N")]
    pub defects: Vec<String>,
    /// Time spent: 90 (a bare number is seconds), 1:30, 1:02:03, 5m, 1h 15m, 1m30s.
    #[arg(long, value_name = "DURATION")]
    pub duration: Option<String>,
    /// Attach a file (repeatable; copied into the store).
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,
    #[command(flatten)]
    pub json: super::JsonFlag,
}

fn usage(message: String) -> Failure {
    Failure { code: 2, message }
}

pub fn record(ctx: &mut Ctx, a: ResultArgs) -> CmdResult {
    let code = ctx.project()?;
    let project = ctx.svc.project(&code)?;
    let catalog = project.catalog();
    let run = RunNo::parse(&a.run)?;
    let test = ctx.svc.find_test(&code, run, &a.case, a.config.as_deref())?;
    let mut new = NewResult::status(catalog.parse(&a.status)?);
    for s in &a.steps {
        let (n, st) = s
            .split_once('=')
            .ok_or_else(|| usage(format!("--step takes N=STATUS, e.g. --step 2=failed (got '{s}')")))?;
        let n: usize = n
            .trim()
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| usage(format!("--step {s}: the step number must be 1 or more")))?;
        new.steps.push((n - 1, catalog.parse(st)?, String::new()));
    }
    for d in &a.defects {
        new.defects.push(DefectNo::parse(d)?.0);
    }
    new.comment = a.comment.unwrap_or_default();
    if let Some(text) = &a.duration {
        new.duration_ms =
            crate::domain::duration::parse_duration(text).map_err(|e| usage(format!("--duration: {e}")))?;
    }
    // Every rule is checked before files are copied into the store, so a
    // refused result leaves no orphan attachment behind.
    ctx.svc.check_result(&code, run, test.id, new.clone())?;
    for path in &a.attach {
        new.attachments.push(ctx.svc.attach_file(path)?);
    }
    let requested = new.status;
    let rec = ctx.svc.record_result(&code, run, test.id, new)?;
    if a.json.json {
        let suites = ctx.svc.suite_names(&code)?;
        print_json(&serde_json::json!({
            "run": rec.run.no,
            "recorded": catalog.slug(rec.status),
            "run_state": rec.run.state.as_str(),
            "run_completed": rec.completed,
            "test": json::test(&code, &rec.test, &suites, &catalog),
        }));
        return Ok(());
    }
    let config = rec.test.config.label();
    let config = if config.is_empty() {
        String::new()
    } else {
        format!(" ({config})")
    };
    say!(
        "Recorded {} on {code}-{}{config} in run {run}.",
        catalog.slug(rec.status),
        rec.test.case_no
    );
    if rec.status != requested {
        say!(
            "A step failed and fail_case_on_step_fail is on: the test is {}.",
            catalog.slug(rec.status)
        );
    }
    if rec.completed {
        let outcome = rec.run.outcome.map_or("-", |o| o.as_str());
        say!("Every test has a result: run {run} completed ({outcome}).");
    }
    Ok(())
}
