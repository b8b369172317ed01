//! Opening an archive through its catalog: walk (one `stat` per file), reuse every unchanged
//! file's stories, parse only what was added or changed, drop what was removed, save the new
//! catalog atomically, resolve.
//!
//! Freshness is decided per file by size and modification time against the catalog; a file
//! whose time changed but whose bytes hash the same (a `touch`, a copy) is re-parsed once and
//! keeps its generation. A catalog that cannot be read (truncated, corrupt, another version) is
//! rebuilt with one note; one that cannot be written (read-only or full disk) leaves qari
//! working from memory with one note. Nothing here writes anywhere but the catalog file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::catalog::{self, Catalog, FileRecord, Header, Rejected};
use super::entry::Entry;
use super::{Archive, FileInfo, Fingerprint, Library, LoadError, read_limited};
use crate::loader::parse_file;
use crate::loader::walk::{self, Found};

/// Files parsed so far of those that need parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// What happened to the persisted catalog, worth one line to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogNote {
    /// The stored catalog was unusable and was rebuilt (why).
    Rebuilt(String),
    /// The new catalog could not be written: qari works from memory this time (why).
    NotSaved(String),
}

impl std::fmt::Display for CatalogNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CatalogNote::Rebuilt(why) => write!(f, "the archive's catalog was rebuilt ({why})"),
            CatalogNote::NotSaved(why) => write!(
                f,
                "cannot save the archive's catalog ({why}); working from memory"
            ),
        }
    }
}

/// An opened archive and how it was opened.
#[derive(Debug, Default)]
pub struct Opened {
    pub library: Library,
    pub errors: Vec<LoadError>,
    pub notes: Vec<CatalogNote>,
    /// Files parsed this time.
    pub parsed: usize,
    /// Files whose stories came from the catalog.
    pub reused: usize,
    /// Files in the catalog that are gone.
    pub removed: usize,
    /// Files inside the folders that are not articles (images, PDFs, archives …).
    pub skipped: usize,
}

/// `$QARI_CACHE_DIR`, else the platform cache dir (`~/.cache/qari` on Linux): where catalogs
/// and search indexes live.
pub fn cache_root() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("QARI_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "qari").map(|d| d.cache_dir().to_path_buf())
}

/// The catalog file of the archive opened from `paths`, under the cache root.
pub fn catalog_path(paths: &[PathBuf]) -> Option<PathBuf> {
    Some(catalog::path_in(&cache_root()?, &Archive::new(paths).key()))
}

/// One file's result: its record and its stories.
type FileResult = (FileRecord, Vec<Entry>);

