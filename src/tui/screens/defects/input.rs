//! Typed text on the defects screen: the search line (filtering live),
//! the dialogs' fields, bracketed paste, and text back from $EDITOR.

use super::DefectsScreen;
use super::dialogs::DefectDialog;
use crate::service::Service;
use crossterm::event::KeyEvent;

impl DefectsScreen {
    /// A key while searching or in a dialog with text fields.
    pub fn key(&mut self, svc: &Service, key: KeyEvent) {
        if let Some(field) = &mut self.search {
            if field.key(key) {
                self.filters.query = field.text();
                if let Err(e) = self.reload(svc) {
                    self.notice = Some((e.to_string(), true));
                }
            }
            return;
        }
        match &mut self.dialog {
            Some(DefectDialog::Form(f)) => {
                f.key(key);
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
                self.filters.query = field.text();
                if let Err(e) = self.reload(svc) {
                    self.notice = Some((e.to_string(), true));
                }
            }
            return;
        }
        match &mut self.dialog {
            Some(DefectDialog::Form(f)) => {
                if let Some(field) = f.field_mut() {
                    field.paste(text);
                }
            }
            Some(DefectDialog::Line(l)) => {
                l.field.paste(text);
            }
            Some(DefectDialog::Attach { dialog, .. }) => {
                dialog.path.paste(text);
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
        }
    }
}
