//! Qase JSON export: suites (nested through `suites` or `children`) holding
//! cases holding steps (nested through `steps`). No sample export was at
//! hand: the shape follows Qase's API objects (`title`, `preconditions`,
//! `steps[].action/expected_result/data`, value names or API codes), read
//! leniently: unknown fields are ignored, scalars may be text or numbers.

use super::{
    CaseFile, ImportedCase, ImportedSuite, MAX_SUITE_PATH, ParseError, blank_case, complete_suites, suite_path_too_long,
};
use crate::domain::{Case, Step};
use crate::interop::qase;
use serde::Deserialize;
use serde::de::{self, Deserializer};

#[derive(Deserialize, Default)]
#[serde(default)]
struct Root {
    suites: Vec<JsonSuite>,
    cases: Vec<JsonCase>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JsonSuite {
    #[serde(alias = "name")]
    title: Loose,
    description: Loose,
    #[serde(alias = "children")]
    suites: Vec<JsonSuite>,
    cases: Vec<JsonCase>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JsonCase {
    id: Loose,
    title: Loose,
    description: Loose,
    preconditions: Loose,
    postconditions: Loose,
    priority: Loose,
    severity: Loose,
    #[serde(rename = "type")]
    case_type: Loose,
    behavior: Loose,
    automation: Loose,
    status: Loose,
    is_flaky: Loose,
    is_muted: Loose,
    layer: Loose,
    steps_type: Loose,
    milestone: Milestone,
    tags: Vec<Tag>,
    #[serde(alias = "parameters")]
    params: Params,
    steps: Vec<JsonStep>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JsonStep {
    action: Loose,
    #[serde(alias = "expected")]
    expected_result: Loose,
    data: Loose,
    steps: Vec<JsonStep>,
}

/// A scalar read as text: strings, numbers, booleans; null is "".
#[derive(Default, Clone)]
struct Loose(String);

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Ok(Loose(match v {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            other => return Err(de::Error::custom(format!("expected text or a number, found {other}"))),
        }))
    }
}

/// A tag: `"smoke"` or `{"title": "smoke"}`.
struct Tag(String);

impl<'de> Deserialize<'de> for Tag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match &v {
            serde_json::Value::String(s) => Ok(Tag(s.clone())),
            serde_json::Value::Object(m) => match m.get("title").or(m.get("name")) {
                Some(serde_json::Value::String(s)) => Ok(Tag(s.clone())),
                _ => Err(de::Error::custom("expected a tag with a title")),
            },
            _ => Err(de::Error::custom("expected a tag: text or {\"title\": ...}")),
        }
    }
}

/// A milestone: its title as text, `{"title": ...}`, or null.
#[derive(Default)]
struct Milestone(Option<String>);

impl<'de> Deserialize<'de> for Milestone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let title = match &v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Object(m) => m.get("title").and_then(|t| t.as_str()).map(str::to_string),
            _ => None,
        };
        Ok(Milestone(title.filter(|t| !t.trim().is_empty())))
    }
}

/// Parameters: `{"Name": ["a", "b"]}` or `[{"title": "Name", "values": [...]}]`.
#[derive(Default)]
struct Params(Vec<(String, Vec<String>)>);

impl<'de> Deserialize<'de> for Params {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let texts = |v: &serde_json::Value| -> Vec<String> {
            match v {
                serde_json::Value::Array(a) => a
                    .iter()
                    .map(|x| x.as_str().map_or(x.to_string(), str::to_string))
                    .collect(),
                serde_json::Value::String(s) => vec![s.clone()],
                _ => Vec::new(),
            }
        };
        let params = match &v {
            serde_json::Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), texts(v))).collect(),
            serde_json::Value::Array(a) => a
                .iter()
                .filter_map(|p| {
                    let name = p.get("title").or(p.get("name"))?.as_str()?.to_string();
                    Some((name, texts(p.get("values").unwrap_or(&serde_json::Value::Null))))
                })
                .collect(),
            serde_json::Value::Null => Vec::new(),
            _ => return Err(de::Error::custom("expected parameters as {\"Name\": [values]}")),
        };
        Ok(Params(params))
    }
}

pub fn parse(bytes: &[u8]) -> Result<CaseFile, ParseError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    let root: Result<Root, serde_json::Error> = match first {
        Some(b'[') => serde_json::from_slice::<Vec<JsonSuite>>(body).map(|suites| Root {
            suites,
            cases: Vec::new(),
        }),
        _ => serde_json::from_slice(body),
    };
    let root = root.map_err(|e| {
        // serde_json's message ends with its own " at line L column C".
        let text = e.to_string();
        let mut what = text.split(" at line ").next().unwrap_or_default().to_string();
        if what == "recursion limit exceeded" {
            // serde_json stops at 128 levels of arrays and objects, so the
            // walks below are bounded too.
            what = "suites or steps nested deeper than 128 levels of JSON".into();
        }
        ParseError::new(e.line(), e.column(), format!("expected a Qase JSON export: {what}"))
    })?;
    let mut file = CaseFile {
        lacks: vec!["estimate", "references"],
        ..CaseFile::default()
    };
    let mut errors = Vec::new();
    for s in &root.suites {
        read_suite(s, &[], &mut file, &mut errors);
    }
    for c in &root.cases {
        push_case(c, &[], &mut file, &mut errors);
    }
    if let Some(e) = errors.into_iter().next() {
        // Value errors have no position in a JSON tree: point at the case.
        return Err(ParseError::at_offset(body, find_title(body, &e.0), e.1));
    }
    complete_suites(&mut file);
    Ok(file)
}

