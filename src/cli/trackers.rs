//! `stepwise trackers`, `tracker add|remove`, `defect-field add`: project
//! configuration for defects.

use super::{CmdResult, Ctx, print_json, table};
use crate::domain::{Tracker, TrackerApi, TrackerKind};
use crate::say;
use clap::Subcommand;

// Parsed once per process: the size of `Add` does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum TrackerCommand {
    /// Add a tracker, or change it: a URL template ({key} stands for the
    /// key), or with --kind a tracker whose API stepwise calls.
    Add(AddArgs),
    /// Remove a tracker (links already made keep their URLs).
    Remove {
        /// The tracker's name.
        name: String,
    },
}

#[derive(clap::Args, Debug)]
pub struct AddArgs {
    /// The name links use, e.g. JIRA (as in JIRA:APP-12).
    pub name: String,
    /// The address, {key} standing for the key, e.g.
    /// https://example.atlassian.net/browse/{key}; for GitHub
    /// https://github.com/{key} with keys OWNER/REPO#N (GitLab: /-/issues/N).
    /// Not with --kind.
    #[arg(required_unless_present = "kind", conflicts_with = "kind")]
    pub url_template: Option<String>,
    /// A tracker stepwise calls: github, gitlab, jira (Cloud), jira-server
    /// (Data Center) or linear.
    #[arg(long)]
    pub kind: Option<String>,
    /// GitHub: the repository, OWNER/REPO.
    #[arg(long, value_name = "OWNER/REPO")]
    pub repo: Option<String>,
    /// GitLab: the project's id or path (group/project).
    #[arg(long, value_name = "ID_OR_PATH")]
    pub project: Option<String>,
    /// Jira: the project key, e.g. APP.
    #[arg(long, value_name = "KEY")]
    pub project_key: Option<String>,
    /// Linear: the team's id.
    #[arg(long, value_name = "ID")]
    pub team: Option<String>,
    /// The API's address (self-hosted, enterprise; required for Jira).
    #[arg(long, value_name = "URL")]
    pub api: Option<String>,
    /// The environment variable (or credentials-file entry) holding the token.
    #[arg(long, value_name = "VAR", requires = "kind")]
    pub token_env: Option<String>,
    /// Jira Cloud: the variable holding the account's email.
    #[arg(long, value_name = "VAR", requires = "kind")]
    pub email_env: Option<String>,
}

fn describe(t: &Tracker) -> serde_json::Value {
    let mut v = serde_json::json!({"name": t.name, "url_template": t.url_template});
    if let Some(api) = &t.api {
        v["kind"] = api.kind.as_str().into();
        v["target"] = api.target.clone().into();
        v["api"] = api.api.clone().into();
        v["token_env"] = api.token_env.clone().into();
        v["email_env"] = api.email_env.clone().into();
    }
    v
}

pub fn list(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let project = ctx.svc.project(&code)?;
    if as_json {
        let v: Vec<serde_json::Value> = project.trackers.iter().map(describe).collect();
        let setting = project.settings.tracker_sync.as_str();
        print_json(
            &serde_json::json!({"trackers": v, "defect_fields": project.defect_fields, "tracker_sync": setting}),
        );
        return Ok(());
    }
    let rows: Vec<Vec<String>> = project
        .trackers
        .iter()
        .map(|t| match &t.api {
            Some(api) => vec![
                t.name.clone(),
                format!(
                    "{} {} via {} (token in ${})",
                    api.kind.as_str(),
                    api.target,
                    api.api,
                    api.token_env
                ),
            ],
            None => vec![t.name.clone(), t.url_template.clone()],
        })
        .collect();
    table::print(&["TRACKER", "URL TEMPLATE / API"], &rows);
    if !project.defect_fields.is_empty() {
        say!("defect fields: {}", project.defect_fields.join(", "));
    }
    Ok(())
}

pub fn add(ctx: &mut Ctx, a: AddArgs) -> CmdResult {
    let code = ctx.project()?;
    let Some(kind) = &a.kind else {
        let t = ctx
            .svc
            .set_tracker(&code, &a.name, a.url_template.as_deref().unwrap_or(""))?;
        say!("Tracker {}: {}", t.name, t.url_template);
        return Ok(());
    };
    let kind = TrackerKind::parse(kind).map_err(crate::service::ServiceError::from)?;
    let target = match kind {
        TrackerKind::GitHub => &a.repo,
        TrackerKind::GitLab => &a.project,
        TrackerKind::Jira | TrackerKind::JiraServer => &a.project_key,
        TrackerKind::Linear => &a.team,
    };
    let Some(token_env) = &a.token_env else {
        return Err(bad(format!("a {} tracker needs --token-env VAR", kind.as_str())));
    };
    let api = TrackerApi::new(
        kind,
        target.as_deref().unwrap_or(""),
        a.api.as_deref(),
        token_env,
        a.email_env.as_deref(),
    )
    .map_err(crate::service::ServiceError::from)?;
    let t = ctx.svc.set_api_tracker(&code, &a.name, api)?;
    if let Some(api) = &t.api {
        say!(
            "Tracker {}: {} {} via {} (token from ${})",
            t.name,
            api.kind.as_str(),
            api.target,
            api.api,
            api.token_env
        );
    }
    Ok(())
}

fn bad(message: String) -> super::Failure {
    crate::service::ServiceError::Invalid(message).into()
}

pub fn remove(ctx: &mut Ctx, name: &str) -> CmdResult {
    let code = ctx.project()?;
    ctx.svc.remove_tracker(&code, name)?;
    say!("Removed tracker {name}; existing links keep their URLs.");
    Ok(())
}

pub fn add_field(ctx: &mut Ctx, name: &str) -> CmdResult {
    let code = ctx.project()?;
    ctx.svc.add_defect_field(&code, name)?;
    say!("Defects now have the field {name}.");
    Ok(())
}
