//! The snippet of a search hit: the piece of the story's body around its matched words, with
//! their byte ranges for highlighting.
//!
//! Made here rather than by tantivy's `SnippetGenerator`, which runs the analysis chain over
//! the whole body and lowercases every token again through the Unicode tables: for a search
//! with thousands of hits that was most of its time. Here the body is analysed a paragraph at
//! a time — for Arabic and Hebrew query words, only the words of a paragraph whose folded
//! letters hold one (`analyzer::words_holding`, after a byte search for each query word's
//! rarest letter, `analyzer::Prefilter`) — and the scan stops at the first paragraph holding
//! every query word (for a one-word query, the first with a hit); the words are matched as
//! the index matched them — the same analysis chain, every alternative stem of a word
//! (`ParsedQuery::highlights` does the same for the reader).

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::ops::Range;

use super::analyzer::{Prefilter, analyze, scannable, words_holding};

/// Matched words: where in the text, and the term each matched.
type Hits = Vec<(Range<usize>, String)>;

/// The most characters a snippet shows.
pub const SNIPPET_CHARS: usize = 160;
/// At most this many characters of context before the first highlighted word.
const LEAD_CHARS: usize = 30;

/// What a search's snippets are made with: its analysed words and how to skip a paragraph
/// without them. Made once per search (the prefilter looks at a few thousand characters).
#[derive(Debug)]
pub struct Snippets<'a, S: BuildHasher> {
    terms: &'a HashSet<String, S>,
    wanted: usize,
    /// The words and their prefilter, when every word is Arabic or Hebrew.
    scan: Option<(Vec<&'a str>, Prefilter)>,
}

impl<'a, S: BuildHasher> Snippets<'a, S> {
    /// `terms` are the analysed words a hit may contain; `wanted`, how many different ones
    /// the query has (the scan ends at a paragraph with that many).
    pub fn new(terms: &'a HashSet<String, S>, wanted: usize) -> Self {
        // Arabic and Hebrew terms can be looked for in a paragraph before analysing it.
        let scan = terms.iter().all(|t| scannable(t)).then(|| {
            let needles: Vec<&str> = terms.iter().map(String::as_str).collect();
            let prefilter = Prefilter::new(needles.iter().copied());
            (needles, prefilter)
        });
        Snippets {
            terms,
            wanted,
            scan,
        }
    }

    /// A snippet of `body` and the byte ranges of its matched words (within the snippet). No
    /// hit in the body (the story matched by its title or source): the body's beginning,
    /// nothing highlighted.
    pub fn of(&self, body: &str) -> (String, Vec<Range<usize>>) {
        let (terms, wanted) = (self.terms, self.wanted);
        let mut folded = String::new();
        // (different words, the paragraph without its line end, hits)
        let mut best: Option<(usize, Range<usize>, Hits)> = None;
        let mut at = 0;
        for para in body.split_inclusive('\n') {
            let start = at;
            at += para.len();
            let hits: Hits = if let Some((needles, prefilter)) = &self.scan {
                if !prefilter.may_hold(para) {
                    continue;
                }
                words_holding(para, needles, &mut folded)
                    .into_iter()
                    .flat_map(|w| {
                        analyze(&para[w.clone()])
                            .into_iter()
                            .filter(|t| terms.contains(&t.text))
                            .map(move |t| {
                                let at = start + w.start;
                                (at + t.offset_from..at + t.offset_to, t.text)
                            })
                    })
                    .collect()
            } else {
                analyze(para)
                    .into_iter()
                    .filter(|t| terms.contains(&t.text))
                    .map(|t| (start + t.offset_from..start + t.offset_to, t.text))
                    .collect()
            };
            if hits.is_empty() {
                continue;
            }
            let distinct = distinct(&hits);
            if best.as_ref().is_none_or(|(d, _, _)| distinct > *d) {
                let end = start + para.trim_end_matches('\n').len();
                best = Some((distinct, start..end, hits));
                if distinct >= wanted.max(1) {
                    break;
                }
            }
        }
        let Some((_, para, hits)) = best else {
            let end = char_end(body, 0, SNIPPET_CHARS);
            return (body[..end].to_owned(), Vec::new());
        };
        window(body, para, &hits)
    }
}

