//! `stepwise cases --format qase-csv [-o FILE]`: the listed cases (all, or
//! those `--query` matches) with their suites, as Qase CSV.

use super::{CmdResult, Ctx, Failure};
use crate::domain::{Case, ProjectCode};
use std::path::Path;

pub fn write(
    ctx: &Ctx,
    code: &ProjectCode,
    cases: &[Case],
    format: &str,
    output: Option<&Path>,
    all: bool,
) -> CmdResult {
    if !matches!(
        format.trim().to_ascii_lowercase().as_str(),
        "qase-csv" | "qase_csv" | "qase"
    ) {
        return Err(Failure {
            code: 2,
            message: format!("unknown --format '{format}'; expected qase-csv"),
        });
    }
    let suites = ctx.svc.suites(code)?;
    let bytes = crate::interop::qase_csv_writer::write(&suites, cases, all).map_err(|e| Failure {
        code: 1,
        message: format!("cannot write the CSV: {e}"),
    })?;
    let written = match output {
        Some(path) => std::fs::write(path, &bytes).map_err(|e| (path.display().to_string(), e)),
        None => super::out::data(&bytes, super::out::Data::Text).map_err(|e| ("standard output".to_string(), e)),
    };
    written.map_err(|(to, e)| Failure {
        code: 1,
        message: format!("cannot write {to}: {e}"),
    })
}
