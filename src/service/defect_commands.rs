//! Changing defects (every change with history, all or nothing), the
//! project's trackers and custom defect fields, and pushing a resolved
//! defect's failures back to retest.

use super::{Engine, ServiceError};
use crate::domain::rules::needs_verification;
use crate::domain::{
    Defect, DefectNo, DefectStatus, ExternalLink, ProjectCode, RunState, Severity, Test, Tracker, parse_tracker_key,
};
use crate::store::{Batch, keys};

/// What to change on a defect. `None` leaves a field as it is.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct DefectChange {
    pub title: Option<String>,
    pub actual: Option<String>,
    pub description: Option<String>,
    pub status: Option<DefectStatus>,
    pub severity: Option<Severity>,
    /// Some(None) clears the assignee.
    pub assignee: Option<Option<String>>,
    pub milestone: Option<Option<String>>,
    /// `TRACKER:KEY` to link and to unlink.
    pub link: Vec<String>,
    pub unlink: Vec<String>,
    /// Custom field values (an empty value clears the field).
    pub fields: Vec<(String, String)>,
    /// Files already copied into the store (`Engine::attach_file`).
    pub attach: Vec<crate::domain::Attachment>,
}

impl Engine {
    /// Applies every change or none: an unknown tracker, field or
    /// milestone, or a transition the lifecycle forbids, refuses it all.
    /// Links on a tracker with an API are checked against it first.
    pub fn set_defect(&self, code: &ProjectCode, no: DefectNo, change: DefectChange) -> Result<Defect, ServiceError> {
        // Check everything that needs no network first, then the links.
        self.prepare_defect_change(code, no, &change, &[])?;
        let confirmed = self.confirm_links(&self.load_project(code)?, &change.link)?;
        // Re-read and written as the one writer (the tracker is not waited on).
        let _writer = self.write_lock();
        let (batch, d) = self.prepare_defect_change(code, no, &change, &confirmed)?;
        self.store.commit(batch)?;
        Ok(d)
    }

    /// Every check `set_defect` makes, writing nothing.
    pub fn check_defect_change(
        &self,
        code: &ProjectCode,
        no: DefectNo,
        change: &DefectChange,
    ) -> Result<(), ServiceError> {
        self.prepare_defect_change(code, no, change, &[]).map(|_| ())
    }

    fn prepare_defect_change(
        &self,
        code: &ProjectCode,
        no: DefectNo,
        change: &DefectChange,
        confirmed: &[(String, ExternalLink)],
    ) -> Result<(Batch, Defect), ServiceError> {
        let mut project = self.load_project(code)?;
        let mut d = self.defect(code, no)?;
        let (who, at) = (self.user.clone(), self.now());
        if let Some(t) = &change.title {
            if t.trim().is_empty() {
                return Err(ServiceError::Invalid("a defect needs a title".into()));
            }
            d.set_text("title", t.trim(), &who, at);
        }
        if let Some(a) = &change.actual {
            d.set_text("actual", a, &who, at);
        }
        if let Some(text) = &change.description {
            d.set_text("description", text, &who, at);
        }
        for (name, value) in &change.fields {
            let Some(field) = project.defect_fields.iter().find(|f| f.eq_ignore_ascii_case(name)) else {
                let known = if project.defect_fields.is_empty() {
                    "none yet".into()
                } else {
                    project.defect_fields.join(", ")
                };
                return Err(ServiceError::NotFound(format!(
                    "unknown defect field '{name}'; known: {known}"
                )));
            };
            d.set_text(&field.clone(), value, &who, at);
        }
        if let Some(s) = change.status {
            d.set_status(s, &who, at)?;
        }
        if let Some(s) = change.severity {
            d.set_severity(s, &who, at);
        }
        if let Some(a) = change.assignee.clone() {
            let a = a.filter(|a| !a.trim().is_empty());
            if let Some(user) = &a {
                project.note_user(user);
            }
            d.set_assignee(a, &who, at);
        }
        if let Some(m) = change.milestone.clone() {
            if let Some(name) = &m
                && !project.milestones.iter().any(|x| &x.name == name)
            {
                return Err(ServiceError::NotFound(format!("unknown milestone '{name}'")));
            }
            d.set_milestone(m, &who, at);
        }
        for input in &change.link {
            let (tracker, key) = parse_tracker_key(input)?;
            let t = super::tracker::find_tracker(&project, &tracker)?;
            let link = match confirmed.iter().find(|(i, _)| i == input) {
                Some((_, link)) => link.clone(),
                None => ExternalLink {
                    tracker: t.name.clone(),
                    key: key.clone(),
                    url: t.url(&key),
                    state: None,
                },
            };
            d.add_external(link, &who, at);
        }
        for link in &change.unlink {
            let (tracker, key) = parse_tracker_key(link)?;
            if !d.remove_external(&tracker, &key, &who, at) {
                return Err(ServiceError::NotFound(format!(
                    "D-{} has no link {tracker}:{key}",
                    d.no
                )));
            }
        }
        for a in &change.attach {
            d.add_attachment(a.clone(), &who, at);
        }
        let mut batch = Batch::new();
        self.note_user(&mut project, &mut batch);
        batch.put(keys::project(code), &project);
        batch.put(keys::numbered(code, d.no), &d);
        Ok((batch, d))
    }

