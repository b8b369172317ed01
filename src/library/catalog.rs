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
//! chunks: (length: u32 LE, postcard(Vec<Stored>))*   the stories, up to CHUNK at a time
//! checksum: xxh3-64 of everything before it, u64 LE
//! ```
//!
//! The raw chunks hold every file's stories as parsed, with their keys: what an update after
//! a change starts from. The resolved chunks hold the library those gave — after
//! de-duplication and link resolution, each story with its file's index and without keys — so
//! that opening an unchanged archive (the reader's first view, `list`, `show`) decodes only
//! what it shows and resolves nothing: no copies, no keys in memory.
//!
//! Chosen over `SQLite` after measuring both at 100,000 stories (numbers in `ARCHITECTURE.md`):
//! decoding everything is faster, the header alone is a few milliseconds, and decoding chunk by
//! chunk keeps the peak memory near the decoded size. A catalog is a cache: written whole,
//! atomically (a temporary file beside it, then renamed over it; not fsync-ed, [`Durability::Cache`],
//! since the checksum catches what a power cut could tear), so a crash, a full disk or a second
//! qari leaves the old one or the new one, never a mix; one that is truncated, corrupt, from
//! another version or another archive is rejected by the checks here and rebuilt.

use std::fs;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::entry::Keys;
use crate::model::{Direction, Link, LinkKind, Published};

/// Bumped whenever the format or what the loader derives changes: an older catalog is rebuilt.
pub const VERSION: u32 = 7;
const MAGIC: &[u8; 8] = b"QARICAT\0";
/// Stories per chunk: small enough that the read buffer stays small.
pub const CHUNK: usize = 2048;
/// Chunks decoded (the raw section, for an update after a change) or encoded and written
/// (the resolved section) in parallel at a time.
pub const GROUP: usize = 8;

/// What one file held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

impl Stored {
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
}

/// Where the catalog of an archive lives.
pub fn path_in(cache_root: &Path, archive_key: &str) -> PathBuf {
    cache_root
        .join("catalog")
        .join(format!("{archive_key}.qcat"))
}

/// Why a stored catalog was not used.
#[derive(Debug)]
pub enum Rejected {
    Missing,
    /// Truncated, corrupt, another version or another archive: rebuilt, with one message.
    Unusable(String),
}

fn bad(why: impl Into<String>) -> Rejected {
    Rejected::Unusable(why.into())
}

/// Reads the header (and checks the whole file's checksum); `stories` says whether to decode
/// the stories too. The file is decoded as it is read, chunk by chunk, never held whole.
pub fn read(path: &Path, archive_key: &str, stories: bool) -> Result<Catalog, Rejected> {
    let reader = open(path, archive_key)?;
    let mut all = Vec::new();
    let header = if stories {
        reader.raw(&mut |_, chunk| all.extend(chunk))?
    } else {
        reader.into_header()
    };
    Ok(Catalog {
        header,
        stories: all,
        resolved: Vec::new(),
    })
}

/// What [`Reader::raw`] hands each decoded chunk of stories to, with the header.
pub type StorySink<'a> = dyn FnMut(&Header, Vec<Stored>) + 'a;

/// What [`Reader::raw_keeping`] hands each decoded chunk to, with its bytes as written.
pub type RawSink<'a> = dyn FnMut(&Header, Vec<Stored>, Vec<u8>) + 'a;

/// A decoded chunk and its bytes as written.
type Decoded<T> = (Vec<T>, Vec<u8>);

/// What [`Reader::resolved`] hands each decoded chunk of the resolved library to.
pub type ResolvedSink<'a> = dyn FnMut(&Header, Vec<(u32, Stored)>) + 'a;

/// [`open`] then [`Reader::raw`].
pub fn read_with(
    path: &Path,
    archive_key: &str,
    sink: &mut StorySink<'_>,
) -> Result<Header, Rejected> {
    open(path, archive_key)?.raw(sink)
}

/// [`open`] then [`Reader::resolved`].
pub fn read_resolved(
    path: &Path,
    archive_key: &str,
    sink: &mut ResolvedSink<'_>,
) -> Result<Header, Rejected> {
    open(path, archive_key)?.resolved(sink)
}

/// An open catalog file whose header has been read and checked (its own checksum, the
/// version, the archive); the rest is read through the same handle, so a catalog replaced
/// meanwhile by another qari is never mixed with the one whose header was read.
pub struct Reader {
    /// Boxed: the hash state is most of a kilobyte, and readers are passed around.
    r: Box<Hashing<BufReader<fs::File>>>,
    /// Bytes before the trailing checksum.
    limit: u64,
    header: Header,
}

