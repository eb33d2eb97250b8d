//! A menu of typed values: each item is a label and the value choosing
//! it means (an enum variant, a user, a status), so what a choice does is
//! a `match` the compiler checks, never a string compared.

use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// How far PgUp/PgDn move in a menu.
const PAGE: usize = 5;

pub struct Menu<T> {
    pub title: String,
    pub items: Vec<(String, T)>,
    pub cursor: Cursor,
}

impl<T> Menu<T> {
    pub fn new(title: impl Into<String>, items: Vec<(String, T)>) -> Self {
        Self {
            title: title.into(),
            items,
            cursor: Cursor::default(),
        }
    }

    /// Moves the highlight (Up, Down, PgUp, PgDn, Top, Bottom); whether
    /// the action was a move.
    pub fn navigate(&mut self, action: Action) -> bool {
        crate::tui::screen::move_in(&mut self.cursor, action, self.items.len(), PAGE)
    }

    /// The highlighted item's value (None in an empty menu).
    pub fn chosen(self) -> Option<T> {
        let at = self.cursor.selected;
        self.items.into_iter().nth(at).map(|(_, value)| value)
    }

    /// The menu in a popup of at most 64 columns, the highlighted item
    /// marked, as many items as fit.
    pub fn render(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let mut c = self.cursor;
        let room = area.height.saturating_sub(6).max(1) as usize;
        let window = c.window(room, self.items.len());
        let lines = self.items[window.clone()]
            .iter()
            .enumerate()
            .map(|(i, (label, _))| {
                let current = window.start + i == c.selected;
                let text = format!(" {} {label}", if current { theme.pointer() } else { " " });
                if current {
                    Line::styled(text, theme.selected())
                } else {
                    Line::raw(text)
                }
            })
            .collect::<Vec<_>>();
        let height = lines.len() as u16 + 2;
        let rect = popup::area(area, 64.min(area.width.saturating_sub(2)), height, false);
        frame.render_widget(Clear, rect);
        let block = popup::frame(
            theme,
            format!(" {} ", self.title),
            " Enter choose, Esc cancel ",
            rect.width,
        );
        frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), rect);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Fruit {
        Apple,
        Pear,
        Plum,
    }

    fn menu() -> Menu<Fruit> {
        let items = vec![
            ("Apple".to_string(), Fruit::Apple),
            ("Pear".to_string(), Fruit::Pear),
            ("Plum".to_string(), Fruit::Plum),
        ];
        Menu::new("Fruit", items)
    }

    #[test]
    fn choosing_gives_the_highlighted_value() {
        assert_eq!(menu().chosen(), Some(Fruit::Apple));
        let mut m = menu();
        assert!(m.navigate(Action::Down));
        assert!(m.navigate(Action::Down));
        m.navigate(Action::Down);
        assert_eq!(m.chosen(), Some(Fruit::Plum), "the last item is as far as it goes");
        let mut m = menu();
        m.navigate(Action::Bottom);
        m.navigate(Action::Up);
        assert_eq!(m.chosen(), Some(Fruit::Pear));
        assert!(!menu().navigate(Action::Open), "Enter is not a move");
        assert_eq!(Menu::<Fruit>::new("None", vec![]).chosen(), None);
    }

    #[test]
    fn the_menu_is_drawn_with_its_pointer() {
        let backend = ratatui::backend::TestBackend::new(40, 10);
        let mut term = ratatui::Terminal::new(backend).unwrap();
        let theme = Theme::plain();
        let mut m = menu();
        m.navigate(Action::Down);
        term.draw(|f| m.render(&theme, f, f.area())).unwrap();
        let rows: Vec<String> = (0..10)
            .map(|y| {
                (0..40)
                    .map(|x| term.backend().buffer()[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect();
        let pear = rows.iter().find(|r| r.contains("Pear")).unwrap();
        assert!(pear.contains(&format!("{} Pear", theme.pointer())), "{rows:#?}");
        assert!(rows.iter().any(|r| r.contains(" Fruit ")));
    }
}
