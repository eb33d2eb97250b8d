//! Golden bytes: every stored type, encoded once at each record version
//! under `tests/golden/vN/`, must keep decoding to the same value. A stored
//! type that changes without a new record version (and an upgrade) fails
//! here; so does an upgrade that loses or changes a field.
//!
//! To write the fixtures of the current versions (only when a new version is
//! deliberately added): `STEPWISE_BLESS=1 cargo test --test golden`. Files of
//! older versions are never rewritten.

use std::fmt::Debug;
use std::path::PathBuf;

use stepwise::domain::*;
use stepwise::store::{Record, decode, encode};

fn at(secs: i64) -> Time {
    chrono::DateTime::from_timestamp(1_763_000_000 + secs, 0).unwrap()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Decodes `tests/golden/v1/<name>.bin` and compares it with `sample`.
fn golden<T: Record + PartialEq + Debug>(name: &str, sample: &T) {
    golden_at(1, name, sample)
}

/// Decodes `tests/golden/v<version>/<name>.bin` and compares it with
/// `sample` (writing the file first when `STEPWISE_BLESS=1` and `version`
/// is the type's current one).
fn golden_at<T: Record + PartialEq + Debug>(version: u8, name: &str, sample: &T) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/v{version}/{name}.bin"));
    if std::env::var("STEPWISE_BLESS").as_deref() == Ok("1") && version == T::VERSION {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, encode(sample)).unwrap();
    }
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; write it with STEPWISE_BLESS=1 cargo test --test golden",
            path.display()
        )
    });
    assert_eq!(bytes.first(), Some(&version), "{}: record version byte", path.display());
    let decoded: T = decode(&bytes).unwrap_or_else(|e| panic!("{} no longer decodes: {e}", path.display()));
    assert_eq!(&decoded, sample, "{} decodes to a different value", path.display());
}

fn case() -> Case {
    Case {
        no: 3,
        suite: Some(2),
        title: "Log in with a valid password".into(),
        description: "The happy path".into(),
        preconditions: "A user exists".into(),
        postconditions: "Log out".into(),
        steps: vec![
            Step {
                action: "Open /login".into(),
                data: String::new(),
                expected: "The form shows".into(),
                level: 0,
            },
            Step {
                action: "Submit".into(),
                data: "ann / s3cret".into(),
                expected: "The dashboard shows".into(),
                level: 0,
            },
        ],
        priority: CasePriority::High,
        severity: Severity::Critical,
        case_type: CaseType::Smoke,
        behavior: Behavior::Positive,
        automation: Automation::ToBeAutomated,
        status: CaseStatus::Draft,
        tags: strings(&["auth", "smoke"]),
        estimate_ms: Some(90_000),
        muted: true,
        version: 4,
        created: at(0),
        updated: at(60),
        flaky: false,
        layer: Layer::Unknown,
        steps_kind: StepsKind::Classic,
        milestone: None,
        params: Vec::new(),
        refs: Vec::new(),
        source: None,
    }
}

/// The sample case with every record-version-2 field set.
fn case_v2() -> Case {
    let mut c = case();
    c.steps[1].level = 1;
    c.flaky = true;
    c.layer = Layer::E2e;
    c.steps_kind = StepsKind::Gherkin;
    c.milestone = Some("Release 2.4".into());
    c.params = vec![("Username".into(), strings(&["John", "Barbara"]))];
    c.refs = strings(&["REQ-12", "JIRA-7"]);
    c.source = Some("qase:5".into());
    c
}

