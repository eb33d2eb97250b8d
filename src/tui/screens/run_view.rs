//! A run's screen is its dashboard (`dashboard`); this name stays for the
//! screens that open one.

pub use super::dashboard::Dashboard as RunScreen;
