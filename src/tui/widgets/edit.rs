//! The text-editing keys, one mapping for every text field (the wizard's
//! and the defects' dialogs, the case editor, the new-run form, the
//! searches and the one-line inputs), as a terminal user expects them from
//! readline:
//!
//! - `Enter`, and `Ctrl-J` (a line feed: what a terminal without bracketed
//!   paste sends for a pasted newline), insert a newline in a multi-line
//!   field; a one-line field ignores both;
//! - `Ctrl-U` deletes to the start of the line (from the end of a one-line
//!   field: all of it), `Ctrl-K` to its end, `Ctrl-W` (and `Alt-Backspace`)
//!   the word before the cursor, `Alt-D` the word after it, `Ctrl-Y` puts
//!   back what was deleted last;
//! - `Ctrl-Z` or `Ctrl-_` undoes;
//! - `Ctrl-A`/`Home`, `Ctrl-E`/`End`, `Ctrl-B`/`Left`, `Ctrl-F`/`Right`,
//!   `Alt-B`/`Ctrl-Left`, `Alt-F`/`Ctrl-Right`, `Up`/`Down` move.
//!
//! A screen's keymap still takes its own keys first (`Ctrl-S`, `Ctrl-E`
//! for `$EDITOR`, `Tab`...); the rest comes here.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key does to the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Newline,
    Backspace,
    DeleteNext,
    /// `Ctrl-U`: to the start of the line.
    KillToStart,
    /// `Ctrl-K`: to the end of the line.
    KillToEnd,
    /// `Ctrl-W`: back to the start of the previous word (readline's
    /// unix-word-rubout: words are separated by whitespace).
    KillWordBack,
    /// `Alt-D`: to the end of the next word.
    KillWordNext,
    /// `Ctrl-Y`: put back what was deleted last.
    Yank,
    Undo,
    Move(Motion),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    WordLeft,
    WordRight,
}

/// The edit a key asks for in a text field, if any.
pub fn edit_for(ev: &KeyEvent, multiline: bool) -> Option<Edit> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    let newline = multiline.then_some(Edit::Newline);
    let edit = match (ev.code, ctrl, alt) {
        // crossterm reports a line feed (Ctrl-J, a pasted newline) as
        // Ctrl-J in raw mode, a carriage return (Ctrl-M) as Enter.
        (KeyCode::Enter, _, _) | (KeyCode::Char('\n' | '\r'), false, false) => return newline,
        (KeyCode::Char(c), true, false) => match c.to_ascii_lowercase() {
            'j' | 'm' => return newline,
            'u' => Edit::KillToStart,
            'k' => Edit::KillToEnd,
            'w' => Edit::KillWordBack,
            'y' => Edit::Yank,
            // Ctrl-_ arrives as 0x1F, which crossterm reports as Ctrl-7;
            // Ctrl-/ sends the same byte.
            'z' | '_' | '7' | '/' | '-' => Edit::Undo,
            'h' => Edit::Backspace,
            'd' => Edit::DeleteNext,
            'a' => Edit::Move(Motion::Home),
            'e' => Edit::Move(Motion::End),
            'b' => Edit::Move(Motion::Left),
            'f' => Edit::Move(Motion::Right),
            'p' => Edit::Move(Motion::Up),
            'n' => Edit::Move(Motion::Down),
            _ => return None,
        },
        (KeyCode::Char(c), false, true) => match c.to_ascii_lowercase() {
            'b' => Edit::Move(Motion::WordLeft),
            'f' => Edit::Move(Motion::WordRight),
            'd' => Edit::KillWordNext,
            _ => return None,
        },
        (KeyCode::Char(c), false, false) if !c.is_control() => Edit::Insert(c),
        (KeyCode::Backspace, _, true) => Edit::KillWordBack,
        (KeyCode::Backspace, _, false) => Edit::Backspace,
        (KeyCode::Delete, _, true) => Edit::KillWordNext,
        (KeyCode::Delete, _, false) => Edit::DeleteNext,
        (KeyCode::Left, true, _) => Edit::Move(Motion::WordLeft),
        (KeyCode::Right, true, _) => Edit::Move(Motion::WordRight),
        (KeyCode::Left, false, false) => Edit::Move(Motion::Left),
        (KeyCode::Right, false, false) => Edit::Move(Motion::Right),
        (KeyCode::Up, false, false) => Edit::Move(Motion::Up),
        (KeyCode::Down, false, false) => Edit::Move(Motion::Down),
        (KeyCode::Home, _, _) => Edit::Move(Motion::Home),
        (KeyCode::End, _, _) => Edit::Move(Motion::End),
        _ => return None,
    };
    Some(edit)
}

