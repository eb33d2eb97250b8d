//! Formats in and out of stepwise.

pub mod export;
pub mod import;
pub mod json;
pub mod qase;
pub mod qase_csv_writer;
