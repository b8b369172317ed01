//! The loaded archive: story metadata in archive order, lookup by id, the link graph ("what
//! does this link to, what links here"), and the bodies, read on demand.
//!
//! Building a library does three things, each linear in the number of stories and links
//! (archives of 100,000 stories and more are in scope), all on keys computed once per file
//! version when it was parsed (`catalog::Keys`):
//!
//! 1. **De-duplication** (`dedup.rs`): an embedded copy and the story's own file are kept
//!    once, the fuller copy; different stories sharing a title get distinct ids.
//! 2. **Link resolution** and 3. **back-links** (`graph.rs`).
//!
//! The library holds no body text for an archive on disk: [`Library::read_body`] reads a
//! story's file and takes its paragraphs (the reader does it through an effect, off the UI
//! thread). Libraries built in memory (tests, the bundled sample) keep their bodies resident.
//!
//! Opening an archive ([`Library::load_with`], `open.rs`) walks it (one `stat` per file, in
//! parallel), takes every unchanged file's stories from the persisted catalog (`catalog.rs`)
//! and parses only added and changed files (rayon; parsing is pure). It only reads the
//! archive; it writes only the catalog, under the cache dir.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

pub use crate::loader::LoadError;
use crate::loader::{self, Format, Parsed, Problem, is_archive_file, parse_file, walk};
use crate::model::{IdMap, Story, StoryId, StoryMeta};

pub mod archive;
pub(crate) mod catalog;
mod dedup;
mod dirs;
pub(crate) mod entry;
pub mod filter;
pub mod folders;
mod graph;
pub mod group;
pub mod open;
pub mod session;
pub mod state;
pub mod store;

pub use archive::Archive;
pub use dirs::Dirs;

/// Why a story's body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// The archive has no story with this id.
    #[error("no story {0}")]
    NoStory(StoryId),
    /// The file no longer holds the story (or cannot be read): it changed after the archive
    /// was opened.
    #[error("{}: changed on disk since the archive was opened", .0.display())]
    Changed(PathBuf),
}
pub use entry::url_key;
pub use open::{CatalogNote, Opened, Progress};

/// The bundled sample archive, embedded at build time.
static SAMPLE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/assets/sample");

/// Files larger than this are not articles; reading them whole would only waste memory.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The whole build of a library from every entry of an archive in archive order (each with
/// its file's index; `file_key` names a file): de-duplication, then every link resolved.
/// What an update through the catalog (`open::update`) must equal.
fn build_graph(
    entries: Vec<(u32, entry::Entry)>,
    file_key: &dyn Fn(u32) -> String,
) -> graph::Graph {
    let copies = dedup::copy_flags(&entries);
    let bases: Vec<u64> = entries.iter().map(|(_, e)| e.meta.id.0).collect();
    graph::resolve(dedup::dedup(entries, &copies, file_key), &bases)
}

/// Size, modification time and content hash of one stored file: what tells qari (the catalog,
/// the search index) that a file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub size: u64,
    /// Nanoseconds since the Unix epoch; `None` for stories that are not on disk.
    pub mtime_ns: Option<u64>,
    pub hash: u64,
}

/// One number for a set of files (key, size, content hash), whatever their order: what the
/// catalog's header records (`Header::digest`) and the search index compares with its own.
pub fn files_digest<'a>(files: impl Iterator<Item = (&'a str, u64, u64)>) -> u64 {
    let mut files: Vec<(&str, u64, u64)> = files.collect();
    files.sort_unstable();
    let mut h = Xxh3::new();
    for (key, size, hash) in files {
        h.update(key.as_bytes());
        h.update(&[0]);
        h.update(&size.to_le_bytes());
        h.update(&hash.to_le_bytes());
    }
    h.digest()
}

/// One file of the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    /// Its stable name (`Archive::file_key`; the path itself for stories built in memory).
    pub key: String,
    /// Where it is read from: the archive's path as typed, joined with the file's.
    pub path: Arc<Path>,
    pub fingerprint: Fingerprint,
    /// The stories the library kept from it, in file order.
    pub stories: Vec<StoryId>,
}

