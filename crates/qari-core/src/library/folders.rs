//! The folder stamp: what the last full walk of an archive confirmed, so that `qari search` can
//! answer from the index after looking at the archive's folders alone, not at every file.
//!
//! A full freshness check stats every file (about 60 ms for 80,000 files on two cores, more
//! than the whole of a warm search); a folder's change time moves whenever an entry inside it
//! is added, removed, renamed or replaced by a rename (`rsync`, `sed -i`, editors that save
//! through a temporary file), so comparing the folders' times (a hundred `stat`s for a hundred
//! folders) tells whether the set of files is still the one the catalog describes.
//!
//! What it cannot tell: a file rewritten in place (opened and truncated, as `cp` over an
//! existing file does) changes the file's times and not its folder's. So only `search` trusts
//! the stamp; `list`, `show`, `related` and the reader walk every file, and each such walk
//! writes a new stamp with the new catalog's digest, after which `search` brings the index up
//! to date. `qari search --rescan` walks every file first.
//!
//! Kept beside the catalog (`<cache>/catalog/<archive key>.dirs`), written atomically, only
//! when it changed; an unreadable or foreign stamp is ignored (the full check runs).
//!
//! A folder whose change time is within [`RACY_NS`] of the walk's start is recorded as
//! unknown: the file system's clock ticks coarsely, and a file added in the same tick, after
//! the walk listed the folder, would leave the time as it was.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::Header;
use super::{Archive, store};
use crate::loader::walk::{self, Walk};
use crate::loader::{LoadError, Problem};

/// Bumped when the stamp's shape changes.
const VERSION: u32 = 2;
/// A change this recent at walk time is not trusted (see the module doc).
const RACY_NS: u64 = 2_000_000_000;

/// What a full walk confirmed about an archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    version: u32,
    archive: String,
    /// The catalog's digest of its files (`Header::digest`): what the index must hold.
    pub digest: u64,
    /// Files inside the folders that are not articles.
    pub skipped: usize,
    /// The load problems the catalog records, by file key.
    errors: Vec<(String, Problem)>,
    /// Each folder walked (and root that is a file) by key, with its change time (0: unknown).
    folders: Vec<(String, u64)>,
}

/// Where the stamp of the archive whose catalog is at `catalog` lives: beside it.
pub fn beside(catalog: &Path) -> PathBuf {
    catalog.with_extension("dirs")
}

impl Stamp {
    /// The stamp of a walk that found exactly what a catalog with `digest` describes.
    pub fn new(
        archive: &Archive,
        walked: &Walk,
        digest: u64,
        errors: Vec<(String, Problem)>,
    ) -> Stamp {
        let folders = walked
            .folders
            .iter()
            .map(|f| {
                let trusted =
                    f.changed_ns != 0 && f.changed_ns.saturating_add(RACY_NS) < walked.started_ns;
                (
                    archive.file_key(f.root, &f.rel),
                    if trusted { f.changed_ns } else { 0 },
                )
            })
            .collect();
        Stamp {
            version: VERSION,
            archive: archive.key(),
            digest,
            skipped: walked.skipped,
            errors,
            folders,
        }
    }

    /// The stamp kept at `path` for `archive`, if there is a usable one.
    pub fn read(path: &Path, archive: &Archive) -> Option<Stamp> {
        let bytes = std::fs::read(path).ok()?;
        let stamp: Stamp = postcard::from_bytes(&bytes).ok()?;
        (stamp.version == VERSION && stamp.archive == archive.key()).then_some(stamp)
    }

    /// Writes the stamp to `path` unless the one there says the same; failures are ignored
    /// (the stamp only saves time: without it `search` walks every file).
    pub fn save(&self, path: &Path) {
        let Ok(bytes) = postcard::to_allocvec(self) else {
            return;
        };
        if std::fs::read(path).is_ok_and(|old| old == bytes) {
            return;
        }
        let _ = store::write_parts_atomically(path, &[&bytes], store::Durability::Cache);
    }

    /// Is every folder as the walk left it (same change time), so that the archive still
    /// holds the files the catalog describes, barring files rewritten in place?
    pub fn holds(&self, archive: &Archive) -> bool {
        let same = |(key, changed): &(String, u64)| {
            *changed != 0
                && std::fs::metadata(archive.display_path(key))
                    .is_ok_and(|m| walk::changed_ns(&m) == *changed)
        };
        if self.folders.len() > 64 {
            self.folders.par_iter().all(same)
        } else {
            self.folders.iter().all(same)
        }
    }

