//! The run dashboard: a status donut with its legend and counts, the run's
//! details, and four tabs — the tests grouped by suite and configuration
//! (filter, fuzzy search, bulk work), the defects filed in this run, the
//! team's work and a timeline. `stepwise open RUN` lands here.
//!
//! The rows come from the run's row index (`Service::run_rows`: compact
//! rows, not whole tests). A large run's first frame is drawn from the head
//! of its list (`Service::run_head`) and every row is read right after it
//! (`after_frame`). After bulk work, or another's change to some tests,
//! only their rows are read again.

mod actions;
mod answers;
mod dialog;
mod find;
mod matching;
mod rows;
mod screen;
mod tabs;
mod view;

pub use dialog::Dialog;
pub use rows::{Line, Shown, TestRow};
pub use screen::show_run;

use super::wizard::Wizard;
use crate::domain::{
    ConfigCombo, ListOrder, Project, ProjectCode, RowEntry, Run, RunNo, RunStats, StatusCatalog, SuiteNames, TestState,
    rules,
};
use crate::service::{Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Clock, Transition, move_cursor};
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::search::Search;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// Runs with more tests than this draw their first frame from the head of
/// their list (`Service::run_head`: its first rows, and the size of the
/// groups they open) and read every row right after that frame, before
/// any key is taken.
const HEAD_FIRST_ABOVE: u32 = 2_000;