/// Where bodies come from.
#[derive(Debug, Clone, Default)]
enum Bodies {
    /// Read from the files on demand.
    #[default]
    Disk,
    /// Held in memory (built from stories, or the bundled sample).
    Resident(IdMap<StoryId, Arc<Vec<String>>>),
}

/// The archive.
#[derive(Debug, Default, Clone)]
pub struct Library {
    stories: Vec<StoryMeta>,
    /// Index into `files` of each story's file.
    file_of: Vec<u32>,
    by_id: IdMap<StoryId, usize>,
    linked_from: graph::BackLinks,
    files: Vec<FileInfo>,
    bodies: Bodies,
    groups: group::Members,
}

impl Library {
    /// Loads files and folders without a catalog (every file parsed); files that fail are
    /// reported, the rest load.
    pub fn load(paths: &[PathBuf]) -> (Library, Vec<LoadError>) {
        let opened = Library::load_with(paths, None, &mut |_| {});
        (opened.library, opened.errors)
    }

    /// The bundled sample archive (embedded in the binary); paths read `sample/…`.
    pub fn sample() -> (Library, Vec<LoadError>) {
        let mut files = Vec::new();
        collect_embedded(&SAMPLE, &mut files);
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let parsed: Vec<Parsed> = files
            .par_iter()
            .map(|(path, bytes)| parse_file(&Path::new("sample").join(path), bytes))
            .collect();
        let mut errors = Vec::new();
        let mut stories = Vec::new();
        for p in parsed {
            stories.extend(p.stories);
            errors.extend(p.errors);
        }
        (Library::from_stories(stories), errors)
    }

    /// `load(paths)`, or the sample archive when `paths` is empty.
    pub fn open(paths: &[PathBuf]) -> (Library, Vec<LoadError>) {
        if paths.is_empty() {
            Library::sample()
        } else {
            Library::load(paths)
        }
    }

    /// Builds an archive from parsed stories (in archive order), bodies kept in memory:
    /// de-duplicates, resolves links and indexes back-links. Keeps the given order.
    pub fn from_stories(stories: Vec<Story>) -> Library {
        let mut files: Vec<FileInfo> = Vec::new();
        let mut file_index: HashMap<Arc<Path>, u32> = HashMap::new();
        let mut bodies: HashMap<(u32, usize), Arc<Vec<String>>> = HashMap::new();
        let mut hashes: Vec<Xxh3> = Vec::new();
        let mut entries = Vec::with_capacity(stories.len());
        for story in stories {
            let path = story.meta.origin.path.clone();
            let file = *file_index.entry(path.clone()).or_insert_with(|| {
                files.push(FileInfo {
                    key: path.to_string_lossy().into_owned(),
                    path,
                    fingerprint: Fingerprint {
                        size: 0,
                        mtime_ns: None,
                        hash: 0,
                    },
                    stories: Vec::new(),
                });
                hashes.push(Xxh3::new());
                u32::try_from(files.len() - 1).unwrap_or(u32::MAX)
            });
            let (info, h) = (&mut files[file as usize], &mut hashes[file as usize]);
            virtual_fingerprint(&story, &mut info.fingerprint, h);
            bodies.insert(
                (file, story.meta.origin.position),
                Arc::new(story.paragraphs.clone()),
            );
            entries.push((file, entry::Entry::of(story, 0)));
        }
        for (info, h) in files.iter_mut().zip(&hashes) {
            info.fingerprint.hash = h.digest();
        }
        let mut library = Library::resolve(entries, files);
        let resident = library
            .stories
            .iter()
            .zip(&library.file_of)
            .filter_map(|(m, &f)| {
                bodies
                    .get(&(f, m.origin.position))
                    .map(|b| (m.id, Arc::clone(b)))
            })
            .collect();
        library.bodies = Bodies::Resident(resident);
        library
    }

    /// De-duplicates and resolves entries (with the index of their file in `files`).
    fn resolve(entries: Vec<(u32, entry::Entry)>, files: Vec<FileInfo>) -> Library {
        let graph = build_graph(entries, &|f| {
            files
                .get(f as usize)
                .map(|i| i.key.clone())
                .unwrap_or_default()
        });
        Library::from_graph(graph, files)
    }

