//! The repository tab: the suite tree, the cases of the chosen suite
//! (filtered by `/`), the selected case in full, a selection of cases for
//! a run, and changes to suites and cases through dialogs and the case
//! editor. Every change goes through `service`; the screen then reloads.

mod actions;
mod choose;
mod detail;
mod dialogs;
pub mod editor;
mod filter;
mod import;
mod screen;
pub mod tree;
mod view;

pub use choose::Choose;
pub use dialogs::RepoDialog;

use self::filter::Filter;
use self::tree::{Node, TreeRow};
use crate::domain::{Case, Project, ProjectCode, Suite, SuiteNames};
use crate::service::{Service, ServiceError};
use crate::tui::keymap::Scope;
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::field::Field;
use std::collections::{BTreeSet, HashSet};

/// Which pane has the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Tree,
    Cases,
}

pub struct RepositoryScreen {
    pub code: ProjectCode,
    pub project: Project,
    pub suites: Vec<Suite>,
    pub cases: Vec<Case>,
    pub names: SuiteNames,
    pub expanded: HashSet<u64>,
    pub tree: Vec<TreeRow>,
    pub tree_cursor: Cursor,
    /// Indices into `cases` of the cases listed (the tree's node, filtered).
    pub list: Vec<usize>,
    pub list_cursor: Cursor,
    pub pane: Pane,
    /// Case numbers chosen for a run.
    pub selected: BTreeSet<u64>,
    pub filter_text: String,
    filter: Filter,
    /// Some while typing the filter.
    pub search: Option<Field>,
    pub dialog: Option<RepoDialog>,
}

impl RepositoryScreen {
    pub fn load(svc: &Service, code: &ProjectCode) -> Result<Self, ServiceError> {
        let mut s = Self {
            code: code.clone(),
            project: svc.project(code)?,
            suites: Vec::new(),
            cases: Vec::new(),
            names: SuiteNames::default(),
            expanded: HashSet::new(),
            tree: Vec::new(),
            tree_cursor: Cursor::default(),
            list: Vec::new(),
            list_cursor: Cursor::default(),
            pane: Pane::Tree,
            selected: BTreeSet::new(),
            filter_text: String::new(),
            filter: Filter::None,
            search: None,
            dialog: None,
        };
        s.reload(svc)?;
        // Top-level suites start expanded, so the tree shows two levels.
        s.expanded = s.suites.iter().filter(|x| x.parent.is_none()).map(|x| x.id).collect();
        s.rebuild();
        Ok(s)
    }

    /// Reads suites and cases again, keeping the tree node and case chosen.
    pub fn reload(&mut self, svc: &Service) -> Result<(), ServiceError> {
        self.project = svc.project(&self.code)?;
        self.suites = svc.suites(&self.code)?;
        self.cases = svc.cases(&self.code)?;
        self.names = SuiteNames::new(&self.suites);
        let known: HashSet<u64> = self.cases.iter().map(|c| c.no).collect();
        self.selected.retain(|no| known.contains(no));
        self.rebuild();
        Ok(())
    }

    /// Rebuilds the tree rows and the list, keeping the selections where
    /// they still exist.
    pub fn rebuild(&mut self) {
        let node = self.node();
        let case = self.current_case().map(|c| c.no);
        self.tree = tree::rows(&self.suites, &self.cases, &self.expanded);
        let at = self.tree.iter().position(|r| r.node == node).unwrap_or(0);
        self.tree_cursor.to(at, self.tree.len());
        self.relist(case);
    }

    /// Lists the cases of the tree's node that pass the filter.
    pub fn relist(&mut self, keep: Option<u64>) {
        let node = self.node();
        let within = tree::covered(node, &self.suites);
        self.list = (0..self.cases.len())
            .filter(|i| {
                let c = &self.cases[*i];
                tree::holds(node, c, &self.suites, &within) && self.filter.matches(c, &self.code, &self.names)
            })
            .collect();
        let at = keep
            .and_then(|no| self.list.iter().position(|i| self.cases[*i].no == no))
            .unwrap_or(0);
        self.list_cursor = Cursor::default();
        self.list_cursor.to(at, self.list.len());
    }

    pub fn set_filter(&mut self, text: &str) {
        self.filter_text = text.to_string();
        self.filter = Filter::parse(text);
        let keep = self.current_case().map(|c| c.no);
        self.relist(keep);
    }

    pub fn filter_error(&self) -> Option<&crate::domain::query::QueryError> {
        self.filter.error()
    }

    pub fn node(&self) -> Node {
        self.tree.get(self.tree_cursor.selected).map_or(Node::All, |r| r.node)
    }

    /// The suite the tree has selected, if it is one.
    pub fn current_suite(&self) -> Option<&Suite> {
        match self.node() {
            Node::Suite(id) => self.suites.iter().find(|s| s.id == id),
            _ => None,
        }
    }

    pub fn current_case(&self) -> Option<&Case> {
        self.list.get(self.list_cursor.selected).map(|i| &self.cases[*i])
    }

    pub fn scope(&self) -> Scope {
        match &self.dialog {
            Some(RepoDialog::Name { .. }) => Scope::RepoLine,
            Some(RepoDialog::Confirm(_)) => Scope::Confirm,
            Some(RepoDialog::Move { .. }) => Scope::RepoChoose,
            Some(RepoDialog::Import(d)) => d.scope(),
            None if self.search.is_some() => Scope::RepoSearch,
            None => Scope::Repository,
        }
    }

    /// Selects or unselects the case under the cursor, or every case of
    /// the tree's node (all selected already: unselects them).
    pub fn toggle_selection(&mut self) {
        let nos: Vec<u64> = match self.pane {
            Pane::Cases => self.current_case().map(|c| c.no).into_iter().collect(),
            Pane::Tree => self.list.iter().map(|i| self.cases[*i].no).collect(),
        };
        if nos.iter().all(|n| self.selected.contains(n)) {
            nos.iter().for_each(|n| {
                self.selected.remove(n);
            });
        } else {
            self.selected.extend(nos);
        }
    }

    /// Case numbers for a run: the selection, else the case under the cursor.
    pub fn run_cases(&self) -> Vec<u64> {
        if self.selected.is_empty() {
            self.current_case().map(|c| c.no).into_iter().collect()
        } else {
            self.selected.iter().copied().collect()
        }
    }
}
