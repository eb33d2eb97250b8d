//! Render snapshots of the TUI on a TestBackend: the demo project at a
//! fixed time, at 80x24 and 120x40, plus tiny sizes, ASCII and mono themes.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use std::sync::Arc;
use stepwise::domain::{ProjectCode, RunNo};
use stepwise::service::Service;
use stepwise::store::Store;
use stepwise::tui::action::Action;
use stepwise::tui::theme::{ColorMode, Theme};
use stepwise::tui::{App, Start};

use crate::support::{demo_app, draw, fixed_now, unicode};

#[test]
fn home_80x24() {
    let (_d, mut app) = demo_app(Start::Home, unicode());
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn home_120x40() {
    let (_d, mut app) = demo_app(Start::Home, unicode());
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn run_view_80x24() {
    let (_d, mut app) = demo_app(Start::Run(RunNo(2)), unicode());
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn run_view_120x40_after_moving_down() {
    let (_d, mut app) = demo_app(Start::Run(RunNo(2)), unicode());
    for _ in 0..5 {
        app.update(Action::Down);
    }
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn help_overlay_80x24() {
    let (_d, mut app) = demo_app(Start::Home, unicode());
    app.update(Action::Help);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn tabs_repository_defects_settings_80x24() {
    let (_d, mut app) = demo_app(Start::Home, unicode());
    for tab in 2..=4 {
        app.update(Action::Tab(tab));
        insta::assert_snapshot!(format!("tab_{tab}"), draw(&mut app, 80, 24).backend());
    }
}

#[test]
fn ascii_home_has_no_box_drawing() {
    let (_d, mut app) = demo_app(
        Start::Home,
        Theme {
            color: ColorMode::Named,
            ascii: true,
        },
    );
    let t = draw(&mut app, 80, 24);
    let text = t.backend().to_string();
    assert!(text.contains("+-") && text.contains('|'), "{text}");
    assert!(!text.chars().any(|c| ('\u{2500}'..='\u{259F}').contains(&c)), "{text}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn too_small_shows_one_line_and_recovers() {
    let (_d, mut app) = demo_app(Start::Home, unicode());
    let t = draw(&mut app, 20, 5);
    let first = t.backend().buffer().content[..20]
        .iter()
        .map(|c| c.symbol())
        .collect::<String>();
    assert_eq!(first, "terminal too small: ");
    let text = t.backend().to_string();
    assert!(!text.contains("Runs"), "{text}");
    let t = draw(&mut app, 80, 24);
    assert!(t.backend().to_string().contains("Release 2.4 regression"));
}

#[test]
fn mono_theme_uses_no_colour_but_keeps_emphasis() {
    for start in [Start::Home, Start::Run(RunNo(2))] {
        let (_d, mut app) = demo_app(
            start,
            Theme {
                color: ColorMode::Mono,
                ascii: false,
            },
        );
        let t = draw(&mut app, 120, 40);
        let cells = &t.backend().buffer().content;
        assert!(cells.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
        assert!(
            cells
                .iter()
                .any(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
        );
    }
    // And the coloured theme does colour: the test above can fail.
    let (_d, mut app) = demo_app(Start::Run(RunNo(2)), unicode());
    let t = draw(&mut app, 120, 40);
    assert!(t.backend().buffer().content.iter().any(|c| c.fg == Color::Red));
}

#[test]
fn open_then_back_returns_to_the_same_run() {
    let (_d, mut app) = demo_app(Start::Home, unicode());
    app.update(Action::Down);
    app.update(Action::Open);
    let t = draw(&mut app, 80, 24);
    assert!(t.backend().to_string().contains("#1 Smoke - release 2.3"));
    app.update(Action::Back);
    let t = draw(&mut app, 80, 24);
    let text = t.backend().to_string();
    assert!(text.contains("▶#1"), "{text}");
    assert_eq!(app.project, ProjectCode::parse("DEMO").unwrap());
}

/// The wizard at the first untested test of run #2.
fn wizard(theme: Theme) -> (tempfile::TempDir, App) {
    let (d, mut app) = demo_app(Start::Run(RunNo(2)), theme);
    app.update(Action::OpenWizard);
    (d, app)
}

fn mono() -> Theme {
    Theme {
        color: ColorMode::Mono,
        ascii: false,
    }
}

fn no_colour(t: &Terminal<TestBackend>) -> bool {
    t.backend()
        .buffer()
        .content
        .iter()
        .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
}

#[test]
fn wizard_80x24_colour_and_mono() {
    let (_d, mut app) = wizard(unicode());
    let t = draw(&mut app, 80, 24);
    assert!(!no_colour(&t), "the coloured theme colours something");
    insta::assert_snapshot!("wizard_80x24", t.backend());
    let (_d, mut app) = wizard(mono());
    let t = draw(&mut app, 80, 24);
    assert!(no_colour(&t));
    insta::assert_snapshot!("wizard_80x24_mono", t.backend());
}

#[test]
fn wizard_120x40_with_a_marked_step_and_history() {
    let (_d, mut app) = wizard(unicode());
    app.update(Action::Down);
    app.update(Action::Mark(stepwise::domain::ResultStatus::Passed));
    app.update(Action::History);
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn wizard_failure_dialog_80x24_and_120x40() {
    let (_d, mut app) = wizard(unicode());
    app.update(Action::Mark(stepwise::domain::ResultStatus::Failed));
    insta::assert_snapshot!("failure_dialog_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("failure_dialog_120x40", draw(&mut app, 120, 40).backend());
    let (_d, mut app) = wizard(mono());
    app.update(Action::Mark(stepwise::domain::ResultStatus::Failed));
    assert!(no_colour(&draw(&mut app, 80, 24)));
}

#[test]
fn wizard_help_lists_the_status_keys() {
    let (_d, mut app) = wizard(unicode());
    app.update(Action::Help);
    let text = draw(&mut app, 80, 40).backend().to_string();
    assert!(
        text.contains("Keys: Wizard") && text.contains("Passed: the whole test"),
        "{text}"
    );
}

#[test]
fn wizard_at_40x12_still_draws() {
    let (_d, mut app) = wizard(unicode());
    let text = draw(&mut app, 40, 12).backend().to_string();
    assert!(text.contains("DEMO-4"), "{text}");
    // Which configuration is being tested shows even on a tiny screen.
    assert!(text.contains("DEMO-4  (Firefox)"), "{text}");
    // The run's title gives way to the progress with a sign.
    assert!(text.contains("#2 Rel…  "), "{text}");
}

/// The screen's rows as text.
fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// Every row showing the start of `full` shows it whole, wrapped at a word,
/// or cut with a sign right where it stops: nothing is cut bare.
fn whole_or_signed(rows: &[String], full: &str) {
    let head: String = full.chars().take(14).collect();
    let mut seen = false;
    for row in rows {
        let Some(at) = row.find(&head) else { continue };
        seen = true;
        let rest = &row[at..];
        if rest.starts_with(full) {
            continue;
        }
        // Wrapped at a word, with room left on the row: not a cut.
        let inside = rest.split('│').next().unwrap_or("");
        if inside.ends_with("  ") && full.starts_with(&format!("{} ", inside.trim_end())) {
            continue;
        }
        let shown = rest.split('…').next().unwrap_or("");
        assert!(
            rest.contains('…') && full.starts_with(shown.trim_end()),
            "{full:?} is cut without a sign: {row:?}"
        );
    }
    assert!(seen, "{full:?} is not shown at all:\n{}", rows.join("\n"));
}

#[test]
fn nothing_is_cut_without_a_sign_at_40x12_80x24_and_120x40() {
    let (_d, mut app) = demo_app(Start::Home, unicode());
    let run = "Release 2.4 regression";
    for (w, h) in [(40, 12), (80, 24), (120, 40)] {
        let t = draw(&mut app, w, h);
        let rows = rows(&t);
        // The runs list keeps the titles; the footer keeps `? help`.
        whole_or_signed(&rows, run);
        let footer = rows.last().unwrap();
        assert!(footer.contains("? help"), "{w}x{h}: {footer:?}");
        // The tab bar names every tab, or the current one and the others'
        // numbers: never half a name.
        let tabs = rows[0].trim_end();
        assert!(
            tabs == " DEMO  1 Runs 2 Repository 3 Defects 4 Settings" || tabs == " DEMO  1 Runs 2 3 4",
            "{w}x{h}: {tabs:?}"
        );
    }
    // The run's details line under the list is cut with a sign.
    let rows80 = rows(&draw(&mut app, 80, 24));
    assert!(
        rows80.iter().any(|r| r.contains("tags regression, r…│")),
        "{}",
        rows80.join("\n")
    );
    // The repository keeps its case titles at 40x12.
    app.update(Action::Tab(2));
    let t = draw(&mut app, 40, 12);
    whole_or_signed(&rows(&t), "Login with valid email and password");
    assert!(rows(&t).last().unwrap().contains("? help"));
    // Settings: the selected setting's meaning and what it changes are
    // wrapped, never cut.
    app.update(Action::Tab(4));
    let t = draw(&mut app, 80, 24);
    let text = rows(&t)
        .iter()
        .map(|r| r.trim_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ");
    let effect = stepwise::tui::screens::settings::rows::effect("fast_pass");
    assert!(text.contains(effect), "{}", rows(&t).join("\n"));
    assert!(text.contains("passing or skipping records at once, no details dialog"));
    // At 40 columns the section bar is cut with a sign.
    let t = draw(&mut app, 40, 12);
    assert!(rows(&t)[2].contains("…│"), "{}", rows(&t).join("\n"));
}

#[test]
fn ascii_cuts_end_in_three_dots() {
    let (_d, mut app) = demo_app(
        Start::Home,
        Theme {
            color: ColorMode::Named,
            ascii: true,
        },
    );
    let t = draw(&mut app, 80, 24);
    assert!(
        rows(&t).iter().any(|r| r.contains("tags regression,...|")),
        "{}",
        rows(&t).join("\n")
    );
}

#[test]
fn help_overlay_wraps_instead_of_cutting_at_40x12() {
    let (_d, mut app) = demo_app(Start::Run(RunNo(2)), unicode());
    app.update(Action::Help);
    // The first help text too long for one line, whole across its lines.
    let bindings = stepwise::tui::keymap::bindings_for(stepwise::tui::keymap::Scope::Dashboard);
    let long = bindings.iter().map(|b| b.help).find(|h| h.len() > 24).unwrap();
    let at = bindings.iter().position(|b| b.help == long).unwrap();
    // Scroll it into view.
    for _ in 0..at {
        app.update(Action::Down);
    }
    let t = draw(&mut app, 40, 12);
    let text: String = rows(&t).iter().map(|r| format!("{r} ")).collect();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '│')
        .filter(|w| !w.is_empty())
        .collect();
    let text = words.join(" ");
    assert!(text.contains(long), "{long:?} not whole in:\n{}", rows(&t).join("\n"));
}

/// A tested test whose case changed in the repository afterwards shows the
/// version tested and says the case has changed since.
#[test]
fn wizard_marks_a_case_changed_since_it_was_tested() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store"), "alice").unwrap();
    let mut svc = Service::new(store, "alice").with_clock(Arc::new(fixed_now));
    let code = svc.write_demo(fixed_now()).unwrap();
    let mut case = svc.case(&code, stepwise::domain::CaseNo(1)).unwrap();
    let tested_title = case.title.clone();
    case.title = "Log in with email and password (rewritten)".into();
    case.touch(fixed_now());
    let mut batch = stepwise::store::Batch::new();
    batch.put(stepwise::store::keys::numbered(&code, 1), &case);
    svc.store().expect("a local store").commit(batch).unwrap();
    let mut app = App::new(svc, code, Start::Run(RunNo(2)), unicode()).unwrap();
    app.update(Action::Open);
    let text = draw(&mut app, 120, 40).backend().to_string();
    assert!(text.contains(&tested_title), "{text}");
    assert!(
        text.contains("Tested against version 1; the case has changed since (now version 2)"),
        "{text}"
    );
}

#[test]
fn wizard_120x40_mono() {
    let (_d, mut app) = wizard(mono());
    let t = draw(&mut app, 120, 40);
    assert!(no_colour(&t));
    insta::assert_snapshot!(t.backend());
}

// ------------------------------------------------- what a defect says, what was recorded

mod recorded {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use stepwise::domain::DefectNo;
    use stepwise::tui::screens::wizard::{Dialog, ResultDialog, Wizard};

    fn keys(app: &mut App, text: &str) {
        for c in text.chars() {
            app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    fn ctrl_s(app: &mut App) {
        app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    }

    fn esc(app: &mut App) {
        app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    }

    fn wizard_of(app: &App) -> &Wizard {
        match app.top_as::<Wizard>() {
            Some(w) => w,
            _ => panic!("the wizard is not on top"),
        }
    }

    fn dialog(app: &App) -> &ResultDialog {
        match &wizard_of(app).dialog {
            Some(Dialog::Result(d)) => d,
            _ => panic!("no result dialog"),
        }
    }

    /// The test the wizard shows, as `DEMO-4 Firefox`.
    fn shown(app: &App) -> String {
        let w = wizard_of(app);
        let t = w.current();
        format!("DEMO-{} {}", t.case_no, t.config.label())
    }

    /// The wizard at run #2's test `index`: DEMO-4 Firefox is 7, the blocked
    /// DEMO-4 Chrome 6, the failed DEMO-3 Chrome 4.
    fn wizard_at(index: usize) -> (tempfile::TempDir, App) {
        let (d, mut app) = wizard(unicode());
        for _ in index..7 {
            app.update(Action::PrevTest);
        }
        (d, app)
    }

    fn text(app: &mut App, w: u16, h: u16) -> String {
        draw(app, w, h).backend().to_string()
    }

    /// The text without the frame's borders, rows joined (wrapped phrases
    /// are found whole).
    fn flat(app: &mut App, w: u16, h: u16) -> String {
        text(app, w, h)
            .lines()
            .map(|l| l.trim_matches('"').trim().trim_matches('│').trim())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `j p` (step 1 passed), a comment on step 2, `f` on it: the failure
    /// dialog prefills the actual result from the step's comment, never
    /// from its expected result; the defect gets the expected result, the
    /// steps to reproduce, the environment and the configuration.
    #[test]
    fn the_failure_dialog_prefills_what_was_typed_and_the_defect_says_the_rest() {
        let (_d, mut app) = wizard(unicode());
        keys(&mut app, "jpc");
        keys(&mut app, "12345 was accepted");
        ctrl_s(&mut app);
        keys(&mut app, "f");
        let d = dialog(&app);
        assert_eq!(d.actual.text(), "12345 was accepted");
        assert_eq!(d.title.text(), "Register a new customer account fails");
        let screen = text(&mut app, 80, 24);
        assert!(
            screen.contains("Details    expected result (step 2), steps 1-2, staging, Browser: Firefox"),
            "{screen}"
        );
        ctrl_s(&mut app);
        let defect = app.svc.defect(&app.project, DefectNo(2)).unwrap();
        assert_eq!(defect.actual, "12345 was accepted");
        assert_eq!(
            defect.description,
            "Expected result (step 2): Inline error: 'Password must be at least 10 characters'.\n\
             \n\
             Steps to reproduce:\n\
             Preconditions: Email new.customer+<timestamp>@example.com is not registered.\n\
             1. Click 'Create account' on /login [passed]\n\
             2. Fill in the form with a weak password and submit [failed]\n   \
             Data: Pat / Lee / new.customer+1@example.com / 12345\n\
             \n\
             Environment: staging\n\
             Configuration: Browser: Firefox"
        );
    }

    /// Nothing typed: the actual result is empty (it was the expected
    /// result); typing the comment fills it until the tester edits it.
    #[test]
    fn the_actual_result_is_empty_then_follows_the_comment() {
        let (_d, mut app) = wizard(unicode());
        keys(&mut app, "jpf");
        assert_eq!(dialog(&app).actual.text(), "");
        keys(&mut app, "no error shown");
        assert_eq!(dialog(&app).actual.text(), "no error shown");
        assert!(flat(&mut app, 80, 24).contains("Actual     no error shown"));
    }

    #[test]
    fn the_title_says_blocked_or_invalid() {
        let (_d, mut app) = wizard(unicode());
        keys(&mut app, "b");
        assert_eq!(dialog(&app).title.text(), "Register a new customer account is blocked");
        esc(&mut app);
        let (_d, mut app) = wizard(unicode());
        keys(&mut app, "i");
        assert_eq!(dialog(&app).title.text(), "Register a new customer account is invalid");
        // A draft holding the title made for a failure is not typed text:
        // `b` names what happens now. A typed title is kept.
        for (kept, expected) in [
            (
                "Register a new customer account fails",
                "Register a new customer account is blocked",
            ),
            ("Weak password accepted", "Weak password accepted"),
        ] {
            let (_d, mut app) = wizard(unicode());
            let id = wizard_of(&app).current().id;
            let draft = stepwise::domain::Draft {
                comment: "typed".into(),
                defect_title: kept.into(),
                ..Default::default()
            };
            app.svc.save_draft(&app.project, RunNo(2), id, &draft).unwrap();
            app.update(Action::NextTest);
            app.update(Action::PrevTest);
            keys(&mut app, "b");
            assert_eq!(dialog(&app).title.text(), expected);
        }
    }

    /// `d` on the blocked DEMO-4 Chrome: prefilled from its latest result.
    #[test]
    fn d_on_a_tested_test_prefills_from_its_latest_result() {
        let (_d, mut app) = wizard_at(6);
        assert_eq!(shown(&app), "DEMO-4 Chrome");
        keys(&mut app, "d");
        let d = dialog(&app);
        assert!(d.defect_only);
        assert_eq!(d.title.text(), "Register a new customer account is blocked");
        assert_eq!(
            d.actual.text(),
            "Staging mail server is down; cannot receive the reset email."
        );
        ctrl_s(&mut app);
        let defect = app.svc.defect(&app.project, DefectNo(2)).unwrap();
        assert_eq!(defect.title, "Register a new customer account is blocked");
        let desc = &defect.description;
        assert!(desc.starts_with("Expected result (step 4): Welcome email"), "{desc}");
        assert!(desc.contains("\n4. Open Mailpit\n"), "{desc}");
        assert!(
            desc.ends_with("Environment: staging\nConfiguration: Browser: Chrome"),
            "{desc}"
        );
        // The failed DEMO-3 Chrome: the result's comment, steps up to the failed one.
        let (_d, mut app) = wizard_at(4);
        assert_eq!(shown(&app), "DEMO-3 Chrome");
        keys(&mut app, "d");
        assert_eq!(
            dialog(&app).actual.text(),
            "The final step does not behave as expected; see the defect."
        );
    }

    /// After a result the wizard shows what was recorded; `v` shows the
    /// whole result, scrolled into view.
    #[test]
    fn a_recorded_result_shows_on_the_steps_and_whole_in_the_history() {
        let (dir, mut app) = wizard(unicode());
        let file = dir.path().join("screenshot.png");
        std::fs::write(&file, b"png").unwrap();
        keys(&mut app, "a");
        keys(&mut app, &file.display().to_string());
        app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        keys(&mut app, "jpc");
        keys(&mut app, "12345 was accepted");
        ctrl_s(&mut app);
        keys(&mut app, "f");
        keys(&mut app, "weak password taken");
        ctrl_s(&mut app);
        assert_ne!(shown(&app), "DEMO-4 Firefox", "the wizard moved on");
        while shown(&app) != "DEMO-4 Firefox" {
            app.update(Action::PrevTest);
        }
        let screen = flat(&mut app, 80, 40);
        assert!(screen.contains("Whole test: failed"), "{screen}");
        assert!(screen.contains("Comment: weak password taken"), "{screen}");
        assert!(screen.contains("1. [passed  ] Click 'Create account'"), "{screen}");
        assert!(screen.contains("2. [failed  ] Fill in the form"), "{screen}");
        assert!(screen.contains("comment: 12345 was accepted"), "{screen}");
        assert!(screen.contains("3. [        ] Enter a strong password"), "{screen}");
        assert!(!screen.contains("Draft"), "{screen}");
        app.update(Action::History);
        let t = draw(&mut app, 80, 24);
        let screen = t.backend().to_string();
        assert!(screen.contains("History (1 result(s)):"), "{screen}");
        insta::assert_snapshot!("wizard_history_of_a_recorded_failure_80x24", t.backend());
    }

    /// `c` on a tested test writes a draft for the next result: it is
    /// labelled so, never shown as the recorded comment.
    #[test]
    fn a_draft_on_a_tested_test_is_labelled_a_draft() {
        let (_d, mut app) = wizard_at(4);
        keys(&mut app, "c");
        assert!(text(&mut app, 80, 24).contains("Draft comment for a new result"));
        keys(&mut app, "retry on staging");
        esc(&mut app);
        let screen = flat(&mut app, 120, 40);
        assert!(screen.contains("Whole test: failed"), "{screen}");
        assert!(
            screen.contains("Comment: The final step does not behave as expected"),
            "{screen}"
        );
        assert!(screen.contains("Draft comment: retry on staging"), "{screen}");
        assert!(!screen.contains(" Comment: retry on staging"), "{screen}");
        // A step mark on it is a draft too.
        keys(&mut app, "jp");
        let screen = flat(&mut app, 120, 40);
        assert!(
            screen.contains("Step marks below: a draft, not recorded yet"),
            "{screen}"
        );
    }
}

#[test]
fn the_existing_defect_picker_cuts_titles_with_a_sign() {
    let (_d, mut app) = wizard(unicode());
    app.update(Action::Mark(stepwise::domain::ResultStatus::Failed));
    // Comment, time, "file a defect", then new/existing: existing.
    for _ in 0..3 {
        app.update(Action::NextField);
    }
    app.on_key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(' ')));
    let t = draw(&mut app, 80, 24);
    let rows = rows(&t);
    let row = rows
        .iter()
        .find(|r| r.contains("D-1 [major]"))
        .unwrap_or_else(|| panic!("{}", rows.join("\n")));
    whole_or_signed(
        &rows,
        "D-1 [major] Account is locked after 5 failed login attempts: last step fails",
    );
    assert!(row.contains('…'), "{row}");
}
