//! Every integration test that needs no pseudo-terminal for the TUI, in one
//! binary (one link instead of twenty): the store and its golden bytes, the
//! service, imports and exports, the command line (through the built
//! binary), and the TUI in process: render snapshots at fixed sizes and
//! screens driven with actions and keys. Run one part with a filter:
//! `cargo test --test it render::`. The TUI in a pseudo-terminal is the
//! `pty` binary (`tests/pty/`).

#[path = "../e2e/mod.rs"]
mod e2e;
mod import_support;
mod support;

// The store and the service.
mod golden;
mod repository;
mod run_work;
mod schedules;
mod service;
mod store;
mod trackers;

// Formats in and out.
mod export;
mod export_browser;
mod import;
mod import_fixtures;
mod import_fuzz;

// The command line.
mod cli;
mod defects;
mod plans_cli;
mod runs_cli;
mod server;

// The TUI in process.
mod dashboard_render;
mod defect_detail;
mod defects_render;
mod first_run;
mod live_tui;
mod new_run_render;
mod render;
mod repository_render;
mod settings_tab;
mod wizard_in_process;
mod wizard_keys;

/// Tests live in the `it` and `pty` binaries (and the library's own unit
/// tests): a new file directly under `tests/` would be one more binary to
/// link, so it is a module of one of these instead.
#[test]
fn tests_holds_no_test_binary_of_its_own() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut binaries: Vec<String> = std::fs::read_dir(&tests)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs") || p.join("main.rs").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    binaries.sort();
    assert_eq!(binaries, ["it", "pty"], "test binaries under {}", tests.display());
}
