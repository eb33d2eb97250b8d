//! How the app hands keys and actions to the repository tab and the case
//! editor, and what it does with their outcome: open the editor (from the
//! repository or the wizard), show an express run, reload what lies under
//! a closed editor.

use super::actions::After;
use super::editor::{self, CaseEditor};
use super::{RepositoryScreen, tree::Node};
use crate::domain::{CaseNo, RunNo};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::screens::Screen;
use crossterm::event::KeyEvent;

/// Actions the app itself always carries out.
fn global(action: Action) -> bool {
    matches!(action, Action::Quit | Action::Help | Action::Tab(_) | Action::Refresh)
}

impl App {
    /// A key no binding took, for the repository's or the editor's text.
    /// Returns whether it went somewhere.
    pub(crate) fn repository_key(&mut self, scope: Scope, ev: KeyEvent) -> bool {
        match self.stack.last_mut() {
            Some(Screen::Repository(r))
                if matches!(
                    scope,
                    Scope::RepoSearch | Scope::RepoLine | Scope::RepoChoose | Scope::RepoPath
                ) =>
            {
                r.key(ev)
            }
            Some(Screen::CaseEditor(e)) if matches!(scope, Scope::CaseEditor | Scope::RepoChoose) => e.key(ev),
            _ => return false,
        }
        self.dirty = true;
        true
    }

    /// An action for the repository tab, the editor, or `e` in the wizard.
    /// Returns whether it was taken.
    pub(crate) fn repository_action(&mut self, action: Action) -> bool {
        if global(action) {
            return false;
        }
        match self.stack.last_mut() {
            Some(Screen::Repository(r)) => {
                let outcome = r.act(&self.svc, action);
                if let Some(n) = r.notice.take() {
                    self.message = Some(n);
                }
                match outcome {
                    Ok(After::Stay) => {}
                    Ok(After::Editor(e)) => self.open_editor(*e),
                    Ok(After::Run(no)) => self.show_new_run(no),
                    Ok(After::NewRun(cases)) => self.plan_run(cases),
                    Err(e) => self.message = Some((e.to_string(), true)),
                }
            }
            Some(Screen::CaseEditor(e)) => match e.act(&self.svc, action) {
                Ok(editor::After::Stay) => {}
                Ok(editor::After::Close(saved)) => self.close_editor(saved),
                Err(err) => e.error = Some(err.to_string()),
            },
            Some(Screen::Wizard(w)) if action == Action::Edit && w.dialog.is_none() => {
                let no = CaseNo(w.current().case_no);
                match CaseEditor::edit_case(&self.svc, &self.project, no) {
                    Ok(e) => self.open_editor(e),
                    Err(e) => w.notice = Some((format!("Cannot edit the case: {e}"), true)),
                }
            }
            _ => return false,
        }
        true
    }

    fn open_editor(&mut self, e: CaseEditor) {
        if let Some(n) = &e.notice {
            self.message = Some((n.clone(), false));
        }
        self.stack.push(Screen::CaseEditor(Box::new(e)));
    }

    /// The editor closed: the screen below shows the saved case.
    fn close_editor(&mut self, saved: Option<Box<crate::domain::Case>>) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
        let code = self.project.clone();
        match (self.stack.last_mut(), saved) {
            (Some(Screen::Repository(r)), saved) => {
                if let Err(e) = r.reload(&self.svc) {
                    self.message = Some((e.to_string(), true));
                    return;
                }
                if let Some(case) = saved {
                    if let Some(s) = case.suite {
                        r.select_node(Node::Suite(s));
                    }
                    r.relist(Some(case.no));
                    self.message = Some((format!("Saved {code}-{} (version {})", case.no, case.version), false));
                }
            }
            (Some(Screen::Wizard(w)), Some(case)) => {
                let index = w.index;
                if let Err(e) = w.enter(&self.svc, index) {
                    w.notice = Some((e.to_string(), true));
                    return;
                }
                let text = if w.current().is_frozen() {
                    format!(
                        "Saved {code}-{} as version {}; this test keeps the version it was tested against",
                        case.no, case.version
                    )
                } else {
                    format!(
                        "Saved {code}-{} as version {}; this untested test follows it",
                        case.no, case.version
                    )
                };
                w.notice = Some((text, false));
            }
            _ => {}
        }
    }

    /// An express run was created: the runs tab with that run open.
    fn show_new_run(&mut self, no: RunNo) {
        self.show_run(no, format!("Express run #{} started", no.0));
    }

    /// The new-run screen with the selection as its cases.
    fn plan_run(&mut self, cases: Vec<u64>) {
        self.open_new_run(Some(cases));
    }

    /// The slow tick: the editor writes its draft once typing pauses.
    pub(crate) fn repository_tick(&mut self) {
        if let Some(Screen::CaseEditor(e)) = self.stack.last_mut() {
            e.save_draft(&self.svc, false);
        }
    }

    /// Writes every open editor's draft at once (a signal, quit, a tab).
    pub(crate) fn repository_save_drafts(&mut self) {
        for screen in &mut self.stack {
            if let Screen::CaseEditor(e) = screen {
                e.save_draft(&self.svc, true);
            }
        }
    }
}

impl RepositoryScreen {
    /// The repository tab's root screen.
    pub fn screen(
        svc: &crate::service::Service,
        code: &crate::domain::ProjectCode,
    ) -> Result<Screen, crate::service::ServiceError> {
        Ok(Screen::Repository(Box::new(Self::load(svc, code)?)))
    }
}
