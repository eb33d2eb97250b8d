//! The first run: a store with no project yet. The TUI opens on a screen
//! that says so and asks for the first project's code and title, checked
//! by the same service call as `stepwise project new` (a refusal is shown
//! under the field at fault), then opens the app on it.
//!
//! The app (`tui::App`) always works in a project, so this screen stands
//! before it rather than on its stack: the event loop drives a `Front`,
//! which is this screen until the project exists, then the app.
//!
//! Two stages: the welcome (Enter or `n` starts, `q` or Esc quits, so a
//! tester who opened the wrong store leaves with one key), then the form
//! (its fields take every letter; Esc goes back to the welcome).

mod front;
mod view;

pub use front::Front;

use super::action::Action;
use super::app::{App, Start};
use super::keymap::{self, Scope};
use super::screen::{Clock, Notices};
use super::theme::Theme;
use super::widgets::line::LineInput;
use crate::domain::ProjectCode;
use crate::service::{Service, ServiceError};
use crossterm::event::KeyEvent;
use std::sync::Arc;

/// Which project the TUI opens: the one named, else the one `project
/// new`'s rules pick; `None` when nothing was named and the store holds no
/// project yet (the first-run screen then asks for one). Opening a run
/// needs a project that holds it, so it keeps the service's refusal.
pub fn project_to_open(svc: &Service, named: Option<&str>, start: Start) -> Result<Option<ProjectCode>, ServiceError> {
    if named.is_none() && matches!(start, Start::Home) && svc.projects()?.is_empty() {
        return Ok(None);
    }
    svc.resolve_project(named).map(Some)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// What the screen is for; Enter starts, q quits.
    Welcome,
    /// Typing the code and the title.
    Form,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Code,
    Title,
}

pub struct FirstRun {
    svc: Arc<Service>,
    pub theme: Theme,
    clock: Clock,
    pub stage: Stage,
    pub focus: Field,
    pub code: LineInput,
    pub title: LineInput,
    /// Why the last Enter was refused, shown under the field at fault.
    pub error: Option<(Field, String)>,
    /// The store's directory as the screen names it (which store is empty).
    pub store: String,
    /// The footer's line (what main reports before the TUI opens).
    pub notices: Notices,
    pub quit: bool,
    /// Something changed since the last frame.
    pub dirty: bool,
}

impl FirstRun {
    pub fn new(svc: Arc<Service>, theme: Theme, clock: Clock) -> Self {
        Self {
            store: svc.store_dir().display().to_string(),
            svc,
            theme,
            clock,
            stage: Stage::Welcome,
            focus: Field::Code,
            code: LineInput::default(),
            title: LineInput::default(),
            error: None,
            notices: Notices::default(),
            quit: false,
            dirty: true,
        }
    }

    pub fn scope(&self) -> Scope {
        match self.stage {
            Stage::Welcome => Scope::FirstRun,
            Stage::Form => Scope::FirstRunForm,
        }
    }

    /// A key press: an action of the screen's scope, else a character for
    /// the focused field. Returns the project once it was created.
    pub fn on_key(&mut self, ev: KeyEvent) -> Option<ProjectCode> {
        self.dirty = true;
        self.notices.clear();
        if let Some(action) = keymap::lookup(self.scope(), &ev) {
            return self.act(action);
        }
        if self.stage == Stage::Form
            && self.input().key(&ev)
            && self.error.as_ref().is_some_and(|(f, _)| *f == self.focus)
        {
            // The field at fault is being corrected.
            self.error = None;
        }
        None
    }

    /// Pasted text goes to the focused field.
    pub fn on_paste(&mut self, text: &str) {
        if self.stage == Stage::Form && self.input().paste(text) {
            self.dirty = true;
        }
    }

    fn input(&mut self) -> &mut LineInput {
        match self.focus {
            Field::Code => &mut self.code,
            Field::Title => &mut self.title,
        }
    }

    /// Carries out `action`; returns the project once it was created.
    pub fn act(&mut self, action: Action) -> Option<ProjectCode> {
        match (self.stage, action) {
            (_, Action::Quit) | (Stage::Welcome, Action::Back) => self.quit = true,
            (Stage::Welcome, Action::Open) => {
                self.stage = Stage::Form;
                self.focus = Field::Code;
            }
            (Stage::Form, Action::Back) => {
                // Nothing was written: the typed text stays for a second try.
                self.stage = Stage::Welcome;
                self.error = None;
            }
            (Stage::Form, Action::NextField | Action::PrevField) => {
                self.focus = match self.focus {
                    Field::Code => Field::Title,
                    Field::Title => Field::Code,
                };
            }
            (Stage::Form, Action::Open) => return self.enter(),
            _ => {}
        }
        None
    }

    /// Enter in the form: on the code, check it and go on to the title; on
    /// the title, create the project.
    fn enter(&mut self) -> Option<ProjectCode> {
        self.error = None;
        if let Err(e) = ProjectCode::parse(self.code.text()) {
            self.refuse(Field::Code, e.into());
            return None;
        }
        if self.focus == Field::Code {
            self.focus = Field::Title;
            return None;
        }
        match self.svc.create_project(self.code.text(), self.title.text()) {
            Ok(p) => Some(p.code),
            Err(e) => {
                // The code was well formed: a refusal about it is a code
                // already taken; anything else is the title's.
                let taken = ProjectCode::parse(self.code.text()).is_ok_and(|c| self.svc.project(&c).is_ok());
                self.refuse(if taken { Field::Code } else { Field::Title }, e);
                None
            }
        }
    }

    fn refuse(&mut self, field: Field, e: ServiceError) {
        self.focus = field;
        self.error = Some((field, e.to_string()));
    }

    /// The app on the project just created, on its runs tab, with a line
    /// saying what to do next.
    pub fn open(&self, code: ProjectCode) -> Result<App, ServiceError> {
        let mut app = App::shared(
            Arc::clone(&self.svc),
            code.clone(),
            Start::Home,
            self.theme,
            self.clock.clone(),
        )?;
        app.notices.info(format!(
            "Project {code} created: cases on tab 2; environments, milestones, team on tab 4"
        ));
        Ok(app)
    }

    /// Makes everything durable (a signal, quit): the store is flushed.
    pub fn save_all(&self) {
        if let Err(e) = self.svc.flush() {
            tracing::error!("flush on exit failed: {e}");
        }
    }
}
