//! A selection in a long list, and the window of it that is drawn: only
//! the visible rows are ever built, whatever the list's length.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
    /// Rows in a page: the height of the window last drawn (0 until then).
    page: usize,
}

/// A page before the list was first drawn.
const FIRST_PAGE: usize = 10;

impl Cursor {
    /// Rows that PgUp/PgDn move: the height of the window last drawn.
    pub fn page(&self) -> usize {
        if self.page == 0 { FIRST_PAGE } else { self.page }
    }

    /// Sets the page where the drawn window is not the page (a scrolled
    /// text that the cursor's links sit in).
    pub fn set_page(&mut self, rows: usize) {
        self.page = rows.max(1);
    }

    /// Moves by `delta` rows within `len`, clamped. Returns whether it moved.
    pub fn move_by(&mut self, delta: isize, len: usize) -> bool {
        let before = self.selected;
        let max = len.saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, max.max(0)) as usize;
        before != self.selected
    }

    pub fn to(&mut self, index: usize, len: usize) -> bool {
        let before = self.selected;
        self.selected = index.min(len.saturating_sub(1));
        before != self.selected
    }

    /// The first visible row for a window of `height` rows, keeping the
    /// selection in view; remembered so the window only scrolls when needed.
    pub fn window(&mut self, height: usize, len: usize) -> std::ops::Range<usize> {
        self.set_page(height);
        if height == 0 || len == 0 {
            return 0..0;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
        self.offset..(self.offset + height).min(len)
    }
}

impl Cursor {
    /// Like `window`, but when the selection leaves the window it jumps by
    /// half a page (the selection lands mid-window) instead of one row: a
    /// long list then redraws whole only every half page, which keeps what
    /// a move writes to the terminal small.
    pub fn window_jump(&mut self, height: usize, len: usize) -> std::ops::Range<usize> {
        self.set_page(height);
        if height == 0 || len == 0 {
            return 0..0;
        }
        if self.selected < self.offset || self.selected >= self.offset + height {
            self.offset = self.selected.saturating_sub(height / 2);
        }
        self.offset = self.offset.min(len.saturating_sub(height));
        self.offset..(self.offset + height).min(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_follows_selection() {
        let mut c = Cursor::default();
        assert_eq!(c.window(5, 100), 0..5);
        c.move_by(7, 100);
        assert_eq!(c.window(5, 100), 3..8);
        c.move_by(-100, 100);
        assert_eq!(c.window(5, 100), 0..5);
        c.to(1000, 100);
        assert_eq!(c.selected, 99);
        assert_eq!(c.window(5, 100), 95..100);
        assert!(!c.move_by(1, 100));
        assert_eq!(Cursor::default().window(5, 0), 0..0);
    }

    #[test]
    fn the_page_is_the_window_last_drawn() {
        let mut c = Cursor::default();
        assert_eq!(c.page(), FIRST_PAGE);
        c.window(7, 100);
        assert_eq!(c.page(), 7);
        c.window_jump(12, 100);
        assert_eq!(c.page(), 12);
    }

    #[test]
    fn window_jump_moves_by_half_a_page() {
        let mut c = Cursor::default();
        assert_eq!(c.window_jump(10, 100), 0..10);
        c.to(9, 100);
        assert_eq!(c.window_jump(10, 100), 0..10, "still in view: no scroll");
        c.to(10, 100);
        assert_eq!(c.window_jump(10, 100), 5..15, "out of view: half a page");
        c.to(4, 100);
        assert_eq!(c.window_jump(10, 100), 0..10);
        c.to(99, 100);
        assert_eq!(c.window_jump(10, 100), 90..100, "clamped at the end");
    }
}
