//! The screens and the frame around them: tab bar, footer hints from the
//! keymap, overlays, and the "terminal too small" line.

pub mod dashboard;
pub mod defects;
pub mod form_draft;
pub mod help;
pub mod home;
mod home_route;
pub mod list;
pub mod new_run;
pub mod picker;
pub mod repository;
pub mod run_view;
pub mod wizard;

use super::action::Action;
use super::app::{App, Overlay};
use super::keymap::{self, Scope};
use crate::domain::ProjectCode;
use crate::service::{Service, ServiceError};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this the layout cannot work; a one-line message is drawn instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

static PAGE: AtomicUsize = AtomicUsize::new(10);

/// Rows in a page of the current list (from the last frame drawn).
pub fn page_size() -> usize {
    PAGE.load(Ordering::Relaxed).max(1)
}

pub(crate) fn set_page_size(rows: usize) {
    PAGE.store(rows, Ordering::Relaxed);
}

/// Moves a list's selection for a movement action; returns whether it moved.
pub fn move_cursor(cursor: &mut crate::tui::widgets::cursor::Cursor, action: Action, len: usize, page: usize) -> bool {
    let page = page as isize;
    match action {
        Action::Up => cursor.move_by(-1, len),
        Action::Down => cursor.move_by(1, len),
        Action::PageUp => cursor.move_by(-page, len),
        Action::PageDown => cursor.move_by(page, len),
        Action::Top => cursor.to(0, len),
        Action::Bottom => cursor.to(len.saturating_sub(1), len),
        _ => false,
    }
}

pub enum Screen {
    Home(Box<home::Home>),
    Run(Box<run_view::RunScreen>),
    List(list::ListScreen),
    Wizard(Box<wizard::Wizard>),
    Defects(Box<defects::DefectsScreen>),
    Repository(Box<repository::RepositoryScreen>),
    CaseEditor(Box<repository::editor::CaseEditor>),
    NewRun(Box<new_run::NewRunScreen>),
}

impl Screen {
    pub fn scope(&self) -> Scope {
        match self {
            Screen::Home(h) => h.scope(),
            Screen::Run(d) => d.scope(),
            Screen::List(_) => Scope::List,
            Screen::Wizard(w) if w.dialog.is_some() => Scope::Dialog,
            Screen::Wizard(_) => Scope::Wizard,
            Screen::Defects(d) => d.scope(),
            Screen::Repository(r) => r.scope(),
            Screen::CaseEditor(e) => e.scope(),
            Screen::NewRun(n) => n.scope(),
        }
    }

    /// Moves the selection; returns whether anything changed.
    pub fn navigate(&mut self, action: Action, page: usize) -> bool {
        let (cursor, len) = match self {
            Screen::Home(h) => (&mut h.cursor, h.runs.len()),
            Screen::Run(d) => return d.navigate(action, page),
            Screen::List(l) => (&mut l.cursor, l.rows.len()),
            Screen::Wizard(_)
            | Screen::Defects(_)
            | Screen::Repository(_)
            | Screen::CaseEditor(_)
            | Screen::NewRun(_) => return false,
        };
        move_cursor(cursor, action, len, page)
    }

    pub fn reload(&mut self, svc: &Service, project: &ProjectCode) -> Result<(), ServiceError> {
        match self {
            Screen::Home(h) => h.reload(svc, project),
            Screen::Run(r) => r.reload(svc, project),
            Screen::List(l) => l.reload(svc, project),
            Screen::Wizard(_) => Ok(()),
            Screen::Defects(d) => d.reload(svc),
            Screen::Repository(r) => r.reload(svc),
            Screen::CaseEditor(_) | Screen::NewRun(_) => Ok(()),
        }
    }
}

/// The header's tabs: the digit that opens each, and its name.
pub(crate) const TABS: [(u8, &str); 4] = [(1, "Runs"), (2, "Repository"), (3, "Defects"), (4, "Settings")];

pub fn render(app: &mut App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        );
        // One line where it fits; wrapped rather than cut where it does not.
        let wrap = ratatui::widgets::Wrap { trim: true };
        frame.render_widget(Paragraph::new(text).style(app.theme.error()).wrap(wrap), area);
        return;
    }
    let [tabs, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    render_tabs(app, frame, tabs);
    let theme = app.theme;
    let last = app.stack.len() - 1;
    match &mut app.stack[last] {
        Screen::Home(h) => h.render(&app.svc, &theme, frame, body),
        Screen::Run(r) => r.render(&theme, frame, body),
        Screen::List(l) => l.render(&theme, frame, body),
        Screen::Wizard(w) => {
            w.render(&theme, frame, body);
            w.drawn((app.ticks)());
        }
        Screen::Defects(d) => d.render(&theme, frame, body),
        Screen::Repository(r) => r.render(&theme, frame, body),
        Screen::CaseEditor(e) => e.render(&theme, frame, body),
        Screen::NewRun(n) => n.render(&theme, frame, body),
    }
    match &mut app.overlay {
        Some(Overlay::Help { scope, scroll }) => {
            let (extra, off) = if *scope == Scope::Wizard {
                (
                    custom_keys(app.stack.last()),
                    status_keys_off(app.stack.last()).is_some(),
                )
            } else {
                (Vec::new(), false)
            };
            help::render(*scope, *scroll, &theme, frame, body, &extra, off)
        }
        Some(Overlay::Picker(p)) => p.render(&app.project, &theme, frame, body),
        None => {}
    }
    render_footer(app, frame, footer);
}

