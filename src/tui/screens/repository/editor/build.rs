//! From the form to the case's fields: lists split on commas, parameters
//! one per line, the estimate parsed. An error names the field it is in,
//! so the editor can put the focus there.

use super::slots::{Id, Slot};
use super::steps::StepRow;
use super::{CaseEditor, Focus};
use crate::domain::case_edit::{CaseFields, FieldError, normalize_levels, parse_estimate};
use crate::domain::{Automation, Behavior, CasePriority, CaseStatus, CaseType, Layer, Severity, Step, StepsKind};

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// `Name: a, b` per line; blank lines are skipped.
pub fn parse_params(text: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let Some((name, values)) = line.split_once(':') else {
            return Err(format!("line {}: write `Name: value, value`", i + 1));
        };
        out.push((name.trim().to_string(), list(values)));
    }
    Ok(out)
}

pub fn steps_of(rows: &[StepRow]) -> Vec<Step> {
    let mut steps: Vec<Step> = rows.iter().map(StepRow::step).collect();
    normalize_levels(&mut steps);
    steps
}

impl CaseEditor {
    fn slot(&self, id: Id) -> Option<&Slot> {
        self.slots.iter().find(|s| s.id == id)
    }

    fn text_of(&self, id: Id) -> String {
        self.slot(id).map(Slot::text).unwrap_or_default()
    }

    pub(super) fn focus_of(&self, id: Id) -> Focus {
        Focus::Slot(self.slots.iter().position(|s| s.id == id).unwrap_or(0))
    }

    /// The fields the form describes, checked; or the focus and message of
    /// the first problem.
    pub fn fields(&self) -> Result<CaseFields, (Focus, String)> {
        let t = |id| self.text_of(id);
        let err = |id, message: String| (self.focus_of(id), format!("{}: {message}", label(id)));
        let estimate_ms = parse_estimate(&t(Id::Estimate)).map_err(|e| err(Id::Estimate, e))?;
        let params = parse_params(&t(Id::Parameters)).map_err(|e| err(Id::Parameters, e))?;
        let mut steps = steps_of(&self.steps);
        let empty = |s: &Step| s.action.trim().is_empty() && s.data.trim().is_empty() && s.expected.trim().is_empty();
        let kept: Vec<usize> = (0..steps.len()).filter(|i| !empty(&steps[*i])).collect();
        steps.retain(|s| !empty(s));
        let milestone = t(Id::Milestone);
        let suite = match self.slot(Id::Suite).map(|s| &s.value) {
            Some(super::slots::Value::Suite(s)) => *s,
            _ => None,
        };
        let mut f = CaseFields {
            title: t(Id::Title),
            suite,
            description: t(Id::Description),
            preconditions: t(Id::Preconditions),
            postconditions: t(Id::Postconditions),
            steps,
            priority: CasePriority::parse(&t(Id::Priority)).unwrap_or(CasePriority::NotSet),
            severity: Severity::parse(&t(Id::Severity)).unwrap_or(Severity::NotSet),
            case_type: CaseType::parse(&t(Id::Type)).unwrap_or(CaseType::Other),
            behavior: Behavior::parse(&t(Id::Behavior)).unwrap_or(Behavior::NotSet),
            automation: Automation::parse(&t(Id::Automation)).unwrap_or(Automation::Manual),
            status: CaseStatus::parse(&t(Id::Status)).unwrap_or(CaseStatus::Actual),
            tags: list(&t(Id::Tags)),
            estimate_ms,
            muted: t(Id::Muted) == "yes",
            flaky: t(Id::Flaky) == "yes",
            layer: Layer::parse(&t(Id::Layer)).unwrap_or(Layer::Unknown),
            steps_kind: StepsKind::parse(&t(Id::StepsKind)).unwrap_or(StepsKind::Classic),
            milestone: (milestone != "none").then_some(milestone),
            params,
            refs: list(&t(Id::References)),
        };
        f.check().map_err(|e| (self.focus_for(&e, &kept), e.to_string()))?;
        Ok(f)
    }

    /// Where a checking error points: its field, or the step it names
    /// (`kept` maps checked steps back to the form's rows).
    fn focus_for(&self, e: &FieldError, kept: &[usize]) -> Focus {
        if let Some(n) = e.field.strip_prefix("step ").and_then(|n| n.parse::<usize>().ok()) {
            let row = kept.get(n.saturating_sub(1)).copied().unwrap_or(0);
            return Focus::Step(row, super::steps::Part::Action);
        }
        let id = match e.field.as_str() {
            "tags" => Id::Tags,
            "estimate" => Id::Estimate,
            "parameters" => Id::Parameters,
            _ => Id::Title,
        };
        self.focus_of(id)
    }
}

fn label(id: Id) -> &'static str {
    match id {
        Id::Estimate => "estimate",
        Id::Parameters => "parameters",
        _ => "field",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_and_lists_parse() {
        let p = parse_params("Browser: Chrome, Firefox\n\nUser:ann").unwrap();
        assert_eq!(
            p[0],
            ("Browser".to_string(), vec!["Chrome".to_string(), "Firefox".to_string()])
        );
        assert_eq!(p[1].1, ["ann"]);
        assert!(parse_params("oops").unwrap_err().contains("line 1"));
        assert_eq!(list(" a, ,b "), ["a", "b"]);
    }
}
