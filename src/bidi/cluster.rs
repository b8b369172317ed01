//! Grapheme clusters and their widths (step 5): the unit of wrapping, reordering and styling.
//!
//! There is one width function in qari, [`cluster_width`], applied to one grapheme cluster at
//! a time. Measuring whole strings with `unicode-width` is wrong for Arabic: it counts lam
//! followed by alef as one column (a ligature a terminal does not make), so `"لا"` would be
//! 1 cell while the terminal draws 2. After shaping a lam-alef is one presentation-form
//! character, one cluster, one cell.
//!
//! Each cluster also gets the visible text it will display: shaped, with the characters that
//! must not reach the terminal (direction controls, ZWJ/ZWNJ, BOM…) already dropped. A
//! combining mark with no base (paragraph start, after a dropped control) is shown on a
//! dotted circle, as text engines do, so that it cannot attach to the cell before it.

use unicode_bidi::{BidiClass, Level};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::levels::{Levels, removed_by_x9};
use super::shape::Shaped;

/// How rule L1 treats a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Anything else.
    Other,
    /// Only whitespace, isolate controls and characters removed by X9: reset at a line end.
    Space,
    /// A segment or paragraph separator: reset, and resets the whitespace before it.
    Sep,
}

/// One cluster of the paragraph, in logical order.
#[derive(Debug, Clone, Copy)]
pub struct Clu {
    /// Bytes of the sanitised paragraph.
    pub src: (u32, u32),
    /// Bytes of the visible-text buffer.
    pub vis: (u32, u32),
    pub width: u8,
    /// Level of the first character (before L1).
    pub level: Level,
    pub kind: Kind,
}

/// Characters never sent to a terminal: direction controls, zero-width joiners and spaces,
/// BOM, soft hyphen, other invisible format characters.
pub fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    ) || c.is_control()
}

/// Terminal cells of one grapheme cluster: 0 for invisible ones, at least 1 for anything
/// visible (a lone combining mark is drawn on a dotted circle).
pub fn cluster_width(g: &str) -> usize {
    let mut visible = false;
    let mut plain = true;
    for c in g.chars() {
        if is_dropped(c) {
            plain = false;
        } else {
            visible = true;
        }
    }
    if !visible {
        return 0;
    }
    let w = if plain {
        g.width()
    } else {
        let s: String = g.chars().filter(|&c| !is_dropped(c)).collect();
        s.width()
    };
    w.max(1)
}

fn kind_of(class: BidiClass) -> Kind {
    use BidiClass::{B, FSI, LRI, PDI, RLI, S, WS};
    match class {
        S | B => Kind::Sep,
        WS | FSI | LRI | RLI | PDI => Kind::Space,
        c if removed_by_x9(c) => Kind::Space,
        _ => Kind::Other,
    }
}

/// Splits the paragraph into clusters, merging each lam-alef ligature into one, and writes
/// their visible text into `vis`.
pub fn build(text: &str, lv: &Levels, shaped: &Shaped, out: &mut Vec<Clu>, vis: &mut String) {
    out.clear();
    vis.clear();
    let mut subst = shaped.subst.iter().peekable();
    let mut ligs = shaped.ligatures.iter().peekable();
    let mut graphemes = text.grapheme_indices(true).peekable();
    while let Some((start, g)) = graphemes.next() {
        let mut end = start + g.len();
        while let Some(&&(ls, le)) = ligs.peek() {
            if (ls as usize) >= end {
                break;
            }
            ligs.next();
            while end < le as usize {
                match graphemes.next() {
                    Some((s, g2)) => end = s + g2.len(),
                    None => break,
                }
            }
        }
        let vstart = vis.len();
        let mut kind = Kind::Space;
        for (i, c) in text[start..end].char_indices() {
            let pos = (start + i) as u32;
            let class = lv.classes[pos as usize];
            kind = match (kind, kind_of(class)) {
                (Kind::Sep, _) | (_, Kind::Sep) => Kind::Sep,
                (Kind::Space, Kind::Space) => Kind::Space,
                _ => Kind::Other,
            };
            let mut shown = c;
            while let Some(&&(p, r)) = subst.peek() {
                if p > pos {
                    break;
                }
                subst.next();
                if p == pos {
                    shown = r;
                }
            }
            if shown != '\0' && !is_dropped(c) {
                vis.push(shown);
            }
        }
        let mut width = 0;
        if vis.len() > vstart {
            width = cluster_width(&vis[vstart..]);
            if vis[vstart..].width() == 0 {
                vis.insert(vstart, '\u{25CC}');
            }
        }
        out.push(Clu {
            src: (start as u32, end as u32),
            vis: (vstart as u32, vis.len() as u32),
            width: width.min(usize::from(u8::MAX)) as u8,
            level: lv.levels[start],
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lam_alef_is_two_cells_unshaped() {
        let w: usize = "لا".graphemes(true).map(cluster_width).sum();
        assert_eq!(w, 2);
        assert_eq!(cluster_width("\u{FEFB}"), 1);
        assert_eq!(cluster_width("بَ"), 1);
        assert_eq!(cluster_width("\u{200F}"), 0);
        assert_eq!(cluster_width("\u{64E}"), 1);
        assert_eq!(cluster_width("中"), 2);
    }
}
