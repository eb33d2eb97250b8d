//! `stepwise defects`, `defect new|show|set|export|retest`, `readiness`:
//! the defects of a project through the same service the TUI uses.

use super::out::Data;
use super::{CmdResult, Ctx, Failure, json, print_json, table};
use crate::domain::{DefectNo, DefectStatus, RunNo, Severity};
use crate::say;
use crate::service::{DefectChange, DefectFilter, DefectSort, DefectView, NewDefect};
use serde_json::{Value, json};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Only defects in this status: open, in_progress, resolved, closed, reopened or invalid.
    #[arg(long)]
    pub status: Option<String>,
    /// Only defects of this severity: not_set, trivial, minor, normal, major, critical or blocker.
    #[arg(long)]
    pub severity: Option<String>,
    /// Only defects assigned to this user.
    #[arg(long)]
    pub assignee: Option<String>,
    /// Only defects of this milestone, by name.
    #[arg(long)]
    pub milestone: Option<String>,
    /// Only defects linked to failures in this run.
    #[arg(long)]
    pub run: Option<String>,
    /// Words that must appear in the title, actual result or description.
    #[arg(long)]
    pub query: Option<String>,
    /// Only defects with (yes) or without (no) an external link.
    #[arg(long, value_name = "yes|no")]
    pub external: Option<String>,
    /// severity (default), status, age or id.
    #[arg(long, default_value = "severity")]
    pub sort: String,
    #[command(flatten)]
    pub json: super::JsonFlag,
}

#[derive(clap::Args, Debug)]
pub struct SetArgs {
    /// The defect, e.g. D-4.
    pub id: String,
    /// A new status: open, in_progress, resolved, closed, reopened or invalid
    /// (a step the lifecycle forbids is refused with the allowed ones).
    #[arg(long)]
    pub status: Option<String>,
    /// A new severity: not_set, trivial, minor, normal, major, critical or blocker.
    #[arg(long)]
    pub severity: Option<String>,
    /// A user; an empty value clears the assignee.
    #[arg(long)]
    pub assignee: Option<String>,
    /// A milestone; an empty value clears it.
    #[arg(long)]
    pub milestone: Option<String>,
    /// A new title.
    #[arg(long)]
    pub title: Option<String>,
    /// What happened: the actual result the tester saw.
    #[arg(long)]
    pub actual: Option<String>,
    /// A new description.
    #[arg(long)]
    pub description: Option<String>,
    /// Link an issue, TRACKER:KEY (repeatable).
    #[arg(long, value_name = "TRACKER:KEY")]
    pub link: Vec<String>,
    /// Remove a link, TRACKER:KEY (repeatable).
    #[arg(long, value_name = "TRACKER:KEY")]
    pub unlink: Vec<String>,
    /// A custom field, NAME=VALUE (repeatable).
    #[arg(long, value_name = "NAME=VALUE")]
    pub field: Vec<String>,
    /// Attach a file (repeatable; copied into the store).
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,
    #[command(flatten)]
    pub json: super::JsonFlag,
}

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// The defect's title.
    #[arg(long)]
    pub title: String,
    /// not_set (default), trivial, minor, normal, major, critical or blocker.
    #[arg(long)]
    pub severity: Option<String>,
    /// What happened: the actual result the tester saw.
    #[arg(long)]
    pub actual: Option<String>,
    /// A description: steps to reproduce, environment...
    #[arg(long)]
    pub description: Option<String>,
    /// The user who should fix it.
    #[arg(long)]
    pub assignee: Option<String>,
    /// A milestone of the project, by name.
    #[arg(long)]
    pub milestone: Option<String>,
    #[command(flatten)]
    pub json: super::JsonFlag,
}

fn usage(message: String) -> Failure {
    Failure { code: 2, message }
}

