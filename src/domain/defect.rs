//! Defects: their lifecycle, links to the results that surfaced them, links
//! to external trackers, and a history of every change.

use super::error::DomainError;
use super::{Attachment, Severity, Time};
use serde::{Deserialize, Serialize};

/// The defect lifecycle. Stored: append-only order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DefectStatus {
    Open,
    InProgress,
    Resolved,
    Closed,
    Reopened,
    Invalid,
}

impl DefectStatus {
    pub const ALL: [DefectStatus; 6] = [
        Self::Open,
        Self::InProgress,
        Self::Resolved,
        Self::Closed,
        Self::Reopened,
        Self::Invalid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InProgress => "in_progress",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
            Self::Reopened => "reopened",
            Self::Invalid => "invalid",
        }
    }

    /// The name as words, for the screen (`in progress`).
    pub fn label(self) -> String {
        self.as_str().replace('_', " ")
    }

    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let want = input.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == want)
            .ok_or_else(|| DomainError::UnknownValue {
                kind: "defect status",
                value: input.into(),
                expected: Self::ALL.map(|s| s.as_str()).join(", "),
            })
    }

    /// The statuses this one may move to: Open → In Progress → Resolved →
    /// Closed; Resolved or Closed → Reopened → In Progress; any → Invalid;
    /// Invalid → Reopened (undoing a mistaken "invalid").
    pub fn allowed_next(self) -> &'static [DefectStatus] {
        use DefectStatus::*;
        match self {
            Open => &[InProgress, Invalid],
            InProgress => &[Resolved, Invalid],
            Resolved => &[Closed, Reopened, Invalid],
            Closed => &[Reopened, Invalid],
            Reopened => &[InProgress, Invalid],
            Invalid => &[Reopened],
        }
    }

    pub fn can_become(self, to: DefectStatus) -> bool {
        self.allowed_next().contains(&to)
    }

    /// Open, in progress or reopened: the defect still needs work.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::InProgress | Self::Reopened)
    }
}

/// A link to an issue in an external tracker, e.g. `JIRA:APP-12`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalLink {
    pub tracker: String,
    pub key: String,
    pub url: String,
    /// The state as its tracker last said (API trackers; since
    /// defect record version 3), e.g. `open`, `closed completed`, `done`.
    pub state: Option<String>,
}

/// A link to the result that surfaced the defect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultLink {
    pub run: u64,
    pub test: u32,
    pub case_no: u64,
    /// Index of the result in the test's history.
    pub result: u32,
}

/// One change: who, when, which field, from which value to which.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: Time,
    pub author: String,
    pub field: String,
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Defect {
    pub no: u64,
    pub title: String,
    pub actual: String,
    pub description: String,
    pub severity: Severity,
    pub status: DefectStatus,
    pub assignee: Option<String>,
    pub reporter: String,
    pub milestone: Option<String>,
    pub tags: Vec<String>,
    pub attachments: Vec<Attachment>,
    pub external: Vec<ExternalLink>,
    pub links: Vec<ResultLink>,
    pub history: Vec<HistoryEntry>,
    pub created: Time,
    pub updated: Time,
    /// Values of the project's custom defect fields (since record version 2).
    pub fields: Vec<(String, String)>,
}

/// Parses `TRACKER:KEY` (e.g. `JIRA:APP-12`).
pub fn parse_tracker_key(input: &str) -> Result<(String, String), DomainError> {
    let bad = || DomainError::BadId {
        kind: "tracker link",
        input: input.into(),
        expected: "TRACKER:KEY, e.g. JIRA:APP-12",
    };
    let (tracker, key) = input.trim().split_once(':').ok_or_else(bad)?;
    let ok = |s: &str| !s.is_empty() && !s.chars().any(char::is_whitespace);
    if ok(tracker) && ok(key) {
        Ok((tracker.to_string(), key.to_string()))
    } else {
        Err(bad())
    }
}

impl Defect {
    pub fn new(no: u64, title: impl Into<String>, reporter: &str, at: Time) -> Self {
        let mut d = Self {
            no,
            title: title.into(),
            actual: String::new(),
            description: String::new(),
            severity: Severity::NotSet,
            status: DefectStatus::Open,
            assignee: None,
            reporter: reporter.into(),
            milestone: None,
            tags: Vec::new(),
            attachments: Vec::new(),
            external: Vec::new(),
            links: Vec::new(),
            history: Vec::new(),
            created: at,
            updated: at,
            fields: Vec::new(),
        };
        d.record(reporter, at, "created", "", "open");
        d
    }

    fn record(&mut self, who: &str, at: Time, field: &str, from: &str, to: &str) {
        self.history.push(HistoryEntry {
            at,
            author: who.into(),
            field: field.into(),
            from: from.into(),
            to: to.into(),
        });
        self.updated = at;
    }

