//! The project's own import fixtures: each format's edge cases, malformed
//! files (message and position, store untouched), idempotency, dry runs,
//! case updates that untested tests follow, and JUnit mapping rules.

use crate::import_support;

use import_support::*;
use stepwise::domain::{
    Automation, Behavior, CasePriority, CaseType, Layer, ResultStatus, RunNo, RunState, Severity, TestState,
};
use stepwise::interop::import::ImportFormat;
use stepwise::service::{ImportOptions, NewResult, NewRun};

#[test]
fn qase_csv_edge_cases() {
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let r = import(&svc, "QE", &fixture("qase-edge.csv"));
    assert_eq!((r.cases.created, r.suites.created), (4, 5), "{r:?}");
    let names = svc.suite_names(&code("QE")).unwrap();
    let cases = svc.cases(&code("QE")).unwrap();
    let pay = &cases[0];
    assert_eq!(names.get(pay.suite), "Checkout / Payments / Cards");
    let steps: Vec<(u8, &str, &str, &str)> = pay
        .steps
        .iter()
        .map(|s| (s.level, s.action.as_str(), s.expected.as_str(), s.data.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (0, "Open /checkout", "Checkout opens", "https://shop.example/pay"),
            (1, "Child \"quoted\"", "", ""),
            (2, "Grandchild", "Deep result", ""),
            (0, "Multi\nline", "", "x"),
        ]
    );
    assert_eq!(
        pay.params,
        [
            ("Card".to_string(), vec!["Visa".to_string(), "Mastercard".to_string()]),
            ("Currency".to_string(), vec!["EUR".to_string()])
        ]
    );
    assert_eq!(
        (pay.muted, pay.flaky, pay.milestone.as_deref()),
        (true, true, Some("Release 2"))
    );
    assert_eq!(pay.tags, ["smoke", "payments"]);
    assert_eq!(
        (pay.severity, pay.behavior, pay.layer),
        (Severity::Blocker, Behavior::Positive, Layer::E2e)
    );
    assert_eq!(pay.description, "Line one\nLine two");
    let g = &cases[1];
    assert_eq!(
        g.steps.iter().map(|s| s.action.as_str()).collect::<Vec<_>>(),
        [
            "Given a paid order",
            "When I ask for a refund",
            "Then the money is back"
        ]
    );
    assert_eq!(g.automation, Automation::Automated);
    assert_eq!(cases[2].suite, None);
    assert_eq!(cases[2].priority, CasePriority::NotSet);
    assert_eq!(names.get(cases[3].suite), "Loose suite");
    assert_eq!(cases[3].case_type, CaseType::Smoke);
}

#[test]
fn qase_json_suites_cases_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let r = import(&svc, "QJ", &fixture("qase.json"));
    assert_eq!((r.cases.created, r.suites.created), (3, 2));
    let names = svc.suite_names(&code("QJ")).unwrap();
    let cases = svc.cases(&code("QJ")).unwrap();
    let sign_in = &cases[0];
    assert_eq!(sign_in.steps.len(), 3);
    assert_eq!(
        (sign_in.steps[1].action.as_str(), sign_in.steps[1].level),
        ("Nested", 1)
    );
    assert_eq!(sign_in.tags, ["auth", "smoke"]);
    assert_eq!((sign_in.flaky, sign_in.milestone.as_deref()), (true, Some("Beta")));
    assert_eq!(sign_in.params[0].1, ["Chrome", "Firefox"]);
    let reset = &cases[1];
    assert_eq!(names.get(reset.suite), "Accounts / Recovery");
    assert_eq!(
        (reset.priority, reset.severity, reset.case_type),
        (CasePriority::Low, Severity::Trivial, CaseType::Regression)
    );
    assert_eq!((reset.automation, reset.layer), (Automation::ToBeAutomated, Layer::Api));
    assert_eq!(cases[2].suite, None);
    assert_eq!(cases[2].source.as_deref(), Some("qase:103"));
}

