//! Record version 2 of the types that have changed since, frozen exactly as
//! they were stored (field order is the format), with their upgrade to the
//! current type. Never edit these structs: add a `v3.rs` beside them when
//! the current types change again.

use super::v1::{ConfigGroupV1, EnvironmentV1, MilestoneV1, upgrade_lists};
use crate::domain::{Counters, CustomStatus, Project, ProjectCode, Settings, Time, Tracker};
use serde::{Deserialize, Serialize};

/// `Project` at record version 2: before retired environments and
/// configurations, completed milestones and team display names.
/// (`Tracker` has not changed since; freeze it here before it does.)
#[derive(Serialize, Deserialize)]
pub struct ProjectV2 {
    pub code: ProjectCode,
    pub title: String,
    pub description: String,
    pub settings: Settings,
    pub team: Vec<String>,
    pub environments: Vec<EnvironmentV1>,
    pub milestones: Vec<MilestoneV1>,
    pub config_groups: Vec<ConfigGroupV1>,
    pub custom_statuses: Vec<CustomStatus>,
    pub counters: Counters,
    pub created: Time,
    pub trackers: Vec<Tracker>,
    pub defect_fields: Vec<String>,
}

impl From<ProjectV2> for Project {
    fn from(v: ProjectV2) -> Self {
        let (environments, milestones, config_groups) = upgrade_lists(v.environments, v.milestones, v.config_groups);
        Project {
            code: v.code,
            title: v.title,
            description: v.description,
            settings: v.settings,
            team: v.team,
            environments,
            milestones,
            config_groups,
            custom_statuses: v.custom_statuses,
            counters: v.counters,
            created: v.created,
            trackers: v.trackers,
            defect_fields: v.defect_fields,
            team_names: Vec::new(),
        }
    }
}
