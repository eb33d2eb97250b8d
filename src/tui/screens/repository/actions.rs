//! What each action does on the repository tab, and what the app does
//! next (open the editor, a new run's view, the new-run screen).

use super::dialogs::RepoDialog;
use super::editor::CaseEditor;
use super::{Node, Pane, RepositoryScreen};
use crate::domain::{CaseNo, RunNo};
use crate::service::{NewRun, ServiceError};
use crate::tui::action::Action;
use crate::tui::screen::{Ctx, Transition, move_cursor};
use crate::tui::screens::dashboard::show_run;
use crossterm::event::KeyEvent;

impl RepositoryScreen {
    pub(super) fn act_on(&mut self, cx: &mut Ctx, action: Action) -> Result<Transition, ServiceError> {
        let svc = cx.svc;
        if self.dialog.is_some() {
            self.dialog_action(cx, action)?;
            return Ok(Transition::Stay);
        }
        if self.search.is_some() {
            // Enter or Esc ends typing; the filter stays (empty: cleared).
            self.search = None;
            return Ok(Transition::Stay);
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
                Pane::Cases => return self.edit(cx),
            },
            Action::Edit => return self.edit(cx),
            Action::Select => self.toggle_selection(),
            Action::ClearSelection => self.selected.clear(),
            Action::Search => self.search = Some(crate::tui::widgets::field::Field::new(&self.filter_text, false)),
            Action::NewSuite => self.ask_new_suite(),
            Action::Rename => self.ask_rename(cx.notices),
            Action::MoveSuite => self.ask_move(cx.notices),
            Action::Delete => self.ask_delete(cx)?,
            Action::Import => self.ask_import(),
            Action::NewCase => {
                let suite = self.current_suite().map(|s| s.id);
                return Ok(CaseEditor::new_case(svc, &self.code, suite, cx.clock)?.push(cx));
            }
            Action::Express => return self.express(cx),
            Action::PlanRun => {
                let cases = self.run_cases();
                if cases.is_empty() {
                    cx.notices.error("Select cases first (Space)");
                } else {
                    return Ok(crate::tui::screens::new_run::open(cx, Some(cases)));
                }
            }
            _ => {}
        }
        Ok(Transition::Stay)
    }

    fn navigate(&mut self, action: Action) {
        match self.pane {
            Pane::Tree => {
                if move_cursor(&mut self.tree_cursor, action, self.tree.len()) {
                    self.relist(None);
                }
            }
            Pane::Cases => {
                move_cursor(&mut self.list_cursor, action, self.list.len());
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

    fn edit(&mut self, cx: &mut Ctx) -> Result<Transition, ServiceError> {
        let Some(no) = self.current_case().map(|c| c.no) else {
            cx.notices.error("No case here; n adds one");
            return Ok(Transition::Stay);
        };
        let editor = CaseEditor::edit_case(cx.svc, &self.code, CaseNo(no), cx.clock)?;
        Ok(editor.push(cx))
    }

    /// An express run: the selection (or the case under the cursor), today's
    /// date as the title, started at once.
    fn express(&mut self, cx: &mut Ctx) -> Result<Transition, ServiceError> {
        let cases = self.run_cases();
        if cases.is_empty() {
            cx.notices
                .error("Select cases first (Space), or choose a suite with cases");
            return Ok(Transition::Stay);
        }
        let run = cx.svc.create_run(
            &self.code,
            NewRun {
                cases,
                ..NewRun::default()
            },
        )?;
        self.selected.clear();
        let no = RunNo(run.no);
        Ok(show_run(cx, no, format!("Express run #{} started", no.0)))
    }

    fn dialog_action(&mut self, cx: &mut Ctx, action: Action) -> Result<(), ServiceError> {
        match (&mut self.dialog, action) {
            (Some(RepoDialog::Import(d)), Action::Back) if d.preview.is_some() => {
                self.dialog = None;
                cx.notices.info("Import cancelled; nothing was written");
            }
            (_, Action::Back) => self.dialog = None,
            (Some(RepoDialog::Import(d)), Action::NextField) => d.input.complete_path(),
            (_, Action::Open | Action::Confirm) => self.confirm_dialog(cx, action)?,
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
