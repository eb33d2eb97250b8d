//! The wizard: one test at a time, keyboard only. Results go through
//! `service` (every rule applied there and in `domain`); what is typed is
//! kept as a draft, saved about once a second and at once on a signal.

mod dialog;
mod field;
mod view;

pub use dialog::{AttachDialog, CommentDialog, Dialog, DialogEvent, ResultDialog, Slot};

use self::field::Field;
use crate::domain::rules::{self, RedirectTest, StepVerdict};
use crate::domain::{Case, DefectNo, Draft, Project, ProjectCode, ResultStatus, Run, RunNo, Severity, Test};
use crate::service::{NewDefect, NewResult, Service, ServiceError, SuiteNames};
use crate::tui::action::Action;
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::timer::{self, Timer};
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
    pub dialog: Option<Dialog>,
    /// A line for the tester: (text, is an error).
    pub notice: Option<(String, bool)>,
    /// The repository's case when it changed after this test's snapshot froze.
    pub case_now: Option<Case>,
    /// Set when the tester asks for $EDITOR: the text to edit.
    pub editor_request: Option<String>,
}

/// What the app should do after a wizard action.
pub enum After {
    Stay,
    Leave,
}

impl Wizard {
    /// Opens the wizard on run `run` at test position `index`.
    pub fn open(svc: &Service, code: &ProjectCode, run: RunNo, index: usize) -> Result<Self, ServiceError> {
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
            timer: Timer::start(Duration::ZERO, Instant::now()),
            scroll: 0,
            follow_focus: true,
            history: false,
            dialog: None,
            notice: None,
            case_now: None,
            editor_request: None,
        };
        w.enter(svc, index.min(w.tests.len() - 1))?;
        Ok(w)
    }

    /// Position of the first test without a result at or after `from`,
    /// wrapping around.
    pub fn next_untested(tests: &[Test], from: usize) -> Option<usize> {
        let n = tests.len();
        (0..n).map(|k| (from + k) % n).find(|&i| !tests[i].state().has_result())
    }

    fn code(&self) -> ProjectCode {
        self.project.code.clone()
    }

    fn run_no(&self) -> RunNo {
        RunNo(self.run.no)
    }

    pub fn current(&self) -> &Test {
        &self.tests[self.index]
    }

    /// Shows test `index`: auto assignee, its draft, its timer.
    fn enter(&mut self, svc: &Service, index: usize) -> Result<(), ServiceError> {
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
        self.timer = Timer::start(Duration::from_millis(draft.elapsed_ms), Instant::now());
        self.tests[index] = test;
        self.index = index;
        self.draft = draft;
        self.unsaved_since = None;
        self.focus = Focus::Test;
        self.scroll = 0;
        self.follow_focus = true;
        self.dialog = None;
        Ok(())
    }

    fn changed(&mut self) {
        self.unsaved_since.get_or_insert_with(Instant::now);
    }

    /// Writes the draft if it changed: at once when `force`, else once the
    /// debounce has passed.
    pub fn save_draft(&mut self, svc: &Service, force: bool) -> Result<(), ServiceError> {
        let Some(since) = self.unsaved_since else { return Ok(()) };
        if !force && since.elapsed() < DRAFT_DEBOUNCE {
            return Ok(());
        }
        self.draft.elapsed_ms = self.timer.elapsed(Instant::now()).as_millis() as u64;
        let id = self.current().id;
        svc.save_draft(&self.code(), self.run_no(), id, &self.draft)?;
        self.unsaved_since = None;
        Ok(())
    }

    pub fn has_unsaved_draft(&self) -> bool {
        self.unsaved_since.is_some()
    }

    fn catalog(&self) -> crate::domain::StatusCatalog<'_> {
        self.project.catalog()
    }

    /// A status key: on the whole test, or on the focused step.
    fn mark(&mut self, svc: &Service, status: ResultStatus) -> Result<(), ServiceError> {
        match self.focus {
            Focus::Test => self.choose(svc, status, None),
            Focus::Step(i) => {
                self.draft.step_marks[i] = Some(status);
                self.changed();
                let verdict =
                    rules::case_verdict_from_steps(&self.project.settings, &self.catalog(), &self.draft.step_marks);
                match verdict {
                    StepVerdict::FailCase(_) => self.choose(svc, ResultStatus::Failed, Some(i)),
                    StepVerdict::PassCase => self.choose(svc, ResultStatus::Passed, None),
                    StepVerdict::Open => {
                        let steps = self.current().snapshot.steps.len();
                        self.focus = if i + 1 < steps { Focus::Step(i + 1) } else { Focus::Test };
                        self.save_draft(svc, true)
                    }
                }
            }
        }
    }

    /// Records at once (fast pass) or opens the result dialog.
    fn choose(&mut self, svc: &Service, status: ResultStatus, failed_step: Option<usize>) -> Result<(), ServiceError> {
        // A result the rules refuse is refused here, before any dialog.
        let id = self.current().id;
        svc.check_can_record(&self.code(), self.run_no(), id)?;
        let settings = &self.project.settings;
        let negative = self.catalog().is_negative(status);
        let fast = settings.fast_pass && matches!(status, ResultStatus::Passed | ResultStatus::Skipped);
        if fast {
            return self.record(svc, status, None);
        }
        let dialog = self.result_dialog(svc, status, negative, false, failed_step)?;
        self.dialog = Some(Dialog::Result(Box::new(dialog)));
        Ok(())
    }

    fn result_dialog(
        &self,
        svc: &Service,
        status: ResultStatus,
        negative: bool,
        defect_only: bool,
        failed_step: Option<usize>,
    ) -> Result<ResultDialog, ServiceError> {
        let t = self.current();
        let step = failed_step.or_else(|| {
            self.draft
                .step_marks
                .iter()
                .position(|m| m.is_some_and(|s| self.catalog().is_negative(s)))
        });
        let expected = step
            .and_then(|i| t.snapshot.steps.get(i))
            .map(|s| s.expected.clone())
            .unwrap_or_default();
        let title = if self.draft.defect_title.is_empty() {
            format!("{} fails", t.snapshot.title)
        } else {
            self.draft.defect_title.clone()
        };
        let actual = if self.draft.defect_actual.is_empty() {
            expected
        } else {
            self.draft.defect_actual.clone()
        };
        let elapsed = self.timer.elapsed(Instant::now());
        let severity = if t.snapshot.severity == Severity::NotSet {
            Severity::Normal
        } else {
            t.snapshot.severity
        };
        let open_defects: Vec<_> = svc
            .defects(&self.code())?
            .into_iter()
            .filter(|d| d.status.is_open())
            .collect();
        let first = if defect_only { Slot::Mode } else { Slot::Comment };
        Ok(ResultDialog {
            status,
            status_name: self.catalog().slug(status),
            negative,
            defect_only,
            comment: Field::new(&self.draft.comment, true),
            time: Field::new(&timer::clock(elapsed), false),
            file_defect: self.project.settings.create_defect_by_default,
            attach_existing: false,
            title: Field::new(&title, false),
            actual: Field::new(&actual, true),
            severity,
            assignee: Field::new("", false),
            search: Field::new("", false),
            open_defects,
            pick: Cursor::default(),
            slot: first,
            error: None,
        })
    }

    /// Records the result (and the defect the dialog asks for), then moves
    /// on as the redirect setting says. Nothing is shown as recorded before
    /// the service has flushed it.
    fn record(
        &mut self,
        svc: &Service,
        status: ResultStatus,
        dialog: Option<&ResultDialog>,
    ) -> Result<(), ServiceError> {
        let code = self.code();
        let run = self.run_no();
        let test = self.current().clone();
        let mut duration = self.timer.elapsed(Instant::now());
        let mut comment = self.draft.comment.clone();
        let mut defects = Vec::new();
        // Refuse before filing a defect, so a refused result leaves nothing.
        svc.check_can_record(&code, run, test.id)?;
        if let Some(d) = dialog {
            comment = d.comment.text();
            duration = timer::parse_clock(&d.time.text()).ok_or_else(|| {
                ServiceError::Invalid(format!("time spent '{}': use mm:ss, h:mm:ss or seconds", d.time.text()))
            })?;
            if let Some(no) = self.defect_from_dialog(svc, d, None)? {
                defects.push(no);
            }
        }
        let steps = self
            .draft
            .step_marks
            .iter()
            .zip(&self.draft.step_comments)
            .enumerate()
            .filter_map(|(i, (m, c))| m.map(|s| (i, s, c.clone())))
            .collect();
        let new = NewResult {
            status,
            steps,
            comment,
            duration_ms: duration.as_millis() as u64,
            defects,
            attachments: self.draft.attachments.clone(),
        };
        let rec = svc.record_result(&code, run, test.id, new)?;
        // Recorded and flushed: now the screen may move on.
        self.unsaved_since = None;
        self.draft = Draft::default();
        self.dialog = None;
        // Only this test changed: no need to reload a 20,000-test run.
        self.tests[self.index] = rec.test.clone();
        self.run = rec.run.clone();
        let label = format!(
            "{} recorded on {}-{}",
            self.catalog().slug(rec.status),
            code,
            test.case_no
        );
        let mut notice = if rec.status == status {
            label
        } else {
            format!("{label} (a step failed)")
        };
        if let Some(no) = rec.test.results.last().and_then(|r| r.defects.last()) {
            notice = format!("{notice}, defect D-{no} linked");
        }
        if rec.completed {
            let outcome = rec.run.outcome.map_or("", |o| o.as_str());
            notice = format!(
                "{notice}. Every test has a result: run #{} completed, {outcome}",
                rec.run.no
            );
        }
        self.move_on(svc, notice)
    }

    /// Creates or picks the defect the dialog describes; `link_to` links an
    /// existing result (the `d` key on a tested test).
    fn defect_from_dialog(
        &self,
        svc: &Service,
        d: &ResultDialog,
        link_to: Option<u32>,
    ) -> Result<Option<u64>, ServiceError> {
        if !(d.defect_only || (d.negative && d.file_defect)) {
            return Ok(None);
        }
        let code = self.code();
        if d.attach_existing {
            let picked = d
                .picked()
                .ok_or_else(|| ServiceError::Invalid("choose a defect from the list".into()))?;
            if let Some(test_id) = link_to {
                svc.link_defect_to_latest(&code, self.run_no(), test_id, DefectNo(picked.no))?;
            }
            return Ok(Some(picked.no));
        }
        let new = NewDefect {
            title: d.title.text(),
            actual: d.actual.text(),
            severity: Some(d.severity),
            assignee: Some(d.assignee.text()).filter(|a| !a.trim().is_empty()),
            milestone: self.run.milestone.clone(),
            from_test: link_to.map(|id| (self.run_no(), id)),
            ..NewDefect::default()
        };
        Ok(Some(svc.create_defect(&code, new)?.no))
    }

    /// Goes where "redirect after result" says, or stays and says why.
    fn move_on(&mut self, svc: &Service, notice: String) -> Result<(), ServiceError> {
        let order: Vec<RedirectTest> = self
            .tests
            .iter()
            .map(|t| RedirectTest {
                suite: t.snapshot.suite,
                state: t.state(),
            })
            .collect();
        let target = rules::redirect_target(self.project.settings.redirect_after_result, self.index, &order);
        match target {
            Some(i) => {
                self.enter(svc, i)?;
                self.notice = Some((notice, false));
            }
            None => {
                self.enter(svc, self.index)?;
                self.notice = Some((format!("{notice}. No untested test is left in this run"), false));
            }
        }
        Ok(())
    }

    /// Carries out an action in the wizard (no dialog open).
    pub fn act(&mut self, svc: &Service, action: Action) -> Result<After, ServiceError> {
        self.timer.input(Instant::now());
        self.notice = None;
        let steps = self.current().snapshot.steps.len();
        match action {
            Action::Back => {
                self.save_draft(svc, true)?;
                return Ok(After::Leave);
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
                self.scroll = self.scroll.saturating_add(crate::tui::screens::page_size() as u16);
                self.follow_focus = false;
            }
            Action::PageUp => {
                self.scroll = self.scroll.saturating_sub(crate::tui::screens::page_size() as u16);
                self.follow_focus = false;
            }
            Action::NextTest if self.index + 1 < self.tests.len() => self.enter(svc, self.index + 1)?,
            Action::PrevTest if self.index > 0 => self.enter(svc, self.index - 1)?,
            Action::History => self.history = !self.history,
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
            Action::Attach => self.dialog = Some(Dialog::Attach(AttachDialog::new())),
            Action::Defect => {
                let has_result = !self.current().results.is_empty();
                let d = if has_result {
                    let status = self.current().results.last().map_or(ResultStatus::Failed, |r| r.status);
                    self.result_dialog(svc, status, true, true, None)?
                } else {
                    self.result_dialog(svc, ResultStatus::Failed, true, false, None)?
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
        Ok(After::Stay)
    }

    /// A key for the open dialog's focused field.
    pub fn dialog_key(&mut self, svc: &Service, key: KeyEvent) {
        self.timer.input(Instant::now());
        let event = match &mut self.dialog {
            Some(Dialog::Result(d)) => d.key(key),
            Some(Dialog::Comment(c)) => {
                if c.text.key(key) {
                    DialogEvent::Changed
                } else {
                    DialogEvent::Ignored
                }
            }
            Some(Dialog::Attach(a)) => a.key(key),
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
            Some(Dialog::Attach(a)) => a.path.paste(text),
            None => false,
        };
        if changed {
            self.sync_from_dialog();
        }
    }

    /// Copies what the dialog holds into the draft (so a dropped session
    /// keeps it).
    fn sync_from_dialog(&mut self) {
        match &self.dialog {
            Some(Dialog::Result(d)) => {
                if !d.defect_only {
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

impl Wizard {
    /// Copies the file named in the attach dialog into the store and adds
    /// it to the draft; errors stay in the dialog.
    fn attach(&mut self, svc: &Service) {
        let Some(Dialog::Attach(a)) = &mut self.dialog else {
            return;
        };
        let text = a.path.text();
        let path = match text.trim().strip_prefix("~/") {
            Some(rest) => std::env::var("HOME").map_or_else(|_| text.trim().into(), |h| format!("{h}/{rest}")),
            None => text.trim().to_string(),
        };
        if path.is_empty() {
            a.error = Some("type the path of a file (Tab completes)".into());
            return;
        }
        match svc.attach_file(std::path::Path::new(&path)) {
            Ok(att) => {
                let shown = crate::service::attachments::describe(&att);
                self.draft.attachments.push(att);
                self.dialog = None;
                self.notice = Some((format!("Attached {shown}; it is saved with the result"), false));
                self.changed();
            }
            Err(e) => a.error = Some(e.to_string()),
        }
    }

    /// A reserved key in a dialog: save, close, move between fields, or
    /// hand the text to $EDITOR.
    pub fn dialog_action(&mut self, svc: &Service, action: Action) -> Result<(), ServiceError> {
        self.timer.input(Instant::now());
        match (self.dialog.take(), action) {
            (Some(Dialog::Result(mut d)), Action::Save) => {
                let outcome = if d.defect_only {
                    let id = self.current().id;
                    self.defect_from_dialog(svc, &d, Some(id)).map(|no| {
                        let no = no.map_or(String::new(), |n| format!("D-{n} "));
                        self.notice = Some((format!("Defect {no}linked to the latest result"), false));
                    })
                } else {
                    self.record(svc, d.status, Some(&d))
                };
                if let Err(e) = outcome {
                    d.error = Some(e.to_string());
                    self.dialog = Some(Dialog::Result(d));
                }
            }
            (Some(Dialog::Result(mut d)), Action::Back) => {
                if d.negative && !d.defect_only {
                    // As in Qase: Esc records the result without a defect.
                    d.file_defect = false;
                    if let Err(e) = self.record(svc, d.status, Some(&d)) {
                        // Esc always leaves: the typed text stays in the draft.
                        self.save_draft(svc, true)?;
                        return Err(e);
                    }
                } else {
                    self.save_draft(svc, true)?;
                }
            }
            (Some(Dialog::Result(mut d)), Action::NextField | Action::PrevField) => {
                d.move_slot(action == Action::NextField);
                self.dialog = Some(Dialog::Result(d));
            }
            (Some(Dialog::Attach(mut a)), Action::NextField) => {
                a.complete();
                self.dialog = Some(Dialog::Attach(a));
            }
            (Some(Dialog::Attach(a)), Action::Save) => {
                self.dialog = Some(Dialog::Attach(a));
                self.attach(svc);
            }
            (Some(Dialog::Comment(_)), Action::Save | Action::Back) | (Some(Dialog::Attach(_)), Action::Back) => {
                self.save_draft(svc, true)?;
            }
            (Some(dialog), Action::Editor) => {
                let text = match &dialog {
                    Dialog::Result(d) => match d.slot {
                        Slot::Comment => Some(d.comment.text()),
                        Slot::Actual => Some(d.actual.text()),
                        Slot::Title => Some(d.title.text()),
                        _ => None,
                    },
                    Dialog::Comment(c) => Some(c.text.text()),
                    Dialog::Attach(_) => None,
                };
                self.editor_request = text;
                self.dialog = Some(dialog);
            }
            (dialog, _) => self.dialog = dialog,
        }
        Ok(())
    }

    /// The text came back from $EDITOR.
    pub fn editor_done(&mut self, text: &str) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        match &mut self.dialog {
            Some(Dialog::Result(d)) => match d.slot {
                Slot::Comment => d.comment.set_text(text),
                Slot::Actual => d.actual.set_text(text),
                Slot::Title => d.title.set_text(&text.replace('\n', " ")),
                _ => return,
            },
            Some(Dialog::Comment(c)) => c.text.set_text(text),
            _ => return,
        }
        self.sync_from_dialog();
    }
}
