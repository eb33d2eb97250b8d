//! A run's tests as compact rows: what a list of the run shows, filters,
//! groups and searches (id, title, suite, configuration, state, assignee,
//! the results' authors, times and durations) without a test's steps, its
//! snapshot's text or its results' comments. The store keeps them beside
//! the tests, in chunks of [`ROWS_PER_CHUNK`] tests by id, in the same
//! transaction as the tests they follow (`store::derived`), so that a run
//! of 100,000 tests opens by reading a few megabytes, not every test.

use super::{ResultStatus, Test, TestState, Time};
use serde::{Deserialize, Serialize};

/// Tests per stored chunk: a chunk is read and rewritten whole when one
/// of its tests changes (about 12 KB: small enough for sled to keep it in
/// its pages rather than in a blob file of its own).
pub const ROWS_PER_CHUNK: u32 = 128;

/// The chunk test `id` lives in.
pub fn chunk_of(id: u32) -> u32 {
    id / ROWS_PER_CHUNK
}

/// One recorded result, briefly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultBrief {
    pub status: ResultStatus,
    pub author: String,
    /// When it was recorded: seconds and nanoseconds since the Unix epoch
    /// (plain integers: quicker to read back than chrono's text form).
    pub at_secs: i64,
    pub at_nanos: u32,
    pub duration_ms: u64,
}

impl ResultBrief {
    pub fn at(&self) -> Time {
        chrono::DateTime::from_timestamp(self.at_secs, self.at_nanos).unwrap_or_default()
    }
}

/// One test of a run, compact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowEntry {
    pub id: u32,
    pub case_no: u64,
    pub title: String,
    pub suite: Option<u64>,
    /// The configuration combination's label (`Chrome / Linux`), or empty.
    pub config: String,
    pub assignee: Option<String>,
    pub retest: bool,
    pub estimate_ms: u64,
    pub results: Vec<ResultBrief>,
}

impl RowEntry {
    pub fn of(t: &Test) -> Self {
        Self {
            id: t.id,
            case_no: t.case_no,
            title: t.snapshot.title.clone(),
            suite: t.snapshot.suite,
            config: t.config.label(),
            assignee: t.assignee.clone(),
            retest: t.retest,
            estimate_ms: t.snapshot.estimate_ms.unwrap_or(0),
            results: t
                .results
                .iter()
                .map(|r| ResultBrief {
                    status: r.status,
                    author: r.author.clone(),
                    at_secs: r.at.timestamp(),
                    at_nanos: r.at.timestamp_subsec_nanos(),
                    duration_ms: r.duration_ms,
                })
                .collect(),
        }
    }

    /// Where the test stands: the same rule as [`Test::state`].
    pub fn state(&self) -> TestState {
        match self.results.last() {
            _ if self.retest => TestState::Retest,
            None => TestState::Untested,
            Some(r) => TestState::Done(r.status),
        }
    }

    /// Total time spent over every result.
    pub fn duration_ms(&self) -> u64 {
        self.results.iter().fold(0, |sum, r| sum.saturating_add(r.duration_ms))
    }
}

/// The rows of up to [`ROWS_PER_CHUNK`] tests of one run, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowChunk {
    pub rows: Vec<RowEntry>,
}

impl RowChunk {
    /// Puts `row` in its place by id, replacing the row of the same id.
    pub fn upsert(&mut self, row: RowEntry) {
        match self.rows.binary_search_by_key(&row.id, |r| r.id) {
            Ok(i) => self.rows[i] = row,
            Err(i) => self.rows.insert(i, row),
        }
    }

    pub fn remove(&mut self, id: u32) {
        if let Ok(i) = self.rows.binary_search_by_key(&id, |r| r.id) {
            self.rows.remove(i);
        }
    }

    pub fn get(&self, id: u32) -> Option<&RowEntry> {
        self.rows
            .binary_search_by_key(&id, |r| r.id)
            .ok()
            .map(|i| &self.rows[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Case, ConfigCombo, TestResult};

    fn test(id: u32) -> Test {
        let at = chrono::DateTime::from_timestamp(1_763_000_000, 123_456_789).unwrap();
        let mut case = Case::new(7, "Pay by card", at);
        case.suite = Some(3);
        case.estimate_ms = Some(90_000);
        let combo = ConfigCombo(vec![("Browser".into(), "Chrome".into())]);
        let mut t = Test::new(1, id, &case, combo);
        t.assignee = Some("ann".into());
        t.push_result(TestResult {
            status: ResultStatus::Failed,
            steps: vec![],
            comment: "a comment the row does not keep".into(),
            attachments: vec![],
            duration_ms: 45_000,
            author: "bob".into(),
            at,
            defects: vec![],
        });
        t
    }

    #[test]
    fn a_row_says_what_its_test_says() {
        let mut t = test(4);
        let row = RowEntry::of(&t);
        assert_eq!((row.id, row.case_no, row.title.as_str()), (4, 7, "Pay by card"));
        assert_eq!((row.suite, row.config.as_str()), (Some(3), "Chrome"));
        assert_eq!(row.state(), t.state());
        assert_eq!(row.duration_ms(), t.total_duration_ms());
        assert_eq!(row.results[0].at(), t.results[0].at, "the time keeps its nanoseconds");
        t.retest = true;
        assert_eq!(RowEntry::of(&t).state(), TestState::Retest);
    }

    #[test]
    fn a_chunk_keeps_its_rows_by_id() {
        let mut chunk = RowChunk::default();
        for id in [5, 1, 3] {
            chunk.upsert(RowEntry::of(&test(id)));
        }
        let mut retitled = RowEntry::of(&test(3));
        retitled.title = "Pay by cash".into();
        chunk.upsert(retitled);
        chunk.remove(1);
        chunk.remove(99);
        let ids: Vec<u32> = chunk.rows.iter().map(|r| r.id).collect();
        assert_eq!(ids, [3, 5]);
        assert_eq!(chunk.get(3).map(|r| r.title.as_str()), Some("Pay by cash"));
        assert!(chunk.get(1).is_none());
        assert_eq!((chunk_of(127), chunk_of(128)), (0, 1));
    }
}
