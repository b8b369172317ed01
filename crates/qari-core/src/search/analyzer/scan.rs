//! The cheap tests that let the snippet maker skip what cannot hold a query word without
//! analysing it: the scan folding of each word ([`words_holding`]), and, before even that, a
//! byte search for the rarest letter of each query word in the raw text ([`Prefilter`]).
//!
//! Both hold only for Arabic-script and Hebrew terms ([`scannable`]); the folding is per
//! character, so a folded paragraph holds a term only if the raw paragraph holds, for each
//! letter of the term, one of the characters that fold into it. Only characters of the
//! Arabic and Hebrew blocks fold into an Arabic or Hebrew letter (a test checks every
//! character there is), so those preimages are found by looking at a few thousand characters.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::{Script, arabic, hebrew, is_ignorable, script_of_word};
use crate::chars::invisible::ZWNJ;

/// `text` folded as [`fold_char_for_scan`] folds it, into `out`: what the tests compare the
/// analysis chain and the prefilter with.
#[cfg(test)]
pub fn fold_for_scan(text: &str, out: &mut String) {
    out.clear();
    for c in text.chars() {
        fold_char_for_scan(c, out);
    }
}

/// One character folded as the tokenizer folds the letters of each word, into `out`: words
/// apart by spaces, quotes and marks inside words dropped. Every token the chain makes of
/// Arabic or Hebrew text is a substring of a text's folding (folding is per letter and the
/// stemmers only strip letters), so a word whose folding holds none of a query's terms has
/// no hit.
#[inline]
fn fold_char_for_scan(c: char, out: &mut String) {
    // The letters of most text first, without the general tests below.
    match c {
        'a'..='z' | '0'..='9' | '\u{05D0}'..='\u{05EA}' => out.push(c),
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        ' ' | '\n' | '.' | ',' | '\u{060C}' => out.push(' '),
        '\u{0621}'..='\u{064A}' => {
            if let Some(f) = arabic::fold_char(c) {
                out.push(f);
            }
        }
        _ => fold_other_for_scan(c, out),
    }
}

/// [`fold_char_for_scan`] of any other character.
fn fold_other_for_scan(c: char, out: &mut String) {
    if c == ZWNJ || is_ignorable(c) {
        return;
    }
    if let Some(d) = arabic::ascii_digit(c) {
        out.push(d);
    } else if arabic::is_arabic_word_char(c) {
        out.extend(arabic::fold_char(c));
    } else if hebrew::is_hebrew_word_char(c) {
        out.extend(hebrew::fold_char(c));
    } else if matches!(
        c,
        '\'' | '"' | '\u{2019}' | '\u{201D}' | '\u{0300}'..='\u{036F}'
    ) {
        // inside a word (`Putin's`, `צה"ל`): dropped, as the tokenizer drops them
    } else if c.is_alphanumeric() {
        out.extend(c.to_lowercase());
    } else {
        out.push(' ');
    }
}

/// The byte ranges of the words of `text` (runs between white space) whose folding
/// ([`fold_char_for_scan`]) holds one of `needles`; `buf` is scratch. No token of the chain crosses
/// white space (the tokenizer ends a word there and starts the next afresh), so a token that
/// is one of the needles lies in one of these words, and the analysis of the word alone
/// makes it.
pub fn words_holding(text: &str, needles: &[&str], buf: &mut String) -> Vec<Range<usize>> {
    let table = &*TABLE;
    let shortest = needles.iter().map(|n| n.len()).min().unwrap_or(0);
    let mut words = Vec::new();
    let mut from = 0;
    let mut end_word = |buf: &mut String, range: Range<usize>| {
        if buf.len() >= shortest && needles.iter().any(|n| buf.contains(n)) {
            words.push(range);
        }
        buf.clear();
    };
    buf.clear();
    for (at, c) in text.char_indices() {
        let entry = table.get(c as usize).copied().unwrap_or(OTHER);
        if entry == SEPARATOR || entry == OTHER && ends_word(c) {
            end_word(buf, from..at);
            from = at + c.len_utf8();
            continue;
        }
        match entry {
            DROP | SEPARATOR => {}
            OTHER => fold_char_for_scan(c, buf),
            one => {
                if let Some(f) = char::from_u32(one) {
                    buf.push(f);
                }
            }
        }
    }
    end_word(buf, from..text.len());
    words
}

