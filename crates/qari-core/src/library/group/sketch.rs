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
use xxhash_rust::xxh3::xxh3_64;

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
/// The text's commonest terms kept, beside the title's.
pub const BODY_TERMS: usize = 32;
/// The words of the text its terms are counted in (news puts the event first).
pub const TERM_WORDS: usize = 400;
/// What a title word adds to a term's weight: a headline names the event.
pub const TITLE_WEIGHT: u8 = 3;
/// What one occurrence of a name (a capitalised word inside a sentence) counts.
pub const NAME_WEIGHT: u32 = 2;
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
        let mut body: Vec<&str> = Vec::new();
        let mut first = true;
        for (i, f) in folded.iter().enumerate() {
            let text = match openings.get(i) {
                Some(Some(rest)) if first => rest.as_str(),
                _ => f.as_str(),
            };
            let words = without_agencies(table, text);
            if is_furniture(table, &words) {
                continue;
            }
            body.extend(words);
            first = false;
        }
        let (sketch, shingles) = sketch_of(&body);
        let folded_title = fold(title);
        let title_words = without_agencies(table, &folded_title);
        let names = names_in(paragraphs);
        GroupKeys {
            sketch,
            shingles,
            terms: terms_of(table, &title_words, &body, &names),
        }
    }
}

/// The first paragraph without its dateline: the part before a dash, colon or closing
/// parenthesis in its first 80 characters when that part is at most eight words (`دمشق-سانا`,
/// `القدس المحتلة 5-12-2026 (وفا)-`, `ISLAMABAD, Dec 3 (APP):`); the last such place is
/// taken, so a date written with dashes goes with it.
fn strip_dateline(p: &str) -> &str {
    let mut cut = None;
    for (i, c) in p.char_indices().take(80) {
        if matches!(c, '-' | '–' | '—' | ':' | ')' | '/') && p[..i].split_whitespace().count() <= 8
        {
            cut = Some(i + c.len_utf8());
        }
    }
    match cut {
        Some(i) if p[i..].split_whitespace().count() >= 5 => &p[i..],
        _ => p,
    }
}

