//! A small flow layout for the PDF report: text measured with the embedded
//! font's real advances, wrapped at word boundaries (long words at any
//! character), and broken across A4 pages. It produces drawing operations
//! per page; `pdf.rs` hands them to krilla.

use krilla::text::{GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

pub const PAGE_W: f32 = 595.0;
pub const PAGE_H: f32 = 842.0;
pub const MARGIN: f32 = 48.0;
const LINE: f32 = 1.35;

pub type Rgb = (u8, u8, u8);

pub const INK: Rgb = (31, 41, 55);
pub const MUTED: Rgb = (107, 114, 128);

/// `#16a34a` -> (22, 163, 74); anything else is ink.
pub fn rgb(hex: &str) -> Rgb {
    let h = hex.trim_start_matches('#');
    let part = |i: usize| h.get(i..i + 2).and_then(|p| u8::from_str_radix(p, 16).ok());
    match (h.len(), part(0), part(2), part(4)) {
        (6, Some(r), Some(g), Some(b)) => (r, g, b),
        _ => INK,
    }
}

pub enum Op {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Rgb,
    },
    /// A ring segment from `start` to `end` (fractions of a turn, from
    /// twelve o'clock, clockwise).
    Ring {
        cx: f32,
        cy: f32,
        outer: f32,
        inner: f32,
        start: f32,
        end: f32,
        colour: Rgb,
    },
}

/// Advance widths of one font, per point of font size.
pub struct Measure {
    font: FontRef<'static>,
}

impl Measure {
    pub fn new(data: &'static [u8]) -> Option<Self> {
        Some(Self {
            font: FontRef::new(data).ok()?,
        })
    }

    pub fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let metrics = self.font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| metrics.advance_width(charmap.map(c).unwrap_or_default()).unwrap_or(0.0))
            .sum()
    }

    /// One glyph per character, advances in ems, each glyph tied to its
    /// character's bytes (so the PDF's text can be copied out). No shaping:
    /// stepwise's reports are left-to-right text in the font's own glyphs,
    /// and shaping every line costs more than all the rest of the PDF.
    pub fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        let charmap = self.font.charmap();
        let metrics = self.font.glyph_metrics(Size::new(1.0), LocationRef::default());
        text.char_indices()
            .map(|(i, c)| {
                let id = charmap.map(c).unwrap_or_default();
                let advance = metrics.advance_width(id).unwrap_or(0.0);
                KrillaGlyph::new(
                    GlyphId::new(id.to_u32()),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    i..i + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}

#[derive(Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub colour: Rgb,
    pub indent: f32,
}

impl Style {
    pub fn body() -> Self {
        Self {
            size: 9.5,
            bold: false,
            colour: INK,
            indent: 0.0,
        }
    }
}

pub struct Layout {
    pub pages: Vec<Vec<Op>>,
    /// The next line's top.
    pub y: f32,
    regular: Measure,
    bold: Measure,
}

impl Layout {
    pub fn new(regular: Measure, bold: Measure) -> Self {
        Self {
            pages: vec![Vec::new()],
            y: MARGIN,
            regular,
            bold,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn push(&mut self, op: Op) {
        self.ops().push(op);
    }

    /// Starts a new page unless `h` more points fit on this one.
    pub fn ensure(&mut self, h: f32) {
        if self.y + h > PAGE_H - MARGIN && self.y > MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    pub fn gap(&mut self, h: f32) {
        self.y += h;
    }

    pub fn measure(&self, bold: bool) -> &Measure {
        if bold { &self.bold } else { &self.regular }
    }

    pub fn width(&self, text: &str, style: Style) -> f32 {
        self.measure(style.bold).width(text, style.size)
    }

    /// Writes text wrapped to the page width; every line may start a page.
    pub fn para(&mut self, text: &str, style: Style) {
        let max = PAGE_W - 2.0 * MARGIN - style.indent;
        for line in self.wrap(text, style, max) {
            self.line_at(MARGIN + style.indent, &line, style);
        }
    }

    /// One line at `x`, no wrapping.
    pub fn line_at(&mut self, x: f32, text: &str, style: Style) {
        let h = style.size * LINE;
        self.ensure(h);
        let baseline = self.y + style.size;
        self.push(Op::Text {
            x,
            y: baseline,
            size: style.size,
            bold: style.bold,
            colour: style.colour,
            text: text.to_string(),
        });
        self.y += h;
    }

    /// Splits text into lines no wider than `max`: at newlines, then at
    /// spaces, and inside a word only when the word alone is too wide.
    pub fn wrap(&self, text: &str, style: Style, max: f32) -> Vec<String> {
        let space = self.width(" ", style);
        let mut lines = Vec::new();
        for para in super::clean(text).split('\n') {
            let mut line = String::new();
            let mut w = 0.0;
            for word in para.split([' ', '\t']).filter(|w| !w.is_empty()) {
                let ww = self.width(word, style);
                if !line.is_empty() && w + space + ww <= max {
                    line.push(' ');
                    line.push_str(word);
                    w += space + ww;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if ww <= max {
                    line.push_str(word);
                    w = ww;
                } else {
                    w = 0.0;
                    for c in word.chars() {
                        let cw = self.width(c.encode_utf8(&mut [0; 4]), style);
                        if w + cw > max && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                            w = 0.0;
                        }
                        line.push(c);
                        w += cw;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        let m = || Measure::new(dejavu::sans::regular()).expect("font");
        Layout::new(m(), m())
    }

    #[test]
    fn long_text_wraps_within_the_page() {
        let l = layout();
        let text = "word ".repeat(200) + &"x".repeat(500);
        let max = PAGE_W - 2.0 * MARGIN;
        let lines = l.wrap(&text, Style::body(), max);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|line| l.width(line, Style::body()) <= max + 0.01));
    }

    #[test]
    fn many_lines_break_pages() {
        let mut l = layout();
        for i in 0..200 {
            l.para(&format!("line {i} with ünïcödé"), Style::body());
        }
        assert!(l.pages.len() >= 2);
    }

    #[test]
    fn colours_parse() {
        assert_eq!(rgb("#16a34a"), (22, 163, 74));
        assert_eq!(rgb("nope"), INK);
    }
}
