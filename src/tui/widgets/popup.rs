//! Overlays (help, the project picker, the wizard's dialogs): where they go
//! and their frame. They never exceed the area they cover.

use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

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

/// The bordered frame of an overlay, with a title and a bottom hint.
pub fn frame(theme: &Theme, title: impl Into<String>, hint: impl Into<String>) -> Block<'static> {
    let (title, hint) = (title.into(), hint.into());
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

#[cfg(test)]
mod tests {
    use super::*;

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