    /// The library of a resolved graph over `files`.
    fn from_graph(g: graph::Graph, mut files: Vec<FileInfo>) -> Library {
        for (meta, &f) in g.stories.iter().zip(&g.file_of) {
            if let Some(info) = files.get_mut(f as usize) {
                info.stories.push(meta.id);
            }
        }
        Library {
            groups: group::Members::of(&g.stories),
            stories: g.stories,
            file_of: g.file_of,
            by_id: g.by_id,
            linked_from: g.linked_from,
            files,
            bodies: Bodies::Disk,
        }
    }

    /// The stories grouped with `id` at `tier` (itself included, in archive order); empty
    /// when it stands alone there (see [`group`]).
    pub fn grouped(&self, id: StoryId, tier: group::Tier) -> &[StoryId] {
        self.get(id).map_or(&[], |s| self.groups.of_story(s, tier))
    }

    /// All stories, in archive order (path, then position in the file).
    pub fn stories(&self) -> &[StoryMeta] {
        &self.stories
    }

    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    pub fn get(&self, id: StoryId) -> Option<&StoryMeta> {
        self.by_id.get(&id).map(|&i| &self.stories[i])
    }

    /// Position of a story in `stories()`.
    pub fn index_of(&self, id: StoryId) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// The archive's files, each with its fingerprint and the stories kept from it.
    pub fn files(&self) -> &[FileInfo] {
        &self.files
    }

    /// The file a story came from.
    pub fn file_of(&self, id: StoryId) -> Option<&FileInfo> {
        let i = self.index_of(id)?;
        self.files.get(*self.file_of.get(i)? as usize)
    }

    /// Stories whose links resolve to `id`, in archive order.
    pub fn linked_from(&self, id: StoryId) -> &[StoryId] {
        self.index_of(id).map_or(&[], |i| self.linked_from.of(i))
    }

