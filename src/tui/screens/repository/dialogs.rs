//! The repository's dialogs: a suite's name (new or rename), where a
//! suite moves, the confirmation before a deletion, which says what
//! would go with it, and importing a file (see `import`).

use super::choose::Choose;
use super::import::ImportDialog;
use super::{Pane, RepositoryScreen};
use crate::domain::CaseNo;
use crate::service::ServiceError;
use crate::tui::action::Action;
use crate::tui::screen::{Ctx, Notices};
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::field::Field;

pub enum NamePurpose {
    NewSuite { parent: Option<u64> },
    Rename { id: u64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteTarget {
    Suite(u64),
    Case(u64),
}

pub enum RepoDialog {
    Name {
        purpose: NamePurpose,
        field: Field,
        error: Option<String>,
    },
    Move {
        suite: u64,
        choose: Choose,
    },
    Confirm(Confirm<DeleteTarget>),
    Import(Box<ImportDialog>),
}

impl RepositoryScreen {
    pub(super) fn ask_new_suite(&mut self) {
        let parent = self.current_suite().map(|s| s.id);
        self.dialog = Some(RepoDialog::Name {
            purpose: NamePurpose::NewSuite { parent },
            field: Field::new("", false),
            error: None,
        });
    }

    pub(super) fn ask_rename(&mut self, notices: &mut Notices) {
        let Some(s) = self.current_suite() else {
            notices.error("Choose a suite in the tree to rename");
            return;
        };
        self.dialog = Some(RepoDialog::Name {
            purpose: NamePurpose::Rename { id: s.id },
            field: Field::new(&s.name, false),
            error: None,
        });
    }

    pub(super) fn ask_move(&mut self, notices: &mut Notices) {
        let Some(s) = self.current_suite() else {
            notices.error("Choose a suite in the tree to move");
            return;
        };
        let (id, parent) = (s.id, s.parent);
        let below = crate::service::repository::subtree(&self.suites, id);
        let mut options = vec![("(top level)".to_string(), None)];
        let mut paths: Vec<(String, Option<u64>)> = self
            .suites
            .iter()
            .filter(|x| !below.contains(&x.id))
            .map(|x| (self.names.get(Some(x.id)).to_string(), Some(x.id)))
            .collect();
        paths.sort();
        options.extend(paths);
        let title = format!("Move '{}' under", self.names.get(Some(id)));
        self.dialog = Some(RepoDialog::Move {
            suite: id,
            choose: Choose::new(title, options, parent),
        });
    }

    /// Asks before deleting: the suite in the tree, or the case in the list.
    pub(super) fn ask_delete(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        let svc = cx.svc;
        let code = self.code.clone();
        let (target, title, lines) = match self.pane {
            Pane::Tree => {
                let Some(s) = self.current_suite() else {
                    cx.notices.error("Choose a suite in the tree to delete");
                    return Ok(());
                };
                let contents = svc.suite_contents(&code, s.id)?;
                let mut lines = vec![format!(
                    "It holds {} sub-suite(s) and {} case(s); all of them are deleted.",
                    contents.sub_suites.len(),
                    contents.cases.len()
                )];
                lines.extend(
                    contents
                        .sub_suites
                        .iter()
                        .take(3)
                        .map(|x| format!("  suite {}", self.names.get(Some(x.id)))),
                );
                for no in contents.cases.iter().take(4) {
                    let title = self.cases.iter().find(|c| c.no == *no).map_or("", |c| c.title.as_str());
                    lines.push(format!("  {code}-{no} {title}"));
                }
                let shown = contents.sub_suites.len().min(3) + contents.cases.len().min(4);
                let total = contents.sub_suites.len() + contents.cases.len();
                if total > shown {
                    lines.push(format!("  ... and {} more", total - shown));
                }
                lines.push("Tests in runs keep their copies of the cases.".into());
                let title = format!("Delete suite '{}'?", self.names.get(Some(s.id)));
                (DeleteTarget::Suite(s.id), title, lines)
            }
            Pane::Cases => {
                let Some(c) = self.current_case() else {
                    return Ok(());
                };
                let lines = vec![
                    format!("{code}-{} {}", c.no, c.title),
                    format!("{} step(s), version {}.", c.steps.len(), c.version),
                    "Tests in runs keep their copies of the case.".into(),
                ];
                (DeleteTarget::Case(c.no), format!("Delete case {code}-{}?", c.no), lines)
            }
        };
        self.dialog = Some(RepoDialog::Confirm(Confirm::new(target, title).with_detail(lines)));
        Ok(())
    }

    /// Enter in a dialog (`y` in a question): carries it out. A refusal
    /// keeps the dialog open with the reason.
    pub(super) fn confirm_dialog(&mut self, cx: &mut Ctx, action: Action) -> Result<(), ServiceError> {
        let svc = cx.svc;
        let code = self.code.clone();
        match self.dialog.take() {
            Some(RepoDialog::Name { purpose, field, .. }) => {
                let name = field.text();
                let result = match &purpose {
                    NamePurpose::NewSuite { parent } => svc.create_suite(&code, &name, *parent, ""),
                    NamePurpose::Rename { id } => svc.rename_suite(&code, *id, &name),
                };
                match result {
                    Ok(suite) => {
                        if let Some(p) = suite.parent {
                            self.expanded.insert(p);
                        }
                        self.reload(svc)?;
                        self.select_node(super::Node::Suite(suite.id));
                        cx.notices
                            .info(format!("Suite '{}' saved", self.names.get(Some(suite.id))));
                    }
                    Err(e) => {
                        let error = Some(e.to_string());
                        self.dialog = Some(RepoDialog::Name { purpose, field, error });
                    }
                }
            }
            Some(RepoDialog::Move { suite, choose }) => {
                let Some(parent) = choose.chosen() else {
                    self.dialog = Some(RepoDialog::Move { suite, choose });
                    return Ok(());
                };
                svc.move_suite(&code, suite, parent)?;
                if let Some(p) = parent {
                    self.expanded.insert(p);
                }
                self.reload(svc)?;
                self.select_node(super::Node::Suite(suite));
                cx.notices.info(format!("Moved to '{}'", self.names.get(Some(suite))));
            }
            Some(RepoDialog::Confirm(confirm)) => {
                let Some(target) = confirm.answer(action) else {
                    return Ok(());
                };
                let text = match target {
                    DeleteTarget::Suite(id) => {
                        let name = self.names.get(Some(id)).to_string();
                        let gone = svc.delete_suite(&code, id)?;
                        self.tree_cursor.move_by(-1, self.tree.len());
                        format!("Deleted suite '{name}' and {} case(s)", gone.cases.len())
                    }
                    DeleteTarget::Case(no) => {
                        svc.delete_case(&code, CaseNo(no))?;
                        format!("Deleted {code}-{no}")
                    }
                };
                self.reload(svc)?;
                cx.notices.info(text);
            }
            Some(RepoDialog::Import(d)) => self.import_step(cx, d)?,
            None => {}
        }
        Ok(())
    }

    /// Puts the tree's cursor on `node` if it is visible.
    pub(super) fn select_node(&mut self, node: super::Node) {
        if let Some(at) = self.tree.iter().position(|r| r.node == node) {
            self.tree_cursor.to(at, self.tree.len());
            self.relist(None);
        }
    }
}
