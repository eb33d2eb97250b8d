//! The dashboard's small dialogs: a menu of typed choices, a one-line
//! input, a yes/no question. What an answer does is `flows`' business:
//! a menu carries `Choice` values, an input the `Purpose` it was opened
//! for, a question the `Ask` it puts.

use crate::domain::ResultStatus;
use crate::service::ExportFormat;
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::line::LineInput;
use crate::tui::widgets::menu::Menu;
use crossterm::event::KeyEvent;

/// What an input's text is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    AssignOther,
    ResultTime(ResultStatus),
    CloneStatuses,
    Title,
    Description,
    Tags,
    AddCases,
}

/// What a yes does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    RemoveTests,
    Complete,
    Abort,
    Delete,
    /// The report's file exists: replace it?
    Overwrite(ExportFormat),
}

/// The bulk menu's items, for the selected tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bulk {
    Assign,
    Result,
    Retest,
    Remove,
}

/// The run menu's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunItem {
    Complete,
    Abort,
    CloneAll,
    CloneFailed,
    CloneSome,
    AddSuite,
    AddCases,
    Title,
    Description,
    Environment,
    Milestone,
    Tags,
    Export,
    Delete,
}

/// What choosing a menu item means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    Bulk(Bulk),
    Run(RunItem),
    /// Assign the tests to this user (None: nobody).
    AssignTo(Option<String>),
    /// "Someone else...": type the name.
    AssignOther,
    Result(ResultStatus),
    Environment(String),
    Milestone(String),
    /// A suite's path: add its cases.
    AddSuite(String),
    Export(ExportFormat),
}

pub enum Dialog {
    Menu(Menu<Choice>),
    Input {
        purpose: Purpose,
        title: String,
        /// A line under the field: what to type, or what was wrong.
        hint: String,
        input: LineInput,
        error: bool,
    },
    Confirm(Confirm<Ask>),
}

impl Dialog {
    pub fn menu(title: impl Into<String>, items: Vec<(String, Choice)>) -> Self {
        Dialog::Menu(Menu::new(title, items))
    }

    pub fn input(purpose: Purpose, title: impl Into<String>, text: impl Into<String>, hint: impl Into<String>) -> Self {
        Dialog::Input {
            purpose,
            title: title.into(),
            hint: hint.into(),
            input: LineInput::new(text),
            error: false,
        }
    }

    pub fn confirm(ask: Ask, text: impl Into<String>) -> Self {
        Dialog::Confirm(Confirm::new(ask, text))
    }

    /// A key the keymap left to the input field: edit the text.
    pub fn key(&mut self, ev: KeyEvent) {
        let Dialog::Input { input, error, hint, .. } = self else {
            return;
        };
        if !input.key(&ev) {
            return;
        }
        if *error {
            *error = false;
            hint.clear();
        }
    }

    /// Pasted text goes into the input field, on one line.
    pub fn paste(&mut self, pasted: &str) {
        if let Dialog::Input { input, .. } = self {
            input.paste(pasted);
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

/// A menu item: its label and what it means.
pub fn item(label: impl Into<String>, choice: Choice) -> (String, Choice) {
    (label.into(), choice)
}
