//! Drawing one defect in full: its fields, texts, custom fields, external
//! links, attachments, the failures it is linked to (and what became of
//! them), and its history. Long texts wrap; the selected link stays in view.

use super::list_view::{severity_style, status_style};
use super::state::Detail;
use crate::domain::{HistoryEntry, Project, Time};
use crate::service::LinkView;
use crate::tui::theme::Theme;
use crate::tui::widgets::{status, wrap::wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Local time (the zone is named beside Created and Updated).
fn when(t: &Time) -> String {
    crate::service::local_time::minute(t)
}

/// The first line of `text`, cut to `max` characters.
fn short(text: &str, max: usize, ascii: bool) -> String {
    let first = text.lines().next().unwrap_or("");
    let cut = first.chars().count() > max || text.lines().nth(1).is_some();
    if cut {
        let kept: String = first.chars().take(max.saturating_sub(1)).collect();
        format!("{kept}{}", if ascii { "..." } else { "…" })
    } else {
        first.to_string()
    }
}

/// `status: open → in_progress`, `external added: JIRA:APP-7`.
pub fn history_text(h: &HistoryEntry, ascii: bool) -> String {
    let arrow = if ascii { "->" } else { "→" };
    let (from, to) = (short(&h.from, 40, ascii), short(&h.to, 40, ascii));
    let listed = matches!(h.field.as_str(), "link" | "external" | "attachment");
    match (h.from.is_empty(), h.to.is_empty()) {
        _ if h.field == "created" => "created".into(),
        (true, false) if listed => format!("{} added: {to}", h.field),
        (false, true) if listed => format!("{} removed: {from}", h.field),
        (true, false) => format!("{} set to {to}", h.field),
        (false, true) => format!("{} cleared (was {from})", h.field),
        _ => format!("{}: {from} {arrow} {to}", h.field),
    }
}

/// A history entry in words and ids: `in progress` for `in_progress`,
/// `DEMO-10 (Chrome) in run #2, result 1` for the stored
/// `run #2 test 10 result 1` (when the link is still there to name it).
fn readable(h: &HistoryEntry, links: &[crate::service::LinkView]) -> HistoryEntry {
    let mut h = h.clone();
    if matches!(h.field.as_str(), "status" | "severity" | "priority") {
        h.from = h.from.replace('_', " ");
        h.to = h.to.replace('_', " ");
    }
    if h.field == "link" {
        for text in [&mut h.from, &mut h.to] {
            let parts: Vec<&str> = text.split(' ').collect();
            if let ["run", run, "test", test, "result", result] = parts[..] {
                let run_no = run.trim_start_matches('#');
                let found = links
                    .iter()
                    .find(|l| l.run.to_string() == run_no && l.test.to_string() == test);
                if let Some(l) = found {
                    let config = if l.config.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", l.config)
                    };
                    *text = format!("{}{config} in run #{run_no}, result {result}", l.case);
                }
            }
        }
    }
    h
}

/// Lines under construction, with the line ranges of the selectable items.
struct Doc {
    lines: Vec<Line<'static>>,
    items: Vec<(usize, usize)>,
    width: usize,
}

impl Doc {
    fn heading(&mut self, text: String, theme: &Theme) {
        if !self.lines.is_empty() {
            self.lines.push(Line::raw(""));
        }
        self.text(&text, 0, theme.title());
    }

    /// `text` wrapped under an indent of `indent` columns.
    fn text(&mut self, text: &str, indent: usize, style: Style) {
        let pad = " ".repeat(indent);
        for l in wrap(text, self.width.saturating_sub(indent)) {
            self.lines.push(Line::styled(format!("{pad}{l}"), style));
        }
    }

