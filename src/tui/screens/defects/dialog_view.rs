//! Drawing the defects screen's dialogs over it. They never exceed the
//! area; a form that does not fit shows the fields around the focused one.

use super::dialogs::{Choice, ChoiceKind, DefectDialog, Form, LineDialog, LinePurpose, Target, Value};
use crate::domain::{DefectStatus, Project, Severity};
use crate::tui::theme::Theme;
use crate::tui::widgets::field::draw_field;
use crate::tui::widgets::path::render_attach;
use crate::tui::widgets::{popup, wrap::wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn render(dialog: &mut DefectDialog, project: &Project, theme: &Theme, frame: &mut Frame, area: Rect) {
    match dialog {
        DefectDialog::Form(f) => render_form(f, theme, frame, area),
        DefectDialog::Choice(c) => render_choice(c, theme, frame, area),
        DefectDialog::Line(l) => render_line(l, project, theme, frame, area),
        DefectDialog::Attach { dialog, .. } => render_attach(dialog, theme, frame, area),
        DefectDialog::Push { menu, .. } => menu.render(theme, frame, area),
    }
}

fn label(text: &str, focused: bool, theme: &Theme) -> Span<'static> {
    let style = if focused { theme.selected() } else { theme.dim() };
    Span::styled(format!("{text:<12}"), style)
}

/// An error (or a hint) wrapped to `width`, at most `max` lines.
fn wrapped(text: &str, width: u16, max: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, width as usize)
        .into_iter()
        .take(max)
        .map(|l| Line::styled(l, style))
        .collect()
}

/// What the bottom line of the form says about the focused slot.
fn form_hint(f: &Form, ascii: bool) -> String {
    let Some(slot) = f.focused() else {
        return String::new();
    };
    match (&slot.target, &slot.value) {
        (_, Value::Severity(s)) => {
            let (meaning, example) = s.explain();
            format!("{s}: {meaning}; e.g. {example}")
        }
        (_, Value::Milestone(_)) => {
            let arrows = if ascii { "Left/Right" } else { "←/→" };
            format!("{arrows}: none, {}", f.milestones.join(", "))
        }
        (Target::Assignee, _) => format!("team: {} (Tab completes)", f.team.join(", ")),
        (_, Value::Text(field)) if field.multiline => "Enter: new line  Ctrl-E: $EDITOR".into(),
        _ => "Ctrl-E: $EDITOR".into(),
    }
}

fn render_form(f: &mut Form, theme: &Theme, frame: &mut Frame, area: Rect) {
    let fields: u16 = f.slots.iter().map(|s| s.height()).sum();
    let rect = popup::area(area, 76, fields + 4, false);
    frame.render_widget(Clear, rect);
    let title = match f.editing {
        None => " New defect ".to_string(),
        Some(no) => format!(" Edit D-{no} "),
    };
    let block = popup::frame(theme, title, " Ctrl-S save  Tab next  Esc cancel ", rect.width);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [body, info] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    // Skip the slots above when the focused one would not fit.
    let mut first = 0;
    while first < f.focus && f.slots[first..=f.focus].iter().map(|s| s.height()).sum::<u16>() > body.height {
        first += 1;
    }
    let mut y = body.y;
    let bottom = body.y + body.height;
    let focus = f.focus;
    for (i, slot) in f.slots.iter_mut().enumerate().skip(first) {
        let h = slot.height();
        if y + h > bottom {
            break;
        }
        let r = Rect {
            x: body.x,
            y,
            width: body.width,
            height: h,
        };
        y += h;
        let focused = i == focus;
        let [l, v] = Layout::horizontal([Constraint::Length(12), Constraint::Fill(1)]).areas(r);
        frame.render_widget(Paragraph::new(label(&slot.label, focused, theme)), l);
        let style = if focused { theme.selected() } else { Style::default() };
        match &mut slot.value {
            Value::Text(field) => draw_field(field, focused, theme, frame, v),
            Value::Severity(s) => {
                frame.render_widget(Paragraph::new(Span::styled(format!("< {s} >"), style)), v);
            }
            Value::Milestone(m) => {
                let text = format!("< {} >", m.as_deref().unwrap_or("none"));
                frame.render_widget(Paragraph::new(Span::styled(text, style)), v);
            }
        }
    }
    let line = match &f.error {
        Some(e) => Line::styled(e.clone(), theme.error()),
        None => Line::styled(form_hint(f, theme.ascii), theme.dim()),
    };
    frame.render_widget(Paragraph::new(line), info);
}

