//! The app's part of a key's path, with a probe screen: what a screen
//! returns is what the app does, and what it leaves is the app's globals.
//! A screen is one type and one trait impl: the probe is a whole one.

use crate::tui::action::Action;
use crate::tui::harness::Harness;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Ctx, Outcome, Screen, Transition};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use std::sync::{Arc, Mutex};

/// What the probes saw, shared with the test.
#[derive(Default)]
struct Seen {
    acts: Vec<Action>,
    typed: String,
    resumed: usize,
}

struct Probe {
    seen: Arc<Mutex<Seen>>,
}

impl Screen for Probe {
    crate::any_screen!();

    fn scope(&self) -> Scope {
        Scope::List
    }

    /// `Enter` opens another probe, `Esc` closes this one, `Space` is
    /// taken and nothing else is.
    fn act(&mut self, _cx: &mut Ctx, action: Action) -> Transition {
        self.seen.lock().unwrap().acts.push(action);
        match action {
            Action::Open => Transition::Push(Box::new(Probe {
                seen: Arc::clone(&self.seen),
            })),
            Action::Back => Transition::Pop(Outcome::Closed),
            Action::Down => Transition::Idle,
            _ => Transition::Unhandled,
        }
    }

    fn key(&mut self, _cx: &mut Ctx, key: KeyEvent) -> bool {
        let KeyCode::Char(c) = key.code else { return false };
        self.seen.lock().unwrap().typed.push(c);
        true
    }

    fn resumed(&mut self, _cx: &mut Ctx, _outcome: Outcome) {
        self.seen.lock().unwrap().resumed += 1;
    }

    fn render(&mut self, _cx: &mut Ctx, _frame: &mut Frame, _area: Rect) {}
}

/// The runs tab with a probe on top of it.
fn probed() -> (Harness, Arc<Mutex<Seen>>) {
    let mut h = Harness::demo();
    let seen = Arc::new(Mutex::new(Seen::default()));
    h.app.stack.push(Box::new(Probe {
        seen: Arc::clone(&seen),
    }));
    (h, seen)
}

#[test]
fn a_push_and_a_pop_come_from_the_screen_and_the_screen_below_learns_it() {
    let (mut h, seen) = probed();
    h.act(Action::Open);
    assert_eq!(h.app.stack.len(), 3);
    h.act(Action::Back);
    assert_eq!(h.app.stack.len(), 2);
    assert_eq!(seen.lock().unwrap().resumed, 1);
    assert_eq!(seen.lock().unwrap().acts, [Action::Open, Action::Back]);
}

#[test]
fn what_the_screen_leaves_goes_to_the_app_and_idle_draws_nothing() {
    let (mut h, seen) = probed();
    h.app.update(Action::Down);
    assert!(!h.app.dirty, "an idle action asked for a frame");
    h.app.update(Action::Tab(3));
    assert_eq!(h.app.tab, 3, "the app's global did not run");
    assert_eq!(h.app.stack.len(), 1);
    assert_eq!(seen.lock().unwrap().acts, [Action::Down, Action::Tab(3)]);
}

#[test]
fn a_key_no_binding_takes_is_typed_and_the_root_is_never_popped() {
    let (mut h, seen) = probed();
    // `x` is bound nowhere in the settings list: the screen types it.
    h.key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
    assert_eq!(seen.lock().unwrap().typed, "x");
    h.act(Action::Back);
    h.act(Action::Back);
    assert_eq!(h.app.stack.len(), 1, "the tab's root was closed");
}
