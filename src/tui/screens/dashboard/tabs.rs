//! The dashboard's other tabs: the defects filed in this run, the team's
//! work (per person: tests, results, time, a trend over the last days) and
//! the timeline (a bar per tested test in start order, length = time,
//! colour = status). Each scrolls with the usual keys.

use super::view::time;
use super::{Dashboard, Tab};
use crate::domain::{TestState, Time};
use crate::service::local_time as local;
use crate::tui::theme::Theme;
use crate::tui::widgets::cut::{self, fit};
use crate::tui::widgets::status;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table};
use std::collections::BTreeMap;

/// Days the team's trend covers.
const TREND_DAYS: i64 = 14;

/// How many lines the tab has (for scrolling).
pub fn len(d: &Dashboard) -> usize {
    match d.tab {
        Tab::Tests => d.shown.lines.len(),
        Tab::Defects => d.defects.len(),
        Tab::Team => team(d).len(),
        Tab::Timeline => timeline(d).len(),
    }
}

pub fn render(d: &mut Dashboard, tab: Tab, theme: &Theme, frame: &mut Frame, area: Rect) {
    if d.rows.is_none() {
        frame.render_widget(Paragraph::new("Reading the run...").style(theme.dim()), area);
        return;
    }
    match tab {
        Tab::Defects => defects(d, theme, frame, area),
        Tab::Team => render_team(d, theme, frame, area),
        _ => render_timeline(d, theme, frame, area),
    }
}

fn defects(d: &mut Dashboard, theme: &Theme, frame: &mut Frame, area: Rect) {
    if d.defects.is_empty() {
        let text = "No defect is linked to a result of this run.";
        frame.render_widget(Paragraph::new(text).style(theme.dim()), area);
        return;
    }
    let height = area.height.saturating_sub(1) as usize;
    let window = d.tab_cursor.window(height, d.defects.len());
    // Below 60 columns severity and assignee give way to the title.
    let wide = area.width >= 60;
    let widths: Vec<Constraint> = if wide {
        vec![
            Constraint::Length(6),
            Constraint::Length(11),
            Constraint::Length(8),
            Constraint::Fill(1),
            Constraint::Length(10),
        ]
    } else {
        vec![Constraint::Length(6), Constraint::Length(11), Constraint::Fill(1)]
    };
    let sizes = cut::column_widths(&widths, area.width, 1);
    let rows: Vec<Row> = d.defects[window.clone()]
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let cells = if wide {
                vec![
                    Span::raw(format!("D-{}", x.no)),
                    Span::raw(x.status.label()),
                    Span::raw(x.severity.label()),
                    Span::raw(x.title.clone()),
                    Span::raw(x.assignee.clone().unwrap_or_default()),
                ]
            } else {
                vec![
                    Span::raw(format!("D-{}", x.no)),
                    Span::raw(x.status.label()),
                    Span::raw(x.title.clone()),
                ]
            };
            let row = cut::row(cells, &sizes, theme.ascii);
            if window.start + i == d.tab_cursor.selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let heads: &[&str] = if wide {
        &["ID", "STATUS", "SEVERITY", "TITLE", "ASSIGNEE"]
    } else {
        &["ID", "STATUS", "TITLE"]
    };
    let header = cut::row(heads.iter().map(|h| Span::raw(*h)).collect(), &sizes, theme.ascii).style(theme.dim());
    frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), area);
}

/// One person's part in the run.
pub struct Member {
    pub name: String,
    pub assigned: u32,
    pub assigned_done: u32,
    pub results: u32,
    pub time_ms: u64,
    /// Results per day over the last `TREND_DAYS` days, oldest first.
    pub trend: Vec<u32>,
}

impl Member {
    fn new(name: &str) -> Self {
        Self {
            name: name.to_string(),
            assigned: 0,
            assigned_done: 0,
            results: 0,
            time_ms: 0,
            trend: vec![0; TREND_DAYS as usize],
        }
    }
}

pub fn team(d: &Dashboard) -> Vec<Member> {
    let today = d.rows().iter().flat_map(|r| r.results.iter().map(|x| x.at())).max();
    let mut by: BTreeMap<String, Member> = BTreeMap::new();
    for r in d.rows() {
        if let Some(a) = &r.assignee {
            let m = by.entry(a.clone()).or_insert_with(|| Member::new(a));
            m.assigned += 1;
            m.assigned_done += u32::from(matches!(r.state, TestState::Done(_)));
        }
        for res in &r.results {
            let m = by.entry(res.author.clone()).or_insert_with(|| Member::new(&res.author));
            m.results += 1;
            m.time_ms += res.duration_ms;
            if let Some(day) = day_index(today, res.at()) {
                m.trend[day] += 1;
            }
        }
    }
    by.into_values().collect()
}

