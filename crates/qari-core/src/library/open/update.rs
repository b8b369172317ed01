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
use std::path::Path;
use std::sync::Arc;

use super::super::catalog::{
    self, Header, OldRaw, RawKey, Rejected, Renamed, Stored, StoryKeys, UpdateKeys,
};
use super::super::entry::Entry;
use super::super::group::GroupKeys;
use super::super::{dedup, graph};
use super::FileResult;
use super::layout::{Piece, RawChunk, chunk_holding, encode_raw, layout, place, starts};
use crate::loader::walk;
use crate::model::{IdMap, IdSet, StoryId, StoryMeta};

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
            paths: walk
                .files
                .iter()
                .map(|f| Arc::from(f.path.as_path()))
                .collect(),
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

/// What the plan decided once it saw the update section.
struct Planned {
    /// The ids of the groups that changed.
    groups: IdSet<u64>,
    pieces: Vec<Piece>,
}

/// Where every story goes, worked out from the old header and the parsed files alone.
struct Prep {
    /// Where each old file record's stories start in the old raw section (and the end).
    old_start: Vec<usize>,
    /// Where each walked file's stories start in the new raw section (and the end).
    new_start: Vec<usize>,
    /// Where each new raw story was in the old raw section (`None`: parsed now).
    sources: Vec<Option<u32>>,
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
            if let Some(r) = unchanged {
                sources.extend((old_start[*r]..old_start[*r + 1]).map(|k| Some(place(k))));
            } else {
                let count = fresh.get(&i).map_or(0, |f| f.1.len());
                sources.extend(std::iter::repeat_n(None, count));
            }
        }
        new_start.push(sources.len());
        let mut old_to_new = vec![None; header.files.len()];
        for (i, r) in walked.unchanged.iter().enumerate() {
            if let Some(r) = r {
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
    let gathered = gather(
        walked, &mut fresh, &new_start, &sources, &keys, &planned, &old_story,
    );
    let Gathered {
        subset,
        copies,
        places,
        raw_keys,
        records,
    } = gathered;
    let mut changed = Changed::default();
    let updating = !old_stories.is_empty();
    let (made, renamed) = dedup_groups(
        subset,
        &copies,
        &places,
        &file_key,
        updating.then_some(&mut changed),
    );
    let renumber = |file: u32, raw: u32| {
        let nf = old_to_new.get(file as usize).copied().flatten()?;
        let offset = (raw as usize).checked_sub(old_start[file as usize])?;
        Some((nf, place(new_start[nf as usize] + offset)))
    };
    let merged = merge(
        old_stories,
        keys.resolved,
        made,
        &planned.groups,
        &renumber,
        &mut changed,
    );
    let Merged {
        mut stories,
        file_of,
        keys: mut skeys,
        new,
    } = merged;
    // The old disambiguated ids of the groups kept, and the changed groups' new ones.
    let mut all_renamed = renamed;
    all_renamed.extend(keys.renamed.iter().filter_map(|r| {
        let nf = old_to_new.get(r.file as usize).copied().flatten()?;
        let kept = !planned.groups.contains(&r.base);
        kept.then_some(((nf, StoryId(r.base)), StoryId(r.id)))
    }));
    let maps = graph::Maps::new(&stories, &skeys, all_renamed);
    let groups = &planned.groups;
    graph::resolve_links(&mut stories, &file_of, &mut skeys, &maps, &|i, lk, now| {
        new[i]
            || lk
                .given
                .is_some_and(|g| groups.contains(&g) || changed.ids.contains(&g))
            || now.is_some_and(|t| changed.ids.contains(&t.0))
            || changed.titles.contains(&lk.label)
            || lk.url.is_some_and(|u| changed.urls.contains(&u))
    });
    let group = regroup(&mut stories, &skeys, updating, &keys.group, &new, &changed);
    let graph::Maps { by_id, renamed, .. } = maps;
    let chunks = chunk_sizes(&planned.pieces, &keys.chunks);
    Updated {
        graph: graph::with_back_links(stories, file_of, by_id),
        records,
        keys: UpdateKeys {
            raw: raw_keys,
            chunks,
            resolved: skeys,
            renamed: renamed_list(renamed),
            group,
        },
        raw,
        old,
    }
}

/// Groups the library (`group::assign`), from the old catalog's pairs when `updating`.
fn regroup(
    stories: &mut [StoryMeta],
    keys: &[StoryKeys],
    updating: bool,
    state: &super::super::group::GroupState,
    made: &[bool],
    changed: &Changed,
) -> super::super::group::GroupState {
    let previous = updating.then(|| super::super::group::Previous {
        state,
        made,
        dropped: &changed.dropped,
    });
    super::super::group::assign(stories, keys, previous.as_ref())
}

/// The changed groups' stories in archive order, with their places in the new raw section,
/// and every new raw story's group; the records of the files parsed.
struct Gathered {
    subset: Vec<(u32, Entry)>,
    copies: Vec<bool>,
    places: Vec<u32>,
    raw_keys: Vec<RawKey>,
    records: HashMap<usize, catalog::FileRecord>,
}

fn gather<'o>(
    walked: &Walked<'_>,
    fresh: &mut HashMap<usize, FileResult>,
    new_start: &[usize],
    sources: &[Option<u32>],
    keys: &UpdateKeys,
    planned: &Planned,
    old_story: &dyn Fn(u32) -> Option<&'o Stored>,
) -> Gathered {
    // The changed groups' stories are mostly the new ones (all of them on a first build).
    let new = fresh.values().map(|(_, e)| e.len()).sum::<usize>();
    let mut out = Gathered {
        subset: Vec::with_capacity(new),
        copies: Vec::with_capacity(new),
        places: Vec::with_capacity(new),
        raw_keys: Vec::with_capacity(sources.len()),
        records: HashMap::with_capacity(fresh.len()),
    };
    // Unchanged files parsed again for the grouping keys of stories not resolved before.
    let mut reparsed: HashMap<usize, HashMap<usize, GroupKeys>> = HashMap::new();
    for (i, unchanged) in walked.unchanged.iter().enumerate() {
        let file = place(i);
        if unchanged.is_some() {
            let here = new_start[i]..new_start[i + 1];
            for (p, source) in here.clone().zip(&sources[here]) {
                let Some(idx) = *source else { continue };
                let key = keys.raw[idx as usize];
                out.raw_keys.push(key);
                if planned.groups.contains(&key.base)
                    && let Some(s) = old_story(idx)
                {
                    let mut e = Entry::from_stored(s.clone(), &walked.paths[i], walked.seqs[i]);
                    e.keys.group = match keys.resolved.binary_search_by_key(&idx, |k| k.raw) {
                        Ok(r) => keys.resolved[r].group.clone(),
                        Err(_) => reparsed
                            .entry(i)
                            .or_insert_with(|| group_keys_of(&walked.paths[i]))
                            .get(&(s.position as usize))
                            .cloned()
                            .unwrap_or_default(),
                    };
                    out.subset.push((file, e));
                    out.copies.push(key.copy);
                    out.places.push(place(p));
                }
            }
        } else if let Some((record, entries)) = fresh.remove(&i) {
            out.records.insert(i, record);
            let entries: Vec<(u32, Entry)> = entries.into_iter().map(|e| (file, e)).collect();
            let flags = dedup::copy_flags(&entries);
            for ((_, e), &copy) in entries.iter().zip(&flags) {
                out.raw_keys.push(RawKey {
                    base: e.meta.id.0,
                    copy,
                });
            }
            out.places
                .extend((new_start[i]..new_start[i + 1]).map(place));
            out.copies.extend(flags);
            out.subset.extend(entries);
        }
    }
    out
}

