//! How one row is judged against the dashboard's search text (see
//! [`Search`]); `find` decides which rows are judged and in what order
//! they show.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The dashboard's search: every word must match one field of a test (id,
/// title, suite, configuration or assignee). A bare word matches fuzzily
/// but not loosely: its letters in order, each gap either inside one word
/// of the field or jumping to the start of a later word (`pycrd` finds "Pay
/// by card", `sort` does not find "Register a new customer account"). fzf's
/// marks work too: `'exact`, `^prefix`, `suffix$`, `!not`.
pub(super) struct Search {
    atoms: Vec<Atom>,
    matcher: Matcher,
    buf: Vec<char>,
    indices: Vec<u32>,
    /// Each field's hit for each word, for the row being judged.
    hits: [Vec<Hit>; FIELDS],
    /// The text of the shared fields (suite, configuration, assignee) the
    /// hits were worked out for: a run's rows come group by group, so
    /// those are judged once per group rather than once per row.
    judged: [Option<String>; FIELDS],
}

/// The fields searched: id, title, suite, configuration, assignee.
pub(super) const FIELDS: usize = 5;
/// The first of the fields many rows share.
const SHARED: usize = 2;

/// A word against one field.
#[derive(Clone, Copy, Debug, Default)]
struct Hit {
    /// The word's letters are in the field, in order (for a `!` word: the
    /// field holds what it excludes).
    letters: bool,
    /// The score when the match counts (a fuzzy match must be close).
    close: Option<u16>,
}

/// A row against a search.
pub(super) struct Verdict {
    /// Every word that must match has its letters in some field (a
    /// longer text can match only such rows: see [`narrows`]).
    pub candidate: bool,
    /// The score when the row matches (higher is better).
    pub score: Option<u32>,
}

impl Search {
    pub(super) fn new(text: &str) -> Option<Self> {
        let pattern = Pattern::parse(text, CaseMatching::Ignore, Normalization::Smart);
        (!pattern.atoms.is_empty()).then(|| Self {
            hits: std::array::from_fn(|_| vec![Hit::default(); pattern.atoms.len()]),
            atoms: pattern.atoms,
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
            indices: Vec::new(),
            judged: Default::default(),
        })
    }

    /// Whether some word may match an id of project `code` (`CODE-N`):
    /// every letter of it is one an id holds. When none may, the id field
    /// is left empty (an empty field matches no word and excludes none).
    pub(super) fn may_match_ids(&self, code: &str) -> bool {
        self.atoms.iter().any(|a| {
            a.needle_text()
                .chars()
                .all(|c| c == '-' || c.is_ascii_digit() || code.chars().any(|k| k.eq_ignore_ascii_case(&c)))
        })
    }

    pub(super) fn judge(&mut self, fields: [&str; FIELDS]) -> Verdict {
        for (f, field) in fields.into_iter().enumerate() {
            if f >= SHARED {
                if self.judged[f].as_deref() == Some(field) {
                    continue;
                }
                self.judged[f] = Some(field.to_string());
            }
            self.judge_field(f, field);
        }
        let mut total = Some(0u32);
        for (a, atom) in self.atoms.iter().enumerate() {
            let mut any = false;
            let mut best: Option<u16> = None;
            for hits in &self.hits {
                any |= hits[a].letters;
                best = best.max(hits[a].close);
            }
            if atom.negative {
                // Excluded when any field has what a `!` word excludes.
                if any {
                    total = None;
                }
                continue;
            }
            if !any {
                return Verdict {
                    candidate: false,
                    score: None,
                };
            }
            total = total.zip(best).map(|(t, b)| t.saturating_add(u32::from(b)));
        }
        Verdict {
            candidate: true,
            score: total,
        }
    }

    /// Every word against field `f`.
    fn judge_field(&mut self, f: usize, field: &str) {
        let Self {
            atoms,
            matcher,
            buf,
            indices,
            hits,
            ..
        } = self;
        let hay = Utf32Str::new(field, buf);
        for (atom, hit) in atoms.iter().zip(hits[f].iter_mut()) {
            *hit = if atom.negative {
                Hit {
                    letters: atom.score(hay, matcher).is_none(),
                    close: None,
                }
            } else if atom.kind != AtomKind::Fuzzy {
                let score = atom.score(hay, matcher);
                Hit {
                    letters: score.is_some(),
                    close: score,
                }
            } else {
                // One match gives both the score and where the letters
                // are (the same score `Atom::score` gives).
                indices.clear();
                match atom.indices(hay, matcher, indices) {
                    None => Hit::default(),
                    Some(score) => Hit {
                        letters: true,
                        close: close_match(hay, indices).then_some(score),
                    },
                }
            };
        }
    }
}

/// Whether matched characters `at` (ascending) of `hay` are close: each gap
/// stays inside one word or lands on the start of a word.
fn close_match(hay: Utf32Str<'_>, at: &[u32]) -> bool {
    let word_char = |i: u32| hay.get(i).is_alphanumeric();
    let starts_word = |i: u32| {
        let c = hay.get(i);
        match i.checked_sub(1).map(|p| hay.get(p)) {
            None => true,
            Some(p) => {
                !p.is_alphanumeric()
                    || (p.is_lowercase() && c.is_uppercase())
                    || (p.is_alphabetic() != c.is_alphabetic() && c.is_alphanumeric())
            }
        }
    };
    at.windows(2).all(|w| {
        let (from, to) = (w[0], w[1]);
        to == from + 1 || starts_word(to) || ((from + 1)..=to).all(word_char)
    })
}
