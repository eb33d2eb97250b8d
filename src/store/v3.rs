//! Record version 3 of the project and record version 2 of the defect,
//! frozen exactly as they were stored (field order is the format), with
//! their upgrade to the current types; and the pieces older versions share
//! (`SettingsV1`, `TrackerV1`, `ExternalLinkV1`). Never edit these structs:
//! add a `v4.rs` beside them when the current types change again.

use crate::domain::{
    Attachment, ConfigGroup, Counters, CustomStatus, Defect, DefectStatus, Distribution, Environment, ExternalLink,
    HistoryEntry, Milestone, Project, ProjectCode, Redirect, ResultLink, Settings, Severity, TeamName, Time, Tracker,
    TrackerSync,
};
use serde::{Deserialize, Serialize};

/// `Settings` of project record versions 1 to 3: before `tracker_sync`.
#[derive(Serialize, Deserialize)]
pub struct SettingsV1 {
    pub fast_pass: bool,
    pub fail_case_on_step_fail: bool,
    pub auto_passed: bool,
    pub auto_assignee: bool,
    pub assignee_result_lock: bool,
    pub redirect_after_result: Redirect,
    pub auto_complete: bool,
    pub allow_results_in_closed_runs: bool,
    pub create_defect_by_default: bool,
    pub distribution: Distribution,
    pub auto_create_cases: bool,
    pub auto_update_cases: bool,
}

impl From<SettingsV1> for Settings {
    fn from(v: SettingsV1) -> Self {
        Settings {
            fast_pass: v.fast_pass,
            fail_case_on_step_fail: v.fail_case_on_step_fail,
            auto_passed: v.auto_passed,
            auto_assignee: v.auto_assignee,
            assignee_result_lock: v.assignee_result_lock,
            redirect_after_result: v.redirect_after_result,
            auto_complete: v.auto_complete,
            allow_results_in_closed_runs: v.allow_results_in_closed_runs,
            create_defect_by_default: v.create_defect_by_default,
            distribution: v.distribution,
            auto_create_cases: v.auto_create_cases,
            auto_update_cases: v.auto_update_cases,
            tracker_sync: TrackerSync::default(),
        }
    }
}

/// `Tracker` of project record versions 2 and 3: a URL template only.
#[derive(Serialize, Deserialize)]
pub struct TrackerV1 {
    pub name: String,
    pub url_template: String,
}

impl From<TrackerV1> for Tracker {
    fn from(v: TrackerV1) -> Self {
        Tracker {
            name: v.name,
            url_template: v.url_template,
            api: None,
        }
    }
}

/// `ExternalLink` of defect record versions 1 and 2: before the tracker's
/// last seen state.
#[derive(Serialize, Deserialize)]
pub struct ExternalLinkV1 {
    pub tracker: String,
    pub key: String,
    pub url: String,
}

impl From<ExternalLinkV1> for ExternalLink {
    fn from(v: ExternalLinkV1) -> Self {
        ExternalLink {
            tracker: v.tracker,
            key: v.key,
            url: v.url,
            state: None,
        }
    }
}

pub fn upgrade_links(v: Vec<ExternalLinkV1>) -> Vec<ExternalLink> {
    v.into_iter().map(ExternalLink::from).collect()
}

pub fn upgrade_trackers(v: Vec<TrackerV1>) -> Vec<Tracker> {
    v.into_iter().map(Tracker::from).collect()
}

/// `Project` at record version 3: before tracker kinds and `tracker_sync`.
#[derive(Serialize, Deserialize)]
pub struct ProjectV3 {
    pub code: ProjectCode,
    pub title: String,
    pub description: String,
    pub settings: SettingsV1,
    pub team: Vec<String>,
    pub environments: Vec<EnvironmentV3>,
    pub milestones: Vec<MilestoneV3>,
    pub config_groups: Vec<ConfigGroupV3>,
    pub custom_statuses: Vec<CustomStatus>,
    pub counters: Counters,
    pub created: Time,
    pub trackers: Vec<TrackerV1>,
    pub defect_fields: Vec<String>,
    pub team_names: Vec<TeamName>,
}

// The list types of record version 3 are today's; aliases mark them as
// part of the frozen format (freeze them here before they change).
pub type EnvironmentV3 = Environment;
pub type MilestoneV3 = Milestone;
pub type ConfigGroupV3 = ConfigGroup;

impl From<ProjectV3> for Project {
    fn from(v: ProjectV3) -> Self {
        Project {
            code: v.code,
            title: v.title,
            description: v.description,
            settings: v.settings.into(),
            team: v.team,
            environments: v.environments,
            milestones: v.milestones,
            config_groups: v.config_groups,
            custom_statuses: v.custom_statuses,
            counters: v.counters,
            created: v.created,
            trackers: upgrade_trackers(v.trackers),
            defect_fields: v.defect_fields,
            team_names: v.team_names,
        }
    }
}

/// `Defect` at record version 2: before the tracker state on links.
#[derive(Serialize, Deserialize)]
pub struct DefectV2 {
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
    pub external: Vec<ExternalLinkV1>,
    pub links: Vec<ResultLink>,
    pub history: Vec<HistoryEntry>,
    pub created: Time,
    pub updated: Time,
    pub fields: Vec<(String, String)>,
}

impl From<DefectV2> for Defect {
    fn from(v: DefectV2) -> Self {
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
            external: upgrade_links(v.external),
            links: v.links,
            history: v.history,
            created: v.created,
            updated: v.updated,
            fields: v.fields,
        }
    }
}
