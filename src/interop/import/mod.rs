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

pub use detect::{Format, detect};
pub use error::{LineIndex, ParseError, line_col};

use crate::domain::{Case, ResultStatus};

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

/// One JUnit testcase, as a result to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedResult {
    /// Suite path for a case created from it (testsuite, then classname).
    pub suite: Vec<String>,
    pub title: String,
    /// `junit:...`, the identity of a case created from it.
    pub source: String,
    /// A case id given by a `stepwise_id` property, e.g. `DEMO-12`.
    pub stepwise_id: Option<String>,
    pub status: ResultStatus,
    pub duration_ms: u64,
    /// Failure or error message and text, skip message, system-out.
    pub comment: String,
    /// The line of the `<testcase>` element, for messages.
    pub line: usize,
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

/// Parses `bytes` as `format` (never `Format::Auto`: call [`detect`] first).
pub fn parse(format: Format, bytes: &[u8]) -> Result<Parsed, ParseError> {
    Ok(match format {
        Format::QaseCsv | Format::Auto => Parsed::Cases(qase_csv::parse(bytes)?),
        Format::QaseJson => Parsed::Cases(qase_json::parse(bytes)?),
        Format::TestrailXml => Parsed::Cases(testrail_xml::parse(bytes)?),
        Format::Junit => Parsed::Results(junit::parse(bytes)?),
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
    let add = |path: &[String], description: &str, out: &mut Vec<ImportedSuite>| {
        for depth in 1..=path.len() {
            let prefix = &path[..depth];
            if let Some(s) = out.iter_mut().find(|s| s.path == prefix) {
                if depth == path.len() && s.description.is_empty() {
                    s.description = description.to_string();
                }
            } else {
                let desc = if depth == path.len() { description } else { "" };
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
