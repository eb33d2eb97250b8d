//! The frame around the top screen: the tab bar, the overlay (help,
//! project picker), the footer (the notice, else key hints from the
//! keymap) and the "terminal too small" line.

use super::action::Action;
use super::app::{App, Overlay};
use super::keymap::{self, Scope};
use super::screen::ExtraKeys;
use super::screens::{MIN_HEIGHT, MIN_WIDTH, TABS, help};
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &mut App, frame: &mut Frame) {
    if too_small(&app.theme, frame) {
        return;
    }
    let area = frame.area();
    let [tabs, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    render_tabs(app, frame, tabs);
    let theme = app.theme;
    app.render_top(frame, body);
    let extra = app.top().extra_keys();
    match &mut app.overlay {
        Some(Overlay::Help { scope, scroll }) => {
            let (lines, off) = if *scope == Scope::Wizard {
                let lines = extra
                    .keys
                    .iter()
                    .map(|(k, _, help)| (k.clone(), help.clone()))
                    .collect();
                (lines, extra.off.is_some())
            } else {
                (Vec::new(), false)
            };
            help::render(*scope, *scroll, &theme, frame, body, &lines, off)
        }
        Some(Overlay::Picker(p)) => p.render(&app.project, &theme, frame, body),
        None => {}
    }
    render_footer(app, &extra, frame, footer);
}

/// Below the smallest size the layout works at, draws a line that says
/// so instead, and returns true.
pub(in crate::tui) fn too_small(theme: &Theme, frame: &mut Frame) -> bool {
    let area = frame.area();
    if area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT {
        return false;
    }
    let text = format!(
        "terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}",
        area.width, area.height
    );
    // One line where it fits; wrapped rather than cut where it does not.
    let wrap = ratatui::widgets::Wrap { trim: true };
    frame.render_widget(Paragraph::new(text).style(theme.error()).wrap(wrap), area);
    true
}

/// The wizard's status keys as the footer shows them: built-in and custom.
fn status_key_labels(extra: &ExtraKeys, ascii: bool) -> Vec<String> {
    keymap::bindings_for(Scope::Wizard)
        .into_iter()
        .filter(|b| matches!(b.action, Action::Mark(_)))
        .map(|b| b.keys[0].label(ascii))
        .chain(extra.keys.iter().map(|(k, _, _)| k.clone()))
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

fn render_footer(app: &App, extra: &ExtraKeys, frame: &mut Frame, area: Rect) {
    if let Some(notice) = app.notice() {
        let (text, error) = (&notice.text, notice.error);
        let style = if error { app.theme.error() } else { app.theme.title() };
        let text = crate::tui::widgets::cut::cut(text, area.width as usize, app.theme.ascii);
        frame.render_widget(Paragraph::new(text).style(style), area);
        return;
    }
    let mut spans = Vec::new();
    let mut width = area.width as usize;
    // A call under way off the UI thread: what it does, then the keys.
    if let Some(progress) = app.jobs.progress() {
        let text = crate::tui::widgets::cut::cut(&progress, width, app.theme.ascii);
        width = width.saturating_sub(text.chars().count() + 2);
        spans.push(Span::styled(text, app.theme.title()));
        spans.push(Span::raw("  "));
    }
    let scope = app.scope();
    let mut hints: Vec<(String, String)> = keymap::footer(scope, app.theme.ascii)
        .into_iter()
        .map(|(k, h)| (k, h.to_string()))
        .collect();
    if scope == Scope::Wizard {
        // Custom statuses go before the closing "quit" and "help" hints.
        let at = hints.len().saturating_sub(2);
        for (key, short, _) in extra.keys.iter().rev() {
            hints.insert(at, (key.clone(), short.clone()));
        }
    }
    // In a closed run the status keys are one group, shown unavailable:
    // `p f b s off: run closed`, dimmed and struck through.
    let off = match extra.off {
        Some(why) if scope == Scope::Wizard => {
            let status = status_key_labels(extra, app.theme.ascii);
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
    for (key, hint) in keymap::fit_footer(hints, width) {
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
