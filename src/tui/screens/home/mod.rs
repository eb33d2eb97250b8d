//! Home, the runs tab: the project's runs, active first, with a progress
//! bar, counts, environment, milestone, author and state.

mod screen;

use crate::domain::{Project, ProjectCode, RunNo, RunState, RunStats, RunSummary, StatusCatalog};
use crate::service::{Service, ServiceError};
use crate::tui::theme::Theme;
use crate::tui::widgets::{confirm::Confirm, cursor::Cursor, progress, search::Search};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use std::collections::BTreeSet;

pub struct Home {
    pub project: Project,
    /// Every run of the project.
    pub all: Vec<RunSummary>,
    /// The runs shown: those the state filter and the search let through.
    pub runs: Vec<RunSummary>,
    pub cursor: Cursor,
    pub filter: Option<RunState>,
    pub search: Search,
    /// Runs chosen for deletion.
    pub selected: BTreeSet<u64>,
    /// Asking before deleting the chosen runs (or the current one).
    pub confirm: Option<Confirm<Vec<RunNo>>>,
}

impl Home {
    pub fn load(svc: &Service, code: &ProjectCode) -> Result<Self, ServiceError> {
        let all = svc.runs(code)?;
        Ok(Self {
            project: svc.project(code)?,
            runs: all.clone(),
            all,
            cursor: Cursor::default(),
            filter: None,
            search: Search::default(),
            selected: BTreeSet::new(),
            confirm: None,
        })
    }

    pub fn reload(&mut self, svc: &Service, code: &ProjectCode) -> Result<(), ServiceError> {
        self.project = svc.project(code)?;
        self.all = svc.runs(code)?;
        let nos: BTreeSet<u64> = self.all.iter().map(|r| r.run.no).collect();
        self.selected.retain(|n| nos.contains(n));
        self.refilter();
        Ok(())
    }

