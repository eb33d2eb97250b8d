//! The wizard: one test at a time, keyboard only. Results go through
//! `service` (every rule applied there and in `domain`); what is typed is
//! kept as a draft, saved about once a second and at once on a signal.

mod dialog;
mod dialog_actions;
mod dialog_view;
mod guard;
mod record;
mod screen;
mod view;

pub use dialog::{CommentDialog, Dialog, DialogEvent, ResultDialog, Slot};
pub use guard::GUARD;

use crate::domain::rules::{self, StepVerdict};
use crate::domain::{Case, Draft, Project, ProjectCode, ResultStatus, Run, RunNo, SuiteNames, Test};
use crate::service::{Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::screen::{Clock, Outcome, Transition};
use crate::tui::widgets::field::Field;
use crate::tui::widgets::input::{InputEvent, TextInput};
use crate::tui::widgets::timer::Timer;
use crossterm::event::KeyEvent;
use std::time::{Duration, Instant};

/// How long typed text may wait before its draft is written.
const DRAFT_DEBOUNCE: Duration = Duration::from_millis(800);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The whole test.
    Test,
    Step(usize),
}

pub struct Wizard {
    pub project: Project,
    pub run: Run,
    pub tests: Vec<Test>,
    pub suites: SuiteNames,
    pub index: usize,
    pub focus: Focus,
    pub draft: Draft,
    /// When the draft first changed since it was last written.
    unsaved_since: Option<Instant>,
    pub timer: Timer,
    pub scroll: u16,
    /// Scroll so that the focus stays in view (off after PgUp/PgDn).
    pub follow_focus: bool,
    pub history: bool,
    /// `v` opened the history: the next draw scrolls it into view.
    scroll_to_history: bool,
    pub dialog: Option<Dialog>,
    /// A line for the tester: (text, is an error).
    pub notice: Option<(String, bool)>,
    /// The repository's case when it changed after this test's snapshot froze.
    pub case_now: Option<Case>,
    /// Set when the tester asks for $EDITOR: the text to edit.
    pub editor_request: Option<String>,
    /// Status keys typed ahead of an automatic move are not applied.
    guard: Option<guard::TypeAhead>,
    /// The app's monotonic clock: the timer, the draft's debounce, the guard.
    clock: Clock,
    /// Rows that PgUp/PgDn scroll: the body's height when last drawn.
    page: u16,
    /// A defect just filed and the tracker to push it to ("file and
    /// push"): the screen starts the push off the UI thread.
    pub push_after: Option<(u64, String)>,
    /// Who else has this test open in their wizard (as last drawn).
    pub others_open: Vec<String>,
}

impl Wizard {
    /// Opens the wizard on run `run` at test position `index`.
    pub fn open(
        svc: &Service,
        code: &ProjectCode,
        run: RunNo,
        index: usize,
        clock: &Clock,
    ) -> Result<Self, ServiceError> {
        let view = svc.run_view(code, run)?;
        if view.tests.is_empty() {
            return Err(ServiceError::Invalid(format!("run {run} has no tests")));
        }
        let mut w = Self {
            project: view.project,
            run: view.run,
            tests: view.tests,
            suites: view.suites,
            index: 0,
            focus: Focus::Test,
            draft: Draft::default(),
            unsaved_since: None,
            timer: Timer::start(Duration::ZERO, clock.now()),
            scroll: 0,
            follow_focus: true,
            history: false,
            scroll_to_history: false,
            dialog: None,
            notice: None,
            case_now: None,
            editor_request: None,
            guard: None,
            clock: clock.clone(),
            page: 10,
            push_after: None,
            others_open: Vec::new(),
        };
        w.enter(svc, index.min(w.tests.len() - 1))?;
        Ok(w)
    }

    /// Position of the first test without a result at or after `from`,
    /// wrapping around (the domain's rule).
    pub fn next_untested(tests: &[Test], from: usize) -> Option<usize> {
        let states: Vec<_> = tests.iter().map(Test::state).collect();
        rules::first_untested_from(&states, from)
    }

    pub(super) fn code(&self) -> ProjectCode {
        self.project.code.clone()
    }

    pub(super) fn run_no(&self) -> RunNo {
        RunNo(self.run.no)
    }

    pub fn current(&self) -> &Test {
        &self.tests[self.index]
    }

