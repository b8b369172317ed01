//! The catalog side of opening an archive: the old catalog's stories read back for an update,
//! and the new catalog written — streamed, a few chunks at a time — with the folder stamp
//! beside it once it describes the archive.

use std::path::Path;

use super::super::catalog::{self, Header, Rejected, StoredRef};
use super::super::entry::{Entry, Keys};
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

/// The stored catalog's stories, as parsed, each file's taken out once when it is reused,
/// and its raw section's chunks as they were written.
pub(super) struct OldStories {
    stories: Vec<Option<catalog::Stored>>,
    /// Where each file record's stories start.
    start: Vec<usize>,
    /// Each chunk of the raw section, as written (length first).
    bytes: Vec<Vec<u8>>,
}

impl OldStories {
    pub(super) fn len(&self) -> usize {
        self.stories.len()
    }

    /// The stories of the header's file record `r` (none if the catalog did not hold them),
    /// and the index of the first in the raw section. Only a record whose stories are all
    /// there gives any.
    pub(super) fn take(&mut self, r: usize) -> (usize, Vec<catalog::Stored>) {
        let from = self.start.get(r).copied().unwrap_or(0);
        let to = self.start.get(r + 1).copied().unwrap_or(from);
        let stories = self
            .stories
            .get_mut(from..to)
            .unwrap_or_default()
            .iter_mut()
            .map(Option::take)
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default();
        (from, stories)
    }

    /// The raw section's chunks as written; the stories are dropped.
    pub(super) fn into_chunks(self) -> OldChunks {
        OldChunks {
            stories: self.stories.len(),
            bytes: self.bytes,
        }
    }
}

