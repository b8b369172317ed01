//! The language data the grouping reads: one table per language (`ar.rs`, `fa.rs`, `ur.rs`,
//! `he.rs`, `en.rs`), each a plain list of words as a reader writes them. Kept as data so a
//! language is added or corrected without touching the rules in `group::sketch`.
//!
//! Every table is folded once (`normalize::fold`: harakat, hamza forms, `ى/ي`, `ة/ه`, Persian
//! `ک/ی`, digits, case) the first time it is used, so the lists need no variant spellings and
//! match the folded text they are compared with.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

use crate::normalize::fold;

mod ar;
mod en;
mod fa;
mod he;
mod ur;

/// One language's table, as written.
pub struct Language {
    /// BCP 47 primary subtags that choose this table.
    pub codes: &'static [&'static str],
    /// Words that say nothing about which event a story is about: function words, reporting
    /// verbs, days and the words every dispatch has.
    pub stop: &'static [&'static str],
    /// Agencies and desk names: taken out of the text before it is compared, so a shared
    /// `(وفا)` never joins two dispatches and a missing one never splits two copies.
    pub agencies: &'static [&'static str],
    /// How a paragraph of page furniture starts: "read also", a byline, a copyright line.
    pub markers: &'static [&'static str],
    /// Attached clitics taken off the front of a word (longest first), when a stem of three
    /// letters or more stays.
    pub prefixes: &'static [&'static str],
    /// Endings taken off (longest first), on the same condition.
    pub suffixes: &'static [&'static str],
}

/// A table folded for comparison.
pub struct Folded {
    /// Its place in the list of tables (what a cache of its answers is keyed by).
    pub id: usize,
    /// (Looked up once or twice for every word of every story: hashed with `FxHash`, not the
    /// standard library's `SipHash`, which was a tenth of a cold build.)
    pub stop: FxHashSet<String>,
    /// Each agency name as a run of folded words.
    pub agencies: Vec<Vec<String>>,
    /// The first word of every agency name, to look the names up only where one may start.
    pub agency_starts: FxHashSet<String>,
    pub markers: Vec<Vec<String>>,
    pub prefixes: Vec<String>,
    pub suffixes: Vec<String>,
}

const ARABIC: usize = 0;
const PERSIAN: usize = 1;
const URDU: usize = 2;
const HEBREW: usize = 3;
const ENGLISH: usize = 4;

static TABLES: [&Language; 5] = [
    &ar::ARABIC,
    &fa::PERSIAN,
    &ur::URDU,
    &he::HEBREW,
    &en::ENGLISH,
];

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn folded(id: usize, lang: &Language) -> Folded {
    let by_length = |list: &[&str]| {
        let mut v: Vec<String> = list
            .iter()
            .map(|s| fold(s))
            .filter(|s| !s.is_empty())
            .collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        v
    };
    let phrases = |list: &[&str]| {
        let mut v: Vec<Vec<String>> = list
            .iter()
            .map(|s| words(s))
            .filter(|w| !w.is_empty())
            .collect();
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        v
    };
    let agencies = phrases(lang.agencies);
    Folded {
        id,
        stop: lang.stop.iter().flat_map(|s| words(s)).collect(),
        agency_starts: agencies.iter().filter_map(|a| a.first().cloned()).collect(),
        agencies,
        markers: phrases(lang.markers),
        prefixes: by_length(lang.prefixes),
        suffixes: by_length(lang.suffixes),
    }
}

/// The folded table of language `i` in [`TABLES`].
fn table(i: usize) -> &'static Folded {
    static FOLDED: OnceLock<Vec<Folded>> = OnceLock::new();
    let all = FOLDED.get_or_init(|| {
        TABLES
            .iter()
            .enumerate()
            .map(|(i, l)| folded(i, l))
            .collect()
    });
    &all[i.min(all.len() - 1)]
}

/// The table for a story in language `lang` (a BCP 47 tag, possibly empty) whose text is
/// `sample`: by the tag's primary subtag when a table has it, else by the script and the
/// letters only one language of it uses (Urdu's `ے ٹ ڈ ڑ ں`, Persian's `پ چ ژ گ`), else
/// English's.
pub fn for_story(lang: &str, sample: &str) -> &'static Folded {
    let primary = crate::loader::lang::primary_subtag(lang);
    if let Some(i) = TABLES
        .iter()
        .position(|t| t.codes.contains(&primary.as_str()))
    {
        return table(i);
    }
    let (mut arabic, mut urdu, mut persian, mut hebrew) = (0, 0, 0, 0);
    for c in sample.chars().take(2000) {
        match c {
            'ے' | 'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ھ' => urdu += 1,
            'پ' | 'چ' | 'ژ' | 'گ' => persian += 1,
            '\u{0600}'..='\u{06FF}' => arabic += 1,
            '\u{0590}'..='\u{05FF}' => hebrew += 1,
            _ => {}
        }
    }
    // A few letters only Urdu (or Persian) uses in a text otherwise Arabic-script decide.
    let marked = |n: usize| n > 0 && n * 50 >= arabic;
    table(if hebrew > arabic {
        HEBREW
    } else if arabic + urdu + persian == 0 {
        ENGLISH
    } else if marked(urdu) {
        URDU
    } else if marked(persian) {
        PERSIAN
    } else {
        ARABIC
    })
}

/// `word` without the longest prefix and then the longest suffix of `t` that leave three
/// letters or more: the same stem for `والحكومة`, `بالحكومة` and `الحكومة`.
pub fn stem<'w>(t: &Folded, word: &'w str) -> &'w str {
    let long_enough = |s: &str| s.chars().nth(2).is_some();
    if !long_enough(word) {
        return word;
    }
    let mut w = word;
    if let Some(rest) = t
        .prefixes
        .iter()
        .find_map(|p| w.strip_prefix(p.as_str()).filter(|r| long_enough(r)))
    {
        w = rest;
    }
    if let Some(rest) = t
        .suffixes
        .iter()
        .find_map(|s| w.strip_suffix(s.as_str()).filter(|r| long_enough(r)))
    {
        w = rest;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_finds_its_table() {
        assert!(
            for_story("", "قال الرئيس في مؤتمر صحفي")
                .stop
                .contains(&fold("في"))
        );
        assert!(
            for_story("", "وزیر اعظم نے کہا کہ حکومت")
                .stop
                .contains(&fold("کے"))
        );
        assert!(
            for_story("", "رئیس جمهور گفت که دولت پیگیری")
                .stop
                .contains(&fold("گفت"))
        );
        assert!(for_story("", "ראש הממשלה אמר היום").stop.contains("של"));
        assert!(for_story("", "The minister said").stop.contains("the"));
        // the tag wins over the letters
        assert!(for_story("ur-PK", "قال").stop.contains(&fold("ہے")));
    }

    #[test]
    fn clitics_come_off_arabic_words_and_short_words_stay() {
        let t = for_story("ar", "");
        assert_eq!(stem(t, &fold("والحكومة")), stem(t, &fold("الحكومة")));
        assert_eq!(stem(t, &fold("بالحكومة")), stem(t, &fold("حكومة")));
        assert_eq!(stem(t, "ولد"), "ولد");
        let he = for_story("he", "");
        assert_eq!(stem(he, "והממשלה"), stem(he, "הממשלה"));
    }

    #[test]
    fn agency_names_are_word_runs() {
        let t = for_story("ar", "");
        assert!(t.agencies.iter().any(|a| a == &words("فرانس برس")));
        let en = for_story("en", "");
        assert!(
            en.agencies
                .iter()
                .any(|a| a == &vec!["associated".to_owned(), "press".to_owned()])
        );
    }
}
