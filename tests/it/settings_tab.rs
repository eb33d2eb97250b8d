//! The settings tab (`4`) in process: each section's add, rename, refusal
//! and removal through the keys, the store read back after each; a
//! setting toggled there changes the wizard at once; Esc changes nothing;
//! and render snapshots of every section at 80x24 and 120x40.

use stepwise::domain::{Project, RunNo};
use stepwise::tui::Start;
use stepwise::tui::harness::Harness;
use stepwise::tui::screens::settings::Settings;

/// The demo on the settings tab, `sections` Tabs along its bar.
fn settings(sections: usize) -> Harness {
    let mut h = Harness::demo();
    h.keys("4");
    for _ in 0..sections {
        h.keys("<Tab>");
    }
    h
}

fn project(h: &Harness) -> Project {
    h.app.svc.project(&h.app.project).unwrap()
}

fn notice(h: &Harness) -> String {
    h.notice().unwrap_or_default()
}

/// Moves the cursor to the row with a column `text`.
fn select(h: &mut Harness, text: &str) {
    let s = h.app.top_as::<Settings>().expect("the settings tab");
    let at = s
        .rows
        .iter()
        .position(|r| r.cells.iter().any(|c| c.trim() == text.trim()));
    let at = at.unwrap_or_else(|| panic!("no row {text}:\n{}", h.frame()));
    h.keys("g");
    for _ in 0..at {
        h.keys("j");
    }
}

#[test]
fn environments_add_rename_retire_and_a_removal_in_use_is_refused() {
    let mut h = settings(1);
    h.keys("a").keys("qa-lab<Enter>");
    assert_eq!(notice(&h), "Environment 'qa-lab' added");
    assert!(project(&h).environments.iter().any(|e| e.name == "qa-lab"));
    assert!(h.frame().contains("qa-lab"), "shown once written");
    select(&mut h, "qa-lab");
    h.keys("r<C-u>qa-lab-2<Enter>");
    assert!(project(&h).environments.iter().any(|e| e.name == "qa-lab-2"));
    h.keys("x");
    assert!(
        project(&h)
            .environments
            .iter()
            .any(|e| e.name == "qa-lab-2" && e.retired)
    );
    assert!(h.frame().contains("retired"));
    h.keys("x");
    assert!(
        project(&h)
            .environments
            .iter()
            .any(|e| e.name == "qa-lab-2" && !e.retired)
    );
    // A duplicate name, case-insensitive: refused, the store unchanged.
    let before = project(&h);
    h.keys("aSTAGING<Enter>");
    assert!(notice(&h).contains("staging"), "{}", notice(&h));
    assert_eq!(project(&h), before);
    // Removing one that runs use: the service's refusal.
    select(&mut h, "staging");
    h.keys("dy");
    assert_eq!(
        notice(&h),
        "environment 'staging' is used by runs #2: retire it instead"
    );
    assert_eq!(project(&h), before);
    // Removing an unused one, after the question.
    select(&mut h, "qa-lab-2");
    h.keys("d");
    assert!(h.frame().contains("Remove environment 'qa-lab-2'?"), "{}", h.frame());
    h.keys("n");
    assert_eq!(project(&h), before, "n keeps it");
    h.keys("dy");
    assert!(!project(&h).environments.iter().any(|e| e.name == "qa-lab-2"));
    assert_eq!(notice(&h), "Environment 'qa-lab-2' removed");
}

