//! Folding spelling variation so that the same title written two ways matches.
//!
//! Arabic-script news text spells the same word in several ways: with or without harakat
//! (vowel marks) and tatweel (the stretching bar), with any of the hamza forms of alef, with
//! alef maqsura or yeh, teh marbuta or heh, Arabic or Persian kaf and yeh, Arabic-Indic or
//! Latin digits. Links in stored pages name their target by title, so titles are compared
//! after folding all of that away. Search reuses the same character folding ([`fold_char`]),
//! so a query typed without harakat finds vocalised text and the other way round.
//!
//! What [`fold`] does, character by character:
//! - drops harakat and Quranic annotation marks, tatweel, Hebrew points and cantillation,
//!   Latin combining accents, invisible format characters (ZWJ, ZWNJ, bidi controls, BOM) and
//!   control characters other than tabs and line breaks;
//! - `أ إ آ ٱ ٲ ٳ ٵ` → `ا`; `ى ی ې` → `ي`; `ة ۀ ۃ` → `ه`; `ک ڪ` → `ك`;
//! - Arabic-Indic (`٠`–`٩`) and Persian (`۰`–`۹`) digits → ASCII digits;
//! - lowercases (Latin, Greek, Cyrillic …);
//! - turns every run of whitespace and punctuation into one space and trims the ends.

/// What one input character becomes after folding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharFold {
    /// The character vanishes (a mark, tatweel, an invisible control).
    Skip,
    /// The character separates words (whitespace, punctuation, symbols).
    Separator,
    /// The character is kept as this (possibly different) character.
    Keep(char),
}

/// Folds one character: the building block of [`fold`], exposed for tokenizers that need to
/// keep their own byte offsets (search highlights).
pub fn fold_char(c: char) -> CharFold {
    use crate::chars::tabled::Tabled;
    // (every character of an archive is folded: most from a table, `chars::tabled`)
    static TABLE: Tabled<CharFold> = Tabled::new();
    TABLE.answer(c, fold_char_by_rule)
}

/// The folding rules of one character.
fn fold_char_by_rule(c: char) -> CharFold {
    // Everything an Arabic, Hebrew, Persian or English archive is mostly made of is decided
    // here without Unicode table lookups (this runs on every character of every title and
    // marker candidate of the archive).
    let mapped = match c {
        // ASCII letters and digits, plain Arabic, Persian and Hebrew letters: kept as they are
        'a'..='z'
        | '0'..='9'
        | 'ء'
        | 'ؤ'
        | 'ئ'
        | 'ا'
        | 'ب'
        | 'ت'..='غ'
        | 'ف'..='ه'
        | 'و'
        | 'ي'
        | 'پ'
        | 'چ'
        | 'ژ'
        | 'گ'
        | '\u{05D0}'..='\u{05EA}' => return CharFold::Keep(c),
        'A'..='Z' => return CharFold::Keep(c.to_ascii_lowercase()),
        // Control characters vanish, except the ones that break lines or space words: the
        // loader strips the former and turns the latter into spaces, and folding must give
        // the same result before and after that.
        '\0'..='\x08' | '\x0e'..='\x1f' | '\x7f' | '\u{80}'..='\u{84}' | '\u{86}'..='\u{9f}' => {
            return CharFold::Skip;
        }
        // ASCII punctuation and the punctuation and spaces of Arabic and news text
        '\0'..='\x7f'
        | '\u{a0}'
        | '«'
        | '»'
        | '،'
        | '؛'
        | '؟'
        | '٪'
        | '\u{2013}'..='\u{2014}'
        | '\u{2018}'..='\u{201D}'
        | '…' => return CharFold::Separator,
        // Letter variants and other digits: folded to letters and digits that have no case,
        // so kept without the Unicode tables below (they are among the commonest letters).
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' | 'ٵ' => return CharFold::Keep('ا'),
        'ى' | 'ی' | 'ې' | 'ے' => return CharFold::Keep('ي'),
        'ة' | 'ۀ' | 'ۃ' | 'ہ' | 'ە' => return CharFold::Keep('ه'),
        'ک' | 'ڪ' => return CharFold::Keep('ك'),
        '٠'..='٩' => return CharFold::Keep(digit(c, '٠')),
        '۰'..='۹' => return CharFold::Keep(digit(c, '۰')),
        c if is_ignorable(c) => return CharFold::Skip,
        c => c,
    };
    if mapped.is_alphanumeric() {
        // `to_lowercase` yields more than one char only for 'İ' (i + combining dot); the
        // first char is what a reader means.
        CharFold::Keep(mapped.to_lowercase().next().unwrap_or(mapped))
    } else {
        CharFold::Separator
    }
}

/// Folds a text for comparison: see the module documentation for the rules.
///
/// ```
/// use qari_core::normalize::fold;
/// assert_eq!(fold("إِنَّ  الأخبارَ — مُهِمّة!"), fold("ان الاخبار مهمه"));
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        match fold_char(c) {
            CharFold::Skip => {}
            CharFold::Separator => pending_space = !out.is_empty(),
            CharFold::Keep(k) => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(k);
            }
        }
    }
    out
}

