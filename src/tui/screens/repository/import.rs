//! Importing a file from the repository tab (`i`): a path with Tab
//! completion, then what the import would change (a dry run), then, once
//! confirmed, the import itself through `Service::import_file`. Errors stay
//! in the dialog and nothing is written.

use super::RepositoryScreen;
use super::dialogs::RepoDialog;
use crate::service::ImportFormat;
use crate::service::{ImportOptions, ImportReport, Service, ServiceError, Tally};
use crate::tui::keymap::Scope;
use crate::tui::screen::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::field::draw_field;
use crate::tui::widgets::input::TextInput;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// How many of the dry run's changes the confirmation lists.
const CHANGES_SHOWN: usize = 8;

/// The stack of the thread an import runs on: far more than the importers'
/// bounded recursion needs (suites nest at most 256 deep), whatever the
/// main thread was given.
const IMPORT_STACK: usize = 64 * 1024 * 1024;

/// Runs an import on a thread of its own (with [`IMPORT_STACK`]) and waits
/// for it: a panic there comes back as a message for the dialog, and the
/// terminal stays the TUI's.
pub fn import_on_worker(
    svc: &Service,
    code: &crate::domain::ProjectCode,
    path: &Path,
    opts: ImportOptions,
) -> Result<ImportReport, String> {
    let run = || svc.import_file(code, path, opts).map_err(|e| e.to_string());
    on_worker(run)
}

/// `work` on a thread with [`IMPORT_STACK`]; its panic becomes an error.
fn on_worker<T: Send>(work: impl FnOnce() -> Result<T, String> + Send) -> Result<T, String> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("import".into())
            .stack_size(IMPORT_STACK)
            .spawn_scoped(scope, work)
            .map_err(|e| format!("could not start the import: {e}"))?;
        handle.join().unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".into());
            Err(format!("the import stopped unexpectedly ({why}); nothing was written"))
        })
    })
}

pub struct ImportDialog {
    /// The path being typed, its completion candidates and the last error
    /// (the wizard's attach input, reused).
    pub input: TextInput,
    /// Set once the dry run succeeded: the file and what it would change.
    pub preview: Option<(PathBuf, ImportReport)>,
}

impl ImportDialog {
    pub fn new() -> Self {
        Self {
            input: TextInput::default(),
            preview: None,
        }
    }

    pub fn scope(&self) -> Scope {
        if self.preview.is_some() {
            Scope::Confirm
        } else {
            Scope::RepoPath
        }
    }

    /// The typed path, trimmed, with a leading `~/` expanded.
    fn path(&self) -> Option<PathBuf> {
        self.input.expanded_path()
    }
}

impl Default for ImportDialog {
    fn default() -> Self {
        Self::new()
    }
}

/// The file's name, for messages.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn format_name(f: ImportFormat) -> &'static str {
    match f {
        ImportFormat::Auto => "auto",
        ImportFormat::QaseCsv => "Qase CSV",
        ImportFormat::QaseJson => "Qase JSON",
        ImportFormat::TestrailXml => "TestRail XML",
        ImportFormat::Junit => "JUnit XML",
    }
}

fn tally(t: &Tally) -> String {
    format!("{} new, {} updated, {} unchanged", t.created, t.updated, t.unchanged)
}

/// What the dry run found, one line each.
pub fn summary(r: &ImportReport) -> Vec<String> {
    let mut lines = vec![
        format!("{} into {}", format_name(r.format), r.project),
        format!("Suites: {}", tally(&r.suites)),
        format!("Cases:  {}", tally(&r.cases)),
    ];
    if r.tests_synced > 0 {
        lines.push(format!("Untested tests following an updated case: {}", r.tests_synced));
    }
    if let Some(run) = r.run {
        let which = if r.run_created { "a new run" } else { "run" };
        lines.push(format!(
            "Results: {} into {which} #{run}, {} skipped",
            r.results, r.results_skipped
        ));
    }
    lines.extend(r.shared_line());
    if r.changes.is_empty() {
        lines.push("Nothing would change: the repository already matches the file.".into());
    }
    lines.extend(r.changes.iter().take(CHANGES_SHOWN).map(|c| format!("  {c}")));
    if r.changes.len() > CHANGES_SHOWN {
        lines.push(format!("  ... and {} more", r.changes.len() - CHANGES_SHOWN));
    }
    match r.warnings.len() {
        0 => {}
        1 => lines.push(format!("Warning: {}", r.warnings[0])),
        n => lines.push(format!("{n} warnings, the first: {}", r.warnings[0])),
    }
    lines
}

