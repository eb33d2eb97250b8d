//! Drawing the dashboard: the frame, the summary (donut, legend, details),
//! the tab bar, the tests tab, the line about the current test, and the
//! open dialog. Only visible lines are built.

use super::dialog::Dialog;
use super::rows::Line as ListLine;
use super::{Dashboard, Tab};
use crate::domain::TestState;
use crate::domain::case_edit::format_estimate;
use crate::tui::theme::{ColorMode, Theme};
use crate::tui::widgets::cut::cut_line;
use crate::tui::widgets::cut::fit;
use crate::tui::widgets::donut::{Donut, Slice};
use crate::tui::widgets::line::LineInput;
use crate::tui::widgets::{popup, progress, status};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// A legend column's width when there are several: `■ failed         3  10%`
/// and a space.
const LEGEND_W: u16 = 24;

/// `1h30m`, `45s`, or `-` for nothing.
pub fn time(ms: u64) -> String {
    if ms == 0 { "-".into() } else { format_estimate(Some(ms)) }
}

impl Dashboard {
    /// The states the legend lists, with their counts, in a fixed order.
    pub(super) fn legend(&self) -> Vec<(TestState, u32)> {
        let c = &self.counts;
        let mut out = vec![(TestState::Untested, c.untested)];
        out.extend(c.by_status.iter().map(|(s, n)| (TestState::Done(*s), *n)));
        if c.retest > 0 {
            out.push((TestState::Retest, c.retest));
        }
        out
    }