    /// The stories `id` links to (resolved links only, each once, in link order).
    pub fn links_to(&self, id: StoryId) -> Vec<StoryId> {
        let mut seen = HashSet::new();
        self.get(id)
            .map(|s| {
                s.links
                    .iter()
                    .filter_map(|l| l.target)
                    .filter(|t| seen.insert(*t))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The body of a story when it is in memory (no I/O): libraries built from stories and
    /// the sample archive. `None` for an archive on disk: see [`Library::read_body`].
    pub fn resident_body(&self, id: StoryId) -> Option<Arc<Vec<String>>> {
        match &self.bodies {
            Bodies::Resident(map) => map.get(&id).cloned(),
            Bodies::Disk => None,
        }
    }

    /// The body of a story: from memory, or read from its file (never call this where a
    /// frame is waiting: the reader does it through `Effect::LoadBody`).
    pub fn read_body(&self, id: StoryId) -> Result<Arc<Vec<String>>, BodyError> {
        if let Bodies::Resident(map) = &self.bodies {
            return map.get(&id).cloned().ok_or(BodyError::NoStory(id));
        }
        let file = self.file_of(id).ok_or(BodyError::NoStory(id))?;
        let meta = self.get(id).ok_or(BodyError::NoStory(id))?;
        let position = meta.origin.position;
        // A container streamed from its path extracts only this story's page.
        read_and_parse_at(&file.path, Some(position))
            .stories
            .into_iter()
            .find(|s| s.meta.origin.position == position && same_story(&s.meta, meta))
            .map(|s| Arc::new(s.paragraphs))
            .ok_or_else(|| BodyError::Changed(file.path.to_path_buf()))
    }

    /// Every story of one file with its body, read once (for the search index): the
    /// library's metadata and the paragraphs found in the file now.
    pub fn read_file(&self, file: &FileInfo) -> Vec<(&StoryMeta, Arc<Vec<String>>)> {
        let metas = file.stories.iter().filter_map(|&id| self.get(id));
        if let Bodies::Resident(map) = &self.bodies {
            return metas
                .filter_map(|m| map.get(&m.id).map(|b| (m, Arc::clone(b))))
                .collect();
        }
        let parsed = read_and_parse(&file.path);
        let mut by_position: HashMap<usize, Story> = parsed
            .stories
            .into_iter()
            .map(|s| (s.meta.origin.position, s))
            .collect();
        metas
            .filter_map(|m| {
                by_position
                    .remove(&m.origin.position)
                    .filter(|s| same_story(&s.meta, m))
                    .map(|s| (m, Arc::new(s.paragraphs)))
            })
            .collect()
    }
}

/// The story at a position of a file is still the one the catalog listed (its title id, or
/// the id it was disambiguated from).
fn same_story(found: &StoryMeta, listed: &StoryMeta) -> bool {
    found.id == listed.id || found.title == listed.title
}

/// Adds a story to the fingerprint of the in-memory file it belongs to.
fn virtual_fingerprint(story: &Story, fp: &mut Fingerprint, h: &mut Xxh3) {
    let m = &story.meta;
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
    for p in &story.paragraphs {
        h.update(p.as_bytes());
        h.update(&[1]);
        fp.size += p.len() as u64;
    }
    fp.size += m.title.len() as u64;
}

pub(crate) fn read_and_parse(path: &Path) -> Parsed {
    read_and_parse_at(path, None)
}

/// Reads and parses a file; a container streamed from its path gives only the story at
/// `want` when one is asked for (other files give all their stories).
fn read_and_parse_at(path: &Path, want: Option<usize>) -> Parsed {
    match read_content(path) {
        Ok(Content::Bytes(bytes)) => parse_file(path, &bytes),
        Ok(Content::Streamed(format)) => loader::parse_path(path, format, want),
        Err(reason) => failed(path, reason),
    }
}

/// Reads and parses a file, with the hash of its bytes (what the catalog records).
pub(crate) fn read_hash_and_parse(path: &Path) -> (u64, Parsed) {
    match read_content(path) {
        Ok(Content::Bytes(bytes)) => (xxh3_64(&bytes), parse_file(path, &bytes)),
        Ok(Content::Streamed(format)) => match hash_file(path) {
            Ok(hash) => (hash, loader::parse_path(path, format, None)),
            Err(e) => (0, failed(path, Problem::unreadable(&e))),
        },
        Err(reason) => (0, failed(path, reason)),
    }
}

fn failed(path: &Path, reason: Problem) -> Parsed {
    Parsed {
        stories: Vec::new(),
        errors: vec![LoadError::new(path, reason)],
    }
}

/// A file as the loader takes it: its bytes, or, for a container read from its path (a
/// WARC, WACZ or EPUB, which may be far larger than any article), its format.
enum Content {
    Bytes(Vec<u8>),
    Streamed(Format),
}

/// Reads a file: a streamed container is recognised by its name and first bytes and left on
/// disk; any other file is read whole, refused when too large to be an article.
fn read_content(path: &Path) -> Result<Content, Problem> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| Problem::unreadable(&e);
    let mut file = fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    let mut bytes = Vec::with_capacity(4096);
    (&mut file)
        .take(4096)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if let Some(format) = loader::streamed_format(path, &bytes) {
        return Ok(Content::Streamed(format));
    }
    if len > MAX_FILE_BYTES {
        return Err(Problem::TooLarge(len));
    }
    bytes.reserve(
        usize::try_from(len)
            .unwrap_or(0)
            .saturating_sub(bytes.len()),
    );
    file.read_to_end(&mut bytes).map_err(unreadable)?;
    Ok(Content::Bytes(bytes))
}

/// The content hash of a file read in pieces (a streamed container can be gigabytes).
fn hash_file(path: &Path) -> std::io::Result<u64> {
    use std::io::Read;
    let mut file = fs::File::open(path)?;
    let mut hasher = Xxh3::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(hasher.digest());
        }
        hasher.update(&buf[..n]);
    }
}

fn collect_embedded(dir: &'static Dir<'static>, out: &mut Vec<(PathBuf, &'static [u8])>) {
    for sub in dir.dirs() {
        if !is_hidden(sub.path()) {
            collect_embedded(sub, out);
        }
    }
    for file in dir.files() {
        let path = file.path();
        if !is_hidden(path) && is_archive_file(path) {
            out.push((path.to_path_buf(), file.contents()));
        }
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(walk::is_hidden_name)
}

#[cfg(test)]
mod tests;