/// The notice after an import, e.g. `Imported 7 cases in 4 suites from
/// qase-export.csv`, or for JUnit the run the results went into.
pub fn notice(r: &ImportReport, name: &str) -> String {
    let cases = r.cases.created + r.cases.updated;
    let suites = r.suites.created + r.suites.updated + r.suites.unchanged;
    let case_part = match (r.cases.created, r.cases.updated) {
        (_, 0) => format!("{cases} case(s)"),
        (0, u) => format!("{u} updated case(s)"),
        (c, u) => format!("{cases} case(s) ({c} new, {u} updated)"),
    };
    if let Some(run) = r.run {
        let which = if r.run_created { "new run" } else { "run" };
        let mut extra = if cases > 0 {
            format!("; {case_part}")
        } else {
            String::new()
        };
        if r.shared.tests > 0 {
            extra.push_str(&format!(
                "; {} executions shared {} test(s), the most severe stands",
                r.shared.executions, r.shared.tests
            ));
        }
        return format!(
            "Imported {} result(s) into {which} #{run} from {name}{extra}",
            r.results
        );
    }
    if r.changes.is_empty() {
        return format!("Nothing to import: {name} matches the repository");
    }
    format!("Imported {case_part} in {suites} suite(s) from {name}")
}

impl RepositoryScreen {
    pub(super) fn ask_import(&mut self) {
        self.dialog = Some(RepoDialog::Import(Box::default()));
    }

    /// Enter in the import dialog: first the dry run, then (confirmed) the
    /// import. A failure keeps the dialog open with the message.
    pub(super) fn import_step(&mut self, cx: &mut Ctx, mut d: Box<ImportDialog>) -> Result<(), ServiceError> {
        let svc = cx.svc;
        let Some((path, _)) = d.preview.take() else {
            let Some(path) = d.path() else {
                d.input.error = Some("type the path of a file (Tab completes)".into());
                self.dialog = Some(RepoDialog::Import(d));
                return Ok(());
            };
            let opts = ImportOptions {
                dry_run: true,
                ..ImportOptions::default()
            };
            match import_on_worker(svc, &self.code, &path, opts) {
                Ok(report) => d.preview = Some((path, report)),
                Err(e) => d.input.error = Some(e),
            }
            self.dialog = Some(RepoDialog::Import(d));
            return Ok(());
        };
        let before: HashSet<u64> = self.suites.iter().map(|s| s.id).collect();
        match import_on_worker(svc, &self.code, &path, ImportOptions::default()) {
            Ok(report) => {
                self.reload(svc)?;
                // New top-level suites open, so what they hold is in view.
                let new: Vec<u64> = self
                    .suites
                    .iter()
                    .filter(|s| s.parent.is_none() && !before.contains(&s.id))
                    .map(|s| s.id)
                    .collect();
                if !new.is_empty() {
                    self.expanded.extend(new);
                    self.rebuild();
                }
                cx.notices.info(notice(&report, &file_name(&path)));
            }
            Err(e) => {
                // The file changed since the dry run: back to the path.
                d.input.error = Some(e);
                self.dialog = Some(RepoDialog::Import(d));
            }
        }
        Ok(())
    }
}

pub fn render(d: &mut ImportDialog, theme: &Theme, frame: &mut Frame, area: Rect) {
    match &d.preview {
        Some((path, report)) => render_preview(path, report, theme, frame, area),
        None => render_input(&mut d.input, theme, frame, area),
    }
}

