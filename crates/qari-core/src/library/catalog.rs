//! The persisted catalog of one archive: what every file held when it was last parsed, so that
//! a warm start reads one file instead of the whole archive.
//!
//! Kept under the cache dir (`<cache>/catalog/<archive key>.qcat`). For each article file: its
//! fingerprint (size, modification time, content hash), when it was first seen, its load
//! problems, and its stories' metadata with the keys de-duplication and link resolution
//! compare (folded-paragraph hashes, folded link labels, URL keys) — everything but the bodies,
//! which are read from the file on demand.
//!
//! # Format (version [`VERSION`])
//!
//! ```text
//! "QARICAT\0"  version: u32 LE  header length: u64 LE
//! header: postcard(Header)                  file table, story count — all `list --count` reads
//! header checksum: xxh3-64 of the header bytes, u64 LE
//! resolved chunks: count: u32 LE, then (length: u32 LE, postcard(Vec<(u32, Stored)>))*
//! update section: length: u32 LE, postcard(UpdateKeys)
//! raw chunks: count: u32 LE, then (length: u32 LE, postcard(Vec<Stored>))*   up to CHUNK each
//! checksum: xxh3-64 of everything before it, u64 LE
//! ```
//!
//! The raw chunks hold every file's stories as parsed, with their keys: what an update after
//! a change starts from. The resolved chunks hold the library those gave — after
//! de-duplication and link resolution, each story with its file's index and without keys — so
//! that opening an unchanged archive (the reader's first view, `list`, `show`) decodes only
//! what it shows and resolves nothing: no copies, no keys in memory. The update section
//! (`keys.rs`) holds what an update compares, so that after a change only the stories whose
//! de-duplication or links it touches are decoded and resolved again; raw chunks nothing
//! changed in are copied into the new catalog as they were.
//!
//! Chosen over `SQLite` after measuring both at 100,000 stories (numbers in `ARCHITECTURE.md`):
//! decoding everything is faster, the header alone is a few milliseconds, and decoding chunk by
//! chunk keeps the peak memory near the decoded size. A catalog is a cache: written whole,
//! atomically (a temporary file beside it, then renamed over it; not fsync-ed, [`Durability::Cache`](super::store::Durability::Cache),
//! since the checksum catches what a power cut could tear), so a crash, a full disk or a second
//! qari leaves the old one or the new one, never a mix; one that is truncated, corrupt, from
//! another version or another archive is rejected by the checks here and rebuilt.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Direction, Link, LinkKind, Published, Saved};

/// Bumped whenever the format or what the loader derives changes: an older catalog is rebuilt.
pub const VERSION: u32 = 13;
const MAGIC: &[u8; 8] = b"QARICAT\0";
/// Stories per chunk: small enough that the read buffer stays small.
pub const CHUNK: usize = 2048;
/// Chunks decoded (the raw section, for an update after a change) or encoded and written
/// (the resolved section) in parallel at a time.
pub const GROUP: usize = 8;

/// What one file held.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The file's key in the archive (`Archive::file_key`).
    pub key: String,
    pub size: u64,
    pub mtime_ns: u64,
    /// xxh3 of the file's bytes: a `touch` changes the time, not this.
    pub hash: u64,
    /// The catalog generation in which the file was first seen: of two different stories with
    /// one title, the one seen first keeps the plain id, so a new file never renames a story.
    pub seq: u64,
    /// Why parts of the file did not load, reported again on every run.
    pub errors: Vec<crate::loader::Problem>,
    /// How many of the catalog's stories (in order) are this file's.
    pub stories: u32,
}

/// The part of the catalog read before anything else.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub archive: String,
    /// The generation the next new file gets.
    pub next_seq: u64,
    pub files: Vec<FileRecord>,
    /// Stories after de-duplication, for `list --count` when nothing changed.
    pub resolved: u64,
    /// [`files_digest`](super::files_digest) of `files`: what a current search index holds.
    pub digest: u64,
}

