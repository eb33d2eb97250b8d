//! Everything a key can ask for. The keymap turns keys into these; `app`
//! carries them out. Screens never look at raw keys (text fields in dialogs
//! get the keys the keymap does not reserve).

use crate::domain::ResultStatus;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    /// The run view's defects: those linked to this run's failures.
    RunDefects,
}
