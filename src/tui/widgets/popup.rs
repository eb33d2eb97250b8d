//! Overlays (help, the project picker, the wizard's dialogs): where they go
//! and their frame. They never exceed the area they cover.

use crate::tui::theme::Theme;
use crate::tui::widgets::cut::cut;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

/// A `width` x `height` rectangle (clamped to `area`), centred
/// horizontally; vertically at the top of `area` or centred.
pub fn area(outer: Rect, width: u16, height: u16, at_top: bool) -> Rect {
    let w = width.min(outer.width);
    let h = height.min(outer.height);
    let y = if at_top {
        outer.y
    } else {
        outer.y + (outer.height - h) / 2
    };
    Rect {
        x: outer.x + (outer.width - w) / 2,
        y,
        width: w,
        height: h,
    }
}

/// The bordered frame of an overlay `width` columns wide, with a title and
/// a bottom hint, neither cut bare: the hint drops its last keys first
/// (keys are two spaces apart), and what still does not fit between the
/// corners ends in the sign.
pub fn frame(theme: &Theme, title: impl Into<String>, hint: impl Into<String>, width: u16) -> Block<'static> {
    let room = usize::from(width.saturating_sub(2));
    let (title, hint) = (
        cut(&title.into(), room, theme.ascii),
        fit_hint(&hint.into(), room, theme.ascii),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(title, theme.title()));
    if hint.is_empty() {
        block
    } else {
        block.title_bottom(Span::styled(hint, theme.dim()))
    }
}

/// `hint` (` a  b  c `) whole when it fits in `room` columns, else with its
/// last keys left out, else cut with the sign.
fn fit_hint(hint: &str, room: usize, ascii: bool) -> String {
    if hint.width() <= room {
        return hint.to_string();
    }
    let keys: Vec<&str> = hint.trim().split("  ").collect();
    (1..keys.len())
        .rev()
        .map(|n| format!(" {} ", keys[..n].join("  ")))
        .find(|h| h.width() <= room)
        .unwrap_or_else(|| cut(hint, room, ascii))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_drops_its_last_keys_first_then_ends_in_the_sign() {
        let hint = " Ctrl-S record + defect  untick File a defect: none  Esc cancel ";
        assert_eq!(fit_hint(hint, 80, false), hint);
        assert_eq!(
            fit_hint(hint, 60, false),
            " Ctrl-S record + defect  untick File a defect: none "
        );
        assert_eq!(fit_hint(hint, 38, false), " Ctrl-S record + defect ");
        assert_eq!(fit_hint(hint, 12, false), " Ctrl-S rec…");
        assert_eq!(fit_hint(" Enter save, Esc cancel ", 12, true), " Enter sa...");
    }

    #[test]
    fn overlays_stay_inside_their_area() {
        let outer = Rect {
            x: 2,
            y: 1,
            width: 40,
            height: 12,
        };
        assert_eq!(area(outer, 76, 30, false), outer);
        assert_eq!(
            area(outer, 20, 4, false),
            Rect {
                x: 12,
                y: 5,
                width: 20,
                height: 4
            }
        );
        assert_eq!(
            area(outer, 20, 4, true),
            Rect {
                x: 12,
                y: 1,
                width: 20,
                height: 4
            }
        );
    }
}
