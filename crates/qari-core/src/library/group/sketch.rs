//! What the grouping compares of one story, computed once when its file is parsed (kept in
//! the catalog with its other keys, so grouping 100,000 stories reads no body):
//!
//! - a **sketch** of its text for the copy tier: a one-permutation `MinHash` over shingles of
//!   [`SHINGLE`] letters of the folded text with every space and mark taken out, so attached
//!   clitics (`والرئيس` / `و الرئيس`), Urdu's split and joined spellings and punctuation do
//!   not matter; datelines, agency names, bylines and "read also" lines are taken out first;
//! - its **terms** for the event and thread tiers: the folded, stemmed, non-stop words of its
//!   title (weighted) and the commonest of its text's.

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use super::lexicon::{Counts, Lexicon, Word};
#[cfg(test)]
use super::lexicon::{TITLE_WEIGHT, hash};
use super::words::{self, Folded};
use crate::normalize::fold;

/// Bins of the sketch (one-permutation hashing: each shingle hashed once, its bin the top
/// bits of its hash). 64 bins estimate a Jaccard similarity within ±0.06.
pub const BINS: usize = 64;
/// Letters per shingle. Eight letters of spaceless Arabic-script text span two or three
/// words: a copied sentence shares all its shingles, while two write-ups of one event (same
/// names, same vocabulary) share few. On our fixtures six and nine letters separate copies
/// from the rest equally well (copies ≥ 0.46, others ≤ 0.17); longer shingles meet fewer
/// common phrases by chance in a large archive.
pub const SHINGLE: usize = 8;
/// Fewer shingles than this and a text is too short to be called a copy of anything (a
/// headline, a link saved without its text).
pub const MIN_SHINGLES: usize = 60;
/// Paragraphs at the top looked at for a dateline (a byline or a kicker may come first).
const OPENING: usize = 3;
/// An empty bin.
pub const EMPTY: u16 = u16::MAX;

/// The grouping's keys of one story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupKeys {
    /// [`BINS`] values (the low 16 bits of each bin's least hash, [`EMPTY`] for none), or
    /// nothing when the text has fewer than [`MIN_SHINGLES`] shingles.
    #[serde(with = "packed::sketch")]
    pub sketch: Vec<u16>,
    /// How many shingles the text has (for containment: a short copy inside a longer story).
    pub shingles: u32,
    /// Term hash and weight (occurrences, capped, plus [`TITLE_WEIGHT`] for a title word),
    /// sorted by hash.
    #[serde(with = "packed::terms")]
    pub terms: Vec<(u32, u8)>,
    /// The URL keys (hashed as `catalog::Keys::url` is) of the story's translations
    /// (`Story::translations`).
    pub translations: Vec<u64>,
}

/// The keys as the catalog stores them: as bytes, not as a sequence of numbers (each number
/// of a sketch or a term's hash took three to five bytes and a call to encode; 100,000
/// stories' keys are most of a catalog).
mod packed {
    use serde::de::{Error, Visitor};
    use serde::{Deserializer, Serializer};

    struct Bytes;