#[test]
fn milestones_take_a_due_date_close_reopen_and_remove() {
    let mut h = settings(2);
    h.keys("aR9<Enter>2026-13-01<Enter>");
    assert!(notice(&h).contains("invalid due date '2026-13-01'"), "{}", notice(&h));
    assert!(
        !project(&h).milestones.iter().any(|m| m.name == "R9"),
        "nothing written"
    );
    h.keys("aR9<Enter>2026-12-15<Enter>");
    assert_eq!(notice(&h), "Milestone 'R9' added, due 2026-12-15");
    let m = project(&h).milestones.into_iter().find(|m| m.name == "R9").unwrap();
    assert_eq!(m.due.as_deref(), Some("2026-12-15"));
    assert!(h.frame().contains("2026-12-15"));
    select(&mut h, "R9");
    h.keys("e<C-u><Enter>");
    let m = project(&h).milestones.into_iter().find(|m| m.name == "R9").unwrap();
    assert_eq!(m.due, None, "an empty due date clears it");
    h.keys("r<C-u>R10<Enter>");
    h.keys("x");
    assert!(project(&h).milestones.iter().any(|m| m.name == "R10" && m.completed));
    h.keys("x");
    assert!(project(&h).milestones.iter().any(|m| m.name == "R10" && !m.completed));
    h.keys("dy");
    assert!(!project(&h).milestones.iter().any(|m| m.name == "R10"));
}

#[test]
fn configuration_groups_and_values_add_rename_reorder_retire_and_remove() {
    let mut h = settings(3);
    h.keys("a<C-u>Locale<Enter>en, fr<Enter>");
    assert_eq!(notice(&h), "Locale: en, fr added");
    let group = |h: &Harness, name: &str| project(h).config_groups.into_iter().find(|g| g.name == name);
    assert_eq!(group(&h, "Locale").unwrap().values, ["en", "fr"]);
    // Values go to the group under the cursor.
    select(&mut h, "Locale");
    h.keys("a<Enter>de<Enter>");
    assert_eq!(group(&h, "Locale").unwrap().values, ["en", "fr", "de"]);
    select(&mut h, "  de");
    h.keys("K");
    assert_eq!(group(&h, "Locale").unwrap().values, ["en", "de", "fr"]);
    h.keys("r<C-u>de-DE<Enter>");
    assert_eq!(group(&h, "Locale").unwrap().values, ["en", "de-DE", "fr"]);
    h.keys("x");
    assert_eq!(group(&h, "Locale").unwrap().retired_values, ["de-DE"]);
    select(&mut h, "Locale");
    h.keys("r<C-u>Language<Enter>");
    assert!(group(&h, "Language").is_some());
    // A group runs use cannot go: the refusal names them.
    select(&mut h, "Browser");
    let before = project(&h);
    h.keys("dy");
    assert!(notice(&h).contains("used by runs"), "{}", notice(&h));
    assert_eq!(project(&h), before);
    select(&mut h, "Language");
    h.keys("dy");
    assert!(group(&h, "Language").is_none());
}

#[test]
fn team_members_join_with_a_display_name_are_renamed_and_leave() {
    let mut h = settings(4);
    h.keys("azoe<Enter>Zoe Quinn<Enter>");
    assert_eq!(notice(&h), "zoe joined the team");
    let p = project(&h);
    assert!(p.team.contains(&"zoe".to_string()));
    assert_eq!(p.display_name("zoe"), Some("Zoe Quinn"));
    assert!(h.frame().contains("Zoe Quinn"));
    h.keys("azoe<Enter><Enter>");
    assert!(notice(&h).contains("zoe"), "a duplicate is refused: {}", notice(&h));
    select(&mut h, "zoe");
    h.keys("r<C-u>Zoé<Enter>");
    assert_eq!(project(&h).display_name("zoe"), Some("Zoé"));
    h.keys("dy");
    assert!(!project(&h).team.contains(&"zoe".to_string()));
    assert_eq!(notice(&h), "zoe left the team");
}

#[test]
fn custom_statuses_are_added_with_key_colour_and_polarity_and_hidden() {
    let mut h = settings(5);
    h.keys("aPassed with issues<Enter>i<Enter>purple<Enter>positive<Enter>");
    assert!(notice(&h).contains("unknown colour 'purple'"), "{}", notice(&h));
    h.keys("aPassed with issues<Enter>i<Enter>yellow<Enter>positive<Enter>");
    assert_eq!(notice(&h), "Status 'Passed with issues' added (key i)");
    let s = project(&h)
        .custom_statuses
        .into_iter()
        .find(|c| c.slug == "passed_with_issues");
    assert_eq!(s.as_ref().map(|s| (s.key, s.colour.as_str())), Some(('i', "yellow")));
    select(&mut h, "Passed with issues");
    h.keys("x");
    assert!(
        project(&h)
            .custom_statuses
            .iter()
            .any(|c| c.slug == "passed_with_issues" && c.hidden)
    );
    h.keys("x");
    assert!(
        project(&h)
            .custom_statuses
            .iter()
            .any(|c| c.slug == "passed_with_issues" && !c.hidden)
    );
    h.keys("d");
    assert!(notice(&h).contains("never removed"), "{}", notice(&h));
}

