//! What the defects screen shows: the filters the keys cycle, the sort,
//! the readiness line, and the detail's selectable links.

use crate::domain::{DefectStatus, Severity};
use crate::service::{DefectFilter, DefectSort, DefectView, Readiness};
use crate::tui::widgets::cursor::Cursor;

/// The status filter: every defect, the open ones, or one status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    All,
    Open,
    Is(DefectStatus),
}

/// The list's filters and sort, as the keys left them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub status: StatusFilter,
    pub severity: Option<Severity>,
    pub assignee: Option<String>,
    pub milestone: Option<String>,
    /// With (true) or without (false) an external link.
    pub external: Option<bool>,
    pub query: String,
    pub sort: DefectSort,
}

/// The value after `current` in `values`, then none (all), then the first.
fn next_in<T: PartialEq + Clone>(current: &Option<T>, values: &[T]) -> Option<T> {
    match current {
        None => values.first().cloned(),
        Some(c) => values
            .iter()
            .position(|v| v == c)
            .and_then(|i| values.get(i + 1))
            .cloned(),
    }
}

impl Filters {
    /// All, the open ones, then each status along the lifecycle.
    pub fn cycle_status(&mut self) {
        self.status = match self.status {
            StatusFilter::All => StatusFilter::Open,
            StatusFilter::Open => StatusFilter::Is(DefectStatus::ALL[0]),
            StatusFilter::Is(s) => next_in(&Some(s), &DefectStatus::ALL).map_or(StatusFilter::All, StatusFilter::Is),
        };
    }

    /// All, then each level from the most severe.
    pub fn cycle_severity(&mut self) {
        let levels: Vec<Severity> = Severity::ALL.iter().rev().copied().collect();
        self.severity = next_in(&self.severity, &levels);
    }

    pub fn cycle_assignee(&mut self, team: &[String]) {
        self.assignee = next_in(&self.assignee, team);
    }

    pub fn cycle_milestone(&mut self, milestones: &[String]) {
        self.milestone = next_in(&self.milestone, milestones);
    }

    /// Any, with an external link, without one.
    pub fn cycle_external(&mut self) {
        self.external = match self.external {
            None => Some(true),
            Some(true) => Some(false),
            Some(false) => None,
        };
    }

    /// Clears the filters and the search; the sort stays.
    pub fn clear(&mut self) {
        *self = Self {
            sort: self.sort,
            ..Self::default()
        };
    }

    /// Whether anything narrows the list.
    pub fn narrows(&self) -> bool {
        self.to_filter(None) != DefectFilter::default()
    }

    /// The service's filter, limited to a run's failures when `run` is set.
    pub fn to_filter(&self, run: Option<u64>) -> DefectFilter {
        let (status, open_only) = match self.status {
            StatusFilter::All => (None, false),
            StatusFilter::Open => (None, true),
            StatusFilter::Is(s) => (Some(s), false),
        };
        DefectFilter {
            status,
            open_only,
            severity: self.severity,
            assignee: self.assignee.clone(),
            milestone: self.milestone.clone(),
            run,
            external: self.external,
            query: self.query.trim().to_string(),
        }
    }

    /// The active filters in a few words: `open, major, @bob, "login"`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match self.status {
            StatusFilter::All => {}
            StatusFilter::Open => parts.push("open ones".to_string()),
            StatusFilter::Is(s) => parts.push(s.label()),
        }
        if let Some(s) = self.severity {
            parts.push(s.as_str().to_string());
        }
        if let Some(a) = &self.assignee {
            parts.push(format!("@{a}"));
        }
        if let Some(m) = &self.milestone {
            parts.push(m.clone());
        }
        match self.external {
            Some(true) => parts.push("with link".into()),
            Some(false) => parts.push("without link".into()),
            None => {}
        }
        if !self.query.trim().is_empty() {
            parts.push(format!("\"{}\"", self.query.trim()));
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join(", ")
        }
    }
}

/// `Release 2.4: open 1 critical, 1 major - not ready (a critical or
/// blocker is open)`, or `... - ready`.
pub fn readiness_text(r: &Readiness, ascii: bool) -> String {
    let scope = r.milestone.as_deref().unwrap_or("all milestones");
    let open = if r.by_severity.is_empty() {
        "nothing open".to_string()
    } else {
        let counts: Vec<String> = r.by_severity.iter().map(|(s, n)| format!("{n} {s}")).collect();
        format!("open: {}", counts.join(", "))
    };
    let dash = if ascii { "-" } else { "—" };
    let verdict = if r.ready {
        "ready"
    } else {
        "not ready (a critical or blocker is open)"
    };
    format!("{scope}: {open} {dash} {verdict}")
}

/// Something selectable in the detail: an external issue or a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    External(usize),
    Failure(usize),
}

/// One defect shown in full.
pub struct Detail {
    pub view: DefectView,
    /// Over `items()`.
    pub cursor: Cursor,
    pub scroll: u16,
    /// Scroll so the selected link stays in view (off after PgUp/PgDn).
    pub follow: bool,
    /// Whether a link was selected with j/k (nothing is, at first).
    pub active: bool,
}

impl Detail {
    pub fn new(view: DefectView) -> Self {
        Self {
            view,
            cursor: Cursor::default(),
            scroll: 0,
            follow: false,
            active: false,
        }
    }

    pub fn items(&self) -> Vec<Item> {
        let d = &self.view;
        (0..d.defect.external.len())
            .map(Item::External)
            .chain((0..d.links.len()).map(Item::Failure))
            .collect()
    }

    /// The link selected with j/k, if any.
    pub fn selected(&self) -> Option<Item> {
        if !self.active {
            return None;
        }
        self.items().get(self.cursor.selected).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_cycle_back_to_all() {
        let mut f = Filters::default();
        f.cycle_status();
        assert_eq!(f.status, StatusFilter::Open);
        assert!(f.to_filter(None).open_only);
        for _ in 0..DefectStatus::ALL.len() {
            f.cycle_status();
            assert!(matches!(f.status, StatusFilter::Is(_)));
        }
        f.cycle_status();
        assert_eq!(f.status, StatusFilter::All);

        f.cycle_severity();
        assert_eq!(f.severity, Some(Severity::Blocker));
        let team = ["ann".to_string(), "bob".to_string()];
        f.cycle_assignee(&team);
        f.cycle_assignee(&team);
        assert_eq!(f.assignee.as_deref(), Some("bob"));
        f.cycle_assignee(&team);
        assert_eq!(f.assignee, None);
        f.cycle_external();
        f.query = " login ".into();
        assert_eq!(f.describe(), "blocker, with link, \"login\"");
        assert_eq!(f.to_filter(Some(2)).query, "login");
        assert_eq!(f.to_filter(Some(2)).run, Some(2));
        assert!(f.narrows());
        f.sort = DefectSort::Age;
        f.clear();
        assert!(!f.narrows());
        assert_eq!(f.sort, DefectSort::Age);
        assert_eq!(f.describe(), "none");
    }

    #[test]
    fn readiness_reads_as_a_sentence() {
        let r = Readiness {
            milestone: Some("Release 2.4".into()),
            open: Vec::new(),
            by_severity: vec![(Severity::Critical, 1), (Severity::Major, 1)],
            ready: false,
        };
        assert_eq!(
            readiness_text(&r, true),
            "Release 2.4: open: 1 critical, 1 major - not ready (a critical or blocker is open)"
        );
        let r = Readiness {
            milestone: None,
            open: Vec::new(),
            by_severity: Vec::new(),
            ready: true,
        };
        assert_eq!(readiness_text(&r, false), "all milestones: nothing open — ready");
    }
}
