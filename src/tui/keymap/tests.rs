use super::*;
use crate::domain::status::BUILTIN;
use crate::tui::action::ActionKind;
use crate::tui::screens::TABS;
use crossterm::event::KeyModifiers;
use strum::IntoEnumIterator;

/// Every scope, from the enum itself: a new scope is checked at once.
fn scopes() -> impl Iterator<Item = Scope> {
    Scope::iter()
}

#[test]
fn the_footer_drops_its_last_hints_first_and_keeps_help() {
    let hints: Vec<(String, String)> = footer(Scope::Home, false)
        .into_iter()
        .map(|(k, h)| (k, h.to_string()))
        .collect();
    let shown = |w: usize| -> Vec<String> { fit_footer(hints.clone(), w).into_iter().map(|(_, h)| h).collect() };
    let all: Vec<String> = hints.iter().map(|(_, h)| h.clone()).collect();
    assert_eq!(shown(500), all);
    let narrow = shown(40);
    assert!(narrow.contains(&"help".to_string()), "{narrow:?}");
    assert!(narrow.len() < all.len());
    // What stays is the first hints, in order, then help.
    let kept: Vec<String> = narrow.iter().filter(|h| *h != "help").cloned().collect();
    assert_eq!(kept[..], all[..kept.len()]);
    let width: usize = fit_footer(hints.clone(), 40)
        .iter()
        .map(|(k, h)| k.len() + 1 + h.len() + 2)
        .sum();
    assert!(width - 2 <= 40);
    assert_eq!(shown(3), vec!["help".to_string()]);
}

#[test]
fn enter_is_offered_on_the_run_defects_tab_only() {
    let enter = KeyEvent::from(KeyCode::Enter);
    assert_eq!(lookup(Scope::DashboardTab, &enter), None);
    assert_eq!(lookup(Scope::DashboardDefects, &enter), Some(Action::Open));
    assert!(!footer(Scope::DashboardTab, false).iter().any(|(k, _)| k == "Enter"));
}

#[test]
fn no_key_is_bound_twice_in_a_scope() {
    for scope in scopes() {
        let keys: Vec<KeySpec> = BINDINGS
            .iter()
            .filter(|b| b.scope == scope)
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k:?} bound twice in {scope:?}");
        }
    }
}

/// Every kind of action (from the enum: a new one is checked at once) is
/// bound to a key, and each of its bindings has a hint and a help line;
/// an action with a value is bound for every value a screen offers.
#[test]
fn every_action_is_bound_and_described() {
    for kind in ActionKind::iter() {
        let bound: Vec<&Binding> = BINDINGS.iter().filter(|b| ActionKind::from(b.action) == kind).collect();
        assert!(!bound.is_empty(), "{kind:?} is not bound");
        for b in bound {
            assert!(
                !b.help.is_empty() && !b.hint.is_empty(),
                "{:?} in {:?} is not described",
                b.action,
                b.scope
            );
        }
    }
    let offered = BUILTIN
        .map(Action::Mark)
        .into_iter()
        .chain(TABS.map(|(n, _)| Action::Tab(n)));
    for action in offered {
        assert!(BINDINGS.iter().any(|b| b.action == action), "{action:?} is not bound");
    }
}

/// A scope with no binding of its own would only ever show its fallbacks'
/// keys: every scope binds at least one key itself.
#[test]
fn every_scope_binds_keys_of_its_own() {
    for scope in scopes() {
        assert!(BINDINGS.iter().any(|b| b.scope == scope), "{scope:?} binds nothing");
    }
}

/// Esc never records or saves anything: in every scope it goes back,
/// closes or cancels (the wizard's dialog keeps the text as a draft).
#[test]
fn esc_only_ever_goes_back() {
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    for scope in scopes() {
        let action = lookup(scope, &esc);
        assert!(
            matches!(action, None | Some(Action::Back)),
            "Esc in {scope:?}: {action:?}"
        );
    }
    for b in BINDINGS.iter().filter(|b| b.keys.contains(&code(KeyCode::Esc))) {
        assert_eq!(b.action, Action::Back, "{:?}: {}", b.scope, b.help);
        assert!(!b.help.contains("record "), "{:?}: {}", b.scope, b.help);
    }
}

