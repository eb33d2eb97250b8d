//! Qase's own spellings: value lists, the numbered step lines of its CSV
//! cells and `Name:value` parameter lines, read and written.

use crate::domain::{Automation, Behavior, CasePriority, CaseStatus, CaseType, Layer, Severity, Step, StepsKind};

fn pick<T: Copy>(value: &str, table: &[(&str, T)], default: T) -> Result<T, String> {
    let v = value.trim().to_ascii_lowercase();
    if v.is_empty() {
        return Ok(default);
    }
    let v = v.replace(['_', ' '], "-");
    table
        .iter()
        .find(|(name, _)| *name == v)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
            format!("unknown value '{}'; expected one of {}", value.trim(), names.join(", "))
        })
}

fn name<T: Copy + PartialEq>(value: T, table: &[(&'static str, T)]) -> &'static str {
    table.iter().find(|(_, t)| *t == value).map_or("", |(n, _)| *n)
}

const PRIORITY: [(&str, CasePriority); 5] = [
    ("undefined", CasePriority::NotSet),
    ("high", CasePriority::High),
    ("medium", CasePriority::Medium),
    ("low", CasePriority::Low),
    ("not-set", CasePriority::NotSet),
];
const SEVERITY: [(&str, Severity); 8] = [
    ("undefined", Severity::NotSet),
    ("blocker", Severity::Blocker),
    ("critical", Severity::Critical),
    ("major", Severity::Major),
    ("normal", Severity::Normal),
    ("minor", Severity::Minor),
    ("trivial", Severity::Trivial),
    ("not-set", Severity::NotSet),
];
const BEHAVIOR: [(&str, Behavior); 5] = [
    ("undefined", Behavior::NotSet),
    ("positive", Behavior::Positive),
    ("negative", Behavior::Negative),
    ("destructive", Behavior::Destructive),
    ("not-set", Behavior::NotSet),
];
const AUTOMATION: [(&str, Automation); 5] = [
    ("is-not-automated", Automation::Manual),
    ("automated", Automation::Automated),
    ("to-be-automated", Automation::ToBeAutomated),
    ("manual", Automation::Manual),
    ("not-automated", Automation::Manual),
];
const STATUS: [(&str, CaseStatus); 3] = [
    ("actual", CaseStatus::Actual),
    ("draft", CaseStatus::Draft),
    ("deprecated", CaseStatus::Deprecated),
];
const LAYER: [(&str, Layer); 4] = [
    ("unknown", Layer::Unknown),
    ("e2e", Layer::E2e),
    ("api", Layer::Api),
    ("unit", Layer::Unit),
];
const STEPS: [(&str, StepsKind); 2] = [("classic", StepsKind::Classic), ("gherkin", StepsKind::Gherkin)];
const YES_NO: [(&str, bool); 6] = [
    ("no", false),
    ("yes", true),
    ("false", false),
    ("true", true),
    ("0", false),
    ("1", true),
];

pub fn priority(v: &str) -> Result<CasePriority, String> {
    pick(v, &PRIORITY, CasePriority::NotSet)
}
pub fn severity(v: &str) -> Result<Severity, String> {
    pick(v, &SEVERITY, Severity::NotSet)
}
pub fn behavior(v: &str) -> Result<Behavior, String> {
    pick(v, &BEHAVIOR, Behavior::NotSet)
}
pub fn automation(v: &str) -> Result<Automation, String> {
    pick(v, &AUTOMATION, Automation::Manual)
}
pub fn status(v: &str) -> Result<CaseStatus, String> {
    pick(v, &STATUS, CaseStatus::Actual)
}
pub fn layer(v: &str) -> Result<Layer, String> {
    pick(v, &LAYER, Layer::Unknown)
}
pub fn steps_kind(v: &str) -> Result<StepsKind, String> {
    pick(v, &STEPS, StepsKind::Classic)
}
pub fn yes_no(v: &str) -> Result<bool, String> {
    pick(v, &YES_NO, false)
}
pub fn case_type(v: &str) -> Result<CaseType, String> {
    if v.trim().is_empty() {
        return Ok(CaseType::Other);
    }
    CaseType::parse(v).map_err(|e| e.to_string())
}

pub fn priority_name(v: CasePriority) -> &'static str {
    name(v, &PRIORITY)
}
pub fn severity_name(v: Severity) -> &'static str {
    name(v, &SEVERITY)
}
pub fn behavior_name(v: Behavior) -> &'static str {
    name(v, &BEHAVIOR)
}
pub fn automation_name(v: Automation) -> &'static str {
    name(v, &AUTOMATION)
}
pub fn status_name(v: CaseStatus) -> &'static str {
    name(v, &STATUS)
}
pub fn layer_name(v: Layer) -> &'static str {
    name(v, &LAYER)
}
pub fn steps_kind_name(v: StepsKind) -> &'static str {
    name(v, &STEPS)
}
pub fn yes_no_name(v: bool) -> &'static str {
    if v { "yes" } else { "no" }
}