    pub fn render(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let r = &self.run;
        let state = match r.outcome {
            Some(o) => format!("{}, {}", r.state.as_str(), o.as_str()),
            None => r.state.as_str().to_string(),
        };
        let title = crate::tui::widgets::cut::cut(
            &format!(" #{} {}", r.no, r.title),
            area.width.saturating_sub(3) as usize,
            theme.ascii,
        );
        let block = popup::frame(theme, format!("{title} "), format!(" {state} "), area.width);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let head_h = match inner.height {
            h if h >= 30 => 9,
            h if h >= 16 => 6,
            _ => 1,
        };
        let [head, tabs, body, foot] = Layout::vertical([
            Constraint::Length(head_h),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        if head_h == 1 {
            self.render_compact(theme, frame, head);
        } else {
            self.render_summary(theme, frame, head);
        }
        self.render_tab_bar(theme, frame, tabs);
        match self.tab {
            Tab::Tests => self.render_tests(theme, frame, body),
            other => super::tabs::render(self, other, theme, frame, body),
        }
        self.render_foot(theme, frame, foot);
        if self.dialog.is_some() {
            self.render_dialog(theme, frame, area);
        }
    }

    fn render_compact(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let c = &self.counts;
        let text = format!(" {}/{} {}%", c.done(), c.total, c.percent());
        let width = (area.width as usize).saturating_sub(text.len());
        let mut bar = progress::bar(c, &self.catalog(), theme, width);
        bar.spans.push(Span::raw(text));
        frame.render_widget(Paragraph::new(bar), area);
    }

    fn render_summary(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let donut_w = area.height * 2;
        let legend_rows = self.legend();
        // Every status present is listed: in a second column when the
        // rows do not fit under the "% done" line.
        let listed: Vec<(TestState, u32)> = legend_rows
            .iter()
            .copied()
            .filter(|(st, n)| *n > 0 || (*st == TestState::Untested && legend_rows.len() <= 1))
            .collect();
        // One row more than fits: the "% done" line moves to the details;
        // more: a second column.
        let done_aside = listed.len() == area.height as usize && area.height > 1;
        let room = area.height.saturating_sub(u16::from(!done_aside)).max(1) as usize;
        let columns = listed.len().div_ceil(room).max(1);
        let [donut, _, legend, _, details] = Layout::horizontal([
            Constraint::Length(donut_w),
            Constraint::Length(1),
            Constraint::Length(if columns == 1 { 26 } else { LEGEND_W * columns as u16 }),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        let slices: Vec<Slice> = legend_rows
            .iter()
            .map(|(st, n)| Slice {
                count: *n,
                style: status::style(*st, &self.catalog(), theme),
                letter: letter(*st, &self.catalog()),
            })
            .collect();
        frame.render_widget(
            Donut {
                slices: &slices,
                ascii: theme.ascii,
            },
            donut,
        );

        let c = &self.counts;
        let done = Line::from(vec![
            Span::styled(format!("{}% done", c.percent()), theme.title()),
            Span::styled(format!("  {}/{}", c.done(), c.total), theme.dim()),
        ]);
        let [top, grid] =
            Layout::vertical([Constraint::Length(u16::from(!done_aside)), Constraint::Fill(1)]).areas(legend);
        let mut details_lines = self.details(theme);
        if done_aside {
            details_lines.insert(0, done);
        } else {
            frame.render_widget(Paragraph::new(done), top);
        }
        let shares = crate::domain::rules::percent_shares(&listed.iter().map(|(_, n)| *n).collect::<Vec<_>>());
        let col_w = if columns == 1 { grid.width } else { LEGEND_W };
        let cells = Layout::horizontal(vec![Constraint::Length(col_w); columns]).split(grid);
        for (k, ((st, n), pct)) in listed.iter().zip(shares).enumerate() {
            let style = status::style(*st, &self.catalog(), theme);
            let mark = if theme.ascii || theme.color == ColorMode::Mono {
                format!("{} ", letter(*st, &self.catalog()))
            } else {
                "■ ".to_string()
            };
            let name = fit(&status::label(*st, &self.catalog()), 10, theme.ascii);
            let text = format!("{name}{n:>6} {pct:>3}%");
            let row_style = if self.filter == Some(*st) {
                theme.selected()
            } else {
                Style::default()
            };
            let line = Line::from(vec![Span::styled(mark, style), Span::styled(text, row_style)]);
            let Some(cell) = cells.get(k / room) else { break };
            let at = Rect {
                y: cell.y + (k % room) as u16,
                height: 1,
                ..*cell
            };
            if at.y < cell.bottom() {
                frame.render_widget(Paragraph::new(cut_line(line, at.width as usize, theme.ascii)), at);
            }
        }
        frame.render_widget(Paragraph::new(details_lines).wrap(Wrap { trim: true }), details);
    }

    /// The run's details, most useful first (what does not fit is cut).
    fn details(&self, theme: &Theme) -> Vec<Line<'static>> {
        let r = &self.run;
        let mut out = Vec::new();
        let mut first = Vec::new();
        if let Some(e) = &r.environment {
            first.push(format!("env {e}"));
        }
        if let Some(m) = &r.milestone {
            first.push(format!("milestone {m}"));
        }
        if !first.is_empty() {
            out.push(Line::raw(first.join(theme.sep())));
        }
        for (g, vals) in &r.configs {
            out.push(Line::raw(format!("{g}: {}", vals.join(", "))));
        }
        if !r.tags.is_empty() {
            out.push(Line::raw(format!("tags {}", r.tags.join(", "))));
        }
        let started = r.started.map_or("not started".to_string(), |s| {
            format!("started {}", crate::service::local_time::minute_zoned(&s))
        });
        // The start in local time, its zone named, on a line of its own.
        out.push(Line::raw(started));
        let estimate = if self.rows.is_none() {
            "...".to_string()
        } else {
            time(self.estimate_ms)
        };
        let spent = time(self.counts.duration_ms);
        let sep = theme.sep();
        out.push(Line::raw(format!(
            "by {}{sep}estimate {estimate}{sep}spent {spent}",
            r.author
        )));
        if let Some(s) = r.started {
            let end = r.ended.unwrap_or(self.now);
            // Whole minutes: the line does not change every second.
            let elapsed = (end - s).num_minutes().max(0) as u64 * 60_000;
            out.push(Line::styled(format!("elapsed {}", time(elapsed)), theme.dim()));
        }
        if !r.description.is_empty() {
            out.push(Line::styled(r.description.clone(), theme.dim()));
        }
        out
    }

    fn render_tab_bar(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let mut spans = Vec::new();
        for t in Tab::ALL {
            let label = match t {
                Tab::Defects if !self.defects.is_empty() => format!("{} ({})", t.name(), self.defects.len()),
                _ => t.name().to_string(),
            };
            let style = if t == self.tab { theme.tab_active() } else { theme.dim() };
            spans.push(Span::styled(label, style));
            spans.push(Span::raw("  "));
        }
        let mut state = Vec::new();
        if let Some(f) = self.filter {
            state.push(format!("only {}", status::label(f, &self.catalog())));
        }
        state.extend(self.search.label());
        if self.rows.is_some() && (self.filter.is_some() || !self.search.is_empty()) {
            state.push(format!("{} shown", self.shown.tests));
        }
        if !self.selected.is_empty() {
            state.push(format!("{} selected", self.selected.len()));
        }
        spans.push(Span::styled(state.join(theme.sep()), theme.key()));
        let line = cut_line(Line::from(spans), area.width as usize, theme.ascii);
        frame.render_widget(Paragraph::new(line), area);
    }

    fn render_tests(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let height = area.height as usize;
        let Some(rows) = self.rows.as_deref() else {
            let text = format!("Reading {} tests...", self.run.test_count);
            frame.render_widget(Paragraph::new(text).style(theme.dim()), area);
            return;
        };
        if self.shown.lines.is_empty() {
            let text = if rows.is_empty() {
                "This run has no tests."
            } else {
                "No test matches."
            };
            frame.render_widget(Paragraph::new(text).style(theme.dim()), area);
            return;
        }
        let window = self.cursor.window_jump(height, self.shown.lines.len());
        let wide = area.width >= 100;
        let ascii = theme.ascii;
        let sel_mark = if ascii { "*" } else { "●" };
        let id_w = self.id_width;
        let code = self.project.code.as_str();
        // Someone else is on the test: a mark where the selection's goes.
        let busy_mark = if ascii { "@" } else { "◆" };
        let busy = crate::tui::live::tests_with_others(&self.others, &self.project.code, self.run_no());
        let who_w = if wide { 12 } else { 8 };
        let time_w = if wide { 8 } else { 0 };
        let title_w = (area.width as usize).saturating_sub(1 + 1 + 8 + 1 + id_w + 1 + 1 + who_w + time_w);
        let catalog = self.catalog();
        let mut lines = Vec::with_capacity(window.len());
        for (i, line) in self.shown.lines[window.clone()].iter().enumerate() {
            let current = window.start + i == self.cursor.selected;
            match line {
                ListLine::Group(g) => {
                    let g = &self.shown.groups[*g];
                    let text = fit(
                        &format!("{} ({})", g.label(theme.sep()), g.count),
                        area.width as usize,
                        ascii,
                    );
                    lines.push(Line::styled(text, theme.title()));
                }
                ListLine::Test(t) => {
                    let t = &rows[*t];
                    // The current test is marked on its status and id only:
                    // a move then rewrites a few cells, not two whole rows.
                    let mark = if self.selected.contains(&t.id) {
                        sel_mark
                    } else if busy.binary_search(&t.id).is_ok() {
                        busy_mark
                    } else {
                        " "
                    };
                    let pointer = if current { theme.pointer() } else { " " };
                    let focus =
                        |style: ratatui::style::Style| if current { style.patch(theme.selected()) } else { style };
                    let mut spans = vec![
                        Span::styled(mark, theme.key()),
                        Span::styled(pointer, focus(theme.key())),
                        Span::styled(
                            fit(&status::label(t.state, &catalog), 8, ascii),
                            focus(status::style(t.state, &catalog, theme)),
                        ),
                        Span::styled(format!(" {:<id_w$} ", t.case_id(code)), focus(Style::default())),
                        Span::raw(fit(&t.title, title_w, ascii)),
                        Span::raw(" "),
                        Span::raw(fit(t.assignee.as_deref().unwrap_or(""), who_w, ascii)),
                    ];
                    if wide {
                        spans.push(Span::raw(format!("{:>time_w$}", time(t.duration_ms()))));
                    }
                    lines.push(Line::from(spans));
                }
            }
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn render_foot(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let line = if self.search.is_typing() {
            let mut prompt = self.search.prompt(theme);
            prompt.push(Span::styled(
                "  fuzzy: id, title, suite, configuration, assignee",
                theme.dim(),
            ));
            Line::from(prompt)
        } else if let Some((text, error)) = &self.notice {
            Line::styled(text.clone(), if *error { theme.error() } else { theme.title() })
        } else if let (Tab::Tests, Some(t)) = (self.tab, self.current_row()) {
            let mut parts = vec![t.suite.to_string()];
            if !t.config.is_empty() {
                parts.push(t.config.clone());
            }
            parts.push(format!("{} result(s)", t.results.len()));
            if let Some(last) = t.results.last() {
                parts.push(format!(
                    "last by {} {}",
                    last.author,
                    crate::service::local_time::format(&last.at(), "%m-%d %H:%M")
                ));
            }
            match self.others_line() {
                // Who else is on it comes first: the line is cut at its end.
                Some(who) => Line::from(vec![
                    Span::styled(who, theme.key()),
                    Span::styled(format!("{}{}", theme.sep(), parts.join(theme.sep())), theme.dim()),
                ]),
                None => Line::styled(parts.join(theme.sep()), theme.dim()),
            }
        } else {
            Line::raw("")
        };
        let line = cut_line(line, area.width as usize, theme.ascii);
        frame.render_widget(Paragraph::new(line), area);
    }

    fn render_dialog(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let Some(d) = &self.dialog else { return };
        let Dialog::Input {
            title,
            hint,
            input,
            error,
            ..
        } = d
        else {
            match d {
                Dialog::Menu(menu) => menu.render(theme, frame, area),
                Dialog::Confirm(confirm) => confirm.render_asking(theme, frame, area),
                Dialog::Input { .. } => {}
            }
            return;
        };
        let hint_style = if *error { theme.error() } else { theme.dim() };
        let lines = vec![
            Line::from(vec![Span::raw(format!(" {}", input.text())), LineInput::cursor(theme)]),
            Line::styled(format!(" {hint}"), hint_style),
        ];
        let rect = popup::area(area, 64.min(area.width.saturating_sub(2)), 6, false);
        frame.render_widget(Clear, rect);
        let block = popup::frame(theme, format!(" {title} "), " Enter save, Esc cancel ", rect.width);
        frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), rect);
    }
}

/// A state's letter in ASCII charts: its name's first letter, `-` untested.
pub fn letter(state: TestState, catalog: &crate::domain::StatusCatalog) -> char {
    match state {
        TestState::Untested => '-',
        TestState::Retest => 'R',
        TestState::Done(s) => catalog.name(s).chars().next().unwrap_or('?').to_ascii_uppercase(),
    }
}