/// The words of folded `text` without the agency and desk names of `t`.
fn without_agencies<'t>(t: &Folded, text: &'t str) -> Vec<&'t str> {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let run = if t.agency_starts.contains(words[i]) {
            t.agencies.iter().find(|a| {
                words.len() - i >= a.len() && a.iter().zip(&words[i..]).all(|(x, y)| x == y)
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
    out
}

/// A paragraph of page furniture: short, and starting with one of the table's markers (or
/// nothing left of it but a dateline).
fn is_furniture(t: &Folded, words: &[&str]) -> bool {
    if words.len() < 3 {
        return true;
    }
    words.len() <= 25
        && t.markers
            .iter()
            .any(|m| words.len() >= m.len() && m.iter().zip(words).all(|(x, y)| x == y))
}

/// The sketch of the spaceless text and its shingle count. Each shingle's hash is rolled
/// along the letters (one multiplication a letter, not a hash of every window), then mixed so
/// its top bits choose the bin.
fn sketch_of(words: &[&str]) -> (Vec<u16>, u32) {
    const BASE: u64 = 0x9E37_79B9_7F4A_7C15 | 1;
    let count: usize = words.iter().map(|w| w.chars().count()).sum();
    let n = count.saturating_sub(SHINGLE - 1);
    if n < MIN_SHINGLES {
        return (Vec::new(), u32::try_from(n).unwrap_or(u32::MAX));
    }
    // BASE^(SHINGLE-1): what the letter leaving the window weighs
    let top = (1..SHINGLE).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut mins = [u64::MAX; BINS];
    let mut rolled = 0u64;
    // the window's letters, in a ring (no list of the text's letters is made: a story's
    // temporaries, freed and made again for 100,000 stories, kept the allocator returning
    // memory and the kernel clearing it)
    let mut window = [0u64; SHINGLE];
    for (i, c) in words
        .iter()
        .flat_map(|w| w.chars())
        .map(u64::from)
        .enumerate()
    {
        let slot = i % SHINGLE;
        if i >= SHINGLE {
            rolled = rolled.wrapping_sub(window[slot].wrapping_mul(top));
        }
        window[slot] = c;
        rolled = rolled.wrapping_mul(BASE).wrapping_add(c);
        if i + 1 >= SHINGLE {
            let h = mix(rolled);
            let bin = usize::try_from(h >> 58).unwrap_or(0) % BINS;
            let v = h & ((1 << 58) - 1);
            if v < mins[bin] {
                mins[bin] = v;
            }
        }
    }
    let sketch = mins
        .iter()
        .map(|&m| {
            if m == u64::MAX {
                EMPTY
            } else {
                u16::try_from(m & 0xFFFF).unwrap_or(0).min(EMPTY - 1)
            }
        })
        .collect();
    (sketch, u32::try_from(n).unwrap_or(u32::MAX))
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
    let mut names = FxHashSet::default();
    for p in paragraphs {
        let mut start = true;
        for w in p.split_whitespace() {
            // (scripts with case are written below U+0590: the Arabic and Hebrew letters
            // skip the case table)
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

/// A word that can name an event: not a stop word (before or after its clitics come off),
/// three letters or more, or a number of two digits or more.
fn term<'w>(t: &Folded, w: &'w str) -> Option<&'w str> {
    if t.stop.contains(w) {
        return None;
    }
    let s = words::stem(t, w);
    let digits = s.chars().all(|c| c.is_ascii_digit());
    let long = if digits {
        s.len() >= 2
    } else {
        s.chars().count() >= 3
    };
    (long && !t.stop.contains(s)).then_some(s)
}

/// The hash of `w`'s [`term`] in `t`, remembered by the thread for every word it has seen
/// (news repeats its words from story to story: stemming and the stop-word lookups for each
/// word of each story were a third of the keys' cost). Only a memo: the answer is the same.
fn term_hash(t: &Folded, w: &str) -> Option<u32> {
    /// Words remembered per table before the memory is let go.
    const KEEP: usize = 1 << 20;
    thread_local! {
        static SEEN: std::cell::RefCell<Vec<rustc_hash::FxHashMap<Box<str>, Option<u32>>>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if seen.len() <= t.id {
            seen.resize_with(t.id + 1, rustc_hash::FxHashMap::default);
        }
        let map = &mut seen[t.id];
        if let Some(&h) = map.get(w) {
            return h;
        }
        if map.len() >= KEEP {
            map.clear();
        }
        let h = term(t, w).map(hash);
        map.insert(w.into(), h);
        h
    })
}

fn hash(s: &str) -> u32 {
    u32::try_from(xxh3_64(s.as_bytes()) >> 32).unwrap_or(0)
}

/// The title's terms and the body's [`BODY_TERMS`] commonest (ties: the earlier first), as
/// (hash, weight) sorted by hash.
fn terms_of(
    t: &Folded,
    title: &[&str],
    body: &[&str],
    names: &FxHashSet<String>,
) -> Vec<(u32, u8)> {
    let mut counts: Vec<(u32, u32, usize)> = Vec::new(); // hash, count, first place
    let mut at: crate::model::IdMap<u32, usize> = crate::model::IdMap::default();
    // The opening words say what a story is about; a long story's tail adds time, not terms.
    for (place, w) in body.iter().take(TERM_WORDS).enumerate() {
        if let Some(h) = term_hash(t, w) {
            let k = *at.entry(h).or_insert_with(|| {
                counts.push((h, 0, place));
                counts.len() - 1
            });
            counts[k].1 += if names.contains(*w) { NAME_WEIGHT } else { 1 };
        }
    }
    counts.sort_by_key(|&(_, c, place)| (std::cmp::Reverse(c), place));
    counts.truncate(BODY_TERMS);
    let mut out: Vec<(u32, u8)> = counts
        .into_iter()
        .map(|(h, c, _)| (h, u8::try_from(c.min(12)).unwrap_or(12)))
        .collect();
    for w in title {
        if let Some(h) = term_hash(t, w) {
            match out.iter_mut().find(|(x, _)| *x == h) {
                Some(e) => e.1 = e.1.saturating_add(TITLE_WEIGHT).min(15),
                None => out.push((h, TITLE_WEIGHT)),
            }
        }
    }
    out.sort_unstable();
    out.dedup_by_key(|e| e.0);
    out
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
        assert_eq!(without_agencies(table, &fold(rest))[0], fold("أعلنت"));
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
