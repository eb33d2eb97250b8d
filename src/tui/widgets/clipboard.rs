//! Copying to the clipboard with OSC 52 (crossterm's `CopyToClipboard`:
//! `ESC ] 52 ; c ; <base64> ESC \`): the terminal itself sets its
//! clipboard, so it works over SSH with no display server. (Inside tmux it
//! needs `set -g set-clipboard on`.)

use crossterm::Command;
use crossterm::clipboard::CopyToClipboard;
use std::cell::RefCell;

/// The escape sequence that puts `text` on the terminal's clipboard.
pub fn osc52(text: &str) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text).write_ansi(&mut out);
    out
}

thread_local! {
    /// When set (tests), copies land here instead of on the terminal.
    static CAPTURED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// From now on, on this thread, copies are kept instead of written to the
/// terminal; `captured` returns them. For tests.
pub fn capture() {
    CAPTURED.with(|c| *c.borrow_mut() = Some(Vec::new()));
}

/// What was copied on this thread since `capture`.
pub fn captured() -> Vec<String> {
    CAPTURED.with(|c| c.borrow().clone().unwrap_or_default())
}

/// Writes the OSC 52 sequence for `text` straight to the terminal (stdout,
/// between frames).
pub fn copy(text: &str) -> std::io::Result<()> {
    let kept = CAPTURED.with(|c| match c.borrow_mut().as_mut() {
        Some(v) => {
            v.push(text.to_string());
            true
        }
        None => false,
    });
    if kept {
        return Ok(());
    }
    crossterm::execute!(std::io::stdout().lock(), CopyToClipboard::to_clipboard_from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_text_in_base64() {
        assert_eq!(
            osc52("https://example.atlassian.net/browse/APP-7"),
            "\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLmF0bGFzc2lhbi5uZXQvYnJvd3NlL0FQUC03\x1b\\"
        );
        assert_eq!(osc52("fo"), "\x1b]52;c;Zm8=\x1b\\");
    }

    #[test]
    fn capture_keeps_copies_off_the_terminal() {
        capture();
        copy("a").unwrap();
        copy("b").unwrap();
        assert_eq!(captured(), ["a", "b"]);
    }
}
