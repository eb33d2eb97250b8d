//! How the app opens the new-run screen (`n` on the runs tab, or the
//! repository's selection), hands it keys and actions, and shows the run
//! it created.

use super::{After, NewRunScreen};
use crate::domain::RunNo;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::screens::Screen;
use crossterm::event::KeyEvent;

impl App {
    /// Opens the new-run screen on top of the current one: with `cases`
    /// (case numbers, e.g. the repository's selection) as its cases, or
    /// with cases from suites when `None`.
    pub fn open_new_run(&mut self, cases: Option<Vec<u64>>) {
        let screen = match cases {
            Some(cases) => NewRunScreen::with_cases(&self.svc, &self.project, cases),
            None => NewRunScreen::open(&self.svc, &self.project),
        };
        match screen {
            Ok(mut s) => {
                match s.restore_draft(&self.svc) {
                    Ok(true) => {
                        let restored = "Restored the run you were setting up (Esc discards it)";
                        self.message = Some((restored.into(), false));
                    }
                    Ok(false) => {}
                    Err(e) => self.message = Some((e.to_string(), true)),
                }
                self.stack.push(Screen::NewRun(Box::new(s)));
            }
            Err(e) => self.message = Some((e.to_string(), true)),
        }
    }

    /// A key no binding took, for the form's focused text field.
    pub(crate) fn new_run_key(&mut self, scope: Scope, ev: KeyEvent) -> bool {
        match self.stack.last_mut() {
            Some(Screen::NewRun(n)) if scope == Scope::NewRunText => n.key(&self.svc, ev),
            _ => return false,
        }
        self.dirty = true;
        true
    }

    pub(crate) fn new_run_paste(&mut self, text: &str) -> bool {
        match self.stack.last_mut() {
            Some(Screen::NewRun(n)) => n.paste(&self.svc, text),
            _ => return false,
        }
        self.dirty = true;
        true
    }

    /// `n` on the runs tab, and every action on the form. Returns whether
    /// it was taken.
    pub(crate) fn new_run_action(&mut self, action: Action) -> bool {
        match self.stack.last_mut() {
            Some(Screen::Home(_)) if action == Action::NewRun => self.open_new_run(None),
            Some(Screen::NewRun(n)) if !matches!(action, Action::Quit | Action::Help) => {
                match n.act(&self.svc, action) {
                    Ok(After::Stay) => {}
                    Ok(After::Cancel) => self.close_new_run(None),
                    Ok(After::Created(no)) => self.close_new_run(Some(no)),
                    Err(e) => n.form.error = Some(e.to_string()),
                }
            }
            _ => return false,
        }
        true
    }

    /// Closes the form; a created run opens on the runs tab.
    fn close_new_run(&mut self, created: Option<RunNo>) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
        let Some(no) = created else {
            return self.reload();
        };
        self.show_run(no, format!("Run #{} created", no.0));
    }
}
