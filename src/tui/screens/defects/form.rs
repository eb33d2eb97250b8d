//! The new/edit defect form: text fields, the severity and milestone
//! choices, Tab completion of the assignee, and what the service is sent
//! (a new defect, or only the fields that changed).

use crate::domain::{Defect, Project, Severity};
use crate::service::{DefectChange, NewDefect};
use crate::tui::widgets::complete::{Case, complete_prefix};
use crate::tui::widgets::field::Field;
use crossterm::event::{KeyCode, KeyEvent};

/// What a form field changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Title,
    Actual,
    Description,
    Custom(String),
    Severity,
    Assignee,
    Milestone,
}

pub enum Value {
    Text(Box<Field>),
    Severity(Severity),
    Milestone(Option<String>),
}

pub struct Slot {
    pub label: String,
    pub target: Target,
    pub value: Value,
    /// The text as the form opened (edits send only what changed).
    pub original: String,
}

impl Slot {
    fn text(label: &str, target: Target, text: &str, multiline: bool) -> Self {
        Self {
            label: label.to_string(),
            target,
            value: Value::Text(Box::new(Field::new(text, multiline))),
            original: text.to_string(),
        }
    }

    /// Rows it takes in the form.
    pub fn height(&self) -> u16 {
        match &self.value {
            Value::Text(f) if f.multiline => 3,
            _ => 1,
        }
    }

    pub fn value_text(&self) -> String {
        match &self.value {
            Value::Text(f) => f.text(),
            Value::Severity(s) => s.as_str().to_string(),
            Value::Milestone(m) => m.clone().unwrap_or_default(),
        }
    }
}

/// A new standalone defect, or the text fields of an existing one.
pub struct Form {
    /// None: a new defect.
    pub editing: Option<u64>,
    pub slots: Vec<Slot>,
    pub focus: usize,
    pub error: Option<String>,
    pub team: Vec<String>,
    pub milestones: Vec<String>,
}

impl Form {
    pub fn new_defect(project: &Project, milestone: Option<String>) -> Self {
        Self {
            editing: None,
            slots: vec![
                Slot::text("Title", Target::Title, "", false),
                Slot::text("Actual", Target::Actual, "", true),
                Slot::text("Description", Target::Description, "", true),
                Slot {
                    label: "Severity".into(),
                    target: Target::Severity,
                    value: Value::Severity(Severity::NotSet),
                    original: String::new(),
                },
                Slot::text("Assignee", Target::Assignee, "", false),
                Slot {
                    label: "Milestone".into(),
                    target: Target::Milestone,
                    value: Value::Milestone(milestone),
                    original: String::new(),
                },
            ],
            focus: 0,
            error: None,
            team: project.team.clone(),
            milestones: project.milestones.iter().map(|m| m.name.clone()).collect(),
        }
    }

    pub fn edit(project: &Project, d: &Defect) -> Self {
        let mut slots = vec![
            Slot::text("Title", Target::Title, &d.title, false),
            Slot::text("Actual", Target::Actual, &d.actual, true),
            Slot::text("Description", Target::Description, &d.description, true),
        ];
        for name in &project.defect_fields {
            let value = d
                .fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
                .unwrap_or("");
            slots.push(Slot::text(name, Target::Custom(name.clone()), value, false));
        }
        Self {
            editing: Some(d.no),
            slots,
            focus: 0,
            error: None,
            team: project.team.clone(),
            milestones: project.milestones.iter().map(|m| m.name.clone()).collect(),
        }
    }

    /// The name its draft is kept under: `new`, or `D-4` for an edit.
    pub fn draft_name(&self) -> String {
        self.editing.map_or_else(|| "new".to_string(), |no| format!("D-{no}"))
    }

    /// Its text fields, for the draft.
    pub fn to_draft(&self) -> crate::domain::FormDraft {
        let fields = self
            .slots
            .iter()
            .filter_map(|s| match &s.value {
                Value::Text(f) if f.text() != s.original => Some((s.label.clone(), f.text())),
                _ => None,
            })
            .collect();
        crate::domain::FormDraft { fields, updated: None }
    }

