//! A project: its code, settings, team, environments, milestones,
//! configuration groups, custom statuses and id counters.

use super::{CustomStatus, ProjectCode, Settings, Time};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Environment {
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub name: String,
    pub description: String,
    /// Due date as `YYYY-MM-DD`, if any.
    pub due: Option<String>,
}

/// A configuration group, e.g. Browser: Chrome, Firefox, Safari.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigGroup {
    pub name: String,
    pub values: Vec<String>,
}

/// An external issue tracker: its name (as in `JIRA:APP-12`) and a URL
/// template where `{key}` stands for the issue key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracker {
    pub name: String,
    pub url_template: String,
}

impl Tracker {
    /// The address: the template with `{key}` replaced.
    pub fn url(&self, key: &str) -> String {
        self.url_template.replace("{key}", key)
    }
}

/// The per-project counters behind `CODE-N`, `#N`, `D-N` and suite ids.
/// Each holds the last number handed out; numbers are never reused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    pub case: u64,
    pub run: u64,
    pub defect: u64,
    pub suite: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub code: ProjectCode,
    pub title: String,
    pub description: String,
    pub settings: Settings,
    /// Users configured for the team plus every user seen acting.
    pub team: Vec<String>,
    pub environments: Vec<Environment>,
    pub milestones: Vec<Milestone>,
    pub config_groups: Vec<ConfigGroup>,
    pub custom_statuses: Vec<CustomStatus>,
    pub counters: Counters,
    pub created: Time,
    /// External trackers defects link to (since record version 2).
    pub trackers: Vec<Tracker>,
    /// Names of the project's custom defect fields (since record version 2).
    pub defect_fields: Vec<String>,
}

impl Project {
    pub fn new(code: ProjectCode, title: impl Into<String>, at: Time) -> Self {
        Self {
            code,
            title: title.into(),
            description: String::new(),
            settings: Settings::default(),
            team: Vec::new(),
            environments: Vec::new(),
            milestones: Vec::new(),
            config_groups: Vec::new(),
            custom_statuses: Vec::new(),
            counters: Counters::default(),
            created: at,
            trackers: Vec::new(),
            defect_fields: Vec::new(),
        }
    }

    /// Adds a user to the team if not yet there; returns whether it changed.
    pub fn note_user(&mut self, user: &str) -> bool {
        if user.is_empty() || self.team.iter().any(|u| u == user) {
            return false;
        }
        self.team.push(user.to_string());
        true
    }

    pub fn next_case(&mut self) -> u64 {
        self.counters.case += 1;
        self.counters.case
    }

    pub fn next_run(&mut self) -> u64 {
        self.counters.run += 1;
        self.counters.run
    }

    pub fn next_defect(&mut self) -> u64 {
        self.counters.defect += 1;
        self.counters.defect
    }

    pub fn next_suite(&mut self) -> u64 {
        self.counters.suite += 1;
        self.counters.suite
    }

    /// A tracker by name, case-insensitively.
    pub fn tracker(&self, name: &str) -> Option<&Tracker> {
        self.trackers.iter().find(|t| t.name.eq_ignore_ascii_case(name.trim()))
    }

    pub fn catalog(&self) -> super::StatusCatalog<'_> {
        super::StatusCatalog::new(&self.custom_statuses)
    }
}
