//! Link resolution and back-links over de-duplicated entries.
//!
//! A link keeps the target its file gave when that story exists (an embedded story, a JSON
//! id); otherwise its URL key is looked up among the stories' URL keys, then its folded label
//! among the folded titles. Every key was computed when the file was parsed
//! (`entry::Keys`), so resolving 100,000 stories is hash-map look-ups of numbers.

use rayon::prelude::*;

use super::dedup::Deduped;
use crate::model::{IdMap, StoryId, StoryMeta};

/// The resolved archive: stories in archive order, their files, the id index, back-links.
pub(super) struct Graph {
    pub stories: Vec<StoryMeta>,
    pub file_of: Vec<u32>,
    pub by_id: IdMap<StoryId, usize>,
    pub linked_from: BackLinks,
}

pub(super) fn resolve(deduped: Deduped) -> Graph {
    let Deduped { entries, renamed } = deduped;
    let by_id: IdMap<StoryId, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, (_, e))| (e.meta.id, i))
        .collect();
    let mut by_title: IdMap<u64, StoryId> = IdMap::default();
    by_title.reserve(entries.len());
    let mut by_url: IdMap<u64, StoryId> = IdMap::default();
    for (_, e) in &entries {
        by_title.entry(e.keys.title).or_insert(e.meta.id);
        if let Some(url) = e.keys.url {
            by_url.entry(url).or_insert(e.meta.id);
        }
    }
    let mut file_of = Vec::with_capacity(entries.len());
    let mut keys = Vec::with_capacity(entries.len());
    // Collected in place (the entries' own allocation), not into a new vector.
    let mut stories: Vec<StoryMeta> = entries
        .into_iter()
        .map(|(file, e)| {
            file_of.push(file);
            keys.push(e.keys.links);
            e.meta
        })
        .collect();
    stories
        .par_iter_mut()
        .zip(keys.par_iter())
        .zip(file_of.par_iter())
        .for_each(|((story, link_keys), &file)| {
            let own = story.id;
            // An embedded story that had to be renamed is still the one its page means.
            let follow = |t: StoryId| {
                if renamed.is_empty() {
                    t
                } else {
                    renamed.get(&(file, t)).copied().unwrap_or(t)
                }
            };
            for (link, &(label, url)) in story.links.iter_mut().zip(link_keys) {
                let given = link.target.map(follow).filter(|t| by_id.contains_key(t));
                let target = given
                    .or_else(|| url.and_then(|u| by_url.get(&u).copied()))
                    .or_else(|| by_title.get(&label).copied());
                link.target = target.filter(|&t| t != own);
            }
        });
    label_by_title(&mut stories, &by_id);
    with_back_links(stories, file_of, by_id)
}

/// The graph of stories whose links were resolved before (the catalog's resolved section):
/// only the id index and the back-links are built.
pub(super) fn from_resolved(stories: Vec<StoryMeta>, file_of: Vec<u32>) -> Graph {
    let by_id: IdMap<StoryId, usize> = stories.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    with_back_links(stories, file_of, by_id)
}

/// The graph of resolved stories with their id index: the back-links are derived.
fn with_back_links(
    stories: Vec<StoryMeta>,
    file_of: Vec<u32>,
    by_id: IdMap<StoryId, usize>,
) -> Graph {
    let linked_from = back_links(&stories, &by_id);
    Graph {
        stories,
        file_of,
        by_id,
        linked_from,
    }
}

/// Which stories link to each story, in archive order: for the story at index `i`,
/// `sources[start[i]..start[i + 1]]`. One flat list rather than a map of vectors: at 100,000
/// stories that was 4 MB less for the reader to hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackLinks {
    start: Vec<u32>,
    sources: Vec<StoryId>,
}

impl BackLinks {
    /// The stories linking to the story at index `i`.
    pub fn of(&self, i: usize) -> &[StoryId] {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.sources[a as usize..b as usize],
            _ => &[],
        }
    }
}

fn back_links(stories: &[StoryMeta], by_id: &IdMap<StoryId, usize>) -> BackLinks {
    // (target index, source index), in archive order of the sources
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut targets = Vec::new();
    for (i, s) in stories.iter().enumerate() {
        targets.clear();
        targets.extend(
            s.links
                .iter()
                .filter_map(|l| l.target)
                .filter_map(|t| by_id.get(&t).copied()),
        );
        targets.sort_unstable();
        targets.dedup();
        let from = u32::try_from(i).unwrap_or(u32::MAX);
        pairs.extend(
            targets
                .iter()
                .map(|&t| (u32::try_from(t).unwrap_or(u32::MAX), from)),
        );
    }
    let mut start = vec![0u32; stories.len() + 1];
    for &(t, _) in &pairs {
        if let Some(c) = start.get_mut(t as usize + 1) {
            *c += 1;
        }
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut next = start.clone();
    let mut sources = vec![StoryId(0); pairs.len()];
    // Sources are visited in archive order, so each target's list is in archive order.
    for (t, from) in pairs {
        if let Some(at) = next.get_mut(t as usize) {
            sources[*at as usize] = stories[from as usize].id;
            *at += 1;
        }
    }
    BackLinks { start, sources }
}

/// A link whose label is only its URL or its target's id (a JSON `related` entry without a
/// title) is shown by the title of the story it resolved to.
fn label_by_title(stories: &mut [StoryMeta], by_id: &IdMap<StoryId, usize>) {
    let mut titles = Vec::new();
    for (i, s) in stories.iter().enumerate() {
        for (j, link) in s.links.iter().enumerate() {
            let Some(target) = link.target else { continue };
            let bare = link.url.as_deref() == Some(link.label.as_str())
                || (link.label.len() == 16 && link.label.parse::<StoryId>().ok() == Some(target));
            if bare && let Some(&t) = by_id.get(&target) {
                titles.push((i, j, t));
            }
        }
    }
    for (i, j, t) in titles {
        let title = stories[t].title.clone();
        stories[i].links[j].label = title;
    }
}
