//! The dashboard as a screen: which keys it leaves to the app, what its
//! errors say, and the run dashboards other screens open (a run just
//! created, a clone).

use super::Dashboard;
use crate::domain::{DomainError, RunNo};
use crate::service::wire::Change;
use crate::service::{Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::live::{self, Reread};
use crate::tui::screen::{Ctx, Screen, Transition, is_global};
use crate::tui::screens::home::Home;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

/// The runs tab with run `no`'s dashboard open on top (a run just
/// created), and `message` in the footer.
pub fn show_run(cx: &mut Ctx, no: RunNo, message: String) -> Transition {
    let home = Home::load(cx.svc, cx.project);
    let run = Dashboard::load(cx.svc, cx.project, no);
    match (home, run) {
        (Ok(h), Ok(r)) => {
            cx.notices.info(message);
            Transition::Reset {
                tab: 1,
                stack: vec![Box::new(h), Box::new(r)],
            }
        }
        (Err(e), _) | (_, Err(e)) => {
            cx.fail(e);
            Transition::Stay
        }
    }
}

impl Dashboard {
    /// A clone's dashboard in place of this one.
    pub(super) fn show_clone(&self, svc: &Service, no: RunNo) -> Result<Transition, ServiceError> {
        let mut next = Dashboard::load(svc, &self.code(), no)?;
        next.notice = Some((format!("Cloned into run #{}", no.0), false));
        Ok(Transition::Replace(Box::new(next)))
    }
}

impl Screen for Dashboard {
    crate::any_screen!();

    fn whereabouts(&self) -> crate::service::wire::Whereabouts {
        crate::tui::live::at(
            crate::tui::live::screen::DASHBOARD,
            Some(self.run_no()),
            self.current_row().map(|r| r.id),
        )
    }

    fn scope(&self) -> Scope {
        Dashboard::scope(self)
    }

    fn act(&mut self, cx: &mut Ctx, action: Action) -> Transition {
        // A dialog or the search holds every key but quit.
        let in_dialog = self.dialog.is_some() || self.search.is_typing();
        if (!in_dialog && is_global(action)) || (in_dialog && action == Action::Quit) {
            return Transition::Unhandled;
        }
        self.act_on(cx.svc, cx.clock, action).unwrap_or_else(|e| {
            let hint = match &e {
                ServiceError::Domain(DomainError::LockedByAssignee { .. }) => " Assign the tests to yourself first.",
                _ => "",
            };
            self.notice = Some((format!("{e}.{hint}").replace("..", "."), true));
            Transition::Stay
        })
    }

    /// Typing into the search or a dialog's line.
    fn key(&mut self, _cx: &mut Ctx, key: KeyEvent) -> bool {
        if !matches!(Dashboard::scope(self), Scope::DashSearch | Scope::DashInput) {
            return false;
        }
        Dashboard::key(self, key);
        true
    }

    fn paste(&mut self, _cx: &mut Ctx, text: &str) -> bool {
        Dashboard::paste(self, text);
        true
    }

    fn store_changed(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        self.reload(cx.svc, cx.project)
    }

    fn others_changed(&mut self, cx: &mut Ctx, changes: &[Change]) -> Result<(), ServiceError> {
        match live::reread_for_run(changes, self.run_no()) {
            Reread::All => self.reload(cx.svc, cx.project),
            Reread::Tests(ids) => self.reread_tests(cx.svc, &ids),
        }
    }

    fn after_frame(&mut self, cx: &mut Ctx) -> bool {
        Dashboard::after_frame(self, cx.svc)
    }

    fn render(&mut self, cx: &mut Ctx, frame: &mut Frame, area: Rect) {
        self.set_others(cx.others);
        Dashboard::render(self, cx.theme, frame, area);
    }
}