    /// The load problems, as errors naming each file where it is now.
    pub fn errors(&self, archive: &Archive) -> Vec<LoadError> {
        self.errors
            .iter()
            .map(|(key, p)| LoadError::new(archive.display_path(key), p.clone()))
            .collect()
    }
}

/// Records what a full walk confirmed for `search` (`folders::Stamp`): the walk found the
/// files `header` describes. A walk with errors (a folder that could not be listed) removes
/// the stamp instead: the next search then walks too.
pub(super) fn record(
    catalog: Option<&Path>,
    archive: &Archive,
    walked: &walk::Walk,
    header: &Header,
) {
    let Some(path) = catalog.map(beside) else {
        return;
    };
    if !walked.errors.is_empty() {
        return forget(&path);
    }
    let errors = header
        .files
        .iter()
        .flat_map(|r| r.errors.iter().map(|p| (r.key.clone(), p.clone())))
        .collect();
    Stamp::new(archive, walked, header.digest, errors).save(&path);
}

/// Removes the stamp at `path` (a walk that could not see everything): the next search walks.
pub fn forget(path: &Path) {
    let _ = std::fs::remove_file(path);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn walked(root: &Path) -> (Archive, Walk) {
        let paths = [root.to_path_buf()];
        (Archive::new(&paths), walk::walk(&paths))
    }

    #[test]
    fn holds_until_a_folder_changes_and_never_for_a_fresh_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir_all(dir.path().join("a/b")).expect("mkdir");
        fs::write(dir.path().join("a/b/s.txt"), "t\n\nb\n").expect("write");
        let (archive, mut walk) = walked(dir.path());
        assert_eq!(walk.folders.len(), 3, "the root, a and a/b");
        // just made: inside the window a walk distrusts
        assert!(!Stamp::new(&archive, &walk, 1, Vec::new()).holds(&archive));
        // as if walked long after
        walk.started_ns = u64::MAX;
        let stamp = Stamp::new(&archive, &walk, 1, Vec::new());
        assert!(stamp.holds(&archive));
        fs::write(dir.path().join("a/b/new.txt"), "t\n\nb\n").expect("write");
        assert!(!stamp.holds(&archive), "a new file deep inside");
    }

    #[test]
    fn a_file_named_as_a_root_is_stamped_itself_so_a_rewrite_in_place_shows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (file, folder) = (dir.path().join("one.txt"), dir.path().join("news"));
        fs::write(&file, "t\n\nb\n").expect("write");
        fs::create_dir(&folder).expect("mkdir");
        let paths = [folder.clone(), file.clone()];
        let archive = Archive::new(&paths);
        let mut walk = walk::walk(&paths);
        walk.started_ns = u64::MAX;
        let stamp = Stamp::new(&archive, &walk, 1, Vec::new());
        // the same archive typed in the other order
        let swapped = Archive::new(&[file.clone(), folder]);
        assert!(stamp.holds(&swapped));
        // a change time has nanoseconds on the file systems qari runs on; wait past a tick
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&file, "t\n\nc\n").expect("rewrite in place");
        assert!(!stamp.holds(&archive), "the file's own change time moved");
    }

    #[test]
    fn a_stamp_is_read_back_only_for_its_own_archive() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (one, two) = (dir.path().join("one"), dir.path().join("two"));
        for d in [&one, &two] {
            fs::create_dir(d).expect("mkdir");
        }
        let (archive, walk) = walked(&one);
        let problem = Problem::Binary;
        let stamp = Stamp::new(&archive, &walk, 7, vec![("x.txt".into(), problem)]);
        let path = dir.path().join("c.dirs");
        stamp.save(&path);
        let back = Stamp::read(&path, &archive).expect("read back");
        assert_eq!(back, stamp);
        assert_eq!(back.errors(&archive)[0].path, one.join("x.txt"));
        assert!(Stamp::read(&path, &Archive::new(&[two])).is_none());
        fs::write(&path, b"garbage").expect("write");
        assert!(Stamp::read(&path, &archive).is_none());
        forget(&path);
        assert!(!path.exists());
    }
}