    /// Applies the state filter and the search (words in the number,
    /// title, environment, milestone, author or tags), keeping the cursor
    /// on the same run when it is still shown.
    pub fn refilter(&mut self) {
        let selected = self.selected_run();
        let words: Vec<String> = self
            .search
            .text()
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        self.runs = self
            .all
            .iter()
            .filter(|s| self.filter.is_none_or(|f| s.run.state == f))
            .filter(|s| {
                let r = &s.run;
                let hay = format!(
                    "#{} {} {} {} {} {}",
                    r.no,
                    r.title,
                    r.environment.as_deref().unwrap_or(""),
                    r.milestone.as_deref().unwrap_or(""),
                    r.author,
                    r.tags.join(" ")
                )
                .to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .cloned()
            .collect();
        let at = selected
            .and_then(|no| self.runs.iter().position(|r| r.run.no == no.0))
            .unwrap_or(0);
        self.cursor = Cursor::default();
        self.cursor.to(at, self.runs.len());
    }

    /// All, active, completed, aborted, and back to all.
    pub fn next_filter(&mut self) {
        self.filter = match self.filter {
            None => Some(RunState::Active),
            Some(RunState::Active) => Some(RunState::Completed),
            Some(RunState::Completed) => Some(RunState::Aborted),
            Some(RunState::Aborted) => None,
        };
        self.refilter();
    }

    /// The runs a deletion applies to: the chosen ones, else the current.
    pub fn targets(&self) -> Vec<RunNo> {
        if self.selected.is_empty() {
            self.selected_run().into_iter().collect()
        } else {
            self.selected.iter().map(|n| RunNo(*n)).collect()
        }
    }

    pub fn scope(&self) -> crate::tui::keymap::Scope {
        use crate::tui::keymap::Scope;
        if self.confirm.is_some() {
            Scope::Confirm
        } else if self.search.is_typing() {
            Scope::DashSearch
        } else {
            Scope::Home
        }
    }

    /// Asks before deleting the chosen runs (or the current one).
    pub fn ask_delete(&mut self) {
        let targets = self.targets();
        let runs: Vec<String> = targets.iter().map(|n| format!("#{}", n.0)).collect();
        let text = format!(
            "Delete run(s) {} and their tests? Defects stay, with their links.  y: yes  n: no",
            runs.join(", ")
        );
        self.confirm = Some(Confirm::new(targets, text));
    }

    pub fn selected_run(&self) -> Option<RunNo> {
        self.runs.get(self.cursor.selected).map(|r| RunNo(r.run.no))
    }

    pub fn render(&mut self, _svc: &Service, theme: &Theme, frame: &mut Frame, area: Rect) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(
                crate::tui::widgets::cut::cut(
                    &format!(" Runs - {} ", self.project.title),
                    area.width.saturating_sub(2) as usize,
                    theme.ascii,
                ),
                theme.title(),
            ))
            .title_bottom(Span::styled(self.state_line(), theme.key()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.runs.is_empty() {
            let text = if self.all.is_empty() {
                "No runs yet. Press n to plan one, or use `stepwise run new`."
            } else {
                "No run matches the filter or the search (C clears them)."
            };
            frame.render_widget(Paragraph::new(text).style(theme.dim()), inner);
            return;
        }
        let [list, details] = Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(inner);
        let wide = inner.width >= 100;
        let medium = inner.width >= 60;
        let bar_width: u16 = if wide { 20 } else { 10 };
        let catalog = self.project.catalog();
        // Narrow: no bar, and the done share alone, so the titles keep room.
        let narrow = inner.width < 60;
        let mut widths = vec![Constraint::Length(6), Constraint::Fill(1)];
        let mut header = vec!["RUN", "TITLE"];
        if !narrow {
            widths.push(Constraint::Length(bar_width));
            header.push("PROGRESS");
        }
        widths.push(Constraint::Length(if narrow { 4 } else { 11 }));
        header.push("DONE");
        if medium {
            widths.push(Constraint::Length(11));
            header.push("ENV");
        }
        if wide {
            widths.push(Constraint::Length(14));
            header.push("MILESTONE");
            widths.push(Constraint::Length(8));
            header.push("AUTHOR");
        }
        widths.push(Constraint::Length(7));
        header.push("STATE");
        let sizes = crate::tui::widgets::cut::column_widths(&widths, list.width, 1);
        let cut = |i: usize, text: String| {
            let w = sizes.get(i).copied().unwrap_or(0) as usize;
            Cell::from(crate::tui::widgets::cut::cut(&text, w, theme.ascii))
        };
        let rows_height = list.height.saturating_sub(1) as usize;
        let window = self.cursor.window(rows_height, self.runs.len());
        let rows: Vec<Row> = self.runs[window.clone()]
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let r = &s.run;
                let selected = window.start + i == self.cursor.selected;
                let mark = if self.selected.contains(&r.no) {
                    if theme.ascii { "*" } else { "●" }
                } else if selected {
                    theme.pointer()
                } else {
                    " "
                };
                let mut cells = vec![cut(0, format!("{mark}#{}", r.no)), cut(1, r.title.clone())];
                if narrow {
                    cells.push(cut(2, format!("{}%", s.counts.percent())));
                } else {
                    cells.push(Cell::from(progress::bar(
                        &s.counts,
                        &catalog,
                        theme,
                        bar_width as usize,
                    )));
                    let done = format!("{}/{} {}%", s.counts.done(), s.counts.total, s.counts.percent());
                    cells.push(cut(3, done));
                }
                if medium {
                    cells.push(cut(cells.len(), r.environment.clone().unwrap_or_default()));
                }
                if wide {
                    cells.push(cut(cells.len(), r.milestone.clone().unwrap_or_default()));
                    cells.push(cut(cells.len(), r.author.clone()));
                }
                cells.push(state_cell(r, theme));
                let row = Row::new(cells);
                if selected { row.style(theme.selected()) } else { row }
            })
            .collect();
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.dim()))
            .column_spacing(1);
        frame.render_widget(table, list);
        if let Some(confirm) = &self.confirm {
            let wrap = ratatui::widgets::Wrap { trim: true };
            let text = confirm.question.clone();
            frame.render_widget(Paragraph::new(text).style(theme.error()).wrap(wrap), details);
        } else if self.search.is_typing() {
            let line = Line::from(self.search.prompt(theme));
            frame.render_widget(Paragraph::new(line), details);
        } else if let Some(s) = self.runs.get(self.cursor.selected) {
            let lines: Vec<Line> = detail_lines(s, &catalog, theme)
                .into_iter()
                .map(|l| crate::tui::widgets::cut::cut_line(l, details.width as usize, theme.ascii))
                .collect();
            frame.render_widget(Paragraph::new(lines), details);
        }
    }

    /// The filter, search and selection, for the frame's bottom line.
    fn state_line(&self) -> String {
        let mut parts = Vec::new();
        if let Some(f) = self.filter {
            parts.push(format!("only {}", f.as_str()));
        }
        parts.extend(self.search.label());
        if self.filter.is_some() || !self.search.is_empty() {
            parts.push(format!("{} of {} shown", self.runs.len(), self.all.len()));
        }
        if !self.selected.is_empty() {
            parts.push(format!("{} chosen", self.selected.len()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" {} ", parts.join(" · "))
        }
    }
}

/// `active`, `aborted`, or a completed run's outcome (`passed`, `failed`).
fn state_cell(r: &crate::domain::Run, theme: &Theme) -> Cell<'static> {
    use crate::domain::{Outcome, RunState};
    match (r.state, r.outcome) {
        (RunState::Completed, Some(Outcome::Passed)) => Cell::from(Span::styled("passed", theme.named("green"))),
        (RunState::Completed, Some(Outcome::Failed)) => Cell::from(Span::styled("failed", theme.named("red"))),
        (state, _) => Cell::from(state.as_str()),
    }
}

/// Counts by status, then milestone and configurations, of one run.
fn detail_lines(s: &RunSummary, catalog: &StatusCatalog, theme: &Theme) -> Vec<Line<'static>> {
    let mut spans = Vec::new();
    let c: &RunStats = &s.counts;
    for status in catalog.selectable() {
        let n = c.of(status);
        if n > 0 {
            let style = theme.named(&catalog.colour(status));
            spans.push(Span::styled(format!("{} {n}", catalog.slug(status)), style));
            spans.push(Span::raw("  "));
        }
    }
    if c.retest > 0 {
        spans.push(Span::raw(format!("retest {}  ", c.retest)));
    }
    spans.push(Span::styled(format!("untested {}", c.untested), theme.dim()));
    let r = &s.run;
    let mut second = vec![format!("by {}", r.author)];
    if let Some(m) = &r.milestone {
        second.push(format!("milestone {m}"));
    }
    for (g, v) in &r.configs {
        second.push(format!("{g}: {}", v.join(", ")));
    }
    if !r.tags.is_empty() {
        second.push(format!("tags {}", r.tags.join(", ")));
    }
    vec![Line::from(spans), Line::styled(second.join("  "), theme.dim())]
}
