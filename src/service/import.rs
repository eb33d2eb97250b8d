//! `stepwise import`: applies a parsed file to a project in one batch.
//! Suites are matched by path, cases by `source` (else by suite and
//! title), so importing the same file again changes nothing. Updated cases
//! get a new version and their untested tests in active runs follow it.

use super::import_state::Workspace;
use super::{Engine, ServiceError};
use crate::domain::admin;
use crate::domain::{Case, ProjectCode, RunNo};
pub use crate::interop::import::ImportFormat;
use crate::interop::import::{self, CaseFile, Parsed};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// How to import.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ImportOptions {
    pub format: ImportFormat,
    /// JUnit only: record into this run instead of a new one.
    pub run: Option<RunNo>,
    /// JUnit only: the environment of the run the import creates.
    pub environment: Option<String>,
    /// Compute and report the changes, write nothing.
    pub dry_run: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            format: ImportFormat::Auto,
            run: None,
            environment: None,
            dry_run: false,
        }
    }
}

/// Executions of a results file that went to a test another execution of
/// the same file went to too (a parametrized test repeats its name).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shared {
    /// Tests that got more than one execution.
    pub tests: usize,
    /// The executions those tests got, together.
    pub executions: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tally {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// What an import did (or, in a dry run, would do).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    pub file: String,
    pub format: ImportFormat,
    pub project: ProjectCode,
    pub project_created: bool,
    pub dry_run: bool,
    pub suites: Tally,
    pub cases: Tally,
    /// Milestones the cases named that the project lacked.
    pub milestones_created: usize,
    /// Untested tests of active runs that follow an updated case.
    pub tests_synced: usize,
    /// Results recorded (JUnit).
    pub results: usize,
    /// Results not recorded: already there (`--run`), or no case to go to.
    pub results_skipped: usize,
    /// Results recorded on a test that got several of this file (JUnit).
    pub shared: Shared,
    pub run: Option<u64>,
    pub run_created: bool,
    /// One line per change, e.g. `create case "Login" in Auth / Forms`.
    pub changes: Vec<String>,
    pub warnings: Vec<String>,
}