    /// Adds a tracker (or changes its URL template).
    pub fn set_tracker(&self, code: &ProjectCode, name: &str, template: &str) -> Result<Tracker, ServiceError> {
        if !template.contains("{key}") {
            return Err(ServiceError::Invalid(format!(
                "URL template '{template}' has no {{key}}, e.g. https://example.atlassian.net/browse/{{key}}"
            )));
        }
        let tracker = Tracker {
            name: name.trim().to_string(),
            url_template: template.trim().to_string(),
            api: None,
        };
        self.put_tracker(code, tracker)
    }

    /// Adds `tracker`, or replaces the one of its name.
    pub(super) fn put_tracker(&self, code: &ProjectCode, tracker: Tracker) -> Result<Tracker, ServiceError> {
        let mut project = self.load_project(code)?;
        let name = tracker.name.as_str();
        let name_ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !name_ok {
            return Err(ServiceError::Invalid(format!(
                "tracker name '{name}': use letters, digits, - and _"
            )));
        }
        match project.trackers.iter_mut().find(|t| t.name.eq_ignore_ascii_case(name)) {
            Some(t) => *t = tracker.clone(),
            None => project.trackers.push(tracker.clone()),
        }
        let mut batch = Batch::new();
        batch.put(keys::project(code), &project);
        self.store.commit(batch)?;
        Ok(tracker)
    }

    pub fn remove_tracker(&self, code: &ProjectCode, name: &str) -> Result<(), ServiceError> {
        let mut project = self.load_project(code)?;
        let before = project.trackers.len();
        project.trackers.retain(|t| !t.name.eq_ignore_ascii_case(name.trim()));
        if project.trackers.len() == before {
            return Err(ServiceError::NotFound(format!("unknown tracker '{name}'")));
        }
        let mut batch = Batch::new();
        batch.put(keys::project(code), &project);
        Ok(self.store.commit(batch)?)
    }

    /// Adds a custom defect field to the project.
    pub fn add_defect_field(&self, code: &ProjectCode, name: &str) -> Result<(), ServiceError> {
        let mut project = self.load_project(code)?;
        let name = name.trim();
        let reserved = ["title", "actual", "description"];
        if name.is_empty() || reserved.contains(&name.to_ascii_lowercase().as_str()) {
            return Err(ServiceError::Invalid(format!("'{name}' cannot be a custom field name")));
        }
        if project.defect_fields.iter().any(|f| f.eq_ignore_ascii_case(name)) {
            return Err(ServiceError::Invalid(format!("the field '{name}' already exists")));
        }
        project.defect_fields.push(name.to_string());
        let mut batch = Batch::new();
        batch.put(keys::project(code), &project);
        Ok(self.store.commit(batch)?)
    }

    /// Removes a custom defect field from the project; defects keep the
    /// values they were written with.
    pub fn remove_defect_field(&self, code: &ProjectCode, name: &str) -> Result<(), ServiceError> {
        let mut project = self.load_project(code)?;
        let before = project.defect_fields.len();
        project.defect_fields.retain(|f| !f.eq_ignore_ascii_case(name.trim()));
        if project.defect_fields.len() == before {
            return Err(ServiceError::NotFound(format!("unknown defect field '{name}'")));
        }
        let mut batch = Batch::new();
        batch.put(keys::project(code), &project);
        Ok(self.store.commit(batch)?)
    }

    /// Pushes every test a resolved defect still fails in active runs back
    /// to retest, in one transaction. Returns how many.
    pub fn retest_linked(&self, code: &ProjectCode, no: DefectNo) -> Result<usize, ServiceError> {
        let project = self.load_project(code)?;
        let catalog = project.catalog();
        let d = self.defect(code, no)?;
        if d.status != DefectStatus::Resolved {
            return Err(ServiceError::Invalid(format!(
                "D-{} is {}; its failures are pushed to retest once it is resolved",
                d.no,
                d.status.as_str()
            )));
        }
        let mut batch = Batch::new();
        let mut count = 0;
        let mut seen = std::collections::HashSet::new();
        for l in &d.links {
            if !seen.insert((l.run, l.test)) {
                continue;
            }
            let Some(run) = self.store.get::<crate::domain::Run>(&keys::numbered(code, l.run))? else {
                continue;
            };
            let Some(mut t) = self.store.get::<Test>(&keys::test(code, l.run, l.test))? else {
                continue;
            };
            let negative = matches!(t.state(), crate::domain::TestState::Done(s) if catalog.is_negative(s));
            if run.state == RunState::Active && needs_verification(d.status, t.state(), negative) && !t.retest {
                t.retest = true;
                batch.put(keys::test(code, l.run, l.test), &t);
                count += 1;
            }
        }
        self.store.commit(batch)?;
        Ok(count)
    }
}
