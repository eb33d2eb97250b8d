//! The new-run form's state: its fields, what is focused, and what it
//! adds up to (cases, combinations, tests) as it changes.

use crate::domain::query::Query;
use crate::domain::{Case, Project, SuiteNames};
use crate::service::NewRun;
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::field::Field;

/// Where the run's cases come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Suites,
    Plan,
    Query,
    All,
    /// Cases chosen before the form opened (the repository's selection).
    Preset,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::Suites => "suites",
            Source::Plan => "test plan",
            Source::Query => "query",
            Source::All => "all cases",
            Source::Preset => "selection",
        }
    }
}

/// The focusable rows of the form, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Title,
    Description,
    Environment,
    Milestone,
    Configs,
    Tags,
    Source,
    /// The source's own row: the suite list, the plan, the query.
    Detail,
    Assignees,
}

pub const FOCUS_ORDER: [Focus; 9] = [
    Focus::Title,
    Focus::Description,
    Focus::Environment,
    Focus::Milestone,
    Focus::Configs,
    Focus::Tags,
    Focus::Source,
    Focus::Detail,
    Focus::Assignees,
];

/// A suite in the checklist: its path, depth and whether it is ticked.
pub struct SuiteRow {
    pub id: u64,
    /// Its full path (for the draft).
    pub path: String,
    /// Its id and its sub-suites' ids.
    pub within: std::collections::HashSet<u64>,
    pub name: String,
    pub depth: usize,
    pub checked: bool,
}

pub struct Form {
    pub project: Project,
    pub cases: Vec<Case>,
    pub names: SuiteNames,
    pub title: Field,
    pub description: Field,
    pub tags: Field,
    pub query: Field,
    /// 0 is "none"; then the project's environments / milestones.
    pub environment: usize,
    pub milestone: usize,
    /// Per configuration group, which values are ticked.
    pub configs: Vec<Vec<bool>>,
    /// The configuration cursor: group and value.
    pub config_at: (usize, usize),
    pub sources: Vec<Source>,
    pub source: usize,
    pub suites: Vec<SuiteRow>,
    pub suite_cursor: Cursor,
    pub plans: Vec<(String, Vec<u64>)>,
    /// Saved queries (name, text): a name typed as the query uses its text.
    pub saved: Vec<(String, String)>,
    pub plan: usize,
    pub preset: Vec<u64>,
    /// The project's team and who is ticked.
    pub team: Vec<(String, bool)>,
    pub team_at: usize,
    pub focus: Focus,
    /// The query's parse error, shown under it.
    pub query_error: Option<String>,
    /// Why the run could not be created.
    pub error: Option<String>,
}

impl Form {
    pub fn environments(&self) -> Vec<&str> {
        self.project.active_environments()
    }

    pub fn milestones(&self) -> Vec<&str> {
        self.project.open_milestones()
    }

    pub fn source(&self) -> Source {
        self.sources.get(self.source).copied().unwrap_or(Source::All)
    }

    /// The text field focused, if any.
    pub fn text_field(&mut self) -> Option<&mut Field> {
        match self.focus {
            Focus::Title => Some(&mut self.title),
            Focus::Description => Some(&mut self.description),
            Focus::Tags => Some(&mut self.tags),
            Focus::Detail if self.source() == Source::Query => Some(&mut self.query),
            _ => None,
        }
    }

    pub fn is_text_focused(&self) -> bool {
        matches!(self.focus, Focus::Title | Focus::Description | Focus::Tags)
            || (self.focus == Focus::Detail && self.source() == Source::Query)
    }

    /// Moves the focus to the next (or previous) row, skipping the detail
    /// row when the source has none to change.
    pub fn move_focus(&mut self, forward: bool) {
        let n = FOCUS_ORDER.len();
        let mut at = FOCUS_ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        for _ in 0..n {
            at = if forward { (at + 1) % n } else { (at + n - 1) % n };
            let f = FOCUS_ORDER[at];
            let skip = f == Focus::Detail && matches!(self.source(), Source::All | Source::Preset);
            if !skip {
                self.focus = f;
                return;
            }
        }
    }

    /// The cases the source selects, in case order (a plan: its order).
    pub fn chosen_cases(&self) -> Vec<u64> {
        match self.source() {
            Source::All => self.cases.iter().map(|c| c.no).collect(),
            Source::Preset => self.preset.clone(),
            Source::Plan => self.plans.get(self.plan).map(|p| p.1.clone()).unwrap_or_default(),
            Source::Suites => {
                // A ticked suite and its sub-suites, by id.
                let wanted: std::collections::HashSet<u64> = self
                    .suites
                    .iter()
                    .filter(|s| s.checked)
                    .flat_map(|s| s.within.iter().copied())
                    .collect();
                self.cases
                    .iter()
                    .filter(|c| c.suite.is_some_and(|s| wanted.contains(&s)))
                    .map(|c| c.no)
                    .collect()
            }
            Source::Query => match Query::parse(&self.query_text()) {
                Ok(q) => self
                    .cases
                    .iter()
                    .filter(|c| q.matches(c, &self.names))
                    .map(|c| c.no)
                    .collect(),
                Err(_) => Vec::new(),
            },
        }
    }

    /// The typed query, or the text of the saved query it names.
    pub fn query_text(&self) -> String {
        let typed = self.query.text();
        self.saved
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(typed.trim()))
            .map_or(typed, |(_, text)| text.clone())
    }

    /// Chosen configuration values per group (groups with none left out).
    pub fn chosen_configs(&self) -> Vec<(String, Vec<String>)> {
        self.project
            .config_groups
            .iter()
            .zip(&self.configs)
            .map(|(g, ticks)| {
                let values = g.values.iter().zip(ticks).filter(|(_, t)| **t).map(|(v, _)| v.clone());
                (g.name.clone(), values.collect::<Vec<_>>())
            })
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    /// (cases, combinations, tests).
    pub fn totals(&self) -> (usize, usize, usize) {
        let cases = self.chosen_cases().len();
        let combos: usize = self.chosen_configs().iter().map(|(_, v)| v.len()).product();
        (cases, combos, cases * combos)
    }

    pub fn to_new_run(&self) -> NewRun {
        let pick = |i: usize, names: Vec<&str>| i.checked_sub(1).and_then(|i| names.get(i).map(|s| s.to_string()));
        NewRun {
            title: Some(self.title.text().trim().to_string()).filter(|t| !t.is_empty()),
            description: self.description.text().trim().to_string(),
            environment: pick(self.environment, self.environments()),
            milestone: pick(self.milestone, self.milestones()),
            configs: self.chosen_configs(),
            tags: self
                .tags
                .text()
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            cases: self.chosen_cases(),
            assignees: self.team.iter().filter(|(_, on)| *on).map(|(u, _)| u.clone()).collect(),
        }
    }
}
