//! Trackers with an API: adding one, pushing a defect as a new issue,
//! linking an existing issue after checking it, and syncing linked issues'
//! states back. The calls the TUI makes too (off its UI thread: each
//! blocks for at most the timeout per call). Every failure is one line and
//! leaves the defect as it was.

pub mod credentials;
mod http;
mod sync;

pub use http::DEFAULT_TIMEOUT;
pub use sync::{SyncChange, SyncReport};

use super::{Engine, ServiceError};
use crate::domain::tracker::body::{NewIssue, PushedLink};
use crate::domain::tracker::request::{self, Credentials, IssueInfo};
use crate::domain::{
    Defect, DefectNo, ExternalLink, Project, ProjectCode, RunNo, Tracker, TrackerApi, parse_tracker_key,
};
use crate::store::{Batch, keys};
use std::time::Duration;

/// What a push did: `created` false when the defect was already linked to
/// that tracker (then `link` is the existing link and nothing was sent).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PushOutcome {
    pub created: bool,
    pub link: ExternalLink,
    pub defect: Defect,
}

/// A link made after the tracker confirmed the issue: its title and state.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CheckedLink {
    pub link: ExternalLink,
    pub title: String,
    pub state: String,
    pub defect: Defect,
}

/// The tracker by name, or a message listing the known ones.
pub(super) fn find_tracker<'p>(project: &'p Project, name: &str) -> Result<&'p Tracker, ServiceError> {
    project.tracker(name).ok_or_else(|| {
        let known: Vec<&str> = project.trackers.iter().map(|t| t.name.as_str()).collect();
        let known = if known.is_empty() {
            "none yet: add one with `stepwise tracker add`".into()
        } else {
            known.join(", ")
        };
        ServiceError::NotFound(format!("unknown tracker '{}'; known: {known}", name.trim()))
    })
}

fn api_of(t: &Tracker) -> Result<&TrackerApi, ServiceError> {
    t.api.as_ref().ok_or_else(|| {
        ServiceError::Invalid(format!(
            "tracker {} is a URL template only; pushing needs a tracker added with --kind (github, gitlab, jira, jira-server, linear)",
            t.name
        ))
    })
}

impl Engine {
    /// How long one tracker call may take (default 10 s).
    pub fn set_tracker_timeout(&mut self, timeout: Duration) {
        self.tracker_timeout = timeout;
    }

    /// Adds a tracker with an API (or replaces the one of that name).
    pub fn set_api_tracker(&self, code: &ProjectCode, name: &str, api: TrackerApi) -> Result<Tracker, ServiceError> {
        let tracker = Tracker {
            name: name.trim().to_string(),
            url_template: api.url_template(),
            api: Some(api),
        };
        self.put_tracker(code, tracker)
    }

    fn credentials_for(&self, t: &Tracker, api: &TrackerApi) -> Result<Credentials, ServiceError> {
        credentials::credentials(api).map_err(|m| ServiceError::Invalid(format!("{}: {m}", t.name)))
    }

    /// Reads issue `key` of tracker `t`: its title and state. A key the
    /// tracker does not know is NotFound; anything else that fails, Failed.
    fn fetch_issue(&self, t: &Tracker, key: &str) -> Result<IssueInfo, ServiceError> {
        let api = api_of(t)?;
        let key = request::normalize_key(api.kind, key).map_err(ServiceError::Invalid)?;
        let creds = self.credentials_for(t, api)?;
        let cached = self.etags.lock().ok().and_then(|m| {
            let probe = request::get_request(api, &creds, &key, None);
            m.get(&probe.url).cloned()
        });
        let req = request::get_request(api, &creds, &key, cached.as_ref().map(|(tag, _)| tag.as_str()));
        let fail = |m: String| ServiceError::Failed(http::scrub(&format!("{}: {m}", t.name), &creds));
        let answer = http::send(&req, self.tracker_timeout).map_err(fail)?;
        let body = match (answer.status, &cached) {
            (304, Some((_, body))) => body.clone(),
            (200, _) => {
                if let (Some(tag), Ok(mut m)) = (&answer.etag, self.etags.lock()) {
                    m.insert(req.url.clone(), (tag.clone(), answer.body.clone()));
                }
                answer.body.clone()
            }
            (404, _) => {
                let m = http::refusal(api, &answer, &format!("issue {key}"));
                return Err(ServiceError::NotFound(http::scrub(&format!("{}: {m}", t.name), &creds)));
            }
            _ => return Err(fail(http::refusal(api, &answer, &format!("issue {key}")))),
        };
        match request::parse_issue(api, &key, &body) {
            Ok(info) => Ok(info),
            // Linear says "not found" inside a 200.
            Err(m) if m.to_ascii_lowercase().contains("not found") || m.contains("Entity not found") => Err(
                ServiceError::NotFound(http::scrub(&format!("{}: issue {key} not found: {m}", t.name), &creds)),
            ),
            Err(m) => Err(fail(m)),
        }
    }

    /// Checks issue `TRACKER:KEY` without linking it: its title and state.
    pub fn check_issue(&self, code: &ProjectCode, tracker_key: &str) -> Result<IssueInfo, ServiceError> {
        let project = self.load_project(code)?;
        let (name, key) = parse_tracker_key(tracker_key)?;
        let t = find_tracker(&project, &name)?;
        self.fetch_issue(t, &key)
    }

