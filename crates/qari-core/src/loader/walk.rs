//! Listing the files of an archive: the paths given, folders walked recursively.
//!
//! - Stable order: paths as given; inside a folder, entries sorted by name (byte order), walked
//!   depth-first. The same archive gives the same story order on every run and machine.
//! - Hidden entries (names starting with `.`) inside folders are skipped; a hidden path named
//!   on the command line is read, since the user asked for it.
//! - Symbolic links are followed, and each folder is entered once (by device and inode), so a
//!   link back up the tree ends the descent instead of looping. A file reached twice (a link
//!   to a file already listed) is listed once.
//! - Folders contribute article files only (`loader::is_archive_file`); files named directly
//!   are read whatever their extension.
//! - Only reads metadata and directory listings; never writes.
//! - Every file comes with what its `stat` said (size, modification time): that is the
//!   catalog's freshness check, so a warm start costs one walk. The calling thread lists the
//!   folders while the thread pool stats their files, in batches across folders (the stats are
//!   most of the walk's time on a big archive); files are handed on in archive order.
//! - Every folder comes with its change time, for the folder stamp a warm search trusts
//!   (`library::folders`).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::{LoadError, Problem, is_archive_file};

/// One article file found, with the `stat` that found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The path as reached from the path given (the root as typed, joined with `rel`).
    pub path: PathBuf,
    /// Which of the given paths it was found under.
    pub root: usize,
    /// Its path relative to that root, `/`-separated; a root that is a file: its file name.
    pub rel: String,
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: u64,
}

/// A folder walked (or a root that is a file), and when its entry last changed: what a
/// search that trusts folder times compares (`library::folders`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    /// Which of the given paths it is under, as [`Found::root`].
    pub root: usize,
    /// Relative to that root (`""`: the root itself).
    pub rel: String,
    /// The change time (`ctime`, nanoseconds since the epoch; the modification time where
    /// there is none) of the folder itself: it moves whenever an entry is added, removed or
    /// renamed inside it, or the folder's own permissions change. 0 when unknown.
    pub changed_ns: u64,
}

/// The files found, in archive order, the paths that could not be listed, and how many
/// files inside folders were left alone as not articles (images, PDFs, archives …).
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<Found>,
    pub errors: Vec<LoadError>,
    pub skipped: usize,
    /// Every folder walked, and every root that is a file, in walk order.
    pub folders: Vec<Folder>,
    /// When the walk began (nanoseconds since the epoch): a folder that changed as late as
    /// this may change again within the same tick of the file system's clock unseen.
    pub started_ns: u64,
}

/// Lists the article files under `paths`.
pub fn walk(paths: &[PathBuf]) -> Walk {
    let started_ns = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    let mut walker = Walker::default();
    walker.walk(paths);
    Walk {
        files: walker.files,
        errors: walker.errors,
        skipped: walker.skipped,
        folders: walker.folders,
        started_ns,
    }
}

/// Walks `paths` as [`walk`] does, handing each file to `visit` in archive order instead of
/// keeping a list (a freshness check of 100,000 files then holds one at a time); stops at the
/// first file `visit` returns `false` for. The paths that could not be walked, and whether
/// every file was visited.
pub fn visit(paths: &[PathBuf], visit: &mut dyn FnMut(Found) -> bool) -> (Vec<LoadError>, bool) {
    let mut walker = Walker {
        visit: Some(visit),
        ..Walker::default()
    };
    walker.walk(paths);
    (walker.errors, !walker.stopped)
}

/// Nanoseconds since the Unix epoch of a file's modification time; 0 when the platform or
/// the file system does not tell.
pub fn mtime_ns(meta: &fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// The change time of a folder or file ([`Folder::changed_ns`]).
pub fn changed_ns(meta: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (secs, nanos) = (meta.ctime(), meta.ctime_nsec());
        u64::try_from(secs)
            .ok()
            .and_then(|s| s.checked_mul(1_000_000_000))
            .and_then(|s| s.checked_add(u64::try_from(nanos).ok()?))
            .unwrap_or(0)
    }
    #[cfg(not(unix))]
    {
        mtime_ns(meta)
    }
}

