//! A case in full, as lines for the detail pane: its fields, the texts,
//! and the steps with their nesting.

use super::editor::steps::numbers;
use crate::domain::Case;
use crate::domain::case_edit::format_estimate;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::wrap;
use ratatui::text::{Line, Span};

fn push_text(out: &mut Vec<Line<'static>>, label: &str, text: &str, width: usize, theme: &Theme) {
    if text.trim().is_empty() {
        return;
    }
    out.push(Line::styled(label.to_string(), theme.dim()));
    for l in text.lines().flat_map(|l| wrap(l, width.saturating_sub(2).max(10))) {
        out.push(Line::raw(format!("  {l}")));
    }
}

pub fn lines(case: &Case, code: &str, suite: &str, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let sep = if theme.ascii { " | " } else { " · " };
    // The title wraps under the id: nothing of it is cut.
    let id = format!("{code}-{} ", case.no);
    let pad = id.chars().count();
    let mut out: Vec<Line<'static>> = wrap(&case.title, width.saturating_sub(pad).max(10))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let head = if i == 0 { id.clone() } else { " ".repeat(pad) };
            Line::from(vec![Span::styled(head, theme.key()), Span::styled(l, theme.title())])
        })
        .collect();
    let mut meta = vec![
        format!("suite {}", if suite.is_empty() { "-" } else { suite }),
        format!("v{}", case.version),
        format!("priority {}", case.priority.label()),
        format!("severity {}", case.severity.label()),
        format!("type {}", case.case_type.label()),
        format!("behavior {}", case.behavior.label()),
        format!("automation {}", case.automation.label()),
        format!("status {}", case.status.label()),
        format!("layer {}", case.layer.label()),
        format!("steps {}", case.steps_kind.label()),
    ];
    if let Some(e) = case.estimate_ms {
        meta.push(format!("estimate {}", format_estimate(Some(e))));
    }
    if case.muted {
        meta.push("muted".into());
    }
    if case.flaky {
        meta.push("flaky".into());
    }
    if let Some(m) = &case.milestone {
        meta.push(format!("milestone {m}"));
    }
    if !case.tags.is_empty() {
        meta.push(format!("tags {}", case.tags.join(", ")));
    }
    if !case.refs.is_empty() {
        meta.push(format!("refs {}", case.refs.join(", ")));
    }
    if let Some(s) = &case.source {
        meta.push(format!("from {s}"));
    }
    for l in wrap(&meta.join(sep), width) {
        out.push(Line::styled(l, theme.dim()));
    }
    for (name, values) in &case.params {
        out.push(Line::raw(format!("param {name}: {}", values.join(", "))));
    }
    push_text(&mut out, "Description", &case.description, width, theme);
    push_text(&mut out, "Preconditions", &case.preconditions, width, theme);
    if case.steps.is_empty() {
        out.push(Line::styled("No steps.", theme.dim()));
    } else {
        out.push(Line::styled(format!("Steps ({})", case.steps.len()), theme.dim()));
    }
    let levels: Vec<u8> = case.steps.iter().map(|s| s.level).collect();
    for (s, number) in case.steps.iter().zip(numbers(&levels)) {
        let pad = " ".repeat(2 * s.level.min(6) as usize);
        let head = format!("{pad}{number}. ");
        let rest = " ".repeat(head.chars().count());
        let avail = width.saturating_sub(head.chars().count()).max(10);
        for (i, l) in wrap(&s.action, avail).into_iter().enumerate() {
            let lead = if i == 0 { head.clone() } else { rest.clone() };
            out.push(Line::from(vec![Span::styled(lead, theme.key()), Span::raw(l)]));
        }
        for (label, text) in [("data: ", &s.data), ("expect: ", &s.expected)] {
            if !text.trim().is_empty() {
                let pad = " ".repeat(label.len());
                for (i, l) in wrap(text, avail.saturating_sub(label.len()).max(10))
                    .into_iter()
                    .enumerate()
                {
                    let head = if i == 0 { label.to_string() } else { pad.clone() };
                    out.push(Line::from(vec![
                        Span::raw(rest.clone()),
                        Span::styled(head, theme.dim()),
                        Span::raw(l),
                    ]));
                }
            }
        }
    }
    push_text(&mut out, "Postconditions", &case.postconditions, width, theme);
    out
}
