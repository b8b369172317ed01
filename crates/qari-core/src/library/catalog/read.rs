//! Reading a catalog file: its header (and only that, for `list --count`), the resolved
//! library (an unchanged archive), or the resolved library with the update section and the raw
//! chunks an update asks for (an archive that changed). Every read checks the whole file's
//! checksum, the parts it does not decode included; nothing is held whole.

use std::fs;
use std::io::{self, BufReader, Read};
use std::path::Path;

use xxhash_rust::xxh3::Xxh3;

use super::keys::UpdateKeys;
use super::{Catalog, Header, MAGIC, Stored, VERSION};

/// Why a stored catalog was not used.
#[derive(Debug)]
pub enum Rejected {
    Missing,
    /// Truncated, corrupt, another version or another archive: rebuilt, with one message.
    Unusable(String),
}

pub(super) fn bad(why: impl Into<String>) -> Rejected {
    Rejected::Unusable(why.into())
}

/// Reads the header (and checks the whole file's checksum); `stories` says whether to decode
/// the raw stories and the update section too. The file is decoded as it is read, chunk by
/// chunk, never held whole.
pub fn read(path: &Path, archive_key: &str, stories: bool) -> Result<Catalog, Rejected> {
    let reader = open(path, archive_key)?;
    if !stories {
        return Ok(Catalog {
            header: reader.into_header(),
            ..Catalog::default()
        });
    }
    let mut resolved = Vec::new();
    let (header, update, old) = reader
        .update(&mut |_, chunk| resolved.extend(chunk), &mut |_, keys| {
            vec![true; keys.chunks.len()]
        })?;
    Ok(Catalog {
        header,
        stories: old.decoded.into_iter().flatten().flatten().collect(),
        resolved,
        update,
    })
}

/// What [`Reader::resolved`] hands each decoded chunk of the resolved library to.
pub type ResolvedSink<'a> = dyn FnMut(&Header, Vec<(u32, Stored)>) + 'a;

/// What [`Reader::update`] asks, once it has the update section: which raw chunks to decode.
pub type Plan<'a> = dyn FnMut(&Header, &UpdateKeys) -> Vec<bool> + 'a;

#[cfg(test)]
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
    /// The same file, for [`OldRaw::bytes`] to read chunks back from later.
    file: fs::File,
    /// Bytes before the trailing checksum.
    limit: u64,
    header: Header,
}

/// The raw section of a catalog an update read: the chunks it asked for, decoded, and where
/// every chunk is in the file, so that a chunk nothing changed in is copied into the new
/// catalog as it was (read back through the handle the checks were made on: the file may
/// have been replaced by then, the handle still reads the one checked).
pub struct OldRaw {
    file: fs::File,
    /// Offset and length (its length word included) of each chunk.
    places: Vec<(u64, u32)>,
    /// Each chunk's stories, when they were asked for.
    pub decoded: Vec<Option<Vec<Stored>>>,
}

impl OldRaw {
    /// Chunk `c` as written: length word, then its bytes.
    pub fn bytes(&self, c: usize) -> io::Result<Vec<u8>> {
        let &(at, len) = self
            .places
            .get(c)
            .ok_or_else(|| io::Error::other("no such chunk"))?;
        let mut buf = vec![0; len as usize];
        read_at(&self.file, &mut buf, at)?;
        Ok(buf)
    }
}

