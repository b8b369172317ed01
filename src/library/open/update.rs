//! Updating the library after files were added, changed or removed, from the old catalog,
//! redoing only what the change touches — never de-duplication and link resolution over
//! 100,000 stories because ten files changed.
//!
//! 1. The *groups* that changed: the ids the changed and removed files' old stories were
//!    parsed with (the update section, `catalog::keys`), and those of the new stories.
//!    De-duplication only ever compares stories of one group (`dedup`), so it is run on these
//!    groups' stories alone: the new ones, and the old ones of unchanged files, decoded from
//!    the few raw chunks that hold them.
//! 2. Every other resolved story is kept as the old catalog has it, its file and place
//!    renumbered; the groups' new stories are put in among them in archive order.
//! 3. Links are resolved again where the answer can differ: those of the groups' stories,
//!    and any other link whose given target, current target, label or URL key is one the
//!    change touched (`graph::resolve_links`). Back-links are derived again.
//! 4. The new raw section copies every old chunk whose stories are all still there in the
//!    same order; the rest is encoded anew ([`layout`]).
//!
//! With no old catalog every file is new and this is the whole build. A property test checks
//! that an update gives exactly the library a build from scratch gives.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::super::catalog::{
    self, Header, OldRaw, RawKey, Rejected, Renamed, StoryKeys, Stored, UpdateKeys,
};
use super::super::entry::Entry;
use super::super::{dedup, graph};
use super::FileResult;
use crate::loader::walk;
use crate::model::{IdSet, StoryId, StoryMeta};

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
            let whole = len > 0
                && p + len <= n
                && (0..len).all(|k| sources[p + k] == Some(idx + k as u32));
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
fn starts(sizes: &[u32]) -> Vec<usize> {
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
fn chunk_holding(starts: &[usize], idx: usize) -> usize {
    starts.partition_point(|&s| s <= idx).saturating_sub(1)
}

/// The archive after the walk, as the update sees it.
pub(super) struct Walked<'a> {
    /// Each walked file's path, as found.
    paths: Vec<Arc<Path>>,
    /// Each walked file's key (`Archive::file_key`).
    keys: &'a [String],
    /// For each walked file: its record in the old header when it is unchanged.
    unchanged: &'a [Option<usize>],
    /// Each walked file's generation.
    seqs: Vec<u64>,
}

impl<'a> Walked<'a> {
    pub fn new(
        walk: &walk::Walk,
        keys: &'a [String],
        header: &Header,
        unchanged: &'a [Option<usize>],
        fresh: &HashMap<usize, FileResult>,
    ) -> Walked<'a> {
        let seqs = (0..walk.files.len())
            .map(|i| match (unchanged[i], fresh.get(&i)) {
                (Some(r), _) => header.files[r].seq,
                (None, Some((rec, _))) => rec.seq,
                (None, None) => header.next_seq,
            })
            .collect();
        Walked {
            paths: walk.files.iter().map(|f| Arc::from(f.path.as_path())).collect(),
            keys,
            unchanged,
            seqs,
        }
    }
}

/// The library's stories after an update, with what the new catalog holds.
pub(super) struct Updated {
    pub graph: graph::Graph,
    /// The record of every file parsed, by its place in the walk.
    pub records: HashMap<usize, catalog::FileRecord>,
    pub keys: UpdateKeys,
    /// The new raw section: copied old chunks and encoded new ones.
    pub raw: std::io::Result<Vec<RawChunk>>,
    pub old: Option<OldRaw>,
}

/// One chunk of the new raw section as written.
pub(super) enum RawChunk {
    /// The old catalog's chunk with this number.
    Old(usize),
    /// Encoded now.
    New(Vec<u8>),
}

/// What the plan decided once it saw the update section.
struct Planned {
    /// The ids of the groups that changed.
    groups: IdSet<u64>,
    pieces: Vec<Piece>,
}

/// A place in a raw section as stored.
fn place(p: usize) -> u32 {
    u32::try_from(p).unwrap_or(u32::MAX)
}

/// Where every story goes, worked out from the old header and the parsed files alone.
struct Prep {
    /// Where each old file record's stories start in the old raw section (and the end).
    old_start: Vec<usize>,
    /// Where each walked file's stories start in the new raw section (and the end).
    new_start: Vec<usize>,
    /// Where each new raw story was in the old raw section (`None`: parsed now).
    sources: Vec<Option<u32>>,
    /// Which old file records are still there, unchanged.
    kept_file: Vec<bool>,
    /// Each old file record's place in the walk, when it is unchanged.
    old_to_new: Vec<Option<u32>>,
    /// The ids the parsed stories were parsed with.
    new_groups: IdSet<u64>,
}

