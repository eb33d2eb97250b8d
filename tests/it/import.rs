//! Imports of every real file in ../shared/samples (when present): counts,
//! suites, steps and statuses checked against the files.

use crate::import_support;

use import_support::*;
use stepwise::domain::{Automation, CasePriority, CaseStatus, CaseType, Layer, ResultStatus, Severity, StepsKind};
use stepwise::service::{ImportOptions, Service};

fn case<'a>(cases: &'a [stepwise::domain::Case], title: &str) -> &'a stepwise::domain::Case {
    cases
        .iter()
        .find(|c| c.title.starts_with(title))
        .unwrap_or_else(|| panic!("no case {title}"))
}

fn suite_of(svc: &Service, project: &str, c: &stepwise::domain::Case) -> String {
    svc.suite_names(&code(project)).unwrap().get(c.suite).to_string()
}

#[test]
fn qase_export_csv() {
    let Some(dir) = samples() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let r = import(&svc, "QX", &dir.join("qase-export.csv"));
    assert!(r.project_created);
    assert_eq!((r.cases.created, r.suites.created), (7, 4), "{r:?}");
    let cases = svc.cases(&code("QX")).unwrap();
    assert_eq!(cases.len(), 7);
    let promo = case(&cases, "Validate promotions");
    assert_eq!(suite_of(&svc, "QX", promo), "Detail / Promotions");
    assert_eq!(promo.steps.len(), 2);
    assert_eq!(
        (
            promo.steps[1].action.as_str(),
            promo.steps[1].expected.as_str(),
            promo.steps[1].data.as_str()
        ),
        ("Step two", "Expected result two", "Data two")
    );
    assert_eq!(promo.priority, CasePriority::Medium);
    let perf = case(&cases, "Performance test");
    assert_eq!(perf.suite, None);
    assert_eq!(
        (perf.automation, perf.layer, perf.case_type),
        (Automation::Automated, Layer::Unit, CaseType::Performance)
    );
    assert_eq!(perf.source.as_deref(), Some("qase:5"));
    let manual = case(&cases, "My manual test title");
    assert_eq!(manual.params[0].0, "Username");
    assert_eq!(manual.params[0].1, ["John", "Barbara", "Peter"]);
    assert_eq!(manual.params[1].1, ["password", "123456"]);
    assert_eq!(
        manual.steps[2].action,
        "```\nInsert Username in the username field\n```"
    );
    assert!(manual.preconditions.starts_with("Pre conditions\n**Bold**"));
    let gherkin = case(&cases, "Invalid login");
    assert_eq!(gherkin.steps_kind, StepsKind::Gherkin);
    assert_eq!(gherkin.steps.len(), 6);
    assert_eq!(gherkin.steps[2].action, "And I insert \"failed\" in the username field");
    let listing = case(&cases, "Validate listing page");
    assert_eq!(listing.steps[5].action, "Click on the \"new arrivals\" icon");
    assert_eq!(listing.priority, CasePriority::High);
    assert_eq!(listing.severity, Severity::Critical);
    assert_eq!(listing.tags, ["Listing"]);
}

#[test]
fn qase_example_import_csv() {
    let Some(dir) = samples() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let r = import(&svc, "QE", &dir.join("qase-example-import.csv"));
    assert_eq!((r.cases.created, r.suites.created), (5, 2));
    let cases = svc.cases(&code("QE")).unwrap();
    let simple = case(&cases, "Launch Control");
    assert_eq!(simple.steps.len(), 5);
    assert_eq!(simple.steps[1].data, "Login / Pass");
    assert_eq!(simple.steps[2].data, "www.qase.io/login Password: 1235");
    assert_eq!(
        (simple.layer, simple.flaky, simple.priority),
        (Layer::Api, true, CasePriority::High)
    );
    let nested = case(&cases, "Launchpad");
    let levels: Vec<u8> = nested.steps.iter().map(|s| s.level).collect();
    assert_eq!(levels, [0, 1, 0, 1, 2]);
    assert_eq!(nested.steps[4].action, "Child of [Child of 'Parent Step two']");
    assert_eq!(nested.priority, CasePriority::NotSet);
    assert_eq!(nested.automation, Automation::ToBeAutomated);
    let md = case(&cases, "Ground Control");
    assert_eq!(md.steps.len(), 7);
    assert!(
        md.steps[2].action.contains("Heading 1\n\n## Heading 2"),
        "{}",
        md.steps[2].action
    );
    assert!(md.steps[3].action.contains("(https://www.example.com)"));
    assert_eq!(md.tags, ["Sprint 50"]);
    let g = case(&cases, "Inertial Nav Module");
    assert_eq!(
        (g.steps_kind, g.steps.len(), g.status),
        (StepsKind::Gherkin, 6, CaseStatus::Draft)
    );
    assert_eq!(
        g.steps[0].action,
        "Given the car is in a safe and controlled environment"
    );
    assert_eq!(suite_of(&svc, "QE", g), "Navigation");
    assert!(case(&cases, "GPS Nav Module").steps.is_empty());
}