/// The project's visible custom statuses, when the wizard is on top: they
/// have their own keys there.
fn custom_statuses(top: Option<&Screen>) -> Vec<&crate::domain::CustomStatus> {
    match top {
        Some(Screen::Wizard(w)) => w.project.custom_statuses.iter().filter(|s| !s.hidden).collect(),
        _ => Vec::new(),
    }
}

/// Why the wizard's status keys are unavailable, when its run takes no
/// results (footer and help show them so).
fn status_keys_off(top: Option<&Screen>) -> Option<&'static str> {
    match top {
        Some(Screen::Wizard(w)) if w.closed_to_results().is_some() => Some("run closed"),
        _ => None,
    }
}

/// The wizard's status keys as the footer shows them: built-in and custom.
fn status_key_labels(top: Option<&Screen>, ascii: bool) -> Vec<String> {
    keymap::bindings_for(Scope::Wizard)
        .into_iter()
        .filter(|b| matches!(b.action, Action::Mark(_)))
        .map(|b| b.keys[0].label(ascii))
        .chain(custom_hints(top).into_iter().map(|(k, _)| k))
        .collect()
}

/// Their lines in the help overlay: (key, help).
fn custom_keys(top: Option<&Screen>) -> Vec<(String, String)> {
    let help = |s: &crate::domain::CustomStatus| format!("{}: the whole test, or the focused step", s.name);
    custom_statuses(top)
        .into_iter()
        .map(|s| (s.key.to_string(), help(s)))
        .collect()
}

/// Their footer hints: (key, short name).
fn custom_hints(top: Option<&Screen>) -> Vec<(String, String)> {
    custom_statuses(top)
        .into_iter()
        .map(|s| (s.key.to_string(), s.slug.clone()))
        .collect()
}

fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    // Every tab named when it fits; else only the current one (the others
    // by their number key); else cut with a sign.
    let line = |short: bool| {
        let mut spans = vec![Span::styled(format!(" {} ", app.project), app.theme.title())];
        for (n, name) in TABS {
            let style = if n == app.tab {
                app.theme.tab_active()
            } else {
                app.theme.dim()
            };
            spans.push(Span::raw(" "));
            let text = if short && n != app.tab {
                n.to_string()
            } else {
                format!("{n} {name}")
            };
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    };
    let width = area.width as usize;
    let full = line(false);
    let line = if full.width() <= width { full } else { line(true) };
    let line = crate::tui::widgets::cut::cut_line(line, width, app.theme.ascii);
    frame.render_widget(Paragraph::new(line), area);
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    if let Some((text, error)) = &app.message {
        let style = if *error { app.theme.error() } else { app.theme.title() };
        let text = crate::tui::widgets::cut::cut(text, area.width as usize, app.theme.ascii);
        frame.render_widget(Paragraph::new(text).style(style), area);
        return;
    }
    let mut spans = Vec::new();
    let scope = app.scope();
    let mut hints: Vec<(String, String)> = keymap::footer(scope, app.theme.ascii)
        .into_iter()
        .map(|(k, h)| (k, h.to_string()))
        .collect();
    if scope == Scope::Wizard {
        // Custom statuses go before the closing "quit" and "help" hints.
        let at = hints.len().saturating_sub(2);
        for hint in custom_hints(app.stack.last()).into_iter().rev() {
            hints.insert(at, hint);
        }
    }
    // In a closed run the status keys are one group, shown unavailable:
    // `p f b s off: run closed`, dimmed and struck through.
    let off = match status_keys_off(app.stack.last()) {
        Some(why) if scope == Scope::Wizard => {
            let status = status_key_labels(app.stack.last(), app.theme.ascii);
            let keys: Vec<String> = hints
                .iter()
                .map(|(k, _)| k)
                .filter(|k| status.contains(k))
                .cloned()
                .collect();
            Some((why, keys))
        }
        _ => None,
    };
    let mut grouped = false;
    for (key, hint) in keymap::fit_footer(hints, area.width as usize) {
        if let Some((why, keys)) = &off
            && keys.contains(&key)
        {
            if !grouped {
                grouped = true;
                let struck = app.theme.dim().add_modifier(ratatui::style::Modifier::CROSSED_OUT);
                spans.push(Span::styled(keys.join(" "), struck));
                spans.push(Span::styled(format!(" off: {why}  "), app.theme.dim()));
            }
            continue;
        }
        spans.push(Span::styled(key, app.theme.key()));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
