//! What the keys do on the new-run form.

use super::{Focus, NewRunScreen, Source};
use crate::domain::RunNo;
use crate::service::Service;
use crate::tui::action::Action;
use crate::tui::screen::{Ctx, Outcome, Transition};
use crossterm::event::KeyEvent;

/// `i` moved by one within `0..len`, wrapping.
fn cycle(i: usize, len: usize, forward: bool) -> usize {
    match (len, forward) {
        (0, _) => 0,
        (_, true) => (i + 1) % len,
        (_, false) => (i + len - 1) % len,
    }
}

impl NewRunScreen {
    /// Carries out an action on the form: Ctrl-S creates the run and shows
    /// it on the runs tab, Esc drops the form and its draft.
    pub(super) fn act_on(&mut self, cx: &mut Ctx, action: Action) -> Transition {
        let svc = cx.svc;
        let f = &mut self.form;
        f.error = None;
        match action {
            Action::Save => {
                let Some(no) = self.create(svc) else {
                    return Transition::Stay;
                };
                self.drop_draft(svc);
                // The form closes either way; the run shows if it can be read.
                return match crate::tui::screens::dashboard::show_run(cx, no, format!("Run #{} created", no.0)) {
                    Transition::Stay => Transition::Pop(Outcome::Closed),
                    shown => shown,
                };
            }
            Action::Back => {
                self.drop_draft(svc);
                return Transition::Pop(Outcome::Closed);
            }
            Action::NextField => f.move_focus(true),
            Action::PrevField => f.move_focus(false),
            Action::Down | Action::Up => self.vertical(action == Action::Down),
            Action::PageDown | Action::PageUp if f.focus == Focus::Detail && f.source() == Source::Suites => {
                let page = f.suite_cursor.page() as isize;
                let delta = if action == Action::PageDown { page } else { -page };
                f.suite_cursor.move_by(delta, f.suites.len());
            }
            Action::Select => self.toggle(),
            Action::OptionNext => self.sideways(true),
            Action::OptionPrev => self.sideways(false),
            _ => {}
        }
        if matches!(action, Action::Select | Action::OptionNext | Action::OptionPrev) {
            self.changed();
        }
        Transition::Stay
    }

    /// Creates the run the form describes; its number, or the reason in
    /// the form.
    fn create(&mut self, svc: &Service) -> Option<RunNo> {
        let f = &mut self.form;
        if f.source() == Source::Query
            && let Err(e) = svc.parse_query(&self.code, &f.query_text())
        {
            f.query_error = Some(e.to_string());
            f.error = Some(format!("the query does not parse: {e}"));
            return None;
        }
        let new = f.to_new_run();
        if new.cases.is_empty() {
            f.error = Some(match f.source() {
                Source::Suites => "tick at least one suite (Space) or choose another source".into(),
                Source::Plan if f.plans.is_empty() => "the project has no test plan (stepwise plan new)".into(),
                _ => "no case matches: choose other cases".into(),
            });
            return None;
        }
        match svc.create_run(&self.code, new) {
            Ok(run) => Some(RunNo(run.no)),
            Err(e) => {
                f.error = Some(e.to_string());
                None
            }
        }
    }

    /// Up/Down: within the configuration groups or the suite list, else
    /// to the row above or below.
    fn vertical(&mut self, down: bool) {
        let f = &mut self.form;
        let groups = f.configs.len();
        match f.focus {
            Focus::Configs if down && f.config_at.0 + 1 < groups => f.config_at = (f.config_at.0 + 1, 0),
            Focus::Configs if !down && f.config_at.0 > 0 => f.config_at = (f.config_at.0 - 1, 0),
            Focus::Detail if f.source() == Source::Suites => {
                let len = f.suites.len();
                let at_end = if down {
                    f.suite_cursor.selected + 1 >= len
                } else {
                    f.suite_cursor.selected == 0
                };
                if at_end {
                    f.move_focus(down);
                } else {
                    f.suite_cursor.move_by(if down { 1 } else { -1 }, len);
                }
            }
            _ => f.move_focus(down),
        }
    }

    /// Space: tick or untick; on a choice, the next value.
    fn toggle(&mut self) {
        let f = &mut self.form;
        match f.focus {
            Focus::Configs => {
                let (g, v) = f.config_at;
                if let Some(t) = f.configs.get_mut(g).and_then(|vals| vals.get_mut(v)) {
                    *t = !*t;
                }
            }
            Focus::Detail if f.source() == Source::Suites => {
                if let Some(s) = f.suites.get_mut(f.suite_cursor.selected) {
                    s.checked = !s.checked;
                }
            }
            Focus::Assignees => {
                if let Some(t) = f.team.get_mut(f.team_at) {
                    t.1 = !t.1;
                }
            }
            _ => self.sideways(true),
        }
    }

    /// Left/Right: the previous or next value of a choice, or along a row
    /// of check boxes.
    fn sideways(&mut self, forward: bool) {
        let f = &mut self.form;
        match f.focus {
            Focus::Environment => f.environment = cycle(f.environment, f.environments().len() + 1, forward),
            Focus::Milestone => f.milestone = cycle(f.milestone, f.milestones().len() + 1, forward),
            Focus::Source => {
                f.source = cycle(f.source, f.sources.len(), forward);
                f.query_error = None;
            }
            Focus::Detail if f.source() == Source::Plan => f.plan = cycle(f.plan, f.plans.len(), forward),
            Focus::Configs => {
                let len = f.configs.get(f.config_at.0).map_or(0, Vec::len);
                f.config_at.1 = cycle(f.config_at.1, len, forward);
            }
            Focus::Assignees => f.team_at = cycle(f.team_at, f.team.len(), forward),
            _ => {}
        }
    }

    /// A key for the focused text field.
    pub fn key(&mut self, svc: &Service, ev: KeyEvent) {
        let changed = self.form.text_field().is_some_and(|field| field.key(ev));
        if changed {
            self.changed();
            self.check_query(svc);
        }
    }

    /// Pasted text goes to the focused text field.
    pub fn paste(&mut self, svc: &Service, text: &str) {
        let changed = self.form.text_field().is_some_and(|field| field.paste(text));
        if changed {
            self.changed();
            self.check_query(svc);
        }
    }

    /// Parses the query as it is typed; the error (with its column) shows
    /// under the field. A saved query's name is taken too.
    fn check_query(&mut self, svc: &Service) {
        let f = &mut self.form;
        if f.focus != Focus::Detail || f.source() != Source::Query {
            return;
        }
        f.query_error = if f.query.text().trim().is_empty() {
            None
        } else {
            svc.parse_query(&self.code, &f.query_text())
                .err()
                .map(|e| e.to_string())
        };
    }
}
