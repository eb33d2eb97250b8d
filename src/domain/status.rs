//! Result statuses. The five built-in ones plus the project's custom statuses.
//!
//! The variant order of [`ResultStatus`] is stored on disk: it is fixed and
//! append-only. Never reorder or remove a variant (a reordered enum silently
//! turns a stored Failed into a Passed).

use super::error::DomainError;
use serde::{Deserialize, Serialize};

/// The status of one recorded result (or one step of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ResultStatus {
    Passed,
    Failed,
    Blocked,
    Skipped,
    Invalid,
    /// A project's custom status, by its id in the project's list.
    Custom(u16),
}

/// Whether a status counts as a success or starts the defect workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Polarity {
    Positive,
    Negative,
}

/// A status defined by the project. Hidden statuses cannot be chosen for new
/// results but old results keep them; they are never deleted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomStatus {
    pub id: u16,
    /// Shown name, e.g. "Passed with issues".
    pub name: String,
    /// The lowercase name the CLI and JSON use, e.g. `passed_with_issues`.
    pub slug: String,
    /// The wizard key that records it.
    pub key: char,
    /// One of the 16 named terminal colours, e.g. `magenta`.
    pub colour: String,
    pub polarity: Polarity,
    pub hidden: bool,
}

pub const BUILTIN: [ResultStatus; 5] = [
    ResultStatus::Passed,
    ResultStatus::Failed,
    ResultStatus::Blocked,
    ResultStatus::Skipped,
    ResultStatus::Invalid,
];

impl ResultStatus {
    fn builtin_info(self) -> Option<(&'static str, &'static str, char, Polarity)> {
        use Polarity::*;
        Some(match self {
            Self::Passed => ("passed", "Passed", 'p', Positive),
            Self::Failed => ("failed", "Failed", 'f', Negative),
            Self::Blocked => ("blocked", "Blocked", 'b', Negative),
            Self::Skipped => ("skipped", "Skipped", 's', Positive),
            Self::Invalid => ("invalid", "Invalid", 'i', Negative),
            Self::Custom(_) => return None,
        })
    }
}

/// Resolves statuses against one project's custom statuses: names, keys,
/// polarity. Built-in statuses always resolve.
#[derive(Clone, Debug, Default)]
pub struct StatusCatalog<'a> {
    custom: &'a [CustomStatus],
}

impl<'a> StatusCatalog<'a> {
    pub fn new(custom: &'a [CustomStatus]) -> Self {
        Self { custom }
    }

