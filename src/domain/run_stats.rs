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

/// Whole percentages of `counts` that add up to 100 (largest remainder:
/// each gets its share rounded down, then the points left go to the
/// largest remainders, earlier first on a tie). All zero when nothing is
/// counted.
pub fn shares(counts: &[u32]) -> Vec<u32> {
    let total: u64 = counts.iter().map(|&n| u64::from(n)).sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let mut out: Vec<u32> = counts.iter().map(|&n| (u64::from(n) * 100 / total) as u32).collect();
    let given: u32 = out.iter().sum();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    // Stable sort: ties keep their order.
    order.sort_by_key(|&i| std::cmp::Reverse(u64::from(counts[i]) * 100 % total));
    for &i in order.iter().take(100u32.saturating_sub(given) as usize) {
        out[i] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_to_a_hundred() {
        assert_eq!(shares(&[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(shares(&[20, 7, 3, 2, 1, 1]).iter().sum::<u32>(), 100);
        assert_eq!(shares(&[0, 5]), vec![0, 100]);
        assert_eq!(shares(&[0, 0]), vec![0, 0]);
        assert_eq!(shares(&[]), Vec::<u32>::new());
    }

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
