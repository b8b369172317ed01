//! Keeping a persisted index in step with the archive without rebuilding it: which stored
//! files were added, changed or removed since the index was last written.
//!
//! Each file is fingerprinted by size and modification time; only when those disagree with the
//! manifest is its content hashed (xxh3), so a `touch` or a copy with new times does not cost
//! a re-index. A file also counts as changed when the stories the library now takes from it
//! are not the ones indexed (de-duplication across files can move a story). Stories that do not
//! come from a real file (the bundled sample, stories built in tests) are fingerprinted by a
//! hash of their text.
//!
//! The manifest is written next to the index, atomically, after the index commit: a crash in
//! between leaves a stale manifest, which only makes the next run re-index those files.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::model::{Story, StoryId};

/// Size, modification time and (when known) content hash of one stored file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub size: u64,
    /// Nanoseconds since the Unix epoch; `None` for stories that are not on disk.
    pub mtime_ns: Option<u64>,
    pub hash: u64,
}

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

impl Manifest {
    /// Reads the manifest of an index directory; `None` when absent or unreadable (the caller
    /// rebuilds).
    pub fn read(dir: &Path) -> Option<Manifest> {
        let bytes = fs::read(dir.join(MANIFEST_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the manifest atomically (temporary file, then rename).
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let tmp = dir.join(format!("{MANIFEST_FILE}.tmp"));
        fs::write(
            &tmp,
            serde_json::to_vec(self).map_err(std::io::Error::other)?,
        )?;
        fs::rename(&tmp, dir.join(MANIFEST_FILE))
    }
}

/// The archive's stories grouped by the file they came from, in archive order.
pub fn group_by_file(stories: &[Story]) -> BTreeMap<String, Vec<&Story>> {
    let mut files: BTreeMap<String, Vec<&Story>> = BTreeMap::new();
    for story in stories {
        files
            .entry(path_key(&story.meta.origin.path))
            .or_default()
            .push(story);
    }
    files
}

/// The string under which a file is known in the manifest and in the index's path field.
pub fn path_key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
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

/// Compares the archive with the manifest. `on_disk`: whether story paths name real files
/// (false for the bundled sample, whose paths must not be looked up in the working folder).
pub fn plan(
    old: &Manifest,
    files: &BTreeMap<String, Vec<&Story>>,
    on_disk: bool,
    schema_version: u32,
) -> Plan {
    let mut plan = Plan {
        next: Manifest {
            schema_version,
            files: BTreeMap::new(),
        },
        ..Plan::default()
    };
    for (key, stories) in files {
        let ids: Vec<StoryId> = stories.iter().map(|s| s.meta.id).collect();
        let disk = if on_disk { stat(Path::new(key)) } else { None };
        let previous = old.files.get(key);
        let (fingerprint, same) = match (disk, previous) {
            (Some((size, mtime)), Some(prev))
                if prev.fingerprint.size == size && prev.fingerprint.mtime_ns == Some(mtime) =>
            {
                (prev.fingerprint, true)
            }
            (Some((size, mtime)), prev) => {
                let hash = fs::read(key).map_or_else(|_| stories_hash(stories), |b| xxh3_64(&b));
                let same = prev.is_some_and(|p| p.fingerprint.hash == hash);
                let fp = Fingerprint {
                    size,
                    mtime_ns: Some(mtime),
                    hash,
                };
                (fp, same)
            }
            (None, prev) => {
                let fp = virtual_fingerprint(stories);
                (fp, prev.is_some_and(|p| p.fingerprint == fp))
            }
        };
        let same = same && previous.is_some_and(|p| p.stories == ids);
        match (previous, same) {
            (None, _) => plan.added.push(key.clone()),
            (Some(_), false) => plan.changed.push(key.clone()),
            (Some(_), true) => plan.unchanged += 1,
        }
        plan.next.files.insert(
            key.clone(),
            FileEntry {
                fingerprint,
                stories: ids,
            },
        );
    }
    let current: BTreeSet<&String> = files.keys().collect();
    plan.removed = old
        .files
        .keys()
        .filter(|k| !current.contains(k))
        .cloned()
        .collect();
    plan
}

fn stat(path: &Path) -> Option<(u64, u64)> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some((meta.len(), u64::try_from(mtime).unwrap_or(u64::MAX)))
}

/// A fingerprint for stories that are not backed by a file: their text, hashed.
fn virtual_fingerprint(stories: &[&Story]) -> Fingerprint {
    let size = stories
        .iter()
        .map(|s| s.meta.title.len() + s.paragraphs.iter().map(String::len).sum::<usize>())
        .sum::<usize>() as u64;
    Fingerprint {
        size,
        mtime_ns: None,
        hash: stories_hash(stories),
    }
}

/// Hash of everything the index stores about some stories.
fn stories_hash(stories: &[&Story]) -> u64 {
    let mut h = Xxh3::new();
    for s in stories {
        let m = &s.meta;
        for part in [
            m.id.to_string().as_str(),
            &m.title,
            m.source.as_deref().unwrap_or(""),
            &m.lang,
            &m.published.map(|p| p.to_string()).unwrap_or_default(),
        ] {
            h.update(part.as_bytes());
            h.update(&[0]);
        }
        for p in &s.paragraphs {
            h.update(p.as_bytes());
            h.update(&[1]);
        }
    }
    h.digest()
}

/// The directory of one archive's index inside the cache root.
pub fn index_dir(root: &Path, key: &str) -> PathBuf {
    root.join("index").join(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::story;

    fn files(stories: &[Story]) -> BTreeMap<String, Vec<&Story>> {
        group_by_file(stories)
    }

    #[test]
    fn first_run_adds_everything_second_run_does_nothing() {
        let stories = vec![
            story(1, "a.txt", "عنوان", "نص"),
            story(2, "b.txt", "t", "b"),
        ];
        let p = plan(&Manifest::default(), &files(&stories), false, 1);
        assert_eq!(p.added, vec!["a.txt".to_owned(), "b.txt".to_owned()]);
        let again = plan(&p.next, &files(&stories), false, 1);
        assert!(again.is_noop());
        assert_eq!(again.unchanged, 2);
    }

    #[test]
    fn changed_removed_and_moved_stories_are_detected() {
        let before = vec![story(1, "a.txt", "x", "one"), story(2, "b.txt", "y", "two")];
        let p = plan(&Manifest::default(), &files(&before), false, 1);
        let after = vec![
            story(1, "a.txt", "x", "one, edited"),
            story(3, "c.txt", "z", "3"),
        ];
        let q = plan(&p.next, &files(&after), false, 1);
        assert_eq!(q.changed, vec!["a.txt".to_owned()]);
        assert_eq!(q.added, vec!["c.txt".to_owned()]);
        assert_eq!(q.removed, vec!["b.txt".to_owned()]);
        // same text, different story ids from the file (de-duplication moved one)
        let moved = vec![
            story(9, "a.txt", "x", "one, edited"),
            story(3, "c.txt", "z", "3"),
        ];
        let r = plan(&q.next, &files(&moved), false, 1);
        assert_eq!(r.changed, vec!["a.txt".to_owned()]);
    }

    #[test]
    fn files_on_disk_use_size_and_mtime_then_content() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        fs::write(&path, "title\n\nbody").expect("write");
        let key = path_key(&path);
        let stories = vec![story(1, &key, "title", "body")];
        let p = plan(&Manifest::default(), &files(&stories), true, 1);
        assert_eq!(p.added.len(), 1);
        assert!(p.next.files[&key].fingerprint.mtime_ns.is_some());
        // a different recorded mtime but the same bytes: unchanged, by content hash
        let mut old = p.next.clone();
        if let Some(e) = old.files.get_mut(&key) {
            e.fingerprint.mtime_ns = Some(1);
        }
        assert!(plan(&old, &files(&stories), true, 1).is_noop());
        // new bytes: changed
        fs::write(&path, "title\n\nother body").expect("write");
        let q = plan(&p.next, &files(&stories), true, 1);
        assert_eq!(q.changed, vec![key]);
    }

    #[test]
    fn manifest_round_trips_atomically() {
        let dir = tempfile::tempdir().expect("temp dir");
        let stories = vec![story(1, "a.txt", "x", "y")];
        let p = plan(&Manifest::default(), &files(&stories), false, 3);
        p.next.write(dir.path()).expect("write manifest");
        assert_eq!(Manifest::read(dir.path()), Some(p.next));
        fs::write(dir.path().join(MANIFEST_FILE), "{not json").expect("write");
        assert_eq!(Manifest::read(dir.path()), None);
    }
}
