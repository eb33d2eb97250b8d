//! The repository tab as a screen: every action but the app's globals is
//! its own; typing goes to the filter and the dialogs' lines; when the
//! case editor closes, the tab shows the saved case.

use super::RepositoryScreen;
use super::tree::Node;
use crate::domain::Case;
use crate::service::ServiceError;
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Ctx, Outcome, Screen, Transition, is_global};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

impl RepositoryScreen {
    /// The editor closed: the tree and list again, on the saved case.
    fn case_saved(&mut self, cx: &mut Ctx, case: &Case) {
        if let Some(s) = case.suite {
            self.select_node(Node::Suite(s));
        }
        self.relist(Some(case.no));
        cx.notices
            .info(format!("Saved {}-{} (version {})", cx.project, case.no, case.version));
    }
}

impl Screen for RepositoryScreen {
    crate::any_screen!();

    fn whereabouts(&self) -> crate::service::wire::Whereabouts {
        crate::tui::live::at(crate::tui::live::screen::REPOSITORY, None, None)
    }

    fn scope(&self) -> Scope {
        RepositoryScreen::scope(self)
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

    /// Typing into the filter, a name, the move dialog's filter or a path.
    fn key(&mut self, _cx: &mut Ctx, key: KeyEvent) -> bool {
        let scope = RepositoryScreen::scope(self);
        if !matches!(
            scope,
            Scope::RepoSearch | Scope::RepoLine | Scope::RepoChoose | Scope::RepoPath
        ) {
            return false;
        }
        RepositoryScreen::key(self, key);
        true
    }

    fn paste(&mut self, _cx: &mut Ctx, text: &str) -> bool {
        RepositoryScreen::paste(self, text);
        true
    }

    fn store_changed(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        self.reload(cx.svc)
    }

    fn resumed(&mut self, cx: &mut Ctx, outcome: Outcome) {
        if let Err(e) = self.reload(cx.svc) {
            return cx.fail(e);
        }
        if let Outcome::CaseEditor(Some(case)) = outcome {
            self.case_saved(cx, &case);
        }
    }

    fn render(&mut self, cx: &mut Ctx, frame: &mut Frame, area: Rect) {
        RepositoryScreen::render(self, cx.theme, frame, area);
    }
}
