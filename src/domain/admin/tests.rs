use super::*;
use crate::domain::{Project, ProjectCode, Run, RunState};

fn project() -> Project {
    let at = chrono::DateTime::UNIX_EPOCH;
    Project::new(ProjectCode::parse("SHOP").unwrap(), "Shop", at)
}

fn err(r: Result<(), crate::domain::DomainError>) -> String {
    r.expect_err("refused").to_string()
}

fn run(no: u64, env: Option<&str>, configs: &[(&str, &[&str])]) -> Run {
    Run {
        no,
        title: format!("run {no}"),
        description: String::new(),
        environment: env.map(str::to_string),
        milestone: None,
        configs: configs
            .iter()
            .map(|(g, v)| (g.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect(),
        tags: Vec::new(),
        author: "ann".into(),
        created: chrono::DateTime::UNIX_EPOCH,
        started: None,
        ended: None,
        state: RunState::Active,
        outcome: None,
        test_count: 0,
        next_test: 0,
    }
}

fn records<'a>(code: &'a ProjectCode, runs: &'a [Run]) -> usage::Records<'a> {
    usage::Records {
        code,
        runs,
        defects: &[],
        cases: &[],
        schedules: &[],
        active_tests: &[],
    }
}

#[test]
fn names_are_trimmed_and_refused_when_empty_too_long_or_duplicate() {
    let mut p = project();
    add_environment(&mut p, "  staging ", "").unwrap();
    assert_eq!(p.environments[0].name, "staging");
    assert_eq!(
        err(add_environment(&mut p, "   ", "")),
        "environment name cannot be empty"
    );
    let long = "x".repeat(MAX_NAME + 1);
    assert!(err(add_environment(&mut p, &long, "")).contains("has 101 characters, at most 100"));
    add_environment(&mut p, &"y".repeat(MAX_NAME), "").unwrap();
    assert_eq!(
        err(add_environment(&mut p, "STAGING", "")),
        "environment 'staging' already exists"
    );
    assert!(err(add_environment(&mut p, "a\tb", "")).contains("control characters"));
    assert_eq!(p.environments.len(), 2);
}

#[test]
fn renaming_keeps_uniqueness_but_allows_a_change_of_case() {
    let mut p = project();
    add_environment(&mut p, "staging", "").unwrap();
    add_environment(&mut p, "production", "").unwrap();
    assert!(err(rename_environment(&mut p, "staging", "Production")).contains("already exists"));
    rename_environment(&mut p, "staging", "Staging").unwrap();
    assert_eq!(p.environments[0].name, "Staging");
    assert_eq!(
        err(rename_environment(&mut p, "qa", "x")),
        "unknown environment 'qa'; known: Staging, production"
    );
}

#[test]
fn removing_what_a_run_uses_is_refused_and_retiring_hides_it_from_new_runs() {
    let code = ProjectCode::parse("SHOP").unwrap();
    let mut p = project();
    add_environment(&mut p, "staging", "").unwrap();
    add_environment(&mut p, "qa", "").unwrap();
    let runs = [
        run(2, Some("staging"), &[]),
        run(5, Some("Staging"), &[]),
        run(6, None, &[]),
    ];
    let r = records(&code, &runs);
    assert_eq!(
        err(remove_environment(&mut p, "staging", &r.environment("staging"))),
        "environment 'staging' is used by runs #2, #5: retire it instead"
    );
    set_environment_retired(&mut p, "staging", true).unwrap();
    assert_eq!(p.active_environments(), ["qa"]);
    remove_environment(&mut p, "qa", &r.environment("qa")).unwrap();
    assert_eq!(p.environments.len(), 1, "the retired one stays, in history");
    // The runs were not touched: they are not the project's to rewrite.
    assert_eq!(runs[1].environment.as_deref(), Some("Staging"));
}

#[test]
fn milestones_take_a_checked_due_date_and_close_and_reopen() {
    let mut p = project();
    add_milestone(&mut p, "R1", Some("2026-12-15"), "").unwrap();
    assert!(err(add_milestone(&mut p, "R2", Some("2026-13-01"), "")).contains("invalid due date '2026-13-01'"));
    assert!(err(add_milestone(&mut p, "r1", None, "")).contains("already exists"));
    set_milestone_completed(&mut p, "r1", true).unwrap();
    assert!(p.open_milestones().is_empty());
    set_milestone_completed(&mut p, "R1", false).unwrap();
    assert_eq!(p.open_milestones(), ["R1"]);
    let edit = MilestoneEdit {
        title: Some("Release 1".into()),
        due: Some(None),
        ..MilestoneEdit::default()
    };
    edit_milestone(&mut p, "R1", edit).unwrap();
    assert_eq!(
        (p.milestones[0].name.as_str(), p.milestones[0].due.as_deref()),
        ("Release 1", None)
    );
    assert!(err(edit_milestone(&mut p, "Release 1", MilestoneEdit::default())).contains("nothing to change"));
}

#[test]
fn milestone_usage_counts_runs_defects_cases_and_schedules() {
    let code = ProjectCode::parse("SHOP").unwrap();
    let mut p = project();
    add_milestone(&mut p, "R1", None, "").unwrap();
    let mut r = run(3, None, &[]);
    r.milestone = Some("R1".into());
    let mut case = crate::domain::Case::new(7, "Login", chrono::DateTime::UNIX_EPOCH);
    case.milestone = Some("r1".into());
    let runs = [r];
    let cases = [case];
    let recs = usage::Records {
        cases: &cases,
        ..records(&code, &runs)
    };
    assert_eq!(
        err(remove_milestone(&mut p, "R1", &recs.milestone("R1"))),
        "milestone 'R1' is used by runs #3; cases SHOP-7: close it instead"
    );
}

#[test]
fn configurations_add_values_retire_rename_reorder_and_refuse_removal_in_use() {
    let code = ProjectCode::parse("SHOP").unwrap();
    let mut p = project();
    add_config(&mut p, "Browser", &["Chrome".into(), "Firefox".into()]).unwrap();
    add_config(&mut p, "browser", &["Safari".into()]).unwrap();
    assert_eq!(p.config_groups.len(), 1);
    assert_eq!(p.config_groups[0].values, ["Chrome", "Firefox", "Safari"]);
    assert!(err(add_config(&mut p, "Browser", &[])).contains("already exists"));
    assert!(err(add_config(&mut p, "Browser", &["chrome".into()])).contains("'Chrome' already exists"));
    assert!(err(add_config(&mut p, "", &["x".into()])).contains("cannot be empty"));
    set_config_value_retired(&mut p, "Browser", "safari", true).unwrap();
    assert_eq!(p.config_groups[0].active_values(), ["Chrome", "Firefox"]);
    rename_config_value(&mut p, "Browser", "Safari", "WebKit").unwrap();
    assert_eq!(
        p.config_groups[0].retired_values,
        ["WebKit"],
        "a retired value stays retired"
    );
    move_config_value(&mut p, "Browser", "Firefox", 1).unwrap();
    assert_eq!(p.config_groups[0].values, ["Firefox", "Chrome", "WebKit"]);
    assert!(err(move_config_value(&mut p, "Browser", "Firefox", 4)).contains("choose 1 to 3"));
    let runs = [run(1, None, &[("Browser", &["Chrome"])])];
    let r = records(&code, &runs);
    assert_eq!(
        err(remove_config_value(
            &mut p,
            "Browser",
            "Chrome",
            &r.config("Browser", Some("Chrome"))
        )),
        "configuration 'Browser: Chrome' is used by runs #1: retire it instead"
    );
    remove_config_value(&mut p, "Browser", "WebKit", &r.config("Browser", Some("WebKit"))).unwrap();
    assert!(p.config_groups[0].retired_values.is_empty());
    assert!(err(remove_config_group(&mut p, "Browser", &r.config("Browser", None))).contains("runs #1"));
    rename_config_group(&mut p, "Browser", "Navigator").unwrap();
    set_config_group_retired(&mut p, "Navigator", true).unwrap();
    assert_eq!(p.active_config_groups().count(), 0);
}

#[test]
fn team_members_have_display_names_and_are_not_removed_while_assigned() {
    let code = ProjectCode::parse("SHOP").unwrap();
    let mut p = project();
    add_member(&mut p, "ann", Some("Ann Lee")).unwrap();
    add_member(&mut p, "bob", None).unwrap();
    assert_eq!(p.display_name("ann"), Some("Ann Lee"));
    assert!(err(add_member(&mut p, "Ann", None)).contains("already exists"));
    assert!(err(add_member(&mut p, "ann lee", None)).contains("one word"));
    set_display_name(&mut p, "bob", Some("Bob")).unwrap();
    move_member(&mut p, "bob", 1).unwrap();
    assert_eq!(p.team, ["bob", "ann"]);
    let runs = [run(4, None, &[])];
    let mut t = crate::domain::Test::new(
        4,
        0,
        &crate::domain::Case::new(1, "x", chrono::DateTime::UNIX_EPOCH),
        Default::default(),
    );
    t.assignee = Some("bob".into());
    let tests = [t];
    let r = usage::Records {
        active_tests: &tests,
        ..records(&code, &runs)
    };
    assert_eq!(
        err(remove_member(&mut p, "bob", &r.member("bob"))),
        "user 'bob' is used by runs #4: reassign them first"
    );
    remove_member(&mut p, "ann", &r.member("ann")).unwrap();
    assert_eq!((p.team.len(), p.team_names.len()), (1, 1));
}

#[test]
fn contents_say_what_a_project_holds() {
    assert_eq!(Contents::default().describe(), "nothing");
    let c = Contents {
        cases: 1,
        runs: 2,
        active_runs: 1,
        tested: 12,
        defects: 3,
        ..Contents::default()
    };
    assert_eq!(
        c.describe(),
        "1 case, 2 runs (1 active, 12 tests with results), 3 defects"
    );
}

#[test]
fn new_run_pickers_see_only_what_is_not_retired_or_completed() {
    let mut p = project();
    add_environment(&mut p, "staging", "").unwrap();
    add_environment(&mut p, "old", "").unwrap();
    add_milestone(&mut p, "R1", None, "").unwrap();
    add_milestone(&mut p, "R0", None, "").unwrap();
    add_config(&mut p, "Browser", &["Chrome".into(), "IE".into()]).unwrap();
    add_config(&mut p, "Device", &["Phone".into()]).unwrap();
    set_environment_retired(&mut p, "old", true).unwrap();
    set_milestone_completed(&mut p, "R0", true).unwrap();
    set_config_value_retired(&mut p, "Browser", "IE", true).unwrap();
    set_config_group_retired(&mut p, "Device", true).unwrap();
    assert!(
        pick_environment(&p, "OLD")
            .unwrap_err()
            .to_string()
            .contains("'old' is retired")
    );
    assert_eq!(pick_environment(&p, "Staging").unwrap(), "staging");
    let picked = pick_configs(&p, &[("browser".into(), vec!["chrome".into(), "Chrome".into()])]).unwrap();
    assert_eq!(picked, [("Browser".to_string(), vec!["Chrome".to_string()])]);
    assert!(pick_configs(&p, &[("Browser".into(), vec!["ie".into()])]).is_err());
    let shown = p.without_retired();
    assert_eq!(shown.active_environments(), ["staging"]);
    assert_eq!(shown.environments.len(), 1);
    assert_eq!(shown.milestones.len(), 1);
    assert_eq!(shown.config_groups.len(), 1);
    assert_eq!(shown.config_groups[0].values, ["Chrome"]);
}
