//! Arabic, Persian and Urdu shaping (step 3): letters to their contextual presentation forms,
//! for terminals that do not join Arabic letters themselves.
//!
//! Works in logical order on the sanitised paragraph, with the embedding levels already
//! known: letters join only within a directional run (as in GNU `FriBidi`), so a left-to-right
//! override or an LRM between two letters breaks the join the way it breaks the display.
//! Transparent characters (harakat, format characters) are skipped; ZWJ and tatweel cause
//! joining, ZWNJ prevents it (both are dropped later, at output). The tables in
//! `shape_table.rs` come from `UnicodeData.txt` and `ArabicShaping.txt`; letters with no
//! presentation form stay as they are. The only ligatures are the eight lam-alef ones
//! (U+FEF5..U+FEFC), also formed across harakat written between lam and alef, which then
//! follow the ligature; word ligatures such as U+FDF2 are never made (one cell for
//! `unicode-width`, several cells of glyph).

use std::sync::OnceLock;

use unicode_bidi::{BidiClass, Level};

use super::shape_table::{FORMS, FORMS_FIRST, JOINING, Joining, LAM_ALEF};

const RIGHT: u8 = 1;
const LEFT: u8 = 2;
const SKIP: u8 = 4;
const SHAPES: u8 = 8;

/// The result of shaping: replacements in logical order.
#[derive(Default)]
pub struct Shaped {
    /// `(byte offset, replacement)`; `'\0'` deletes the character (the alef of a lam-alef).
    pub subst: Vec<(u32, char)>,
    /// Byte ranges `lam..after alef` that became one ligature: one grapheme cluster.
    pub ligatures: Vec<(u32, u32)>,
    /// Working buffers, kept for reuse: the characters and their joining properties.
    chars: Vec<(u32, char)>,
    props: Vec<u8>,
}

/// The joining type of a character.
pub fn joining_type(c: char) -> Joining {
    static ARABIC: OnceLock<[Joining; 0x200]> = OnceLock::new();
    let c = c as u32;
    if c < 0xAD {
        return Joining::U;
    }
    if (0x600..0x800).contains(&c) {
        let t = ARABIC.get_or_init(|| std::array::from_fn(|i| lookup(0x600 + i as u32)));
        return t[(c - 0x600) as usize];
    }
    lookup(c)
}

