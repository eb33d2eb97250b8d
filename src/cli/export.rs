//! `stepwise export RUN --format FORMAT [-o FILE]`: a run's report. Text
//! formats go to standard output without `-o`; a file is written whole or
//! not at all (temporary file, then rename) with mode 0644: a report is the
//! user's to share, unlike the store's private files.

use super::out::Data;
use super::{CmdResult, Ctx, Failure};
use crate::domain::RunNo;
use crate::service::ExportFormat;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The run number, e.g. 2 or #2.
    pub run: String,
    /// csv, json, junit, md, html or pdf.
    #[arg(long, value_parser = ["csv", "json", "junit", "md", "html", "pdf"])]
    pub format: String,
    /// Write to FILE (created with mode 0644) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn usage(message: String) -> Failure {
    Failure { code: 2, message }
}

pub fn export(ctx: &mut Ctx, args: ExportArgs) -> CmdResult {
    let format = ExportFormat::parse(&args.format).ok_or_else(|| {
        usage(format!(
            "unknown export format '{}'; use csv, json, junit, md, html or pdf",
            args.format
        ))
    })?;
    let code = ctx.project()?;
    let no = RunNo::parse(&args.run)?;
    if args.output.is_none() && !format.is_text() && super::out::stdout_is_terminal() {
        return Err(usage(format!(
            "a PDF is not for the terminal: add -o {} or redirect the output",
            format.file_name(code.as_str(), no.0)
        )));
    }
    if let Some(path) = args.output {
        // `-o` replaces a file already there, as a shell's `>` would.
        ctx.svc.export_run_to(&code, no, format, &path, true)?;
        return Ok(());
    }
    let bytes = ctx.svc.export_run(&code, no, format)?;
    // On a terminal a text report's live characters show as escapes.
    let kind = match format {
        ExportFormat::Json => Data::Json,
        f if f.is_text() => Data::Text,
        _ => Data::Binary,
    };
    super::out::data(&bytes, kind).map_err(|e| Failure {
        code: 1,
        message: format!("cannot write the report: {e}"),
    })
}
