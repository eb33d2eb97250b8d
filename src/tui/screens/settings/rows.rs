//! What each section of the settings tab lists: one row per setting,
//! environment, milestone, configuration group or value, member, custom
//! status, defect field or tracker, project. A row carries the thing it
//! stands for, so what a key does to it is a `match`, never a string.

use crate::domain::settings::SettingEntry;
use crate::domain::{Project, ProjectCode};

/// The sections, in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Settings,
    Environments,
    Milestones,
    Configs,
    Team,
    Statuses,
    Fields,
    Projects,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Settings,
        Section::Environments,
        Section::Milestones,
        Section::Configs,
        Section::Team,
        Section::Statuses,
        Section::Fields,
        Section::Projects,
    ];

    /// The name on the section bar.
    pub fn label(self) -> &'static str {
        match self {
            Section::Settings => "Settings",
            Section::Environments => "Environments",
            Section::Milestones => "Milestones",
            Section::Configs => "Configs",
            Section::Team => "Team",
            Section::Statuses => "Statuses",
            Section::Fields => "Fields",
            Section::Projects => "Projects",
        }
    }

    /// The column heads of the section's table.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            Section::Settings => &["SETTING", "VALUE"],
            Section::Environments => &["ENVIRONMENT", "STATE"],
            Section::Milestones => &["MILESTONE", "DUE", "STATE"],
            Section::Configs => &["GROUP / VALUE", "STATE"],
            Section::Team => &["USER", "DISPLAY NAME"],
            Section::Statuses => &["STATUS", "KEY", "COLOUR", "POLARITY", "STATE"],
            Section::Fields => &["KIND", "NAME", "URL TEMPLATE"],
            Section::Projects => &["CODE", "TITLE", ""],
        }
    }

    /// What the section is for, under its table when there is room.
    pub fn about(self) -> &'static str {
        match self {
            Section::Settings => "",
            Section::Environments => {
                "Where runs are tested. Retired ones leave the new-run form and the pickers; runs keep the names they were made with."
            }
            Section::Milestones => {
                "Releases the runs count toward; release readiness follows them. Completed ones leave the pickers."
            }
            Section::Configs => {
                "Groups of values (Browser: Chrome, Firefox). A run of several groups holds every combination of their values."
            }
            Section::Team => {
                "The people assignment and distribution choose from. Users seen in results join by themselves."
            }
            Section::Statuses => {
                "Result statuses beyond the built-in ones; the wizard records them with their key. Hidden ones stay in old results."
            }
            Section::Fields => {
                "Custom defect fields (the defect form asks for them) and trackers defects link to (TRACKER:KEY)."
            }
            Section::Projects => "Enter switches to the project. Deleting one takes everything it holds.",
        }
    }
}

/// What a row stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Setting(&'static str),
    Environment(String),
    Milestone(String),
    Group(String),
    Value { group: String, value: String },
    Member(String),
    Status(String),
    Field(String),
    Tracker(String),
    Project(ProjectCode),
}

pub struct Row {
    pub item: Item,
    pub cells: Vec<String>,
    /// Retired, completed or hidden: drawn dim.
    pub dim: bool,
}

fn row(item: Item, cells: Vec<String>, dim: bool) -> Row {
    Row { item, cells, dim }
}

fn state(retired: bool, off: &str, on: &str) -> String {
    if retired { off } else { on }.to_string()
}

