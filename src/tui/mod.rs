//! The terminal user interface: one event loop over keys, signals and a
//! slow tick; a stack of screens; drawing only when something changed.
//!
//! Where a key goes: `event_loop` reads it and calls `App::on_key`; the
//! keymap turns it into an `Action` for the scope of what has focus
//! (`keymap::lookup`); the top screen's `Screen::act` carries it out
//! (through `service`, which persists first) and returns a `Transition`
//! that `App::apply` follows (push, pop, replace, or the app's globals);
//! a key no binding takes is typed by `Screen::key`; then `frame::render`.

pub mod action;
pub mod app;
pub mod event_loop;
pub mod first_run;
mod frame;
pub mod harness;
pub mod jobs;
pub mod keymap;
pub mod live;
pub mod screen;
pub mod screens;
pub mod terminal;
#[cfg(feature = "test-hooks")]
mod test_hooks;
pub mod theme;
pub mod tracker_calls;
pub mod widgets;

pub use app::{App, Start};
pub use event_loop::run;
pub use first_run::Front;
