//! `json`: the `run show --json` document, byte for byte.

use super::Report;

pub fn render(report: &Report) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&crate::interop::json::run_view(report.view)).unwrap_or_default();
    out.push(b'\n');
    out
}
