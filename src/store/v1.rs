//! Record version 1 of the types that have changed since, frozen exactly as
//! they were stored (field order is the format), with their upgrade to the
//! current type. Never edit these structs: add a `v2.rs` beside them when
//! the current types change again.

use crate::domain::{
    Attachment, ConfigGroup, Counters, CustomStatus, Defect, DefectStatus, Environment, ExternalLink, HistoryEntry,
    Milestone, Project, ProjectCode, ResultLink, Settings, Severity, Time,
};
use serde::{Deserialize, Serialize};

/// `Project` at record version 1: before trackers and defect fields.
#[derive(Serialize, Deserialize)]
pub struct ProjectV1 {
    pub code: ProjectCode,
    pub title: String,
    pub description: String,
    pub settings: Settings,
    pub team: Vec<String>,
    pub environments: Vec<Environment>,
    pub milestones: Vec<Milestone>,
    pub config_groups: Vec<ConfigGroup>,
    pub custom_statuses: Vec<CustomStatus>,
    pub counters: Counters,
    pub created: Time,
}

impl From<ProjectV1> for Project {
    fn from(v: ProjectV1) -> Self {
        Project {
            code: v.code,
            title: v.title,
            description: v.description,
            settings: v.settings,
            team: v.team,
            environments: v.environments,
            milestones: v.milestones,
            config_groups: v.config_groups,
            custom_statuses: v.custom_statuses,
            counters: v.counters,
            created: v.created,
            trackers: Vec::new(),
            defect_fields: Vec::new(),
        }
    }
}

/// `Defect` at record version 1: before custom field values.
#[derive(Serialize, Deserialize)]
pub struct DefectV1 {
    pub no: u64,
    pub title: String,
    pub actual: String,
    pub description: String,
    pub severity: Severity,
    pub status: DefectStatus,
    pub assignee: Option<String>,
    pub reporter: String,
    pub milestone: Option<String>,
    pub tags: Vec<String>,
    pub attachments: Vec<Attachment>,
    pub external: Vec<ExternalLink>,
    pub links: Vec<ResultLink>,
    pub history: Vec<HistoryEntry>,
    pub created: Time,
    pub updated: Time,
}

impl From<DefectV1> for Defect {
    fn from(v: DefectV1) -> Self {
        Defect {
            no: v.no,
            title: v.title,
            actual: v.actual,
            description: v.description,
            severity: v.severity,
            status: v.status,
            assignee: v.assignee,
            reporter: v.reporter,
            milestone: v.milestone,
            tags: v.tags,
            attachments: v.attachments,
            external: v.external,
            links: v.links,
            history: v.history,
            created: v.created,
            updated: v.updated,
            fields: Vec::new(),
        }
    }
}
