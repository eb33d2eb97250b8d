//! Drawing the new-run form: one row per field (a row per configuration
//! group), the suite checklist taking the room left, and the live total
//! "N cases x M combinations = T tests".

use super::NewRunScreen;
use super::form::{Focus, Form, Source};
use crate::tui::theme::Theme;
use crate::tui::widgets::field::draw_field;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

const LABEL: u16 = 13;

fn label(text: &str, focused: bool, theme: &Theme) -> Span<'static> {
    let style = if focused { theme.selected() } else { theme.dim() };
    Span::styled(format!("{text:<w$}", w = LABEL as usize - 1), style)
}

fn boxed(ticked: bool) -> &'static str {
    if ticked { "[x]" } else { "[ ]" }
}

/// A choice: `< value >`, reversed when focused.
fn choice(value: &str, focused: bool, theme: &Theme) -> Line<'static> {
    let style = if focused { theme.selected() } else { Style::default() };
    Line::from(Span::styled(format!("< {value} >"), style))
}

/// A row of check boxes; the one under the cursor is reversed when focused.
fn checks<'a>(
    items: impl Iterator<Item = (&'a str, bool)>,
    cursor: Option<usize>,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, (name, on)) in items.enumerate() {
        let style = if cursor == Some(i) {
            theme.selected()
        } else {
            Style::default()
        };
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(format!("{} {name}", boxed(on)), style));
    }
    spans
}

/// A row: its label and content.
fn row(frame: &mut Frame, rect: Rect, name: &str, focused: bool, theme: &Theme) -> Rect {
    let [l, v] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1)]).areas(rect);
    frame.render_widget(Paragraph::new(label(name, focused, theme)), l);
    v
}

