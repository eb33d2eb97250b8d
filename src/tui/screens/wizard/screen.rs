//! The wizard as a screen: which keys it takes (a status key typed ahead
//! of a test the wizard moved to is not applied; `e` opens the case in the
//! editor), its custom status keys, its timer tick and draft, and what it
//! shows when the case editor closes over it.

use super::Wizard;
use crate::domain::{CaseNo, CustomStatus, DomainError, ResultStatus};
use crate::service::ServiceError;
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Ctx, ExtraKeys, Outcome, Screen, Transition, is_global};
use crate::tui::screens::repository::editor::CaseEditor;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

impl Wizard {
    /// The project's custom statuses that have a key here.
    fn custom_statuses(&self) -> impl Iterator<Item = &CustomStatus> {
        self.project.custom_statuses.iter().filter(|s| !s.hidden)
    }

    /// `e`: the current test's case in the editor.
    fn edit_case(&mut self, cx: &mut Ctx) -> Transition {
        let no = CaseNo(self.current().case_no);
        match CaseEditor::edit_case(cx.svc, cx.project, no, cx.clock) {
            Ok(e) => e.push(cx),
            Err(e) => {
                self.notice = Some((format!("Cannot edit the case: {e}"), true));
                Transition::Stay
            }
        }
    }

    /// The case editor closed over the wizard, having saved `case`.
    fn case_saved(&mut self, cx: &mut Ctx, case: &crate::domain::Case) {
        let index = self.index;
        if let Err(e) = self.enter(cx.svc, index) {
            self.notice = Some((e.to_string(), true));
            return;
        }
        let code = cx.project;
        let text = if self.current().is_frozen() {
            format!(
                "Saved {code}-{} as version {}; this test keeps the version it was tested against",
                case.no, case.version
            )
        } else {
            format!(
                "Saved {code}-{} as version {}; this untested test follows it",
                case.no, case.version
            )
        };
        self.notice = Some((text, false));
    }
}

impl Screen for Wizard {
    crate::any_screen!();

    fn whereabouts(&self) -> crate::service::wire::Whereabouts {
        crate::tui::live::at(
            crate::tui::live::screen::WIZARD,
            Some(self.run_no()),
            Some(self.current().id),
        )
    }

    fn scope(&self) -> Scope {
        if self.dialog.is_some() {
            Scope::Dialog
        } else {
            Scope::Wizard
        }
    }

    fn act(&mut self, cx: &mut Ctx, action: Action) -> Transition {
        if is_global(action) {
            return Transition::Unhandled;
        }
        if action == Action::Edit && self.dialog.is_none() {
            return self.edit_case(cx);
        }
        // A status key typed ahead of a test the wizard moved to by itself
        // is not applied: the tester has not seen that test.
        if let Action::Mark(status) = action
            && self.dialog.is_none()
            && self.ignores_typed_ahead(status, cx.now())
        {
            return Transition::Stay;
        }
        let outcome = if self.dialog.is_some() {
            self.dialog_action(cx.svc, action).map(|()| Transition::Stay)
        } else {
            self.act_on(cx.svc, action)
        };
        // "File and push": the defect and the result are recorded and
        // flushed; the push runs off the UI thread and reports in the footer.
        if let Some((no, tracker)) = self.push_after.take() {
            crate::tui::tracker_calls::push(cx.jobs, cx.project, no, &tracker);
        }
        outcome.unwrap_or_else(|e| {
            let hint = match &e {
                ServiceError::Domain(DomainError::LockedByAssignee { .. }) => " Press t to take it.",
                _ => "",
            };
            self.notice = Some((format!("{e}.{hint}").replace("..", "."), true));
            Transition::Stay
        })
    }

    fn key(&mut self, cx: &mut Ctx, key: KeyEvent) -> bool {
        if self.dialog.is_none() {
            return false;
        }
        self.dialog_key(cx.svc, key);
        true
    }

    /// A project's custom status has its own key in the wizard.
    fn extra_action(&self, scope: Scope, key: &KeyEvent) -> Option<Action> {
        let (Scope::Wizard, KeyCode::Char(c)) = (scope, key.code) else {
            return None;
        };
        self.custom_statuses()
            .find(|s| s.key == c)
            .map(|s| Action::Mark(ResultStatus::Custom(s.id)))
    }

    fn paste(&mut self, _cx: &mut Ctx, text: &str) -> bool {
        self.paste(text);
        true
    }

    /// The timer moves every second; the draft is written once typing
    /// pauses.
    fn tick(&mut self, cx: &mut Ctx) -> bool {
        if let Err(e) = self.save_draft(cx.svc, false) {
            self.notice = Some((e.to_string(), true));
        }
        true
    }

    fn save_draft(&mut self, cx: &mut Ctx, force: bool) {
        if let Err(e) = Wizard::save_draft(self, cx.svc, force) {
            tracing::error!("saving a draft failed: {e}");
        }
    }

    fn resumed(&mut self, cx: &mut Ctx, outcome: Outcome) {
        if let Outcome::CaseEditor(Some(case)) = outcome {
            self.case_saved(cx, &case);
        }
    }

    fn editor_request(&mut self) -> Option<String> {
        self.editor_request.take()
    }

    fn editor_done(&mut self, _cx: &mut Ctx, result: Result<String, String>) {
        match result {
            Ok(text) => Wizard::editor_done(self, &text),
            Err(e) => self.notice = Some((e, true)),
        }
    }

    /// A change made here or elsewhere: the test as recorded now, the
    /// draft and the dialog untouched.
    fn store_changed(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        self.reread(cx.svc)
    }

    fn render(&mut self, cx: &mut Ctx, frame: &mut Frame, area: Rect) {
        let (code, run, id) = (self.code(), self.run_no(), self.current().id);
        self.others_open = crate::tui::live::on_test(cx.others, &code, run, id, true);
        Wizard::render(self, cx.theme, frame, area);
        self.drawn(cx.now());
    }

    fn extra_keys(&self) -> ExtraKeys {
        let help = |s: &CustomStatus| format!("{}: the whole test, or the focused step", s.name);
        ExtraKeys {
            keys: self
                .custom_statuses()
                .map(|s| (s.key.to_string(), s.slug.clone(), help(s)))
                .collect(),
            off: self.closed_to_results().map(|_| "run closed"),
        }
    }
}
