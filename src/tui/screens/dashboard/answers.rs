//! What the dashboard's menus and dialogs do once answered: bulk work,
//! the run's lifecycle and edits, adding cases, exporting. Every change
//! goes through the service; the dashboard then rereads what it shows.

use super::Dashboard;
use super::dialog::{Ask, Bulk, Choice, Dialog, Purpose, RunItem, item};
use crate::domain::{CaseNo, RunNo, RunState};
use crate::service::{ExportFormat, Exported, RunEdit, Service, ServiceError};
use crate::tui::screen::{Outcome, Transition};

impl Dashboard {
    /// A menu item was chosen.
    pub(super) fn chosen(&mut self, svc: &Service, choice: Choice) -> Result<Transition, ServiceError> {
        let n = self.targets().len();
        match choice {
            Choice::Bulk(Bulk::Assign) => {
                let mut items: Vec<(String, Choice)> = self
                    .project
                    .team
                    .iter()
                    .map(|u| item(u.as_str(), Choice::AssignTo(Some(u.clone()))))
                    .collect();
                items.push(item("Nobody", Choice::AssignTo(None)));
                items.push(item("Someone else...", Choice::AssignOther));
                self.dialog = Some(Dialog::menu(format!("Assign {n} test(s) to"), items));
            }
            Choice::Bulk(Bulk::Result) => {
                let catalog = self.catalog();
                let items = catalog
                    .selectable()
                    .into_iter()
                    .map(|s| item(catalog.name(s), Choice::Result(s)))
                    .collect();
                self.dialog = Some(Dialog::menu(format!("Result for {n} test(s)"), items));
            }
            Choice::Bulk(Bulk::Retest) => {
                let targets = self.targets();
                let done = svc.retest_tests(&self.code(), self.run_no(), &targets)?;
                self.after_tests_changed(svc, &targets, format!("{done} test(s) pushed to retest"))?;
            }
            Choice::Bulk(Bulk::Remove) => {
                let text = format!(
                    "Remove {n} test(s) from run #{}? Their results go with them.",
                    self.run.no
                );
                self.dialog = Some(Dialog::confirm(Ask::RemoveTests, text));
            }
            Choice::AssignOther => {
                self.dialog = Some(Dialog::input(Purpose::AssignOther, "Assign to", "", "A user name"));
            }
            Choice::AssignTo(user) => {
                return self.submitted(svc, Purpose::AssignOther, user.as_deref().unwrap_or(""));
            }
            Choice::Result(status) => {
                let hint =
                    format!("Time spent on the {n} test(s) together, shared evenly (e.g. 30m, 1h 15m); blank: none");
                self.dialog = Some(Dialog::input(Purpose::ResultTime(status), "Time spent", "", hint));
            }
            Choice::Run(run_item) => return self.run_menu_choice(svc, run_item),
            Choice::Environment(env) => {
                let edit = RunEdit {
                    environment: Some(Some(env)),
                    ..RunEdit::default()
                };
                svc.edit_run(&self.code(), self.run_no(), edit)?;
                self.after_change(svc, "Environment changed".into())?;
            }
            Choice::Milestone(m) => {
                let edit = RunEdit {
                    milestone: Some(Some(m)),
                    ..RunEdit::default()
                };
                svc.edit_run(&self.code(), self.run_no(), edit)?;
                self.after_change(svc, "Milestone changed".into())?;
            }
            Choice::AddSuite(path) => {
                let cases = svc.cases_in_suites(&self.code(), std::slice::from_ref(&path))?;
                let added = svc.add_cases_to_run(&self.code(), self.run_no(), &cases)?;
                self.after_change(svc, format!("{added} test(s) added from {path}"))?;
            }
            Choice::Export(format) => self.write_export(svc, format, false)?,
        }
        Ok(Transition::Stay)
    }

