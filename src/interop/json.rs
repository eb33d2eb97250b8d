//! The JSON shapes of every listing and `show` (documented in the README),
//! shared by the CLI's `--json` and `export --format json`.
//! snake_case names, RFC 3339 times, lowercase statuses.

use crate::domain::{
    Case, Project, ProjectCode, ProjectSummary, RunStats, RunSummary, RunView, StatusCatalog, SuiteNames, Test,
    TestState, Time,
};
use serde_json::{Value, json};

pub fn time(t: &Time) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn opt_time(t: &Option<Time>) -> Value {
    t.as_ref().map_or(Value::Null, |t| Value::String(time(t)))
}

pub fn test_status(state: TestState, catalog: &StatusCatalog) -> String {
    catalog.state_slug(state)
}

pub fn project(p: &ProjectSummary) -> Value {
    json!({
        "code": p.project.code.as_str(),
        "title": p.project.title,
        "cases": p.cases,
        "runs": p.runs,
        "active_runs": p.active_runs,
        "defects": p.defects,
        "created": time(&p.project.created),
    })
}

pub fn case(code: &ProjectCode, c: &Case, suites: &SuiteNames) -> Value {
    json!({
        "id": format!("{code}-{}", c.no),
        "title": c.title,
        "suite": suites.get(c.suite),
        "priority": c.priority.as_str(),
        "severity": c.severity.as_str(),
        "type": c.case_type.as_str(),
        "behavior": c.behavior.as_str(),
        "automation": c.automation.as_str(),
        "status": c.status.as_str(),
        "tags": c.tags,
        "estimate_ms": c.estimate_ms,
        "muted": c.muted,
        "version": c.version,
        "description": c.description,
        "preconditions": c.preconditions,
        "postconditions": c.postconditions,
        "flaky": c.flaky,
        "layer": c.layer.as_str(),
        "milestone": c.milestone,
        "parameters": c.params.iter().map(|(name, values)| json!({"name": name, "values": values})).collect::<Vec<_>>(),
        "references": c.refs,
        "source": c.source,
        "steps_type": c.steps_kind.as_str(),
        "steps": c.steps.iter().map(|s| json!({"action": s.action, "data": s.data, "expected": s.expected, "level": s.level})).collect::<Vec<_>>(),
    })
}

pub fn counts(c: &RunStats, catalog: &StatusCatalog) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("total".into(), c.total.into());
    m.insert("untested".into(), c.untested.into());
    m.insert("retest".into(), c.retest.into());
    for s in catalog.selectable() {
        m.insert(catalog.slug(s), c.of(s).into());
    }
    for (s, n) in &c.by_status {
        m.insert(catalog.slug(*s), (*n).into());
    }
    m.insert("completion_percent".into(), c.percent().into());
    Value::Object(m)
}

fn run_fields(run: &crate::domain::Run) -> serde_json::Map<String, Value> {
    let v = json!({
        "number": run.no,
        "title": run.title,
        "description": run.description,
        "state": run.state.as_str(),
        "outcome": run.outcome.map(|o| o.as_str()),
        "environment": run.environment,
        "milestone": run.milestone,
        "configs": run.configs.iter().map(|(g, v)| json!({"group": g, "values": v})).collect::<Vec<_>>(),
        "tags": run.tags,
        "author": run.author,
        "created": time(&run.created),
        "started": opt_time(&run.started),
        "ended": opt_time(&run.ended),
    });
    match v {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

pub fn run_summary(s: &RunSummary, project: &Project) -> Value {
    let mut m = run_fields(&s.run);
    m.insert("counts".into(), counts(&s.counts, &project.catalog()));
    Value::Object(m)
}

pub fn test(code: &ProjectCode, t: &Test, suites: &SuiteNames, catalog: &StatusCatalog) -> Value {
    json!({
        "id": t.id,
        "case": format!("{code}-{}", t.case_no),
        "title": t.snapshot.title,
        "suite": suites.get(t.snapshot.suite),
        "config": t.config.label(),
        "status": test_status(t.state(), catalog),
        "assignee": t.assignee,
        "case_version": t.snapshot.version,
        "results": t.results.iter().map(|r| json!({
            "status": catalog.slug(r.status),
            "comment": r.comment,
            "author": r.author,
            "at": time(&r.at),
            "duration_ms": r.duration_ms,
            "steps": r.steps.iter().map(|s| json!({
                "status": s.status.map(|st| catalog.slug(st)),
                "comment": s.comment,
            })).collect::<Vec<_>>(),
            "attachments": r.attachments.iter().map(|a| json!({"name": a.name, "size": a.size, "sha256": a.sha256})).collect::<Vec<_>>(),
            "defects": r.defects.iter().map(|d| format!("D-{d}")).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

pub fn run_view(v: &RunView) -> Value {
    let catalog = v.project.catalog();
    let mut m = run_fields(&v.run);
    m.insert("counts".into(), counts(&v.counts, &catalog));
    m.insert(
        "tests".into(),
        Value::Array(
            v.tests
                .iter()
                .map(|t| test(&v.project.code, t, &v.suites, &catalog))
                .collect(),
        ),
    );
    Value::Object(m)
}
