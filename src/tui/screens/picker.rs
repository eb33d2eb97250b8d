//! The project picker overlay.

use crate::domain::{Project, ProjectCode};
use crate::tui::theme::Theme;
use crate::tui::widgets::cursor::Cursor;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub struct Picker {
    pub projects: Vec<Project>,
    pub cursor: Cursor,
}

impl Picker {
    pub fn render(&mut self, current: &ProjectCode, theme: &Theme, frame: &mut Frame, area: Rect) {
        let height = (self.projects.len() as u16 + 2).min(area.height);
        let width = area.width.min(50);
        let rect = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + 1,
            width,
            height,
        };
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(" Switch project ");
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let window = self.cursor.window(inner.height as usize, self.projects.len());
        let lines: Vec<Line> = self.projects[window.clone()]
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mark = if &p.code == current { "*" } else { " " };
                let line = Line::raw(format!("{mark} {:<10} {}", p.code.as_str(), p.title));
                if window.start + i == self.cursor.selected {
                    line.style(theme.selected())
                } else {
                    line
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
