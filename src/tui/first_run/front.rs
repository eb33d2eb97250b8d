//! What the event loop drives: the first-run screen until the store holds
//! a project, then the app. Each call goes to whichever is in front; the
//! first-run screen gives way to the app on the project it created.

use super::FirstRun;
use crate::domain::ProjectCode;
use crate::service::{Service, ServiceError};
use crate::tui::app::{App, Start};
use crate::tui::screen::{Clock, Notices};
use crate::tui::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use std::sync::Arc;
use std::time::Duration;

pub enum Front {
    FirstRun(Box<FirstRun>),
    App(Box<App>),
}

impl From<App> for Front {
    fn from(app: App) -> Self {
        Front::App(Box::new(app))
    }
}

impl Front {
    /// The app on `project`, or the first-run screen when there is none
    /// yet (see `first_run::project_to_open`).
    pub fn open(svc: Service, project: Option<ProjectCode>, start: Start, theme: Theme) -> Result<Self, ServiceError> {
        Self::with_clock(svc, project, start, theme, Clock::system())
    }

    /// Like `open`, on a given monotonic clock (the in-process tests').
    pub fn with_clock(
        svc: Service,
        project: Option<ProjectCode>,
        start: Start,
        theme: Theme,
        clock: Clock,
    ) -> Result<Self, ServiceError> {
        Ok(match project {
            Some(code) => App::with_clock(svc, code, start, theme, clock)?.into(),
            None => Front::FirstRun(Box::new(FirstRun::new(Arc::new(svc), theme, clock))),
        })
    }

    /// The app, once a project is open.
    pub fn app(&self) -> Option<&App> {
        match self {
            Front::App(app) => Some(app),
            Front::FirstRun(_) => None,
        }
    }

    pub fn first_run(&self) -> Option<&FirstRun> {
        match self {
            Front::FirstRun(f) => Some(f),
            Front::App(_) => None,
        }
    }

    /// The footer's notices.
    pub fn notices(&mut self) -> &mut Notices {
        match self {
            Front::FirstRun(f) => &mut f.notices,
            Front::App(app) => &mut app.notices,
        }
    }

    /// Whether something changed since the last frame.
    pub fn dirty(&self) -> bool {
        match self {
            Front::FirstRun(f) => f.dirty,
            Front::App(app) => app.dirty,
        }
    }

    pub fn set_dirty(&mut self, dirty: bool) {
        match self {
            Front::FirstRun(f) => f.dirty = dirty,
            Front::App(app) => app.dirty = dirty,
        }
    }

    pub fn quit(&self) -> bool {
        match self {
            Front::FirstRun(f) => f.quit,
            Front::App(app) => app.quit,
        }
    }

    pub fn render(&mut self, frame: &mut Frame) {
        match self {
            Front::FirstRun(f) => super::view::render(f, frame),
            Front::App(app) => app.render(frame),
        }
    }

    /// A key press; on the first-run screen, the project it creates opens
    /// the app (if the app cannot open, the screen says why and stays).
    pub fn on_key(&mut self, ev: KeyEvent) {
        match self {
            Front::App(app) => app.on_key(ev),
            Front::FirstRun(f) => {
                let Some(code) = f.on_key(ev) else { return };
                match f.open(code) {
                    Ok(app) => *self = app.into(),
                    Err(e) => f.notices.error(e.to_string()),
                }
            }
        }
    }

    pub fn on_paste(&mut self, text: &str) {
        match self {
            Front::FirstRun(f) => f.on_paste(text),
            Front::App(app) => app.on_paste(text),
        }
    }

    pub fn on_tick(&mut self) {
        if let Front::App(app) = self {
            app.on_tick();
        }
    }

    /// What finished jobs report (the first-run screen starts none).
    pub fn poll_jobs(&mut self) -> bool {
        match self {
            Front::App(app) => app.poll_jobs(),
            Front::FirstRun(_) => false,
        }
    }

    /// What wakes the loop when a job finished; `None` while no job can run.
    pub fn jobs_waker(&self) -> Option<Arc<tokio::sync::Notify>> {
        self.app().map(|app| app.jobs.waker())
    }

    /// Waits up to `limit` for the jobs under way; whether any reported.
    pub fn wait_jobs(&mut self, limit: Duration) -> bool {
        match self {
            Front::App(app) => !app.jobs.wait(limit).is_empty(),
            Front::FirstRun(_) => false,
        }
    }

    /// What the server pushes, once the app is open (taken once).
    pub fn take_pushed(&mut self) -> Option<tokio::sync::mpsc::UnboundedReceiver<crate::service::Pushed>> {
        match self {
            Front::App(app) => app.take_pushed(),
            Front::FirstRun(_) => None,
        }
    }

    pub fn on_pushed(&mut self, batch: Vec<crate::service::Pushed>) {
        if let Front::App(app) = self {
            app.on_pushed(batch);
        }
    }

    /// Tells the server where the tester is (the app's screens only).
    pub fn tell_whereabouts(&mut self) {
        if let Front::App(app) = self {
            app.tell_whereabouts();
        }
    }

    pub fn after_frame(&mut self) -> bool {
        match self {
            Front::App(app) => app.after_frame(),
            Front::FirstRun(_) => false,
        }
    }

    pub fn take_editor_request(&mut self) -> Option<String> {
        match self {
            Front::App(app) => app.take_editor_request(),
            Front::FirstRun(_) => None,
        }
    }

    pub fn editor_done(&mut self, result: Result<String, String>) {
        if let Front::App(app) = self {
            app.editor_done(result);
        }
    }

    /// Makes everything durable (a signal, quit, a lost terminal).
    pub fn save_all(&mut self) {
        match self {
            Front::FirstRun(f) => f.save_all(),
            Front::App(app) => app.save_all(),
        }
    }
}
