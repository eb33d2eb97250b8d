//! The runs tab's own keys: the state filter, the search, choosing runs
//! and deleting them (after a question; one transaction).

use super::Screen;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crossterm::event::KeyEvent;

impl App {
    /// Typing into the runs search.
    pub(crate) fn home_key(&mut self, scope: Scope, ev: KeyEvent) -> bool {
        let Some(Screen::Home(h)) = self.stack.last_mut() else {
            return false;
        };
        if scope != Scope::DashSearch {
            return false;
        }
        if !h.search.key(&ev) {
            return false;
        }
        h.refilter();
        self.dirty = true;
        true
    }

    /// The runs tab's actions; returns whether one was taken.
    pub(crate) fn home_action(&mut self, action: Action) -> bool {
        let Some(Screen::Home(h)) = self.stack.last_mut() else {
            return false;
        };
        if let Some(confirm) = h.confirm.take() {
            if action == Action::Quit {
                h.confirm = Some(confirm);
                return false;
            }
            if let Some(targets) = confirm.answer(action) {
                match self.svc.delete_runs(&self.project, &targets) {
                    Ok(runs) => {
                        let names: Vec<String> = runs.iter().map(|r| format!("#{}", r.no)).collect();
                        self.message = Some((
                            format!("Deleted {}; their defects keep their links", names.join(", ")),
                            false,
                        ));
                        if let Some(Screen::Home(h)) = self.stack.last_mut() {
                            h.selected.clear();
                        }
                        self.reload();
                    }
                    Err(e) => self.message = Some((e.to_string(), true)),
                }
            }
            return true;
        }
        if h.search.is_typing() {
            if action == Action::Back {
                h.search.stop();
                return true;
            }
            return action != Action::Quit;
        }
        match action {
            Action::FilterStatus => h.next_filter(),
            Action::Search => h.search.start(),
            Action::ClearFilters => {
                h.filter = None;
                h.search.clear();
                h.refilter();
            }
            Action::Select => {
                if let Some(no) = h.selected_run()
                    && !h.selected.remove(&no.0)
                {
                    h.selected.insert(no.0);
                }
                h.cursor.move_by(1, h.runs.len());
            }
            Action::ClearSelection => h.selected.clear(),
            Action::Delete if !h.targets().is_empty() => h.ask_delete(),
            _ => return false,
        }
        true
    }
}
