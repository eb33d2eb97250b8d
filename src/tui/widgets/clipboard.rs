//! Copying to the clipboard with OSC 52 (`ESC ] 52 ; c ; <base64> BEL`):
//! the terminal itself sets its clipboard, so it works over SSH with no
//! display server. (Inside tmux it needs `set -g set-clipboard on`.)

use std::cell::RefCell;
use std::io::Write;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648) with `=` padding.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The escape sequence that puts `text` on the terminal's clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
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
    let mut out = std::io::stdout().lock();
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
        assert_eq!(
            osc52("https://example.atlassian.net/browse/APP-7"),
            "\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLmF0bGFzc2lhbi5uZXQvYnJvd3NlL0FQUC03\x07"
        );
    }

    #[test]
    fn capture_keeps_copies_off_the_terminal() {
        capture();
        copy("a").unwrap();
        copy("b").unwrap();
        assert_eq!(captured(), ["a", "b"]);
    }
}
