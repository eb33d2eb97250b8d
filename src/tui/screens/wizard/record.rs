//! Recording from the wizard: fast pass or the result dialog, the result
//! and its defect through `service`, then moving on as the redirect
//! setting says.

use super::{Dialog, ResultDialog, Slot, Wizard};
use crate::domain::defect_report::{self, Observed};
use crate::domain::duration::parse_duration;
use crate::domain::rules::{self, RedirectTest};
use crate::domain::{DefectNo, Draft, ResultStatus, Severity, StepResult};
use crate::service::{NewDefect, NewResult, Service, ServiceError};
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::field::Field;

impl Wizard {
    /// Records at once (fast pass) or opens the result dialog.
    pub(super) fn choose(&mut self, svc: &Service, status: ResultStatus) -> Result<(), ServiceError> {
        // A result the rules refuse is refused here, before any dialog.
        let id = self.current().id;
        svc.check_can_record(&self.code(), self.run_no(), id)?;
        let settings = &self.project.settings;
        let negative = self.catalog().is_negative(status);
        let fast = settings.fast_pass && matches!(status, ResultStatus::Passed | ResultStatus::Skipped);
        if fast {
            return self.record(svc, status, None);
        }
        let dialog = self.result_dialog(svc, status, negative, false)?;
        self.dialog = Some(Dialog::Result(Box::new(dialog)));
        Ok(())
    }

    pub(super) fn result_dialog(
        &self,
        svc: &Service,
        status: ResultStatus,
        negative: bool,
        defect_only: bool,
    ) -> Result<ResultDialog, ServiceError> {
        let t = self.current();
        // What the defect says: from what is about to be recorded, or (`d`
        // on a tested test) from the latest result.
        let report = if defect_only {
            svc.defect_report(&self.code(), self.run_no(), t.id, None)?
        } else {
            let steps: Vec<StepResult> = self
                .draft
                .step_marks
                .iter()
                .zip(&self.draft.step_comments)
                .map(|(m, c)| StepResult {
                    status: *m,
                    comment: c.clone(),
                })
                .collect();
            let observed = Observed {
                status,
                steps: &steps,
                comment: &self.draft.comment,
            };
            svc.defect_report(&self.code(), self.run_no(), t.id, Some(observed))?
        };
        let typed_title = !self.draft.defect_title.is_empty()
            && !defect_report::is_default_title(&t.snapshot.title, &self.draft.defect_title, &self.catalog());
        let title = if typed_title {
            self.draft.defect_title.clone()
        } else {
            report.title.clone()
        };
        let actual = if self.draft.defect_actual.is_empty() {
            report.actual.clone()
        } else {
            self.draft.defect_actual.clone()
        };
        let elapsed = self.timer.elapsed(self.clock.now());
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
            // As the running timer shows it (`03:12`): the parser reads it back.
            time: Field::new(&crate::tui::widgets::timer::clock(elapsed), false),
            file_defect: self.project.settings.create_defect_by_default,
            attach_existing: false,
            title: Field::new(&title, false),
            actual: Field::new(&actual, true),
            severity,
            assignee: Field::new("", false),
            search: Field::new("", false),
            trackers: crate::tui::tracker_calls::api_trackers(&self.project),
            push_to: None,
            open_defects,
            pick: Cursor::default(),
            slot: first,
            error: None,
            report,
            attachments: self
                .draft
                .attachments
                .iter()
                .map(crate::service::attachments::describe)
                .collect(),
        })
    }

    /// Records the result (and the defect the dialog asks for), then moves
    /// on as the redirect setting says. Nothing is shown as recorded before
    /// the service has flushed it.
    pub(super) fn record(
        &mut self,
        svc: &Service,
        status: ResultStatus,
        dialog: Option<&ResultDialog>,
    ) -> Result<(), ServiceError> {
        let code = self.code();
        let run = self.run_no();
        let test = self.current().clone();
        let mut duration = self.timer.elapsed(self.clock.now());
        let mut comment = self.draft.comment.clone();
        let mut defects = Vec::new();
        let mut push = None;
        // Refuse before filing a defect, so a refused result leaves nothing.
        svc.check_can_record(&code, run, test.id)?;
        if let Some(d) = dialog {
            comment = d.comment.text();
            duration = parse_duration(&d.time.text())
                .map(std::time::Duration::from_millis)
                .map_err(|e| ServiceError::Invalid(format!("time spent: {e}")))?;
            if let Some(no) = self.defect_from_dialog(svc, d, None)? {
                defects.push(no);
                push = d.push_target().map(|t| (no, t.to_string()));
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
        // Recorded and flushed: now the screen may move on, and the push
        // (if asked) may start; it never undoes what is recorded.
        self.push_after = push;
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
    pub(super) fn defect_from_dialog(
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
            description: d.report.description(&self.catalog()),
            severity: Some(d.severity),
            assignee: Some(d.assignee.text()).filter(|a| !a.trim().is_empty()),
            milestone: self.run.milestone.clone(),
            from_test: link_to.map(|id| (self.run_no(), id)),
            ..NewDefect::default()
        };
        Ok(Some(svc.create_defect(&code, new)?.no))
    }

    /// Goes where "redirect after result" says, or stays and says why.
    pub(super) fn move_on(&mut self, svc: &Service, notice: String) -> Result<(), ServiceError> {
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
                let moved = i != self.index;
                self.enter(svc, i)?;
                if moved {
                    self.arm_guard();
                }
                self.notice = Some((notice, false));
            }
            None => {
                self.enter(svc, self.index)?;
                self.notice = Some((format!("{notice}. No untested test is left in this run"), false));
            }
        }
        Ok(())
    }
}
