//! `defect push`, `defect link`, `trackers sync`: the calls that reach a
//! tracker's API (through the service, like the TUI).

use super::{CmdResult, Ctx, JsonFlag, print_json};
use crate::domain::DefectNo;
use crate::say;
use serde_json::json;

#[derive(clap::Subcommand, Debug)]
pub enum TrackersAction {
    /// Read the state of every issue linked on a tracker with an API; the
    /// project setting tracker_sync (off, notify, apply) says what follows.
    Sync {
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(clap::Args, Debug)]
pub struct PushArgs {
    /// The defect, e.g. D-4.
    pub id: String,
    /// The tracker's name (one added with --kind).
    #[arg(long)]
    pub tracker: String,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(clap::Args, Debug)]
pub struct LinkArgs {
    /// The defect, e.g. D-4.
    pub id: String,
    /// The issue, TRACKER:KEY (e.g. GITHUB:12, JIRA:APP-7).
    pub issue: String,
    #[command(flatten)]
    pub json: JsonFlag,
}

fn link_json(l: &crate::domain::ExternalLink) -> serde_json::Value {
    json!({"tracker": l.tracker, "key": l.key, "url": l.url, "state": l.state})
}

pub fn push(ctx: &mut Ctx, a: PushArgs) -> CmdResult {
    let code = ctx.project()?;
    let no = DefectNo::parse(&a.id)?;
    let out = ctx.svc.push_defect(&code, no, &a.tracker)?;
    if a.json.json {
        print_json(&json!({"defect": format!("{no}"), "created": out.created, "link": link_json(&out.link)}));
    } else if out.created {
        say!(
            "Pushed {no} to {}: {}:{} {}",
            out.link.tracker,
            out.link.tracker,
            out.link.key,
            out.link.url
        );
    } else {
        say!(
            "{no} is already linked to {}:{} ({}); nothing pushed.",
            out.link.tracker,
            out.link.key,
            out.link.url
        );
    }
    Ok(())
}

pub fn link(ctx: &mut Ctx, a: LinkArgs) -> CmdResult {
    let code = ctx.project()?;
    let no = DefectNo::parse(&a.id)?;
    let out = ctx.svc.link_checked(&code, no, &a.issue)?;
    if a.json.json {
        print_json(&json!({"defect": format!("{no}"), "link": link_json(&out.link), "title": out.title}));
    } else if out.title.is_empty() && out.state.is_empty() {
        say!("Linked {no} to {}:{} {}", out.link.tracker, out.link.key, out.link.url);
    } else {
        say!(
            "Linked {no} to {}:{} \"{}\" ({}) {}",
            out.link.tracker,
            out.link.key,
            out.title,
            out.state,
            out.link.url
        );
    }
    Ok(())
}

pub fn sync(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let report = ctx.svc.sync_trackers(&code)?;
    let setting = report.setting.map_or("off", |s| s.as_str());
    if as_json {
        let changes: Vec<serde_json::Value> = report
            .changes
            .iter()
            .map(|c| {
                json!({
                    "defect": format!("D-{}", c.defect),
                    "link": c.link,
                    "from": c.from,
                    "to": c.to,
                    "status": c.status.map(|(f, t)| json!({"from": f.as_str(), "to": t.as_str()})),
                })
            })
            .collect();
        print_json(&json!({
            "tracker_sync": setting,
            "checked": report.checked,
            "changes": changes,
            "failures": report.failures,
        }));
    } else if setting == "off" {
        say!("tracker_sync is off: nothing read (stepwise settings --set tracker_sync=notify).");
    } else {
        for c in &report.changes {
            let from = c.from.as_deref().unwrap_or("unseen");
            match c.status {
                Some((f, t)) => say!(
                    "D-{} {}: {from} -> {}; D-{} {} -> {}",
                    c.defect,
                    c.link,
                    c.to,
                    c.defect,
                    f.label(),
                    t.label()
                ),
                None => say!("D-{} {}: {from} -> {}", c.defect, c.link, c.to),
            }
        }
        for f in &report.failures {
            say!("failed: {f}");
        }
        say!(
            "Synced {} linked issue(s) ({setting}): {} changed, {} failed.",
            report.checked,
            report.changes.len(),
            report.failures.len()
        );
    }
    if report.failures.is_empty() {
        Ok(())
    } else {
        Err(super::Failure {
            message: format!(
                "{} tracker call(s) failed; those defects are unchanged",
                report.failures.len()
            ),
            code: 1,
        })
    }
}
