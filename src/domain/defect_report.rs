//! What a defect filed from a result says: a title naming what happened,
//! the actual result (what the tester saw, never the case's expected
//! result), and a structured description with the expected result, the
//! steps to reproduce, the environment and the configuration. Pure: the
//! wizard gets it through `service`.

use super::{Case, ConfigCombo, ResultStatus, StatusCatalog, StepResult};

/// What the tester recorded, or is about to record, on a test.
#[derive(Clone, Copy, Debug)]
pub struct Observed<'a> {
    pub status: ResultStatus,
    /// Per step, by index (may be shorter than the case's steps).
    pub steps: &'a [StepResult],
    /// The result's comment.
    pub comment: &'a str,
}

/// One step to reproduce: the case's step and what was recorded on it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReproStep {
    pub action: String,
    pub data: String,
    pub status: Option<ResultStatus>,
}

/// The prefilled content of a defect filed from a result.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DefectReport {
    /// The case's title and what happened: `… fails`, `… is blocked`.
    pub title: String,
    /// What the tester typed: the failed step's comment, else the result's
    /// comment, else empty.
    pub actual: String,
    /// The first step recorded with a negative status (0-based).
    pub failed_step: Option<usize>,
    /// That step's comment, trimmed (empty when none).
    pub step_comment: String,
    /// The failed step's expected result; with no failed step, the last
    /// step's that has one.
    pub expected: String,
    /// The step `expected` comes from (0-based).
    pub expected_step: Option<usize>,
    pub preconditions: String,
    /// The case's steps up to the failed one (all of them when none failed).
    pub steps: Vec<ReproStep>,
    pub environment: Option<String>,
    /// `Browser: Firefox, OS: Linux`; empty when the run has none.
    pub configuration: String,
}

/// The title's verb: what happened, in words.
pub fn title_for(case_title: &str, status: ResultStatus, catalog: &StatusCatalog) -> String {
    match status {
        ResultStatus::Failed => format!("{case_title} fails"),
        ResultStatus::Blocked => format!("{case_title} is blocked"),
        ResultStatus::Invalid => format!("{case_title} is invalid"),
        other => format!("{case_title}: {}", catalog.name(other).to_lowercase()),
    }
}

/// Whether `title` is one this module makes for the case (for any status):
/// a draft holding it was not typed, so a dialog for another status may
/// replace it (`… fails` kept after `b` would say the wrong thing).
pub fn is_default_title(case_title: &str, title: &str, catalog: &StatusCatalog) -> bool {
    catalog
        .selectable()
        .into_iter()
        .any(|s| title_for(case_title, s, catalog) == title)
}

