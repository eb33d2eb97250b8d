//! Scheduled runs: due runs are created once, on a clock the test moves;
//! the `schedule` commands from the command line.

use crate::e2e;

use e2e::{cli, cli_json, cli_ok, demo_store};
use std::sync::{Arc, Mutex};
use stepwise::domain::CaseSource;
use stepwise::domain::schedule::Recurrence;
use stepwise::service::{NewSchedule, Service};
use stepwise::store::Store;

type Now = chrono::DateTime<chrono::Utc>;

fn t(s: &str) -> Now {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

fn nightly(every: Recurrence) -> NewSchedule {
    NewSchedule {
        name: "Nightly".into(),
        every,
        at: 2 * 60,
        title: Some("Nightly {date}".into()),
        description: String::new(),
        source: CaseSource {
            suites: vec!["Checkout".into()],
            ..CaseSource::default()
        },
        configs: vec![("Browser".into(), vec!["Chrome".into(), "Firefox".into()])],
        environment: Some("staging".into()),
        milestone: None,
        tags: vec!["nightly".into()],
        assignees: vec![],
    }
}

#[test]
fn due_runs_are_created_once_per_occurrence() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(Mutex::new(t("2025-11-03T10:00:00Z"))); // a Monday
    let c = clock.clone();
    let mut svc =
        Service::new(Store::open(dir.path(), "ann").unwrap(), "ann").with_clock(Arc::new(move || *c.lock().unwrap()));
    let code = svc.write_demo(t("2025-11-03T10:00:00Z")).unwrap();
    let runs_before = svc.runs(&code).unwrap().len();
    let s = svc.add_schedule(&code, nightly(Recurrence::Weekdays)).unwrap();
    assert_eq!(s.next_due, t("2025-11-04T02:00:00Z"));
    assert!(svc.run_due_schedules(&code).unwrap().is_empty(), "not due yet");

    *clock.lock().unwrap() = t("2025-11-04T02:00:00Z");
    let made = svc.run_due_schedules(&code).unwrap();
    assert_eq!(made.len(), 1);
    let run = made[0].run.as_ref().unwrap();
    assert_eq!(run.title, "Nightly 2025-11-04");
    assert_eq!(run.environment.as_deref(), Some("staging"));
    let checkout = svc.cases_in_suites(&code, &["Checkout".into()]).unwrap().len();
    assert_eq!(run.test_count as usize, checkout * 2);
    assert!(svc.run_due_schedules(&code).unwrap().is_empty(), "idempotent");

    // Friday's run missed; Saturday and Sunday are not weekdays: Monday
    // morning creates one run, for Friday.
    *clock.lock().unwrap() = t("2025-11-10T01:00:00Z");
    let made = svc.run_due_schedules(&code).unwrap();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].run.as_ref().unwrap().title, "Nightly 2025-11-07");
    let s = svc.schedule(&code, "nightly").unwrap();
    assert_eq!(s.next_due, t("2025-11-10T02:00:00Z"));
    assert_eq!(svc.runs(&code).unwrap().len(), runs_before + 2);
}

#[test]
fn a_schedule_is_checked_when_added() {
    let dir = tempfile::tempdir().unwrap();
    let mut svc = Service::new(Store::open(dir.path(), "ann").unwrap(), "ann");
    let code = svc.write_demo(chrono::Utc::now()).unwrap();
    let mut bad = nightly(Recurrence::Daily);
    bad.configs = vec![("Browser".into(), vec!["Lynx".into()])];
    assert!(svc.add_schedule(&code, bad).unwrap_err().to_string().contains("Lynx"));
    let mut bad = nightly(Recurrence::Daily);
    bad.source.plan = Some("Nope".into());
    assert!(
        svc.add_schedule(&code, bad)
            .unwrap_err()
            .to_string()
            .contains("unknown test plan")
    );
    assert!(svc.schedules(&code).unwrap().is_empty());
    svc.add_schedule(&code, nightly(Recurrence::EveryDays(2))).unwrap();
    let again = svc.add_schedule(&code, nightly(Recurrence::Daily)).unwrap_err();
    assert!(again.to_string().contains("already exists"));
}

#[test]
fn schedule_commands() {
    let store = demo_store();
    let dir = store.path();
    let s = cli_json(
        dir,
        &[
            "schedule",
            "add",
            "Smoke",
            "--every",
            "weekly:fri",
            "--at",
            "23:30",
            "--query",
            "tag = smoke",
            "--title",
            "{name} {date}",
        ],
    );
    assert_eq!(
        (s["every"].as_str(), s["at"].as_str()),
        (Some("weekly:fri"), Some("23:30"))
    );
    assert_eq!(s["source"]["query"], "tag = smoke");
    assert_eq!(cli_json(dir, &["schedules"])[0]["name"], "Smoke");
    // Not due yet (the next Friday 23:30 is in the future): nothing made.
    assert_eq!(cli_json(dir, &["schedule"]), serde_json::json!([]));
    assert!(cli_ok(dir, &["schedule"]).contains("No scheduled run is due"));
    for (args, want) in [
        (
            vec!["schedule", "add", "X", "--every", "hourly", "--all"],
            "invalid recurrence 'hourly'",
        ),
        (
            vec!["schedule", "add", "X", "--every", "daily", "--at", "7pm", "--all"],
            "invalid time '7pm'",
        ),
        (vec!["schedule", "add", "X", "--every", "daily"], "choose what to run"),
        (
            vec!["schedule", "add", "X", "--every", "daily", "--query", "x ="],
            "query:1:1: unknown field 'x'",
        ),
        (vec!["schedule", "delete", "Nope"], "unknown schedule 'Nope'"),
    ] {
        let (code, _, err) = cli(dir, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    cli_ok(dir, &["schedule", "delete", "smoke"]);
    assert_eq!(cli_json(dir, &["schedules"]), serde_json::json!([]));
}