/// The grouping keys of every story of the file at `path`, by its place in the file: for a
/// copy that was not the resolved one (the catalog keeps grouping keys only for those) and
/// is now.
fn group_keys_of(path: &Path) -> HashMap<usize, GroupKeys> {
    let (_, parsed) = super::super::read_hash_and_parse(path);
    parsed
        .stories
        .into_iter()
        .map(|s| {
            let at = s.meta.origin.position;
            (at, Entry::of(s, 0).keys.group)
        })
        .collect()
}

/// De-duplicates the changed groups' stories (`copies`: which are embedded copies, `places`:
/// where each is in the new raw section): the stories they come to, with their keys, in
/// order (their metadata collected in place, into the entries' own allocation), and the ids
/// given to stories that only shared a title. `changed` (when there is an old library to
/// update) learns their ids and keys.
fn dedup_groups(
    subset: Vec<(u32, Entry)>,
    copies: &[bool],
    places: &[u32],
    file_key: &dyn Fn(u32) -> String,
    mut changed: Option<&mut Changed>,
) -> (Merged, IdMap<(u32, StoryId), StoryId>) {
    let bases: Vec<u64> = subset.iter().map(|(_, e)| e.meta.id.0).collect();
    let dedup::Deduped {
        entries,
        kept,
        renamed,
    } = dedup::dedup(subset, copies, file_key);
    let n = entries.len();
    let mut file_of = Vec::with_capacity(n);
    let mut keys = Vec::with_capacity(n);
    let stories = entries
        .into_iter()
        .zip(kept)
        .map(|((file, e), k)| {
            let k = k as usize;
            let sk = graph::story_keys(&e, bases[k], places[k]);
            if let Some(c) = changed.as_deref_mut() {
                c.add(e.meta.id, &sk);
            }
            file_of.push(file);
            keys.push(sk);
            e.meta
        })
        .collect();
    let made = Merged {
        stories,
        file_of,
        keys,
        new: vec![true; n],
    };
    (made, renamed)
}

