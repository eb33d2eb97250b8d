//! The yes/no question asked before something that cannot be undone
//! (deleting runs, suites, cases, tests; ending a run; discarding an
//! edit; replacing a file). Its keymap scope is `Scope::Confirm`: `y` or
//! Enter answers yes, `n` or Esc no. It carries what it is about, a value
//! of the caller's type, and gives it back only on a yes.

use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub struct Confirm<T> {
    /// What a yes applies to.
    pub about: T,
    /// What a yes does, as a question.
    pub question: String,
    /// Lines under the question: what would go with it.
    pub detail: Vec<String>,
}

impl<T> Confirm<T> {
    pub fn new(about: T, question: impl Into<String>) -> Self {
        Self {
            about,
            question: question.into(),
            detail: Vec::new(),
        }
    }

    pub fn with_detail(mut self, detail: Vec<String>) -> Self {
        self.detail = detail;
        self
    }

    /// The answer an action gives: `Some(about)` on yes (`y`, Enter),
    /// None on anything else, which closes the question.
    pub fn answer(self, action: Action) -> Option<T> {
        matches!(action, Action::Confirm).then_some(self.about)
    }

    /// A popup `width` x `height` titled with the question, the detail
    /// inside and `keys` on its bottom border.
    pub fn render_box(&self, theme: &Theme, frame: &mut Frame, area: Rect, size: (u16, u16), keys: &str) {
        let rect = popup::area(area, size.0, size.1, false);
        frame.render_widget(Clear, rect);
        let block = popup::frame(theme, format!(" {} ", self.question), keys, rect.width);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let text: Vec<Line> = self.detail.iter().map(|l| Line::raw(l.clone())).collect();
        frame.render_widget(Paragraph::new(text), inner);
    }

    /// A popup titled "Are you sure?" with the question and its keys
    /// inside, wrapped to at most 64 columns.
    pub fn render_asking(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let lines = vec![
            Line::raw(format!(" {}", self.question)),
            Line::styled(" y / Enter: yes    n / Esc: no", theme.dim()),
        ];
        let rect = popup::area(area, 64.min(area.width.saturating_sub(2)), 6, false);
        frame.render_widget(Clear, rect);
        let block = popup::frame(theme, " Are you sure? ", "", rect.width);
        frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), rect);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{Scope, lookup};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn answer_to(code: KeyCode) -> Option<u32> {
        let action = lookup(Scope::Confirm, &KeyEvent::new(code, KeyModifiers::NONE));
        Confirm::new(7, "Delete run #7?").answer(action.unwrap_or(Action::Back))
    }

    #[test]
    fn y_and_enter_say_yes_and_give_back_what_it_is_about() {
        assert_eq!(answer_to(KeyCode::Char('y')), Some(7));
        assert_eq!(answer_to(KeyCode::Enter), Some(7));
    }

    #[test]
    fn n_esc_and_any_other_key_say_no() {
        assert_eq!(answer_to(KeyCode::Char('n')), None);
        assert_eq!(answer_to(KeyCode::Esc), None);
        assert_eq!(answer_to(KeyCode::Char('x')), None);
        let c = Confirm::new((), "Discard?").with_detail(vec!["It goes.".into()]);
        assert_eq!(c.detail, ["It goes."]);
        assert_eq!(c.answer(Action::Open), None, "only Confirm is a yes");
    }

    #[test]
    fn the_question_is_drawn() {
        let backend = ratatui::backend::TestBackend::new(70, 10);
        let mut term = ratatui::Terminal::new(backend).unwrap();
        let theme = Theme::plain();
        let c = Confirm::new((), "Delete case DEMO-1?").with_detail(vec!["Login works".into()]);
        term.draw(|f| c.render_box(&theme, f, f.area(), (40, 3), " y delete  n keep "))
            .unwrap();
        let text: String = term.backend().buffer().content().iter().map(|c| c.symbol()).collect();
        assert!(text.contains("Delete case DEMO-1?"), "{text}");
        assert!(text.contains("Login works"));
        assert!(text.contains("y delete  n keep"));
    }
}
