//! Qase CSV (25 columns, or 26 with `is_muted`): suite rows, case rows,
//! numbered step cells, parameters. Columns are found by their header
//! name, so their order and extra columns do not matter.

use super::{CaseFile, ImportedCase, ImportedSuite, ParseError, blank_case, complete_suites, line_col};
use crate::interop::qase;
use std::collections::HashMap;

/// One row, with what is needed to point at a cell.
struct Row<'a> {
    bytes: &'a [u8],
    record: csv::ByteRecord,
    start: usize,
    columns: &'a HashMap<String, usize>,
}

impl Row<'_> {
    fn index(&self, name: &str) -> Option<usize> {
        self.columns.get(name).copied()
    }

    fn get(&self, name: &str) -> Result<String, ParseError> {
        let Some(i) = self.index(name) else {
            return Ok(String::new());
        };
        let raw = self.record.get(i).unwrap_or_default();
        String::from_utf8(raw.to_vec()).map_err(|_| self.error(name, "expected UTF-8 text"))
    }

    /// An error pointing at the cell `name` of this row.
    fn error(&self, name: &str, message: impl std::fmt::Display) -> ParseError {
        let field = self.index(name).unwrap_or(0);
        let offset = field_offset(self.bytes, self.start, field);
        let (line, column) = line_col(self.bytes, offset);
        ParseError::new(line, column, format!("{name}: {message}"))
    }

    fn value<T>(&self, name: &str, parse: fn(&str) -> Result<T, String>) -> Result<T, ParseError> {
        parse(&self.get(name)?).map_err(|e| self.error(name, e))
    }
}

/// The byte offset where field `index` of the record at `start` begins.
fn field_offset(bytes: &[u8], start: usize, index: usize) -> usize {
    let (mut field, mut quoted) = (0, false);
    for (i, b) in bytes.iter().enumerate().skip(start) {
        if field == index {
            return i;
        }
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => field += 1,
            b'\n' if !quoted => return i,
            _ => {}
        }
    }
    bytes.len()
}

pub fn parse(bytes: &[u8]) -> Result<CaseFile, ParseError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(body);
    let csv_err = |e: csv::Error| {
        let offset = e.position().map_or(0, |p| p.byte() as usize);
        ParseError::at_offset(body, offset, format!("malformed CSV: {e}"))
    };
    let headers = reader.byte_headers().map_err(csv_err)?.clone();
    let columns: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (String::from_utf8_lossy(h).trim().to_ascii_lowercase(), i))
        .collect();
    if !columns.contains_key("title") {
        return Err(ParseError::new(
            1,
            1,
            "expected a Qase CSV header with a title column (v2.id,title,description,...)",
        ));
    }
    let mut file = CaseFile {
        // Qase CSV has no column for these; older files none for `is_muted`.
        lacks: if columns.contains_key("is_muted") {
            vec!["estimate", "references"]
        } else {
            vec!["estimate", "references", "muted"]
        },
        ..CaseFile::default()
    };
    // suite id -> (name, parent id)
    let mut suites: Vec<(String, String, String)> = Vec::new();
    let mut case_suite: Vec<String> = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_err(e)),
        }
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let row = Row {
            bytes: body,
            record: record.clone(),
            start,
            columns: &columns,
        };
        let (id, title) = (row.get("v2.id")?, row.get("title")?);
        let suite_id = row.get("suite_id")?.trim().to_string();
        if !suite_id.is_empty() {
            let (name, parent) = (row.get("suite")?, row.get("suite_parent_id")?);
            if !suites.iter().any(|(id, _, _)| *id == suite_id) {
                suites.push((suite_id.clone(), name.trim().to_string(), parent.trim().to_string()));
            }
        }
        if id.trim().is_empty() && title.trim().is_empty() {
            if suite_id.is_empty() && row.record.iter().any(|f| !f.is_empty()) {
                return Err(row.error("title", "expected a case title, or a suite row with suite_id"));
            }
            continue;
        }
        if title.trim().is_empty() {
            return Err(row.error("title", "expected a case title"));
        }
        file.cases.push(ImportedCase {
            suite: Vec::new(),
            case: read_case(&row, &id, &title)?,
        });
        case_suite.push(suite_id);
    }
    let paths = suite_paths(&suites).map_err(|m| ParseError::new(1, 1, m))?;
    for (id, _, _) in &suites {
        if let Some(path) = paths.get(id) {
            file.suites.push(ImportedSuite {
                path: path.clone(),
                description: String::new(),
            });
        }
    }
    for (case, suite_id) in file.cases.iter_mut().zip(case_suite) {
        case.suite = paths.get(&suite_id).cloned().unwrap_or_default();
    }
    complete_suites(&mut file);
    Ok(file)
}

