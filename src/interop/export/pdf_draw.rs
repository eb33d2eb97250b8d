//! Hands the laid-out pages to krilla: text in the embedded fonts, filled
//! rectangles and ring segments, a page number on every page.

use super::Report;
use super::pdf_layout::{Layout, MARGIN, MUTED, Op, PAGE_H, PAGE_W, Rgb};
use krilla::color::rgb as krgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::Font;
use krilla::{Data, Document, metadata::Metadata};
use std::sync::Arc;

fn fill(colour: Rgb) -> Option<Fill> {
    Some(Fill {
        paint: krgb::Color::new(colour.0, colour.1, colour.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    })
}

fn font(data: &'static [u8]) -> Result<Font, String> {
    let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data);
    Font::new(Data::from(data), 0).ok_or_else(|| "the embedded font cannot be read".to_string())
}

fn ring_path(cx: f32, cy: f32, outer: f32, inner: f32, start: f32, end: f32) -> Option<krilla::geom::Path> {
    let steps = (((end - start) * 180.0).ceil() as usize).max(2);
    let at = |r: f32, f: f32| {
        let a = f * std::f32::consts::TAU - std::f32::consts::FRAC_PI_2;
        (cx + r * a.cos(), cy + r * a.sin())
    };
    let mut pb = PathBuilder::new();
    let (x, y) = at(outer, start);
    pb.move_to(x, y);
    for i in 1..=steps {
        let (x, y) = at(outer, start + (end - start) * i as f32 / steps as f32);
        pb.line_to(x, y);
    }
    for i in (0..=steps).rev() {
        let (x, y) = at(inner, start + (end - start) * i as f32 / steps as f32);
        pb.line_to(x, y);
    }
    pb.close();
    pb.finish()
}

pub fn draw(
    report: &Report,
    pages: Vec<Vec<Op>>,
    layout: &Layout,
    regular: &'static [u8],
    bold: &'static [u8],
) -> Result<Vec<u8>, String> {
    let (regular, bold) = (font(regular)?, font(bold)?);
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(report.heading())
            .creator("stepwise".into())
            .producer("stepwise".into()),
    );
    let count = pages.len();
    for (n, ops) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size")?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let footer = Op::Text {
            x: PAGE_W - MARGIN - 60.0,
            y: PAGE_H - MARGIN / 2.0,
            size: 8.0,
            bold: false,
            colour: MUTED,
            text: format!("Page {} of {count}", n + 1),
        };
        for op in ops.into_iter().chain([footer]) {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    colour,
                    text,
                } => {
                    surface.set_fill(fill(colour));
                    let f = if b { bold.clone() } else { regular.clone() };
                    let glyphs = layout.measure(b).glyphs(&text);
                    surface.draw_glyphs(Point::from_xy(x, y), &glyphs, f, &text, size, false);
                }
                Op::Rect { x, y, w, h, colour } => {
                    if let Some(path) = Rect::from_xywh(x, y, w, h).and_then(|r| {
                        let mut pb = PathBuilder::new();
                        pb.push_rect(r);
                        pb.finish()
                    }) {
                        surface.set_fill(fill(colour));
                        surface.draw_path(&path);
                    }
                }
                Op::Ring {
                    cx,
                    cy,
                    outer,
                    inner,
                    start,
                    end,
                    colour,
                } => {
                    if let Some(path) = ring_path(cx, cy, outer, inner, start, end) {
                        surface.set_fill(fill(colour));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("{e:?}"))
}
