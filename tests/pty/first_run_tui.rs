//! The TUI on a fresh store (no project yet), end to end: the first-run
//! screen shows, `q` and `Esc` quit it cleanly (status 0, the terminal put
//! back, nothing written), and SIGTERM in its form ends it as anywhere
//! else. Creating the project there is part of the settings flow
//! (`settings_tui`).

use crate::e2e;

use e2e::{Tui, WAIT, cli_json};
use std::path::Path;

fn open(store: &Path) -> Tui {
    let t = Tui::spawn(&["--store", store.to_str().unwrap()], &[], 80, 24);
    t.wait_until("the first-run screen", WAIT, |s| {
        s.contains("This store holds no project yet") && s.contains("q quit")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    t
}

/// Quit with status 0, back on the main screen with a visible cursor, and
/// the store still without a project.
fn assert_quit_clean(t: &mut Tui, store: &Path) {
    let exit = t.exited();
    assert_eq!((exit.code, exit.signal), (0, None));
    let modes = t.with_screen(|s| (s.alternate_screen(), s.hide_cursor()));
    assert_eq!(modes, (false, false), "(alt screen, hidden cursor) after exit");
    assert_eq!(cli_json(store, &["projects"]), serde_json::json!([]));
}

#[test]
fn q_quits_the_first_run_screen_cleanly() {
    let store = tempfile::tempdir().unwrap();
    let mut t = open(store.path());
    t.send("q");
    assert_quit_clean(&mut t, store.path());
}

#[test]
fn esc_leaves_the_form_then_quits() {
    let store = tempfile::tempdir().unwrap();
    let mut t = open(store.path());
    t.key_enter();
    t.expect("New project");
    // In the form q is text; Esc goes back to the welcome.
    t.send("q");
    t.expect("Code   q");
    t.key_esc();
    t.expect("Create the first project to begin.");
    t.key_esc();
    assert_quit_clean(&mut t, store.path());
}

#[test]
fn sigterm_in_the_form_ends_it_like_anywhere_else() {
    let store = tempfile::tempdir().unwrap();
    let mut t = open(store.path());
    t.key_enter();
    t.expect("New project");
    t.send("SHOP");
    t.expect("Code   SHOP");
    t.signal(libc::SIGTERM);
    let exit = t.exited();
    assert_eq!(exit.code, 128 + libc::SIGTERM as u32, "{exit:?}");
    assert_eq!(cli_json(store.path(), &["projects"]), serde_json::json!([]));
}