fn filter(ctx: &Ctx, a: &ListArgs) -> Result<DefectFilter, Failure> {
    let external = match a.external.as_deref() {
        None => None,
        Some("yes" | "true" | "with") => Some(true),
        Some("no" | "false" | "without") => Some(false),
        Some(other) => return Err(usage(format!("--external takes yes or no (got '{other}')"))),
    };
    let run = match &a.run {
        Some(r) => {
            let code = ctx.project()?;
            Some(ctx.svc.run(&code, RunNo::parse(r)?)?.no)
        }
        None => None,
    };
    Ok(DefectFilter {
        status: a.status.as_deref().map(DefectStatus::parse).transpose()?,
        severity: a.severity.as_deref().map(Severity::parse).transpose()?,
        assignee: a.assignee.clone(),
        milestone: a.milestone.clone(),
        run,
        external,
        query: a.query.clone().unwrap_or_default(),
        open_only: false,
    })
}

/// The JSON of a defect in a listing.
pub fn defect_row(d: &crate::domain::Defect) -> Value {
    json!({
        "id": format!("D-{}", d.no),
        "title": d.title,
        "status": d.status.as_str(),
        "severity": d.severity.as_str(),
        "assignee": d.assignee,
        "reporter": d.reporter,
        "milestone": d.milestone,
        "tags": d.tags,
        "failures": d.links.len(),
        "external": d.external.iter().map(|l| json!({"tracker": l.tracker, "key": l.key, "url": l.url, "state": l.state})).collect::<Vec<_>>(),
        "created": json::time(&d.created),
        "updated": json::time(&d.updated),
    })
}

