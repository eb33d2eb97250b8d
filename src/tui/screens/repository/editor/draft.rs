//! The editor's unsaved changes as a form draft (`form_draft::DraftKeeper`,
//! shared with the new-run form): each changed field by label, and the
//! steps as JSON. Written once typing pauses and at once on a signal or
//! quit; restored when the same case's editor opens again.

use super::steps::StepRow;
use super::{CaseEditor, Focus};
use crate::domain::{FormDraft, Step};
use crate::service::Service;

const STEPS: &str = "Steps";

impl CaseEditor {
    /// `case-new`, or `case-3` for an edit of DEMO-3.
    pub fn draft_name(&self) -> String {
        self.editing
            .as_ref()
            .map_or_else(|| "case-new".to_string(), |c| format!("case-{}", c.no))
    }

    pub fn to_draft(&self) -> FormDraft {
        let mut fields: Vec<(String, String)> = self
            .slots
            .iter()
            .filter(|s| s.changed())
            .map(|s| (s.label.to_string(), s.text()))
            .collect();
        if self.steps_changed() {
            let steps: Vec<Step> = self.steps.iter().map(StepRow::step).collect();
            fields.push((STEPS.into(), serde_json::to_string(&steps).unwrap_or_default()));
        }
        FormDraft { fields, updated: None }
    }

    /// Puts a draft back; returns whether there was one.
    fn apply_draft(&mut self, draft: &FormDraft) -> bool {
        let mut applied = false;
        for (label, text) in &draft.fields {
            if label == STEPS {
                if let Ok(steps) = serde_json::from_str::<Vec<Step>>(text) {
                    self.steps = steps.iter().map(StepRow::new).collect();
                    applied = true;
                }
            } else if let Some(slot) = self.slots.iter_mut().find(|s| s.label == label) {
                slot.set_text(text);
                applied = true;
            }
        }
        applied
    }

    pub(super) fn restore_draft(&mut self, svc: &Service) {
        match svc.form_draft(&self.code, &self.draft_name()) {
            Ok(Some(draft)) if self.apply_draft(&draft) => {
                self.notice = Some("Restored your unsaved changes (Esc discards them)".into());
                self.focus = Focus::Slot(0);
            }
            Ok(_) => {}
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Writes the draft if the form changed: at once when `force`, else
    /// once typing has paused.
    pub fn save_draft(&mut self, svc: &Service, force: bool) {
        if !self.unsaved.due(force) {
            return;
        }
        let draft = self.to_draft();
        if let Err(e) = self.unsaved.write(svc, &self.code, &self.draft_name(), &draft) {
            self.error = Some(e.to_string());
        }
    }

    /// Forgets the draft (saved, or discarded).
    pub(super) fn drop_draft(&mut self, svc: &Service) {
        if let Err(e) = self.unsaved.forget(svc, &self.code, &self.draft_name()) {
            self.error = Some(e.to_string());
        }
    }
}
