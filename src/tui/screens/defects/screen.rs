//! The defects screen as a screen: every action but the app's globals is
//! its own; what it has to say goes to the footer.

use super::DefectsScreen;
use crate::service::ServiceError;
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Ctx, Screen, Transition, is_global};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

impl Screen for DefectsScreen {
    crate::any_screen!();

    fn whereabouts(&self) -> crate::service::wire::Whereabouts {
        crate::tui::live::at(
            crate::tui::live::screen::DEFECTS,
            self.run_no().map(crate::domain::RunNo),
            None,
        )
    }

    fn scope(&self) -> Scope {
        DefectsScreen::scope(self)
    }

    fn act(&mut self, cx: &mut Ctx, action: Action) -> Transition {
        if is_global(action) {
            return Transition::Unhandled;
        }
        self.act_on(cx, action).unwrap_or_else(|e| {
            cx.fail(e);
            Transition::Stay
        })
    }

    /// Typing into the search, a form or a one-line dialog.
    fn key(&mut self, cx: &mut Ctx, key: KeyEvent) -> bool {
        let scope = DefectsScreen::scope(self);
        if !matches!(scope, Scope::DefectSearch | Scope::DefectForm | Scope::DefectLine) {
            return false;
        }
        DefectsScreen::key(self, cx, key);
        true
    }

    fn paste(&mut self, cx: &mut Ctx, text: &str) -> bool {
        DefectsScreen::paste(self, cx, text);
        true
    }

    /// The form's draft is written once typing pauses; a failure shows.
    fn tick(&mut self, cx: &mut Ctx) -> bool {
        self.save_form_draft(cx, false)
    }

    fn save_draft(&mut self, cx: &mut Ctx, force: bool) {
        let _ = self.save_form_draft(cx, force);
    }

    fn store_changed(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        self.reload(cx.svc)
    }

    fn editor_request(&mut self) -> Option<String> {
        self.editor_request.take()
    }

    fn editor_done(&mut self, cx: &mut Ctx, result: Result<String, String>) {
        match result {
            Ok(text) => DefectsScreen::editor_done(self, &text),
            Err(e) => cx.notices.error(e),
        }
    }

    fn render(&mut self, cx: &mut Ctx, frame: &mut Frame, area: Rect) {
        DefectsScreen::render(self, cx.theme, frame, area);
    }
}
