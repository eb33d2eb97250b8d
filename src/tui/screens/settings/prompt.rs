//! The settings tab's questions: what adding or renaming asks, one line
//! at a time (a milestone's title, then its due date), and what the
//! answers do, each through one service call.

use super::rows::Item;
use crate::domain::admin::MilestoneEdit;
use crate::domain::{Polarity, ProjectCode};
use crate::service::ConfigTarget;
use crate::service::statuses::NewStatus;
use crate::service::{Service, ServiceError};
use crate::tui::widgets::line::LineInput;

/// What the answers are for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    AddEnvironment,
    AddMilestone,
    AddConfig,
    AddMember,
    AddStatus,
    AddField,
    AddTracker,
    NewProject,
    /// A new name (title) for the row; a member's display name.
    Rename(Item),
    /// A milestone's due date.
    Due(String),
}

/// One question: its label and what the answer looks like.
pub struct Step {
    pub label: &'static str,
    pub hint: &'static str,
}

const fn step(label: &'static str, hint: &'static str) -> Step {
    Step { label, hint }
}

impl Purpose {
    pub fn title(&self) -> &'static str {
        match self {
            Purpose::AddEnvironment => "New environment",
            Purpose::AddMilestone => "New milestone",
            Purpose::AddConfig => "Configuration values",
            Purpose::AddMember => "New team member",
            Purpose::AddStatus => "New result status",
            Purpose::AddField => "New defect field",
            Purpose::AddTracker => "New tracker",
            Purpose::NewProject => "New project",
            Purpose::Rename(Item::Member(_)) => "Display name",
            Purpose::Rename(Item::Project(_)) => "Project title",
            Purpose::Rename(_) => "Rename",
            Purpose::Due(_) => "Due date",
        }
    }

    pub fn steps(&self) -> Vec<Step> {
        match self {
            Purpose::AddEnvironment => vec![step("Name", "e.g. staging; unique, at most 100 characters")],
            Purpose::AddMilestone => vec![
                step("Title", "e.g. R1; unique, at most 100 characters"),
                step("Due date", "YYYY-MM-DD, or empty for none"),
            ],
            Purpose::AddConfig => vec![
                step("Group", "e.g. Browser; a new group, or one to add values to"),
                step("Values", "separated by commas, e.g. Chrome, Firefox"),
            ],
            Purpose::AddMember => vec![
                step("User", "the user name results are recorded under, e.g. alice"),
                step("Display name", "optional, e.g. Alice Martin"),
            ],
            Purpose::AddStatus => vec![
                step("Name", "e.g. Passed with issues"),
                step("Key", "the one key the wizard records it with, e.g. i"),
                step("Colour", "green, red, yellow, blue, magenta, cyan, gray or white"),
                step("Polarity", "positive (counts as passing) or negative"),
            ],
            Purpose::AddField => vec![step("Name", "e.g. Browser version")],
            Purpose::AddTracker => vec![
                step("Name", "letters, digits, - and _, e.g. JIRA"),
                step(
                    "URL template",
                    "with {key}, e.g. https://example.atlassian.net/browse/{key}",
                ),
            ],
            Purpose::NewProject => vec![
                step("Code", "2 to 10 capitals or digits, e.g. SHOP"),
                step("Title", "e.g. Shop"),
            ],
            Purpose::Rename(Item::Member(_)) => vec![step("Display name", "empty clears it")],
            Purpose::Rename(Item::Project(_)) => vec![step("Title", "the code stays")],
            Purpose::Rename(_) => vec![step(
                "New name",
                "unique, at most 100 characters; runs keep the old one",
            )],
            Purpose::Due(_) => vec![step("Due date", "YYYY-MM-DD, or empty to clear it")],
        }
    }
}

/// A question in progress: the answers so far and the line being typed.
pub struct Prompt {
    pub purpose: Purpose,
    pub answers: Vec<String>,
    pub input: LineInput,
}

impl Prompt {
    /// Asks for `purpose`, the first line holding `initial`.
    pub fn new(purpose: Purpose, initial: impl Into<String>) -> Self {
        Self {
            purpose,
            answers: Vec::new(),
            input: LineInput::new(initial),
        }
    }

    /// The step being asked.
    pub fn step(&self) -> Step {
        let mut steps = self.purpose.steps();
        let at = self.answers.len().min(steps.len() - 1);
        steps.swap_remove(at)
    }

