//! The one table of invisible and format characters.
//!
//! Stored articles are full of characters that have no glyph: direction marks and isolates put
//! in by editors, zero-width joiners and non-joiners (meaningful in Persian), soft hyphens,
//! byte-order marks in the middle of pasted text. Each layer needs to know which they are —
//! the bidi layout never sends them to the terminal and gives them no width, the folding for
//! links and search ignores them inside words, the loader treats a line of nothing else as
//! blank — and before this table there were five lists that disagreed. Subsets with a
//! meaning of their own ([`is_bidi_control`], [`is_explicit_formatting`], [`ZWNJ`],
//! [`ZWJ`]) are defined here too, from the same ranges.
//!
//! Variation selectors and emoji tags are deliberately not in the table: they belong to the
//! grapheme cluster before them and change how it is drawn.

/// ZERO WIDTH NON-JOINER: invisible, but it splits Persian words and stops Arabic joining.
pub const ZWNJ: char = '\u{200C}';
/// ZERO WIDTH JOINER: invisible, but it forces Arabic joining and glues emoji sequences.
pub const ZWJ: char = '\u{200D}';

/// Is `c` an invisible format character: no glyph, no cell, not part of any word?
///
/// Soft hyphen, combining grapheme joiner, ARABIC LETTER MARK, MONGOLIAN VOWEL SEPARATOR,
/// zero-width space, ZWNJ, ZWJ, LRM, RLM, the embeddings and overrides, word joiner and the
/// invisible operators, the isolates, the deprecated format characters U+206A..U+206F, BOM /
/// ZERO WIDTH NO-BREAK SPACE, the interlinear annotation characters and the shorthand format
/// controls. C0 and C1 controls are not in the table: the sanitiser removes them first.
#[inline]
pub fn is_invisible(c: char) -> bool {
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
            | '\u{1BCA0}'..='\u{1BCA3}'
    )
}

/// Directional formatting characters: embeddings, overrides, isolates and the three marks
/// (ALM, LRM, RLM). What "Trojan Source" text uses to reorder a line.
#[inline]
pub fn is_bidi_control(c: char) -> bool {
    is_explicit_formatting(c) || matches!(c, '\u{61C}' | '\u{200E}' | '\u{200F}')
}

/// Embeddings, overrides, their terminator and the isolates: the characters that open or
/// close a nesting level (the marks act only on their neighbours and are not here).
#[inline]
pub fn is_explicit_formatting(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsets_are_in_the_table() {
        for c in (0..=0x0010_FFFF).filter_map(char::from_u32) {
            if is_bidi_control(c) || c == ZWNJ || c == ZWJ {
                assert!(is_invisible(c), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn visible_text_is_not_invisible() {
        for c in "aZ09 ابة‎".chars().filter(|&c| c != '\u{200E}') {
            assert!(!is_invisible(c), "{c:?}");
        }
        assert!(
            !is_invisible('\u{FE0F}'),
            "variation selectors stay with their cluster"
        );
        assert!(
            !is_invisible('\u{E0067}'),
            "emoji tags stay with their cluster"
        );
        assert!(is_invisible('\u{200E}') && is_bidi_control('\u{200E}'));
        assert!(is_invisible(ZWNJ) && !is_bidi_control(ZWNJ));
        assert!(is_explicit_formatting('\u{2067}') && !is_explicit_formatting('\u{200F}'));
    }
}
