//! A run's tests with their statuses: where `stepwise open RUN` lands.

use crate::domain::{ProjectCode, RunNo};
use crate::service::{RunView, Service, ServiceError};
use crate::tui::theme::Theme;
use crate::tui::widgets::{cursor::Cursor, progress, status};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

pub struct RunScreen {
    pub view: RunView,
    pub cursor: Cursor,
}

impl RunScreen {
    pub fn load(svc: &Service, code: &ProjectCode, no: RunNo) -> Result<Self, ServiceError> {
        Ok(Self {
            view: svc.run_view(code, no)?,
            cursor: Cursor::default(),
        })
    }

    pub fn reload(&mut self, svc: &Service, code: &ProjectCode) -> Result<(), ServiceError> {
        self.view = svc.run_view(code, RunNo(self.view.run.no))?;
        let len = self.view.tests.len();
        self.cursor.to(self.cursor.selected, len);
        Ok(())
    }

    pub fn render(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let v = &self.view;
        let r = &v.run;
        let state = match r.outcome {
            Some(o) => format!("{}, {}", r.state.as_str(), o.as_str()),
            None => r.state.as_str().to_string(),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(format!(" #{} {} ", r.no, r.title), theme.title()))
            .title_bottom(Span::styled(format!(" {state} "), theme.dim()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [head, list, details] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(2)]).areas(inner);
        let catalog = v.project.catalog();
        let c = &v.counts;
        let counts = format!(" {}/{} done ({}%)", c.done(), c.total, c.percent());
        let bar_width = (head.width as usize).saturating_sub(counts.len()).min(40);
        let mut info = Vec::new();
        if let Some(e) = &r.environment {
            info.push(format!("env {e}"));
        }
        if let Some(m) = &r.milestone {
            info.push(format!("milestone {m}"));
        }
        for (g, vals) in &r.configs {
            info.push(format!("{g}: {}", vals.join(", ")));
        }
        info.push(format!("by {}", r.author));
        let mut bar = progress::bar(c, &catalog, theme, bar_width);
        bar.spans.push(Span::raw(counts));
        frame.render_widget(
            Paragraph::new(vec![bar, Line::styled(info.join("  "), theme.dim())]),
            head,
        );

        let rows_height = list.height.saturating_sub(1) as usize;
        super::set_page_size(rows_height);
        let window = self.cursor.window(rows_height, v.tests.len());
        let code = &v.project.code;
        let with_config = !r.configs.is_empty();
        let rows: Vec<Row> = v.tests[window.clone()]
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let selected = window.start + i == self.cursor.selected;
                let st = t.state();
                let mut cells = vec![
                    Cell::from(Span::styled(
                        status::label(st, &catalog),
                        status::style(st, &catalog, theme),
                    )),
                    Cell::from(format!("{code}-{}", t.case_no)),
                    Cell::from(t.snapshot.title.clone()),
                ];
                if with_config {
                    cells.push(Cell::from(t.config.label()));
                }
                cells.push(Cell::from(t.assignee.clone().unwrap_or_default()));
                let row = Row::new(cells);
                if selected { row.style(theme.selected()) } else { row }
            })
            .collect();
        let id_width = format!("{code}-{}", v.tests.iter().map(|t| t.case_no).max().unwrap_or(1)).len() as u16;
        let mut widths = vec![Constraint::Length(9), Constraint::Length(id_width), Constraint::Fill(1)];
        let mut header = vec!["STATUS", "CASE", "TITLE"];
        if with_config {
            widths.push(Constraint::Length(if inner.width >= 100 { 18 } else { 9 }));
            header.push("CONFIG");
        }
        widths.push(Constraint::Length(8));
        header.push("ASSIGNEE");
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.dim()))
            .column_spacing(1);
        frame.render_widget(table, list);

        if let Some(t) = v.tests.get(self.cursor.selected) {
            let s = &t.snapshot;
            let mut first = vec![format!("suite {}", v.suites.get(s.suite))];
            first.push(format!("priority {}", s.priority));
            first.push(format!("{} steps", s.steps.len()));
            let last = t.results.last().map(|res| {
                let when = res.at.format("%Y-%m-%d %H:%M");
                format!("last result {} by {} {when}", catalog.slug(res.status), res.author)
            });
            let second = match last {
                Some(text) => format!("{} result(s), {text}", t.results.len()),
                None => "no result yet".into(),
            };
            frame.render_widget(
                Paragraph::new(vec![Line::raw(first.join("  ")), Line::styled(second, theme.dim())]),
                details,
            );
        }
    }
}
