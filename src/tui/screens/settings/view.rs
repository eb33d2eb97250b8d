//! How the settings tab draws: the section bar, the section's table, what
//! the selected setting means and changes (wrapped, never cut) or what the
//! section is for, and the dialog on top.

use super::rows::{self, Item, Section};
use super::{Dialog, Settings};
use crate::tui::theme::Theme;
use crate::tui::widgets::cut;
use crate::tui::widgets::line::LineInput;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table, Wrap};

pub fn render(s: &mut Settings, theme: &Theme, frame: &mut Frame, area: Rect) {
    let title = format!(" Settings of {} {} ", s.project.code, s.project.title);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(
            cut::cut(&title, area.width.saturating_sub(2) as usize, theme.ascii),
            theme.title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let about = about_lines(s);
    // The text under the table: as many lines as it wraps to, at most half.
    // (A line that wraps at words may take one more row than its width
    // says: one row of room for each.)
    let wrapped: u16 = about
        .iter()
        .map(|l| {
            let rows = (l.width() as u16).div_ceil(inner.width.max(1)).max(1);
            if rows > 1 { rows + 1 } else { rows }
        })
        .sum();
    let below = wrapped.min(inner.height / 2);
    let [bar, _, table, text] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(below),
    ])
    .areas(inner);
    let line = section_bar(s.section, theme, usize::from(bar.width));
    frame.render_widget(Paragraph::new(line), bar);
    draw_table(s, theme, frame, table);
    frame.render_widget(Paragraph::new(about).wrap(Wrap { trim: false }), text);
    match &s.dialog {
        Some(Dialog::Prompt(p)) => {
            let step = p.step();
            let count = p.purpose.steps().len();
            let lines = vec![
                Line::from(vec![
                    Span::styled(format!(" {}: ", step.label), theme.key()),
                    Span::raw(p.input.text().to_string()),
                    LineInput::cursor(theme),
                ]),
                Line::styled(format!(" {}", step.hint), theme.dim()),
            ];
            let rect = popup::area(area, 70.min(area.width.saturating_sub(2)), 4, false);
            frame.render_widget(Clear, rect);
            let title = if count > 1 {
                format!(" {} ({} of {count}) ", p.purpose.title(), p.answers.len() + 1)
            } else {
                format!(" {} ", p.purpose.title())
            };
            let keys = if p.answers.len() + 1 < count {
                " Enter next, Esc cancel "
            } else {
                " Enter save, Esc cancel "
            };
            let block = popup::frame(theme, title, keys, rect.width);
            frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), rect);
        }
        Some(Dialog::Confirm(c)) => {
            let width = 70.min(area.width.saturating_sub(2));
            c.render_box(
                theme,
                frame,
                area,
                (width, 2 + c.detail.len() as u16 + 1),
                " y remove  n keep ",
            );
        }
        Some(Dialog::Menu(m)) => m.render(theme, frame, area),
        None => {}
    }
}

/// The sections, the current one highlighted and always in view: when the
/// bar is wider than `width`, it starts with a sign at the first section
/// that leaves the current one whole, and ends in the sign where it is cut.
fn section_bar(current: Section, theme: &Theme, width: usize) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    let all = Section::ALL;
    let at = all.iter().position(|s| *s == current).unwrap_or(0);
    let sign = cut::ellipsis(theme.ascii);
    let lead = |from: usize| if from > 0 { sign.width() + 2 } else { 0 };
    let trail = if at + 1 < all.len() { 2 + sign.width() } else { 0 };
    let upto = |from: usize| -> usize {
        let labels: usize = all[from..=at].iter().map(|s| s.label().width()).sum();
        lead(from) + labels + 2 * (at - from) + trail
    };
    let from = (0..=at).find(|&f| upto(f) <= width).unwrap_or(at);
    let mut spans = Vec::new();
    if from > 0 {
        spans.push(Span::styled(format!("{sign}  "), theme.dim()));
    }
    for (i, s) in all.iter().enumerate().skip(from) {
        if i > from {
            spans.push(Span::raw("  "));
        }
        let style = if *s == current { theme.tab_active() } else { theme.dim() };
        spans.push(Span::styled(s.label(), style));
    }
    cut::cut_line(Line::from(spans), width, theme.ascii)
}

/// What the selected setting means and changes; else what the section is for.
fn about_lines(s: &Settings) -> Vec<Line<'static>> {
    if let Some(Item::Setting(name)) = s.selected().map(|r| &r.item) {
        let entry = s.project.settings.entries().into_iter().find(|e| e.name == *name);
        let meaning = entry.map(|e| e.description).unwrap_or_default();
        return vec![
            Line::from(vec![
                Span::styled(format!("{name}: "), theme_free_bold()),
                Span::raw(meaning.to_string()),
            ]),
            Line::raw(rows::effect(name).to_string()),
        ];
    }
    if s.section == Section::Settings {
        return Vec::new();
    }
    vec![Line::raw(s.section.about().to_string())]
}

fn theme_free_bold() -> ratatui::style::Style {
    ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::BOLD)
}

fn draw_table(s: &mut Settings, theme: &Theme, frame: &mut Frame, area: Rect) {
    if s.rows.is_empty() {
        let text = match s.section {
            Section::Settings => "No settings.",
            _ => "Nothing here yet: a adds one.",
        };
        let lines = vec![
            Line::styled(s.section.header().join("  "), theme.dim()),
            Line::styled(text, theme.dim()),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let header = s.section.header();
    let widths: Vec<Constraint> = match s.section {
        Section::Settings => vec![Constraint::Length(30), Constraint::Fill(1)],
        Section::Milestones => vec![Constraint::Fill(2), Constraint::Length(10), Constraint::Length(10)],
        Section::Statuses => vec![
            Constraint::Fill(2),
            Constraint::Length(4),
            Constraint::Length(8),
            Constraint::Length(9),
            Constraint::Length(7),
        ],
        Section::Fields => vec![Constraint::Length(8), Constraint::Fill(1), Constraint::Fill(2)],
        Section::Projects => vec![Constraint::Length(10), Constraint::Fill(1), Constraint::Length(5)],
        _ => vec![Constraint::Fill(2), Constraint::Fill(1)],
    };
    let sizes = cut::column_widths(&widths, area.width, 1);
    let height = area.height.saturating_sub(1) as usize;
    let mut cursor = s.cursor();
    let window = cursor.window(height, s.rows.len());
    let selected = cursor.selected;
    let table_rows: Vec<Row> = s.rows[window.clone()]
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let cells = r.cells.iter().map(|c| Span::raw(c.clone())).collect();
            let row = cut::row(cells, &sizes, theme.ascii);
            if window.start + i == selected {
                row.style(theme.selected())
            } else if r.dim {
                row.style(theme.dim())
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(table_rows, widths)
        .header(Row::new(header.to_vec()).style(theme.dim()))
        .column_spacing(1);
    frame.render_widget(table, area);
}
