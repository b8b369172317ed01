//! The one atomic writer of qari's own state (marks, the session, the catalog, the folder
//! stamp, the index manifest): a temporary file beside the target, written, fsync-ed when the
//! state cannot be rebuilt, then renamed over it — so a crash, a full disk or a second qari
//! leaves the old file or the new one, never a mix, and no temporary file behind.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use xxhash_rust::xxh3::Xxh3;

/// Replaces the file at `path` with `bytes` ([`write_parts_atomically`], synced).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_parts_atomically(path, &[bytes], Durability::Synced)
}

/// Whether [`write_parts_atomically`] waits for the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// fsync the file and its folder: state that cannot be rebuilt (marks, the session, the
    /// index manifest).
    Synced,
    /// Only the rename: a cache that is checked whole when read (the catalog, with its
    /// checksum) and rebuilt when anything is wrong. A killed process loses nothing either
    /// way (the data is in the page cache); a power cut may cost a rebuild.
    Cache,
}

/// Replaces the file at `path` with `parts` one after the other ([`replace`]).
pub fn write_parts_atomically(path: &Path, parts: &[&[u8]], sync: Durability) -> io::Result<()> {
    replace(path, sync, |file| {
        for part in parts {
            file.write_all(part)?;
        }
        Ok(())
    })
}

/// Replaces the file at `path` with what `fill` writes, followed by the xxh3-64 of all of it
/// (the catalog's trailer) — written as it comes, so a catalog is never held whole in memory
/// ([`replace`]).
pub fn write_checksummed(
    path: &Path,
    sync: Durability,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, sync, |file| {
        let mut w = HashingWriter {
            inner: io::BufWriter::with_capacity(1 << 20, file),
            hash: Xxh3::new(),
        };
        fill(&mut w)?;
        let sum = w.hash.digest().to_le_bytes();
        w.inner.write_all(&sum)?;
        w.inner.flush()
    })
}

/// A writer that hashes what passes through it.
struct HashingWriter<W> {
    inner: W,
    hash: Xxh3,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Replaces the file at `path` with what `write` writes, atomically: a temporary file in the
/// same folder, written (and fsync-ed when `sync` says so), then renamed over it. A failure
/// (read-only or full disk) leaves the old file as it was and no temporary file behind. The
/// one atomic writer of qari's own state (marks, catalog, index manifest).
fn replace(
    path: &Path,
    sync: Durability,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".qari-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    write(tmp.as_file_mut())?;
    if sync == Durability::Synced {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename itself reaches the disk with the folder.
    if sync == Durability::Synced
        && let Ok(d) = fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}
