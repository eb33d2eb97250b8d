//! TestRail XML: `<suite>` with nested `<sections>`, cases in the Text,
//! Steps and Exploratory templates. Sections become suites; the TestRail
//! case id becomes the source (`testrail:C123`) and the first reference.

use super::xml::{self, Node};
use super::{
    CaseFile, ImportedCase, ImportedSuite, LineIndex, MAX_SUITE_PATH, ParseError, blank_case, complete_suites,
    suite_path_too_long,
};
use crate::domain::{Automation, Behavior, Case, CasePriority, CaseType, Step};

pub fn parse(bytes: &[u8]) -> Result<CaseFile, ParseError> {
    let bytes = &*xml::decode(bytes)?;
    let doc = xml::parse(
        bytes,
        xml::Nesting {
            element: "section",
            what: "sections",
        },
    )?;
    let root = &doc.root;
    let lines = LineIndex::new(bytes);
    let mut file = CaseFile {
        // TestRail's XML has none of these.
        lacks: vec![
            "postconditions",
            "severity",
            "status",
            "tags",
            "muted",
            "flaky",
            "layer",
            "steps_type",
            "milestone",
            "parameters",
        ],
        ..CaseFile::default()
    };
    for (offset, what) in &doc.bent {
        file.warnings.push(format!("line {}: {what}", lines.line(*offset)));
    }
    match root.name.as_str() {
        "suite" => {
            if let Some(sections) = root.child("sections") {
                read_sections(bytes, &lines, sections, &[], &mut file)?;
            }
        }
        "sections" => read_sections(bytes, &lines, root, &[], &mut file)?,
        other => {
            return Err(ParseError::at_offset(
                bytes,
                root.offset,
                format!("expected a TestRail <suite> document, found <{other}>"),
            ));
        }
    }
    complete_suites(&mut file);
    Ok(file)
}

/// Sections and what they hold. Recursion is bounded: the parser refuses
/// sections nested deeper than `xml::MAX_NESTING`.
fn read_sections(
    bytes: &[u8],
    lines: &LineIndex,
    sections: &Node,
    parent: &[String],
    file: &mut CaseFile,
) -> Result<(), ParseError> {
    for section in sections.children("section") {
        let name = section.child_text("name").trim();
        if name.is_empty() {
            return Err(ParseError::at_offset(
                bytes,
                section.offset,
                "expected a <name> in <section>",
            ));
        }
        let mut path = parent.to_vec();
        path.push(name.to_string());
        if path.iter().map(String::len).sum::<usize>() > MAX_SUITE_PATH {
            return Err(ParseError::at_offset(bytes, section.offset, suite_path_too_long()));
        }
        file.suites.push(ImportedSuite {
            path: path.clone(),
            description: dedent(section.child_text("description")),
        });
        if let Some(cases) = section.child("cases") {
            for case in cases.children("case") {
                let c = read_case(bytes, lines, case, file)?;
                file.cases.push(ImportedCase {
                    suite: path.clone(),
                    case: c,
                });
            }
        }
        if let Some(inner) = section.child("sections") {
            read_sections(bytes, lines, inner, &path, file)?;
        }
    }
    Ok(())
}

fn read_case(bytes: &[u8], lines: &LineIndex, node: &Node, file: &mut CaseFile) -> Result<Case, ParseError> {
    let at = |m: String| ParseError::at_offset(bytes, node.offset, m);
    let title = node.child_text("title").trim();
    if title.is_empty() {
        return Err(at("expected a <title> in <case>".into()));
    }
    let mut c = blank_case(title);
    let id = node.child_text("id").trim();
    if !id.is_empty() {
        let id = if id.starts_with(['C', 'c']) {
            id.to_uppercase()
        } else {
            format!("C{id}")
        };
        c.source = Some(format!("testrail:{id}"));
        c.refs.push(id);
    }
    c.refs.extend(
        node.child_text("references")
            .split(',')
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string),
    );
    let line = lines.line(node.offset);
    let warn = |file: &mut CaseFile, what: &str, value: &str| {
        file.warnings.push(format!(
            "line {line}: {what} '{value}' has no match in stepwise; left at the default"
        ));
    };
    let ty = node.child_text("type").trim();
    match type_of(ty) {
        Some((t, b, a)) => {
            c.case_type = t;
            c.behavior = b.unwrap_or(c.behavior);
            c.automation = a.unwrap_or(c.automation);
        }
        None => warn(file, "type", ty),
    }
    let pr = node.child_text("priority").trim();
    match pr.to_ascii_lowercase().as_str() {
        "" => {}
        "low" | "don't test" | "dont test" => c.priority = CasePriority::Low,
        "medium" | "test if time" => c.priority = CasePriority::Medium,
        "high" | "critical" | "must test" => c.priority = CasePriority::High,
        _ => warn(file, "priority", pr),
    }
    c.estimate_ms = estimate_ms(node.child_text("estimate")).map_err(|m| at(format!("<estimate>: {m}")))?;
    if let Some(custom) = node.child("custom") {
        read_custom(custom, &mut c);
    }
    if node.child_text("template").to_ascii_lowercase().contains("exploratory") {
        c.case_type = CaseType::Exploratory;
    }
    Ok(c)
}

