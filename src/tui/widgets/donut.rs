//! A donut chart of a run's statuses: braille dots (2x4 per cell, so the
//! ring is round on a terminal's tall cells), or one letter per cell in
//! ASCII. Segments run clockwise from twelve o'clock.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// One slice: how many, how it looks, and its letter in ASCII.
#[derive(Clone, Debug)]
pub struct Slice {
    pub count: u32,
    pub style: Style,
    pub letter: char,
}

pub struct Donut<'a> {
    pub slices: &'a [Slice],
    pub ascii: bool,
}

/// The bit of a braille dot at (column 0-1, row 0-3) of its cell.
const DOT: [[u8; 4]; 2] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];

impl Donut<'_> {
    /// The slice at an angle (0..1 of a turn, clockwise from the top).
    fn slice_at(&self, turn: f64) -> Option<usize> {
        let total: u32 = self.slices.iter().map(|s| s.count).sum();
        if total == 0 {
            return None;
        }
        let mut acc = 0u32;
        for (i, s) in self.slices.iter().enumerate() {
            acc += s.count;
            if turn < f64::from(acc) / f64::from(total) {
                return Some(i);
            }
        }
        self.slices.iter().rposition(|s| s.count > 0)
    }

    /// Where a point lies: None outside the ring, else its slice (or None
    /// inside the ring of an empty run: `Some(None)`).
    fn at(&self, x: f64, y: f64, cx: f64, cy: f64, outer: f64) -> Option<Option<usize>> {
        let (dx, dy) = (x - cx, y - cy);
        let r = (dx * dx + dy * dy).sqrt();
        if r > outer || r < outer * 0.55 {
            return None;
        }
        let turn = (dx.atan2(-dy) / std::f64::consts::TAU).rem_euclid(1.0);
        Some(self.slice_at(turn))
    }
}

impl Widget for Donut<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 2 || area.height < 1 {
            return;
        }
        // In dot units a cell is 2 wide and 4 tall, and dots are square.
        let (w, h) = (f64::from(area.width) * 2.0, f64::from(area.height) * 4.0);
        let (cx, cy) = (w / 2.0, h / 2.0);
        let outer = (w.min(h) / 2.0) - 0.5;
        for row in 0..area.height {
            for col in 0..area.width {
                let (symbol, slice) = if self.ascii {
                    // One sample at the cell's centre.
                    let (x, y) = (f64::from(col) * 2.0 + 1.0, f64::from(row) * 4.0 + 2.0);
                    match self.at(x, y, cx, cy, outer) {
                        None => continue,
                        Some(slice) => {
                            let letter = slice.map_or('.', |i| self.slices[i].letter);
                            (letter.to_string(), slice)
                        }
                    }
                } else {
                    let mut bits = 0u8;
                    let mut votes = [0u8; 16];
                    let mut last = None;
                    for (dc, column) in DOT.iter().enumerate() {
                        for (dr, bit) in column.iter().enumerate() {
                            let x = f64::from(col) * 2.0 + dc as f64 + 0.5;
                            let y = f64::from(row) * 4.0 + dr as f64 + 0.5;
                            if let Some(slice) = self.at(x, y, cx, cy, outer) {
                                bits |= bit;
                                if let Some(i) = slice {
                                    votes[i.min(15)] += 1;
                                }
                                last = slice;
                            }
                        }
                    }
                    if bits == 0 {
                        continue;
                    }
                    let best = (0..16).max_by_key(|&i| votes[i]).filter(|&i| votes[i] > 0).or(last);
                    let ch = char::from_u32(0x2800 + u32::from(bits)).unwrap_or(' ');
                    (ch.to_string(), best)
                };
                let style = slice.map_or(Style::default(), |i| self.slices[i].style);
                if let Some(cell) = buf.cell_mut((area.x + col, area.y + row)) {
                    cell.set_symbol(&symbol).set_style(style);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(slices: &[Slice], ascii: bool, w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        Donut { slices, ascii }.render(area, &mut buf);
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
            .collect()
    }

    fn slice(count: u32, letter: char) -> Slice {
        Slice {
            count,
            style: Style::default(),
            letter,
        }
    }

    #[test]
    fn halves_split_left_and_right_in_ascii() {
        let rows = draw(&[slice(1, 'P'), slice(1, 'F')], true, 12, 6);
        let text = rows.join("\n");
        // Clockwise from the top: the first half is on the right.
        let right: String = rows.iter().map(|r| r[7..].to_string()).collect();
        let left: String = rows.iter().map(|r| r[..5].to_string()).collect();
        assert!(right.contains('P') && !right.contains('F'), "{text}");
        assert!(left.contains('F') && !left.contains('P'), "{text}");
        // The hole in the middle stays empty.
        assert_eq!(&rows[2][5..7], "  ", "{text}");
    }

    #[test]
    fn braille_ring_has_dots_and_an_empty_run_still_draws() {
        let rows = draw(&[slice(0, 'P')], false, 10, 5);
        let dots = rows
            .concat()
            .chars()
            .filter(|c| ('\u{2801}'..='\u{28ff}').contains(c))
            .count();
        assert!(dots > 10, "{rows:?}");
    }
}
