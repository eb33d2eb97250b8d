//! The defects tab: render snapshots (the demo project at a fixed time,
//! where D-1 is linked to run #2's failed DEMO-3 Chrome test) and
//! behaviour driven through `App` with actions and keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stepwise::domain::{DefectNo, DefectStatus, RunNo};
use stepwise::service::NewDefect;
use stepwise::tui::action::Action;
use stepwise::tui::keymap::Scope;
use stepwise::tui::screens::defects::DefectsScreen;
use stepwise::tui::screens::defects::dialogs::DefectDialog;
use stepwise::tui::theme::{ColorMode, Theme};
use stepwise::tui::widgets::clipboard;
use stepwise::tui::{App, Start};

use crate::support::{demo_app, draw, unicode};

/// The demo app on the defects tab.
fn defects_tab() -> (tempfile::TempDir, App) {
    let (d, mut app) = demo_app(Start::Home, unicode());
    app.update(Action::Tab(3));
    (d, app)
}

fn text(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

fn screen(app: &App) -> &DefectsScreen {
    match app.top_as::<DefectsScreen>() {
        Some(d) => d,
        _ => panic!("the defects screen is not on top"),
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
}

fn defect(app: &App, no: u64) -> stepwise::domain::Defect {
    app.svc.defect(&app.project, DefectNo(no)).unwrap()
}

#[test]
fn list_80x24_and_120x40() {
    let (_d, mut app) = defects_tab();
    let t = draw(&mut app, 80, 24);
    let shown = t.backend().to_string();
    assert!(shown.contains("Defects - 1 "), "{shown}");
    assert!(shown.contains("D-1   Account is locked"), "{shown}");
    assert!(shown.contains("all milestones: open: 1 major — ready"), "{shown}");
    insta::assert_snapshot!("list_80x24", t.backend());
    insta::assert_snapshot!("list_120x40", draw(&mut app, 120, 40).backend());
}

#[test]
fn detail_80x24_and_120x40() {
    let (_d, mut app) = defects_tab();
    app.update(Action::Open);
    assert_eq!(app.scope(), Scope::DefectDetail);
    let shown = text(&mut app, 120, 40);
    for want in [
        "D-1 ",
        "Account is locked after 5 failed login attempts: last step fails on Chrome",
        "Reporter  carol",
        "Release 2.4",
        "Linked failures (1) - 0 affected tests blocked now",
        "run #2 Release 2.4 regression",
        "DEMO-3",
        "[Chrome]",
        "linked result failed",
        "now failed",
        "History (2)",
    ] {
        assert!(shown.contains(want), "{want} missing:\n{shown}");
    }
    insta::assert_snapshot!("detail_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("detail_120x40", draw(&mut app, 120, 40).backend());
    app.update(Action::Back);
    assert_eq!(app.scope(), Scope::Defects);
}

#[test]
fn status_picker_marks_the_allowed_moves() {
    let (_d, mut app) = defects_tab();
    app.update(Action::SetStatus);
    assert_eq!(app.scope(), Scope::DefectChoice);
    let shown = text(&mut app, 80, 24);
    // Names read as words, never as stored (`in_progress`).
    assert!(shown.contains("in progress  allowed"), "{shown}");
    assert!(!shown.contains("in_progress"), "{shown}");
    assert!(shown.contains("closed       not allowed from open"), "{shown}");
    insta::assert_snapshot!("status_picker_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("status_picker_120x40", draw(&mut app, 120, 40).backend());
}

#[test]
fn severity_picker_explains_each_level() {
    let (_d, mut app) = defects_tab();
    app.update(Action::SetSeverity);
    let shown = text(&mut app, 80, 24);
    assert!(
        shown.contains("Major feature broken, significant workaround (current)"),
        "{shown}"
    );
    assert!(shown.contains("e.g. The app does not start after deploy"), "{shown}");
    insta::assert_snapshot!("severity_picker_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("severity_picker_120x40", draw(&mut app, 120, 40).backend());
    // Choosing a level changes it, with history.
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(defect(&app, 1).severity.as_str(), "critical");
    assert_eq!(app.notice().map(|m| m.text.as_str()), Some("D-1 is now critical"));
    assert!(text(&mut app, 80, 24).contains("not ready (a critical or blocker is open)"));
}

#[test]
fn link_dialog_80x24() {
    let (_d, mut app) = defects_tab();
    let tracker = "https://example.atlassian.net/browse/{key}";
    app.svc.set_tracker(&app.project, "JIRA", tracker).unwrap();
    app.update(Action::Refresh);
    app.update(Action::Link);
    assert_eq!(app.scope(), Scope::DefectLine);
    type_text(&mut app, "JIRA:APP-7");
    insta::assert_snapshot!("link_dialog_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("link_dialog_120x40", draw(&mut app, 120, 40).backend());
}

#[test]
fn search_narrows_the_list_live_and_an_empty_search_clears_it() {
    let (_d, mut app) = demo_app(Start::Home, unicode());
    let new = NewDefect {
        title: "Weak password is accepted".into(),
        description: "Twelve characters should be the minimum".into(),
        ..NewDefect::default()
    };
    app.svc.create_defect(&app.project, new).unwrap();
    app.update(Action::Tab(3));
    assert_eq!(screen(&app).rows.len(), 2);
    app.on_key(key(KeyCode::Char('/')));
    assert_eq!(app.scope(), Scope::DefectSearch);
    // Keys that mean something on the list are text here.
    type_text(&mut app, "twelve");
    assert_eq!(screen(&app).rows.len(), 1, "the description matches");
    assert_eq!(screen(&app).rows[0].no, 2);
    assert!(text(&mut app, 80, 24).contains("Search  twelve"));
    app.on_key(key(KeyCode::Enter));
    assert_eq!(app.scope(), Scope::Defects);
    let shown = text(&mut app, 80, 24);
    assert!(shown.contains("Defects - 1 of 2"), "{shown}");
    assert!(shown.contains("Filters: \"twelve\""), "{shown}");
    assert!(!shown.contains("D-1 "), "{shown}");
    // An empty search clears the filter.
    app.on_key(key(KeyCode::Char('/')));
    for _ in 0..6 {
        app.on_key(key(KeyCode::Backspace));
    }
    app.on_key(key(KeyCode::Esc));
    assert_eq!(screen(&app).rows.len(), 2);
    assert_eq!(screen(&app).filters.query, "");
}

#[test]
fn filters_and_sort_cycle_and_show_in_the_header() {
    let (_d, mut app) = defects_tab();
    app.update(Action::FilterStatus);
    assert!(text(&mut app, 80, 24).contains("Filters: open ones"));
    assert_eq!(screen(&app).rows.len(), 1);
    app.update(Action::FilterStatus);
    assert!(text(&mut app, 80, 24).contains("Filters: open"));
    app.update(Action::FilterStatus);
    assert_eq!(screen(&app).rows.len(), 0, "none in progress");
    assert!(text(&mut app, 80, 24).contains("No defect matches the filters"));
    app.update(Action::ClearFilters);
    app.update(Action::FilterExternal);
    assert!(text(&mut app, 80, 24).contains("Filters: with link"));
    assert_eq!(screen(&app).rows.len(), 0);
    app.update(Action::FilterExternal);
    assert_eq!(screen(&app).rows.len(), 1);
    app.update(Action::ClearFilters);
    app.update(Action::FilterMilestone);
    let shown = text(&mut app, 80, 24);
    assert!(shown.contains("Filters: Release 2.4"), "{shown}");
    app.update(Action::SortBy);
    assert!(text(&mut app, 80, 24).contains("Sort: status"));
}

#[test]
fn a_forbidden_status_is_refused_with_the_allowed_ones_and_nothing_changes() {
    let (_d, mut app) = defects_tab();
    let before = defect(&app, 1);
    app.update(Action::SetStatus);
    // The cursor starts on the first allowed move (in_progress); closed is
    // two further down.
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.scope(), Scope::DefectChoice, "the picker stays open");
    let Some(DefectDialog::Choice(c)) = &screen(&app).dialog else {
        panic!("the picker closed");
    };
    assert_eq!(
        c.error.as_deref(),
        Some("defect D-1 cannot go from open to closed; allowed from open: in_progress, invalid")
    );
    let shown = text(&mut app, 80, 24);
    assert!(shown.contains("cannot go from open to closed"), "{shown}");
    assert_eq!(defect(&app, 1), before, "the store is unchanged");
    // An allowed one goes through.
    app.update(Action::Up);
    app.update(Action::Up);
    app.update(Action::Open);
    assert_eq!(defect(&app, 1).status, DefectStatus::InProgress);
    assert_eq!(app.scope(), Scope::Defects);
    let shown = text(&mut app, 80, 24);
    assert!(shown.contains("D-1 is now in progress"), "{shown}");
}

#[test]
fn linking_an_external_issue_shows_its_key_and_url_and_y_copies_it() {
    let (_d, mut app) = defects_tab();
    let tracker = "https://example.atlassian.net/browse/{key}";
    app.svc.set_tracker(&app.project, "JIRA", tracker).unwrap();
    app.update(Action::Open);
    // Errors stay in the dialog.
    app.update(Action::Link);
    type_text(&mut app, "BUGS:1");
    app.on_key(key(KeyCode::Enter));
    assert_eq!(app.scope(), Scope::DefectLine);
    assert!(text(&mut app, 80, 24).contains("unknown tracker 'BUGS'"));
    app.update(Action::Back);
    app.update(Action::Link);
    type_text(&mut app, "APP-7");
    app.on_key(key(KeyCode::Enter));
    assert!(text(&mut app, 80, 24).contains("TRACKER:KEY, e.g. JIRA:APP-12"));
    app.update(Action::Back);
    // Tab completes the tracker.
    app.update(Action::Link);
    type_text(&mut app, "ji");
    app.on_key(key(KeyCode::Tab));
    type_text(&mut app, "APP-7");
    app.on_key(key(KeyCode::Enter));
    assert_eq!(app.scope(), Scope::DefectDetail, "{}", text(&mut app, 80, 24));
    let url = "https://example.atlassian.net/browse/APP-7";
    let shown = text(&mut app, 120, 40);
    assert!(shown.contains("JIRA:APP-7"), "{shown}");
    assert!(shown.contains(url), "{shown}");
    assert_eq!(defect(&app, 1).external[0].url, url);
    clipboard::capture();
    app.update(Action::CopyUrl);
    assert_eq!(clipboard::captured(), [url]);
    assert!(app.notice().is_some_and(|m| m.text.contains("Copied")));
    // The list shows the key; unlinking removes it.
    app.update(Action::Back);
    assert!(text(&mut app, 80, 24).contains("APP-7"));
    app.update(Action::Unlink);
    app.update(Action::Open);
    assert!(defect(&app, 1).external.is_empty());
}

#[test]
fn enter_on_a_linked_failure_opens_the_wizard_on_that_test() {
    let (_d, mut app) = defects_tab();
    app.update(Action::Open);
    app.update(Action::Down);
    app.update(Action::Open);
    let Some(w) = app.top_as::<stepwise::tui::screens::wizard::Wizard>() else {
        panic!("the wizard did not open");
    };
    assert_eq!(w.run.no, 2);
    assert_eq!(w.current().case_no, 3);
    assert_eq!(w.current().config.label(), "Chrome");
    assert!(text(&mut app, 80, 24).contains("DEMO-3"));
    // Esc goes back to the defect.
    app.update(Action::Back);
    assert_eq!(app.scope(), Scope::DefectDetail);
}

#[test]
fn a_deleted_run_is_named_and_its_test_cannot_be_opened() {
    let (_d, mut app) = defects_tab();
    app.svc.delete_run(&app.project, RunNo(2)).unwrap();
    app.update(Action::Open);
    let shown = text(&mut app, 80, 40);
    assert!(shown.contains("run #2 deleted"), "{shown}");
    // The case's title comes from the repository now that the test is gone.
    assert!(
        shown.contains("DEMO-3 Account is locked after 5 failed login attempts"),
        "{shown}"
    );
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.scope(), Scope::DefectDetail);
    let said = app.notice().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("Run #2 was deleted"), "{said}");
}

#[test]
fn the_run_view_opens_the_run_s_defects_and_esc_returns() {
    let (_d, mut app) = demo_app(Start::Run(RunNo(2)), unicode());
    app.update(Action::RunDefects);
    let shown = text(&mut app, 80, 24);
    assert!(
        shown.contains("Defects of run #2 Release 2.4 regression - 1"),
        "{shown}"
    );
    assert!(shown.contains("D-1"), "{shown}");
    assert_eq!(screen(&app).run.as_ref().map(|r| r.no), Some(2));
    app.update(Action::Back);
    assert_eq!(app.scope(), Scope::Dashboard);
    // Run #1 has no defect.
    app.update(Action::Back);
    app.update(Action::Down);
    app.update(Action::Open);
    app.update(Action::RunDefects);
    assert!(screen(&app).rows.is_empty());
    assert!(text(&mut app, 80, 24).contains("Defects of run #1"));
}

#[test]
fn a_new_defect_is_filed_from_the_form() {
    let (_d, mut app) = defects_tab();
    app.update(Action::NewDefect);
    assert_eq!(app.scope(), Scope::DefectForm);
    // Saving without a title is refused in the dialog.
    app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(text(&mut app, 80, 24).contains("a defect needs a title"));
    type_text(&mut app, "Cart total ignores the coupon");
    app.on_key(key(KeyCode::Tab));
    type_text(&mut app, "Total stays at 100.00");
    // Description, then severity: Right twice is minor.
    app.on_key(key(KeyCode::Tab));
    app.on_key(key(KeyCode::Tab));
    app.on_key(key(KeyCode::Right));
    app.on_key(key(KeyCode::Right));
    assert!(text(&mut app, 80, 24).contains("Small inconvenience"));
    // Assignee: Tab completes from the team.
    app.on_key(key(KeyCode::Tab));
    type_text(&mut app, "b");
    app.on_key(key(KeyCode::Tab));
    app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.scope(), Scope::Defects);
    let d = defect(&app, 2);
    assert_eq!(d.title, "Cart total ignores the coupon");
    assert_eq!(d.actual, "Total stays at 100.00");
    assert_eq!(d.severity.as_str(), "minor");
    assert_eq!(d.assignee.as_deref(), Some("bob"));
    assert!(d.links.is_empty());
    assert_eq!(app.notice().map(|m| m.text.as_str()), Some("D-2 filed"));
    assert_eq!(screen(&app).current().map(|d| d.no), Some(2));
}

#[test]
fn edit_sends_only_what_changed_custom_fields_included() {
    let (_d, mut app) = defects_tab();
    app.svc.add_defect_field(&app.project, "Build").unwrap();
    app.update(Action::Open);
    assert!(text(&mut app, 120, 40).contains("Build: -"));
    app.update(Action::Edit);
    type_text(&mut app, " (Chrome only)");
    // Title -> Actual -> Description -> Build.
    for _ in 0..3 {
        app.on_key(key(KeyCode::Tab));
    }
    assert!(text(&mut app, 80, 24).contains("Build"));
    type_text(&mut app, "2.4.0-rc1");
    app.update(Action::Save);
    let d = defect(&app, 1);
    assert!(d.title.ends_with(" (Chrome only)"), "{}", d.title);
    assert_eq!(d.fields, [("Build".to_string(), "2.4.0-rc1".to_string())]);
    let fields: Vec<&str> = d.history.iter().map(|h| h.field.as_str()).collect();
    assert_eq!(fields, ["created", "link", "title", "Build"]);
    let shown = text(&mut app, 120, 40);
    assert!(
        shown.contains("(Chrome only)") && shown.contains("Build: 2.4.0-rc1"),
        "{shown}"
    );
    // Saving an untouched form changes nothing.
    app.update(Action::Edit);
    app.update(Action::Save);
    assert_eq!(defect(&app, 1), d);
    assert_eq!(app.notice().map(|m| m.text.as_str()), Some("Nothing changed"));
}

#[test]
fn the_ascii_theme_draws_ascii_only() {
    let (_d, mut app) = demo_app(
        Start::Home,
        Theme {
            color: ColorMode::Mono,
            ascii: true,
        },
    );
    app.update(Action::Tab(3));
    let list = text(&mut app, 80, 24);
    assert!(list.is_ascii(), "{list}");
    app.update(Action::Open);
    app.update(Action::Down);
    let detail = text(&mut app, 80, 24);
    assert!(detail.is_ascii(), "{detail}");
    assert!(detail.contains("> run #2"), "{detail}");
}

#[test]
fn assign_and_retest_a_resolved_defect() {
    let (_d, mut app) = defects_tab();
    app.update(Action::Assign);
    for _ in 0..10 {
        app.on_key(key(KeyCode::Backspace));
    }
    type_text(&mut app, "car");
    app.on_key(key(KeyCode::Tab));
    app.on_key(key(KeyCode::Enter));
    let team = app.svc.project(&app.project).unwrap().team;
    let expected = team.iter().find(|u| u.starts_with("car")).cloned();
    assert_eq!(defect(&app, 1).assignee, expected.or(Some("car".into())));
    // Not resolved yet: refused with the reason.
    app.update(Action::Retest);
    let said = app.notice().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("once it is resolved"), "{said}");
    for s in [DefectStatus::InProgress, DefectStatus::Resolved] {
        let change = stepwise::service::DefectChange {
            status: Some(s),
            ..Default::default()
        };
        app.svc.set_defect(&app.project, DefectNo(1), change).unwrap();
    }
    app.update(Action::Refresh);
    app.update(Action::Open);
    assert!(text(&mut app, 120, 40).contains("verify"));
    app.update(Action::Retest);
    let said = app.notice().map(|m| m.text.clone()).unwrap_or_default();
    assert_eq!(said, "D-1: 1 failed test pushed back to retest");
    assert!(text(&mut app, 120, 40).contains("now retest"));
}

#[test]
fn attach_a_file_to_the_defect() {
    let (d, mut app) = defects_tab();
    let file = d.path().join("console.log");
    std::fs::write(&file, b"TypeError: undefined").unwrap();
    app.update(Action::Attach);
    assert_eq!(app.scope(), Scope::DefectLine);
    type_text(&mut app, &file.display().to_string());
    app.on_key(key(KeyCode::Enter));
    assert_eq!(defect(&app, 1).attachments.len(), 1);
    app.update(Action::Open);
    assert!(text(&mut app, 80, 40).contains("console.log (20 B)"));
}

#[test]
fn small_terminals_draw_every_part_without_overflowing() {
    let (_d, mut app) = defects_tab();
    let check = |app: &mut App, what: &str| {
        let shown = text(app, 40, 12);
        assert!(shown.lines().count() == 12, "{what}:\n{shown}");
        shown
    };
    assert!(check(&mut app, "list").contains("D-1"));
    app.update(Action::SetSeverity);
    check(&mut app, "severity");
    app.update(Action::Back);
    app.update(Action::NewDefect);
    for _ in 0..5 {
        app.on_key(key(KeyCode::Tab));
    }
    assert!(check(&mut app, "form").contains("Milestone"));
    app.update(Action::Back);
    app.update(Action::Open);
    assert!(check(&mut app, "detail").contains("D-1"));
    app.update(Action::Down);
    assert!(check(&mut app, "detail at its link").contains("run #2"));
    app.update(Action::Link);
    check(&mut app, "link");
}

#[test]
fn help_lists_the_list_keys_the_changes_and_the_global_ones() {
    let (_d, mut app) = defects_tab();
    app.update(Action::Help);
    let shown = text(&mut app, 100, 60);
    for want in [
        "Keys: Defects",
        "Search title",
        "Filter by status",
        "File a new standalone",
        "Quit stepwise",
    ] {
        assert!(shown.contains(want), "{want}:\n{shown}");
    }
}

#[test]
fn list_cells_are_cut_with_a_sign_and_links_keep_their_number() {
    let (_d, mut app) = demo_app(Start::Home, unicode());
    let code = app.project.clone();
    app.svc.set_tracker(&code, "GH", "https://github.com/{key}").unwrap();
    let title = "Checkout total ignores the coupon when the cart holds a gift card and a discounted item from the sale";
    let new = NewDefect {
        title: title.into(),
        ..NewDefect::default()
    };
    let d = app.svc.create_defect(&code, new).unwrap();
    let change = stepwise::service::DefectChange {
        link: vec!["GH:acme/shop#3".into()],
        status: Some(DefectStatus::InProgress),
        ..Default::default()
    };
    app.svc.set_defect(&code, DefectNo(d.no), change).unwrap();
    app.update(Action::Tab(3));
    for (w, h) in [(80, 24), (120, 40)] {
        let shown = text(&mut app, w, h);
        let row = shown
            .lines()
            .find(|l| l.contains("D-2 "))
            .unwrap_or_else(|| panic!("{shown}"));
        // The title ends in the sign where it is cut.
        let cut = row.split('…').next().unwrap();
        let kept = cut.split("D-2").nth(1).unwrap().trim();
        assert!(row.contains('…') && title.starts_with(kept), "{w}x{h}: {row}");
        // The link keeps its issue number; the status reads as words.
        assert!(row.contains("shop#3"), "{w}x{h}: {row}");
        assert!(
            row.contains("in progress") && !row.contains("in_progress"),
            "{w}x{h}: {row}"
        );
    }
    // The readiness line under a narrow terminal ends in the sign too.
    let shown = text(&mut app, 40, 12);
    let ready = shown
        .lines()
        .find(|l| l.contains("all milestones"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(ready.contains("…│"), "{ready}");
}

#[test]
fn history_names_tests_by_their_case_and_configuration() {
    let (_d, mut app) = defects_tab();
    app.update(Action::Open);
    let shown = text(&mut app, 120, 40);
    assert!(
        shown.contains("link added: DEMO-3 (Chrome) in run #2, result 1"),
        "{shown}"
    );
    assert!(!shown.contains("test 4 result"), "{shown}");
}