#[test]
fn testrail_comic_estore() {
    let Some(dir) = samples() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let r = import(&svc, "TR", &dir.join("testrail-comic-estore.xml"));
    assert_eq!((r.cases.created, r.suites.created), (5, 4), "{r:?}");
    let cases = svc.cases(&code("TR")).unwrap();
    let steps = case(&cases, "Manual Test Case (Steps)");
    assert_eq!(suite_of(&svc, "TR", steps), "Test Cases / Regression");
    assert_eq!(steps.steps.len(), 5);
    assert_eq!(steps.steps[1].expected, "Expected result for the first step");
    assert_eq!(steps.steps[1].data, "Additional step description");
    assert_eq!(steps.case_type, CaseType::Acceptance);
    let text = case(&cases, "Test Case Steps (Text)");
    assert_eq!(text.source.as_deref(), Some("testrail:C22478"));
    assert_eq!(text.refs, ["C22478"]);
    assert_eq!(text.steps.len(), 1);
    assert!(text.steps[0].action.starts_with("%Var3"));
    let expl = case(&cases, "Exploratory Session Test");
    assert_eq!(expl.case_type, CaseType::Exploratory);
    assert!(expl.description.contains("Mission: Exploratory Mission"));
    assert_eq!(case(&cases, "Automated Checkout").automation, Automation::Automated);
}

#[test]
fn testrail_example_235() {
    let Some(dir) = samples() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let r = import(&svc, "TR", &dir.join("testrail-example-235.xml"));
    assert_eq!((r.cases.created, r.suites.created), (235, 23));
    let cases = svc.cases(&code("TR")).unwrap();
    let c2 = case(&cases, "Change page color and verify print output");
    assert_eq!(c2.estimate_ms, Some(840_000));
    assert!(
        c2.preconditions.starts_with("Suspendisse orci nisi"),
        "{}",
        c2.preconditions
    );
    assert!(
        cases
            .iter()
            .any(|c| c.refs.iter().any(|r| r == "DH-29") && c.refs.len() == 3)
    );
}

/// Counts of `<failure`/`<error` and `<skipped` in a JUnit file's text.
fn expected_statuses(text: &str) -> (usize, usize) {
    let mut text = text.to_string();
    while let Some(a) = text.find("<!--") {
        let end = text[a..].find("-->").map_or(text.len(), |b| a + b + 3);
        text.replace_range(a..end, "");
    }
    let failed = text.matches("<failure").count() + text.matches("<error").count();
    (failed, text.matches("<skipped").count())
}

