//! `md`: a summary and tables to paste into a pull request or an issue.
//! User text in cells cannot break a table (pipes escaped, newlines as
//! `<br>`) nor inject HTML (`<`, `>` and `&` as entities), nor open a code
//! span, a link, an image or emphasis (their characters backslash-escaped:
//! `[x](javascript:…)` stays text); its control characters and bidi
//! controls show as escapes (`domain::inert`). The report writes no link.

use super::{Report, duration};
use crate::domain::{Test, inert};
use std::fmt::Write;

/// One table cell: one line, no raw pipe, no raw HTML, no Markdown
/// markup, no live character.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let s = s.trim();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            '\t' => out.push(' '),
            c if inert::is_live(c) => {
                let mut escape = String::new();
                inert::push_escape(&mut escape, c);
                // The escape's own backslash, escaped like any other.
                out.push_str(&escape.replace('\\', "\\\\"));
            }
            c => out.push(c),
        }
    }
    out
}

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

pub fn render(report: &Report) -> String {
    let v = report.view;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", cell(&report.heading()));
    out.push_str("| | |\n|---|---|\n");
    for (label, value) in report.details() {
        out.push_str(&row(&[format!("**{label}**"), cell(&value)]));
    }
    out.push_str("\n## Summary\n\n| Status | Tests | Share |\n|---|---:|---:|\n");
    for s in report.slices() {
        out.push_str(&row(&[cell(&s.label), s.count.to_string(), format!("{}%", s.share)]));
    }
    out.push_str(&row(&["**Total**".into(), v.counts.total.to_string(), "100%".into()]));
    defects(report, &mut out);
    out.push_str("\n## Tests\n\n| Case | Title | Suite | Config | Status | Assignee | Time | Results | Defects |\n");
    out.push_str("|---|---|---|---|---|---|---:|---:|---|\n");
    for t in &v.tests {
        out.push_str(&test_row(report, t));
    }
    failures(report, &mut out);
    out
}

fn test_row(report: &Report, t: &Test) -> String {
    let defects: Vec<String> = t
        .results
        .iter()
        .flat_map(|r| r.defects.iter())
        .map(|d| format!("D-{d}"))
        .collect();
    row(&[
        report.case_id(t),
        cell(&t.snapshot.title),
        cell(report.view.suites.get(t.snapshot.suite)),
        cell(&t.config.label()),
        cell(&report.state_name(t.state())),
        cell(t.assignee.as_deref().unwrap_or("")),
        duration(t.total_duration_ms()),
        t.results.len().to_string(),
        defects.join(", "),
    ])
}

fn defects(report: &Report, out: &mut String) {
    if report.defects.is_empty() {
        return;
    }
    out.push_str("\n## Defects\n\n| Defect | Title | Status | Severity | Assignee |\n|---|---|---|---|---|\n");
    for d in report.defects.values() {
        out.push_str(&row(&[
            format!("D-{}", d.no),
            cell(&d.title),
            d.status.as_str().into(),
            d.severity.as_str().into(),
            cell(d.assignee.as_deref().unwrap_or("")),
        ]));
    }
}

/// The latest result of every test that stands at a negative status.
fn failures(report: &Report, out: &mut String) {
    let catalog = report.catalog();
    let failing: Vec<&Test> = report
        .view
        .tests
        .iter()
        .filter(|t| matches!(t.state(), crate::domain::TestState::Done(s) if catalog.is_negative(s)))
        .collect();
    if failing.is_empty() {
        return;
    }
    out.push_str(
        "\n## Failures\n\n| Case | Title | Config | Status | Comment | Failed steps |\n|---|---|---|---|---|---|\n",
    );
    for t in failing {
        let Some(r) = t.results.last() else { continue };
        let steps: Vec<String> = r
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status.is_some_and(|st| catalog.is_negative(st)))
            .map(|(i, s)| failed_step(t, i, &s.comment))
            .collect();
        out.push_str(&row(&[
            report.case_id(t),
            cell(&t.snapshot.title),
            cell(&t.config.label()),
            cell(&catalog.name(r.status)),
            cell(&r.comment),
            steps.join("<br>"),
        ]));
    }
}

/// A failed step as the report shows it: its number and its text (the
/// action as tested), then what the tester wrote on it, e.g. `2. Apply
/// the coupon — total unchanged`.
fn failed_step(t: &Test, i: usize, comment: &str) -> String {
    let action = t.snapshot.steps.get(i).map_or("", |s| s.action.as_str());
    let mut text = format!("{}. {}", i + 1, cell(action));
    if !comment.trim().is_empty() {
        if !action.trim().is_empty() {
            text.push_str(" — ");
        }
        text.push_str(&cell(comment));
    }
    text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_stay_in_their_table() {
        assert_eq!(cell("a|b\nc\r\nd"), "a\\|b<br>c<br>d");
        assert_eq!(cell("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(cell("  padded  "), "padded");
    }

    #[test]
    fn cells_open_no_code_link_or_override() {
        assert_eq!(cell("```rust"), "\\`\\`\\`rust");
        assert_eq!(
            cell("[x](javascript:alert(1)) ![i](http://x/i.png)"),
            "\\[x\\](javascript:alert(1)) !\\[i\\](http://x/i.png)"
        );
        assert_eq!(cell("*a* _b_ ~c~ #d $e$"), "\\*a\\* \\_b\\_ \\~c\\~ #d \\$e\\$");
        assert_eq!(cell("a\u{202e}b\u{1b}[2Jc\u{7}"), "a\\\\u{202e}b\\\\e\\[2Jc\\\\u{7}");
    }
}
