//! A project: its code, settings, team, environments, milestones,
//! configuration groups, custom statuses and id counters.

use super::{CustomStatus, ProjectCode, Settings, Time};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Environment {
    pub name: String,
    pub description: String,
    /// Hidden from new runs and pickers; runs made with it keep its name
    /// (since record version 3).
    #[serde(default)]
    pub retired: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub name: String,
    pub description: String,
    /// Due date as `YYYY-MM-DD`, if any.
    pub due: Option<String>,
    /// Completed (closed): hidden from new runs and pickers, kept in
    /// history (since record version 3).
    #[serde(default)]
    pub completed: bool,
}

/// A configuration group, e.g. Browser: Chrome, Firefox, Safari.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigGroup {
    pub name: String,
    /// Every value, retired ones too, in the order pickers show them.
    pub values: Vec<String>,
    /// The whole group is hidden from new runs (since record version 3).
    #[serde(default)]
    pub retired: bool,
    /// Values hidden from new runs, each also in `values` (since record
    /// version 3).
    #[serde(default)]
    pub retired_values: Vec<String>,
}

impl ConfigGroup {
    /// The values a new run can pick, in order.
    pub fn active_values(&self) -> Vec<&str> {
        self.values
            .iter()
            .filter(|v| !self.retired_values.contains(v))
            .map(String::as_str)
            .collect()
    }
}

/// A team member's display name, e.g. `ann` shown as "Ann Lee".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamName {
    pub user: String,
    pub name: String,
}

/// An external issue tracker: its name (as in `JIRA:APP-12`) and a URL
/// template where `{key}` stands for the issue key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracker {
    pub name: String,
    pub url_template: String,
}

impl Tracker {
    /// The issue's address: the template with `{key}` replaced.
    ///
    /// - A key `OWNER/REPO#N` (GitLab: `GROUP/PROJECT#N`, groups may nest)
    ///   is issue N of that repository: with a site template
    ///   (`https://github.com/{key}`) it opens
    ///   `https://github.com/OWNER/REPO/issues/N`, GitLab's
    ///   `.../GROUP/PROJECT/-/issues/N` (a template naming gitlab or holding
    ///   `/-/`). In a repository's issue template (`.../issues/{key}`) it
    ///   names the other repository on the same site.
    /// - In a repository's issue template a key `#N` is issue N.
    /// - Any other key goes in as it is, `#` and `?` escaped so that they
    ///   cannot cut the address short.
    pub fn url(&self, key: &str) -> String {
        let template = self.url_template.as_str();
        let gitlab = template.to_ascii_lowercase().contains("gitlab") || template.contains("/-/");
        let issues = if gitlab { "/-/issues/" } else { "/issues/" };
        let per_repository = ["/-/issues/{key}", "/issues/{key}"]
            .into_iter()
            .find(|tail| template.contains(tail));
        match issue_reference(key) {
            Some((Some(repo), n)) => match per_repository {
                // The template's own repository is replaced: the site's
                // origin, then the key's repository.
                Some(_) => format!("{}/{repo}{issues}{n}", origin(template)),
                None => template.replace("{key}", &format!("{repo}{issues}{n}")),
            },
            Some((None, n)) if per_repository.is_some() => template.replace("{key}", n),
            _ => template.replace("{key}", &key.replace('#', "%23").replace('?', "%3F")),
        }
    }
}

/// `OWNER/REPO#N` as (Some(repository), N), `#N` as (None, N); N digits.
fn issue_reference(key: &str) -> Option<(Option<&str>, &str)> {
    let (repo, n) = key.rsplit_once('#')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if repo.is_empty() {
        return Some((None, n));
    }
    let parts: Vec<&str> = repo.split('/').collect();
    let named = parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && !p.contains(['#', '?']));
    named.then_some((Some(repo), n))
}

/// `https://host[:port]` of a URL (the whole text when it has no path).
fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

/// The per-project counters behind `CODE-N`, `#N`, `D-N` and suite ids.
/// Each holds the last number handed out; numbers are never reused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    pub case: u64,
    pub run: u64,
    pub defect: u64,
    pub suite: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub code: ProjectCode,
    pub title: String,
    pub description: String,
    pub settings: Settings,
    /// Users configured for the team plus every user seen acting.
    pub team: Vec<String>,
    pub environments: Vec<Environment>,
    pub milestones: Vec<Milestone>,
    pub config_groups: Vec<ConfigGroup>,
    pub custom_statuses: Vec<CustomStatus>,
    pub counters: Counters,
    pub created: Time,
    /// External trackers defects link to (since record version 2).
    pub trackers: Vec<Tracker>,
    /// Names of the project's custom defect fields (since record version 2).
    pub defect_fields: Vec<String>,
    /// Display names of team members, by user (since record version 3).
    pub team_names: Vec<TeamName>,
}