#[test]
fn testrail_edge_cases() {
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let r = import(&svc, "TE", &fixture("testrail-edge.xml"));
    assert_eq!((r.cases.created, r.suites.created), (3, 2));
    assert!(r.warnings.iter().any(|w| w.contains("Wild guess")), "{:?}", r.warnings);
    let cases = svc.cases(&code("TE")).unwrap();
    let text = &cases[0];
    assert_eq!(text.refs, ["C100", "REQ-1", "REQ-2"]);
    assert_eq!(text.estimate_ms, Some(90_000));
    assert_eq!(
        (text.case_type, text.priority, text.automation),
        (CaseType::Smoke, CasePriority::High, Automation::Automated)
    );
    assert_eq!(text.preconditions, "Logged in\n  indented");
    assert_eq!(
        (text.steps[0].action.as_str(), text.steps[0].expected.as_str()),
        ("Do the thing", "It works")
    );
    let steps = &cases[1];
    assert_eq!(steps.behavior, Behavior::Destructive);
    assert_eq!(steps.steps.len(), 2);
    assert_eq!(steps.steps[0].data, "SKU-1");
    assert_eq!(svc.suite_names(&code("TE")).unwrap().get(steps.suite), "Store / Cart");
    assert_eq!(svc.suites(&code("TE")).unwrap()[0].description, "Shop & checkout");
    assert_eq!(cases[2].case_type, CaseType::Exploratory);
}

/// A malformed file: exit 2, `FILE:LINE:COLUMN: message`, nothing written.
fn refused(name: &str, line_col: &str, says: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let path = fixture(name);
    let (status, out, err) = cli(tmp.path(), &["--project", "BAD", "import", path.to_str().unwrap()]);
    assert_eq!(status, 2, "{name}: {out}{err}");
    let want = format!("{}:{line_col}: ", path.display());
    assert!(err.contains(&want) && err.contains(says), "{name}: {err}");
    let (_, projects, _) = cli(tmp.path(), &["projects", "--json"]);
    assert_eq!(projects.trim(), "[]", "{name} wrote something");
}

#[test]
fn malformed_files_are_refused_with_a_position() {
    refused("qase-bad-value.csv", "22:22", "priority: unknown value 'huge'");
    refused("qase-bad-step.csv", "3:10", "closing");
    refused("qase-no-title.csv", "1:1", "title column");
    refused("qase-bad.json", "4:30", "expected a Qase JSON export: trailing comma");
    refused(
        "qase-bad-value.json",
        "5:26",
        "case 'Odd one': severity: unknown value 'apocalyptic'",
    );
    refused("testrail-bad.xml", "7:34", "expected `</title>`");
    refused("testrail-bad-estimate.xml", "6:9", "estimate");
    refused(
        "junit-truncated.xml",
        "5:1",
        "expected </testsuite> before the end of the file",
    );
}

#[test]
fn dry_run_writes_nothing_and_lists_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let path = fixture("qase-edge.csv");
    let (status, out, err) = cli(
        tmp.path(),
        &["--project", "DRY", "import", path.to_str().unwrap(), "--dry-run"],
    );
    assert_eq!(status, 0, "{err}");
    assert!(
        out.contains("create project DRY") && out.contains("create suite Checkout / Payments / Cards"),
        "{out}"
    );
    assert!(out.contains("Dry run: nothing was written."));
    let (_, projects, _) = cli(tmp.path(), &["projects", "--json"]);
    assert_eq!(projects.trim(), "[]");
    let (status, out, _) = cli(
        tmp.path(),
        &["--project", "DRY", "import", path.to_str().unwrap(), "--json"],
    );
    assert_eq!(status, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["cases"]["created"], 4);
    assert_eq!(v["format"], "qase-csv");
}

