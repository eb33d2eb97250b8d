//! The status donut as inline SVG: one circle per slice, each drawing its
//! share of the ring with a dash (the ring's circumference is 100 units).

use super::Report;
use std::fmt::Write;

/// Radius for a circumference of 100.
const R: f64 = 15.915_494;

pub fn donut(report: &Report) -> String {
    let slices = report.slices();
    let total: u32 = slices.iter().map(|s| s.count).sum();
    let mut out = String::from(
        "<svg class=\"donut\" viewBox=\"0 0 42 42\" width=\"180\" height=\"180\" role=\"img\" aria-label=\"status donut\">",
    );
    let _ = write!(
        out,
        "<circle cx=\"21\" cy=\"21\" r=\"{R}\" fill=\"none\" stroke=\"#e5e7eb\" stroke-width=\"6\"/>"
    );
    // Start at twelve o'clock and go clockwise.
    let mut start = 0.0_f64;
    for s in &slices {
        let share = f64::from(s.count) * 100.0 / f64::from(total.max(1));
        let _ = write!(
            out,
            "<circle cx=\"21\" cy=\"21\" r=\"{R}\" fill=\"none\" stroke=\"{}\" stroke-width=\"6\" \
             stroke-dasharray=\"{share:.3} {:.3}\" stroke-dashoffset=\"{:.3}\"><title>{}: {}</title></circle>",
            s.colour,
            100.0 - share,
            25.0 - start,
            super::html::esc(&s.label),
            s.count,
        );
        start += share;
    }
    let _ = write!(
        out,
        "<text x=\"21\" y=\"23\" text-anchor=\"middle\" font-size=\"7\" font-weight=\"bold\">{}%</text></svg>",
        report.view.counts.percent()
    );
    out
}
