//! The directory qari opens its index from: tantivy's memory-mapped directory, except that
//! the blocks of stored documents (`.store` files) are read with `pread`.
//!
//! Why: a search printing thousands of hits reads one small compressed block per hit, spread
//! over a store of a hundred megabytes. Through a memory map each block is a page fault, and
//! the kernel maps sixteen pages around it and unmaps them all at exit: about a sixth of such a
//! search's time went to that (measured with perf). A `pread` of the block copies a kilobyte
//! from the page cache and maps nothing. Larger reads — a store's index of its blocks, the
//! postings, the term dictionaries — stay mapped: of those a search touches a few pages, and
//! a copy of the whole would cost more (measured: a millisecond for the default 20 hits).

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::HasLen;
use tantivy::directory::error::{DeleteError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

/// [`MmapDirectory`] with its `.store` files read by `pread` (see the module doc).
#[derive(Debug, Clone)]
pub struct IndexDirectory {
    root: PathBuf,
    inner: MmapDirectory,
}

impl IndexDirectory {
    /// The index directory at `root` (which must exist).
    pub fn open(root: &Path) -> tantivy::Result<IndexDirectory> {
        Ok(IndexDirectory {
            root: root.to_path_buf(),
            inner: MmapDirectory::open(root)?,
        })
    }
}

/// A read of at most this many bytes is a `pread`; a larger one goes through the map.
const COPIED: usize = 16 * 1024;

/// A `.store` file: small reads (a block of documents) copied with `pread`, larger ones
/// through its memory map.
#[derive(Debug)]
struct StoreFile {
    file: File,
    mapped: Arc<dyn FileHandle>,
}

impl HasLen for StoreFile {
    fn len(&self) -> usize {
        self.mapped.len()
    }
}

impl FileHandle for StoreFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.start > range.end || range.end > self.len() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "a read past the end of an index file",
            ));
        }
        if range.len() > COPIED {
            return self.mapped.read_bytes(range);
        }
        let mut buffer = vec![0; range.len()];
        self.file.read_exact_at(&mut buffer, range.start as u64)?;
        Ok(OwnedBytes::new(buffer))
    }
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if path.extension().is_none_or(|e| e != "store") {
            return self.inner.get_file_handle(path);
        }
        let mapped = self.inner.get_file_handle(path)?;
        let file = File::open(self.root.join(path))
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?;
        Ok(Arc::new(StoreFile { file, mapped }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(
        &self,
        lock: &Lock,
    ) -> Result<DirectoryLock, tantivy::directory::error::LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_files_are_read_by_range_and_other_files_mapped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let big: Vec<u8> = (0..=255).cycle().take(COPIED * 2).collect();
        std::fs::write(dir.path().join("a.store"), &big).expect("write");
        std::fs::write(dir.path().join("a.idx"), b"abc").expect("write");
        let d = IndexDirectory::open(dir.path()).expect("open");
        let store = d.get_file_handle(Path::new("a.store")).expect("store");
        assert_eq!(store.len(), big.len());
        assert_eq!(store.read_bytes(2..5).expect("read").as_slice(), &big[2..5]);
        let whole = 0..big.len();
        assert_eq!(
            store.read_bytes(whole.clone()).expect("read").as_slice(),
            &big[whole]
        );
        assert!(
            store.read_bytes(big.len() - 2..big.len() + 2).is_err(),
            "a read past the end is an error"
        );
        let idx = d.open_read(Path::new("a.idx")).expect("idx");
        assert_eq!(idx.read_bytes().expect("read").as_slice(), b"abc");
        assert!(matches!(
            d.get_file_handle(Path::new("gone.store")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }
}
