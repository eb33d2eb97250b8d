//! The wizard's dialogs: the result dialog (details, and the defect
//! section on a negative result), the comment editor, and attaching a file.

use crate::domain::defect_report::DefectReport;
use crate::domain::{Defect, ResultStatus, Severity};
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::field::Field;
use crate::tui::widgets::input::TextInput;
use crossterm::event::{KeyCode, KeyEvent};

/// What a key did inside a dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogEvent {
    Ignored,
    Changed,
    /// Enter on a field that submits (the attach path).
    Submit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Comment,
    Time,
    FileDefect,
    Mode,
    Title,
    Actual,
    Severity,
    Assignee,
    /// Push the new defect to a tracker with an API ("file and push").
    Push,
    Search,
    Pick,
}

/// Records a result (details: comment, time; on a negative status also a
/// defect, new or existing), or files a defect for the latest result.
pub struct ResultDialog {
    pub status: ResultStatus,
    /// The status as shown (`failed`, or a custom status's name).
    pub status_name: String,
    pub negative: bool,
    /// `d` on a test that has a result: only the defect, no new result.
    pub defect_only: bool,
    pub comment: Field,
    pub time: Field,
    pub file_defect: bool,
    /// Attach an existing defect instead of creating one.
    pub attach_existing: bool,
    pub title: Field,
    pub actual: Field,
    pub severity: Severity,
    pub assignee: Field,
    pub search: Field,
    pub open_defects: Vec<Defect>,
    pub pick: Cursor,
    pub slot: Slot,
    pub error: Option<String>,
    /// What a new defect says besides its title and actual result (the
    /// description), and how its actual result follows the comment.
    pub report: DefectReport,
    /// The files attached with `a`, as shown (`log.txt (1.2 KB)`).
    pub attachments: Vec<String>,
    /// The project's trackers with an API (a new defect can be pushed).
    pub trackers: Vec<String>,
    /// The tracker to push the new defect to once it is filed (None: no push).
    pub push_to: Option<String>,
}

impl ResultDialog {
    pub fn slots(&self) -> Vec<Slot> {
        let mut v = Vec::new();
        if !self.defect_only {
            v.extend([Slot::Comment, Slot::Time]);
        }
        if self.negative || self.defect_only {
            if !self.defect_only {
                v.push(Slot::FileDefect);
            }
            if self.file_defect || self.defect_only {
                v.push(Slot::Mode);
                if self.attach_existing {
                    v.extend([Slot::Search, Slot::Pick]);
                } else {
                    v.extend([Slot::Title, Slot::Actual, Slot::Severity, Slot::Assignee]);
                    if !self.trackers.is_empty() {
                        v.push(Slot::Push);
                    }
                }
            }
        }
        v
    }

    /// The comment was `before` and changed: an actual result the tester
    /// has not edited follows it (what they typed is what they saw).
    pub fn follow_comment(&mut self, before: &str) {
        let now = self.comment.text();
        if self.actual.text() == self.report.actual_for(before) {
            let follow = self.report.actual_for(&now);
            if follow != self.actual.text() {
                self.actual.set_text(&follow);
            }
        }
    }

    /// Whether the dialog files a new defect (and shows what it says).
    pub fn files_new_defect(&self) -> bool {
        (self.defect_only || (self.negative && self.file_defect)) && !self.attach_existing
    }

    /// No push, then each tracker in turn (`forward`), then no push again.
    pub fn cycle_push(&mut self, forward: bool) {
        let mut choices: Vec<Option<String>> = vec![None];
        choices.extend(self.trackers.iter().cloned().map(Some));
        let at = choices.iter().position(|c| *c == self.push_to).unwrap_or(0);
        let n = choices.len();
        let next = if forward { (at + 1) % n } else { (at + n - 1) % n };
        self.push_to = choices.swap_remove(next);
    }

    /// The tracker to push the defect this dialog files to, if it files
    /// a new one and a tracker is chosen.
    pub fn push_target(&self) -> Option<&str> {
        self.push_to.as_deref().filter(|_| self.files_new_defect())
    }

    pub fn move_slot(&mut self, forward: bool) {
        let slots = self.slots();
        let at = slots.iter().position(|s| *s == self.slot).unwrap_or(0);
        let n = slots.len();
        self.slot = slots[if forward { (at + 1) % n } else { (at + n - 1) % n }];
    }

    /// The open defects matching the search, in list order.
    pub fn matches(&self) -> Vec<&Defect> {
        let q = self.search.text().to_lowercase();
        self.open_defects
            .iter()
            .filter(|d| q.is_empty() || d.title.to_lowercase().contains(&q) || format!("d-{}", d.no).contains(&q))
            .collect()
    }

    pub fn picked(&self) -> Option<&Defect> {
        self.matches().get(self.pick.selected).copied()
    }

    /// The focused text field, if the focus is on one.
    pub fn field_mut(&mut self) -> Option<&mut Field> {
        Some(match self.slot {
            Slot::Comment => &mut self.comment,
            Slot::Time => &mut self.time,
            Slot::Title => &mut self.title,
            Slot::Actual => &mut self.actual,
            Slot::Assignee => &mut self.assignee,
            Slot::Search => &mut self.search,
            _ => return None,
        })
    }

    pub fn key(&mut self, key: KeyEvent) -> DialogEvent {
        self.error = None;
        let toggle = matches!(
            key.code,
            KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right | KeyCode::Enter
        );
        match self.slot {
            Slot::FileDefect if toggle => self.file_defect = !self.file_defect,
            Slot::Mode if toggle => self.attach_existing = !self.attach_existing,
            Slot::Push if toggle => self.cycle_push(key.code != KeyCode::Left),
            Slot::Severity => {
                let all = Severity::ALL;
                let at = all.iter().position(|s| *s == self.severity).unwrap_or(0);
                self.severity = match key.code {
                    KeyCode::Left => all[at.saturating_sub(1)],
                    KeyCode::Right | KeyCode::Char(' ') => all[(at + 1).min(all.len() - 1)],
                    _ => return DialogEvent::Ignored,
                };
            }
            Slot::Pick => {
                let n = self.matches().len();
                match key.code {
                    KeyCode::Down | KeyCode::Char('j') => self.pick.move_by(1, n),
                    KeyCode::Up | KeyCode::Char('k') => self.pick.move_by(-1, n),
                    _ => return DialogEvent::Ignored,
                };
            }
            _ => {
                let searching = self.slot == Slot::Search;
                let Some(field) = self.field_mut() else {
                    return DialogEvent::Ignored;
                };
                if !field.key(key) {
                    return DialogEvent::Ignored;
                }
                if searching {
                    self.pick = Cursor::default();
                }
            }
        }
        DialogEvent::Changed
    }
}

/// The multi-line comment editor, for the result or one step.
pub struct CommentDialog {
    /// None: the result comment; Some(i): step i's comment.
    pub step: Option<usize>,
    pub text: Field,
}

pub enum Dialog {
    Result(Box<ResultDialog>),
    Comment(CommentDialog),
    Attach(TextInput),
}