impl Project {
    pub fn new(code: ProjectCode, title: impl Into<String>, at: Time) -> Self {
        Self {
            code,
            title: title.into(),
            description: String::new(),
            settings: Settings::default(),
            team: Vec::new(),
            environments: Vec::new(),
            milestones: Vec::new(),
            config_groups: Vec::new(),
            custom_statuses: Vec::new(),
            counters: Counters::default(),
            created: at,
            trackers: Vec::new(),
            defect_fields: Vec::new(),
            team_names: Vec::new(),
        }
    }

    /// Adds a user to the team if not yet there; returns whether it changed.
    pub fn note_user(&mut self, user: &str) -> bool {
        if user.is_empty() || self.team.iter().any(|u| u == user) {
            return false;
        }
        self.team.push(user.to_string());
        true
    }

    pub fn next_case(&mut self) -> u64 {
        self.counters.case += 1;
        self.counters.case
    }

    pub fn next_run(&mut self) -> u64 {
        self.counters.run += 1;
        self.counters.run
    }

    pub fn next_defect(&mut self) -> u64 {
        self.counters.defect += 1;
        self.counters.defect
    }

    pub fn next_suite(&mut self) -> u64 {
        self.counters.suite += 1;
        self.counters.suite
    }

    /// A tracker by name, case-insensitively.
    pub fn tracker(&self, name: &str) -> Option<&Tracker> {
        self.trackers.iter().find(|t| t.name.eq_ignore_ascii_case(name.trim()))
    }

    /// The environments a new run can pick, in order.
    pub fn active_environments(&self) -> Vec<&str> {
        self.environments
            .iter()
            .filter(|e| !e.retired)
            .map(|e| e.name.as_str())
            .collect()
    }

    /// The open milestones, which a new run can pick, in order.
    pub fn open_milestones(&self) -> Vec<&str> {
        self.milestones
            .iter()
            .filter(|m| !m.completed)
            .map(|m| m.name.as_str())
            .collect()
    }

    /// The configuration groups a new run can pick from, in order.
    pub fn active_config_groups(&self) -> impl Iterator<Item = &ConfigGroup> {
        self.config_groups.iter().filter(|g| !g.retired)
    }

    /// The project as a new run's pickers see it: retired environments,
    /// configuration groups and values, and completed milestones left out.
    pub fn without_retired(mut self) -> Self {
        self.environments.retain(|e| !e.retired);
        self.milestones.retain(|m| !m.completed);
        self.config_groups.retain(|g| !g.retired);
        for g in &mut self.config_groups {
            let retired = std::mem::take(&mut g.retired_values);
            g.values.retain(|v| !retired.contains(v));
        }
        self
    }

    /// A team member's display name, if one is set.
    pub fn display_name(&self, user: &str) -> Option<&str> {
        self.team_names.iter().find(|t| t.user == user).map(|t| t.name.as_str())
    }

    pub fn catalog(&self) -> super::StatusCatalog<'_> {
        super::StatusCatalog::new(&self.custom_statuses)
    }
}

#[cfg(test)]
mod tests {
    use super::Tracker;

    fn url(template: &str, key: &str) -> String {
        Tracker {
            name: "T".into(),
            url_template: template.into(),
        }
        .url(key)
    }

    #[test]
    fn an_issue_reference_opens_the_issue_not_the_repository() {
        assert_eq!(
            url("https://github.com/{key}", "acme/shop#3"),
            "https://github.com/acme/shop/issues/3"
        );
        assert_eq!(
            url("https://gitlab.com/{key}", "acme/shop#3"),
            "https://gitlab.com/acme/shop/-/issues/3"
        );
        assert_eq!(
            url("https://gitlab.example.org/{key}", "group/sub/shop#12"),
            "https://gitlab.example.org/group/sub/shop/-/issues/12"
        );
        // A repository's issue template: a bare number, `#N`, or another
        // repository of the same site.
        let gh = "https://github.com/org/repo/issues/{key}";
        assert_eq!(url(gh, "42"), "https://github.com/org/repo/issues/42");
        assert_eq!(url(gh, "#42"), "https://github.com/org/repo/issues/42");
        assert_eq!(url(gh, "acme/shop#3"), "https://github.com/acme/shop/issues/3");
        let gl = "https://git.example.org/team/app/-/issues/{key}";
        assert_eq!(url(gl, "#7"), "https://git.example.org/team/app/-/issues/7");
        assert_eq!(url(gl, "team/web#8"), "https://git.example.org/team/web/-/issues/8");
    }

    #[test]
    fn other_keys_go_in_as_they_are_and_never_cut_the_address() {
        let jira = "https://example.atlassian.net/browse/{key}";
        assert_eq!(url(jira, "APP-12"), "https://example.atlassian.net/browse/APP-12");
        assert_eq!(url(jira, "odd#x?y"), "https://example.atlassian.net/browse/odd%23x%3Fy");
        // Not an issue reference: no number, or no repository.
        assert_eq!(
            url("https://github.com/{key}", "acme/shop#"),
            "https://github.com/acme/shop%23"
        );
        assert_eq!(url("https://github.com/{key}", "shop#3"), "https://github.com/shop%233");
    }
}