/// One choice's lines: (text, whether it can be chosen).
fn choice_lines(c: &Choice) -> Vec<(Vec<String>, bool)> {
    match &c.kind {
        ChoiceKind::Status(from) => DefectStatus::ALL
            .iter()
            .map(|s| {
                let note = if s == from {
                    "current".to_string()
                } else if from.can_become(*s) {
                    "allowed".to_string()
                } else {
                    format!("not allowed from {}", from.label())
                };
                (
                    vec![format!("{:<12} {note}", s.label())],
                    s == from || from.can_become(*s),
                )
            })
            .collect(),
        ChoiceKind::Severity(current) => Severity::ALL
            .iter()
            .map(|s| {
                let (meaning, example) = s.explain();
                let mark = if s == current { " (current)" } else { "" };
                let first = format!("{:<9} {meaning}{mark}", s.as_str());
                let second = format!("{:<9} e.g. {example}", "");
                (vec![first, second], true)
            })
            .collect(),
        ChoiceKind::Unlink(links) => links
            .iter()
            .map(|l| (vec![format!("{}:{}  {}", l.tracker, l.key, l.url)], true))
            .collect(),
    }
}

fn render_choice(c: &mut Choice, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.min(76);
    let items = choice_lines(c);
    let per = items.first().map_or(1, |(l, _)| l.len()) as u16;
    let errors = c
        .error
        .as_deref()
        .map(|e| wrapped(e, width.saturating_sub(2), 3, theme.error()))
        .unwrap_or_default();
    let height = items.len() as u16 * per + 2 + errors.len() as u16;
    let rect = popup::area(area, width, height, false);
    frame.render_widget(Clear, rect);
    let title = match &c.kind {
        ChoiceKind::Status(from) => format!(" Status of D-{} (now {}) ", c.defect, from.label()),
        ChoiceKind::Severity(_) => format!(" Severity of D-{} ", c.defect),
        ChoiceKind::Unlink(_) => format!(" Remove a link from D-{} ", c.defect),
    };
    let block = popup::frame(theme, title, " Enter choose  Esc cancel ", rect.width);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [list, error] = Layout::vertical([Constraint::Fill(1), Constraint::Length(errors.len() as u16)]).areas(inner);
    let visible = (list.height / per.max(1)) as usize;
    let window = c.cursor.window(visible, items.len());
    let mut lines = Vec::new();
    for (i, (texts, ok)) in items.iter().enumerate().skip(window.start).take(window.len()) {
        let selected = i == c.cursor.selected;
        let base = if *ok { Style::default() } else { theme.dim() };
        let style = if selected { theme.selected() } else { base };
        for (j, t) in texts.iter().enumerate() {
            let mark = if selected && j == 0 { theme.pointer() } else { " " };
            lines.push(Line::styled(format!("{mark} {t}"), style));
        }
    }
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(Paragraph::new(errors), error);
}

fn render_line(l: &mut LineDialog, project: &Project, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.min(76);
    let (title, name, hint) = match l.purpose {
        LinePurpose::Assign => (
            format!(" Assign D-{} ", l.defect),
            "Assignee",
            format!("team: {} (Tab completes; empty: nobody)", project.team.join(", ")),
        ),
        LinePurpose::Link => {
            let trackers: Vec<String> = project
                .trackers
                .iter()
                .map(|t| format!("{} ({})", t.name, t.url_template))
                .collect();
            let hint = if trackers.is_empty() {
                "TRACKER:KEY; no tracker yet (`stepwise tracker add`)".to_string()
            } else {
                format!("TRACKER:KEY; trackers: {}", trackers.join(", "))
            };
            (format!(" Link D-{} to an external issue ", l.defect), "Link", hint)
        }
    };
    let inner_width = width.saturating_sub(2);
    let info = match &l.input.error {
        Some(e) => wrapped(e, inner_width, 3, theme.error()),
        None => wrapped(&hint, inner_width, 2, theme.dim()),
    };
    let candidates = if l.input.candidates.is_empty() {
        Vec::new()
    } else {
        wrapped(&l.input.candidates.join("  "), inner_width, 2, Style::default())
    };
    let height = 3 + info.len() as u16 + candidates.len() as u16;
    let rect = popup::area(area, width, height, false);
    frame.render_widget(Clear, rect);
    let block = popup::frame(theme, title, " Enter ok  Tab complete  Esc cancel ", rect.width);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [field, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let [lab, f] = Layout::horizontal([Constraint::Length(10), Constraint::Fill(1)]).areas(field);
    frame.render_widget(Paragraph::new(Span::styled(format!("{name:<10}"), theme.dim())), lab);
    draw_field(&mut l.input.field, true, theme, frame, f);
    let mut lines = info;
    lines.extend(candidates);
    frame.render_widget(Paragraph::new(lines), rest);
}
