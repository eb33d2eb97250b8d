//! What the defects screen's keys do: cycle filters, open dialogs, and
//! hand what the dialogs hold to the service. A change is shown only once
//! the service returned Ok (it has committed and flushed); then the screen
//! reloads from the store.

use super::DefectsScreen;
use super::dialogs::{Choice, ChoiceKind, DefectDialog, Form, LineDialog, LinePurpose};
use super::state::{Detail, Item};
use crate::domain::{Defect, DefectNo, DefectStatus, Severity};
use crate::service::{DefectChange, Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::screen::Ctx;
use crate::tui::tracker_calls;
use crate::tui::widgets::input::TextInput;
use crate::tui::widgets::menu::Menu;

impl DefectsScreen {
    /// A filter or sort key: cycle it and reload.
    pub(super) fn filter(&mut self, svc: &Service, action: Action) -> Result<(), ServiceError> {
        let f = &mut self.filters;
        match action {
            Action::FilterStatus => f.cycle_status(),
            Action::FilterSeverity => f.cycle_severity(),
            Action::FilterAssignee => f.cycle_assignee(&self.project.team),
            Action::FilterMilestone => {
                let names: Vec<String> = self.project.milestones.iter().map(|m| m.name.clone()).collect();
                f.cycle_milestone(&names);
            }
            Action::FilterExternal => f.cycle_external(),
            Action::ClearFilters => f.clear(),
            Action::SortBy => f.sort = f.sort.next(),
            _ => return Ok(()),
        }
        self.reload(svc)
    }

    /// The project as stored now (its team, trackers, fields).
    pub(super) fn refresh_project(&mut self, svc: &Service) -> Result<(), ServiceError> {
        self.project = svc.project(&self.code)?;
        Ok(())
    }

    pub(super) fn new_defect(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        let svc = cx.svc;
        self.refresh_project(svc)?;
        let form = Form::new_defect(&self.project, self.filters.milestone.clone());
        self.dialog = Some(DefectDialog::Form(Box::new(form)));
        self.restore_form_draft(cx);
        Ok(())
    }

    /// The external link the keys act on: the one selected in the detail,
    /// else the first.
    fn selected_external(&self) -> usize {
        match self.detail.as_ref().and_then(Detail::selected) {
            Some(Item::External(i)) => i,
            _ => 0,
        }
    }

    /// A key that changes (or copies from) the current defect.
    pub(super) fn change(&mut self, cx: &mut Ctx, action: Action) -> Result<(), ServiceError> {
        let svc = cx.svc;
        let Some(d) = self.current().cloned() else {
            cx.notices.info("No defect selected; n files a new one");
            return Ok(());
        };
        self.refresh_project(svc)?;
        let dialog = match action {
            Action::Edit => DefectDialog::Form(Box::new(Form::edit(&self.project, &d))),
            Action::SetStatus => DefectDialog::Choice(Choice::status(&d)),
            Action::SetSeverity => DefectDialog::Choice(Choice::severity(&d)),
            Action::Assign => DefectDialog::Line(LineDialog::assign(&d, &self.project.team)),
            Action::Link => DefectDialog::Line(LineDialog::link(&d, &self.project)),
            Action::Attach => DefectDialog::Attach {
                defect: d.no,
                dialog: TextInput::default(),
            },
            Action::Unlink if d.external.is_empty() => {
                cx.notices.info(format!("D-{} has no external link", d.no));
                return Ok(());
            }
            Action::Unlink => DefectDialog::Choice(Choice::unlink(&d, self.selected_external())),
            Action::CopyUrl | Action::OpenUrl => {
                match d.external.get(self.selected_external()).map(|l| l.url.clone()) {
                    Some(url) if action == Action::CopyUrl => self.copy_url(cx.notices, &url),
                    Some(url) => self.open_url(cx.notices, &url),
                    None => cx.notices.info(format!("D-{} has no external link; l links one", d.no)),
                }
                return Ok(());
            }
            Action::Retest => {
                let n = svc.retest_linked(&self.code, DefectNo(d.no))?;
                self.reload(svc)?;
                let tests = if n == 1 { "test" } else { "tests" };
                cx.notices
                    .info(format!("D-{}: {n} failed {tests} pushed back to retest", d.no));
                return Ok(());
            }
            _ => return Ok(()),
        };
        let is_form = matches!(dialog, DefectDialog::Form(_));
        self.dialog = Some(dialog);
        if is_form {
            self.restore_form_draft(cx);
        }
        Ok(())
    }

    /// `P`: push the current defect to the project's tracker with an API
    /// (several: choose one first), off the UI thread.
    pub(super) fn push(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        let Some(no) = self.current().map(|d| d.no) else {
            cx.notices.info("No defect selected; n files a new one");
            return Ok(());
        };
        self.refresh_project(cx.svc)?;
        let trackers = tracker_calls::api_trackers(&self.project);
        match trackers.as_slice() {
            [] => cx.notices.error(
                "No tracker with an API to push to: add one with `stepwise tracker add NAME --kind github|gitlab|jira|jira-server|linear`",
            ),
            [one] => tracker_calls::push(cx.jobs, &self.code, no, one),
            _ => {
                let items = trackers.iter().map(|t| (t.clone(), t.clone())).collect();
                let menu = Menu::new(format!("Push D-{no} to"), items);
                self.dialog = Some(DefectDialog::Push { defect: no, menu });
            }
        }
        Ok(())
    }

    /// `T` on the list: sync the linked issues now, off the UI thread.
    pub(super) fn sync(&mut self, cx: &mut Ctx) {
        if tracker_calls::api_trackers(&self.project).is_empty() {
            // URL-template trackers have no state to read.
            return cx
                .notices
                .info("No tracker with an API to sync: links to URL-template trackers have no state");
        }
        if !cx.jobs.sync(&self.code, false, cx.clock.now()) {
            cx.notices.info("A sync is already under way");
        }
    }

    /// A reserved key in a dialog. Errors stay in the dialog.
    pub(super) fn dialog_action(&mut self, cx: &mut Ctx, action: Action) {
        let Some(dialog) = self.dialog.take() else { return };
        self.dialog = match (dialog, action) {
            (DefectDialog::Form(f), Action::Back) => {
                // Esc discards the form, and its draft with it.
                self.drop_form_draft(cx, &f.draft_name());
                None
            }
            (_, Action::Back) => None,
            (DefectDialog::Form(f), Action::Save) => self.save_form(cx, f),
            (DefectDialog::Form(mut f), Action::NextField) => {
                f.next();
                Some(DefectDialog::Form(f))
            }
            (DefectDialog::Form(mut f), Action::PrevField) => {
                f.move_focus(false);
                Some(DefectDialog::Form(f))
            }
            (DefectDialog::Form(mut f), Action::Editor) => {
                self.editor_request = f.field_mut().map(|field| field.text());
                Some(DefectDialog::Form(f))
            }
            (DefectDialog::Choice(mut c), Action::Up | Action::Down) => {
                let n = c.len();
                c.cursor.move_by(if action == Action::Up { -1 } else { 1 }, n);
                c.error = None;
                Some(DefectDialog::Choice(c))
            }
            (DefectDialog::Choice(c), Action::Open) => self.apply_choice(cx, c),
            (DefectDialog::Push { defect, mut menu }, a) if a != Action::Open => {
                menu.navigate(a);
                Some(DefectDialog::Push { defect, menu })
            }
            (DefectDialog::Push { defect, menu }, _) => {
                if let Some(tracker) = menu.chosen() {
                    tracker_calls::push(cx.jobs, &self.code, defect, &tracker);
                }
                None
            }
            (DefectDialog::Line(mut l), Action::NextField) => {
                l.complete();
                Some(DefectDialog::Line(l))
            }
            (DefectDialog::Line(l), Action::Open) => self.apply_line(cx, l),
            (DefectDialog::Attach { defect, mut dialog }, Action::NextField) => {
                dialog.complete_path();
                Some(DefectDialog::Attach { defect, dialog })
            }
            (DefectDialog::Attach { defect, dialog }, Action::Open) => self.apply_attach(cx, defect, dialog),
            (dialog, _) => Some(dialog),
        };
    }

    /// After the service committed a change to defect `no`: reload, keep it
    /// selected, and say what happened.
    fn changed(&mut self, cx: &mut Ctx, no: u64, text: String) {
        let svc = cx.svc;
        if let Err(e) = self.reload(svc) {
            cx.notices.error(e.to_string());
            return;
        }
        if !self.select(no) && self.detail.is_none() {
            cx.notices.info(format!("{text} (not shown: the filters hide it)"));
            return;
        }
        cx.notices.info(text);
    }

    fn save_form(&mut self, cx: &mut Ctx, mut f: Box<Form>) -> Option<DefectDialog> {
        let svc = cx.svc;
        let saved = match f.editing {
            None => svc.create_defect(&self.code, f.to_new()).map(|d| (d, true)),
            Some(_) if f.is_unchanged() => {
                cx.notices.info("Nothing changed");
                return None;
            }
            Some(no) => svc
                .set_defect(&self.code, DefectNo(no), f.to_change())
                .map(|d| (d, false)),
        };
        match saved {
            Ok((d, created)) => {
                self.drop_form_draft(cx, &f.draft_name());
                if created && self.detail.is_some() {
                    // Filed from a defect's detail: show the new one.
                    match super::load_detail(svc, &self.code, d.no) {
                        Ok(detail) => self.detail = Some(detail),
                        Err(e) => cx.notices.error(e.to_string()),
                    }
                }
                let verb = if created { "filed" } else { "saved" };
                self.changed(cx, d.no, format!("D-{} {verb}", d.no));
                None
            }
            Err(e) => {
                f.error = Some(e.to_string());
                Some(DefectDialog::Form(f))
            }
        }
    }

    fn apply_choice(&mut self, cx: &mut Ctx, mut c: Choice) -> Option<DefectDialog> {
        let svc = cx.svc;
        let at = c.cursor.selected;
        let (change, text) = match &c.kind {
            ChoiceKind::Status(from) if DefectStatus::ALL.get(at) == Some(from) => {
                cx.notices.info(format!("D-{} is already {}", c.defect, from.label()));
                return None;
            }
            ChoiceKind::Severity(current) if Severity::ALL.get(at) == Some(current) => {
                cx.notices.info(format!("D-{} is already {current}", c.defect));
                return None;
            }
            ChoiceKind::Status(_) => {
                let to = DefectStatus::ALL.get(at).copied()?;
                let change = DefectChange {
                    status: Some(to),
                    ..DefectChange::default()
                };
                (change, format!("D-{} is now {}", c.defect, to.label()))
            }
            ChoiceKind::Severity(_) => {
                let to = Severity::ALL.get(at).copied()?;
                let change = DefectChange {
                    severity: Some(to),
                    ..DefectChange::default()
                };
                (change, format!("D-{} is now {to}", c.defect))
            }
            ChoiceKind::Unlink(links) => {
                let l = links.get(at)?;
                let key = format!("{}:{}", l.tracker, l.key);
                let change = DefectChange {
                    unlink: vec![key.clone()],
                    ..DefectChange::default()
                };
                (change, format!("D-{} is no longer linked to {key}", c.defect))
            }
        };
        match svc.set_defect(&self.code, DefectNo(c.defect), change) {
            Ok(_) => {
                self.changed(cx, c.defect, text);
                None
            }
            Err(e) => {
                // Nothing changed: the service refused it all.
                c.error = Some(e.to_string());
                Some(DefectDialog::Choice(c))
            }
        }
    }

    fn apply_line(&mut self, cx: &mut Ctx, mut l: LineDialog) -> Option<DefectDialog> {
        let svc = cx.svc;
        let typed = l.input.field.text().trim().to_string();
        let (change, text) = match l.purpose {
            LinePurpose::Assign => {
                let text = if typed.is_empty() {
                    format!("D-{} is unassigned", l.defect)
                } else {
                    format!("D-{} is assigned to {typed}", l.defect)
                };
                let change = DefectChange {
                    assignee: Some((!typed.is_empty()).then_some(typed.clone())),
                    ..DefectChange::default()
                };
                (change, text)
            }
            LinePurpose::Link => {
                if typed.is_empty() {
                    l.input.error = Some("type TRACKER:KEY, e.g. JIRA:APP-12 (Tab completes the tracker)".into());
                    return Some(DefectDialog::Line(l));
                }
                if tracker_calls::is_api_link(&self.project, &typed) {
                    // The tracker is asked off the UI thread; its answer
                    // (the title and state, or why not) comes back
                    // as a notice.
                    tracker_calls::link(cx.jobs, &self.code, l.defect, &typed);
                    return None;
                }
                let change = DefectChange {
                    link: vec![typed.clone()],
                    ..DefectChange::default()
                };
                (change, String::new())
            }
        };
        match svc.set_defect(&self.code, DefectNo(l.defect), change) {
            Ok(d) => {
                let text = match l.purpose {
                    LinePurpose::Assign => text,
                    LinePurpose::Link => linked_text(&d, &typed),
                };
                self.changed(cx, l.defect, text);
                None
            }
            Err(e) => {
                l.input.error = Some(e.to_string());
                Some(DefectDialog::Line(l))
            }
        }
    }

    fn apply_attach(&mut self, cx: &mut Ctx, defect: u64, mut a: TextInput) -> Option<DefectDialog> {
        let svc = cx.svc;
        let Some(path) = a.expanded_path() else {
            a.error = Some("type the path of a file (Tab completes)".into());
            return Some(DefectDialog::Attach { defect, dialog: a });
        };
        let attached = svc.attach_file(&path).and_then(|att| {
            let shown = crate::service::attachments::describe(&att);
            let change = DefectChange {
                attach: vec![att],
                ..DefectChange::default()
            };
            svc.set_defect(&self.code, DefectNo(defect), change).map(|_| shown)
        });
        match attached {
            Ok(shown) => {
                self.changed(cx, defect, format!("Attached {shown} to D-{defect}"));
                None
            }
            Err(e) => {
                a.error = Some(e.to_string());
                Some(DefectDialog::Attach { defect, dialog: a })
            }
        }
    }
}

/// `Linked JIRA:APP-7: https://…/APP-7`.
fn linked_text(d: &Defect, typed: &str) -> String {
    let found = typed.split_once(':').and_then(|(tracker, key)| {
        d.external
            .iter()
            .find(|l| l.tracker.eq_ignore_ascii_case(tracker.trim()) && l.key == key.trim())
    });
    match found {
        Some(l) => format!("D-{} linked to {}:{}: {}", d.no, l.tracker, l.key, l.url),
        None => format!("D-{} linked to {typed}", d.no),
    }
}
