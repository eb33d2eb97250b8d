//! Editing a case: the fields a tester can change, the checks they pass
//! before anything is written, and step nesting.

use super::estimate::MAX_ESTIMATE_MS;
use super::{Automation, Behavior, Case, CasePriority, CaseStatus, CaseType, Layer, Severity, Step, StepsKind};
use std::fmt;

pub use super::estimate::{format_estimate, parse_estimate};

/// Why a field cannot be saved: which field, and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as the editor labels it (`title`, `step 2`, ...).
    pub field: String,
    pub message: String,
}

impl FieldError {
    fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Every field of a case a tester edits (PRODUCT.md §2). The number,
/// version, times and import source are not among them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CaseFields {
    pub title: String,
    pub suite: Option<u64>,
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
    pub estimate_ms: Option<u64>,
    pub muted: bool,
    pub flaky: bool,
    pub layer: Layer,
    pub steps_kind: StepsKind,
    pub milestone: Option<String>,
    pub params: Vec<(String, Vec<String>)>,
    pub refs: Vec<String>,
}

impl CaseFields {
    /// A new case's fields: `title`, everything else at its default.
    pub fn new(title: impl Into<String>) -> Self {
        Self::of(&Case::new(0, title, chrono::DateTime::UNIX_EPOCH))
    }

    pub fn of(c: &Case) -> Self {
        Self {
            title: c.title.clone(),
            suite: c.suite,
            description: c.description.clone(),
            preconditions: c.preconditions.clone(),
            postconditions: c.postconditions.clone(),
            steps: c.steps.clone(),
            priority: c.priority,
            severity: c.severity,
            case_type: c.case_type,
            behavior: c.behavior,
            automation: c.automation,
            status: c.status,
            tags: c.tags.clone(),
            estimate_ms: c.estimate_ms,
            muted: c.muted,
            flaky: c.flaky,
            layer: c.layer,
            steps_kind: c.steps_kind,
            milestone: c.milestone.clone(),
            params: c.params.clone(),
            refs: c.refs.clone(),
        }
    }

    /// Tidies the fields (trims, drops empty tags, references and fully
    /// empty steps) and checks them; the error names the field.
    pub fn check(&mut self) -> Result<(), FieldError> {
        self.title = self.title.trim().to_string();
        if self.title.is_empty() {
            return Err(FieldError::new("title", "a case needs a title"));
        }
        if self.title.contains('\n') {
            return Err(FieldError::new("title", "the title is one line"));
        }
        if self.title.chars().count() > 255 {
            return Err(FieldError::new("title", "at most 255 characters"));
        }
        self.tags = tidy_list(&self.tags);
        if let Some(t) = self.tags.iter().find(|t| t.contains(',')) {
            return Err(FieldError::new("tags", format!("tag '{t}' contains a comma")));
        }
        self.refs = tidy_list(&self.refs);
        self.milestone = self.milestone.take().filter(|m| !m.trim().is_empty());
        if let Some(ms) = self.estimate_ms {
            if ms == 0 {
                self.estimate_ms = None;
            } else if ms > MAX_ESTIMATE_MS {
                return Err(FieldError::new("estimate", "at most 1000h"));
            }
        }
        self.check_params()?;
        self.check_steps()
    }

    fn check_params(&mut self) -> Result<(), FieldError> {
        let mut seen: Vec<String> = Vec::new();
        for (name, values) in &mut self.params {
            *name = name.trim().to_string();
            if name.is_empty() {
                return Err(FieldError::new(
                    "parameters",
                    "a parameter needs a name (Name: value, value)",
                ));
            }
            if seen.contains(&name.to_lowercase()) {
                return Err(FieldError::new(
                    "parameters",
                    format!("parameter '{name}' is given twice"),
                ));
            }
            seen.push(name.to_lowercase());
            *values = values
                .iter()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            if values.is_empty() {
                return Err(FieldError::new(
                    "parameters",
                    format!("parameter '{name}' has no values"),
                ));
            }
        }
        Ok(())
    }