/// Where `Ctrl-W` deletes back to from char column `cursor`: over the
/// whitespace before it, then over the word.
pub fn word_start(line: &[char], cursor: usize) -> usize {
    let mut i = cursor.min(line.len());
    while i > 0 && line[i - 1].is_whitespace() {
        i -= 1;
    }
    while i > 0 && !line[i - 1].is_whitespace() {
        i -= 1;
    }
    i
}

/// Applies an edit to a one-line text whose cursor is always at its end
/// (the searches and the dashboard's inputs). Returns whether it changed.
pub fn edit_line_at_end(text: &mut String, edit: Edit) -> bool {
    match edit {
        Edit::Insert(c) => {
            text.push(c);
            true
        }
        Edit::Backspace => text.pop().is_some(),
        Edit::KillToStart => {
            let changed = !text.is_empty();
            text.clear();
            changed
        }
        Edit::KillWordBack => {
            let chars: Vec<char> = text.chars().collect();
            let keep = word_start(&chars, chars.len());
            let changed = keep < chars.len();
            *text = chars[..keep].iter().collect();
            changed
        }
        _ => false,
    }
}

/// A key typed into a one-line text whose cursor is always at its end.
pub fn key_line_at_end(text: &mut String, ev: &KeyEvent) -> bool {
    edit_for(ev, false).is_some_and(|e| edit_line_at_end(text, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }
    fn ctrl(c: char) -> KeyEvent {
        key(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn a_line_feed_is_a_newline_never_a_deletion() {
        assert_eq!(edit_for(&ctrl('j'), true), Some(Edit::Newline));
        assert_eq!(edit_for(&ctrl('m'), true), Some(Edit::Newline));
        assert_eq!(
            edit_for(&key(KeyCode::Enter, KeyModifiers::NONE), true),
            Some(Edit::Newline)
        );
        assert_eq!(
            edit_for(&key(KeyCode::Char('\n'), KeyModifiers::NONE), true),
            Some(Edit::Newline)
        );
        // A one-line field takes no newline and deletes nothing either.
        assert_eq!(edit_for(&ctrl('j'), false), None);
        assert_eq!(edit_for(&key(KeyCode::Enter, KeyModifiers::NONE), false), None);
    }

    #[test]
    fn readline_keys() {
        assert_eq!(edit_for(&ctrl('u'), false), Some(Edit::KillToStart));
        assert_eq!(edit_for(&ctrl('k'), false), Some(Edit::KillToEnd));
        assert_eq!(edit_for(&ctrl('w'), false), Some(Edit::KillWordBack));
        assert_eq!(edit_for(&ctrl('z'), false), Some(Edit::Undo));
        // Ctrl-_ as crossterm reports the byte 0x1F.
        assert_eq!(edit_for(&ctrl('7'), false), Some(Edit::Undo));
        assert_eq!(edit_for(&ctrl('c'), true), None);
        let shifted = key(KeyCode::Char('A'), KeyModifiers::SHIFT);
        assert_eq!(edit_for(&shifted, false), Some(Edit::Insert('A')));
        let alt_bs = key(KeyCode::Backspace, KeyModifiers::ALT);
        assert_eq!(edit_for(&alt_bs, false), Some(Edit::KillWordBack));
    }

    #[test]
    fn a_line_edited_at_its_end() {
        let mut text = "fix the  login page".to_string();
        assert!(key_line_at_end(&mut text, &ctrl('w')));
        assert_eq!(text, "fix the  login ");
        assert!(key_line_at_end(&mut text, &ctrl('w')));
        assert_eq!(text, "fix the  ");
        assert!(key_line_at_end(&mut text, &key(KeyCode::Char('x'), KeyModifiers::NONE)));
        assert_eq!(text, "fix the  x");
        // Ctrl-U from the end clears the field in one key.
        assert!(key_line_at_end(&mut text, &ctrl('u')));
        assert_eq!(text, "");
        assert!(!key_line_at_end(&mut text, &ctrl('u')));
        assert!(!key_line_at_end(&mut text, &ctrl('j')));
    }
}