impl Prep {
    fn new(header: &Header, walked: &Walked<'_>, fresh: &HashMap<usize, FileResult>) -> Prep {
        let old_start = starts(&header.files.iter().map(|f| f.stories).collect::<Vec<_>>());
        let mut new_start = Vec::with_capacity(walked.unchanged.len() + 1);
        let mut sources: Vec<Option<u32>> = Vec::new();
        for (i, unchanged) in walked.unchanged.iter().enumerate() {
            new_start.push(sources.len());
            match unchanged {
                Some(r) => sources.extend((old_start[*r]..old_start[*r + 1]).map(|k| Some(place(k)))),
                None => {
                    let count = fresh.get(&i).map_or(0, |f| f.1.len());
                    sources.extend(std::iter::repeat_n(None, count));
                }
            }
        }
        new_start.push(sources.len());
        let mut kept_file = vec![false; header.files.len()];
        let mut old_to_new = vec![None; header.files.len()];
        for (i, r) in walked.unchanged.iter().enumerate() {
            if let Some(r) = r {
                kept_file[*r] = true;
                old_to_new[*r] = Some(place(i));
            }
        }
        let new_groups = fresh
            .values()
            .flat_map(|(_, es)| es.iter().map(|e| e.meta.id.0))
            .collect();
        Prep {
            old_start,
            new_start,
            sources,
            kept_file,
            old_to_new,
            new_groups,
        }
    }
}

/// What was read of the old catalog.
struct Old {
    keys: UpdateKeys,
    raw: OldRaw,
    /// The resolved stories, each with its old file record's index.
    resolved: Vec<(u32, StoryMeta)>,
    planned: Planned,
}

/// Updates the library from the old catalog of `reader`, whose header is `header`. `fresh`
/// holds every walked file that is not unchanged. An error: the old catalog turned out
/// unusable (its checksum is only known at its end); nothing read from it is used, and
/// `fresh` is handed back.
pub(super) fn update(
    reader: catalog::Reader,
    header: &Header,
    walked: &Walked<'_>,
    fresh: HashMap<usize, FileResult>,
) -> Result<Updated, (Rejected, HashMap<usize, FileResult>)> {
    let prep = Prep::new(header, walked, &fresh);
    let mut planned = None;
    // The resolved stories as the library holds them, converted as they are decoded (each
    // with its old file record's index).
    let mut resolved: Vec<(u32, StoryMeta)> =
        Vec::with_capacity(usize::try_from(header.resolved).unwrap_or(0));
    let nowhere: Arc<Path> = Arc::from(Path::new(""));
    let read = reader.update(
        &mut |_, chunk| {
            resolved.extend(chunk.into_iter().map(|(file, s)| {
                let path = prep
                    .old_to_new
                    .get(file as usize)
                    .copied()
                    .flatten()
                    .map_or(&nowhere, |nf| &walked.paths[nf as usize]);
                (file, Entry::from_stored(s, path, 0).meta)
            }));
        },
        &mut |_, keys| {
            let (p, wanted) = plan(keys, &prep);
            planned = Some(p);
            wanted
        },
    );
    match (read, planned) {
        (Ok((_, keys, raw)), Some(planned)) => {
            let old = Old {
                keys,
                raw,
                resolved,
                planned,
            };
            Ok(apply(walked, fresh, prep, Some(old)))
        }
        (Err(e), _) => Err((e, fresh)),
        (Ok(_), None) => Err((Rejected::Unusable("no update section".into()), fresh)),
    }
}

/// The library of `fresh` (every walked file, parsed) with no old catalog: the whole build.
pub(super) fn build(walked: &Walked<'_>, fresh: HashMap<usize, FileResult>) -> Updated {
    let header = Header::default();
    let prep = Prep::new(&header, walked, &fresh);
    apply(walked, fresh, prep, None)
}

