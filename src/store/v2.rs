//! Record version 2 of the types that have changed since, frozen exactly as
//! they were stored (field order is the format), with their upgrade to the
//! current type. Never edit these structs: add a `v3.rs` beside them when
//! the current types change again.

use super::v1::{ConfigGroupV1, EnvironmentV1, MilestoneV1, upgrade_lists};
use crate::domain::{Counters, CustomStatus, Project, ProjectCode, Time};
use serde::{Deserialize, Serialize};

/// `Project` at record version 2: before retired environments and
/// configurations, completed milestones and team display names.
/// (`Settings` and `Tracker` of that time are frozen in `v3.rs`.)
#[derive(Serialize, Deserialize)]
pub struct ProjectV2 {
    pub code: ProjectCode,
    pub title: String,
    pub description: String,
    pub settings: super::v3::SettingsV1,
    pub team: Vec<String>,
    pub environments: Vec<EnvironmentV1>,
    pub milestones: Vec<MilestoneV1>,
    pub config_groups: Vec<ConfigGroupV1>,
    pub custom_statuses: Vec<CustomStatus>,
    pub counters: Counters,
    pub created: Time,
    pub trackers: Vec<super::v3::TrackerV1>,
    pub defect_fields: Vec<String>,
}

impl From<ProjectV2> for Project {
    fn from(v: ProjectV2) -> Self {
        let (environments, milestones, config_groups) = upgrade_lists(v.environments, v.milestones, v.config_groups);
        Project {
            code: v.code,
            title: v.title,
            description: v.description,
            settings: v.settings.into(),
            team: v.team,
            environments,
            milestones,
            config_groups,
            custom_statuses: v.custom_statuses,
            counters: v.counters,
            created: v.created,
            trackers: super::v3::upgrade_trackers(v.trackers),
            defect_fields: v.defect_fields,
            team_names: Vec::new(),
        }
    }
}
