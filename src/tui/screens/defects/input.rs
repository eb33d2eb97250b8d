//! Typed text on the defects screen: the search line (filtering live),
//! the dialogs' fields, bracketed paste, and text back from $EDITOR.

use super::DefectsScreen;
use super::dialogs::DefectDialog;
use crate::service::Service;
use crossterm::event::KeyEvent;

impl DefectsScreen {
    /// The search text changed: filter the list live.
    fn search_changed(&mut self, svc: &Service) {
        if let Some(field) = &self.search {
            self.filters.query = field.text();
        }
        if let Err(e) = self.reload(svc) {
            self.notice = Some((e.to_string(), true));
        }
    }

    /// A key while searching or in a dialog with text fields.
    pub fn key(&mut self, svc: &Service, key: KeyEvent) {
        if let Some(field) = &mut self.search {
            if field.key(key) {
                self.search_changed(svc);
            }
            return;
        }
        match &mut self.dialog {
            Some(DefectDialog::Form(f)) => {
                if f.key(key) {
                    self.form_unsaved.get_or_insert_with(std::time::Instant::now);
                }
            }
            Some(DefectDialog::Line(l)) => {
                l.key(key);
            }
            Some(DefectDialog::Attach { dialog, .. }) => {
                // Enter is reserved by the keymap (Open): it never gets here.
                dialog.key(key);
            }
            Some(DefectDialog::Choice(_)) | None => {}
        }
    }

    /// Pasted text goes to the focused field.
    pub fn paste(&mut self, svc: &Service, text: &str) {
        if let Some(field) = &mut self.search {
            if field.paste(text) {
                self.search_changed(svc);
            }
            return;
        }
        match &mut self.dialog {
            Some(DefectDialog::Form(f)) => {
                if let Some(field) = f.field_mut()
                    && field.paste(text)
                {
                    self.form_unsaved.get_or_insert_with(std::time::Instant::now);
                }
            }
            Some(DefectDialog::Line(l)) => {
                l.input.field.paste(text);
            }
            Some(DefectDialog::Attach { dialog, .. }) => {
                dialog.field.paste(text);
            }
            _ => {}
        }
    }

    /// The text came back from $EDITOR.
    pub fn editor_done(&mut self, text: &str) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        if let Some(DefectDialog::Form(f)) = &mut self.dialog
            && let Some(field) = f.field_mut()
        {
            let text = if field.multiline {
                text.to_string()
            } else {
                text.replace('\n', " ")
            };
            field.set_text(&text);
            self.form_unsaved.get_or_insert_with(std::time::Instant::now);
        }
    }

    /// Writes the open form's text as a draft if it changed: at once when
    /// `force` (a signal, quitting, leaving), else once typing pauses.
    pub fn save_form_draft(&mut self, svc: &Service, force: bool) {
        let Some(since) = self.form_unsaved else { return };
        if !force && since.elapsed() < std::time::Duration::from_millis(800) {
            return;
        }
        if let Some(DefectDialog::Form(f)) = &self.dialog {
            match svc.save_form_draft(&self.code, &f.draft_name(), &f.to_draft()) {
                Ok(()) => self.form_unsaved = None,
                Err(e) => self.notice = Some((e.to_string(), true)),
            }
        }
    }

    /// Restores the draft of a form that was just opened, if there is one.
    pub(super) fn restore_form_draft(&mut self, svc: &Service) {
        let Some(DefectDialog::Form(f)) = &mut self.dialog else {
            return;
        };
        match svc.form_draft(&self.code, &f.draft_name()) {
            Ok(Some(draft)) if f.apply_draft(&draft) => {
                self.notice = Some(("Restored the text you were typing (Esc discards it)".into(), false));
            }
            Ok(_) => {}
            Err(e) => self.notice = Some((e.to_string(), true)),
        }
    }

    /// Forgets a form's draft (saved, or discarded with Esc).
    pub(super) fn drop_form_draft(&mut self, svc: &Service, form: &str) {
        self.form_unsaved = None;
        let empty = crate::domain::FormDraft::default();
        if let Err(e) = svc.save_form_draft(&self.code, form, &empty) {
            self.notice = Some((e.to_string(), true));
        }
    }
}