/// One story as stored: metadata in a compact shape (ids as numbers), and its keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    pub id: u64,
    pub title: String,
    pub source: Option<String>,
    pub author: Option<String>,
    pub published: Option<Published>,
    pub lang: String,
    pub rtl: bool,
    pub url: Option<String>,
    pub links: Vec<StoredLink>,
    pub tags: Vec<String>,
    pub position: u32,
    pub paragraph_count: u32,
    pub saved: Saved,
    /// `StoryMeta::group`'s copy, event and thread ids.
    pub group: [Option<u64>; 3],
    pub keys: Keys,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredLink {
    pub label: String,
    pub target: Option<u64>,
    pub url: Option<String>,
    pub kind: LinkKind,
    /// `u64` (varint-encoded, so as small on disk) keeps this struct the size of `Link`, so
    /// converting a story's links reuses their allocation.
    pub after_paragraph: Option<u64>,
}

impl StoredLink {
    pub fn from_link(l: Link) -> StoredLink {
        StoredLink {
            label: l.label,
            target: l.target.map(|t| t.0),
            url: l.url,
            kind: l.kind,
            after_paragraph: l.after_paragraph.map(|p| p as u64),
        }
    }

    pub fn into_link(self) -> Link {
        Link {
            label: self.label,
            target: self.target.map(crate::model::StoryId),
            url: self.url,
            kind: self.kind,
            after_paragraph: self
                .after_paragraph
                .map(|p| usize::try_from(p).unwrap_or(usize::MAX)),
        }
    }
}

/// A grouping as the catalog stores it.
pub fn grouping_ids(g: crate::model::Grouping) -> [Option<u64>; 3] {
    [
        g.copy.map(|s| s.0),
        g.event.map(|s| s.0),
        g.thread.map(|s| s.0),
    ]
}

impl Stored {
    /// The stored grouping back as `StoryMeta::group`.
    pub fn grouping(&self) -> crate::model::Grouping {
        let id = |k: usize| self.group[k].map(crate::model::StoryId);
        crate::model::Grouping {
            copy: id(0),
            event: id(1),
            thread: id(2),
        }
    }

    pub fn direction(&self) -> Direction {
        if self.rtl {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }
}

impl Stored {
    /// A story's metadata in the stored shape, with `keys`.
    pub fn from_meta(m: &crate::model::StoryMeta, keys: Keys) -> Stored {
        Stored {
            id: m.id.0,
            title: m.title.clone(),
            source: m.source.clone(),
            author: m.author.clone(),
            published: m.published,
            lang: m.lang.clone(),
            rtl: m.direction == Direction::Rtl,
            url: m.url.clone(),
            links: m.links.iter().cloned().map(StoredLink::from_link).collect(),
            tags: m.tags.clone(),
            position: u32::try_from(m.origin.position).unwrap_or(u32::MAX),
            paragraph_count: u32::try_from(m.paragraph_count).unwrap_or(u32::MAX),
            saved: m.saved,
            group: grouping_ids(m.group),
            keys,
        }
    }
}

/// A whole catalog in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    pub header: Header,
    /// Every file's stories, in file order (`FileRecord::stories` of each).
    pub stories: Vec<Stored>,
    /// The resolved library: each story with its file's index (into `header.files`), no keys.
    pub resolved: Vec<(u32, Stored)>,
    /// What an update compares (`keys.rs`).
    pub update: UpdateKeys,
}

/// Where the catalog of an archive lives.
pub fn path_in(cache_root: &Path, archive_key: &str) -> PathBuf {
    cache_root
        .join("catalog")
        .join(format!("{archive_key}.qcat"))
}

#[cfg(test)]
/// Encodes a catalog in the format above (in one piece: for tests and tools; `open` writes
/// the parts as it makes them). The raw stories are cut into chunks as `update.chunks` says.
pub fn encode(catalog: &Catalog) -> io::Result<Vec<u8>> {
    let resolved = encode_chunks(catalog.resolved.len().div_ceil(CHUNK), |i| {
        chunk_of(&catalog.resolved, i).to_vec()
    })?;
    let head = encode_head(&catalog.header, resolved.len())?;
    let middle = encode_update(&catalog.update)?;
    let mut raw = Vec::new();
    let mut at = 0;
    for &n in &catalog.update.chunks {
        let to = (at + n as usize).min(catalog.stories.len());
        raw.push(encode_chunk(&catalog.stories[at..to])?);
        at = to;
    }
    let mut parts: Vec<&[u8]> = vec![&head];
    parts.extend(resolved.iter().map(Vec::as_slice));
    parts.push(&middle);
    parts.extend(raw.iter().map(Vec::as_slice));
    let sum = checksum(&parts);
    parts.push(&sum);
    Ok(parts.concat())
}

