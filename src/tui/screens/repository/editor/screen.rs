//! The case editor as a screen: opened over the repository or the wizard,
//! every action but quit, help, tabs and reload is its own; closing hands
//! the saved case to the screen below.

use super::CaseEditor;
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Ctx, Screen, Transition, is_global};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

impl CaseEditor {
    /// The editor on top of the current screen (its restored-draft line in
    /// the footer too).
    pub fn push(self, cx: &mut Ctx) -> Transition {
        if let Some(n) = &self.notice {
            cx.notices.info(n.clone());
        }
        Transition::Push(Box::new(self))
    }
}

impl Screen for CaseEditor {
    crate::any_screen!();

    fn whereabouts(&self) -> crate::service::wire::Whereabouts {
        crate::tui::live::at(crate::tui::live::screen::CASE_EDITOR, None, None)
    }

    fn scope(&self) -> Scope {
        CaseEditor::scope(self)
    }

    fn act(&mut self, cx: &mut Ctx, action: Action) -> Transition {
        if is_global(action) {
            return Transition::Unhandled;
        }
        self.act_on(cx.svc, action).unwrap_or_else(|e| {
            self.error = Some(e.to_string());
            Transition::Stay
        })
    }

    /// Typing into the focused field, or the suite chooser's filter.
    fn key(&mut self, _cx: &mut Ctx, key: KeyEvent) -> bool {
        if !matches!(CaseEditor::scope(self), Scope::CaseEditor | Scope::RepoChoose) {
            return false;
        }
        CaseEditor::key(self, key);
        true
    }

    fn paste(&mut self, _cx: &mut Ctx, text: &str) -> bool {
        CaseEditor::paste(self, text);
        true
    }

    /// The draft is written once typing pauses.
    fn tick(&mut self, cx: &mut Ctx) -> bool {
        CaseEditor::save_draft(self, cx.svc, false);
        false
    }

    fn save_draft(&mut self, cx: &mut Ctx, force: bool) {
        CaseEditor::save_draft(self, cx.svc, force);
    }

    fn editor_request(&mut self) -> Option<String> {
        self.editor_request.take()
    }

    fn editor_done(&mut self, cx: &mut Ctx, result: Result<String, String>) {
        match result {
            Ok(text) => CaseEditor::editor_done(self, &text),
            Err(e) => cx.notices.error(e),
        }
    }

    fn render(&mut self, cx: &mut Ctx, frame: &mut Frame, area: Rect) {
        CaseEditor::render(self, cx.theme, frame, area);
    }
}
