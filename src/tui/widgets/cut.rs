//! Cutting text to a width with a sign: every cut ends in `…` (`...` in
//! ASCII), by display width (wide characters count two). Every screen that
//! cuts a cell or a line goes through here; ratatui itself would clip a
//! span that overflows its cell without a sign, so cells are cut first.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The sign of a cut.
pub fn ellipsis(ascii: bool) -> &'static str {
    if ascii { "..." } else { "…" }
}

/// The characters of `chars`, in order, while they fit in `room` columns.
fn take_width(chars: impl Iterator<Item = char>, room: usize) -> Vec<char> {
    let mut used = 0;
    chars
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= room
        })
        .collect()
}

/// The room left for text beside the sign in `width` columns, or `None`
/// when `text` fits whole (`Some(None)`: not even the sign fits).
fn room_for(text: &str, width: usize, sign: &str) -> Option<Option<usize>> {
    if text.width() <= width {
        return None;
    }
    Some(width.checked_sub(sign.width()))
}

/// `text` as it is when it fits in `width` columns, else cut to end in the
/// ellipsis within `width` (only dots when even the ellipsis does not fit).
pub fn cut(text: &str, width: usize, ascii: bool) -> String {
    let sign = ellipsis(ascii);
    match room_for(text, width, sign) {
        None => text.to_string(),
        Some(None) => ".".repeat(width),
        Some(Some(room)) => {
            let kept: String = take_width(text.chars(), room).into_iter().collect();
            // No space left dangling before the sign.
            format!("{}{sign}", kept.trim_end())
        }
    }
}

/// Like [`cut`], but keeps the end (for ids whose tail tells them apart).
pub fn cut_start(text: &str, width: usize, ascii: bool) -> String {
    let sign = ellipsis(ascii);
    match room_for(text, width, sign) {
        None => text.to_string(),
        Some(None) => ".".repeat(width),
        Some(Some(room)) => {
            let tail: String = take_width(text.chars().rev(), room).into_iter().rev().collect();
            format!("{sign}{tail}")
        }
    }
}

/// Key hints two spaces apart (`a  b  c  ? keys`) within `width`: whole,
/// else leaving out hints from the end but the last one (where to find
/// every key), else cut with the sign.
pub fn hints(text: &str, width: usize, ascii: bool) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let keys: Vec<&str> = text.split("  ").collect();
    if let Some((last, rest)) = keys.split_last() {
        for n in (0..rest.len()).rev() {
            let kept: Vec<&str> = rest[..n].iter().chain([last]).copied().collect();
            let joined = kept.join("  ");
            if joined.width() <= width {
                return joined;
            }
        }
    }
    cut(text, width, ascii)
}

/// `text` cut (as [`cut`]) or padded with spaces to exactly `width` columns.
pub fn fit(text: &str, width: usize, ascii: bool) -> String {
    let mut out = cut(text, width, ascii);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// A line cut to `width` columns, styles kept; the sign takes the style of
/// the span it ends.
pub fn cut_line(line: Line<'static>, width: usize, ascii: bool) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let sign_w = ellipsis(ascii).width().min(width);
    let room = width - sign_w;
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut last_style = line.spans.first().map(|s| s.style).unwrap_or_default();
    for span in line.spans {
        let w = span.content.width();
        last_style = span.style;
        if used + w <= room {
            used += w;
            spans.push(span);
            continue;
        }
        // This span is where the cut falls: keep what fits, then the sign.
        let rest = room - used;
        let mut kept = String::new();
        let mut kw = 0;
        for c in span.content.chars() {
            let cw = c.width().unwrap_or(0);
            if kw + cw > rest {
                break;
            }
            kept.push(c);
            kw += cw;
        }
        let sign = if sign_w < ellipsis(ascii).width() {
            ".".repeat(sign_w)
        } else {
            ellipsis(ascii).to_string()
        };
        spans.push(Span::styled(format!("{kept}{sign}"), span.style));
        return Line::from(spans).style(line.style).alignment_opt(line.alignment);
    }
    spans.push(Span::styled(ellipsis(ascii), last_style));
    Line::from(spans).style(line.style).alignment_opt(line.alignment)
}

/// Sets an optional alignment (Line has no such builder).
trait AlignOpt {
    fn alignment_opt(self, a: Option<ratatui::layout::Alignment>) -> Self;
}

impl AlignOpt for Line<'static> {
    fn alignment_opt(mut self, a: Option<ratatui::layout::Alignment>) -> Self {
        self.alignment = a;
        self
    }
}

/// The widths a [`ratatui::widgets::Table`] gives its columns in `width`
/// columns with `spacing` between them (the table's own layout rule).
pub fn column_widths(constraints: &[Constraint], width: u16, spacing: u16) -> Vec<u16> {
    Layout::horizontal(constraints.iter().copied())
        .flex(Flex::Start)
        .spacing(spacing)
        .split(Rect::new(0, 0, width, 1))
        .iter()
        .map(|r| r.width)
        .collect()
}

/// A table row whose cells are cut to their column's width.
pub fn row(cells: Vec<Span<'static>>, widths: &[u16], ascii: bool) -> Row<'static> {
    Row::new(cells.into_iter().enumerate().map(|(i, span)| {
        let w = widths.get(i).copied().unwrap_or(u16::MAX) as usize;
        Cell::from(cut_line(Line::from(span), w, ascii))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    #[test]
    fn hints_leave_out_whole_keys_and_keep_the_last() {
        let keys = "Left/Right choose  Ctrl-N step  Alt-Up/Down move  ? keys";
        assert_eq!(hints(keys, 80, false), keys);
        assert_eq!(hints(keys, 38, false), "Left/Right choose  Ctrl-N step  ? keys");
        assert_eq!(hints(keys, 20, false), "? keys");
        assert_eq!(hints("a very long single hint", 10, true), "a very...");
    }

    #[test]
    fn cuts_by_display_width_with_a_sign() {
        assert_eq!(cut("abc", 5, false), "abc");
        assert_eq!(cut("abcdef", 4, false), "abc…");
        assert_eq!(cut("abcdef", 5, true), "ab...");
        assert_eq!(cut("ab cdef", 4, false), "ab…");
        assert_eq!(cut("日本語", 4, false), "日…");
        assert_eq!(cut("abcdef", 2, true), "..");
        assert_eq!(cut("x", 0, false), "");
        assert_eq!(fit("abcdef", 4, true), "a...");
        assert_eq!(fit("日本語", 4, false), "日… ");
        assert_eq!(cut_start("acme/shop#3", 7, false), "…shop#3");
    }

    #[test]
    fn a_cut_line_keeps_its_styles_and_ends_in_the_sign() {
        let line = Line::from(vec![Span::raw("status "), Span::styled("failed", Style::new().red())]);
        let cut = cut_line(line, 10, false);
        assert_eq!(cut.to_string(), "status fa…");
        assert_eq!(cut.spans.last().map(|s| s.style), Some(Style::new().red()));
        assert_eq!(cut_line(Line::raw("short"), 10, true).to_string(), "short");
    }

    #[test]
    fn column_widths_follow_the_table() {
        let w = column_widths(
            &[Constraint::Length(4), Constraint::Fill(1), Constraint::Length(3)],
            20,
            1,
        );
        assert_eq!(w, vec![4, 11, 3]);
    }
}
