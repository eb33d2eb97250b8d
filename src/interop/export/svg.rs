//! The status donut as inline SVG: one circle per slice, each drawing its
//! share of the ring with a dash (the ring's circumference is 100 units).

use super::Report;
use maud::{Markup, html};

/// Radius for a circumference of 100.
const R: f64 = 15.915_494;

pub fn donut(report: &Report) -> Markup {
    let slices = report.slices();
    let total: u32 = slices.iter().map(|s| s.count).sum();
    // Start at twelve o'clock and go clockwise.
    let mut start = 0.0_f64;
    let arcs: Vec<(f64, f64)> = slices
        .iter()
        .map(|s| {
            let share = f64::from(s.count) * 100.0 / f64::from(total.max(1));
            let at = start;
            start += share;
            (share, at)
        })
        .collect();
    html! {
        svg class="donut" viewBox="0 0 42 42" width="180" height="180" role="img" aria-label="status donut" {
            circle cx="21" cy="21" r=(R) fill="none" stroke="#e5e7eb" stroke-width="6" {}
            @for (s, (share, at)) in slices.iter().zip(arcs) {
                circle cx="21" cy="21" r=(R) fill="none" stroke=(s.colour) stroke-width="6"
                    stroke-dasharray=(format!("{share:.3} {:.3}", 100.0 - share))
                    stroke-dashoffset=(format!("{:.3}", 25.0 - at)) {
                    title { (s.label) ": " (s.count) }
                }
            }
            text x="21" y="23" text-anchor="middle" font-size="7" font-weight="bold" {
                (report.view.counts.percent()) "%"
            }
        }
    }
}