/// How many different words `hits` matched.
fn distinct(hits: &[(Range<usize>, String)]) -> usize {
    hits.iter()
        .map(|(_, t)| t.as_str())
        .collect::<HashSet<_>>()
        .len()
}

/// The byte offset `n` characters after `from` in `text` (or its end).
fn char_end(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// The snippet inside paragraph `para` of `text`: [`SNIPPET_CHARS`] characters from a little
/// before the hit that starts the window with the most different words, cut at word edges.
fn window(
    text: &str,
    para: Range<usize>,
    hits: &[(Range<usize>, String)],
) -> (String, Vec<Range<usize>>) {
    // The hit to start from: the one whose window holds the most different words.
    let mut first = 0;
    let mut most = 0;
    for i in 0..hits.len() {
        let limit = char_end(text, hits[i].0.start, SNIPPET_CHARS - LEAD_CHARS);
        let inside = hits[i..].iter().take_while(|(r, _)| r.end <= limit).count();
        let n = distinct(&hits[i..i + inside]);
        if n > most {
            (first, most) = (i, n);
        }
    }
    let hit = hits[first].0.clone();
    // Context before it, from the start of a word: a little, or what the paragraph's end
    // leaves of the room.
    let after = text[hit.start..para.end].chars().count();
    let lead_chars = LEAD_CHARS.max(SNIPPET_CHARS.saturating_sub(after));
    let before = &text[para.start..hit.start];
    let lead: usize = before
        .char_indices()
        .rev()
        .nth(lead_chars - 1)
        .map_or(para.start, |(i, _)| para.start + i);
    let start = if lead == para.start {
        lead
    } else {
        text[lead..hit.start]
            .find(char::is_whitespace)
            .map_or(hit.start, |i| {
                let ws = lead + i;
                ws + text[ws..].chars().next().map_or(0, char::len_utf8)
            })
    };
    // Up to the limit, at the end of a word when the paragraph goes on.
    let mut end = char_end(&text[..para.end], start, SNIPPET_CHARS);
    if end < para.end
        && let Some(ws) = text[hit.end..end].rfind(char::is_whitespace)
    {
        end = hit.end + ws;
    }
    let end = end.max(hit.end.min(para.end));
    let highlights = hits
        .iter()
        .filter(|(r, _)| r.start >= start && r.end <= end)
        .map(|(r, _)| r.start - start..r.end - start)
        .collect();
    (text[start..end].to_owned(), highlights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::ParsedQuery;

    fn snip(body: &str, query: &str) -> (String, Vec<String>) {
        let q = ParsedQuery::parse(query);
        let terms = q.positive_terms();
        let (text, ranges) = Snippets::new(&terms, q.required.len()).of(body);
        let words = ranges.iter().map(|r| text[r.clone()].to_owned()).collect();
        (text, words)
    }

    #[test]
    fn the_window_holds_the_hit_with_some_context_and_cuts_at_words() {
        let filler = "كلمة ".repeat(80);
        let body = format!("مقدمة قصيرة.\n{filler}وصل المِينَاءِ صباحًا {filler}");
        let (text, words) = snip(&body, "ميناء");
        assert_eq!(words, ["المِينَاءِ"]);
        assert!(text.chars().count() <= SNIPPET_CHARS, "{text}");
        assert!(text.starts_with("كلمة") && !text.ends_with(' '), "{text:?}");
        let at = text.find("المِينَاءِ").expect("hit inside");
        assert!(text[..at].chars().count() <= LEAD_CHARS + 1);
    }

    #[test]
    fn the_paragraph_with_every_word_wins_over_an_earlier_one_with_some() {
        let body = "the port opened.\nnothing here.\nthe port and the ships met.\n";
        let (text, words) = snip(body, "port ships");
        assert_eq!(text, "the port and the ships met.");
        assert_eq!(words, ["port", "ships"]);
    }

    #[test]
    fn no_hit_in_the_body_gives_its_beginning() {
        let body = "ا".repeat(400);
        let (text, words) = snip(&body, "غائب");
        assert_eq!(text.chars().count(), SNIPPET_CHARS);
        assert!(words.is_empty());
    }

    #[test]
    fn cuts_never_split_a_character() {
        for n in 0..40 {
            let body = format!("{}ש {} סוף", "א".repeat(n), "מילה ".repeat(50));
            let (text, _) = snip(&body, "סוף");
            assert!(text.contains("סוף"), "{text}");
        }
    }
}
