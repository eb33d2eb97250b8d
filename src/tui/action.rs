//! Everything a key can ask for. The keymap turns keys into these; `app`
//! carries them out. Screens never look at raw keys.

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
}
