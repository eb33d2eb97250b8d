//! What every screen is: one trait the app drives, the context a screen
//! acts in, and the one `Transition` an action returns.
//!
//! A key reaches a screen in one of two ways: the keymap turns it into an
//! `Action` for the screen's scope and the app calls `Screen::act`; or no
//! binding takes it and, when a text field has focus, `Screen::key` types
//! it. What the screen returns tells the app what to do next; an action
//! the screen does not take (`Transition::Unhandled`) goes to the app's
//! globals (quit, help, tabs, back, reload, project picker).

use super::action::Action;
use super::keymap::Scope;
use super::theme::Theme;
use crate::domain::{Case, ProjectCode};
use crate::service::wire::{Change, Presence, Whereabouts};
use crate::service::{Service, ServiceError};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::any::Any;
use std::sync::Arc;
use std::time::Instant;

/// The monotonic clock the app is given: draft debounces, the wizard's
/// timer and its type-ahead guard read it (tests script it).
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> Instant + Send + Sync>);

impl Clock {
    /// The real one.
    pub fn system() -> Self {
        Self(Arc::new(Instant::now))
    }

    pub fn new(now: impl Fn() -> Instant + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    pub fn now(&self) -> Instant {
        (self.0)()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

/// A line for the tester: its text, and whether it reports an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// The one place screens and the app report to; the footer shows it until
/// the next action or unbound key. (The wizard, the dashboard and the case
/// editor also draw a line of their own in their body, which lives as
/// long as the screen does.)
#[derive(Debug, Default)]
pub struct Notices {
    current: Option<Notice>,
}

impl Notices {
    pub fn info(&mut self, text: impl Into<String>) {
        self.set(text, false);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.set(text, true);
    }

    pub fn set(&mut self, text: impl Into<String>, error: bool) {
        self.current = Some(Notice {
            text: text.into(),
            error,
        });
    }

    /// A (text, is an error) pair, as screens used to keep them.
    pub fn put(&mut self, notice: Option<(String, bool)>) {
        if let Some((text, error)) = notice {
            self.set(text, error);
        }
    }

    pub fn get(&self) -> Option<&Notice> {
        self.current.as_ref()
    }

    /// Clears the notice; returns whether there was one.
    pub fn clear(&mut self) -> bool {
        self.current.take().is_some()
    }
}

/// What a screen acts with: the service, the project, the clock, the theme
/// and the notices. Screens never reach into the app.
pub struct Ctx<'a> {
    pub svc: &'a Service,
    pub project: &'a ProjectCode,
    pub clock: &'a Clock,
    pub theme: &'a Theme,
    pub notices: &'a mut Notices,
    /// Runs blocking service calls off the UI thread.
    pub jobs: &'a mut super::jobs::Jobs,
    /// Where the other TUIs on this store are (the server's presence).
    pub others: &'a [Presence],
}

impl Ctx<'_> {
    pub fn now(&self) -> Instant {
        self.clock.now()
    }

    /// Reports a failed service call.
    pub fn fail(&mut self, e: ServiceError) {
        self.notices.error(e.to_string());
    }
}

/// What a screen that closes hands to the screen below it.
pub enum Outcome {
    /// Nothing: the screen below re-reads what it shows.
    Closed,
    /// The case editor closed; the case it saved, if any.
    CaseEditor(Option<Box<Case>>),
}

/// What the app does after a screen took an action.
pub enum Transition {
    /// Something changed: draw again.
    Stay,
    /// Nothing changed (a movement at the end of a list): no frame.
    Idle,
    /// Not this screen's: the app's globals carry it out.
    Unhandled,
    /// Open a screen on top.
    Push(Box<dyn Screen>),
    /// Close this screen (never the tab's root); the one below learns how.
    Pop(Outcome),
    /// This screen gives way to another (a clone's dashboard).
    Replace(Box<dyn Screen>),
    /// Tab `tab` with these screens (a run just created, with the runs
    /// below it).
    Reset { tab: u8, stack: Vec<Box<dyn Screen>> },
    /// Work in another project from now on (the settings tab's Projects),
    /// on the same tab.
    Project(ProjectCode),
}

/// The keys a screen adds to the footer and the help overlay beyond the
/// binding table (the wizard's custom statuses).
#[derive(Clone, Debug, Default)]
pub struct ExtraKeys {
    /// (key, short name for the footer, line for the help overlay).
    pub keys: Vec<(String, String, String)>,
    /// Why the status keys are unavailable (the run is closed).
    pub off: Option<&'static str>,
}

/// One screen on the stack.
pub trait Screen: Any {
    /// The keymap scope of what has focus now.
    fn scope(&self) -> Scope;

