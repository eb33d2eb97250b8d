//! A one-line text input with completion candidates and the last error
//! under it: the path inputs, the defects' assign and link lines. Keys
//! edit the `Field`; Enter is the caller's (`InputEvent::Submit`).

use super::field::Field;
use crossterm::event::{KeyCode, KeyEvent};

/// What a key did to an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputEvent {
    Ignored,
    Changed,
    /// Enter: the caller decides what it means (attach, preview...).
    Submit,
}

pub struct TextInput {
    pub field: Field,
    /// Candidates shown after an ambiguous Tab.
    pub candidates: Vec<String>,
    pub error: Option<String>,
}

impl Default for TextInput {
    fn default() -> Self {
        Self::new("")
    }
}

impl TextInput {
    pub fn new(text: &str) -> Self {
        Self {
            field: Field::new(text, false),
            candidates: Vec::new(),
            error: None,
        }
    }

    /// A key clears the last error; a change clears the candidates.
    pub fn key(&mut self, key: KeyEvent) -> InputEvent {
        self.error = None;
        if key.code == KeyCode::Enter {
            return InputEvent::Submit;
        }
        if self.field.key(key) {
            self.candidates.clear();
            InputEvent::Changed
        } else {
            InputEvent::Ignored
        }
    }

    /// Tab: `complete` gives the completed text and the candidates.
    pub fn complete_with(&mut self, complete: impl FnOnce(&str) -> (String, Vec<String>)) {
        let text = self.field.text();
        let (completed, candidates) = complete(&text);
        if completed != text {
            self.field.set_text(&completed);
        }
        self.candidates = candidates;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    #[test]
    fn enter_submits_and_typing_clears_the_candidates() {
        let mut p = TextInput {
            candidates: vec!["a".into(), "b".into()],
            error: Some("no such file".into()),
            ..TextInput::default()
        };
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(p.key(enter), InputEvent::Submit);
        assert_eq!(p.error, None, "a key clears the error");
        assert_eq!(p.candidates.len(), 2, "Enter keeps the candidates");
        let left = KeyEvent::new(KeyCode::Left, KeyModifiers::NONE);
        assert_eq!(p.key(left), InputEvent::Ignored);
        assert_eq!(
            p.key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
            InputEvent::Changed
        );
        assert!(p.candidates.is_empty());
        assert_eq!(p.field.text(), "x");
    }

    #[test]
    fn completion_replaces_the_text_and_lists_the_candidates() {
        let mut p = TextInput::new("al");
        p.complete_with(|t| (format!("{t}i"), vec!["alice".into(), "alina".into()]));
        assert_eq!(p.field.text(), "ali");
        assert_eq!(p.candidates, ["alice", "alina"]);
    }
}
