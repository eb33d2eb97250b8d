//! Project settings: the toggles and choices that the rules apply.

use super::error::DomainError;
use serde::{Deserialize, Serialize};

/// Where the wizard goes after a result is recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Redirect {
    Same,
    NextUntested,
    NextInSuite,
}

/// How a group of assignees shares a run's tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Distribution {
    Even,
    LoadBalanced,
}

/// Every project setting of PRODUCT.md §2. Stored as part of the project;
/// the field order is stored on disk (append only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
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
    /// What `trackers sync` does with a linked issue's state (since project
    /// record version 4).
    pub tracker_sync: super::tracker::TrackerSync,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            fast_pass: true,
            fail_case_on_step_fail: true,
            auto_passed: true,
            auto_assignee: false,
            assignee_result_lock: false,
            redirect_after_result: Redirect::NextUntested,
            auto_complete: false,
            allow_results_in_closed_runs: false,
            create_defect_by_default: true,
            distribution: Distribution::Even,
            auto_create_cases: true,
            auto_update_cases: false,
            tracker_sync: super::tracker::TrackerSync::Notify,
        }
    }
}

/// One setting as listed: its snake_case name, current value and meaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingEntry {
    pub name: &'static str,
    pub value: String,
    pub description: &'static str,
}

pub const SETTING_NAMES: [&str; 13] = [
    "fast_pass",
    "fail_case_on_step_fail",
    "auto_passed",
    "auto_assignee",
    "assignee_result_lock",
    "redirect_after_result",
    "auto_complete",
    "allow_results_in_closed_runs",
    "create_defect_by_default",
    "distribution",
    "auto_create_cases",
    "auto_update_cases",
    "tracker_sync",
];

impl Redirect {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Same => "same",
            Self::NextUntested => "next_untested",
            Self::NextInSuite => "next_in_suite",
        }
    }
}

impl Distribution {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Even => "even",
            Self::LoadBalanced => "load_balanced",
        }
    }
}

fn parse_bool(name: &str, value: &str) -> Result<bool, DomainError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "on" | "yes" | "1" => Ok(true),
        "false" | "off" | "no" | "0" => Ok(false),
        _ => Err(DomainError::BadSettingValue {
            name: name.into(),
            value: value.into(),
            expected: "true or false".into(),
        }),
    }
}

impl Settings {
    fn toggle(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "fast_pass" => &mut self.fast_pass,
            "fail_case_on_step_fail" => &mut self.fail_case_on_step_fail,
            "auto_passed" => &mut self.auto_passed,
            "auto_assignee" => &mut self.auto_assignee,
            "assignee_result_lock" => &mut self.assignee_result_lock,
            "auto_complete" => &mut self.auto_complete,
            "allow_results_in_closed_runs" => &mut self.allow_results_in_closed_runs,
            "create_defect_by_default" => &mut self.create_defect_by_default,
            "auto_create_cases" => &mut self.auto_create_cases,
            "auto_update_cases" => &mut self.auto_update_cases,
            _ => return None,
        })
    }

    /// Changes one setting by its snake_case name; toggles take `true`/`false`.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), DomainError> {
        let name = name.trim();
        let value = value.trim();
        if let Some(flag) = self.toggle(name) {
            *flag = parse_bool(name, value)?;
            return Ok(());
        }
        let bad = |expected: &str| DomainError::BadSettingValue {
            name: name.into(),
            value: value.into(),
            expected: expected.into(),
        };
        match name {
            "redirect_after_result" => {
                self.redirect_after_result = match value {
                    "same" => Redirect::Same,
                    "next_untested" => Redirect::NextUntested,
                    "next_in_suite" => Redirect::NextInSuite,
                    _ => return Err(bad("same, next_untested or next_in_suite")),
                }
            }
            "distribution" => {
                self.distribution = match value {
                    "even" => Distribution::Even,
                    "load_balanced" => Distribution::LoadBalanced,
                    _ => return Err(bad("even or load_balanced")),
                }
            }
            "tracker_sync" => {
                self.tracker_sync =
                    super::tracker::TrackerSync::parse(value).ok_or_else(|| bad("off, notify or apply"))?
            }
            _ => {
                return Err(DomainError::UnknownSetting(name.into(), SETTING_NAMES.join(", ")));
            }
        }
        Ok(())
    }

    /// Every setting, in the documented order.
    pub fn entries(&self) -> Vec<SettingEntry> {
        let b = |v: bool| v.to_string();
        let e = |name, value, description| SettingEntry {
            name,
            value,
            description,
        };
        vec![
            e(
                "fast_pass",
                b(self.fast_pass),
                "passing or skipping records at once, no details dialog",
            ),
            e(
                "fail_case_on_step_fail",
                b(self.fail_case_on_step_fail),
                "failing any step fails the whole case",
            ),
            e("auto_passed", b(self.auto_passed), "passing every step passes the case"),
            e(
                "auto_assignee",
                b(self.auto_assignee),
                "first user to open an unassigned test becomes its assignee",
            ),
            e(
                "assignee_result_lock",
                b(self.assignee_result_lock),
                "only the assignee can record a result",
            ),
            e(
                "redirect_after_result",
                self.redirect_after_result.as_str().into(),
                "where the wizard goes after a result: same, next_untested, next_in_suite",
            ),
            e(
                "auto_complete",
                b(self.auto_complete),
                "the run completes when every test has a result",
            ),
            e(
                "allow_results_in_closed_runs",
                b(self.allow_results_in_closed_runs),
                "completed runs accept late results and retests",
            ),
            e(
                "create_defect_by_default",
                b(self.create_defect_by_default),
                "the create/attach defect choice starts checked on a failure",
            ),
            e(
                "distribution",
                self.distribution.as_str().into(),
                "group assignment: even or load_balanced",
            ),
            e(
                "auto_create_cases",
                b(self.auto_create_cases),
                "imported results may create unknown cases",
            ),
            e(
                "auto_update_cases",
                b(self.auto_update_cases),
                "imported results may update changed cases",
            ),
            e(
                "tracker_sync",
                self.tracker_sync.as_str().into(),
                "what a sync does with a linked issue's state: off, notify or apply",
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_setting_can_be_set_and_listed() {
        let mut s = Settings::default();
        for name in SETTING_NAMES {
            let value = match name {
                "redirect_after_result" => "same",
                "distribution" => "load_balanced",
                "tracker_sync" => "apply",
                _ => "false",
            };
            s.set(name, value).unwrap();
            let listed = s.entries().into_iter().find(|e| e.name == name).unwrap();
            assert_eq!(listed.value, value, "{name}");
        }
        assert_eq!(s.entries().len(), SETTING_NAMES.len());
    }

    #[test]
    fn bad_names_and_values_are_refused_clearly() {
        let mut s = Settings::default();
        let err = s.set("fastpass", "true").unwrap_err().to_string();
        assert!(
            err.contains("unknown setting 'fastpass'") && err.contains("fast_pass"),
            "{err}"
        );
        let err = s.set("fast_pass", "maybe").unwrap_err().to_string();
        assert!(err.contains("true or false"), "{err}");
        assert!(s.set("redirect_after_result", "back").is_err());
        assert_eq!(s, Settings::default());
    }
}