    /// Shows test `index`: auto assignee, its draft, its timer.
    pub(super) fn enter(&mut self, svc: &Service, index: usize) -> Result<(), ServiceError> {
        self.save_draft(svc, true)?;
        let id = self.tests[index].id;
        let test = svc.open_test(&self.code(), self.run_no(), id)?;
        let steps = test.snapshot.steps.len();
        let mut draft = svc.draft(&self.code(), self.run_no(), id)?.unwrap_or_default();
        draft.step_marks.resize(steps, None);
        draft.step_comments.resize(steps, String::new());
        self.case_now = match svc.case(&self.code(), crate::domain::CaseNo(test.case_no)) {
            Ok(case) if test.is_frozen() && case.version != test.snapshot.version => Some(case),
            _ => None,
        };
        self.timer = Timer::start(Duration::from_millis(draft.elapsed_ms), self.clock.now());
        self.tests[index] = test;
        self.index = index;
        self.draft = draft;
        self.unsaved_since = None;
        self.focus = Focus::Test;
        self.scroll = 0;
        self.follow_focus = true;
        self.dialog = None;
        self.guard = None;
        Ok(())
    }

    /// The store changed (here or elsewhere): the run, its project and its
    /// tests are read again — the current test's results, assignee and
    /// state as recorded now, the progress — while what the tester is
    /// doing stays: the draft and anything typed, the focus, the scroll,
    /// an open dialog, the timer. No call here changes the store.
    pub fn reread(&mut self, svc: &Service) -> Result<(), ServiceError> {
        let code = self.code();
        let run = self.run_no();
        let id = self.current().id;
        let project = svc.project(&code)?;
        let view = svc.run(&code, run)?;
        let tests = svc.tests(&code, run.0)?;
        let Some(index) = tests.iter().position(|t| t.id == id) else {
            return Err(ServiceError::Invalid(format!(
                "the test open here was removed from run #{} by someone else; go back (Esc)",
                run.0
            )));
        };
        self.project = project;
        self.run = view;
        self.tests = tests;
        self.index = index;
        Ok(())
    }

    pub(super) fn changed(&mut self) {
        let now = self.clock.now();
        self.unsaved_since.get_or_insert(now);
    }

    /// Writes the draft if it changed: at once when `force`, else once the
    /// debounce has passed.
    pub fn save_draft(&mut self, svc: &Service, force: bool) -> Result<(), ServiceError> {
        let Some(since) = self.unsaved_since else { return Ok(()) };
        if !force && self.clock.now().saturating_duration_since(since) < DRAFT_DEBOUNCE {
            return Ok(());
        }
        self.draft.elapsed_ms = self.timer.elapsed(self.clock.now()).as_millis() as u64;
        let id = self.current().id;
        svc.save_draft(&self.code(), self.run_no(), id, &self.draft)?;
        self.unsaved_since = None;
        Ok(())
    }

    pub fn has_unsaved_draft(&self) -> bool {
        self.unsaved_since.is_some()
    }

