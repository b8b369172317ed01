//! Line breaking (step 6), in logical order, before reordering: where a line may end is a
//! property of the text (UAX #14, via `unicode-linebreak`), not of its display order.
//!
//! Greedy filling: a segment (the text between two break opportunities) goes on the current
//! line when its content, not counting the spaces it ends with, fits; those spaces hang past
//! the edge and are trimmed from the displayed line (exactly the clusters `reorder` trims:
//! whitespace that rule L1 puts at the line end, nothing after a direction mark). A segment wider than a whole line (a long
//! URL, a run of digits) is cut at grapheme-cluster boundaries.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::cluster::{Clu, Kind};

/// Fills `out` with the cluster index ranges of the lines of a paragraph.
pub fn break_lines(text: &str, clus: &[Clu], max: Option<usize>, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let n = clus.len();
    let total: usize = clus.iter().map(|c| usize::from(c.width)).sum();
    let Some(max) = max else {
        out.push((0, n));
        return;
    };
    let max = max.max(1);
    if total <= max {
        out.push((0, n));
        return;
    }
    let mut line_start = 0;
    let mut cur = 0usize;
    let mut seg_start = 0;
    let mut k = 0; // cluster cursor: first cluster starting at or after the opportunity
    for (pos, kind) in linebreaks(text) {
        while k < n && (clus[k].src.0 as usize) < pos {
            k += 1;
        }
        let at_boundary = k == n || clus[k].src.0 as usize == pos;
        if !at_boundary || k == seg_start {
            continue;
        }
        let seg = &clus[seg_start..k];
        let seg_total: usize = seg.iter().map(|c| usize::from(c.width)).sum();
        let hanging: usize = seg
            .iter()
            .rev()
            .take_while(|c| c.kind == Kind::Space)
            .map(|c| usize::from(c.width))
            .sum();
        let content = seg_total - hanging;
        if cur > 0 && cur + content > max {
            out.push((line_start, seg_start));
            line_start = seg_start;
            cur = 0;
        }
        if cur == 0 && content > max {
            for (j, c) in seg.iter().enumerate() {
                let w = usize::from(c.width);
                if cur > 0 && cur + w > max && c.kind != Kind::Space {
                    out.push((line_start, seg_start + j));
                    line_start = seg_start + j;
                    cur = 0;
                }
                cur += w;
            }
        } else {
            cur += seg_total;
        }
        seg_start = k;
        if kind == BreakOpportunity::Mandatory && k < n {
            out.push((line_start, k));
            line_start = k;
            cur = 0;
        }
    }
    if line_start < n || out.is_empty() {
        out.push((line_start, n));
    }
}