impl Library {
    /// Opens the archive at `paths` through the catalog at `catalog` (`None`: parse
    /// everything, keep nothing). `progress` is called as files are parsed.
    pub fn load_with(
        paths: &[PathBuf],
        catalog: Option<&Path>,
        progress: &mut dyn FnMut(Progress),
    ) -> Opened {
        let trace = Trace::new();
        let archive = Archive::new(paths);
        let walked = walk::walk(paths);
        trace.mark("walk");
        let mut notes = Vec::new();
        let (header, mut by_record) = read_old(catalog, &archive, &mut notes);
        trace.mark("catalog read");
        let keys: Vec<String> = walked
            .files
            .iter()
            .map(|f| archive.file_key(f.root, &f.rel))
            .collect();
        // The catalog's record of each file key.
        let records_by_key: HashMap<&str, usize> = header
            .files
            .iter()
            .enumerate()
            .map(|(i, rec)| (rec.key.as_str(), i))
            .collect();
        let seq = header.next_seq;
        // Which walked files need parsing.
        let stale: Vec<usize> = (0..walked.files.len())
            .filter(|&i| {
                !records_by_key
                    .get(keys[i].as_str())
                    .is_some_and(|&r| header.files[r].describes(&walked.files[i]))
            })
            .collect();
        let total = stale.len();
        let mut fresh = parse_stale(
            &stale,
            &walked.files,
            &keys,
            progress,
            &|i| {
                records_by_key
                    .get(keys[i].as_str())
                    .map(|&r| &header.files[r])
            },
            seq,
        );
        let removed = count_removed(&header, &keys);
        // Assemble in walk order.
        let mut records = Vec::with_capacity(walked.files.len());
        let mut entries: Vec<(u32, Entry)> = Vec::new();
        let mut files = Vec::with_capacity(walked.files.len());
        let mut errors = walked.errors;
        for (i, found) in walked.files.iter().enumerate() {
            let file = u32::try_from(i).unwrap_or(u32::MAX);
            let (record, stories) = if let Some(result) = fresh.remove(&i) {
                result
            } else {
                let r = records_by_key[keys[i].as_str()];
                let rec = header.files[r].clone();
                let entries = std::mem::take(&mut by_record[r])
                    .into_iter()
                    .map(|s| Entry::from_stored(s, &found.path, rec.seq))
                    .collect();
                (rec, entries)
            };
            errors.extend(load_errors(&record, &found.path));
            files.push(file_info(&record, found.path.clone()));
            entries.extend(stories.into_iter().map(|e| (file, e)));
            records.push(record);
        }
        drop(by_record);
        trace.mark("parse and assemble");
        let changed = total > 0 || removed > 0 || catalog.is_some_and(|p| !p.exists());
        let next_seq = if total > 0 { seq + 1 } else { seq };
        let stored = if changed && catalog.is_some() {
            Some(
                entries
                    .iter()
                    .map(|(_, e)| e.to_stored())
                    .collect::<Vec<_>>(),
            )
        } else {
            None
        };
        let library = Library::resolve(entries, files);
        trace.mark("resolve");
        if let (Some(path), Some(stories)) = (catalog, stored) {
            let header = Header {
                archive: archive.key(),
                next_seq,
                files: records,
                resolved: library.len() as u64,
            };
            notes.extend(save(path, &Catalog { header, stories }));
        }
        trace.mark("catalog write");
        Opened {
            library,
            errors,
            notes,
            parsed: total,
            reused: walked.files.len() - total,
            removed,
            skipped: walked.skipped,
        }
    }

    /// The stories of the stored catalog as they were, without looking at the archive (the
    /// reader shows these first, then checks freshness in the background). `None` when there
    /// is no usable catalog.
    pub fn from_catalog(paths: &[PathBuf], catalog: &Path) -> Option<Opened> {
        let trace = Trace::new();
        let archive = Archive::new(paths);
        // Stories are converted a chunk at a time as they are decoded: never two copies.
        let mut entries = Vec::new();
        // Where each record's file is shown from, worked out once, on the first chunk.
        let mut paths: Vec<PathBuf> = Vec::new();
        // The record the next story belongs to, and how many of its stories are still to come.
        let (mut record, mut left_in_record) = (0usize, 0u32);
        let mut sink = |header: &Header, chunk: Vec<catalog::Stored>| {
            if paths.is_empty() {
                paths = header
                    .files
                    .iter()
                    .map(|r| archive.display_path(&r.key))
                    .collect();
                entries.reserve(header.files.iter().map(|f| f.stories as usize).sum());
            }
            for s in chunk {
                while left_in_record == 0 && record < header.files.len() {
                    left_in_record = header.files[record].stories;
                    record += 1;
                }
                left_in_record = left_in_record.saturating_sub(1);
                let r = record.saturating_sub(1);
                let file = u32::try_from(r).unwrap_or(u32::MAX);
                entries.push((file, Entry::from_stored(s, &paths[r], header.files[r].seq)));
            }
        };
        let header = catalog::read_with(catalog, &archive.key(), Some(&mut sink)).ok()?;
        trace.mark("catalog read (reader)");
        if paths.is_empty() {
            paths = header
                .files
                .iter()
                .map(|r| archive.display_path(&r.key))
                .collect();
        }
        let mut errors = Vec::new();
        let mut files = Vec::with_capacity(header.files.len());
        for (rec, path) in header.files.iter().zip(paths) {
            errors.extend(load_errors(rec, &path));
            files.push(file_info(rec, path));
        }
        trace.mark("entries (reader)");
        let library = Library::resolve(entries, files);
        trace.mark("resolve (reader)");
        Some(Opened {
            library,
            errors,
            reused: header.files.len(),
            ..Opened::default()
        })
    }

