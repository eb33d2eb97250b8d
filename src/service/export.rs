//! Run reports: the one entry point the CLI (`stepwise export`) and the
//! dashboard call. The formats themselves live in `interop::export`.

use super::{Engine, ServiceError};
use crate::domain::{DefectNo, ProjectCode, RunNo};
pub use crate::interop::export::ExportFormat;
use crate::interop::export::{Report, render};
use std::collections::BTreeMap;

/// What [`Engine::export_run_to`] did with the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exported {
    /// The report is at the path, whole.
    Written,
    /// Something (a file, a folder, even a dangling link) already had the
    /// name and replacing it was not asked for: nothing was written.
    Taken,
}

impl Engine {
    /// A run's report in `format`, with the defects its results link to.
    /// Suggested file name: `format.file_name(code, no)`, e.g. `DEMO-run-2.html`.
    pub fn export_run(&self, code: &ProjectCode, no: RunNo, format: ExportFormat) -> Result<Vec<u8>, ServiceError> {
        let view = self.run_view(code, no)?;
        let mut defects = BTreeMap::new();
        for d in view.tests.iter().flat_map(|t| &t.results).flat_map(|r| &r.defects) {
            if !defects.contains_key(d) {
                match self.defect(code, DefectNo(*d)) {
                    Ok(defect) => {
                        defects.insert(*d, defect);
                    }
                    // A link to a defect that is gone still exports, as `D-N`.
                    Err(ServiceError::NotFound(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        let report = Report {
            view: &view,
            defects: &defects,
            generated: self.now(),
        };
        render(&report, format).map_err(|e| ServiceError::Failed(e.to_string()))
    }
}
