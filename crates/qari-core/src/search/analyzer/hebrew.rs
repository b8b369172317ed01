//! Hebrew folding and prefix handling for the index.
//!
//! Pointed and unpointed spellings must meet, so niqqud and cantillation marks are dropped.
//! Hebrew attaches the particles ו ה ב ל מ ש כ to the next word (`בירושלים`), but the same
//! letters begin many words (`שלום`, `מלך`), so a prefix is never removed outright: the
//! stripped form is indexed as an extra alternative at the same position, at most two prefix
//! letters deep and only while three letters remain.

use crate::normalize::{self, CharFold};

/// Whether `c` is in the Hebrew block or the Hebrew presentation forms.
pub fn is_hebrew_script(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}')
}

/// Niqqud, cantillation marks, and the geresh/gershayim used inside abbreviations.
pub fn is_hebrew_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0591}'
            ..='\u{05BD}'
                | '\u{05BF}'
                | '\u{05C1}'
                | '\u{05C2}'
                | '\u{05C4}'
                | '\u{05C5}'
                | '\u{05C7}'
                | '\u{05F3}'
                | '\u{05F4}'
    )
}

/// Whether `c` can be part of a Hebrew word.
pub fn is_hebrew_word_char(c: char) -> bool {
    matches!(c, '\u{05D0}'..='\u{05EA}')
        || is_hebrew_script(c) && (c.is_alphabetic() || is_hebrew_mark(c))
}

/// One character folded for search, or `None` when it is dropped (the marks, as
/// `crate::normalize::fold_char` drops them for titles; geresh and gershayim too).
pub fn fold_char(c: char) -> Option<char> {
    if matches!(c, '\u{05D0}'..='\u{05EA}') {
        return Some(c);
    }
    match normalize::fold_char(c) {
        CharFold::Keep(k) if !is_hebrew_mark(k) => Some(k),
        _ => None,
    }
}

/// Folds a Hebrew word: see [`fold_char`].
#[cfg(test)]
pub fn fold_word(word: &str) -> String {
    word.chars().filter_map(fold_char).collect()
}

const PREFIXES: [char; 7] = ['ו', 'ה', 'ב', 'ל', 'מ', 'ש', 'כ'];

/// The forms of a folded Hebrew word: the word itself first, then the forms with one and two
/// prefix letters removed (while three letters remain).
pub fn stems(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    let mut w = word;
    for _ in 0..2 {
        match w.strip_prefix(PREFIXES) {
            Some(rest) if rest.chars().count() >= 3 => {
                out.push(rest.to_owned());
                w = rest;
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn niqqud_is_removed() {
        assert_eq!(fold_word("שָׁלוֹם"), "שלום");
        assert_eq!(fold_word("צה״ל"), "צהל");
    }

    #[test]
    fn prefixes_become_alternatives() {
        assert_eq!(
            stems("ובירושלים"),
            vec![
                "ובירושלים".to_owned(),
                "בירושלים".to_owned(),
                "ירושלים".to_owned()
            ]
        );
        assert_eq!(stems("שלום"), vec!["שלום".to_owned(), "לום".to_owned()]);
        // too short to lose a letter
        assert_eq!(stems("מלך"), vec!["מלך".to_owned()]);
    }
}
