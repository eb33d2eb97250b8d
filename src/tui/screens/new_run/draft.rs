//! The new-run form's input kept as the form draft `new-run` (one per
//! project, `form_draft::DraftKeeper`, the case editor's mechanism): the
//! text fields, and the choices by name (environment, milestone, test plan,
//! source) or as JSON lists of names (configurations, ticked suites,
//! assignees). Only what differs from a fresh form is kept, so an untouched
//! title (today's date) stays today's. Restored when the form opens again;
//! a name that no longer exists is skipped.

use super::{NewRunScreen, Source};
use crate::domain::FormDraft;
use crate::service::Service;

const NAME: &str = "new-run";
const TITLE: &str = "Title";
const DESCRIPTION: &str = "Description";
const TAGS: &str = "Tags";
const QUERY: &str = "Query";
const ENVIRONMENT: &str = "Environment";
const MILESTONE: &str = "Milestone";
const CONFIGS: &str = "Configurations";
const SOURCE: &str = "Cases from";
const SUITES: &str = "Suites";
const PLAN: &str = "Test plan";
const ASSIGNEES: &str = "Assignees";

/// The name at `i` of a "none, then names" choice.
fn chosen(i: usize, names: &[&str]) -> String {
    i.checked_sub(1)
        .and_then(|i| names.get(i))
        .map_or_else(String::new, |s| s.to_string())
}

/// The choice (1-based, 0 is "none") named `name`.
fn position(names: &[&str], name: &str) -> Option<usize> {
    names.iter().position(|n| *n == name).map(|i| i + 1)
}

fn json<T: serde::Serialize>(items: &[T]) -> String {
    if items.is_empty() {
        return String::new();
    }
    serde_json::to_string(items).unwrap_or_default()
}

impl NewRunScreen {
    pub fn to_draft(&self) -> FormDraft {
        let f = &self.form;
        let mut fields = Vec::new();
        let mut put = |label: &str, value: String| {
            if !value.trim().is_empty() {
                fields.push((label.to_string(), value));
            }
        };
        let title = f.title.text();
        if title != self.default_title {
            put(TITLE, title);
        }
        put(DESCRIPTION, f.description.text());
        put(TAGS, f.tags.text());
        put(QUERY, f.query.text());
        put(ENVIRONMENT, chosen(f.environment, &f.environments()));
        put(MILESTONE, chosen(f.milestone, &f.milestones()));
        put(CONFIGS, json(&f.chosen_configs()));
        if f.source != 0 {
            put(SOURCE, f.source().label().to_string());
        }
        let suites: Vec<&str> = f.suites.iter().filter(|s| s.checked).map(|s| s.path.as_str()).collect();
        put(SUITES, json(&suites));
        if f.plan != 0 {
            put(PLAN, f.plans.get(f.plan).map(|p| p.0.clone()).unwrap_or_default());
        }
        let team: Vec<&str> = f.team.iter().filter(|t| t.1).map(|t| t.0.as_str()).collect();
        put(ASSIGNEES, json(&team));
        FormDraft { fields, updated: None }
    }

    /// Puts a draft back; returns whether anything was restored. Opened
    /// with the repository's selection, the selection stays the source.
    fn apply_draft(&mut self, draft: &FormDraft) -> bool {
        let f = &mut self.form;
        let mut applied = false;
        for (label, text) in &draft.fields {
            match label.as_str() {
                TITLE => f.title.set_text(text),
                DESCRIPTION => f.description.set_text(text),
                TAGS => f.tags.set_text(text),
                QUERY => f.query.set_text(text),
                ENVIRONMENT => match position(&f.environments(), text) {
                    Some(i) => f.environment = i,
                    None => continue,
                },
                MILESTONE => match position(&f.milestones(), text) {
                    Some(i) => f.milestone = i,
                    None => continue,
                },
                SOURCE if !f.sources.contains(&Source::Preset) => {
                    match f.sources.iter().position(|s| s.label() == text) {
                        Some(i) => f.source = i,
                        None => continue,
                    }
                }
                PLAN => match f.plans.iter().position(|p| p.0 == *text) {
                    Some(i) => f.plan = i,
                    None => continue,
                },
                SUITES => {
                    let paths: Vec<String> = serde_json::from_str(text).unwrap_or_default();
                    for row in &mut f.suites {
                        row.checked = paths.contains(&row.path);
                    }
                }
                ASSIGNEES => {
                    let users: Vec<String> = serde_json::from_str(text).unwrap_or_default();
                    for (user, on) in &mut f.team {
                        *on = users.contains(user);
                    }
                }
                CONFIGS => {
                    let groups: Vec<(String, Vec<String>)> = serde_json::from_str(text).unwrap_or_default();
                    for (group, ticks) in f.project.config_groups.iter().zip(&mut f.configs) {
                        let values = groups.iter().find(|(name, _)| *name == group.name).map(|g| &g.1);
                        for (value, tick) in group.values.iter().zip(ticks) {
                            *tick = values.is_some_and(|v| v.contains(value));
                        }
                    }
                }
                _ => continue,
            }
            applied = true;
        }
        applied
    }

    /// Restores the draft of an earlier form, if there is one; returns
    /// whether there was.
    pub fn restore_draft(&mut self, svc: &Service) -> Result<bool, crate::service::ServiceError> {
        let Some(draft) = svc.form_draft(&self.code, NAME)? else {
            return Ok(false);
        };
        let applied = self.apply_draft(&draft);
        let f = &mut self.form;
        if f.source() == Source::Query && !f.query.text().trim().is_empty() {
            f.query_error = svc
                .parse_query(&self.code, &f.query_text())
                .err()
                .map(|e| e.to_string());
        }
        Ok(applied)
    }

    /// The form changed: its draft is due once typing pauses.
    pub(super) fn changed(&mut self) {
        self.unsaved.touch();
    }

    /// Writes the draft if the form changed: at once when `force` (a
    /// signal, quit, a tab), else once typing has paused.
    pub fn save_draft(&mut self, svc: &Service, force: bool) {
        if !self.unsaved.due(force) {
            return;
        }
        let draft = self.to_draft();
        if let Err(e) = self.unsaved.write(svc, &self.code, NAME, &draft) {
            self.form.error = Some(format!("the draft could not be saved: {e}"));
        }
    }

    /// Forgets the draft: the run was created, or the form discarded.
    pub(super) fn drop_draft(&mut self, svc: &Service) {
        if let Err(e) = self.unsaved.forget(svc, &self.code, NAME) {
            tracing::error!("dropping the new-run draft failed: {e}");
        }
    }
}