/// The update proper, from what was read of the old catalog (`None`: nothing).
fn apply(
    walked: &Walked<'_>,
    mut fresh: HashMap<usize, FileResult>,
    prep: Prep,
    old: Option<Old>,
) -> Updated {
    let Prep {
        old_start,
        new_start,
        sources,
        new_groups,
        old_to_new,
        ..
    } = prep;
    let (keys, old, old_stories, planned) = match old {
        Some(o) => (o.keys, Some(o.raw), o.resolved, o.planned),
        None => (
            UpdateKeys::default(),
            None,
            Vec::new(),
            Planned {
                pieces: layout(&sources, &[]),
                groups: new_groups,
            },
        ),
    };
    let file_key = |f: u32| walked.keys.get(f as usize).cloned().unwrap_or_default();
    let old_chunk_starts = starts(&keys.chunks);
    let old_story = |idx: u32| -> Option<&Stored> {
        let c = chunk_holding(&old_chunk_starts, idx as usize);
        let chunk = old.as_ref()?.decoded.get(c)?.as_ref()?;
        chunk.get((idx as usize).checked_sub(old_chunk_starts[c])?)
    };
    // The new raw section, before de-duplication takes the new stories.
    let raw = encode_raw(&planned.pieces, &sources, &new_start, &fresh, &old_story);
    // The changed groups' stories in archive order, with their places in the raw section,
    // and every new raw story's group.
    let mut subset: Vec<(u32, Entry)> = Vec::new();
    let mut copies = Vec::new();
    let mut places = Vec::new();
    let mut raw_keys = Vec::with_capacity(sources.len());
    let mut records = HashMap::with_capacity(fresh.len());
    for (i, unchanged) in walked.unchanged.iter().enumerate() {
        let file = u32::try_from(i).unwrap_or(u32::MAX);
        if unchanged.is_some() {
            for p in new_start[i]..new_start[i + 1] {
                let Some(idx) = sources[p] else { continue };
                let key = keys.raw[idx as usize];
                raw_keys.push(key);
                if planned.groups.contains(&key.base)
                    && let Some(s) = old_story(idx)
                {
                    let e = Entry::from_stored(s.clone(), &walked.paths[i], walked.seqs[i]);
                    subset.push((file, e));
                    copies.push(key.copy);
                    places.push(place(p));
                }
            }
        } else if let Some((record, entries)) = fresh.remove(&i) {
            records.insert(i, record);
            let entries: Vec<(u32, Entry)> = entries.into_iter().map(|e| (file, e)).collect();
            let flags = dedup::copy_flags(&entries);
            for ((_, e), &copy) in entries.iter().zip(&flags) {
                raw_keys.push(RawKey {
                    base: e.meta.id.0,
                    copy,
                });
            }
            places.extend((new_start[i]..new_start[i + 1]).map(place));
            copies.extend(flags);
            subset.extend(entries);
        }
    }
    let bases: Vec<u64> = subset.iter().map(|(_, e)| e.meta.id.0).collect();
    let trace = crate::log::Trace::start();
    let deduped = dedup::dedup(subset, &copies, &file_key);
    trace.mark("dedup");
    let mut changed = Changed::default();
    let dedup::Deduped {
        entries,
        kept: survivors,
        renamed,
    } = deduped;
    let mut made: Vec<(u32, StoryMeta, StoryKeys)> = Vec::with_capacity(entries.len());
    for ((file, e), k) in entries.into_iter().zip(survivors) {
        let k = k as usize;
        let sk = graph::story_keys(&e, bases[k], places[k]);
        changed.add(e.meta.id, &sk);
        made.push((file, e.meta, sk));
    }
    // The old resolved stories outside the changed groups, in their new places, with the
    // groups' new ones put in among them; the dropped ones' ids and keys are what the
    // change touched.
    let n = old_stories.len() + made.len();
    let mut stories = Vec::with_capacity(n);
    let mut file_of = Vec::with_capacity(n);
    let mut skeys = Vec::with_capacity(n);
    let mut new = Vec::with_capacity(n);
    let mut made = made.into_iter().peekable();
    let mut push = |(file, meta, keys): (u32, StoryMeta, StoryKeys), is_new: bool| {
        stories.push(meta);
        file_of.push(file);
        skeys.push(keys);
        new.push(is_new);
    };
    for ((file, meta), mut sk) in old_stories.into_iter().zip(keys.resolved) {
        let new_file = old_to_new.get(file as usize).copied().flatten();
        let Some(nf) = new_file.filter(|_| !planned.groups.contains(&sk.base)) else {
            changed.add(meta.id, &sk);
            continue;
        };
        let offset = (sk.raw as usize).saturating_sub(old_start[file as usize]);
        sk.raw = place(new_start[nf as usize] + offset);
        while let Some(m) = made.next_if(|m| m.2.raw < sk.raw) {
            push(m, true);
        }
        push((nf, meta, sk), false);
    }
    for m in made {
        push(m, true);
    }
    let mut all_renamed = renamed;
    for r in &keys.renamed {
        if let Some(Some(nf)) = old_to_new.get(r.file as usize)
            && !planned.groups.contains(&r.base)
        {
            all_renamed.insert((*nf, StoryId(r.base)), StoryId(r.id));
        }
    }
    trace.mark("merge");
    let maps = graph::Maps::new(&stories, &skeys, all_renamed);
    trace.mark("maps");
    let groups = &planned.groups;
    graph::resolve_links(&mut stories, &file_of, &mut skeys, &maps, &|i, lk, now| {
        new[i]
            || lk.given.is_some_and(|g| groups.contains(&g) || changed.ids.contains(&g))
            || now.is_some_and(|t| changed.ids.contains(&t.0))
            || changed.titles.contains(&lk.label)
            || lk.url.is_some_and(|u| changed.urls.contains(&u))
    });
    trace.mark("links");
    let graph::Maps { by_id, renamed, .. } = maps;
    let mut renamed: Vec<Renamed> = renamed
        .into_iter()
        .map(|((file, base), id)| Renamed { file, base: base.0, id: id.0 })
        .collect();
    renamed.sort_unstable_by_key(|r| (r.file, r.base));
    let chunks = planned
        .pieces
        .iter()
        .map(|p| match p {
            Piece::Old(c) => keys.chunks.get(*c).copied().unwrap_or(0),
            Piece::New(r) => u32::try_from(r.len()).unwrap_or(u32::MAX),
        })
        .collect();
    Updated {
        graph: graph::with_back_links(stories, file_of, by_id),
        records,
        keys: UpdateKeys {
            raw: raw_keys,
            chunks,
            resolved: skeys,
            renamed,
        },
        raw,
        old,
    }
}

