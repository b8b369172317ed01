//! What the catalog keeps of the grouping between runs (its update section), so that an
//! update after ten files looks for the pairs of those ten — and of the few stories whose
//! pairs they may change — not for the pairs of 100,000 stories.
//!
//! A pair's fate depends only on its two stories and on numbers that change in steps
//! (`pairs::Idf`), so an update finds again exactly the pairs that can differ:
//! - *copies*: those of the stories it made, and of every story in a bucket whose size crossed
//!   [`BUCKET_CAP`](super::cluster::BUCKET_CAP) (its pairs came or went with it);
//! - *events and loose pairs*: those of the stories it made, and of every story holding a
//!   term whose frequency crossed a step (its weights changed);
//! - everything, when the archive's size crossed a power of two.
//!
//! The other pairs are kept by story id. The property test in `tests/core/grouping.rs`
//! checks that an update groups exactly as a build.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::cluster::{BUCKET_CAP, Member};
use super::pairs::{self, Edges, Idf, step};
use super::sketch::GroupKeys;
use crate::model::IdMap;

/// The grouping's pairs and term frequencies, as the catalog keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupState {
    /// Whether this holds the pairs of its library (not a default).
    pub valid: bool,
    /// The archive size's step they were found at (`Idf::scale`).
    pub scale: u32,
    /// Every term's document frequency, sorted by term.
    pub df: Vec<(u32, u32)>,
    /// The pairs by story id.
    pub copies: Vec<(u64, u64)>,
    pub events: Vec<(u64, u64)>,
    pub loose: Vec<(u64, u64)>,
}

/// What an update knows of the library before it.
pub struct Previous<'a> {
    pub state: &'a GroupState,
    /// Which stories of the new library the update made (the others are kept as they were).
    pub made: &'a [bool],
    /// The grouping keys of the stories it dropped (changed or gone).
    pub dropped: &'a [GroupKeys],
}

