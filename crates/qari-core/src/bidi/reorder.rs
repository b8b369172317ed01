//! One line from logical to visual order (step 7): rule L1 on the line, one level per grapheme
//! cluster, rule L2 over clusters, mirroring at odd levels (L4), controls dropped.
//!
//! Reordering whole clusters is what keeps a combining mark after its base in visual order
//! too (the effect of rule L3): a terminal attaches a mark to the cell before it.
//! `unicode-bidi`'s `reorder_line` reverses characters (marks before bases), does not mirror
//! and keeps the controls, so L2 is done here, on cluster levels.

use unicode_bidi::Level;

use super::cluster::{Clu, Kind};
use super::mirror::mirror;
use super::{Cluster, VisualLine};

/// Rule L1 for the clusters of one line: separators, and whitespace (with isolate controls
/// and X9-removed characters) before a separator or the line end, go to the paragraph level.
pub fn line_levels(clus: &[Clu], para: Level, out: &mut Vec<Level>) {
    out.clear();
    out.extend(clus.iter().map(|c| c.level));
    let mut reset = true;
    for (c, l) in clus.iter().zip(out.iter_mut()).rev() {
        match c.kind {
            Kind::Sep => {
                *l = para;
                reset = true;
            }
            Kind::Space => {
                if reset {
                    *l = para;
                }
            }
            Kind::Other => reset = false,
        }
    }
}

/// Visual order (indices into the line's clusters, left to right) for L1 levels: rule L2,
/// from the highest level down to the lowest odd one, reverse every run at that level or
/// higher. Runs are found on the logical levels: a reversal at a higher level only permutes
/// positions inside a run of a lower one. Written here rather than taken from `unicode-bidi` (`reorder_visual`), whose
/// level arithmetic panics at the top of the range (upstream issue #145): levels reach 126
/// with 125 nested embeddings, and plain `u8` arithmetic has no such edge.
pub fn visual_order(levels: &[Level], out: &mut Vec<usize>) {
    out.clear();
    out.extend(0..levels.len());
    let (Some(max), Some(min)) = (
        levels.iter().map(Level::number).max(),
        levels.iter().map(Level::number).min(),
    ) else {
        return;
    };
    let lowest_odd = min | 1;
    let mut level = max;
    while level >= lowest_odd {
        let mut i = 0;
        while i < levels.len() {
            if levels[i].number() >= level {
                let start = i;
                while i < levels.len() && levels[i].number() >= level {
                    i += 1;
                }
                out[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
}

/// Inputs shared by the lines of one paragraph.
// Each flag is one independent switch of the emission.
#[allow(clippy::struct_excessive_bools)]
pub struct Para<'a> {
    pub clus: &'a [Clu],
    pub vis: &'a str,
    /// The paragraph embedding level.
    pub level: Level,
    pub reorder: bool,
    /// Drop the whitespace at the end of each line (wrapping is on).
    pub trim: bool,
    /// Fill `VisualLine::clusters` (`qari render` only needs the text).
    pub clusters: bool,
    /// Logical order for a terminal that reorders: keep the isolates and marks of the text
    /// (balanced within the line) and isolate the line in the paragraph's direction.
    pub isolate: bool,
    /// The sanitised paragraph (`Clu::src` ranges index it).
    pub src: &'a str,
}

/// The controls a terminal that reorders is given: isolates and the marks.
fn kept_control(c: char) -> bool {
    matches!(
        c,
        '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Isolates opened and not yet closed on the line being emitted, and controls waiting for the
/// next visible cluster.
#[derive(Default)]
struct Isolation {
    open: usize,
    pending: String,
}

impl Isolation {
    /// Takes the kept controls of `src` into `pending`: a PDI only when it closes an isolate
    /// opened on this line (so a line never closes more than it opened).
    fn take(&mut self, src: &str) {
        for c in src.chars().filter(|&c| kept_control(c)) {
            match c {
                '\u{2069}' if self.open == 0 => {}
                '\u{2069}' => {
                    self.open -= 1;
                    self.pending.push(c);
                }
                '\u{2066}'..='\u{2068}' => {
                    self.open += 1;
                    self.pending.push(c);
                }
                _ => self.pending.push(c),
            }
        }
    }
}

/// Scratch buffers reused from line to line.
#[derive(Default)]
pub struct LineScratch {
    line_levels: Vec<Level>,
    order: Vec<usize>,
}

/// Writes the line made of clusters `a..b` into `line` (cleared first). `logical` maps a
/// sanitised byte range to the input byte range.
pub fn emit(
    p: &Para<'_>,
    (first, end): (usize, usize),
    line: &mut VisualLine,
    scratch: &mut LineScratch,
    logical: &dyn Fn(u32, u32) -> std::ops::Range<usize>,
) {
    line.text.clear();
    line.clusters.clear();
    line.width = 0;
    line.indent = 0;
    let clus = &p.clus[first..end];
    let mut keep = clus.len();
    if p.trim {
        // Only what rule L1 treats as line-end whitespace: a space before an LRM/RLM stays
        // (it is inside a level run, FriBidi shows it too).
        while keep > 0 && clus[keep - 1].kind == Kind::Space {
            keep -= 1;
        }
    }
    line_levels(clus, p.level, &mut scratch.line_levels);
    if p.reorder {
        visual_order(&scratch.line_levels, &mut scratch.order);
    } else {
        scratch.order.clear();
        scratch.order.extend(0..clus.len());
    }
    let mut iso = Isolation::default();
    if p.isolate && !p.reorder {
        iso.pending.push(if p.level.is_rtl() {
            '\u{2067}'
        } else {
            '\u{2066}'
        });
        iso.open = 1;
    }
    let keep_controls = p.isolate && !p.reorder;
    for &i in &scratch.order {
        let c = &clus[i];
        let src = p.src.get(c.src.0 as usize..c.src.1 as usize).unwrap_or("");
        if i >= keep || c.vis.0 == c.vis.1 {
            if keep_controls {
                iso.take(src);
            }
            continue;
        }
        let before = line.text.len();
        if keep_controls {
            // The controls before the cluster's first visible character go in front of it.
            let lead = src.len()
                - src
                    .trim_start_matches(|c: char| {
                        kept_control(c) || crate::chars::invisible::is_invisible(c)
                    })
                    .len();
            iso.take(&src[..lead]);
            line.text.push_str(&iso.pending);
            iso.pending.clear();
            iso.take(&src[lead..]);
        }
        let level = scratch.line_levels[i];
        let shown = &p.vis[c.vis.0 as usize..c.vis.1 as usize];
        let start = before;
        if p.reorder && level.is_rtl() && c.mirrors {
            // Copy in runs; only a mirrored character breaks the run.
            let mut from = 0;
            for (i, ch) in shown.char_indices() {
                let m = mirror(ch);
                if m != ch {
                    line.text.push_str(&shown[from..i]);
                    line.text.push(m);
                    from = i + ch.len_utf8();
                }
            }
            line.text.push_str(&shown[from..]);
        } else {
            line.text.push_str(shown);
        }
        line.width += usize::from(c.width);
        if !p.clusters {
            continue;
        }
        line.clusters.push(Cluster {
            visual: start..line.text.len(),
            logical: logical(c.src.0, c.src.1),
            width: c.width,
            rtl: level.is_rtl(),
        });
    }
    if keep_controls && line.width > 0 {
        // What is still open closes with the line, inside its last cluster.
        line.text.push_str(&iso.pending);
        line.text.extend(std::iter::repeat_n('\u{2069}', iso.open));
        if let Some(last) = line.clusters.last_mut() {
            last.visual.end = line.text.len();
        }
    }
}
