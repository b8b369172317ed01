//! Mirrored glyphs (`Bidi_Mirroring_Glyph`, rule L4): a bracket at an odd level is drawn as
//! its mirror. One function, used when a line is reordered (`reorder`), when a cluster records
//! that it has something to mirror (`cluster`), and when kitty's runs are sent reversed
//! (`ui::kitty`).

/// The mirrored glyph of `c` (`Bidi_Mirroring_Glyph`). Below U+0800 only the ASCII brackets
/// and the guillemets have one, and the presentation-form blocks none, so letters, digits and
/// spaces never reach the table search.
#[inline]
pub fn mirror(c: char) -> char {
    if (c as u32) < 0x800 {
        return match c {
            '(' => ')',
            ')' => '(',
            '<' => '>',
            '>' => '<',
            '[' => ']',
            ']' => '[',
            '{' => '}',
            '}' => '{',
            '\u{AB}' => '\u{BB}',
            '\u{BB}' => '\u{AB}',
            c => c,
        };
    }
    if matches!(c, '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}') {
        return c; // presentation forms: letters
    }
    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
}
