//! Drawing search: the `/` prompt laid out by the bidi engine (typed Arabic sits at the right
//! and the cursor lands where the next letter will appear), and the mapping from search-hit
//! byte ranges to the clusters of a laid-out line, so the reader can style hits after the
//! line has been reordered.
//!
//! ```text
//! ┌────────────────────────────────────────────┐
//! │/                          ▌الأسلحة النووية │   prompt: "/" then the input, right-aligned
//! └────────────────────────────────────────────┘   when it reads right to left
//! ```

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::app::search::Prompt;
use crate::bidi::{self, Align, DirMode, Options, VisualLine};

/// Where each cluster of `line` starts, in cells from the left edge of the line's area.
fn cluster_x(line: &VisualLine) -> Vec<usize> {
    let mut x = line.indent;
    line.clusters
        .iter()
        .map(|c| {
            let at = x;
            x += usize::from(c.width);
            at
        })
        .collect()
}

/// The cell (from the left of the text area) where the cursor is drawn: on the character
/// after the cursor in logical order; at the end of the input, next to the last character on
/// the side text grows towards (left of it in right-to-left text).
pub fn cursor_cell(line: &VisualLine, cursor: usize, input_len: usize) -> usize {
    let xs = cluster_x(line);
    let find = |byte: usize| {
        line.clusters
            .iter()
            .position(|c| c.logical.start <= byte && byte < c.logical.end)
    };
    if cursor < input_len
        && let Some(i) = find(cursor)
    {
        return xs[i];
    }
    let Some(last) = input_len.checked_sub(1).and_then(|b| {
        // the cluster holding the last byte of the input
        find(b)
    }) else {
        return line.indent;
    };
    let c = &line.clusters[last];
    if c.rtl {
        xs[last].saturating_sub(1)
    } else {
        xs[last] + usize::from(c.width)
    }
}

/// The layout options of the prompt: the direction comes from the first strong letter typed.
fn prompt_options(shape: bool, reorder: bool) -> Options {
    Options {
        dir: DirMode::Auto,
        shape,
        align: Align::Auto,
        reorder,
    }
}

/// Draws `/` and the prompt into one row of `area`; returns the cursor position.
pub fn render_prompt(
    prompt: &Prompt,
    area: Rect,
    buf: &mut Buffer,
    style: Style,
    shape: bool,
    reorder: bool,
) -> Option<Position> {
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let y = area.y;
    buf.set_style(Rect { height: 1, ..area }, style);
    buf.set_string(area.x, y, "/", style);
    if area.width < 3 {
        return None;
    }
    let avail = usize::from(area.width.saturating_sub(2));
    let x0 = area.x + 1;
    let layout = bidi::layout(&prompt.input, None, &prompt_options(shape, reorder));
    // One unwrapped line; right-to-left text is aligned to the right end of the prompt.
    let mut line = layout.lines.into_iter().next().unwrap_or_default();
    let content = line.width;
    line.indent = if layout.direction == crate::model::Direction::Rtl {
        avail.saturating_sub(content)
    } else {
        0
    };
    let cursor = cursor_cell(&line, prompt.cursor, prompt.input.len());
    // Scroll horizontally so that the cursor stays visible.
    let scroll = (cursor + 1).saturating_sub(avail);
    let xs = cluster_x(&line);
    for (c, &x) in line.clusters.iter().zip(&xs) {
        let w = usize::from(c.width);
        if x < scroll || x + w > scroll + avail {
            continue;
        }
        let text = line.text.get(c.visual.clone()).unwrap_or("");
        buf.set_stringn(x0 + (x - scroll) as u16, y, text, w, style);
    }
    Some(Position::new(x0 + (cursor - scroll).min(avail) as u16, y))
}

/// For each cluster of `line`: whether it lies in one of `ranges` (byte ranges of the logical
/// paragraph), and whether that range is the current hit.
pub fn hit_clusters(line: &VisualLine, ranges: &[(Range<usize>, bool)]) -> Vec<Option<bool>> {
    line.clusters
        .iter()
        .map(|c| {
            ranges
                .iter()
                .find(|(r, _)| c.logical.start < r.end && r.start < c.logical.end)
                .map(|(_, current)| *current)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bidi::Cluster;

    /// A right-to-left line of three one-cell letters, as the bidi engine returns it: visual
    /// order left to right is the reverse of logical order.
    fn rtl_line() -> VisualLine {
        // logical "abc" (stand-ins for three Arabic letters, one byte each) shown as "cba"
        let clusters = vec![
            Cluster {
                visual: 0..1,
                logical: 2..3,
                width: 1,
                rtl: true,
            },
            Cluster {
                visual: 1..2,
                logical: 1..2,
                width: 1,
                rtl: true,
            },
            Cluster {
                visual: 2..3,
                logical: 0..1,
                width: 1,
                rtl: true,
            },
        ];
        VisualLine {
            text: "cba".into(),
            clusters,
            width: 3,
            indent: 5,
        }
    }

    #[test]
    fn cursor_in_right_to_left_text() {
        let line = rtl_line();
        // before the first letter: on it, the rightmost cell
        assert_eq!(cursor_cell(&line, 0, 3), 7);
        assert_eq!(cursor_cell(&line, 1, 3), 6);
        // at the end: left of the last letter, where the next one will appear
        assert_eq!(cursor_cell(&line, 3, 3), 4);
    }

    #[test]
    fn cursor_in_left_to_right_text() {
        let clusters = vec![
            Cluster {
                visual: 0..1,
                logical: 0..1,
                width: 1,
                rtl: false,
            },
            Cluster {
                visual: 1..2,
                logical: 1..2,
                width: 1,
                rtl: false,
            },
        ];
        let line = VisualLine {
            text: "ab".into(),
            clusters,
            width: 2,
            indent: 0,
        };
        assert_eq!(cursor_cell(&line, 0, 2), 0);
        assert_eq!(cursor_cell(&line, 2, 2), 2);
        assert_eq!(cursor_cell(&VisualLine::default(), 0, 0), 0);
    }

    #[test]
    fn hits_map_to_clusters_after_reordering() {
        let line = rtl_line();
        // logical bytes 0..2 ("ab") are the two rightmost cells
        let marks = hit_clusters(&line, &[(0..2, true)]);
        assert_eq!(marks, vec![None, Some(true), Some(true)]);
    }

    #[test]
    fn prompt_renders_at_any_size() {
        let mut p = Prompt::default();
        for c in "بوتين".chars() {
            p.insert(c);
        }
        for w in [0u16, 1, 2, 3, 10, 40] {
            let area = Rect::new(0, 0, w, 1);
            let mut buf = Buffer::empty(area);
            let pos = render_prompt(&p, area, &mut buf, Style::default(), true, true);
            if let Some(pos) = pos {
                assert!(pos.x < w.max(1), "cursor inside the area at width {w}");
            }
        }
    }
}