/// What a defect filed from `observed` on `case` (in configuration
/// `config`, in a run on `environment`) says before the tester edits it.
pub fn defect_report(
    case: &Case,
    config: &ConfigCombo,
    environment: Option<&str>,
    observed: Observed,
    catalog: &StatusCatalog,
) -> DefectReport {
    let failed_step = observed
        .steps
        .iter()
        .take(case.steps.len())
        .position(|s| s.status.is_some_and(|st| catalog.is_negative(st)));
    let step_comment = failed_step
        .and_then(|i| observed.steps.get(i))
        .map(|s| s.comment.trim().to_string())
        .unwrap_or_default();
    let expected_step = match failed_step {
        Some(i) => Some(i),
        None => case.steps.iter().rposition(|s| !s.expected.trim().is_empty()),
    };
    let expected = expected_step
        .and_then(|i| case.steps.get(i))
        .map(|s| s.expected.trim().to_string())
        .unwrap_or_default();
    let upto = failed_step.map_or(case.steps.len(), |i| i + 1);
    let steps = case.steps[..upto]
        .iter()
        .enumerate()
        .map(|(i, s)| ReproStep {
            action: s.action.trim().to_string(),
            data: s.data.trim().to_string(),
            status: observed.steps.get(i).and_then(|r| r.status),
        })
        .collect();
    let configuration = config
        .0
        .iter()
        .map(|(group, value)| format!("{group}: {value}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut report = DefectReport {
        title: title_for(&case.title, observed.status, catalog),
        actual: String::new(),
        failed_step,
        step_comment,
        expected,
        expected_step,
        preconditions: case.preconditions.trim().to_string(),
        steps,
        environment: environment.map(str::trim).filter(|e| !e.is_empty()).map(str::to_string),
        configuration,
    };
    report.actual = report.actual_for(observed.comment);
    report
}

impl DefectReport {
    /// The actual result when the result's comment is `comment`: the failed
    /// step's comment wins, else the comment, else nothing. Never the
    /// expected result.
    pub fn actual_for(&self, comment: &str) -> String {
        if self.step_comment.is_empty() {
            comment.trim().to_string()
        } else {
            self.step_comment.clone()
        }
    }

    /// The defect's description: expected result, steps to reproduce,
    /// environment and configuration, as labelled sections (the actual
    /// result has a field of its own). Statuses are named by `catalog`.
    pub fn description(&self, catalog: &StatusCatalog) -> String {
        let mut out = Vec::new();
        if !self.expected.is_empty() {
            let at = self
                .expected_step
                .map_or(String::new(), |i| format!(" (step {})", i + 1));
            out.push(format!("Expected result{at}: {}", self.expected));
        }
        if !self.preconditions.is_empty() || !self.steps.is_empty() {
            if !out.is_empty() {
                out.push(String::new());
            }
            out.push("Steps to reproduce:".to_string());
            if !self.preconditions.is_empty() {
                out.push(format!("Preconditions: {}", self.preconditions));
            }
            for (i, s) in self.steps.iter().enumerate() {
                let status = s.status.map_or(String::new(), |st| format!(" [{}]", catalog.slug(st)));
                out.push(format!("{}. {}{status}", i + 1, s.action));
                if !s.data.is_empty() {
                    out.push(format!("   Data: {}", s.data));
                }
            }
        }
        let mut context = Vec::new();
        if let Some(env) = &self.environment {
            context.push(format!("Environment: {env}"));
        }
        if !self.configuration.is_empty() {
            context.push(format!("Configuration: {}", self.configuration));
        }
        if !context.is_empty() {
            if !out.is_empty() {
                out.push(String::new());
            }
            out.extend(context);
        }
        out.join("\n")
    }

    /// One short line saying what the description holds, for the dialog:
    /// `expected result (step 2), steps 1-2, staging, Browser: Firefox`.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(i) = self.expected_step.filter(|_| !self.expected.is_empty()) {
            parts.push(format!("expected result (step {})", i + 1));
        }
        match self.steps.len() {
            0 => {}
            1 => parts.push("step 1".to_string()),
            n => parts.push(format!("steps 1-{n}")),
        }
        if let Some(env) = &self.environment {
            parts.push(env.clone());
        }
        if !self.configuration.is_empty() {
            parts.push(self.configuration.clone());
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Step;

    fn case() -> Case {
        let mut c = Case::new(4, "Register a new customer account", chrono::DateTime::UNIX_EPOCH);
        c.preconditions = "Email is not registered.".into();
        let step = |a: &str, d: &str, e: &str| Step {
            action: a.into(),
            data: d.into(),
            expected: e.into(),
            level: 0,
        };
        c.steps = vec![
            step("Open /login", "", "The form is shown."),
            step("Submit a weak password", "12345", "Inline error: too short."),
            step("Submit a strong password", "", "Account is created."),
        ];
        c
    }

    fn marks(v: &[(Option<ResultStatus>, &str)]) -> Vec<StepResult> {
        v.iter()
            .map(|(s, c)| StepResult {
                status: *s,
                comment: c.to_string(),
            })
            .collect()
    }

    fn firefox() -> ConfigCombo {
        ConfigCombo(vec![("Browser".into(), "Firefox".into())])
    }

    fn report(status: ResultStatus, steps: &[StepResult], comment: &str) -> DefectReport {
        let catalog = StatusCatalog::new(&[]);
        let observed = Observed { status, steps, comment };
        defect_report(&case(), &firefox(), Some("staging"), observed, &catalog)
    }

    use ResultStatus::*;

    #[test]
    fn actual_is_what_the_tester_typed_never_the_expected_result() {
        let steps = marks(&[(Some(Passed), ""), (Some(Failed), " 12345 was accepted "), (None, "")]);
        let r = report(Failed, &steps, "see the step");
        assert_eq!(r.actual, "12345 was accepted");
        assert_eq!(r.failed_step, Some(1));
        assert_eq!(r.expected, "Inline error: too short.");
        // Without a step comment, the result's comment.
        let steps = marks(&[(Some(Passed), ""), (Some(Failed), ""), (None, "")]);
        assert_eq!(report(Failed, &steps, "no error shown").actual, "no error shown");
        // Nothing typed: empty, not the expected result.
        let r = report(Failed, &steps, "  ");
        assert_eq!(r.actual, "");
        assert_eq!(r.actual_for("typed later"), "typed later");
    }

    #[test]
    fn steps_to_reproduce_stop_at_the_failed_step() {
        let steps = marks(&[(Some(Passed), ""), (Some(Failed), "")]);
        let r = report(Failed, &steps, "");
        let actions: Vec<&str> = r.steps.iter().map(|s| s.action.as_str()).collect();
        assert_eq!(actions, ["Open /login", "Submit a weak password"]);
        assert_eq!(r.steps[1].data, "12345");
        assert_eq!(r.steps[1].status, Some(Failed));
        // No failed step: every step, and the last expected result.
        let r = report(Blocked, &[], "mail server down");
        assert_eq!(r.steps.len(), 3);
        assert_eq!((r.expected_step, r.expected.as_str()), (Some(2), "Account is created."));
        assert_eq!(r.actual, "mail server down");
    }

    #[test]
    fn a_blocked_step_counts_as_the_failed_one() {
        let steps = marks(&[(Some(Blocked), "no mail")]);
        let r = report(Blocked, &steps, "");
        assert_eq!((r.failed_step, r.actual.as_str()), (Some(0), "no mail"));
        assert_eq!(r.steps.len(), 1);
    }

    #[test]
    fn the_title_says_what_happened() {
        let steps = [];
        assert_eq!(
            report(Failed, &steps, "").title,
            "Register a new customer account fails"
        );
        assert_eq!(
            report(Blocked, &steps, "").title,
            "Register a new customer account is blocked"
        );
        assert_eq!(
            report(Invalid, &steps, "").title,
            "Register a new customer account is invalid"
        );
        assert_eq!(
            report(Skipped, &steps, "").title,
            "Register a new customer account: skipped"
        );
    }

    #[test]
    fn a_default_title_is_known_as_such() {
        let catalog = StatusCatalog::new(&[]);
        let title = "Register a new customer account";
        assert!(is_default_title(
            title,
            "Register a new customer account fails",
            &catalog
        ));
        assert!(is_default_title(
            title,
            "Register a new customer account is blocked",
            &catalog
        ));
        assert!(!is_default_title(title, "Weak password accepted", &catalog));
    }

    #[test]
    fn the_description_holds_expected_steps_environment_and_configuration() {
        let steps = marks(&[(Some(Passed), ""), (Some(Failed), "accepted")]);
        let r = report(Failed, &steps, "");
        let catalog = StatusCatalog::new(&[]);
        assert_eq!(
            r.description(&catalog),
            "Expected result (step 2): Inline error: too short.\n\
             \n\
             Steps to reproduce:\n\
             Preconditions: Email is not registered.\n\
             1. Open /login [passed]\n\
             2. Submit a weak password [failed]\n   Data: 12345\n\
             \n\
             Environment: staging\n\
             Configuration: Browser: Firefox"
        );
        assert_eq!(
            r.summary(),
            "expected result (step 2), steps 1-2, staging, Browser: Firefox"
        );
    }

    #[test]
    fn a_case_without_steps_or_context_gives_an_empty_description() {
        let mut c = case();
        c.steps.clear();
        c.preconditions.clear();
        let catalog = StatusCatalog::new(&[]);
        let observed = Observed {
            status: Failed,
            steps: &marks(&[(Some(Failed), "x")]),
            comment: "broke",
        };
        let r = defect_report(&c, &ConfigCombo::default(), None, observed, &catalog);
        assert_eq!(r.description(&catalog), "");
        assert_eq!(r.actual, "broke");
        assert_eq!(r.failed_step, None);
    }
}
