//! The runs tab as a screen: opening a run, `n` for a new one, the state
//! filter, the search, choosing runs and deleting them (after a question;
//! one transaction).

use super::Home;
use crate::domain::RunNo;
use crate::service::ServiceError;
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Ctx, Screen, Transition, move_cursor};
use crate::tui::screens::{dashboard::Dashboard, new_run};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

impl Home {
    /// `y` to the question: `targets` go, in one transaction.
    fn delete(&mut self, cx: &mut Ctx, targets: &[RunNo]) {
        match cx.svc.delete_runs(cx.project, targets) {
            Ok(runs) => {
                let names: Vec<String> = runs.iter().map(|r| format!("#{}", r.no)).collect();
                cx.notices
                    .info(format!("Deleted {}; their defects keep their links", names.join(", ")));
                self.selected.clear();
                if let Err(e) = self.reload(cx.svc, cx.project) {
                    cx.fail(e);
                }
            }
            Err(e) => cx.fail(e),
        }
    }

    /// Enter: the selected run's dashboard.
    fn open_selected(&mut self, cx: &mut Ctx) -> Transition {
        let Some(no) = self.selected_run() else {
            return Transition::Stay;
        };
        match Dashboard::load(cx.svc, cx.project, no) {
            Ok(d) => Transition::Push(Box::new(d)),
            Err(e) => {
                cx.fail(e);
                Transition::Stay
            }
        }
    }
}

impl Screen for Home {
    crate::any_screen!();

    fn whereabouts(&self) -> crate::service::wire::Whereabouts {
        crate::tui::live::at(crate::tui::live::screen::RUNS, self.selected_run(), None)
    }

    fn scope(&self) -> Scope {
        Home::scope(self)
    }

    fn act(&mut self, cx: &mut Ctx, action: Action) -> Transition {
        if action == Action::NewRun {
            return new_run::open(cx, None);
        }
        // The question holds every key but quit (which leaves it open).
        if let Some(confirm) = self.confirm.take() {
            if action == Action::Quit {
                self.confirm = Some(confirm);
                return Transition::Unhandled;
            }
            if let Some(targets) = confirm.answer(action) {
                self.delete(cx, &targets);
            }
            return Transition::Stay;
        }
        if self.search.is_typing() {
            return match action {
                Action::Back => {
                    self.search.stop();
                    Transition::Stay
                }
                Action::Quit => Transition::Unhandled,
                _ => Transition::Stay,
            };
        }
        match action {
            Action::FilterStatus => self.next_filter(),
            Action::Search => self.search.start(),
            Action::ClearFilters => {
                self.filter = None;
                self.search.clear();
                self.refilter();
            }
            Action::Select => {
                if let Some(no) = self.selected_run()
                    && !self.selected.remove(&no.0)
                {
                    self.selected.insert(no.0);
                }
                self.cursor.move_by(1, self.runs.len());
            }
            Action::ClearSelection => self.selected.clear(),
            Action::Delete if !self.targets().is_empty() => self.ask_delete(),
            Action::Open => return self.open_selected(cx),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                if !move_cursor(&mut self.cursor, action, self.runs.len()) {
                    return Transition::Idle;
                }
            }
            _ => return Transition::Unhandled,
        }
        Transition::Stay
    }

    /// Typing into the runs search.
    fn key(&mut self, _cx: &mut Ctx, key: KeyEvent) -> bool {
        if Home::scope(self) != Scope::DashSearch || !self.search.key(&key) {
            return false;
        }
        self.refilter();
        true
    }

    fn store_changed(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        self.reload(cx.svc, cx.project)
    }

    fn render(&mut self, cx: &mut Ctx, frame: &mut Frame, area: Rect) {
        Home::render(self, cx.svc, cx.theme, frame, area);
    }
}
