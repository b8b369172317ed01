//! Writing the new catalog after an open that found the archive changed — streamed, a few
//! chunks at a time, the old raw chunks nothing changed in copied from the old file — and the
//! folder stamp beside it once it describes the archive.

use std::path::Path;

use super::super::catalog::Keys;
use super::super::catalog::{self, Header, OldRaw, StoredRef, UpdateKeys};
use super::super::{Archive, Library, folders, store};
use super::CatalogNote;
use super::layout::RawChunk;
use crate::loader::walk;

/// Saves the catalog when it changed (`raw`: its update and raw sections), and stamps the folders
/// when the catalog on disk then describes the archive; the note when it cannot be saved.
pub(super) fn persist(
    catalog: Option<&Path>,
    archive: &Archive,
    walked: &walk::Walk,
    header: &Header,
    library: &Library,
    raw: Option<RawSection>,
) -> Option<CatalogNote> {
    let path = catalog?;
    let note = raw.and_then(|raw| save(path, header, library, raw));
    // A catalog that could not be saved leaves the stamp of the last one that was.
    if note.is_none() {
        folders::record(catalog, archive, walked, header);
    }
    note
}

/// What the new catalog holds besides the library: the update section, and the raw section
/// (old chunks to copy, new ones encoded).
pub(super) struct RawSection {
    pub keys: UpdateKeys,
    pub chunks: std::io::Result<Vec<RawChunk>>,
    pub old: Option<OldRaw>,
}

/// Writes the catalog atomically — the resolved `library`, the update section, the raw
/// section — and the note to give when it cannot be.
fn save(path: &Path, header: &Header, library: &Library, raw: RawSection) -> Option<CatalogNote> {
    let chunks = library.stories.len().div_ceil(catalog::CHUNK);
    let RawSection {
        keys,
        chunks: raw,
        old,
    } = raw;
    raw.and_then(|raw| {
        let middle = catalog::encode_update(&keys)?;
        let head = catalog::encode_head(header, chunks)?;
        store::write_checksummed(path, store::Durability::Cache, |w| {
            w.write_all(&head)?;
            // The resolved section a few chunks at a time, encoded in parallel and written
            // at once; the raw section's new chunks (encoded before de-duplication took the
            // stories) dropped as they are written, its unchanged ones read back from the
            // old file one at a time: the catalog is never in memory whole (85 MB at
            // 100,000 stories).
            let no_keys = Keys::default();
            let mut at = 0;
            while at < chunks {
                let to = (at + catalog::GROUP).min(chunks);
                for bytes in catalog::encode_chunks_in(at..to, |i| {
                    let metas = catalog::chunk_of(&library.stories, i);
                    let files = catalog::chunk_of(&library.file_of, i);
                    metas
                        .iter()
                        .zip(files)
                        .map(|(m, &file)| (file, StoredRef::new(m, &no_keys)))
                        .collect()
                })? {
                    w.write_all(&bytes)?;
                }
                at = to;
            }
            w.write_all(&middle)?;
            for chunk in raw {
                match chunk {
                    RawChunk::New(bytes) => w.write_all(&bytes)?,
                    RawChunk::Old(c) => {
                        let old = old
                            .as_ref()
                            .ok_or_else(|| std::io::Error::other("no old catalog"))?;
                        w.write_all(&old.bytes(c)?)?;
                    }
                }
            }
            Ok(())
        })
    })
    .err()
    .map(|e| CatalogNote::NotSaved(e.to_string()))
}