#[test]
fn project_v1() {
    let settings = Settings {
        fast_pass: false,
        auto_assignee: true,
        redirect_after_result: Redirect::NextInSuite,
        distribution: Distribution::LoadBalanced,
        ..Settings::default()
    };
    let env = |name: &str, description: &str| Environment {
        name: name.into(),
        description: description.into(),
        retired: false,
    };
    let project = Project {
        code: ProjectCode::parse("DEMO").unwrap(),
        title: "Demo shop".into(),
        description: "The sample project".into(),
        settings,
        team: strings(&["ann", "bob"]),
        environments: vec![env("staging", "pre-release"), env("production", "live")],
        milestones: vec![
            Milestone {
                name: "1.0".into(),
                description: "First".into(),
                due: Some("2025-12-01".into()),
                completed: false,
            },
            Milestone {
                name: "1.1".into(),
                description: String::new(),
                due: None,
                completed: false,
            },
        ],
        config_groups: vec![
            ConfigGroup {
                name: "Browser".into(),
                values: strings(&["Chrome", "Firefox", "Safari"]),
                retired: false,
                retired_values: Vec::new(),
            },
            ConfigGroup {
                name: "OS".into(),
                values: strings(&["Linux", "macOS"]),
                retired: false,
                retired_values: Vec::new(),
            },
        ],
        custom_statuses: vec![CustomStatus {
            id: 1,
            name: "Passed with issues".into(),
            slug: "passed_with_issues".into(),
            key: 'w',
            colour: "cyan".into(),
            polarity: Polarity::Positive,
            hidden: true,
        }],
        counters: Counters {
            case: 12,
            run: 3,
            defect: 2,
            suite: 4,
        },
        created: at(0),
        trackers: Vec::new(),
        defect_fields: Vec::new(),
        team_names: Vec::new(),
    };
    // Version 1 bytes upgrade with no trackers and no defect fields...
    golden("project", &project);
    // ...and version 2 keeps them.
    let v2 = Project {
        trackers: vec![
            Tracker {
                name: "JIRA".into(),
                url_template: "https://example.atlassian.net/browse/{key}".into(),
                api: None,
            },
            Tracker {
                name: "GH".into(),
                url_template: "https://github.com/org/repo/issues/{key}".into(),
                api: None,
            },
        ],
        defect_fields: strings(&["Build", "Area"]),
        ..project
    };
    golden_at(2, "project", &v2);
    // Version 3: retired environments and configurations, completed
    // milestones, team display names.
    let mut v3 = v2;
    v3.environments[1].retired = true;
    v3.milestones[0].completed = true;
    v3.config_groups[0].retired_values = strings(&["Safari"]);
    v3.config_groups[1].retired = true;
    v3.team_names = vec![TeamName {
        user: "ann".into(),
        name: "Ann Lee".into(),
    }];
    golden_at(3, "project", &v3.clone());
    // Version 4: trackers with an API, the tracker_sync setting.
    let mut v4 = v3;
    v4.settings.tracker_sync = TrackerSync::Apply;
    v4.trackers.push(Tracker {
        name: "GITHUB".into(),
        url_template: "https://github.com/org/repo/issues/{key}".into(),
        api: Some(TrackerApi {
            kind: TrackerKind::GitHub,
            target: "org/repo".into(),
            api: "https://api.github.com".into(),
            token_env: "GH_TOKEN".into(),
            email_env: None,
        }),
    });
    v4.trackers.push(Tracker {
        name: "JIRA2".into(),
        url_template: "https://acme.atlassian.net/browse/{key}".into(),
        api: Some(TrackerApi {
            kind: TrackerKind::Jira,
            target: "APP".into(),
            api: "https://acme.atlassian.net".into(),
            token_env: "JIRA_TOKEN".into(),
            email_env: Some("JIRA_EMAIL".into()),
        }),
    });
    golden_at(4, "project", &v4);
}

#[test]
fn suite_v1() {
    golden(
        "suite",
        &Suite {
            id: 2,
            parent: Some(1),
            name: "Auth".into(),
            description: "Logging in".into(),
        },
    );
}

#[test]
fn case_v1() {
    // Version 1 bytes upgrade with no version-2 fields...
    golden("case", &case());
    // ...and version 2 keeps them.
    golden_at(2, "case", &case_v2());
}

#[test]
fn run_v1() {
    let run = Run {
        no: 2,
        title: "Release 1.0".into(),
        description: "Full regression".into(),
        environment: Some("staging".into()),
        milestone: Some("1.0".into()),
        configs: vec![
            ("Browser".into(), strings(&["Chrome", "Firefox"])),
            ("OS".into(), strings(&["Linux"])),
        ],
        tags: strings(&["release"]),
        author: "ann".into(),
        created: at(100),
        started: Some(at(200)),
        ended: Some(at(300)),
        state: RunState::Completed,
        outcome: Some(Outcome::Failed),
        test_count: 24,
        next_test: 24,
    };
    // Version 1 bytes upgrade with the next test id after the last one...
    golden("run", &run);
    // ...and version 2 keeps it.
    golden_at(
        2,
        "run",
        &Run {
            test_count: 20,
            next_test: 31,
            ..run
        },
    );
}

