//! Drawing the wizard and its dialogs. Text is wrapped here (not by the
//! terminal), so the focused step can always be scrolled into view.

use super::dialog::Dialog;
use super::dialog_view;
use super::{Focus, Wizard};
use crate::domain::TestState;
use crate::tui::theme::Theme;
use crate::tui::widgets::{status, timer, wrap::wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

fn indent_wrapped(out: &mut Vec<Line<'static>>, prefix: &str, text: &str, width: usize, style: Style) {
    let pad = " ".repeat(prefix.chars().count());
    for (i, l) in wrap(text, width.saturating_sub(prefix.chars().count()).max(10))
        .into_iter()
        .enumerate()
    {
        let head = if i == 0 { prefix.to_string() } else { pad.clone() };
        out.push(Line::from(vec![Span::raw(head), Span::styled(l, style)]));
    }
}

/// Where the history sits among the body's lines.
#[derive(Clone, Copy)]
struct HistorySpan {
    heading: usize,
    /// The first line of the latest result.
    latest: usize,
    end: usize,
}

impl Wizard {
    /// `DEMO-10  (Chrome) `: the case id and the test's configuration.
    fn header_id(&self) -> String {
        let t = self.current();
        if t.config.0.is_empty() {
            format!("{}-{}  ", self.project.code, t.case_no)
        } else {
            format!("{}-{}  ({}) ", self.project.code, t.case_no, t.config.label())
        }
    }

    /// The body as lines, the line where the focus is, and where the history
    /// (heading, latest result, end) is when it is shown.
    fn body(&self, theme: &Theme, width: usize) -> (Vec<Line<'static>>, usize, Option<HistorySpan>) {
        let t = self.current();
        let s = &t.snapshot;
        let catalog = self.catalog();
        let sep = if theme.ascii { " | " } else { " · " };
        let mut out = Vec::new();
        let id = self.header_id();
        // The header shows one line of the title; a longer one is shown
        // whole here, so nothing is cut off.
        if id.width() + s.title.width() > width {
            indent_wrapped(&mut out, "", &s.title, width, theme.title());
        }
        let mut meta = vec![format!("suite {}", self.suites.get(s.suite))];
        if !t.config.0.is_empty() {
            meta.push(t.config.label());
        }
        meta.push(format!("priority {}", s.priority.label()));
        meta.push(format!("severity {}", s.severity.label()));
        meta.push(format!("assignee {}", t.assignee.as_deref().unwrap_or("-")));
        for l in wrap(&meta.join(sep), width) {
            out.push(Line::styled(l, theme.dim()));
        }
        if let Some(now) = &self.case_now {
            let text = format!(
                "Tested against version {}; the case has changed since (now version {}).",
                s.version, now.version
            );
            indent_wrapped(&mut out, "! ", &text, width, theme.named("yellow"));
        }
        if !s.preconditions.trim().is_empty() {
            indent_wrapped(&mut out, "Preconditions: ", &s.preconditions, width, Style::default());
        }
        out.push(Line::raw(""));
        let pointer = |f: Focus| if self.focus == f { theme.pointer() } else { " " };
        let state = t.state();
        let mut focus_line = out.len();
        out.push(Line::from(vec![
            Span::raw(format!("{} Whole test: ", pointer(Focus::Test))),
            Span::styled(status::label(state, &catalog), status::style(state, &catalog, theme)),
            Span::styled(format!("  ({} result(s))", t.results.len()), theme.dim()),
        ]));
        // What was recorded: the latest result, while it is the test's status.
        let recorded = match state {
            TestState::Done(_) => t.results.last(),
            _ => None,
        };
        // Text not recorded yet is labelled a draft once the test has a
        // result, so it cannot pass for the recorded one.
        let tested = !t.results.is_empty();
        let draft_label = |label: &str| {
            if tested {
                format!("Draft {}", label.to_lowercase())
            } else {
                label.to_string()
            }
        };
        if let Some(r) = recorded.filter(|r| !r.comment.trim().is_empty()) {
            indent_wrapped(&mut out, "  Comment: ", &r.comment, width, Style::default());
        }
        if !self.draft.comment.trim().is_empty() {
            let prefix = format!("  {}: ", draft_label("Comment"));
            indent_wrapped(&mut out, &prefix, &self.draft.comment, width, Style::default());
        }
        if !self.draft.attachments.is_empty() {
            let names: Vec<String> = self
                .draft
                .attachments
                .iter()
                .map(crate::service::attachments::describe)
                .collect();
            let prefix = format!("  {}: ", draft_label("Attachments"));
            indent_wrapped(&mut out, &prefix, &names.join(", "), width, Style::default());
        }
        // Step marks: the draft's while one is being made, else the
        // recorded result's.
        let drafting = self.draft.step_marks.iter().any(Option::is_some);
        if tested && drafting {
            out.push(Line::styled(
                "  Step marks below: a draft, not recorded yet",
                theme.dim(),
            ));
        }
        let shown_steps = match recorded {
            Some(r) if !drafting => r.steps.as_slice(),
            _ => &[],
        };
        for (i, step) in s.steps.iter().enumerate() {
            if self.focus == Focus::Step(i) {
                focus_line = out.len();
            }
            let mark = self
                .draft
                .step_marks
                .get(i)
                .copied()
                .flatten()
                .or_else(|| shown_steps.get(i).and_then(|r| r.status));
            let (label, style) = match mark {
                Some(st) => (catalog.slug(st), status::style(TestState::Done(st), &catalog, theme)),
                None => (String::new(), theme.dim()),
            };
            let head = format!("{} {:>2}. ", pointer(Focus::Step(i)), i + 1);
            let head_width = head.width();
            let mut first = true;
            for l in wrap(&step.action, width.saturating_sub(head_width + 11).max(10)) {
                let (h, badge) = if first {
                    (head.clone(), Span::styled(format!("[{label:<8}] "), style))
                } else {
                    (" ".repeat(head_width), Span::raw(" ".repeat(11)))
                };
                first = false;
                let line_style = if self.focus == Focus::Step(i) {
                    Style::default().add_modifier(Modifier::BOLD)
                } else {
                    Style::default()
                };
                out.push(Line::from(vec![Span::raw(h), badge, Span::styled(l, line_style)]));
            }
            let pad = " ".repeat(head_width + 11);
            if !step.data.trim().is_empty() {
                indent_wrapped(&mut out, &format!("{pad}data: "), &step.data, width, Style::default());
            }
            if !step.expected.trim().is_empty() {
                indent_wrapped(
                    &mut out,
                    &format!("{pad}expected: "),
                    &step.expected,
                    width,
                    theme.dim(),
                );
            }
            if let Some(c) = shown_steps.get(i).map(|r| &r.comment).filter(|c| !c.trim().is_empty()) {
                indent_wrapped(&mut out, &format!("{pad}comment: "), c, width, Style::default());
            }
            if let Some(c) = self.draft.step_comments.get(i).filter(|c| !c.trim().is_empty()) {
                let label = if tested { "draft comment: " } else { "comment: " };
                indent_wrapped(&mut out, &format!("{pad}{label}"), c, width, Style::default());
            }
        }
        let mut history = None;
        if self.history {
            out.push(Line::raw(""));
            history = Some(self.history_lines(&mut out, theme, width));
        }
        (out, focus_line, history)
    }

    /// Every result in full: status, author, time, time spent, comment,
    /// step statuses and comments, attachments and defects.
    fn history_lines(&self, out: &mut Vec<Line<'static>>, theme: &Theme, width: usize) -> HistorySpan {
        let t = self.current();
        let catalog = self.catalog();
        let heading = out.len();
        if t.results.is_empty() {
            out.push(Line::styled("History:", theme.title()));
            out.push(Line::styled("  no result yet", theme.dim()));
        } else {
            let heading = format!("History ({} result(s)):", t.results.len());
            out.push(Line::styled(heading, theme.title()));
        }
        let mut latest = heading;
        for (k, r) in t.results.iter().enumerate() {
            latest = out.len();
            let when = crate::service::local_time::minute(&r.at);
            let took = crate::domain::duration::format_duration(r.duration_ms);
            let head = format!("  {}. ", k + 1);
            let text = format!("{} by {} {when}, took {took}", catalog.slug(r.status), r.author);
            let style = status::style(TestState::Done(r.status), &catalog, theme);
            indent_wrapped(out, &head, &text, width, style);
            let pad = " ".repeat(head.chars().count());
            let mut item = |label: &str, text: &str| {
                if !text.trim().is_empty() {
                    indent_wrapped(out, &format!("{pad}{label}: "), text, width, Style::default());
                }
            };
            item("Comment", &r.comment);
            let marks: Vec<String> = r
                .steps
                .iter()
                .enumerate()
                .filter_map(|(i, s)| s.status.map(|st| format!("{} {}", i + 1, catalog.slug(st))))
                .collect();
            item("Steps", &marks.join(", "));
            for (i, s) in r.steps.iter().enumerate() {
                item(&format!("Step {}", i + 1), &s.comment);
            }
            let files: Vec<String> = r
                .attachments
                .iter()
                .map(crate::service::attachments::describe)
                .collect();
            item("Attachments", &files.join(", "));
            let defects: Vec<String> = r.defects.iter().map(|d| format!("D-{d}")).collect();
            item("Defects", &defects.join(", "));
        }
        HistorySpan {
            heading,
            latest,
            end: out.len(),
        }
    }

    pub fn render(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let now = self.clock.now();
        let done = self.tests.iter().filter(|t| t.state().has_result()).count();
        let clock = timer::clock(self.timer.elapsed(now));
        let clock = if self.timer.is_paused(now) {
            format!("{clock} paused")
        } else {
            clock
        };
        let progress = format!(
            " {done}/{} done  test {}/{}  {clock} ",
            self.tests.len(),
            self.index + 1,
            self.tests.len()
        );
        // The run's title gets what the progress leaves, cut with a sign.
        let room = (area.width as usize).saturating_sub(progress.width() + 3);
        let run_title =
            crate::tui::widgets::cut::cut(&format!(" #{} {}", self.run.no, self.run.title), room, theme.ascii);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(format!("{run_title} "), theme.title()))
            .title_top(Line::from(progress).right_aligned());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        // A closed run says so before any key (unless a notice is up).
        let closed = self.notice.is_none().then(|| self.closed_to_results()).flatten();
        let notice_text = self
            .notice
            .as_ref()
            .map(|(t, _)| t)
            .or(closed.as_ref())
            .map(|t| wrap(t, inner.width as usize))
            .unwrap_or_default();
        let notice_rows = notice_text.len().clamp(1, 3) as u16;
        // Who else has this test open: one line under the header, outside
        // the scrolled body, so it shows however small the terminal.
        let others = crate::tui::live::also_open(&self.others_open);
        let [header, others_row, body, notice] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(others.is_some())),
            Constraint::Fill(1),
            Constraint::Length(notice_rows),
        ])
        .areas(inner);
        if let Some(who) = others {
            let who = crate::tui::widgets::cut::cut(&who, others_row.width as usize, theme.ascii);
            frame.render_widget(Paragraph::new(Line::styled(who, theme.key())), others_row);
        }
        self.page = body.height.max(1);
        let t = self.current();
        // The id and configuration always show (the screen may be too short
        // for the body's meta line); the title is cut with a sign.
        let id = self.header_id();
        let line =
            crate::tui::widgets::cut::cut(&format!("{id}{}", t.snapshot.title), header.width as usize, theme.ascii);
        frame.render_widget(Paragraph::new(Line::styled(line, theme.title())), header);
        let (lines, focus_line, history) = self.body(theme, body.width as usize);
        let height = body.height as usize;
        // `v` just opened the history: show it, down to the whole latest
        // result (from its start when it is taller than the screen).
        if let Some(h) = history.filter(|_| self.scroll_to_history) {
            let mut top = h.heading;
            if h.end > top + height {
                top = (h.end - height).min(h.latest);
            }
            self.scroll = top.min(u16::MAX as usize) as u16;
            self.follow_focus = false;
        }
        self.scroll_to_history = false;
        let scroll = self.scroll as usize;
        // Keep the focused line (and the two under it) in view, unless the
        // tester scrolled away with PgUp/PgDn.
        let scroll = if !self.follow_focus {
            scroll
        } else if focus_line < scroll {
            focus_line
        } else if focus_line + 3 > scroll + height {
            (focus_line + 3).saturating_sub(height)
        } else {
            scroll
        };
        let scroll = scroll.min(lines.len().saturating_sub(height));
        self.scroll = scroll as u16;
        let more = lines.len() > scroll + height;
        frame.render_widget(Paragraph::new(lines).scroll((self.scroll, 0)), body);
        let notice_lines: Vec<Line> = match &self.notice {
            Some((_, error)) => {
                let style = if *error { theme.error() } else { theme.named("green") };
                notice_text.into_iter().map(|l| Line::styled(l, style)).collect()
            }
            None if closed.is_some() => notice_text
                .into_iter()
                .map(|l| Line::styled(l, theme.named("yellow")))
                .collect(),
            None if more => vec![Line::styled("more below: PgDn", theme.dim())],
            None => vec![],
        };
        frame.render_widget(Paragraph::new(notice_lines), notice);
        match &mut self.dialog {
            Some(Dialog::Result(d)) => dialog_view::render_result(d, theme, frame, area),
            Some(Dialog::Comment(c)) => {
                let draft = !self.tests[self.index].results.is_empty();
                dialog_view::render_comment(c, draft, theme, frame, area)
            }
            Some(Dialog::Attach(a)) => crate::tui::widgets::path::render_attach(a, theme, frame, area),
            None => {}
        }
    }
}
