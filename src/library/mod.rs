//! The loaded archive: stories in archive order, lookup by id, and the link graph
//! ("what does this link to, what links here").
//!
//! PLACEHOLDER: the API below is the contract for `app` and `search`; link resolution,
//! de-duplication and loading are being written.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

pub mod state;

use crate::model::{Story, StoryId};

/// A file that could not be read or parsed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// The archive.
#[derive(Debug, Default, Clone)]
pub struct Library {
    stories: Vec<Story>,
    by_id: HashMap<StoryId, usize>,
    linked_from: HashMap<StoryId, Vec<StoryId>>,
}

impl Library {
    /// Loads files and folders; files that fail are reported, the rest load.
    pub fn load(paths: &[PathBuf]) -> (Library, Vec<LoadError>) {
        let _ = paths;
        (Library::default(), Vec::new())
    }

    /// The bundled sample archive (embedded in the binary).
    pub fn sample() -> (Library, Vec<LoadError>) {
        (Library::default(), Vec::new())
    }

    /// `load(paths)`, or the sample archive when `paths` is empty.
    pub fn open(paths: &[PathBuf]) -> (Library, Vec<LoadError>) {
        if paths.is_empty() {
            Library::sample()
        } else {
            Library::load(paths)
        }
    }

    /// Builds an archive from parsed stories: de-duplicates and resolves links.
    pub fn from_stories(stories: Vec<Story>) -> Library {
        let by_id = stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.meta.id, i))
            .collect();
        Library {
            stories,
            by_id,
            linked_from: HashMap::new(),
        }
    }

    /// All stories, in archive order (path, then position in the file).
    pub fn stories(&self) -> &[Story] {
        &self.stories
    }

    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    pub fn get(&self, id: StoryId) -> Option<&Story> {
        self.by_id.get(&id).map(|&i| &self.stories[i])
    }

    /// Position of a story in `stories()`.
    pub fn index_of(&self, id: StoryId) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// Stories whose links resolve to `id`, in archive order.
    pub fn linked_from(&self, id: StoryId) -> &[StoryId] {
        self.linked_from.get(&id).map_or(&[], Vec::as_slice)
    }
}
