//! A progress bar split by status: one segment per status, in colour; in
//! mono, done and not done differ by character.

use crate::domain::RunStats;
use crate::domain::{StatusCatalog, TestState};
use crate::tui::theme::{ColorMode, Theme};
use ratatui::text::{Line, Span};

pub fn bar(counts: &RunStats, catalog: &StatusCatalog, theme: &Theme, width: usize) -> Line<'static> {
    let (full, empty) = theme.bar_chars();
    if counts.total == 0 || width == 0 {
        return Line::from(empty.repeat(width));
    }
    let mut spans = Vec::new();
    let mut used = 0usize;
    let mut acc = 0u32;
    for (status, n) in &counts.by_status {
        acc += n;
        // Cumulative rounding: segments add up to exactly the done width.
        let end = (acc as usize * width) / counts.total as usize;
        if end > used {
            let style = super::status::style(TestState::Done(*status), catalog, theme);
            let ch = if theme.color == ColorMode::Mono { "#" } else { full };
            spans.push(Span::styled(ch.repeat(end - used), style));
            used = end;
        }
    }
    if width > used {
        spans.push(Span::styled(empty.repeat(width - used), theme.dim()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ResultStatus;

    #[test]
    fn segments_fill_exactly_the_width() {
        let mut c = RunStats::default();
        for s in [
            TestState::Done(ResultStatus::Passed),
            TestState::Done(ResultStatus::Failed),
            TestState::Untested,
        ] {
            c.add(s);
        }
        let theme = Theme {
            color: ColorMode::Mono,
            ascii: true,
        };
        let line = bar(&c, &StatusCatalog::default(), &theme, 10);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "######....");
    }
}