fn read_case(row: &Row, id: &str, title: &str) -> Result<crate::domain::Case, ParseError> {
    let mut c = blank_case(title);
    c.description = row.get("description")?;
    c.preconditions = row.get("preconditions")?;
    c.postconditions = row.get("postconditions")?;
    c.tags = row
        .get("tags")?
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    c.priority = row.value("priority", qase::priority)?;
    c.severity = row.value("severity", qase::severity)?;
    c.case_type = row.value("type", qase::case_type)?;
    c.behavior = row.value("behavior", qase::behavior)?;
    c.automation = row.value("automation", qase::automation)?;
    c.status = row.value("status", qase::status)?;
    c.flaky = row.value("is_flaky", qase::yes_no)?;
    c.muted = row.value("is_muted", qase::yes_no)?;
    c.layer = row.value("layer", qase::layer)?;
    c.steps_kind = row.value("steps_type", qase::steps_kind)?;
    let (a, r, d) = (
        row.get("steps_actions")?,
        row.get("steps_result")?,
        row.get("steps_data")?,
    );
    c.steps = qase::steps_from_cells(&a, &r, &d).map_err(|e| row.error("steps_actions", e))?;
    let milestone = row.get("milestone")?;
    c.milestone = Some(milestone.trim().to_string()).filter(|m| !m.is_empty());
    c.params = row.value("parameters", qase::parse_params)?;
    let id = id.trim();
    if !id.is_empty() {
        if !id.chars().all(|ch| ch.is_ascii_digit()) {
            return Err(row.error("v2.id", format!("expected a number, got '{id}'")));
        }
        c.source = Some(format!("qase:{id}"));
    }
    Ok(c)
}

/// Every suite id's path of names, through `suite_parent_id`.
fn suite_paths(suites: &[(String, String, String)]) -> Result<HashMap<String, Vec<String>>, String> {
    let by_id: HashMap<&str, (&str, &str)> = suites
        .iter()
        .map(|(id, name, parent)| (id.as_str(), (name.as_str(), parent.as_str())))
        .collect();
    let mut out = HashMap::new();
    for (id, _, _) in suites {
        let mut path = Vec::new();
        let mut at = id.as_str();
        // Bounded: a chain deeper than MAX_NESTING is refused, so the paths
        // together stay linear in the file.
        for _ in 0..=suites.len().min(super::MAX_NESTING) {
            let Some((name, parent)) = by_id.get(at) else { break };
            path.push(if name.is_empty() {
                format!("Suite {at}")
            } else {
                name.to_string()
            });
            if parent.is_empty() {
                at = "";
                break;
            }
            at = parent;
        }
        if !at.is_empty() && by_id.contains_key(at) {
            if path.len() > super::MAX_NESTING {
                return Err(format!(
                    "suite {id}: suites nested deeper than {} (or suite_parent_id makes a cycle)",
                    super::MAX_NESTING
                ));
            }
            return Err(format!("suite {id}: suite_parent_id makes a cycle"));
        }
        if path.iter().map(String::len).sum::<usize>() > super::MAX_SUITE_PATH {
            return Err(format!("suite {id}: {}", super::suite_path_too_long()));
        }
        path.reverse();
        out.insert(id.clone(), path);
    }
    Ok(out)
}
