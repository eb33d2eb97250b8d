//! Run reports: one run with its tests, results and defects written as CSV,
//! JSON, JUnit XML, Markdown, a self-contained HTML page or a PDF. Each
//! format has its own file; this one holds what they share.

mod csv;
pub mod file;
mod html;
mod json;
mod junit;
mod md;
mod pdf;
mod pdf_draw;
mod pdf_layout;
mod svg;

use crate::domain::{Defect, ResultStatus, RunView, StatusCatalog, Test, TestState, Time};
use std::collections::BTreeMap;

/// The formats `stepwise export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ExportFormat {
    Csv,
    Json,
    Junit,
    Md,
    Html,
    Pdf,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [Self::Csv, Self::Json, Self::Junit, Self::Md, Self::Html, Self::Pdf];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Junit => "junit",
            Self::Md => "md",
            Self::Html => "html",
            Self::Pdf => "pdf",
        }
    }

    /// By name, case-insensitively; `markdown` and `xml` are accepted too.
    pub fn parse(input: &str) -> Option<Self> {
        match input.trim().to_ascii_lowercase().as_str() {
            "markdown" => Some(Self::Md),
            "xml" => Some(Self::Junit),
            s => Self::ALL.into_iter().find(|f| f.as_str() == s),
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Junit => "xml",
            other => other.as_str(),
        }
    }

    /// Whether the output is text that may go to a terminal.
    pub fn is_text(self) -> bool {
        self != Self::Pdf
    }

    /// A sensible file name for a run's report, e.g. `DEMO-run-2.html`.
    pub fn file_name(self, project: &str, run: u64) -> String {
        format!("{project}-run-{run}.{}", self.extension())
    }
}

/// A report could not be produced (a writer or the PDF library failed).
#[derive(Debug, thiserror::Error)]
#[error("cannot write the {format} report: {message}")]
pub struct ExportError {
    pub format: &'static str,
    pub message: String,
}

impl ExportError {
    fn new(format: ExportFormat, e: impl std::fmt::Display) -> Self {
        Self {
            format: format.as_str(),
            message: e.to_string(),
        }
    }
}

/// Everything a report shows: the run view, the defects its results link
/// to, and when the report was made.
pub struct Report<'a> {
    pub view: &'a RunView,
    pub defects: &'a BTreeMap<u64, Defect>,
    pub generated: Time,
}

/// Writes `report` in `format`.
pub fn render(report: &Report, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    let err = |e: std::io::Error| ExportError::new(format, e);
    match format {
        ExportFormat::Csv => csv::render(report).map_err(|e| ExportError::new(format, e)),
        ExportFormat::Json => Ok(json::render(report)),
        ExportFormat::Junit => junit::render(report).map_err(err),
        ExportFormat::Md => Ok(md::render(report).into_bytes()),
        ExportFormat::Html => Ok(html::render(report).into_bytes()),
        ExportFormat::Pdf => pdf::render(report).map_err(|e| ExportError::new(format, e)),
    }
}

/// One slice of the status donut.
pub(crate) struct Slice {
    pub label: String,
    pub count: u32,
    pub colour: &'static str,
    /// Whole percent of the tests; the slices' shares add up to 100.
    pub share: u32,
}

