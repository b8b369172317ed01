//! What a parsing thread remembers of the words it has met, and a story's terms counted with
//! it. News repeats its words from story to story: stemming a word and looking it up in the
//! stop words and the agency names, for each word of each story, was most of the cost of the
//! grouping's keys. Each distinct word is judged once per thread ([`Word::of`]) and its term
//! given a slot, so counting a story's terms is an array access a word, not a hash map of
//! its own. Only a memory: every answer is the one [`Word::of`] gives.

use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::xxh3_64;

use super::words::{self, Folded};

/// The text's commonest terms kept, beside the title's.
pub const BODY_TERMS: usize = 32;
/// The words of the text its terms are counted in (news puts the event first).
pub const TERM_WORDS: usize = 400;
/// What a title word adds to a term's weight: a headline names the event.
pub const TITLE_WEIGHT: u8 = 3;
/// What one occurrence of a name (a capitalised word inside a sentence) counts.
pub const NAME_WEIGHT: u32 = 2;
/// Words remembered per table before the memory is let go.
const KEEP: usize = 1 << 20;

/// What the grouping needs to know of one folded word of a table.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    /// The slot of its [`term`] in the thread's memory, if it is one.
    term: Option<u32>,
    /// Whether an agency name of the table starts with it.
    pub agency: bool,
}

/// A term's slot: its hash, and its count in the story being read.
#[derive(Debug, Clone, Copy)]
struct Slot {
    hash: u32,
    /// The story its count and place are of ([`Memory::story`]).
    story: u32,
    count: u32,
    place: u32,
}

/// One table's words as a thread remembers them.
#[derive(Default)]
struct Memory {
    words: FxHashMap<Box<str>, Word>,
    slot_of: FxHashMap<u32, u32>,
    slots: Vec<Slot>,
    /// A number for each story read (what tells a slot's count of this story from an
    /// earlier one's, so no count is ever cleared).
    story: u32,
}

/// A thread's memory of one table, lent for one story.
pub struct Lexicon<'t> {
    table: &'t Folded,
    memory: &'t mut Memory,
}

/// A story's term counts so far.
#[derive(Default)]
pub struct Counts {
    /// The slots counted, in the order first met.
    touched: Vec<u32>,
    /// Words counted.
    words: usize,
}

impl Word {
    fn of(t: &Folded, w: &str, memory: &mut Memory) -> Word {
        let term = term(t, w).map(|s| {
            let h = hash(s);
            let next = u32::try_from(memory.slots.len()).unwrap_or(u32::MAX);
            *memory.slot_of.entry(h).or_insert_with(|| {
                memory.slots.push(Slot {
                    hash: h,
                    story: u32::MAX,
                    count: 0,
                    place: 0,
                });
                next
            })
        });
        Word {
            term,
            agency: t.agency_starts.contains(w),
        }
    }
}

