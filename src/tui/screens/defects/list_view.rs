//! Drawing the defects list: the search line, the active filters and
//! sort, the readiness line, and the rows (only the visible ones).

use super::state::readiness_text;
use super::{DefectsScreen, RunScope};
use crate::domain::{Defect, DefectStatus, Severity};
use crate::tui::theme::Theme;
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::cut;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

pub fn severity_style(s: Severity, theme: &Theme) -> Style {
    match s {
        Severity::Blocker | Severity::Critical => theme.named("red"),
        Severity::Major => theme.named("yellow"),
        _ => Style::default(),
    }
}

pub fn status_style(s: DefectStatus, theme: &Theme) -> Style {
    match s {
        DefectStatus::Open | DefectStatus::Reopened => Style::default(),
        DefectStatus::InProgress => theme.named("cyan"),
        DefectStatus::Resolved => theme.named("green"),
        DefectStatus::Closed | DefectStatus::Invalid => theme.dim(),
    }
}

/// Columns by width: (header, width; 0 takes the rest).
fn columns(width: u16, id_width: u16) -> Vec<(&'static str, u16)> {
    let mut c = vec![("ID", id_width), ("TITLE", 0)];
    if width >= 100 {
        c.extend([
            ("SEVERITY", 8),
            ("STATUS", 11),
            ("ASSIGNEE", 10),
            ("FAILS", 5),
            ("LINKS", 16),
        ]);
    } else if width >= 70 {
        c.extend([
            ("SEVERITY", 8),
            ("STATUS", 11),
            ("ASSIGNEE", 8),
            ("FAIL", 4),
            ("LINK", 9),
        ]);
    } else if width >= 50 {
        c.extend([("SEVERITY", 8), ("STATUS", 11)]);
    } else {
        c.push(("STATUS", 11));
    }
    c
}

fn cell(header: &str, d: &Defect, theme: &Theme, width: usize) -> Span<'static> {
    match header {
        "ID" => Span::raw(format!("D-{}", d.no)),
        "TITLE" => Span::raw(d.title.clone()),
        "SEVERITY" => Span::styled(d.severity.label(), severity_style(d.severity, theme)),
        "STATUS" => Span::styled(d.status.label(), status_style(d.status, theme)),
        "ASSIGNEE" => Span::raw(d.assignee.clone().unwrap_or_default()),
        "FAILS" | "FAIL" => Span::raw(if d.links.is_empty() {
            String::new()
        } else {
            format!("{:>3}", d.links.len())
        }),
        _ => Span::raw(links_text(d, width)),
    }
}

/// The external links in `width` columns: whole keys when they fit, else
/// each by its tail (`shop#3` for `acme/shop#3`), so the issue numbers
/// stay; what still does not fit is cut with a sign by the table.
fn links_text(d: &Defect, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let whole = d.external.iter().map(|l| l.key.as_str()).collect::<Vec<_>>().join(",");
    if whole.width() <= width {
        return whole;
    }
    d.external
        .iter()
        .map(|l| l.key.rsplit(['/', ':']).next().unwrap_or(&l.key))
        .collect::<Vec<_>>()
        .join(",")
}

/// The title: the project's defects or a run's, and how many are shown.
fn title(s: &DefectsScreen) -> String {
    let shown = if s.filters.narrows() {
        format!("{} of {}", s.rows.len(), s.total)
    } else {
        s.rows.len().to_string()
    };
    match &s.run {
        None => format!(" Defects - {shown} "),
        Some(RunScope { no, title }) => format!(" Defects of run #{no} {title} - {shown} "),
    }
}

pub fn render(s: &mut DefectsScreen, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(title(s), theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let search_rows = u16::from(s.search.is_some());
    let [search, filters, ready, list] = Layout::vertical([
        Constraint::Length(search_rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    if let Some(field) = &mut s.search {
        let [l, f] = Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(search);
        frame.render_widget(Paragraph::new(Span::styled("Search ", theme.key())), l);
        crate::tui::widgets::field::draw_field(field, true, theme, frame, f);
    }
    let filter_line = Line::from(vec![
        Span::styled("Filters: ", theme.dim()),
        Span::raw(s.filters.describe()),
        Span::styled("   Sort: ", theme.dim()),
        Span::raw(s.filters.sort.as_str()),
    ]);
    let filter_line = cut::cut_line(filter_line, filters.width as usize, theme.ascii);
    frame.render_widget(Paragraph::new(filter_line), filters);
    let ready_line = match &s.readiness {
        Ok(r) => {
            let style = if r.ready { theme.named("green") } else { theme.error() };
            Line::styled(readiness_text(r, theme.ascii), style)
        }
        Err(e) => Line::styled(e.clone(), theme.error()),
    };
    let ready_line = cut::cut_line(ready_line, ready.width as usize, theme.ascii);
    frame.render_widget(Paragraph::new(ready_line), ready);
    if s.rows.is_empty() {
        let text = if s.total == 0 {
            "No defects yet. n files one; in the wizard, d files one for a failure."
        } else {
            "No defect matches the filters (C clears them)."
        };
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            list,
        );
        return;
    }
    table(&s.rows, &mut s.cursor, theme, frame, list);
}

fn table(rows: &[Defect], cursor: &mut Cursor, theme: &Theme, frame: &mut Frame, area: Rect) {
    let height = area.height.saturating_sub(1) as usize;
    let window = cursor.window(height, rows.len());
    let widest = rows.iter().map(|d| d.no).max().unwrap_or(1);
    let id_width = (format!("D-{widest}").len() as u16).max(5);
    let cols = columns(area.width, id_width);
    let widths: Vec<Constraint> = cols
        .iter()
        .map(|(_, w)| {
            if *w == 0 {
                Constraint::Fill(1)
            } else {
                Constraint::Length(*w)
            }
        })
        .collect();
    let sizes = cut::column_widths(&widths, area.width, 1);
    let lines: Vec<Row> = rows[window.clone()]
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let cells = cols
                .iter()
                .zip(&sizes)
                .map(|((h, _), w)| cell(h, d, theme, *w as usize))
                .collect();
            let row = cut::row(cells, &sizes, theme.ascii);
            if window.start + i == cursor.selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let header = Row::new(cols.iter().map(|(h, _)| *h)).style(theme.dim());
    frame.render_widget(Table::new(lines, widths).header(header).column_spacing(1), area);
}
