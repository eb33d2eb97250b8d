//! What a tester has typed or marked on a test but not yet recorded: kept
//! as a draft so that a dropped SSH session loses nothing.

use super::{Attachment, ResultStatus, Time};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The result comment being written.
    pub comment: String,
    /// Step statuses marked so far, by step index.
    pub step_marks: Vec<Option<ResultStatus>>,
    /// Step comments written so far, by step index.
    pub step_comments: Vec<String>,
    /// Files already copied into the store for this result.
    pub attachments: Vec<Attachment>,
    /// The defect dialog's fields.
    pub defect_title: String,
    pub defect_actual: String,
    /// Time spent on the test so far.
    pub elapsed_ms: u64,
    pub updated: Option<Time>,
}

impl Draft {
    /// Nothing worth keeping: no text, marks, files or time.
    pub fn is_empty(&self) -> bool {
        self.comment.trim().is_empty()
            && self.step_marks.iter().all(Option::is_none)
            && self.step_comments.iter().all(|c| c.trim().is_empty())
            && self.attachments.is_empty()
            && self.defect_title.trim().is_empty()
            && self.defect_actual.trim().is_empty()
    }
}

/// Text typed into a defect form (a new defect, or an edit) that was not
/// saved yet: field label and text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDraft {
    pub fields: Vec<(String, String)>,
    pub updated: Option<Time>,
}
