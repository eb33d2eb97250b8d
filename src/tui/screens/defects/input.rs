//! Typed text on the defects screen: the search line (filtering live),
//! the dialogs' fields, bracketed paste, and text back from $EDITOR.

use super::DefectsScreen;
use super::dialogs::DefectDialog;
use crate::tui::screen::Ctx;
use crossterm::event::KeyEvent;

impl DefectsScreen {
    /// The search text changed: filter the list live.
    fn search_changed(&mut self, cx: &mut Ctx) {
        let svc = cx.svc;
        if let Some(field) = &self.search {
            self.filters.query = field.text();
        }
        if let Err(e) = self.reload(svc) {
            cx.notices.error(e.to_string());
        }
    }

    /// A key while searching or in a dialog with text fields.
    pub fn key(&mut self, cx: &mut Ctx, key: KeyEvent) {
        if let Some(field) = &mut self.search {
            if field.key(key) {
                self.search_changed(cx);
            }
            return;
        }
        match &mut self.dialog {
            Some(DefectDialog::Form(f)) => {
                if f.key(key) {
                    self.form_unsaved.get_or_insert(self.clock.now());
                }
            }
            Some(DefectDialog::Line(l)) => {
                l.key(key);
            }
            Some(DefectDialog::Attach { dialog, .. }) => {
                // Enter is reserved by the keymap (Open): it never gets here.
                dialog.key(key);
            }
            Some(DefectDialog::Choice(_) | DefectDialog::Push { .. }) | None => {}
        }
    }

    /// Pasted text goes to the focused field.
    pub fn paste(&mut self, cx: &mut Ctx, text: &str) {
        if let Some(field) = &mut self.search {
            if field.paste(text) {
                self.search_changed(cx);
            }
            return;
        }
        match &mut self.dialog {
            Some(DefectDialog::Form(f)) => {
                if let Some(field) = f.field_mut()
                    && field.paste(text)
                {
                    self.form_unsaved.get_or_insert(self.clock.now());
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
            self.form_unsaved.get_or_insert(self.clock.now());
        }
    }

    /// Writes the open form's text as a draft if it changed: at once when
    /// `force` (a signal, quitting, leaving), else once typing pauses.
    /// Returns whether it has something to say (the write failed).
    pub fn save_form_draft(&mut self, cx: &mut Ctx, force: bool) -> bool {
        let Some(since) = self.form_unsaved else { return false };
        if !force && self.clock.now().saturating_duration_since(since) < crate::tui::screens::form_draft::DEBOUNCE {
            return false;
        }
        if let Some(DefectDialog::Form(f)) = &self.dialog {
            match cx.svc.save_form_draft(&self.code, &f.draft_name(), &f.to_draft()) {
                Ok(()) => self.form_unsaved = None,
                Err(e) => {
                    cx.notices.error(e.to_string());
                    return true;
                }
            }
        }
        false
    }

    /// Restores the draft of a form that was just opened, if there is one.
    pub(super) fn restore_form_draft(&mut self, cx: &mut Ctx) {
        let svc = cx.svc;
        let Some(DefectDialog::Form(f)) = &mut self.dialog else {
            return;
        };
        match svc.form_draft(&self.code, &f.draft_name()) {
            Ok(Some(draft)) if f.apply_draft(&draft) => {
                cx.notices.info("Restored the text you were typing (Esc discards it)");
            }
            Ok(_) => {}
            Err(e) => cx.notices.error(e.to_string()),
        }
    }

    /// Forgets a form's draft (saved, or discarded with Esc).
    pub(super) fn drop_form_draft(&mut self, cx: &mut Ctx, form: &str) {
        let svc = cx.svc;
        self.form_unsaved = None;
        let empty = crate::domain::FormDraft::default();
        if let Err(e) = svc.save_form_draft(&self.code, form, &empty) {
            cx.notices.error(e.to_string());
        }
    }
}