#[test]
fn reimport_changes_nothing_then_updates_follow_untested_tests() {
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    import(&svc, "UP", &fixture("qase-edge.csv"));
    let again = import(&svc, "UP", &fixture("qase-edge.csv"));
    assert_eq!(
        (again.cases.created, again.cases.updated, again.cases.unchanged),
        (0, 0, 4)
    );
    assert_eq!((again.suites.created, again.suites.updated), (0, 0));
    let run = svc
        .create_run(
            &code("UP"),
            NewRun {
                title: Some("r".into()),
                cases: vec![1, 2],
                ..NewRun::default()
            },
        )
        .unwrap();
    let tests = svc.tests(&code("UP"), run.no).unwrap();
    svc.record_result(
        &code("UP"),
        RunNo(run.no),
        tests[0].id,
        NewResult::status(ResultStatus::Passed),
    )
    .unwrap();
    let edited = std::fs::read_to_string(fixture("qase-edge.csv"))
        .unwrap()
        .replace("Pay by card", "Pay by card (v2)")
        .replace("Gherkin refund", "Gherkin refund (v2)");
    let path = tmp.path().join("edited.csv");
    std::fs::write(&path, edited).unwrap();
    let r = import(&svc, "UP", &path);
    assert_eq!((r.cases.created, r.cases.updated, r.tests_synced), (0, 2, 1), "{r:?}");
    assert!(
        r.changes.iter().any(|c| c.contains("UP-1") && c.contains("(title)")),
        "{:?}",
        r.changes
    );
    let case = svc.case(&code("UP"), stepwise::domain::CaseNo(1)).unwrap();
    assert_eq!((case.title.as_str(), case.version), ("Pay by card (v2)", 2));
    let tests = svc.tests(&code("UP"), run.no).unwrap();
    assert_eq!(
        tests[0].snapshot.title, "Pay by card",
        "a tested test keeps its snapshot"
    );
    assert_eq!(
        tests[1].snapshot.title, "Gherkin refund (v2)",
        "an untested test follows"
    );
}

