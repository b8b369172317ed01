//! Embedding levels for the whole paragraph (step 4, computed before shaping because Arabic
//! joining happens within directional runs, as in GNU `FriBidi`).
//!
//! `unicode-bidi` is conformant up to rule W/N/I; it works per byte. Characters removed by
//! rule X9 (embedding controls, BN such as ZWJ/ZWNJ) get the level of the character before
//! them, the convention of both `unicode-bidi`'s L1 and `FriBidi`, so that they never split a
//! run of joining letters or a line's level runs.

use std::sync::OnceLock;

use unicode_bidi::{BidiClass, BidiDataSource, Level, ParagraphBidiInfo};

/// `unicode-bidi`'s own data, with the first 2048 code points (Latin, Hebrew, Arabic) served
/// from a table built from that same data on first use: the binary search was the costliest
/// single step of `qari render`.
pub struct FastData;

impl FastData {
    /// Bidi classes of U+0000..U+07FF.
    fn low() -> &'static [BidiClass; 0x800] {
        static LOW: OnceLock<[BidiClass; 0x800]> = OnceLock::new();
        LOW.get_or_init(|| {
            std::array::from_fn(|i| {
                char::from_u32(i as u32).map_or(BidiClass::L, unicode_bidi::bidi_class)
            })
        })
    }
}

impl BidiDataSource for FastData {
    fn bidi_class(&self, c: char) -> BidiClass {
        Self::low()
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| unicode_bidi::bidi_class(c))
    }
}

/// Levels and original bidi classes, one entry per byte of the paragraph (only the entries at
/// character starts are meaningful).
#[derive(Default)]
pub struct Levels {
    pub levels: Vec<Level>,
    pub classes: Vec<BidiClass>,
}

/// Gives each character removed by rule X9 the level of the character before it (the
/// paragraph level at the start), per byte like `levels`.
fn levels_for_removed(text: &str, classes: &[BidiClass], levels: &mut [Level], para: Level) {
    let mut prev = para;
    let mut i = 0;
    while i < text.len() {
        let len = utf8_len(text.as_bytes()[i]);
        if removed_by_x9(classes[i]) {
            levels[i..i + len].fill(prev);
        } else {
            prev = levels[i];
        }
        i += len;
    }
}

/// Is this class removed by rule X9?
pub fn removed_by_x9(class: BidiClass) -> bool {
    use BidiClass::{BN, LRE, LRO, PDF, RLE, RLO};
    matches!(class, BN | LRE | RLE | LRO | RLO | PDF)
}

/// Resolves the levels of `text` (one paragraph, no paragraph separators) at level `para`.
pub fn compute(text: &str, para: Level) -> Levels {
    let mut out = Levels::default();
    compute_into(text, para, &mut out);
    out
}

/// [`compute`] into reused buffers.
pub fn compute_into(text: &str, para: Level, out: &mut Levels) {
    if simple(text, para, out) {
        return;
    }
    let info = ParagraphBidiInfo::new_with_data_source(&FastData, text, Some(para));
    let ParagraphBidiInfo {
        original_classes: classes,
        mut levels,
        ..
    } = info;
    levels_for_removed(text, &classes, &mut levels, para);
    *out = Levels { levels, classes };
}

/// Length of the UTF-8 sequence starting with byte `b`.
pub fn utf8_len(b: u8) -> usize {
    match b {
        0..0x80 => 1,
        0xE0..0xF0 => 3,
        0xF0.. => 4,
        _ => 2,
    }
}