/// Converts any decimal digit qari knows (ASCII, Arabic-Indic, Persian) to its value.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '٠'..='٩' => Some(c as u32 - '٠' as u32),
        '۰'..='۹' => Some(c as u32 - '۰' as u32),
        _ => None,
    }
}

fn digit(c: char, zero: char) -> char {
    char::from_digit(c as u32 - zero as u32, 10).unwrap_or(c)
}

/// Marks and invisible characters that never change what a word means for matching.
fn is_ignorable(c: char) -> bool {
    matches!(c,
        // Arabic harakat, tanwin, shadda, sukun, madda/hamza above and below, small letters
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}'
        // Quranic annotation signs
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' | '\u{08D3}'..='\u{08E1}' | '\u{08E3}'..='\u{08FF}'
        // tatweel
        | '\u{0640}'
        // Hebrew cantillation and points (not maqaf U+05BE, paseq U+05C0, sof pasuq U+05C3)
        | '\u{0591}'..='\u{05BD}' | '\u{05BF}' | '\u{05C1}'..='\u{05C2}' | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        // Latin combining accents
        | '\u{0300}'..='\u{036F}'
    ) || crate::chars::invisible::is_invisible(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harakat_and_tatweel_vanish() {
        assert_eq!(fold("مُحَمَّدٌ"), "محمد");
        assert_eq!(fold("الأخـــبار"), "الاخبار");
        assert_eq!(fold("دبلوماسيًا"), "دبلوماسيا");
    }

    #[test]
    fn alef_forms_yeh_teh_marbuta_fold() {
        assert_eq!(fold("أإآٱ"), "اااا");
        assert_eq!(fold("على"), "علي");
        assert_eq!(fold("مدينة"), "مدينه");
    }

    #[test]
    fn persian_and_arabic_kaf_yeh_unify() {
        // Persian keheh + farsi yeh against Arabic kaf + yeh
        assert_eq!(fold("کتاب یک"), fold("كتاب يك"));
    }

    #[test]
    fn digits_become_ascii() {
        assert_eq!(fold("٢٠٢٢ و۱۴۰۱"), "2022 و1401");
        assert_eq!(digit_value('٧'), Some(7));
        assert_eq!(digit_value('۹'), Some(9));
        assert_eq!(digit_value('x'), None);
    }

    #[test]
    fn punctuation_and_whitespace_collapse() {
        assert_eq!(
            fold("  «بوتين»،\u{00A0}يدعو...  إلى: الحل؟ "),
            "بوتين يدعو الي الحل"
        );
        assert_eq!(fold("Putin -- Says, \"Hello\"!"), "putin says hello");
        assert_eq!(fold("؟!."), "");
    }

    #[test]
    fn control_characters_vanish_but_line_breaks_separate() {
        assert_eq!(fold("اقرأ\u{7f}نشر"), "اقرانشر");
        assert_eq!(fold("a\u{1b}b\u{9b}c"), "abc");
        assert_eq!(fold("a\tb\nc\u{85}d"), "a b c d");
    }

    #[test]
    fn invisible_controls_vanish() {
        assert_eq!(fold("می\u{200C}خواهم"), "ميخواهم");
        assert_eq!(fold("\u{202B}שלום\u{202C}"), "שלום");
    }

    #[test]
    fn hebrew_points_vanish_but_letters_stay() {
        assert_eq!(fold("שָׁלוֹם"), "שלום");
    }

    #[test]
    fn fast_paths_agree_with_the_general_rule() {
        // every char the fast path handles must fold as the general rule would
        let general = |c: char| {
            if c.is_alphanumeric() {
                CharFold::Keep(c.to_lowercase().next().unwrap_or(c))
            } else {
                CharFold::Separator
            }
        };
        for c in ('\0'..='\x7f')
            .chain('ء'..='ي')
            .chain('\u{05D0}'..='\u{05EA}')
        {
            let special = matches!(c, 'أ' | 'إ' | 'آ' | 'ى' | 'ة' | 'ـ')
                || (c.is_control() && !c.is_whitespace())
                || ('\u{063B}'..='\u{0640}').contains(&c);
            if !special {
                assert_eq!(fold_char(c), general(c), "{c:?}");
            }
        }
    }

    #[test]
    fn the_table_gives_what_the_rules_give() {
        for c in ('\0'..='\u{0700}').chain(['\u{FB50}', '\u{1F600}']) {
            assert_eq!(fold_char(c), fold_char_by_rule(c), "{c:?}");
        }
        // (and the rules do fold what the table holds)
        assert_eq!(fold_char('É'), CharFold::Keep('é'));
        assert_eq!(fold_char('Ж'), CharFold::Keep('ж'));
    }

    #[test]
    fn fold_char_reports_each_class() {
        assert_eq!(fold_char('\u{064E}'), CharFold::Skip);
        assert_eq!(fold_char('،'), CharFold::Separator);
        assert_eq!(fold_char('إ'), CharFold::Keep('ا'));
        assert_eq!(fold_char('Q'), CharFold::Keep('q'));
    }

    #[test]
    fn folding_is_idempotent_on_samples() {
        for s in ["إِنَّ الأخبارَ مُهِمّة", "Read ALSO: x", "שָׁלוֹם עולם", "کتاب ی ۱۲"]
        {
            let once = fold(s);
            assert_eq!(fold(&once), once, "{s}");
        }
    }
}