/// Opens the catalog at `path` and reads its header.
pub fn open(path: &Path, archive_key: &str) -> Result<Reader, Rejected> {
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Err(Rejected::Missing);
        }
        Err(e) => return Err(bad(format!("cannot read it: {e}"))),
    };
    let len = file
        .metadata()
        .map_err(|e| bad(format!("cannot read it: {e}")))?
        .len();
    let limit = len.checked_sub(8).ok_or_else(|| bad("truncated"))?;
    let mut r = Box::new(Hashing {
        inner: BufReader::with_capacity(1 << 16, file),
        left: limit,
        hash: Xxh3::new(),
    });
    let header = read_header(&mut *r, limit, archive_key)?;
    Ok(Reader { r, limit, header })
}

fn read_header(r: &mut impl Read, limit: u64, archive_key: &str) -> Result<Header, Rejected> {
    let mut magic = [0u8; 8];
    let mut word = [0u8; 4];
    let mut long = [0u8; 8];
    r.read_exact(&mut magic).map_err(|_| bad("truncated"))?;
    if &magic != MAGIC {
        return Err(bad("not a qari catalog"));
    }
    r.read_exact(&mut word).map_err(|_| bad("truncated"))?;
    let version = u32::from_le_bytes(word);
    if version != VERSION {
        return Err(bad(format!(
            "version {version}, this qari writes {VERSION}"
        )));
    }
    r.read_exact(&mut long).map_err(|_| bad("truncated"))?;
    let len = u64::from_le_bytes(long);
    if len > limit {
        return Err(bad("corrupt header length"));
    }
    let mut buf = vec![0u8; usize::try_from(len).map_err(|_| bad("corrupt"))?];
    r.read_exact(&mut buf).map_err(|_| bad("truncated"))?;
    r.read_exact(&mut long).map_err(|_| bad("truncated"))?;
    if xxhash_rust::xxh3::xxh3_64(&buf) != u64::from_le_bytes(long) {
        return Err(bad("header checksum mismatch"));
    }
    let header: Header = postcard::from_bytes(&buf).map_err(|e| bad(format!("corrupt: {e}")))?;
    if header.archive != archive_key {
        return Err(bad("made for another archive"));
    }
    Ok(header)
}

impl Reader {
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The header alone (its own checksum was checked; the stories are not read).
    pub fn into_header(self) -> Header {
        self.header
    }

    /// The resolved library, a chunk at a time, to `sink`; the raw stories are hashed on
    /// their way past, for the whole file's checksum, not decoded. Whatever `sink` built
    /// must be thrown away when this returns an error (a bad checksum is only known at the
    /// end).
    pub fn resolved(mut self, sink: &mut ResolvedSink<'_>) -> Result<Header, Rejected> {
        let mut seen = 0u64;
        // One chunk at a time, on this thread, through one buffer: the resolved stories are
        // what the reader keeps, and decoding them on the pool's threads cost it 10 MB more
        // for no time.
        let mut buf = Vec::new();
        for _ in 0..self.resolved_chunks()? {
            self.chunk(&mut buf)?;
            let stories: Vec<(u32, Stored)> = postcard::from_bytes(&buf).map_err(corrupt)?;
            seen += stories.len() as u64;
            sink(&self.header, stories);
        }
        if seen != self.header.resolved {
            return Err(bad("resolved story count mismatch"));
        }
        io::copy(&mut *self.r, &mut io::sink()).map_err(|_| bad("truncated"))?;
        self.finish()
    }

    /// Every file's stories as parsed, with their keys, a chunk at a time, to `sink` (the
    /// same caveat as [`Self::resolved`]).
    pub fn raw(self, sink: &mut StorySink<'_>) -> Result<Header, Rejected> {
        self.raw_keeping(&mut |header, stories, _| sink(header, stories))
    }

    /// [`Self::raw`], handing each chunk's encoded bytes on with its stories (as
    /// [`encode_chunks`] makes them: length first), so that a chunk nothing changed in can be
    /// written again as it was.
    pub fn raw_keeping(mut self, sink: &mut RawSink<'_>) -> Result<Header, Rejected> {
        let mut buf = Vec::new();
        for _ in 0..self.resolved_chunks()? {
            self.chunk(&mut buf)?;
        }
        let expected: usize = self.header.files.iter().map(|f| f.stories as usize).sum();
        let mut seen = 0usize;
        while seen < expected {
            // Chunks hold CHUNK stories but the last: that many are left to read.
            let group = (expected - seen).div_ceil(CHUNK).min(GROUP);
            for (stories, bytes) in self.decode::<Stored>(group)? {
                seen += stories.len();
                sink(&self.header, stories, bytes);
            }
        }
        if seen != expected {
            return Err(bad("story count mismatch"));
        }
        self.finish()
    }

