//! Where qari keeps its own files, as a value the front-end builds and passes in: the cache
//! (catalogs, search indexes: rebuilt when lost) and the data directory (read/star marks, the
//! session: kept). The core never reads the environment for them, so a second front-end (a
//! GUI, a test) opens a library with paths of its own. `None`: nothing of that kind is kept.

use std::path::PathBuf;

use super::archive::Archive;
use super::catalog;

/// qari's own directories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dirs {
    /// Catalogs and search indexes.
    pub cache: Option<PathBuf>,
    /// The read/star marks and the session.
    pub data: Option<PathBuf>,
}

impl Dirs {
    /// The catalog file of the archive opened from `paths`.
    pub fn catalog(&self, paths: &[PathBuf]) -> Option<PathBuf> {
        Some(catalog::path_in(
            self.cache.as_deref()?,
            &Archive::new(paths).key(),
        ))
    }

    /// The read/star marks (`state.json`).
    pub fn marks(&self) -> Option<PathBuf> {
        Some(self.data.as_deref()?.join("state.json"))
    }

    /// The last session of each archive (`session.json`).
    pub fn session(&self) -> Option<PathBuf> {
        Some(self.data.as_deref()?.join("session.json"))
    }
}
