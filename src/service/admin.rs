//! A project's administration: environments, milestones, configuration
//! groups and values, team members. Each call applies one rule of
//! `domain::admin` and writes the project in one transaction, and returns
//! the project as it now is (what the Settings tab and `project show`
//! list). Removing something in use is refused with what uses it.

use super::{Engine, ServiceError};
use crate::domain::admin::{self, MilestoneEdit, Usage, usage::Records};
use crate::domain::{DomainError, Project, ProjectCode, RunState};
use crate::store::{Batch, keys};

/// A configuration group, or one value of it.
#[derive(Clone, Copy, Debug)]
pub struct ConfigTarget<'a> {
    pub group: &'a str,
    pub value: Option<&'a str>,
}

/// What a removal is checked against.
#[derive(Clone, Copy)]
enum Uses<'a> {
    Environment(&'a str),
    Milestone(&'a str),
    Config(ConfigTarget<'a>),
    Member(&'a str),
}

impl Engine {
    /// Applies `change` to the project and writes it: one transaction.
    fn administer(
        &self,
        code: &ProjectCode,
        change: impl FnOnce(&mut Project) -> Result<(), DomainError>,
    ) -> Result<Project, ServiceError> {
        let mut project = self.load_project(code)?;
        change(&mut project)?;
        let mut batch = Batch::new();
        batch.put(keys::project(code), &project);
        self.store.commit(batch)?;
        Ok(project)
    }

    /// What in the project's runs, defects, cases and schedules uses `what`.
    fn usage(&self, code: &ProjectCode, what: Uses) -> Result<Usage, ServiceError> {
        let prefix = keys::prefix(code);
        let runs = self.store.scan::<crate::domain::Run>(&prefix)?;
        let schedules = self.schedules(code)?;
        let (mut defects, mut cases, mut active_tests) = (Vec::new(), Vec::new(), Vec::new());
        match what {
            Uses::Milestone(_) => {
                defects = self.store.scan::<crate::domain::Defect>(&prefix)?;
                cases = self.cases(code)?;
            }
            Uses::Member(_) => {
                defects = self.store.scan::<crate::domain::Defect>(&prefix)?;
                for r in runs.iter().filter(|r| r.state == RunState::Active) {
                    active_tests.extend(self.tests(code, r.no)?);
                }
            }
            Uses::Environment(_) | Uses::Config(_) => {}
        }
        let records = Records {
            code,
            runs: &runs,
            defects: &defects,
            cases: &cases,
            schedules: &schedules,
            active_tests: &active_tests,
        };
        Ok(match what {
            Uses::Environment(name) => records.environment(name),
            Uses::Milestone(name) => records.milestone(name),
            Uses::Config(t) => records.config(t.group, t.value),
            Uses::Member(user) => records.member(user),
        })
    }

    // Environments.

    pub fn add_environment(&self, code: &ProjectCode, name: &str, description: &str) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::add_environment(p, name, description))
    }

    pub fn rename_environment(&self, code: &ProjectCode, old: &str, new: &str) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::rename_environment(p, old, new))
    }

    /// Retires (hides from new runs and pickers) or restores an environment.
    pub fn set_environment_retired(
        &self,
        code: &ProjectCode,
        name: &str,
        retired: bool,
    ) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::set_environment_retired(p, name, retired))
    }

    pub fn remove_environment(&self, code: &ProjectCode, name: &str) -> Result<Project, ServiceError> {
        let usage = self.usage(code, Uses::Environment(name))?;
        self.administer(code, |p| admin::remove_environment(p, name, &usage))
    }

    /// Moves an environment to the 1-based position `to`.
    pub fn move_environment(&self, code: &ProjectCode, name: &str, to: usize) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::move_environment(p, name, to))
    }

    // Milestones.

    pub fn add_milestone(
        &self,
        code: &ProjectCode,
        title: &str,
        due: Option<&str>,
        description: &str,
    ) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::add_milestone(p, title, due, description))
    }

    pub fn edit_milestone(&self, code: &ProjectCode, name: &str, edit: MilestoneEdit) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::edit_milestone(p, name, edit))
    }

    /// Closes (completes) or reopens a milestone.
    pub fn set_milestone_completed(
        &self,
        code: &ProjectCode,
        name: &str,
        completed: bool,
    ) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::set_milestone_completed(p, name, completed))
    }

    pub fn remove_milestone(&self, code: &ProjectCode, name: &str) -> Result<Project, ServiceError> {
        let usage = self.usage(code, Uses::Milestone(name))?;
        self.administer(code, |p| admin::remove_milestone(p, name, &usage))
    }

    pub fn move_milestone(&self, code: &ProjectCode, name: &str, to: usize) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::move_milestone(p, name, to))
    }

    // Configurations.

    /// Adds values to a group, creating the group when new.
    pub fn add_config(&self, code: &ProjectCode, group: &str, values: &[String]) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::add_config(p, group, values))
    }

    pub fn rename_config(&self, code: &ProjectCode, t: ConfigTarget, new: &str) -> Result<Project, ServiceError> {
        self.administer(code, |p| match t.value {
            None => admin::rename_config_group(p, t.group, new),
            Some(v) => admin::rename_config_value(p, t.group, v, new),
        })
    }

    pub fn set_config_retired(
        &self,
        code: &ProjectCode,
        t: ConfigTarget,
        retired: bool,
    ) -> Result<Project, ServiceError> {
        self.administer(code, |p| match t.value {
            None => admin::set_config_group_retired(p, t.group, retired),
            Some(v) => admin::set_config_value_retired(p, t.group, v, retired),
        })
    }

    pub fn remove_config(&self, code: &ProjectCode, t: ConfigTarget) -> Result<Project, ServiceError> {
        let usage = self.usage(code, Uses::Config(t))?;
        self.administer(code, |p| match t.value {
            None => admin::remove_config_group(p, t.group, &usage),
            Some(v) => admin::remove_config_value(p, t.group, v, &usage),
        })
    }

    pub fn move_config(&self, code: &ProjectCode, t: ConfigTarget, to: usize) -> Result<Project, ServiceError> {
        self.administer(code, |p| match t.value {
            None => admin::move_config_group(p, t.group, to),
            Some(v) => admin::move_config_value(p, t.group, v, to),
        })
    }

    // Team.

    pub fn add_member(&self, code: &ProjectCode, user: &str, name: Option<&str>) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::add_member(p, user, name))
    }

    /// Sets (or with `None` clears) a member's display name.
    pub fn set_member_name(&self, code: &ProjectCode, user: &str, name: Option<&str>) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::set_display_name(p, user, name))
    }

    pub fn remove_member(&self, code: &ProjectCode, user: &str) -> Result<Project, ServiceError> {
        let usage = self.usage(code, Uses::Member(user))?;
        self.administer(code, |p| admin::remove_member(p, user, &usage))
    }

    pub fn move_member(&self, code: &ProjectCode, user: &str, to: usize) -> Result<Project, ServiceError> {
        self.administer(code, |p| admin::move_member(p, user, to))
    }
}
