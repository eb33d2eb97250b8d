//! Defects through the service and the CLI: the whole lifecycle table,
//! links across runs that survive a run's deletion, trackers, readiness,
//! retest of a resolved defect's failures, export, and bad input.

use crate::e2e;

use crate::support::fixed_now;
use e2e::{cli, cli_json, cli_ok, demo_store};
use serde_json::Value;
use std::sync::Arc;
use stepwise::domain::{DefectNo, DefectStatus, ProjectCode, ResultStatus, RunNo};
use stepwise::service::{DefectChange, NewDefect, NewResult, NewRun, Service};
use stepwise::store::Store;

fn demo_service() -> (tempfile::TempDir, Service, ProjectCode) {
    let dir = tempfile::tempdir().unwrap();
    let mut svc =
        Service::new(Store::open(&dir.path().join("s"), "ann").unwrap(), "ann").with_clock(Arc::new(fixed_now));
    let code = svc.write_demo(fixed_now()).unwrap();
    (dir, svc, code)
}

/// The statuses that lead from open to `to`.
fn path_to(to: DefectStatus) -> Vec<DefectStatus> {
    use DefectStatus::*;
    match to {
        Open => vec![],
        InProgress => vec![InProgress],
        Resolved => vec![InProgress, Resolved],
        Closed => vec![InProgress, Resolved, Closed],
        Reopened => vec![InProgress, Resolved, Reopened],
        Invalid => vec![Invalid],
    }
}

fn status(s: DefectStatus) -> DefectChange {
    DefectChange {
        status: Some(s),
        ..Default::default()
    }
}

/// Every pair of statuses through the service: allowed ones move the
/// defect and add history; refused ones name the allowed moves and change
/// nothing.
#[test]
fn every_transition_through_the_service() {
    let (_d, svc, code) = demo_service();
    for from in DefectStatus::ALL {
        for to in DefectStatus::ALL {
            let d = svc
                .create_defect(
                    &code,
                    NewDefect {
                        title: format!("{from:?} to {to:?}"),
                        ..Default::default()
                    },
                )
                .unwrap();
            let no = DefectNo(d.no);
            for step in path_to(from) {
                svc.set_defect(&code, no, status(step)).unwrap();
            }
            let before = svc.defect(&code, no).unwrap();
            let result = svc.set_defect(&code, no, status(to));
            let after = svc.defect(&code, no).unwrap();
            if from.can_become(to) {
                assert!(result.is_ok(), "{from:?} -> {to:?}: {result:?}");
                assert_eq!(after.status, to);
                assert_eq!(after.history.len(), before.history.len() + 1);
            } else {
                let err = result.unwrap_err().to_string();
                assert!(err.contains("allowed from"), "{from:?} -> {to:?}: {err}");
                assert_eq!(after, before, "{from:?} -> {to:?} changed the defect");
            }
        }
    }
}

/// The same table through `stepwise defect set`: exit 0 or 2, and the
/// store agrees through `defect show --json`.
#[test]
fn every_transition_through_the_cli() {
    let store = demo_store();
    let dir = store.path();
    for from in DefectStatus::ALL {
        for to in DefectStatus::ALL {
            let out = cli_json(dir, &["defect", "new", "--title", &format!("{from:?} to {to:?}")]);
            let id = out["id"].as_str().unwrap().to_string();
            for step in path_to(from) {
                cli_ok(dir, &["defect", "set", &id, "--status", step.as_str()]);
            }
            let before = cli_json(dir, &["defect", "show", &id]);
            let (code, _, err) = cli(dir, &["defect", "set", &id, "--status", to.as_str()]);
            let after = cli_json(dir, &["defect", "show", &id]);
            if from.can_become(to) {
                assert_eq!(code, 0, "{from:?} -> {to:?}: {err}");
                assert_eq!(after["status"], to.as_str());
            } else {
                assert_eq!(code, 2, "{from:?} -> {to:?} was not refused");
                assert!(err.contains("allowed from"), "{err}");
                assert_eq!(after, before);
            }
        }
    }
}

