//! The dashboard's small dialogs: a menu to choose from, a one-line input,
//! a yes/no question. What an answer does is `actions`' business; each
//! dialog carries the `Purpose` it was opened for.

use crate::domain::ResultStatus;
use crate::tui::widgets::cursor::Cursor;
use crossterm::event::KeyEvent;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    Bulk,
    AssignTo,
    AssignOther,
    ResultStatus,
    ResultTime(ResultStatus),
    RemoveTests,
    RunMenu,
    Complete,
    Abort,
    Delete,
    CloneStatuses,
    Title,
    Description,
    Tags,
    Environment,
    Milestone,
    AddSuite,
    AddCases,
    Export,
    /// The report's file exists: replace it?
    Overwrite(crate::service::ExportFormat),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    /// What choosing it means (a key, a user, a status slug...).
    pub value: String,
}

impl Item {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: value.into(),
        }
    }
}

pub enum Dialog {
    Menu {
        purpose: Purpose,
        title: String,
        items: Vec<Item>,
        cursor: Cursor,
    },
    Input {
        purpose: Purpose,
        title: String,
        /// A line under the field: what to type, or what was wrong.
        hint: String,
        text: String,
        error: bool,
    },
    Confirm {
        purpose: Purpose,
        text: String,
    },
}

impl Dialog {
    pub fn menu(purpose: Purpose, title: impl Into<String>, items: Vec<Item>) -> Self {
        Dialog::Menu {
            purpose,
            title: title.into(),
            items,
            cursor: Cursor::default(),
        }
    }

    pub fn input(purpose: Purpose, title: impl Into<String>, text: impl Into<String>, hint: impl Into<String>) -> Self {
        Dialog::Input {
            purpose,
            title: title.into(),
            hint: hint.into(),
            text: text.into(),
            error: false,
        }
    }

    pub fn confirm(purpose: Purpose, text: impl Into<String>) -> Self {
        Dialog::Confirm {
            purpose,
            text: text.into(),
        }
    }

    /// A key the keymap left to the input field: edit the text.
    pub fn key(&mut self, ev: KeyEvent) {
        let Dialog::Input { text, error, hint, .. } = self else {
            return;
        };
        if !crate::tui::widgets::edit::key_line_at_end(text, &ev) {
            return;
        }
        if *error {
            *error = false;
            hint.clear();
        }
    }

    /// Pasted text goes into the input field, on one line.
    pub fn paste(&mut self, pasted: &str) {
        if let Dialog::Input { text, .. } = self {
            text.push_str(&pasted.replace(['\r', '\n'], " "));
        }
    }

    /// Shows what was wrong with the input, keeping it open.
    pub fn set_error(&mut self, message: String) {
        if let Dialog::Input { hint, error, .. } = self {
            *hint = message;
            *error = true;
        }
    }
}