/// Does `c` end a word for the tokenizer: white space, but not an invisible character the
/// tokenizer skips (which stays inside the word)?
fn ends_word(c: char) -> bool {
    c.is_whitespace() && !is_ignorable(c)
}

/// [`TABLE`]: the character is dropped.
const DROP: u32 = u32::MAX;
/// [`TABLE`]: white space that ends a word.
const SEPARATOR: u32 = u32::MAX - 1;
/// [`TABLE`]: anything else (more than one character out, or past the table).
const OTHER: u32 = u32::MAX - 2;

/// [`fold_char_for_scan`] of every character below U+0800 (Latin, Hebrew, Arabic), worked
/// out once: a folded character, or one of [`DROP`], [`SEPARATOR`], [`OTHER`].
static TABLE: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let mut out = String::new();
    (0..0x800)
        .map(|u| {
            let Some(c) = char::from_u32(u) else {
                return OTHER;
            };
            if ends_word(c) {
                return SEPARATOR;
            }
            out.clear();
            fold_char_for_scan(c, &mut out);
            let mut chars = out.chars();
            match (chars.next(), chars.next()) {
                (None, _) => DROP,
                (Some(f), None) => u32::from(f),
                _ => OTHER,
            }
        })
        .collect()
});

/// Can the scan folding tell whether `term` (a token of the chain) occurs: an Arabic-script
/// or Hebrew term? (A Latin stem need not be a substring: `happy` → `happi`.)
pub fn scannable(term: &str) -> bool {
    matches!(script_of_word(term), Script::Arabic | Script::Hebrew)
}

/// The blocks whose characters can fold into an Arabic or Hebrew letter: Arabic, Arabic
/// Supplement, Arabic Extended-A, the presentation forms; Hebrew and its presentation forms.
const SOURCE_BLOCKS: [(char, char); 7] = [
    ('\u{0590}', '\u{05FF}'),
    ('\u{0600}', '\u{06FF}'),
    ('\u{0750}', '\u{077F}'),
    ('\u{08A0}', '\u{08FF}'),
    ('\u{FB1D}', '\u{FB4F}'),
    ('\u{FB50}', '\u{FDFF}'),
    ('\u{FE70}', '\u{FEFF}'),
];

/// Arabic and Hebrew letters as folded, roughly the commonest first in news text: the
/// prefilter looks for a term's rarest letter (one not listed counts as rarer than all).
const COMMONEST: &str = "اليمونهرتبعدسفكقحجشصطزخثضغذظء\
                         יוהלמראבתשנעכדקפחסגזצט";

/// A byte search for the rarest letter of each term, as any character that folds into it.
/// [`Prefilter::may_hold`] is false only for a text whose folding holds none of the terms.
#[derive(Debug)]
pub struct Prefilter {
    finders: Vec<Finder<'static>>,
}

impl Prefilter {
    /// The prefilter of `needles`: scannable terms as the chain makes them.
    pub fn new<'a>(needles: impl IntoIterator<Item = &'a str>) -> Prefilter {
        let mut wanted: Vec<char> = needles
            .into_iter()
            .filter_map(|n| n.chars().max_by_key(|&c| rarity(c)))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut sources: Vec<char> = wanted.iter().flat_map(|&c| preimage(c)).collect();
        sources.sort_unstable();
        sources.dedup();
        let finders = sources
            .iter()
            .map(|c| Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned())
            .collect();
        Prefilter { finders }
    }

    /// Can `text` hold one of the terms?
    pub fn may_hold(&self, text: &str) -> bool {
        self.finders
            .iter()
            .any(|f| f.find(text.as_bytes()).is_some())
    }
}

/// How rare letter `c` is: its place in [`COMMONEST`] (past the end when not listed).
fn rarity(c: char) -> usize {
    COMMONEST.chars().position(|l| l == c).unwrap_or(usize::MAX)
}