impl NewRunScreen {
    pub fn render(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(
                format!(" New run - {} ", self.form.project.title),
                theme.title(),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        render_form(&mut self.form, theme, frame, inner);
    }
}

fn render_form(f: &mut Form, theme: &Theme, frame: &mut Frame, area: Rect) {
    let groups = f.project.config_groups.len().max(1) as u16;
    let detail_rows = match f.source() {
        Source::Suites => 0,
        Source::Query => 2,
        _ => 1,
    };
    let rows = Layout::vertical([
        Constraint::Length(1),         // title
        Constraint::Length(1),         // description
        Constraint::Length(1),         // environment
        Constraint::Length(1),         // milestone
        Constraint::Length(groups),    // configurations
        Constraint::Length(1),         // tags
        Constraint::Length(1),         // cases from
        Constraint::Fill(detail_rows), // detail: suites fill what is left
        Constraint::Length(1),         // assignees
        Constraint::Length(1),         // totals
        Constraint::Length(1),         // error or hint
    ])
    .split(area);
    let focus = f.focus;
    let at = |x: Focus| focus == x;
    let v = row(frame, rows[0], "Title", at(Focus::Title), theme);
    draw_field(&mut f.title, at(Focus::Title), theme, frame, v);
    let v = row(frame, rows[1], "Description", at(Focus::Description), theme);
    draw_field(&mut f.description, at(Focus::Description), theme, frame, v);
    let env = f
        .environment
        .checked_sub(1)
        .and_then(|i| f.environments().get(i).map(|s| s.to_string()));
    let v = row(frame, rows[2], "Environment", at(Focus::Environment), theme);
    frame.render_widget(
        Paragraph::new(choice(env.as_deref().unwrap_or("none"), at(Focus::Environment), theme)),
        v,
    );
    let ms = f
        .milestone
        .checked_sub(1)
        .and_then(|i| f.milestones().get(i).map(|s| s.to_string()));
    let v = row(frame, rows[3], "Milestone", at(Focus::Milestone), theme);
    frame.render_widget(
        Paragraph::new(choice(ms.as_deref().unwrap_or("none"), at(Focus::Milestone), theme)),
        v,
    );
    render_configs(f, theme, frame, rows[4]);
    let v = row(frame, rows[5], "Tags", at(Focus::Tags), theme);
    draw_field(&mut f.tags, at(Focus::Tags), theme, frame, v);
    let v = row(frame, rows[6], "Cases from", at(Focus::Source), theme);
    frame.render_widget(Paragraph::new(choice(f.source().label(), at(Focus::Source), theme)), v);
    render_detail(f, theme, frame, rows[7]);
    let v = row(frame, rows[8], "Assignees", at(Focus::Assignees), theme);
    let cursor = at(Focus::Assignees).then_some(f.team_at);
    let mut spans = checks(f.team.iter().map(|(u, on)| (u.as_str(), *on)), cursor, theme);
    if f.team.iter().filter(|t| t.1).count() > 1 {
        spans.push(Span::styled(
            format!("  ({})", f.project.settings.distribution.as_str().replace('_', " ")),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(fit_line(Line::from(spans), v, theme)), v);
    let (cases, combos, tests) = f.totals();
    let times = if theme.ascii { "x" } else { "×" };
    let totals = format!("{cases} cases {times} {combos} combinations = {tests} tests");
    let totals = fit_line(Line::styled(totals, theme.title()), rows[9], theme);
    frame.render_widget(Paragraph::new(totals), rows[9]);
    let last = match &f.error {
        Some(e) => Line::styled(e.clone(), theme.error()),
        None => Line::styled(hint(f), theme.dim()),
    };
    frame.render_widget(Paragraph::new(fit_line(last, rows[10], theme)), rows[10]);
}

/// `line` cut with a sign to `rect`'s width.
fn fit_line(line: Line<'static>, rect: Rect, theme: &Theme) -> Line<'static> {
    crate::tui::widgets::cut::cut_line(line, rect.width as usize, theme.ascii)
}

fn hint(f: &Form) -> &'static str {
    match f.focus {
        Focus::Configs => "Left/Right: value, Up/Down: group, Space: tick",
        Focus::Detail if f.source() == Source::Suites => "Up/Down: suite, Space: tick (sub-suites come along)",
        Focus::Detail if f.source() == Source::Query => {
            "e.g. suite = \"Checkout\" and priority > low, or a saved query's name"
        }
        Focus::Assignees => "Left/Right: person, Space: tick; several share the tests",
        Focus::Environment | Focus::Milestone | Focus::Source | Focus::Detail => "Left/Right or Space: change",
        _ => "Tab: next field, Ctrl-S: create the run, Esc: cancel",
    }
}

fn render_configs(f: &Form, theme: &Theme, frame: &mut Frame, rect: Rect) {
    let focused = f.focus == Focus::Configs;
    let v = row(frame, rect, "Configs", focused, theme);
    if f.project.config_groups.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled("none in this project", theme.dim())), v);
        return;
    }
    let lines: Vec<Line> = f
        .project
        .config_groups
        .iter()
        .zip(&f.configs)
        .enumerate()
        .map(|(g, (group, ticks))| {
            let cursor = (focused && f.config_at.0 == g).then_some(f.config_at.1);
            let mut spans = vec![Span::styled(format!("{}: ", group.name), theme.dim())];
            spans.extend(checks(
                group.values.iter().map(String::as_str).zip(ticks.iter().copied()),
                cursor,
                theme,
            ));
            fit_line(Line::from(spans), v, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), v);
}

fn render_detail(f: &mut Form, theme: &Theme, frame: &mut Frame, rect: Rect) {
    let focused = f.focus == Focus::Detail;
    match f.source() {
        Source::Suites => {
            let v = row(frame, rect, "Suites", focused, theme);
            if f.suites.is_empty() {
                frame.render_widget(Paragraph::new(Span::styled("no suites", theme.dim())), v);
                return;
            }
            let window = f.suite_cursor.window(v.height as usize, f.suites.len());
            let selected = f.suite_cursor.selected;
            let lines: Vec<Line> = f.suites[window.clone()]
                .iter()
                .zip(window)
                .map(|(s, i)| {
                    let style = if focused && i == selected {
                        theme.selected()
                    } else {
                        Style::default()
                    };
                    let text = format!("{}{} {}", "  ".repeat(s.depth), boxed(s.checked), s.name);
                    fit_line(Line::styled(text, style), v, theme)
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), v);
        }
        Source::Plan => {
            let v = row(frame, rect, "Plan", focused, theme);
            let line = match f.plans.get(f.plan) {
                Some((name, cases)) => choice(&format!("{name} ({} cases)", cases.len()), focused, theme),
                None => Line::styled("no test plans (stepwise plan new)", theme.dim()),
            };
            frame.render_widget(Paragraph::new(line), v);
        }
        Source::Query => {
            let [top, bottom] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(rect);
            let v = row(frame, top, "Query", focused, theme);
            draw_field(&mut f.query, focused, theme, frame, v);
            if let Some(e) = &f.query_error {
                let [_, v] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1)]).areas(bottom);
                frame.render_widget(Paragraph::new(Span::styled(e.clone(), theme.error())), v);
            }
        }
        Source::All => {
            let v = row(frame, rect, "", false, theme);
            let text = format!("every case of the project ({})", f.cases.len());
            frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), v);
        }
        Source::Preset => {
            let v = row(frame, rect, "", false, theme);
            let text = format!("{} case(s) chosen in the repository", f.preset.len());
            frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), v);
        }
    }
}