    /// Moves the defect along its lifecycle, or says which moves are allowed.
    pub fn set_status(&mut self, to: DefectStatus, who: &str, at: Time) -> Result<(), DomainError> {
        if !self.status.can_become(to) {
            return Err(DomainError::ForbiddenTransition {
                defect: format!("D-{}", self.no),
                from: self.status.as_str().into(),
                to: to.as_str().into(),
                allowed: self
                    .status
                    .allowed_next()
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        let from = self.status.as_str();
        self.record(who, at, "status", from, to.as_str());
        self.status = to;
        Ok(())
    }

    pub fn set_severity(&mut self, to: Severity, who: &str, at: Time) {
        if to != self.severity {
            let from = self.severity.as_str();
            self.record(who, at, "severity", from, to.as_str());
            self.severity = to;
        }
    }

    pub fn set_assignee(&mut self, to: Option<String>, who: &str, at: Time) {
        if to != self.assignee {
            let from = self.assignee.clone().unwrap_or_default();
            self.record(who, at, "assignee", &from, to.as_deref().unwrap_or(""));
            self.assignee = to;
        }
    }

    /// Changes a text field (`title`, `actual`, `description`) or a custom
    /// field, with history.
    pub fn set_text(&mut self, field: &str, value: &str, who: &str, at: Time) {
        let slot = match field {
            "title" => &mut self.title,
            "actual" => &mut self.actual,
            "description" => &mut self.description,
            custom => {
                let old = self
                    .fields
                    .iter()
                    .find(|(k, _)| k == custom)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                if old != value {
                    self.fields.retain(|(k, _)| k != custom);
                    if !value.is_empty() {
                        self.fields.push((custom.to_string(), value.to_string()));
                    }
                    self.record(who, at, custom, &old, value);
                }
                return;
            }
        };
        if slot != value {
            let old = std::mem::replace(slot, value.to_string());
            self.record(who, at, field, &old, value);
        }
    }

    pub fn set_milestone(&mut self, to: Option<String>, who: &str, at: Time) {
        if to != self.milestone {
            let from = self.milestone.clone().unwrap_or_default();
            self.record(who, at, "milestone", &from, to.as_deref().unwrap_or(""));
            self.milestone = to;
        }
    }

    pub fn add_attachment(&mut self, a: Attachment, who: &str, at: Time) {
        let text = a.name.clone();
        self.attachments.push(a);
        self.record(who, at, "attachment", "", &text);
    }

    /// Removes an external link; returns whether there was one.
    pub fn remove_external(&mut self, tracker: &str, key: &str, who: &str, at: Time) -> bool {
        let before = self.external.len();
        self.external
            .retain(|l| !(l.tracker.eq_ignore_ascii_case(tracker) && l.key == key));
        let removed = self.external.len() != before;
        if removed {
            self.record(who, at, "external", &format!("{tracker}:{key}"), "");
        }
        removed
    }

    /// Links a result; linking the same result twice changes nothing.
    pub fn link_result(&mut self, link: ResultLink, who: &str, at: Time) {
        if !self.links.contains(&link) {
            let text = format!("run #{} test {} result {}", link.run, link.test, link.result + 1);
            self.record(who, at, "link", "", &text);
            self.links.push(link);
        }
    }

    /// Notes the tracker's state of a linked issue, with a history entry
    /// naming the link; false (and nothing recorded) when it is unchanged
    /// or not linked.
    pub fn set_link_state(&mut self, tracker: &str, key: &str, state: &str, who: &str, at: Time) -> bool {
        let Some(link) = self
            .external
            .iter_mut()
            .find(|l| l.tracker.eq_ignore_ascii_case(tracker) && l.key == key)
        else {
            return false;
        };
        if link.state.as_deref() == Some(state) {
            return false;
        }
        let from = link.state.replace(state.to_string()).unwrap_or_default();
        let field = format!("{}:{} state", link.tracker, link.key);
        self.record(who, at, &field, &from, state);
        true
    }

    pub fn add_external(&mut self, link: ExternalLink, who: &str, at: Time) {
        if !self
            .external
            .iter()
            .any(|l| l.tracker == link.tracker && l.key == link.key)
        {
            let text = format!("{}:{}", link.tracker, link.key);
            self.record(who, at, "external", "", &text);
            self.external.push(link);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DefectStatus::*;

    fn at() -> Time {
        chrono::DateTime::UNIX_EPOCH
    }

    /// Every pair of statuses, allowed or refused, as PRODUCT.md §2 says.
    #[test]
    fn lifecycle_table() {
        let allowed = [
            (Open, InProgress),
            (InProgress, Resolved),
            (Resolved, Closed),
            (Resolved, Reopened),
            (Closed, Reopened),
            (Reopened, InProgress),
            (Invalid, Reopened),
        ];
        for from in DefectStatus::ALL {
            for to in DefectStatus::ALL {
                let expect = allowed.contains(&(from, to)) || (to == Invalid && from != Invalid);
                assert_eq!(from.can_become(to), expect, "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn refused_transition_names_the_allowed_ones_and_changes_nothing() {
        let mut d = Defect::new(4, "Crash", "ann", at());
        let before = d.clone();
        let err = d.set_status(Closed, "bob", at()).unwrap_err().to_string();
        assert_eq!(
            err,
            "defect D-4 cannot go from open to closed; allowed from open: in_progress, invalid"
        );
        assert_eq!(d, before);
    }

    #[test]
    fn history_records_every_change() {
        let mut d = Defect::new(1, "Crash", "ann", at());
        d.set_status(InProgress, "bob", at()).unwrap();
        d.set_severity(Severity::Major, "bob", at());
        d.set_severity(Severity::Major, "bob", at());
        d.set_assignee(Some("cy".into()), "bob", at());
        let link = ResultLink {
            run: 1,
            test: 0,
            case_no: 3,
            result: 0,
        };
        d.link_result(link.clone(), "bob", at());
        d.link_result(link, "bob", at());
        let fields: Vec<&str> = d.history.iter().map(|h| h.field.as_str()).collect();
        assert_eq!(fields, ["created", "status", "severity", "assignee", "link"]);
        assert_eq!(d.history[1].from, "open");
        assert_eq!(d.history[1].to, "in_progress");
    }
}
