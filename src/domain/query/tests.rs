use super::*;
use crate::domain::{Automation, Case, CasePriority, CaseStatus, Layer, Severity};
use proptest::prelude::*;
use std::collections::HashMap;

struct Paths(HashMap<u64, String>);

impl SuitePaths for Paths {
    fn suite_path(&self, suite: Option<u64>) -> &str {
        suite.and_then(|s| self.0.get(&s)).map_or("", String::as_str)
    }
}

fn paths() -> Paths {
    Paths(HashMap::from([
        (1, "Auth".to_string()),
        (2, "Auth / Login".to_string()),
        (3, "Checkout".to_string()),
        (4, "Checkout / Payments".to_string()),
    ]))
}

fn case(no: u64, suite: u64, title: &str) -> Case {
    let mut c = Case::new(no, title, chrono::DateTime::UNIX_EPOCH);
    c.suite = Some(suite);
    c
}

fn cases() -> Vec<Case> {
    let mut a = case(1, 1, "Sign up with email");
    a.priority = CasePriority::High;
    a.tags = vec!["smoke".into(), "Signup".into()];
    a.estimate_ms = Some(300_000);
    let mut b = case(2, 2, "Log in with a \"magic\" link");
    b.priority = CasePriority::Low;
    b.severity = Severity::Critical;
    b.tags = vec!["smoke".into()];
    let mut c = case(3, 4, "Pay by card");
    c.priority = CasePriority::Medium;
    c.automation = Automation::Automated;
    c.estimate_ms = Some(60_000);
    let mut d = case(4, 3, "Empty cart");
    d.status = CaseStatus::Deprecated;
    d.muted = true;
    d.flaky = true;
    d.layer = Layer::E2e;
    d.milestone = Some("Release 2.0".into());
    d.refs = vec!["JIRA-12".into()];
    vec![a, b, c, d]
}

/// The numbers of the cases a query matches.
fn hits(q: &str) -> Vec<u64> {
    let query = Query::parse(q).unwrap_or_else(|e| panic!("{e}\n{}", e.caret()));
    cases()
        .iter()
        .filter(|c| query.matches(c, &paths()))
        .map(|c| c.no)
        .collect()
}

fn err(q: &str) -> String {
    Query::parse(q).unwrap_err().to_string()
}

