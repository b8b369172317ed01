//! Arabic-script folding and light stemming for the index (Arabic, Persian, Urdu).
//!
//! Readers type `الاسلحه` and expect `الأسلحة`; they type `كرملين` and expect `للكرملين`. The
//! folding here removes what spelling lets writers vary (harakat, tatweel, hamza seats, final
//! yeh and teh marbuta, Persian/Urdu kaf and yeh, Eastern digits); the stemmer removes the
//! definite article with its clitics and a short list of frequent suffixes, in the spirit of
//! Larkey's "light10" stemmer. It is deliberately conservative: a bare one-letter clitic
//! (`و ف ب ك ل`) is ambiguous (`بوتين` starts with `ب`), so stripping it yields an *extra*
//! alternative token at the same position instead of replacing the word.
//!
//! The search index folds per character inside words with the same letter table that
//! `crate::normalize::fold` uses for link matching (its `fold_char`), plus a few additions
//! listed at [`fold_char`].

use crate::normalize::{self, CharFold};

/// Whether `c` belongs to the Arabic script blocks (letters, marks, digits, punctuation).
pub fn is_arabic_script(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// Arabic combining marks: harakat, tanween, shadda, sukun, superscript alef, Quranic
/// annotation signs and small high letters. All are dropped by [`fold_char`].
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08FF}')
}

/// Whether `c` can be part of an Arabic-script word (letter, mark, tatweel).
pub fn is_arabic_word_char(c: char) -> bool {
    // The basic letters first: the Unicode property lookup is slow and they are most text.
    matches!(c, '\u{0621}'..='\u{064A}')
        || is_arabic_script(c) && (c.is_alphabetic() || is_arabic_mark(c))
        || c == '\u{0640}'
}

/// Any decimal digit qari knows (ASCII, Arabic-Indic, Persian) as an ASCII digit.
pub fn ascii_digit(c: char) -> Option<char> {
    normalize::digit_value(c).and_then(|v| char::from_digit(v, 10))
}

/// One character folded for search, or `None` when it is dropped.
///
/// The letter table is `crate::normalize::fold_char`, the one link matching uses for titles;
/// search adds the hamza seats on waw and yeh (ؤ → و, ئ → ي), heh doachashmee (ھ → ه) and the
/// small waw/yeh marks, which titles written two ways rarely differ in but queries do.
pub fn fold_char(c: char) -> Option<char> {
    match c {
        'ؤ' => Some('و'),
        'ئ' => Some('ي'),
        'ھ' => Some('ه'),
        // Basic letters that fold to themselves (most text): skip the general table.
        '\u{0621}'
        | '\u{0627}'
        | '\u{0628}'
        | '\u{062A}'..='\u{063F}'
        | '\u{0641}'..='\u{0648}'
        | '\u{064A}' => Some(c),
        _ if is_arabic_mark(c) => None,
        _ => match normalize::fold_char(c) {
            CharFold::Keep(k) => Some(k),
            CharFold::Skip | CharFold::Separator => None,
        },
    }
}

/// Folds an Arabic-script word: see [`fold_char`].
#[cfg(test)]
pub fn fold_word(word: &str) -> String {
    word.chars().filter_map(fold_char).collect()
}

/// Persian plural and ezafe fragments that follow a ZWNJ (`دانشگاه‌ها`, `خانه‌ی`), already
/// folded. After the ZWNJ split they carry no meaning of their own and are not indexed.
pub fn is_detached_suffix(folded: &str) -> bool {
    matches!(folded, "ها" | "هاي" | "هايي" | "اي" | "ي")
}

/// Suffixes removed by the light stemmer, tried in this order, each at most once (light10's
/// list after folding ة → ه and ى → ي).
const SUFFIXES: [&str; 8] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// Removes frequent suffixes while at least two letters remain.
fn strip_suffixes(word: &str) -> &str {
    let mut w = word;
    for suffix in SUFFIXES {
        if let Some(rest) = w.strip_suffix(suffix)
            && rest.chars().count() >= 2
        {
            w = rest;
        }
    }
    w
}

