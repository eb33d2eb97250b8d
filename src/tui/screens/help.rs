//! The `?` overlay: every key of the current screen, from the keymap.

use crate::tui::action::Action;
use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use crate::tui::widgets::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The column where the help text starts (the keys go before it).
const KEYS: usize = 18;

/// The help lines for an overlay `width` columns wide (inside its frame):
/// the keymap's bindings for `scope`, then `extra` keys that come from the
/// project (custom result statuses). A long help text wraps under itself,
/// and keys too wide for their column get a line of their own: nothing is
/// cut. With `off` (the run is closed) the status keys, custom ones
/// included, are shown unavailable: dimmed, struck through, marked `(off)`.
pub fn lines(scope: Scope, theme: &Theme, extra: &[(String, String)], width: usize, off: bool) -> Vec<Line<'static>> {
    let text_width = width.saturating_sub(KEYS).max(10);
    let mut out: Vec<Line> = Vec::new();
    let mut key_line = |keys: String, help: String, unavailable: bool| {
        let (key_style, text_style, keys) = if unavailable {
            let struck = theme.dim().add_modifier(Modifier::CROSSED_OUT);
            (struck, theme.dim(), format!("{keys} (off)"))
        } else {
            (theme.key(), Style::default(), keys)
        };
        let mut first = if keys.width() < KEYS {
            Some(Span::styled(format!("{keys:<KEYS$}"), key_style))
        } else {
            for l in wrap(&keys, width.max(1)) {
                out.push(Line::styled(l, key_style));
            }
            None
        };
        for l in wrap(&help, text_width) {
            let head = first.take().unwrap_or_else(|| Span::raw(" ".repeat(KEYS)));
            out.push(Line::from(vec![head, Span::styled(l, text_style)]));
        }
    };
    for b in keymap::bindings_for(scope) {
        let keys = b
            .keys
            .iter()
            .map(|k| k.label(theme.ascii))
            .collect::<Vec<_>>()
            .join(" ");
        key_line(keys, b.help.into(), off && matches!(b.action, Action::Mark(_)));
    }
    for (k, h) in extra {
        key_line(k.clone(), h.clone(), off);
    }
    out
}

pub fn render(
    scope: Scope,
    scroll: u16,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    extra: &[(String, String)],
    off: bool,
) {
    let width = area.width.min(72);
    let body = lines(scope, theme, extra, width.saturating_sub(2) as usize, off);
    let height = (body.len() as u16 + 2).min(area.height);
    let rect = popup::area(area, width, height, true);
    frame.render_widget(Clear, rect);
    let block = popup::frame(theme, format!(" Keys: {} ", scope.title()), " Esc close ", rect.width);
    let max_scroll = (body.len() as u16).saturating_sub(height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(body).block(block).scroll((scroll.min(max_scroll), 0)),
        rect,
    );
}