fn render_input(a: &mut TextInput, theme: &Theme, frame: &mut Frame, area: Rect) {
    let error_rows = if a.error.is_some() { 3 } else { 1 };
    let extra = a.candidates.len().min(6) as u16;
    let rect = popup::area(area, 76, 4 + error_rows + extra, false);
    frame.render_widget(Clear, rect);
    let block = popup::frame(
        theme,
        " Import a file ",
        " Enter preview  Tab complete  Esc cancel ",
        rect.width,
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [path, info, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(error_rows),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let [l, f] = Layout::horizontal([Constraint::Length(6), Constraint::Fill(1)]).areas(path);
    frame.render_widget(Paragraph::new(Span::styled("Path ", theme.dim())), l);
    draw_field(&mut a.field, true, theme, frame, f);
    let text = match &a.error {
        Some(e) => Paragraph::new(e.clone()).style(theme.error()),
        None => Paragraph::new(Line::styled(
            "Qase CSV/JSON, TestRail XML or JUnit XML; relative to the current folder",
            theme.dim(),
        )),
    };
    frame.render_widget(text.wrap(Wrap { trim: false }), info);
    let names: Vec<Line> = a.candidates.iter().take(6).map(|c| Line::raw(c.clone())).collect();
    frame.render_widget(Paragraph::new(names), list);
}

fn render_preview(path: &Path, report: &ImportReport, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines = summary(report);
    let rect = popup::area(area, 76, lines.len() as u16 + 3, false);
    frame.render_widget(Clear, rect);
    let title = format!(" Import {}? ", file_name(path));
    let block = popup::frame(theme, title, " y import  n cancel ", rect.width);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut text: Vec<Line> = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                Line::styled(l, theme.title())
            } else {
                Line::raw(l)
            }
        })
        .collect();
    text.push(Line::styled(
        "Dry run: nothing is written until you confirm.",
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(text), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ProjectCode;

    fn report() -> ImportReport {
        ImportReport {
            file: "x.csv".into(),
            format: ImportFormat::QaseCsv,
            project: ProjectCode::parse("DEMO").unwrap(),
            project_created: false,
            dry_run: true,
            suites: Tally {
                created: 4,
                updated: 0,
                unchanged: 0,
            },
            cases: Tally {
                created: 7,
                updated: 0,
                unchanged: 0,
            },
            milestones_created: 0,
            tests_synced: 0,
            results: 0,
            results_skipped: 0,
            shared: Default::default(),
            run: None,
            run_created: false,
            changes: vec!["create suite A".into()],
            warnings: Vec::new(),
        }
    }

    #[test]
    fn notices_say_what_was_imported() {
        let mut r = report();
        assert_eq!(
            notice(&r, "qase-export.csv"),
            "Imported 7 case(s) in 4 suite(s) from qase-export.csv"
        );
        r.cases.updated = 2;
        assert_eq!(
            notice(&r, "f.csv"),
            "Imported 9 case(s) (7 new, 2 updated) in 4 suite(s) from f.csv"
        );
        r.run = Some(5);
        r.run_created = true;
        r.results = 12;
        assert!(notice(&r, "j.xml").starts_with("Imported 12 result(s) into new run #5 from j.xml"));
        let mut same = report();
        same.changes.clear();
        assert!(notice(&same, "f.csv").starts_with("Nothing to import"));
    }

    #[test]
    fn a_panic_in_the_worker_is_a_message() {
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let out: Result<(), String> = on_worker(|| panic!("boom"));
        std::panic::set_hook(quiet);
        let e = out.unwrap_err();
        assert!(e.contains("boom") && e.contains("nothing was written"), "{e}");
        // The worker's stack is its own: deep recursion that would not fit
        // a small main-thread stack fits there.
        fn deep(n: u32) -> u32 {
            let pad = std::hint::black_box([0u8; 1024]);
            if n == 0 {
                u32::from(pad[0])
            } else {
                deep(n - 1) + u32::from(pad[1])
            }
        }
        assert_eq!(on_worker(|| Ok(deep(20_000))), Ok(0));
    }

    #[test]
    fn the_summary_lists_changes_and_cuts_long_lists() {
        let mut r = report();
        r.changes = (0..20).map(|i| format!("create case {i}")).collect();
        let lines = summary(&r);
        assert_eq!(lines[0], "Qase CSV into DEMO");
        assert!(lines.iter().any(|l| l == "  ... and 12 more"));
    }
}
