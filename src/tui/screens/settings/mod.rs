//! The settings tab (`4`): the project's administration. Sections, one at
//! a time on a bar (Tab and Shift-Tab, or `]` and `[`, move along it, as
//! the run's tabs do; a list of sections would take a second focus and a
//! column of an 80-column screen): settings, environments, milestones,
//! configurations, team, custom statuses, defect fields and trackers,
//! projects. Every change is one service call, written before the tab
//! shows it; a refusal goes to the app's notices; Esc never changes
//! anything.

mod actions;
pub mod prompt;
pub mod rows;
mod view;

use crate::domain::{Project, ProjectCode};
use crate::service::{Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Ctx, Screen, Transition};
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::menu::Menu;
use crossterm::event::KeyEvent;
use prompt::Prompt;
use ratatui::Frame;
use ratatui::layout::Rect;
use rows::{Item, Row, Section};

/// What the Fields section adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Field,
    Tracker,
}

/// What holds the keyboard above the list.
pub enum Dialog {
    Prompt(Prompt),
    /// Removing the row (a project: deleting it and what it holds).
    Confirm(Confirm<Item>),
    Menu(Menu<FieldKind>),
}

pub struct Settings {
    pub section: Section,
    /// One cursor per section, kept while moving along the bar.
    cursors: [Cursor; 8],
    pub project: Project,
    pub projects: Vec<Project>,
    pub rows: Vec<Row>,
    pub dialog: Option<Dialog>,
}

impl Settings {
    pub fn load(svc: &Service, code: &ProjectCode) -> Result<Self, ServiceError> {
        let mut s = Self {
            section: Section::Settings,
            cursors: [Cursor::default(); 8],
            project: svc.project(code)?,
            projects: svc.projects()?,
            rows: Vec::new(),
            dialog: None,
        };
        s.rows = rows::rows(s.section, &s.project, &s.projects);
        Ok(s)
    }

    /// Re-reads the project and the store's projects; the cursor stays.
    pub fn reload(&mut self, svc: &Service, code: &ProjectCode) -> Result<(), ServiceError> {
        self.project = svc.project(code)?;
        self.projects = svc.projects()?;
        self.rebuild();
        Ok(())
    }

    fn rebuild(&mut self) {
        self.rows = rows::rows(self.section, &self.project, &self.projects);
        let len = self.rows.len();
        let c = self.cursor_mut();
        let at = c.selected;
        c.to(at.min(len.saturating_sub(1)), len);
    }

    fn index(&self) -> usize {
        Section::ALL.iter().position(|s| *s == self.section).unwrap_or(0)
    }

    pub fn cursor(&self) -> Cursor {
        self.cursors[self.index()]
    }

    fn cursor_mut(&mut self) -> &mut Cursor {
        let i = self.index();
        &mut self.cursors[i]
    }

    /// Shows `section`.
    pub fn show(&mut self, section: Section) {
        self.section = section;
        self.rebuild();
    }

    /// The row under the cursor.
    pub fn selected(&self) -> Option<&Row> {
        self.rows.get(self.cursor().selected)
    }
}

impl Screen for Settings {
    crate::any_screen!();

    fn whereabouts(&self) -> crate::service::wire::Whereabouts {
        crate::tui::live::at(crate::tui::live::screen::SETTINGS, None, None)
    }

    fn scope(&self) -> Scope {
        match &self.dialog {
            Some(Dialog::Prompt(_)) => Scope::SettingsLine,
            Some(Dialog::Confirm(_)) => Scope::Confirm,
            Some(Dialog::Menu(_)) => Scope::DashMenu,
            None => Scope::Settings,
        }
    }

    fn act(&mut self, cx: &mut Ctx, action: Action) -> Transition {
        if self.dialog.is_some() {
            if action == Action::Quit {
                return Transition::Unhandled;
            }
            self.dialog_action(cx, action);
            return Transition::Stay;
        }
        self.list_action(cx, action)
    }

    fn key(&mut self, _cx: &mut Ctx, key: KeyEvent) -> bool {
        match &mut self.dialog {
            Some(Dialog::Prompt(p)) => p.input.key(&key),
            _ => false,
        }
    }

    fn paste(&mut self, _cx: &mut Ctx, text: &str) -> bool {
        match &mut self.dialog {
            Some(Dialog::Prompt(p)) => p.input.paste(text),
            _ => false,
        }
    }

    fn store_changed(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        self.reload(cx.svc, cx.project)
    }

    fn render(&mut self, cx: &mut Ctx, frame: &mut Frame, area: Rect) {
        view::render(self, cx.theme, frame, area);
    }
}