/// Every character whose scan folding holds `c` (`c` itself when it folds into itself).
fn preimage(c: char) -> Vec<char> {
    let mut out = String::new();
    SOURCE_BLOCKS
        .iter()
        .flat_map(|&(lo, hi)| lo..=hi)
        .filter(|&x| {
            out.clear();
            fold_char_for_scan(x, &mut out);
            out.contains(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::analyze;
    use super::*;

    fn in_blocks(c: char) -> bool {
        SOURCE_BLOCKS.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
    }

    /// What makes [`preimage`] complete: no character outside the blocks folds into a
    /// character of the blocks, among all the characters there are.
    #[test]
    fn only_the_arabic_and_hebrew_blocks_fold_into_their_letters() {
        let mut out = String::new();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            if in_blocks(c) {
                continue;
            }
            out.clear();
            fold_char_for_scan(c, &mut out);
            assert!(
                !out.chars().any(in_blocks),
                "U+{:04X} folds into {out:?}",
                c as u32
            );
        }
    }

    #[test]
    fn finds_a_letter_written_in_any_form() {
        let p = Prefilter::new(["زرزور"]);
        assert!(p.may_hold("طار الزرزور"));
        assert!(p.may_hold("ز"));
        assert!(!p.may_hold("لا شيء هنا ولا هناك"));
        // its rarest letter is kaf, which a Persian keheh folds into
        let k = Prefilter::new(["كتاب"]);
        assert!(k.may_hold("\u{06A9}تاب") && !k.may_hold("نص بلا"));
        let q = Prefilter::new(["שלום", "زرزور"]);
        assert!(q.may_hold("אמר שלום") && q.may_hold("زرزور"));
        assert!(!q.may_hold("אמר"));
    }

    #[test]
    fn words_holding_a_needle_are_found_in_any_spelling() {
        let text = "قال الزَّرزور، ثم زر\u{200B}زور وطار\u{00A0}زرزورًا";
        let mut buf = String::new();
        let words: Vec<&str> = words_holding(text, &["زرزور"], &mut buf)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(words, ["الزَّرزور،", "زر\u{200B}زور", "زرزورًا"]);
    }

    proptest::proptest! {
        /// The analysis of the words `words_holding` picks makes every token of the whole
        /// text that is a needle.
        #[test]
        fn the_words_holding_a_term_give_all_its_tokens(
            text in "[\u{0621}-\u{0655}\u{05D0}-\u{05EA}\u{200C}\u{200B}\u{00A0}'\" a-z.،-]{0,60}"
        ) {
            let mut buf = String::new();
            for t in analyze(&text).into_iter().filter(|t| scannable(&t.text)) {
                let words = words_holding(&text, &[t.text.as_str()], &mut buf);
                let found = words.iter().any(|w| {
                    analyze(&text[w.clone()]).iter().any(|u| {
                        u.text == t.text && w.start + u.offset_from == t.offset_from
                    })
                });
                proptest::prop_assert!(found, "{:?} at {} not found", t.text, t.offset_from);
            }
        }

        #[test]
        fn every_arabic_and_hebrew_token_is_in_the_scan_folding(
            text in "[\\u{0621}-\\u{0655}\\u{05D0}-\\u{05EA}\\u{05B0}-\\u{05C7}\\u{200C}\\u{200D}'\" a-z0-9\\u{0660}-\\u{0669}.،-]{0,60}"
        ) {
            let mut folded = String::new();
            fold_for_scan(&text, &mut folded);
            for t in analyze(&text) {
                if scannable(&t.text) {
                    proptest::prop_assert!(folded.contains(&t.text), "{:?} not in {:?}", t.text, folded);
                    proptest::prop_assert!(Prefilter::new([t.text.as_str()]).may_hold(&text));
                }
            }
        }

        /// Text in presentation forms and with marks and tatweel: the prefilter never says
        /// no to a text whose folding holds the term.
        #[test]
        fn the_prefilter_never_misses_what_the_folding_holds(
            text in "[\\u{0621}-\\u{064A}\\u{064B}-\\u{0652}\\u{0640}\\u{FE80}-\\u{FEFC}\\u{FB50}-\\u{FBB1} ]{0,30}",
            term in "[\\u{0621}-\\u{064A}]{1,4}",
        ) {
            let mut folded = String::new();
            fold_for_scan(&text, &mut folded);
            let mut needle = String::new();
            fold_for_scan(&term, &mut needle);
            let needle = needle.trim();
            if !needle.is_empty() && folded.contains(needle) {
                proptest::prop_assert!(Prefilter::new([needle]).may_hold(&text));
            }
        }
    }
}
