//! The tracker calls screens run off the UI thread (`Jobs`): push a defect,
//! link an issue after checking it, sync the linked issues; and the one
//! line each reports.

use super::jobs::{Jobs, Report};
use super::screen::Notice;
use crate::domain::{DefectNo, Project, ProjectCode};
use crate::service::{CheckedLink, PushOutcome, ServiceError, SyncReport};

fn info(text: String) -> Report {
    Some(Notice { text, error: false })
}

fn error(text: String) -> Report {
    Some(Notice { text, error: true })
}

/// The names of the project's trackers with an API (those a defect can be
/// pushed to, whose links are checked and synced).
pub fn api_trackers(project: &Project) -> Vec<String> {
    project
        .trackers
        .iter()
        .filter(|t| t.api.is_some())
        .map(|t| t.name.clone())
        .collect()
}

/// Whether `TRACKER:KEY` names a tracker with an API (its link is checked
/// over the network).
pub fn is_api_link(project: &Project, typed: &str) -> bool {
    typed
        .split_once(':')
        .and_then(|(name, _)| project.tracker(name.trim()))
        .is_some_and(|t| t.api.is_some())
}

/// Pushes defect `no` to `tracker` off the UI thread.
pub fn push(jobs: &mut Jobs, code: &ProjectCode, no: u64, tracker: &str) {
    let (code, tracker) = (code.clone(), tracker.to_string());
    jobs.spawn(format!("pushing D-{no} to {tracker}…"), move |svc| {
        push_report(no, &tracker, svc.push_defect(&code, DefectNo(no), &tracker))
    });
}

pub fn push_report(no: u64, tracker: &str, r: Result<PushOutcome, ServiceError>) -> Report {
    match r {
        Ok(o) if o.created => info(format!(
            "D-{no} pushed to {tracker}: {}:{} {}",
            o.link.tracker, o.link.key, o.link.url
        )),
        Ok(o) => info(format!(
            "D-{no} is already linked to {}:{} ({}); not pushed again",
            o.link.tracker, o.link.key, o.link.url
        )),
        Err(e) => error(format!("Push of D-{no} to {tracker} failed: {e}")),
    }
}

/// Links `TRACKER:KEY` to defect `no` after the tracker confirmed the
/// issue, off the UI thread.
pub fn link(jobs: &mut Jobs, code: &ProjectCode, no: u64, typed: &str) {
    let (code, typed) = (code.clone(), typed.trim().to_string());
    jobs.spawn(format!("checking {typed}…"), move |svc| {
        link_report(no, &typed, svc.link_checked(&code, DefectNo(no), &typed))
    });
}

pub fn link_report(no: u64, typed: &str, r: Result<CheckedLink, ServiceError>) -> Report {
    match r {
        Ok(c) => info(format!(
            "D-{no} linked to {}:{} \"{}\" ({}): {}",
            c.link.tracker, c.link.key, c.title, c.state, c.link.url
        )),
        Err(e) => error(format!("Not linked to {typed}: {e}; D-{no} unchanged")),
    }
}

/// One line for a sync; `quiet`: nothing when nothing changed or failed
/// (the periodic sync).
pub fn sync_report(r: Result<SyncReport, ServiceError>, quiet: bool) -> Report {
    let report = match r {
        Ok(report) => report,
        Err(e) => return error(format!("Sync failed: {e}")),
    };
    if report.setting == Some(crate::domain::tracker::TrackerSync::Off) {
        return (!quiet).then(|| Notice {
            text: "Sync is off for this project (setting tracker_sync): nothing read".into(),
            error: false,
        });
    }
    let changes: Vec<String> = report
        .changes
        .iter()
        .map(|c| {
            let from = c.from.as_deref().unwrap_or("?");
            let moved = c
                .status
                .map(|(_, to)| format!(", now {}", to.label()))
                .unwrap_or_default();
            format!("D-{} {} {from} -> {}{moved}", c.defect, c.link, c.to)
        })
        .collect();
    if let Some(first) = report.failures.first() {
        let more = match report.failures.len() {
            1 => String::new(),
            n => format!(" (+{} more)", n - 1),
        };
        let done = if changes.is_empty() {
            String::new()
        } else {
            format!("; {}", changes.join("; "))
        };
        return error(format!("Sync: {first}{more}{done}"));
    }
    if changes.is_empty() {
        let n = report.checked;
        let issues = if n == 1 { "issue" } else { "issues" };
        return (!quiet).then(|| Notice {
            text: format!("Synced {n} linked {issues}: no change"),
            error: false,
        });
    }
    info(format!("Sync: {}", changes.join("; ")))
}
