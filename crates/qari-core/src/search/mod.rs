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

pub mod analyzer;
pub mod directory;
pub mod incremental;
pub mod index;
pub mod query;
pub mod similar;
pub mod snippet;
pub mod worker;

use std::fmt;

pub use index::{Location, Progress, SearchIndex, UpdateStats};
pub use query::{Hit, ParsedQuery};

/// Something went wrong with the index; the message says what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchError(pub String);

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "search index: {}", self.0)
    }
}

impl std::error::Error for SearchError {}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError(e.to_string())
    }
}

impl From<std::io::Error> for SearchError {
    fn from(e: std::io::Error) -> Self {
        SearchError(e.to_string())
    }
}

impl From<String> for SearchError {
    fn from(e: String) -> Self {
        SearchError(e)
    }
}

impl From<&str> for SearchError {
    fn from(e: &str) -> Self {
        SearchError(e.to_owned())
    }
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
