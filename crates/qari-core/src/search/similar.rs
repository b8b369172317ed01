//! Stories similar to a given one, for the related panel's "Similar" section and
//! `qari related`: tantivy's `MoreLikeThis` over the story's title and body (the terms that are
//! frequent in it and rare in the archive, scored with BM25), minus the story itself and the
//! stories it already links to or is linked from. Computed on first request and cached until
//! the index changes.

use std::collections::HashSet;

use tantivy::TantivyDocument;
use tantivy::collector::TopDocs;
use tantivy::query::MoreLikeThisQuery;
use tantivy::schema::OwnedValue;

use super::index::SearchIndex;
use super::{Result, SearchError};
use crate::library::Library;
use crate::model::StoryId;

/// How many similar stories are computed and cached per story.
pub const CACHED: usize = 20;

/// A similar story scores at least this fraction of the best one.
const MIN_RELATIVE_SCORE: f32 = 0.2;

impl SearchIndex {
    /// Up to `limit` stories most similar to `id`, best first, excluding linked ones.
    pub fn similar(&self, library: &Library, id: StoryId, limit: usize) -> Result<Vec<StoryId>> {
        if limit <= CACHED
            && let Ok(cache) = self.similar_cache.lock()
            && let Some(found) = cache.get(&id)
        {
            return Ok(found.iter().copied().take(limit).collect());
        }
        let found = self.compute_similar(library, id, limit.max(CACHED))?;
        if let Ok(mut cache) = self.similar_cache.lock() {
            cache.insert(id, found.iter().copied().take(CACHED).collect());
        }
        Ok(found.into_iter().take(limit).collect())
    }

    fn compute_similar(
        &self,
        library: &Library,
        id: StoryId,
        limit: usize,
    ) -> Result<Vec<StoryId>> {
        let story = library.get(id).ok_or(SearchError::NoStory(id))?;
        let mut excluded: HashSet<StoryId> = story.links.iter().filter_map(|l| l.target).collect();
        excluded.extend(library.linked_from(id).iter().copied());
        excluded.insert(id);

        let searcher = self.reader.searcher();
        let num_docs = searcher.num_docs();
        // The body as the index stored it: no article file is read.
        let body = self.stored_body(&searcher, id)?.unwrap_or_default();
        let query = MoreLikeThisQuery::builder()
            // A term only in this story says nothing about others.
            .with_min_doc_frequency(2)
            // A term in most stories is a function word.
            .with_max_doc_frequency((num_docs / 2).max(2))
            .with_min_term_frequency(1)
            .with_max_query_terms(30)
            .with_min_word_length(2)
            .with_document_fields(vec![
                (
                    self.fields.title,
                    vec![OwnedValue::Str(story.title.clone())],
                ),
                (self.fields.body, vec![OwnedValue::Str(body)]),
            ]);
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(limit + excluded.len()).order_by_score(),
        )?;
        // The candidates in rank order, the story itself and its linked stories left out.
        let mut candidates: Vec<(f32, StoryId)> = Vec::with_capacity(limit);
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let Some(found) = self.story_id(&doc) else {
                continue;
            };
            if score > 0.0 && !excluded.contains(&found) && candidates.iter().all(|c| c.1 != found)
            {
                candidates.push((score, found));
            }
        }
        // Stories scoring under a fifth of the best candidate share only a stray word with it.
        // The floor comes from the best *candidate*: the story itself, which matches all of its
        // own terms, would set it so high that real neighbours were dropped.
        let floor = candidates
            .first()
            .map_or(0.0, |(best, _)| best * MIN_RELATIVE_SCORE);
        let out: Vec<StoryId> = candidates
            .into_iter()
            .take_while(|&(score, _)| score >= floor)
            .map(|(_, id)| id)
            .take(limit)
            .collect();
        Ok(out)
    }

    /// The body text the index holds for a story (`None` when it is not indexed).
    fn stored_body(&self, searcher: &tantivy::Searcher, id: StoryId) -> Result<Option<String>> {
        let term = tantivy::Term::from_field_text(self.fields.id, &id.to_string());
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let Some((_, address)) = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        Ok(doc
            .get_first(self.fields.body)
            .and_then(|v| tantivy::schema::Value::as_str(&v))
            .map(str::to_owned))
    }
}
