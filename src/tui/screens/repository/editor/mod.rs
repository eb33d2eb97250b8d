//! The case editor: a form with every field of a case and its steps.
//! `Ctrl-S` saves through `service` (a new version; untested tests
//! follow it); `Esc` closes, asking first when something changed. What is
//! typed is kept as a form draft (as the defect form does) until saved or
//! discarded.

mod build;
mod draft;
mod screen;
pub mod slots;
pub mod steps;
mod view;

use self::slots::{Id, Slot, Value};
use self::steps::{Part, StepRow};
use super::choose::Choose;
use crate::domain::case_edit::CaseFields;
use crate::domain::{Case, CaseNo, ProjectCode, Step, SuiteNames};
use crate::service::{Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Clock, Outcome, Transition};
use crate::tui::screens::form_draft::DraftKeeper;
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::field::Field;
use crossterm::event::{KeyCode, KeyEvent};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Slot(usize),
    Step(usize, Part),
}

pub struct CaseEditor {
    pub code: ProjectCode,
    /// The case being edited; None for a new one.
    pub editing: Option<Case>,
    pub names: SuiteNames,
    /// Suite choices: path and id, sorted by path.
    pub suite_options: Vec<(String, Option<u64>)>,
    pub slots: Vec<Slot>,
    pub steps: Vec<StepRow>,
    pub(crate) original_steps: Vec<Step>,
    pub focus: Focus,
    pub error: Option<String>,
    /// Asking whether to discard the changes.
    pub confirm_discard: Option<Confirm<()>>,
    pub chooser: Option<Choose>,
    /// Set when the tester asks for $EDITOR: the text to edit.
    pub editor_request: Option<String>,
    /// When the form first changed since its draft was written.
    unsaved: crate::tui::screens::form_draft::DraftKeeper,
    /// A line for the tester (a restored draft), shown until the next key.
    pub notice: Option<String>,
}

impl CaseEditor {
    fn open(
        svc: &Service,
        code: &ProjectCode,
        editing: Option<Case>,
        fields: CaseFields,
        clock: &Clock,
    ) -> Result<Self, ServiceError> {
        let project = svc.project(code)?;
        let suites = svc.suites(code)?;
        let names = SuiteNames::new(&suites);
        let mut suite_options: Vec<(String, Option<u64>)> = suites
            .iter()
            .map(|s| (names.get(Some(s.id)).to_string(), Some(s.id)))
            .collect();
        suite_options.sort();
        suite_options.insert(0, ("(no suite)".into(), None));
        let milestones: Vec<String> = project.milestones.iter().map(|m| m.name.clone()).collect();
        let mut e = Self {
            code: code.clone(),
            editing,
            names,
            suite_options,
            slots: slots::build(&fields, &milestones),
            steps: fields.steps.iter().map(StepRow::new).collect(),
            original_steps: fields.steps.clone(),
            focus: Focus::Slot(0),
            error: None,
            confirm_discard: None,
            chooser: None,
            editor_request: None,
            unsaved: DraftKeeper::new(clock),
            notice: None,
        };
        e.restore_draft(svc);
        Ok(e)
    }

    /// A new case, in `suite` if given.
    pub fn new_case(
        svc: &Service,
        code: &ProjectCode,
        suite: Option<u64>,
        clock: &Clock,
    ) -> Result<Self, ServiceError> {
        let mut fields = CaseFields::new("");
        fields.suite = suite;
        Self::open(svc, code, None, fields, clock)
    }

    pub fn edit_case(svc: &Service, code: &ProjectCode, no: CaseNo, clock: &Clock) -> Result<Self, ServiceError> {
        let case = svc.case(code, no)?;
        let fields = CaseFields::of(&case);
        Self::open(svc, code, Some(case), fields, clock)
    }

    pub fn scope(&self) -> Scope {
        if self.chooser.is_some() {
            Scope::RepoChoose
        } else if self.confirm_discard.is_some() {
            Scope::Confirm
        } else {
            Scope::CaseEditor
        }
    }

    pub fn is_changed(&self) -> bool {
        self.slots.iter().any(Slot::changed) || self.steps_changed()
    }

    pub(super) fn changed(&mut self) {
        self.unsaved.touch();
    }

    /// Every place the focus can be, in order.
    fn order(&self) -> Vec<Focus> {
        let mut all: Vec<Focus> = (0..self.slots.len()).map(Focus::Slot).collect();
        for i in 0..self.steps.len() {
            all.extend(Part::ALL.iter().map(|p| Focus::Step(i, *p)));
        }
        all
    }

    fn move_focus(&mut self, forward: bool) {
        let order = self.order();
        let n = order.len().max(1);
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let to = if forward { (at + 1) % n } else { (at + n - 1) % n };
        if let Some(f) = order.get(to) {
            self.focus = *f;
        }
    }

    /// The focused text field, if the focus is on one.
    pub fn field_mut(&mut self) -> Option<&mut Field> {
        match self.focus {
            Focus::Slot(i) => match self.slots.get_mut(i).map(|s| &mut s.value) {
                Some(Value::Text(f)) => Some(f),
                _ => None,
            },
            Focus::Step(i, part) => self.steps.get_mut(i).map(|r| r.field_mut(part)),
        }
    }

