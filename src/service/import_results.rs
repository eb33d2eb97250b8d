//! JUnit results: each testcase finds its case (a `stepwise_id` property,
//! the case id in its name, its `junit:` source, or a hand-made case of
//! the same title), created when `auto_create_cases` is on, and its result
//! is recorded with the same rules as `stepwise result`, in a new run
//! titled after the file or in `--run RUN`. Testcases of one test (the
//! same name repeated, as parametrized tests do) each stay a result; the
//! test stands at the most severe of them (`StatusCatalog::severity`).

use super::import::{ImportReport, Tally};
use super::import_state::Workspace;
use super::runs::finish;
use super::{Engine, ServiceError};
use crate::domain::rules::{self, check_can_record};
use crate::domain::{Automation, CaseNo, ConfigCombo, Run, RunNo, RunState, Test, TestResult};
use crate::interop::import::{ImportedResult, ResultsFile, blank_case};
use std::collections::HashMap;

/// `CODE-N` inside a testcase name (not part of a longer word or number).
fn case_id_in_name(name: &str, code: &str) -> Option<u64> {
    let upper = name.to_ascii_uppercase();
    let want = format!("{code}-");
    let mut from = 0;
    while let Some(i) = upper[from..].find(&want) {
        let at = from + i;
        let before_ok = upper[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        let digits: String = upper[at + want.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if before_ok && !digits.is_empty() {
            return digits.parse().ok();
        }
        from = at + want.len();
    }
    None
}

impl Engine {
    pub(super) fn apply_results(
        &self,
        w: &mut Workspace,
        file: ResultsFile,
        run: Option<RunNo>,
        report: &mut ImportReport,
    ) -> Result<(), ServiceError> {
        report.warnings.extend(file.warnings);
        let settings = w.project.settings.clone();
        let code = w.code.clone();
        let mut by_source: HashMap<String, u64> = HashMap::new();
        let mut by_title: HashMap<String, Vec<u64>> = HashMap::new();
        for c in &w.cases {
            match &c.source {
                Some(s) => {
                    by_source.entry(s.clone()).or_insert(c.no);
                }
                None => by_title.entry(c.title.clone()).or_default().push(c.no),
            }
        }
        // Each result's case number, or None when it has none to go to.
        let mut targets: Vec<Option<u64>> = Vec::with_capacity(file.results.len());
        let mut outdated = 0;
        let mut missing = Vec::new();
        let mut suites = Tally::default();
        for r in &file.results {
            let named = r.stepwise_id.as_deref().and_then(|id| match CaseNo::parse(id, &code) {
                Ok(n) if w.case(n.0).is_some() => Some(n.0),
                _ => {
                    report.warnings.push(format!(
                        "line {}: stepwise_id '{id}' names no case of {code}; matched by name instead",
                        r.line
                    ));
                    None
                }
            });
            let by_id = || case_id_in_name(&r.title, code.as_str()).filter(|n| w.case(*n).is_some());
            let found = named.map(|n| (n, false)).or_else(|| by_id().map(|n| (n, false)));
            let found = found
                .or_else(|| by_source.get(&r.source()).map(|n| (*n, true)))
                .or_else(|| match by_title.get(&r.title).map(Vec::as_slice) {
                    Some([one]) => Some((*one, false)),
                    _ => None,
                });
            let no = match found {
                Some((no, own)) => {
                    if self.refresh_case(w, no, r, own, settings.auto_update_cases, &mut suites, report) {
                        outdated += 1;
                    }
                    Some(no)
                }
                None if settings.auto_create_cases => {
                    let suite = w.ensure_suite(&r.suite(), "", &mut suites, &mut report.changes);
                    let mut case = blank_case(&r.title);
                    case.suite = suite;
                    case.automation = Automation::Automated;
                    let case_source = r.source();
                    case.source = Some(case_source.clone());
                    let no = w.create_case(case);
                    by_source.insert(case_source, no);
                    report.cases.created += 1;
                    report.changes.push(format!("create case {code}-{no} \"{}\"", r.title));
                    Some(no)
                }
                None => {
                    missing.push(format!("{} (line {})", r.title, r.line));
                    None
                }
            };
            targets.push(no);
        }
        report.suites.created += suites.created;
        report.suites.updated += suites.updated;
        if outdated > 0 {
            report.warnings.push(format!(
                "{outdated} existing cases differ from the file (title, suite or automation); \
                 auto_update_cases is off, so they were left as they are"
            ));
        }
        if !missing.is_empty() {
            if missing.len() == file.results.len() {
                return Err(ServiceError::Invalid(format!(
                    "no testcase of the file matches a case of {code}, and auto_create_cases is off: \
                     add stepwise_id properties or turn it on (stepwise settings --set auto_create_cases=true)"
                )));
            }
            report.warnings.push(format!(
                "{} testcases match no case and auto_create_cases is off; their results were skipped: {}",
                missing.len(),
                missing.iter().take(10).cloned().collect::<Vec<_>>().join(", ")
            ));
            report.results_skipped += missing.len();
        }
        report.tests_synced = w.sync_tests(self)?;
        self.record_all(w, &file.results, &targets, run, report)
    }

    /// Applies what JUnit knows of a case it matched: automated, and for a
    /// case it created earlier also its title and suite. Returns whether
    /// the case differs but `auto_update_cases` is off.
    #[allow(clippy::too_many_arguments)]
    fn refresh_case(
        &self,
        w: &mut Workspace,
        no: u64,
        r: &ImportedResult,
        own: bool,
        auto_update: bool,
        suites: &mut Tally,
        report: &mut ImportReport,
    ) -> bool {
        let Some(old) = w.case(no).cloned() else { return false };
        let moved = own && w.paths.get(&r.suite()).copied() != old.suite;
        let renamed = own && old.title != r.title;
        if old.automation == Automation::Automated && !moved && !renamed {
            return false;
        }
        if !auto_update {
            return true;
        }
        let mut case = old;
        case.automation = Automation::Automated;
        if renamed {
            case.title = r.title.clone();
        }
        if moved {
            case.suite = w.ensure_suite(&r.suite(), "", suites, &mut report.changes);
        }
        if w.update_case(no, case) {
            report.cases.updated += 1;
            report
                .changes
                .push(format!("update case {}-{no} \"{}\"", w.code, r.title));
        }
        false
    }

    /// Records every result in one run, with the rules of `stepwise result`.
    fn record_all(
        &self,
        w: &mut Workspace,
        results: &[ImportedResult],
        targets: &[Option<u64>],
        run: Option<RunNo>,
        report: &mut ImportReport,
    ) -> Result<(), ServiceError> {
        let code = w.code.clone();
        let settings = w.project.settings.clone();
        let now = w.now;
        let (mut run, mut tests) = match run {
            Some(no) => {
                let run = self.run(&code, no)?;
                let mut tests = self.tests(&code, run.no)?;
                for t in &mut tests {
                    if let Some(dirty) = w.tests.get(&(t.run, t.id)) {
                        *t = dirty.clone();
                    }
                }
                (run, tests)
            }
            None => {
                let no = w.project.next_run();
                w.project_dirty = true;
                report.run_created = true;
                let title = std::path::Path::new(&report.file)
                    .file_name()
                    .map_or_else(|| report.file.clone(), |n| n.to_string_lossy().into_owned());
                (new_run(no, title, self.user(), now), Vec::new())
            }
        };
        // New tests get ids never used in this run (ids of removed tests
        // stay taken: defects may still link to them).
        run.next_test = run.next_test.max(tests.iter().map(|t| t.id + 1).max().unwrap_or(0));
        report.run = Some(run.no);
        let label = RunNo(run.no).to_string();
        let before: HashMap<u32, usize> = tests.iter().map(|t| (t.id, t.results.len())).collect();
        let mut changed: std::collections::HashSet<u32> = std::collections::HashSet::new();
        // Case number -> its first test's index: one look-up per result.
        let mut first_test: HashMap<u64, usize> = HashMap::new();
        for (i, t) in tests.iter().enumerate() {
            first_test.entry(t.case_no).or_insert(i);
        }
        let catalog = w.project.catalog();
        let mut pending: Vec<(usize, crate::domain::ResultStatus, &ImportedResult)> = Vec::new();
        for (r, target) in results.iter().zip(targets) {
            let Some(no) = *target else { continue };
            let index = match first_test.get(&no).copied() {
                Some(i) => i,
                None => {
                    let case = w
                        .case(no)
                        .cloned()
                        .ok_or_else(|| ServiceError::NotFound(format!("case {no}")))?;
                    for combo in ConfigCombo::cross_product(&run.configs) {
                        tests.push(Test::new(run.no, run.take_test_id(), &case, combo));
                    }
                    if !report.run_created {
                        report.changes.push(format!("add {code}-{no} to run {label}"));
                    }
                    let first = tests.len() - ConfigCombo::cross_product(&run.configs).len();
                    first_test.insert(no, first);
                    first
                }
            };
            let test = &tests[index];
            let status = rules::final_status(&settings, &catalog, r.status, &[]);
            let old = before.get(&test.id).copied().unwrap_or(0);
            let known = test.results[..old.min(test.results.len())]
                .iter()
                .any(|x| x.status == status && x.comment == r.comment && x.duration_ms == r.duration_ms);
            if known {
                report.results_skipped += 1;
                continue;
            }
            check_can_record(&settings, &label, run.state, test.assignee.as_deref(), self.user())?;
            pending.push((index, status, r));
        }
        // Several executions of one test (a parametrized test repeats its
        // name) all stay results, recorded least severe first: the test
        // stands at the most severe, so a failure is never hidden by a
        // later pass. The sort is stable: equals keep the file's order.
        pending.sort_by_key(|(index, status, _)| (*index, catalog.severity(*status)));
        let mut executions: HashMap<usize, usize> = HashMap::new();
        for (index, status, r) in pending {
            *executions.entry(index).or_default() += 1;
            let test = &mut tests[index];
            test.push_result(TestResult {
                status,
                steps: Vec::new(),
                comment: r.comment.clone(),
                attachments: Vec::new(),
                duration_ms: r.duration_ms,
                author: self.user().to_string(),
                at: now,
                defects: Vec::new(),
            });
            report.results += 1;
            changed.insert(test.id);
        }
        for n in executions.into_values().filter(|n| *n > 1) {
            report.shared.tests += 1;
            report.shared.executions += n;
        }
        if changed.is_empty() && !report.run_created {
            return Ok(());
        }
        run.test_count = tests.len() as u32;
        if report.results > 0 {
            run.started.get_or_insert(now);
        }
        if run.state == RunState::Active && rules::should_auto_complete(&settings, tests.iter().map(Test::state)) {
            finish(&w.project, &mut run, &tests, RunState::Completed, now);
        }
        let verb = if report.run_created {
            "create run"
        } else {
            "record in run"
        };
        report
            .changes
            .push(format!("{verb} {label} \"{}\": {} results", run.title, report.results));
        for t in tests {
            if report.run_created || changed.contains(&t.id) || !before.contains_key(&t.id) {
                w.tests.insert((t.run, t.id), t);
            }
        }
        w.project.note_user(self.user());
        w.project_dirty = true;
        w.runs.insert(run.no, run);
        Ok(())
    }
}

fn new_run(no: u64, title: String, author: &str, now: crate::domain::Time) -> Run {
    Run {
        no,
        title,
        description: String::new(),
        environment: None,
        milestone: None,
        configs: Vec::new(),
        tags: Vec::new(),
        author: author.to_string(),
        created: now,
        started: None,
        ended: None,
        state: RunState::Active,
        outcome: None,
        test_count: 0,
        next_test: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::case_id_in_name;

    #[test]
    fn case_ids_in_names() {
        assert_eq!(case_id_in_name("DEMO-12 logs in", "DEMO"), Some(12));
        assert_eq!(case_id_in_name("test_login[demo-3]", "DEMO"), Some(3));
        assert_eq!(case_id_in_name("XDEMO-4", "DEMO"), None);
        assert_eq!(case_id_in_name("DEMO-x", "DEMO"), None);
    }
}