/// One defect attached to failures in two runs shows both; deleting one
/// run keeps the defect and the other link, which says the run is gone.
#[test]
fn links_across_two_runs_survive_deleting_one() {
    let store = demo_store();
    let dir = store.path();
    cli_ok(
        dir,
        &[
            "result", "2", "DEMO-5", "--config", "Firefox", "--status", "failed", "--defect", "D-1",
        ],
    );
    let shown = cli_json(dir, &["defect", "show", "D-1"]);
    let runs: Vec<u64> = shown["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["run"].as_u64().unwrap())
        .collect();
    assert_eq!(runs, [2, 2]);
    // A second run with its own failure linked to D-1.
    {
        let svc = Service::new(Store::open(dir, "ann").unwrap(), "ann");
        let code = ProjectCode::parse("DEMO").unwrap();
        let run = svc
            .create_run(
                &code,
                NewRun {
                    title: Some("retry".into()),
                    cases: vec![3],
                    ..Default::default()
                },
            )
            .unwrap();
        let mut r = NewResult::status(ResultStatus::Failed);
        r.defects = vec![1];
        svc.record_result(&code, RunNo(run.no), 0, r).unwrap();
    }
    let shown = cli_json(dir, &["defect", "show", "D-1"]);
    let runs: Vec<u64> = shown["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["run"].as_u64().unwrap())
        .collect();
    assert_eq!(runs, [2, 2, 3]);
    let (code, out, _) = cli(dir, &["run", "delete", "2"]);
    assert_eq!(code, 0, "{out}");
    let shown = cli_json(dir, &["defect", "show", "D-1"]);
    let links = shown["links"].as_array().unwrap();
    assert_eq!(links.len(), 3, "links are kept");
    assert!(links.iter().filter(|l| l["run"] == 2).all(|l| l["run_deleted"] == true));
    let kept = links.iter().find(|l| l["run"] == 3).unwrap();
    assert_eq!(
        (kept["run_deleted"].as_bool(), kept["current_status"].as_str()),
        (Some(false), Some("failed"))
    );
    assert_eq!(cli_json(dir, &["defects", "--run", "3"]).as_array().unwrap().len(), 1);
}

#[test]
fn trackers_links_and_bad_input() {
    let store = demo_store();
    let dir = store.path();
    let before = cli_json(dir, &["defect", "show", "D-1"]);
    let refused: [(&[&str], &str); 7] = [
        (
            &["defect", "set", "D-9", "--status", "in_progress"],
            "D-9 does not exist",
        ),
        (
            &["defect", "set", "D-1", "--status", "fixed"],
            "unknown defect status 'fixed'",
        ),
        (
            &["defect", "set", "D-1", "--severity", "huge"],
            "unknown severity 'huge'",
        ),
        (
            &["defect", "set", "D-1", "--link", "JIRA:APP-1"],
            "unknown tracker 'JIRA'",
        ),
        (&["defect", "set", "D-1", "--link", "JIRA-APP-1"], "TRACKER:KEY"),
        (
            &["defect", "set", "D-1", "--status", "in_progress", "--field", "Build=1"],
            "unknown defect field 'Build'",
        ),
        (&["defect", "show", "X-1"], "expected D-N"),
    ];
    for (args, words) in refused {
        let (code, _, err) = cli(dir, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(words), "{args:?}: {err}");
    }
    assert_eq!(
        cli_json(dir, &["defect", "show", "D-1"]),
        before,
        "a refused change changed the defect"
    );
    let (code, _, err) = cli(dir, &["tracker", "add", "GH", "https://github.com/org/repo/issues"]);
    assert_eq!(code, 2);
    assert!(err.contains("{key}"), "{err}");
    cli_ok(
        dir,
        &["tracker", "add", "GH", "https://github.com/org/repo/issues/{key}"],
    );
    cli_ok(dir, &["defect-field", "add", "Build"]);
    cli_ok(
        dir,
        &["defect", "set", "D-1", "--link", "GH:42", "--field", "Build=2.4.1"],
    );
    let shown = cli_json(dir, &["defect", "show", "D-1"]);
    assert_eq!(shown["external"][0]["url"], "https://github.com/org/repo/issues/42");
    assert_eq!(shown["fields"]["Build"], "2.4.1");
    assert_eq!(
        cli_json(dir, &["defects", "--external", "yes"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        cli_json(dir, &["defects", "--external", "no"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let (code, _, err) = cli(dir, &["defect", "set", "D-1", "--unlink", "GH:43"]);
    assert_eq!(code, 2, "{err}");
    cli_ok(dir, &["defect", "set", "D-1", "--unlink", "GH:42"]);
    let history: Vec<String> = cli_json(dir, &["defect", "show", "D-1"])["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["field"].as_str().unwrap().to_string())
        .collect();
    assert!(
        history.ends_with(&["Build".into(), "external".into(), "external".into()]),
        "{history:?}"
    );
}

#[test]
fn readiness_and_retest_after_a_fix() {
    let (_d, svc, code) = demo_service();
    let ready = svc.readiness(&code, Some("Release 2.4")).unwrap();
    assert!(ready.ready, "only a major defect is open");
    svc.set_defect(
        &code,
        DefectNo(1),
        DefectChange {
            severity: Some(stepwise::domain::Severity::Critical),
            ..Default::default()
        },
    )
    .unwrap();
    let r = svc.readiness(&code, Some("Release 2.4")).unwrap();
    assert!(!r.ready);
    assert!(svc.readiness(&code, Some("Nope")).is_err());
    // Not resolved yet: nothing to retest.
    assert!(svc.retest_linked(&code, DefectNo(1)).is_err());
    for s in [DefectStatus::InProgress, DefectStatus::Resolved] {
        svc.set_defect(&code, DefectNo(1), status(s)).unwrap();
    }
    let view = svc.defect_view(&code, DefectNo(1)).unwrap();
    assert!(
        view.links.iter().all(|l| l.verify),
        "the failing test waits for verification"
    );
    assert_eq!(svc.retest_linked(&code, DefectNo(1)).unwrap(), 1);
    assert_eq!(svc.retest_linked(&code, DefectNo(1)).unwrap(), 0, "already pushed");
    assert!(
        svc.readiness(&code, Some("Release 2.4")).unwrap().ready,
        "a resolved defect is not open"
    );
}

#[test]
fn export_csv_and_json() {
    let store = demo_store();
    let dir = store.path();
    cli_ok(
        dir,
        &[
            "defect",
            "new",
            "--title",
            "=HYPERLINK(\"http://evil\")",
            "--severity",
            "minor",
        ],
    );
    let (code, csv, _) = cli(dir, &["defect", "export", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(csv.starts_with("id,title,status,severity"), "{csv}");
    assert!(csv.contains("'=HYPERLINK"), "a formula cell is neutralised: {csv}");
    let out = store.path().join("defects.json");
    cli_ok(
        dir,
        &["defect", "export", "--format", "json", "-o", out.to_str().unwrap()],
    );
    let all: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert!(all[0]["history"].as_array().is_some_and(|h| !h.is_empty()));
    let (code, _, err) = cli(dir, &["defect", "export", "--format", "xml"]);
    assert_eq!(code, 2, "{err}");
}

/// `d-1` in a search finds D-1 only (not D-10); other words search the
/// title, actual result and description.
#[test]
fn search_by_id_and_words() {
    let (_d, svc, code) = demo_service();
    for i in 2..=10 {
        svc.create_defect(
            &code,
            NewDefect {
                title: format!("Defect number {i}"),
                actual: "spinner".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let find = |q: &str| -> Vec<u64> {
        let f = stepwise::service::DefectFilter {
            query: q.into(),
            ..Default::default()
        };
        svc.defect_list(&code, &f, stepwise::service::DefectSort::Id)
            .unwrap()
            .iter()
            .map(|d| d.no)
            .collect()
    };
    assert_eq!(find("d-1"), [1]);
    assert_eq!(find("D-10"), [10]);
    assert_eq!(find("number spinner"), (2..=10).collect::<Vec<_>>());
    assert_eq!(find("locked"), [1]);
    assert!(find("nothing-like-this").is_empty());
}
