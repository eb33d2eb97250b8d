//! The one-line input edited at its end: the runs' and the run's
//! searches and the dashboard's inputs. Keys come through the readline
//! mapping of `widgets::edit` (Ctrl-U, Ctrl-W...); a paste stays on one
//! line. It draws as its text and a cursor after it.

use crate::tui::theme::Theme;
use crate::tui::widgets::edit;
use crossterm::event::KeyEvent;
use ratatui::text::Span;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
}

impl LineInput {
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
    }

    /// A key typed into the input; whether the text changed.
    pub fn key(&mut self, ev: &KeyEvent) -> bool {
        edit::key_line_at_end(&mut self.text, ev)
    }

    /// Pasted text, newlines made spaces; whether the text changed.
    pub fn paste(&mut self, pasted: &str) -> bool {
        self.text.push_str(&pasted.replace(['\r', '\n'], " "));
        !pasted.is_empty()
    }

    /// The cursor drawn after the text.
    pub fn cursor(theme: &Theme) -> Span<'static> {
        Span::styled(if theme.ascii { "_" } else { "▏" }, theme.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn readline_keys_edit_the_end_and_paste_stays_on_one_line() {
        let mut l = LineInput::new("fix login");
        assert!(l.key(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL)));
        assert_eq!(l.text(), "fix ");
        assert!(l.key(&KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)));
        assert!(
            !l.key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            "Enter is the caller's"
        );
        assert!(l.paste("a\r\nb"));
        assert_eq!(l.text(), "fix xa  b");
        assert!(!l.paste(""));
        l.clear();
        assert!(l.is_empty());
    }

    #[test]
    fn the_cursor_follows_the_theme() {
        let mut theme = Theme::plain();
        theme.ascii = true;
        assert_eq!(LineInput::cursor(&theme).content, "_");
    }
}
