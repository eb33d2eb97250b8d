//! The run dashboard: a status donut with its legend and counts, the run's
//! details, and four tabs — the tests grouped by suite and configuration
//! (filter, fuzzy search, bulk work), the defects filed in this run, the
//! team's work and a timeline. `stepwise open RUN` lands here.
//!
//! The summary comes from the run's counts (one small read); a large run's
//! rows are read right after the first frame (`after_frame`), so the
//! dashboard shows at once whatever the run's size.

mod actions;
mod answers;
mod dialog;
mod rows;
mod screen;
mod tabs;
mod view;

pub use dialog::Dialog;
pub use rows::{Line, Shown, TestRow};
pub use screen::show_run;

use super::wizard::Wizard;
use crate::domain::{
    ConfigCombo, Project, ProjectCode, Run, RunNo, RunStats, StatusCatalog, SuiteNames, TestState, rules,
};
use crate::service::{Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Clock, Transition, move_cursor};
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::search::Search;
use std::collections::BTreeSet;

/// Runs with more tests than this show their first frame before reading
/// every test.
const READ_AFTER_FIRST_FRAME: u32 = 2_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Tests,
    Defects,
    Team,
    Timeline,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Tests, Tab::Defects, Tab::Team, Tab::Timeline];

    pub fn name(self) -> &'static str {
        match self {
            Tab::Tests => "Tests",
            Tab::Defects => "Defects",
            Tab::Team => "Team",
            Tab::Timeline => "Timeline",
        }
    }
}

pub struct Dashboard {
    pub project: Project,
    pub run: Run,
    pub counts: RunStats,
    /// Every test as a compact row, in display order; None until read.
    pub rows: Option<Vec<TestRow>>,
    pub shown: Shown,
    /// Over `shown.lines`; always on a test line when there is one.
    pub cursor: Cursor,
    pub tab: Tab,
    /// Scroll position of the other tabs.
    pub tab_cursor: Cursor,
    pub filter: Option<TestState>,
    pub search: Search,
    /// Test ids chosen for bulk work.
    pub selected: BTreeSet<u32>,
    pub dialog: Option<Dialog>,
    pub defects: Vec<crate::domain::Defect>,
    pub notice: Option<(String, bool)>,
    /// When the run was last read (the service's clock): elapsed time.
    pub now: crate::domain::Time,
    /// The other TUIs on a test of this run (as last drawn).
    pub others: Vec<crate::service::wire::Presence>,
}

impl Dashboard {
    pub fn load(svc: &Service, code: &ProjectCode, no: RunNo) -> Result<Self, ServiceError> {
        let run = svc.run(code, no)?;
        let project = svc.project(code)?;
        let mut d = Self {
            counts: svc.run_counts(code, run.no)?,
            project,
            run,
            rows: None,
            shown: Shown::default(),
            cursor: Cursor::default(),
            tab: Tab::Tests,
            tab_cursor: Cursor::default(),
            filter: None,
            search: Search::default(),
            selected: BTreeSet::new(),
            dialog: None,
            defects: Vec::new(),
            notice: None,
            now: svc.now(),
            others: Vec::new(),
        };
        if d.run.test_count <= READ_AFTER_FIRST_FRAME {
            d.read_rows(svc)?;
        }
        Ok(d)
    }

