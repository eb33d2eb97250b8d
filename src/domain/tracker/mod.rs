//! Trackers with an API (GitHub, GitLab, Jira Cloud and Data Center,
//! Linear): their configuration, the `tracker_sync` setting, what an issue's
//! state means for a defect, and (in `request` and `body`) the exact calls
//! and texts. Pure: the HTTP itself is `service::tracker`.

pub mod body;
pub mod request;

use super::DefectStatus;
use super::error::DomainError;
use serde::{Deserialize, Serialize};

/// The kinds of API tracker. Stored: append-only order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrackerKind {
    GitHub,
    GitLab,
    /// Jira Cloud, REST v3 (descriptions in ADF, basic auth email:token).
    Jira,
    /// Jira Data Center / Server, REST v2 (string descriptions, bearer PAT).
    JiraServer,
    Linear,
}

impl TrackerKind {
    pub const ALL: [TrackerKind; 5] = [Self::GitHub, Self::GitLab, Self::Jira, Self::JiraServer, Self::Linear];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::GitHub => "github",
            Self::GitLab => "gitlab",
            Self::Jira => "jira",
            Self::JiraServer => "jira-server",
            Self::Linear => "linear",
        }
    }

    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let want = input.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == want)
            .ok_or_else(|| DomainError::UnknownValue {
                kind: "tracker kind",
                value: input.into(),
                expected: Self::ALL.map(|k| k.as_str()).join(", "),
            })
    }

    /// The option that names what issues are filed in.
    pub fn target_flag(self) -> &'static str {
        match self {
            Self::GitHub => "--repo OWNER/REPO",
            Self::GitLab => "--project ID_OR_PATH",
            Self::Jira | Self::JiraServer => "--project-key KEY",
            Self::Linear => "--team ID",
        }
    }

    /// The API's address when `--api` is not given (None: it must be given).
    pub fn default_api(self) -> Option<&'static str> {
        match self {
            Self::GitHub => Some("https://api.github.com"),
            Self::GitLab => Some("https://gitlab.com"),
            Self::Jira | Self::JiraServer => None,
            Self::Linear => Some("https://api.linear.app"),
        }
    }

    /// Whether the kind needs an email beside the token (Jira Cloud).
    pub fn needs_email(self) -> bool {
        self == Self::Jira
    }
}

/// How a tracker with an API is reached. Holds the *names* of the
/// environment variables (or credentials-file entries) with the secrets,
/// never a secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackerApi {
    pub kind: TrackerKind,
    /// `OWNER/REPO` (GitHub), project id or path (GitLab), project key
    /// (Jira), team id (Linear).
    pub target: String,
    /// The API's base address, without a trailing `/`.
    pub api: String,
    pub token_env: String,
    pub email_env: Option<String>,
}

impl TrackerApi {
    /// Checks and builds the configuration `tracker add --kind` gives.
    pub fn new(
        kind: TrackerKind,
        target: &str,
        api: Option<&str>,
        token_env: &str,
        email_env: Option<&str>,
    ) -> Result<Self, DomainError> {
        let invalid = |what: String| DomainError::Invalid(what);
        let target = target.trim();
        if target.is_empty() || target.chars().any(char::is_whitespace) {
            return Err(invalid(format!(
                "a {} tracker needs {}",
                kind.as_str(),
                kind.target_flag()
            )));
        }
        if kind == TrackerKind::GitHub && target.split('/').filter(|p| !p.is_empty()).count() != 2 {
            return Err(invalid(format!("--repo '{target}': use OWNER/REPO")));
        }
        let api = match api.map(str::trim).filter(|a| !a.is_empty()).or(kind.default_api()) {
            Some(a) => a.trim_end_matches('/').to_string(),
            None => {
                return Err(invalid(format!(
                    "a {} tracker needs --api URL (the site's address)",
                    kind.as_str()
                )));
            }
        };
        if !(api.starts_with("https://") || api.starts_with("http://")) {
            return Err(invalid(format!("--api '{api}': use an http:// or https:// address")));
        }
        let var_ok = |v: &str| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let token_env = token_env.trim();
        if !var_ok(token_env) {
            return Err(invalid(format!(
                "--token-env '{token_env}': name an environment variable (letters, digits, _), not the token"
            )));
        }
        let email_env = email_env.map(str::trim).filter(|e| !e.is_empty());
        if let Some(e) = email_env
            && !var_ok(e)
        {
            return Err(invalid(format!(
                "--email-env '{e}': name an environment variable (letters, digits, _)"
            )));
        }
        if kind.needs_email() && email_env.is_none() {
            return Err(invalid(
                "a jira (Cloud) tracker needs --email-env VAR (the account's email)".into(),
            ));
        }
        Ok(Self {
            kind,
            target: target.to_string(),
            api,
            token_env: token_env.to_string(),
            email_env: email_env.map(str::to_string),
        })
    }