    fn run_menu_choice(&mut self, svc: &Service, choice: RunItem) -> Result<Transition, ServiceError> {
        let code = self.code();
        let left = self.counts.untested + self.counts.retest;
        let new_dialog = match choice {
            RunItem::Complete => Dialog::confirm(
                Ask::Complete,
                format!(
                    "Complete run #{}? Its outcome is computed now, once; {left} test(s) without a result stay so.",
                    self.run.no
                ),
            ),
            RunItem::Abort => Dialog::confirm(
                Ask::Abort,
                format!(
                    "Abort run #{}? {left} test(s) without a result stay so, and the run shows it was cut short.",
                    self.run.no
                ),
            ),
            RunItem::CloneAll => return self.show_clone(svc, RunNo(svc.clone_run(&code, self.run_no(), &[])?.no)),
            RunItem::CloneFailed => {
                let statuses = ["failed".to_string(), "blocked".to_string()];
                return self.show_clone(svc, RunNo(svc.clone_run(&code, self.run_no(), &statuses)?.no));
            }
            RunItem::CloneSome => Dialog::input(
                Purpose::CloneStatuses,
                "Clone the tests whose status is",
                "failed, blocked",
                "Statuses separated by commas: untested, retest, passed, failed, blocked, skipped, invalid...",
            ),
            RunItem::AddSuite => {
                let names = svc.suite_names(&code)?;
                let mut paths: Vec<String> = svc
                    .suites(&code)?
                    .iter()
                    .map(|s| names.get(Some(s.id)).to_string())
                    .collect();
                paths.sort();
                Dialog::menu(
                    "Add the cases of",
                    paths
                        .into_iter()
                        .map(|p| item(p.clone(), Choice::AddSuite(p)))
                        .collect(),
                )
            }
            RunItem::AddCases => Dialog::input(
                Purpose::AddCases,
                "Add cases",
                "",
                "Case ids (DEMO-3, DEMO-7), a query (priority = high and tag = smoke) or a saved query's name",
            ),
            RunItem::Title => Dialog::input(Purpose::Title, "Title", self.run.title.clone(), ""),
            RunItem::Description => {
                Dialog::input(Purpose::Description, "Description", self.run.description.clone(), "")
            }
            RunItem::Tags => Dialog::input(Purpose::Tags, "Tags", self.run.tags.join(", "), "Separated by commas"),
            RunItem::Environment => {
                let mut items: Vec<(String, Choice)> = self
                    .project
                    .environments
                    .iter()
                    .map(|e| item(e.name.as_str(), Choice::Environment(e.name.clone())))
                    .collect();
                items.push(item("(none)", Choice::Environment(String::new())));
                Dialog::menu("Environment", items)
            }
            RunItem::Milestone => {
                let mut items: Vec<(String, Choice)> = self
                    .project
                    .milestones
                    .iter()
                    .map(|m| item(m.name.as_str(), Choice::Milestone(m.name.clone())))
                    .collect();
                items.push(item("(none)", Choice::Milestone(String::new())));
                Dialog::menu("Milestone", items)
            }
            RunItem::Export => Dialog::menu(
                "Export a report into the current folder",
                ExportFormat::ALL
                    .iter()
                    .map(|f| item(f.file_name(code.as_str(), self.run.no), Choice::Export(*f)))
                    .collect(),
            ),
            RunItem::Delete => Dialog::confirm(
                Ask::Delete,
                format!(
                    "Delete run #{} and its {} test(s)? Defects stay, with their links.",
                    self.run.no, self.run.test_count
                ),
            ),
        };
        self.dialog = Some(new_dialog);
        Ok(Transition::Stay)
    }