/// The disambiguated ids as the update section stores them, in a stable order.
fn renamed_list(renamed: IdMap<(u32, StoryId), StoryId>) -> Vec<Renamed> {
    let mut out: Vec<Renamed> = renamed
        .into_iter()
        .map(|((file, base), id)| Renamed {
            file,
            base: base.0,
            id: id.0,
        })
        .collect();
    out.sort_unstable_by_key(|r| (r.file, r.base));
    out
}

/// How many stories each chunk of the new raw section holds.
fn chunk_sizes(pieces: &[Piece], old: &[u32]) -> Vec<u32> {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Old(c) => old.get(*c).copied().unwrap_or(0),
            Piece::New(r) => place(r.len()),
        })
        .collect()
}

/// The new library's stories in order, with their keys and whether this update made them.
struct Merged {
    stories: Vec<StoryMeta>,
    file_of: Vec<u32>,
    keys: Vec<StoryKeys>,
    new: Vec<bool>,
}

/// The old resolved stories outside the changed `groups`, in their new places (`renumber`:
/// an old file and place to the new ones, `None` for a file gone or parsed again), with the
/// groups' new ones (`made`, in order) put in among them. The dropped stories' ids and keys
/// are what the change touched.
fn merge(
    old: Vec<(u32, StoryMeta)>,
    old_keys: Vec<StoryKeys>,
    made: Merged,
    groups: &IdSet<u64>,
    renumber: &dyn Fn(u32, u32) -> Option<(u32, u32)>,
    changed: &mut Changed,
) -> Merged {
    if old.is_empty() {
        return made;
    }
    let n = old.len() + made.stories.len();
    let mut out = Merged {
        stories: Vec::with_capacity(n),
        file_of: Vec::with_capacity(n),
        keys: Vec::with_capacity(n),
        new: Vec::with_capacity(n),
    };
    let mut push = |file: u32, meta: StoryMeta, keys: StoryKeys, is_new: bool| {
        out.stories.push(meta);
        out.file_of.push(file);
        out.keys.push(keys);
        out.new.push(is_new);
    };
    let mut made = made
        .file_of
        .into_iter()
        .zip(made.stories)
        .zip(made.keys)
        .peekable();
    for ((file, meta), mut sk) in old.into_iter().zip(old_keys) {
        let moved = renumber(file, sk.raw).filter(|_| !groups.contains(&sk.base));
        let Some((nf, raw)) = moved else {
            changed.add(meta.id, &sk);
            changed.dropped.push(sk.group);
            continue;
        };
        sk.raw = raw;
        while let Some(((f, m), k)) = made.next_if(|m| m.1.raw < raw) {
            push(f, m, k, true);
        }
        push(nf, meta, sk, false);
    }
    for ((f, m), k) in made {
        push(f, m, k, true);
    }
    out
}

/// The ids, title keys and URL keys of every story an update dropped or made.
#[derive(Default)]
struct Changed {
    ids: IdSet<u64>,
    titles: IdSet<u64>,
    urls: IdSet<u64>,
    /// The grouping keys of the stories dropped (`group::Previous::dropped`).
    dropped: Vec<GroupKeys>,
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
        old_to_new,
        new_groups,
        ..
    } = prep;
    let mut groups = new_groups.clone();
    for (r, now) in old_to_new.iter().enumerate() {
        if now.is_none() {
            groups.extend(
                keys.raw[old_start[r]..old_start[r + 1]]
                    .iter()
                    .map(|k| k.base),
            );
        }
    }
    let chunk_starts = starts(&keys.chunks);
    let mut wanted = vec![false; keys.chunks.len()];
    for (r, now) in old_to_new.iter().enumerate() {
        if now.is_some() {
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
