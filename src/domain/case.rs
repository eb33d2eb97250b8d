//! Suites, cases and steps, with the value lists Qase uses.

use super::Time;
use super::error::DomainError;
use serde::{Deserialize, Serialize};

/// A node in the tree of suites.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suite {
    pub id: u64,
    pub parent: Option<u64>,
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub action: String,
    pub data: String,
    pub expected: String,
    /// Nesting depth: 0 for a top-level step, 1 for its child, ... (Qase's
    /// nested steps). Record version 2.
    #[serde(default)]
    pub level: u8,
}

/// Declares a value list: a stored enum (append-only order), its lowercase
/// names for the CLI and JSON, and parsing with a clear error.
macro_rules! value_list {
    ($(#[$m:meta])* $name:ident, $kind:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The name as words, for the screen (`not set`).
            pub fn label(self) -> String {
                self.as_str().replace('_', " ")
            }

            pub fn parse(input: &str) -> Result<Self, DomainError> {
                let want = input.trim().to_ascii_lowercase().replace([' ', '-'], "_");
                Self::ALL.iter().copied().find(|v| v.as_str() == want).ok_or_else(|| {
                    DomainError::UnknownValue {
                        kind: $kind,
                        value: input.to_string(),
                        expected: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    }
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

value_list!(
    /// Case priority.
    CasePriority, "priority", { NotSet => "not_set", Low => "low", Medium => "medium", High => "high" }
);
value_list!(
    /// Severity of a case or a defect, from least to most severe.
    Severity, "severity", {
        NotSet => "not_set", Trivial => "trivial", Minor => "minor", Normal => "normal",
        Major => "major", Critical => "critical", Blocker => "blocker",
    }
);
value_list!(
    CaseType, "type", {
        Other => "other", Functional => "functional", Smoke => "smoke", Regression => "regression",
        Security => "security", Usability => "usability", Performance => "performance",
        Acceptance => "acceptance", Compatibility => "compatibility", Integration => "integration",
        Exploratory => "exploratory",
    }
);
value_list!(
    Behavior, "behavior", { NotSet => "not_set", Positive => "positive", Negative => "negative", Destructive => "destructive" }
);
value_list!(
    Automation, "automation", { Manual => "manual", ToBeAutomated => "to_be_automated", Automated => "automated" }
);
value_list!(
    CaseStatus, "case status", { Actual => "actual", Draft => "draft", Deprecated => "deprecated" }
);
value_list!(
    /// Where in the test pyramid the case sits (Qase's `layer`).
    Layer, "layer", { Unknown => "unknown", E2e => "e2e", Api => "api", Unit => "unit" }
);
value_list!(
    /// How the steps are written: action/data/expected, or Gherkin lines
    /// (one `Given/When/Then` line per step action).
    StepsKind, "steps type", { Classic => "classic", Gherkin => "gherkin" }
);

impl Severity {
    /// What the level means, and an example (after Qualflare's table).
    pub fn explain(self) -> (&'static str, &'static str) {
        match self {
            Self::NotSet => ("Not assessed yet", "Filed in a hurry from a failure"),
            Self::Trivial => ("Cosmetic issue, typo", "Misspelled label"),
            Self::Minor => ("Small inconvenience, no real impact", "Filter resets after a reload"),
            Self::Normal => ("Minor feature broken, easy workaround", "Sorting in the wrong order"),
            Self::Major => (
                "Major feature broken, significant workaround",
                "Checkout fails half of the time",
            ),
            Self::Critical => ("System unusable, data loss, security breach", "Login completely broken"),
            Self::Blocker => (
                "Blocks testing or the release, no workaround",
                "The app does not start after deploy",
            ),
        }
    }
}

/// A test case. `version` goes up by one on every edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub no: u64,
    pub suite: Option<u64>,
    pub title: String,
    pub description: String,
    pub preconditions: String,
    pub postconditions: String,
    pub steps: Vec<Step>,
    pub priority: CasePriority,
    pub severity: Severity,
    pub case_type: CaseType,
    pub behavior: Behavior,
    pub automation: Automation,
    pub status: CaseStatus,
    pub tags: Vec<String>,
    /// Estimated duration in milliseconds.
    pub estimate_ms: Option<u64>,
    pub muted: bool,
    pub version: u32,
    pub created: Time,
    pub updated: Time,
    // Record version 2 (for imports and a lossless Qase round trip):
    pub flaky: bool,
    pub layer: Layer,
    pub steps_kind: StepsKind,
    pub milestone: Option<String>,
    /// Parameters and their values, e.g. `Username: [John, Barbara]`.
    pub params: Vec<(String, Vec<String>)>,
    /// References: requirement or issue keys, TestRail `references`.
    pub refs: Vec<String>,
    /// The case's identity where it was imported from (`qase:5`,
    /// `testrail:C123`, `junit:Class.name`), so a re-import updates it.
    pub source: Option<String>,
}

impl Case {
    /// A new case with default fields, version 1.
    pub fn new(no: u64, title: impl Into<String>, at: Time) -> Self {
        Self {
            no,
            suite: None,
            title: title.into(),
            description: String::new(),
            preconditions: String::new(),
            postconditions: String::new(),
            steps: Vec::new(),
            priority: CasePriority::NotSet,
            severity: Severity::NotSet,
            case_type: CaseType::Other,
            behavior: Behavior::NotSet,
            automation: Automation::Manual,
            status: CaseStatus::Actual,
            tags: Vec::new(),
            estimate_ms: None,
            muted: false,
            version: 1,
            created: at,
            updated: at,
            flaky: false,
            layer: Layer::Unknown,
            steps_kind: StepsKind::Classic,
            milestone: None,
            params: Vec::new(),
            refs: Vec::new(),
            source: None,
        }
    }

    /// Marks an edit: bumps the version and the update time.
    pub fn touch(&mut self, at: Time) {
        self.version += 1;
        self.updated = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_lists_parse_and_explain() {
        assert_eq!(Severity::parse("Critical").unwrap(), Severity::Critical);
        assert_eq!(CasePriority::parse("not set").unwrap(), CasePriority::NotSet);
        assert_eq!(Automation::parse("to-be-automated").unwrap(), Automation::ToBeAutomated);
        let err = Severity::parse("huge").unwrap_err().to_string();
        assert!(
            err.contains("unknown severity 'huge'") && err.contains("blocker"),
            "{err}"
        );
        assert!(Severity::Blocker > Severity::Critical && Severity::Trivial > Severity::NotSet);
    }

    #[test]
    fn touch_bumps_version() {
        let t = chrono::DateTime::UNIX_EPOCH;
        let mut c = Case::new(1, "Login", t);
        c.touch(t);
        assert_eq!(c.version, 2);
    }
}