    /// When the stored catalog still describes the archive exactly (every file there, with
    /// its size and time, and no other): what its header says — the number of stories, the
    /// load errors, the files' fingerprints — without decoding a single story. `None`:
    /// something changed (or there is no usable catalog), open it properly.
    pub fn fresh(paths: &[PathBuf], catalog: &Path) -> Option<Fresh> {
        let archive = Archive::new(paths);
        let cat = catalog::read(catalog, &archive.key(), false).ok()?;
        let walked = walk::walk(paths);
        if walked.files.len() != cat.header.files.len() || !walked.errors.is_empty() {
            return None;
        }
        let mut errors = Vec::new();
        for (found, rec) in walked.files.iter().zip(&cat.header.files) {
            if rec.key != archive.file_key(found.root, &found.rel) || !rec.describes(found) {
                return None;
            }
            errors.extend(load_errors(rec, &found.path));
        }
        Some(Fresh {
            stories: usize::try_from(cat.header.resolved).ok()?,
            errors,
            files: cat
                .header
                .files
                .into_iter()
                .map(|r| (r.key, r.size, r.hash))
                .collect(),
            skipped: walked.skipped,
        })
    }

    /// The number of stories and the load errors when the catalog is fresh ([`Self::fresh`]).
    pub fn count_if_fresh(paths: &[PathBuf], catalog: &Path) -> Option<(usize, Vec<LoadError>)> {
        Library::fresh(paths, catalog).map(|f| (f.stories, f.errors))
    }
}

/// What a fresh catalog's header tells without its stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fresh {
    /// Stories after de-duplication.
    pub stories: usize,
    pub errors: Vec<LoadError>,
    /// Each file's key, size and content hash, in archive order.
    pub files: Vec<(String, u64, u64)>,
    /// Files inside the folders that are not articles.
    pub skipped: usize,
}

impl FileRecord {
    /// Does this record still describe the file the walk found (same size and modification
    /// time; a file whose time is unknown is always read again)?
    fn describes(&self, found: &Found) -> bool {
        self.size == found.size && self.mtime_ns == found.mtime_ns && found.mtime_ns != 0
    }
}

/// How many of the catalog's files the walk did not find.
fn count_removed(header: &Header, keys: &[String]) -> usize {
    let current: std::collections::HashSet<&str> = keys.iter().map(String::as_str).collect();
    header
        .files
        .iter()
        .filter(|r| !current.contains(r.key.as_str()))
        .count()
}

/// The library's view of a catalog file record, read from `path`.
fn file_info(rec: &FileRecord, path: PathBuf) -> FileInfo {
    FileInfo {
        key: rec.key.clone(),
        path,
        fingerprint: Fingerprint {
            size: rec.size,
            mtime_ns: Some(rec.mtime_ns),
            hash: rec.hash,
        },
        stories: Vec::new(),
    }
}

/// The load problems a record keeps, as errors naming the file where it is now.
fn load_errors<'r>(rec: &'r FileRecord, path: &'r Path) -> impl Iterator<Item = LoadError> + 'r {
    rec.errors
        .iter()
        .map(move |r| LoadError::new(path, r.clone()))
}

/// Writes the catalog atomically; the note to give when it cannot be.
fn save(path: &Path, catalog: &Catalog) -> Option<CatalogNote> {
    catalog::encode(catalog)
        .and_then(|b| catalog::write_atomically(path, &b))
        .err()
        .map(|e| CatalogNote::NotSaved(e.to_string()))
}

