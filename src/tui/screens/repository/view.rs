//! Drawing the repository tab: the header with counts and the filter, the
//! suite tree, the case list and the selected case's detail; dialogs over
//! them. Only the visible rows are built.

use super::dialogs::RepoDialog;
use super::{Pane, RepositoryScreen, detail};
use crate::tui::theme::Theme;
use crate::tui::widgets::cut::cut;
use crate::tui::widgets::field::draw_field;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

fn pane_block(theme: &Theme, title: String, focused: bool) -> Block<'static> {
    let style = if focused { theme.title() } else { theme.dim() };
    Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .border_style(if focused { Default::default() } else { theme.dim() })
        .title(Span::styled(title, style))
}

impl RepositoryScreen {
    pub fn render(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let filter_rows =
            u16::from(self.search.is_some() || !self.filter_text.is_empty()) + u16::from(self.filter_error().is_some());
        let [header, filter, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(filter_rows),
            Constraint::Fill(1),
        ])
        .areas(area);
        self.render_header(theme, frame, header);
        self.render_filter(theme, frame, filter);
        // Narrow or short: the case titles keep the room.
        let tree_w = match area.width {
            w if w >= 110 => 34,
            w if w >= 60 => 26,
            _ => 13,
        };
        let list_share = if body.height < 14 { 60 } else { 45 };
        let [tree, right] = Layout::horizontal([Constraint::Length(tree_w), Constraint::Fill(1)]).areas(body);
        let [list, detail] = Layout::vertical([Constraint::Percentage(list_share), Constraint::Fill(1)]).areas(right);
        self.render_tree(theme, frame, tree);
        self.render_list(theme, frame, list);
        self.render_detail(theme, frame, detail);
        self.render_dialog(theme, frame, area);
    }

    fn render_header(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let sep = if theme.ascii { " | " } else { " · " };
        let mut spans = vec![
            Span::styled(format!(" Repository - {}", self.project.title), theme.title()),
            Span::styled(
                format!("{sep}{} cases{sep}{} suites", self.cases.len(), self.suites.len()),
                theme.dim(),
            ),
        ];
        if !self.selected.is_empty() {
            spans.push(Span::styled(
                format!("{sep}{} selected", self.selected.len()),
                theme.key(),
            ));
        }
        let line = crate::tui::widgets::cut::cut_line(Line::from(spans), area.width as usize, theme.ascii);
        frame.render_widget(Paragraph::new(line), area);
    }

    fn render_filter(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        if area.height == 0 {
            return;
        }
        let line = Rect { height: 1, ..area };
        frame.render_widget(Paragraph::new(Span::styled(" / ", theme.key())), line);
        let field = Rect {
            x: line.x + 3,
            width: line.width.saturating_sub(3),
            ..line
        };
        match &mut self.search {
            Some(f) => draw_field(f, true, theme, frame, field),
            None => frame.render_widget(Paragraph::new(self.filter_text.clone()), field),
        }
        if let Some(e) = self.filter_error()
            && area.height > 1
        {
            // The caret sits under the error's column in the field above.
            let caret = format!("{}^ {}", " ".repeat(e.column.saturating_sub(1) + 3), e.message);
            let row = Rect {
                y: area.y + 1,
                height: 1,
                ..area
            };
            frame.render_widget(Paragraph::new(caret).style(theme.error()), row);
        }
    }

    fn render_tree(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let block = pane_block(theme, " Suites ".into(), self.pane == Pane::Tree);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let window = self.tree_cursor.window(inner.height as usize, self.tree.len());
        let (open, closed) = if theme.ascii { ("-", "+") } else { ("▾", "▸") };
        let lines: Vec<Line> = self.tree[window.clone()]
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mark = match (r.has_children, r.expanded) {
                    (false, _) => " ",
                    (true, true) => open,
                    (true, false) => closed,
                };
                let text = format!("{}{mark} {} ({})", "  ".repeat(r.depth.min(8)), r.name, r.count);
                let text = cut(&text, inner.width as usize, theme.ascii);
                if window.start + i == self.tree_cursor.selected {
                    let style = if self.pane == Pane::Tree {
                        theme.selected()
                    } else {
                        theme.title()
                    };
                    Line::styled(text, style)
                } else {
                    Line::raw(text)
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn render_list(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let node = self
            .tree
            .get(self.tree_cursor.selected)
            .map(|r| r.name.clone())
            .unwrap_or_default();
        let title = format!(" {node}: {} case(s) ", self.list.len());
        let block = pane_block(theme, title, self.pane == Pane::Cases);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.list.is_empty() {
            let text = if self.filter_text.is_empty() {
                "No cases here. n adds one."
            } else {
                "No case matches the filter."
            };
            frame.render_widget(Paragraph::new(text).style(theme.dim()), inner);
            return;
        }
        let (on, off) = if theme.ascii { ("[x]", "[ ]") } else { ("●", "○") };
        let window = self.list_cursor.window(inner.height as usize, self.list.len());
        let id_w = if inner.width >= 40 { 9 } else { 0 };
        let lines: Vec<Line> = self.list[window.clone()]
            .iter()
            .enumerate()
            .map(|(i, ci)| {
                let c = &self.cases[*ci];
                let mark = if self.selected.contains(&c.no) { on } else { off };
                let id = format!("{}-{}", self.code, c.no);
                let text = cut(
                    &format!("{mark} {id:<id_w$} {}", c.title),
                    inner.width as usize,
                    theme.ascii,
                );
                if window.start + i == self.list_cursor.selected {
                    let style = if self.pane == Pane::Cases {
                        theme.selected()
                    } else {
                        theme.title()
                    };
                    Line::styled(text, style)
                } else {
                    Line::raw(text)
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn render_detail(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let block = pane_block(theme, " Case ".into(), false);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(case) = self.current_case() else { return };
        let suite = self.names.get(case.suite);
        let lines = detail::lines(case, self.code.as_str(), suite, theme, inner.width as usize);
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn render_dialog(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        match &mut self.dialog {
            Some(RepoDialog::Name { purpose, field, error }) => {
                let title = match purpose {
                    super::dialogs::NamePurpose::NewSuite { parent: None } => " New top-level suite ".to_string(),
                    super::dialogs::NamePurpose::NewSuite { parent: Some(p) } => {
                        format!(" New suite in '{}' ", self.names.get(Some(*p)))
                    }
                    super::dialogs::NamePurpose::Rename { .. } => " Rename suite ".to_string(),
                };
                let rect = popup::area(area, 60, 5, false);
                frame.render_widget(Clear, rect);
                let block = popup::frame(theme, title, " Enter save  Esc cancel ", rect.width);
                let inner = block.inner(rect);
                frame.render_widget(block, rect);
                let [label, msg] = Layout::vertical([Constraint::Length(1), Constraint::Length(2)]).areas(inner);
                frame.render_widget(Paragraph::new(Span::styled("Name: ", theme.dim())), label);
                let f = Rect {
                    x: label.x + 6,
                    width: label.width.saturating_sub(6),
                    ..label
                };
                draw_field(field, true, theme, frame, f);
                if let Some(e) = error {
                    let wrap = ratatui::widgets::Wrap { trim: true };
                    frame.render_widget(Paragraph::new(e.clone()).style(theme.error()).wrap(wrap), msg);
                }
            }
            Some(RepoDialog::Move { choose, .. }) => choose.render(theme, frame, area),
            Some(RepoDialog::Import(d)) => super::import::render(d, theme, frame, area),
            Some(RepoDialog::Confirm(c)) => {
                let height = c.detail.len() as u16 + 2;
                c.render_box(theme, frame, area, (70, height), " y delete  n keep ");
            }
            None => {}
        }
    }
}
