//! Prefix completion, the one completer behind Tab in every input: file
//! paths (`widgets::path`), team members and trackers (the defects'
//! dialogs).

/// How a typed prefix is compared with the names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Sensitive,
    /// `A` completes `alice`; the completion takes the names' spelling.
    Insensitive,
}

/// The longest completion of `typed` among `names` that start with it,
/// and the candidates when there are several. Nothing matching: `typed`
/// as it is, no candidates.
pub fn complete_prefix(typed: &str, names: &[String], case: Case) -> (String, Vec<String>) {
    let starts = |n: &str| match case {
        Case::Sensitive => n.starts_with(typed),
        Case::Insensitive => n.to_lowercase().starts_with(&typed.to_lowercase()),
    };
    let matching: Vec<&String> = names.iter().filter(|n| starts(n)).collect();
    let Some(first) = matching.first() else {
        return (typed.to_string(), Vec::new());
    };
    if matching.len() == 1 {
        return (first.to_string(), Vec::new());
    }
    let common: String = matching.iter().fold(first.to_string(), |acc, n| {
        acc.chars()
            .zip(n.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect()
    });
    // Names differing only in case share less than was typed: keep it.
    let done = if common.chars().count() > typed.chars().count() {
        common
    } else {
        typed.to_string()
    };
    (done, matching.into_iter().cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(all: &[&str]) -> Vec<String> {
        all.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn completes_as_far_as_the_names_agree() {
        let team = names(&["alice", "alan", "bob"]);
        assert_eq!(complete_prefix("b", &team, Case::Sensitive), ("bob".into(), vec![]));
        let (done, cands) = complete_prefix("a", &team, Case::Sensitive);
        assert_eq!(done, "al");
        assert_eq!(cands, ["alice", "alan"]);
        assert_eq!(complete_prefix("z", &team, Case::Sensitive), ("z".into(), vec![]));
    }

    #[test]
    fn case_matters_only_when_asked() {
        let team = names(&["alice", "alan"]);
        assert_eq!(complete_prefix("A", &team, Case::Sensitive).0, "A");
        assert_eq!(complete_prefix("A", &team, Case::Insensitive).0, "al");
        assert_eq!(
            complete_prefix("ALI", &team, Case::Insensitive),
            ("alice".into(), vec![])
        );
        // Two names equal but for case: what was typed stays.
        let twins = names(&["Bob", "bob"]);
        let (done, cands) = complete_prefix("b", &twins, Case::Insensitive);
        assert_eq!(done, "b");
        assert_eq!(cands.len(), 2);
    }
}