    pub fn catalog(&self) -> StatusCatalog<'_> {
        self.project.catalog()
    }

    pub fn code(&self) -> ProjectCode {
        self.project.code.clone()
    }

    pub fn run_no(&self) -> RunNo {
        RunNo(self.run.no)
    }

    /// Reads every test into rows (and the defects of the run).
    fn read_rows(&mut self, svc: &Service) -> Result<(), ServiceError> {
        let code = self.code();
        let tests = svc.tests(&code, self.run.no)?;
        let suites = svc.suites(&code)?;
        let names = SuiteNames::new(&suites);
        let order = rows::tree_order(&suites);
        let combos = ConfigCombo::cross_product(&self.run.configs);
        self.counts = RunStats::of_tests(&tests);
        self.rows = Some(rows::build_rows(&code, &tests, &names, &order, &combos));
        self.defects = svc.defect_list(
            &code,
            &crate::service::DefectFilter {
                run: Some(self.run.no),
                ..Default::default()
            },
            crate::service::DefectSort::default(),
        )?;
        self.refilter();
        Ok(())
    }

    /// Work left for after the first frame: returns whether anything was done.
    pub fn after_frame(&mut self, svc: &Service) -> bool {
        if self.rows.is_some() {
            return false;
        }
        if let Err(e) = self.read_rows(svc) {
            self.notice = Some((e.to_string(), true));
            self.rows = Some(Vec::new());
        }
        true
    }

    /// Re-reads the run (a change, here or elsewhere), keeping the
    /// tester's place: the current test, the filter, the search and its
    /// text, the selection (of tests still there), the tab, a dialog, and
    /// the list's scroll position.
    pub fn reload(&mut self, svc: &Service, code: &ProjectCode) -> Result<(), ServiceError> {
        let selected_id = self.current_row().map(|r| r.id);
        let before = self.cursor;
        self.project = svc.project(code)?;
        self.run = svc.run(code, self.run_no())?;
        self.now = svc.now();
        self.read_rows(svc)?;
        let ids: BTreeSet<u32> = self.rows().iter().map(|r| r.id).collect();
        self.selected.retain(|id| ids.contains(id));
        if let Some(id) = selected_id {
            self.select_test(id);
        }
        // The window stays where it was (it scrolls only if the current
        // test moved out of it).
        let selected = self.cursor.selected;
        self.cursor = before;
        self.cursor.selected = selected;
        Ok(())
    }

    /// The others on this run's tests, for the list's marks and the line
    /// about the current test.
    pub fn set_others(&mut self, others: &[crate::service::wire::Presence]) {
        let (code, run) = (&self.project.code, Some(self.run_no()));
        self.others = others
            .iter()
            .filter(|p| p.at.project.as_ref() == Some(code) && p.at.run == run && p.at.test.is_some())
            .cloned()
            .collect();
    }

    /// "alice is on this test", for the current test.
    pub fn others_line(&self) -> Option<String> {
        let id = self.current_row()?.id;
        let names = crate::tui::live::on_test(&self.others, &self.project.code, self.run_no(), id, false);
        crate::tui::live::on_this_test(&names)
    }

    pub fn rows(&self) -> &[TestRow] {
        self.rows.as_deref().unwrap_or(&[])
    }

    /// Rebuilds the shown lines after the filter or the search changed,
    /// keeping the cursor on a test line.
    pub fn refilter(&mut self) {
        let keep = self.current_row().map(|r| r.id);
        self.shown = rows::show(self.rows(), self.filter, self.search.text());
        self.cursor = Cursor::default();
        match keep {
            Some(id) => self.select_test(id),
            None => self.snap(true),
        }
    }

    fn snap(&mut self, forward: bool) {
        if let Some(i) = self.shown.test_line_near(self.cursor.selected, forward) {
            self.cursor.to(i, self.shown.lines.len());
        }
    }

    /// Puts the cursor on test `id` if it is shown (else on the first test).
    fn select_test(&mut self, id: u32) {
        let rows = self.rows.as_deref().unwrap_or(&[]);
        let at = self
            .shown
            .lines
            .iter()
            .position(|l| matches!(l, Line::Test(i) if rows[*i].id == id));
        self.cursor.to(at.unwrap_or(0), self.shown.lines.len());
        self.snap(true);
    }

    pub fn current_row(&self) -> Option<&TestRow> {
        match self.shown.lines.get(self.cursor.selected)? {
            Line::Test(i) => self.rows().get(*i),
            Line::Group(_) => None,
        }
    }

    /// The tests bulk work applies to: the selection, else the current one.
    pub fn targets(&self) -> Vec<u32> {
        if self.selected.is_empty() {
            self.current_row().map(|r| vec![r.id]).unwrap_or_default()
        } else {
            self.selected.iter().copied().collect()
        }
    }

    pub fn scope(&self) -> Scope {
        match &self.dialog {
            Some(Dialog::Menu(_)) => Scope::DashMenu,
            Some(Dialog::Input { .. }) => Scope::DashInput,
            Some(Dialog::Confirm(_)) => Scope::Confirm,
            None if self.search.is_typing() => Scope::DashSearch,
            None if self.tab == Tab::Tests => Scope::Dashboard,
            None if self.tab == Tab::Defects => Scope::DashboardDefects,
            None => Scope::DashboardTab,
        }
    }

    /// Moves the cursor of the list (skipping group headers) or scrolls the
    /// other tabs; returns whether anything changed.
    pub fn navigate(&mut self, action: Action) -> bool {
        if self.tab != Tab::Tests {
            let len = tabs::len(self);
            return move_cursor(&mut self.tab_cursor, action, len);
        }
        let len = self.shown.lines.len();
        let before = self.cursor.selected;
        if !move_cursor(&mut self.cursor, action, len) {
            return false;
        }
        self.settle(action, before)
    }

    /// After a move: off a group header; whether the cursor moved.
    fn settle(&mut self, action: Action, before: usize) -> bool {
        let forward = !matches!(action, Action::Up | Action::PageUp | Action::Bottom);
        self.snap(forward);
        if self.cursor.selected == before {
            // A header at the very top or bottom: nothing to land on.
            return false;
        }
        true
    }

    /// Position of the current test in run order (what the wizard counts).
    fn run_index(&self, id: u32) -> usize {
        let mut ids: Vec<u32> = self.rows().iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.binary_search(&id).unwrap_or(0)
    }

    /// The wizard at the current test, or at the next untested one from it.
    pub fn open_wizard(
        &mut self,
        svc: &Service,
        clock: &Clock,
        next_untested: bool,
    ) -> Result<Transition, ServiceError> {
        let current = self.current_row().map(|r| r.id);
        if current.is_none() && !next_untested {
            self.notice = Some(("No test is selected".into(), false));
            return Ok(Transition::Stay);
        }
        // With nothing selected (a filter that shows nothing), `w` starts
        // from the run's first test.
        let from = current.map_or(0, |id| self.run_index(id));
        let index = if next_untested {
            let mut by_id: Vec<(u32, TestState)> = self.rows().iter().map(|r| (r.id, r.state)).collect();
            by_id.sort_unstable_by_key(|(id, _)| *id);
            let states: Vec<TestState> = by_id.into_iter().map(|(_, s)| s).collect();
            match rules::first_untested_from(&states, from) {
                Some(i) => i,
                None => {
                    self.notice = Some(("Every test of this run has a result".into(), false));
                    return Ok(Transition::Stay);
                }
            }
        } else {
            from
        };
        Ok(Transition::Push(Box::new(Wizard::open(
            svc,
            &self.code(),
            self.run_no(),
            index,
            clock,
        )?)))
    }
}
