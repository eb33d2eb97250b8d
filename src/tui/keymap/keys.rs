//! What the binding table is made of: the scopes a binding applies in and
//! the key a binding names.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. `Global` applies everywhere a screen does not
/// bind the same key itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum Scope {
    Global,
    Home,
    Dashboard,
    List,
    Picker,
    Help,
    Wizard,
    /// A dialog with text fields: only its own keys are reserved; the rest
    /// go to the focused field.
    Dialog,
    /// The defects list (tab 3, or a run's defects).
    Defects,
    /// One defect with everything linked to it.
    DefectDetail,
    /// Changes to a defect: the list and the detail both fall back to it.
    DefectEdit,
    /// Typing a search over the defects: the rest goes to the field.
    DefectSearch,
    /// The new/edit defect form: the rest goes to the focused field.
    DefectForm,
    /// A one-line defect dialog (assign, link, attach): the rest goes to
    /// the field.
    DefectLine,
    /// A list to choose from (status, severity, the link to remove).
    DefectChoice,
    /// The repository tab: suite tree and case list.
    Repository,
    /// Typing the repository's filter: the rest goes to the field.
    RepoSearch,
    /// A suite's name (new, rename): the rest goes to the field.
    RepoLine,
    /// The path of a file to import: the rest goes to the field.
    RepoPath,
    /// Choosing a suite from a filtered list: the rest goes to the filter.
    RepoChoose,
    /// The case editor: the rest goes to the focused field.
    CaseEditor,
    /// The new-run form, a choice or list focused.
    NewRun,
    /// The new-run form, a text field focused: the rest goes to the field.
    NewRunText,
    /// The dashboard's Defects, Team and Timeline tabs (Tests is `Dashboard`).
    DashboardTab,
    /// The dashboard's Defects tab: `DashboardTab` and opening the defects.
    DashboardDefects,
    /// Typing the dashboard's search: the rest goes to the field.
    DashSearch,
    /// A dashboard menu (bulk work, the run's lifecycle, choices).
    DashMenu,
    /// A dashboard one-line input: the rest goes to the field.
    DashInput,
    /// The settings tab: its sections and their rows.
    Settings,
    /// A settings prompt (a name, a due date...): the rest goes to the field.
    SettingsLine,
    /// A yes/no question (`widgets::confirm`), on any screen.
    Confirm,
    /// The keys of every one-line input (Esc cancels, Ctrl-C quits); the
    /// input scopes below fall back to it and name what Enter does there.
    LineInput,
    /// Tab completes, in the inputs that offer completion.
    Completion,
    /// A store with no project yet: what the first-run screen is for.
    FirstRun,
    /// The first project's code and title: the rest goes to the field.
    FirstRunForm,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Home => "Runs",
            Scope::Dashboard => "Run",
            Scope::List => "Lists",
            Scope::Picker => "Project picker",
            Scope::Help => "Help",
            Scope::Wizard => "Wizard",
            Scope::Dialog => "Dialog",
            Scope::Defects => "Defects",
            Scope::DefectDetail => "Defect",
            Scope::DefectEdit => "Defect changes",
            Scope::DefectSearch => "Defect search",
            Scope::DefectForm => "Defect form",
            Scope::DefectLine => "Defect dialog",
            Scope::DefectChoice => "Choose",
            Scope::Repository => "Repository",
            Scope::RepoSearch => "Case filter",
            Scope::RepoLine => "Suite name",
            Scope::RepoPath => "Import a file",
            Scope::RepoChoose => "Choose a suite",
            Scope::CaseEditor => "Case editor",
            Scope::NewRun => "New run",
            Scope::NewRunText => "New run (typing)",
            Scope::DashboardTab => "Run tabs",
            Scope::DashboardDefects => "Run defects",
            Scope::DashSearch => "Search",
            Scope::DashMenu => "Menu",
            Scope::DashInput => "Input",
            Scope::Settings => "Settings",
            Scope::SettingsLine => "Settings input",
            Scope::Confirm => "Confirm",
            Scope::LineInput => "One-line input",
            Scope::Completion => "Completion",
            Scope::FirstRun => "First run",
            Scope::FirstRunForm => "New project",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
    /// Alt must be held (keys without it ignore Alt, as before).
    pub alt: bool,
}

pub(super) const fn ch(c: char) -> KeySpec {
    KeySpec {
        code: KeyCode::Char(c),
        ctrl: false,
        alt: false,
    }
}
pub(super) const fn ctrl(c: char) -> KeySpec {
    KeySpec {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}
pub(super) const fn code(code: KeyCode) -> KeySpec {
    KeySpec {
        code,
        ctrl: false,
        alt: false,
    }
}
pub(super) const fn alt(code: KeyCode) -> KeySpec {
    KeySpec {
        code,
        ctrl: false,
        alt: true,
    }
}

impl KeySpec {
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl != self.ctrl || (self.alt && !ev.modifiers.contains(KeyModifiers::ALT)) {
            return false;
        }
        match (self.code, ev.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) if self.ctrl => a.eq_ignore_ascii_case(&b),
            (a, b) => a == b,
        }
    }

    pub fn label(&self, ascii: bool) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::Up => if ascii { "Up" } else { "↑" }.into(),
            KeyCode::Down => if ascii { "Down" } else { "↓" }.into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}