#[test]
fn test_v1() {
    let step = |status, comment: &str| StepResult {
        status,
        comment: comment.into(),
    };
    let failed = TestResult {
        status: ResultStatus::Failed,
        steps: vec![
            step(Some(ResultStatus::Passed), ""),
            step(Some(ResultStatus::Failed), "500 error"),
        ],
        comment: "Server error on submit".into(),
        attachments: vec![Attachment {
            name: "shot.png".into(),
            size: 2048,
            sha256: "ab".repeat(32),
        }],
        duration_ms: 45_000,
        author: "bob".into(),
        at: at(400),
        defects: vec![1, 2],
    };
    let retested = TestResult {
        status: ResultStatus::Custom(1),
        steps: vec![step(Some(ResultStatus::Passed), "ok"), step(None, "")],
        comment: String::new(),
        attachments: vec![],
        duration_ms: 30_000,
        author: "ann".into(),
        at: at(500),
        defects: vec![],
    };
    let test = Test {
        run: 2,
        id: 5,
        case_no: 3,
        config: ConfigCombo(vec![
            ("Browser".into(), "Firefox".into()),
            ("OS".into(), "Linux".into()),
        ]),
        snapshot: case(),
        assignee: Some("bob".into()),
        retest: true,
        results: vec![failed, retested],
    };
    golden("test", &test);
    golden_at(
        2,
        "test",
        &Test {
            snapshot: case_v2(),
            ..test
        },
    );
}

#[test]
fn defect_v1() {
    let history = |secs, field: &str, from: &str, to: &str| HistoryEntry {
        at: at(secs),
        author: "bob".into(),
        field: field.into(),
        from: from.into(),
        to: to.into(),
    };
    let defect = Defect {
        no: 2,
        title: "Login fails with 500".into(),
        actual: "A server error page".into(),
        description: "Seen on Firefox only".into(),
        severity: Severity::Major,
        status: DefectStatus::InProgress,
        assignee: Some("cy".into()),
        reporter: "bob".into(),
        milestone: Some("1.0".into()),
        tags: strings(&["auth"]),
        attachments: vec![Attachment {
            name: "log.txt".into(),
            size: 512,
            sha256: "cd".repeat(32),
        }],
        external: vec![ExternalLink {
            tracker: "JIRA".into(),
            key: "APP-12".into(),
            url: "https://jira.example.com/browse/APP-12".into(),
            state: None,
        }],
        links: vec![ResultLink {
            run: 2,
            test: 5,
            case_no: 3,
            result: 0,
        }],
        history: vec![
            history(400, "created", "", "open"),
            history(450, "status", "open", "in_progress"),
        ],
        created: at(400),
        updated: at(450),
        fields: Vec::new(),
    };
    // Version 1 bytes upgrade with no field values...
    golden("defect", &defect);
    // ...and version 2 keeps them.
    let v2 = Defect {
        fields: vec![("Build".into(), "2.4.1-rc3".into()), ("Area".into(), "auth".into())],
        ..defect
    };
    golden_at(2, "defect", &v2.clone());
    // Version 3: the tracker's last seen state on a link.
    let mut v3 = v2;
    v3.external[0].state = Some("indeterminate".into());
    golden_at(3, "defect", &v3);
}

#[test]
fn run_stats_v1() {
    let mut stats = RunStats {
        total: 9,
        untested: 4,
        retest: 1,
        duration_ms: 95_000,
        ..RunStats::default()
    };
    stats.by_status.insert(ResultStatus::Passed, 2);
    stats.by_status.insert(ResultStatus::Failed, 1);
    stats.by_status.insert(ResultStatus::Custom(1), 1);
    golden("run_stats", &stats);
}

