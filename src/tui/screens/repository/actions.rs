//! What each action does on the repository tab, and what the app does
//! next (open the editor, a new run's view, the new-run screen).

use super::dialogs::RepoDialog;
use super::editor::CaseEditor;
use super::{Node, Pane, RepositoryScreen};
use crate::domain::{CaseNo, RunNo};
use crate::service::{NewRun, Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::screens::{move_cursor, page_size};
use crossterm::event::KeyEvent;

pub enum After {
    Stay,
    /// Open the case editor.
    Editor(Box<CaseEditor>),
    /// An express run was created: show it.
    Run(RunNo),
    /// Plan a run from these cases on the new-run screen.
    NewRun(Vec<u64>),
}

impl RepositoryScreen {
    pub fn act(&mut self, svc: &Service, action: Action) -> Result<After, ServiceError> {
        self.notice = None;
        if self.dialog.is_some() {
            self.dialog_action(svc, action)?;
            return Ok(After::Stay);
        }
        if self.search.is_some() {
            // Enter or Esc ends typing; the filter stays (empty: cleared).
            self.search = None;
            return Ok(After::Stay);
        }
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                self.navigate(action)
            }
            Action::NextField => {
                self.pane = match self.pane {
                    Pane::Tree => Pane::Cases,
                    Pane::Cases => Pane::Tree,
                }
            }
            Action::Expand => self.expand(true),
            Action::Collapse => self.expand(false),
            Action::Open => match self.pane {
                Pane::Tree => self.toggle_expand(),
                Pane::Cases => return self.edit(svc),
            },
            Action::Edit => return self.edit(svc),
            Action::Select => self.toggle_selection(),
            Action::ClearSelection => self.selected.clear(),
            Action::Search => self.search = Some(crate::tui::widgets::field::Field::new(&self.filter_text, false)),
            Action::NewSuite => self.ask_new_suite(),
            Action::Rename => self.ask_rename(),
            Action::MoveSuite => self.ask_move(),
            Action::Delete => self.ask_delete(svc)?,
            Action::Import => self.ask_import(),
            Action::NewCase => {
                let suite = self.current_suite().map(|s| s.id);
                return Ok(After::Editor(Box::new(CaseEditor::new_case(svc, &self.code, suite)?)));
            }
            Action::Express => return self.express(svc),
            Action::PlanRun => {
                let cases = self.run_cases();
                if cases.is_empty() {
                    self.notice = Some(("Select cases first (Space)".into(), true));
                } else {
                    return Ok(After::NewRun(cases));
                }
            }
            _ => {}
        }
        Ok(After::Stay)
    }

    fn navigate(&mut self, action: Action) {
        match self.pane {
            Pane::Tree => {
                if move_cursor(&mut self.tree_cursor, action, self.tree.len(), page_size()) {
                    self.relist(None);
                }
            }
            Pane::Cases => {
                move_cursor(&mut self.list_cursor, action, self.list.len(), page_size());
            }
        }
    }

    /// Right expands the suite in the tree; Left collapses it, or goes to
    /// its parent when it is closed. In the case list, Left goes to the tree.
    fn expand(&mut self, open: bool) {
        if self.pane == Pane::Cases {
            if !open {
                self.pane = Pane::Tree;
            }
            return;
        }
        let Node::Suite(id) = self.node() else { return };
        if open {
            self.expanded.insert(id);
        } else if !self.expanded.remove(&id) {
            let parent = self.suites.iter().find(|s| s.id == id).and_then(|s| s.parent);
            if let Some(p) = parent {
                self.select_node(Node::Suite(p));
            }
            return;
        }
        self.rebuild();
    }

    fn toggle_expand(&mut self) {
        if let Node::Suite(id) = self.node() {
            if !self.expanded.remove(&id) {
                self.expanded.insert(id);
            }
            self.rebuild();
        }
    }

    fn edit(&mut self, svc: &Service) -> Result<After, ServiceError> {
        let Some(no) = self.current_case().map(|c| c.no) else {
            self.notice = Some(("No case here; n adds one".into(), true));
            return Ok(After::Stay);
        };
        let editor = CaseEditor::edit_case(svc, &self.code, CaseNo(no))?;
        Ok(After::Editor(Box::new(editor)))
    }

    /// An express run: the selection (or the case under the cursor), today's
    /// date as the title, started at once.
    fn express(&mut self, svc: &Service) -> Result<After, ServiceError> {
        let cases = self.run_cases();
        if cases.is_empty() {
            self.notice = Some(("Select cases first (Space), or choose a suite with cases".into(), true));
            return Ok(After::Stay);
        }
        let run = svc.create_run(
            &self.code,
            NewRun {
                cases,
                ..NewRun::default()
            },
        )?;
        self.selected.clear();
        Ok(After::Run(RunNo(run.no)))
    }

    fn dialog_action(&mut self, svc: &Service, action: Action) -> Result<(), ServiceError> {
        match (&mut self.dialog, action) {
            (Some(RepoDialog::Import(d)), Action::Back) if d.preview.is_some() => {
                self.dialog = None;
                self.notice = Some(("Import cancelled; nothing was written".into(), false));
            }
            (_, Action::Back) => self.dialog = None,
            (Some(RepoDialog::Import(d)), Action::NextField) => d.input.complete_path(),
            (_, Action::Open | Action::Confirm) => self.confirm_dialog(svc, action)?,
            (Some(RepoDialog::Move { choose, .. }), Action::Up) => choose.move_by(-1),
            (Some(RepoDialog::Move { choose, .. }), Action::Down) => choose.move_by(1),
            _ => {}
        }
        Ok(())
    }

    /// A key the keymap left to the focused text: the filter, a name, the
    /// move dialog's filter.
    pub fn key(&mut self, key: KeyEvent) {
        if let Some(field) = &mut self.search {
            if field.key(key) {
                let text = field.text();
                self.set_filter(&text);
            }
            return;
        }
        match &mut self.dialog {
            Some(RepoDialog::Name { field, error, .. }) => {
                // A changed name clears the last refusal.
                let changed = field.key(key);
                if changed {
                    *error = None;
                }
            }
            Some(RepoDialog::Move { choose, .. }) => choose.key(key),
            Some(RepoDialog::Import(d)) => {
                d.input.key(key);
            }
            _ => {}
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(field) = &mut self.search {
            if field.paste(text) {
                let text = field.text();
                self.set_filter(&text);
            }
            return;
        }
        match &mut self.dialog {
            Some(RepoDialog::Name { field, .. }) => {
                field.paste(text);
            }
            Some(RepoDialog::Move { choose, .. }) => choose.paste(text),
            Some(RepoDialog::Import(d)) => {
                d.input.field.paste(text);
            }
            _ => {}
        }
    }
}