#[test]
fn defect_fields_and_trackers_are_added_and_removed() {
    let mut h = settings(6);
    h.keys("a<Enter>Browser version<Enter>");
    assert!(project(&h).defect_fields.contains(&"Browser version".to_string()));
    h.keys("aj<Enter>GH<Enter>https://github.com/acme/shop/issues<Enter>");
    assert!(notice(&h).contains("has no {key}"), "{}", notice(&h));
    h.keys("aj<Enter>GH<Enter>https://github.com/acme/shop/issues/{key}<Enter>");
    assert!(project(&h).trackers.iter().any(|t| t.name == "GH"));
    select(&mut h, "Browser version");
    h.keys("dy");
    assert!(!project(&h).defect_fields.contains(&"Browser version".to_string()));
    select(&mut h, "GH");
    h.keys("dy");
    assert!(!project(&h).trackers.iter().any(|t| t.name == "GH"));
}

#[test]
fn projects_are_created_renamed_switched_to_and_deleted_after_saying_what_they_hold() {
    let mut h = settings(7);
    h.keys("aBAD CODE<Enter>Shop<Enter>");
    assert!(notice(&h).contains("BAD CODE"), "a bad code is refused: {}", notice(&h));
    assert_eq!(h.app.svc.projects().unwrap().len(), 1);
    h.keys("aSHOP<Enter>Shop<Enter>");
    assert!(h.app.svc.projects().unwrap().iter().any(|p| p.code.as_str() == "SHOP"));
    select(&mut h, "SHOP");
    h.keys("r<C-u>Web shop<Enter>");
    let shop = |h: &Harness| {
        h.app
            .svc
            .projects()
            .unwrap()
            .into_iter()
            .find(|p| p.code.as_str() == "SHOP")
    };
    assert_eq!(shop(&h).unwrap().title, "Web shop");
    // The open project cannot be deleted from inside it.
    select(&mut h, "DEMO");
    h.keys("d");
    assert!(notice(&h).contains("DEMO is open"), "{}", notice(&h));
    // Switch to SHOP; then delete DEMO, the question saying what it holds.
    select(&mut h, "SHOP");
    h.keys("<Enter>");
    assert_eq!(h.app.project.as_str(), "SHOP");
    h.keys("4");
    for _ in 0..7 {
        h.keys("<Tab>");
    }
    select(&mut h, "DEMO");
    h.keys("d");
    let frame = h.frame();
    assert!(frame.contains("Delete project DEMO?"), "{frame}");
    assert!(frame.contains("It holds") && frame.contains("cases"), "{frame}");
    h.keys("<Esc>");
    assert_eq!(h.app.svc.projects().unwrap().len(), 2, "Esc deletes nothing");
    h.keys("dy");
    assert_eq!(h.app.svc.projects().unwrap().len(), 1);
    assert!(notice(&h).starts_with("Project DEMO deleted with"), "{}", notice(&h));
}

#[test]
fn esc_changes_nothing_at_any_question() {
    let mut h = settings(2);
    let before = project(&h);
    h.keys("aR9<Esc>");
    h.keys("aR9<Enter>2026-01-01<Esc>");
    h.keys("<Tab>a<Esc>");
    h.keys("<Tab>azed<Enter><Esc>");
    assert_eq!(project(&h), before);
    assert!(h.app.top_as::<Settings>().unwrap().dialog.is_none());
}