#[test]
fn row_chunk_v1() {
    let mut t = Test::new(2, 5, &case(), ConfigCombo(vec![("Browser".into(), "Firefox".into())]));
    t.assignee = Some("bob".into());
    t.push_result(TestResult {
        status: ResultStatus::Custom(1),
        steps: vec![],
        comment: String::new(),
        attachments: vec![],
        duration_ms: 45_000,
        author: "ann".into(),
        at: at(7),
        defects: vec![],
    });
    t.retest = true;
    let chunk = RowChunk {
        rows: vec![
            RowEntry::of(&Test::new(2, 4, &case(), ConfigCombo::default())),
            RowEntry::of(&t),
        ],
    };
    golden("row_chunk", &chunk);
}

#[test]
fn test_plan_v1() {
    golden(
        "test_plan",
        &TestPlan {
            name: "smoke".into(),
            description: "Before each deploy".into(),
            cases: vec![3, 1, 7],
        },
    );
}

#[test]
fn saved_query_v1() {
    golden(
        "saved_query",
        &SavedQuery {
            name: "auth-high".into(),
            query: "suite = \"Auth\" and priority = high".into(),
        },
    );
}

#[test]
fn schedule_v1() {
    use stepwise::domain::schedule::{Recurrence, Schedule};
    golden(
        "schedule",
        &Schedule {
            name: "Nightly".into(),
            every: Recurrence::Weekly(4),
            at: 150,
            title: "Nightly {date}".into(),
            description: "smoke on staging".into(),
            source: CaseSource {
                all: false,
                suites: strings(&["Checkout"]),
                cases: vec![3, 7],
                plan: Some("Release".into()),
                query: Some("tag = smoke".into()),
            },
            configs: vec![("Browser".into(), strings(&["Chrome", "Firefox"]))],
            environment: Some("staging".into()),
            milestone: Some("2.4".into()),
            tags: strings(&["nightly"]),
            assignees: strings(&["ann", "bob"]),
            author: "ann".into(),
            created: at(0),
            next_due: at(86_400),
            last_run: Some((5, at(3_600))),
        },
    );
}

#[test]
fn draft_v1() {
    use stepwise::domain::{Attachment, Draft, ResultStatus};
    golden(
        "draft",
        &Draft {
            comment: "Spinner never stops".into(),
            step_marks: vec![Some(ResultStatus::Passed), Some(ResultStatus::Failed), None],
            step_comments: strings(&["", "timeout after 30 s", ""]),
            attachments: vec![Attachment {
                name: "log.txt".into(),
                size: 12,
                sha256: "ab".repeat(32),
            }],
            defect_title: "Checkout hangs".into(),
            defect_actual: "Nothing happens".into(),
            elapsed_ms: 93_000,
            updated: Some(at(7)),
        },
    );
}

#[test]
fn form_draft_v1() {
    golden(
        "form_draft",
        &FormDraft {
            fields: vec![
                ("Title".into(), "Checkout hangs".into()),
                ("Actual".into(), "Spinner forever".into()),
            ],
            updated: Some(at(9)),
        },
    );
}

fn query() -> SavedQuery {
    SavedQuery {
        name: "q".into(),
        query: "priority = high".into(),
    }
}

#[test]
fn decode_refuses_an_empty_record() {
    let err = decode::<SavedQuery>(&[]).unwrap_err();
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn decode_refuses_a_newer_record_version() {
    let mut bytes = encode(&query());
    bytes[0] = 2;
    let err = decode::<SavedQuery>(&bytes).unwrap_err();
    assert!(err.contains("newer"), "{err}");
}

#[test]
fn decode_refuses_an_older_version_without_an_upgrade() {
    let mut bytes = encode(&query());
    bytes[0] = 0;
    let err = decode::<SavedQuery>(&bytes).unwrap_err();
    assert!(err.contains("no upgrade"), "{err}");
}

#[test]
fn decode_refuses_trailing_bytes() {
    let mut bytes = encode(&query());
    assert_eq!(decode::<SavedQuery>(&bytes).unwrap(), query());
    bytes.push(0);
    let err = decode::<SavedQuery>(&bytes).unwrap_err();
    assert!(err.contains("trailing"), "{err}");
}
