//! JUnit XML results: `<testsuites>` or a lone `<testsuite>`, nested
//! testsuites, `<testcase>` with `<failure>`, `<error>`, `<skipped>`,
//! `<system-out>` and `<properties>`. Counts and unknown attributes are
//! not trusted nor checked: real files get them wrong.

use super::xml::{self, Node};
use super::{ImportedResult, LineIndex, MAX_SUITE_PATH, ParseError, ResultsFile, SuiteNode, suite_path_too_long};
use crate::domain::ResultStatus;
use std::collections::HashMap;
use std::sync::Arc;

/// Longest comment kept from a failure's text (stack traces run long).
const MAX_COMMENT: usize = 8 * 1024;

pub fn parse(bytes: &[u8]) -> Result<ResultsFile, ParseError> {
    let bytes = &*xml::decode(bytes)?;
    let doc = xml::parse(
        bytes,
        xml::Nesting {
            element: "testsuite",
            what: "suites",
        },
    )?;
    let root = &doc.root;
    let lines = LineIndex::new(bytes);
    let mut file = ResultsFile {
        name: root.attr("name").unwrap_or_default().trim().to_string(),
        ..ResultsFile::default()
    };
    // Where the parser bent XML, testcase by testcase, before the rest.
    for (offset, what) in &doc.bent {
        file.warnings.push(format!("line {}: {what}", lines.line(*offset)));
    }
    let mut nameless = HashMap::new();
    let mut read = Reader {
        bytes,
        lines: &lines,
        file: &mut file,
        nameless: &mut nameless,
    };
    match root.name.as_str() {
        "testsuites" => {
            for child in &root.children {
                match child.name.as_str() {
                    "testsuite" => read.suite(child, None)?,
                    "testcase" => read.case(child, None),
                    _ => {}
                }
            }
        }
        "testsuite" => read.suite(root, None)?,
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

struct Reader<'a> {
    bytes: &'a [u8],
    lines: &'a LineIndex,
    file: &'a mut ResultsFile,
    /// Nameless testcases so far, by the source their stand-in name gives.
    nameless: &'a mut HashMap<String, usize>,
}

impl Reader<'_> {
    /// A suite and what it holds. Recursion is bounded: the parser refuses
    /// suites nested deeper than `xml::MAX_NESTING`.
    fn suite(&mut self, suite: &Node, parent: Option<&Arc<SuiteNode>>) -> Result<(), ParseError> {
        let name = suite.attr("name").unwrap_or_default().trim();
        let here = if name.is_empty() {
            parent.cloned()
        } else {
            let node = SuiteNode {
                name: name.to_string(),
                parent: parent.cloned(),
            };
            if node.path_bytes() > MAX_SUITE_PATH {
                return Err(ParseError::at_offset(self.bytes, suite.offset, suite_path_too_long()));
            }
            Some(Arc::new(node))
        };
        for child in &suite.children {
            match child.name.as_str() {
                "testsuite" => self.suite(child, here.as_ref())?,
                "testcase" => self.case(child, here.as_ref()),
                _ => {}
            }
        }
        Ok(())
    }

    fn case(&mut self, node: &Node, suites: Option<&Arc<SuiteNode>>) {
        read_case(self.lines, node, suites, self.file, self.nameless);
    }
}

fn read_case(
    lines: &LineIndex,
    node: &Node,
    suites: Option<&Arc<SuiteNode>>,
    file: &mut ResultsFile,
    nameless: &mut HashMap<String, usize>,
) {
    let line = lines.line(node.offset);
    let classname = node.attr("classname").unwrap_or_default().trim();
    let suite_name = suites.map_or("", |s| s.name.as_str());
    let mut result = ImportedResult {
        suites: suites.cloned(),
        classname: classname.to_string(),
        title: String::new(),
        stepwise_id: None,
        status: ResultStatus::Passed,
        duration_ms: 0,
        comment: String::new(),
        line,
    };
    // Real files have testcases without a name: they take their class's,
    // else their suite's; each stays a test of its own (`Name #2` ...).
    result.title = match node.attr("name").unwrap_or_default().trim() {
        "" => {
            let stand_in = [classname, suite_name]
                .into_iter()
                .find(|n| !n.is_empty())
                .unwrap_or("unnamed");
            result.title = stand_in.to_string();
            let seen = nameless.entry(result.source()).or_default();
            *seen += 1;
            let title = match *seen {
                1 => stand_in.to_string(),
                n => format!("{stand_in} #{n}"),
            };
            file.warnings.push(format!(
                "line {line}: <testcase> without a name; named '{title}', a test of its own"
            ));
            title
        }
        name => name.to_string(),
    };
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
    result.status = status;
    let out = node.child_text("system-out").trim();
    if !out.is_empty() {
        if !comment.is_empty() {
            comment.push_str("\n\n");
        }
        comment.push_str(out);
    }
    truncate(&mut comment);
    result.stepwise_id = node
        .child("properties")
        .and_then(|p| p.children("property").find(|p| p.attr("name") == Some("stepwise_id")))
        .map(|p| {
            p.attr("value")
                .map_or_else(|| p.text.trim().to_string(), |v| v.trim().to_string())
        })
        .filter(|v| !v.is_empty());
    result.duration_ms = duration_ms;
    result.comment = comment;
    file.results.push(result);
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
