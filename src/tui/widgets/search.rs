//! The search of a list (the runs, a run's tests): `/` starts typing, the
//! list follows each key, Enter or Esc ends the typing and keeps the
//! search (`C` on the screen clears it). The text is a `LineInput`.

use super::line::LineInput;
use crate::tui::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::text::Span;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    input: LineInput,
    typing: bool,
}

impl Search {
    /// `/`: keys go to the search from now on.
    pub fn start(&mut self) {
        self.typing = true;
    }

    /// Enter or Esc: the search stays, the keys are the screen's again.
    pub fn stop(&mut self) {
        self.typing = false;
    }

    pub fn is_typing(&self) -> bool {
        self.typing
    }

    pub fn text(&self) -> &str {
        self.input.text()
    }

    pub fn is_empty(&self) -> bool {
        self.input.is_empty()
    }

    pub fn clear(&mut self) {
        self.input.clear();
    }

    /// A key typed while typing; whether the search changed.
    pub fn key(&mut self, ev: &KeyEvent) -> bool {
        self.typing && self.input.key(ev)
    }

    /// Pasted text while typing; whether it was taken.
    pub fn paste(&mut self, text: &str) -> bool {
        self.typing && {
            self.input.paste(text);
            true
        }
    }

    /// What is typed, as drawn while typing: `/text▏`.
    pub fn prompt(&self, theme: &Theme) -> Vec<Span<'static>> {
        vec![
            Span::styled("/", theme.key()),
            Span::raw(self.text().to_string()),
            LineInput::cursor(theme),
        ]
    }

    /// The search for a status line (`/login`), if there is one.
    pub fn label(&self) -> Option<String> {
        (!self.is_empty()).then(|| format!("/{}", self.text()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn keys_reach_the_search_only_while_typing() {
        let mut s = Search::default();
        assert!(!s.key(&press('a')), "not typing yet");
        assert!(!s.paste("x"));
        assert_eq!(s.label(), None);
        s.start();
        assert!(s.key(&press('a')));
        assert!(s.paste("b\nc"));
        s.stop();
        assert!(!s.is_typing());
        assert_eq!(s.text(), "ab c", "stopping keeps the search");
        assert_eq!(s.label().as_deref(), Some("/ab c"));
        s.clear();
        assert!(s.is_empty());
    }

    #[test]
    fn the_prompt_is_slash_text_cursor() {
        let mut s = Search::default();
        s.start();
        s.key(&press('q'));
        let theme = Theme::plain();
        let text: String = s.prompt(&theme).iter().map(|span| span.content.as_ref()).collect();
        assert_eq!(text, format!("/q{}", LineInput::cursor(&theme).content));
    }
}