/// Removes the definite article with its attached clitics (`ال`, `وال`, `بال`, `كال`,
/// `فال`, `لل`, `وبال`, `ولل` …) when at least two letters remain; `None` if there is none.
fn strip_article(word: &str) -> Option<&str> {
    let w = word
        .strip_prefix('و')
        .or_else(|| word.strip_prefix('ف'))
        .unwrap_or(word);
    let rest = w.strip_prefix("لل").or_else(|| {
        let w = w.strip_prefix(['ب', 'ك', 'ل']).unwrap_or(w);
        w.strip_prefix("ال")
    })?;
    (rest.chars().count() >= 2).then_some(rest)
}

/// Strips one leading letter of `set` when at least three letters remain.
fn strip_clitic<'a>(word: &'a str, set: &[char]) -> Option<&'a str> {
    let rest = word.strip_prefix(set)?;
    (rest.chars().count() >= 3).then_some(rest)
}

/// The stems of a folded Arabic-script word: the primary stem first, then alternatives for
/// ambiguous one-letter clitics (`وقال` → `وقال`, `قال`; `لبوتين` → `لبوت`, `بوت`).
pub fn stems(word: &str) -> Vec<String> {
    if let Some(rest) = strip_article(word) {
        return vec![strip_suffixes(rest).to_owned()];
    }
    let mut out = vec![strip_suffixes(word).to_owned()];
    let mut push = |w: &str| {
        let stem = strip_suffixes(w);
        if !out.iter().any(|s| s == stem) {
            out.push(stem.to_owned());
        }
    };
    let after_conj = strip_clitic(word, &['و', 'ف']);
    if let Some(w) = after_conj {
        push(w);
    }
    for w in [Some(word), after_conj].into_iter().flatten() {
        if let Some(rest) = strip_clitic(w, &['ب', 'ك', 'ل']) {
            push(rest);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_hamza_seats_harakat_and_final_letters() {
        assert_eq!(fold_word("الأَسْلِحَةُ"), "الاسلحه");
        assert_eq!(fold_word("إِلى"), "الي");
        assert_eq!(fold_word("آمن"), "امن");
        assert_eq!(fold_word("ٱلله"), "الله");
        assert_eq!(fold_word("مسؤول"), "مسوول");
        assert_eq!(fold_word("رئيس"), "رييس");
        assert_eq!(fold_word("جـــديد"), "جديد");
    }

    #[test]
    fn folds_persian_letters_and_digits() {
        assert_eq!(fold_word("کتاب"), "كتاب");
        assert_eq!(fold_word("ایران"), "ايران");
        assert_eq!(fold_word("٢٠٢٢"), "2022");
        assert_eq!(fold_word("۱۴۰۱"), "1401");
    }

    #[test]
    fn article_and_clitics_are_removed() {
        assert_eq!(stems("للكرملين")[0], stems("كرملين")[0]);
        assert_eq!(stems("الكرملين")[0], stems("كرملين")[0]);
        assert_eq!(stems("بالكرملين")[0], stems("كرملين")[0]);
        assert_eq!(stems("والكرملين")[0], stems("كرملين")[0]);
        assert_eq!(stems("وبالكرملين")[0], stems("كرملين")[0]);
    }

    #[test]
    fn bare_clitics_add_an_alternative_but_keep_the_word() {
        let s = stems("لبوتين");
        assert_eq!(s[0], "لبوت");
        assert!(s.contains(&stems("بوتين")[0]));
        // `بوتين` itself keeps its first letter as the primary stem.
        assert_eq!(stems("بوتين")[0], "بوت");
        let s = stems("وقال");
        assert_eq!(s, vec!["وقال".to_owned(), "قال".to_owned()]);
    }

    #[test]
    fn suffixes_are_removed_conservatively() {
        assert_eq!(stems("نوويه"), vec!["نوو".to_owned()]);
        assert_eq!(stems("نووي"), vec!["نوو".to_owned()]);
        assert_eq!(stems("مصريين")[0], "مصر");
        // never below two letters
        assert_eq!(stems("به")[0], "به");
        assert_eq!(stems("ان")[0], "ان");
        // `الي` (إلى) is not an article + word
        assert_eq!(stems("الي")[0], "ال");
    }

    #[test]
    fn detached_persian_suffixes() {
        assert!(is_detached_suffix(&fold_word("ها")));
        assert!(is_detached_suffix(&fold_word("های")));
        assert!(!is_detached_suffix(&fold_word("دانشگاه")));
    }
}
