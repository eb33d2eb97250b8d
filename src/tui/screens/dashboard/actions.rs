//! What the dashboard's keys do: moving, tabs, the status filter and the
//! search, selecting tests, opening the bulk and run menus, and driving
//! their dialogs (what an answer does is in `flows`).
//! Every change goes through the service (one transaction each); the
//! dashboard then rereads what it shows.

use super::dialog::{Dialog, Item, Purpose};
use super::{Dashboard, Tab};
use crate::domain::{RunState, TestState};
use crate::service::{Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::screen::Clock;
use crate::tui::screen::{Outcome, Transition, move_in};
use crate::tui::screens::defects::DefectsScreen;
use crossterm::event::KeyEvent;

impl Dashboard {
    pub(super) fn act_on(&mut self, svc: &Service, clock: &Clock, action: Action) -> Result<Transition, ServiceError> {
        self.notice = None;
        if self.dialog.is_some() {
            return self.dialog_action(svc, action);
        }
        if self.searching {
            if action == Action::Back {
                self.searching = false;
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
                self.searching = true;
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
        if !self.searching {
            return;
        }
        if crate::tui::widgets::edit::key_line_at_end(&mut self.search, &ev) {
            self.research();
        }
    }

    /// The search changed: the list again, the cursor on the best match.
    fn research(&mut self) {
        self.refilter();
        if !self.search.trim().is_empty() {
            self.cursor = Default::default();
            self.snap(true);
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(d) = &mut self.dialog {
            d.paste(text);
        } else if self.searching {
            self.search.push_str(&text.replace(['\r', '\n'], " "));
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
            Item::new("Assign to...", "assign"),
            Item::new("Set a result...", "result"),
            Item::new("Push to retest", "retest"),
            Item::new("Remove from the run...", "remove"),
        ];
        self.dialog = Some(Dialog::menu(Purpose::Bulk, format!("{n} test(s)"), items));
    }

    fn open_run_menu(&mut self) {
        let active = self.run.state == RunState::Active;
        let mut items = Vec::new();
        if active {
            items.push(Item::new("Complete the run...", "complete"));
            items.push(Item::new("Abort the run...", "abort"));
        }
        items.push(Item::new("Clone: every test", "clone-all"));
        items.push(Item::new("Clone: failed and blocked tests", "clone-failed"));
        items.push(Item::new("Clone: choose statuses...", "clone-some"));
        if active {
            items.push(Item::new("Add the cases of a suite...", "add-suite"));
            items.push(Item::new("Add cases by query or id...", "add-cases"));
        }
        items.push(Item::new("Edit the title...", "title"));
        items.push(Item::new("Edit the description...", "description"));
        items.push(Item::new("Environment...", "environment"));
        items.push(Item::new("Milestone...", "milestone"));
        items.push(Item::new("Tags...", "tags"));
        items.push(Item::new("Export a report...", "export"));
        items.push(Item::new("Delete the run...", "delete"));
        self.dialog = Some(Dialog::menu(
            Purpose::RunMenu,
            format!("Run #{} {}", self.run.no, self.run.title),
            items,
        ));
    }

    fn dialog_action(&mut self, svc: &Service, action: Action) -> Result<Transition, ServiceError> {
        let Some(dialog) = &mut self.dialog else {
            return Ok(Transition::Stay);
        };
        match dialog {
            Dialog::Menu {
                purpose, items, cursor, ..
            } => match action {
                Action::Back => self.dialog = None,
                Action::Open => {
                    let (purpose, value) = (purpose.clone(), items.get(cursor.selected).map(|i| i.value.clone()));
                    self.dialog = None;
                    if let Some(value) = value {
                        return self.chosen(svc, purpose, &value);
                    }
                }
                other => {
                    let len = items.len();
                    move_in(cursor, other, len, 5);
                }
            },
            Dialog::Input { purpose, text, .. } => match action {
                Action::Back => self.dialog = None,
                Action::Open | Action::Save => {
                    let (purpose, text) = (purpose.clone(), text.clone());
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
            },
            Dialog::Confirm { purpose, .. } => match action {
                Action::Confirm | Action::Open => {
                    let purpose = purpose.clone();
                    self.dialog = None;
                    return self.confirmed(svc, purpose);
                }
                _ => {
                    if let Purpose::Overwrite(format) = *purpose {
                        let path = self.export_path(format);
                        self.notice = Some((format!("Kept {}; nothing was written", path.display()), false));
                    }
                    self.dialog = None;
                }
            },
        }
        Ok(Transition::Stay)
    }
}
