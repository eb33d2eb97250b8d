//! Live screens and presence: which of the server's change events make the
//! screen on top re-read what it shows, and what the others' whereabouts
//! say about a test ("alice is on this test"). Pure functions over the
//! events, used by the screens, and the app's side (`App::on_pushed`,
//! `App::tell_whereabouts`).

use super::app::App;
use crate::domain::{ProjectCode, RunNo};
use crate::service::Pushed;
use crate::service::wire::{Change, Presence, Whereabouts};

impl App {
    /// What the server pushed since the last call, as one batch: the
    /// others' presence is kept for the screens; the screen on top re-reads
    /// what it shows once for the whole batch when a change concerns this
    /// project (a busy server does not make it re-read per event); after a
    /// reconnection the drafts not yet taken are sent again.
    pub fn on_pushed(&mut self, batch: impl IntoIterator<Item = Pushed>) {
        let mut changes = Vec::new();
        let mut reconnected = false;
        let mut lost = None;
        for p in batch {
            match p {
                Pushed::Changed(c) => {
                    if concerns(&c, &self.project) {
                        changes.push(c);
                    }
                }
                Pushed::Presence(others) => {
                    if others != self.others {
                        self.others = others;
                        self.dirty = true;
                    }
                }
                Pushed::Reconnected => {
                    reconnected = true;
                    lost = None;
                }
                Pushed::Lost(msg) => lost = Some(msg),
            }
        }
        if reconnected {
            self.offline = false;
            // What the old server had not taken goes to the new one.
            self.save_drafts();
            self.dirty = true;
            self.reload();
        } else if !changes.is_empty() {
            self.dirty = true;
            self.others_changed(&changes);
        }
        if let Some(msg) = lost {
            self.offline = true;
            self.others.clear();
            self.dirty = true;
            self.notices.error(format!(
                "Lost the connection to the stepwise server ({msg}); trying again"
            ));
        } else if reconnected {
            self.notices.info("Reconnected to the stepwise server");
        }
    }

    /// Tells the server where the tester is now (the screen on top, its
    /// run and test); the service sends it only when it changed.
    pub fn tell_whereabouts(&self) {
        let mut at = self.top().whereabouts();
        at.project = Some(self.project.clone());
        self.svc.set_whereabouts(at);
    }
}

/// The screen names a TUI reports as its whereabouts (`server status`
/// shows them; presence on a test counts the wizard's as "has it open").
pub mod screen {
    pub const RUNS: &str = "runs";
    pub const DASHBOARD: &str = "dashboard";
    pub const WIZARD: &str = "wizard";
    pub const NEW_RUN: &str = "new run";
    pub const REPOSITORY: &str = "repository";
    pub const CASE_EDITOR: &str = "case editor";
    pub const DEFECTS: &str = "defects";
    pub const SETTINGS: &str = "settings";
}

/// Calls whose change no screen shows: another client's draft (each
/// tester sees their own), the last project used, a flush.
const UNSEEN: [&str; 4] = ["save_draft", "save_form_draft", "set_last_project", "flush"];

/// Whether `change` may change what a screen of project `project` shows:
/// a change in that project or in none (the store as a whole), by a call
/// whose effect some screen shows.
pub fn concerns(change: &Change, project: &ProjectCode) -> bool {
    !UNSEEN.contains(&change.call.as_str()) && change.project.as_ref().is_none_or(|p| p == project)
}

/// What a list of one run's tests re-reads after the others' `changes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reread {
    /// Everything it shows.
    All,
    /// The rows of these tests (none: only the run, its counts and its
    /// defects), the rest kept.
    Tests(Vec<u32>),
}

/// What changes by others mean for a list of run `run`'s tests: calls on
/// some of its tests re-read those rows; a call on another run can only
/// have changed the defects it shares; a call on the run as a whole, or on
/// no run (suites, configurations, the project), re-reads everything.
pub fn reread_for_run(changes: &[Change], run: RunNo) -> Reread {
    let mut tests = Vec::new();
    for c in changes {
        match c.run {
            Some(r) if r != run => {}
            Some(_) if !c.tests.is_empty() => tests.extend(&c.tests),
            _ => return Reread::All,
        }
    }
    tests.sort_unstable();
    tests.dedup();
    Reread::Tests(tests)
}

/// A screen's whereabouts: its name, and the run and test it has open or
/// selected (the app adds the project).
pub fn at(screen: &str, run: Option<RunNo>, test: Option<u32>) -> Whereabouts {
    Whereabouts {
        screen: screen.to_string(),
        project: None,
        run,
        test,
    }
}

/// The others on test `test` of run `run` in `project`, by name, each once
/// and in order; `open_only`: only those who have it open in the wizard.
pub fn on_test(others: &[Presence], project: &ProjectCode, run: RunNo, test: u32, open_only: bool) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for p in others {
        let here = p.at.project.as_ref() == Some(project) && p.at.run == Some(run) && p.at.test == Some(test);
        let counts = !open_only || p.at.screen == screen::WIZARD;
        if here && counts && !names.contains(&p.user) {
            names.push(p.user.clone());
        }
    }
    names
}

