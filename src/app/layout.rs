//! Where each pane sits on the screen, computed from the screen size alone.
//!
//! ```text
//! wide (≥ 90 columns)                   narrow (< 90 columns): the focused pane only
//! ┌ Stories ────┐┌ Reader ───────────┐  ┌ Reader  ‹Tab› ───────┐
//! │             ││                   │  │                      │
//! │             ││                   │  │                      │
//! └─────────────┘│                   │  │                      │
//! ┌ Related ────┐│                   │  │                      │
//! └─────────────┘└───────────────────┘  └──────────────────────┘
//!  status bar                            status bar
//! ```
//!
//! A right-to-left interface mirrors this: the list and the related panel on the right, the
//! reader on their left.
//!
//! The app owns this computation (not the UI) because scrolling needs the page height, the
//! reader's text width decides the bidi layout, and mouse clicks are hit-tested against it.
//! `Rect` is used only as a plain rectangle.

use ratatui::layout::Rect;

use super::Focus;
use qari_core::model::Direction;

/// Below this many columns the panes are shown one at a time.
pub const NARROW_BELOW: u16 = 90;

/// The screen split into panes. A pane that is not shown has an empty rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    pub area: Rect,
    pub list: Rect,
    pub reader: Rect,
    pub related: Rect,
    pub status: Rect,
    /// One pane at a time.
    pub narrow: bool,
    /// The interface's direction: right to left mirrors the panes, the scrollbar and the
    /// list's columns.
    pub dir: Direction,
}

impl Screen {
    pub fn new(cols: u16, rows: u16, focus: Focus, dir: Direction) -> Screen {
        let area = Rect::new(0, 0, cols, rows);
        let status_h = u16::from(rows >= 1);
        let status = Rect::new(0, rows.saturating_sub(status_h), cols, status_h);
        let body = Rect::new(0, 0, cols, rows - status_h);
        let narrow = cols < NARROW_BELOW;
        let mut screen = Screen {
            area,
            status,
            narrow,
            dir,
            ..Screen::default()
        };
        if narrow {
            match focus {
                Focus::List => screen.list = body,
                Focus::Reader => screen.reader = body,
                Focus::Related => screen.related = body,
            }
        } else {
            // In u32: `cols * 2` overflows u16 past 32,767 columns (`qari screen --size`).
            let left_w = ((u32::from(cols) * 2 / 5).min(52) as u16).max(30);
            let list_h = if body.height >= 16 {
                (u32::from(body.height) * 3 / 5) as u16
            } else {
                body.height.div_ceil(2)
            };
            // The list's side: the start of a line (left, or right when mirrored).
            let (list_x, reader_x) = match dir {
                Direction::Ltr => (0, left_w),
                Direction::Rtl => (cols - left_w, 0),
            };
            screen.list = Rect::new(list_x, 0, left_w, list_h);
            screen.related = Rect::new(list_x, list_h, left_w, body.height - list_h);
            screen.reader = Rect::new(reader_x, 0, cols - left_w, body.height);
        }
        screen
    }

    /// A right-to-left interface: panes, columns and text start at the right.
    pub fn mirrored(&self) -> bool {
        self.dir == Direction::Rtl
    }

    /// The pane under a cell, if any.
    pub fn pane_at(&self, col: u16, row: u16) -> Option<Focus> {
        let hit = |r: Rect| r.contains(ratatui::layout::Position::new(col, row));
        if hit(self.list) {
            Some(Focus::List)
        } else if hit(self.reader) {
            Some(Focus::Reader)
        } else if hit(self.related) {
            Some(Focus::Related)
        } else {
            None
        }
    }
}

/// The inside of a bordered pane.
pub fn inner(pane: Rect) -> Rect {
    if pane.width < 2 || pane.height < 2 {
        return Rect::new(pane.x, pane.y, 0, 0);
    }
    Rect::new(pane.x + 1, pane.y + 1, pane.width - 2, pane.height - 2)
}

/// The reader's text column inside its pane: one cell on either side, for the margin and the
/// scrollbar (on the right, or on the left when mirrored).
pub fn reader_text(pane: Rect) -> Rect {
    let inner = inner(pane);
    if inner.width < 3 {
        return Rect::new(inner.x, inner.y, 0, inner.height);
    }
    Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn wide_screen_tiles_without_overlap() {
        let s = Screen::new(120, 40, Focus::List, Direction::Ltr);
        assert!(!s.narrow);
        assert_eq!(s.status, Rect::new(0, 39, 120, 1));
        assert_eq!(s.list.width + s.reader.width, 120);
        assert_eq!(s.list.height + s.related.height, 39);
        assert!(!s.list.intersects(s.reader) && !s.related.intersects(s.reader));
        assert_eq!(s.pane_at(100, 3), Some(Focus::Reader));
        assert_eq!(s.pane_at(2, 38), Some(Focus::Related));
        assert_eq!(s.pane_at(2, 39), None);
    }

    #[test]
    fn a_right_to_left_interface_mirrors_the_panes() {
        let ltr = Screen::new(120, 40, Focus::List, Direction::Ltr);
        let rtl = Screen::new(120, 40, Focus::List, Direction::Rtl);
        // The same sizes, the list on the other side.
        assert_eq!(rtl.list.width, ltr.list.width);
        assert_eq!(rtl.list.right(), 120);
        assert_eq!(rtl.related.right(), 120);
        assert_eq!(rtl.related.y, ltr.related.y);
        assert_eq!(rtl.reader.x, 0);
        assert_eq!(rtl.reader.right(), rtl.list.x);
        assert_eq!(rtl.pane_at(2, 3), Some(Focus::Reader));
        assert_eq!(rtl.pane_at(118, 38), Some(Focus::Related));
    }

    #[test]
    fn narrow_screen_shows_the_focused_pane() {
        let s = Screen::new(60, 20, Focus::Related, Direction::Ltr);
        assert!(s.narrow);
        assert_eq!(s.related, Rect::new(0, 0, 60, 19));
        assert!(s.list.is_empty() && s.reader.is_empty());
    }

    #[test]
    fn any_size_is_fine() {
        let huge = [u16::MAX / 2 + 1, u16::MAX - 1];
        for cols in (0..100).chain(huge) {
            for rows in [0, 1, 2, 3, 17].into_iter().chain(huge) {
                let s = Screen::new(cols, rows, Focus::Reader, Direction::Rtl);
                for r in [s.list, s.reader, s.related, s.status] {
                    assert!(
                        r.right() <= cols && r.bottom() <= rows,
                        "{cols}x{rows}: {s:?}"
                    );
                }
                let t = reader_text(s.reader);
                assert!(t.right() <= cols);
            }
        }
    }
}
