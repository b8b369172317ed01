//! One story, one entry: merging copies that share an id, separating stories that only share
//! a title.
//!
//! Ids are hashes of folded titles (`loader::id`), so two entries with the same id are either
//! the same story stored twice (most often: embedded in another page's "read also" section and
//! also saved as its own file) or two different stories with the same headline. They are the
//! same story when one of them is an embedded copy, when their bodies are equal, or when one
//! body is a prefix of the other (a truncated copy). Then the fuller one is kept (more
//! paragraphs, then more text, then the one stored on its own rather than embedded), at its own
//! place in archive order, and it takes over fields only the other one had. Otherwise the later
//! story gets a disambiguated id.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use xxhash_rust::xxh3::xxh3_64;

use crate::loader::id;
use crate::model::{LinkKind, Story, StoryId};
use crate::normalize::fold;

/// The surviving stories, and the ids given to stories that only shared a title, keyed by
/// (file, title id) so that an embedded link in that file follows its own story.
pub(super) struct Deduped {
    pub stories: Vec<Story>,
    pub renamed: HashMap<(PathBuf, StoryId), StoryId>,
}

pub(super) fn dedup(stories: Vec<Story>) -> Deduped {
    // (file, id) of every story that some story in the same file embeds
    let embedded: HashSet<(PathBuf, StoryId)> = stories
        .iter()
        .flat_map(|s| {
            s.meta
                .links
                .iter()
                .filter(|l| l.kind == LinkKind::Embedded)
                .filter_map(|l| l.target)
                .map(|t| (s.meta.origin.path.clone(), t))
        })
        .collect();
    let is_embedded = |s: &Story| {
        s.meta.origin.position > 0 && embedded.contains(&(s.meta.origin.path.clone(), s.meta.id))
    };

    let mut slots: Vec<Option<Story>> = Vec::with_capacity(stories.len());
    // Folded-paragraph hashes, computed only for stories whose title is shared.
    let mut keys: Vec<Option<Vec<u64>>> = Vec::with_capacity(stories.len());
    // Whether the story in a slot is an embedded copy.
    let mut copies: Vec<bool> = Vec::with_capacity(stories.len());
    let mut by_id: HashMap<StoryId, Vec<usize>> = HashMap::with_capacity(stories.len());
    let mut renamed = HashMap::new();
    for mut story in stories {
        let base = story.meta.id;
        let story_is_copy = is_embedded(&story);
        let same = match by_id.get(&base) {
            None => None,
            Some(candidates) => {
                let mut key = None;
                let mut found = None;
                for &slot in candidates {
                    let Some(old) = slots[slot].as_ref() else {
                        continue;
                    };
                    if copies[slot] || story_is_copy {
                        found = Some(slot);
                        break;
                    }
                    let key = key.get_or_insert_with(|| body_key(&story));
                    let old_key = keys[slot].get_or_insert_with(|| body_key(old));
                    if is_prefix(old_key, key) || is_prefix(key, old_key) {
                        found = Some(slot);
                        break;
                    }
                }
                found
            }
        };
        if let Some(slot) = same {
            let old = slots[slot].take().expect("candidate slots hold a story");
            let keep_id = old.meta.id;
            let new_wins = fuller(&story, story_is_copy, &old, copies[slot]);
            let (mut winner, loser) = if new_wins { (story, old) } else { (old, story) };
            winner.meta.id = keep_id;
            fill_in(&mut winner, loser);
            let ids = by_id.entry(base).or_default();
            keys[slot] = None;
            if new_wins {
                ids.retain(|&s| s != slot);
                ids.push(slots.len());
                slots.push(Some(winner));
                keys.push(None);
                copies.push(story_is_copy);
            } else {
                slots[slot] = Some(winner);
            }
            continue;
        }
        let ids = by_id.entry(base).or_default();
        if !ids.is_empty() {
            let new_id = id::disambiguated(
                &story.meta.title,
                &story.meta.origin.path,
                story.meta.origin.position,
            );
            renamed.insert((story.meta.origin.path.clone(), base), new_id);
            story.meta.id = new_id;
        }
        ids.push(slots.len());
        slots.push(Some(story));
        keys.push(None);
        copies.push(story_is_copy);
    }
    Deduped {
        stories: slots.into_iter().flatten().collect(),
        renamed,
    }
}

/// One hash per paragraph, folded, so that spacing and vocalisation differences between
/// copies do not matter; two bodies are the same story when one key is a prefix of the other.
fn body_key(story: &Story) -> Vec<u64> {
    story
        .paragraphs
        .iter()
        .map(|p| xxh3_64(fold(p).as_bytes()))
        .collect()
}

/// One body begins the other. An empty body begins nothing: a title-only record is not the
/// same story as any other story that happens to share its title.
fn is_prefix(short: &[u64], long: &[u64]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.starts_with(short)
}

fn size(s: &Story) -> (usize, usize) {
    (
        s.paragraphs.len(),
        s.paragraphs.iter().map(String::len).sum(),
    )
}

/// Whether `new` should replace `old`: more paragraphs, then more text, then stored on its own.
fn fuller(new: &Story, new_embedded: bool, old: &Story, old_embedded: bool) -> bool {
    match size(new).cmp(&size(old)) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => old_embedded && !new_embedded,
    }
}

/// The kept story takes what only the dropped copy knew, and its links.
fn fill_in(winner: &mut Story, loser: Story) {
    let (w, l) = (&mut winner.meta, loser.meta);
    w.source = w.source.take().or(l.source);
    w.author = w.author.take().or(l.author);
    w.published = w.published.or(l.published);
    w.url = w.url.take().or(l.url);
    for link in l.links {
        let key = fold(&link.label);
        if !w
            .links
            .iter()
            .any(|k| fold(&k.label) == key && k.url == link.url)
        {
            w.links.push(link);
        }
    }
}
