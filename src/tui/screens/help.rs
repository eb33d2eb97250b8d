//! The `?` overlay: every key of the current screen, from the keymap.

use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn lines(scope: Scope, theme: &Theme) -> Vec<Line<'static>> {
    keymap::bindings_for(scope)
        .into_iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label(theme.ascii)).collect();
            Line::from(vec![
                Span::styled(format!("{:<18}", keys.join(" ")), theme.key()),
                Span::raw(b.help),
            ])
        })
        .collect()
}

pub fn render(scope: Scope, scroll: u16, theme: &Theme, frame: &mut Frame, area: Rect) {
    let body = lines(scope, theme);
    let width = area.width.min(72);
    let height = (body.len() as u16 + 2).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(format!(" Keys: {} ", scope.title()))
        .title_bottom(" Esc close ");
    let max_scroll = (body.len() as u16).saturating_sub(height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(body).block(block).scroll((scroll.min(max_scroll), 0)),
        rect,
    );
}