/// The JSON of `defect show`: the row plus every field, links and history.
pub fn defect_detail(v: &DefectView, project: &crate::domain::Project) -> Value {
    let d = &v.defect;
    let catalog = project.catalog();
    let mut m = match defect_row(d) {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    m.insert("actual".into(), d.actual.clone().into());
    m.insert("description".into(), d.description.clone().into());
    let fields: serde_json::Map<String, Value> = d
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    m.insert("fields".into(), Value::Object(fields));
    m.insert(
        "attachments".into(),
        d.attachments
            .iter()
            .map(|a| json!({"name": a.name, "size": a.size, "sha256": a.sha256}))
            .collect(),
    );
    let links: Vec<Value> = v
        .links
        .iter()
        .zip(&d.links)
        .map(|(l, raw)| {
            json!({
                "run": l.run,
                "run_title": l.run_title,
                "run_deleted": l.run_title.is_none(),
                "test": l.test,
                "case": l.case,
                "config": l.config,
                "result": raw.result + 1,
                "result_status": l.result_status.map(|s| catalog.slug(s)),
                "current_status": l.current.map(|s| json::test_status(s, &catalog)),
                "verify": l.verify,
            })
        })
        .collect();
    m.insert("links".into(), Value::Array(links));
    m.insert("blocked_tests".into(), v.blocked().into());
    let history: Vec<Value> = d
        .history
        .iter()
        .map(|h| json!({"at": json::time(&h.at), "author": h.author, "field": h.field, "from": h.from, "to": h.to}))
        .collect();
    m.insert("history".into(), Value::Array(history));
    Value::Object(m)
}

pub fn list(ctx: &mut Ctx, a: ListArgs) -> CmdResult {
    let code = ctx.project()?;
    let f = filter(ctx, &a)?;
    let sort = DefectSort::parse(&a.sort)?;
    let defects = ctx.svc.defect_list(&code, &f, sort)?;
    if a.json.json {
        print_json(&Value::Array(defects.iter().map(defect_row).collect()));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = defects
        .iter()
        .map(|d| {
            vec![
                format!("D-{}", d.no),
                d.title.clone(),
                d.severity.to_string(),
                d.status.as_str().into(),
                d.assignee.clone().unwrap_or_default(),
                d.links.len().to_string(),
                d.external
                    .iter()
                    .map(|l| format!("{}:{}", l.tracker, l.key))
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        })
        .collect();
    table::print(
        &["ID", "TITLE", "SEVERITY", "STATUS", "ASSIGNEE", "FAILURES", "EXTERNAL"],
        &rows,
    );
    Ok(())
}

pub fn create(ctx: &mut Ctx, a: NewArgs) -> CmdResult {
    let code = ctx.project()?;
    let new = NewDefect {
        title: a.title,
        actual: a.actual.unwrap_or_default(),
        description: a.description.unwrap_or_default(),
        severity: a.severity.as_deref().map(Severity::parse).transpose()?,
        assignee: a.assignee.filter(|s| !s.trim().is_empty()),
        milestone: a.milestone.filter(|s| !s.trim().is_empty()),
        ..NewDefect::default()
    };
    let d = ctx.svc.create_defect(&code, new)?;
    if a.json.json {
        let view = ctx.svc.defect_view(&code, DefectNo(d.no))?;
        print_json(&defect_detail(&view, &ctx.svc.project(&code)?));
    } else {
        say!("Filed D-{} \"{}\" ({}).", d.no, d.title, d.severity);
    }
    Ok(())
}

pub fn show(ctx: &mut Ctx, id: &str, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let view = ctx.svc.defect_view(&code, DefectNo::parse(id)?)?;
    let project = ctx.svc.project(&code)?;
    if as_json {
        print_json(&defect_detail(&view, &project));
        return Ok(());
    }
    let d = &view.defect;
    say!("D-{} {}", d.no, d.title);
    say!(
        "status {}  severity {}  assignee {}  reporter {}",
        d.status.as_str(),
        d.severity,
        d.assignee.as_deref().unwrap_or("-"),
        d.reporter
    );
    if let Some(m) = &d.milestone {
        say!("milestone {m}");
    }
    for (label, text) in [("actual", &d.actual), ("description", &d.description)] {
        if !text.is_empty() {
            say!("{label}: {text}");
        }
    }
    for (k, v) in &d.fields {
        say!("{k}: {v}");
    }
    for l in &d.external {
        match &l.state {
            Some(state) => say!("{}:{}  {}  ({state})", l.tracker, l.key, l.url),
            None => say!("{}:{}  {}", l.tracker, l.key, l.url),
        }
    }
    for l in &view.links {
        let run = match &l.run_title {
            Some(t) => format!("#{} {t}", l.run),
            None => format!("#{} (run deleted)", l.run),
        };
        let verify = if l.verify {
            "  verify: the defect is resolved"
        } else {
            ""
        };
        say!("failure: {run}  {} {}  {}{verify}", l.case, l.config, l.case_title);
    }
    say!("history:");
    for h in &d.history {
        say!(
            "  {} {} {}: {} -> {}",
            crate::service::local_time::minute_zoned(&h.at),
            h.author,
            h.field,
            h.from,
            h.to
        );
    }
    Ok(())
}

pub fn set(ctx: &mut Ctx, a: SetArgs) -> CmdResult {
    let code = ctx.project()?;
    let no = DefectNo::parse(&a.id)?;
    let mut fields = Vec::new();
    for f in &a.field {
        let (k, v) = f
            .split_once('=')
            .ok_or_else(|| usage(format!("--field takes NAME=VALUE (got '{f}')")))?;
        fields.push((k.trim().to_string(), v.trim().to_string()));
    }
    let change = DefectChange {
        title: a.title,
        actual: a.actual,
        description: a.description,
        status: a.status.as_deref().map(DefectStatus::parse).transpose()?,
        severity: a.severity.as_deref().map(Severity::parse).transpose()?,
        assignee: a.assignee.map(|s| Some(s).filter(|s| !s.trim().is_empty())),
        milestone: a.milestone.map(|s| Some(s).filter(|s| !s.trim().is_empty())),
        link: a.link,
        unlink: a.unlink,
        fields,
        attach: Vec::new(),
    };
    // Check every change first: a refused one copies no file.
    ctx.svc.check_defect_change(&code, no, &change)?;
    let mut change = change;
    for path in &a.attach {
        change.attach.push(ctx.svc.attach_file(path)?);
    }
    let d = ctx.svc.set_defect(&code, no, change)?;
    if a.json.json {
        let view = ctx.svc.defect_view(&code, no)?;
        print_json(&defect_detail(&view, &ctx.svc.project(&code)?));
    } else {
        say!("D-{} is {} ({}).", d.no, d.status.as_str(), d.severity);
    }
    Ok(())
}

pub fn retest(ctx: &mut Ctx, id: &str) -> CmdResult {
    let code = ctx.project()?;
    let n = ctx.svc.retest_linked(&code, DefectNo::parse(id)?)?;
    say!("{n} test(s) pushed to retest.");
    Ok(())
}

/// Neutralises a cell a spreadsheet would run as a formula.
pub fn safe_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

pub fn export(ctx: &mut Ctx, format: &str, output: Option<PathBuf>) -> CmdResult {
    let code = ctx.project()?;
    let project = ctx.svc.project(&code)?;
    let defects = ctx.svc.defect_list(&code, &DefectFilter::default(), DefectSort::Id)?;
    let bytes = match format {
        "json" => {
            let mut all = Vec::new();
            for d in &defects {
                all.push(defect_detail(&ctx.svc.defect_view(&code, DefectNo(d.no))?, &project));
            }
            serde_json::to_vec_pretty(&Value::Array(all)).unwrap_or_default()
        }
        "csv" => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let header = [
                "id",
                "title",
                "status",
                "severity",
                "assignee",
                "reporter",
                "milestone",
                "failures",
                "external",
                "actual",
                "created",
                "updated",
            ];
            let io = |e: csv::Error| Failure {
                code: 1,
                message: format!("cannot write CSV: {e}"),
            };
            w.write_record(header).map_err(io)?;
            for d in &defects {
                let external: Vec<String> = d.external.iter().map(|l| format!("{}:{}", l.tracker, l.key)).collect();
                let row = [
                    format!("D-{}", d.no),
                    d.title.clone(),
                    d.status.as_str().into(),
                    d.severity.to_string(),
                    d.assignee.clone().unwrap_or_default(),
                    d.reporter.clone(),
                    d.milestone.clone().unwrap_or_default(),
                    d.links.len().to_string(),
                    external.join(" "),
                    d.actual.clone(),
                    json::time(&d.created),
                    json::time(&d.updated),
                ];
                w.write_record(row.iter().map(|c| safe_cell(c))).map_err(io)?;
            }
            w.into_inner().map_err(|e| Failure {
                code: 1,
                message: format!("cannot write CSV: {e}"),
            })?
        }
        other => return Err(usage(format!("unknown export format '{other}'; use csv or json"))),
    };
    match output {
        Some(path) => std::fs::write(&path, bytes).map_err(|e| Failure {
            code: 1,
            message: format!("cannot write {}: {e}", path.display()),
        })?,
        // On a terminal a CSV's live characters show as escapes (cli::out).
        None => {
            let (mut bytes, kind) = (bytes, if format == "json" { Data::Json } else { Data::Text });
            if kind == Data::Json {
                bytes.push(b'\n');
            }
            super::out::data(&bytes, kind).map_err(|e| Failure {
                code: 1,
                message: format!("cannot write the export: {e}"),
            })?
        }
    }
    Ok(())
}

pub fn readiness(ctx: &mut Ctx, milestone: Option<&str>, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let r = ctx.svc.readiness(&code, milestone)?;
    if as_json {
        let by: serde_json::Map<String, Value> = r
            .by_severity
            .iter()
            .map(|(s, n)| (s.to_string(), (*n).into()))
            .collect();
        print_json(&json!({
            "milestone": r.milestone,
            "ready": r.ready,
            "open": by,
            "defects": r.open.iter().map(defect_row).collect::<Vec<_>>(),
        }));
        return Ok(());
    }
    let scope = r.milestone.as_deref().unwrap_or("the project");
    let counts: Vec<String> = r.by_severity.iter().map(|(s, n)| format!("{n} {s}")).collect();
    let open = if counts.is_empty() {
        "no open defects".to_string()
    } else {
        format!("open: {}", counts.join(", "))
    };
    let verdict = if r.ready {
        "ready"
    } else {
        "not ready: a blocker or critical defect is open"
    };
    say!("{scope}: {open}; {verdict}.");
    Ok(())
}