fn read_custom(custom: &Node, c: &mut Case) {
    c.preconditions = dedent(custom.child_text("preconds"));
    if let Some(steps) = custom.child("steps_separated") {
        c.steps = steps
            .children("step")
            .map(|s| Step {
                action: dedent(s.child_text("content")),
                data: dedent(s.child_text("additional_info")),
                expected: dedent(s.child_text("expected")),
                level: 0,
            })
            .collect();
    } else {
        let (action, expected) = (
            dedent(custom.child_text("steps")),
            dedent(custom.child_text("expected")),
        );
        if !action.is_empty() || !expected.is_empty() {
            c.steps = vec![Step {
                action,
                data: String::new(),
                expected,
                level: 0,
            }];
        }
    }
    let parts: Vec<String> = [("Mission", "mission"), ("Goals", "goals")]
        .iter()
        .map(|(label, tag)| (label, dedent(custom.child_text(tag))))
        .filter(|(_, text)| !text.is_empty())
        .map(|(label, text)| format!("{label}: {text}"))
        .collect();
    if !parts.is_empty() {
        c.description = parts.join("\n\n");
    }
    if let Some(auto) = custom.child("automation_type") {
        let value = auto.child_text("value").trim().to_ascii_lowercase();
        if value.contains("to be automated") {
            c.automation = Automation::ToBeAutomated;
        } else if value.contains("automated") && !value.contains("not") {
            c.automation = Automation::Automated;
        }
    }
}

type TypeMap = (CaseType, Option<Behavior>, Option<Automation>);

/// TestRail's default case types (and common custom ones).
fn type_of(ty: &str) -> Option<TypeMap> {
    let t = ty.to_ascii_lowercase();
    Some(match t.as_str() {
        "" | "other" => (CaseType::Other, None, None),
        "acceptance" | "uat" => (CaseType::Acceptance, None, None),
        "accessibility" | "usability" => (CaseType::Usability, None, None),
        "automated" => (CaseType::Other, None, Some(Automation::Automated)),
        "destructive" => (CaseType::Other, Some(Behavior::Destructive), None),
        "smoke & sanity" | "smoke" | "sanity" => (CaseType::Smoke, None, None),
        _ => (CaseType::parse(&t).ok()?, None, None),
    })
}

/// `840` (seconds), `1m 30s`, `2h`, `1h 5m`, `1:30` in ms, read by the one
/// duration parser; TestRail's own `1d` (a working day: 8 hours) and `1w`
/// (40 hours) are added up first.
pub fn estimate_ms(text: &str) -> Result<Option<u64>, String> {
    use crate::domain::duration::{MAX_DURATION_MS, parse_duration};
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let mut days_ms = 0u64;
    let mut rest = Vec::new();
    for part in t.split_whitespace() {
        let hours = match part.char_indices().last() {
            Some((i, 'd' | 'D')) => Some((i, 8)),
            Some((i, 'w' | 'W')) => Some((i, 40)),
            _ => None,
        };
        match hours {
            Some((i, h)) => {
                let n = part[..i]
                    .parse::<u64>()
                    .map_err(|_| format!("'{t}' is not a duration: write e.g. 840 (seconds), 1m 30s, 2h or 1d"))?;
                days_ms = n
                    .checked_mul(h * 3_600_000)
                    .and_then(|ms| days_ms.checked_add(ms))
                    .filter(|ms| *ms <= MAX_DURATION_MS)
                    .ok_or_else(|| format!("'{t}' is longer than {}h", MAX_DURATION_MS / 3_600_000))?;
            }
            None => rest.push(part),
        }
    }
    let rest_ms = if rest.is_empty() {
        0
    } else if days_ms == 0 {
        parse_duration(t).map_err(|e| e.to_string())?
    } else {
        parse_duration(&rest.join(" ")).map_err(|e| format!("{e} (in '{t}')"))?
    };
    let total = days_ms.saturating_add(rest_ms);
    if total > MAX_DURATION_MS {
        return Err(format!("'{t}' is longer than {}h", MAX_DURATION_MS / 3_600_000));
    }
    Ok(Some(total))
}

/// Text without the indentation its XML pretty-printing added, and
/// without leading and trailing blank lines.
pub fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let indent = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| ws(l))
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.trim_start()
            } else {
                &l[indent.min(ws(l))..]
            }
        })
        .map(str::trim_end)
        .collect();
    body.join("\n").trim_matches('\n').to_string()
}

/// Bytes of leading spaces and tabs.
fn ws(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_and_indentation() {
        assert_eq!(estimate_ms("840").unwrap(), Some(840_000));
        assert_eq!(estimate_ms("1m 30s").unwrap(), Some(90_000));
        assert_eq!(estimate_ms("").unwrap(), None);
        assert!(estimate_ms("soon").unwrap_err().contains("'soon'"));
        assert_eq!(estimate_ms("1d 2h").unwrap(), Some(10 * 3_600_000));
        assert_eq!(estimate_ms("1w").unwrap(), Some(40 * 3_600_000));
        assert_eq!(estimate_ms("1:30").unwrap(), Some(90_000));
        assert_eq!(dedent("\n    a\n      b\n    c\n  "), "a\n  b\nc");
        assert_eq!(dedent("one line "), "one line");
    }
}