#[test]
fn every_operator() {
    assert_eq!(hits("priority = high"), [1]);
    assert_eq!(hits("priority != high"), [2, 3, 4]);
    assert_eq!(hits("priority > low"), [1, 3]);
    assert_eq!(hits("priority < medium"), [2, 4]);
    assert_eq!(hits("severity > normal"), [2]);
    assert_eq!(hits("title ~ CARD"), [3]);
    assert_eq!(hits("title !~ card"), [1, 2, 4]);
    assert_eq!(hits(r#"title = "pay by card""#), [3]);
    assert_eq!(hits("id > DEMO-2"), [3, 4]);
    assert_eq!(hits("id < 2 or id = #4"), [1, 4]);
    assert_eq!(hits("estimate > 2m"), [1]);
    assert_eq!(hits("estimate < 1h"), [1, 3]);
    assert_eq!(hits("estimate = none"), [2, 4]);
    assert_eq!(hits("estimate = 1m"), [3]);
    assert_eq!(hits("tag = SMOKE"), [1, 2]);
    assert_eq!(hits("tag != smoke"), [3, 4]);
    assert_eq!(hits("tags ~ sign"), [1]);
    assert_eq!(hits("tag !~ o"), [3, 4]);
    assert_eq!(hits("automation = automated"), [3]);
    assert_eq!(hits("status = deprecated"), [4]);
    assert_eq!(hits("muted = true"), [4]);
    assert_eq!(hits("muted != yes"), [1, 2, 3]);
    assert_eq!(hits("type = other and behavior = not_set"), [1, 2, 3, 4]);
    assert_eq!(hits("flaky = true"), [4]);
    assert_eq!(hits("layer = e2e"), [4]);
    assert_eq!(hits("layer != e2e"), [1, 2, 3]);
    assert_eq!(hits(r#"milestone = "release 2.0""#), [4]);
    assert_eq!(hits("milestone ~ 2.0"), [4]);
    assert_eq!(hits("milestone !~ 2.0"), [1, 2, 3]);
    assert_eq!(hits("ref = jira-12"), [4]);
    assert_eq!(hits("refs ~ jira"), [4]);
}

#[test]
fn suites_match_by_path_or_name_with_their_sub_suites() {
    assert_eq!(hits(r#"suite = "Auth""#), [1, 2]);
    assert_eq!(hits("suite = login"), [2]);
    assert_eq!(hits(r#"suite = "checkout / payments""#), [3]);
    assert_eq!(hits("suite = checkout"), [3, 4]);
    assert_eq!(hits("suite != auth"), [3, 4]);
    assert_eq!(hits("suite ~ pay"), [3]);
    assert_eq!(hits("suite !~ auth"), [3, 4]);
}

#[test]
fn not_binds_tighter_than_and_tighter_than_or() {
    // or(and(p=high, tag=smoke), suite=checkout)
    assert_eq!(hits("priority = high and tag = smoke or suite = checkout"), [1, 3, 4]);
    // or(p=low, and(tag=smoke, p=high))
    assert_eq!(hits("priority = low or tag = smoke and priority = high"), [1, 2]);
    // and(not(tag=smoke), not(muted=true))
    assert_eq!(hits("not tag = smoke and not muted = true"), [3]);
    assert_eq!(hits("not (tag = smoke or muted = true)"), [3]);
    assert_eq!(hits("(priority = low or priority = high) and tag = smoke"), [1, 2]);
    assert_eq!(hits("NOT not Tag = smoke AND Priority = HIGH"), [1]);
    let q = Query::parse("a = 1").map(|_| ()).unwrap_err();
    assert!(q.message.contains("unknown field 'a'"));
}

#[test]
fn quoted_strings_take_escapes() {
    assert_eq!(hits(r#"title ~ "\"magic\"""#), [2]);
    assert_eq!(hits(r"title ~ 'a \'magic'"), Vec::<u64>::new());
    assert_eq!(hits(r#"title ~ 'a "magic'"#), [2]);
}

#[test]
fn errors_say_where_and_what() {
    assert_eq!(
        err("priority = high and tag ="),
        "query:1:26: expected a value after '=', found end of input"
    );
    assert_eq!(
        err("priorty = high"),
        format!("query:1:1: unknown field 'priorty'; known fields: {}", Field::names())
    );
    assert_eq!(
        err("priority = hgh"),
        "query:1:12: unknown priority 'hgh'; known: not_set, low, medium, high"
    );
    assert_eq!(
        err("title high"),
        "query:1:7: expected an operator (= != ~ !~ < >) after 'title', found 'high'"
    );
    assert_eq!(
        err("priority ~ hi"),
        "query:1:10: operator '~' does not apply to priority; use = != < >"
    );
    assert_eq!(
        err("(tag = a or tag = b"),
        "query:1:20: expected ')' to close the '(' at column 1, found end of input"
    );
    assert_eq!(err("tag = a)"), "query:1:8: unexpected ')': no '(' is open here");
    assert_eq!(
        err("tag = a tag = b"),
        "query:1:9: expected 'and', 'or' or the end of the query, found 'tag'"
    );
    assert_eq!(
        err(""),
        "query:1:1: expected a field name, 'not' or '(', found end of input"
    );
    assert_eq!(
        err("tag = a and or"),
        "query:1:13: expected a field name, 'not' or '(', found 'or'"
    );
    assert_eq!(
        err("muted = maybe"),
        "query:1:9: unknown muted value 'maybe'; known: true, false"
    );
    assert!(err("estimate > 5x").starts_with("query:1:12: invalid estimate '5x'"));
    assert!(err("id = DEMO-x").starts_with("query:1:6: invalid case id"));
    assert_eq!(
        err("tag = a\nand x = 1").split(':').take(3).collect::<Vec<_>>(),
        ["query", "2", "5"]
    );
}

#[test]
fn the_caret_points_under_the_column() {
    let e = Query::parse("priority = high and tag =").unwrap_err();
    assert_eq!(e.caret(), "  priority = high and tag =\n                           ^");
    let e = Query::parse("title ~ \"é\" and x").unwrap_err();
    assert_eq!(e.column, 17);
}

#[test]
fn comparisons_are_listed_left_to_right() {
    let q = Query::parse("suite = a or not (suite = b and tag = c)").unwrap();
    let fields: Vec<Field> = q.comparisons().iter().map(|c| c.field).collect();
    assert_eq!(fields, [Field::Suite, Field::Suite, Field::Tag]);
    assert_eq!(q.error_at(q.comparisons()[1], "x").column, 27);
    assert_eq!(q.comparisons()[1].raw, "b");
}

proptest! {
    /// Any input parses or fails with a position inside it (plus one for
    /// "end of input"); it never panics.
    #[test]
    fn parse_never_panics(s in "[a-z=!~<>()\"' \\\\]{0,40}") {
        if let Err(e) = Query::parse(&s) {
            prop_assert!(e.column >= 1 && e.column <= s.chars().count() + 1);
        }
    }

    /// `not not q` matches what `q` matches; `a or b` is `not (not a and not b)`.
    #[test]
    fn laws_hold(a in 0usize..6, b in 0usize..6) {
        let atoms = ["tag = smoke", "priority > low", "suite = auth", "muted = true", "estimate < 10m", "id != 3"];
        let (a, b) = (atoms[a], atoms[b]);
        prop_assert_eq!(hits(&format!("not not {a}")), hits(a));
        prop_assert_eq!(hits(&format!("{a} or {b}")), hits(&format!("not (not {a} and not {b})")));
        prop_assert_eq!(hits(&format!("{a} and {b}")), hits(&format!("{b} and {a}")));
    }
}
