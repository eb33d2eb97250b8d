//! The fields a query can name, which operators each takes, and how their
//! values are read.

use super::lexer::Op;
use crate::domain::{Automation, Behavior, CasePriority, CaseStatus, CaseType, Layer, Severity};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Field {
    Id,
    Title,
    Suite,
    Priority,
    Severity,
    Type,
    Behavior,
    Automation,
    Status,
    Tag,
    Muted,
    Flaky,
    Estimate,
    Layer,
    Milestone,
    Ref,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::Id,
        Field::Title,
        Field::Suite,
        Field::Priority,
        Field::Severity,
        Field::Type,
        Field::Behavior,
        Field::Automation,
        Field::Status,
        Field::Tag,
        Field::Muted,
        Field::Flaky,
        Field::Estimate,
        Field::Layer,
        Field::Milestone,
        Field::Ref,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Suite => "suite",
            Field::Priority => "priority",
            Field::Severity => "severity",
            Field::Type => "type",
            Field::Behavior => "behavior",
            Field::Automation => "automation",
            Field::Status => "status",
            Field::Tag => "tag",
            Field::Muted => "muted",
            Field::Flaky => "flaky",
            Field::Estimate => "estimate",
            Field::Layer => "layer",
            Field::Milestone => "milestone",
            Field::Ref => "ref",
        }
    }

    /// A field by name (case-insensitive; `tags` is `tag`, `refs` is `ref`).
    pub fn parse(name: &str) -> Option<Field> {
        let name = name.to_ascii_lowercase();
        let name = match name.as_str() {
            "tags" => "tag".to_string(),
            "refs" => "ref".to_string(),
            _ => name,
        };
        Field::ALL.iter().copied().find(|f| f.as_str() == name)
    }

    pub fn names() -> String {
        Field::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// The operators this field takes.
    pub fn ops(self) -> &'static [Op] {
        use Op::*;
        match self {
            Field::Id | Field::Priority | Field::Severity | Field::Estimate => &[Eq, Ne, Lt, Gt],
            Field::Title | Field::Suite | Field::Tag | Field::Milestone | Field::Ref => {
                &[Eq, Ne, Contains, NotContains]
            }
            Field::Type
            | Field::Behavior
            | Field::Automation
            | Field::Status
            | Field::Muted
            | Field::Flaky
            | Field::Layer => &[Eq, Ne],
        }
    }

    /// Reads a value for this field, or says what was expected.
    pub fn value(self, text: &str, op: Op) -> Result<Value, String> {
        fn list<T: Copy>(
            parse: impl Fn(&str) -> Result<T, crate::domain::DomainError>,
            all: &[T],
            name: impl Fn(T) -> &'static str,
            kind: &str,
            text: &str,
        ) -> Result<T, String> {
            parse(text).map_err(|_| {
                let known: Vec<&str> = all.iter().map(|v| name(*v)).collect();
                format!("unknown {kind} '{text}'; known: {}", known.join(", "))
            })
        }
        Ok(match self {
            Field::Id => Value::Id(parse_id(text)?),
            Field::Title | Field::Suite | Field::Tag | Field::Milestone | Field::Ref
                if matches!(op, Op::Contains | Op::NotContains) =>
            {
                Value::Text(text.to_lowercase())
            }
            Field::Title | Field::Suite | Field::Tag | Field::Milestone | Field::Ref => {
                Value::Text(text.trim().to_lowercase())
            }
            Field::Layer => Value::Layer(list(Layer::parse, Layer::ALL, Layer::as_str, "layer", text)?),
            Field::Priority => Value::Priority(list(
                CasePriority::parse,
                CasePriority::ALL,
                CasePriority::as_str,
                "priority",
                text,
            )?),
            Field::Severity => Value::Severity(list(
                Severity::parse,
                Severity::ALL,
                Severity::as_str,
                "severity",
                text,
            )?),
            Field::Type => Value::Type(list(CaseType::parse, CaseType::ALL, CaseType::as_str, "type", text)?),
            Field::Behavior => Value::Behavior(list(
                Behavior::parse,
                Behavior::ALL,
                Behavior::as_str,
                "behavior",
                text,
            )?),
            Field::Automation => Value::Automation(list(
                Automation::parse,
                Automation::ALL,
                Automation::as_str,
                "automation",
                text,
            )?),
            Field::Status => Value::Status(list(
                CaseStatus::parse,
                CaseStatus::ALL,
                CaseStatus::as_str,
                "case status",
                text,
            )?),
            Field::Muted | Field::Flaky => match text.to_ascii_lowercase().as_str() {
                "true" | "yes" => Value::Bool(true),
                "false" | "no" => Value::Bool(false),
                _ => return Err(format!("unknown {} value '{text}'; known: true, false", self.as_str())),
            },
            Field::Estimate => Value::Estimate(parse_duration(text)?),
        })
    }
}

/// A value, read for its field.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    Id(u64),
    /// Lower-cased text.
    Text(String),
    Priority(CasePriority),
    Severity(Severity),
    Type(CaseType),
    Behavior(Behavior),
    Automation(Automation),
    Status(CaseStatus),
    Layer(Layer),
    Bool(bool),
    /// Milliseconds; `None` is `estimate = none` (no estimate).
    Estimate(Option<u64>),
}

/// `DEMO-3`, `#3` or `3`.
fn parse_id(text: &str) -> Result<u64, String> {
    let number = text.rsplit_once('-').map_or(text, |(_, n)| n);
    let number = number.strip_prefix('#').unwrap_or(number);
    number
        .parse::<u64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("invalid case id '{text}': expected CODE-N or N, e.g. DEMO-3"))
}

/// `none`, or a duration as every duration input takes it: `90s`, `5m`,
/// `1h30m`, `1:30`, a bare number of seconds.
fn parse_duration(text: &str) -> Result<Option<u64>, String> {
    if text.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    if text.trim().is_empty() {
        return Err(format!(
            "invalid estimate '{text}': expected a duration like 30s, 5m or 1h30m, or none"
        ));
    }
    // A zero duration is a value here (`estimate > 0s`), not "no estimate".
    crate::domain::duration::parse_duration(text)
        .map(Some)
        .map_err(|_| format!("invalid estimate '{text}': expected a duration like 30s, 5m, 1h30m or 1:30, or none"))
}
