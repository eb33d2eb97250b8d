//! Cases out as Qase CSV: the 25 columns plus `is_muted`, a row per suite
//! (`suite_without_cases=1`) then a row per case, steps as numbered lines.
//! Importing the file again (into stepwise or Qase) gives the same cases.

use crate::domain::{Case, StepsKind, Suite};
use crate::interop::qase;
use std::collections::{BTreeSet, HashMap};

pub const HEADER: [&str; 26] = [
    "v2.id",
    "title",
    "description",
    "preconditions",
    "postconditions",
    "tags",
    "priority",
    "severity",
    "type",
    "behavior",
    "automation",
    "status",
    "is_flaky",
    "layer",
    "steps_type",
    "steps_actions",
    "steps_result",
    "steps_data",
    "milestone_id",
    "milestone",
    "suite_id",
    "suite_parent_id",
    "suite",
    "suite_without_cases",
    "parameters",
    "is_muted",
];

/// The Qase id a case came from (`qase:5` -> `5`); other cases get none,
/// so that an import matches them by suite and title.
fn qase_id(case: &Case) -> String {
    case.source
        .as_deref()
        .and_then(|s| s.strip_prefix("qase:"))
        .unwrap_or_default()
        .to_string()
}

/// Writes `cases` with the suites they sit in (and their parents); with
/// `all_suites`, every suite, also the empty ones.
pub fn write(suites: &[Suite], cases: &[Case], all_suites: bool) -> Result<Vec<u8>, csv::Error> {
    let by_id: HashMap<u64, &Suite> = suites.iter().map(|s| (s.id, s)).collect();
    let mut wanted: BTreeSet<u64> = BTreeSet::new();
    if all_suites {
        wanted.extend(by_id.keys());
    }
    for c in cases {
        let mut at = c.suite;
        // Bounded: damaged parent links cannot hang.
        for _ in 0..64 {
            let Some(id) = at else { break };
            if !wanted.insert(id) {
                break;
            }
            at = by_id.get(&id).and_then(|s| s.parent);
        }
    }
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    out.write_record(HEADER)?;
    let parent_of = |id: u64| {
        by_id
            .get(&id)
            .and_then(|s| s.parent)
            .map_or(String::new(), |p| p.to_string())
    };
    for id in &wanted {
        let Some(s) = by_id.get(id) else { continue };
        let mut row = vec![String::new(); HEADER.len()];
        row[20] = s.id.to_string();
        row[21] = parent_of(s.id);
        row[22] = s.name.clone();
        row[23] = "1".into();
        out.write_record(&row)?;
    }
    for c in cases {
        let quoted_actions = c.steps_kind != StepsKind::Gherkin;
        let suite = c.suite.filter(|id| by_id.contains_key(id));
        let row: [String; 26] = [
            qase_id(c),
            c.title.clone(),
            c.description.clone(),
            c.preconditions.clone(),
            c.postconditions.clone(),
            c.tags.join(","),
            qase::priority_name(c.priority).into(),
            qase::severity_name(c.severity).into(),
            c.case_type.as_str().into(),
            qase::behavior_name(c.behavior).into(),
            qase::automation_name(c.automation).into(),
            qase::status_name(c.status).into(),
            qase::yes_no_name(c.flaky).into(),
            qase::layer_name(c.layer).into(),
            qase::steps_kind_name(c.steps_kind).into(),
            qase::write_items(&c.steps, |s| &s.action, quoted_actions),
            qase::write_items(&c.steps, |s| &s.expected, true),
            qase::write_items(&c.steps, |s| &s.data, true),
            String::new(),
            c.milestone.clone().unwrap_or_default(),
            suite.map_or(String::new(), |id| id.to_string()),
            suite.map_or(String::new(), parent_of),
            suite
                .and_then(|id| by_id.get(&id))
                .map_or(String::new(), |s| s.name.clone()),
            String::new(),
            qase::write_params(&c.params),
            qase::yes_no_name(c.muted).into(),
        ];
        out.write_record(&row)?;
    }
    out.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
