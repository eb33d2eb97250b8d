//! The path input: a one-line field for a file's path with Tab
//! completion (attaching a file in the wizard and the defects, the file
//! to import), the one tilde expansion and the one path completer.

use super::complete::{Case, complete_prefix};
use super::field::{Field, draw_field};
use super::popup;
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use std::path::PathBuf;

/// What a key did to an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputEvent {
    Ignored,
    Changed,
    /// Enter: the caller decides what it means (attach, preview...).
    Submit,
}

/// The user's home directory (`$HOME`, else the password database).
fn home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
}

/// `typed` trimmed, a leading `~/` replaced by the home directory.
pub fn expand_tilde(typed: &str) -> String {
    let typed = typed.trim();
    match (typed.strip_prefix("~/"), home()) {
        (Some(rest), Some(h)) => h.join(rest).display().to_string(),
        _ => typed.to_string(),
    }
}

/// Tab completion of a file path: the longest common completion, and the
/// candidates when there are several. Hidden files only when the typed
/// name starts with a dot; a directory completes with its `/`.
pub fn complete_path(input: &str) -> (String, Vec<String>) {
    let tilde = input.starts_with("~/");
    let expanded = if tilde { expand_tilde(input) } else { input.to_string() };
    let (dir, prefix) = match expanded.rfind('/') {
        Some(i) => (expanded[..=i].to_string(), expanded[i + 1..].to_string()),
        None => (String::new(), expanded.clone()),
    };
    let read_from = if dir.is_empty() { "." } else { dir.as_str() };
    let Ok(entries) = std::fs::read_dir(read_from) else {
        return (input.to_string(), Vec::new());
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            (prefix.starts_with('.') || !name.starts_with('.')).then(|| if is_dir { format!("{name}/") } else { name })
        })
        .collect();
    names.sort();
    let (common, candidates) = complete_prefix(&prefix, &names, Case::Sensitive);
    if !names.iter().any(|n| n.starts_with(&prefix)) {
        return (input.to_string(), Vec::new());
    }
    let completed = format!("{dir}{common}");
    let completed = match home() {
        Some(h) if tilde && !dir.is_empty() => completed.replacen(&h.display().to_string(), "~", 1),
        _ => completed,
    };
    (completed, candidates)
}

/// A path being typed, its completion candidates and the last error.
pub struct PathInput {
    pub path: Field,
    /// Candidates shown after an ambiguous Tab.
    pub candidates: Vec<String>,
    pub error: Option<String>,
}

impl Default for PathInput {
    fn default() -> Self {
        Self::new()
    }
}

impl PathInput {
    pub fn new() -> Self {
        Self {
            path: Field::new("", false),
            candidates: Vec::new(),
            error: None,
        }
    }

    pub fn key(&mut self, key: KeyEvent) -> InputEvent {
        self.error = None;
        if key.code == KeyCode::Enter {
            return InputEvent::Submit;
        }
        if self.path.key(key) {
            self.candidates.clear();
            InputEvent::Changed
        } else {
            InputEvent::Ignored
        }
    }

    /// Completes the path as far as it is unambiguous; lists the choices.
    pub fn complete(&mut self) {
        let text = self.path.text();
        let (completed, candidates) = complete_path(&text);
        if completed != text {
            self.path.set_text(&completed);
        }
        self.candidates = candidates;
    }

    /// The typed path, trimmed and expanded; None when nothing is typed.
    pub fn expanded(&self) -> Option<PathBuf> {
        let path = expand_tilde(&self.path.text());
        (!path.is_empty()).then(|| PathBuf::from(path))
    }
}

/// The "Attach a file" popup over `area`.
pub fn render_attach(a: &mut PathInput, theme: &Theme, frame: &mut Frame, area: Rect) {
    let extra = a.candidates.len().min(6) as u16;
    let rect = popup::area(area, 76, 5 + extra, false);
    frame.render_widget(Clear, rect);
    let block = popup::frame(theme, " Attach a file ", " Enter attach  Tab complete  Esc cancel ");
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [path, info, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let [l, f] = Layout::horizontal([Constraint::Length(6), Constraint::Fill(1)]).areas(path);
    frame.render_widget(Paragraph::new(Span::styled("Path ", theme.dim())), l);
    draw_field(&mut a.path, true, theme, frame, f);
    let limit = crate::service::attachments::limit_bytes() / (1024 * 1024);
    let text = match &a.error {
        Some(e) => Line::styled(e.clone(), theme.error()),
        None => Line::styled(format!("copied into the store; up to {limit} MB"), theme.dim()),
    };
    frame.render_widget(Paragraph::new(text), info);
    let names: Vec<Line> = a.candidates.iter().take(6).map(|c| Line::raw(c.clone())).collect();
    frame.render_widget(Paragraph::new(names), list);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    #[test]
    fn completes_unique_and_common_prefixes() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().display().to_string();
        std::fs::write(dir.path().join("screenshot-1.png"), b"x").unwrap();
        std::fs::write(dir.path().join("screenshot-2.png"), b"x").unwrap();
        std::fs::write(dir.path().join(".hidden"), b"x").unwrap();
        std::fs::create_dir(dir.path().join("logs")).unwrap();
        let (c, cands) = complete_path(&format!("{base}/scr"));
        assert_eq!(c, format!("{base}/screenshot-"));
        assert_eq!(cands, ["screenshot-1.png", "screenshot-2.png"]);
        let (c, cands) = complete_path(&format!("{base}/l"));
        assert_eq!(c, format!("{base}/logs/"));
        assert!(cands.is_empty());
        let (c, _) = complete_path(&format!("{base}/zzz"));
        assert_eq!(c, format!("{base}/zzz"));
        // Hidden files only when asked for with a dot.
        assert_eq!(complete_path(&format!("{base}/")).1.len(), 3);
        assert_eq!(complete_path(&format!("{base}/.h")).0, format!("{base}/.hidden"));
    }

    #[test]
    fn a_tilde_is_the_home_directory() {
        let home = home().expect("a home directory");
        assert_eq!(
            expand_tilde(" ~/notes.txt "),
            home.join("notes.txt").display().to_string()
        );
        assert_eq!(expand_tilde("/tmp/~/x"), "/tmp/~/x");
        assert_eq!(expand_tilde("~user/x"), "~user/x");
    }

    #[test]
    fn enter_submits_and_typing_clears_the_candidates() {
        let mut p = PathInput::new();
        p.candidates = vec!["a".into(), "b".into()];
        p.error = Some("no such file".into());
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(p.key(enter), InputEvent::Submit);
        assert_eq!(p.error, None, "a key clears the error");
        assert_eq!(p.candidates.len(), 2, "Enter keeps the candidates");
        assert_eq!(
            p.key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
            InputEvent::Changed
        );
        assert!(p.candidates.is_empty());
        assert_eq!(p.expanded(), Some(PathBuf::from("x")));
        p.path.set_text("  ");
        assert_eq!(p.expanded(), None);
    }
}
