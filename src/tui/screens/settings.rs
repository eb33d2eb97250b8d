//! The settings tab: a read-only listing of the project's settings,
//! browsable by keyboard (`stepwise settings --set` changes them).

use crate::domain::ProjectCode;
use crate::service::{Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Ctx, Screen, Transition, move_cursor};
use crate::tui::theme::Theme;
use crate::tui::widgets::cursor::Cursor;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

/// The settings tab: the project's settings, one a row.
pub struct Settings {
    pub title: String,
    pub header: Vec<&'static str>,
    /// Column widths; 0 means "take the rest".
    pub widths: Vec<u16>,
    pub rows: Vec<Vec<String>>,
    pub cursor: Cursor,
}

impl Settings {
    pub fn load(svc: &Service, code: &ProjectCode) -> Result<Self, ServiceError> {
        let rows: Vec<Vec<String>> = svc
            .settings(code)?
            .entries()
            .into_iter()
            .map(|e| vec![e.name.to_string(), e.value, e.description.to_string()])
            .collect();
        Ok(Self {
            title: " Settings (read-only here; change with `stepwise settings --set`) ".to_string(),
            header: vec!["SETTING", "VALUE", "MEANING"],
            widths: vec![28, 13, 0],
            rows,
            cursor: Cursor::default(),
        })
    }

    pub fn reload(&mut self, svc: &Service, code: &ProjectCode) -> Result<(), ServiceError> {
        let cursor = self.cursor;
        *self = Self::load(svc, code)?;
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

impl Screen for Settings {
    crate::any_screen!();

    fn scope(&self) -> Scope {
        Scope::List
    }

    fn act(&mut self, _cx: &mut Ctx, action: Action) -> Transition {
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                if move_cursor(&mut self.cursor, action, self.rows.len()) {
                    Transition::Stay
                } else {
                    Transition::Idle
                }
            }
            _ => Transition::Unhandled,
        }
    }

    fn store_changed(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        self.reload(cx.svc, cx.project)
    }

    fn render(&mut self, cx: &mut Ctx, frame: &mut Frame, area: Rect) {
        Settings::render(self, cx.theme, frame, area);
    }
}
