//! Text fields on ratatui-textarea: multi-line for comments, single-line
//! (Enter ignored) for titles, times and paths.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::Style;
use ratatui_textarea::TextArea;

pub struct Field {
    pub area: TextArea<'static>,
    pub multiline: bool,
}

impl Field {
    pub fn new(text: &str, multiline: bool) -> Self {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_cursor_line_style(Style::default());
        if multiline {
            area.set_wrap_mode(ratatui_textarea::WrapMode::Word);
        }
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Self { area, multiline }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn set_text(&mut self, text: &str) {
        *self = Self::new(text, self.multiline);
    }

    /// Feeds a key; single-line fields ignore Enter. Returns whether the
    /// text changed.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        if !self.multiline && key.code == KeyCode::Enter {
            return false;
        }
        let before = self.area.lines().to_vec();
        self.area.input(key);
        before != self.area.lines()
    }

    /// Pasted text (bracketed paste): newlines are kept only where allowed.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = if self.multiline {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.replace(['\r', '\n'], " ")
        };
        self.area.insert_str(text)
    }
}