/// One numbered item of a steps cell: its nesting level and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub level: u8,
    pub text: String,
}

/// Reads a steps cell: `1. "text"` lines, tab-indented lines for nested
/// steps, unquoted Gherkin lines, several quoted items on one line
/// (`1. "" 2. ""`), `\n`, `\/` and `\"` escapes inside.
pub fn parse_items(cell: &str) -> Result<Vec<Item>, String> {
    let mut items: Vec<Item> = Vec::new();
    for (n, line) in cell.lines().enumerate() {
        let level = line.chars().take_while(|c| *c == '\t').count();
        let mut rest = line[level..].trim_start();
        if rest.trim().is_empty() {
            continue;
        }
        let level = u8::try_from(level).unwrap_or(u8::MAX);
        let mut first = true;
        while !rest.is_empty() {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            let numbered = digits > 0 && rest[digits..].starts_with('.');
            if !numbered {
                // A line that goes on from an unquoted item (long Gherkin).
                match items.last_mut() {
                    Some(prev) if first => {
                        prev.text.push('\n');
                        prev.text.push_str(&unescape(rest.trim_end()));
                        break;
                    }
                    _ => return Err(format!("line {}: expected a numbered step like 1. \"text\"", n + 1)),
                }
            }
            rest = rest[digits + 1..].trim_start();
            first = false;
            if let Some(quoted) = rest.strip_prefix('"') {
                let end = closing_quote(quoted)
                    .ok_or_else(|| format!("line {}: expected a closing \" after the step text", n + 1))?;
                items.push(Item {
                    level,
                    text: unescape(&quoted[..end]),
                });
                rest = quoted[end + 1..].trim_start();
            } else {
                items.push(Item {
                    level,
                    text: unescape(rest.trim_end()),
                });
                rest = "";
            }
        }
    }
    Ok(items)
}