/// The stored catalog's header and each file's stories (in one pass, no copy); a default
/// header when there is none or it is unusable (then with a note).
fn read_old(
    catalog: Option<&Path>,
    archive: &Archive,
    notes: &mut Vec<CatalogNote>,
) -> (Header, Vec<Vec<catalog::Stored>>) {
    let old = match catalog.map(|p| catalog::read(p, &archive.key(), true)) {
        Some(Ok(c)) => Some(c),
        Some(Err(Rejected::Unusable(why))) => {
            notes.push(CatalogNote::Rebuilt(why));
            None
        }
        Some(Err(Rejected::Missing)) | None => None,
    };
    let (header, old_stories) = old.map_or_else(
        || (Header::default(), Vec::new()),
        |c| (c.header, c.stories),
    );
    let mut old_stories = old_stories.into_iter();
    let by_record = header
        .files
        .iter()
        .map(|rec| old_stories.by_ref().take(rec.stories as usize).collect())
        .collect();
    (header, by_record)
}

/// Parses the stale files (indices into `found`) in parallel, a chunk at a time, reporting
/// progress between chunks.
fn parse_stale<'h>(
    stale: &[usize],
    found: &[Found],
    keys: &[String],
    progress: &mut dyn FnMut(Progress),
    previous: &(dyn Fn(usize) -> Option<&'h FileRecord> + Sync),
    seq: u64,
) -> HashMap<usize, FileResult> {
    let mut fresh: HashMap<usize, FileResult> = HashMap::with_capacity(stale.len());
    let total = stale.len();
    progress(Progress { done: 0, total });
    for chunk in stale.chunks(256) {
        let results: Vec<(usize, FileResult)> = chunk
            .par_iter()
            .map(|&i| (i, parse_one(&found[i], &keys[i], previous(i), seq)))
            .collect();
        fresh.extend(results);
        progress(Progress {
            done: fresh.len(),
            total,
        });
    }
    fresh
}

/// Reads and parses one file into its catalog record and stories.
fn parse_one(found: &Found, key: &str, previous: Option<&FileRecord>, seq: u64) -> FileResult {
    let (hash, parsed) = match read_limited(&found.path) {
        Ok(bytes) => (xxh3_64(&bytes), parse_file(&found.path, &bytes)),
        Err(reason) => (
            0,
            crate::loader::Parsed {
                stories: Vec::new(),
                errors: vec![LoadError::new(&found.path, reason)],
            },
        ),
    };
    // A file that was there before keeps its generation (a rewrite is not a new file).
    let seq = previous.map_or(seq, |p| p.seq);
    let entries: Vec<Entry> = parsed
        .stories
        .into_iter()
        .map(|s| Entry::of(s, seq))
        .collect();
    let record = FileRecord {
        key: key.to_owned(),
        size: found.size,
        mtime_ns: found.mtime_ns,
        hash,
        seq,
        errors: parsed.errors.into_iter().map(|e| e.reason).collect(),
        stories: u32::try_from(entries.len()).unwrap_or(u32::MAX),
    };
    (record, entries)
}

/// Phase timings on stderr when `QARI_TRACE` is set (for `benches/scale.sh` and profiling).
struct Trace(Option<std::cell::Cell<std::time::Instant>>);

impl Trace {
    fn new() -> Trace {
        Trace(
            std::env::var_os("QARI_TRACE").map(|_| std::cell::Cell::new(std::time::Instant::now())),
        )
    }

    fn mark(&self, what: &str) {
        if let Some(at) = &self.0 {
            let now = std::time::Instant::now();
            eprintln!(
                "qari trace: {what}: {:.1} ms",
                (now - at.get()).as_secs_f64() * 1e3
            );
            at.set(now);
        }
    }
}