#[derive(Default)]
struct Walker<'v> {
    root: usize,
    files: Vec<Found>,
    /// Handed each file instead of `files` ([`visit`]); `stopped` once it says stop.
    visit: Option<&'v mut dyn FnMut(Found) -> bool>,
    stopped: bool,
    errors: Vec<LoadError>,
    skipped: usize,
    folders: Vec<Folder>,
    /// Files listed, waiting for their stat ([`Walker::flush`]), and the batches sent.
    pending: Vec<Pending>,
    in_flight: std::collections::VecDeque<std::sync::mpsc::Receiver<Vec<Pending>>>,
    seen_dirs: HashSet<Key>,
    seen_files: HashSet<Key>,
}

/// What makes two paths the same file: device and inode on Unix (one `stat`, which the walk
/// has already done), the canonical path elsewhere.
#[cfg(unix)]
type Key = (u64, u64);
#[cfg(not(unix))]
type Key = PathBuf;

#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)] // same signature as the portable version
fn key(_path: &Path, meta: &fs::Metadata) -> std::io::Result<Key> {
    use std::os::unix::fs::MetadataExt;
    Ok((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn key(path: &Path, _meta: &fs::Metadata) -> std::io::Result<Key> {
    fs::canonicalize(path)
}

impl Walker<'_> {
    fn walk(&mut self, paths: &[PathBuf]) {
        for (root, path) in paths.iter().enumerate() {
            if self.stopped {
                return;
            }
            // Files are handed on in order: the pending ones of the root before come first.
            self.flush(true);
            self.root = root;
            match fs::metadata(path) {
                Ok(meta) if meta.is_dir() => self.dir(path, "", &meta),
                Ok(meta) if meta.is_file() => {
                    let rel = path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    self.folders.push(Folder {
                        root,
                        rel: rel.clone(),
                        changed_ns: changed_ns(&meta),
                    });
                    self.file(path, rel, &meta);
                }
                Ok(_) => self.error(path, Problem::NotFileOrFolder),
                Err(e) => self.error(path, Problem::inaccessible(&e)),
            }
        }
        self.flush(true);
    }

    fn error(&mut self, path: &Path, problem: Problem) {
        self.errors.push(LoadError::new(path, problem));
    }

    fn file(&mut self, path: &Path, rel: String, meta: &fs::Metadata) {
        // A file whose identity cannot be told is listed: reading it will say what is wrong.
        if key(path, meta).map_or(true, |k| self.seen_files.insert(k)) {
            let found = Found {
                path: path.to_path_buf(),
                root: self.root,
                rel,
                size: meta.len(),
                mtime_ns: mtime_ns(meta),
            };
            match self.visit.as_mut() {
                Some(visit) => self.stopped |= !visit(found),
                None => self.files.push(found),
            }
        }
    }

    fn dir(&mut self, path: &Path, rel: &str, meta: &fs::Metadata) {
        let key = match key(path, meta) {
            Ok(k) => k,
            Err(e) => return self.error(path, Problem::inaccessible(&e)),
        };
        if !self.seen_dirs.insert(key) {
            return; // a symlink loop or a folder reached twice
        }
        self.folders.push(Folder {
            root: self.root,
            rel: rel.to_owned(),
            changed_ns: changed_ns(meta),
        });
        let entries = match fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => return self.error(path, Problem::unlisted(&e)),
        };
        let mut entries: Vec<fs::DirEntry> = entries
            .filter_map(Result::ok)
            .filter(|e| !is_hidden_name(&e.file_name()))
            .collect();
        entries.sort_by_key(fs::DirEntry::file_name);
        // an export's or a snapshot's own files are read through it, not walked
        let names: Vec<std::ffi::OsString> = entries.iter().map(fs::DirEntry::file_name).collect();
        let bundle = super::bundle::Bundle::of(names.iter().map(std::ffi::OsString::as_os_str));
        let assets = super::bundle::page_assets(&names);
        if bundle != super::bundle::Bundle::Plain || !assets.is_empty() {
            entries.retain(|e| {
                let name = e.file_name();
                !bundle.leaves_out(&name) && !assets.contains(&name)
            });
        }
        for entry in entries {
            if self.stopped {
                return;
            }
            let name = entry.file_name();
            let child_rel = if rel.is_empty() {
                name.to_string_lossy().into_owned()
            } else {
                format!("{rel}/{}", name.to_string_lossy())
            };
            match entry.file_type() {
                // Most entries: an article file, stat-ed later with the others of its batch.
                Ok(t) if t.is_file() => {
                    if is_archive_file(Path::new(&name)) {
                        self.pending.push(Pending {
                            entry,
                            rel: child_rel,
                            meta: None,
                        });
                    } else {
                        self.skipped += 1;
                    }
                }
                Ok(t) if t.is_dir() => match entry.metadata() {
                    Ok(meta) => self.dir(&entry.path(), &child_rel, &meta),
                    Err(e) => self.error(&entry.path(), Problem::inaccessible(&e)),
                },
                // A symbolic link (followed) or an entry the listing did not type.
                _ => {
                    let child = entry.path();
                    match fs::metadata(&child) {
                        Ok(meta) if meta.is_dir() => self.dir(&child, &child_rel, &meta),
                        Ok(meta) if meta.is_file() && is_archive_file(&child) => {
                            self.pending.push(Pending {
                                entry,
                                rel: child_rel,
                                meta: Some(Ok(meta)),
                            });
                        }
                        Ok(meta) if meta.is_file() => self.skipped += 1,
                        // A dangling link to an article is worth a line; to anything else not.
                        Err(e) if is_archive_file(&child) => {
                            self.error(&child, Problem::inaccessible(&e));
                        }
                        Ok(_) | Err(_) => {}
                    }
                }
            }
        }
        if self.pending.len() >= BATCH {
            self.flush(false);
        }
    }

    /// Sends the pending files to be stat-ed on the thread pool (relative to their open
    /// folders: no path lookup per file) while the walk goes on listing folders, and hands
    /// on the batches that are back, in archive order. `all`: wait for every batch.
    fn flush(&mut self, all: bool) {
        if !self.pending.is_empty() {
            let mut batch = std::mem::take(&mut self.pending);
            let (tx, rx) = std::sync::mpsc::sync_channel(1);
            // The stats are written into the batch itself and it is sent back whole: the
            // pool's threads allocate nothing that the walk then frees.
            let stat = move || {
                for p in &mut batch {
                    if p.meta.is_none() {
                        p.meta = Some(p.entry.metadata());
                    }
                }
                let _ = tx.send(batch);
            };
            // A walk running on the pool itself stats in place: waiting there for a job
            // queued behind it could wait for ever.
            if rayon::current_thread_index().is_some() {
                stat();
            } else {
                rayon::spawn(stat);
            }
            self.in_flight.push_back(rx);
        }
        while self.in_flight.len() > if all { 0 } else { IN_FLIGHT } {
            let Some(rx) = self.in_flight.pop_front() else {
                break;
            };
            for p in rx.recv().unwrap_or_default() {
                if self.stopped {
                    break;
                }
                let path = p.entry.path();
                match p.meta {
                    Some(Ok(meta)) if meta.is_file() => self.file(&path, p.rel, &meta),
                    Some(Err(e)) => self.error(&path, Problem::inaccessible(&e)),
                    // replaced by something else since the listing
                    Some(Ok(_)) | None => {}
                }
            }
        }
    }
}

/// An article file listed, and its stat once made (reached through a link: made already).
struct Pending {
    entry: fs::DirEntry,
    rel: String,
    meta: Option<std::io::Result<fs::Metadata>>,
}

/// Files are stat-ed this many at a time, across folders, at most [`IN_FLIGHT`] batches at
/// once: enough to keep every core busy, few enough that a walk holds little (the reader's
/// freshness check streams the archive).
const BATCH: usize = 1024;
const IN_FLIGHT: usize = 2;

/// Hidden entries (`.git`, `.DS_Store`, editor backups) are skipped everywhere an archive is
/// walked, on disk and in the bundled sample.
pub fn is_hidden_name(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(walk: &Walk, root: &Path) -> Vec<String> {
        walk.files
            .iter()
            .map(|f| {
                let from_path = f
                    .path
                    .strip_prefix(root)
                    .expect("under root")
                    .to_string_lossy()
                    .replace('\\', "/");
                assert_eq!(from_path, f.rel);
                f.rel.clone()
            })
            .collect()
    }

    #[test]
    fn sorted_recursive_hidden_skipped_extensions_filtered() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for f in [
            "b.txt",
            "a.json",
            "sub/c.jsonl",
            "sub/z.txt",
            ".hidden.txt",
            ".git/x.txt",
            "pic.png",
            "sub/notes",
            "page.html",
            "note.md",
            "news.rss",
            "doc.pdf",
        ] {
            let p = root.join(f);
            fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            fs::write(p, "x").expect("write");
        }
        let w = walk(&[root.to_path_buf()]);
        assert!(w.errors.is_empty(), "{:?}", w.errors);
        assert_eq!(
            names(&w, root),
            [
                "a.json",
                "b.txt",
                "news.rss",
                "note.md",
                "page.html",
                "sub/c.jsonl",
                "sub/z.txt"
            ]
        );
        // pic.png, doc.pdf, sub/notes; hidden files are not counted
        assert_eq!(w.skipped, 3);
        // `visit` hands over the same files in the same order, and stops when told.
        let mut seen = Vec::new();
        let (errors, all) = visit(&[root.to_path_buf()], &mut |f| {
            seen.push(f.rel);
            true
        });
        assert!(errors.is_empty() && all);
        assert_eq!(seen, names(&w, root));
        let mut count = 0;
        let (_, all) = visit(&[root.to_path_buf()], &mut |_| {
            count += 1;
            count < 3
        });
        assert!(!all);
        assert_eq!(count, 3, "no file after the one that said stop");
    }

    #[test]
    fn batches_keep_archive_order_and_a_walk_on_the_pool_itself_finishes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        // more files than three batches, across folders, one folder inside another
        let mut expected = Vec::new();
        for (folder, n) in [("a", 1500), ("a/b", 900), ("c", 1700)] {
            fs::create_dir_all(root.join(folder)).expect("mkdir");
            for i in 0..n {
                let rel = format!("{folder}/{i:05}.txt");
                fs::write(root.join(&rel), "x").expect("write");
                expected.push(rel);
            }
        }
        // `a/b` sorts after `a/01499.txt`: depth first, names in byte order
        expected.sort_by_key(|r| r.replace("a/b/", "a/~b/"));
        let w = walk(&[root.to_path_buf()]);
        assert_eq!(names(&w, root), expected);
        assert_eq!(w.folders.len(), 4, "the root, a, a/b, c");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool");
        let on_pool = pool.install(|| walk(&[root.to_path_buf()]));
        assert_eq!(names(&on_pool, root), expected);
    }

    #[test]
    fn explicit_files_are_read_whatever_their_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join(".note");
        fs::write(&p, "x").expect("write");
        let w = walk(std::slice::from_ref(&p));
        assert_eq!(w.files.len(), 1);
        assert_eq!(
            (w.files[0].path.as_path(), w.files[0].rel.as_str()),
            (p.as_path(), ".note")
        );
        assert_eq!(w.files[0].size, 1);
    }

    #[test]
    fn missing_path_is_reported() {
        let w = walk(&[PathBuf::from("/definitely/not/here")]);
        assert!(w.files.is_empty());
        assert_eq!(w.errors.len(), 1);
        assert_eq!(w.errors[0].path, Path::new("/definitely/not/here"));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_survived() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        fs::create_dir_all(root.join("a")).expect("mkdir");
        fs::write(root.join("a/story.txt"), "x").expect("write");
        std::os::unix::fs::symlink(root, root.join("a/loop")).expect("symlink");
        std::os::unix::fs::symlink(root.join("a/story.txt"), root.join("link.txt"))
            .expect("symlink");
        let w = walk(&[root.to_path_buf()]);
        assert_eq!(names(&w, root), ["a/story.txt"]);
    }
}
