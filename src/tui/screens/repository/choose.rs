//! A list to choose from with a typed filter: the suite a case goes in,
//! the suite a suite moves under. Typing narrows the list; arrows move.

use crate::tui::theme::Theme;
use crate::tui::widgets::field::{Field, draw_field};
use crate::tui::widgets::{cursor::Cursor, popup};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub struct Choose {
    pub title: String,
    /// Label and value; `None` is "no suite" / "the top level".
    pub options: Vec<(String, Option<u64>)>,
    pub filter: Field,
    /// Indices of the options the filter keeps.
    pub shown: Vec<usize>,
    pub cursor: Cursor,
}

impl Choose {
    pub fn new(title: impl Into<String>, options: Vec<(String, Option<u64>)>, current: Option<u64>) -> Self {
        let mut c = Self {
            title: title.into(),
            shown: (0..options.len()).collect(),
            options,
            filter: Field::new("", false),
            cursor: Cursor::default(),
        };
        let at = c.options.iter().position(|(_, v)| *v == current).unwrap_or(0);
        c.cursor.to(at, c.shown.len());
        c
    }

    /// A key for the filter; the list narrows as it changes.
    pub fn key(&mut self, key: KeyEvent) {
        if self.filter.key(key) {
            self.refilter();
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.filter.paste(text) {
            self.refilter();
        }
    }

    fn refilter(&mut self) {
        let want = self.filter.text().to_lowercase();
        self.shown = (0..self.options.len())
            .filter(|i| self.options[*i].0.to_lowercase().contains(&want))
            .collect();
        self.cursor = Cursor::default();
    }

    pub fn move_by(&mut self, delta: isize) {
        self.cursor.move_by(delta, self.shown.len());
    }

    /// The highlighted choice, if the filter left any.
    pub fn chosen(&self) -> Option<Option<u64>> {
        self.shown.get(self.cursor.selected).map(|i| self.options[*i].1)
    }

    pub fn render(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let rect = popup::area(area, 60, area.height.saturating_sub(2).min(16), false);
        frame.render_widget(Clear, rect);
        let block = popup::frame(
            theme,
            format!(" {} ", self.title),
            " type to filter  Enter choose  Esc cancel ",
            rect.width,
        );
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        if inner.height < 2 {
            return;
        }
        let line = Rect { height: 1, ..inner };
        frame.render_widget(Paragraph::new(Span::styled("Filter: ", theme.dim())), line);
        let field = Rect {
            x: line.x + 8,
            width: line.width.saturating_sub(8),
            ..line
        };
        draw_field(&mut self.filter, true, theme, frame, field);
        let list = Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        };
        let window = self.cursor.window(list.height as usize, self.shown.len());
        let lines: Vec<Line> = self.shown[window.clone()]
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let text = format!(" {}", self.options[*o].0);
                if window.start + i == self.cursor.selected {
                    Line::styled(text, theme.selected())
                } else {
                    Line::raw(text)
                }
            })
            .collect();
        if lines.is_empty() {
            frame.render_widget(Paragraph::new(" nothing matches").style(theme.dim()), list);
        } else {
            frame.render_widget(Paragraph::new(lines), list);
        }
    }
}