/// The tests of run `run` in `project` that someone else is on.
pub fn tests_with_others(others: &[Presence], project: &ProjectCode, run: RunNo) -> Vec<u32> {
    let mut tests: Vec<u32> = others
        .iter()
        .filter(|p| p.at.project.as_ref() == Some(project) && p.at.run == Some(run))
        .filter_map(|p| p.at.test)
        .collect();
    tests.sort_unstable();
    tests.dedup();
    tests
}

/// "alice", "alice and bob", "alice, bob and carol", "alice, bob and 2 others".
fn names_text(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, rest @ ..] => format!("{a}, {b} and {} others", rest.len()),
    }
}

/// The dashboard's line for its current test: "alice is on this test".
pub fn on_this_test(names: &[String]) -> Option<String> {
    let verb = if names.len() == 1 { "is" } else { "are" };
    (!names.is_empty()).then(|| format!("{} {verb} on this test", names_text(names)))
}

/// The wizard's line: "alice also has this test open".
pub fn also_open(names: &[String]) -> Option<String> {
    let verb = if names.len() == 1 { "has" } else { "have" };
    (!names.is_empty()).then(|| format!("{} also {verb} this test open", names_text(names)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> ProjectCode {
        ProjectCode::parse("DEMO").expect("a code")
    }

    fn change(call: &str, project: Option<&str>) -> Change {
        Change {
            call: call.into(),
            user: "bob".into(),
            project: project.map(|p| ProjectCode::parse(p).expect("a code")),
            run: None,
            tests: vec![],
        }
    }

    fn someone(user: &str, screen: &str, project: &str, run: u64, test: Option<u32>) -> Presence {
        Presence {
            user: user.into(),
            at: Whereabouts {
                screen: screen.into(),
                project: Some(ProjectCode::parse(project).expect("a code")),
                run: Some(RunNo(run)),
                test,
            },
        }
    }

    #[test]
    fn a_change_concerns_its_project_or_every_project() {
        assert!(concerns(&change("record_result", Some("DEMO")), &code()));
        assert!(concerns(&change("create_project", None), &code()));
        assert!(!concerns(&change("record_result", Some("OTHER")), &code()));
        assert!(!concerns(&change("save_draft", Some("DEMO")), &code()));
        assert!(!concerns(&change("set_last_project", Some("DEMO")), &code()));
    }

    #[test]
    fn a_list_rereads_the_rows_of_the_tests_changed_else_everything() {
        let on = |run: Option<u64>, tests: &[u32]| Change {
            run: run.map(RunNo),
            tests: tests.to_vec(),
            ..change("record_result", Some("DEMO"))
        };
        let run = RunNo(2);
        assert_eq!(
            reread_for_run(&[on(Some(2), &[7, 3]), on(Some(2), &[3])], run),
            Reread::Tests(vec![3, 7])
        );
        assert_eq!(
            reread_for_run(&[on(Some(5), &[1])], run),
            Reread::Tests(vec![]),
            "another run's change: only what runs share (defects, counts)"
        );
        assert_eq!(reread_for_run(&[on(Some(2), &[7]), on(Some(2), &[])], run), Reread::All);
        assert_eq!(reread_for_run(&[on(None, &[])], run), Reread::All);
    }

    #[test]
    fn who_is_on_a_test_each_once_and_only_there() {
        let others = vec![
            someone("alice", screen::WIZARD, "DEMO", 2, Some(7)),
            someone("alice", screen::WIZARD, "DEMO", 2, Some(7)),
            someone("bob", screen::DASHBOARD, "DEMO", 2, Some(7)),
            someone("carol", screen::WIZARD, "DEMO", 3, Some(7)),
            someone("dave", screen::WIZARD, "OTHER", 2, Some(7)),
            someone("erin", screen::DASHBOARD, "DEMO", 2, Some(8)),
        ];
        assert_eq!(on_test(&others, &code(), RunNo(2), 7, false), ["alice", "bob"]);
        assert_eq!(on_test(&others, &code(), RunNo(2), 7, true), ["alice"]);
        assert_eq!(tests_with_others(&others, &code(), RunNo(2)), [7, 8]);
        assert!(on_test(&others, &code(), RunNo(2), 9, false).is_empty());
    }

    #[test]
    fn the_lines_name_everyone_up_to_two_then_count() {
        let n = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(on_this_test(&n(&[])), None);
        assert_eq!(on_this_test(&n(&["alice"])).as_deref(), Some("alice is on this test"));
        assert_eq!(
            on_this_test(&n(&["alice", "bob"])).as_deref(),
            Some("alice and bob are on this test")
        );
        assert_eq!(
            also_open(&n(&["a", "b", "c", "d"])).as_deref(),
            Some("a, b and 2 others also have this test open")
        );
        assert_eq!(
            also_open(&n(&["alice"])).as_deref(),
            Some("alice also has this test open")
        );
    }
}
