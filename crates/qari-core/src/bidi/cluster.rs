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
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
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
    /// Has a character with a mirrored glyph (brackets…), to mirror at odd levels.
    pub mirrors: bool,
}

/// Characters never sent to a terminal: the invisible format characters of
/// [`crate::chars::invisible`] and any control the sanitiser left (none, after it ran).
pub fn is_dropped(c: char) -> bool {
    crate::chars::invisible::is_invisible(c) || c.is_control()
}

/// How a visible cluster of no width is sent, so that it takes the one cell it is counted
/// for: a lone combining mark on a dotted circle (one cluster with it, as text engines draw
/// it); anything else of no width that is not a mark (an unassigned code point that
/// `unicode-width` gives no cells) as U+FFFD, since a terminal may draw it in zero, one or two
/// cells and the rows after it would shift.
fn zero_width_shown(vis: &mut String, start: usize) {
    let mut dotted = String::with_capacity(vis.len() - start + 3);
    dotted.push('\u{25CC}');
    dotted.push_str(&vis[start..]);
    if dotted.graphemes(true).nth(1).is_none() {
        vis.insert(start, '\u{25CC}');
    } else {
        vis.truncate(start);
        vis.push('\u{FFFD}');
    }
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

/// Characters that are grapheme base characters of category "Other" (never joined to what
/// precedes them, never pictographic or prepended), one cell wide: Latin, Hebrew and Arabic
/// letters, digits and punctuation. The common case gets segmented without the general
/// state machine.
const fn fast_base(c: u32) -> bool {
    matches!(c,
        0x20..=0x7E
        | 0xA0..=0xA8
        | 0xAA..=0xAC
        | 0xAF..=0x2FF
        | 0x5BE
        | 0x5C0
        | 0x5C3
        | 0x5C6
        | 0x5D0..=0x5F4
        | 0x606..=0x60F
        | 0x61B
        | 0x61D..=0x64A
        | 0x660..=0x66F
        | 0x671..=0x6D5
        | 0x6DE
        | 0x6E5
        | 0x6E6
        | 0x6E9
        | 0x6EE..=0x6FF
        | 0x2010..=0x2027
        | 0x2030..=0x205E)
}

/// Hebrew points, Arabic harakat (`Grapheme_Cluster_Break=Extend`, zero width), ZWNJ and ZWJ.
const fn fast_extend(c: u32) -> bool {
    matches!(c,
        0x591..=0x5BD
        | 0x5BF
        | 0x5C1
        | 0x5C2
        | 0x5C4
        | 0x5C5
        | 0x5C7
        | 0x610..=0x61A
        | 0x64B..=0x65F
        | 0x670
        | 0x6D6..=0x6DC
        | 0x6DF..=0x6E4
        | 0x6E7
        | 0x6E8
        | 0x6EA..=0x6ED
        | 0x200C
        | 0x200D)
}

const BASE: u8 = 1;
const EXTEND: u8 = 2;
const DROP: u8 = 4;

/// `fast_base` / `fast_extend` for the first 2048 code points, computed at compile time.
static FLAGS: [u8; 0x800] = {
    let mut a = [0u8; 0x800];
    let mut i = 0;
    while i < 0x800 {
        a[i] = if fast_base(i as u32) {
            BASE
        } else if fast_extend(i as u32) {
            EXTEND
        } else if i < 0x20 || (i >= 0x7F && i < 0xA0) || i == 0xAD || i == 0x34F || i == 0x61C {
            DROP
        } else {
            0
        };
        i += 1;
    }
    a
};

/// `is_dropped`, answered from the table for the first 2048 code points.
#[inline]
fn dropped(c: char) -> bool {
    let u = c as u32;
    if u < 0x800 {
        FLAGS[u as usize] & DROP != 0
    } else {
        is_dropped(c)
    }
}

#[inline]
fn flags(c: char) -> u8 {
    let u = c as u32;
    if u < 0x800 {
        FLAGS[u as usize] & (BASE | EXTEND)
    } else if fast_base(u) {
        BASE
    } else if fast_extend(u) {
        EXTEND
    } else {
        0
    }
}

/// The grapheme cluster boundary after the boundary `p`, and whether the cluster is a fast
/// base with fast extenders only (then it is exactly one cell wide).
pub fn next_boundary(text: &str, p: usize) -> (usize, bool) {
    let rest = &text[p..];
    let mut it = rest.char_indices();
    if let Some((_, c)) = it.next() {
        if flags(c) == BASE {
            let mut end = rest.len();
            let mut fast = true;
            for (i, d) in it {
                let f = flags(d);
                if f != EXTEND {
                    end = i;
                    fast = f == BASE;
                    break;
                }
            }
            if fast {
                return (p + end, true);
            }
        }
        let mut cursor = GraphemeCursor::new(p, text.len(), true);
        if let Ok(Some(n)) = cursor.next_boundary(text, 0) {
            return (n, false);
        }
        return (p + c.len_utf8(), false);
    }
    (text.len(), false)
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

/// Per-character work while building clusters: the L1 kind, the visible (shaped, cleaned)
/// text, whether anything in it mirrors.
struct Visitor<'a> {
    classes: &'a [BidiClass],
    subst: &'a [(u32, char)],
    /// Next substitution: every character is visited once, in order.
    si: usize,
    vis: &'a mut String,
    kind: Kind,
    mirrors: bool,
}

impl Visitor<'_> {
    #[inline]
    fn visit(&mut self, pos: usize, c: char) {
        self.kind = match (self.kind, kind_of(self.classes[pos])) {
            (Kind::Sep, _) | (_, Kind::Sep) => Kind::Sep,
            (Kind::Space, Kind::Space) => Kind::Space,
            _ => Kind::Other,
        };
        let mut shown = c;
        if let Some(&(p, r)) = self.subst.get(self.si)
            && p as usize == pos
        {
            shown = r;
            self.si += 1;
        }
        if shown != '\0' && !dropped(c) {
            self.vis.push(shown);
            // Presentation forms (substitutions) are letters: never mirrored.
            self.mirrors |= shown == c && super::mirror::mirror(c) != c;
        }
    }

    fn visit_all(&mut self, text: &str, from: usize, to: usize) {
        for (i, c) in text[from..to].char_indices() {
            self.visit(from + i, c);
        }
    }
}

