//! Identifiers shown to people: project codes, `CODE-N` cases, `#N` runs and
//! `D-N` defects. Numbers are per project and never reused.

use super::error::DomainError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A project code: 2 to 10 of A-Z and 0-9, starting with a letter.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ProjectCode(String);

impl ProjectCode {
    /// Parses a code; lower case is accepted and upper-cased.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let code = input.trim().to_ascii_uppercase();
        let ok = (2..=10).contains(&code.len())
            && code.starts_with(|c: char| c.is_ascii_uppercase())
            && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if ok {
            Ok(Self(code))
        } else {
            Err(DomainError::BadProjectCode(input.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProjectCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The number of a case within its project (`DEMO-3` is case 3 of DEMO).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CaseNo(pub u64);

impl CaseNo {
    /// Parses `CODE-N` (the code must be `project`'s) or a bare `N`.
    pub fn parse(input: &str, project: &ProjectCode) -> Result<Self, DomainError> {
        let bad = || DomainError::BadId {
            kind: "case",
            input: input.to_string(),
            expected: "CODE-N, e.g. DEMO-3",
        };
        let s = input.trim();
        let number = match s.rsplit_once('-') {
            Some((code, n)) if code.eq_ignore_ascii_case(project.as_str()) => n,
            Some(_) => return Err(bad()),
            None => s,
        };
        number
            .parse::<u64>()
            .ok()
            .filter(|n| *n > 0)
            .map(CaseNo)
            .ok_or_else(bad)
    }

    pub fn display(self, project: &ProjectCode) -> String {
        format!("{}-{}", project, self.0)
    }
}

/// The number of a run within its project, shown `#N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RunNo(pub u64);

impl RunNo {
    /// Parses `#N` or `N`.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let s = input.trim();
        let s = s.strip_prefix('#').unwrap_or(s);
        s.parse::<u64>()
            .ok()
            .filter(|n| *n > 0)
            .map(RunNo)
            .ok_or_else(|| DomainError::BadId {
                kind: "run",
                input: input.to_string(),
                expected: "a run number such as 3 or #3",
            })
    }
}

impl fmt::Display for RunNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// The number of a defect within its project, shown `D-N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DefectNo(pub u64);

impl DefectNo {
    /// Parses `D-N` (any case) or `N`.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let s = input.trim();
        let s = s.strip_prefix("D-").or_else(|| s.strip_prefix("d-")).unwrap_or(s);
        s.parse::<u64>()
            .ok()
            .filter(|n| *n > 0)
            .map(DefectNo)
            .ok_or_else(|| DomainError::BadId {
                kind: "defect",
                input: input.to_string(),
                expected: "D-N, e.g. D-4",
            })
    }
}

impl fmt::Display for DefectNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "D-{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_codes() {
        assert_eq!(ProjectCode::parse("demo").unwrap().as_str(), "DEMO");
        assert!(ProjectCode::parse("D").is_err());
        assert!(ProjectCode::parse("1ABC").is_err());
        assert!(ProjectCode::parse("ABCDEFGHIJK").is_err());
        assert!(ProjectCode::parse("AB-C").is_err());
        assert!(ProjectCode::parse("A1").is_ok());
    }

    #[test]
    fn case_run_defect_ids() {
        let p = ProjectCode::parse("DEMO").unwrap();
        assert_eq!(CaseNo::parse("DEMO-3", &p).unwrap(), CaseNo(3));
        assert_eq!(CaseNo::parse("demo-3", &p).unwrap(), CaseNo(3));
        assert_eq!(CaseNo::parse("7", &p).unwrap(), CaseNo(7));
        assert!(CaseNo::parse("WEB-3", &p).is_err());
        assert!(CaseNo::parse("DEMO-0", &p).is_err());
        assert_eq!(CaseNo(12).display(&p), "DEMO-12");
        assert_eq!(RunNo::parse("#4").unwrap(), RunNo(4));
        assert_eq!(RunNo::parse("4").unwrap().to_string(), "#4");
        assert!(RunNo::parse("x").is_err());
        assert_eq!(DefectNo::parse("d-9").unwrap().to_string(), "D-9");
        assert!(DefectNo::parse("D-").is_err());
    }
}
