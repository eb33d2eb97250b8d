//! The `?` overlay: every key of the current screen, from the keymap.

use crate::tui::action::Action;
use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The help lines: the keymap's bindings for `scope`, then `extra` keys
/// that come from the project (custom result statuses). With `off` (the
/// run is closed) the status keys, custom ones included, are shown
/// unavailable: dimmed, struck through and marked `(off)`.
pub fn lines(scope: Scope, theme: &Theme, extra: &[(String, String)], off: bool) -> Vec<Line<'static>> {
    let key_line = |keys: String, help: String| {
        Line::from(vec![Span::styled(format!("{keys:<18}"), theme.key()), Span::raw(help)])
    };
    let off_line = |keys: String, help: String| {
        let struck = theme.dim().add_modifier(Modifier::CROSSED_OUT);
        Line::from(vec![
            Span::styled(keys.clone(), struck),
            Span::styled(
                format!("{:<w$}", " (off)", w = 18usize.saturating_sub(keys.chars().count())),
                theme.dim(),
            ),
            Span::styled(help, theme.dim()),
        ])
    };
    let mut out: Vec<Line> = keymap::bindings_for(scope)
        .into_iter()
        .map(|b| {
            let keys = b
                .keys
                .iter()
                .map(|k| k.label(theme.ascii))
                .collect::<Vec<_>>()
                .join(" ");
            if off && matches!(b.action, Action::Mark(_)) {
                off_line(keys, b.help.into())
            } else {
                key_line(keys, b.help.into())
            }
        })
        .collect();
    out.extend(extra.iter().map(|(k, h)| {
        if off {
            off_line(k.clone(), h.clone())
        } else {
            key_line(k.clone(), h.clone())
        }
    }));
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
    let body = lines(scope, theme, extra, off);
    let width = area.width.min(72);
    let height = (body.len() as u16 + 2).min(area.height);
    let rect = popup::area(area, width, height, true);
    frame.render_widget(Clear, rect);
    let block = popup::frame(theme, format!(" Keys: {} ", scope.title()), " Esc close ");
    let max_scroll = (body.len() as u16).saturating_sub(height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(body).block(block).scroll((scroll.min(max_scroll), 0)),
        rect,
    );
}