    /// `label  value` pairs, taken two by two: on one line where both fit
    /// whole, else one per line; a line too long for the width (a long
    /// zone name, many tags) is cut with a sign, never bare.
    fn pairs(&mut self, pairs: &[(&str, Span<'static>)], theme: &Theme) {
        const LABEL: usize = 10;
        let half = self.width / 2;
        let field = |label: &str, value: &Span<'static>| {
            vec![Span::styled(format!("{label:<LABEL$}"), theme.dim()), value.clone()]
        };
        for chunk in pairs.chunks(2) {
            let lines = match chunk {
                [(l1, v1), (l2, v2)] => {
                    let used = LABEL + v1.width();
                    let column = half.max(used + 1);
                    if self.width >= 60 && column + LABEL + v2.width() <= self.width {
                        let mut spans = field(l1, v1);
                        spans.push(Span::raw(" ".repeat(column - used)));
                        spans.extend(field(l2, v2));
                        vec![spans]
                    } else {
                        vec![field(l1, v1), field(l2, v2)]
                    }
                }
                _ => chunk.iter().map(|(l, v)| field(l, v)).collect(),
            };
            for spans in lines {
                let line = crate::tui::widgets::cut::cut_line(Line::from(spans), self.width, theme.ascii);
                self.lines.push(line);
            }
        }
    }

    /// Marks the lines added by `f` as one selectable item.
    fn item(&mut self, f: impl FnOnce(&mut Self)) {
        let start = self.lines.len();
        f(self);
        self.items.push((start, self.lines.len()));
    }
}

fn failure(doc: &mut Doc, l: &LinkView, project: &Project, theme: &Theme) {
    let catalog = project.catalog();
    let run = match (&l.run_title, l.run_state) {
        (Some(title), Some(state)) if state != crate::domain::RunState::Active => {
            format!("run #{} {title} ({})", l.run, state.as_str())
        }
        (Some(title), _) => format!("run #{} {title}", l.run),
        (None, _) => format!("run #{} deleted", l.run),
    };
    doc.text(&run, 2, Style::default());
    let mut case = l.case.clone();
    if !l.case_title.is_empty() {
        case = format!("{case} {}", l.case_title);
    }
    if !l.config.is_empty() {
        case = format!("{case} [{}]", l.config);
    }
    doc.text(&case, 4, Style::default());
    let mut spans = vec![Span::raw("    ")];
    match l.result_status {
        Some(s) => {
            spans.push(Span::styled("linked result ", theme.dim()));
            spans.push(Span::styled(catalog.slug(s), theme.named(&catalog.colour(s))));
        }
        None => spans.push(Span::styled("linked result gone", theme.dim())),
    }
    if let Some(now) = l.current {
        spans.push(Span::styled("  now ", theme.dim()));
        spans.push(Span::styled(
            status::label(now, &catalog),
            status::style(now, &catalog, theme),
        ));
    }
    if l.verify {
        spans.push(Span::styled("  verify", theme.named("yellow")));
    }
    doc.lines.push(Line::from(spans));
}

fn build(d: &Detail, project: &Project, theme: &Theme, width: usize) -> Doc {
    let def = &d.view.defect;
    let mut doc = Doc {
        lines: Vec::new(),
        items: Vec::new(),
        width,
    };
    let none = |text: &str| Span::styled(text.to_string(), theme.dim());
    let or_none = |v: Option<&String>| v.map_or_else(|| none("none"), |v| Span::raw(v.clone()));
    doc.text(&def.title, 0, theme.title());
    let tags = if def.tags.is_empty() {
        none("none")
    } else {
        Span::raw(def.tags.join(", "))
    };
    doc.pairs(
        &[
            (
                "Status",
                Span::styled(def.status.label(), status_style(def.status, theme)),
            ),
            (
                "Severity",
                Span::styled(def.severity.label(), severity_style(def.severity, theme)),
            ),
            ("Assignee", or_none(def.assignee.as_ref())),
            ("Reporter", Span::raw(def.reporter.clone())),
            ("Milestone", or_none(def.milestone.as_ref())),
            ("Tags", tags),
            (
                "Created",
                Span::raw(crate::service::local_time::minute_zoned(&def.created)),
            ),
            (
                "Updated",
                Span::raw(crate::service::local_time::minute_zoned(&def.updated)),
            ),
        ],
        theme,
    );
    for (heading, text) in [("Actual result", &def.actual), ("Description", &def.description)] {
        doc.heading(heading.into(), theme);
        if text.trim().is_empty() {
            doc.text("none (e edits)", 2, theme.dim());
        } else {
            doc.text(text, 2, Style::default());
        }
    }
    if !project.defect_fields.is_empty() {
        doc.heading("Fields".into(), theme);
        for name in &project.defect_fields {
            let value = def
                .fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v);
            match value {
                Some(v) => doc.text(&format!("{name}: {v}"), 2, Style::default()),
                None => doc.text(&format!("{name}: -"), 2, theme.dim()),
            }
        }
    }
    doc.heading(format!("External links ({})", def.external.len()), theme);
    if def.external.is_empty() {
        doc.text("none (l links one)", 2, theme.dim());
    }
    for l in &def.external {
        doc.item(|doc| {
            // An API tracker's issue shows its state there (as the last
            // push, link or sync read it).
            let text = match &l.state {
                Some(state) => format!("{}:{} ({state})", l.tracker, l.key),
                None => format!("{}:{}", l.tracker, l.key),
            };
            doc.text(&text, 2, Style::default());
            doc.text(&l.url, 4, theme.dim());
        });
    }
    doc.heading(format!("Attachments ({})", def.attachments.len()), theme);
    if def.attachments.is_empty() {
        doc.text("none (A attaches a file)", 2, theme.dim());
    }
    for a in &def.attachments {
        doc.text(&crate::service::attachments::describe(a), 2, Style::default());
    }
    let blocked = d.view.blocked();
    doc.heading(
        format!(
            "Linked failures ({}) - {blocked} affected {} blocked now",
            d.view.links.len(),
            if blocked == 1 { "test" } else { "tests" }
        ),
        theme,
    );
    if d.view.links.is_empty() {
        doc.text("none: filed on its own", 2, theme.dim());
    }
    for l in &d.view.links {
        doc.item(|doc| failure(doc, l, project, theme));
    }
    doc.heading(format!("History ({})", def.history.len()), theme);
    for h in &def.history {
        let h = readable(h, &d.view.links);
        let text = format!("{} {}  {}", when(&h.at), h.author, history_text(&h, theme.ascii));
        doc.text(&text, 2, Style::default());
    }
    doc
}

