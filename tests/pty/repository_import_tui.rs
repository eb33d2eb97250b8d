//! Importing a file from the repository tab (`i`), end to end in a
//! pseudo-terminal: the path is completed with Tab, the dry run shows what
//! would change, `y` imports and the new suite appears in the tree; a
//! malformed file shows its error position and leaves the store unchanged.

use crate::e2e;

use e2e::{Tui, WAIT, cli_json, demo_store, key};

const SMALL_QASE: &str = "v2.id,title,suite_id,suite_parent_id,suite,suite_without_cases,steps_actions,steps_result
,,1,,Imported billing,1,,
,,2,1,Invoices,1,,
1,Send an invoice,2,1,Invoices,,\"1. \"\"Open billing\"\"
2. \"\"Send\"\"\",\"1. \"\"Billing opens\"\"
2. \"\"Sent\"\"\"
2,Refund an invoice,2,1,Invoices,,,
";

/// A row whose step text never closes its quote (line 3, column 10).
const BAD_QASE: &str = "v2.id,title,steps_actions
1,Ok,\"1. \"\"fine\"\"\"
2,Broken,\"1. \"\"never closed\"
";

fn settle(t: &Tui, what: &str, pred: impl Fn(&str) -> bool) {
    t.wait_until(what, WAIT, pred).unwrap_or_else(|e| panic!("{e}"));
}

fn quit(mut t: Tui) {
    t.send("q");
    assert_eq!(t.exited().code, 0);
}

fn open_repository(store: &std::path::Path) -> Tui {
    let t = Tui::spawn(&["--store", store.to_str().unwrap()], &[], 80, 24);
    t.expect("Release 2.4 regression");
    let mut t = t;
    t.send("2");
    settle(&t, "the repository", |s| s.contains("All cases") && s.contains("cases"));
    t
}

#[test]
fn import_a_qase_csv_from_the_repository_tab_and_see_its_suite() {
    let store = demo_store();
    let files = tempfile::tempdir().unwrap();
    std::fs::write(files.path().join("small-export.csv"), SMALL_QASE).unwrap();
    let before = cli_json(store.path(), &["cases"]).as_array().unwrap().len();
    let mut t = open_repository(store.path());
    t.send("i");
    t.expect("Import a file");
    // Tab completes the only file that starts so.
    t.send(&format!("{}/sm", files.path().display()));
    t.send(key::TAB);
    t.expect("small-export.csv");
    t.key_enter();
    settle(&t, "the dry run", |s| {
        s.contains("Import small-export.csv?") && s.contains("Cases:  2 new") && s.contains("Suites: 2 new")
    });
    t.send("y");
    settle(&t, "the import's notice", |s| {
        s.contains("Imported 2 case(s) in 2 suite(s) from small-export.csv")
    });
    // The tree has reloaded: the new suite, open, with its sub-suite.
    settle(&t, "the new suite in the tree", |s| {
        s.contains("Imported billing (2)") && s.contains("Invoices (2)")
    });
    quit(t);
    let cases = cli_json(store.path(), &["cases"]);
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), before + 2);
    assert!(cases.iter().any(|c| c["title"] == "Send an invoice"));
}

#[test]
fn a_malformed_file_shows_where_and_the_store_stays_unchanged() {
    let store = demo_store();
    let files = tempfile::tempdir().unwrap();
    let bad = files.path().join("broken.csv");
    std::fs::write(&bad, BAD_QASE).unwrap();
    let before = cli_json(store.path(), &["cases"]);
    let mut t = open_repository(store.path());
    t.send("i");
    t.expect("Import a file");
    t.send(&bad.display().to_string());
    t.key_enter();
    t.expect("broken.csv:3:10:");
    // Still the path dialog: Esc closes it.
    t.key_esc();
    settle(&t, "the dialog closed", |s| !s.contains("Import a file"));
    // Cancelling after the dry run writes nothing either.
    std::fs::write(files.path().join("fine.csv"), SMALL_QASE).unwrap();
    t.send("i");
    t.expect("Import a file");
    t.send(&files.path().join("fine.csv").display().to_string());
    t.key_enter();
    t.expect("Import fine.csv?");
    t.send("n");
    t.expect("Import cancelled; nothing was written");
    quit(t);
    assert_eq!(cli_json(store.path(), &["cases"]), before);
}

#[test]
fn a_file_nested_100000_deep_is_refused_in_the_dialog_and_the_tui_lives_on() {
    let store = demo_store();
    let files = tempfile::tempdir().unwrap();
    let deep = files.path().join("deep.xml");
    let depth = 100_000;
    std::fs::write(
        &deep,
        format!(
            "<testsuites>{}<testcase/>{}</testsuites>",
            "<testsuite>".repeat(depth),
            "</testsuite>".repeat(depth)
        ),
    )
    .unwrap();
    let before = cli_json(store.path(), &["runs"]);
    let mut t = open_repository(store.path());
    t.send("i");
    t.expect("Import a file");
    t.send(&deep.display().to_string());
    t.key_enter();
    // Refused at the 257th suite; the dialog stays, the TUI runs on.
    settle(&t, "the refusal", |s| {
        s.contains("deep.xml:1:2829:") && s.contains("deeper") && s.contains("256")
    });
    t.key_esc();
    settle(&t, "the dialog closed", |s| !s.contains("Import a file"));
    quit(t);
    assert_eq!(cli_json(store.path(), &["runs"]), before);
}