    fn check_steps(&mut self) -> Result<(), FieldError> {
        let empty = |s: &Step| s.action.trim().is_empty() && s.data.trim().is_empty() && s.expected.trim().is_empty();
        self.steps.retain(|s| !empty(s));
        let mut above: Option<u8> = None;
        for (i, s) in self.steps.iter().enumerate() {
            let field = format!("step {}", i + 1);
            if s.action.trim().is_empty() {
                return Err(FieldError::new(field, "the action is empty"));
            }
            let deepest = above.map_or(0, |l| l.saturating_add(1));
            if s.level > deepest {
                return Err(FieldError::new(
                    field,
                    "nested deeper than one level below the step above",
                ));
            }
            above = Some(s.level);
        }
        Ok(())
    }

    /// Writes the fields into `case`; returns whether anything changed (the
    /// caller then bumps the version).
    pub fn apply(&self, case: &mut Case) -> bool {
        if Self::of(case) == *self {
            return false;
        }
        case.title = self.title.clone();
        case.suite = self.suite;
        case.description = self.description.clone();
        case.preconditions = self.preconditions.clone();
        case.postconditions = self.postconditions.clone();
        case.steps = self.steps.clone();
        case.priority = self.priority;
        case.severity = self.severity;
        case.case_type = self.case_type;
        case.behavior = self.behavior;
        case.automation = self.automation;
        case.status = self.status;
        case.tags = self.tags.clone();
        case.estimate_ms = self.estimate_ms;
        case.muted = self.muted;
        case.flaky = self.flaky;
        case.layer = self.layer;
        case.steps_kind = self.steps_kind;
        case.milestone = self.milestone.clone();
        case.params = self.params.clone();
        case.refs = self.refs.clone();
        true
    }
}

/// Trimmed, without empty entries or case-insensitive duplicates.
fn tidy_list(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in items.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t.to_string());
        }
    }
    out
}

/// Makes step nesting valid: the first step at level 0, each step at most
/// one level below the step above it.
pub fn normalize_levels(steps: &mut [Step]) {
    let mut above: Option<u8> = None;
    for s in steps {
        s.level = s.level.min(above.map_or(0, |l| l.saturating_add(1)));
        above = Some(s.level);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(action: &str, level: u8) -> Step {
        Step {
            action: action.into(),
            level,
            ..Step::default()
        }
    }

    #[test]
    fn check_tidies_and_names_the_field() {
        let mut f = CaseFields::new("  Login  ");
        f.tags = vec![" smoke".into(), "".into(), "Smoke".into(), "auth".into()];
        f.steps = vec![step("Open", 0), Step::default(), step("Type", 1)];
        f.check().unwrap();
        assert_eq!(f.title, "Login");
        assert_eq!(f.tags, ["smoke", "auth"]);
        assert_eq!(f.steps.len(), 2);

        let mut f = CaseFields::new(" ");
        assert_eq!(f.check().unwrap_err().field, "title");
        let mut f = CaseFields::new("x");
        f.steps = vec![step("a", 0), step("b", 2)];
        assert_eq!(f.check().unwrap_err().field, "step 2");
        f.steps = vec![
            step("a", 0),
            Step {
                data: "d".into(),
                ..Step::default()
            },
        ];
        assert_eq!(f.check().unwrap_err().to_string(), "step 2: the action is empty");
        let mut f = CaseFields::new("x");
        f.params = vec![("User".into(), vec!["a".into()]), ("user".into(), vec!["b".into()])];
        assert!(f.check().unwrap_err().message.contains("twice"));
    }

    #[test]
    fn levels_are_normalised_below_the_step_above() {
        let mut steps = vec![step("a", 1), step("b", 3), step("c", 1)];
        normalize_levels(&mut steps);
        let levels: Vec<u8> = steps.iter().map(|s| s.level).collect();
        assert_eq!(levels, [0, 1, 1]);
    }
}
