//! Small drawing pieces shared by the screens.

pub mod clipboard;
pub mod complete;
pub mod confirm;
pub mod cursor;
pub mod cut;
pub mod donut;
pub mod edit;
pub mod field;
pub mod inert;
pub mod input;
pub mod line;
pub mod menu;
pub mod path;
pub mod popup;
pub mod progress;
pub mod search;
pub mod status;
pub mod timer;
pub mod wrap;
