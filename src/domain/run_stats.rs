//! How many tests of a run stand where, and the time recorded: kept by the
//! store as tests change (see `store::derived`), so that a run's counts are
//! one small read however many tests it holds.

use super::{ResultStatus, Test, TestState};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunStats {
    pub total: u32,
    pub untested: u32,
    pub retest: u32,
    pub by_status: BTreeMap<ResultStatus, u32>,
    /// The sum of every result's duration.
    pub duration_ms: u64,
}

impl RunStats {
    /// Counts a test in this state.
    pub fn add(&mut self, state: TestState) {
        self.total += 1;
        match state {
            TestState::Untested => self.untested += 1,
            TestState::Retest => self.retest += 1,
            TestState::Done(s) => *self.by_status.entry(s).or_default() += 1,
        }
    }

    /// Stops counting a test in this state (the inverse of `add`).
    pub fn remove(&mut self, state: TestState) {
        self.total = self.total.saturating_sub(1);
        match state {
            TestState::Untested => self.untested = self.untested.saturating_sub(1),
            TestState::Retest => self.retest = self.retest.saturating_sub(1),
            TestState::Done(s) => {
                if let Some(n) = self.by_status.get_mut(&s) {
                    *n = n.saturating_sub(1);
                    if *n == 0 {
                        self.by_status.remove(&s);
                    }
                }
            }
        }
    }

    /// Counts a whole test: its state and its recorded time.
    pub fn add_test(&mut self, t: &Test) {
        self.add(t.state());
        self.duration_ms = self.duration_ms.saturating_add(t.total_duration_ms());
    }

    pub fn remove_test(&mut self, t: &Test) {
        self.remove(t.state());
        self.duration_ms = self.duration_ms.saturating_sub(t.total_duration_ms());
    }

    pub fn of_tests<'a>(tests: impl IntoIterator<Item = &'a Test>) -> Self {
        let mut s = Self::default();
        tests.into_iter().for_each(|t| s.add_test(t));
        s
    }

    /// Tests with a current result.
    pub fn done(&self) -> u32 {
        self.total.saturating_sub(self.untested + self.retest)
    }

    pub fn of(&self, s: ResultStatus) -> u32 {
        self.by_status.get(&s).copied().unwrap_or(0)
    }

    /// Completion in percent (0 for an empty run).
    pub fn percent(&self) -> u32 {
        (self.done() * 100).checked_div(self.total).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_undoes_add() {
        let mut s = RunStats::default();
        s.add(TestState::Untested);
        s.add(TestState::Done(ResultStatus::Failed));
        s.add(TestState::Retest);
        assert_eq!((s.total, s.done(), s.percent()), (3, 1, 33));
        s.remove(TestState::Done(ResultStatus::Failed));
        s.remove(TestState::Retest);
        s.remove(TestState::Untested);
        assert_eq!(s, RunStats::default());
    }
}
