//! One-line text for the panels (titles, sources, status) through the bidi engine.
//!
//! Every cell count in the reader comes from `bidi`: a title is laid out in its own direction
//! and cut by cells at its logical end (`bidi::truncate`), so an Arabic headline loses its last
//! words (the ellipsis shows at the left) and never a byte of a letter. The panels align the
//! result themselves, so the engine is asked for no padding.

use qari_core::bidi::{self, Align, Options, VisualLine};
use qari_core::model::Direction;

/// A single line at most `width` cells wide, and the direction it was laid out in.
pub fn truncate(text: &str, width: usize, opts: &Options) -> (VisualLine, Direction) {
    let opts = Options {
        align: Align::None,
        ..*opts
    };
    let line = bidi::truncate(text, width, &opts);
    (line, bidi::direction_of(text, opts.dir))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_unchanged() {
        let (l, dir) = truncate("hello", 10, &Options::default());
        assert_eq!(l.text, "hello");
        assert_eq!((l.width, l.indent, dir), (5, 0, Direction::Ltr));
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
    fn arabic_is_cut_by_cells_at_its_logical_end() {
        let title = "بوتين يدعو إلى حل الأزمة";
        let (full, dir) = truncate(title, 100, &Options::default());
        assert_eq!(dir, Direction::Rtl);
        for width in 1..30 {
            let (l, _) = truncate(title, width, &Options::default());
            assert!(l.width <= width);
            assert_eq!(
                l.width,
                l.clusters
                    .iter()
                    .map(|c| usize::from(c.width))
                    .sum::<usize>()
            );
            if width < full.width {
                // The logical end of a right-to-left line is its left end.
                assert!(l.text.starts_with('…'), "{width}: {:?}", l.text);
            }
        }
    }
}
