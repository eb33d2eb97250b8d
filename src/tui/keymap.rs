//! The one table of key bindings. Key handling, the `?` help overlay and
//! the footer hints all read it, so they cannot drift apart.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent};

mod keys;

pub use keys::{KeySpec, Scope};
use keys::{alt, ch, code, ctrl};

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [KeySpec],
    pub action: Action,
    /// A word or two for the footer.
    pub hint: &'static str,
    /// The line in the help overlay.
    pub help: &'static str,
    /// Shown in the footer (the rest only in help).
    pub footer: bool,
}

macro_rules! bind {
    ($scope:ident, [$($k:expr),+], $action:expr, $hint:literal, $help:literal, $footer:literal) => {
        Binding { scope: Scope::$scope, keys: &[$($k),+], action: $action, hint: $hint, help: $help, footer: $footer }
    };
}

use crate::domain::ResultStatus as RS;
use Action as A;

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind!(Global, [ch('q'), ctrl('c')], A::Quit, "quit", "Quit stepwise (everything is already saved)", true),
    bind!(Global, [ch('?')], A::Help, "help", "Show every key of this screen", true),
    bind!(Global, [ch('1')], A::Tab(1), "runs", "Runs tab (home)", false),
    bind!(Global, [ch('2')], A::Tab(2), "repository", "Repository tab: suites and cases", false),
    bind!(Global, [ch('3')], A::Tab(3), "defects", "Defects tab", false),
    bind!(Global, [ch('4')], A::Tab(4), "settings", "Settings tab", false),
    bind!(Global, [code(KeyCode::Esc), ch('h'), code(KeyCode::Left)], A::Back, "back", "Go back", false),
    bind!(Global, [ctrl('l')], A::Refresh, "refresh", "Reload from the store and redraw", false),
    bind!(Home, [ch('j'), code(KeyCode::Down)], A::Down, "down", "Next run", false),
    bind!(Home, [ch('k'), code(KeyCode::Up)], A::Up, "up", "Previous run", false),
    bind!(Home, [ch('g'), code(KeyCode::Home)], A::Top, "first", "First run", false),
    bind!(Home, [ch('G'), code(KeyCode::End)], A::Bottom, "last", "Last run", false),
    bind!(Home, [code(KeyCode::PageUp)], A::PageUp, "page up", "A page up", false),
    bind!(Home, [code(KeyCode::PageDown)], A::PageDown, "page down", "A page down", false),
    bind!(Home, [code(KeyCode::Enter), ch('l'), code(KeyCode::Right)], A::Open, "open", "Open the selected run", true),
    bind!(Home, [ch('P')], A::SwitchProject, "project", "Switch project", true),
    bind!(Home, [ch('/')], A::Search, "search", "Search runs: number, title, env, milestone, tags", false),
    bind!(Home, [ch('S')], A::FilterStatus, "state", "Filter by state: all, active, completed, aborted", false),
    bind!(Home, [ch('C')], A::ClearFilters, "clear", "Clear the state filter and the search", false),
    bind!(Home, [ch(' ')], A::Select, "choose", "Choose the run (to delete several at once)", false),
    bind!(Home, [ch('U')], A::ClearSelection, "unchoose", "Forget the chosen runs", false),
    bind!(Home, [ch('X')], A::Delete, "delete", "Delete the chosen runs (or this one), asks first", false),
    bind!(Dashboard, [ch('j'), code(KeyCode::Down)], A::Down, "down", "Next test", false),
    bind!(Dashboard, [ch('k'), code(KeyCode::Up)], A::Up, "up", "Previous test", false),
    bind!(Dashboard, [ch('g'), code(KeyCode::Home)], A::Top, "first", "First test", false),
    bind!(Dashboard, [ch('G'), code(KeyCode::End)], A::Bottom, "last", "Last test", false),
    bind!(Dashboard, [code(KeyCode::PageUp)], A::PageUp, "page up", "A page up", false),
    bind!(Dashboard, [code(KeyCode::PageDown)], A::PageDown, "page down", "A page down", false),
    bind!(Dashboard, [code(KeyCode::Enter), ch('l'), code(KeyCode::Right)], A::Open, "wizard", "Open the wizard at the selected test", true),
    bind!(Dashboard, [ch('w')], A::OpenWizard, "next untested", "Open the wizard at the next untested test", true),
    bind!(Dashboard, [ch('/')], A::Search, "search", "Fuzzy search: id, title, suite, config, assignee", true),
    bind!(Dashboard, [ch('S')], A::FilterStatus, "status", "Status filter: all, untested, each status, retest", true),
    bind!(Dashboard, [ch('C')], A::ClearFilters, "clear", "Clear the status filter and the search", false),
    bind!(Dashboard, [ch(' ')], A::Select, "select", "Select or unselect the test for bulk work", false),
    bind!(Dashboard, [ch('V')], A::SelectMatching, "select shown", "Select every test shown (again: unselect)", false),
    bind!(Dashboard, [ch('U')], A::ClearSelection, "unselect", "Clear the selection", false),
    bind!(Dashboard, [ch('B')], A::BulkMenu, "bulk", "Bulk: assign, result, retest, remove (selection)", true),
    bind!(Dashboard, [ch('m')], A::RunMenu, "run", "Run: complete, abort, clone, add, edit, export", true),
    bind!(Dashboard, [code(KeyCode::Tab)], A::NextTab, "tabs", "Next tab: Tests, Defects, Team, Timeline", false),
    bind!(Dashboard, [code(KeyCode::BackTab)], A::PrevTab, "previous tab", "Previous tab", false),
    bind!(Dashboard, [ch('D')], A::RunDefects, "defects", "The defects linked to this run's failures", false),
    bind!(Dashboard, [code(KeyCode::Esc), ch('h'), code(KeyCode::Left)], A::Back, "runs", "Back to the runs", false),
    bind!(DashboardTab, [ch('j'), code(KeyCode::Down)], A::Down, "down", "Next line", false),
    bind!(DashboardTab, [ch('k'), code(KeyCode::Up)], A::Up, "up", "Previous line", false),
    bind!(DashboardTab, [ch('g'), code(KeyCode::Home)], A::Top, "first", "First line", false),
    bind!(DashboardTab, [ch('G'), code(KeyCode::End)], A::Bottom, "last", "Last line", false),
    bind!(DashboardTab, [code(KeyCode::PageUp)], A::PageUp, "page up", "A page up", false),
    bind!(DashboardTab, [code(KeyCode::PageDown)], A::PageDown, "page down", "A page down", false),
    bind!(DashboardTab, [code(KeyCode::Tab)], A::NextTab, "tabs", "Next tab: Tests, Defects, Team, Timeline", true),
    bind!(DashboardTab, [code(KeyCode::BackTab)], A::PrevTab, "previous tab", "Previous tab", false),
    bind!(DashboardDefects, [code(KeyCode::Enter)], A::Open, "open", "Open the run's defects in the defects screen", true),
    bind!(DashboardTab, [ch('/')], A::Search, "search", "Search the tests", false),
    bind!(DashboardTab, [ch('m')], A::RunMenu, "run", "Run: complete, abort, clone, add, edit, export", true),
    bind!(DashboardTab, [code(KeyCode::Esc), ch('h'), code(KeyCode::Left)], A::Back, "runs", "Back to the runs", true),
    bind!(DashSearch, [code(KeyCode::Enter), code(KeyCode::Esc)], A::Back, "done", "End the search, keep what it shows (C clears)", true),
    bind!(DashSearch, [ctrl('c')], A::Quit, "quit", "Quit stepwise", false),
    bind!(DashMenu, [ch('j'), code(KeyCode::Down)], A::Down, "down", "Next choice", false),
    bind!(DashMenu, [ch('k'), code(KeyCode::Up)], A::Up, "up", "Previous choice", false),
    bind!(DashMenu, [ch('g'), code(KeyCode::Home)], A::Top, "first", "First choice", false),
    bind!(DashMenu, [ch('G'), code(KeyCode::End)], A::Bottom, "last", "Last choice", false),
    bind!(DashMenu, [code(KeyCode::Enter)], A::Open, "choose", "Choose", true),
    bind!(DashMenu, [code(KeyCode::Esc), ch('q')], A::Back, "cancel", "Close the menu", true),
    bind!(DashMenu, [ctrl('c')], A::Quit, "quit", "Quit stepwise", false),
    bind!(LineInput, [code(KeyCode::Esc)], A::Back, "cancel", "Close without changing anything", true),
    bind!(LineInput, [ctrl('c')], A::Quit, "quit", "Quit stepwise", false),
    bind!(Completion, [code(KeyCode::Tab)], A::NextField, "complete", "Complete (a team member, a tracker, a path)", true),
    bind!(DashInput, [code(KeyCode::Enter), ctrl('s')], A::Open, "save", "Save", true),
    bind!(Confirm, [ch('y'), code(KeyCode::Enter)], A::Confirm, "yes", "Yes, do it", true),
    bind!(Confirm, [ch('n'), code(KeyCode::Esc)], A::Back, "no", "No, keep everything as it is", true),
    bind!(Confirm, [ctrl('c')], A::Quit, "quit", "Quit stepwise", false),
    bind!(Wizard, [ch('p')], A::Mark(RS::Passed), "pass", "Passed: the whole test, or the focused step", true),
    bind!(Wizard, [ch('f')], A::Mark(RS::Failed), "fail", "Failed: the whole test, or the focused step", true),
    bind!(Wizard, [ch('b')], A::Mark(RS::Blocked), "block", "Blocked: the whole test, or the focused step", true),
    bind!(Wizard, [ch('s')], A::Mark(RS::Skipped), "skip", "Skipped: the whole test, or the focused step", true),
    bind!(Wizard, [ch('i')], A::Mark(RS::Invalid), "invalid", "Invalid: the whole test, or the focused step", false),
    bind!(Wizard, [ch('j'), code(KeyCode::Down)], A::Down, "next step", "Focus the next step", false),
    bind!(Wizard, [ch('k'), code(KeyCode::Up)], A::Up, "previous step", "Focus the previous step (above step 1: the whole test)", false),
    bind!(Wizard, [ch('c')], A::Comment, "comment", "Write the result comment, or the focused step's comment", true),
    bind!(Wizard, [ch('a')], A::Attach, "attach", "Attach a file to the result", false),
    bind!(Wizard, [ch('d')], A::Defect, "defect", "File or attach a defect", true),
    bind!(Wizard, [ch('r')], A::Retest, "retest", "Push the test to retest (its results stay in the history)", false),
    bind!(Wizard, [ch('t')], A::Take, "take", "Assign the test to yourself", false),
    bind!(Wizard, [ch('v')], A::History, "history", "Show or hide the test's earlier results", false),
    bind!(Wizard, [ch(']'), ch('n')], A::NextTest, "next test", "Go to the next test", false),
    bind!(Wizard, [ch('['), ch('N')], A::PrevTest, "previous test", "Go to the previous test", false),
    bind!(Wizard, [code(KeyCode::PageUp)], A::PageUp, "scroll up", "Scroll up", false),
    bind!(Wizard, [code(KeyCode::PageDown)], A::PageDown, "scroll down", "Scroll down", false),
    bind!(Wizard, [code(KeyCode::Esc), code(KeyCode::Left)], A::Back, "run", "Back to the run", false),
    bind!(List, [ch('j'), code(KeyCode::Down)], A::Down, "down", "Next row", false),
    bind!(List, [ch('k'), code(KeyCode::Up)], A::Up, "up", "Previous row", false),
    bind!(List, [ch('g'), code(KeyCode::Home)], A::Top, "first", "First row", false),
    bind!(List, [ch('G'), code(KeyCode::End)], A::Bottom, "last", "Last row", false),
    bind!(List, [code(KeyCode::PageUp)], A::PageUp, "page up", "A page up", false),
    bind!(List, [code(KeyCode::PageDown)], A::PageDown, "page down", "A page down", false),
    bind!(Picker, [ch('j'), code(KeyCode::Down)], A::Down, "down", "Next project", false),
    bind!(Picker, [ch('k'), code(KeyCode::Up)], A::Up, "up", "Previous project", false),
    bind!(Picker, [code(KeyCode::Enter)], A::Open, "choose", "Switch to the selected project", true),
    bind!(Picker, [code(KeyCode::Esc)], A::Back, "cancel", "Keep the current project", true),
    bind!(Help, [code(KeyCode::Esc), ch('?'), ch('q')], A::Back, "close", "Close help", true),
    bind!(Help, [ch('j'), code(KeyCode::Down)], A::Down, "down", "Scroll down", false),
    bind!(Help, [ch('k'), code(KeyCode::Up)], A::Up, "up", "Scroll up", false),
    bind!(Dialog, [ctrl('c')], A::Quit, "quit", "Quit stepwise (the text is kept as a draft)", false),
    bind!(Dialog, [ctrl('s')], A::Save, "save", "Save (record the result)", true),
    bind!(Dialog, [code(KeyCode::Esc)], A::Back, "cancel", "Cancel: nothing is recorded (what was typed stays as a draft)", true),
    bind!(Dialog, [code(KeyCode::Tab)], A::NextField, "next field", "Next field", true),
    bind!(Dialog, [code(KeyCode::BackTab)], A::PrevField, "previous field", "Previous field", false),
    bind!(Dialog, [ctrl('e')], A::Editor, "$EDITOR", "Edit the text in $EDITOR", true),
    bind!(Defects, [ch('j'), code(KeyCode::Down)], A::Down, "down", "Next defect", false),
    bind!(Defects, [ch('k'), code(KeyCode::Up)], A::Up, "up", "Previous defect", false),
    bind!(Defects, [ch('g'), code(KeyCode::Home)], A::Top, "first", "First defect", false),
    bind!(Defects, [ch('G'), code(KeyCode::End)], A::Bottom, "last", "Last defect", false),
    bind!(Defects, [code(KeyCode::PageUp)], A::PageUp, "page up", "A page up", false),
    bind!(Defects, [code(KeyCode::PageDown)], A::PageDown, "page down", "A page down", false),
    bind!(Defects, [code(KeyCode::Enter), code(KeyCode::Right)], A::Open, "detail", "Show the selected defect", true),
    bind!(Defects, [ch('/')], A::Search, "search", "Search title, actual result and description (live)", true),
    bind!(Defects, [ch('S')], A::FilterStatus, "status filter", "Filter by status: all, open ones, each status", false),
    bind!(Defects, [ch('V')], A::FilterSeverity, "severity filter", "Filter by severity: all, then each level", false),
    bind!(Defects, [ch('W')], A::FilterAssignee, "assignee filter", "Filter by assignee: all, each member of the team", false),
    bind!(Defects, [ch('M')], A::FilterMilestone, "milestone filter", "Filter by milestone (the readiness line follows it)", false),
    bind!(Defects, [ch('X')], A::FilterExternal, "link filter", "Filter by external link: any, with one, without", false),
    bind!(Defects, [ch('C')], A::ClearFilters, "clear filters", "Clear every filter and the search", false),
    bind!(Defects, [ch('T')], A::SyncTrackers, "sync", "Sync the linked issues' states from the trackers now (also every 5 minutes)", false),
    bind!(Defects, [ch('O')], A::SortBy, "sort", "Sort by severity, status, age or id", true),
    bind!(DefectDetail, [ch('j'), code(KeyCode::Down)], A::Down, "next link", "Select the next link (external issue or failure)", false),
    bind!(DefectDetail, [ch('k'), code(KeyCode::Up)], A::Up, "previous link", "Select the previous link", false),
    bind!(DefectDetail, [ch('g'), code(KeyCode::Home)], A::Top, "top", "The top of the defect", false),
    bind!(DefectDetail, [ch('G'), code(KeyCode::End)], A::Bottom, "bottom", "The end of the defect (its history)", false),
    bind!(DefectDetail, [code(KeyCode::PageUp)], A::PageUp, "scroll up", "Scroll up", false),
    bind!(DefectDetail, [code(KeyCode::PageDown)], A::PageDown, "scroll down", "Scroll down", false),
    bind!(DefectDetail, [code(KeyCode::Enter), code(KeyCode::Right)], A::Open, "open", "Open the selected link: the wizard, or the browser", true),
    bind!(DefectDetail, [code(KeyCode::Esc), ch('h'), code(KeyCode::Left)], A::Back, "list", "Back to the list", true),
    bind!(DefectEdit, [ch('n')], A::NewDefect, "new", "File a new standalone defect", true),
    bind!(DefectEdit, [ch('e')], A::Edit, "edit", "Edit title, actual, description, custom fields", true),
    bind!(DefectEdit, [ch('s')], A::SetStatus, "status", "Change the status (allowed moves are marked)", true),
    bind!(DefectEdit, [ch('v')], A::SetSeverity, "severity", "Change the severity (each level explained)", false),
    bind!(DefectEdit, [ch('a')], A::Assign, "assign", "Assign to someone (Tab completes from the team)", false),
    bind!(DefectEdit, [ch('l')], A::Link, "link", "Link an external issue, TRACKER:KEY", false),
    bind!(DefectEdit, [ch('P')], A::PushDefect, "push", "Push to the tracker: a new issue there, linked (several trackers: choose)", false),
    bind!(DefectEdit, [ch('u')], A::Unlink, "unlink", "Remove an external issue link", false),
    bind!(DefectEdit, [ch('y')], A::CopyUrl, "copy URL", "Copy the selected (or first) link's URL (OSC 52)", false),
    bind!(DefectEdit, [ch('o')], A::OpenUrl, "browser", "Open the link's URL in a local browser, else copy", false),
    bind!(DefectEdit, [ch('A')], A::Attach, "attach", "Attach a file to the defect (Tab completes the path)", false),
    bind!(DefectEdit, [ch('R')], A::Retest, "retest", "Push a resolved defect's failures back to retest", false),
    bind!(DefectSearch, [code(KeyCode::Enter), code(KeyCode::Esc)], A::Back, "done", "End the search, keep the filter (empty: clear)", true),
    bind!(DefectSearch, [ctrl('c')], A::Quit, "quit", "Quit stepwise", false),
    bind!(DefectForm, [ctrl('s')], A::Save, "save", "Save the defect", true),
    bind!(DefectForm, [code(KeyCode::Esc)], A::Back, "cancel", "Close without saving", true),
    bind!(DefectForm, [code(KeyCode::Tab)], A::NextField, "next field", "Next field (the assignee: complete a name first)", true),
    bind!(DefectForm, [code(KeyCode::BackTab)], A::PrevField, "previous field", "Previous field", false),
    bind!(DefectForm, [ctrl('e')], A::Editor, "$EDITOR", "Edit the focused text in $EDITOR", true),
    bind!(DefectForm, [ctrl('c')], A::Quit, "quit", "Quit stepwise (the form's text is kept as a draft)", false),
    bind!(DefectLine, [code(KeyCode::Enter)], A::Open, "ok", "Apply", true),
    bind!(DefectChoice, [ch('j'), code(KeyCode::Down)], A::Down, "down", "Next choice", false),
    bind!(DefectChoice, [ch('k'), code(KeyCode::Up)], A::Up, "up", "Previous choice", false),
    bind!(DefectChoice, [code(KeyCode::Enter)], A::Open, "choose", "Apply the selected choice", true),
    bind!(DefectChoice, [code(KeyCode::Esc), ch('q')], A::Back, "cancel", "Close without changing anything", true),
    bind!(DefectChoice, [ctrl('c')], A::Quit, "quit", "Quit stepwise", false),
    bind!(Wizard, [ch('e')], A::Edit, "edit case", "Edit the test's case (an untested test follows the edit)", false),
    bind!(Repository, [ch('j'), code(KeyCode::Down)], A::Down, "down", "Next suite or case", false),
    bind!(Repository, [ch('k'), code(KeyCode::Up)], A::Up, "up", "Previous suite or case", false),
    bind!(Repository, [ch('g'), code(KeyCode::Home)], A::Top, "first", "First row", false),
    bind!(Repository, [ch('G'), code(KeyCode::End)], A::Bottom, "last", "Last row", false),
    bind!(Repository, [code(KeyCode::PageUp)], A::PageUp, "page up", "A page up", false),
    bind!(Repository, [code(KeyCode::PageDown)], A::PageDown, "page down", "A page down", false),
    bind!(Repository, [code(KeyCode::Tab)], A::NextField, "pane", "Switch between the suite tree and the case list", true),
    bind!(Repository, [ch('l'), code(KeyCode::Right)], A::Expand, "expand", "Expand the suite", false),
    bind!(Repository, [ch('h'), code(KeyCode::Left)], A::Collapse, "collapse", "Collapse the suite (closed: go to its parent); in the list: back to the tree", false),
    bind!(Repository, [code(KeyCode::Enter)], A::Open, "open", "Tree: expand or collapse; list: edit the case", false),
    bind!(Repository, [ch(' ')], A::Select, "select", "Select the case, or every case of the suite, for a run", true),
    bind!(Repository, [ch('u')], A::ClearSelection, "unselect all", "Clear the selection", false),
    bind!(Repository, [ch('x')], A::Express, "express run", "Start an express run from the selection (or the case) at once", true),
    bind!(Repository, [ch('R')], A::PlanRun, "plan run", "Plan a run from the selection on the new-run screen", false),
    bind!(Repository, [ch('/')], A::Search, "filter", "Filter cases: words match id and title; a query such as priority = high", true),
    bind!(Repository, [ch('n')], A::NewCase, "new case", "A new case in the chosen suite", true),
    bind!(Repository, [ch('e')], A::Edit, "edit", "Edit the case", true),
    bind!(Repository, [ch('s')], A::NewSuite, "new suite", "A new suite under the chosen one", false),
    bind!(Repository, [ch('r')], A::Rename, "rename", "Rename the suite", false),
    bind!(Repository, [ch('m')], A::MoveSuite, "move", "Move the suite under another (or to the top)", false),
    bind!(Repository, [ch('d'), code(KeyCode::Delete)], A::Delete, "delete", "Delete the suite (tree) or the case (list), after asking", false),
    bind!(Repository, [ch('i')], A::Import, "import", "Import a file (Qase CSV/JSON, TestRail XML, JUnit XML): shows what would change, then asks", false),
    bind!(RepoSearch, [code(KeyCode::Enter), code(KeyCode::Esc)], A::Back, "done", "End typing, keep the filter (empty: all cases)", true),
    bind!(RepoSearch, [ctrl('c')], A::Quit, "quit", "Quit stepwise", false),
    bind!(RepoLine, [code(KeyCode::Enter), ctrl('s')], A::Open, "save", "Save the name", true),
    bind!(RepoPath, [code(KeyCode::Enter)], A::Open, "preview", "Show what importing the file would change (nothing is written yet)", true),
    bind!(RepoChoose, [code(KeyCode::Down)], A::Down, "down", "Next choice", false),
    bind!(RepoChoose, [code(KeyCode::Up)], A::Up, "up", "Previous choice", false),
    bind!(RepoChoose, [code(KeyCode::Enter)], A::Open, "choose", "Take the highlighted suite", true),
    bind!(RepoChoose, [code(KeyCode::Esc)], A::Back, "cancel", "Close without choosing", true),
    bind!(RepoChoose, [ctrl('c')], A::Quit, "quit", "Quit stepwise", false),
    bind!(CaseEditor, [ctrl('s')], A::Save, "save", "Save the case (a new version)", true),
    bind!(CaseEditor, [code(KeyCode::Esc)], A::Back, "cancel", "Close (asks first when something changed)", true),
    bind!(CaseEditor, [code(KeyCode::Tab)], A::NextField, "next field", "Next field", true),
    bind!(CaseEditor, [code(KeyCode::BackTab)], A::PrevField, "previous field", "Previous field", false),
    bind!(CaseEditor, [ctrl('e')], A::Editor, "$EDITOR", "Edit the focused text in $VISUAL/$EDITOR", false),
    bind!(CaseEditor, [ctrl('n')], A::AddStep, "add step", "Add a step below the focused one (or at the end)", true),
    bind!(CaseEditor, [ctrl('d')], A::RemoveStep, "remove step", "Remove the focused step", false),
    bind!(CaseEditor, [alt(KeyCode::Up), alt(KeyCode::Char('k'))], A::StepUp, "step up", "Move the focused step up", false),
    bind!(CaseEditor, [alt(KeyCode::Down), alt(KeyCode::Char('j'))], A::StepDown, "step down", "Move the focused step down", false),
    bind!(CaseEditor, [alt(KeyCode::Right), alt(KeyCode::Char('l'))], A::Indent, "indent", "Nest the focused step under the one above", false),
    bind!(CaseEditor, [alt(KeyCode::Left), alt(KeyCode::Char('h'))], A::Outdent, "outdent", "Un-nest the focused step", false),
    bind!(CaseEditor, [ctrl('c')], A::Quit, "quit", "Quit stepwise (the form's text is kept as a draft)", false),
    bind!(Home, [ch('n')], A::NewRun, "new run", "Plan a new run: cases, configurations, environment, assignees", true),
    bind!(NewRun, [ctrl('s')], A::Save, "create", "Create the run and open it", true),
    bind!(NewRun, [code(KeyCode::Esc)], A::Back, "cancel", "Close without creating a run", true),
    bind!(NewRun, [code(KeyCode::Tab)], A::NextField, "next field", "Next field", true),
    bind!(NewRun, [code(KeyCode::BackTab)], A::PrevField, "previous field", "Previous field", false),
    bind!(NewRun, [ch('j'), code(KeyCode::Down)], A::Down, "down", "Next row; in configurations and suites: the next group or suite", false),
    bind!(NewRun, [ch('k'), code(KeyCode::Up)], A::Up, "up", "Previous row; in configurations and suites: the previous group or suite", false),
    bind!(NewRun, [code(KeyCode::PageDown)], A::PageDown, "page down", "Suites: a page down", false),
    bind!(NewRun, [code(KeyCode::PageUp)], A::PageUp, "page up", "Suites: a page up", false),
    bind!(NewRun, [ch(' ')], A::Select, "tick", "Tick or untick the value, suite or person; on a choice: the next value", true),
    bind!(NewRun, [ch('l'), code(KeyCode::Right)], A::OptionNext, "next value", "The next value of a choice; along configuration values and people", false),
    bind!(NewRun, [ch('h'), code(KeyCode::Left)], A::OptionPrev, "previous value", "The previous value of a choice; along configuration values and people", false),
    bind!(NewRun, [ctrl('c')], A::Quit, "quit", "Quit stepwise (nothing is created)", false),
    bind!(NewRunText, [ctrl('s')], A::Save, "create", "Create the run and open it", true),
    bind!(NewRunText, [code(KeyCode::Esc)], A::Back, "cancel", "Close without creating a run", true),
    bind!(NewRunText, [code(KeyCode::Tab)], A::NextField, "next field", "Next field", true),
    bind!(NewRunText, [code(KeyCode::BackTab)], A::PrevField, "previous field", "Previous field", false),
    bind!(NewRunText, [code(KeyCode::Down)], A::Down, "down", "The row below", false),
    bind!(NewRunText, [code(KeyCode::Up)], A::Up, "up", "The row above", false),
    bind!(NewRunText, [ctrl('c')], A::Quit, "quit", "Quit stepwise (nothing is created)", false),
    bind!(Settings, [code(KeyCode::Tab), ch(']')], A::NextTab, "next section", "The next section: settings, environments, milestones, configurations, team, statuses, fields and trackers, projects", true),
    bind!(Settings, [code(KeyCode::BackTab), ch('[')], A::PrevTab, "previous section", "The previous section", false),
    bind!(Settings, [code(KeyCode::Enter), ch(' ')], A::Open, "change/switch", "Settings: toggle the setting or take its next value; Projects: switch to the project", true),
    bind!(Settings, [ch('a')], A::Add, "add", "Add: an environment, a milestone, configuration values, a member, a status, a field or tracker, a project", true),
    bind!(Settings, [ch('r')], A::Rename, "rename", "Rename the row (a member: their display name; a project: its title)", true),
    bind!(Settings, [ch('e')], A::Edit, "due date", "Milestones: set or clear the due date (YYYY-MM-DD)", false),
    bind!(Settings, [ch('x')], A::Retire, "retire/restore", "Retire or restore (milestones: close or reopen; statuses: hide or show); history keeps it", true),
    bind!(Settings, [ch('d'), code(KeyCode::Delete)], A::Delete, "remove", "Remove the row, asks first; something in use is refused with what uses it", true),
    bind!(Settings, [ch('K')], A::MoveUp, "move up", "Move the row up its list", false),
    bind!(Settings, [ch('J')], A::MoveDown, "move down", "Move the row down its list", false),
    bind!(SettingsLine, [code(KeyCode::Enter)], A::Open, "next/save", "Take the answer: the next question, or save", true),
    bind!(FirstRun, [code(KeyCode::Enter), ch('n')], A::Open, "new project", "Create the first project: a code and a title", true),
    bind!(FirstRun, [ch('q'), ctrl('c')], A::Quit, "quit", "Quit stepwise (nothing was written)", true),
    bind!(FirstRun, [code(KeyCode::Esc)], A::Back, "quit", "Quit stepwise (nothing was written)", false),
    bind!(FirstRunForm, [code(KeyCode::Enter)], A::Open, "next/create", "On the code: check it, then the title; on the title: create the project and open it", true),
    bind!(FirstRunForm, [code(KeyCode::Tab), code(KeyCode::Down)], A::NextField, "next field", "The other field", false),
    bind!(FirstRunForm, [code(KeyCode::BackTab), code(KeyCode::Up)], A::PrevField, "previous field", "The other field", false),
    bind!(FirstRunForm, [code(KeyCode::Esc)], A::Back, "back", "Back to the welcome: nothing is created", true),
    bind!(FirstRunForm, [ctrl('c')], A::Quit, "quit", "Quit stepwise: nothing is created", true),
];

