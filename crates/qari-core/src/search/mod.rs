//! The full-text index: spelling-aware analysis, a persistent tantivy index per archive kept
//! up to date file by file, queries with phrases and exclusions, and similar stories.
//!
//! ```text
//! analyzer      words folded and lightly stemmed per script (Arabic, Persian, Hebrew, Latin)
//! directory     tantivy's memory-mapped directory, stored documents read by pread
//! index         schema, cache location, building and updating (SearchIndex)
//! incremental   file fingerprints and the manifest: what changed since the last run
//! query         "words", "quoted phrases", -exclusions -> ranked hits with snippets
//! snippet       the piece of a hit's body around its matched words
//! similar       MoreLikeThis over a story, linked stories excluded, cached
//! ```

pub(crate) mod analyzer;
pub(crate) mod directory;
pub mod incremental;
pub(crate) mod index;
pub mod query;
pub(crate) mod similar;
pub(crate) mod snippet;
pub mod worker;

pub use index::{Location, Progress, SearchIndex, UpdateStats};
pub use query::{Hit, ParsedQuery};

/// What went wrong with the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy could not open, read or write the index.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index folder or its files could not be used.
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
    /// Another qari is updating this index (this one works from memory).
    #[error("search index: the index is being updated by another qari")]
    Busy,
    /// The front-end gave no cache directory (the index lives in memory).
    #[error("search index: no cache directory")]
    NoCache,
    /// No story with this id in the archive.
    #[error("search index: no story with id {0}")]
    NoStory(crate::model::StoryId),
}

pub type Result<T> = std::result::Result<T, SearchError>;

#[cfg(any(test, feature = "testing"))]
pub mod testing {
    //! Stories written for the unit tests (the reader's too, through the `testing` feature).
    use crate::model::{Direction, Story, StoryId};

    /// A story with one paragraph per blank-line-separated block of `body`.
    pub fn story(id: u64, path: &str, title: &str, body: &str) -> Story {
        let paragraphs = body.split("\n\n").map(str::to_owned).collect();
        Story::new(StoryId(id), title, paragraphs, path).in_language("ar", Direction::Rtl)
    }
}
