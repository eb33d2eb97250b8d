//! stepwise: execute manual test runs step by step in the terminal, follow
//! them on a dashboard, and track the defects they find.
//!
//! Layers (dependencies point one way): `tui`, `cli` -> `service` ->
//! `domain` + `store` + `interop`; `store`, `interop` -> `domain`. The
//! table, checked: `tests/it/service/layers.rs`.

pub mod cli;
pub mod domain;
pub mod interop;
pub mod server;
pub mod service;
pub mod store;
pub mod tui;