/// The scopes a screen of `scope` falls back to, in order, for keys it
/// does not bind itself. Modal scopes stand alone.
fn fallbacks(scope: Scope) -> &'static [Scope] {
    match scope {
        Scope::Global
        | Scope::Help
        | Scope::Picker
        | Scope::Dialog
        | Scope::DefectSearch
        | Scope::DefectForm
        | Scope::DefectChoice
        | Scope::RepoSearch
        | Scope::RepoChoose
        | Scope::CaseEditor
        | Scope::NewRun
        | Scope::NewRunText
        | Scope::DashSearch
        | Scope::DashMenu
        | Scope::Confirm
        | Scope::LineInput
        | Scope::Completion
        | Scope::FirstRun
        | Scope::FirstRunForm => &[],
        // A one-line input: the caller names what Enter does; Esc, Ctrl-C
        // (and Tab where it completes) are the input's, in the order the
        // footer shows them.
        Scope::DashInput | Scope::RepoLine | Scope::SettingsLine => &[Scope::LineInput],
        Scope::DefectLine => &[Scope::LineInput, Scope::Completion],
        Scope::RepoPath => &[Scope::Completion, Scope::LineInput],
        Scope::DashboardTab => &[Scope::Global],
        Scope::DashboardDefects => &[Scope::DashboardTab, Scope::Global],
        Scope::Defects | Scope::DefectDetail => &[Scope::DefectEdit, Scope::Global],
        Scope::Settings => &[Scope::List, Scope::Global],
        Scope::Home | Scope::Dashboard | Scope::List | Scope::Wizard | Scope::DefectEdit | Scope::Repository => {
            &[Scope::Global]
        }
    }
}

