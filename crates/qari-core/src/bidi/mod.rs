//! Logical text -> visual terminal lines: the Unicode Bidirectional Algorithm made fit for a
//! terminal (see `../shared/docs/rtl.md`). Knows nothing about ratatui.
//!
//! One paragraph goes through the pipeline, one file per step:
//!
//! ```text
//! sanitize   escape sequences, controls, tabs (crate::chars::sanitize)  (untrusted text)
//! direction  P2/P3, auto with ltr or rtl fallback, forced
//! levels     unicode-bidi, whole paragraph
//! shape      presentation forms + lam-alef, in logical order, within directional runs
//! cluster    grapheme clusters, visible text, one width each
//! linebreak  UAX #14 opportunities, greedy fill, overlong words cut at clusters
//! reorder    per line: L1, one level per cluster, L2, mirroring, controls dropped
//! align      rtl flush right, ltr flush left
//! ```
//!
//! Levels come before shaping (the issue lists them the other way round) because letters join
//! only within a directional run, exactly as GNU `FriBidi` does; shaping does not change bidi
//! classes (letters and their presentation forms are all AL), so the levels stay valid.
//! Pure left-to-right ASCII takes a fast path that skips levels, shaping and segmentation.

use std::ops::Range;

use crate::model::Direction;

mod align;
mod cluster;
mod direction;
mod levels;
mod linebreak;
mod mirror;
mod reorder;
mod shape;
mod shape_table;

/// The one sanitiser lives in [`crate::chars`] (the loader uses it too); step 1 of the pipeline.
pub use crate::chars::sanitize;

pub use cluster::cluster_width;
/// Characters qari never sends to a terminal (direction controls, ZWJ/ZWNJ, BOM, soft hyphen,
/// controls): they take no cell and are dropped from visual lines.
pub use cluster::is_dropped as is_invisible;
/// The mirrored glyph of a bracket (`Bidi_Mirroring_Glyph`), for what else must mirror.
pub use mirror::mirror;

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
    /// With `reorder` off: each line isolated in its paragraph's direction (RLI or LRI …
    /// PDI) and the text's own isolates and marks kept (balanced within the line), as zero-width
    /// characters inside the clusters, for a terminal that reorders each row as one
    /// left-to-right paragraph (Konsole, mlterm).
    pub isolate: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dir: DirMode::Auto,
            shape: true,
            align: Align::Auto,
            reorder: true,
            isolate: false,
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

/// Buffers reused from paragraph to paragraph (one per thread); `Scratch::default()`.
#[derive(Default)]
pub struct Scratch {
    levels: levels::Levels,
    clus: Vec<cluster::Clu>,
    vis: String,
    shaped: shape::Shaped,
    lines: Vec<(usize, usize)>,
    line: VisualLine,
    reorder: reorder::LineScratch,
}

/// Lays out one logical paragraph; `width` `None` means no wrapping.
pub fn layout(text: &str, width: Option<usize>, opts: &Options) -> Layout {
    let mut scratch = Scratch::default();
    let mut lines = Vec::new();
    let direction = layout_with(text, width, opts, &mut scratch, &mut |l| {
        lines.push(l.clone());
    });
    Layout { direction, lines }
}

/// [`layout`] without allocating a `Layout`: hands each visual line to `sink` in order and
/// returns the paragraph direction. `scratch` is reused across calls (what `qari render` does).
pub fn layout_with(
    text: &str,
    width: Option<usize>,
    opts: &Options,
    scratch: &mut Scratch,
    sink: &mut dyn FnMut(&VisualLine),
) -> Direction {
    layout_lines(text, width, *opts, scratch, true, sink)
}

/// [`layout_with`], leaving `VisualLine::clusters` empty unless `clusters` is set: for
/// output that only prints the text (`qari render`).
pub fn layout_lines(
    text: &str,
    width: Option<usize>,
    opts: Options,
    scratch: &mut Scratch,
    clusters: bool,
    sink: &mut dyn FnMut(&VisualLine),
) -> Direction {
    let clean = sanitize::clean(text);
    let t: &str = &clean.text;
    let dir = direction::resolve(t, opts.dir);
    let Scratch {
        levels: lv,
        clus,
        vis,
        shaped,
        lines,
        line,
        reorder: ls,
    } = scratch;
    let vis_text: &str = if dir == Direction::Ltr && t.is_ascii() {
        ascii_clusters(t, clus);
        t
    } else {
        levels::compute_into(t, direction::level(dir), lv);
        if opts.shape {
            shape::shape(t, &lv.levels, &lv.classes, shaped);
        } else {
            shaped.subst.clear();
            shaped.ligatures.clear();
        }
        cluster::build(t, lv, shaped, clus, vis);
        vis
    };
    linebreak::break_lines(t, clus, width, lines);
    let p = reorder::Para {
        clus,
        vis: vis_text,
        level: direction::level(dir),
        reorder: opts.reorder,
        trim: width.is_some(),
        clusters,
        isolate: opts.isolate,
        src: t,
    };
    let logical = |a: u32, b: u32| clean.to_input(a as usize, b as usize);
    for &r in lines.iter() {
        reorder::emit(&p, r, line, ls, &logical);
        align::align(line, dir, width, opts.align);
        sink(line);
    }
    dir
}

