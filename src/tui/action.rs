//! Everything a key can ask for. The keymap turns keys into these; `app`
//! carries them out. Screens never look at raw keys (text fields in dialogs
//! get the keys the keymap does not reserve).

use crate::domain::ResultStatus;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
// For the keymap's self-tests: `ActionKind`, each variant without its value.
#[cfg_attr(
    test,
    derive(strum::EnumDiscriminants),
    strum_discriminants(name(ActionKind), derive(strum::EnumIter))
)]
pub enum Action {
    Quit,
    Help,
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Tab(u8),
    SwitchProject,
    Refresh,
    /// Open the wizard at the next untested test.
    OpenWizard,
    /// Record (or mark, on a step) this status.
    Mark(ResultStatus),
    Comment,
    Attach,
    Defect,
    Retest,
    /// Assign the test to the current user.
    Take,
    History,
    NextTest,
    PrevTest,
    /// Save the dialog (Ctrl-S).
    Save,
    NextField,
    PrevField,
    /// Hand the text to $EDITOR.
    Editor,
    /// Start typing a search (`/`).
    Search,
    /// Cycle one filter of the defects list.
    FilterStatus,
    FilterSeverity,
    FilterAssignee,
    FilterMilestone,
    FilterExternal,
    ClearFilters,
    /// Cycle the sort order.
    SortBy,
    /// A new standalone defect.
    NewDefect,
    /// Edit the defect's text fields.
    Edit,
    /// Choose the defect's status, or its severity.
    SetStatus,
    SetSeverity,
    /// Assign the defect to someone.
    Assign,
    /// Link, or unlink, an external issue (`TRACKER:KEY`).
    Link,
    Unlink,
    /// Copy an external link's URL to the clipboard (OSC 52).
    CopyUrl,
    /// Open an external link's URL in a local browser.
    OpenUrl,
    /// File the defect as a new issue in a tracker with an API, linked.
    PushDefect,
    /// Read the linked issues' states from the trackers now.
    SyncTrackers,
    /// The run view's defects: those linked to this run's failures.
    RunDefects,
    /// Repository: open or close the suite in the tree.
    Expand,
    Collapse,
    /// Repository: select or unselect a case (or a suite's cases) for a run.
    Select,
    ClearSelection,
    /// Repository: changes to suites and cases.
    NewSuite,
    Rename,
    MoveSuite,
    Delete,
    NewCase,
    /// Repository: start an express run from the selection at once.
    Express,
    /// Repository: plan a run from the selection on the new-run screen.
    PlanRun,
    /// Repository: import a file (Qase, TestRail, JUnit) after a dry run.
    Import,
    /// Case editor: add, remove, move, indent and outdent a step.
    AddStep,
    RemoveStep,
    StepUp,
    StepDown,
    Indent,
    Outdent,
    /// Runs tab: the new-run screen.
    NewRun,
    /// A form's choice: the next or previous value (Right/Left).
    OptionNext,
    OptionPrev,
    /// Dashboard: the next or previous tab (Tests, Defects, Team, Timeline).
    NextTab,
    PrevTab,
    /// Dashboard: select every test the filter and search show.
    SelectMatching,
    /// Dashboard: what to do with the selected tests.
    BulkMenu,
    /// Dashboard: the run's lifecycle (complete, abort, clone, edit, ...).
    RunMenu,
    /// Answer yes to a confirmation.
    Confirm,
    /// Settings tab: add to the section (environment, milestone, ...).
    Add,
    /// Settings tab: retire or restore, close or reopen, hide or show.
    Retire,
    /// Settings tab: move the row up or down in its list.
    MoveUp,
    MoveDown,
}
