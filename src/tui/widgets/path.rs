//! Paths typed into a `TextInput` (attaching a file in the wizard and the
//! defects, the file to import): the one tilde expansion, the one path
//! completer, and the "Attach a file" popup.

use super::complete::{Case, complete_prefix};
use super::field::draw_field;
use super::input::TextInput;
use super::popup;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use std::path::PathBuf;

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
    if !names.iter().any(|n| n.starts_with(&prefix)) {
        return (input.to_string(), Vec::new());
    }
    let (common, candidates) = complete_prefix(&prefix, &names, Case::Sensitive);
    let completed = format!("{dir}{common}");
    let completed = match home() {
        Some(h) if tilde && !dir.is_empty() => completed.replacen(&h.display().to_string(), "~", 1),
        _ => completed,
    };
    (completed, candidates)
}

/// A text input holding a path: Tab completes it, `~/` is the home.
impl TextInput {
    /// Completes the path as far as it is unambiguous; lists the choices.
    pub fn complete_path(&mut self) {
        self.complete_with(complete_path);
    }

    /// The typed path, trimmed and expanded; None when nothing is typed.
    pub fn expanded_path(&self) -> Option<PathBuf> {
        let path = expand_tilde(&self.field.text());
        (!path.is_empty()).then(|| PathBuf::from(path))
    }
}

/// The "Attach a file" popup over `area`.
pub fn render_attach(a: &mut TextInput, theme: &Theme, frame: &mut Frame, area: Rect) {
    let extra = a.candidates.len().min(6) as u16;
    let rect = popup::area(area, 76, 5 + extra, false);
    frame.render_widget(Clear, rect);
    let block = popup::frame(
        theme,
        " Attach a file ",
        " Enter attach  Tab complete  Esc cancel ",
        rect.width,
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [path, info, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let [l, f] = Layout::horizontal([Constraint::Length(6), Constraint::Fill(1)]).areas(path);
    frame.render_widget(Paragraph::new(Span::styled("Path ", theme.dim())), l);
    draw_field(&mut a.field, true, theme, frame, f);
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
    fn a_text_input_completes_and_expands_its_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("report.xml"), b"x").unwrap();
        let mut p = TextInput::new(&format!("{}/rep", dir.path().display()));
        p.complete_path();
        assert_eq!(p.expanded_path(), Some(dir.path().join("report.xml")));
        p.field.set_text("  ");
        assert_eq!(p.expanded_path(), None);
    }
}