#[test]
fn screen_keys_win_over_global_ones_and_modals_stand_alone() {
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(lookup(Scope::Home, &key('j')), Some(Action::Down));
    assert_eq!(lookup(Scope::Home, &key('q')), Some(Action::Quit));
    assert_eq!(lookup(Scope::Help, &key('q')), Some(Action::Back));
    assert_eq!(lookup(Scope::Picker, &key('q')), None);
    assert_eq!(
        lookup(Scope::Home, &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Action::Quit)
    );
    // Dashboard's own Esc is listed once in its help, not twice.
    let esc = bindings_for(Scope::Dashboard)
        .iter()
        .filter(|b| b.keys.contains(&code(KeyCode::Esc)))
        .count();
    assert_eq!(esc, 1);
}

#[test]
fn defect_screens_share_the_change_keys_and_dialogs_leave_text_alone() {
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    for scope in [Scope::Defects, Scope::DefectDetail] {
        assert_eq!(lookup(scope, &key('s')), Some(Action::SetStatus));
        assert_eq!(lookup(scope, &key('n')), Some(Action::NewDefect));
        assert_eq!(lookup(scope, &key('q')), Some(Action::Quit));
        assert_eq!(lookup(scope, &key('3')), Some(Action::Tab(3)));
    }
    // `l` links a defect; `h` still goes back.
    assert_eq!(lookup(Scope::Defects, &key('l')), Some(Action::Link));
    assert_eq!(lookup(Scope::DefectDetail, &key('h')), Some(Action::Back));
    assert_eq!(lookup(Scope::Defects, &key('/')), Some(Action::Search));
    assert_eq!(lookup(Scope::DefectDetail, &key('/')), None);
    // Typed text is never taken by a key of the screen behind.
    for scope in [Scope::DefectSearch, Scope::DefectForm, Scope::DefectLine] {
        for c in ['q', 's', 'n', '3', '?', 'j', '/'] {
            assert_eq!(lookup(scope, &key(c)), None, "{c} in {scope:?}");
        }
    }
    // The help of the list lists each key once: the list's own, then
    // the changes, then the global ones.
    let help = bindings_for(Scope::Defects);
    let mut keys: Vec<KeySpec> = help.iter().flat_map(|b| b.keys.iter().copied()).collect();
    let n = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), n);
    assert!(help.iter().any(|b| b.action == Action::Retest));
    assert!(help.iter().any(|b| b.action == Action::Help));
    // The detail's Esc is its own ("back to the list"), listed once.
    let esc = bindings_for(Scope::DefectDetail)
        .iter()
        .filter(|b| b.keys.contains(&code(KeyCode::Esc)))
        .count();
    assert_eq!(esc, 1);
}

/// The one-line inputs share one layer: Enter is `Open` in every one (the
/// caller decides what it does), Esc and Ctrl-C come from `LineInput`,
/// Tab from `Completion` where it completes; the footers name Enter as
/// the caller does.
#[test]
fn one_line_inputs_share_one_layer() {
    let press = |code, modifiers| KeyEvent::new(code, modifiers);
    let none = KeyModifiers::NONE;
    let inputs = [Scope::DashInput, Scope::RepoLine, Scope::DefectLine, Scope::RepoPath];
    for scope in inputs {
        assert_eq!(
            lookup(scope, &press(KeyCode::Enter, none)),
            Some(Action::Open),
            "{scope:?}"
        );
        assert_eq!(
            lookup(scope, &press(KeyCode::Esc, none)),
            Some(Action::Back),
            "{scope:?}"
        );
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(scope, &ctrl_c), Some(Action::Quit), "{scope:?}");
        assert_eq!(
            lookup(scope, &press(KeyCode::Char('q'), none)),
            None,
            "typed text stays text"
        );
        let own: Vec<Action> = BINDINGS.iter().filter(|b| b.scope == scope).map(|b| b.action).collect();
        assert_eq!(own, [Action::Open], "{scope:?} binds only what Enter is called");
    }
    let tab = press(KeyCode::Tab, none);
    assert_eq!(lookup(Scope::DefectLine, &tab), Some(Action::NextField));
    assert_eq!(lookup(Scope::RepoPath, &tab), Some(Action::NextField));
    assert_eq!(
        lookup(Scope::DashInput, &tab),
        None,
        "nothing to complete: Tab is the field's"
    );
    assert_eq!(lookup(Scope::RepoLine, &tab), None);
    let shown = |scope| -> Vec<String> { footer(scope, false).iter().map(|(k, h)| format!("{k} {h}")).collect() };
    assert_eq!(shown(Scope::DashInput), ["Enter save", "Esc cancel"]);
    assert_eq!(shown(Scope::DefectLine), ["Enter ok", "Esc cancel", "Tab complete"]);
    assert_eq!(shown(Scope::RepoPath), ["Enter preview", "Tab complete", "Esc cancel"]);
}
