//! Small drawing pieces shared by the screens.

pub mod clipboard;
pub mod cursor;
pub mod cut;
pub mod donut;
pub mod edit;
pub mod inert;
pub mod popup;
pub mod progress;
pub mod status;
pub mod timer;
pub mod wrap;