#[cfg(unix)]
fn read_at(file: &fs::File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(not(unix))]
fn read_at(file: &fs::File, buf: &mut [u8], at: u64) -> io::Result<()> {
    use io::{Seek, SeekFrom};
    let mut f = file.try_clone()?;
    f.seek(SeekFrom::Start(at))?;
    f.read_exact(buf)
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
    let cannot = |e: io::Error| bad(format!("cannot read it: {e}"));
    let len = file.metadata().map_err(cannot)?.len();
    let again = file.try_clone().map_err(cannot)?;
    let limit = len.checked_sub(8).ok_or_else(|| bad("truncated"))?;
    let mut r = Box::new(Hashing {
        inner: BufReader::with_capacity(1 << 16, file),
        left: limit,
        hash: Xxh3::new(),
    });
    let header = read_header(&mut *r, limit, archive_key)?;
    Ok(Reader {
        r,
        file: again,
        limit,
        header,
    })
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

    /// The resolved library, a chunk at a time, to `sink`; the rest is hashed on its way
    /// past, for the whole file's checksum, not decoded. Whatever `sink` built must be thrown
    /// away when this returns an error (a bad checksum is only known at the end).
    pub fn resolved(mut self, sink: &mut ResolvedSink<'_>) -> Result<Header, Rejected> {
        self.resolved_section(sink)?;
        io::copy(&mut *self.r, &mut io::sink()).map_err(|_| bad("truncated"))?;
        self.finish()
    }

    /// Decodes the resolved section, one chunk at a time, on this thread, through one buffer:
    /// the resolved stories are what the reader keeps, and decoding them on the pool's
    /// threads cost it 10 MB more for no time.
    fn resolved_section(&mut self, sink: &mut ResolvedSink<'_>) -> Result<(), Rejected> {
        let mut seen = 0u64;
        let mut buf = Vec::new();
        for _ in 0..self.count()? {
            self.chunk(&mut buf)?;
            let stories: Vec<(u32, Stored)> = postcard::from_bytes(&buf).map_err(corrupt)?;
            seen += stories.len() as u64;
            sink(&self.header, stories);
        }
        if seen != self.header.resolved {
            return Err(bad("resolved story count mismatch"));
        }
        Ok(())
    }

    /// What an update needs: the resolved library to `sink`, the update section, and the raw
    /// chunks `plan` asks for once it has seen the update section, decoded in parallel; the
    /// others are only hashed, and found again by [`OldRaw::bytes`] (the same caveat as
    /// [`Self::resolved`]).
    pub fn update(
        mut self,
        sink: &mut ResolvedSink<'_>,
        plan: &mut Plan<'_>,
    ) -> Result<(Header, UpdateKeys, OldRaw), Rejected> {
        use rayon::prelude::*;
        let trace = crate::trace::Trace::start();
        self.resolved_section(sink)?;
        trace.mark("resolved section");
        let mut buf = Vec::new();
        self.chunk(&mut buf)?;
        let keys: UpdateKeys = postcard::from_bytes(&buf).map_err(corrupt)?;
        trace.mark("update section");
        let stored: usize = self.header.files.iter().map(|f| f.stories as usize).sum();
        let resolved = usize::try_from(self.header.resolved).unwrap_or(usize::MAX);
        if !keys.fits(stored, resolved) {
            return Err(bad("update section does not fit the header"));
        }
        let n = self.count()? as usize;
        if n != keys.chunks.len() {
            return Err(bad("raw chunk count mismatch"));
        }
        let wanted = plan(&self.header, &keys);
        let mut places = Vec::with_capacity(n);
        let mut bytes: Vec<Option<Vec<u8>>> = Vec::with_capacity(n);
        for c in 0..n {
            let at = self.limit - self.r.left;
            let len = self.chunk_length()?;
            places.push((at, len + 4));
            if wanted.get(c).copied().unwrap_or(false) {
                let mut b = vec![0; len as usize];
                self.r.read_exact(&mut b).map_err(|_| bad("truncated"))?;
                bytes.push(Some(b));
            } else {
                let skipped = io::copy(&mut (&mut *self.r).take(u64::from(len)), &mut io::sink())
                    .map_err(|_| bad("truncated"))?;
                if skipped != u64::from(len) {
                    return Err(bad("truncated"));
                }
                bytes.push(None);
            }
        }
        let decoded = bytes
            .into_par_iter()
            .zip(keys.chunks.par_iter())
            .map(|(b, &count)| {
                let Some(b) = b else { return Ok(None) };
                let stories: Vec<Stored> = postcard::from_bytes(&b).map_err(corrupt)?;
                if stories.len() != count as usize {
                    return Err(bad("raw chunk story count mismatch"));
                }
                Ok(Some(stories))
            })
            .collect::<Result<Vec<_>, Rejected>>()?;
        let file = self
            .file
            .try_clone()
            .map_err(|e| bad(format!("cannot read it: {e}")))?;
        let header = self.finish()?;
        trace.mark("raw section");
        Ok((
            header,
            keys,
            OldRaw {
                file,
                places,
                decoded,
            },
        ))
    }

    /// A section's count of chunks.
    fn count(&mut self) -> Result<u32, Rejected> {
        let mut word = [0u8; 4];
        self.r.read_exact(&mut word).map_err(|_| bad("truncated"))?;
        Ok(u32::from_le_bytes(word))
    }

    /// The next chunk's length word, checked against what the file can hold.
    fn chunk_length(&mut self) -> Result<u32, Rejected> {
        let n = self.count()?;
        if u64::from(n) > self.r.left {
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
