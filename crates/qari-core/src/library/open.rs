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
use std::sync::Arc;

use super::catalog::{self, FileRecord, Header, Rejected, Stored};
use super::entry::Entry;
use super::{Archive, FileInfo, Fingerprint, Library, LoadError, folders, graph};
use crate::loader::walk::{self, Found};

mod layout;
mod parse;
mod persist;
mod update;
use crate::trace::Trace;
use parse::parse_stale;
use persist::persist;

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

/// The catalog write of an open that found the archive changed (see
/// [`Library::load_deferred`]): the new catalog, then the folder stamp beside it.
pub struct PendingSave {
    catalog: Option<PathBuf>,
    archive: Archive,
    walked: walk::Walk,
    header: Header,
    /// The update and raw sections (`None`: nothing to write, only the stamp).
    raw: Option<persist::RawSection>,
}

impl PendingSave {
    /// Writes the catalog of `library` (the one this open made) and stamps the folders; the
    /// note to give when the catalog cannot be written.
    pub fn run(self, library: &Library) -> Option<CatalogNote> {
        let trace = Trace::start();
        let note = persist(
            self.catalog.as_deref(),
            &self.archive,
            &self.walked,
            &self.header,
            library,
            self.raw,
        );
        trace.mark("catalog write");
        match &note {
            Some(note) => log::warn!("{note}"),
            None => log::debug!("catalog written: {} stories", library.len()),
        }
        note
    }
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
        let (mut opened, save) = Library::load_deferred(paths, catalog, progress);
        if let Some(save) = save {
            opened.notes.extend(save.run(&opened.library));
        }
        opened
    }

    /// [`Self::load_with`], leaving the catalog write — when something changed — to the
    /// caller, to run beside its use of the library (`qari list` prints while the catalog is
    /// written). The save must be run for the catalog to describe the archive.
    pub fn load_deferred(
        paths: &[PathBuf],
        catalog: Option<&Path>,
        progress: &mut dyn FnMut(Progress),
    ) -> (Opened, Option<PendingSave>) {
        let trace = Trace::start();
        let archive = Archive::new(paths);
        let walked = walk::walk(paths);
        trace.mark("walk");
        let mut notes = Vec::new();
        let reader = match open_unchanged(paths, catalog, &archive, &walked, &mut notes) {
            Ok(opened) => {
                log::debug!(
                    "opened {} from its catalog, unchanged: {} stories",
                    archive.key(),
                    opened.library.len()
                );
                return (opened, None);
            }
            Err(reader) => reader,
        };
        let mut header = reader
            .as_ref()
            .map(|r| r.header().clone())
            .unwrap_or_default();
        let keys: Vec<String> = walked
            .files
            .iter()
            .map(|f| archive.file_key(f.root, &f.rel))
            .collect();
        let (updated, unchanged, total) =
            parse_and_update(&walked, &keys, reader, &mut header, progress, &mut notes);
        trace.mark("catalog read, update");
        let removed = count_removed(&header, &keys);
        let seq = header.next_seq;
        let (records, errors, files) =
            records_of(&walked, &keys, &updated, &unchanged, &mut header);
        let changed = total > 0 || removed > 0 || catalog.is_some_and(|p| !p.exists());
        let next_seq = if total > 0 { seq + 1 } else { seq };
        let library = Library::from_graph(updated.graph, files);
        trace.mark("library");
        let raw = (changed && catalog.is_some()).then(|| persist::RawSection {
            keys: updated.keys,
            chunks: updated.raw,
            old: updated.old,
        });
        let header = Header {
            archive: archive.key(),
            next_seq,
            digest: super::files_digest(records.iter().map(|r| (r.key.as_str(), r.size, r.hash))),
            files: records,
            resolved: library.len() as u64,
        };
        log::debug!(
            "opened {}: {} stories, {total} files parsed, {} reused, {removed} removed, {} failed, catalog {}",
            archive.key(),
            library.len(),
            walked.files.len() - total,
            errors.len(),
            catalog.map_or_else(|| "none".to_owned(), |p| p.display().to_string()),
        );
        for note in &notes {
            log::warn!("{note}");
        }
        let opened = Opened {
            library,
            errors,
            notes,
            parsed: total,
            reused: walked.files.len() - total,
            removed,
            skipped: walked.skipped,
        };
        let save = PendingSave {
            catalog: catalog.map(Path::to_path_buf),
            archive,
            walked,
            header,
            raw,
        };
        (opened, Some(save))
    }

    /// The stories of the stored catalog as they were, without looking at the archive (the
    /// reader shows these first, then checks freshness in the background). `None` when there
    /// is no usable catalog.
    pub fn from_catalog(paths: &[PathBuf], catalog: &Path) -> Option<Opened> {
        let reader = catalog::open(catalog, &Archive::new(paths).key()).ok()?;
        Library::from_reader(paths, reader)
            .ok()
            .map(|(opened, _)| opened)
    }

    /// [`Self::from_catalog`] from a catalog whose header has been read.
    fn from_reader(
        paths: &[PathBuf],
        reader: catalog::Reader,
    ) -> Result<(Opened, Header), Rejected> {
        let trace = Trace::start();
        let archive = Archive::new(paths);
        let head = reader.header();
        // Where each record's file is shown from.
        let paths: Vec<Arc<Path>> = head
            .files
            .iter()
            .map(|r| Arc::from(archive.display_path(&r.key)))
            .collect();
        let stored: usize = head.files.iter().map(|f| f.stories as usize).sum();
        let n = usize::try_from(head.resolved).map_or(stored, |n| n.min(stored));
        // The resolved library, converted a chunk at a time as it is decoded: never two
        // copies, no keys, nothing to resolve.
        let mut stories = Vec::with_capacity(n);
        let mut file_of = Vec::with_capacity(n);
        let mut broken = false;
        let mut sink = |_: &Header, chunk: Vec<(u32, Stored)>| {
            for (file, s) in chunk {
                let Some(path) = paths.get(file as usize) else {
                    broken = true;
                    continue;
                };
                stories.push(Entry::from_stored(s, path, 0).meta);
                file_of.push(file);
            }
        };
        let header = reader.resolved(&mut sink)?;
        if broken {
            return Err(Rejected::Unusable("a story of no file".into()));
        }
        trace.mark("catalog read (resolved)");
        let mut errors = Vec::new();
        let mut files = Vec::with_capacity(header.files.len());
        for (rec, path) in header.files.iter().zip(paths) {
            errors.extend(load_errors(rec, &path));
            files.push(file_info(rec, path));
        }
        let library = Library::from_graph(graph::from_resolved(stories, file_of), files);
        trace.mark("index (resolved)");
        let opened = Opened {
            library,
            errors,
            reused: header.files.len(),
            ..Opened::default()
        };
        Ok((opened, header))
    }

    /// When the stored catalog still describes the archive exactly (every file there, with
    /// its size and time, and no other): what its header says — the number of stories, the
    /// load errors, the files' fingerprints — without decoding a single story. `None`:
    /// something changed (or there is no usable catalog), open it properly.
    pub fn fresh(paths: &[PathBuf], catalog: &Path) -> Option<Fresh> {
        let trace = Trace::start();
        let archive = Archive::new(paths);
        let cat = catalog::read(catalog, &archive.key(), false).ok()?;
        trace.mark("catalog header");
        let walked = walk::walk(paths);
        trace.mark("walk");
        if !unchanged(recorded(&cat.header), &archive, &walked) {
            return None;
        }
        folders::record(Some(catalog), &archive, &walked, &cat.header);
        let errors = walked
            .files
            .iter()
            .zip(&cat.header.files)
            .flat_map(|(found, rec)| load_errors(rec, &found.path))
            .collect();
        Some(Fresh {
            stories: usize::try_from(cat.header.resolved).ok()?,
            errors,
            digest: cat.header.digest,
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
    /// The catalog's digest of its files (`Header::digest`).
    pub digest: u64,
    /// Files inside the folders that are not articles.
    pub skipped: usize,
}

/// The one freshness rule: a file read before with `size` and modification time `mtime_ns` is
/// unchanged when the walk finds it with the same size and time (a file whose time is unknown
/// is always read again).
fn same_file(size: u64, mtime_ns: u64, found: &Found) -> bool {
    size == found.size && mtime_ns == found.mtime_ns && found.mtime_ns != 0
}

impl FileRecord {
    /// Does this record still describe the file the walk found ([`same_file`])?
    fn describes(&self, found: &Found) -> bool {
        same_file(self.size, self.mtime_ns, found)
    }
}

/// Do `files` (key, size, time) describe exactly what the walk found: the same files in the
/// same order, each unchanged, and nothing that could not be walked?
fn unchanged<'f>(
    files: impl ExactSizeIterator<Item = (&'f str, u64, u64)>,
    archive: &Archive,
    walked: &walk::Walk,
) -> bool {
    walked.errors.is_empty()
        && walked.files.len() == files.len()
        && walked
            .files
            .iter()
            .zip(files)
            .all(|(found, file)| same_entry(file, archive, found))
}

/// Is the file the walk found the one a catalog or library recorded (key, size, time)? Its
/// place in the archive and [`same_file`].
fn same_entry((key, size, mtime): (&str, u64, u64), archive: &Archive, found: &Found) -> bool {
    key == archive.file_key(found.root, &found.rel) && same_file(size, mtime, found)
}

/// Reads the catalog's header once: when the archive is exactly as the catalog describes it,
/// the library from its resolved section, through the same handle (`Ok`); otherwise the
/// reader to update from (`Err`; `None` without a usable catalog, then with a note). An
/// unchanged archive has its folders stamped for `search` (`folders::record`).
fn open_unchanged(
    paths: &[PathBuf],
    catalog: Option<&Path>,
    archive: &Archive,
    walked: &walk::Walk,
    notes: &mut Vec<CatalogNote>,
) -> Result<Opened, Option<catalog::Reader>> {
    let reader = match catalog.map(|p| catalog::open(p, &archive.key())) {
        Some(Ok(r)) => r,
        Some(Err(Rejected::Unusable(why))) => {
            notes.push(CatalogNote::Rebuilt(why));
            return Err(None);
        }
        Some(Err(Rejected::Missing)) | None => return Err(None),
    };
    if !unchanged(recorded(reader.header()), archive, walked) {
        return Err(Some(reader));
    }
    match Library::from_reader(paths, reader) {
        Ok((opened, header)) => {
            folders::record(catalog, archive, walked, &header);
            Ok(Opened {
                skipped: walked.skipped,
                ..opened
            })
        }
        Err(Rejected::Unusable(why)) => {
            notes.push(CatalogNote::Rebuilt(why));
            Err(None)
        }
        Err(Rejected::Missing) => Err(None),
    }
}

/// Parses what is stale and updates the library from the old catalog (`reader`, whose header
/// is `header`); twice only when the old catalog turns out unusable once read (its checksum
/// is known at its end): then every file is parsed, and `header` is emptied. Also: each
/// walked file's old record when it is unchanged, and how many files were parsed.
fn parse_and_update(
    walked: &walk::Walk,
    keys: &[String],
    mut reader: Option<catalog::Reader>,
    header: &mut Header,
    progress: &mut dyn FnMut(Progress),
    notes: &mut Vec<CatalogNote>,
) -> (update::Updated, Vec<Option<usize>>, usize) {
    let trace = Trace::start();
    let mut fresh: HashMap<usize, FileResult> = HashMap::new();
    let mut total = 0;
    loop {
        let records_by_key: HashMap<&str, usize> = header
            .files
            .iter()
            .enumerate()
            .map(|(i, rec)| (rec.key.as_str(), i))
            .collect();
        let stale: Vec<usize> = stale_files(walked, keys, header, &records_by_key)
            .into_iter()
            .filter(|i| !fresh.contains_key(i))
            .collect();
        total += stale.len();
        let previous = |i: usize| {
            records_by_key
                .get(keys[i].as_str())
                .map(|&r| &header.files[r])
        };
        let seq = header.next_seq;
        fresh.extend(parse_stale(
            &stale,
            &walked.files,
            keys,
            progress,
            &previous,
            seq,
        ));
        trace.mark("parse");
        let unchanged: Vec<Option<usize>> = (0..walked.files.len())
            .map(|i| {
                let old = records_by_key.get(keys[i].as_str()).copied();
                old.filter(|_| !fresh.contains_key(&i))
            })
            .collect();
        let view = update::Walked::new(walked, keys, header, &unchanged, &fresh);
        let Some(r) = reader.take() else {
            return (update::build(&view, fresh), unchanged, total);
        };
        match update::update(r, header, &view, fresh) {
            Ok(u) => return (u, unchanged, total),
            Err((why, back)) => {
                if let Rejected::Unusable(why) = why {
                    notes.push(CatalogNote::Rebuilt(why));
                }
                fresh = back;
                *header = Header::default();
            }
        }
    }
}

/// Every walked file's record — parsed now, or the old catalog's, taken out of `header` —
/// with the load errors they keep and the library's view of the files.
fn records_of(
    walked: &walk::Walk,
    keys: &[String],
    updated: &update::Updated,
    unchanged: &[Option<usize>],
    header: &mut Header,
) -> (Vec<FileRecord>, Vec<LoadError>, Vec<FileInfo>) {
    let mut records = Vec::with_capacity(walked.files.len());
    let mut errors = walked.errors.clone();
    let mut files = Vec::with_capacity(walked.files.len());
    for (i, found) in walked.files.iter().enumerate() {
        let record = match (updated.records.get(&i), unchanged[i]) {
            (Some(rec), _) => rec.clone(),
            (None, Some(r)) => std::mem::take(&mut header.files[r]),
            // (every file is one or the other: a record that says nothing, to be sure)
            (None, None) => FileRecord {
                key: keys[i].clone(),
                size: found.size,
                seq: header.next_seq,
                ..FileRecord::default()
            },
        };
        errors.extend(load_errors(&record, &found.path));
        files.push(file_info(&record, Arc::from(found.path.as_path())));
        records.push(record);
    }
    (records, errors, files)
}

/// Which walked files need parsing: those the catalog has no record of, or a record that no
/// longer describes them.
fn stale_files(
    walked: &walk::Walk,
    keys: &[String],
    header: &Header,
    records_by_key: &HashMap<&str, usize>,
) -> Vec<usize> {
    (0..walked.files.len())
        .filter(|&i| {
            !records_by_key
                .get(keys[i].as_str())
                .is_some_and(|&r| header.files[r].describes(&walked.files[i]))
        })
        .collect()
}

/// The header's files as [`unchanged`] compares them.
fn recorded(header: &Header) -> impl ExactSizeIterator<Item = (&str, u64, u64)> {
    header
        .files
        .iter()
        .map(|r| (r.key.as_str(), r.size, r.mtime_ns))
}

impl Library {
    /// Is the archive at `paths` still exactly the files this library was opened from? The
    /// freshness check the reader runs behind the catalog's stories: one walk, compared with
    /// what the library already holds (no second read of the catalog).
    ///
    /// The walk hands the files over one at a time (`walk::visit`), so the check holds no
    /// list of the archive's files beside the library, and stops at the first difference.
    pub fn unchanged_on_disk(&self, paths: &[PathBuf]) -> bool {
        let archive = Archive::new(paths);
        let mut files = self.files.iter().map(|f| {
            let mtime = f.fingerprint.mtime_ns.unwrap_or(0);
            (f.key.as_str(), f.fingerprint.size, mtime)
        });
        let (errors, all) = walk::visit(paths, &mut |found| {
            files
                .next()
                .is_some_and(|file| same_entry(file, &archive, &found))
        });
        all && errors.is_empty() && files.next().is_none()
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
fn file_info(rec: &FileRecord, path: Arc<Path>) -> FileInfo {
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

#[cfg(test)]
mod tests;
