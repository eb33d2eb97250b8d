//! Word wrapping to a width, by display width, so a screen knows how many
//! rows each piece takes (and can keep the focused one in view).

use unicode_width::UnicodeWidthStr;

/// Wraps `text` to `width` columns; long words are split; embedded newlines
/// start new lines. Always returns at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let mut word = word.to_string();
            loop {
                let need = if line.is_empty() {
                    word.width()
                } else {
                    line.width() + 1 + word.width()
                };
                if need <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(&word);
                    break;
                }
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    continue;
                }
                // A word longer than the width: cut it.
                let mut cut = String::new();
                let mut rest = String::new();
                for ch in word.chars() {
                    if rest.is_empty() && (cut.width() + ch.to_string().width()) <= width {
                        cut.push(ch);
                    } else {
                        rest.push(ch);
                    }
                }
                out.push(cut);
                word = rest;
                if word.is_empty() {
                    break;
                }
            }
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_and_cuts_long_ones() {
        assert_eq!(wrap("the quick brown fox", 9), ["the quick", "brown fox"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }
}
