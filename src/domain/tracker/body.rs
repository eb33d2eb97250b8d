//! The issue a push creates: title, body text (Markdown, which GitHub,
//! GitLab and Linear render and Jira Data Center shows as it is), the same
//! text as an Atlassian Document Format document for Jira Cloud, and the
//! severity as a label or a priority.

use crate::domain::{Defect, Severity};
use serde_json::{Value, json};

/// A result the defect is linked to, as the issue lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushedLink {
    pub run: u64,
    /// None: the run was deleted.
    pub run_title: Option<String>,
    pub run_environment: Option<String>,
    pub test: u32,
    /// `CODE-N` of the case.
    pub case: String,
    pub case_title: String,
    pub config: String,
    /// The linked result's status, e.g. `failed`.
    pub result_status: Option<String>,
}

/// What a push sends, whatever the tracker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewIssue {
    pub title: String,
    pub text: String,
    pub severity: Severity,
}

impl NewIssue {
    /// The defect's title and a body with the actual result, the
    /// description (which holds the expected result, the steps to
    /// reproduce, the environment and the configuration when the defect
    /// was filed from a failure), the severity, the environments and
    /// configurations of its runs, the linked runs, tests and results, and
    /// the stepwise defect id.
    pub fn from_defect(defect: &Defect, code: &str, links: &[PushedLink]) -> Self {
        let mut blocks: Vec<String> = Vec::new();
        if !defect.actual.trim().is_empty() {
            blocks.push(format!("## Actual result\n{}", defect.actual.trim()));
        }
        if !defect.description.trim().is_empty() {
            blocks.push(defect.description.trim().to_string());
        }
        blocks.push(format!("## Severity\n{}", defect.severity.label()));
        let mut environments: Vec<&str> = links.iter().filter_map(|l| l.run_environment.as_deref()).collect();
        environments.dedup();
        if !environments.is_empty() && !defect.description.contains("Environment:") {
            blocks.push(format!("## Environment\n{}", environments.join(", ")));
        }
        let mut configs: Vec<&str> = links
            .iter()
            .map(|l| l.config.as_str())
            .filter(|c| !c.is_empty())
            .collect();
        configs.dedup();
        if !configs.is_empty() && !defect.description.contains("Configuration:") {
            blocks.push(format!("## Configuration\n{}", configs.join(", ")));
        }
        if !links.is_empty() {
            let lines: Vec<String> = links
                .iter()
                .map(|l| {
                    let run = match &l.run_title {
                        Some(t) => format!("run #{} {t}", l.run),
                        None => format!("run #{} (deleted)", l.run),
                    };
                    let result = l
                        .result_status
                        .as_deref()
                        .map(|s| format!(", result {s}"))
                        .unwrap_or_default();
                    format!("- {run}: test {} {} {}{result}", l.test, l.case, l.case_title)
                })
                .collect();
            blocks.push(format!("## Linked results\n{}", lines.join("\n")));
        }
        blocks.push(format!("Filed from stepwise defect {code}/D-{}.", defect.no));
        Self {
            title: defect.title.clone(),
            text: blocks.join("\n\n"),
            severity: defect.severity,
        }
    }

    /// The severity as a label (GitHub, GitLab, Jira), if it is set.
    pub fn severity_label(&self) -> Option<String> {
        (self.severity != Severity::NotSet).then(|| format!("severity:{}", self.severity.as_str()))
    }

    /// Linear's priority: 1 urgent, 2 high, 3 medium, 4 low, 0 none.
    pub fn linear_priority(&self) -> u8 {
        match self.severity {
            Severity::Blocker | Severity::Critical => 1,
            Severity::Major => 2,
            Severity::Normal => 3,
            Severity::Minor | Severity::Trivial => 4,
            Severity::NotSet => 0,
        }
    }
}

/// `text` as an Atlassian Document Format document: a block starting
/// `## ` is a heading, `- ` lines a bullet list, other blocks paragraphs
/// whose lines end in hard breaks.
pub fn adf(text: &str) -> Value {
    let plain = |t: &str| json!({"type": "text", "text": t});
    let mut content = Vec::new();
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        let mut lines: Vec<&str> = block.lines().collect();
        if let Some(h) = lines.first().and_then(|l| l.strip_prefix("## ")) {
            content.push(json!({"type": "heading", "attrs": {"level": 2}, "content": [plain(h)]}));
            lines.remove(0);
        }
        if lines.is_empty() {
            continue;
        }
        if lines.iter().all(|l| l.starts_with("- ")) {
            let items: Vec<Value> = lines
                .iter()
                .map(|l| json!({"type": "listItem", "content": [{"type": "paragraph", "content": [plain(&l[2..])]}]}))
                .collect();
            content.push(json!({"type": "bulletList", "content": items}));
            continue;
        }
        let mut inline = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                inline.push(json!({"type": "hardBreak"}));
            }
            if !line.is_empty() {
                inline.push(plain(line));
            }
        }
        content.push(json!({"type": "paragraph", "content": inline}));
    }
    json!({"type": "doc", "version": 1, "content": content})
}
