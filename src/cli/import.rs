//! `stepwise import FILE`: Qase CSV/JSON, TestRail XML, JUnit XML.

use super::{CmdResult, Ctx, Failure, print_json};
use crate::domain::{ProjectCode, RunNo};
use crate::service::ImportFormat;
use crate::service::{ImportOptions, ImportReport, Tally};
use crate::{say, say_err};
use serde_json::json;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The file to import.
    pub file: PathBuf,
    /// auto, qase-csv, qase-json, testrail-xml or junit.
    #[arg(long, default_value = "auto")]
    pub format: String,
    /// JUnit only: record the results in this run instead of a new one.
    #[arg(long, value_name = "RUN")]
    pub run: Option<String>,
    /// JUnit only: the environment of the run the import creates.
    #[arg(long = "env", value_name = "ENV")]
    pub env: Option<String>,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub json: super::JsonFlag,
}

/// The target project: `--project CODE` even when it does not exist yet
/// (the import creates it), else the usual resolution.
fn target(ctx: &Ctx) -> Result<ProjectCode, Failure> {
    match ctx.project.as_deref() {
        Some(code) => Ok(ProjectCode::parse(code)?),
        None => ctx.project(),
    }
}

pub fn import(ctx: &mut Ctx, a: ImportArgs) -> CmdResult {
    let format = ImportFormat::parse(&a.format).ok_or_else(|| Failure {
        code: 2,
        message: format!(
            "unknown --format '{}'; expected one of {}",
            a.format,
            ImportFormat::NAMES
        ),
    })?;
    let code = target(ctx)?;
    let run = a.run.as_deref().map(RunNo::parse).transpose()?;
    let opts = ImportOptions {
        format,
        run,
        environment: a.env,
        dry_run: a.dry_run,
    };
    let report = ctx.svc.import_file(&code, &a.file, opts)?;
    if !a.dry_run {
        ctx.svc.set_last_project(&code)?;
    }
    if a.json.json {
        print_json(&report_json(&report));
    } else {
        print_text(&report);
    }
    Ok(())
}

fn tally(t: &Tally) -> serde_json::Value {
    json!({"created": t.created, "updated": t.updated, "unchanged": t.unchanged})
}

pub fn report_json(r: &ImportReport) -> serde_json::Value {
    json!({
        "file": r.file,
        "format": r.format.as_str(),
        "project": r.project.as_str(),
        "project_created": r.project_created,
        "dry_run": r.dry_run,
        "suites": tally(&r.suites),
        "cases": tally(&r.cases),
        "milestones_created": r.milestones_created,
        "tests_synced": r.tests_synced,
        "results": r.results,
        "results_skipped": r.results_skipped,
        "shared": {"tests": r.shared.tests, "executions": r.shared.executions},
        "run": r.run,
        "run_created": r.run_created,
        "changes": r.changes,
        "warnings": r.warnings,
    })
}

fn print_text(r: &ImportReport) {
    let verb = if r.dry_run { "Would import" } else { "Imported" };
    say!("{verb} {} ({}) into {}.", r.file, r.format.as_str(), r.project);
    if r.dry_run {
        for c in &r.changes {
            say!("  {c}");
        }
    }
    let t = |name: &str, t: &Tally| {
        say!(
            "{name}: {} created, {} updated, {} unchanged",
            t.created,
            t.updated,
            t.unchanged
        )
    };
    t("Suites", &r.suites);
    t("Cases", &r.cases);
    if r.milestones_created > 0 {
        say!("Milestones created: {}", r.milestones_created);
    }
    if r.tests_synced > 0 {
        say!("Untested tests following their updated case: {}", r.tests_synced);
    }
    if let Some(run) = r.run {
        let made = if r.run_created { " (new)" } else { "" };
        say!(
            "Results: {} recorded in run #{run}{made}, {} skipped",
            r.results,
            r.results_skipped
        );
    }
    if let Some(line) = r.shared_line() {
        say!("{line}");
    }
    for w in &r.warnings {
        say_err!("warning: {w}");
    }
    if r.dry_run {
        say!("Dry run: nothing was written.");
    }
}
