//! `stepwise statuses` and `stepwise status add|hide|show`: the result
//! statuses of the project, with their wizard keys.

use super::{CmdResult, Ctx, Failure, print_json, table};
use crate::domain::{Polarity, ResultStatus};
use crate::say;
use crate::service::statuses::NewStatus;
use crate::tui::keymap::{self, Scope};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn list(ctx: &mut Ctx, as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let project = ctx.svc.project(&code)?;
    let catalog = project.catalog();
    let mut all: Vec<(ResultStatus, bool)> = crate::domain::status::BUILTIN.iter().map(|s| (*s, false)).collect();
    all.extend(
        project
            .custom_statuses
            .iter()
            .map(|c| (ResultStatus::Custom(c.id), c.hidden)),
    );
    if as_json {
        let items: Vec<serde_json::Value> = all
            .iter()
            .map(|(s, hidden)| {
                serde_json::json!({
                    "status": catalog.slug(*s),
                    "name": catalog.name(*s),
                    "key": catalog.key(*s).map(|k| k.to_string()),
                    "colour": catalog.colour(*s),
                    "negative": catalog.is_negative(*s),
                    "custom": matches!(s, ResultStatus::Custom(_)),
                    "hidden": hidden,
                })
            })
            .collect();
        print_json(&serde_json::Value::Array(items));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|(s, hidden)| {
            vec![
                catalog.slug(*s),
                catalog.key(*s).map(|k| k.to_string()).unwrap_or_default(),
                if catalog.is_negative(*s) {
                    "negative"
                } else {
                    "positive"
                }
                .into(),
                catalog.colour(*s),
                if *hidden { "hidden" } else { "" }.into(),
            ]
        })
        .collect();
    table::print(&["STATUS", "KEY", "KIND", "COLOUR", ""], &rows);
    Ok(())
}

pub fn add(ctx: &mut Ctx, name: &str, key: &str, colour: &str, negative: bool) -> CmdResult {
    let code = ctx.project()?;
    let mut chars = key.chars();
    let (Some(k), None) = (chars.next(), chars.next()) else {
        return Err(Failure {
            code: 2,
            message: format!("--key takes one character (got '{key}')"),
        });
    };
    // The wizard's own keys come first; a status cannot take one of them.
    let ev = KeyEvent::new(KeyCode::Char(k), KeyModifiers::NONE);
    if k.is_whitespace() || k.is_ascii_digit() || keymap::lookup(Scope::Wizard, &ev).is_some() {
        return Err(Failure {
            code: 2,
            message: format!("key '{k}' is taken in the wizard (see ? there); choose another"),
        });
    }
    let polarity = if negative {
        Polarity::Negative
    } else {
        Polarity::Positive
    };
    let new = NewStatus {
        name: name.into(),
        key: k,
        colour: colour.into(),
        polarity,
    };
    let s = ctx.svc.add_custom_status(&code, new)?;
    say!("Added status {} ({}), key {} in the wizard.", s.name, s.slug, s.key);
    Ok(())
}

pub fn hide(ctx: &mut Ctx, name: &str, hidden: bool) -> CmdResult {
    let code = ctx.project()?;
    let s = ctx.svc.set_status_hidden(&code, name, hidden)?;
    let what = if hidden {
        "hidden: old results keep it, new ones cannot use it"
    } else {
        "shown again"
    };
    say!("Status {} is {what}.", s.name);
    Ok(())
}
