//! `csv`: one row per test and result (a test without results gets one
//! row), for spreadsheets. Cells that a spreadsheet would run as a formula
//! are neutralised (OWASP's CSV injection advice).

use super::{Report, clean};
use crate::domain::{Test, TestResult};

const HEADER: [&str; 18] = [
    "run",
    "run_title",
    "case",
    "title",
    "suite",
    "config",
    "test_status",
    "assignee",
    "result",
    "result_status",
    "author",
    "at",
    "duration_ms",
    "comment",
    "steps",
    "defects",
    "attachments",
    "case_version",
];

pub fn render(report: &Report) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)?;
    for t in &report.view.tests {
        if t.results.is_empty() {
            w.write_record(row(report, t, None).iter().map(|c| safe_cell(c)))?;
        }
        for (i, r) in t.results.iter().enumerate() {
            w.write_record(row(report, t, Some((i + 1, r))).iter().map(|c| safe_cell(c)))?;
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

fn row(report: &Report, t: &Test, result: Option<(usize, &TestResult)>) -> Vec<String> {
    let catalog = report.catalog();
    let v = report.view;
    let mut cells = vec![
        format!("#{}", v.run.no),
        v.run.title.clone(),
        report.case_id(t),
        t.snapshot.title.clone(),
        v.suites.get(t.snapshot.suite).to_string(),
        t.config.label(),
        catalog.state_slug(t.state()),
        t.assignee.clone().unwrap_or_default(),
    ];
    match result {
        None => cells.extend(std::iter::repeat_n(String::new(), 9)),
        Some((n, r)) => {
            let steps: Vec<String> = r
                .steps
                .iter()
                .enumerate()
                .filter(|(_, s)| s.status.is_some() || !s.comment.is_empty())
                .map(|(i, s)| {
                    let status = s.status.map_or("-".into(), |st| catalog.slug(st));
                    match s.comment.trim() {
                        "" => format!("{}: {status}", i + 1),
                        c => format!("{}: {status} ({c})", i + 1),
                    }
                })
                .collect();
            cells.extend([
                n.to_string(),
                catalog.slug(r.status),
                r.author.clone(),
                crate::interop::json::time(&r.at),
                r.duration_ms.to_string(),
                r.comment.clone(),
                steps.join("; "),
                r.defects
                    .iter()
                    .map(|d| report.defect_label(*d))
                    .collect::<Vec<_>>()
                    .join("; "),
                r.attachments
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ]);
        }
    }
    cells.push(t.snapshot.version.to_string());
    cells
}

/// A cell a spreadsheet would take for a formula (`= + - @`, tab, CR)
/// gets a leading `'`; control characters other than newline become spaces.
pub fn safe_cell(s: &str) -> String {
    let s = if s.contains(|c: char| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
        clean(s)
    } else {
        s.to_string()
    };
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::safe_cell;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"] {
            assert_eq!(safe_cell(bad), format!("'{bad}"));
        }
        assert_eq!(safe_cell("plain = text"), "plain = text");
        assert_eq!(safe_cell(""), "");
    }
}