    /// Puts a draft's text back into the fields it came from.
    pub fn apply_draft(&mut self, draft: &crate::domain::FormDraft) -> bool {
        let mut applied = false;
        for (label, text) in &draft.fields {
            if let Some(Slot {
                value: Value::Text(f), ..
            }) = self.slots.iter_mut().find(|s| &s.label == label)
            {
                f.set_text(text);
                applied = true;
            }
        }
        applied
    }

    pub fn focused(&self) -> Option<&Slot> {
        self.slots.get(self.focus)
    }

    /// The focused text field, if the focus is on one.
    pub fn field_mut(&mut self) -> Option<&mut Field> {
        match self.slots.get_mut(self.focus).map(|s| &mut s.value) {
            Some(Value::Text(f)) => Some(f),
            _ => None,
        }
    }

    /// Tab: on the assignee, completes a team member's name first.
    pub fn next(&mut self) {
        if let Some(slot) = self.slots.get(self.focus)
            && slot.target == Target::Assignee
        {
            let typed = slot.value_text();
            let (done, _) = complete_prefix(&typed, &self.team, Case::Insensitive);
            if done != typed {
                if let Some(f) = self.field_mut() {
                    f.set_text(&done);
                }
                return;
            }
        }
        self.move_focus(true);
    }

    pub fn move_focus(&mut self, forward: bool) {
        let n = self.slots.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// A key for the focused slot: text for fields, Left/Right/Space for
    /// choices. Returns whether anything changed.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        self.error = None;
        let milestones = self.milestones.clone();
        let Some(slot) = self.slots.get_mut(self.focus) else {
            return false;
        };
        let step: isize = match key.code {
            KeyCode::Left => -1,
            KeyCode::Right | KeyCode::Char(' ') => 1,
            _ => 0,
        };
        match &mut slot.value {
            Value::Text(f) => f.key(key),
            Value::Severity(s) => {
                let all = Severity::ALL;
                let at = all.iter().position(|x| x == s).unwrap_or(0) as isize;
                let to = (at + step).clamp(0, all.len() as isize - 1) as usize;
                let changed = step != 0 && all.get(to).is_some_and(|x| x != s);
                if let Some(x) = all.get(to) {
                    *s = *x;
                }
                changed
            }
            Value::Milestone(m) => {
                // None, then each milestone.
                let mut choices: Vec<Option<String>> = vec![None];
                choices.extend(milestones.into_iter().map(Some));
                let at = choices.iter().position(|c| c == m).unwrap_or(0) as isize;
                let to = (at + step).clamp(0, choices.len() as isize - 1) as usize;
                let changed = step != 0 && choices.get(to).is_some_and(|c| c != m);
                if let Some(c) = choices.get(to) {
                    *m = c.clone();
                }
                changed
            }
        }
    }

    fn text_of(&self, target: &Target) -> String {
        self.slots
            .iter()
            .find(|s| &s.target == target)
            .map(Slot::value_text)
            .unwrap_or_default()
    }

    /// The new defect the form describes.
    pub fn to_new(&self) -> NewDefect {
        let severity = self.slots.iter().find_map(|s| match s.value {
            Value::Severity(v) => Some(v),
            _ => None,
        });
        let milestone = self.slots.iter().find_map(|s| match &s.value {
            Value::Milestone(m) => m.clone(),
            _ => None,
        });
        let assignee = self.text_of(&Target::Assignee).trim().to_string();
        NewDefect {
            title: self.text_of(&Target::Title),
            actual: self.text_of(&Target::Actual),
            description: self.text_of(&Target::Description),
            severity,
            assignee: (!assignee.is_empty()).then_some(assignee),
            milestone,
            ..NewDefect::default()
        }
    }

    /// Only what changed since the form opened.
    pub fn to_change(&self) -> DefectChange {
        let mut change = DefectChange::default();
        for slot in &self.slots {
            let text = slot.value_text();
            if text == slot.original {
                continue;
            }
            match &slot.target {
                Target::Title => change.title = Some(text),
                Target::Actual => change.actual = Some(text),
                Target::Description => change.description = Some(text),
                Target::Custom(name) => change.fields.push((name.clone(), text)),
                Target::Severity | Target::Assignee | Target::Milestone => {}
            }
        }
        change
    }

    pub fn is_unchanged(&self) -> bool {
        self.slots.iter().all(|s| s.value_text() == s.original)
    }
}