/// Which of the trend's days `at` falls on (the last is `today`'s), by
/// the local calendar.
fn day_index(today: Option<Time>, at: Time) -> Option<usize> {
    let day = |t: Time| t.with_timezone(&chrono::Local).date_naive();
    let back = (day(today?) - day(at)).num_days();
    (0..TREND_DAYS)
        .contains(&back)
        .then(|| (TREND_DAYS - 1 - back) as usize)
}

fn sparkline(values: &[u32], ascii: bool) -> String {
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let bars: &[char] = if ascii {
        &['.', '_', '-', '=', '#']
    } else {
        &[' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█']
    };
    values
        .iter()
        .map(|v| {
            if *v == 0 {
                bars[0]
            } else {
                bars[1 + (*v as usize * (bars.len() - 2)) / max as usize]
            }
        })
        .collect()
}

fn render_team(d: &mut Dashboard, theme: &Theme, frame: &mut Frame, area: Rect) {
    let members = team(d);
    if members.is_empty() {
        let text = "Nobody is assigned and no result is recorded yet.";
        frame.render_widget(Paragraph::new(text).style(theme.dim()), area);
        return;
    }
    let height = area.height.saturating_sub(1) as usize;
    let window = d.tab_cursor.window(height, members.len());
    // Below 60 columns the trend gives way, so the names keep their room.
    let trend = area.width >= 60;
    let mut widths = vec![
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Length(7),
        Constraint::Length(9),
    ];
    let mut heads = vec!["PERSON", "ASSIGNED", "RESULTS", "TIME"];
    if trend {
        widths.push(Constraint::Length(TREND_DAYS as u16));
        heads.push("LAST 14 DAYS");
    }
    let sizes = cut::column_widths(&widths, area.width, 1);
    let rows: Vec<Row> = members[window.clone()]
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut cells = vec![
                Span::raw(m.name.clone()),
                Span::raw(format!("{}/{}", m.assigned_done, m.assigned)),
                Span::raw(m.results.to_string()),
                Span::raw(time(m.time_ms)),
            ];
            if trend {
                cells.push(Span::styled(sparkline(&m.trend, theme.ascii), theme.key()));
            }
            let row = cut::row(cells, &sizes, theme.ascii);
            if window.start + i == d.tab_cursor.selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let heads = heads.into_iter().map(Span::raw).collect();
    let header = cut::row(heads, &sizes, theme.ascii).style(theme.dim());
    frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), area);
}

/// A tested test on the timeline: when it started, how long, its status.
pub struct Bar {
    pub label: String,
    pub start: Time,
    pub duration_ms: u64,
    pub state: TestState,
}

pub fn timeline(d: &Dashboard) -> Vec<Bar> {
    let mut bars: Vec<Bar> = d
        .rows()
        .iter()
        .filter_map(|r| {
            let first = r.results.first()?;
            let took = chrono::Duration::milliseconds(i64::try_from(first.duration_ms).unwrap_or(i64::MAX));
            let first_at = first.at();
            let start = first_at.checked_sub_signed(took).unwrap_or(first_at);
            let case_id = r.case_id(d.project.code.as_str());
            let label = if r.config.is_empty() {
                case_id
            } else {
                format!("{case_id} {}", r.config)
            };
            Some(Bar {
                label,
                start,
                duration_ms: r.duration_ms(),
                state: r.state,
            })
        })
        .collect();
    bars.sort_by_key(|b| b.start);
    bars
}

fn render_timeline(d: &mut Dashboard, theme: &Theme, frame: &mut Frame, area: Rect) {
    let bars = timeline(d);
    if bars.is_empty() {
        frame.render_widget(Paragraph::new("No result recorded yet.").style(theme.dim()), area);
        return;
    }
    let longest = bars.iter().map(|b| b.duration_ms).max().unwrap_or(1).max(1);
    let label_w = bars.iter().map(|b| b.label.chars().count()).max().unwrap_or(8).min(28);
    let bar_w = (area.width as usize).saturating_sub(label_w + 20).max(4);
    let height = area.height as usize;
    let window = d.tab_cursor.window(height, bars.len());
    // A page is the list's height below the header, as on the other tabs.
    d.tab_cursor.set_page(height.saturating_sub(1));
    let full = if theme.ascii { "#" } else { "█" };
    let lines: Vec<Line> = bars[window.clone()]
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let len = ((b.duration_ms as u128 * bar_w as u128) / longest as u128).max(1) as usize;
            let label = cut::cut(&b.label, label_w, theme.ascii);
            let style = status::style(b.state, &d.catalog(), theme);
            let mut line = Line::from(vec![
                Span::raw(format!(
                    "{} {} ",
                    fit(&label, label_w, theme.ascii),
                    local::format(&b.start, "%m-%d %H:%M")
                )),
                Span::styled(full.repeat(len), style),
                Span::raw(format!(" {}", time(b.duration_ms))),
            ]);
            if window.start + i == d.tab_cursor.selected {
                line = line.style(theme.selected());
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
