//! How the app hands keys and actions to the dashboard, and what it does
//! with their outcome: the wizard, the run's defects, back to the runs, or
//! another run's dashboard (a clone).

use super::{After, Dashboard};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::screens::Screen;
use crossterm::event::KeyEvent;

impl App {
    /// A key no binding took: typing into the dashboard's search or dialog.
    pub(crate) fn dashboard_key(&mut self, scope: Scope, ev: KeyEvent) -> bool {
        match self.stack.last_mut() {
            Some(Screen::Run(d)) if matches!(scope, Scope::DashSearch | Scope::DashInput) => d.key(ev),
            _ => return false,
        }
        self.dirty = true;
        true
    }

    /// An action for the dashboard; returns whether it was taken.
    pub(crate) fn dashboard_action(&mut self, action: Action) -> bool {
        let Some(Screen::Run(d)) = self.stack.last_mut() else {
            return false;
        };
        let in_dialog = d.dialog.is_some() || d.search.is_typing();
        if !in_dialog && matches!(action, Action::Quit | Action::Help | Action::Tab(_) | Action::Refresh) {
            return false;
        }
        if in_dialog && action == Action::Quit {
            return false;
        }
        match d.act(&self.svc, action) {
            Ok(After::Stay) => {}
            Ok(After::Leave) => {
                self.stack.pop();
                self.reload();
            }
            Ok(After::Wizard(w)) => self.stack.push(Screen::Wizard(w)),
            Ok(After::Defects(x)) => self.stack.push(Screen::Defects(x)),
            Ok(After::Replace(no)) => match Dashboard::load(&self.svc, &self.project, no) {
                Ok(mut next) => {
                    next.notice = Some((format!("Cloned into run #{}", no.0), false));
                    self.stack.pop();
                    self.stack.push(Screen::Run(Box::new(next)));
                }
                Err(e) => self.message = Some((e.to_string(), true)),
            },
            Err(e) => {
                let hint = match &e {
                    crate::service::ServiceError::Domain(crate::domain::DomainError::LockedByAssignee { .. }) => {
                        " Assign the tests to yourself first."
                    }
                    _ => "",
                };
                if let Some(Screen::Run(d)) = self.stack.last_mut() {
                    d.notice = Some((format!("{e}.{hint}").replace("..", "."), true));
                }
            }
        }
        true
    }

    /// The runs tab with run `no`'s dashboard open on top (a run just
    /// created), and `message` in the footer.
    pub(crate) fn show_run(&mut self, no: crate::domain::RunNo, message: String) {
        let home = crate::tui::screens::home::Home::load(&self.svc, &self.project);
        let run = Dashboard::load(&self.svc, &self.project, no);
        match (home, run) {
            (Ok(h), Ok(r)) => {
                self.tab = 1;
                self.stack = vec![Screen::Home(Box::new(h)), Screen::Run(Box::new(r))];
                self.message = Some((message, false));
            }
            (Err(e), _) | (_, Err(e)) => self.message = Some((e.to_string(), true)),
        }
    }

    /// Work a screen left for after its first frame (a large run's rows).
    pub fn after_frame(&mut self) -> bool {
        match self.stack.last_mut() {
            Some(Screen::Run(d)) => d.after_frame(&self.svc),
            _ => false,
        }
    }
}