    /// Enter: keeps the answer; whether every question is answered.
    pub fn take(&mut self) -> bool {
        self.answers.push(self.input.text().trim().to_string());
        self.input.clear();
        self.answers.len() >= self.purpose.steps().len()
    }
}

fn answer(answers: &[String], at: usize) -> &str {
    answers.get(at).map_or("", String::as_str)
}

/// Carries out the answered `purpose`: one service call. Returns what the
/// notice says.
pub fn apply(svc: &Service, code: &ProjectCode, purpose: &Purpose, answers: &[String]) -> Result<String, ServiceError> {
    let a = |i| answer(answers, i);
    let optional = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Ok(match purpose {
        Purpose::AddEnvironment => {
            svc.add_environment(code, a(0), "")?;
            format!("Environment '{}' added", a(0))
        }
        Purpose::AddMilestone => {
            svc.add_milestone(code, a(0), optional(a(1)).as_deref(), "")?;
            match optional(a(1)) {
                Some(due) => format!("Milestone '{}' added, due {due}", a(0)),
                None => format!("Milestone '{}' added", a(0)),
            }
        }
        Purpose::AddConfig => {
            let values: Vec<String> = a(1)
                .split(',')
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            svc.add_config(code, a(0), &values)?;
            format!("{}: {} added", a(0), values.join(", "))
        }
        Purpose::AddMember => {
            svc.add_member(code, a(0), optional(a(1)).as_deref())?;
            format!("{} joined the team", a(0))
        }
        Purpose::AddStatus => {
            let mut keys = a(1).chars();
            let (Some(key), None) = (keys.next(), keys.next()) else {
                return Err(ServiceError::Invalid(format!(
                    "a status key is one character, not '{}'",
                    a(1)
                )));
            };
            let polarity = match a(3).to_ascii_lowercase().as_str() {
                "positive" | "+" => Polarity::Positive,
                "negative" | "-" => Polarity::Negative,
                other => {
                    return Err(ServiceError::Invalid(format!(
                        "polarity '{other}': positive or negative"
                    )));
                }
            };
            let new = NewStatus {
                name: a(0).to_string(),
                key,
                colour: a(2).to_ascii_lowercase(),
                polarity,
            };
            let s = svc.add_custom_status(code, new)?;
            format!("Status '{}' added (key {})", s.name, s.key)
        }
        Purpose::AddField => {
            svc.add_defect_field(code, a(0))?;
            format!("Defect field '{}' added", a(0))
        }
        Purpose::AddTracker => {
            let t = svc.set_tracker(code, a(0), a(1))?;
            format!("Tracker '{}' added", t.name)
        }
        Purpose::NewProject => {
            let p = svc.create_project(a(0), a(1))?;
            format!("Project {} created; Enter on it switches to it", p.code)
        }
        Purpose::Due(name) => {
            let edit = MilestoneEdit {
                due: Some(optional(a(0))),
                ..MilestoneEdit::default()
            };
            svc.edit_milestone(code, name, edit)?;
            match optional(a(0)) {
                Some(due) => format!("Milestone '{name}' is due {due}"),
                None => format!("Milestone '{name}' has no due date"),
            }
        }
        Purpose::Rename(item) => rename(svc, code, item, a(0))?,
    })
}

fn rename(svc: &Service, code: &ProjectCode, item: &Item, new: &str) -> Result<String, ServiceError> {
    match item {
        Item::Environment(old) => {
            svc.rename_environment(code, old, new)?;
        }
        Item::Milestone(old) => {
            let edit = MilestoneEdit {
                title: Some(new.to_string()),
                ..MilestoneEdit::default()
            };
            svc.edit_milestone(code, old, edit)?;
        }
        Item::Group(group) => {
            svc.rename_config(code, ConfigTarget { group, value: None }, new)?;
        }
        Item::Value { group, value } => {
            let t = ConfigTarget {
                group,
                value: Some(value),
            };
            svc.rename_config(code, t, new)?;
        }
        Item::Member(user) => {
            svc.set_member_name(code, user, (!new.is_empty()).then_some(new))?;
            return Ok(if new.is_empty() {
                format!("{user} has no display name")
            } else {
                format!("{user} shows as {new}")
            });
        }
        Item::Project(p) => {
            svc.rename_project(p, new)?;
            return Ok(format!("Project {p} is now titled '{new}'"));
        }
        Item::Setting(_) | Item::Status(_) | Item::Field(_) | Item::Tracker(_) => {
            return Err(ServiceError::Invalid("this row cannot be renamed".into()));
        }
    }
    Ok(format!("Renamed to '{new}'"))
}