    pub(super) fn catalog(&self) -> crate::domain::StatusCatalog<'_> {
        self.project.catalog()
    }

    /// What the wizard says when its run takes no results (completed or
    /// aborted, not allowed by the settings): then its status keys are off.
    pub fn closed_to_results(&self) -> Option<String> {
        let state = self.run.state;
        (!rules::run_takes_results(&self.project.settings, state)).then(|| {
            format!(
                "Run #{} is {} (closed): no result can be recorded; status keys off",
                self.run.no,
                state.as_str()
            )
        })
    }

    /// A status key: on the whole test, or on the focused step.
    fn mark(&mut self, svc: &Service, status: ResultStatus) -> Result<(), ServiceError> {
        match self.focus {
            Focus::Test => self.choose(svc, status),
            Focus::Step(i) => {
                self.draft.step_marks[i] = Some(status);
                self.changed();
                let verdict =
                    rules::case_verdict_from_steps(&self.project.settings, &self.catalog(), &self.draft.step_marks);
                match verdict {
                    StepVerdict::FailCase(_) => self.choose(svc, ResultStatus::Failed),
                    StepVerdict::PassCase => self.choose(svc, ResultStatus::Passed),
                    StepVerdict::Open => {
                        let steps = self.current().snapshot.steps.len();
                        self.focus = if i + 1 < steps { Focus::Step(i + 1) } else { Focus::Test };
                        self.save_draft(svc, true)
                    }
                }
            }
        }
    }

    /// Carries out an action in the wizard (no dialog open).
    pub(super) fn act_on(&mut self, svc: &Service, action: Action) -> Result<Transition, ServiceError> {
        self.timer.input(self.clock.now());
        self.notice = None;
        let steps = self.current().snapshot.steps.len();
        match action {
            Action::Back => {
                self.save_draft(svc, true)?;
                return Ok(Transition::Pop(Outcome::Closed));
            }
            Action::Mark(status) => self.mark(svc, status)?,
            Action::Down => {
                self.follow_focus = true;
                self.focus = match self.focus {
                    Focus::Test if steps > 0 => Focus::Step(0),
                    Focus::Step(i) if i + 1 < steps => Focus::Step(i + 1),
                    f => f,
                }
            }
            Action::Up => {
                self.follow_focus = true;
                self.focus = match self.focus {
                    Focus::Step(0) => Focus::Test,
                    Focus::Step(i) => Focus::Step(i - 1),
                    f => f,
                }
            }
            Action::PageDown => {
                self.scroll = self.scroll.saturating_add(self.page);
                self.follow_focus = false;
            }
            Action::PageUp => {
                self.scroll = self.scroll.saturating_sub(self.page);
                self.follow_focus = false;
            }
            Action::NextTest if self.index + 1 < self.tests.len() => self.enter(svc, self.index + 1)?,
            Action::PrevTest if self.index > 0 => self.enter(svc, self.index - 1)?,
            Action::History => {
                self.history = !self.history;
                self.scroll_to_history = self.history;
            }
            Action::Comment => {
                let (step, text) = match self.focus {
                    Focus::Test => (None, self.draft.comment.clone()),
                    Focus::Step(i) => (Some(i), self.draft.step_comments[i].clone()),
                };
                self.dialog = Some(Dialog::Comment(CommentDialog {
                    step,
                    text: Field::new(&text, true),
                }));
            }
            Action::Attach => self.dialog = Some(Dialog::Attach(TextInput::default())),
            Action::Defect => {
                let has_result = !self.current().results.is_empty();
                let d = if has_result {
                    let status = self.current().results.last().map_or(ResultStatus::Failed, |r| r.status);
                    self.result_dialog(svc, status, true, true)?
                } else {
                    self.result_dialog(svc, ResultStatus::Failed, true, false)?
                };
                self.dialog = Some(Dialog::Result(Box::new(d)));
            }
            Action::Take => {
                let id = self.current().id;
                let me = svc.user().to_string();
                self.tests[self.index] = svc.assign_test(&self.code(), self.run_no(), id, Some(me.clone()))?;
                self.notice = Some((format!("The test is assigned to you ({me})"), false));
            }
            Action::Retest => {
                let id = self.current().id;
                self.tests[self.index] = svc.retest(&self.code(), self.run_no(), id)?;
                self.notice = Some((
                    "Pushed to retest; earlier results stay in the history (v)".into(),
                    false,
                ));
            }
            _ => {}
        }
        Ok(Transition::Stay)
    }

    /// A key for the open dialog's focused field.
    pub fn dialog_key(&mut self, svc: &Service, key: KeyEvent) {
        self.timer.input(self.clock.now());
        let event = match &mut self.dialog {
            Some(Dialog::Result(d)) => d.key(key),
            Some(Dialog::Comment(c)) => {
                if c.text.key(key) {
                    DialogEvent::Changed
                } else {
                    DialogEvent::Ignored
                }
            }
            Some(Dialog::Attach(a)) => match a.key(key) {
                InputEvent::Ignored => DialogEvent::Ignored,
                InputEvent::Changed => DialogEvent::Changed,
                InputEvent::Submit => DialogEvent::Submit,
            },
            None => DialogEvent::Ignored,
        };
        match event {
            DialogEvent::Changed => self.sync_from_dialog(),
            DialogEvent::Submit => self.attach(svc),
            DialogEvent::Ignored => {}
        }
    }

    /// Pasted text goes to the focused field.
    pub fn paste(&mut self, text: &str) {
        let changed = match &mut self.dialog {
            Some(Dialog::Result(d)) => d.field_mut().is_some_and(|f| f.paste(text)),
            Some(Dialog::Comment(c)) => c.text.paste(text),
            Some(Dialog::Attach(a)) => a.field.paste(text),
            None => false,
        };
        if changed {
            self.sync_from_dialog();
        }
    }

    /// Copies what the dialog holds into the draft (so a dropped session
    /// keeps it).
    pub(super) fn sync_from_dialog(&mut self) {
        match &mut self.dialog {
            Some(Dialog::Result(d)) => {
                if !d.defect_only {
                    d.follow_comment(&self.draft.comment);
                    self.draft.comment = d.comment.text();
                }
                self.draft.defect_title = d.title.text();
                self.draft.defect_actual = d.actual.text();
            }
            Some(Dialog::Comment(c)) => match c.step {
                None => self.draft.comment = c.text.text(),
                Some(i) => self.draft.step_comments[i] = c.text.text(),
            },
            _ => return,
        }
        self.changed();
    }
}
