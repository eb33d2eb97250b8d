//! Stored text made inert for a terminal or a report: the one rule for
//! which characters are live and how they are shown.
//!
//! Live characters are the control characters (C0, DEL, C1: a terminal
//! acts on ESC, BEL, CSI...) and the bidirectional embeddings, overrides
//! and isolates (U+202A–U+202E, U+2066–U+2069), which reorder the text
//! after them. The directional marks U+200E, U+200F and U+061C are not
//! live: they only nudge their neighbours and real right-to-left text
//! needs them. A live character is shown as a visible escape: `\e` for
//! ESC, `\n`, `\r`, `\t`, and `\u{..}` (its code point in hex) for the
//! rest, e.g. `\u{7}` for BEL and `\u{202e}` for the right-to-left
//! override. Backslashes are left as they are: the escapes are for a
//! reader, not a parser (`--json` keeps the exact text).

use std::borrow::Cow;

/// A character a terminal acts on or that reorders the text after it.
pub fn is_live(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The bidirectional embeddings, overrides and isolates.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Appends the visible escape of `c` (a live character) to `out`.
pub fn push_escape(out: &mut String, c: char) {
    match c {
        '\u{1b}' => out.push_str("\\e"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.extend(c.escape_unicode()),
    }
}

/// One line of text: every live character escaped, newline and tab too
/// (for table cells and one-line fields).
pub fn line(s: &str) -> Cow<'_, str> {
    escape_where(s, |_, _| true)
}

/// Text that may span lines: newline and tab stay, and a carriage return
/// right before a newline; every other live character is escaped.
pub fn text(s: &str) -> Cow<'_, str> {
    escape_where(s, |c, next| match c {
        '\n' | '\t' => false,
        '\r' => next != Some('\n'),
        _ => true,
    })
}

/// Escapes the live characters for which `escape(c, next)` says so.
fn escape_where(s: &str, escape: impl Fn(char, Option<char>) -> bool) -> Cow<'_, str> {
    if !s.chars().any(is_live) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if is_live(c) && escape(c, chars.peek().copied()) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A serialised JSON document with its live characters that JSON leaves
/// raw (DEL, C1, the bidi controls) written as `\uXXXX` escapes: the same
/// document, exactly the same strings once parsed, and inert on a terminal.
/// Raw characters can only stand inside JSON strings, where the escape is
/// valid; every live character is in the Basic Multilingual Plane.
pub fn json(doc: &str) -> Cow<'_, str> {
    if !doc.chars().any(is_live_in_json) {
        return Cow::Borrowed(doc);
    }
    let mut out = String::with_capacity(doc.len() + 16);
    for c in doc.chars() {
        if is_live_in_json(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Live and not JSON's own whitespace (the only raw controls a JSON
/// serialiser writes; inside strings they are already escaped).
fn is_live_in_json(c: char) -> bool {
    is_live(c) && !matches!(c, '\n' | '\r' | '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc\u{9b}31md\u{7f}e\u{202e}fdp.exe\u{2066}x\u{2069}";

    #[test]
    fn a_line_has_no_live_character_and_stays_readable() {
        let l = line(HOSTILE);
        assert!(!l.chars().any(is_live), "{l}");
        assert_eq!(
            l,
            "a\\e]0;pwned\\u{7}b\\e[2Jc\\u{9b}31md\\u{7f}e\\u{202e}fdp.exe\\u{2066}x\\u{2069}"
        );
        assert_eq!(line("one\ntwo\tthree\r\n"), "one\\ntwo\\tthree\\r\\n");
    }

    #[test]
    fn text_keeps_its_lines_and_tabs() {
        assert_eq!(
            text("one\r\ntwo\tthree\rfour\u{1b}[2J"),
            "one\r\ntwo\tthree\\rfour\\e[2J"
        );
        assert!(!text(HOSTILE).chars().any(is_live));
    }

    #[test]
    fn plain_and_right_to_left_text_is_untouched() {
        for s in ["Grüße – Привет – 日本語 ✓ C:\\temp", "שלום\u{200f} عربي\u{61c}", ""] {
            assert!(matches!(line(s), Cow::Borrowed(_)), "{s}");
            assert!(matches!(text(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn json_keeps_the_exact_strings() {
        let value = serde_json::json!({"title": HOSTILE, "lines": "a\nb\tc\r\n"});
        let doc = serde_json::to_string_pretty(&value).unwrap();
        let safe = json(&doc);
        assert!(!safe.chars().any(|c| is_live(c) && !matches!(c, '\n')), "{safe}");
        assert!(safe.contains("\\u202e") && safe.contains("\\u009b") && safe.contains("\\u007f"));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
