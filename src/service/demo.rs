//! The demo project: a realistic repository from `assets/demo.json`, one
//! completed run and one run in progress with results and a defect. Written
//! through the same commands a tester uses, so every rule applies.

use super::{Engine, NewDefect, NewResult, NewRun, ServiceError};
use crate::domain::{
    Automation, Behavior, Case, CasePriority, CaseType, ConfigGroup, Environment, Milestone, ProjectCode, ResultStatus,
    RunNo, RunState, Severity, Step, Suite, Time,
};
use crate::store::{Batch, keys};
use serde::Deserialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

const DEMO_JSON: &str = include_str!("../../assets/demo.json");
pub const DEMO_CODE: &str = "DEMO";

#[derive(Deserialize)]
struct DemoFile {
    code: String,
    title: String,
    description: String,
    team: Vec<String>,
    environments: Vec<Environment>,
    milestones: Vec<Milestone>,
    config_groups: Vec<ConfigGroup>,
    suites: Vec<DemoSuite>,
}

#[derive(Deserialize)]
struct DemoSuite {
    name: String,
    description: String,
    suites: Vec<DemoSuite>,
    cases: Vec<DemoCase>,
}

#[derive(Deserialize)]
struct DemoCase {
    title: String,
    description: String,
    preconditions: String,
    postconditions: String,
    priority: String,
    severity: String,
    #[serde(rename = "type")]
    case_type: String,
    behavior: String,
    automation: String,
    tags: Vec<String>,
    estimate_minutes: u64,
    steps: Vec<Step>,
}

/// A clock the demo moves forward by hand.
struct DemoClock(Arc<AtomicI64>);

impl DemoClock {
    fn advance_to(&self, at: Time) {
        self.0.store(at.timestamp_millis(), Ordering::SeqCst);
    }
}

fn bad_asset(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::Invalid(format!("assets/demo.json: {e}"))
}

impl Engine {
    /// Writes the demo project. `now` anchors its times (results over the
    /// last days). Refuses if the store already has a DEMO project.
    pub fn write_demo(&mut self, now: Time) -> Result<ProjectCode, ServiceError> {
        let file: DemoFile = serde_json::from_str(DEMO_JSON).map_err(bad_asset)?;
        let code = ProjectCode::parse(&file.code)?;
        if self
            .store
            .get::<crate::domain::Project>(&keys::project(&code))?
            .is_some()
        {
            return Err(ServiceError::Invalid(format!(
                "project {code} already exists in this store; nothing was written"
            )));
        }
        let saved_clock = self.clock.clone();
        let saved_user = self.user.clone();
        let millis = Arc::new(AtomicI64::new(0));
        let clock = DemoClock(millis.clone());
        self.clock = Arc::new(move || {
            chrono::DateTime::from_timestamp_millis(millis.load(Ordering::SeqCst)).unwrap_or_default()
        });
        let result = self.write_demo_inner(&file, &code, now, &clock);
        self.clock = saved_clock;
        self.user = saved_user;
        result.map(|_| code)
    }