/// Binary search in the generated ranges.
fn lookup(c: u32) -> Joining {
    match JOINING.binary_search_by(|&(a, b, _)| {
        if b < c {
            std::cmp::Ordering::Less
        } else if a > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => JOINING[i].2,
        Err(_) => Joining::U,
    }
}

/// The presentation form `form` (0 isolated, 1 final, 2 initial, 3 medial) of `c`, if any.
pub fn form(c: char, form: usize) -> Option<char> {
    let i = (c as u32).checked_sub(FORMS_FIRST)? as usize;
    let f = *FORMS.get(i)?.get(form)?;
    if f == 0 {
        None
    } else {
        char::from_u32(u32::from(f))
    }
}

/// The lam-alef ligature for `alef`, isolated or final.
pub fn lam_alef(alef: char, final_form: bool) -> Option<char> {
    let (_, iso, fin) = LAM_ALEF.iter().find(|e| e.0 == alef as u32)?;
    char::from_u32(if final_form { *fin } else { *iso })
}

/// Could the text contain a letter with presentation forms (U+0621..U+06FF)?
pub fn may_shape(text: &str) -> bool {
    text.as_bytes().iter().any(|b| (0xD8..=0xDB).contains(b))
}

/// Shapes `text`, whose per-byte levels and classes are given.
pub fn shape(text: &str, levels: &[Level], classes: &[BidiClass], out: &mut Shaped) {
    out.subst.clear();
    out.ligatures.clear();
    if !may_shape(text) {
        return;
    }
    let Shaped {
        subst,
        ligatures,
        chars,
        props,
    } = out;
    chars.clear();
    props.clear();
    for (i, c) in text.char_indices() {
        chars.push((i as u32, c));
        props.push(match joining_type(c) {
            Joining::U => 0,
            Joining::R => RIGHT | SHAPES,
            Joining::L => LEFT | SHAPES,
            Joining::D => RIGHT | LEFT | SHAPES,
            Joining::C => RIGHT | LEFT,
            Joining::T => SKIP | SHAPES,
        });
    }
    let (chars, props) = (&chars[..], &mut props[..]);
    join(chars, levels, props);
    for (k, &(pos, c)) in chars.iter().enumerate() {
        if props[k] & (SHAPES | SKIP) != SHAPES {
            continue;
        }
        if c == '\u{0644}'
            && levels[pos as usize].is_rtl()
            && props[k] & LEFT != 0
            && let Some((j, alef_end)) = ligature_partner(chars, props, levels, classes, k)
            && let Some(lig) = lam_alef(chars[j].1, props[k] & RIGHT != 0)
        {
            subst.push((pos, lig));
            subst.push((chars[j].0, '\0'));
            ligatures.push((pos, alef_end));
            // The alef is consumed; mark it so the loop leaves it alone.
            props[j] = SKIP;
            continue;
        }
        if let Some(f) = form(c, usize::from(props[k] & (RIGHT | LEFT))) {
            subst.push((pos, f));
        }
    }
    // Pushed in logical order: the alef of a ligature comes after its lam, and nothing
    // between them (marks) is substituted.
    debug_assert!(subst.windows(2).all(|w| w[0].0 < w[1].0));
}

/// Rules R1-R7 of Arabic cursive joining, within each directional run. In a right-to-left
/// run the preceding letter sits on the right; in a left-to-right run (an override) on the
/// left, so the bits always mean the visual side that connects.
fn join(chars: &[(u32, char)], levels: &[Level], props: &mut [u8]) {
    let mut i = 0;
    while i < chars.len() {
        let rtl = levels[chars[i].0 as usize].is_rtl();
        let (pre, fol) = if rtl { (RIGHT, LEFT) } else { (LEFT, RIGHT) };
        let mut joins = false;
        let mut saved: Option<usize> = None;
        while i < chars.len() && levels[chars[i].0 as usize].is_rtl() == rtl {
            if props[i] & SKIP == 0 {
                if !joins {
                    props[i] &= !pre;
                } else if props[i] & pre == 0
                    && let Some(s) = saved
                {
                    props[s] &= !fol;
                }
                joins = props[i] & fol != 0;
                saved = Some(i);
            }
            i += 1;
        }
        if let Some(s) = saved {
            props[s] &= !fol;
        }
    }
}

/// The alef that lam `k` joins, across harakat only, at the same level: `(index, end byte)`.
fn ligature_partner(
    chars: &[(u32, char)],
    props: &[u8],
    levels: &[Level],
    classes: &[BidiClass],
    k: usize,
) -> Option<(usize, u32)> {
    let level = levels[chars[k].0 as usize];
    for (j, &(pos, c)) in chars.iter().enumerate().skip(k + 1) {
        if levels[pos as usize] != level {
            return None;
        }
        if props[j] & SKIP != 0 {
            if classes[pos as usize] != BidiClass::NSM {
                return None;
            }
            continue;
        }
        let is_alef = matches!(c, '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0627}');
        return (is_alef && props[j] & RIGHT != 0).then(|| (j, pos + c.len_utf8() as u32));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(s: &str) -> String {
        let lv = super::super::levels::compute(s, Level::rtl());
        let mut out = Shaped::default();
        shape(s, &lv.levels, &lv.classes, &mut out);
        let mut r = String::new();
        let mut sub = out.subst.iter().peekable();
        for (i, c) in s.char_indices() {
            match sub.peek() {
                Some(&&(p, x)) if p as usize == i => {
                    sub.next();
                    if x != '\0' {
                        r.push(x);
                    }
                }
                _ => r.push(c),
            }
        }
        r
    }

    #[test]
    fn contextual_forms() {
        // beh: isolated, initial, medial, final.
        assert_eq!(shaped("ب"), "\u{FE8F}");
        assert_eq!(shaped("بب"), "\u{FE91}\u{FE90}");
        assert_eq!(shaped("ببب"), "\u{FE91}\u{FE92}\u{FE90}");
        // alef joins only its preceding letter: "با" = beh initial + alef final; the letter
        // after the alef starts afresh.
        assert_eq!(shaped("باب"), "\u{FE91}\u{FE8E}\u{FE8F}");
    }

    #[test]
    fn lam_alef_with_harakat_between() {
        // lam, fatha, alef -> isolated lam-alef ligature followed by the fatha.
        assert_eq!(shaped("\u{644}\u{64E}\u{627}"), "\u{FEFB}\u{64E}");
        // beh + lam + alef -> beh initial, final lam-alef.
        assert_eq!(shaped("\u{628}\u{644}\u{627}"), "\u{FE91}\u{FEFC}");
    }
}