/// The common case without `unicode-bidi`'s general machinery: no explicit embeddings or
/// isolates, no separators, and either a left-to-right paragraph with nothing right-to-left
/// in it (every level 0) or a right-to-left paragraph with no left-to-right letter (then
/// rules N0-N2 resolve every neutral to R, since every strong type, numbers included, is R
/// for them, and only the numbers left by rules W1-W6 go to level 2). Returns `false` for
/// anything else. The conformance test runs through this path wherever it applies.
fn simple(text: &str, para: Level, out: &mut Levels) -> bool {
    use BidiClass::{AL, AN, B, EN, FSI, L, LRE, LRI, LRO, PDF, PDI, R, RLE, RLI, RLO, S};
    let rtl = para.is_rtl();
    // Only the entries at character starts are ever read on this path.
    let classes = &mut out.classes;
    classes.clear();
    classes.resize(text.len(), BidiClass::ON);
    let mut numbers = false;
    let mut removed = false;
    let low = FastData::low();
    for (i, c) in text.char_indices() {
        let class = low
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| unicode_bidi::bidi_class(c));
        match class {
            LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI | B | S => return false,
            L if rtl => return false,
            R | AL | AN if !rtl => return false,
            EN | AN => numbers = true,
            BidiClass::BN => removed = true,
            _ => {}
        }
        classes[i] = class;
    }
    if !rtl || !numbers {
        // Left to right: every level 0. Right to left without numbers: every level 1
        // (removed characters take the level before them, which is the same).
        out.levels.clear();
        out.levels.resize(text.len(), para);
        return true;
    }
    rtl_numbers(text, para, removed, out);
    true
}

/// Levels of a right-to-left paragraph of the simple kind that has numbers: rules W1-W6
/// decide which characters are numbers (level 2); everything else is at level 1.
fn rtl_numbers(text: &str, para: Level, removed: bool, out: &mut Levels) {
    use BidiClass::{AL, AN, CS, EN, ES, ET, NSM, R};
    let classes = &out.classes;
    // Rules W1-W6 over the characters not removed by X9, in order.
    let idx: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| !removed_by_x9(classes[i]))
        .collect();
    let mut t: Vec<BidiClass> = idx.iter().map(|&i| classes[i]).collect();
    let mut prev = R; // sos
    let mut strong = R;
    for x in &mut t {
        if *x == NSM {
            *x = prev; // W1
        }
        match *x {
            R | AL => strong = *x,
            EN if strong == AL => *x = AN, // W2
            _ => {}
        }
        prev = *x;
    }
    for x in &mut t {
        if *x == AL {
            *x = R; // W3
        }
    }
    for k in 1..t.len().saturating_sub(1) {
        let (a, b) = (t[k - 1], t[k + 1]);
        t[k] = match (t[k], a, b) {
            (ES | CS, EN, EN) => EN,
            (CS, AN, AN) => AN,
            (x, _, _) => x, // W4
        };
    }
    let mut k = 0;
    while k < t.len() {
        if t[k] == ET {
            let run_end = (k..t.len()).find(|&j| t[j] != ET).unwrap_or(t.len());
            let before = k > 0 && t[k - 1] == EN;
            let after = run_end < t.len() && t[run_end] == EN;
            if before || after {
                for x in &mut t[k..run_end] {
                    *x = EN; // W5
                }
            }
            k = run_end;
        } else {
            k += 1;
        }
    }
    let two = Level::new(2).expect("2 is a valid level");
    let levels = &mut out.levels;
    levels.clear();
    levels.resize(text.len(), para);
    for (n, &i) in idx.iter().enumerate() {
        if matches!(t[n], EN | AN) {
            let end = i + utf8_len(text.as_bytes()[i]);
            for l in &mut levels[i..end] {
                *l = two;
            }
        }
    }
    // W6 turns the remaining separators and terminators into ON, which N1 makes R: level 1.
    // X9-removed characters take the level of the character before them.
    if removed {
        levels_for_removed(text, classes, levels, para);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The simple path against `unicode-bidi` on strings over the classes it accepts.
    #[test]
    fn simple_agrees_with_unicode_bidi() {
        let alphabet: Vec<char> = "بت ٣1٢2.,:-+%$٪#()«»!\u{64E}\u{200C}\u{200D}ש a\u{A0}/"
            .chars()
            .collect();
        let mut state = 0x1234_5678_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let n = 1 + (next() % 12) as usize;
            let s: String = (0..n)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            for para in [Level::rtl(), Level::ltr()] {
                let mut fast = Levels::default();
                if !simple(&s, para, &mut fast) {
                    continue;
                }
                let info = ParagraphBidiInfo::new(&s, Some(para));
                for (i, _) in s.char_indices() {
                    if !removed_by_x9(info.original_classes[i]) {
                        assert_eq!(fast.levels[i], info.levels[i], "{s:?} at {i}");
                    }
                }
            }
        }
    }
}