    fn custom(&self, id: u16) -> Option<&'a CustomStatus> {
        self.custom.iter().find(|c| c.id == id)
    }

    /// The lowercase name used by the CLI and JSON (`passed`, or a custom slug).
    pub fn slug(&self, s: ResultStatus) -> String {
        match s {
            ResultStatus::Custom(id) => self
                .custom(id)
                .map_or_else(|| format!("custom_{id}"), |c| c.slug.clone()),
            b => b.builtin_info().map(|i| i.0.to_string()).unwrap_or_default(),
        }
    }

    /// The shown name (`Passed`).
    pub fn name(&self, s: ResultStatus) -> String {
        match s {
            ResultStatus::Custom(id) => self
                .custom(id)
                .map_or_else(|| format!("Custom {id}"), |c| c.name.clone()),
            b => b.builtin_info().map(|i| i.1.to_string()).unwrap_or_default(),
        }
    }

    /// An unknown custom status (which cannot happen in a consistent store)
    /// counts as negative: it never lets a run pass by accident.
    pub fn polarity(&self, s: ResultStatus) -> Polarity {
        match s {
            ResultStatus::Custom(id) => self.custom(id).map_or(Polarity::Negative, |c| c.polarity),
            b => b.builtin_info().map_or(Polarity::Negative, |i| i.3),
        }
    }

    pub fn is_negative(&self, s: ResultStatus) -> bool {
        self.polarity(s) == Polarity::Negative
    }

    /// The wizard key of a status.
    pub fn key(&self, s: ResultStatus) -> Option<char> {
        match s {
            ResultStatus::Custom(id) => self.custom(id).map(|c| c.key),
            b => b.builtin_info().map(|i| i.2),
        }
    }

    /// A colour name for the status (one of the 16 named terminal colours).
    pub fn colour(&self, s: ResultStatus) -> String {
        match s {
            ResultStatus::Passed => "green".into(),
            ResultStatus::Failed => "red".into(),
            ResultStatus::Blocked => "yellow".into(),
            ResultStatus::Skipped => "gray".into(),
            ResultStatus::Invalid => "magenta".into(),
            ResultStatus::Custom(id) => self.custom(id).map_or_else(|| "white".into(), |c| c.colour.clone()),
        }
    }

    /// A test's state as a word: `untested`, `retest`, or its status's slug.
    pub fn state_slug(&self, state: super::TestState) -> String {
        match state {
            super::TestState::Untested => "untested".into(),
            super::TestState::Retest => "retest".into(),
            super::TestState::Done(s) => self.slug(s),
        }
    }

    /// How grave a status is, for the one a test stands at when one import
    /// brings several executions of it. Every negative status is graver
    /// than every positive one: failed > blocked > invalid > a negative
    /// custom status > skipped > a positive custom status > passed.
    pub fn severity(&self, s: ResultStatus) -> u8 {
        match s {
            ResultStatus::Failed => 6,
            ResultStatus::Blocked => 5,
            ResultStatus::Invalid => 4,
            ResultStatus::Custom(_) if self.is_negative(s) => 3,
            ResultStatus::Skipped => 2,
            ResultStatus::Custom(_) => 1,
            ResultStatus::Passed => 0,
        }
    }

    /// Every status a new result may take: the built-ins, then visible customs.
    pub fn selectable(&self) -> Vec<ResultStatus> {
        let mut all = BUILTIN.to_vec();
        all.extend(
            self.custom
                .iter()
                .filter(|c| !c.hidden)
                .map(|c| ResultStatus::Custom(c.id)),
        );
        all
    }

    /// Parses a status by slug or name, case-insensitively. Hidden custom
    /// statuses are refused for new results.
    pub fn parse(&self, input: &str) -> Result<ResultStatus, DomainError> {
        let want = input.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        self.selectable()
            .into_iter()
            .find(|s| self.slug(*s) == want || self.name(*s).to_ascii_lowercase().replace(' ', "_") == want)
            .ok_or_else(|| {
                let known: Vec<String> = self.selectable().into_iter().map(|s| self.slug(s)).collect();
                DomainError::UnknownStatus(input.to_string(), known.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customs() -> Vec<CustomStatus> {
        vec![
            CustomStatus {
                id: 1,
                name: "Passed with issues".into(),
                slug: "passed_with_issues".into(),
                key: 'w',
                colour: "cyan".into(),
                polarity: Polarity::Positive,
                hidden: false,
            },
            CustomStatus {
                id: 2,
                name: "Flaky".into(),
                slug: "flaky".into(),
                key: 'y',
                colour: "yellow".into(),
                polarity: Polarity::Negative,
                hidden: true,
            },
        ]
    }

    #[test]
    fn builtin_polarity_and_names() {
        let c = StatusCatalog::default();
        assert!(c.is_negative(ResultStatus::Failed));
        assert!(c.is_negative(ResultStatus::Blocked));
        assert!(c.is_negative(ResultStatus::Invalid));
        assert!(!c.is_negative(ResultStatus::Passed));
        assert!(!c.is_negative(ResultStatus::Skipped));
        assert_eq!(c.slug(ResultStatus::Passed), "passed");
        assert_eq!(c.parse("FAILED").unwrap(), ResultStatus::Failed);
        assert!(c.parse("bogus").unwrap_err().to_string().contains("passed, failed"));
    }

    #[test]
    fn custom_statuses_resolve_and_hidden_ones_are_not_selectable() {
        let cs = customs();
        let c = StatusCatalog::new(&cs);
        assert_eq!(c.parse("passed with issues").unwrap(), ResultStatus::Custom(1));
        assert!(c.parse("flaky").is_err());
        assert!(c.is_negative(ResultStatus::Custom(2)));
        assert_eq!(c.name(ResultStatus::Custom(2)), "Flaky");
        assert!(c.is_negative(ResultStatus::Custom(99)));
        assert_eq!(c.selectable().len(), 6);
    }

    #[test]
    fn every_negative_status_is_graver_than_every_positive_one() {
        let cs = customs();
        let c = StatusCatalog::new(&cs);
        let order = [
            ResultStatus::Passed,
            ResultStatus::Custom(1),
            ResultStatus::Skipped,
            ResultStatus::Custom(2),
            ResultStatus::Invalid,
            ResultStatus::Blocked,
            ResultStatus::Failed,
        ];
        assert!(order.windows(2).all(|w| c.severity(w[0]) < c.severity(w[1])));
        let worst_positive = order
            .iter()
            .filter(|s| !c.is_negative(**s))
            .map(|s| c.severity(*s))
            .max();
        let mildest_negative = order
            .iter()
            .filter(|s| c.is_negative(**s))
            .map(|s| c.severity(*s))
            .min();
        assert!(worst_positive < mildest_negative);
        // An unknown custom status counts as negative, as its polarity does.
        assert_eq!(
            c.severity(ResultStatus::Custom(99)),
            c.severity(ResultStatus::Custom(2))
        );
    }

    /// The stored order is append-only: this pins it.
    #[test]
    fn stored_variant_order_is_fixed() {
        let cfg = bincode::config::standard();
        let bytes: Vec<u8> = BUILTIN
            .iter()
            .map(|s| bincode::serde::encode_to_vec(s, cfg).unwrap()[0])
            .collect();
        assert_eq!(bytes, vec![0, 1, 2, 3, 4]);
    }
}