/// The rows of `section` for `project` (`projects`: every project in the
/// store, for the Projects section).
pub fn rows(section: Section, project: &Project, projects: &[Project]) -> Vec<Row> {
    match section {
        Section::Settings => project
            .settings
            .entries()
            .into_iter()
            .map(|e: SettingEntry| row(Item::Setting(e.name), vec![e.name.to_string(), e.value], false))
            .collect(),
        Section::Environments => project
            .environments
            .iter()
            .map(|e| {
                let cells = vec![e.name.clone(), state(e.retired, "retired", "active")];
                row(Item::Environment(e.name.clone()), cells, e.retired)
            })
            .collect(),
        Section::Milestones => project
            .milestones
            .iter()
            .map(|m| {
                let due = m.due.clone().unwrap_or_else(|| "-".into());
                let cells = vec![m.name.clone(), due, state(m.completed, "completed", "open")];
                row(Item::Milestone(m.name.clone()), cells, m.completed)
            })
            .collect(),
        Section::Configs => {
            let mut out = Vec::new();
            for g in &project.config_groups {
                let cells = vec![g.name.clone(), state(g.retired, "retired", "")];
                out.push(row(Item::Group(g.name.clone()), cells, g.retired));
                for v in &g.values {
                    let retired = g.retired || g.retired_values.iter().any(|r| r == v);
                    let cells = vec![format!("  {v}"), state(retired, "retired", "")];
                    let item = Item::Value {
                        group: g.name.clone(),
                        value: v.clone(),
                    };
                    out.push(row(item, cells, retired));
                }
            }
            out
        }
        Section::Team => project
            .team
            .iter()
            .map(|u| {
                let name = project.display_name(u).unwrap_or("").to_string();
                row(Item::Member(u.clone()), vec![u.clone(), name], false)
            })
            .collect(),
        Section::Statuses => project
            .custom_statuses
            .iter()
            .map(|c| {
                let polarity = format!("{:?}", c.polarity).to_lowercase();
                let cells = vec![
                    c.name.clone(),
                    c.key.to_string(),
                    c.colour.clone(),
                    polarity,
                    state(c.hidden, "hidden", "shown"),
                ];
                row(Item::Status(c.slug.clone()), cells, c.hidden)
            })
            .collect(),
        Section::Fields => {
            let fields = project.defect_fields.iter().map(|f| {
                row(
                    Item::Field(f.clone()),
                    vec!["field".into(), f.clone(), String::new()],
                    false,
                )
            });
            let trackers = project.trackers.iter().map(|t| {
                let cells = vec!["tracker".into(), t.name.clone(), t.url_template.clone()];
                row(Item::Tracker(t.name.clone()), cells, false)
            });
            fields.chain(trackers).collect()
        }
        Section::Projects => projects
            .iter()
            .map(|p| {
                let open = if p.code == project.code { "open" } else { "" };
                let cells = vec![p.code.to_string(), p.title.clone(), open.to_string()];
                row(Item::Project(p.code.clone()), cells, false)
            })
            .collect(),
    }
}

/// What a setting changes, beyond its one-line meaning: which screen acts
/// on it and how; and the values a choice takes.
pub fn effect(name: &str) -> &'static str {
    match name {
        "fast_pass" => {
            "Wizard: on, a status key records the result at once (one key passes); off, it opens the details dialog for a comment, time and defect first."
        }
        "fail_case_on_step_fail" => "Wizard: a step marked failed makes the test's result failed.",
        "auto_passed" => "Wizard: marking the last step passed, all others passed, records the test as passed.",
        "auto_assignee" => "Wizard: opening an unassigned test assigns it to you.",
        "assignee_result_lock" => "Wizard and CLI: a result by anyone but the test's assignee is refused.",
        "redirect_after_result" => {
            "Wizard: after a result, stay on the test (same), go to the next untested test (next_untested) or the next test of the suite (next_in_suite). Enter takes the next value."
        }
        "auto_complete" => "Runs: the run completes by itself when its last test gets a result.",
        "allow_results_in_closed_runs" => "Wizard and CLI: completed runs still take results and retests.",
        "create_defect_by_default" => "Wizard: the failure dialog starts with \"create a defect\" ticked.",
        "distribution" => {
            "Assigning a group of tests: even (each person the same number) or load_balanced (by each person's open tests). Enter takes the next value."
        }
        "auto_create_cases" => "Imports of results: a result for an unknown case creates the case.",
        "auto_update_cases" => "Imports of results: a case whose text changed is updated.",
        _ => "",
    }
}

/// The next value of a setting: the other boolean, or the next choice.
pub fn next_value(name: &str, value: &str) -> String {
    let cycle: &[&str] = match name {
        "redirect_after_result" => &["same", "next_untested", "next_in_suite"],
        "distribution" => &["even", "load_balanced"],
        _ => &["true", "false"],
    };
    let at = cycle.iter().position(|v| *v == value).unwrap_or(0);
    cycle[(at + 1) % cycle.len()].to_string()
}