    pub(super) fn act_on(&mut self, svc: &Service, action: Action) -> Result<Transition, ServiceError> {
        self.notice = None;
        if let Some(chooser) = &mut self.chooser {
            match action {
                Action::Up => chooser.move_by(-1),
                Action::Down => chooser.move_by(1),
                Action::Open => {
                    if let Some(choice) = chooser.chosen() {
                        self.set_suite(choice);
                    }
                    self.chooser = None;
                }
                _ => self.chooser = None,
            }
            return Ok(Transition::Stay);
        }
        if let Some(confirm) = self.confirm_discard.take() {
            if confirm.answer(action).is_some() {
                self.drop_draft(svc);
                return Ok(Transition::Pop(Outcome::CaseEditor(None)));
            }
            return Ok(Transition::Stay);
        }
        self.error = None;
        match action {
            Action::Save => return self.save(svc),
            Action::Back if self.is_changed() => {
                let question = Confirm::new((), "Discard your changes?");
                self.confirm_discard = Some(question.with_detail(vec!["The case stays as it was saved.".into()]));
            }
            Action::Back => {
                self.drop_draft(svc);
                return Ok(Transition::Pop(Outcome::CaseEditor(None)));
            }
            Action::NextField => self.move_focus(true),
            Action::PrevField => self.move_focus(false),
            Action::Editor => match self.field_mut() {
                Some(f) => self.editor_request = Some(f.text()),
                None => self.error = Some("Ctrl-E edits a text field; this one is a choice".into()),
            },
            Action::AddStep => self.add_step(),
            Action::RemoveStep => self.remove_step(),
            Action::StepUp => self.move_step(-1),
            Action::StepDown => self.move_step(1),
            Action::Indent => self.indent(true),
            Action::Outdent => self.indent(false),
            _ => {}
        }
        Ok(Transition::Stay)
    }

    fn save(&mut self, svc: &Service) -> Result<Transition, ServiceError> {
        let fields = match self.fields() {
            Ok(f) => f,
            Err((focus, message)) => {
                self.focus = focus;
                self.error = Some(message);
                return Ok(Transition::Stay);
            }
        };
        let saved = match &self.editing {
            Some(case) => svc.edit_case(&self.code, CaseNo(case.no), fields),
            None => svc.create_case(&self.code, fields),
        };
        match saved {
            Ok(case) => {
                self.drop_draft(svc);
                Ok(Transition::Pop(Outcome::CaseEditor(Some(Box::new(case)))))
            }
            Err(e @ (ServiceError::Invalid(_) | ServiceError::NotFound(_))) => {
                self.error = Some(e.to_string());
                Ok(Transition::Stay)
            }
            Err(e) => Err(e),
        }
    }

    fn set_suite(&mut self, suite: Option<u64>) {
        if let Some(slot) = self.slots.iter_mut().find(|s| s.id == Id::Suite) {
            slot.value = Value::Suite(suite);
            self.changed();
        }
    }

    fn open_chooser(&mut self) {
        let current = self.slots.iter().find_map(|s| match s.value {
            Value::Suite(v) => Some(v),
            _ => None,
        });
        self.chooser = Some(Choose::new("Suite", self.suite_options.clone(), current.flatten()));
    }

    /// A key the keymap left to the form: typing, Left/Right on choices,
    /// Up/Down between one-line fields, Enter on the suite opens the list.
    pub fn key(&mut self, key: KeyEvent) {
        self.notice = None;
        if let Some(chooser) = &mut self.chooser {
            chooser.key(key);
            return;
        }
        self.error = None;
        let vertical = matches!(key.code, KeyCode::Up | KeyCode::Down);
        let down = key.code == KeyCode::Down;
        if let Focus::Slot(i) = self.focus {
            let is_suite = matches!(self.slots.get(i).map(|s| &s.value), Some(Value::Suite(_)));
            if is_suite
                && matches!(
                    key.code,
                    KeyCode::Enter | KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right
                )
            {
                return self.open_chooser();
            }
            if let Some(slot) = self.slots.get_mut(i)
                && matches!(slot.value, Value::Choice { .. })
            {
                match key.code {
                    KeyCode::Left => {
                        slot.cycle(false);
                        self.changed();
                    }
                    KeyCode::Right | KeyCode::Char(' ') => {
                        slot.cycle(true);
                        self.changed();
                    }
                    KeyCode::Enter => self.move_focus(true),
                    _ if vertical => self.move_focus(down),
                    _ => {}
                }
                return;
            }
            if is_suite && vertical {
                return self.move_focus(down);
            }
        }
        let Some(field) = self.field_mut() else { return };
        if vertical && !field.multiline {
            return self.move_focus(down);
        }
        if !field.multiline && key.code == KeyCode::Enter {
            return self.move_focus(true);
        }
        if field.key(key) {
            self.changed();
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(chooser) = &mut self.chooser {
            return chooser.paste(text);
        }
        if let Some(f) = self.field_mut()
            && f.paste(text)
        {
            self.changed();
        }
    }

    /// The text came back from $EDITOR.
    pub fn editor_done(&mut self, text: &str) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        if let Some(field) = self.field_mut() {
            let text = if field.multiline {
                text.to_string()
            } else {
                text.replace('\n', " ")
            };
            field.set_text(&text);
            self.changed();
        }
    }

    /// The title bar: `Edit DEMO-3 (version 2)` or `New case`.
    pub fn heading(&self) -> String {
        match &self.editing {
            Some(c) => format!("Edit {}-{} (version {})", self.code, c.no, c.version),
            None => "New case".into(),
        }
    }
}