#[test]
fn fast_pass_toggled_in_the_tab_changes_the_wizard_at_once() {
    let mut h = Harness::demo_at(Start::Run(RunNo(2)));
    // fast_pass is the first setting: off.
    h.keys("4<Enter>");
    assert_eq!(notice(&h), "fast_pass is now false");
    assert!(!project(&h).settings.fast_pass);
    let frame = h.frame();
    let row = frame.lines().find(|l| l.contains("│fast_pass ")).unwrap_or_default();
    assert!(row.contains("false"), "{frame}");
    // Run #2's wizard: p opens the details dialog.
    h.keys("1");
    open_run_two(&mut h);
    h.keys("wp");
    assert!(h.frame().contains("Record: passed"), "{}", h.frame());
    h.keys("<Esc><Esc><Esc>");
    // On again: one key passes.
    h.keys("4<Enter>");
    assert!(project(&h).settings.fast_pass);
    h.keys("1");
    open_run_two(&mut h);
    h.keys("wp");
    assert!(h.frame().contains("passed recorded on DEMO-4"), "{}", h.frame());
}

/// From the runs tab, the dashboard of run #2.
fn open_run_two(h: &mut Harness) {
    h.keys("g");
    for _ in 0..10 {
        let home = h.app.top_as::<stepwise::tui::screens::home::Home>().unwrap();
        if home.selected_run() == Some(RunNo(2)) {
            h.keys("<Enter>");
            return;
        }
        h.keys("j");
    }
    panic!("run #2 is not on the runs tab");
}

#[test]
fn every_section_renders_at_80x24_and_120x40() {
    let names = [
        "settings",
        "environments",
        "milestones",
        "configs",
        "team",
        "statuses",
        "fields",
        "projects",
    ];
    let mut h = settings(0);
    // Something in every section: a status, a field and a tracker.
    h.keys("<Tab><Tab><Tab><Tab><Tab>aPassed with issues<Enter>i<Enter>yellow<Enter>positive<Enter>");
    h.keys("<Tab>a<Enter>Browser version<Enter>aj<Enter>JIRA<Enter>https://acme.atlassian.net/browse/{key}<Enter>");
    h.keys("<Tab><Tab>");
    for (w, hgt) in [(80, 24), (120, 40)] {
        h.size(w, hgt);
        for name in names {
            insta::assert_snapshot!(format!("settings_{name}_{w}x{hgt}"), h.frame());
            h.keys("<Tab>");
        }
    }
}

#[test]
fn the_footer_and_help_show_the_tabs_keys_from_the_binding_table() {
    let mut h = settings(1);
    let frame = h.frame();
    let footer = frame.lines().last().unwrap_or_default().to_string();
    assert!(
        footer.contains("a add") && footer.contains("Tab next section"),
        "{footer}"
    );
    h.keys("?");
    let help = h.frame();
    assert!(help.contains("Retire or restore"), "{help}");
    assert!(help.contains("Move the row up its list"), "{help}");
    // In a question the footer names what Enter and Esc do there.
    h.keys("<Esc>a");
    let footer = h.frame().lines().last().unwrap_or_default().to_string();
    assert!(
        footer.contains("Enter next/save") && footer.contains("Esc cancel"),
        "{footer}"
    );
}

/// At 40 columns the section bar keeps the current section in view: it
/// starts with a sign at a later section and ends in one where it is cut.
#[test]
fn the_section_bar_at_40_columns_shows_the_current_section() {
    let mut h = settings(0);
    h.size(40, 12);
    let bar = |h: &mut Harness| h.frame().lines().nth(2).unwrap_or_default().to_string();
    let first = bar(&mut h);
    assert!(
        first.starts_with("│Settings  Environments") && first.ends_with("…│"),
        "{first}"
    );
    for (tabs, shown) in [(3, "Configs"), (3, "Fields"), (1, "Projects")] {
        for _ in 0..tabs {
            h.keys("<Tab>");
        }
        let row = bar(&mut h);
        assert!(row.starts_with("│…  ") && row.contains(shown), "{shown}: {row}");
    }
}