/// Splits the paragraph into clusters, merging each lam-alef ligature into one, and writes
/// their visible text into `vis`. The common cluster (a fast base letter and its marks) is
/// segmented and processed in the same pass over its characters.
pub fn build(text: &str, lv: &Levels, shaped: &Shaped, out: &mut Vec<Clu>, vis: &mut String) {
    out.clear();
    vis.clear();
    vis.reserve(text.len() * 3 / 2);
    out.reserve(text.len() / 2);
    let mut v = Visitor {
        classes: &lv.classes,
        subst: &shaped.subst,
        si: 0,
        vis,
        kind: Kind::Space,
        mirrors: false,
    };
    let mut ligs = shaped.ligatures.iter().peekable();
    let mut start = 0;
    while let Some(c0) = text[start..].chars().next() {
        let vstart = v.vis.len();
        v.kind = Kind::Space;
        v.mirrors = false;
        let lig_here = ligs.peek().is_some_and(|&&(ls, _)| ls as usize == start);
        let mut end = text.len();
        let mut fast = false;
        if !lig_here && flags(c0) == BASE {
            v.visit(start, c0);
            fast = true;
            for (i, d) in text[start + c0.len_utf8()..].char_indices() {
                let pos = start + c0.len_utf8() + i;
                let f = flags(d);
                if f == EXTEND {
                    v.visit(pos, d);
                    continue;
                }
                end = pos;
                fast = f == BASE;
                break;
            }
            if !fast {
                // Something the fast path does not know follows: the general rules decide
                // where this cluster really ends.
                let checked = end;
                end = next_boundary(text, start).0;
                v.visit_all(text, checked, end);
            }
        } else {
            end = next_boundary(text, start).0;
            while let Some(&&(ls, le)) = ligs.peek() {
                if (ls as usize) >= end {
                    break;
                }
                ligs.next();
                while end < le as usize {
                    end = next_boundary(text, end).0;
                }
            }
            v.visit_all(text, start, end);
        }
        let mut width = 0;
        if fast {
            width = 1;
        } else if v.vis.len() > vstart {
            width = cluster_width(&v.vis[vstart..]);
            if v.vis[vstart..].width() == 0 {
                zero_width_shown(v.vis, vstart);
            }
        }
        out.push(Clu {
            src: (start as u32, end as u32),
            vis: (vstart as u32, v.vis.len() as u32),
            width: width.min(usize::from(u8::MAX)) as u8,
            level: lv.levels[start],
            kind: v.kind,
            mirrors: v.mirrors,
        });
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn fast_segmentation_agrees() {
        let texts = [
            "بِسْمِ ٱللَّهِ، مرحبا‌ها! (abc) 123 «שָׁלוֹם» e\u{301}\u{1F468}\u{200D}\u{1F469}",
            "a\u{200D}\u{1F600}b #\u{FE0F}\u{20E3} \u{600}١٢ \u{6DD}٣ \u{1F1FA}\u{1F1F8}x\r\ny",
            "ـلـ \u{200C}\u{64E} \u{61C}ب \u{AD}- ©\u{FE0F} 가각 क्षि",
        ];
        for t in texts {
            let ours: Vec<&str> = {
                let mut v = Vec::new();
                let mut p = 0;
                while p < t.len() {
                    let (e, fast) = next_boundary(t, p);
                    if fast {
                        assert_eq!(cluster_width(&t[p..e]), 1, "{:?}", &t[p..e]);
                    }
                    v.push(&t[p..e]);
                    p = e;
                }
                v
            };
            let theirs: Vec<&str> = t.graphemes(true).collect();
            assert_eq!(ours, theirs);
            // And `build`, which runs the fast path inline.
            let lv = super::super::levels::compute(t, Level::ltr());
            let (mut clus, mut vis) = (Vec::new(), String::new());
            build(t, &lv, &Shaped::default(), &mut clus, &mut vis);
            let built: Vec<&str> = clus
                .iter()
                .map(|c| &t[c.src.0 as usize..c.src.1 as usize])
                .collect();
            assert_eq!(built, theirs);
        }
    }

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

    #[test]
    fn drop_table_agrees() {
        for u in 0..0x800u32 {
            let c = char::from_u32(u).expect("no surrogates below U+0800");
            assert_eq!(dropped(c), is_dropped(c), "U+{u:04X}");
        }
    }
}