/// The ids, title keys and URL keys of every story an update dropped or made.
#[derive(Default)]
struct Changed {
    ids: IdSet<u64>,
    titles: IdSet<u64>,
    urls: IdSet<u64>,
}

impl Changed {
    fn add(&mut self, id: StoryId, keys: &StoryKeys) {
        self.ids.insert(id.0);
        self.titles.insert(keys.title);
        if let Some(u) = keys.url {
            self.urls.insert(u);
        }
    }
}

/// Decides, from the old catalog's update section, the groups that changed, the new raw
/// section's layout, and which old raw chunks to decode: those holding a changed group's
/// stories of unchanged files, and those not copied whole whose stories stay.
fn plan(keys: &UpdateKeys, prep: &Prep) -> (Planned, Vec<bool>) {
    let Prep {
        old_start,
        sources,
        kept_file,
        new_groups,
        ..
    } = prep;
    let mut groups = new_groups.clone();
    for (r, &kept) in kept_file.iter().enumerate() {
        if !kept {
            groups.extend(keys.raw[old_start[r]..old_start[r + 1]].iter().map(|k| k.base));
        }
    }
    let chunk_starts = starts(&keys.chunks);
    let mut wanted = vec![false; keys.chunks.len()];
    for (r, &kept) in kept_file.iter().enumerate() {
        if kept {
            for k in old_start[r]..old_start[r + 1] {
                if groups.contains(&keys.raw[k].base) {
                    wanted[chunk_holding(&chunk_starts, k)] = true;
                }
            }
        }
    }
    let pieces = layout(sources, &keys.chunks);
    for piece in &pieces {
        if let Piece::New(range) = piece {
            for idx in sources[range.clone()].iter().flatten() {
                wanted[chunk_holding(&chunk_starts, *idx as usize)] = true;
            }
        }
    }
    (Planned { groups, pieces }, wanted)
}

/// The new raw section: old chunks to copy, and the others encoded (in parallel) from the
/// old stories decoded for them and the new ones. A story that should have been decoded and
/// was not is an error (the catalog is then not saved), never a wrong catalog.
fn encode_raw<'o>(
    pieces: &[Piece],
    sources: &[Option<u32>],
    new_start: &[usize],
    fresh: &HashMap<usize, FileResult>,
    old_story: &(dyn Fn(u32) -> Option<&'o Stored> + Sync),
) -> std::io::Result<Vec<RawChunk>> {
    let story = |p: usize| -> std::io::Result<Stored> {
        let missing = || std::io::Error::other("a stored story was not read");
        match sources.get(p).copied().flatten() {
            Some(idx) => old_story(idx).cloned().ok_or_else(missing),
            None => {
                let file = chunk_holding(new_start, p);
                let (_, entries) = fresh.get(&file).ok_or_else(missing)?;
                let e = entries.get(p - new_start[file]).ok_or_else(missing)?;
                Ok(e.to_stored())
            }
        }
    };
    pieces
        .par_iter()
        .map(|piece| match piece {
            Piece::Old(c) => Ok(RawChunk::Old(*c)),
            Piece::New(range) => {
                let stories = range.clone().map(story).collect::<std::io::Result<Vec<_>>>()?;
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
            vec![Piece::New(0..3), Piece::Old(0), Piece::Old(1), Piece::Old(2)]
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
