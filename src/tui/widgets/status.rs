//! How a test's state looks: a word and a style (colour, or bold in mono).

use crate::domain::{StatusCatalog, TestState};
use crate::tui::theme::Theme;
use ratatui::style::Style;

pub fn label(state: TestState, catalog: &StatusCatalog) -> String {
    match state {
        TestState::Untested => "untested".into(),
        TestState::Retest => "retest".into(),
        TestState::Done(s) => catalog.slug(s),
    }
}

pub fn style(state: TestState, catalog: &StatusCatalog, theme: &Theme) -> Style {
    match state {
        TestState::Untested => theme.dim(),
        TestState::Retest => theme.named("blue"),
        TestState::Done(s) => theme.named(&catalog.colour(s)),
    }
}