/// The old catalog's raw section as written: how many stories, each chunk's bytes.
pub(super) struct OldChunks {
    stories: usize,
    bytes: Vec<Vec<u8>>,
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
    let mut bytes = Vec::new();
    let header = match reader.map(|r| {
        r.raw_keeping(&mut |_, chunk, written| {
            stories.extend(chunk.into_iter().map(Some));
            bytes.push(written);
        })
    }) {
        Some(Ok(header)) => header,
        Some(Err(Rejected::Unusable(why))) => {
            notes.push(CatalogNote::Rebuilt(why));
            stories.clear();
            bytes.clear();
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
    (
        header,
        OldStories {
            stories,
            start,
            bytes,
        },
    )
}

/// The raw section of `entries`, a chunk at a time in parallel: a chunk that holds exactly
/// the stories of the old catalog's chunk with its number, in their places
/// (`came_from[j] == Some(j)` throughout, and as many), is the old chunk's `bytes` again —
/// decoding and encoding give back the same bytes — and every other chunk is encoded anew.
/// After ten files of 100,000 changed, that is one chunk encoded instead of fifty.
pub(super) fn raw_section(
    entries: &[(u32, Entry)],
    came_from: &[Option<usize>],
    old: OldChunks,
) -> std::io::Result<Vec<Vec<u8>>> {
    use rayon::prelude::*;
    let n = entries.len().div_ceil(catalog::CHUNK);
    // Does new chunk `i` hold old chunk `i`'s stories, all of them, in their places?
    let reusable = |i: usize| {
        let range = i * catalog::CHUNK..((i + 1) * catalog::CHUNK).min(entries.len());
        let old_count = old
            .stories
            .saturating_sub(i * catalog::CHUNK)
            .min(catalog::CHUNK);
        range.len() == old_count && range.clone().all(|j| came_from.get(j) == Some(&Some(j)))
    };
    let mut bytes: Vec<Option<Vec<u8>>> = old.bytes.into_iter().map(Some).collect();
    bytes.resize(n.max(bytes.len()), None);
    bytes
        .into_par_iter()
        .take(n)
        .enumerate()
        .map(|(i, b)| match b {
            Some(b) if reusable(i) => Ok(b),
            _ => catalog::encode_chunk(
                &catalog::chunk_of(entries, i)
                    .iter()
                    .map(|(_, e)| e.to_stored())
                    .collect::<Vec<_>>(),
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;

    fn entries(n: usize, renamed: usize) -> Vec<(u32, Entry)> {
        let path: Arc<Path> = Arc::from(Path::new("a.jsonl"));
        (0..n)
            .map(|i| {
                let title = if i == renamed {
                    format!("خبر معدل {i}")
                } else {
                    format!("خبر {i}")
                };
                let stored = catalog::Stored {
                    id: i as u64,
                    title,
                    source: Some("وكالة".into()),
                    author: None,
                    published: None,
                    lang: "ar".into(),
                    rtl: true,
                    url: None,
                    links: Vec::new(),
                    tags: Vec::new(),
                    position: u32::try_from(i).expect("small"),
                    paragraph_count: 2,
                    keys: Keys {
                        title: i as u64,
                        ..Keys::default()
                    },
                };
                (0, Entry::from_stored(stored, &path, 0))
            })
            .collect()
    }

    fn encoded(entries: &[(u32, Entry)]) -> Vec<Vec<u8>> {
        catalog::encode_chunks(entries.len().div_ceil(catalog::CHUNK), |i| {
            catalog::chunk_of(entries, i)
                .iter()
                .map(|(_, e)| e.to_stored())
                .collect()
        })
        .expect("encode")
    }

    #[test]
    fn unchanged_chunks_are_written_as_they_were_and_the_rest_anew() {
        let n = catalog::CHUNK * 2 + 100;
        let before = entries(n, usize::MAX);
        let old = encoded(&before);
        // one story of the first chunk changed; the others came from their old places
        let after = entries(n, 5);
        let came_from: Vec<Option<usize>> = (0..n).map(|j| (j != 5).then_some(j)).collect();
        let chunks = |bytes| OldChunks { stories: n, bytes };
        let raw = raw_section(&after, &came_from, chunks(old.clone())).expect("raw");
        assert_eq!(
            raw,
            encoded(&after),
            "the same bytes as encoding everything"
        );
        // the second chunk was taken as it was, not encoded: a marker put there comes back
        let mut marked = old.clone();
        marked[1] = b"marker".to_vec();
        let raw = raw_section(&after, &came_from, chunks(marked)).expect("raw");
        assert_eq!(raw[1], b"marker");
        assert_ne!(raw[0], old[0], "the changed chunk is encoded anew");
        // a story inserted at the front shifts every chunk: nothing is reused
        let shifted: Vec<Option<usize>> = (0..n).map(|j| j.checked_sub(1)).collect();
        let mut marked = old;
        marked[1] = b"marker".to_vec();
        let raw = raw_section(&after, &shifted, chunks(marked)).expect("raw");
        assert_eq!(raw, encoded(&after));
    }

    /// What makes reusing a chunk right: its stories, decoded and encoded again, are the
    /// same bytes.
    #[test]
    fn a_decoded_chunk_encodes_to_its_bytes() {
        let path: Arc<Path> = Arc::from(Path::new("a.txt"));
        let mut stories = entries(3, usize::MAX);
        let (_, e) = &mut stories[1];
        e.meta.author = Some("كاتب".into());
        e.meta.url = Some("https://example.org/x".into());
        e.meta.tags = vec!["ماء".into()];
        e.meta.links.push(crate::model::Link {
            label: "اقرأ أيضا".into(),
            target: Some(crate::model::StoryId(9)),
            url: None,
            kind: crate::model::LinkKind::Embedded,
            after_paragraph: Some(1),
        });
        e.keys.links = vec![(4, Some(5))];
        e.keys.body = vec![1, 2, 3];
        let bytes = encoded(&stories).remove(0);
        let decoded: Vec<catalog::Stored> = postcard::from_bytes(&bytes[4..]).expect("decode");
        let again: Vec<catalog::Stored> = decoded
            .into_iter()
            .map(|s| Entry::from_stored(s, &path, 7).to_stored())
            .collect();
        assert_eq!(catalog::encode_chunk(&again).expect("encode"), bytes);
    }
}
