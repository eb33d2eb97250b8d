//! The project picker overlay.

use crate::domain::{Project, ProjectCode};
use crate::tui::theme::Theme;
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

pub struct Picker {
    pub projects: Vec<Project>,
    pub cursor: Cursor,
}

impl Picker {
    pub fn render(&mut self, current: &ProjectCode, theme: &Theme, frame: &mut Frame, area: Rect) {
        let height = (self.projects.len() as u16 + 2).min(area.height);
        let width = area.width.min(50);
        let rect = popup::area(area, width, height, true);
        frame.render_widget(Clear, rect);
        let block = popup::frame(theme, " Switch project ", " Enter choose  Esc cancel ", rect.width);
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