fn junit(sample: &str, testcases: usize) {
    let Some(dir) = samples() else { return };
    let path = dir.join(sample);
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let r = import(&svc, "JU", &path);
    assert_eq!(r.results, testcases, "{sample}: {:?}", r.warnings);
    assert!(r.run_created);
    let run = r.run.unwrap();
    assert_eq!(
        svc.run(&code("JU"), stepwise::domain::RunNo(run)).unwrap().title,
        sample
    );
    let tests = svc.tests(&code("JU"), run).unwrap();
    assert_eq!(tests.len(), r.cases.created);
    let all: Vec<ResultStatus> = tests.iter().flat_map(|t| t.results.iter().map(|x| x.status)).collect();
    assert_eq!(all.len(), testcases);
    let count = |s| all.iter().filter(|x| **x == s).count();
    let (failed, skipped) = expected_statuses(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(
        (count(ResultStatus::Failed), count(ResultStatus::Skipped)),
        (failed, skipped),
        "{sample}"
    );
    assert!(
        svc.cases(&code("JU"))
            .unwrap()
            .iter()
            .all(|c| c.automation == Automation::Automated)
    );
}

#[test]
fn junit_jest_4239() {
    junit("junit-jest.xml", 4239);
}

#[test]
fn junit_pulsar_808() {
    junit("junit-pulsar.xml", 808);
}

#[test]
fn junit_pytest_and_complete() {
    junit("junit-pytest.xml", 10);
    junit("junit4-complete.xml", 8);
}

/// Parametrized tests repeat a testcase's name: Jest's 4,239 testcases
/// make 4,142 tests, 31 of them with several executions (128 together).
/// Every execution is a result, and no test stands at a milder status
/// than one of its results.
#[test]
fn junit_repeated_names_share_a_test_and_never_hide_a_failure() {
    let Some(dir) = samples() else { return };
    for (sample, shared) in [("junit-jest.xml", (31, 128)), ("junit-pulsar.xml", (39, 177))] {
        let tmp = tempfile::tempdir().unwrap();
        let svc = service(tmp.path());
        let r = import(&svc, "JU", &dir.join(sample));
        assert_eq!((r.shared.tests, r.shared.executions), shared, "{sample}");
        let tests = svc.tests(&code("JU"), r.run.unwrap()).unwrap();
        let project = svc.project(&code("JU")).unwrap();
        let catalog = project.catalog();
        for t in &tests {
            let worst = t.results.iter().map(|x| catalog.severity(x.status)).max();
            let stands = match t.state() {
                stepwise::domain::TestState::Done(s) => Some(catalog.severity(s)),
                _ => None,
            };
            assert_eq!(stands, worst, "{sample}: {}", t.snapshot.title);
        }
    }
}

#[test]
fn junit_katalon_counts_lie() {
    junit("junit-katalon-edge.xml", 1);
    let Some(dir) = samples() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let r = import(&svc, "KA", &dir.join("junit-katalon-edge.xml"));
    let t = &svc.tests(&code("KA"), r.run.unwrap()).unwrap()[0];
    assert!(t.results[0].comment.contains("Unable to verify text"));
    assert_eq!(t.results[0].duration_ms, 0);
}

#[test]
fn every_sample_imports_twice_without_change() {
    let Some(dir) = samples() else { return };
    let tmp = tempfile::tempdir().unwrap();
    for name in [
        "qase-export.csv",
        "qase-example-import.csv",
        "testrail-comic-estore.xml",
        "testrail-example-235.xml",
    ] {
        let project = "TW";
        let svc = service(tmp.path());
        import(&svc, project, &dir.join(name));
        drop(svc);
        let before = cli(tmp.path(), &["--project", project, "cases", "--json"]);
        let svc = service(tmp.path());
        let again = svc
            .import_file(&code(project), &dir.join(name), ImportOptions::default())
            .unwrap();
        assert_eq!(
            (again.cases.created, again.cases.updated, again.suites.created),
            (0, 0, 0),
            "{name}"
        );
        drop(svc);
        assert_eq!(
            cli(tmp.path(), &["--project", project, "cases", "--json"]),
            before,
            "{name}"
        );
        // Every sample goes into the same project: later files add to it.
    }
}

#[test]
fn qase_round_trip_keeps_every_field() {
    let Some(dir) = samples() else { return };
    for name in ["qase-export.csv", "qase-example-import.csv"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out.csv");
        import(&service(tmp.path()), "ONE", &dir.join(name));
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
        import(&service(tmp.path()), "TWO", &out);
        assert_eq!(cases_json(tmp.path(), "ONE"), cases_json(tmp.path(), "TWO"), "{name}");
    }
}
