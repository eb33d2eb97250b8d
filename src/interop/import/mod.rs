//! Importers: pure parsers from the files users bring (Qase CSV and JSON,
//! TestRail XML, JUnit XML) to one intermediate model. Nothing here reads
//! the store or the file system; `service::import` applies the model.

mod detect;
mod error;
pub mod junit;
pub mod qase_csv;
pub mod qase_json;
pub mod testrail_xml;
mod xml;

pub use detect::{ImportFormat, detect};
pub use error::{LineIndex, ParseError, line_col};
pub use xml::{MAX_ELEMENTS_DEEP, MAX_NESTING};

use crate::domain::{Case, ResultStatus};
use std::sync::Arc;

/// A suite by its path of names from the top (`["Detail", "Promotions"]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedSuite {
    pub path: Vec<String>,
    pub description: String,
}

/// A case as the file describes it: every field in `case` except the
/// store's own (`no`, `suite`, `version`, times), and its suite's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedCase {
    /// Empty: the case sits in no suite.
    pub suite: Vec<String>,
    pub case: Case,
}

/// A repository file: suites (parents before children) and cases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseFile {
    pub suites: Vec<ImportedSuite>,
    pub cases: Vec<ImportedCase>,
    pub warnings: Vec<String>,
    /// Fields (as `service::changed_fields` names them) this file cannot
    /// carry: a case it matches keeps its own values of these.
    pub lacks: Vec<&'static str>,
}

/// The most bytes a suite path's names may hold together: every case
/// created in it carries the path in its source, so a file cannot make
/// each of its testcases a copy of a huge path.
pub const MAX_SUITE_PATH: usize = 1024;

/// The refusal of a suite whose path is longer than [`MAX_SUITE_PATH`].
pub(crate) fn suite_path_too_long() -> String {
    format!("suite names nested here add up to more than {MAX_SUITE_PATH} bytes")
}

/// A JUnit suite, shared by what it holds: its name and its parent (a
/// file's suites nest at most `xml::MAX_NESTING` deep), so a testcase's
/// suite path costs nothing however deep and wide the file.
#[derive(Debug, PartialEq, Eq)]
pub struct SuiteNode {
    pub name: String,
    pub parent: Option<Arc<SuiteNode>>,
}

impl SuiteNode {
    /// The bytes of the names from the top down to this one.
    pub fn path_bytes(&self) -> usize {
        let mut total = self.name.len();
        let mut at = self.parent.as_ref();
        while let Some(n) = at {
            total += n.name.len();
            at = n.parent.as_ref();
        }
        total
    }

    /// The names from the top down to `node`.
    pub fn path(node: Option<&Arc<SuiteNode>>) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = node;
        while let Some(n) = at {
            out.push(n.name.clone());
            at = n.parent.as_ref();
        }
        out.reverse();
        out
    }
}

impl Drop for SuiteNode {
    /// Unlinks the parents one by one: a deep chain drops without recursion.
    fn drop(&mut self) {
        let mut next = self.parent.take();
        while let Some(node) = next {
            next = match Arc::try_unwrap(node) {
                Ok(mut n) => n.parent.take(),
                Err(_) => None,
            };
        }
    }
}

/// One JUnit testcase, as a result to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedResult {
    /// The suites it is in (None: none).
    pub suites: Option<Arc<SuiteNode>>,
    /// Its `classname` (trimmed; may be empty).
    pub classname: String,
    pub title: String,
    /// A case id given by a `stepwise_id` property, e.g. `DEMO-12`.
    pub stepwise_id: Option<String>,
    pub status: ResultStatus,
    pub duration_ms: u64,
    /// Failure or error message and text, skip message, system-out.
    pub comment: String,
    /// The line of the `<testcase>` element, for messages.
    pub line: usize,
}

impl ImportedResult {
    /// Suite path for a case created from it (testsuites, then classname).
    pub fn suite(&self) -> Vec<String> {
        let mut path = SuiteNode::path(self.suites.as_ref());
        let suite_name = self.suites.as_ref().map_or("", |s| s.name.as_str());
        if !self.classname.is_empty() && self.classname != suite_name {
            path.push(self.classname.clone());
        }
        path
    }

    /// `junit:...`, the identity of a case created from it.
    pub fn source(&self) -> String {
        let mut source = String::from("junit:");
        let suite_name = self.suites.as_ref().map_or("", |s| s.name.as_str());
        if self.suites.is_some() && suite_name != self.classname {
            source.push_str(&SuiteNode::path(self.suites.as_ref()).join("/"));
            source.push('/');
        }
        if !self.classname.is_empty() {
            source.push_str(&self.classname);
            source.push('.');
        }
        source.push_str(&self.title);
        source
    }
}

/// A results file: its name (the `<testsuites name>`) and its testcases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResultsFile {
    pub name: String,
    pub results: Vec<ImportedResult>,
    pub warnings: Vec<String>,
}

/// What a file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    Cases(CaseFile),
    Results(ResultsFile),
}

/// Parses `bytes` as `format` (never `ImportFormat::Auto`: call [`detect`] first).
pub fn parse(format: ImportFormat, bytes: &[u8]) -> Result<Parsed, ParseError> {
    if let Some(what) = detect::not_text(bytes) {
        return Err(ParseError::new(1, 1, what));
    }
    Ok(match format {
        ImportFormat::QaseCsv | ImportFormat::Auto => Parsed::Cases(qase_csv::parse(bytes)?),
        ImportFormat::QaseJson => Parsed::Cases(qase_json::parse(bytes)?),
        ImportFormat::TestrailXml => Parsed::Cases(testrail_xml::parse(bytes)?),
        ImportFormat::Junit => Parsed::Results(junit::parse(bytes)?),
    })
}

/// A case with default fields and the store's fields zeroed, for parsers.
pub(crate) fn blank_case(title: &str) -> Case {
    Case::new(0, title.trim(), chrono::DateTime::UNIX_EPOCH)
}

/// Adds the suite paths a file mentions but does not list, parents first,
/// keeping the listed order otherwise.
pub(crate) fn complete_suites(file: &mut CaseFile) {
    let mut out: Vec<ImportedSuite> = Vec::new();
    // Path -> index in `out`: one look-up per level, not a scan.
    let mut index: std::collections::HashMap<Vec<String>, usize> = std::collections::HashMap::new();
    let mut add = |path: &[String], description: &str, out: &mut Vec<ImportedSuite>| {
        // A path already there has its parents there too.
        let known = index.get(path).copied();
        let from = if known.is_some() { path.len() } else { 1 };
        for depth in from..=path.len() {
            let prefix = &path[..depth];
            if let Some(&i) = index.get(prefix) {
                let s = &mut out[i];
                if depth == path.len() && s.description.is_empty() {
                    s.description = description.to_string();
                }
            } else {
                let desc = if depth == path.len() { description } else { "" };
                index.insert(prefix.to_vec(), out.len());
                out.push(ImportedSuite {
                    path: prefix.to_vec(),
                    description: desc.to_string(),
                });
            }
        }
    };
    for s in &file.suites {
        add(&s.path, &s.description, &mut out);
    }
    for c in &file.cases {
        add(&c.suite, "", &mut out);
    }
    file.suites = out;
}