fn read_suite(s: &JsonSuite, parent: &[String], file: &mut CaseFile, errors: &mut Vec<(String, String)>) {
    let mut path = parent.to_vec();
    let title = s.title.0.trim();
    path.push(if title.is_empty() {
        "Untitled suite".to_string()
    } else {
        title.to_string()
    });
    if path.iter().map(String::len).sum::<usize>() > MAX_SUITE_PATH {
        errors.push((s.title.0.clone(), suite_path_too_long()));
        return;
    }
    file.suites.push(ImportedSuite {
        path: path.clone(),
        description: s.description.0.clone(),
    });
    for c in &s.cases {
        push_case(c, &path, file, errors);
    }
    for child in &s.suites {
        read_suite(child, &path, file, errors);
    }
}

fn push_case(c: &JsonCase, suite: &[String], file: &mut CaseFile, errors: &mut Vec<(String, String)>) {
    match read_case(c) {
        Ok(case) => file.cases.push(ImportedCase {
            suite: suite.to_vec(),
            case,
        }),
        Err(e) => errors.push((c.title.0.clone(), format!("case '{}': {e}", c.title.0.trim()))),
    }
}

/// API codes (numbers) or Qase's names, through one table.
fn coded(value: &str, codes: &[&str]) -> Result<String, String> {
    match value.trim().parse::<usize>() {
        Ok(n) => codes
            .get(n)
            .map(|s| s.to_string())
            .ok_or_else(|| format!("unknown code {n}")),
        Err(_) => Ok(value.to_string()),
    }
}

/// A field's value through its API codes (numbers) and Qase's names.
fn field<T>(name: &str, value: &Loose, codes: &[&str], parse: fn(&str) -> Result<T, String>) -> Result<T, String> {
    coded(&value.0, codes)
        .and_then(|v| parse(&v))
        .map_err(|e| format!("{name}: {e}"))
}

fn read_case(j: &JsonCase) -> Result<Case, String> {
    if j.title.0.trim().is_empty() {
        return Err("expected a title".into());
    }
    let mut c = blank_case(&j.title.0);
    c.description = j.description.0.clone();
    c.preconditions = j.preconditions.0.clone();
    c.postconditions = j.postconditions.0.clone();
    c.priority = field(
        "priority",
        &j.priority,
        &["undefined", "high", "medium", "low"],
        qase::priority,
    )?;
    let severities = [
        "undefined",
        "blocker",
        "critical",
        "major",
        "normal",
        "minor",
        "trivial",
    ];
    c.severity = field("severity", &j.severity, &severities, qase::severity)?;
    let types = [
        "other",
        "other",
        "smoke",
        "regression",
        "security",
        "usability",
        "performance",
        "acceptance",
        "functional",
        "compatibility",
        "integration",
        "exploratory",
    ];
    c.case_type = field("type", &j.case_type, &types, qase::case_type)?;
    let behaviors = ["undefined", "undefined", "positive", "negative", "destructive"];
    c.behavior = field("behavior", &j.behavior, &behaviors, qase::behavior)?;
    let automation = ["is-not-automated", "to-be-automated", "automated"];
    c.automation = field("automation", &j.automation, &automation, qase::automation)?;
    c.status = field("status", &j.status, &["actual", "draft", "deprecated"], qase::status)?;
    c.layer = field("layer", &j.layer, &["unknown", "e2e", "api", "unit"], qase::layer)?;
    c.flaky = field("is_flaky", &j.is_flaky, &["no", "yes"], qase::yes_no)?;
    c.muted = field("is_muted", &j.is_muted, &["no", "yes"], qase::yes_no)?;
    c.steps_kind = field("steps_type", &j.steps_type, &[], qase::steps_kind)?;
    c.milestone = j.milestone.0.clone();
    c.tags = j
        .tags
        .iter()
        .map(|t| t.0.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    c.params = j.params.0.clone();
    flatten_steps(&j.steps, 0, &mut c.steps);
    let id = j.id.0.trim();
    if !id.is_empty() {
        c.source = Some(format!("qase:{id}"));
    }
    Ok(c)
}

fn flatten_steps(steps: &[JsonStep], level: u8, out: &mut Vec<Step>) {
    for s in steps {
        out.push(Step {
            action: s.action.0.clone(),
            data: s.data.0.clone(),
            expected: s.expected_result.0.clone(),
            level,
        });
        flatten_steps(&s.steps, level.saturating_add(1), out);
    }
}

/// The byte offset of a case's title, for value errors.
fn find_title(body: &[u8], title: &str) -> usize {
    let needle = serde_json::to_string(title).unwrap_or_default();
    body.windows(needle.len().max(1))
        .position(|w| w == needle.as_bytes())
        .unwrap_or(0)
}
