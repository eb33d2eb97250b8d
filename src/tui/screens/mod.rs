//! The screens, each a type behind `tui::screen::Screen`, in a module of
//! its own. A tab's root is listed in `tab_root`; every other screen is
//! opened by the screen below it (a `Transition::Push`).

pub mod dashboard;
pub mod defects;
pub mod form_draft;
pub mod help;
pub mod home;
pub mod new_run;
pub mod picker;
pub mod repository;
pub mod settings;
pub mod wizard;

use super::screen::{Clock, Screen};
use crate::domain::ProjectCode;
use crate::service::{Service, ServiceError};

/// Below this the layout cannot work; a one-line message is drawn instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// The header's tabs: the digit that opens each, and its name.
pub(crate) const TABS: [(u8, &str); 4] = [(1, "Runs"), (2, "Repository"), (3, "Defects"), (4, "Settings")];

/// The root screen of tab `n` (1 runs, 2 repository, 3 defects, 4 settings).
pub fn tab_root(n: u8, svc: &Service, code: &ProjectCode, clock: &Clock) -> Result<Box<dyn Screen>, ServiceError> {
    Ok(match n {
        1 => Box::new(home::Home::load(svc, code)?),
        2 => Box::new(repository::RepositoryScreen::load(svc, code)?),
        3 => Box::new(defects::DefectsScreen::load(svc, code, None, clock)?),
        _ => Box::new(settings::Settings::load(svc, code)?),
    })
}
