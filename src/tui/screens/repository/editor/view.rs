//! Drawing the case editor: one row per field (three for long text), the
//! steps with their nesting, scrolled so the focus is always in view; the
//! suite list and the "discard?" question over it.

use super::slots::Value;
use super::steps::{Part, numbers};
use super::{CaseEditor, Focus};
use crate::tui::theme::Theme;
use crate::tui::widgets::cut;
use crate::tui::widgets::field::draw_field;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

const LABEL: u16 = 15;

/// One row group of the form: what has the focus there, its label, height.
struct Item {
    focus: Option<Focus>,
    label: String,
    indent: u16,
    height: u16,
}

impl CaseEditor {
    fn items(&self) -> Vec<Item> {
        let mut out: Vec<Item> = self
            .slots
            .iter()
            .enumerate()
            .map(|(i, s)| Item {
                focus: Some(Focus::Slot(i)),
                label: s.label.to_string(),
                indent: 0,
                height: s.height(),
            })
            .collect();
        out.push(Item {
            focus: None,
            label: format!("Steps ({})", self.steps.len()),
            indent: 0,
            height: 1,
        });
        let levels: Vec<u8> = self.steps.iter().map(|s| s.level).collect();
        for (i, number) in numbers(&levels).into_iter().enumerate() {
            for part in Part::ALL {
                let label = match part {
                    Part::Action => format!("{number} {}", part.label()),
                    _ => part.label().to_string(),
                };
                out.push(Item {
                    focus: Some(Focus::Step(i, part)),
                    label,
                    indent: 2 * levels[i].min(6) as u16,
                    height: 1,
                });
            }
        }
        out
    }

    pub fn render(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(format!(" {} ", self.heading()), theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 3 {
            return;
        }
        let form = Rect {
            height: inner.height - 1,
            ..inner
        };
        let status = Rect {
            y: inner.y + inner.height - 1,
            height: 1,
            ..inner
        };
        self.render_form(theme, frame, form);
        // One row: an error or a notice ends in the sign where it is cut;
        // the hints leave out whole keys, `? keys` always shown.
        let width = usize::from(status.width);
        let (text, style) = match (&self.error, &self.notice) {
            (Some(e), _) => (cut::cut(e, width, theme.ascii), theme.error()),
            (None, Some(n)) => (cut::cut(n, width, theme.ascii), theme.title()),
            _ => (
                cut::hints(
                    "Left/Right choose  Ctrl-N step  Alt-Up/Down move  Alt-Left/Right nest  ? keys",
                    width,
                    theme.ascii,
                ),
                theme.dim(),
            ),
        };
        frame.render_widget(Paragraph::new(text).style(style), status);
        if let Some(chooser) = &mut self.chooser {
            chooser.render(theme, frame, area);
        } else if let Some(confirm) = &self.confirm_discard {
            confirm.render_box(theme, frame, area, (44, 4), " y discard  n keep editing ");
        }
    }

    fn render_form(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let items = self.items();
        let mut tops = Vec::with_capacity(items.len());
        let mut y = 0u16;
        for it in &items {
            tops.push(y);
            y += it.height;
        }
        let at = items.iter().position(|it| it.focus == Some(self.focus)).unwrap_or(0);
        let (focus_top, focus_h) = (tops[at], items[at].height);
        // Scroll so the focused item (and the steps heading above the
        // first step) is in view.
        let scroll = (focus_top + focus_h).saturating_sub(area.height);
        for (it, top) in items.iter().zip(tops) {
            if top < scroll || top - scroll + it.height > area.height {
                continue;
            }
            let rect = Rect {
                x: area.x + it.indent,
                y: area.y + top - scroll,
                width: area.width.saturating_sub(it.indent),
                height: it.height,
            };
            self.render_item(it, theme, frame, rect);
        }
    }

    fn render_item(&mut self, it: &Item, theme: &Theme, frame: &mut Frame, rect: Rect) {
        let focused = it.focus == Some(self.focus);
        let label_style = if focused { theme.selected() } else { theme.dim() };
        let Some(focus) = it.focus else {
            let line = Line::from(vec![
                Span::styled(it.label.clone(), theme.title()),
                Span::styled("  Ctrl-N adds a step", theme.dim()),
            ]);
            frame.render_widget(Paragraph::new(line), rect);
            return;
        };
        let label_w = LABEL.min(rect.width);
        let label = Rect {
            width: label_w,
            height: 1,
            ..rect
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("{:<15}", it.label), label_style)),
            label,
        );
        let value = Rect {
            x: rect.x + label_w,
            width: rect.width.saturating_sub(label_w),
            ..rect
        };
        let sep = if theme.ascii { ("< ", " >") } else { ("◀ ", " ▶") };
        match focus {
            Focus::Slot(i) => {
                let Some(slot) = self.slots.get_mut(i) else { return };
                match &mut slot.value {
                    Value::Text(f) => draw_field(f, focused, theme, frame, value),
                    Value::Choice { names, at } => {
                        let name = names.get(*at).cloned().unwrap_or_default();
                        let text = if focused {
                            format!("{}{name}{}", sep.0, sep.1)
                        } else {
                            name
                        };
                        frame.render_widget(Paragraph::new(text), value);
                    }
                    Value::Suite(s) => {
                        let path = match s {
                            Some(id) => self.names.get(Some(*id)).to_string(),
                            None => "(no suite)".into(),
                        };
                        let text = if focused {
                            format!("{path}  (Enter: choose)")
                        } else {
                            path
                        };
                        frame.render_widget(Paragraph::new(text), value);
                    }
                }
            }
            Focus::Step(i, part) => {
                if let Some(row) = self.steps.get_mut(i) {
                    draw_field(row.field_mut(part), focused, theme, frame, value);
                }
            }
        }
    }
}