impl ImportReport {
    fn new(file: &str, format: ImportFormat, project: &ProjectCode, dry_run: bool) -> Self {
        Self {
            file: file.to_string(),
            format,
            project: project.clone(),
            project_created: false,
            dry_run,
            suites: Tally::default(),
            cases: Tally::default(),
            milestones_created: 0,
            tests_synced: 0,
            results: 0,
            results_skipped: 0,
            shared: Shared::default(),
            run: None,
            run_created: false,
            changes: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

impl ImportReport {
    /// The summary's line about executions that shared a test, e.g. `128
    /// executions shared 31 tests: each is a result, a test stands at the
    /// most severe`; None when no test got more than one.
    pub fn shared_line(&self) -> Option<String> {
        let Shared { tests, executions } = self.shared;
        (tests > 0).then(|| {
            format!(
                "{executions} executions shared {tests} test(s): each is a result, a test stands at the most severe"
            )
        })
    }
}

/// The names of the fields that differ between two versions of a case.
/// Gives `new` the values of `old` for the fields the file lacks (named as
/// `changed_fields` names them), so a re-import never resets them.
fn keep_lacking(lacks: &[&str], old: &Case, new: &mut Case) {
    for field in lacks {
        match *field {
            "postconditions" => new.postconditions = old.postconditions.clone(),
            "severity" => new.severity = old.severity,
            "status" => new.status = old.status,
            "tags" => new.tags = old.tags.clone(),
            "estimate" => new.estimate_ms = old.estimate_ms,
            "muted" => new.muted = old.muted,
            "flaky" => new.flaky = old.flaky,
            "layer" => new.layer = old.layer,
            "steps_type" => new.steps_kind = old.steps_kind,
            "milestone" => new.milestone = old.milestone.clone(),
            "parameters" => new.params = old.params.clone(),
            "references" => new.refs = old.refs.clone(),
            _ => {}
        }
    }
}

pub fn changed_fields(a: &Case, b: &Case) -> Vec<&'static str> {
    let checks: [(&'static str, bool); 22] = [
        ("title", a.title != b.title),
        ("suite", a.suite != b.suite),
        ("description", a.description != b.description),
        ("preconditions", a.preconditions != b.preconditions),
        ("postconditions", a.postconditions != b.postconditions),
        ("steps", a.steps != b.steps),
        ("priority", a.priority != b.priority),
        ("severity", a.severity != b.severity),
        ("type", a.case_type != b.case_type),
        ("behavior", a.behavior != b.behavior),
        ("automation", a.automation != b.automation),
        ("status", a.status != b.status),
        ("tags", a.tags != b.tags),
        ("estimate", a.estimate_ms != b.estimate_ms),
        ("muted", a.muted != b.muted),
        ("flaky", a.flaky != b.flaky),
        ("layer", a.layer != b.layer),
        ("steps_type", a.steps_kind != b.steps_kind),
        ("milestone", a.milestone != b.milestone),
        ("parameters", a.params != b.params),
        ("references", a.refs != b.refs),
        ("source", a.source != b.source),
    ];
    checks.iter().filter(|(_, d)| *d).map(|(n, _)| *n).collect()
}

impl Engine {
    /// Imports `bytes`, named `name` (for `--format auto` and messages).
    pub fn import_bytes(
        &self,
        code: &ProjectCode,
        name: &str,
        bytes: &[u8],
        opts: ImportOptions,
    ) -> Result<ImportReport, ServiceError> {
        let bad = |e: import::ParseError| ServiceError::Invalid(e.in_file(name));
        let format = match opts.format {
            ImportFormat::Auto => import::detect(name, bytes).map_err(bad)?,
            f => f,
        };
        let parsed = import::parse(format, bytes).map_err(bad)?;
        let mut report = ImportReport::new(name, format, code, opts.dry_run);
        let mut w = Workspace::load(self, code, &mut report)?;
        match parsed {
            Parsed::Cases(file) => {
                if opts.run.is_some() || opts.environment.is_some() {
                    let flag = if opts.run.is_some() { "--run" } else { "--env" };
                    return Err(ServiceError::Invalid(format!(
                        "{flag} applies to results files (JUnit); {name} holds cases"
                    )));
                }
                apply_cases(&mut w, file, &mut report);
                report.tests_synced = w.sync_tests(self)?;
            }
            Parsed::Results(file) => {
                let environment = match (&opts.environment, opts.run) {
                    (Some(_), Some(no)) => {
                        return Err(ServiceError::Invalid(format!(
                            "--env names the environment of the run an import creates; run {no} keeps its own"
                        )));
                    }
                    (Some(e), None) => Some(admin::pick_environment(&w.project, e)?),
                    (None, _) => None,
                };
                self.apply_results(&mut w, file, opts.run, &mut report)?;
                if let (Some(env), Some(no), true) = (environment, report.run, report.run_created)
                    && let Some(run) = w.runs.get_mut(&no)
                {
                    run.environment = Some(env);
                }
            }
        }
        if report.project_created {
            report.changes.insert(0, format!("create project {code}"));
        }
        let batch = w.into_batch(self);
        if !opts.dry_run {
            self.store.commit(batch)?;
        }
        Ok(report)
    }
}

/// Suites by path, then cases by source (else suite and title).
fn apply_cases(w: &mut Workspace, file: CaseFile, report: &mut ImportReport) {
    report.warnings.extend(file.warnings);
    let lacks = file.lacks;
    let milestones: Vec<String> = file.cases.iter().filter_map(|c| c.case.milestone.clone()).collect();
    ensure_milestones(w, &milestones, report);
    for s in &file.suites {
        w.ensure_suite(&s.path, &s.description, &mut report.suites, &mut report.changes);
    }
    let mut by_source: HashMap<String, u64> = HashMap::new();
    let mut by_title: HashMap<(Option<u64>, String), Vec<u64>> = HashMap::new();
    for c in &w.cases {
        match &c.source {
            Some(s) => {
                by_source.entry(s.clone()).or_insert(c.no);
            }
            None => by_title.entry((c.suite, c.title.clone())).or_default().push(c.no),
        }
    }
    let mut claimed: HashSet<u64> = HashSet::new();
    for imported in file.cases {
        let suite = if imported.suite.is_empty() {
            None
        } else {
            w.paths.get(&imported.suite).copied()
        };
        let mut case = imported.case;
        case.suite = suite;
        let label = format!("\"{}\"", case.title);
        let existing = match &case.source {
            Some(s) => by_source.get(s).copied(),
            None => by_title
                .get(&(suite, case.title.clone()))
                .and_then(|nos| nos.iter().copied().find(|n| !claimed.contains(n))),
        };
        match existing {
            Some(no) if claimed.contains(&no) => {
                report.warnings.push(format!(
                    "case {label}: {} appears twice in the file; the first one is kept",
                    case.source.as_deref().unwrap_or("its title")
                ));
            }
            Some(no) => {
                claimed.insert(no);
                let before = w.case(no).cloned();
                if let Some(old) = &before {
                    keep_lacking(&lacks, old, &mut case);
                }
                if w.update_case(no, case) {
                    let after = w.case(no);
                    let fields = match (&before, after) {
                        (Some(b), Some(a)) => changed_fields(b, a).join(", "),
                        _ => String::new(),
                    };
                    report.cases.updated += 1;
                    report
                        .changes
                        .push(format!("update case {}-{no} {label} ({fields})", w.code));
                } else {
                    report.cases.unchanged += 1;
                }
            }
            None => {
                let source = case.source.clone();
                let no = w.create_case(case);
                claimed.insert(no);
                if let Some(s) = source {
                    by_source.insert(s, no);
                }
                report.cases.created += 1;
                report.changes.push(format!("create case {}-{no} {label}", w.code));
            }
        }
    }
}

/// The milestones imported cases name that the project lacks become
/// milestones (a Qase export names them by title).
fn ensure_milestones(w: &mut Workspace, names: &[String], report: &mut ImportReport) {
    for name in names {
        if w.project.milestones.iter().any(|m| admin::same(&m.name, name)) {
            continue;
        }
        match admin::add_milestone(&mut w.project, name, None, "") {
            Ok(()) => {
                w.project_dirty = true;
                report.milestones_created += 1;
                report.changes.push(format!("create milestone \"{}\"", name.trim()));
            }
            Err(e) => report.warnings.push(format!("milestone not created: {e}")),
        }
    }
}

/// Reads a file to import, on the client's side (the server may not see
/// the client's files): the name its messages use, and its bytes.
pub fn read_file(path: &Path) -> Result<(String, Vec<u8>), ServiceError> {
    let bytes = std::fs::read(path)
        .map_err(|e| ServiceError::Invalid(format!("{}:1:1: cannot read the file: {e}", path.display())))?;
    Ok((path.display().to_string(), bytes))
}

#[cfg(test)]
mod keep_tests {
    use super::{changed_fields, keep_lacking};
    use crate::domain::Case;

    #[test]
    fn a_file_that_lacks_a_field_leaves_the_case_its_own() {
        let at = chrono::DateTime::UNIX_EPOCH;
        let mut old = Case::new(1, "Login", at);
        old.muted = true;
        old.tags = vec!["smoke".into()];
        old.refs = vec!["REQ-1".into()];
        // What a TestRail file says of the same case: no tags, not muted.
        let mut new = Case::new(1, "Login", at);
        new.refs = vec!["C12".into()];
        keep_lacking(&["tags", "muted"], &old, &mut new);
        assert!(new.muted && new.tags == old.tags);
        assert_eq!(
            changed_fields(&old, &new),
            ["references"],
            "what the file carries still changes"
        );
    }
}
