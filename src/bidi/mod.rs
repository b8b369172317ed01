//! Logical text -> visual terminal lines: the Unicode Bidirectional Algorithm made fit for a
//! terminal (see `../shared/docs/rtl.md`). Knows nothing about ratatui.
//!
//! PLACEHOLDER: the public API below is the contract the UI builds on; the pipeline
//! (sanitise, direction, shaping, levels, clusters, line breaking, reordering, alignment) is
//! being written in its own files.

use std::ops::Range;

use crate::model::Direction;

pub mod sanitize;

/// How the paragraph direction is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DirMode {
    /// Rules P2/P3: the first strong character; left-to-right when there is none.
    #[default]
    Auto,
    /// Rules P2/P3; right-to-left when there is no strong character.
    AutoRtl,
    Ltr,
    Rtl,
}

/// Where a line sits within the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Right-to-left paragraphs flush right (padded with `indent`), left-to-right flush left.
    #[default]
    Auto,
    /// No padding.
    None,
}

/// Layout options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub dir: DirMode,
    /// Join Arabic-script letters into presentation forms.
    pub shape: bool,
    pub align: Align,
    /// `true`: visual order (qari reorders); `false`: logical order for terminals that reorder.
    pub reorder: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dir: DirMode::Auto,
            shape: true,
            align: Align::Auto,
            reorder: true,
        }
    }
}

/// One grapheme cluster as displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Bytes of `VisualLine::text` that display this cluster (shaped, mirrored).
    pub visual: Range<usize>,
    /// Bytes of the input paragraph this cluster came from.
    pub logical: Range<usize>,
    /// Terminal cells.
    pub width: u8,
    /// Resolved at an odd (right-to-left) level.
    pub rtl: bool,
}

/// One terminal line in visual order, free of control characters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VisualLine {
    /// What to print after `indent` spaces.
    pub text: String,
    /// The clusters of `text`, left to right.
    pub clusters: Vec<Cluster>,
    /// Cells taken by `text` (sum of the cluster widths).
    pub width: usize,
    /// Spaces to print before `text` for the requested alignment.
    pub indent: usize,
}

/// A laid-out paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub direction: Direction,
    pub lines: Vec<VisualLine>,
}

/// Lays out one logical paragraph; `width` `None` means no wrapping.
pub fn layout(text: &str, width: Option<usize>, opts: &Options) -> Layout {
    // Placeholder: no reordering yet.
    let _ = opts;
    let clean = sanitize::sanitize(text);
    let mut lines = vec![VisualLine::default()];
    for (i, ch) in clean.char_indices() {
        let w = 1;
        let cur = lines.last_mut().expect("never empty");
        if width.is_some_and(|max| cur.width + w > max) {
            lines.push(VisualLine::default());
        }
        let cur = lines.last_mut().expect("never empty");
        let start = cur.text.len();
        cur.text.push(ch);
        cur.clusters.push(Cluster {
            visual: start..cur.text.len(),
            logical: i..i + ch.len_utf8(),
            width: 1,
            rtl: false,
        });
        cur.width += w;
    }
    Layout {
        direction: Direction::Ltr,
        lines,
    }
}

/// The one width function: terminal cells of a string, summed per grapheme cluster.
pub fn width(s: &str) -> usize {
    s.chars().count()
}