/// The rows of that head: more than any screen shows.
const HEAD_ROWS: u32 = 200;

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
    /// `rows` holds only the head of the list (until `after_frame`).
    head_only: bool,
    pub shown: Shown,
    /// The search's candidates per text typed (see `find`).
    finder: find::Finder,
    /// Where each test id sits in `rows`.
    at_id: Vec<u32>,
    /// The widest `CODE-N` and the sum of the estimates, counted once per read.
    id_width: usize,
    estimate_ms: u64,
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
            head_only: false,
            shown: Shown::default(),
            finder: find::Finder::default(),
            at_id: Vec::new(),
            id_width: 6,
            estimate_ms: 0,
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
        if d.run.test_count <= HEAD_FIRST_ABOVE {
            d.read_rows(svc)?;
        } else {
            d.read_head(svc)?;
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

    /// Reads the run's rows (and the defects of the run).
    fn read_rows(&mut self, svc: &Service) -> Result<(), ServiceError> {
        let code = self.code();
        let entries = svc.run_rows(&code, self.run_no())?;
        self.set_rows(svc, entries)?;
        self.read_defects(svc)?;
        self.refilter();
        Ok(())
    }

    /// The head of the list, for the first frame: its rows, with the whole
    /// run's group sizes, estimate and id width.
    fn read_head(&mut self, svc: &Service) -> Result<(), ServiceError> {
        let code = self.code();
        let head = svc.run_head(&code, self.run_no(), HEAD_ROWS)?;
        // In list order already, with the names of their suites: every
        // suite is read after the first frame, with every row.
        let names: HashMap<Option<u64>, Arc<str>> = head
            .suite_names
            .into_iter()
            .map(|(id, name)| (id, Arc::from(name)))
            .collect();
        let rows: Vec<TestRow> = head
            .rows
            .into_iter()
            .map(|e| {
                let suite = names.get(&e.suite).cloned().unwrap_or_else(|| Arc::from(""));
                TestRow::new(e, suite)
            })
            .collect();
        self.index(&rows);
        self.id_width = self.project.code.as_str().len() + 1 + head.max_case_no.to_string().len();
        self.estimate_ms = head.estimate_ms;
        self.shown = rows::lines(&rows, 0..rows.len());
        for (group, size) in self.shown.groups.iter_mut().zip(head.group_sizes) {
            group.count = size;
        }
        self.rows = Some(rows);
        self.head_only = true;
        self.read_defects(svc)?;
        self.snap(true);
        Ok(())
    }

    /// `entries` as the list's rows, in its order.
    fn ordered(&self, svc: &Service, entries: Vec<RowEntry>) -> Result<Vec<TestRow>, ServiceError> {
        let suites = svc.suites(&self.project.code)?;
        let order = ListOrder::new(&suites, &ConfigCombo::cross_product(&self.run.configs));
        Ok(rows::build_rows(entries, &SuiteNames::new(&suites), &order))
    }

    /// Orders `entries` into the list's rows and counts what every frame
    /// shows of them.
    fn set_rows(&mut self, svc: &Service, entries: Vec<RowEntry>) -> Result<(), ServiceError> {
        let mut counts = RunStats::default();
        for e in &entries {
            counts.add(e.state());
            counts.duration_ms = counts.duration_ms.saturating_add(e.duration_ms());
        }
        self.counts = counts;
        let rows = self.ordered(svc, entries)?;
        self.index(&rows);
        self.rows = Some(rows);
        self.head_only = false;
        // The candidates kept belong to the rows replaced.
        self.finder = find::Finder::default();
        Ok(())
    }

    fn index(&mut self, rows: &[TestRow]) {
        let top = rows.iter().map(|r| r.id as usize + 1).max().unwrap_or(0);
        self.at_id = vec![u32::MAX; top];
        for (i, r) in rows.iter().enumerate() {
            self.at_id[r.id as usize] = i as u32;
        }
        // `CODE-N` of the highest case number is the widest.
        self.id_width = rows
            .iter()
            .map(|r| r.case_no)
            .max()
            .map_or(6, |n| self.project.code.as_str().len() + 1 + n.to_string().len());
        self.estimate_ms = rows.iter().map(|r| r.estimate_ms).sum();
    }

    fn read_defects(&mut self, svc: &Service) -> Result<(), ServiceError> {
        self.defects = svc.defect_list(
            &self.code(),
            &crate::service::DefectFilter {
                run: Some(self.run.no),
                ..Default::default()
            },
            crate::service::DefectSort::default(),
        )?;
        Ok(())
    }

    /// After bulk work on tests `ids`: the run, its counts and those rows
    /// read again, the rest kept. A row gone, new or moved to another
    /// group reads every row again.
    pub(super) fn reread_tests(&mut self, svc: &Service, ids: &[u32]) -> Result<(), ServiceError> {
        let code = self.code();
        let run = svc.run(&code, self.run_no())?;
        let fresh = svc.test_rows(&code, self.run_no(), ids)?;
        let same_tests = run.test_count == self.run.test_count && run.configs == self.run.configs;
        self.run = run;
        self.project = svc.project(&code)?;
        self.now = svc.now();
        let placed = same_tests && fresh.len() == ids.len() && self.rows.is_some();
        let fits = placed
            && fresh.iter().all(|e| {
                let at = self.at_id.get(e.id as usize).copied().unwrap_or(u32::MAX);
                self.rows()
                    .get(at as usize)
                    .is_some_and(|r| r.config == e.config && r.suite_id == e.suite)
            });
        if !fits {
            return self.reload(svc, &code);
        }
        let keep = self.current_row().map(|r| r.id);
        let rows = self.rows.get_or_insert_with(Vec::new);
        for e in fresh {
            let at = self.at_id[e.id as usize] as usize;
            let suite = rows[at].suite.clone();
            self.estimate_ms = self.estimate_ms.saturating_sub(rows[at].estimate_ms) + e.estimate_ms;
            rows[at] = TestRow::new(e, suite);
        }
        self.counts = svc.run_counts(&code, self.run.no)?;
        self.read_defects(svc)?;
        // Every row stayed in its place: with no filter and no search the
        // list shows the same lines (a 100,000-line list is not rebuilt
        // for one result).
        if self.filter.is_some() || !self.search.is_empty() {
            self.finder = find::Finder::default();
            self.refilter_keeping(keep);
        }
        Ok(())
    }

    /// Work left for after the first frame: returns whether anything was done.
    pub fn after_frame(&mut self, svc: &Service) -> bool {
        if self.rows.is_some() && !self.head_only {
            return false;
        }
        if let Err(e) = self.read_rows(svc) {
            self.notice = Some((e.to_string(), true));
            self.rows = Some(Vec::new());
            self.head_only = false;
            self.refilter();
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
        self.refilter_keeping(keep);
    }

    fn refilter_keeping(&mut self, keep: Option<u32>) {
        let code = self.project.code.clone();
        let rows = self.rows.as_deref().unwrap_or(&[]);
        self.shown = find::show(rows, self.filter, self.search.text(), code.as_str(), &mut self.finder);
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
        let row = self.at_id.get(id as usize).map(|i| *i as usize);
        let at = self
            .shown
            .lines
            .iter()
            .position(|l| matches!(l, Line::Test(i) if Some(*i) == row));
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
