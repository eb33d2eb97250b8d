//! What the dashboard's keys do: moving, tabs, the status filter and the
//! search, selecting tests, opening the bulk and run menus, and driving
//! their dialogs (what an answer does is in `flows`).
//! Every change goes through the service (one transaction each); the
//! dashboard then rereads what it shows.

use super::dialog::{Ask, Bulk, Choice, Dialog, RunItem, item};
use super::{Dashboard, Tab};
use crate::domain::{RunState, TestState};
use crate::service::{Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::screen::Clock;
use crate::tui::screen::{Outcome, Transition};
use crate::tui::screens::defects::DefectsScreen;
use crossterm::event::KeyEvent;

impl Dashboard {
    pub(super) fn act_on(&mut self, svc: &Service, clock: &Clock, action: Action) -> Result<Transition, ServiceError> {
        self.notice = None;
        if self.dialog.is_some() {
            return self.dialog_action(svc, action);
        }
        if self.search.is_typing() {
            if action == Action::Back {
                self.search.stop();
            }
            return Ok(Transition::Stay);
        }
        match action {
            Action::Back => return Ok(Transition::Pop(Outcome::Closed)),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                self.navigate(action);
            }
            Action::Open if self.tab == Tab::Defects => return self.open_defects(svc, clock),
            Action::Open if self.tab == Tab::Tests => return self.open_wizard(svc, clock, false),
            Action::OpenWizard => return self.open_wizard(svc, clock, true),
            Action::RunDefects => return self.open_defects(svc, clock),
            Action::NextTab | Action::PrevTab => {
                let at = Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0);
                let step = if action == Action::NextTab {
                    1
                } else {
                    Tab::ALL.len() - 1
                };
                self.tab = Tab::ALL[(at + step) % Tab::ALL.len()];
                self.tab_cursor = Default::default();
            }
            Action::Search => {
                self.tab = Tab::Tests;
                self.search.start();
            }
            Action::FilterStatus => self.next_filter(),
            Action::ClearFilters => {
                self.filter = None;
                self.search.clear();
                self.refilter();
            }
            Action::Select => {
                if let Some(id) = self.current_row().map(|r| r.id)
                    && !self.selected.remove(&id)
                {
                    self.selected.insert(id);
                }
                self.navigate(Action::Down);
            }
            Action::SelectMatching => {
                let ids: Vec<u32> = self.shown.test_indexes().map(|i| self.rows()[i].id).collect();
                if ids.iter().all(|id| self.selected.contains(id)) {
                    ids.iter().for_each(|id| {
                        self.selected.remove(id);
                    });
                } else {
                    self.selected.extend(ids);
                }
            }
            Action::ClearSelection => self.selected.clear(),
            Action::BulkMenu => self.open_bulk_menu(),
            Action::RunMenu => self.open_run_menu(),
            _ => {}
        }
        Ok(Transition::Stay)
    }

    /// A key the keymap did not take: typing into the search or a dialog.
    pub fn key(&mut self, ev: KeyEvent) {
        if let Some(d) = &mut self.dialog {
            d.key(ev);
            return;
        }
        if self.search.key(&ev) {
            self.research();
        }
    }

    /// The search changed: the list again, the cursor on the best match.
    fn research(&mut self) {
        self.refilter();
        if !self.search.text().trim().is_empty() {
            self.cursor = Default::default();
            self.snap(true);
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(d) = &mut self.dialog {
            d.paste(text);
        } else if self.search.paste(text) {
            self.research();
        }
    }

    /// All, then untested, each status present, retest, and back to all.
    fn next_filter(&mut self) {
        let mut cycle = vec![None, Some(TestState::Untested)];
        cycle.extend(self.counts.by_status.keys().map(|s| Some(TestState::Done(*s))));
        if self.counts.retest > 0 {
            cycle.push(Some(TestState::Retest));
        }
        let at = cycle.iter().position(|f| *f == self.filter).unwrap_or(0);
        self.filter = cycle[(at + 1) % cycle.len()];
        self.tab = Tab::Tests;
        self.refilter();
    }

    fn open_defects(&mut self, svc: &Service, clock: &Clock) -> Result<Transition, ServiceError> {
        let d = DefectsScreen::load(svc, &self.code(), Some(self.run_no()), clock)?;
        Ok(Transition::Push(Box::new(d)))
    }

    fn open_bulk_menu(&mut self) {
        let n = self.targets().len();
        if n == 0 {
            self.notice = Some(("No test to work on".into(), true));
            return;
        }
        let items = vec![
            item("Assign to...", Choice::Bulk(Bulk::Assign)),
            item("Set a result...", Choice::Bulk(Bulk::Result)),
            item("Push to retest", Choice::Bulk(Bulk::Retest)),
            item("Remove from the run...", Choice::Bulk(Bulk::Remove)),
        ];
        self.dialog = Some(Dialog::menu(format!("{n} test(s)"), items));
    }

    fn open_run_menu(&mut self) {
        let active = self.run.state == RunState::Active;
        let mut items = Vec::new();
        if active {
            items.push(item("Complete the run...", Choice::Run(RunItem::Complete)));
            items.push(item("Abort the run...", Choice::Run(RunItem::Abort)));
        }
        items.push(item("Clone: every test", Choice::Run(RunItem::CloneAll)));
        items.push(item(
            "Clone: failed and blocked tests",
            Choice::Run(RunItem::CloneFailed),
        ));
        items.push(item("Clone: choose statuses...", Choice::Run(RunItem::CloneSome)));
        if active {
            items.push(item("Add the cases of a suite...", Choice::Run(RunItem::AddSuite)));
            items.push(item("Add cases by query or id...", Choice::Run(RunItem::AddCases)));
        }
        items.push(item("Edit the title...", Choice::Run(RunItem::Title)));
        items.push(item("Edit the description...", Choice::Run(RunItem::Description)));
        items.push(item("Environment...", Choice::Run(RunItem::Environment)));
        items.push(item("Milestone...", Choice::Run(RunItem::Milestone)));
        items.push(item("Tags...", Choice::Run(RunItem::Tags)));
        items.push(item("Export a report...", Choice::Run(RunItem::Export)));
        items.push(item("Delete the run...", Choice::Run(RunItem::Delete)));
        self.dialog = Some(Dialog::menu(format!("Run #{} {}", self.run.no, self.run.title), items));
    }

    fn dialog_action(&mut self, svc: &Service, action: Action) -> Result<Transition, ServiceError> {
        if let Some(Dialog::Input { purpose, input, .. }) = &self.dialog {
            match action {
                Action::Back => self.dialog = None,
                Action::Open => {
                    let (purpose, text) = (purpose.clone(), input.text().to_string());
                    return match self.submitted(svc, purpose, &text) {
                        Ok(after) => {
                            self.dialog = None;
                            Ok(after)
                        }
                        Err(e) => {
                            if let Some(d) = &mut self.dialog {
                                d.set_error(e.to_string());
                            }
                            Ok(Transition::Stay)
                        }
                    };
                }
                _ => {}
            }
            return Ok(Transition::Stay);
        }
        match self.dialog.take() {
            Some(Dialog::Menu(mut menu)) => match action {
                Action::Back => {}
                Action::Open => {
                    if let Some(choice) = menu.chosen() {
                        return self.chosen(svc, choice);
                    }
                }
                other => {
                    menu.navigate(other);
                    self.dialog = Some(Dialog::Menu(menu));
                }
            },
            Some(Dialog::Confirm(confirm)) => {
                let ask = confirm.about;
                match confirm.answer(action) {
                    Some(ask) => return self.confirmed(svc, ask),
                    None => {
                        if let Ask::Overwrite(format) = ask {
                            let path = self.export_path(format);
                            self.notice = Some((format!("Kept {}; nothing was written", path.display()), false));
                        }
                    }
                }
            }
            other => self.dialog = other,
        }
        Ok(Transition::Stay)
    }
}
