//! Key layout. Every key starts with the project code and `/`; numbers are
//! big-endian so keys sort numerically and `scan_prefix` lists a project,
//! or a run's tests.
//!
//! - projects: `CODE`
//! - suites, cases, runs, defects: `CODE/` + u64
//! - tests: `CODE/` + run u64 + test u32
//! - run rows: `CODE/` + run u64 + chunk u32
//! - plans, queries, schedules: `CODE/` + name

use crate::domain::ProjectCode;

pub fn project(code: &ProjectCode) -> Vec<u8> {
    code.as_str().as_bytes().to_vec()
}

pub fn prefix(code: &ProjectCode) -> Vec<u8> {
    let mut k = project(code);
    k.push(b'/');
    k
}

pub fn numbered(code: &ProjectCode, n: u64) -> Vec<u8> {
    let mut k = prefix(code);
    k.extend_from_slice(&n.to_be_bytes());
    k
}

/// The prefix of every test of one run.
pub fn run_tests(code: &ProjectCode, run: u64) -> Vec<u8> {
    numbered(code, run)
}

pub fn test(code: &ProjectCode, run: u64, test: u32) -> Vec<u8> {
    let mut k = numbered(code, run);
    k.extend_from_slice(&test.to_be_bytes());
    k
}

/// One chunk of a run's compact rows (`run_rows` tree): the run's key and
/// the chunk's number.
pub fn row_chunk(run_key: &[u8], chunk: u32) -> Vec<u8> {
    let mut k = run_key.to_vec();
    k.extend_from_slice(&chunk.to_be_bytes());
    k
}

pub fn named(code: &ProjectCode, name: &str) -> Vec<u8> {
    let mut k = prefix(code);
    k.extend_from_slice(name.as_bytes());
    k
}

/// A key in words, for error messages: `DEMO/3`, `DEMO/3/12`, `DEMO/name`.
pub fn describe(key: &[u8]) -> String {
    let Some(slash) = key.iter().position(|b| *b == b'/') else {
        return String::from_utf8_lossy(key).into_owned();
    };
    let (code, rest) = (&key[..slash], &key[slash + 1..]);
    let code = String::from_utf8_lossy(code);
    match rest.len() {
        8 => format!("{code}/{}", u64::from_be_bytes(rest.try_into().unwrap_or_default())),
        12 => {
            let run = u64::from_be_bytes(rest[..8].try_into().unwrap_or_default());
            let test = u32::from_be_bytes(rest[8..].try_into().unwrap_or_default());
            format!("{code}/{run}/{test}")
        }
        _ => format!("{code}/{}", String::from_utf8_lossy(rest)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_numerically_and_describe_themselves() {
        let p = ProjectCode::parse("DEMO").unwrap();
        assert!(numbered(&p, 2) < numbered(&p, 10));
        assert!(test(&p, 1, 300) < test(&p, 2, 0));
        assert!(test(&p, 3, 1).starts_with(&run_tests(&p, 3)));
        assert_eq!(describe(&numbered(&p, 42)), "DEMO/42");
        assert_eq!(describe(&test(&p, 3, 7)), "DEMO/3/7");
        assert_eq!(describe(&named(&p, "smoke")), "DEMO/smoke");
        assert_eq!(describe(b"DEMO"), "DEMO");
    }
}
