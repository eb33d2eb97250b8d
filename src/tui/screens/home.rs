//! Home, the runs tab: the project's runs, active first, with a progress
//! bar, counts, environment, milestone, author and state.

use crate::domain::{Project, ProjectCode, RunNo, StatusCatalog};
use crate::service::{RunSummary, Service, ServiceError, StatusCounts};
use crate::tui::theme::Theme;
use crate::tui::widgets::{cursor::Cursor, progress};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

pub struct Home {
    pub project: Project,
    pub runs: Vec<RunSummary>,
    pub cursor: Cursor,
}

impl Home {
    pub fn load(svc: &Service, code: &ProjectCode) -> Result<Self, ServiceError> {
        Ok(Self {
            project: svc.project(code)?,
            runs: svc.runs(code)?,
            cursor: Cursor::default(),
        })
    }

    pub fn reload(&mut self, svc: &Service, code: &ProjectCode) -> Result<(), ServiceError> {
        let selected = self.selected_run();
        let fresh = Self::load(svc, code)?;
        self.project = fresh.project;
        self.runs = fresh.runs;
        let at = selected
            .and_then(|no| self.runs.iter().position(|r| r.run.no == no.0))
            .unwrap_or(0);
        self.cursor.to(at, self.runs.len());
        Ok(())
    }

    pub fn selected_run(&self) -> Option<RunNo> {
        self.runs.get(self.cursor.selected).map(|r| RunNo(r.run.no))
    }

    pub fn render(&mut self, _svc: &Service, theme: &Theme, frame: &mut Frame, area: Rect) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(format!(" Runs - {} ", self.project.title), theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.runs.is_empty() {
            let text = "No runs yet. Create one with `stepwise run new`, or try `stepwise demo`.";
            frame.render_widget(Paragraph::new(text).style(theme.dim()), inner);
            return;
        }
        let [list, details] = Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(inner);
        let wide = inner.width >= 100;
        let medium = inner.width >= 60;
        let bar_width: u16 = if wide { 20 } else { 10 };
        let catalog = self.project.catalog();
        let rows_height = list.height.saturating_sub(1) as usize;
        super::set_page_size(rows_height);
        let window = self.cursor.window(rows_height, self.runs.len());
        let rows: Vec<Row> = self.runs[window.clone()]
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let r = &s.run;
                let selected = window.start + i == self.cursor.selected;
                let mut cells = vec![
                    Cell::from(format!("{}#{}", if selected { theme.pointer() } else { " " }, r.no)),
                    Cell::from(r.title.clone()),
                    Cell::from(progress::bar(&s.counts, &catalog, theme, bar_width as usize)),
                    Cell::from(format!(
                        "{}/{} {}%",
                        s.counts.done(),
                        s.counts.total,
                        s.counts.percent()
                    )),
                ];
                if medium {
                    cells.push(Cell::from(r.environment.clone().unwrap_or_default()));
                }
                if wide {
                    cells.push(Cell::from(r.milestone.clone().unwrap_or_default()));
                    cells.push(Cell::from(r.author.clone()));
                }
                cells.push(state_cell(r, theme));
                let row = Row::new(cells);
                if selected { row.style(theme.selected()) } else { row }
            })
            .collect();
        let mut widths = vec![
            Constraint::Length(6),
            Constraint::Fill(1),
            Constraint::Length(bar_width),
            Constraint::Length(11),
        ];
        let mut header = vec!["RUN", "TITLE", "PROGRESS", "DONE"];
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
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.dim()))
            .column_spacing(1);
        frame.render_widget(table, list);
        if let Some(s) = self.runs.get(self.cursor.selected) {
            frame.render_widget(Paragraph::new(detail_lines(s, &catalog, theme)), details);
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
    let c: &StatusCounts = &s.counts;
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
