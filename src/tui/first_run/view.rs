//! How the first-run screen draws: a header, what the screen is for, the
//! form (each field with its hint, or the refusal in its place, wrapped),
//! which store this is, and the footer's keys from the keymap. When the
//! height runs short, the store line goes first, then the explanation:
//! the fields and their errors always show.

use super::{Field, FirstRun, Stage};
use crate::tui::keymap;
use crate::tui::screens::settings::prompt::Purpose;
use crate::tui::widgets::line::LineInput;
use crate::tui::widgets::{cut, inert, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns before a field's text (`Title  `).
const LABEL: usize = 7;

pub fn render(f: &mut FirstRun, frame: &mut Frame) {
    if crate::tui::frame::too_small(&f.theme, frame) {
        return;
    }
    let [head, _, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let theme = f.theme;
    let title = Line::from(vec![
        Span::styled(" stepwise ", theme.title()),
        Span::styled(" no project yet", theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(title), head);
    let [_, body] = Layout::horizontal([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
    let lines = body_lines(f, body);
    frame.render_widget(Paragraph::new(lines), body);
    render_footer(f, frame, footer);
    // Typed text never reaches the terminal with a live character.
    inert::scrub(frame.buffer_mut());
}

/// How much a block of the body matters: when the height runs short, the
/// least is left out first (the last of equals first).
const MUST: u8 = 3;

/// The body's lines for `area`: its blocks with a blank line between
/// them, leaving out what matters least while they do not fit.
fn body_lines(f: &FirstRun, area: Rect) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let theme = f.theme;
    let para = |text: &str, style: Style| -> Vec<Line<'static>> {
        wrap::wrap(text, width)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect()
    };
    let store = para(&format!("Store: {}", f.store), theme.dim());
    let blocks = match f.stage {
        Stage::Welcome => vec![
            (MUST, para("Welcome to stepwise", theme.title())),
            (MUST, para("This store holds no project yet.", Style::default())),
            (
                1,
                para(
                    "A project keeps your test cases, runs and defects; its code starts every case id (SHOP-1).",
                    Style::default(),
                ),
            ),
            (2, para("Create the first project to begin.", theme.title())),
            (
                0,
                para("To look around first, quit and run: stepwise --demo", theme.dim()),
            ),
            (0, store),
        ],
        Stage::Form => vec![
            (MUST, para("New project", theme.title())),
            (
                1,
                para(
                    "This store holds no project yet: give the first one a code and a title.",
                    Style::default(),
                ),
            ),
            (MUST, form_lines(f, width)),
            (0, store),
        ],
    };
    fit(blocks, area.height as usize)
}

/// Joins `blocks` with blank lines between them, leaving out the least
/// important while they do not fit in `height`; the ones that must show
/// are kept (without the blank lines if need be).
fn fit(mut blocks: Vec<(u8, Vec<Line<'static>>)>, height: usize) -> Vec<Line<'static>> {
    let rows = |b: &[(u8, Vec<Line>)]| b.iter().map(|(_, l)| l.len()).sum::<usize>();
    while rows(&blocks) + blocks.len().saturating_sub(1) > height {
        let least = blocks
            .iter()
            .enumerate()
            .filter(|(_, (keep, _))| *keep < MUST)
            .min_by_key(|(i, (keep, _))| (*keep, std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        match least {
            Some(i) => {
                blocks.remove(i);
            }
            None => return blocks.into_iter().flat_map(|(_, l)| l).collect(),
        }
    }
    let mut lines = Vec::new();
    for (i, (_, block)) in blocks.into_iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.extend(block);
    }
    lines
}

/// The code and the title, each with its hint or its refusal.
fn form_lines(f: &FirstRun, width: usize) -> Vec<Line<'static>> {
    let theme = f.theme;
    let steps = Purpose::NewProject.steps();
    let mut lines = Vec::new();
    for (field, input, step) in [(Field::Code, &f.code, &steps[0]), (Field::Title, &f.title, &steps[1])] {
        let focused = f.focus == field;
        let label = format!("{:<LABEL$}", step.label);
        let mut spans = vec![Span::styled(label, if focused { theme.key() } else { theme.dim() })];
        let room = width.saturating_sub(LABEL + 1);
        // The end of a long text stays in view, where the typing is.
        spans.push(Span::raw(cut::cut_start(input.text(), room, theme.ascii)));
        if focused {
            spans.push(LineInput::cursor(&theme));
        }
        lines.push(Line::from(spans));
        let (text, style) = match &f.error {
            Some((at, why)) if *at == field => (why.as_str(), theme.error()),
            _ => (step.hint, theme.dim()),
        };
        let indent = " ".repeat(LABEL);
        for l in wrap::wrap(text, width.saturating_sub(LABEL)) {
            lines.push(Line::styled(format!("{indent}{l}"), style));
        }
    }
    lines
}

fn render_footer(f: &FirstRun, frame: &mut Frame, area: Rect) {
    let theme = f.theme;
    let width = area.width as usize;
    if let Some(notice) = f.notices.get() {
        let style = if notice.error { theme.error() } else { theme.title() };
        let text = cut::cut(&notice.text, width, theme.ascii);
        frame.render_widget(Paragraph::new(text).style(style), area);
        return;
    }
    let hints = keymap::footer(f.scope(), theme.ascii)
        .into_iter()
        .map(|(k, h)| (k, h.to_string()))
        .collect();
    let mut spans = Vec::new();
    for (key, hint) in keymap::fit_footer(hints, width) {
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
