//! The terminal user interface: one event loop over keys, signals and a
//! slow tick; a screen stack; drawing only when something changed.

pub mod action;
pub mod app;
pub mod event_loop;
pub mod keymap;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod widgets;

pub use app::{App, Start};
pub use event_loop::run;
