//! Keeping a persisted index in step with the archive without rebuilding it: which stored
//! files were added, changed or removed since the index was last written.
//!
//! The library owns the fingerprints (size, modification time, content hash: the catalog
//! computed them when it parsed each file); a file is re-indexed when its content hash or
//! size differs from the manifest's, or when the stories the library now takes from it are not
//! the ones indexed (de-duplication across files can move a story). A `touch` changes neither,
//! so it costs nothing. Stories that do not come from a real file (the bundled sample, stories
//! built in tests) carry a fingerprint hashed from their text.
//!
//! The manifest is written next to the index, atomically, after the index commit: a crash in
//! between leaves a stale manifest, which only makes the next run re-index those files.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::library::Fingerprint;
use crate::library::Library;
use crate::model::StoryId;

/// What the index holds for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub fingerprint: Fingerprint,
    pub stories: Vec<StoryId>,
}

/// The state of a persisted index: its schema version and the files it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    pub files: BTreeMap<String, FileEntry>,
}

pub const MANIFEST_FILE: &str = "qari-manifest.json";
/// Beside the manifest: [`files_digest`](crate::library::files_digest) of its files, so that a warm `qari search` can tell the
/// index is current without parsing a manifest of 100,000 entries.
pub const DIGEST_FILE: &str = "qari-manifest.digest";

impl Manifest {
    /// Reads the manifest of an index directory; `None` when absent or unreadable (the caller
    /// rebuilds).
    pub fn read(dir: &Path) -> Option<Manifest> {
        let bytes = fs::read(dir.join(MANIFEST_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the manifest atomically (qari's one atomic writer), then its digest. A crash
    /// between the two leaves a digest that does not match: the slow path checks properly.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        crate::library::store::write_atomically(&dir.join(MANIFEST_FILE), &json)?;
        let d = self.digest();
        let text = format!("{} {d:016x}\n", self.schema_version);
        crate::library::store::write_atomically(&dir.join(DIGEST_FILE), text.as_bytes())
    }

    /// [`digest`] of the files the manifest holds.
    pub fn digest(&self) -> u64 {
        crate::library::files_digest(
            self.files
                .iter()
                .map(|(k, e)| (k.as_str(), e.fingerprint.size, e.fingerprint.hash)),
        )
    }

    /// The schema version and digest written beside the manifest in `dir`.
    pub fn read_digest(dir: &Path) -> Option<(u32, u64)> {
        let text = fs::read_to_string(dir.join(DIGEST_FILE)).ok()?;
        let (version, d) = text.trim().split_once(' ')?;
        Some((version.parse().ok()?, u64::from_str_radix(d, 16).ok()?))
    }
}

/// What has to happen to bring the index up to date.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
    /// The manifest to write once the plan is applied.
    pub next: Manifest,
}

impl Plan {
    pub fn is_noop(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// Files whose stories must be (re-)indexed.
    pub fn to_index(&self) -> impl Iterator<Item = &String> {
        self.added.iter().chain(&self.changed)
    }

    /// Files whose old documents must be deleted first.
    pub fn to_delete(&self) -> impl Iterator<Item = &String> {
        self.changed.iter().chain(&self.removed)
    }
}

/// Compares the library's files with the manifest.
pub fn plan(old: &Manifest, library: &Library, schema_version: u32) -> Plan {
    let mut plan = Plan {
        next: Manifest {
            schema_version,
            files: BTreeMap::new(),
        },
        ..Plan::default()
    };
    for file in library.files() {
        let previous = old.files.get(&file.key);
        let same = previous.is_some_and(|p| {
            p.fingerprint.hash == file.fingerprint.hash
                && p.fingerprint.size == file.fingerprint.size
                && p.stories == file.stories
        });
        match (previous, same) {
            (None, _) => plan.added.push(file.key.clone()),
            (Some(_), false) => plan.changed.push(file.key.clone()),
            (Some(_), true) => plan.unchanged += 1,
        }
        plan.next.files.insert(
            file.key.clone(),
            FileEntry {
                fingerprint: file.fingerprint,
                stories: file.stories.clone(),
            },
        );
    }
    let current: BTreeSet<&String> = library.files().iter().map(|f| &f.key).collect();
    plan.removed = old
        .files
        .keys()
        .filter(|k| !current.contains(k))
        .cloned()
        .collect();
    plan
}

/// The directory of one archive's index inside the cache root.
pub fn index_dir(root: &Path, key: &str) -> PathBuf {
    root.join("index").join(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::story;

    fn lib(stories: Vec<crate::model::Story>) -> Library {
        Library::from_stories(stories)
    }

    #[test]
    fn first_run_adds_everything_second_run_does_nothing() {
        let l = lib(vec![
            story(1, "a.txt", "عنوان", "نص"),
            story(2, "b.txt", "t", "b"),
        ]);
        let p = plan(&Manifest::default(), &l, 1);
        assert_eq!(p.added, vec!["a.txt".to_owned(), "b.txt".to_owned()]);
        let again = plan(&p.next, &l, 1);
        assert!(again.is_noop());
        assert_eq!(again.unchanged, 2);
    }

    #[test]
    fn changed_removed_and_moved_stories_are_detected() {
        let before = lib(vec![
            story(1, "a.txt", "x", "one"),
            story(2, "b.txt", "y", "two"),
        ]);
        let p = plan(&Manifest::default(), &before, 1);
        let after = lib(vec![
            story(1, "a.txt", "x", "one, edited"),
            story(3, "c.txt", "z", "3"),
        ]);
        let q = plan(&p.next, &after, 1);
        assert_eq!(q.changed, vec!["a.txt".to_owned()]);
        assert_eq!(q.added, vec!["c.txt".to_owned()]);
        assert_eq!(q.removed, vec!["b.txt".to_owned()]);
        // the same text, another story id from the file (de-duplication moved one)
        let mut moved = q.next.clone();
        if let Some(e) = moved.files.get_mut("a.txt") {
            e.stories = vec![StoryId(9)];
        }
        let r = plan(&moved, &after, 1);
        assert_eq!(r.changed, vec!["a.txt".to_owned()]);
    }

    #[test]
    fn a_new_time_with_the_same_content_is_unchanged() {
        let l = lib(vec![story(1, "a.txt", "title", "body")]);
        let p = plan(&Manifest::default(), &l, 1);
        let mut old = p.next.clone();
        if let Some(e) = old.files.get_mut("a.txt") {
            e.fingerprint.mtime_ns = Some(1);
        }
        assert!(plan(&old, &l, 1).is_noop());
    }

    #[test]
    fn manifest_round_trips_atomically() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = plan(
            &Manifest::default(),
            &lib(vec![story(1, "a.txt", "x", "y")]),
            3,
        );
        p.next.write(dir.path()).expect("write manifest");
        assert_eq!(Manifest::read(dir.path()), Some(p.next));
        fs::write(dir.path().join(MANIFEST_FILE), "{not json").expect("write");
        assert_eq!(Manifest::read(dir.path()), None);
    }
}