    /// An input was confirmed; an error keeps the dialog open with it.
    pub(super) fn submitted(
        &mut self,
        svc: &Service,
        purpose: Purpose,
        text: &str,
    ) -> Result<Transition, ServiceError> {
        let (code, no) = (self.code(), self.run_no());
        let list = |t: &str| -> Vec<String> {
            t.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        match purpose {
            Purpose::AssignOther => {
                let user = text.trim();
                let targets = self.targets();
                let n = svc.assign_tests(&code, no, &targets, Some(user).filter(|u| !u.is_empty()))?;
                let who = if user.is_empty() {
                    "nobody".to_string()
                } else {
                    user.to_string()
                };
                self.after_tests_changed(svc, &targets, format!("{n} test(s) assigned to {who}"))?;
            }
            Purpose::ResultTime(status) => {
                let ms = if text.trim().is_empty() {
                    0
                } else {
                    crate::domain::duration::parse_duration(text)
                        .map_err(|e| ServiceError::Invalid(format!("time spent: {e}")))?
                };
                let targets = self.targets();
                let done = svc.bulk_result(&code, no, &targets, status, ms, "")?;
                let mut msg = format!("{} recorded on {} test(s)", self.catalog().slug(status), done.recorded);
                if done.completed {
                    msg.push_str("; the run completed by itself");
                }
                self.selected.clear();
                self.after_tests_changed(svc, &targets, msg)?;
            }
            Purpose::CloneStatuses => return self.show_clone(svc, RunNo(svc.clone_run(&code, no, &list(text))?.no)),
            Purpose::Title => {
                svc.edit_run(
                    &code,
                    no,
                    RunEdit {
                        title: Some(text.to_string()),
                        ..RunEdit::default()
                    },
                )?;
                self.after_change(svc, "Title changed".into())?;
            }
            Purpose::Description => {
                svc.edit_run(
                    &code,
                    no,
                    RunEdit {
                        description: Some(text.to_string()),
                        ..RunEdit::default()
                    },
                )?;
                self.after_change(svc, "Description changed".into())?;
            }
            Purpose::Tags => {
                svc.edit_run(
                    &code,
                    no,
                    RunEdit {
                        tags: Some(list(text)),
                        ..RunEdit::default()
                    },
                )?;
                self.after_change(svc, "Tags changed".into())?;
            }
            Purpose::AddCases => {
                let cases = self.cases_from(svc, text)?;
                let added = svc.add_cases_to_run(&code, no, &cases)?;
                self.after_change(svc, format!("{added} test(s) added"))?;
            }
        }
        Ok(Transition::Stay)
    }

    /// Case ids separated by commas, else a query or a saved query's name.
    fn cases_from(&self, svc: &Service, text: &str) -> Result<Vec<u64>, ServiceError> {
        let code = self.code();
        let parts: Vec<&str> = text.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
        if !parts.is_empty() && parts.iter().all(|p| CaseNo::parse(p, &code).is_ok()) {
            return parts.iter().map(|p| Ok(CaseNo::parse(p, &code)?.0)).collect();
        }
        Ok(svc.query_cases(&code, text)?.iter().map(|c| c.no).collect())
    }

    pub(super) fn confirmed(&mut self, svc: &Service, ask: Ask) -> Result<Transition, ServiceError> {
        let (code, no) = (self.code(), self.run_no());
        match ask {
            Ask::RemoveTests => {
                let n = svc.remove_tests(&code, no, &self.targets())?;
                self.selected.clear();
                self.after_change(svc, format!("{n} test(s) removed from the run"))?;
            }
            Ask::Complete | Ask::Abort => {
                let state = if ask == Ask::Complete {
                    RunState::Completed
                } else {
                    RunState::Aborted
                };
                let run = svc.end_run(&code, no, state)?;
                let outcome = run.outcome.map_or("-", |o| o.as_str());
                self.after_change(svc, format!("Run {}: {outcome}", run.state.as_str()))?;
            }
            Ask::Delete => {
                svc.delete_run(&code, no)?;
                return Ok(Transition::Pop(Outcome::Closed));
            }
            Ask::Overwrite(format) => self.write_export(svc, format, true)?,
        }
        Ok(Transition::Stay)
    }

    /// The report's file in the current folder, as named to the user.
    pub(super) fn export_path(&self, format: ExportFormat) -> std::path::PathBuf {
        let name = format.file_name(self.code().as_str(), self.run.no);
        std::env::current_dir()
            .map(|d| d.join(&name))
            .unwrap_or_else(|_| name.into())
    }

    /// Writes the report; a file already there is replaced only when
    /// `overwrite` (the user said yes), else the question is asked.
    fn write_export(&mut self, svc: &Service, format: ExportFormat, overwrite: bool) -> Result<(), ServiceError> {
        let path = self.export_path(format);
        match svc.export_run_to(&self.code(), self.run_no(), format, &path, overwrite)? {
            Exported::Written => self.notice = Some((format!("Wrote {}", path.display()), false)),
            Exported::Taken => {
                let text = format!("Overwrite {}? No keeps the file as it is.", path.display());
                self.dialog = Some(Dialog::confirm(Ask::Overwrite(format), text));
            }
        }
        Ok(())
    }

    /// Rereads the run after a change and says what happened. The change
    /// is already written: a failing reread is said, never retried.
    /// After bulk work on tests `ids`: only their rows are read again.
    fn after_tests_changed(&mut self, svc: &Service, ids: &[u32], message: String) -> Result<(), ServiceError> {
        match self.reread_tests(svc, ids) {
            Ok(()) => self.notice = Some((message, false)),
            Err(e) => self.notice = Some((format!("{message}, but the run could not be reread: {e}"), true)),
        }
        Ok(())
    }

    fn after_change(&mut self, svc: &Service, message: String) -> Result<(), ServiceError> {
        match self.reload(svc, &self.code()) {
            Ok(()) => self.notice = Some((message, false)),
            Err(e) => self.notice = Some((format!("{message}, but the run could not be reread: {e}"), true)),
        }
        Ok(())
    }
}
