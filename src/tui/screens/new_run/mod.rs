//! The new-run screen: title, description, environment, milestone,
//! configurations, tags, where the cases come from (suites, a test plan, a
//! saved query or typed one, every case, or the repository's selection) and
//! assignees. Ctrl-S creates the run through the service. What is typed
//! and chosen is kept as a draft until the run is created or Esc.

mod actions;
mod draft;
pub mod form;
mod screen;
mod view;

pub use form::{Focus, Form, Source};
pub use screen::open;

use crate::domain::{ProjectCode, Suite};
use crate::service::{Service, ServiceError};
use crate::tui::keymap::Scope;
use crate::tui::screen::Clock;
use crate::tui::screens::form_draft::DraftKeeper;
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::field::Field;
use form::SuiteRow;

pub struct NewRunScreen {
    pub code: ProjectCode,
    pub form: Form,
    /// A fresh form's title (today's date): not worth a draft.
    default_title: String,
    /// When the form changed since its draft was written.
    unsaved: DraftKeeper,
}

/// The suites as the repository shows them: each under its parent (by
/// the parent's id, never by a name that holds ` / `), in creation order.
fn suite_rows(suites: &[Suite], names: &crate::domain::SuiteNames) -> Vec<SuiteRow> {
    use crate::tui::screens::repository::tree::{self, Node};
    let all: std::collections::HashSet<u64> = suites.iter().map(|s| s.id).collect();
    tree::rows(suites, &[], &all)
        .into_iter()
        .filter_map(|r| match r.node {
            Node::Suite(id) => Some(SuiteRow {
                id,
                path: names.get(Some(id)).to_string(),
                within: crate::service::repository::subtree(suites, id),
                name: r.name,
                depth: r.depth,
                checked: false,
            }),
            Node::All | Node::NoSuite => None,
        })
        .collect()
}

impl NewRunScreen {
    /// The form for a new run, cases from suites by default.
    pub fn new(svc: &Service, code: &ProjectCode, clock: &Clock) -> Result<Self, ServiceError> {
        Self::build(svc, code, None, clock)
    }

    /// The form with `cases` (case numbers) already chosen: the repository
    /// tab's selection. Their source shows as "selection"; the other
    /// sources stay available.
    pub fn with_cases(svc: &Service, code: &ProjectCode, cases: Vec<u64>, clock: &Clock) -> Result<Self, ServiceError> {
        Self::build(svc, code, Some(cases), clock)
    }

    fn build(svc: &Service, code: &ProjectCode, preset: Option<Vec<u64>>, clock: &Clock) -> Result<Self, ServiceError> {
        let project = svc.project(code)?.without_retired();
        let suites = svc.suites(code)?;
        let names = crate::domain::SuiteNames::new(&suites);
        let mut plans = Vec::new();
        for p in svc.plans(code)? {
            let cases = svc.plan_cases(code, &p.name)?;
            plans.push((p.name, cases));
        }
        let mut sources = Vec::new();
        if preset.is_some() {
            sources.push(Source::Preset);
        }
        sources.extend([Source::Suites, Source::Plan, Source::Query, Source::All]);
        let mut team: Vec<(String, bool)> = project.team.iter().map(|u| (u.clone(), false)).collect();
        if !team.iter().any(|(u, _)| u == svc.user()) {
            team.push((svc.user().to_string(), false));
        }
        let default_title = crate::service::local_time::format(&svc.now(), "%Y-%m-%d");
        let form = Form {
            configs: project
                .config_groups
                .iter()
                .map(|g| vec![false; g.values.len()])
                .collect(),
            config_at: (0, 0),
            title: Field::new(&default_title, false),
            description: Field::new("", false),
            tags: Field::new("", false),
            query: Field::new("", false),
            environment: 0,
            milestone: 0,
            sources,
            source: 0,
            suites: suite_rows(&suites, &names),
            suite_cursor: Cursor::default(),
            plans,
            saved: svc
                .saved_queries(code)?
                .into_iter()
                .map(|q| (q.name, q.query))
                .collect(),
            plan: 0,
            preset: preset.unwrap_or_default(),
            team,
            team_at: 0,
            focus: Focus::Title,
            query_error: None,
            error: None,
            cases: svc.cases(code)?,
            names,
            project,
        };
        Ok(Self {
            code: code.clone(),
            form,
            default_title,
            unsaved: DraftKeeper::new(clock),
        })
    }

    /// A text field focused: only the form's reserved keys are bound, the
    /// rest types.
    pub fn scope(&self) -> Scope {
        if self.form.is_text_focused() {
            Scope::NewRunText
        } else {
            Scope::NewRun
        }
    }
}
