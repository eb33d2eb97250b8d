//! The new-run form as a screen: opened by `n` on the runs tab or by the
//! repository's selection; every key but quit and help is the form's.

use super::NewRunScreen;
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Ctx, Screen, Transition};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

/// The new-run form on top of the current screen: with `cases` (case
/// numbers, e.g. the repository's selection) as its cases, or with cases
/// from suites when `None`; an earlier form's draft is restored.
pub fn open(cx: &mut Ctx, cases: Option<Vec<u64>>) -> Transition {
    let screen = match cases {
        Some(cases) => NewRunScreen::with_cases(cx.svc, cx.project, cases, cx.clock),
        None => NewRunScreen::new(cx.svc, cx.project, cx.clock),
    };
    match screen {
        Ok(mut s) => {
            match s.restore_draft(cx.svc) {
                Ok(true) => cx
                    .notices
                    .info("Restored the run you were setting up (Esc discards it)"),
                Ok(false) => {}
                Err(e) => cx.fail(e),
            }
            Transition::Push(Box::new(s))
        }
        Err(e) => {
            cx.fail(e);
            Transition::Stay
        }
    }
}

impl Screen for NewRunScreen {
    crate::any_screen!();

    fn whereabouts(&self) -> crate::service::wire::Whereabouts {
        crate::tui::live::at(crate::tui::live::screen::NEW_RUN, None, None)
    }

    fn scope(&self) -> Scope {
        NewRunScreen::scope(self)
    }

    fn act(&mut self, cx: &mut Ctx, action: Action) -> Transition {
        if matches!(action, Action::Quit | Action::Help) {
            return Transition::Unhandled;
        }
        self.act_on(cx, action)
    }

    /// A key no binding took, for the form's focused text field.
    fn key(&mut self, cx: &mut Ctx, key: KeyEvent) -> bool {
        if NewRunScreen::scope(self) != Scope::NewRunText {
            return false;
        }
        NewRunScreen::key(self, cx.svc, key);
        true
    }

    fn paste(&mut self, cx: &mut Ctx, text: &str) -> bool {
        NewRunScreen::paste(self, cx.svc, text);
        true
    }

    fn tick(&mut self, cx: &mut Ctx) -> bool {
        NewRunScreen::save_draft(self, cx.svc, false);
        false
    }

    fn save_draft(&mut self, cx: &mut Ctx, force: bool) {
        NewRunScreen::save_draft(self, cx.svc, force);
    }

    fn render(&mut self, cx: &mut Ctx, frame: &mut Frame, area: Rect) {
        NewRunScreen::render(self, cx.theme, frame, area);
    }
}
