//! Render snapshots of the run dashboard (the demo's run #2 at a fixed
//! time): every tab at 80x24 and 120x40, the ASCII donut, a filter with a
//! selection, the bulk and run menus, and a tiny terminal.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stepwise::domain::RunNo;
use stepwise::tui::action::Action;
use stepwise::tui::theme::{ColorMode, Theme};
use stepwise::tui::{App, Start};

use crate::support::{demo_app, draw};

fn theme(ascii: bool) -> Theme {
    Theme {
        color: ColorMode::Named,
        ascii,
    }
}

/// The dashboard of the demo's active run; the TempDir must outlive it.
fn dashboard(ascii: bool) -> (tempfile::TempDir, App) {
    demo_app(Start::Run(RunNo(2)), theme(ascii))
}

fn text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let area = buf.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_tab_at_80x24_and_120x40() {
    let (_d, mut app) = dashboard(false);
    for tab in ["tests", "defects", "team", "timeline"] {
        insta::assert_snapshot!(format!("{tab}_80x24"), draw(&mut app, 80, 24).backend());
        insta::assert_snapshot!(format!("{tab}_120x40"), draw(&mut app, 120, 40).backend());
        app.update(Action::NextTab);
    }
}

#[test]
fn ascii_donut_and_legend() {
    let (_d, mut app) = dashboard(true);
    let t = draw(&mut app, 80, 24);
    let screen = text(&t);
    assert!(screen.is_ascii(), "{screen}");
    // The donut is drawn with the statuses' letters.
    assert!(screen.contains('P') && screen.contains('-'), "{screen}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn filter_selection_and_the_bulk_menu() {
    let (_d, mut app) = dashboard(false);
    // All -> untested -> passed.
    app.update(Action::FilterStatus);
    app.update(Action::FilterStatus);
    app.update(Action::SelectMatching);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("only passed") && screen.contains("selected"),
        "{screen}"
    );
    assert!(!screen.contains("untested DEMO"), "{screen}");
    app.update(Action::BulkMenu);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn run_menu_at_120x40() {
    let (_d, mut app) = dashboard(false);
    app.update(Action::RunMenu);
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn a_tiny_terminal_keeps_the_counts_and_the_list() {
    let (_d, mut app) = dashboard(false);
    let screen = text(&draw(&mut app, 40, 12));
    assert!(screen.contains("9/28"), "{screen}");
    assert!(screen.contains("DEMO-1"), "{screen}");
}

/// The legend's rows (`■ name  count  share%`) of a drawn dashboard.
fn legend(t: &Terminal<TestBackend>) -> Vec<(String, u32)> {
    text(t)
        .lines()
        .flat_map(|l| l.split('■').skip(1))
        .filter_map(|cell| {
            let words: Vec<&str> = cell.split_whitespace().collect();
            let pct = words.iter().position(|w| w.ends_with('%'))?;
            let share = words[pct].trim_end_matches('%').parse().ok()?;
            Some((words[..pct.saturating_sub(1)].join(" "), share))
        })
        .collect()
}

#[test]
fn the_legend_lists_every_status_present_and_the_shares_add_up() {
    let (_d, mut app) = dashboard(false);
    // A sixth status: the legend has one row more than its height at 80x24.
    let code = app.project.clone();
    let untested = app
        .svc
        .tests(&code, 2)
        .unwrap()
        .into_iter()
        .find(|t| t.state() == stepwise::domain::TestState::Untested)
        .unwrap();
    let invalid = stepwise::service::NewResult::status(stepwise::domain::ResultStatus::Invalid);
    app.svc.record_result(&code, RunNo(2), untested.id, invalid).unwrap();
    app.reload();
    for (w, h) in [(80, 24), (120, 40)] {
        let t = draw(&mut app, w, h);
        let rows = legend(&t);
        let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
        for status in ["untested", "passed", "failed", "blocked", "skipped", "invalid"] {
            assert!(
                names.contains(&status),
                "{w}x{h}: no {status} in {names:?}\n{}",
                text(&t)
            );
        }
        let total: u32 = rows.iter().map(|(_, s)| s).sum();
        assert_eq!(total, 100, "{w}x{h}: {rows:?}");
    }
}

#[test]
fn the_team_tab_offers_no_key_that_does_nothing_and_names_read_as_words() {
    let (_d, mut app) = dashboard(false);
    let footer = |app: &mut App| text(&draw(app, 120, 40)).lines().last().unwrap().to_string();
    app.update(Action::NextTab);
    // Defects: Enter opens them, and says so.
    assert!(footer(&mut app).contains("Enter open"), "{}", footer(&mut app));
    app.update(Action::NextTab);
    // Team: Enter would do nothing, so it is not offered.
    assert!(!footer(&mut app).contains("Enter"), "{}", footer(&mut app));
    app.update(Action::NextTab);
    assert!(!footer(&mut app).contains("Enter"), "{}", footer(&mut app));
    // A defect in progress reads "in progress" on the Defects tab.
    let change = stepwise::service::DefectChange {
        status: Some(stepwise::domain::DefectStatus::InProgress),
        ..Default::default()
    };
    let code = app.project.clone();
    app.svc
        .set_defect(&code, stepwise::domain::DefectNo(1), change)
        .unwrap();
    app.reload();
    app.update(Action::NextTab);
    app.update(Action::NextTab);
    let screen = text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains("in progress") && !screen.contains("in_progress"),
        "{screen}"
    );
}

/// A run of over 2,000 tests draws its first frame from the head of its
/// list (`Service::run_head`: its first rows, the size of the groups they
/// open, the estimate and the id width of the whole run) and reads every
/// row right after: the two frames are the same, at every size.
#[test]
fn a_large_runs_first_frame_from_its_head_is_the_frame_of_every_row() {
    use stepwise::tui::harness::Harness;
    use stepwise::tui::screens::dashboard::Dashboard;
    for (width, height) in [(80, 24), (120, 40), (40, 12)] {
        let mut h = Harness::synthetic_at(2_100, Start::Run(RunNo(1)));
        h.size(width, height);
        let first = h.frame();
        let d = h.app.top_as::<Dashboard>().expect("the dashboard");
        let tests = d.run.test_count as usize;
        assert!(tests > 2_000, "{tests}");
        assert!(d.rows().len() < tests, "the first frame reads only the head");
        h.after_first_frame();
        let d = h.app.top_as::<Dashboard>().expect("the dashboard");
        assert_eq!(d.rows().len(), tests, "every row read after the first frame");
        assert_eq!(first, h.frame(), "at {width}x{height}");
        assert!(first.contains("LOAD-1 "), "{first}");
    }
}

/// The bulk result's time spent goes through the one duration parser:
/// `1h 15m` is 75 minutes, and a bad one is refused with the text named.
#[test]
fn the_bulk_result_takes_any_duration() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (_d, mut app) = dashboard(false);
    let key = |app: &mut App, code: KeyCode| app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    let type_text = |app: &mut App, text: &str| text.chars().for_each(|c| key(app, KeyCode::Char(c)));
    let code = app.project.clone();
    let before = app.svc.tests(&code, 2).unwrap();
    // The first test selected; B, "Set a result...", "failed", the time.
    let open = |app: &mut App| {
        for k in [
            KeyCode::Char('B'),
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Down,
            KeyCode::Enter,
        ] {
            key(app, k);
        }
        assert!(text(&draw(app, 80, 24)).contains("Time spent"));
    };
    key(&mut app, KeyCode::Char(' '));
    open(&mut app);
    type_text(&mut app, "5x");
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("'5x' is not a duration"), "{screen}");
    assert_eq!(
        app.svc.tests(&code, 2).unwrap(),
        before,
        "a bad time recorded something"
    );
    if !screen.contains("Time spent") {
        open(&mut app);
    }
    // Ctrl-U clears what is left of the bad time.
    app.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    type_text(&mut app, "1h 15m");
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("failed recorded on 1 test(s)"), "{screen}");
    let after = app.svc.tests(&code, 2).unwrap();
    let grown: Vec<_> = after
        .iter()
        .zip(&before)
        .filter(|(a, b)| a.results.len() > b.results.len())
        .map(|(a, _)| a.results.last().unwrap().duration_ms)
        .collect();
    assert_eq!(grown, [75 * 60_000], "{screen}");
}