/// The action a key asks for on a screen of `scope`.
pub fn lookup(scope: Scope, ev: &KeyEvent) -> Option<Action> {
    let find = |s: Scope| {
        BINDINGS
            .iter()
            .filter(|b| b.scope == s)
            .find(|b| b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.action)
    };
    std::iter::once(scope)
        .chain(fallbacks(scope).iter().copied())
        .find_map(find)
}

/// The bindings that apply under `scope`: its own, then those of the
/// scopes it falls back to whose keys it does not take over.
pub fn bindings_for(scope: Scope) -> Vec<&'static Binding> {
    let mut all: Vec<&Binding> = BINDINGS.iter().filter(|b| b.scope == scope).collect();
    for fallback in fallbacks(scope) {
        let taken: Vec<KeySpec> = all.iter().flat_map(|b| b.keys.iter().copied()).collect();
        all.extend(
            BINDINGS
                .iter()
                .filter(|b| b.scope == *fallback && !b.keys.iter().any(|k| taken.contains(k))),
        );
    }
    all
}

/// Footer hints: `Enter open  P project  ? help  q quit`.
pub fn footer(scope: Scope, ascii: bool) -> Vec<(String, &'static str)> {
    bindings_for(scope)
        .into_iter()
        .filter(|b| b.footer)
        .map(|b| (b.keys[0].label(ascii), b.hint))
        .collect()
}

/// The hints that fit in `width` columns, each drawn as `key hint` plus
/// two spaces. The hints are in order of importance: the last go first
/// when room runs out, but `? help` always stays (it lists every key).
pub fn fit_footer(hints: Vec<(String, String)>, width: usize) -> Vec<(String, String)> {
    use unicode_width::UnicodeWidthStr;
    let cost = |(k, h): &(String, String)| k.width() + 1 + h.width() + 2;
    let is_help = |(_, h): &(String, String)| h == "help";
    let mut kept = hints;
    // The last hint needs no trailing spaces.
    while kept.iter().map(cost).sum::<usize>().saturating_sub(2) > width {
        match kept.iter().rposition(|h| !is_help(h)) {
            Some(i) => {
                kept.remove(i);
            }
            None => break,
        }
    }
    kept
}

#[cfg(test)]
mod tests;