    /// Carries out `action`.
    fn act(&mut self, cx: &mut Ctx, action: Action) -> Transition;

    /// A key no binding took (typing into a focused text field); returns
    /// whether the screen used it.
    fn key(&mut self, _cx: &mut Ctx, _key: KeyEvent) -> bool {
        false
    }

    /// An action for a key the binding table lacks (the wizard's custom
    /// status keys).
    fn extra_action(&self, _scope: Scope, _key: &KeyEvent) -> Option<Action> {
        None
    }

    /// Pasted text for the focused field; returns whether it went somewhere.
    fn paste(&mut self, _cx: &mut Ctx, _text: &str) -> bool {
        false
    }

    /// The slow tick; returns whether to draw again.
    fn tick(&mut self, _cx: &mut Ctx) -> bool {
        false
    }

    /// Writes the draft: now (`force`: a signal, quit, a tab) or only once
    /// typing paused.
    fn save_draft(&mut self, _cx: &mut Ctx, _force: bool) {}

    /// The store changed under the screen: it re-reads what it shows.
    fn store_changed(&mut self, _cx: &mut Ctx) -> Result<(), ServiceError> {
        Ok(())
    }

    /// Others changed the store (`changes`, each concerning this project);
    /// by default the screen re-reads everything it shows.
    fn others_changed(&mut self, cx: &mut Ctx, _changes: &[Change]) -> Result<(), ServiceError> {
        self.store_changed(cx)
    }

    /// The screen above closed; by default, re-read what this one shows.
    fn resumed(&mut self, cx: &mut Ctx, _outcome: Outcome) {
        if let Err(e) = self.store_changed(cx) {
            cx.fail(e);
        }
    }

    /// Where the tester is on this screen, for the others' presence and
    /// `server status`: its name, and the run and test open or selected
    /// (the app adds the project).
    fn whereabouts(&self) -> Whereabouts {
        super::live::at("stepwise", None, None)
    }

    /// Text the screen wants edited in $EDITOR.
    fn editor_request(&mut self) -> Option<String> {
        None
    }

    /// What $EDITOR returned (or why it failed).
    fn editor_done(&mut self, cx: &mut Ctx, result: Result<String, String>) {
        if let Err(e) = result {
            cx.notices.error(e);
        }
    }

    /// Work left for after the first frame; returns whether to draw again.
    fn after_frame(&mut self, _cx: &mut Ctx) -> bool {
        false
    }

    fn render(&mut self, cx: &mut Ctx, frame: &mut Frame, area: Rect);

    /// Keys beyond the binding table, for the footer and the help.
    fn extra_keys(&self) -> ExtraKeys {
        ExtraKeys::default()
    }

    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// `as_any`/`as_any_mut` for a screen type (tests look at the top screen).
#[macro_export]
macro_rules! any_screen {
    () => {
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
        fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
            self
        }
    };
}

/// Whether `action` is one of the app's globals, which a screen passes on
/// unless a dialog of its own holds the keyboard.
pub fn is_global(action: Action) -> bool {
    matches!(action, Action::Quit | Action::Help | Action::Tab(_) | Action::Refresh)
}

/// Moves a list's selection for a movement action, by the cursor's own
/// page; returns whether it moved.
pub fn move_cursor(cursor: &mut super::widgets::cursor::Cursor, action: Action, len: usize) -> bool {
    let page = cursor.page();
    move_in(cursor, action, len, page)
}

/// Moves a list's selection for a movement action, `page` rows for
/// PgUp/PgDn; returns whether it moved.
pub fn move_in(cursor: &mut super::widgets::cursor::Cursor, action: Action, len: usize, page: usize) -> bool {
    let page = page as isize;
    match action {
        Action::Up => cursor.move_by(-1, len),
        Action::Down => cursor.move_by(1, len),
        Action::PageUp => cursor.move_by(-page, len),
        Action::PageDown => cursor.move_by(page, len),
        Action::Top => cursor.to(0, len),
        Action::Bottom => cursor.to(len.saturating_sub(1), len),
        _ => false,
    }
}