impl Lexicon<'_> {
    /// Runs `f` with the thread's lexicon of `table`, for one story.
    pub fn with<R>(table: &Folded, f: impl FnOnce(&mut Lexicon<'_>) -> R) -> R {
        thread_local! {
            static MEMORY: std::cell::RefCell<Vec<Memory>> =
                const { std::cell::RefCell::new(Vec::new()) };
        }
        MEMORY.with(|memory| {
            let mut memory = memory.borrow_mut();
            if memory.len() <= table.id {
                memory.resize_with(table.id + 1, Memory::default);
            }
            let mine = &mut memory[table.id];
            if mine.words.len() >= KEEP || mine.story == u32::MAX - 1 {
                *mine = Memory::default();
            }
            mine.story += 1;
            f(&mut Lexicon {
                table,
                memory: mine,
            })
        })
    }

    fn word(&mut self, w: &str) -> Word {
        if let Some(&known) = self.memory.words.get(w) {
            return known;
        }
        let word = Word::of(self.table, w, self.memory);
        self.memory.words.insert(w.into(), word);
        word
    }

    /// The words of folded `text`, each with what it is, into `out`.
    pub fn words<'a>(&mut self, text: &'a str, out: &mut Vec<(&'a str, Word)>) {
        out.clear();
        for w in text.split(' ').filter(|w| !w.is_empty()) {
            out.push((w, self.word(w)));
        }
    }

    /// Counts the next word `w` of the text (a name, in `names`, counts more). The opening
    /// words say what a story is about; a long story's tail adds time, not terms.
    pub fn count(&mut self, counts: &mut Counts, w: &str, word: Word, names: &FxHashSet<String>) {
        let place = counts.words;
        if place >= TERM_WORDS {
            return;
        }
        counts.words += 1;
        let Some(slot) = word.term else { return };
        let story = self.memory.story;
        let Some(s) = self.memory.slots.get_mut(slot as usize) else {
            return;
        };
        if s.story != story {
            *s = Slot {
                hash: s.hash,
                story,
                count: 0,
                place: u32::try_from(place).unwrap_or(u32::MAX),
            };
            counts.touched.push(slot);
        }
        let name = !names.is_empty() && names.contains(w);
        s.count += if name { NAME_WEIGHT } else { 1 };
    }

    /// The text's [`BODY_TERMS`] commonest terms (ties: the earlier first) and those of the
    /// title's words `title`, as (hash, weight) sorted by hash.
    pub fn terms(&self, counts: Counts, title: &[(&str, Word)]) -> Vec<(u32, u8)> {
        let slots = &self.memory.slots;
        let slot = |i: u32| slots.get(i as usize).copied();
        let mut counted: Vec<Slot> = counts.touched.into_iter().filter_map(slot).collect();
        // (only which terms are the commonest matters, not their order: the list is sorted by
        // hash below; a term's place is its own, so the choice is one)
        if counted.len() > BODY_TERMS {
            counted.select_nth_unstable_by_key(BODY_TERMS - 1, |s| {
                (std::cmp::Reverse(s.count), s.place)
            });
            counted.truncate(BODY_TERMS);
        }
        let mut out: Vec<(u32, u8)> = counted
            .into_iter()
            .map(|s| (s.hash, u8::try_from(s.count.min(12)).unwrap_or(12)))
            .collect();
        for h in title
            .iter()
            .filter_map(|(_, w)| slot(w.term?))
            .map(|s| s.hash)
        {
            match out.iter_mut().find(|(x, _)| *x == h) {
                Some(e) => e.1 = e.1.saturating_add(TITLE_WEIGHT).min(15),
                None => out.push((h, TITLE_WEIGHT)),
            }
        }
        out.sort_unstable();
        out.dedup_by_key(|e| e.0);
        out
    }
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

/// A term's hash, as the keys keep it.
pub fn hash(s: &str) -> u32 {
    u32::try_from(xxh3_64(s.as_bytes()) >> 32).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::super::sketch::GroupKeys;

    fn keys(title: &str, body: &str) -> GroupKeys {
        GroupKeys::of(title, &[body.to_owned()], "")
    }

    #[test]
    fn a_story_has_the_same_terms_whatever_the_thread_read_before() {
        let a = (
            "Floods close the Indus road",
            "Floods in Sindh closed the Indus road on Monday as \
                  the river rose, and the Indus authority said the road would stay shut",
        );
        let b = (
            "وزير الزراعة يعلن خطة الري",
            "أعلن وزير الزراعة خطة جديدة للري في المحافظات \
                  الشمالية وقال إن الخطة تشمل حفر آبار وتوزيع مضخات على المزارعين",
        );
        // on a thread that has read nothing yet
        let fresh = std::thread::spawn(move || (keys(a.0, a.1), keys(b.0, b.1)))
            .join()
            .expect("thread");
        // on one whose memory holds both stories' words and their counts
        let (first_a, first_b) = (keys(a.0, a.1), keys(b.0, b.1));
        let (again_a, again_b) = (keys(a.0, a.1), keys(b.0, b.1));
        assert_eq!(fresh.0, first_a);
        assert_eq!(first_a, again_a);
        assert_eq!(fresh.1, again_b);
        assert_eq!(first_b, again_b);
        // "Indus" and "road" are counted twice in the text and once more in the title
        let table = super::words::for_story("en", "");
        let h = super::term(table, "indus").map(super::hash);
        let indus = first_a
            .terms
            .iter()
            .find(|t| Some(t.0) == h)
            .expect("indus is a term");
        assert_eq!(indus.1, 2 * super::NAME_WEIGHT as u8 + super::TITLE_WEIGHT);
    }
}
