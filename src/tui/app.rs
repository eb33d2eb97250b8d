//! The app: a thin shell around the screens. It holds the tab's stack of
//! screens, the notices, the overlay (help, project picker) and the tabs;
//! it turns a key into an action (`keymap`), hands it to the top screen
//! (`Screen::act`), and carries out the `Transition` it returns, or the
//! globals (quit, help, back, tabs, reload, project picker) when the
//! screen leaves the action to it. Screens change data through `service`,
//! which persists before the screen shows the change.

use super::action::Action;
use super::jobs::Jobs;
use super::keymap::{self, Scope};
use super::screen::{Clock, Ctx, Notice, Notices, Outcome, Screen, Transition};
use super::screens::{self, dashboard::Dashboard, home::Home, picker::Picker};
use super::theme::Theme;
use crate::domain::{ProjectCode, RunNo};
use crate::service::wire::Presence;
use crate::service::{Pushed, Service, ServiceError};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::mpsc::UnboundedReceiver;

/// Where the TUI opens.
#[derive(Clone, Copy, Debug)]
pub enum Start {
    Home,
    Run(RunNo),
}

pub enum Overlay {
    Help { scope: Scope, scroll: u16 },
    Picker(Picker),
}

pub struct App {
    /// Shared with the jobs running off the UI thread (`jobs`).
    pub svc: Arc<Service>,
    pub project: ProjectCode,
    pub theme: Theme,
    /// The active tab, 1 to 4.
    pub tab: u8,
    /// The screens of the active tab; the last one is shown. Never empty:
    /// Back stops at the tab's root.
    stack: Vec<Box<dyn Screen>>,
    pub overlay: Option<Overlay>,
    /// The footer's line for the tester.
    pub notices: Notices,
    pub quit: bool,
    /// Something changed since the last frame.
    pub dirty: bool,
    /// The monotonic clock (scripted in tests).
    pub clock: Clock,
    /// Service calls running off the UI thread (tracker calls).
    pub jobs: Jobs,
    /// When the app opened (the periodic tracker sync counts from it).
    opened: Instant,
    /// What the server pushes (none for a store open in this process):
    /// the event loop takes it.
    pushed: Option<UnboundedReceiver<Pushed>>,
    /// The other TUIs' whereabouts, as the server last said.
    pub others: Vec<Presence>,
    /// The connection to the server was lost and not made again: the next
    /// tick tries a re-read (which reconnects).
    pub offline: bool,
}

/// A context for the top screen, built from the app's fields (so the
/// screen can be borrowed mutably beside it).
macro_rules! cx {
    ($app:ident) => {
        Ctx {
            svc: &$app.svc,
            project: &$app.project,
            clock: &$app.clock,
            theme: &$app.theme,
            notices: &mut $app.notices,
            jobs: &mut $app.jobs,
            others: &$app.others,
        }
    };
}

impl App {
    pub fn new(svc: Service, project: ProjectCode, start: Start, theme: Theme) -> Result<Self, ServiceError> {
        Self::with_clock(svc, project, start, theme, Clock::system())
    }

    /// The app on a given monotonic clock (the in-process harness's).
    pub fn with_clock(
        svc: Service,
        project: ProjectCode,
        start: Start,
        theme: Theme,
        clock: Clock,
    ) -> Result<Self, ServiceError> {
        Self::shared(Arc::new(svc), project, start, theme, clock)
    }

    /// The app on a service already shared (the first-run screen's, once
    /// it created the project).
    pub fn shared(
        svc: Arc<Service>,
        project: ProjectCode,
        start: Start,
        theme: Theme,
        clock: Clock,
    ) -> Result<Self, ServiceError> {
        let mut stack: Vec<Box<dyn Screen>> = vec![Box::new(Home::load(&svc, &project)?)];
        if let Start::Run(no) = start {
            stack.push(Box::new(Dashboard::load(&svc, &project, no)?));
        }
        svc.set_last_project(&project)?;
        let pushed = svc.pushed();
        let opened = clock.now();
        Ok(Self {
            jobs: Jobs::new(Arc::clone(&svc)),
            opened,
            svc,
            project,
            theme,
            tab: 1,
            stack,
            overlay: None,
            notices: Notices::default(),
            quit: false,
            dirty: true,
            clock,
            pushed,
            others: Vec::new(),
            offline: false,
        })
    }

    /// What the server pushes, for the event loop (taken once).
    pub fn take_pushed(&mut self) -> Option<UnboundedReceiver<Pushed>> {
        self.pushed.take()
    }

    /// The screen on top.
    pub fn top(&self) -> &dyn Screen {
        self.stack[self.stack.len() - 1].as_ref()
    }

    /// The screen on top as a `T`, if it is one.
    pub fn top_as<T: Screen>(&self) -> Option<&T> {
        self.stack.last()?.as_any().downcast_ref()
    }

