//! The catalog side of opening an archive: the old catalog's stories read back for an update,
//! and the new catalog written — streamed, a few chunks at a time — with the folder stamp
//! beside it once it describes the archive.

use std::path::Path;

use super::super::catalog::{self, Header, Rejected, StoredRef};
use super::super::entry::Keys;
use super::super::{Archive, Library, folders};
use super::CatalogNote;
use crate::loader::walk;

/// Saves the catalog when it changed (`raw`: its raw section, encoded), and stamps the folders
/// when the catalog on disk then describes the archive; the note when it cannot be saved.
pub(super) fn persist(
    catalog: Option<&Path>,
    archive: &Archive,
    walked: &walk::Walk,
    header: &Header,
    library: &Library,
    raw: Option<std::io::Result<Vec<Vec<u8>>>>,
) -> Option<CatalogNote> {
    let path = catalog?;
    let note = raw.and_then(|raw| save(path, header, library, raw));
    // A catalog that could not be saved leaves the stamp of the last one that was.
    if note.is_none() {
        folders::record(catalog, archive, walked, header);
    }
    note
}

/// Writes the catalog atomically — the resolved `library` and the `raw` section encoded
/// before — and the note to give when it cannot be.
fn save(
    path: &Path,
    header: &Header,
    library: &Library,
    raw: std::io::Result<Vec<Vec<u8>>>,
) -> Option<CatalogNote> {
    let chunks = library.stories.len().div_ceil(catalog::CHUNK);
    raw.and_then(|raw| {
        let head = catalog::encode_head(header, chunks)?;
        catalog::write_checksummed(path, catalog::Durability::Cache, |w| {
            w.write_all(&head)?;
            // The resolved section a few chunks at a time, encoded in parallel and written
            // at once; the raw section (encoded before resolving) dropped as it is written:
            // the encoded catalog is never in memory whole (78 MB at 100,000 stories).
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
            for bytes in raw {
                w.write_all(&bytes)?;
            }
            Ok(())
        })
    })
    .err()
    .map(|e| CatalogNote::NotSaved(e.to_string()))
}

/// The stored catalog's stories, as parsed, each file's taken out once when it is reused.
pub(super) struct OldStories {
    stories: Vec<Option<catalog::Stored>>,
    /// Where each file record's stories start.
    start: Vec<usize>,
}

impl OldStories {
    pub(super) fn len(&self) -> usize {
        self.stories.len()
    }

    /// The stories of the header's file record `r` (none if the catalog did not hold them).
    pub(super) fn take(&mut self, r: usize) -> impl Iterator<Item = catalog::Stored> + '_ {
        let from = self.start.get(r).copied().unwrap_or(0);
        let to = self.start.get(r + 1).copied().unwrap_or(from);
        self.stories
            .get_mut(from..to)
            .unwrap_or_default()
            .iter_mut()
            .filter_map(Option::take)
    }
}

/// The stored catalog's header and each file's stories (in one pass, no copy); a default
/// header when there is none or it is unusable (then with a note).
pub(super) fn read_old(
    reader: Option<catalog::Reader>,
    notes: &mut Vec<CatalogNote>,
) -> (Header, OldStories) {
    let expected = reader.as_ref().map_or(0, |r| {
        r.header().files.iter().map(|f| f.stories as usize).sum()
    });
    let mut stories = Vec::with_capacity(expected);
    let header =
        match reader.map(|r| r.raw(&mut |_, chunk| stories.extend(chunk.into_iter().map(Some)))) {
            Some(Ok(header)) => header,
            Some(Err(Rejected::Unusable(why))) => {
                notes.push(CatalogNote::Rebuilt(why));
                stories.clear();
                Header::default()
            }
            Some(Err(Rejected::Missing)) | None => Header::default(),
        };
    let mut start = Vec::with_capacity(header.files.len() + 1);
    let mut at = 0;
    for rec in &header.files {
        start.push(at);
        at += rec.stories as usize;
    }
    start.push(at);
    (header, OldStories { stories, start })
}