    /// Reads the next `n` chunks and decodes them in parallel (decoding is most of reading a
    /// big catalog), in order, each with its bytes as written (length first).
    fn decode<T>(&mut self, n: usize) -> Result<Vec<Decoded<T>>, Rejected>
    where
        T: serde::de::DeserializeOwned + Send,
    {
        use rayon::prelude::*;
        let mut bufs = Vec::with_capacity(n);
        for _ in 0..n {
            bufs.push(self.chunk_with_length()?);
        }
        bufs.into_par_iter()
            .map(|b| Ok((postcard::from_bytes(&b[4..]).map_err(corrupt)?, b)))
            .collect()
    }

    fn resolved_chunks(&mut self) -> Result<u32, Rejected> {
        let mut word = [0u8; 4];
        self.r.read_exact(&mut word).map_err(|_| bad("truncated"))?;
        Ok(u32::from_le_bytes(word))
    }

    /// The next chunk's length word, checked against what the file can hold.
    fn chunk_length(&mut self) -> Result<u32, Rejected> {
        let mut word = [0u8; 4];
        self.r.read_exact(&mut word).map_err(|_| bad("truncated"))?;
        let n = u32::from_le_bytes(word);
        if u64::from(n) > self.limit {
            return Err(bad("corrupt chunk length"));
        }
        Ok(n)
    }

    /// The next chunk's bytes into `buf`.
    fn chunk(&mut self, buf: &mut Vec<u8>) -> Result<(), Rejected> {
        let n = self.chunk_length()?;
        buf.resize(n as usize, 0);
        self.r.read_exact(buf).map_err(|_| bad("truncated"))
    }

    /// The next chunk as written: its length word, then its bytes.
    fn chunk_with_length(&mut self) -> Result<Vec<u8>, Rejected> {
        let n = self.chunk_length()?;
        let mut buf = vec![0; 4 + n as usize];
        buf[..4].copy_from_slice(&n.to_le_bytes());
        self.r
            .read_exact(&mut buf[4..])
            .map_err(|_| bad("truncated"))?;
        Ok(buf)
    }

    /// Checks that nothing is left before the checksum, and the checksum.
    fn finish(mut self) -> Result<Header, Rejected> {
        if self.r.left != 0 {
            return Err(bad("trailing bytes"));
        }
        let mut sum = [0u8; 8];
        self.r
            .inner
            .read_exact(&mut sum)
            .map_err(|_| bad("truncated"))?;
        if self.r.hash.digest() != u64::from_le_bytes(sum) {
            return Err(bad("checksum mismatch (truncated or corrupt)"));
        }
        Ok(self.header)
    }
}

#[allow(clippy::needless_pass_by_value)] // the shape `map_err` hands it
fn corrupt(e: postcard::Error) -> Rejected {
    bad(format!("corrupt: {e}"))
}

/// Reads at most `left` bytes of `inner`, hashing them.
struct Hashing<R> {
    inner: R,
    left: u64,
    hash: Xxh3,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = usize::try_from(self.left)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let n = self.inner.read(&mut buf[..room])?;
        self.hash.update(&buf[..n]);
        self.left -= n as u64;
        Ok(n)
    }
}

/// Encodes a catalog in the format above (in one piece: for tests and tools; `open` writes
/// the parts it made at different times, [`encode_head`] and [`encode_raw`]).
pub fn encode(catalog: &Catalog) -> io::Result<Vec<u8>> {
    let resolved = encode_chunks(catalog.resolved.len().div_ceil(CHUNK), |i| {
        chunk_of(&catalog.resolved, i).to_vec()
    })?;
    let head = encode_head(&catalog.header, resolved.len())?;
    let raw = encode_chunks(catalog.stories.len().div_ceil(CHUNK), |i| {
        chunk_of(&catalog.stories, i).to_vec()
    })?;
    let mut parts: Vec<&[u8]> = vec![&head];
    parts.extend(resolved.iter().chain(&raw).map(Vec::as_slice));
    let sum = checksum(&parts);
    parts.push(&sum);
    Ok(parts.concat())
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

/// The trailer: xxh3-64 of everything before it, in order.
pub fn checksum(parts: &[&[u8]]) -> [u8; 8] {
    let mut h = Xxh3::new();
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
mod write;
pub use borrowed::StoredRef;
pub use write::{Durability, write_atomically, write_checksummed, write_parts_atomically};

#[cfg(test)]
mod tests;
