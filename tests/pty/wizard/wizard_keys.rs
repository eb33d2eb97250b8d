//! Nothing recorded by accident (issue 10, "Trust"), on the real terminal:
//! `Esc` never records, status keys typed ahead of an automatic move never
//! record on the test moved to, and a closed run's wizard says it takes no
//! results before any key. These use the helpers of `wizard.rs`; the same
//! rules in process, on a scripted clock, are `tests/it/wizard_keys.rs`.

use super::*;

// ------------------------------------------------------------ Esc, in a pty

/// A slip of `f`, then the reflexive `Esc`: nothing is recorded and no
/// defect filed; the comment stays as the test's draft. Recording without
/// a defect is unticking "File a defect", then `Ctrl-S`, as the dialog's
/// footer says.
#[test]
fn esc_in_the_failure_dialog_records_nothing_and_keeps_the_draft() {
    let store = demo_store();
    let before = tests(&store);
    let mut t = wizard(&store);
    fail_step_two(&mut t);
    expect_flat(&t, "untick File a defect: none  Esc cancel");
    type_text(&mut t, "no defect for this one");
    t.key_esc();
    t.wait_until("the dialog closed", WAIT, |s| !s.contains("Record: failed"))
        .unwrap();
    expect_notice(&t, "Nothing recorded");
    on_test(&t, FIRST_UNTESTED, "DEMO-4");
    t.expect("Whole test: untested  (0 result(s))");
    page_down_to(&mut t, "Comment: no defect for this one");
    quit(t);
    // Nothing reached the store but the draft.
    assert_eq!(tests(&store), before, "Esc recorded something");
    assert_eq!(linked_defects(&store), ["D-1"]);

    // The explicit way: `f` (the comment comes back from the draft), Tab
    // to "File a defect", Space unticks it, Ctrl-S records the failure alone.
    let mut t = wizard(&store);
    t.send("f");
    t.expect("Record: failed");
    t.wait_until("the comment prefilled", WAIT, |s| {
        s.lines().any(|l| l.contains("Comment    no defect for this one"))
    })
    .unwrap();
    t.send(&key::TAB.repeat(2));
    t.send(" ");
    t.expect("[ ] File a defect");
    expect_flat(&t, "Ctrl-S record without a defect");
    t.send(key::CTRL_S);
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    expect_notice(&t, "failed recorded on DEMO-4");
    assert!(!notice(&t).contains("defect"), "notice: {}", notice(&t));
    quit(t);

    let test = &tests(&store)[FIRST_UNTESTED];
    assert_test(test, "DEMO-4", "Firefox", "failed");
    let r = only_result(test);
    assert_eq!(r["comment"], "no defect for this one");
    assert_eq!(r["defects"], serde_json::json!([]));
    assert_eq!(linked_defects(&store), ["D-1"]);
}

/// `Esc` in the defect dialog of a tested test (`d`) files nothing either.
#[test]
fn esc_in_the_defect_dialog_files_nothing() {
    let store = demo_store();
    let mut t = open_run(&store, 2, &[], &[]);
    t.key_enter();
    on_test(&t, 0, "DEMO-1");
    t.send("d");
    t.expect("Defect for the latest result");
    t.key_esc();
    t.wait_until("the dialog closed", WAIT, |s| !s.contains("Defect for the latest"))
        .unwrap();
    expect_notice(&t, "Nothing recorded");
    quit(t);
    assert_eq!(linked_defects(&store), ["D-1"]);
    let defects = cli_json(store.path(), &["defects"]);
    assert_eq!(defects.as_array().map(Vec::len), Some(1), "{defects:#}");
}

// ------------------------------------------------- type-ahead, in a pty

/// The race users report against web tools, on the real terminal: `j` and
/// six `p` in one burst on DEMO-4 (4 steps). The steps pass, auto passed
/// records the test and the wizard moves to DEMO-6; the two extra `p` were
/// typed before DEMO-6 was shown and record nothing. A `p` pressed once
/// DEMO-6 has been read does record.
#[test]
fn a_burst_typed_ahead_never_records_on_the_next_test() {
    let store = demo_store();
    let before = tests(&store);
    let mut t = wizard(&store);
    t.send("jpppppp");
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    expect_notice(&t, "ignored p p: typed before DEMO-6 (Chrome) was shown");
    assert!(notice(&t).contains("passed recorded on DEMO-4"), "{}", notice(&t));
    t.expect("Whole test: untested");
    t.expect("10/28 done");

    // Deliberate work: DEMO-6 read, then one key.
    std::thread::sleep(Duration::from_millis(500));
    t.send("p");
    expect_notice(&t, "passed recorded on DEMO-6");
    t.expect("11/28 done");
    quit(t);
    let after = tests(&store);
    let r = only_result(&after[FIRST_UNTESTED]).clone();
    assert_eq!(step_statuses(&r), ["passed"; 4]);
    assert_test(&after[NEXT_UNTESTED], "DEMO-6", "Chrome", "passed");
    for (i, (b, a)) in before.iter().zip(&after).enumerate() {
        if i != FIRST_UNTESTED && i != NEXT_UNTESTED {
            assert_eq!(b, a, "test {i} changed: a typed-ahead key recorded on it");
        }
    }
}

/// On the real terminal: run #1 (completed) says it is closed as soon as
/// its wizard opens, and the footer shows the status keys off.
#[test]
fn a_closed_runs_wizard_says_so_before_any_key() {
    let store = demo_store();
    let mut t = open_run(&store, 1, &[], &[]);
    t.key_enter();
    on_test(&t, 0, "DEMO-1");
    expect_notice(&t, "Run #1 is completed (closed): no result can be recorded");
    t.expect("p f b s off: run closed");
    quit(t);
}
