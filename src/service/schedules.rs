//! Scheduled runs: templates with a recurrence, and creating the runs that
//! are due (at TUI start-up, or `stepwise schedule` from cron).

use super::queries::check_name;
use super::{Engine, NewRun, ServiceError};
use crate::domain::schedule::{Recurrence, Schedule};
use crate::domain::{CaseSource, ProjectCode, Run, Time};
use crate::store::{Batch, TreeId, keys};

/// What a new schedule is made of.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct NewSchedule {
    pub name: String,
    pub every: Recurrence,
    /// Minutes after midnight, UTC.
    pub at: u16,
    /// Defaults to `{name} {date}`.
    pub title: Option<String>,
    pub description: String,
    pub source: CaseSource,
    pub configs: Vec<(String, Vec<String>)>,
    pub environment: Option<String>,
    pub milestone: Option<String>,
    pub tags: Vec<String>,
    pub assignees: Vec<String>,
}

/// A run a schedule created, or why it could not.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ScheduledRun {
    pub project: ProjectCode,
    pub schedule: String,
    /// The occurrence it was for.
    pub due: Time,
    pub run: Result<Run, ServiceError>,
}

impl Engine {
    pub fn schedules(&self, code: &ProjectCode) -> Result<Vec<Schedule>, ServiceError> {
        Ok(self.store.scan::<Schedule>(&keys::prefix(code))?)
    }

    pub fn schedule(&self, code: &ProjectCode, name: &str) -> Result<Schedule, ServiceError> {
        self.find_named::<Schedule>(code, name, |s| &s.name)?.ok_or_else(|| {
            let known: Vec<String> = self
                .schedules(code)
                .unwrap_or_default()
                .into_iter()
                .map(|s| s.name)
                .collect();
            ServiceError::NotFound(format!(
                "unknown schedule '{name}'; known: {}",
                if known.is_empty() {
                    "(none)".to_string()
                } else {
                    known.join(", ")
                }
            ))
        })
    }

    /// The run a schedule would create now (checked in full, not written).
    fn scheduled_run(&self, code: &ProjectCode, s: &Schedule, due: Time) -> Result<(Run, Batch), ServiceError> {
        let cases = self.select_cases(code, &s.source)?;
        if cases.is_empty() {
            return Err(ServiceError::Invalid(format!(
                "schedule '{}': its suites, plan or query hold no case",
                s.name
            )));
        }
        self.prepare_run(
            code,
            NewRun {
                title: Some(s.title_for(due)),
                description: s.description.clone(),
                environment: s.environment.clone(),
                milestone: s.milestone.clone(),
                configs: s.configs.clone(),
                tags: s.tags.clone(),
                cases,
                assignees: s.assignees.clone(),
            },
        )
    }

    /// Adds a schedule after checking that its run could be created now.
    pub fn add_schedule(&self, code: &ProjectCode, new: NewSchedule) -> Result<Schedule, ServiceError> {
        self.load_project(code)?;
        let name = check_name("schedule", &new.name)?;
        if self.find_named::<Schedule>(code, &name, |s| &s.name)?.is_some() {
            return Err(ServiceError::Invalid(format!(
                "a schedule named '{name}' already exists"
            )));
        }
        if new.source.is_empty() {
            return Err(ServiceError::Invalid(
                "choose what the runs hold: suites, cases, a plan, a query or all".into(),
            ));
        }
        let now = self.now();
        let mut schedule = Schedule {
            name: name.clone(),
            every: new.every,
            at: new.at.min(24 * 60 - 1),
            title: new
                .title
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| "{name} {date}".into()),
            description: new.description,
            source: new.source,
            configs: new.configs,
            environment: new.environment,
            milestone: new.milestone,
            tags: new.tags,
            assignees: new.assignees,
            author: self.user.clone(),
            created: now,
            next_due: now,
            last_run: None,
        };
        schedule.next_due = schedule.next_after(now);
        self.scheduled_run(code, &schedule, schedule.next_due)?;
        let mut batch = Batch::new();
        batch.put(keys::named(code, &name), &schedule);
        self.store.commit(batch)?;
        Ok(schedule)
    }

    pub fn delete_schedule(&self, code: &ProjectCode, name: &str) -> Result<Schedule, ServiceError> {
        let s = self.schedule(code, name)?;
        let mut batch = Batch::new();
        batch.remove(TreeId::Schedules, keys::named(code, &s.name));
        self.store.commit(batch)?;
        Ok(s)
    }

    /// Creates the runs that are due in `code`: one per schedule whose next
    /// occurrence has come (missed occurrences give one run, for the latest).
    /// Each run and its schedule's new due time are one transaction, so
    /// running this twice creates nothing new.
    pub fn run_due_schedules(&self, code: &ProjectCode) -> Result<Vec<ScheduledRun>, ServiceError> {
        let now = self.now();
        let mut out = Vec::new();
        for mut s in self.schedules(code)? {
            if s.next_due > now {
                continue;
            }
            let mut due = s.next_due;
            for _ in 0..10_000 {
                let next = s.next_after(due);
                if next > now {
                    break;
                }
                due = next;
            }
            let run = self.scheduled_run(code, &s, due).and_then(|(run, mut batch)| {
                s.next_due = s.next_after(now);
                s.last_run = Some((run.no, due));
                batch.put(keys::named(code, &s.name), &s);
                self.store.commit(batch)?;
                Ok(run)
            });
            out.push(ScheduledRun {
                project: code.clone(),
                schedule: s.name.clone(),
                due,
                run,
            });
        }
        Ok(out)
    }

    /// [`Self::run_due_schedules`] for every project of the store.
    pub fn run_all_due_schedules(&self) -> Result<Vec<ScheduledRun>, ServiceError> {
        let mut out = Vec::new();
        for p in self.projects()? {
            out.extend(self.run_due_schedules(&p.code)?);
        }
        Ok(out)
    }
}
