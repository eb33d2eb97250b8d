//! `junit`: JUnit XML, one `<testsuite>` per suite and one `<testcase>` per
//! test. Failed, blocked, invalid (any negative status) become `<failure>`;
//! skipped becomes `<skipped>`, untested and retest `<skipped>` with a
//! message. Each testcase carries a `stepwise_id` property (the case id), so
//! `stepwise import` maps it back. quick-xml escapes every value.

use super::{Report, clean};
use crate::domain::{Test, TestState};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io;

enum Verdict {
    Pass,
    Failure(String),
    Skipped(String),
}

fn verdict(report: &Report, t: &Test) -> Verdict {
    let catalog = report.catalog();
    match t.state() {
        TestState::Untested => Verdict::Skipped("untested".into()),
        TestState::Retest => Verdict::Skipped("retest".into()),
        TestState::Done(s) if catalog.is_negative(s) => Verdict::Failure(catalog.slug(s)),
        TestState::Done(crate::domain::ResultStatus::Skipped) => Verdict::Skipped("skipped".into()),
        TestState::Done(_) => Verdict::Pass,
    }
}

fn seconds(ms: u64) -> String {
    format!("{:.3}", ms as f64 / 1000.0)
}

pub fn render(report: &Report) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let tests = &report.view.tests;
    let count = |f: fn(&Verdict) -> bool| tests.iter().filter(|t| f(&verdict(report, t))).count().to_string();
    let failures = count(|v| matches!(v, Verdict::Failure(_)));
    let skipped = count(|v| matches!(v, Verdict::Skipped(_)));
    let total_ms: u64 = tests.iter().map(Test::total_duration_ms).sum();
    let heading = clean(&report.heading());
    let total = tests.len().to_string();
    let root = BytesStart::new("testsuites").with_attributes([
        ("name", heading.as_str()),
        ("tests", total.as_str()),
        ("failures", failures.as_str()),
        ("errors", "0"),
        ("skipped", skipped.as_str()),
        ("time", seconds(total_ms).as_str()),
    ]);
    w.write_event(Event::Start(root))?;
    for (suite, tests) in report.by_suite() {
        suite_element(report, &mut w, suite, &tests)?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuites")))?;
    let mut out = w.into_inner();
    out.push(b'\n');
    Ok(out)
}

fn suite_element(report: &Report, w: &mut Writer<Vec<u8>>, suite: &str, tests: &[&Test]) -> io::Result<()> {
    let run = &report.view.run;
    let name = clean(if suite.is_empty() { "(no suite)" } else { suite });
    let n = |f: fn(&Verdict) -> bool| tests.iter().filter(|t| f(&verdict(report, t))).count().to_string();
    let failures = n(|v| matches!(v, Verdict::Failure(_)));
    let skipped = n(|v| matches!(v, Verdict::Skipped(_)));
    let total_ms: u64 = tests.iter().map(|t| t.total_duration_ms()).sum();
    let timestamp = run
        .started
        .unwrap_or(run.created)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let total = tests.len().to_string();
    let start = BytesStart::new("testsuite").with_attributes([
        ("name", name.as_str()),
        ("tests", total.as_str()),
        ("failures", failures.as_str()),
        ("errors", "0"),
        ("skipped", skipped.as_str()),
        ("time", seconds(total_ms).as_str()),
        ("timestamp", timestamp.as_str()),
    ]);
    w.write_event(Event::Start(start))?;
    let mut props = vec![
        ("run", format!("#{} {}", run.no, run.title)),
        ("state", run.state.as_str().into()),
    ];
    if let Some(env) = &run.environment {
        props.push(("environment", env.clone()));
    }
    if let Some(m) = &run.milestone {
        props.push(("milestone", m.clone()));
    }
    properties(w, &props)?;
    for t in tests {
        testcase(report, w, t)?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuite")))
}

fn properties(w: &mut Writer<Vec<u8>>, props: &[(&str, String)]) -> io::Result<()> {
    w.write_event(Event::Start(BytesStart::new("properties")))?;
    for (name, value) in props {
        let value = clean(value);
        w.create_element("property")
            .with_attributes([("name", *name), ("value", value.as_str())])
            .write_empty()?;
    }
    w.write_event(Event::End(BytesEnd::new("properties")))
}

fn testcase(report: &Report, w: &mut Writer<Vec<u8>>, t: &Test) -> io::Result<()> {
    let config = t.config.label();
    let name = clean(&if config.is_empty() {
        t.snapshot.title.clone()
    } else {
        format!("{} [{config}]", t.snapshot.title)
    });
    let classname = clean(&match report.view.suites.get(t.snapshot.suite) {
        "" => report.view.project.code.to_string(),
        s => format!("{}.{s}", report.view.project.code),
    });
    let time = seconds(t.total_duration_ms());
    let start = BytesStart::new("testcase").with_attributes([
        ("name", name.as_str()),
        ("classname", classname.as_str()),
        ("time", time.as_str()),
    ]);
    w.write_event(Event::Start(start))?;
    let mut props = vec![("stepwise_id", report.case_id(t))];
    if let Some(a) = &t.assignee {
        props.push(("assignee", a.clone()));
    }
    properties(w, &props)?;
    let last = t.results.last();
    let details = last.map(|r| detail_text(report, r)).unwrap_or_default();
    match verdict(report, t) {
        Verdict::Pass => {}
        Verdict::Failure(status) => {
            let message = clean(last.map_or("", |r| r.comment.lines().next().unwrap_or("")));
            w.create_element("failure")
                .with_attributes([
                    ("message", if message.is_empty() { status.as_str() } else { &message }),
                    ("type", &status),
                ])
                .write_text_content(BytesText::new(&details))?;
        }
        Verdict::Skipped(message) => {
            w.create_element("skipped")
                .with_attribute(("message", message.as_str()))
                .write_empty()?;
        }
    }
    if !details.is_empty() {
        w.create_element("system-out")
            .write_text_content(BytesText::new(&details))?;
    }
    w.write_event(Event::End(BytesEnd::new("testcase")))
}

/// The latest result as text: comment, step statuses, defects.
fn detail_text(report: &Report, r: &crate::domain::TestResult) -> String {
    let catalog = report.catalog();
    let mut lines = vec![format!(
        "{} by {} at {}",
        catalog.name(r.status),
        r.author,
        super::time(&r.at)
    )];
    if !r.comment.trim().is_empty() {
        lines.push(r.comment.clone());
    }
    for (i, s) in r.steps.iter().enumerate() {
        if let Some(st) = s.status {
            let comment = if s.comment.is_empty() {
                String::new()
            } else {
                format!(": {}", s.comment)
            };
            lines.push(format!("step {}: {}{comment}", i + 1, catalog.slug(st)));
        }
    }
    for d in &r.defects {
        lines.push(format!("defect {}", report.defect_label(*d)));
    }
    clean(&lines.join("\n"))
}