    /// The web address of an issue by key, for the tracker's URL template.
    pub fn url_template(&self) -> String {
        match self.kind {
            TrackerKind::GitHub if self.api == "https://api.github.com" => {
                format!("https://github.com/{}/issues/{{key}}", self.target)
            }
            TrackerKind::GitHub => format!(
                "{}/{}/issues/{{key}}",
                self.api.trim_end_matches("/api/v3"),
                self.target
            ),
            TrackerKind::GitLab => format!("{}/{}/-/issues/{{key}}", self.api, self.target),
            TrackerKind::Jira | TrackerKind::JiraServer => format!("{}/browse/{{key}}", self.api),
            TrackerKind::Linear => "https://linear.app/issue/{key}".into(),
        }
    }
}

/// The project setting `tracker_sync`: what a sync does with an issue's
/// state. Stored: append-only order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrackerSync {
    /// Sync reads nothing.
    Off,
    /// The defect shows the tracker's state, and a notice says it changed.
    #[default]
    Notify,
    /// As notify, and a closed issue resolves the defect, a reopened one
    /// reopens it.
    Apply,
}

impl TrackerSync {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Notify => "notify",
            Self::Apply => "apply",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        [Self::Off, Self::Notify, Self::Apply]
            .into_iter()
            .find(|s| s.as_str() == input.trim().to_ascii_lowercase())
    }
}

/// Whether an issue is still open, from the tracker's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueState {
    Open,
    Closed,
}

/// Reads a tracker's state word (as stored on the link): GitHub
/// `open`/`closed` (with a `state_reason` after a space), GitLab
/// `opened`/`closed`, Jira's status category `new`/`indeterminate`/`done`,
/// Linear's `state.type` (`completed` and `canceled` are closed).
pub fn issue_state(kind: TrackerKind, state: &str) -> IssueState {
    let word = state.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    let closed = match kind {
        TrackerKind::GitHub | TrackerKind::GitLab => word == "closed",
        TrackerKind::Jira | TrackerKind::JiraServer => word == "done",
        TrackerKind::Linear => word == "completed" || word == "canceled" || word == "cancelled",
    };
    if closed { IssueState::Closed } else { IssueState::Open }
}

/// What a sync does to a defect whose linked issue went from `before`
/// (None: never seen) to `now`, under `setting`: the statuses to move
/// through, in order, each an allowed lifecycle step. Empty: only the
/// shown state changes (or nothing does).
pub fn sync_moves(
    setting: TrackerSync,
    defect: DefectStatus,
    before: Option<IssueState>,
    now: IssueState,
) -> Vec<DefectStatus> {
    use DefectStatus::*;
    if setting != TrackerSync::Apply || before == Some(now) {
        return Vec::new();
    }
    match now {
        // Closed in the tracker: the fix is in; resolve an open defect
        // along the lifecycle (open and reopened pass through in progress).
        IssueState::Closed => match defect {
            InProgress => vec![Resolved],
            Open | Reopened => vec![InProgress, Resolved],
            Resolved | Closed | Invalid => Vec::new(),
        },
        // Reopened in the tracker (seen closed before): reopen a resolved
        // or closed defect. An issue first seen open changes nothing.
        IssueState::Open if before == Some(IssueState::Closed) => match defect {
            Resolved | Closed => vec![Reopened],
            _ => Vec::new(),
        },
        IssueState::Open => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
