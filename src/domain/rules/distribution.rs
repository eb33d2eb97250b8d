//! Group assignment: even (by count) or load-balanced (by estimated time).

use crate::domain::Distribution;

/// Test `i` goes to user `i mod n`: counts differ by at most one.
pub fn distribute_even(tests: usize, users: usize) -> Vec<usize> {
    if users == 0 {
        return Vec::new();
    }
    (0..tests).map(|i| i % users).collect()
}

/// Longest estimate first, each to the user with the least work so far
/// (ties to the user with fewer tests, then the lower index): every user
/// ends within one test's estimate of every other, and tests without an
/// estimate are still shared out evenly.
pub fn distribute_load_balanced(estimates_ms: &[u64], users: usize) -> Vec<usize> {
    if users == 0 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..estimates_ms.len()).collect();
    order.sort_by(|&a, &b| estimates_ms[b].cmp(&estimates_ms[a]).then(a.cmp(&b)));
    let mut load = vec![0u64; users];
    let mut count = vec![0usize; users];
    let mut owner = vec![0usize; estimates_ms.len()];
    for i in order {
        let user = (0..users).min_by_key(|&u| (load[u], count[u], u)).unwrap_or(0);
        load[user] += estimates_ms[i];
        count[user] += 1;
        owner[i] = user;
    }
    owner
}

/// The user index for each test by the chosen strategy.
pub fn distribute(strategy: Distribution, estimates_ms: &[u64], users: usize) -> Vec<usize> {
    match strategy {
        Distribution::Even => distribute_even(estimates_ms.len(), users),
        Distribution::LoadBalanced => distribute_load_balanced(estimates_ms, users),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn even_and_balanced() {
        assert_eq!(distribute_even(5, 2), [0, 1, 0, 1, 0]);
        assert!(distribute_even(3, 0).is_empty());
        // One long test against many short ones: balanced gives the long one
        // to one user and the short ones to the other.
        let owner = distribute_load_balanced(&[100, 10, 10, 10, 10, 10], 2);
        assert_eq!(owner, [0, 1, 1, 1, 1, 1]);
        assert_eq!(distribute_load_balanced(&[0, 0, 0, 0], 2), [0, 1, 0, 1]);
    }
}

/// A bulk result's time shared by `n` tests: evenly, the remainder going one
/// millisecond at a time to the first ones, so the parts add up exactly.
pub fn split_evenly(total_ms: u64, n: usize) -> Vec<u64> {
    if n == 0 {
        return Vec::new();
    }
    let (each, rest) = (total_ms / n as u64, (total_ms % n as u64) as usize);
    (0..n).map(|i| each + u64::from(i < rest)).collect()
}

#[cfg(test)]
mod split_tests {
    use super::split_evenly;

    #[test]
    fn parts_add_up_and_differ_by_at_most_one() {
        assert_eq!(split_evenly(10_000, 3), [3334, 3333, 3333]);
        assert_eq!(split_evenly(0, 2), [0, 0]);
        assert!(split_evenly(5, 0).is_empty());
        let parts = split_evenly(7_777, 13);
        assert_eq!(parts.iter().sum::<u64>(), 7_777);
        assert!(parts.iter().max().unwrap() - parts.iter().min().unwrap() <= 1);
    }
}

/// Whole percentages of `counts` that add up to exactly 100 (largest
/// remainder: each share is rounded down, then the points still missing go
/// one each to the largest remainders, the earlier one on a tie). All zeros
/// when there is nothing to share.
pub fn percent_shares(counts: &[u32]) -> Vec<u32> {
    let total: u64 = counts.iter().map(|c| u64::from(*c)).sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let exact: Vec<u64> = counts.iter().map(|c| u64::from(*c) * 100).collect();
    let mut shares: Vec<u32> = exact.iter().map(|e| (e / total) as u32).collect();
    let missing = 100 - shares.iter().sum::<u32>() as usize;
    let mut by_remainder: Vec<usize> = (0..counts.len()).collect();
    by_remainder.sort_by_key(|&i| (std::cmp::Reverse(exact[i] % total), i));
    for &i in by_remainder.iter().take(missing) {
        shares[i] += 1;
    }
    shares
}

#[cfg(test)]
mod share_tests {
    use super::percent_shares;

    #[test]
    fn shares_add_up_to_a_hundred() {
        // Rounded down these are 33 + 33 + 33 = 99.
        assert_eq!(percent_shares(&[1, 1, 1]), [34, 33, 33]);
        // 28 tests: 9 passed, 5 failed, 1 blocked, 1 invalid, 12 untested
        // would floor to 32 + 17 + 3 + 3 + 42 = 97.
        let shares = percent_shares(&[9, 5, 1, 1, 12]);
        assert_eq!(shares.iter().sum::<u32>(), 100);
        assert_eq!(shares, [32, 18, 4, 3, 43]);
        assert_eq!(percent_shares(&[7]), [100]);
        assert_eq!(percent_shares(&[0, 5]), [0, 100]);
        assert_eq!(percent_shares(&[0, 0]), [0, 0]);
        assert!(percent_shares(&[]).is_empty());
        assert_eq!(percent_shares(&[u32::MAX, u32::MAX]), [50, 50]);
    }
}
