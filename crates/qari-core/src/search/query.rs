//! Queries as people type them — words, "quoted phrases", `-excluded` words — turned into
//! tantivy queries over the analysed fields, run, and returned as ranked hits with snippets.
//!
//! Every word must match (in the title, body or source; title hits weigh more), a phrase must
//! match as consecutive words, an excluded word or phrase must not match anywhere. Words go
//! through the same analysis chain as the documents, keeping the primary form of each position
//! (see `analyzer`). We parse the syntax ourselves rather than with tantivy's `QueryParser`
//! so that a stray `:` or `"` in an Arabic or Hebrew query (`צה"ל`) is text, never an error.

use std::collections::HashSet;
use std::ops::Range;

use rayon::prelude::*;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::Result;
use super::analyzer::{analyze, primary_terms};
use super::index::SearchIndex;
use super::snippet;
use crate::chars::invisible::ZWNJ;
use crate::model::StoryId;

/// Title matches count this many times a body match.
const TITLE_BOOST: f32 = 3.0;

/// One part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    Word(String),
    Phrase(String),
}

/// A parsed query: what must match and what must not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub required: Vec<Clause>,
    pub excluded: Vec<Clause>,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}')
}

impl ParsedQuery {
    /// Parses `words "a phrase" -excluded -"excluded phrase"`. Quotes only open a phrase at the
    /// start of a term; an unclosed quote runs to the end.
    pub fn parse(input: &str) -> ParsedQuery {
        let mut q = ParsedQuery::default();
        let mut chars = input.chars().peekable();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                chars.next();
                continue;
            }
            let negated = c == '-';
            if negated {
                chars.next();
            }
            let clause = if chars.peek().is_some_and(|&c| is_open_quote(c)) {
                chars.next();
                let text: String = chars.by_ref().take_while(|&c| !is_open_quote(c)).collect();
                Clause::Phrase(text)
            } else {
                let mut text = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() {
                        break;
                    }
                    text.push(c);
                    chars.next();
                }
                Clause::Word(text)
            };
            let empty = match &clause {
                Clause::Word(t) | Clause::Phrase(t) => t.trim().is_empty(),
            };
            if !empty {
                if negated {
                    q.excluded.push(clause);
                } else {
                    q.required.push(clause);
                }
            }
        }
        q
    }

    /// The analysed terms a hit may contain (for highlighting).
    pub fn positive_terms(&self) -> HashSet<String> {
        self.required
            .iter()
            .flat_map(|c| match c {
                Clause::Word(t) | Clause::Phrase(t) => term_variants(t).into_iter().flatten(),
            })
            .collect()
    }

    /// Byte ranges of `text` whose words match the query's required words (merged, sorted).
    pub fn highlights(&self, text: &str) -> Vec<Range<usize>> {
        let terms = self.positive_terms();
        let mut ranges: Vec<Range<usize>> = analyze(text)
            .into_iter()
            .filter(|t| terms.contains(&t.text))
            .map(|t| t.offset_from..t.offset_to)
            .collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        ranges.dedup();
        ranges
    }
}

/// A search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: StoryId,
    pub score: f32,
    /// A piece of the body around the best hits, on one line.
    pub snippet: String,
    /// Byte ranges of the matched words within `snippet`.
    pub highlights: Vec<Range<usize>>,
    /// The story's title, source and date as the index stores them, so that a search can be
    /// answered without the catalog.
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    /// The story's group as indexed (`Fields::group`).
    pub group: Option<StoryId>,
}

/// The term sequences a query text may match: its words as analysed, and — when a ZWNJ joins
/// parts of a word (`می‌کنم`) — the parts written together (`میکنم`), as stored text may
/// spell it either way. Empty when the text has no searchable word.
fn term_variants(text: &str) -> Vec<Vec<String>> {
    let terms = primary_terms(text);
    if terms.is_empty() {
        return Vec::new();
    }
    let mut variants = vec![terms];
    if text.contains(ZWNJ) {
        let joined = primary_terms(&text.replace(ZWNJ, ""));
        if !joined.is_empty() && !variants.contains(&joined) {
            variants.push(joined);
        }
    }
    variants
}

/// The query for one clause in the given fields (title boosted); `None` when the clause has no
/// searchable word (punctuation only).
fn clause_query(clause: &Clause, fields: &[Field], title: Field) -> Option<Box<dyn Query>> {
    let text = match clause {
        Clause::Word(t) | Clause::Phrase(t) => t,
    };
    let variants = term_variants(text);
    if variants.is_empty() {
        return None;
    }
    let per_field: Vec<(Occur, Box<dyn Query>)> = variants
        .iter()
        .flat_map(|terms| fields.iter().map(move |&field| (terms, field)))
        .map(|(terms, field)| {
            let q: Box<dyn Query> = if terms.len() == 1 {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &terms[0]),
                    IndexRecordOption::WithFreqs,
                ))
            } else {
                Box::new(PhraseQuery::new(
                    terms
                        .iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect(),
                ))
            };
            let q: Box<dyn Query> = if field == title {
                Box::new(BoostQuery::new(q, TITLE_BOOST))
            } else {
                q
            };
            (Occur::Should, q)
        })
        .collect();
    Some(Box::new(BooleanQuery::new(per_field)))
}

