//! The case editor's fields (every one but the steps): text, a choice
//! cycled with Left/Right, or the suite (picked from a list). Each shows
//! and takes its value as text, which is also what a draft keeps.

use crate::domain::case_edit::{CaseFields, format_estimate};
use crate::domain::{Automation, Behavior, CasePriority, CaseStatus, CaseType, Layer, Severity, StepsKind};
use crate::tui::widgets::field::Field;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Id {
    Title,
    Suite,
    Description,
    Preconditions,
    Postconditions,
    Priority,
    Severity,
    Type,
    Behavior,
    Automation,
    Status,
    Layer,
    StepsKind,
    Muted,
    Flaky,
    Milestone,
    Tags,
    Estimate,
    References,
    Parameters,
}

pub enum Value {
    Text(Box<Field>),
    /// One of `names`; `at` is the chosen one.
    Choice {
        names: Vec<String>,
        at: usize,
    },
    Suite(Option<u64>),
}

pub struct Slot {
    pub id: Id,
    pub label: &'static str,
    pub value: Value,
    /// The value as the editor opened, as text (to tell what changed).
    pub original: String,
}

fn names<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| name(*v).to_string()).collect()
}

fn choice(names: Vec<String>, current: &str) -> Value {
    let at = names.iter().position(|n| n == current).unwrap_or(0);
    Value::Choice { names, at }
}

fn text(s: &str, multiline: bool) -> Value {
    Value::Text(Box::new(Field::new(s, multiline)))
}

fn yes_no(b: bool) -> Value {
    choice(vec!["no".into(), "yes".into()], if b { "yes" } else { "no" })
}

/// Parameters as the editor shows them: `Name: value, value` per line.
pub fn params_text(params: &[(String, Vec<String>)]) -> String {
    params
        .iter()
        .map(|(n, v)| format!("{n}: {}", v.join(", ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every slot, in form order, filled from `f`; `milestones` are the
/// project's.
pub fn build(f: &CaseFields, milestones: &[String]) -> Vec<Slot> {
    let mut ms = vec!["none".to_string()];
    ms.extend(milestones.iter().cloned());
    if let Some(m) = &f.milestone
        && !ms.contains(m)
    {
        ms.push(m.clone());
    }
    let values: Vec<(Id, &'static str, Value)> = vec![
        (Id::Title, "Title", text(&f.title, false)),
        (Id::Suite, "Suite", Value::Suite(f.suite)),
        (Id::Description, "Description", text(&f.description, true)),
        (Id::Preconditions, "Preconditions", text(&f.preconditions, true)),
        (Id::Postconditions, "Postconditions", text(&f.postconditions, true)),
        (
            Id::Priority,
            "Priority",
            choice(names(CasePriority::ALL, CasePriority::as_str), f.priority.as_str()),
        ),
        (
            Id::Severity,
            "Severity",
            choice(names(Severity::ALL, Severity::as_str), f.severity.as_str()),
        ),
        (
            Id::Type,
            "Type",
            choice(names(CaseType::ALL, CaseType::as_str), f.case_type.as_str()),
        ),
        (
            Id::Behavior,
            "Behavior",
            choice(names(Behavior::ALL, Behavior::as_str), f.behavior.as_str()),
        ),
        (
            Id::Automation,
            "Automation",
            choice(names(Automation::ALL, Automation::as_str), f.automation.as_str()),
        ),
        (
            Id::Status,
            "Status",
            choice(names(CaseStatus::ALL, CaseStatus::as_str), f.status.as_str()),
        ),
        (
            Id::Layer,
            "Layer",
            choice(names(Layer::ALL, Layer::as_str), f.layer.as_str()),
        ),
        (
            Id::StepsKind,
            "Steps type",
            choice(names(StepsKind::ALL, StepsKind::as_str), f.steps_kind.as_str()),
        ),
        (Id::Muted, "Muted", yes_no(f.muted)),
        (Id::Flaky, "Flaky", yes_no(f.flaky)),
        (
            Id::Milestone,
            "Milestone",
            choice(ms, f.milestone.as_deref().unwrap_or("none")),
        ),
        (Id::Tags, "Tags", text(&f.tags.join(", "), false)),
        (Id::Estimate, "Estimate", text(&format_estimate(f.estimate_ms), false)),
        (Id::References, "References", text(&f.refs.join(", "), false)),
        (Id::Parameters, "Parameters", text(&params_text(&f.params), true)),
    ];
    values
        .into_iter()
        .map(|(id, label, value)| {
            let mut slot = Slot {
                id,
                label,
                value,
                original: String::new(),
            };
            slot.original = slot.text();
            slot
        })
        .collect()
}

impl Slot {
    /// The value as text: what the form shows, a draft keeps, and the
    /// save parses.
    pub fn text(&self) -> String {
        match &self.value {
            Value::Text(f) => f.text(),
            Value::Choice { names, at } => names.get(*at).cloned().unwrap_or_default(),
            Value::Suite(s) => s.map_or(String::new(), |id| id.to_string()),
        }
    }

    /// Sets the value from text (a draft): unknown choices are ignored.
    pub fn set_text(&mut self, text: &str) {
        match &mut self.value {
            Value::Text(f) => f.set_text(text),
            Value::Choice { names, at } => {
                if let Some(i) = names.iter().position(|n| n == text) {
                    *at = i;
                }
            }
            Value::Suite(s) => *s = text.parse().ok(),
        }
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// Rows it takes in the form.
    pub fn height(&self) -> u16 {
        match &self.value {
            Value::Text(f) if f.multiline => 3,
            _ => 1,
        }
    }

    /// Left/Right on a choice: the previous or next name (wrapping).
    pub fn cycle(&mut self, forward: bool) -> bool {
        let Value::Choice { names, at } = &mut self.value else {
            return false;
        };
        let n = names.len().max(1);
        *at = if forward { (*at + 1) % n } else { (*at + n - 1) % n };
        true
    }
}