/// The index of the first `"` not escaped by a backslash.
fn closing_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => {}
            Some(c @ ('/' | '"' | '\\')) => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '/' => out.push_str("\\/"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// Joins the three step cells into steps: the i-th item of each column is
/// one step (the action column gives the level).
pub fn steps_from_cells(actions: &str, results: &str, data: &str) -> Result<Vec<Step>, String> {
    let a = parse_items(actions).map_err(|e| format!("steps_actions: {e}"))?;
    let r = parse_items(results).map_err(|e| format!("steps_result: {e}"))?;
    let d = parse_items(data).map_err(|e| format!("steps_data: {e}"))?;
    let count = a.len().max(r.len()).max(d.len());
    let text = |items: &[Item], i: usize| items.get(i).map_or(String::new(), |x| x.text.clone());
    let steps: Vec<Step> = (0..count)
        .map(|i| Step {
            action: text(&a, i),
            data: text(&d, i),
            expected: text(&r, i),
            level: a.get(i).or(r.get(i)).or(d.get(i)).map_or(0, |x| x.level),
        })
        .collect();
    // A column of only empty items next to no action at all is no step.
    if steps
        .iter()
        .all(|s| s.action.is_empty() && s.data.is_empty() && s.expected.is_empty())
    {
        return Ok(Vec::new());
    }
    Ok(steps)
}

/// One steps column as Qase writes it: numbered per level, quoted unless
/// the steps are Gherkin actions.
pub fn write_items(steps: &[Step], field: impl Fn(&Step) -> &str, quoted: bool) -> String {
    let mut out = String::new();
    let mut counters: Vec<u32> = Vec::new();
    for s in steps {
        let level = usize::from(s.level);
        counters.resize(level + 1, 0);
        counters[level] += 1;
        let text = escape(field(s));
        out.push_str(&"\t".repeat(level));
        if quoted || text.starts_with('"') || text.is_empty() {
            out.push_str(&format!("{}. \"{text}\"\n", counters[level]));
        } else {
            out.push_str(&format!("{}. {text}\n", counters[level]));
        }
    }
    out
}

/// `Name:value` lines into parameters, values grouped by name in order.
pub fn parse_params(cell: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    let mut params: Vec<(String, Vec<String>)> = Vec::new();
    for (n, line) in cell.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let (k, v) = line
            .split_once(':')
            .ok_or_else(|| format!("line {}: expected Name:value, got '{}'", n + 1, line.trim()))?;
        let (k, v) = (k.trim().to_string(), v.trim().to_string());
        match params.iter_mut().find(|(name, _)| *name == k) {
            Some((_, values)) => values.push(v),
            None => params.push((k, vec![v])),
        }
    }
    Ok(params)
}

pub fn write_params(params: &[(String, Vec<String>)]) -> String {
    let lines: Vec<String> = params
        .iter()
        .flat_map(|(k, vs)| vs.iter().map(move |v| format!("{k}:{v}")))
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_nested_gherkin_and_one_line() {
        let cell = "1. \"Parent\"\n\t1. \"Child \\/ x\"\n\t\t1. \"Deep\\nline\"\n2. \"Two \\\"q\\\"\"\n";
        let items = parse_items(cell).unwrap();
        let got: Vec<(u8, &str)> = items.iter().map(|i| (i.level, i.text.as_str())).collect();
        assert_eq!(
            got,
            [(0, "Parent"), (1, "Child / x"), (2, "Deep\nline"), (0, "Two \"q\"")]
        );
        let same_line = parse_items("1. \"\" 2. \"\" 3. \"\"").unwrap();
        assert_eq!(same_line.len(), 3);
        let g = parse_items("1. Given a \n2. When \"b\" happens\n").unwrap();
        assert_eq!(g[0].text, "Given a");
        assert_eq!(g[1].text, "When \"b\" happens");
        assert!(parse_items("1. \"open").unwrap_err().contains("closing"));
        assert!(parse_items("hello").unwrap_err().contains("numbered"));
    }

    #[test]
    fn steps_round_trip_through_cells() {
        let steps = vec![
            Step {
                action: "Open /login".into(),
                data: "a\"b".into(),
                expected: "".into(),
                level: 0,
            },
            Step {
                action: "Child".into(),
                data: "".into(),
                expected: "ok\nthen".into(),
                level: 1,
            },
            Step {
                action: "Back\\slash".into(),
                data: "".into(),
                expected: "x".into(),
                level: 0,
            },
        ];
        let a = write_items(&steps, |s| &s.action, true);
        let r = write_items(&steps, |s| &s.expected, true);
        let d = write_items(&steps, |s| &s.data, true);
        assert_eq!(steps_from_cells(&a, &r, &d).unwrap(), steps);
        let p = vec![("User".to_string(), vec!["a".to_string(), "b:c".to_string()])];
        assert_eq!(parse_params(&write_params(&p)).unwrap(), p);
        assert_eq!(priority("undefined").unwrap(), CasePriority::NotSet);
        assert_eq!(automation("is-not-automated").unwrap(), Automation::Manual);
        assert!(severity("huge").unwrap_err().contains("blocker"));
    }
}