impl SearchIndex {
    /// The tantivy query for a parsed query; `None` when nothing can match.
    pub fn build_query(&self, parsed: &ParsedQuery) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let fields = [f.title, f.body, f.source];
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for c in &parsed.required {
            if let Some(q) = clause_query(c, &fields, f.title) {
                clauses.push((Occur::Must, q));
            }
        }
        for c in &parsed.excluded {
            if let Some(q) = clause_query(c, &fields, f.title) {
                clauses.push((Occur::MustNot, q));
            }
        }
        if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
            if clauses.is_empty() {
                return None;
            }
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// The ids of the stories matching `query`, best first, without snippets (the reader's
    /// story list needs nothing more).
    pub fn search_ids(&self, query: &str, limit: usize) -> Result<Vec<StoryId>> {
        let parsed = ParsedQuery::parse(query);
        let Some(q) = self.build_query(&parsed).filter(|_| limit > 0) else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let top = searcher.search(&*q, &TopDocs::with_limit(limit).order_by_score())?;
        let mut ids = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(id) = self.story_id(&doc) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// Runs a query; at most `limit` hits, best first. A query with no searchable word gives
    /// no hits.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        let parsed = ParsedQuery::parse(query);
        let Some(q) = self.build_query(&parsed) else {
            return Ok(Vec::new());
        };
        if limit == 0 {
            return Ok(Vec::new());
        }
        let trace = crate::trace::Trace::start();
        let searcher = self.reader.searcher();
        let top = searcher.search(&*q, &TopDocs::with_limit(limit).order_by_score())?;
        trace.mark("query");
        let terms = parsed.positive_terms();
        let snippets = snippet::Snippets::new(&terms, parsed.required.len());
        // Each hit's stored fields and snippet, in parallel (a search with thousands of hits
        // spends most of its time here), in rank order.
        let hit = |(score, address): (f32, tantivy::DocAddress)| -> Result<Option<Hit>> {
            let doc: TantivyDocument = searcher.doc(address)?;
            let Some(id) = self.story_id(&doc) else {
                return Ok(None);
            };
            let body = doc
                .get_first(self.fields.body)
                .and_then(|v| v.as_str())
                .unwrap_or("");
            let (snippet, highlights) = snippets.of(body);
            let snippet = one_line(&snippet);
            let text = |f| doc.get_first(f).and_then(|v| v.as_str()).map(str::to_owned);
            Ok(Some(Hit {
                id,
                score,
                snippet,
                highlights,
                title: text(self.fields.title).unwrap_or_default(),
                source: text(self.fields.source),
                published: text(self.fields.date),
                group: text(self.fields.group).and_then(|g| g.parse().ok()),
            }))
        };
        // Fetched in the order of the store (neighbouring hits share pages and blocks), then
        // put back in rank order.
        let mut order: Vec<usize> = (0..top.len()).collect();
        order.sort_unstable_by_key(|&i| top[i].1);
        let fetched: Vec<Option<Hit>> = if top.len() > 32 {
            order
                .par_iter()
                .map(|&i| hit(top[i]))
                .collect::<Result<_>>()?
        } else {
            order.iter().map(|&i| hit(top[i])).collect::<Result<_>>()?
        };
        let mut hits: Vec<Option<Hit>> = vec![None; top.len()];
        for (i, h) in order.into_iter().zip(fetched) {
            hits[i] = h;
        }
        let hits: Vec<Hit> = hits.into_iter().flatten().collect();
        trace.mark("hits");
        Ok(hits)
    }
}

/// Line breaks and tabs become spaces, byte for byte, so highlight ranges stay valid; also
/// what `qari search` prints a field with, so one row stays one line.
pub fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_phrases_and_exclusions() {
        let q = ParsedQuery::parse(r#"بوتين "الأسلحة النووية" -أوكرانيا -"new york"  "#);
        assert_eq!(
            q.required,
            vec![
                Clause::Word("بوتين".into()),
                Clause::Phrase("الأسلحة النووية".into())
            ]
        );
        assert_eq!(
            q.excluded,
            vec![
                Clause::Word("أوكرانيا".into()),
                Clause::Phrase("new york".into())
            ]
        );
    }

    #[test]
    fn quotes_inside_a_word_are_text() {
        let q = ParsedQuery::parse(r#"צה"ל"#);
        assert_eq!(q.required, vec![Clause::Word(r#"צה"ל"#.into())]);
        let q = ParsedQuery::parse(r#""unclosed phrase"#);
        assert_eq!(q.required, vec![Clause::Phrase("unclosed phrase".into())]);
        assert_eq!(ParsedQuery::parse(" - \"\" "), ParsedQuery::default());
    }

    #[test]
    fn highlights_cover_variant_spellings() {
        let q = ParsedQuery::parse("الاسلحه");
        let text = "حذر من الأسلحة الكيماوية";
        let ranges = q.highlights(text);
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].clone()], "الأسلحة");
    }

    #[test]
    fn one_line_keeps_byte_lengths() {
        let s = "a\nب\r\nc";
        assert_eq!(one_line(s).len(), s.len());
    }
}