#[test]
fn own_fixtures_round_trip_through_qase_csv() {
    for name in ["qase-edge.csv", "qase.json"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out.csv");
        import(&service(tmp.path()), "ONE", &fixture(name));
        let (status, _, err) = cli(
            tmp.path(),
            &[
                "--project",
                "ONE",
                "cases",
                "--format",
                "qase-csv",
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(status, 0, "{err}");
        let csv = std::fs::read_to_string(&out).unwrap();
        assert!(csv.starts_with("v2.id,title,description,"), "{csv}");
        assert!(csv.lines().next().unwrap().ends_with(",parameters,is_muted"));
        import(&service(tmp.path()), "TWO", &out);
        assert_eq!(cases_json(tmp.path(), "ONE"), cases_json(tmp.path(), "TWO"), "{name}");
        // And the exported file itself imports without change.
        let again = import(&service(tmp.path()), "TWO", &out);
        assert_eq!((again.cases.created, again.cases.updated), (0, 0));
    }
}

#[test]
fn junit_edge_cases_map_record_and_respect_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    svc.create_project("EDGE", "Edge").unwrap();
    // EDGE-1 exists: the stepwise_id property maps a testcase to it.
    import(&svc, "EDGE", &fixture("qase-edge.csv"));
    let r = import(&svc, "EDGE", &fixture("junit-edge.xml"));
    assert_eq!(r.results, 7, "{r:?}");
    assert!(
        r.warnings.iter().any(|w| w.contains("not-a-number")),
        "{:?}",
        r.warnings
    );
    let run = r.run.unwrap();
    let tests = svc.tests(&code("EDGE"), run).unwrap();
    let mapped = tests.iter().find(|t| t.case_no == 1).expect("EDGE-1 is in the run");
    assert_eq!(mapped.results[0].status, ResultStatus::Passed);
    let fails = tests.iter().find(|t| t.snapshot.title == "fails").unwrap();
    assert_eq!(fails.results[0].comment, "expected 1 got 2\nat line 3\n\nlog line");
    assert_eq!(fails.results[0].duration_ms, 250);
    let errors = tests.iter().find(|t| t.snapshot.title == "errors").unwrap();
    assert_eq!(
        (errors.results[0].status, errors.results[0].comment.as_str()),
        (ResultStatus::Failed, "boom")
    );
    // auto_update_cases is off: EDGE-1 stays manual, with a warning.
    assert_eq!(
        svc.case(&code("EDGE"), stepwise::domain::CaseNo(1)).unwrap().automation,
        Automation::ToBeAutomated
    );
    assert!(r.warnings.iter().any(|w| w.contains("auto_update_cases is off")));

    // Into an existing run: results already there are not recorded twice.
    let opts = ImportOptions {
        run: Some(RunNo(run)),
        ..ImportOptions::default()
    };
    let again = svc
        .import_file(&code("EDGE"), &fixture("junit-edge.xml"), opts.clone())
        .unwrap();
    assert_eq!((again.results, again.results_skipped, again.cases.created), (0, 7, 0));

    // A closed run refuses results unless the setting allows them.
    svc.end_run(&code("EDGE"), RunNo(run), RunState::Completed).unwrap();
    let edited = tmp.path().join("j.xml");
    std::fs::write(
        &edited,
        std::fs::read_to_string(fixture("junit-edge.xml"))
            .unwrap()
            .replace("time=\"1.5\"", "time=\"2\""),
    )
    .unwrap();
    let err = svc.import_file(&code("EDGE"), &edited, opts).unwrap_err().to_string();
    assert!(err.contains("closed") || err.contains("completed"), "{err}");

    // auto_update_cases on: EDGE-1 becomes automated, a new version.
    svc.set_settings(&code("EDGE"), &[("auto_update_cases".into(), "true".into())])
        .unwrap();
    let r = import(&svc, "EDGE", &fixture("junit-edge.xml"));
    assert_eq!(r.cases.updated, 1);
    let case = svc.case(&code("EDGE"), stepwise::domain::CaseNo(1)).unwrap();
    assert_eq!((case.automation, case.version), (Automation::Automated, 2));
}

#[test]
fn junit_repeated_testcases_never_hide_a_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let r = import(&svc, "REP", &fixture("junit-repeated.xml"));
    // Every execution is a result; three tests got more than one.
    assert_eq!((r.results, r.cases.created), (8, 4), "{r:?}");
    assert_eq!(
        (r.shared.tests, r.shared.executions),
        (3, 7),
        "the summary counts the executions that shared a test"
    );
    assert_eq!(
        r.shared_line().as_deref(),
        Some("7 executions shared 3 test(s): each is a result, a test stands at the most severe")
    );
    let tests = svc.tests(&code("REP"), r.run.unwrap()).unwrap();
    let test = |title: &str| tests.iter().find(|t| t.snapshot.title == title).unwrap();
    // A failure followed by passes of the same name: the test is failed.
    let adds = test("adds an item");
    assert_eq!(adds.results.len(), 3);
    assert_eq!(adds.state(), TestState::Done(ResultStatus::Failed));
    assert!(adds.results.last().unwrap().comment.contains("quantity 3"));
    // Negative over positive, and skipped over passed.
    assert_eq!(test("applies a coupon").state(), TestState::Done(ResultStatus::Skipped));
    assert_eq!(test("empties").results.len(), 2);
    assert_eq!(test("once").state(), TestState::Done(ResultStatus::Passed));
    // The summary says it on the command line too.
    drop(svc);
    let (status, out, err) = cli(
        tmp.path(),
        &[
            "--project",
            "REP",
            "import",
            fixture("junit-repeated.xml").to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("7 executions shared 3 test(s)"), "{out}");
}

#[test]
fn junit_without_auto_create_is_refused_or_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    // The fixture's stepwise_id property names EDGE-1.
    svc.create_project("EDGE", "Off").unwrap();
    svc.set_settings(&code("EDGE"), &[("auto_create_cases".into(), "false".into())])
        .unwrap();
    let err = svc
        .import_file(&code("EDGE"), &fixture("junit-edge.xml"), ImportOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("auto_create_cases"), "{err}");
    assert!(svc.runs(&code("EDGE")).unwrap().is_empty());
    import(&svc, "EDGE", &fixture("qase-edge.csv"));
    let r = import(&svc, "EDGE", &fixture("junit-edge.xml"));
    assert_eq!((r.results, r.results_skipped, r.cases.created), (1, 6, 0));
    assert!(r.warnings.iter().any(|w| w.contains("match no case")));
}

#[test]
fn formats_are_detected_and_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let forced = ImportOptions {
        format: ImportFormat::Junit,
        ..ImportOptions::default()
    };
    let err = svc
        .import_file(&code("FMT"), &fixture("qase-edge.csv"), forced)
        .unwrap_err()
        .to_string();
    assert!(err.contains("qase-edge.csv:1:1:"), "{err}");
    let r = import(&svc, "FMT", &fixture("testrail-edge.xml"));
    assert_eq!(r.format, ImportFormat::TestrailXml);
    let missing = svc.import_file(&code("FMT"), &tmp.path().join("nope.csv"), ImportOptions::default());
    assert!(missing.unwrap_err().to_string().contains("nope.csv:1:1: cannot read"));
}