/// What comes between the resolved and the raw chunks: the update section as one chunk, then
/// the count of raw chunks (one per entry of `keys.chunks`).
pub fn encode_update(keys: &UpdateKeys) -> io::Result<Vec<u8>> {
    // (encoded in place after room for its length, into room for about what a story's keys
    // take: at 100,000 stories the section is tens of megabytes, and growing it by doubling
    // and then copying it whole was a third of writing the catalog)
    const STORY: usize = 512;
    let mut out = Vec::with_capacity(keys.resolved.len() * STORY + 1024);
    out.extend_from_slice(&[0; 4]);
    let mut out = postcard::to_extend(keys, out).map_err(to_io)?;
    let len = u32::try_from(out.len() - 4).map_err(io::Error::other)?;
    out[..4].copy_from_slice(&len.to_le_bytes());
    let count = u32::try_from(keys.chunks.len()).map_err(io::Error::other)?;
    out.extend_from_slice(&count.to_le_bytes());
    Ok(out)
}

/// The `i`-th chunk of `items` ([`CHUNK`] at a time).
pub fn chunk_of<T>(items: &[T], i: usize) -> &[T] {
    let start = (i * CHUNK).min(items.len());
    &items[start..(start + CHUNK).min(items.len())]
}

/// The start of a catalog file: magic, version, header, and the number of resolved chunks
/// that follow it.
pub fn encode_head(header: &Header, resolved_chunks: usize) -> io::Result<Vec<u8>> {
    let head = postcard::to_allocvec(header).map_err(to_io)?;
    let mut out = Vec::with_capacity(head.len() + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(&head);
    out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&head).to_le_bytes());
    let count = u32::try_from(resolved_chunks).map_err(io::Error::other)?;
    out.extend_from_slice(&count.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
/// `n` chunks, each made by `make(i)` and encoded as it is made (length, then postcard), in
/// parallel: the parts of a section, in order, to be written one after the other (never
/// concatenated, never a second copy of every story).
pub fn encode_chunks<T, F>(n: usize, make: F) -> io::Result<Vec<Vec<u8>>>
where
    T: Serialize,
    F: Fn(usize) -> Vec<T> + Sync,
{
    encode_chunks_in(0..n, make)
}

/// [`encode_chunks`] of the chunks numbered `range`.
pub fn encode_chunks_in<T, F>(range: std::ops::Range<usize>, make: F) -> io::Result<Vec<Vec<u8>>>
where
    T: Serialize,
    F: Fn(usize) -> Vec<T> + Sync,
{
    use rayon::prelude::*;
    range
        .into_par_iter()
        .map(|i| {
            let mut out = Vec::new();
            push_chunk(&mut out, &make(i))?;
            Ok(out)
        })
        .collect()
}

#[cfg(test)]
/// The trailer: xxh3-64 of everything before it, in order.
pub fn checksum(parts: &[&[u8]]) -> [u8; 8] {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        h.update(part);
    }
    h.digest().to_le_bytes()
}

/// One chunk as [`encode_chunks`] encodes each.
pub fn encode_chunk<T: Serialize>(chunk: &[T]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    push_chunk(&mut out, chunk)?;
    Ok(out)
}

fn push_chunk<T: Serialize>(out: &mut Vec<u8>, chunk: &[T]) -> io::Result<()> {
    let bytes = postcard::to_allocvec(chunk).map_err(to_io)?;
    let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&bytes);
    Ok(())
}

#[allow(clippy::needless_pass_by_value)] // the shape `map_err` hands it
fn to_io(e: postcard::Error) -> io::Error {
    io::Error::other(e.to_string())
}

mod borrowed;
mod keys;
mod read;
pub use borrowed::StoredRef;
pub use keys::{Keys, LinkKeys, RawKey, Renamed, StoryKeys, UpdateKeys};
#[cfg(test)]
pub use read::read_resolved;
pub use read::{OldRaw, Reader, Rejected, open, read};

#[cfg(test)]
mod tests;
