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
//! (`entry::Keys`): no body is read.

use std::path::Path;

use super::entry::Entry;
use crate::loader::id;
use crate::model::{IdMap, IdSet, LinkKind, StoryId};

/// The surviving stories in archive order with the file each came from, and the ids given to
/// stories that only shared a title, keyed by (file, title id) so that an embedded link in
/// that file follows its own story.
pub(super) struct Deduped {
    pub entries: Vec<(u32, Entry)>,
    pub renamed: IdMap<(u32, StoryId), StoryId>,
}

struct Slot {
    /// Position in archive order, for the output.
    order: usize,
    file: u32,
    entry: Box<Entry>,
    /// An embedded copy (in another story's page).
    copy: bool,
}

/// `entries` in archive order, each with its file's index; `file_key` names a file for the
/// disambiguated ids (stable whatever way the archive's path was typed).
pub(super) fn dedup(entries: Vec<(u32, Entry)>, file_key: &dyn Fn(u32) -> String) -> Deduped {
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
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| (entries[i].1.keys.seq, i));
    // Boxed while they are shuffled around: moving 100,000 whole entries through three
    // vectors was most of this function's time and memory.
    let mut pending: Vec<Option<(u32, Box<Entry>)>> = entries
        .into_iter()
        .map(|(f, e)| Some((f, Box::new(e))))
        .collect();

    let mut slots: Vec<Option<Slot>> = Vec::with_capacity(pending.len());
    // The slot of each id, and of the further stories sharing it (rare: a separate map, so
    // that the common case allocates nothing per story).
    let mut first: IdMap<StoryId, usize> = IdMap::default();
    first.reserve(pending.len());
    let mut more: IdMap<StoryId, Vec<usize>> = IdMap::default();
    let mut renamed = IdMap::default();
    for i in order {
        let Some((file, mut entry)) = pending[i].take() else {
            continue;
        };
        let base = entry.meta.id;
        let copy = entry.meta.origin.position > 0 && embedded.contains(&(file, base));
        let candidates = first
            .get(&base)
            .into_iter()
            .chain(more.get(&base).into_iter().flatten());
        let same = candidates.copied().find(|&slot| {
            slots[slot].as_ref().is_some_and(|old| {
                old.copy
                    || copy
                    || is_prefix(&old.entry.keys.body, &entry.keys.body)
                    || is_prefix(&entry.keys.body, &old.entry.keys.body)
            })
        });
        if let Some(slot) = same {
            let old = slots[slot].take().expect("candidate slots hold a story");
            let new = Slot {
                order: i,
                file,
                entry,
                copy,
            };
            slots[slot] = Some(merge(old, new));
            continue;
        }
        if first.contains_key(&base) {
            let new_id = id::disambiguated(
                &entry.meta.title,
                Path::new(&file_key(file)),
                entry.meta.origin.position,
            );
            renamed.insert((file, base), new_id);
            entry.meta.id = new_id;
        }
        if let Some(&_taken) = first.get(&base) {
            more.entry(base).or_default().push(slots.len());
        } else {
            first.insert(base, slots.len());
        }
        slots.push(Some(Slot {
            order: i,
            file,
            entry,
            copy,
        }));
    }
    // Back to archive order, sorting (position, slot) pairs rather than moving the entries.
    let mut order: Vec<(usize, usize)> = slots
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.as_ref().map(|s| (s.order, i)))
        .collect();
    order.sort_unstable();
    let entries = order
        .into_iter()
        .filter_map(|(_, i)| slots[i].take())
        .map(|s| (s.file, *s.entry))
        .collect();
    Deduped { entries, renamed }
}

/// Two copies of one story become one: the fuller wins, keeps the id the first one had, and
/// takes what only the other knew.
fn merge(old: Slot, new: Slot) -> Slot {
    let keep_id = old.entry.meta.id;
    let (mut winner, loser) = if fuller(&new.entry, new.copy, &old.entry, old.copy) {
        (new, old)
    } else {
        (old, new)
    };
    winner.entry.meta.id = keep_id;
    fill_in(&mut winner.entry, *loser.entry);
    winner
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
