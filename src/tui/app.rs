//! Application state and `update`: what each action does. Anything that
//! changes data goes through `service`, which persists before we show it.

use super::action::Action;
use super::keymap::{self, Scope};
use super::screens::defects::{self, DefectsScreen};
use super::screens::repository::RepositoryScreen;
use super::screens::wizard::After;
use super::screens::{self, Screen, home::Home, list::ListScreen, picker::Picker, run_view::RunScreen};
use super::theme::Theme;
use crate::domain::{ProjectCode, RunNo};
use crate::service::{Service, ServiceError};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use std::sync::Arc;
use std::time::Instant;

/// The monotonic clock of the type-ahead guard (scripted in tests).
pub type Ticks = Arc<dyn Fn() -> Instant + Send + Sync>;

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
    pub svc: Service,
    pub project: ProjectCode,
    pub theme: Theme,
    /// The active tab, 1 to 4.
    pub tab: u8,
    /// The screens of the active tab; the last one is shown.
    pub stack: Vec<Screen>,
    pub overlay: Option<Overlay>,
    /// A one-line message for the footer (text, is an error).
    pub message: Option<(String, bool)>,
    pub quit: bool,
    /// Something changed since the last frame.
    pub dirty: bool,
    /// When a frame was drawn and a key pressed, for the wizard's
    /// type-ahead guard.
    pub ticks: Ticks,
}

impl App {
    pub fn new(svc: Service, project: ProjectCode, start: Start, theme: Theme) -> Result<Self, ServiceError> {
        let home = Screen::Home(Box::new(Home::load(&svc, &project)?));
        let mut stack = vec![home];
        if let Start::Run(no) = start {
            stack.push(Screen::Run(Box::new(RunScreen::load(&svc, &project, no)?)));
        }
        svc.set_last_project(&project)?;
        Ok(Self {
            svc,
            project,
            theme,
            tab: 1,
            stack,
            overlay: None,
            message: None,
            quit: false,
            dirty: true,
            ticks: Arc::new(Instant::now),
        })
    }

    fn screen(&self) -> &Screen {
        // The stack is never empty: Back stops at the tab's root.
        &self.stack[self.stack.len() - 1]
    }

