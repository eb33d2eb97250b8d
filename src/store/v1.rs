//! Record version 1 of the types that have changed since, frozen exactly as
//! they were stored (field order is the format), with their upgrade to the
//! current type. Never edit these structs: add a `v2.rs` beside them when
//! the current types change again.

use crate::domain::{
    Attachment, Automation, Behavior, Case, CasePriority, CaseStatus, CaseType, ConfigCombo, ConfigGroup, Counters,
    CustomStatus, Defect, DefectStatus, Environment, ExternalLink, HistoryEntry, Layer, Milestone, Outcome, Project,
    ProjectCode, ResultLink, Run, RunState, Settings, Severity, Step, StepsKind, Test, TestResult, Time,
};
use serde::{Deserialize, Serialize};

/// `Environment` at project record versions 1 and 2: before retiring.
#[derive(Serialize, Deserialize)]
pub struct EnvironmentV1 {
    pub name: String,
    pub description: String,
}

impl From<EnvironmentV1> for Environment {
    fn from(v: EnvironmentV1) -> Self {
        Environment {
            name: v.name,
            description: v.description,
            retired: false,
        }
    }
}

/// `Milestone` at project record versions 1 and 2: before completing.
#[derive(Serialize, Deserialize)]
pub struct MilestoneV1 {
    pub name: String,
    pub description: String,
    pub due: Option<String>,
}

impl From<MilestoneV1> for Milestone {
    fn from(v: MilestoneV1) -> Self {
        Milestone {
            name: v.name,
            description: v.description,
            due: v.due,
            completed: false,
        }
    }
}

/// `ConfigGroup` at project record versions 1 and 2: before retiring.
#[derive(Serialize, Deserialize)]
pub struct ConfigGroupV1 {
    pub name: String,
    pub values: Vec<String>,
}

impl From<ConfigGroupV1> for ConfigGroup {
    fn from(v: ConfigGroupV1) -> Self {
        ConfigGroup {
            name: v.name,
            values: v.values,
            retired: false,
            retired_values: Vec::new(),
        }
    }
}

/// The version-1 lists of a project, upgraded.
pub fn upgrade_lists(
    environments: Vec<EnvironmentV1>,
    milestones: Vec<MilestoneV1>,
    config_groups: Vec<ConfigGroupV1>,
) -> (Vec<Environment>, Vec<Milestone>, Vec<ConfigGroup>) {
    (
        environments.into_iter().map(Environment::from).collect(),
        milestones.into_iter().map(Milestone::from).collect(),
        config_groups.into_iter().map(ConfigGroup::from).collect(),
    )
}

/// `Project` at record version 1: before trackers and defect fields.
#[derive(Serialize, Deserialize)]
pub struct ProjectV1 {
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
}

impl From<ProjectV1> for Project {
    fn from(v: ProjectV1) -> Self {
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
            trackers: Vec::new(),
            defect_fields: Vec::new(),
            team_names: Vec::new(),
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

/// `Step` at record version 1: before nesting levels.
#[derive(Serialize, Deserialize)]
pub struct StepV1 {
    pub action: String,
    pub data: String,
    pub expected: String,
}

/// `Case` at record version 1: before the fields imports need (flaky,
/// layer, steps kind, milestone, parameters, references, source).
#[derive(Serialize, Deserialize)]
pub struct CaseV1 {
    pub no: u64,
    pub suite: Option<u64>,
    pub title: String,
    pub description: String,
    pub preconditions: String,
    pub postconditions: String,
    pub steps: Vec<StepV1>,
    pub priority: CasePriority,
    pub severity: Severity,
    pub case_type: CaseType,
    pub behavior: Behavior,
    pub automation: Automation,
    pub status: CaseStatus,
    pub tags: Vec<String>,
    pub estimate_ms: Option<u64>,
    pub muted: bool,
    pub version: u32,
    pub created: Time,
    pub updated: Time,
}

impl From<CaseV1> for Case {
    fn from(v: CaseV1) -> Self {
        Case {
            no: v.no,
            suite: v.suite,
            title: v.title,
            description: v.description,
            preconditions: v.preconditions,
            postconditions: v.postconditions,
            steps: v
                .steps
                .into_iter()
                .map(|s| Step {
                    action: s.action,
                    data: s.data,
                    expected: s.expected,
                    level: 0,
                })
                .collect(),
            priority: v.priority,
            severity: v.severity,
            case_type: v.case_type,
            behavior: v.behavior,
            automation: v.automation,
            status: v.status,
            tags: v.tags,
            estimate_ms: v.estimate_ms,
            muted: v.muted,
            version: v.version,
            created: v.created,
            updated: v.updated,
            flaky: false,
            layer: Layer::Unknown,
            steps_kind: StepsKind::Classic,
            milestone: None,
            params: Vec::new(),
            refs: Vec::new(),
            source: None,
        }
    }
}

/// `Test` at record version 1: its snapshot is a version-1 case.
/// (`ConfigCombo` and `TestResult` have not changed since; freeze them here
/// before they do.)
#[derive(Serialize, Deserialize)]
pub struct TestV1 {
    pub run: u64,
    pub id: u32,
    pub case_no: u64,
    pub config: ConfigCombo,
    pub snapshot: CaseV1,
    pub assignee: Option<String>,
    pub retest: bool,
    pub results: Vec<TestResult>,
}

impl From<TestV1> for Test {
    fn from(v: TestV1) -> Self {
        Test {
            run: v.run,
            id: v.id,
            case_no: v.case_no,
            config: v.config,
            snapshot: v.snapshot.into(),
            assignee: v.assignee,
            retest: v.retest,
            results: v.results,
        }
    }
}

/// `Run` at record version 1: before `next_test`. Tests were never removed
/// from a run then, so their ids were `0..test_count`.
#[derive(Serialize, Deserialize)]
pub struct RunV1 {
    pub no: u64,
    pub title: String,
    pub description: String,
    pub environment: Option<String>,
    pub milestone: Option<String>,
    pub configs: Vec<(String, Vec<String>)>,
    pub tags: Vec<String>,
    pub author: String,
    pub created: Time,
    pub started: Option<Time>,
    pub ended: Option<Time>,
    pub state: RunState,
    pub outcome: Option<Outcome>,
    pub test_count: u32,
}

impl From<RunV1> for Run {
    fn from(v: RunV1) -> Self {
        Run {
            no: v.no,
            title: v.title,
            description: v.description,
            environment: v.environment,
            milestone: v.milestone,
            configs: v.configs,
            tags: v.tags,
            author: v.author,
            created: v.created,
            started: v.started,
            ended: v.ended,
            state: v.state,
            outcome: v.outcome,
            test_count: v.test_count,
            next_test: v.test_count,
        }
    }
}
