//! Embedding levels for the whole paragraph (step 4, computed before shaping because Arabic
//! joining happens within directional runs, as in GNU FriBidi).
//!
//! `unicode-bidi` is conformant up to rule W/N/I; it works per byte. Characters removed by
//! rule X9 (embedding controls, BN such as ZWJ/ZWNJ) get the level of the character before
//! them, the convention of both `unicode-bidi`'s L1 and FriBidi, so that they never split a
//! run of joining letters or a line's level runs.

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo};

/// Levels and original bidi classes, one entry per byte of the paragraph.
pub struct Levels {
    pub levels: Vec<Level>,
    pub classes: Vec<BidiClass>,
}

/// Is this class removed by rule X9?
pub fn removed_by_x9(class: BidiClass) -> bool {
    use BidiClass::{BN, LRE, LRO, PDF, RLE, RLO};
    matches!(class, BN | LRE | RLE | LRO | RLO | PDF)
}

/// Resolves the levels of `text` (one paragraph, no paragraph separators) at level `para`.
pub fn compute(text: &str, para: Level) -> Levels {
    let info = ParagraphBidiInfo::new(text, Some(para));
    let ParagraphBidiInfo {
        original_classes: classes,
        mut levels,
        ..
    } = info;
    let mut prev = para;
    let mut i = 0;
    while i < classes.len() {
        let len = utf8_len(text.as_bytes()[i]);
        if removed_by_x9(classes[i]) {
            for l in &mut levels[i..i + len] {
                *l = prev;
            }
        } else {
            prev = levels[i];
        }
        i += len;
    }
    Levels { levels, classes }
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
