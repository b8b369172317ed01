//! One story, one entry: merging copies that share an id, separating stories that only share
//! a title.
//!
//! Ids are hashes of folded titles (`loader::id`), so two entries with the same id are either
//! the same story stored twice (most often: embedded in another page's "read also" section and
//! also saved as its own file) or two different stories with the same headline. They are the
//! same story when one of them is an embedded copy, when their bodies are equal, or when one
//! body is a prefix of the other (a truncated copy). Then the fuller one is kept (more
//! paragraphs, then more text, then the one stored on its own rather than embedded), at its own
//! place in archive order, and it takes over fields only the other one had. Otherwise the story
//! seen *later* gets a disambiguated id: later by catalog generation first (when its file was
//! first seen), then by archive order — so a new file that sorts earlier never renames a story
//! that already had its id. Everything compared here was computed when the file was parsed
//! (`catalog::Keys`): no body is read.

use std::path::Path;

use super::entry::Entry;
use crate::loader::id;
use crate::model::{IdMap, IdSet, LinkKind, StoryId};

/// The surviving stories in archive order with the file each came from, where each was among
/// the entries given, and the ids given to stories that only shared a title, keyed by (file,
/// title id) so that an embedded link in that file follows its own story.
pub(super) struct Deduped {
    pub entries: Vec<(u32, Entry)>,
    /// For each surviving entry, its index among those given.
    pub kept: Vec<u32>,
    pub renamed: IdMap<(u32, StoryId), StoryId>,
}

/// Which of `entries` are embedded copies: stories inside a page (not its first) that a
/// story of the same file links as embedded. A fact of each file alone: `entries` must hold
/// every story of each file it holds any of.
pub(super) fn copy_flags(entries: &[(u32, Entry)]) -> Vec<bool> {
    // (file, id) of every story that some story in the same file embeds
    let embedded: IdSet<(u32, StoryId)> = entries
        .iter()
        .flat_map(|(file, e)| {
            e.meta
                .links
                .iter()
                .filter(|l| l.kind == LinkKind::Embedded)
                .filter_map(|l| l.target)
                .map(move |t| (*file, t))
        })
        .collect();
    entries
        .iter()
        .map(|(file, e)| e.meta.origin.position > 0 && embedded.contains(&(*file, e.meta.id)))
        .collect()
}

/// `entries` in archive order, each with its file's index, and which are embedded copies
/// ([`copy_flags`]); `file_key` names a file for the disambiguated ids (stable whatever way
/// the archive's path was typed). Every decision concerns stories sharing an id, so the
/// entries of some ids alone give exactly what all of them give for those ids (an update
/// redoes only the ids that changed). Works in place: the entries never move (moving 100,000
/// of them through several vectors was most of the time and memory of building a library);
/// decisions are made on indices.
pub(super) fn dedup(
    entries: Vec<(u32, Entry)>,
    copies: &[bool],
    file_key: &dyn Fn(u32) -> String,
) -> Deduped {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| (entries[i].1.keys.seq, i));
    let mut items: Vec<Option<(u32, Entry)>> = entries.into_iter().map(Some).collect();
    // The kept story of each id, and the further ones sharing it (rare: a separate map, so
    // that the common case allocates nothing per story).
    let mut first: IdMap<StoryId, usize> = IdMap::default();
    first.reserve(items.len());
    let mut more: IdMap<StoryId, Vec<usize>> = IdMap::default();
    let mut renamed = IdMap::default();
    for i in order {
        let Some((file, entry)) = items[i].as_ref() else {
            continue;
        };
        let (file, base) = (*file, entry.meta.id);
        let same = first
            .get(&base)
            .into_iter()
            .chain(more.get(&base).into_iter().flatten())
            .copied()
            .find(|&k| {
                items[k].as_ref().is_some_and(|(_, old)| {
                    copies.get(k).copied().unwrap_or(false)
                        || copies.get(i).copied().unwrap_or(false)
                        || is_prefix(&old.keys.body, &entry.keys.body)
                        || is_prefix(&entry.keys.body, &old.keys.body)
                })
            });
        if let Some(k) = same {
            if merge(&mut items, k, i, copies) == i {
                // The kept story is now the one at `i`, at its own place in archive order.
                let slots = first
                    .get_mut(&base)
                    .into_iter()
                    .chain(more.get_mut(&base).into_iter().flat_map(|v| v.iter_mut()));
                for slot in slots {
                    if *slot == k {
                        *slot = i;
                    }
                }
            }
            continue;
        }
        match first.entry(base) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                if let Some((_, e)) = items[i].as_mut() {
                    let new_id = id::disambiguated(
                        &e.meta.title,
                        Path::new(&file_key(file)),
                        e.meta.origin.position,
                    );
                    renamed.insert((file, base), new_id);
                    e.meta.id = new_id;
                }
                more.entry(base).or_default().push(i);
            }
        }
    }
    let kept = (0..items.len())
        .filter(|&i| items[i].is_some())
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect();
    Deduped {
        // `filter_map` collects in place, into the same allocation.
        #[allow(clippy::filter_map_identity)]
        entries: items.into_iter().filter_map(|x| x).collect(),
        kept,
        renamed,
    }
}

/// Two copies of one story, kept at `old` and met at `new`, become one: the fuller wins,
/// keeps the id the first one had and takes what only the other knew; the other's place is
/// emptied. Returns where the winner is.
fn merge(items: &mut [Option<(u32, Entry)>], old: usize, new: usize, copies: &[bool]) -> usize {
    let (Some((_, o)), Some((_, n))) = (&items[old], &items[new]) else {
        return old;
    };
    let keep_id = o.meta.id;
    let copy = |i: usize| copies.get(i).copied().unwrap_or(false);
    let (w, l) = if fuller(n, copy(new), o, copy(old)) {
        (new, old)
    } else {
        (old, new)
    };
    let Some((_, loser)) = items[l].take() else {
        return w;
    };
    if let Some((_, winner)) = items[w].as_mut() {
        winner.meta.id = keep_id;
        fill_in(winner, loser);
    }
    w
}

/// One body begins the other. An empty body begins nothing: a title-only record is not the
/// same story as any other story that happens to share its title.
fn is_prefix(short: &[u64], long: &[u64]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.starts_with(short)
}

/// Whether `new` should replace `old`: more paragraphs, then more text, then stored on its own.
fn fuller(new: &Entry, new_embedded: bool, old: &Entry, old_embedded: bool) -> bool {
    let size = |e: &Entry| (e.keys.body.len(), e.keys.text_len);
    match size(new).cmp(&size(old)) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => old_embedded && !new_embedded,
    }
}

/// The kept story takes what only the dropped copy knew, and its links.
fn fill_in(winner: &mut Entry, loser: Entry) {
    let (w, l) = (&mut winner.meta, loser.meta);
    w.source = w.source.take().or(l.source);
    w.author = w.author.take().or(l.author);
    w.published = w.published.or(l.published);
    if w.url.is_none() {
        w.url = l.url;
        winner.keys.url = loser.keys.url;
    }
    for (link, key) in l.links.into_iter().zip(loser.keys.links) {
        let dup = w
            .links
            .iter()
            .zip(&winner.keys.links)
            .any(|(k, kk)| kk.0 == key.0 && k.url == link.url);
        if !dup {
            w.links.push(link);
            winner.keys.links.push(key);
        }
    }
}
