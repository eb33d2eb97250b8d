//! Read-only listings for the repository and settings tabs: what the store
//! holds, browsable by keyboard. Editing arrives with the issues that own
//! those tabs; until then the title says "read-only".

use crate::domain::ProjectCode;
use crate::service::{Service, ServiceError};
use crate::tui::theme::Theme;
use crate::tui::widgets::cursor::Cursor;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Cases,
    Settings,
}

pub struct ListScreen {
    pub kind: ListKind,
    pub title: String,
    pub header: Vec<&'static str>,
    /// Column widths; 0 means "take the rest".
    pub widths: Vec<u16>,
    pub rows: Vec<Vec<String>>,
    pub cursor: Cursor,
}

impl ListScreen {
    fn new(kind: ListKind, title: String, header: Vec<&'static str>, widths: Vec<u16>, rows: Vec<Vec<String>>) -> Self {
        Self {
            kind,
            title,
            header,
            widths,
            rows,
            cursor: Cursor::default(),
        }
    }

    pub fn cases(svc: &Service, code: &ProjectCode) -> Result<Self, ServiceError> {
        let suites = svc.suite_names(code)?;
        let rows: Vec<Vec<String>> = svc
            .cases(code)?
            .iter()
            .map(|c| {
                vec![
                    format!("{code}-{}", c.no),
                    c.title.clone(),
                    suites.get(c.suite).to_string(),
                    c.priority.to_string(),
                ]
            })
            .collect();
        let title = format!(" Repository - {} cases (read-only) ", rows.len());
        Ok(Self::new(
            ListKind::Cases,
            title,
            vec!["ID", "TITLE", "SUITE", "PRIORITY"],
            vec![9, 0, 24, 8],
            rows,
        ))
    }

    pub fn settings(svc: &Service, code: &ProjectCode) -> Result<Self, ServiceError> {
        let rows: Vec<Vec<String>> = svc
            .settings(code)?
            .entries()
            .into_iter()
            .map(|e| vec![e.name.to_string(), e.value, e.description.to_string()])
            .collect();
        let title = " Settings (read-only here; change with `stepwise settings --set`) ".to_string();
        Ok(Self::new(
            ListKind::Settings,
            title,
            vec!["SETTING", "VALUE", "MEANING"],
            vec![28, 13, 0],
            rows,
        ))
    }

    pub fn reload(&mut self, svc: &Service, code: &ProjectCode) -> Result<(), ServiceError> {
        let cursor = self.cursor;
        *self = match self.kind {
            ListKind::Cases => Self::cases(svc, code)?,
            ListKind::Settings => Self::settings(svc, code)?,
        };
        self.cursor = cursor;
        self.cursor.to(cursor.selected, self.rows.len());
        Ok(())
    }

    pub fn render(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(
                crate::tui::widgets::cut::cut(&self.title, area.width.saturating_sub(2) as usize, theme.ascii),
                theme.title(),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.rows.is_empty() {
            frame.render_widget(Paragraph::new("Nothing here yet.").style(theme.dim()), inner);
            return;
        }
        let height = inner.height.saturating_sub(1) as usize;
        super::set_page_size(height);
        let window = self.cursor.window(height, self.rows.len());
        // Narrow: the fixed columns give up room (cut with a sign) so the
        // last one still shows.
        let fixed: u16 = self.widths.iter().sum();
        let shrink = fixed > inner.width * 2 / 3;
        let widths: Vec<Constraint> = self
            .widths
            .iter()
            .map(|w| match *w {
                0 => Constraint::Fill(1),
                w if shrink => Constraint::Length((w * 2 / 3).max(4)),
                w => Constraint::Length(w),
            })
            .collect();
        let sizes = crate::tui::widgets::cut::column_widths(&widths, inner.width, 1);
        let rows: Vec<Row> = self.rows[window.clone()]
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let cells = r.iter().map(|c| Span::raw(c.clone())).collect();
                let row = crate::tui::widgets::cut::row(cells, &sizes, theme.ascii);
                if window.start + i == self.cursor.selected {
                    row.style(theme.selected())
                } else {
                    row
                }
            })
            .collect();
        let table = Table::new(rows, widths)
            .header(Row::new(self.header.clone()).style(theme.dim()))
            .column_spacing(1);
        frame.render_widget(table, inner);
    }
}
