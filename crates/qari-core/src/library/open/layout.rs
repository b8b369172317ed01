//! The new raw section's chunks after an update: every old chunk whose stories are all still
//! there, in the same order, is copied from the old catalog as it was (decoding and encoding
//! give back the same bytes, so this is exactly what encoding it again would write); the
//! rest is encoded anew. After ten files of 100,000 changed, that is a chunk or two encoded
//! instead of fifty. Chunks therefore need not all hold [`catalog::CHUNK`] stories; when
//! updates have left many more than a fresh layout would, everything is laid out afresh.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use super::super::catalog::{self, Stored};
use super::FileResult;

/// One chunk of the new raw section: an old chunk copied as it was, or the stories at these
/// places of the new raw section, encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    Old(usize),
    New(Range<usize>),
}

/// The new raw section's chunks, given where each new raw story was in the old section
/// (`None`: newly parsed) and how many stories each old chunk holds: an old chunk whose
/// stories come next, all of them in order, is copied; the rest is cut into chunks of at most
/// [`catalog::CHUNK`]. When that leaves many more chunks than a fresh layout would (after
/// many updates), everything is laid out afresh.
pub(super) fn layout(sources: &[Option<u32>], old_chunks: &[u32]) -> Vec<Piece> {
    let starts = starts(old_chunks);
    let n = sources.len();
    let mut out = Vec::new();
    let mut run = 0..0;
    let mut p = 0;
    while p < n {
        if let Some(idx) = sources[p]
            && let Ok(c) = starts.binary_search(&(idx as usize))
            && let Some(&len) = old_chunks.get(c)
        {
            let len = len as usize;
            let whole =
                len > 0 && p + len <= n && (0..len).all(|k| sources[p + k] == Some(idx + k as u32));
            if whole {
                if !run.is_empty() {
                    out.push(Piece::New(run.clone()));
                }
                out.push(Piece::Old(c));
                p += len;
                run = p..p;
                continue;
            }
        }
        run.end = p + 1;
        if run.len() == catalog::CHUNK {
            out.push(Piece::New(run.clone()));
            run = p + 1..p + 1;
        }
        p += 1;
    }
    if !run.is_empty() {
        out.push(Piece::New(run));
    }
    if out.len() > n.div_ceil(catalog::CHUNK) * 2 + 8 {
        return (0..n.div_ceil(catalog::CHUNK))
            .map(|i| Piece::New(i * catalog::CHUNK..((i + 1) * catalog::CHUNK).min(n)))
            .collect();
    }
    out
}

/// Where each chunk of `sizes` starts (and, last, the end).
pub(super) fn starts(sizes: &[u32]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sizes.len() + 1);
    let mut at = 0;
    for &s in sizes {
        out.push(at);
        at += s as usize;
    }
    out.push(at);
    out
}

/// The chunk (of those starting at `starts`) that holds story `idx`.
pub(super) fn chunk_holding(starts: &[usize], idx: usize) -> usize {
    starts.partition_point(|&s| s <= idx).saturating_sub(1)
}

/// A place in a raw section as stored.
pub(super) fn place(p: usize) -> u32 {
    u32::try_from(p).unwrap_or(u32::MAX)
}

/// One chunk of the new raw section as written.
pub(super) enum RawChunk {
    /// The old catalog's chunk with this number.
    Old(usize),
    /// Encoded now.
    New(Vec<u8>),
}

/// The new raw section: old chunks to copy, and the others encoded (in parallel) from the
/// old stories decoded for them and the new ones. A story that should have been decoded and
/// was not is an error (the catalog is then not saved), never a wrong catalog.
pub(super) fn encode_raw<'o>(
    pieces: &[Piece],
    sources: &[Option<u32>],
    new_start: &[usize],
    fresh: &HashMap<usize, FileResult>,
    old_story: &(dyn Fn(u32) -> Option<&'o Stored> + Sync),
) -> std::io::Result<Vec<RawChunk>> {
    let story = |p: usize| -> std::io::Result<Stored> {
        let missing = || std::io::Error::other("a stored story was not read");
        if let Some(idx) = sources.get(p).copied().flatten() {
            old_story(idx).cloned().ok_or_else(missing)
        } else {
            let file = chunk_holding(new_start, p);
            let (_, entries) = fresh.get(&file).ok_or_else(missing)?;
            let e = entries.get(p - new_start[file]).ok_or_else(missing)?;
            Ok(e.to_stored())
        }
    };
    pieces
        .par_iter()
        .map(|piece| match piece {
            Piece::Old(c) => Ok(RawChunk::Old(*c)),
            Piece::New(range) => {
                let stories = range
                    .clone()
                    .map(story)
                    .collect::<std::io::Result<Vec<_>>>()?;
                catalog::encode_chunk(&stories).map(RawChunk::New)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: usize = catalog::CHUNK;

    fn old(range: Range<usize>) -> Vec<Option<u32>> {
        range.map(|k| Some(place(k))).collect()
    }

    #[test]
    fn unchanged_chunks_are_copied_and_the_rest_laid_out_anew() {
        let chunks = [place(C), place(C), 100];
        let n = 2 * C + 100;
        // nothing changed: every chunk copied
        assert_eq!(
            layout(&old(0..n), &chunks),
            vec![Piece::Old(0), Piece::Old(1), Piece::Old(2)]
        );
        // one story of the second chunk parsed again: that chunk alone is encoded
        let mut changed = old(0..n);
        changed[C + 5] = None;
        assert_eq!(
            layout(&changed, &chunks),
            vec![Piece::Old(0), Piece::New(C..2 * C), Piece::Old(2)]
        );
        // stories added at the front: a short new chunk, and every old chunk copied
        let mut grown = vec![None; 3];
        grown.extend(old(0..n));
        assert_eq!(
            layout(&grown, &chunks),
            vec![
                Piece::New(0..3),
                Piece::Old(0),
                Piece::Old(1),
                Piece::Old(2)
            ]
        );
        // the first chunk's stories gone: the second copied from the start
        assert_eq!(
            layout(&old(C..n), &chunks),
            vec![Piece::Old(1), Piece::Old(2)]
        );
        // a story taken out of the middle of a chunk: the chunk is encoded without it
        let mut cut = old(0..n);
        cut.remove(10);
        assert_eq!(
            layout(&cut, &chunks),
            vec![Piece::New(0..C - 1), Piece::Old(1), Piece::Old(2)]
        );
        assert!(layout(&[], &chunks).is_empty());
    }

    #[test]
    fn new_stories_are_cut_into_full_chunks_and_many_small_ones_are_laid_out_afresh() {
        let n = 2 * C + 1;
        assert_eq!(
            layout(&vec![None; n], &[]),
            vec![Piece::New(0..C), Piece::New(C..2 * C), Piece::New(2 * C..n)]
        );
        // a thousand one-story chunks, each copied, would be a thousand chunks: afresh
        let tiny = vec![1u32; 1000];
        let pieces = layout(&old(0..1000), &tiny);
        assert_eq!(pieces, vec![Piece::New(0..1000)]);
    }

    #[test]
    fn the_chunk_holding_a_story() {
        let s = starts(&[3, 2, 4]);
        assert_eq!(s, vec![0, 3, 5, 9]);
        let found: Vec<usize> = (0..9).map(|i| chunk_holding(&s, i)).collect();
        assert_eq!(found, vec![0, 0, 0, 1, 1, 2, 2, 2, 2]);
        // files with no stories start where the next one does
        let f = starts(&[2, 0, 0, 1]);
        assert_eq!(chunk_holding(&f, 2), 3);
    }
}
