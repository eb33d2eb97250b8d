//! Text fields on ratatui-textarea: multi-line for comments, single-line
//! (Enter ignored) for titles, times and paths. Keys edit through the one
//! mapping in `widgets::edit`, not textarea's own (which deletes on Ctrl-J
//! and undoes on Ctrl-U). Every screen's text fields are these.

use crate::tui::theme::Theme;
use crate::tui::widgets::edit::{self, Edit, Motion};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea};

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

    /// Feeds a key; single-line fields ignore Enter and Ctrl-J. Returns
    /// whether the text changed.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let Some(edit) = edit::edit_for(&key, self.multiline) else {
            return false;
        };
        let before = self.area.lines().to_vec();
        self.apply(edit);
        before != self.area.lines()
    }

    fn apply(&mut self, edit: Edit) {
        let a = &mut self.area;
        match edit {
            Edit::Insert(c) => a.insert_char(c),
            Edit::Newline => a.insert_newline(),
            Edit::Backspace => _ = a.delete_char(),
            Edit::DeleteNext => _ = a.delete_next_char(),
            Edit::KillToStart => _ = a.delete_line_by_head(),
            Edit::KillToEnd => _ = a.delete_line_by_end(),
            Edit::KillWordBack => {
                let cursor = a.cursor();
                let (row, col) = (cursor.0, cursor.1);
                let line: Vec<char> = a.lines()[row].chars().collect();
                let start = edit::word_start(&line, col);
                if start == col {
                    // At the start of a line: join it to the one above.
                    a.delete_char();
                } else if let (Ok(r), Ok(c)) = (u16::try_from(row), u16::try_from(start)) {
                    // One deletion, so one undo brings the word back.
                    a.move_cursor(CursorMove::Jump(r, c));
                    a.delete_str(col - start);
                } else {
                    for _ in start..col {
                        a.delete_char();
                    }
                }
            }
            Edit::KillWordNext => _ = a.delete_next_word(),
            Edit::Yank => _ = a.paste(),
            Edit::Undo => _ = a.undo(),
            Edit::Move(m) => a.move_cursor(match m {
                Motion::Left => CursorMove::Back,
                Motion::Right => CursorMove::Forward,
                Motion::Up => CursorMove::Up,
                Motion::Down => CursorMove::Down,
                Motion::Home => CursorMove::Head,
                Motion::End => CursorMove::End,
                Motion::WordLeft => CursorMove::WordBack,
                Motion::WordRight => CursorMove::WordForward,
            }),
        }
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

/// Draws a field: underlined, with a visible cursor, when it has the focus.
pub fn draw_field(field: &mut Field, focused: bool, theme: &Theme, frame: &mut Frame, rect: Rect) {
    let cursor = if focused { theme.selected() } else { Style::default() };
    field.area.set_cursor_style(cursor);
    field.area.set_style(if focused {
        Style::default().add_modifier(Modifier::UNDERLINED)
    } else {
        Style::default()
    });
    frame.render_widget(&field.area, rect);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn a_one_line_field_ignores_enter_and_keeps_paste_on_one_line() {
        let mut f = Field::new("ab", false);
        assert!(!f.key(key(KeyCode::Enter)));
        assert!(!f.key(key(KeyCode::Left)), "a move changes no text");
        assert!(f.key(key(KeyCode::Char('x'))));
        assert_eq!(f.text(), "axb");
        assert!(f.paste("1\n2"));
        assert_eq!(f.text(), "ax1 2b");
    }

    #[test]
    fn a_multiline_field_takes_newlines() {
        let mut f = Field::new("a", true);
        assert!(f.key(key(KeyCode::Enter)));
        assert!(f.paste("b\r\nc"));
        assert_eq!(f.text(), "a\nb\nc");
        f.set_text("x\ny");
        assert_eq!(f.text(), "x\ny");
    }
}
