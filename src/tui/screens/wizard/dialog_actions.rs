//! The wizard's dialog keys: saving, closing, moving between fields,
//! attaching a file, and the text coming back from $EDITOR.

use super::{Dialog, Slot, Wizard};
use crate::service::{Service, ServiceError};
use crate::tui::action::Action;

impl Wizard {
    /// Copies the file named in the attach dialog into the store and adds
    /// it to the draft; errors stay in the dialog.
    pub(super) fn attach(&mut self, svc: &Service) {
        let Some(Dialog::Attach(a)) = &mut self.dialog else {
            return;
        };
        let Some(path) = a.expanded_path() else {
            a.error = Some("type the path of a file (Tab completes)".into());
            return;
        };
        match svc.attach_file(&path) {
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
        self.timer.input(self.clock.now());
        match (self.dialog.take(), action) {
            (Some(Dialog::Result(mut d)), Action::Save) => {
                let outcome = if d.defect_only {
                    let id = self.current().id;
                    self.defect_from_dialog(svc, &d, Some(id)).map(|no| {
                        if let (Some(n), Some(t)) = (no, d.push_target()) {
                            self.push_after = Some((n, t.to_string()));
                        }
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
            (Some(Dialog::Result(_)), Action::Back) => {
                // Esc never records: it cancels, and what was typed stays
                // as the test's draft. Recording without a defect is an
                // explicit choice: untick "File a defect", then Ctrl-S.
                self.save_draft(svc, true)?;
                self.notice = Some(("Nothing recorded; what was typed is kept as a draft".into(), false));
            }
            (Some(Dialog::Result(mut d)), Action::NextField | Action::PrevField) => {
                d.move_slot(action == Action::NextField);
                self.dialog = Some(Dialog::Result(d));
            }
            (Some(Dialog::Attach(mut a)), Action::NextField) => {
                a.complete_path();
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
