//! Drawing the wizard's dialogs over it. A dialog that does not fit (a
//! small terminal) shows the fields around the focused one.

use super::dialog::{CommentDialog, ResultDialog, Slot};
use crate::tui::theme::Theme;
use crate::tui::widgets::cut::fit;
use crate::tui::widgets::field::draw_field;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// `text` as it fits on one row of `r`, cut with the sign if need be.
fn cut_to(text: String, r: Rect, theme: &Theme) -> String {
    crate::tui::widgets::cut::cut(&text, usize::from(r.width), theme.ascii)
}

fn label(text: &str, focused: bool, theme: &Theme) -> Span<'static> {
    if focused {
        Span::styled(format!("{text:<10}"), theme.selected())
    } else {
        Span::styled(format!("{text:<10}"), theme.dim())
    }
}

pub(super) fn render_result(d: &mut ResultDialog, theme: &Theme, frame: &mut Frame, area: Rect) {
    let slots = d.slots();
    let rows_needed: u16 = slots
        .iter()
        .map(|s| match s {
            Slot::Comment => 3,
            Slot::Actual => 2,
            Slot::Pick => 5,
            _ => 1,
        })
        .sum::<u16>()
        + 4
        + u16::from(d.files_new_defect())
        + u16::from(!d.attachments.is_empty())
        + error_rows(d, 74).saturating_sub(1);
    let rect = popup::area(area, 76, rows_needed, false);
    frame.render_widget(Clear, rect);
    let title = if d.defect_only {
        " Defect for the latest result ".to_string()
    } else {
        format!(" Record: {} ", status_word(d))
    };
    // Esc never records; recording without a defect is unticking "File a
    // defect", then Ctrl-S.
    let hint = if d.defect_only {
        " Ctrl-S save the defect  Tab next  Esc cancel "
    } else if d.negative && d.file_defect {
        " Ctrl-S record + defect  untick File a defect: none  Esc cancel "
    } else if d.negative {
        " Ctrl-S record without a defect  Tab next  Esc cancel "
    } else {
        " Ctrl-S record  Tab next  Esc cancel "
    };
    let block = popup::frame(theme, title, hint, rect.width);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    let mut row = |h: u16| -> Option<Rect> {
        if y + h > bottom {
            return None;
        }
        let r = Rect {
            x: inner.x,
            y,
            width: inner.width,
            height: h,
        };
        y += h;
        Some(r)
    };
    // When the dialog does not fit (a small terminal), skip the fields
    // above so that the focused one is always visible.
    let height_of = |slot: &Slot| match slot {
        Slot::Comment => 3,
        Slot::Actual => 2,
        Slot::Pick => 5,
        _ => 1,
    };
    let room = inner.height.saturating_sub(1);
    let focus_at = slots.iter().position(|s| *s == d.slot).unwrap_or(0);
    let mut first = 0;
    while first < focus_at && slots[first..=focus_at].iter().map(height_of).sum::<u16>() > room {
        first += 1;
    }
    for slot in slots.into_iter().skip(first) {
        let focused = d.slot == slot;
        let h = height_of(&slot);
        let Some(r) = row(h) else { break };
        let [l, f] = Layout::horizontal([Constraint::Length(11), Constraint::Fill(1)]).areas(r);
        match slot {
            Slot::Comment => {
                frame.render_widget(Paragraph::new(label("Comment", focused, theme)), l);
                draw_field(&mut d.comment, focused, theme, frame, f);
            }
            Slot::Time => {
                frame.render_widget(Paragraph::new(label("Time", focused, theme)), l);
                draw_field(&mut d.time, focused, theme, frame, f);
            }
            Slot::FileDefect => {
                let mark = if d.file_defect { "[x]" } else { "[ ]" };
                let style = if focused { theme.selected() } else { Style::default() };
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        cut_to(format!("{mark} File a defect (Space)"), r, theme),
                        style,
                    )),
                    r,
                );
            }
            Slot::Mode => {
                let (a, b) = if d.attach_existing {
                    ("( )", "(*)")
                } else {
                    ("(*)", "( )")
                };
                frame.render_widget(Paragraph::new(label("Defect", focused, theme)), l);
                frame.render_widget(
                    Paragraph::new(cut_to(format!("{a} new  {b} existing  (Space)"), f, theme)),
                    f,
                );
            }
            Slot::Title => {
                frame.render_widget(Paragraph::new(label("Title", focused, theme)), l);
                draw_field(&mut d.title, focused, theme, frame, f);
            }
            Slot::Actual => {
                frame.render_widget(Paragraph::new(label("Actual", focused, theme)), l);
                draw_field(&mut d.actual, focused, theme, frame, f);
            }
            Slot::Severity => {
                frame.render_widget(Paragraph::new(label("Severity", focused, theme)), l);
                let text = format!("< {} >  (Left/Right)", d.severity);
                frame.render_widget(Paragraph::new(cut_to(text, f, theme)), f);
            }
            Slot::Assignee => {
                frame.render_widget(Paragraph::new(label("Assignee", focused, theme)), l);
                draw_field(&mut d.assignee, focused, theme, frame, f);
            }
            Slot::Push => {
                frame.render_widget(Paragraph::new(label("Push to", focused, theme)), l);
                let to = d.push_to.as_deref().unwrap_or("no (file only)");
                let text = format!("< {to} >  (Space: file and push)");
                frame.render_widget(Paragraph::new(cut_to(text, f, theme)), f);
            }
            Slot::Search => {
                frame.render_widget(Paragraph::new(label("Search", focused, theme)), l);
                draw_field(&mut d.search, focused, theme, frame, f);
            }
            Slot::Pick => {
                let selected = d.pick.selected;
                let window = d.pick.window(h as usize, d.matches().len());
                let matches = d.matches();
                let lines: Vec<Line> = if matches.is_empty() {
                    vec![Line::styled("no open defect matches", theme.dim())]
                } else {
                    matches[window.clone()]
                        .iter()
                        .enumerate()
                        .map(|(i, def)| {
                            let text = format!("D-{} [{}] {}", def.no, def.severity, def.title);
                            let line = Line::raw(crate::tui::widgets::cut::cut(&text, f.width as usize, theme.ascii));
                            if window.start + i == selected && focused {
                                line.style(theme.selected())
                            } else {
                                line
                            }
                        })
                        .collect()
                };
                frame.render_widget(Paragraph::new(lines), f);
                frame.render_widget(Paragraph::new(label("Open", focused, theme)), Rect { height: 1, ..l });
            }
        }
    }
    // What the new defect's description holds besides what is typed.
    if d.files_new_defect()
        && let Some(r) = row(1)
    {
        let summary = d.report.summary();
        let summary = if summary.is_empty() { "-".to_string() } else { summary };
        let width = (r.width as usize).saturating_sub(11);
        let text = format!("{:<11}{}", "Details", fit(&summary, width, theme.ascii).trim_end());
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), r);
    }
    if !d.attachments.is_empty()
        && let Some(r) = row(1)
    {
        let text = format!("{:<11}{}", "Files", d.attachments.join(", "));
        frame.render_widget(Paragraph::new(Span::styled(cut_to(text, r, theme), theme.dim())), r);
    }
    // An error is shown whole (a full disk names the store and what to do),
    // on up to three rows.
    if let Some(err) = &d.error {
        let wanted = error_rows(d, inner.width);
        if let Some(r) = (1..=wanted).rev().find_map(&mut row) {
            let lines: Vec<Line> = crate::tui::widgets::wrap::wrap(err, r.width as usize)
                .into_iter()
                .take(r.height as usize)
                .map(|l| Line::styled(l, theme.error()))
                .collect();
            frame.render_widget(Paragraph::new(lines), r);
        }
    }
}

/// Rows the dialog's error takes at `width` columns (at most three).
fn error_rows(d: &ResultDialog, width: u16) -> u16 {
    d.error.as_ref().map_or(0, |e| {
        crate::tui::widgets::wrap::wrap(e, width as usize).len().min(3) as u16
    })
}

fn status_word(d: &ResultDialog) -> String {
    d.status_name.clone()
}

/// The comment editor; `draft` on a test that has a result already (the
/// text is for the next result, not the recorded one).
pub(super) fn render_comment(c: &mut CommentDialog, draft: bool, theme: &Theme, frame: &mut Frame, area: Rect) {
    let rect = popup::area(area, 76, 10, false);
    frame.render_widget(Clear, rect);
    let title = match (c.step, draft) {
        (None, false) => " Result comment ".to_string(),
        (None, true) => " Draft comment for a new result ".to_string(),
        (Some(i), false) => format!(" Comment on step {} ", i + 1),
        (Some(i), true) => format!(" Draft comment on step {} for a new result ", i + 1),
    };
    let block = popup::frame(
        theme,
        title,
        " Esc or Ctrl-S done (kept as a draft)  Ctrl-E $EDITOR ",
        rect.width,
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    draw_field(&mut c.text, true, theme, frame, inner);
}
