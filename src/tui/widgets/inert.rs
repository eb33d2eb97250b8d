//! The last pass over every frame: no cell reaches the terminal with a
//! live character in it (`domain::inert`: control characters and bidi
//! controls). ratatui already drops control characters from text, but a
//! zero-width character such as U+202E (right-to-left override) rides
//! along in the cell before it and would reorder the rest of the screen
//! line. A cell holds one grapheme of fixed width, so the TUI cannot show
//! a visible escape in its place: it drops the character, as ratatui does
//! for control characters. The command line shows them as escapes.

use crate::domain::inert;
use ratatui::buffer::Buffer;

/// Removes every live character from the cells of `buf`.
pub fn scrub(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if cell.symbol().chars().any(inert::is_live) {
            let kept: String = cell.symbol().chars().filter(|c| !inert::is_live(*c)).collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::scrub;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::text::Line;
    use ratatui::widgets::Widget;

    #[test]
    fn bidi_controls_never_reach_a_cell() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        Line::raw("ab\u{202e}cd\u{2066}e\u{1b}f").render(buf.area, &mut buf);
        assert!(
            buf.content.iter().any(|c| c.symbol().contains('\u{202e}')),
            "ratatui keeps it"
        );
        scrub(&mut buf);
        let row: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(row.trim_end(), "abcdef");
    }
}