    pub fn top_as_mut<T: Screen>(&mut self) -> Option<&mut T> {
        self.stack.last_mut()?.as_any_mut().downcast_mut()
    }

    /// The footer's notice.
    pub fn notice(&self) -> Option<&Notice> {
        self.notices.get()
    }

    pub fn scope(&self) -> Scope {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Scope::Help,
            Some(Overlay::Picker(_)) => Scope::Picker,
            None => self.top().scope(),
        }
    }

    /// A key press: an action for the current scope, else text for the
    /// focused field; any other key clears the notice.
    pub fn on_key(&mut self, ev: KeyEvent) {
        #[cfg(feature = "test-hooks")]
        super::test_hooks::on_key(&ev);
        let scope = self.scope();
        let action = keymap::lookup(scope, &ev).or_else(|| match self.overlay {
            None => self.top().extra_action(scope, &ev),
            Some(_) => None,
        });
        if let Some(action) = action {
            return self.update(action);
        }
        if self.overlay.is_none() {
            let top = self.stack.len() - 1;
            if self.stack[top].key(&mut cx!(self), ev) {
                self.dirty = true;
                return;
            }
        }
        if self.notices.clear() {
            self.dirty = true;
        }
    }

    /// Pasted text (bracketed paste) goes to the focused text field.
    pub fn on_paste(&mut self, text: &str) {
        let top = self.stack.len() - 1;
        if self.stack[top].paste(&mut cx!(self), text) {
            self.dirty = true;
        }
    }

    /// The slow tick: timers move, drafts are written once typing pauses,
    /// finished jobs report, and the trackers are synced every
    /// `jobs::SYNC_EVERY`.
    pub fn on_tick(&mut self) {
        if self.offline {
            self.retry_connection();
        }
        let top = self.stack.len() - 1;
        if self.stack[top].tick(&mut cx!(self)) {
            self.dirty = true;
        }
        self.poll_jobs();
        let now = self.clock.now();
        if self.jobs.sync_due(now, self.opened) {
            let has_api = self
                .svc
                .project(&self.project)
                .is_ok_and(|p| !super::tracker_calls::api_trackers(&p).is_empty());
            if has_api {
                self.jobs.sync(&self.project, true, now);
                self.dirty = true;
            } else {
                self.jobs.skip_sync(now);
            }
        }
    }

    /// After a lost connection: a re-read reaches (or starts) a server
    /// again; then the drafts not yet taken are sent.
    fn retry_connection(&mut self) {
        let top = self.stack.len() - 1;
        if self.stack[top].store_changed(&mut cx!(self)).is_ok() {
            self.offline = false;
            self.save_drafts();
            self.dirty = true;
            self.notices.info("Reconnected to the stepwise server");
        }
    }

    /// Delivers what finished jobs report: their line in the footer, then
    /// the top screen re-reads what it shows. Returns whether any did.
    pub fn poll_jobs(&mut self) -> bool {
        let reports = self.jobs.finished();
        if reports.is_empty() {
            return false;
        }
        self.dirty = true;
        self.reload();
        for report in reports.into_iter().flatten() {
            self.notices.set(report.text, report.error);
        }
        true
    }

    /// Text the top screen wants edited in $EDITOR.
    pub fn take_editor_request(&mut self) -> Option<String> {
        self.stack.last_mut()?.editor_request()
    }

    pub fn editor_done(&mut self, result: Result<String, String>) {
        self.dirty = true;
        let top = self.stack.len() - 1;
        self.stack[top].editor_done(&mut cx!(self), result);
    }

    /// Work the top screen left for after its first frame (a large run's
    /// rows); returns whether to draw again.
    pub fn after_frame(&mut self) -> bool {
        let top = self.stack.len() - 1;
        self.stack[top].after_frame(&mut cx!(self))
    }

    /// Opens the new-run form over the current screen (with `cases` as its
    /// cases, else cases from suites), as `n` on the runs tab does.
    pub fn open_new_run(&mut self, cases: Option<Vec<u64>>) {
        self.dirty = true;
        let transition = screens::new_run::open(&mut cx!(self), cases);
        self.apply(transition, Action::NewRun);
    }

    /// Carries out an action: the overlay's, else the top screen's, else
    /// the app's own.
    pub fn update(&mut self, action: Action) {
        self.dirty = true;
        self.notices.clear();
        if self.overlay.is_some() {
            return self.overlay_action(action);
        }
        let top = self.stack.len() - 1;
        let transition = self.stack[top].act(&mut cx!(self), action);
        self.apply(transition, action);
    }

    fn apply(&mut self, transition: Transition, action: Action) {
        match transition {
            Transition::Stay => {}
            Transition::Idle => self.dirty = false,
            Transition::Unhandled => self.global(action),
            Transition::Push(screen) => self.stack.push(screen),
            Transition::Pop(outcome) => self.pop(outcome),
            Transition::Replace(screen) => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
                self.stack.push(screen);
            }
            Transition::Reset { tab, stack } => {
                if !stack.is_empty() {
                    self.tab = tab;
                    self.stack = stack;
                }
            }
            Transition::Project(code) => self.switch_project(code),
        }
    }

    /// Closes the top screen (never the tab's root); the one below learns
    /// how it closed.
    fn pop(&mut self, outcome: Outcome) {
        if self.stack.len() > 1 {
            self.stack.pop();
            let top = self.stack.len() - 1;
            self.stack[top].resumed(&mut cx!(self), outcome);
        }
    }

    /// The actions every screen leaves to the app.
    fn global(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = Some(Overlay::Help {
                    scope: self.scope(),
                    scroll: 0,
                })
            }
            Action::Back => self.pop(Outcome::Closed),
            Action::Tab(n) => self.open_tab(n),
            Action::Refresh => self.reload(),
            Action::SwitchProject => match self.svc.projects() {
                Ok(projects) => {
                    let mut picker = Picker {
                        projects,
                        cursor: Default::default(),
                    };
                    let at = picker.projects.iter().position(|p| p.code == self.project).unwrap_or(0);
                    picker.cursor.to(at, picker.projects.len());
                    self.overlay = Some(Overlay::Picker(picker));
                }
                Err(e) => self.fail(e),
            },
            // Nothing to do: no redraw either for a movement.
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                self.dirty = false
            }
            _ => {}
        }
    }

    fn overlay_action(&mut self, action: Action) {
        let Some(overlay) = &mut self.overlay else { return };
        match overlay {
            Overlay::Help { scroll, .. } => match action {
                Action::Down => *scroll = scroll.saturating_add(1),
                Action::Up => *scroll = scroll.saturating_sub(1),
                _ => self.overlay = None,
            },
            Overlay::Picker(p) => match action {
                Action::Down => {
                    p.cursor.move_by(1, p.projects.len());
                }
                Action::Up => {
                    p.cursor.move_by(-1, p.projects.len());
                }
                Action::Open => {
                    let chosen = p.projects.get(p.cursor.selected).map(|p| p.code.clone());
                    self.overlay = None;
                    if let Some(code) = chosen {
                        self.switch_project(code);
                    }
                }
                _ => self.overlay = None,
            },
        }
    }

    fn fail(&mut self, e: ServiceError) {
        self.notices.error(e.to_string());
    }

    fn open_tab(&mut self, n: u8) {
        self.save_drafts();
        match screens::tab_root(n, &self.svc, &self.project, &self.clock) {
            Ok(screen) => {
                self.tab = n;
                self.stack = vec![screen];
            }
            Err(e) => self.fail(e),
        }
    }

    fn switch_project(&mut self, code: ProjectCode) {
        if let Err(e) = self.svc.set_last_project(&code) {
            return self.fail(e);
        }
        self.project = code;
        self.open_tab(self.tab);
        self.notices.info(format!("Project {}", self.project));
    }

    /// Writes every unsaved draft at once.
    pub(super) fn save_drafts(&mut self) {
        let mut cx = cx!(self);
        for screen in &mut self.stack {
            screen.save_draft(&mut cx, true);
        }
    }

    /// Reloads what the top screen shows from the store.
    pub fn reload(&mut self) {
        let top = self.stack.len() - 1;
        if let Err(e) = self.stack[top].store_changed(&mut cx!(self)) {
            self.fail(e);
        }
    }

    /// The screen on top re-reads what the others' `changes` touched.
    pub(super) fn others_changed(&mut self, changes: &[crate::service::wire::Change]) {
        let top = self.stack.len() - 1;
        if let Err(e) = self.stack[top].others_changed(&mut cx!(self), changes) {
            self.fail(e);
        }
    }

    /// Makes everything durable (SIGHUP, SIGTERM, quit). Text drafts are
    /// written by their editors as they change; this flushes the store.
    pub fn save_all(&mut self) {
        self.save_drafts();
        if let Err(e) = self.svc.flush() {
            tracing::error!("flush on exit failed: {e}");
        }
    }

    pub fn render(&mut self, frame: &mut Frame) {
        super::frame::render(self, frame);
        // Stored text never reaches the terminal with a live character.
        super::widgets::inert::scrub(frame.buffer_mut());
    }

    /// Draws the top screen into `area`.
    pub(super) fn render_top(&mut self, frame: &mut Frame, area: ratatui::layout::Rect) {
        let top = self.stack.len() - 1;
        self.stack[top].render(&mut cx!(self), frame, area);
    }
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
