//! A defect's detail drawn in process: its fields never cut bare, however
//! long a value (issue 10: nothing is cut without a sign).

use stepwise::service::NewDefect;
use stepwise::tui::action::Action;
use stepwise::tui::{App, Start};

use crate::support::{demo_app, draw, unicode};

fn text(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

/// The detail's fields sit two to a line only where both fit: a value
/// too long for its half (many tags, a long zone name beside Created) gets
/// a line of its own, and a line still too long ends in the sign.
#[test]
fn detail_fields_are_never_cut_bare() {
    let (_d, mut app) = demo_app(Start::Home, unicode());
    let code = app.project.clone();
    let tags = [
        "regression",
        "release-2.4",
        "payments",
        "mobile-safari",
        "coupons",
        "gift-cards",
        "sale",
    ];
    let new = NewDefect {
        title: "Coupon ignored".into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..NewDefect::default()
    };
    app.svc.create_defect(&code, new).unwrap();
    app.update(Action::Tab(3));
    app.update(Action::Down);
    app.update(Action::Open);
    let joined = tags.join(", ");
    for (w, h) in [(80, 24), (120, 40), (40, 30)] {
        let shown = text(&mut app, w, h);
        assert!(shown.contains("Coupon ignored"), "{w}x{h}:\n{shown}");
        let row = shown
            .lines()
            .find(|l| l.contains("Tags "))
            .unwrap_or_else(|| panic!("{w}x{h}:\n{shown}"));
        let inside = row.trim_matches('"').trim_matches('│');
        let value = inside.split("Tags").nth(1).unwrap().trim();
        match value.strip_suffix('…') {
            Some(kept) => assert!(joined.starts_with(kept), "{w}x{h}: {row}"),
            None => assert_eq!(value, joined, "{w}x{h}: cut bare: {row}"),
        }
        // Milestone keeps its own column: the tags moved to their own line.
        if w >= 80 {
            assert!(!row.contains("Milestone"), "{w}x{h}: {row}");
        }
        let created = shown.lines().find(|l| l.contains("Created ")).unwrap();
        assert!(created.contains("UTC"), "{w}x{h}: {created}");
    }
}