    /// For each `TRACKER:KEY` to link whose tracker has an API, the link as
    /// the tracker confirms it (key, address, state); refuses a key the
    /// tracker does not know. Plain URL-template links are left to
    /// `set_defect`.
    pub(super) fn confirm_links(
        &self,
        project: &Project,
        links: &[String],
    ) -> Result<Vec<(String, ExternalLink)>, ServiceError> {
        let mut out = Vec::new();
        for input in links {
            let (name, key) = parse_tracker_key(input)?;
            let t = find_tracker(project, &name)?;
            if t.api.is_none() {
                continue;
            }
            let info = self.fetch_issue(t, &key)?;
            out.push((
                input.clone(),
                ExternalLink {
                    tracker: t.name.clone(),
                    key: info.key,
                    url: info.url,
                    state: Some(info.state),
                },
            ));
        }
        Ok(out)
    }

    /// Links `TRACKER:KEY` to a defect; on an API tracker after fetching the
    /// issue (a key it does not know is refused), returning its title and
    /// state for the screen.
    pub fn link_checked(
        &self,
        code: &ProjectCode,
        no: DefectNo,
        tracker_key: &str,
    ) -> Result<CheckedLink, ServiceError> {
        let project = self.load_project(code)?;
        let (name, key) = parse_tracker_key(tracker_key)?;
        let t = find_tracker(&project, &name)?;
        let info = match &t.api {
            Some(_) => Some(self.fetch_issue(t, &key)?),
            None => None,
        };
        let change = super::DefectChange {
            link: vec![tracker_key.to_string()],
            ..Default::default()
        };
        let defect = self.set_defect(code, no, change)?;
        let want = info.as_ref().map_or(key.as_str(), |i| i.key.as_str());
        let link = defect
            .external
            .iter()
            .find(|l| l.tracker == t.name && l.key == want)
            .cloned()
            .ok_or_else(|| ServiceError::Failed(format!("the link {}:{want} was not saved", t.name)))?;
        Ok(CheckedLink {
            title: info.as_ref().map(|i| i.title.clone()).unwrap_or_default(),
            state: info.map(|i| i.state).unwrap_or_default(),
            link,
            defect,
        })
    }

    /// The results a defect is linked to, as an issue lists them.
    fn pushed_links(&self, code: &ProjectCode, no: DefectNo) -> Result<Vec<PushedLink>, ServiceError> {
        let view = self.defect_view(code, no)?;
        let project = self.load_project(code)?;
        let catalog = project.catalog();
        Ok(view
            .links
            .iter()
            .map(|l| PushedLink {
                run: l.run,
                run_title: l.run_title.clone(),
                run_environment: self.run(code, RunNo(l.run)).ok().and_then(|r| r.environment),
                test: l.test,
                case: l.case.clone(),
                case_title: l.case_title.clone(),
                config: l.config.clone(),
                result_status: l.result_status.map(|s| catalog.name(s)),
            })
            .collect())
    }

    /// Files defect `no` as a new issue in `tracker` and links it (key and
    /// address from the tracker's answer, with a history entry). A defect
    /// already linked to that tracker is not pushed again: the outcome says
    /// so with the existing link. A failure changes nothing; an issue the
    /// tracker created whose link could not be saved is reported with its
    /// address.
    pub fn push_defect(&self, code: &ProjectCode, no: DefectNo, tracker: &str) -> Result<PushOutcome, ServiceError> {
        let project = self.load_project(code)?;
        let t = find_tracker(&project, tracker)?;
        let api = api_of(t)?;
        let defect = self.defect(code, no)?;
        if let Some(link) = defect.external.iter().find(|l| l.tracker.eq_ignore_ascii_case(&t.name)) {
            return Ok(PushOutcome {
                created: false,
                link: link.clone(),
                defect,
            });
        }
        let creds = self.credentials_for(t, api)?;
        let issue = NewIssue::from_defect(&defect, code.as_str(), &self.pushed_links(code, no)?);
        let req = request::create_request(api, &creds, &issue);
        let unchanged =
            |m: String| ServiceError::Failed(http::scrub(&format!("{}: {m}; {no} unchanged", t.name), &creds));
        let answer = http::send(&req, self.tracker_timeout).map_err(unchanged)?;
        if !(200..300).contains(&answer.status) {
            return Err(unchanged(http::refusal(api, &answer, &http::target_text(api))));
        }
        let created = request::parse_created(api, &answer.body).map_err(unchanged)?;
        let link = ExternalLink {
            tracker: t.name.clone(),
            key: created.key.clone(),
            url: created.url.clone(),
            state: Some(created.state.clone()),
        };
        let saved = (|| -> Result<Defect, ServiceError> {
            let _writer = self.write_lock();
            let mut d = self.defect(code, no)?;
            d.add_external(link.clone(), &self.user, self.now());
            let mut batch = Batch::new();
            batch.put(keys::numbered(code, d.no), &d);
            self.store.commit(batch)?;
            Ok(d)
        })();
        match saved {
            Ok(defect) => Ok(PushOutcome {
                created: true,
                link,
                defect,
            }),
            Err(e) => Err(ServiceError::Failed(format!(
                "{} created issue {} ({}) but the link could not be saved: {e}; link it with `stepwise defect set {no} --link {}:{}`",
                t.name, created.key, created.url, t.name, created.key
            ))),
        }
    }
}