    fn write_demo_inner(
        &mut self,
        file: &DemoFile,
        code: &ProjectCode,
        now: Time,
        clock: &DemoClock,
    ) -> Result<(), ServiceError> {
        let days = |d: i64, h: i64, m: i64| {
            now - chrono::Duration::days(d) + chrono::Duration::hours(h) + chrono::Duration::minutes(m)
        };
        clock.advance_to(days(21, 0, 0));
        self.user = file.team[0].clone();
        let mut project = self.create_project(code.as_str(), &file.title)?;
        project.description = file.description.clone();
        for u in &file.team {
            project.note_user(u);
        }
        project.environments = file.environments.clone();
        project.milestones = file.milestones.clone();
        project.config_groups = file.config_groups.clone();
        let mut batch = Batch::new();
        let mut cases = Vec::new();
        for s in &file.suites {
            add_suite(&mut project, s, None, days(21, 0, 0), &mut batch, &mut cases)?;
        }
        batch.put(keys::project(code), &project);
        self.store.commit(batch)?;

        // A completed smoke run, two weeks ago: everything passed.
        let smoke: Vec<u64> = cases
            .iter()
            .filter(|(_, tags)| tags.iter().any(|t| t == "smoke"))
            .map(|(n, _)| *n)
            .collect();
        clock.advance_to(days(14, 9, 0));
        let run1 = self.create_run(
            code,
            NewRun {
                title: Some("Smoke - release 2.3".into()),
                description: "Smoke pass on production after the 2.3 deploy.".into(),
                environment: Some("production".into()),
                tags: vec!["smoke".into()],
                cases: smoke,
                assignees: vec![file.team[1].clone()],
                ..NewRun::default()
            },
        )?;
        self.user = file.team[1].clone();
        for (i, t) in self.tests(code, run1.no)?.iter().enumerate() {
            clock.advance_to(days(14, 9, 5 + 6 * i as i64));
            let status = if i == 3 {
                ResultStatus::Skipped
            } else {
                ResultStatus::Passed
            };
            let mut r = NewResult::status(status);
            r.duration_ms = 180_000 + 37_000 * (i as u64 % 5);
            self.record_result(code, RunNo(run1.no), t.id, r)?;
        }
        clock.advance_to(days(14, 12, 0));
        self.end_run(code, RunNo(run1.no), RunState::Completed)?;

        // The regression run in progress: Chrome and Firefox, shared by two.
        self.user = file.team[0].clone();
        clock.advance_to(days(2, 9, 0));
        let regression: Vec<u64> = cases.iter().take(14).map(|(n, _)| *n).collect();
        let run2 = self.create_run(
            code,
            NewRun {
                title: Some("Release 2.4 regression".into()),
                description: "Full regression of sign-in, catalog and checkout before 2.4.".into(),
                environment: Some("staging".into()),
                milestone: file.milestones.first().map(|m| m.name.clone()),
                configs: vec![("Browser".into(), vec!["Chrome".into(), "Firefox".into()])],
                tags: vec!["regression".into(), "release-2.4".into()],
                cases: regression,
                assignees: file.team[1..3].to_vec(),
            },
        )?;
        let tests = self.tests(code, run2.no)?;
        let plan: [(usize, ResultStatus); 9] = [
            (0, ResultStatus::Passed),
            (1, ResultStatus::Passed),
            (2, ResultStatus::Passed),
            (3, ResultStatus::Passed),
            (4, ResultStatus::Failed),
            (5, ResultStatus::Passed),
            (6, ResultStatus::Blocked),
            (8, ResultStatus::Passed),
            (9, ResultStatus::Skipped),
        ];
        let mut failed_test = None;
        for (k, (i, status)) in plan.iter().enumerate() {
            let Some(t) = tests.get(*i) else { continue };
            self.user = t.assignee.clone().unwrap_or_else(|| file.team[0].clone());
            clock.advance_to(days(1, 9, 12 * k as i64));
            let mut r = NewResult::status(*status);
            r.duration_ms = 240_000 + 53_000 * (k as u64 % 4);
            if *status == ResultStatus::Failed {
                let last = t.snapshot.steps.len().saturating_sub(1);
                r.steps = (0..t.snapshot.steps.len())
                    .map(|s| {
                        (
                            s,
                            if s == last {
                                ResultStatus::Failed
                            } else {
                                ResultStatus::Passed
                            },
                            String::new(),
                        )
                    })
                    .collect();
                r.comment = "The final step does not behave as expected; see the defect.".into();
                failed_test = Some(t.clone());
            }
            if *status == ResultStatus::Blocked {
                r.comment = "Staging mail server is down; cannot receive the reset email.".into();
            }
            self.record_result(code, RunNo(run2.no), t.id, r)?;
        }
        if let Some(t) = failed_test {
            let expected = t.snapshot.steps.last().map(|s| s.expected.clone()).unwrap_or_default();
            self.create_defect(
                code,
                NewDefect {
                    title: format!("{}: last step fails on {}", t.snapshot.title, t.config.label()),
                    actual: format!("Expected: {expected} Actual: nothing happens and no error is shown."),
                    severity: Some(Severity::Major),
                    assignee: Some(file.team[0].clone()),
                    milestone: file.milestones.first().map(|m| m.name.clone()),
                    from_test: Some((RunNo(run2.no), t.id)),
                    ..NewDefect::default()
                },
            )?;
        }
        self.set_last_project(code)?;
        Ok(())
    }
}

fn add_suite(
    project: &mut crate::domain::Project,
    s: &DemoSuite,
    parent: Option<u64>,
    at: Time,
    batch: &mut Batch,
    cases: &mut Vec<(u64, Vec<String>)>,
) -> Result<(), ServiceError> {
    let id = project.next_suite();
    let suite = Suite {
        id,
        parent,
        name: s.name.clone(),
        description: s.description.clone(),
    };
    batch.put(keys::numbered(&project.code, id), &suite);
    for c in &s.cases {
        let no = project.next_case();
        let mut case = Case::new(no, c.title.clone(), at);
        case.suite = Some(id);
        case.description = c.description.clone();
        case.preconditions = c.preconditions.clone();
        case.postconditions = c.postconditions.clone();
        case.steps = c.steps.clone();
        case.priority = CasePriority::parse(&c.priority)?;
        case.severity = Severity::parse(&c.severity)?;
        case.case_type = CaseType::parse(&c.case_type)?;
        case.behavior = Behavior::parse(&c.behavior)?;
        case.automation = Automation::parse(&c.automation)?;
        case.tags = c.tags.clone();
        case.estimate_ms = Some(c.estimate_minutes * 60_000);
        batch.put(keys::numbered(&project.code, no), &case);
        cases.push((no, c.tags.clone()));
    }
    for child in &s.suites {
        add_suite(project, child, Some(id), at, batch, cases)?;
    }
    Ok(())
}
