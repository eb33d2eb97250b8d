//! JUnit XML results: `<testsuites>` or a lone `<testsuite>`, nested
//! testsuites, `<testcase>` with `<failure>`, `<error>`, `<skipped>`,
//! `<system-out>` and `<properties>`. Counts and unknown attributes are
//! not trusted nor checked: real files get them wrong.

use super::xml::{self, Node};
use super::{ImportedResult, LineIndex, ParseError, ResultsFile};
use crate::domain::ResultStatus;

/// Longest comment kept from a failure's text (stack traces run long).
const MAX_COMMENT: usize = 8 * 1024;

pub fn parse(bytes: &[u8]) -> Result<ResultsFile, ParseError> {
    let root = xml::parse(bytes)?;
    let lines = LineIndex::new(bytes);
    let mut file = ResultsFile {
        name: root.attr("name").unwrap_or_default().trim().to_string(),
        ..ResultsFile::default()
    };
    match root.name.as_str() {
        "testsuites" => {
            for child in &root.children {
                match child.name.as_str() {
                    "testsuite" => read_suite(&lines, child, &[], &mut file),
                    "testcase" => read_case(&lines, child, &[], &mut file),
                    _ => {}
                }
            }
        }
        "testsuite" => read_suite(&lines, &root, &[], &mut file),
        other => {
            return Err(ParseError::at_offset(
                bytes,
                root.offset,
                format!("expected <testsuites> or <testsuite> (JUnit XML), found <{other}>"),
            ));
        }
    }
    Ok(file)
}

/// The longest `time` taken as a test's duration, in ms (a week).
const MAX_MS: u64 = 7 * 24 * 3_600_000;

fn read_suite(lines: &LineIndex, suite: &Node, parent: &[String], file: &mut ResultsFile) {
    let mut path = parent.to_vec();
    let name = suite.attr("name").unwrap_or_default().trim();
    if !name.is_empty() {
        path.push(name.to_string());
    }
    for child in &suite.children {
        match child.name.as_str() {
            "testsuite" => read_suite(lines, child, &path, file),
            "testcase" => read_case(lines, child, &path, file),
            _ => {}
        }
    }
}

fn read_case(lines: &LineIndex, node: &Node, suites: &[String], file: &mut ResultsFile) {
    let line = lines.line(node.offset);
    let classname = node.attr("classname").unwrap_or_default().trim();
    let suite_name = suites.last().map_or("", String::as_str);
    // Real files have testcases without a name: they take their class's,
    // else their suite's.
    let name = match node.attr("name").unwrap_or_default().trim() {
        "" => {
            let stand_in = [classname, suite_name]
                .into_iter()
                .find(|n| !n.is_empty())
                .unwrap_or("unnamed");
            file.warnings
                .push(format!("line {line}: <testcase> without a name; named '{stand_in}'"));
            stand_in
        }
        name => name,
    };
    let mut suite = suites.to_vec();
    if !classname.is_empty() && classname != suite_name {
        suite.push(classname.to_string());
    }
    let mut source = String::from("junit:");
    if !suites.is_empty() && suite_name != classname {
        source.push_str(&suites.join("/"));
        source.push('/');
    }
    if !classname.is_empty() {
        source.push_str(classname);
        source.push('.');
    }
    source.push_str(name);
    let duration_ms = match node.attr("time").map(str::trim).filter(|t| !t.is_empty()) {
        None => 0,
        // Seconds (`1.234`, `1,234.5`), read by the one duration parser.
        Some(t) => match crate::domain::duration::parse_duration(&t.replace(',', "")) {
            // A week at most: longer is a broken file, not a test.
            Ok(ms) if ms <= MAX_MS => ms,
            Err(
                crate::domain::duration::DurationError::NotADuration(_) | crate::domain::duration::DurationError::Empty,
            ) => {
                file.warnings
                    .push(format!("line {line}: time=\"{t}\" is not seconds; duration left at 0"));
                0
            }
            _ => {
                file.warnings
                    .push(format!("line {line}: time=\"{t}\" is over a week; duration left at 0"));
                0
            }
        },
    };
    let (status, mut comment) = outcome(node);
    let out = node.child_text("system-out").trim();
    if !out.is_empty() {
        if !comment.is_empty() {
            comment.push_str("\n\n");
        }
        comment.push_str(out);
    }
    truncate(&mut comment);
    let stepwise_id = node
        .child("properties")
        .and_then(|p| p.children("property").find(|p| p.attr("name") == Some("stepwise_id")))
        .map(|p| {
            p.attr("value")
                .map_or_else(|| p.text.trim().to_string(), |v| v.trim().to_string())
        })
        .filter(|v| !v.is_empty());
    file.results.push(ImportedResult {
        suite,
        title: name.to_string(),
        source,
        stepwise_id,
        status,
        duration_ms,
        comment,
        line,
    });
}

/// The status and the message: failure and error fail, skipped skips.
fn outcome(node: &Node) -> (ResultStatus, String) {
    for (tag, status) in [
        ("failure", ResultStatus::Failed),
        ("error", ResultStatus::Failed),
        ("skipped", ResultStatus::Skipped),
    ] {
        if let Some(el) = node.child(tag) {
            let message = el.attr("message").unwrap_or_default().trim();
            let text = el.text.trim();
            let kind = el.attr("type").unwrap_or_default().trim();
            let mut parts: Vec<&str> = Vec::new();
            if !message.is_empty() {
                parts.push(message);
            }
            if !text.is_empty() && text != message {
                parts.push(text);
            }
            let mut comment = parts.join("\n");
            if comment.is_empty() && !kind.is_empty() {
                comment = kind.to_string();
            }
            return (status, comment);
        }
    }
    (ResultStatus::Passed, String::new())
}

fn truncate(s: &mut String) {
    if s.len() > MAX_COMMENT {
        let mut end = MAX_COMMENT;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push_str("\n[...]");
    }
}
