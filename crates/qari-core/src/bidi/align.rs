//! Alignment (step 8): right-to-left paragraphs flush right, left-to-right ones flush left.
//!
//! Alignment is only an `indent` (spaces to print before the line), computed from the one
//! width function, so a right-aligned Arabic line never loses its last letter to a width
//! miscount. Without a width there is no right edge, and nothing is padded.

use super::{Align, VisualLine};
use crate::model::Direction;

/// Sets `line.indent` for a paragraph of direction `dir` laid out in `width` cells.
pub fn align(line: &mut VisualLine, dir: Direction, width: Option<usize>, align: Align) {
    line.indent = match (align, dir, width) {
        (Align::Auto, Direction::Rtl, Some(w)) => w.saturating_sub(line.width),
        _ => 0,
    };
}
