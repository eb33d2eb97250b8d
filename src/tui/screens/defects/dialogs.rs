//! The defects screen's dialogs: the new/edit form (in `form`), the
//! status, severity and unlink pickers, the one-line fields (assign, link)
//! and attaching a file. They hold what is typed; `actions` hands it to
//! the service.

pub use super::form::{Form, Slot, Target, Value};
use crate::domain::{Defect, DefectStatus, ExternalLink, Project, Severity};
use crate::tui::widgets::complete::{Case, complete_prefix};
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::input::{InputEvent, TextInput};
use crate::tui::widgets::menu::Menu;
use crossterm::event::KeyEvent;

pub enum DefectDialog {
    Form(Box<Form>),
    Choice(Choice),
    Line(LineDialog),
    Attach {
        defect: u64,
        dialog: TextInput,
    },
    /// The tracker to push the defect to (the project has several).
    Push {
        defect: u64,
        menu: Menu<String>,
    },
}

/// What a picker chooses.
pub enum ChoiceKind {
    /// Every status, from this one: the allowed moves are marked.
    Status(DefectStatus),
    /// Every level, explained; the current one marked.
    Severity(Severity),
    /// The external link to remove.
    Unlink(Vec<ExternalLink>),
}

pub struct Choice {
    pub defect: u64,
    pub kind: ChoiceKind,
    pub cursor: Cursor,
    pub error: Option<String>,
}

impl Choice {
    pub fn status(defect: &Defect) -> Self {
        // Start on the first move the lifecycle allows.
        let first = defect.status.allowed_next().first().copied();
        let at = DefectStatus::ALL.iter().position(|s| Some(*s) == first).unwrap_or(0);
        let mut cursor = Cursor::default();
        cursor.to(at, DefectStatus::ALL.len());
        Self {
            defect: defect.no,
            kind: ChoiceKind::Status(defect.status),
            cursor,
            error: None,
        }
    }

    pub fn severity(defect: &Defect) -> Self {
        let at = Severity::ALL.iter().position(|s| *s == defect.severity).unwrap_or(0);
        let mut cursor = Cursor::default();
        cursor.to(at, Severity::ALL.len());
        Self {
            defect: defect.no,
            kind: ChoiceKind::Severity(defect.severity),
            cursor,
            error: None,
        }
    }

    pub fn unlink(defect: &Defect, selected: usize) -> Self {
        let mut cursor = Cursor::default();
        cursor.to(selected, defect.external.len());
        Self {
            defect: defect.no,
            kind: ChoiceKind::Unlink(defect.external.clone()),
            cursor,
            error: None,
        }
    }

    pub fn len(&self) -> usize {
        match &self.kind {
            ChoiceKind::Status(_) => DefectStatus::ALL.len(),
            ChoiceKind::Severity(_) => Severity::ALL.len(),
            ChoiceKind::Unlink(links) => links.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinePurpose {
    Assign,
    Link,
}

/// One line to type: an assignee (Tab completes from the team) or an
/// external link `TRACKER:KEY` (Tab completes the tracker).
pub struct LineDialog {
    pub defect: u64,
    pub purpose: LinePurpose,
    pub input: TextInput,
    /// Names to complete from.
    pub names: Vec<String>,
}

impl LineDialog {
    pub fn assign(defect: &Defect, team: &[String]) -> Self {
        Self {
            defect: defect.no,
            purpose: LinePurpose::Assign,
            input: TextInput::new(defect.assignee.as_deref().unwrap_or("")),
            names: team.to_vec(),
        }
    }

    pub fn link(defect: &Defect, project: &Project) -> Self {
        Self {
            defect: defect.no,
            purpose: LinePurpose::Link,
            input: TextInput::default(),
            names: project.trackers.iter().map(|t| format!("{}:", t.name)).collect(),
        }
    }

    pub fn key(&mut self, key: KeyEvent) -> bool {
        self.input.key(key) == InputEvent::Changed
    }

    /// Tab: completes from the team, or the tracker's name.
    pub fn complete(&mut self) {
        if self.purpose == LinePurpose::Link && self.input.field.text().contains(':') {
            return;
        }
        let names = &self.names;
        self.input
            .complete_with(|typed| complete_prefix(typed, names, Case::Insensitive));
    }
}