    impl Visitor<'_> for Bytes {
        type Value = Vec<u8>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("bytes")
        }
        fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
            Ok(v.to_vec())
        }
    }

    pub mod sketch {
        use super::{Bytes, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(v: &[u16], s: S) -> Result<S::Ok, S::Error> {
            let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
            s.serialize_bytes(&bytes)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u16>, D::Error> {
            let bytes = d.deserialize_bytes(Bytes)?;
            Ok(bytes
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect())
        }
    }

    pub mod terms {
        use super::{Bytes, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(v: &[(u32, u8)], s: S) -> Result<S::Ok, S::Error> {
            let mut bytes = Vec::with_capacity(v.len() * 5);
            for (h, w) in v {
                bytes.extend(h.to_le_bytes());
                bytes.push(*w);
            }
            s.serialize_bytes(&bytes)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(u32, u8)>, D::Error> {
            let bytes = d.deserialize_bytes(Bytes)?;
            Ok(bytes
                .chunks_exact(5)
                .map(|c| (u32::from_le_bytes([c[0], c[1], c[2], c[3]]), c[4]))
                .collect())
        }
    }
}

impl GroupKeys {
    /// The keys of a story with this title, body and language tag.
    pub fn of(title: &str, paragraphs: &[String], lang: &str) -> GroupKeys {
        let folded: Vec<String> = paragraphs.iter().map(|p| fold(p)).collect();
        GroupKeys::of_folded(title, paragraphs, &folded, lang)
    }

    /// [`GroupKeys::of`] given the paragraphs already folded (`folded[i]` is
    /// `fold(&paragraphs[i])`): the library folds them once for all its keys.
    ///
    /// One pass over the words: each word is looked up once in the thread's memory of the
    /// table's words ([`Lexicon`]), which says whether an agency name may start there and
    /// which term it is; the kept words go on to the sketch and the term counts as they come.
    pub fn of_folded(
        title: &str,
        paragraphs: &[String],
        folded: &[String],
        lang: &str,
    ) -> GroupKeys {
        let sample = paragraphs.first().map_or(title, String::as_str);
        let table = words::for_story(lang, if sample.is_empty() { title } else { sample });
        // The opening paragraphs without their datelines (the first kept one is read so),
        // folded again only where one was cut.
        let openings: Vec<Option<String>> = paragraphs
            .iter()
            .take(OPENING)
            .map(|p| {
                let rest = strip_dateline(p);
                (rest.len() != p.len()).then(|| fold(rest))
            })
            .collect();
        let names = names_in(paragraphs);
        let folded_title = fold(title);
        Lexicon::with(table, |lexicon| {
            let mut sketch = Sketcher::new();
            let mut counts = Counts::default();
            let mut line: Vec<(&str, Word)> = Vec::new();
            let mut kept: Vec<(&str, Word)> = Vec::new();
            let mut first = true;
            for (i, f) in folded.iter().enumerate() {
                let text = match openings.get(i) {
                    Some(Some(rest)) if first => rest.as_str(),
                    _ => f.as_str(),
                };
                lexicon.words(text, &mut line);
                without_agencies(table, &line, &mut kept);
                if is_furniture(table, &kept) {
                    continue;
                }
                for &(w, word) in &kept {
                    sketch.push(w);
                    lexicon.count(&mut counts, w, word, &names);
                }
                first = false;
            }
            lexicon.words(&folded_title, &mut line);
            without_agencies(table, &line, &mut kept);
            let (sketch, shingles) = sketch.finish();
            GroupKeys {
                sketch,
                shingles,
                terms: lexicon.terms(counts, &kept),
                translations: Vec::new(),
            }
        })
    }
}

/// The first paragraph without its dateline: the part before a dash, colon or closing
/// parenthesis in its first 80 characters when that part is at most eight words (`دمشق-سانا`,
/// `القدس المحتلة 5-12-2026 (وفا)-`, `ISLAMABAD, Dec 3 (APP):`); the last such place is
/// taken, so a date written with dashes goes with it.
fn strip_dateline(p: &str) -> &str {
    let mut cut = None;
    // (the words before each place counted as the letters go by)
    let (mut words, mut in_word) = (0, false);
    for (i, c) in p.char_indices().take(80) {
        if words > 8 {
            break;
        }
        if matches!(c, '-' | '–' | '—' | ':' | ')' | '/') {
            cut = Some(i + c.len_utf8());
        }
        let space = c.is_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    match cut {
        Some(i) if p[i..].split_whitespace().count() >= 5 => &p[i..],
        _ => p,
    }
}

/// The words of a line without the agency and desk names of `t`, into `out`.
fn without_agencies<'a>(t: &Folded, words: &[(&'a str, Word)], out: &mut Vec<(&'a str, Word)>) {
    out.clear();
    let mut i = 0;
    while i < words.len() {
        let run = if words[i].1.agency {
            t.agencies.iter().find(|a| {
                words.len() - i >= a.len() && a.iter().zip(&words[i..]).all(|(x, y)| x == y.0)
            })
        } else {
            None
        };
        if let Some(a) = run {
            i += a.len();
        } else {
            out.push(words[i]);
            i += 1;
        }
    }
}

/// A paragraph of page furniture: short, and starting with one of the table's markers (or
/// nothing left of it but a dateline).
fn is_furniture(t: &Folded, words: &[(&str, Word)]) -> bool {
    if words.len() < 3 {
        return true;
    }
    words.len() <= 25
        && t.markers
            .iter()
            .any(|m| words.len() >= m.len() && m.iter().zip(words).all(|(x, y)| x == y.0))
}

/// The sketch of a spaceless text, fed word by word. Each shingle's hash is rolled along
/// the letters (one multiplication a letter, not a hash of every window), then mixed so its
/// top bits choose the bin. The window's letters are kept in a ring: no list of the text's
/// letters is made.
struct Sketcher {
    mins: [u64; BINS],
    window: [u64; SHINGLE],
    rolled: u64,
    letters: usize,
}

/// The rolling hash's base.
const BASE: u64 = 0x9E37_79B9_7F4A_7C15 | 1;
/// `BASE^(SHINGLE-1)`: what the letter leaving the window weighs.
const TOP: u64 = {
    let mut p = 1u64;
    let mut i = 1;
    while i < SHINGLE {
        p = p.wrapping_mul(BASE);
        i += 1;
    }
    p
};

impl Sketcher {
    fn new() -> Sketcher {
        Sketcher {
            mins: [u64::MAX; BINS],
            window: [0; SHINGLE],
            rolled: 0,
            letters: 0,
        }
    }

    fn push(&mut self, word: &str) {
        for c in word.chars().map(u64::from) {
            let i = self.letters;
            let slot = i % SHINGLE;
            if i >= SHINGLE {
                self.rolled = self
                    .rolled
                    .wrapping_sub(self.window[slot].wrapping_mul(TOP));
            }
            self.window[slot] = c;
            self.rolled = self.rolled.wrapping_mul(BASE).wrapping_add(c);
            if i + 1 >= SHINGLE {
                let h = mix(self.rolled);
                let bin = usize::try_from(h >> 58).unwrap_or(0) % BINS;
                let v = h & ((1 << 58) - 1);
                if v < self.mins[bin] {
                    self.mins[bin] = v;
                }
            }
            self.letters += 1;
        }
    }

    /// The sketch and the shingle count; no sketch under [`MIN_SHINGLES`].
    fn finish(self) -> (Vec<u16>, u32) {
        let n = self.letters.saturating_sub(SHINGLE - 1);
        let count = u32::try_from(n).unwrap_or(u32::MAX);
        if n < MIN_SHINGLES {
            return (Vec::new(), count);
        }
        let sketch = self
            .mins
            .iter()
            .map(|&m| {
                if m == u64::MAX {
                    EMPTY
                } else {
                    u16::try_from(m & 0xFFFF).unwrap_or(0).min(EMPTY - 1)
                }
            })
            .collect();
        (sketch, count)
    }
}

/// A 64-bit finaliser (`SplitMix64`'s): every input bit moves every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The folded words written with a capital letter inside a sentence: in scripts with case,
/// the names of the people and places an event is about.
fn names_in(paragraphs: &[String]) -> FxHashSet<String> {
    // (scripts with case are written below U+0590: their capitals are ASCII or have a lead
    // byte below 0xD6; a paragraph without such a byte is skipped without reading its words)
    let may_have_capitals = |p: &str| {
        p.bytes()
            .any(|b| b.is_ascii_uppercase() || (0xC3..0xD6).contains(&b))
    };
    let mut names = FxHashSet::default();
    for p in paragraphs.iter().filter(|p| may_have_capitals(p)) {
        let mut start = true;
        for w in p.split_whitespace() {
            let capital = w
                .chars()
                .next()
                .is_some_and(|c| c < '\u{0590}' && c.is_uppercase());
            if capital && !start {
                names.insert(fold(w));
            }
            start = w.ends_with(['.', '!', '?', ':', '"', '”']);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(s: &[&str]) -> Vec<String> {
        s.iter().map(|p| (*p).to_owned()).collect()
    }

    #[test]
    fn datelines_come_off_and_sentences_stay() {
        // the city goes with the dateline; the agency after the dash is one of the table's
        // names, taken out with the others
        let rest = strip_dateline("دمشق-سانا أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد");
        assert_eq!(rest, "سانا أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد");
        let table = words::for_story("ar", "");
        let folded = fold(rest);
        let (mut line, mut kept) = (Vec::new(), Vec::new());
        Lexicon::with(table, |l| l.words(&folded, &mut line));
        without_agencies(table, &line, &mut kept);
        assert_eq!(kept[0].0, fold("أعلنت"));
        let s = strip_dateline(
            "ISLAMABAD, Dec 3 (APP): The federal cabinet approved a new water plan on Tuesday",
        );
        assert!(s.trim_start().starts_with("The federal"), "{s}");
        let plain = "The cabinet met on Tuesday and approved the plan for the dams in the north";
        assert_eq!(strip_dateline(plain), plain);
    }

    #[test]
    fn agency_names_and_clitic_spacing_do_not_change_the_sketch() {
        let body = "أعلنت وزارة الزراعة اليوم عن خطة جديدة لري الأراضي الزراعية في المحافظات الشمالية \
                    وقالت الوزارة إن الخطة تشمل حفر آبار جديدة وتوزيع مضخات على المزارعين خلال الموسم المقبل";
        let a = GroupKeys::of("خطة للري", &paras(&[&format!("دمشق-سانا {body}")]), "ar");
        let b = GroupKeys::of(
            "خطة للري",
            &paras(&[&format!("(وفا) {}", body.replace("وقالت", "و قالت"))]),
            "ar",
        );
        assert_eq!(a.sketch.len(), BINS);
        assert_eq!(a.sketch, b.sketch);
    }

    #[test]
    fn short_texts_have_no_sketch_and_titles_weigh_more() {
        let k = GroupKeys::of("Flood in Sindh", &paras(&["Water rose."]), "en");
        assert!(k.sketch.is_empty());
        assert!(
            k.terms
                .iter()
                .any(|&(h, w)| h == hash("flood") && w == TITLE_WEIGHT)
        );
        assert!(!k.terms.iter().any(|&(h, _)| h == hash("in")));
    }
}