/// At 40x12 the Team tab keeps who each row is about: the trend gives way
/// and no header is cut bare.
#[test]
fn the_team_tab_at_40x12_names_each_person() {
    let (_d, mut app) = dashboard(false);
    app.update(Action::NextTab);
    app.update(Action::NextTab);
    let screen = text(&draw(&mut app, 40, 12));
    assert!(screen.contains("PERSON") && screen.contains("ASSIGNED"), "{screen}");
    assert!(!screen.contains("LAST 14"), "{screen}");
    assert!(screen.contains("│bob ") && screen.contains("│carol "), "{screen}");
    // Wide enough, the trend is back.
    assert!(text(&draw(&mut app, 80, 24)).contains("LAST 14 DAYS"));
}

/// At 40x12 the run's Defects tab keeps the titles (severity and assignee
/// give way), cut with a sign.
#[test]
fn the_defects_tab_at_40x12_keeps_the_titles() {
    let (_d, mut app) = dashboard(false);
    app.update(Action::NextTab);
    let screen = text(&draw(&mut app, 40, 12));
    assert!(screen.contains("TITLE"), "{screen}");
    assert!(screen.contains("│D-1    open        Account is locked …│"), "{screen}");
    assert!(text(&draw(&mut app, 80, 24)).contains("SEVERITY"));
}