/// The fast path: printable ASCII, one byte one cluster one cell, level 0.
fn ascii_clusters(t: &str, out: &mut Vec<cluster::Clu>) {
    out.clear();
    out.extend(t.bytes().enumerate().map(|(i, b)| {
        let i = i as u32;
        cluster::Clu {
            src: (i, i + 1),
            vis: (i, i + 1),
            width: 1,
            level: unicode_bidi::Level::ltr(),
            kind: if b == b' ' {
                cluster::Kind::Space
            } else {
                cluster::Kind::Other
            },
            mirrors: false, // level 0: never mirrored
        }
    }));
}

/// The one width function: terminal cells of a string, summed per grapheme cluster with
/// [`cluster_width`]. Use it for every measurement of displayed text.
pub fn width(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return s.len();
    }
    s.graphemes(true).map(cluster_width).sum()
}

/// The paragraph direction of `text` under `mode` (rules P2/P3 with the mode's fallback).
pub fn direction_of(text: &str, mode: DirMode) -> Direction {
    direction::resolve(&sanitize::sanitize(text), mode)
}

/// One visual line of at most `width` cells: `text` laid out without wrapping and, when too
/// wide, cut at a cluster boundary in logical order with an ellipsis at its logical end (the
/// left end for a right-to-left paragraph). For titles in lists.
pub fn truncate(text: &str, width: usize, opts: &Options) -> VisualLine {
    let mut scratch = Scratch::default();
    let mut full = VisualLine::default();
    let dir = layout_with(text, None, opts, &mut scratch, &mut |l| full = l.clone());
    if full.width <= width {
        align::align(&mut full, dir, Some(width), opts.align);
        return full;
    }
    // Logical prefix that leaves one cell for the ellipsis.
    let budget = width.saturating_sub(1);
    let mut used = 0;
    let mut cut = 0;
    for c in &scratch.clus {
        if used + usize::from(c.width) > budget {
            break;
        }
        used += usize::from(c.width);
        cut = c.src.1 as usize;
    }
    let clean = sanitize::clean(text);
    let input_cut = clean.to_input(0, cut).end;
    let prefix = &text[..input_cut];
    if width == 0 {
        return VisualLine::default();
    }
    // The kept part is laid out in the whole text's direction: on its own it may have no strong
    // character left (`2024: שלום` cut to `2024:`) and would flip to the fallback direction.
    let forced = Options {
        dir: match dir {
            Direction::Rtl => DirMode::Rtl,
            Direction::Ltr => DirMode::Ltr,
        },
        ..*opts
    };
    let mut line = VisualLine::default();
    let trimmed = prefix.trim_end();
    layout_with(trimmed, None, &forced, &mut scratch, &mut |l| {
        line = l.clone();
    });
    let ell = Cluster {
        visual: 0..'…'.len_utf8(),
        logical: trimmed.len()..trimmed.len(),
        width: 1,
        rtl: dir == Direction::Rtl,
    };
    if dir == Direction::Rtl {
        let shift = ell.visual.end;
        for c in &mut line.clusters {
            c.visual = c.visual.start + shift..c.visual.end + shift;
        }
        line.text.insert(0, '…');
        line.clusters.insert(0, ell);
    } else {
        let start = line.text.len();
        line.text.push('…');
        line.clusters.push(Cluster {
            visual: start..line.text.len(),
            ..ell
        });
    }
    line.width += 1;
    align::align(&mut line, dir, Some(width), opts.align);
    line
}

/// For the conformance test: levels and per-line reordering of raw text (no sanitising, no
/// shaping), as one line. Returns the paragraph level and, in visual order, each cluster's
/// byte range and level after rule L1. Not part of the stable API.
#[doc(hidden)]
pub fn conformance_line(text: &str, mode: DirMode) -> (u8, Vec<(Range<usize>, u8)>) {
    let dir = direction::resolve(text, mode);
    let para = direction::level(dir);
    let lv = levels::compute(text, para);
    let mut clus = Vec::new();
    let mut vis = String::new();
    cluster::build(text, &lv, &shape::Shaped::default(), &mut clus, &mut vis);
    let mut lvls = Vec::new();
    let mut order = Vec::new();
    reorder::line_levels(&clus, para, &mut lvls);
    reorder::visual_order(&lvls, &mut order);
    let out = order
        .iter()
        .map(|&i| {
            (
                clus[i].src.0 as usize..clus[i].src.1 as usize,
                lvls[i].number(),
            )
        })
        .collect();
    (para.number(), out)
}

/// For differential tests: the input byte range of each line `layout` makes (all of its
/// clusters, including the invisible and trimmed ones). Not part of the stable API.
#[doc(hidden)]
pub fn line_ranges(text: &str, width: Option<usize>, opts: &Options) -> Vec<Range<usize>> {
    let mut s = Scratch::default();
    layout_with(text, width, opts, &mut s, &mut |_| {});
    let clean = sanitize::clean(text);
    s.lines
        .iter()
        .map(
            |&(a, b)| match (s.clus.get(a), b.checked_sub(1).and_then(|l| s.clus.get(l))) {
                (Some(first), Some(last)) if b > a => {
                    clean.to_input(first.src.0 as usize, last.src.1 as usize)
                }
                _ => text.len()..text.len(),
            },
        )
        .collect()
}
