//! `trackers sync`: reads the state of every issue linked on an API
//! tracker and, under the project's `tracker_sync`, shows it (notify) or
//! also moves the defect along its lifecycle (apply).

use super::super::{Engine, ServiceError};
use crate::domain::tracker::{IssueState, TrackerSync, issue_state, sync_moves};
use crate::domain::{DefectNo, DefectStatus, ProjectCode};
use crate::store::{Batch, keys};

/// One linked issue whose state changed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SyncChange {
    pub defect: u64,
    /// `TRACKER:KEY`.
    pub link: String,
    /// The state seen before (None: never read).
    pub from: Option<String>,
    pub to: String,
    /// The defect's move under `apply` (from, to), if it moved.
    pub status: Option<(DefectStatus, DefectStatus)>,
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SyncReport {
    pub setting: Option<TrackerSync>,
    /// Linked issues read.
    pub checked: usize,
    pub changes: Vec<SyncChange>,
    /// One line per call that failed (those defects are unchanged).
    pub failures: Vec<String>,
}

impl Engine {
    /// Reads every linked issue's state on the project's API trackers and
    /// records what changed (nothing at all when `tracker_sync` is off).
    /// A tracker that rate-limits is not asked again in this sync.
    pub fn sync_trackers(&self, code: &ProjectCode) -> Result<SyncReport, ServiceError> {
        let project = self.load_project(code)?;
        let setting = project.settings.tracker_sync;
        let mut report = SyncReport {
            setting: Some(setting),
            ..Default::default()
        };
        if setting == TrackerSync::Off {
            return Ok(report);
        }
        let mut limited: Vec<String> = Vec::new();
        for defect in self.defects(code)? {
            for link in &defect.external {
                let Some(t) = project.tracker(&link.tracker).filter(|t| t.api.is_some()) else {
                    continue;
                };
                let Some(api) = &t.api else { continue };
                if limited.contains(&t.name) {
                    continue;
                }
                let info = match self.fetch_issue(t, &link.key) {
                    Ok(info) => info,
                    Err(e) => {
                        let line = format!("D-{} {}:{}: {e}", defect.no, link.tracker, link.key);
                        if line.contains("rate limited") {
                            limited.push(t.name.clone());
                        }
                        report.failures.push(line);
                        continue;
                    }
                };
                report.checked += 1;
                if link.state.as_deref() == Some(info.state.as_str()) {
                    continue;
                }
                let before = link.state.as_deref().map(|s| issue_state(api.kind, s));
                let now = issue_state(api.kind, &info.state);
                let change = self.apply_state(
                    code,
                    DefectNo(defect.no),
                    &t.name,
                    &link.key,
                    &info.state,
                    setting,
                    before,
                    now,
                )?;
                report.changes.push(change);
            }
        }
        Ok(report)
    }

    /// Writes one changed state (and under `apply`, the lifecycle moves) in
    /// one commit, re-reading the defect first.
    #[allow(clippy::too_many_arguments)]
    fn apply_state(
        &self,
        code: &ProjectCode,
        no: DefectNo,
        tracker: &str,
        key: &str,
        state: &str,
        setting: TrackerSync,
        before: Option<IssueState>,
        now: IssueState,
    ) -> Result<SyncChange, ServiceError> {
        let _writer = self.write_lock();
        let mut d = self.defect(code, no)?;
        let at = self.now();
        let from = d
            .external
            .iter()
            .find(|l| l.tracker == tracker && l.key == key)
            .and_then(|l| l.state.clone());
        d.set_link_state(tracker, key, state, &self.user, at);
        let start = d.status;
        let who = format!("{} (sync from {tracker})", self.user);
        for step in sync_moves(setting, d.status, before, now) {
            d.set_status(step, &who, at)?;
        }
        let mut batch = Batch::new();
        batch.put(keys::numbered(code, d.no), &d);
        self.store.commit(batch)?;
        Ok(SyncChange {
            defect: d.no,
            link: format!("{tracker}:{key}"),
            from,
            to: state.to_string(),
            status: (d.status != start).then_some((start, d.status)),
        })
    }
}
