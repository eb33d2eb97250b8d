//! The TUI end to end: the built binary in a pseudo-terminal (portable-pty),
//! its screen parsed with vt100, keys sent as a terminal sends them, then
//! the store read back through `--json`. Signals, `kill -9`, terminal
//! restore, and the screens' flows as a user meets them. One binary; run
//! one part with a filter: `cargo test --test pty wizard::`.

#[path = "../e2e/mod.rs"]
mod e2e;

mod dashboard_tui;
mod defects_tui;
mod first_run_tui;
mod live_tui;
mod new_run_tui;
mod repository_import_tui;
mod repository_tui;
mod settings_tui;
mod trackers_tui;
mod tui;
mod wizard;
