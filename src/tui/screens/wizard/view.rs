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
use std::time::Instant;
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

    /// The body as lines, and the line where the focus is.
    fn body(&self, theme: &Theme, width: usize) -> (Vec<Line<'static>>, usize) {
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
        meta.push(format!("priority {}", s.priority));
        meta.push(format!("severity {}", s.severity));
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
        if !self.draft.comment.trim().is_empty() {
            indent_wrapped(&mut out, "  Comment: ", &self.draft.comment, width, Style::default());
        }
        if !self.draft.attachments.is_empty() {
            let names: Vec<String> = self
                .draft
                .attachments
                .iter()
                .map(crate::service::attachments::describe)
                .collect();
            indent_wrapped(&mut out, "  Attachments: ", &names.join(", "), width, Style::default());
        }
        for (i, step) in s.steps.iter().enumerate() {
            if self.focus == Focus::Step(i) {
                focus_line = out.len();
            }
            let mark = self.draft.step_marks.get(i).copied().flatten();
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
            if let Some(c) = self.draft.step_comments.get(i).filter(|c| !c.trim().is_empty()) {
                indent_wrapped(&mut out, &format!("{pad}comment: "), c, width, Style::default());
            }
        }
        if self.history {
            out.push(Line::raw(""));
            out.push(Line::styled("History:", theme.title()));
            if t.results.is_empty() {
                out.push(Line::styled("  no result yet", theme.dim()));
            }
            for (k, r) in t.results.iter().enumerate() {
                let when = crate::service::local_time::minute(&r.at);
                let took = timer::clock(std::time::Duration::from_millis(r.duration_ms));
                let defects: Vec<String> = r.defects.iter().map(|d| format!("D-{d}")).collect();
                let text = format!(
                    "{} by {} {when}, {took}{}{}",
                    catalog.slug(r.status),
                    r.author,
                    if defects.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", defects.join(" "))
                    },
                    if r.comment.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", r.comment)
                    },
                );
                indent_wrapped(&mut out, &format!("  {}. ", k + 1), &text, width, Style::default());
            }
        }
        (out, focus_line)
    }

    pub fn render(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let now = Instant::now();
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
        let notice_text = self
            .notice
            .as_ref()
            .map(|(t, _)| wrap(t, inner.width as usize))
            .unwrap_or_default();
        let notice_rows = notice_text.len().clamp(1, 3) as u16;
        let [header, body, notice] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(notice_rows),
        ])
        .areas(inner);
        let t = self.current();
        // The id and configuration always show (the screen may be too short
        // for the body's meta line); the title is cut with a sign.
        let id = self.header_id();
        let line =
            crate::tui::widgets::cut::cut(&format!("{id}{}", t.snapshot.title), header.width as usize, theme.ascii);
        frame.render_widget(Paragraph::new(Line::styled(line, theme.title())), header);
        let (lines, focus_line) = self.body(theme, body.width as usize);
        let height = body.height as usize;
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
            None if more => vec![Line::styled("more below: PgDn", theme.dim())],
            None => vec![],
        };
        frame.render_widget(Paragraph::new(notice_lines), notice);
        match &mut self.dialog {
            Some(Dialog::Result(d)) => dialog_view::render_result(d, theme, frame, area),
            Some(Dialog::Comment(c)) => dialog_view::render_comment(c, theme, frame, area),
            Some(Dialog::Attach(a)) => dialog_view::render_attach(a, theme, frame, area),
            None => {}
        }
    }
}