pub fn render(d: &mut Detail, project: &Project, theme: &Theme, frame: &mut Frame, area: Rect) {
    let def = &d.view.defect;
    let (def_status, def_severity) = (def.status.label(), def.severity.label());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(format!(" D-{} ", def.no), theme.title()))
        .title_bottom(Span::styled(format!(" {def_status} - {def_severity} "), theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut doc = build(d, project, theme, inner.width as usize);
    let height = inner.height as usize;
    d.cursor.set_page(height);
    // Highlight the selected link.
    let selected = d.cursor.selected;
    let range = d.selected().and(doc.items.get(selected)).copied();
    if let Some((start, end)) = range {
        for line in &mut doc.lines[start..end] {
            line.style = theme.selected();
        }
        let pointer = theme.pointer();
        if let Some(first) = doc.lines.get_mut(start)
            && let Some(span) = first.spans.first_mut()
            && span.content.starts_with("  ")
        {
            span.content = format!("{pointer} {}", &span.content[2..]).into();
        }
    }
    let max = doc.lines.len().saturating_sub(height);
    let mut scroll = (d.scroll as usize).min(max);
    if d.follow
        && let Some((start, end)) = range
    {
        if start < scroll {
            scroll = start;
        } else if end > scroll + height {
            scroll = end.saturating_sub(height).min(start);
        }
    }
    d.scroll = scroll as u16;
    let shown: Vec<Line> = doc.lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if max > 0 {
        // More below or above: say so on the border, where it fits.
        let (up, down) = (scroll > 0, scroll < max);
        let long = match (up, down) {
            (true, true) => " more above and below (PgUp/PgDn) ",
            (true, false) => " more above (PgUp) ",
            _ => " more below (PgDn) ",
        };
        let status = format!(" {} - {} ", def_status, def_severity).len();
        let room = (area.width as usize).saturating_sub(status + 4);
        let more = [long, " PgUp/PgDn: more "].into_iter().find(|m| m.len() <= room);
        if let Some(more) = more {
            let r = Rect {
                x: area.x + area.width - more.len() as u16 - 2,
                y: area.y + area.height.saturating_sub(1),
                width: more.len() as u16,
                height: 1,
            };
            frame.render_widget(Paragraph::new(Span::styled(more, theme.dim())), r);
        }
    }
}