/// Every term's document frequency.
pub fn document_frequencies(members: &[Member<'_>]) -> FxHashMap<u32, u32> {
    members
        .par_chunks(8192)
        .map(|part| {
            let mut df: FxHashMap<u32, u32> = FxHashMap::default();
            for m in part {
                for &(t, _) in &m.keys.terms {
                    *df.entry(t).or_insert(0) += 1;
                }
            }
            df
        })
        .reduce(FxHashMap::default, |mut a, b| {
            for (t, d) in b {
                *a.entry(t).or_insert(0) += d;
            }
            a
        })
}

/// Every pair, found anew.
pub fn build(members: &[Member<'_>]) -> (Edges, Idf) {
    let trace = crate::trace::Trace::start();
    let idf = Idf::new(document_frequencies(members), members.len());
    trace.mark("pairs: term frequencies");
    let keyed = pairs::buckets(members);
    trace.mark("pairs: copy buckets");
    let copies = pairs::copy_pairs(members, &keyed, None);
    drop(keyed);
    trace.mark("pairs: copies");
    let (mut events, loose) = pairs::term_pairs(members, &idf, None);
    events.extend(pairs::translation_pairs(members, None));
    events.sort_unstable();
    events.dedup();
    trace.mark("pairs: events");
    let edges = Edges {
        copies,
        events,
        loose,
    };
    (edges, idf)
}

/// The pairs after an update, from those before it; `None` when they must all be found anew.
pub fn update(
    members: &[Member<'_>],
    ids: &[u64],
    previous: &Previous<'_>,
) -> Option<(Edges, Idf)> {
    let n = members.len();
    let state = previous.state;
    if !state.valid || state.scale != Idf::scale(n) || previous.made.len() != n {
        return None;
    }
    let made = previous.made;
    let trace = crate::trace::Trace::start();
    let (df, stepped) = frequencies(&state.df, members, previous);
    let idf = Idf::sorted(df, n);
    trace.mark("pairs: term frequencies");
    let stepped: pairs::Wanted<u32> = stepped.into_iter().collect();
    let event_dirty: Vec<bool> = members
        .par_iter()
        .enumerate()
        .map(|(i, m)| {
            made[i]
                || (!stepped.is_empty() && m.keys.terms.iter().any(|&(t, _)| stepped.contains(t)))
        })
        .collect();
    trace.mark("pairs: stories holding terms that stepped");
    let (keyed, decided) = copy_changes(members, made, previous.dropped);
    trace.mark("pairs: copy buckets");
    let new_copies = pairs::copy_pairs(members, &keyed, Some(made));
    drop(keyed);
    trace.mark("pairs: copies");
    let (mut new_events, new_loose) = pairs::term_pairs(members, &idf, Some(&event_dirty));
    new_events.extend(pairs::translation_pairs(members, Some(&event_dirty)));
    trace.mark("pairs: events");
    // The pairs kept: both stories still here, neither looked at again.
    let index: IdMap<u64, u32> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let kept = |old: &[(u64, u64)], dirty: &[bool], found: Vec<(u32, u32)>| {
        let mut out = found;
        out.extend(old.iter().filter_map(|(a, b)| {
            let (i, j) = (*index.get(a)?, *index.get(b)?);
            (!dirty[i as usize] && !dirty[j as usize]).then_some((i.min(j), i.max(j)))
        }));
        out.sort_unstable();
        out.dedup();
        out
    };
    let mut copies = kept(&state.copies, made, new_copies);
    if !decided.is_empty() {
        let pairs: FxHashMap<(u32, u32), bool> = decided.into_iter().collect();
        copies.retain(|p| pairs.get(p).is_none_or(|&copy| copy));
        copies.extend(pairs.into_iter().filter(|e| e.1).map(|e| e.0));
        copies.sort_unstable();
        copies.dedup();
    }
    trace.mark("pairs: kept");
    let edges = Edges {
        copies,
        events: kept(&state.events, &event_dirty, new_events),
        loose: kept(&state.loose, &event_dirty, new_loose),
    };
    Some((edges, idf))
}

/// Every term's document frequency after an update (the dropped stories' terms out, the made
/// ones' in, merged into the old list sorted by term in one pass), and the terms whose step
/// changed that a story the update did not make holds.
fn frequencies(
    old_df: &[(u32, u32)],
    members: &[Member<'_>],
    previous: &Previous<'_>,
) -> (Vec<(u32, u32)>, Vec<u32>) {
    let made = previous.made;
    let mut delta: FxHashMap<u32, (i64, u32)> = FxHashMap::default(); // change, held by made
    for g in previous.dropped {
        for &(t, _) in &g.terms {
            delta.entry(t).or_default().0 -= 1;
        }
    }
    for (i, m) in members.iter().enumerate() {
        if made[i] {
            for &(t, _) in &m.keys.terms {
                let d = delta.entry(t).or_default();
                d.0 += 1;
                d.1 += 1;
            }
        }
    }
    let mut changes: Vec<(u32, (i64, u32))> = delta.into_iter().collect();
    changes.sort_unstable_by_key(|c| c.0);
    let mut df: Vec<(u32, u32)> = Vec::with_capacity(old_df.len() + changes.len());
    let mut stepped: Vec<u32> = Vec::new();
    // a term's new frequency; whether its step changed, held by a story the update did not
    // make
    let apply = |t: u32, old: u32, (change, held_by_made): (i64, u32), df: &mut Vec<(u32, u32)>| {
        let new = u32::try_from((i64::from(old) + change).max(0)).unwrap_or(0);
        if new > 0 {
            df.push((t, new));
        }
        (step(old) != step(new) && new > held_by_made).then_some(t)
    };
    let mut k = 0;
    for &(t, d) in old_df {
        while k < changes.len() && changes[k].0 < t {
            stepped.extend(apply(changes[k].0, 0, changes[k].1, &mut df));
            k += 1;
        }
        if k < changes.len() && changes[k].0 == t {
            stepped.extend(apply(t, d, changes[k].1, &mut df));
            k += 1;
        } else {
            df.push((t, d));
        }
    }
    for &(c, change) in &changes[k..] {
        stepped.extend(apply(c, 0, change, &mut df));
    }
    (df, stepped)
}

/// Pairs of stories an update did not make, and whether each is a copy now.
type Decided = Vec<((u32, u32), bool)>;

/// The copy buckets an update reads (those of the bands of the stories it made or dropped,
/// whole), and the pairs of stories it did not make whose fate it changed anyway: those in
/// a bucket whose size crossed [`BUCKET_CAP`] (the bucket stopped or started making
/// candidates), decided here — a copy is a pair still when another bucket of theirs makes
/// it a candidate.
fn copy_changes(
    members: &[Member<'_>],
    made: &[bool],
    dropped: &[GroupKeys],
) -> (Vec<(u64, u32)>, Decided) {
    let mut lost: FxHashMap<u64, u32> = FxHashMap::default();
    for g in dropped {
        for b in pairs::bands(&g.sketch) {
            *lost.entry(b).or_insert(0) += 1;
        }
    }
    let wanted: pairs::Wanted<u64> = lost
        .keys()
        .copied()
        .chain(
            members
                .iter()
                .enumerate()
                .filter(|&(i, _)| made[i])
                .flat_map(|(_, m)| pairs::bands(&m.keys.sketch)),
        )
        .collect();
    let keyed = pairs::buckets_of(members, &wanted);
    let size = pairs::sizes(&keyed);
    // copies in a crossing bucket, with the other bands they share
    let mut copies: Vec<((u32, u32), Vec<u64>)> = Vec::new();
    for run in pairs::runs(&keyed) {
        let now = run.len();
        let came = run.iter().filter(|(_, s)| made[*s as usize]).count();
        let before = now - came + lost.get(&run[0].0).copied().unwrap_or(0) as usize;
        if (now > BUCKET_CAP) == (before > BUCKET_CAP) {
            continue;
        }
        let old: Vec<u32> = run
            .iter()
            .map(|&(_, s)| s)
            .filter(|&s| !made[s as usize])
            .collect();
        for (k, &a) in old.iter().enumerate() {
            for &b in &old[k + 1..] {
                let (x, y) = (&members[a as usize], &members[b as usize]);
                if pairs::is_copy(x, y, (&x.keys.sketch, &y.keys.sketch)) {
                    let shared = pairs::shared_bands(&x.keys.sketch, &y.keys.sketch);
                    copies.push(((a.min(b), a.max(b)), shared));
                }
            }
        }
    }
    // a shared band whose bucket was not read kept its size: read those few
    let unread: pairs::Wanted<u64> = copies
        .iter()
        .flat_map(|(_, shared)| shared.iter().copied())
        .filter(|k| !size.contains_key(k))
        .collect();
    let more: FxHashMap<u64, usize> = if unread.is_empty() {
        FxHashMap::default()
    } else {
        pairs::sizes(&pairs::buckets_of(members, &unread))
    };
    let decided = copies
        .into_iter()
        .map(|(pair, shared)| {
            let candidate = shared
                .iter()
                .any(|k| pairs::usable_size(size.get(k).or(more.get(k)).copied().unwrap_or(0)));
            (pair, candidate)
        })
        .collect();
    (keyed, decided)
}

impl GroupState {
    /// The state of a library whose pairs are `edges` (stories named by index in `ids`).
    pub fn of(edges: &Edges, idf: &Idf, ids: &[u64]) -> GroupState {
        let by_id = |v: &[(u32, u32)]| -> Vec<(u64, u64)> {
            v.iter()
                .map(|&(i, j)| (ids[i as usize], ids[j as usize]))
                .collect()
        };
        GroupState {
            valid: true,
            scale: Idf::scale(ids.len()),
            df: idf.df().to_vec(),
            copies: by_id(&edges.copies),
            events: by_id(&edges.events),
            loose: by_id(&edges.loose),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{GroupKeys, assign};
    use super::{GroupState, Previous};
    use crate::library::catalog::StoryKeys;
    use crate::model::StoryMeta;

    /// The grouping fixtures (30 stories in five languages), with their keys.
    fn fixtures() -> Vec<(StoryMeta, StoryKeys)> {
        let files = super::super::fixture_files();
        let mut out = Vec::new();
        for f in files {
            let bytes = std::fs::read(&f).expect("read");
            for s in crate::loader::parse_file(&f, &bytes).stories {
                let group = GroupKeys::of(&s.meta.title, &s.paragraphs, &s.meta.lang);
                let keys = StoryKeys {
                    group,
                    ..StoryKeys::default()
                };
                out.push((s.meta, keys));
            }
        }
        out
    }

    fn split(v: &[(StoryMeta, StoryKeys)]) -> (Vec<StoryMeta>, Vec<StoryKeys>) {
        v.iter().cloned().unzip()
    }

    /// Synthetic stories for the copy tier: `n` sketches of random bins, the first `shared`
    /// with one band in common, stories 0 and 1 copies that share no other band.
    fn sketches(n: usize, shared: usize) -> Vec<GroupKeys> {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            u16::try_from(seed % 60_000).expect("small")
        };
        let mut out: Vec<GroupKeys> = (0..n)
            .map(|_| GroupKeys {
                sketch: (0..super::super::sketch::BINS).map(|_| next()).collect(),
                shingles: 1000,
                terms: Vec::new(),
                translations: Vec::new(),
            })
            .collect();
        for k in out.iter_mut().take(shared) {
            k.sketch[0] = 7;
            k.sketch[1] = 9;
        }
        // 0 and 1: the second bin of twenty bands equal, the first not: Jaccard 21/64
        for b in 1..21 {
            let v = out[0].sketch[2 * b + 1];
            out[1].sketch[2 * b + 1] = v;
        }
        out
    }

    fn members(keys: &[GroupKeys]) -> Vec<super::Member<'_>> {
        keys.iter()
            .enumerate()
            .map(|(i, k)| super::Member {
                source: Some(u32::try_from(i + 1).expect("small")),
                lang: 0,
                minute: None,
                url: None,
                keys: k,
            })
            .collect()
    }

    /// A bucket that grows past the cap stops making candidates (a copy found only through it
    /// is no longer one), and one that shrinks back makes them again: an update says so
    /// exactly as a build.
    #[test]
    fn a_bucket_crossing_the_cap_is_seen_by_an_update() {
        let cap = super::BUCKET_CAP;
        let all = sketches(cap + 8, cap + 1);
        let ids: Vec<u64> = (0..all.len() as u64).map(|i| 100 + i).collect();
        // before: one story of the shared band missing (the bucket is at the cap)
        let before: Vec<GroupKeys> = all
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != cap)
            .map(|(_, k)| k.clone())
            .collect();
        let before_ids: Vec<u64> = ids
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != cap)
            .map(|(_, &id)| id)
            .collect();
        let (edges, idf) = super::build(&members(&before));
        assert_eq!(edges.copies, vec![(0, 1)]);
        let state = GroupState::of(&edges, &idf, &before_ids);
        let made: Vec<bool> = (0..all.len()).map(|i| i == cap).collect();
        let previous = Previous {
            state: &state,
            made: &made,
            dropped: &[],
        };
        let (updated, _) = super::update(&members(&all), &ids, &previous).expect("same scale");
        let (built, idf) = super::build(&members(&all));
        assert!(built.copies.is_empty(), "{:?}", built.copies);
        assert_eq!(updated.copies, built.copies);
        // and back: the story removed, the bucket at the cap again
        let state = GroupState::of(&built, &idf, &ids);
        let previous = Previous {
            state: &state,
            made: &vec![false; before.len()],
            dropped: std::slice::from_ref(&all[cap]),
        };
        let (back, _) = super::update(&members(&before), &before_ids, &previous).expect("scale");
        assert_eq!(back.copies, vec![(0, 1)]);
    }

    /// An update from a library with three stories fewer and one edited (all at one archive
    /// size step, so the pairs are carried over, not found anew) groups exactly as a build.
    #[test]
    fn an_update_keeps_and_finds_exactly_the_pairs_a_build_finds() {
        let all = fixtures();
        assert!(all.len() > 24 && all.len() <= 32, "{}", all.len());
        let gone = [3usize, 10, 17];
        let edited = 5usize;
        let mut before: Vec<(StoryMeta, StoryKeys)> = Vec::new();
        let mut old_edited = GroupKeys::default();
        for (i, (m, k)) in all.iter().enumerate() {
            if gone.contains(&i) {
                continue;
            }
            let mut k = k.clone();
            if i == edited {
                // its old version: another story's text under its title
                k.group.sketch.clone_from(&all[6].1.group.sketch);
                k.group.terms.truncate(k.group.terms.len() / 2);
                old_edited = k.group.clone();
            }
            before.push((m.clone(), k));
        }
        let (mut metas, keys) = split(&before);
        let state = assign(&mut metas, &keys, None);
        assert!(state.valid);
        let (mut fresh, keys) = split(&all);
        let built = assign(&mut fresh, &keys, None);
        let made: Vec<bool> = (0..all.len())
            .map(|i| gone.contains(&i) || i == edited)
            .collect();
        let (mut updated, keys) = split(&all);
        let previous = Previous {
            state: &state,
            made: &made,
            dropped: &[old_edited],
        };
        let after = assign(&mut updated, &keys, Some(&previous));
        assert_eq!(after, built);
        assert_eq!(updated, fresh);
        assert!(!built.events.is_empty() && !built.copies.is_empty());
        // and back: the three stories removed again, the edit undone
        let kept: Vec<(StoryMeta, StoryKeys)> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| !gone.contains(i))
            .map(|(_, s)| s.clone())
            .collect();
        let (mut fresh, keys) = split(&kept);
        let built: GroupState = assign(&mut fresh, &keys, None);
        let dropped: Vec<GroupKeys> = gone.iter().map(|&i| all[i].1.group.clone()).collect();
        let (mut updated, keys) = split(&kept);
        let previous = Previous {
            state: &after,
            made: &vec![false; kept.len()],
            dropped: &dropped,
        };
        assert_eq!(assign(&mut updated, &keys, Some(&previous)), built);
        assert_eq!(updated, fresh);
    }
}
