//! One-line text for the panels (titles, sources, status) through the bidi engine.
//!
//! Every cell count in the reader comes from `bidi`: a title is laid out in its own direction
//! and cut by cells at its logical end, so an Arabic headline loses its last words (shown at
//! the left) and never a byte of a letter.

use crate::bidi::{self, DirMode, Options, VisualLine};
use crate::model::Direction;

/// A single line laid out in its own direction, without wrapping or alignment padding.
pub fn line(text: &str, opts: &Options) -> (VisualLine, Direction) {
    let opts = Options {
        align: bidi::Align::None,
        ..*opts
    };
    let layout = bidi::layout(text, None, &opts);
    let direction = layout.direction;
    let mut lines = layout.lines.into_iter();
    let mut first = lines.next().unwrap_or_default();
    // A stored title should be one line; if it is not, the rest joins the first line.
    for more in lines {
        join(&mut first, more);
    }
    (first, direction)
}

fn join(line: &mut VisualLine, more: VisualLine) {
    let base = line.text.len() + 1;
    line.text.push(' ');
    line.clusters.push(bidi::Cluster {
        visual: base - 1..base,
        logical: 0..0,
        width: 1,
        rtl: false,
    });
    line.width += 1 + more.width;
    line.text.push_str(&more.text);
    line.clusters.extend(more.clusters.into_iter().map(|mut c| {
        c.visual = c.visual.start + base..c.visual.end + base;
        c
    }));
}

/// A single line at most `width` cells wide: when the text is longer, it is cut at its logical
/// end and an ellipsis is added there (on the left of a right-to-left title).
pub fn truncate(text: &str, width: usize, opts: &Options) -> (VisualLine, Direction) {
    let (full, direction) = line(text, opts);
    if full.width <= width {
        return (full, direction);
    }
    if width == 0 {
        return (VisualLine::default(), direction);
    }
    // Keep the logical prefix that fits with the ellipsis: clusters in logical order.
    let mut logical: Vec<_> = full.clusters.iter().collect();
    logical.sort_by_key(|c| c.logical.start);
    let fixed = Options {
        dir: match direction {
            Direction::Ltr => DirMode::Ltr,
            Direction::Rtl => DirMode::Rtl,
        },
        ..*opts
    };
    let mut budget = width.saturating_sub(1);
    loop {
        let mut used = 0;
        let mut cut = 0;
        for c in &logical {
            if used + usize::from(c.width) > budget {
                break;
            }
            used += usize::from(c.width);
            cut = cut.max(c.logical.end);
        }
        let cut = floor_char_boundary(text, cut);
        let shortened = format!("{}…", text[..cut].trim_end());
        let (out, _) = line(&shortened, &fixed);
        // Shaping can merge or split cells; shrink until the result fits.
        if out.width <= width || budget == 0 {
            if out.width <= width {
                return (out, direction);
            }
            return (line("…", &fixed).0, direction);
        }
        budget -= 1;
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_unchanged() {
        let (l, _) = truncate("hello", 10, &Options::default());
        assert_eq!(l.text, "hello");
        assert_eq!(l.width, 5);
    }

    #[test]
    fn long_text_gets_an_ellipsis_within_the_width() {
        for width in 0..12 {
            let (l, _) = truncate("hello wonderful world", width, &Options::default());
            assert!(l.width <= width, "{width}: {l:?}");
            if width > 0 {
                assert!(l.text.ends_with('…'), "{width}: {:?}", l.text);
            }
        }
        let (l, _) = truncate("hello wonderful world", 8, &Options::default());
        assert_eq!(l.text, "hello w…");
    }

    #[test]
    fn arabic_is_cut_by_cells_not_bytes() {
        let title = "بوتين يدعو إلى حل الأزمة";
        for width in 0..30 {
            let (l, _) = truncate(title, width, &Options::default());
            assert!(l.width <= width);
            assert_eq!(
                l.width,
                l.clusters
                    .iter()
                    .map(|c| usize::from(c.width))
                    .sum::<usize>()
            );
        }
    }
}