impl Report<'_> {
    pub fn catalog(&self) -> StatusCatalog<'_> {
        self.view.project.catalog()
    }

    /// `DEMO-3`
    pub fn case_id(&self, t: &Test) -> String {
        format!("{}-{}", self.view.project.code, t.case_no)
    }

    /// `DEMO #2 Smoke tests`
    pub fn heading(&self) -> String {
        format!(
            "{} #{} {}",
            self.view.project.code, self.view.run.no, self.view.run.title
        )
    }

    /// A test's state as its shown name: `Passed`, `Untested`, `Retest`.
    pub fn state_name(&self, state: TestState) -> String {
        match state {
            TestState::Untested => "Untested".into(),
            TestState::Retest => "Retest".into(),
            TestState::Done(s) => self.catalog().name(s),
        }
    }

    pub fn status_colour(&self, s: ResultStatus) -> &'static str {
        colour_hex(&self.catalog().colour(s))
    }

    /// `D-4 Login button does nothing` (just `D-4` for an unknown defect).
    pub fn defect_label(&self, no: u64) -> String {
        match self.defects.get(&no) {
            Some(d) => format!("D-{no} {}", d.title),
            None => format!("D-{no}"),
        }
    }

    /// The tests grouped by suite path, suites in the order the run first
    /// lists them.
    pub fn by_suite(&self) -> Vec<(&str, Vec<&Test>)> {
        let mut groups: Vec<(&str, Vec<&Test>)> = Vec::new();
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for t in &self.view.tests {
            let suite = self.view.suites.get(t.snapshot.suite);
            let i = *index.entry(suite).or_insert_with(|| {
                groups.push((suite, Vec::new()));
                groups.len() - 1
            });
            groups[i].1.push(t);
        }
        groups
    }

    /// The donut's slices: every status with tests, then retest and untested.
    pub(crate) fn slices(&self) -> Vec<Slice> {
        let catalog = self.catalog();
        let c = &self.view.counts;
        let mut out: Vec<Slice> = c
            .by_status
            .iter()
            .map(|(s, n)| Slice {
                label: catalog.name(*s),
                count: *n,
                colour: self.status_colour(*s),
                share: 0,
            })
            .collect();
        out.push(Slice {
            label: "Retest".into(),
            count: c.retest,
            colour: "#0e7490",
            share: 0,
        });
        out.push(Slice {
            label: "Untested".into(),
            count: c.untested,
            colour: "#cbd5e1",
            share: 0,
        });
        out.retain(|s| s.count > 0);
        let counts: Vec<u32> = out.iter().map(|s| s.count).collect();
        for (s, share) in out.iter_mut().zip(crate::domain::rules::percent_shares(&counts)) {
            s.share = share;
        }
        out
    }

    /// Run facts as label/value pairs, in the order the reports show them.
    pub fn details(&self) -> Vec<(&'static str, String)> {
        let r = &self.view.run;
        let c = &self.view.counts;
        let total_ms: u64 = self.view.tests.iter().map(Test::total_duration_ms).sum();
        let estimate_ms: u64 = self.view.tests.iter().filter_map(|t| t.snapshot.estimate_ms).sum();
        let configs: Vec<String> = r
            .configs
            .iter()
            .map(|(g, v)| format!("{g}: {}", v.join(", ")))
            .collect();
        let mut out = vec![
            (
                "Project",
                format!("{} {}", self.view.project.code, self.view.project.title),
            ),
            ("State", r.state.as_str().into()),
            ("Outcome", r.outcome.map_or("-", |o| o.as_str()).into()),
            ("Completion", format!("{}/{} ({}%)", c.done(), c.total, c.percent())),
            ("Environment", r.environment.clone().unwrap_or_else(|| "-".into())),
            ("Milestone", r.milestone.clone().unwrap_or_else(|| "-".into())),
            ("Configurations", or_dash(configs.join("; "))),
            ("Tags", or_dash(r.tags.join(", "))),
            ("Author", r.author.clone()),
            ("Created", time(&r.created)),
            ("Started", r.started.as_ref().map_or("-".into(), time)),
            ("Ended", r.ended.as_ref().map_or("-".into(), time)),
            ("Time spent", duration(total_ms)),
            (
                "Estimate",
                if estimate_ms == 0 {
                    "-".into()
                } else {
                    duration(estimate_ms)
                },
            ),
        ];
        if !r.description.trim().is_empty() {
            out.push(("Description", r.description.clone()));
        }
        out
    }
}

fn or_dash(s: String) -> String {
    if s.is_empty() { "-".into() } else { s }
}

/// `2025-03-04 10:15 UTC`
pub fn time(t: &Time) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// `1h2m`, `3m5s`, `12s`, `0s`: the one duration formatter, as every
/// screen shows durations.
pub fn duration(ms: u64) -> String {
    crate::domain::duration::format_duration(ms)
}

/// The 16 named terminal colours as CSS/PDF colours (unknown: slate).
pub fn colour_hex(name: &str) -> &'static str {
    match name {
        "green" => "#16a34a",
        "red" => "#dc2626",
        "yellow" => "#ca8a04",
        "blue" => "#2563eb",
        "magenta" => "#a21caf",
        "cyan" => "#0891b2",
        "gray" | "grey" => "#6b7280",
        "white" => "#94a3b8",
        "black" => "#111827",
        "darkgray" | "darkgrey" => "#374151",
        "lightred" => "#f87171",
        "lightgreen" => "#4ade80",
        "lightyellow" => "#facc15",
        "lightblue" => "#60a5fa",
        "lightmagenta" => "#e879f9",
        "lightcyan" => "#22d3ee",
        _ => "#64748b",
    }
}

/// Control characters (other than tab and newline) become spaces: XML
/// cannot hold them and no reader wants them.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_name_files() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::parse(f.as_str()), Some(f));
        }
        assert_eq!(ExportFormat::parse("MarkDown"), Some(ExportFormat::Md));
        assert_eq!(ExportFormat::parse("xls"), None);
        assert_eq!(ExportFormat::Junit.file_name("DEMO", 2), "DEMO-run-2.xml");
        assert_eq!(ExportFormat::Html.file_name("DEMO", 2), "DEMO-run-2.html");
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(duration(0), "0s");
        assert_eq!(duration(65_000), "1m5s");
        assert_eq!(duration(3_720_000), "1h2m");
    }

    #[test]
    fn control_characters_are_cleaned() {
        assert_eq!(clean("a\u{1}b\r\nc\td"), "a b \nc\td");
    }
}