    pub fn scope(&self) -> Scope {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Scope::Help,
            Some(Overlay::Picker(_)) => Scope::Picker,
            None => self.screen().scope(),
        }
    }

    pub fn on_key(&mut self, ev: KeyEvent) {
        // For the end-to-end test of the panic path only.
        if ev.code == crossterm::event::KeyCode::Char('!') && std::env::var_os("STEPWISE_TEST_PANIC_KEY").is_some() {
            panic!("test panic requested by STEPWISE_TEST_PANIC_KEY");
        }
        if ev.code == crossterm::event::KeyCode::Char('@') && std::env::var_os("STEPWISE_TEST_PANIC_KEY").is_some() {
            test_stack_overflow();
        }
        let scope = self.scope();
        let action = keymap::lookup(scope, &ev).or_else(|| self.custom_status_key(scope, &ev));
        if action.is_none()
            && (self.repository_key(scope, ev)
                || self.new_run_key(scope, ev)
                || self.dashboard_key(scope, ev)
                || self.home_key(scope, ev))
        {
            return;
        }
        match (action, self.stack.last_mut()) {
            (Some(action), _) => self.update(action),
            (None, Some(Screen::Wizard(w))) if scope == Scope::Dialog => {
                w.dialog_key(&self.svc, ev);
                self.dirty = true;
            }
            (None, Some(Screen::Defects(d)))
                if matches!(scope, Scope::DefectSearch | Scope::DefectForm | Scope::DefectLine) =>
            {
                d.key(&self.svc, ev);
                if let Some(n) = d.notice.take() {
                    self.message = Some(n);
                }
                self.dirty = true;
            }
            _ => {
                if self.message.take().is_some() {
                    self.dirty = true;
                }
            }
        }
    }

    /// A project's custom status has its own key in the wizard.
    fn custom_status_key(&self, scope: Scope, ev: &KeyEvent) -> Option<Action> {
        let (Scope::Wizard, crossterm::event::KeyCode::Char(c)) = (scope, ev.code) else {
            return None;
        };
        let Some(Screen::Wizard(w)) = self.stack.last() else {
            return None;
        };
        w.project
            .custom_statuses
            .iter()
            .find(|s| !s.hidden && s.key == c)
            .map(|s| Action::Mark(crate::domain::ResultStatus::Custom(s.id)))
    }

    /// Pasted text (bracketed paste) goes to the focused text field.
    pub fn on_paste(&mut self, text: &str) {
        match self.stack.last_mut() {
            Some(Screen::Wizard(w)) => w.paste(text),
            Some(Screen::Run(d)) => d.paste(text),
            Some(Screen::Defects(d)) => d.paste(&self.svc, text),
            Some(Screen::Repository(r)) => r.paste(text),
            Some(Screen::CaseEditor(e)) => e.paste(text),
            Some(Screen::NewRun(_)) => {
                self.new_run_paste(text);
            }
            _ => return,
        }
        self.dirty = true;
    }

    /// The slow tick: the wizard's timer moves and its draft is written
    /// once typing pauses.
    pub fn on_tick(&mut self) {
        let svc = &self.svc;
        match self.stack.last_mut() {
            Some(Screen::Wizard(w)) => {
                self.dirty = true;
                if let Err(e) = w.save_draft(svc, false) {
                    w.notice = Some((e.to_string(), true));
                }
            }
            Some(Screen::Defects(d)) => d.save_form_draft(svc, false),
            Some(Screen::NewRun(n)) => n.save_draft(svc, false),
            _ => self.repository_tick(),
        }
    }

    /// Text the wizard wants edited in $EDITOR.
    pub fn take_editor_request(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            Some(Screen::Wizard(w)) => w.editor_request.take(),
            Some(Screen::Defects(d)) => d.editor_request.take(),
            Some(Screen::CaseEditor(e)) => e.editor_request.take(),
            _ => None,
        }
    }

    pub fn editor_done(&mut self, result: Result<String, String>) {
        self.dirty = true;
        match (self.stack.last_mut(), result) {
            (Some(Screen::Wizard(w)), Ok(text)) => w.editor_done(&text),
            (Some(Screen::Wizard(w)), Err(e)) => w.notice = Some((e, true)),
            (Some(Screen::Defects(d)), Ok(text)) => d.editor_done(&text),
            (Some(Screen::CaseEditor(e)), Ok(text)) => e.editor_done(&text),
            (_, Err(e)) => self.message = Some((e, true)),
            _ => {}
        }
    }

    fn fail(&mut self, e: ServiceError) {
        self.message = Some((e.to_string(), true));
    }

    pub fn update(&mut self, action: Action) {
        self.dirty = true;
        self.message = None;
        if let Some(overlay) = &mut self.overlay {
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
            return;
        }
        if self.repository_action(action)
            || self.new_run_action(action)
            || self.dashboard_action(action)
            || self.home_action(action)
        {
            return;
        }
        if let Some(Screen::Wizard(w)) = self.stack.last_mut()
            && !matches!(action, Action::Quit | Action::Help | Action::Tab(_) | Action::Refresh)
        {
            // A status key typed ahead of a test the wizard moved to by
            // itself is not applied: the tester has not seen that test.
            if let Action::Mark(status) = action
                && w.dialog.is_none()
                && w.ignores_typed_ahead(status, (self.ticks)())
            {
                return;
            }
            let outcome = if w.dialog.is_some() {
                w.dialog_action(&self.svc, action).map(|()| After::Stay)
            } else {
                w.act(&self.svc, action)
            };
            match outcome {
                Ok(After::Stay) => {}
                Ok(After::Leave) => {
                    self.stack.pop();
                    self.reload();
                }
                Err(e) => {
                    let hint = match &e {
                        ServiceError::Domain(crate::domain::DomainError::LockedByAssignee { .. }) => {
                            " Press t to take it."
                        }
                        _ => "",
                    };
                    w.notice = Some((format!("{e}.{hint}").replace("..", "."), true));
                }
            }
            return;
        }
        if let Some(Screen::Defects(d)) = self.stack.last_mut()
            && !matches!(action, Action::Quit | Action::Help | Action::Tab(_) | Action::Refresh)
        {
            let outcome = d.act(&self.svc, action);
            if let Some(n) = d.notice.take() {
                self.message = Some(n);
            }
            match outcome {
                Ok(defects::After::Stay) => {}
                Ok(defects::After::Leave) => {
                    if self.stack.len() > 1 {
                        self.stack.pop();
                        self.reload();
                    }
                }
                Ok(defects::After::Wizard(w)) => self.stack.push(Screen::Wizard(w)),
                Err(e) => self.fail(e),
            }
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = Some(Overlay::Help {
                    scope: self.scope(),
                    scroll: 0,
                })
            }
            Action::Back => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                    self.reload();
                }
            }
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
            Action::Open => self.open_selected(),
            Action::Mark(_)
            | Action::OpenWizard
            | Action::RunDefects
            | Action::NextTab
            | Action::PrevTab
            | Action::SelectMatching
            | Action::BulkMenu
            | Action::RunMenu
            | Action::Confirm
            | Action::Comment
            | Action::Attach
            | Action::Defect
            | Action::Retest
            | Action::Take
            | Action::History
            | Action::NextTest
            | Action::PrevTest
            | Action::Save
            | Action::NextField
            | Action::PrevField
            | Action::Editor
            | Action::Search
            | Action::FilterStatus
            | Action::FilterSeverity
            | Action::FilterAssignee
            | Action::FilterMilestone
            | Action::FilterExternal
            | Action::ClearFilters
            | Action::SortBy
            | Action::NewDefect
            | Action::Edit
            | Action::SetStatus
            | Action::SetSeverity
            | Action::Assign
            | Action::Link
            | Action::Unlink
            | Action::CopyUrl
            | Action::OpenUrl
            | Action::Expand
            | Action::Collapse
            | Action::Select
            | Action::ClearSelection
            | Action::NewSuite
            | Action::Rename
            | Action::MoveSuite
            | Action::Delete
            | Action::NewCase
            | Action::Express
            | Action::PlanRun
            | Action::Import
            | Action::AddStep
            | Action::RemoveStep
            | Action::StepUp
            | Action::StepDown
            | Action::Indent
            | Action::Outdent
            | Action::NewRun
            | Action::OptionNext
            | Action::OptionPrev => {}
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                let page = screens::page_size();
                let last = self.stack.len() - 1;
                if !self.stack[last].navigate(action, page) {
                    self.dirty = false;
                }
            }
        }
    }

    fn open_selected(&mut self) {
        let Screen::Home(home) = self.screen() else {
            return;
        };
        let Some(no) = home.selected_run() else {
            return;
        };
        match RunScreen::load(&self.svc, &self.project, no) {
            Ok(s) => self.stack.push(Screen::Run(Box::new(s))),
            Err(e) => self.fail(e),
        }
    }

    fn open_tab(&mut self, n: u8) {
        self.save_drafts();
        let root = match n {
            1 => Home::load(&self.svc, &self.project).map(|h| Screen::Home(Box::new(h))),
            2 => RepositoryScreen::screen(&self.svc, &self.project),
            3 => DefectsScreen::load(&self.svc, &self.project, None).map(|d| Screen::Defects(Box::new(d))),
            _ => ListScreen::settings(&self.svc, &self.project).map(Screen::List),
        };
        match root {
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
        self.message = Some((format!("Project {}", self.project), false));
    }

    /// Writes any unsaved draft at once.
    fn save_drafts(&mut self) {
        let svc = &self.svc;
        for screen in &mut self.stack {
            match screen {
                Screen::Wizard(w) => {
                    if let Err(e) = w.save_draft(svc, true) {
                        tracing::error!("saving a draft failed: {e}");
                    }
                }
                Screen::Defects(d) => d.save_form_draft(svc, true),
                Screen::NewRun(n) => n.save_draft(svc, true),
                _ => {}
            }
        }
        self.repository_save_drafts();
    }

    /// Reloads what the top screen shows from the store.
    pub fn reload(&mut self) {
        let last = self.stack.len() - 1;
        if let Err(e) = self.stack[last].reload(&self.svc, &self.project) {
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
        screens::render(self, frame);
        // Stored text never reaches the terminal with a live character.
        super::widgets::inert::scrub(frame.buffer_mut());
    }
}

/// For the end-to-end test of an abort: a real stack overflow on a thread
/// of its own (Rust prints it and aborts the process).
fn test_stack_overflow() {
    fn deeper(n: u64) -> u64 {
        let pad = std::hint::black_box([n; 64]);
        if pad[0] == u64::MAX {
            return 0;
        }
        pad[1] + deeper(n + 1)
    }
    let t = std::thread::Builder::new().stack_size(64 * 1024).spawn(|| deeper(0));
    if let Ok(t) = t {
        let _ = t.join();
    }
}
