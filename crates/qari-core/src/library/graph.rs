//! Link resolution and back-links over de-duplicated entries.
//!
//! A link keeps the target its file gave when that story exists (an embedded story, a JSON
//! id); otherwise its URL key is looked up among the stories' URL keys, then its folded label
//! among the folded titles. Every key was computed when the file was parsed
//! (`catalog::Keys`), so resolving 100,000 stories is hash-map look-ups of numbers.

use rayon::prelude::*;

use super::catalog::{LinkKeys, StoryKeys};
use super::dedup::Deduped;
use super::entry::Entry;
use crate::model::{IdMap, StoryId, StoryMeta};

/// The resolved archive: stories in archive order, their files, the id index, back-links.
pub(super) struct Graph {
    pub stories: Vec<StoryMeta>,
    pub file_of: Vec<u32>,
    pub by_id: IdMap<StoryId, usize>,
    pub linked_from: BackLinks,
}

/// Resolves every link of de-duplicated entries (a library built in memory; an archive on
/// disk is built and updated through its catalog, `open::update`, by the same rules);
/// `bases[k]` is the id the `k`-th entry given to de-duplication was parsed with.
pub(super) fn resolve(deduped: Deduped, bases: &[u64]) -> Graph {
    let Deduped {
        entries,
        kept,
        renamed,
    } = deduped;
    let mut keys: Vec<StoryKeys> = entries
        .iter()
        .zip(&kept)
        .map(|((_, e), &k)| story_keys(e, bases.get(k as usize).copied().unwrap_or(0), k))
        .collect();
    let mut file_of = Vec::with_capacity(entries.len());
    // Collected in place (the entries' own allocation), not into a new vector.
    let mut stories: Vec<StoryMeta> = entries
        .into_iter()
        .map(|(file, e)| {
            file_of.push(file);
            e.meta
        })
        .collect();
    let maps = Maps::new(&stories, &keys, renamed);
    resolve_links(&mut stories, &file_of, &mut keys, &maps, &|_, _, _| true);
    super::group::assign(&mut stories, &keys, None);
    with_back_links(stories, file_of, maps.by_id)
}

/// The catalog's keys of a de-duplicated entry: its group `base`, its place `raw` among the
/// stored stories, and its links as parsed (their targets not resolved yet).
pub(super) fn story_keys(e: &Entry, base: u64, raw: u32) -> StoryKeys {
    StoryKeys {
        base,
        raw,
        title: e.keys.title,
        url: e.keys.url,
        links: e
            .meta
            .links
            .iter()
            .enumerate()
            .map(|(j, l)| {
                let (label, url) = e.keys.links.get(j).copied().unwrap_or_default();
                LinkKeys {
                    given: l.target.map(|t| t.0),
                    label,
                    url,
                    raw_label: None,
                }
            })
            .collect(),
        group: e.keys.group.clone(),
    }
}

/// What a link is resolved against: the stories by id, the first story (in archive order) of
/// each title key and URL key, and the disambiguated ids by file.
pub(super) struct Maps {
    pub by_id: IdMap<StoryId, usize>,
    by_title: IdMap<u64, StoryId>,
    by_url: IdMap<u64, StoryId>,
    pub renamed: IdMap<(u32, StoryId), StoryId>,
}

impl Maps {
    pub fn new(
        stories: &[StoryMeta],
        keys: &[StoryKeys],
        renamed: IdMap<(u32, StoryId), StoryId>,
    ) -> Maps {
        let by_id: IdMap<StoryId, usize> =
            stories.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        let mut by_title: IdMap<u64, StoryId> = IdMap::default();
        by_title.reserve(stories.len());
        let mut by_url: IdMap<u64, StoryId> = IdMap::default();
        for (s, k) in stories.iter().zip(keys) {
            by_title.entry(k.title).or_insert(s.id);
            if let Some(url) = k.url {
                by_url.entry(url).or_insert(s.id);
            }
        }
        Maps {
            by_id,
            by_title,
            by_url,
            renamed,
        }
    }

    /// The one rule: a link keeps the target its file gave when that story exists (an
    /// embedded story that had to be renamed is still the one its page means); otherwise its
    /// URL key is looked up among the stories', then its label among the titles. A story
    /// never links to itself.
    fn target(&self, file: u32, own: StoryId, link: &LinkKeys) -> Option<StoryId> {
        let follow = |t: StoryId| {
            if self.renamed.is_empty() {
                t
            } else {
                self.renamed.get(&(file, t)).copied().unwrap_or(t)
            }
        };
        let given = link
            .given
            .map(|t| follow(StoryId(t)))
            .filter(|t| self.by_id.contains_key(t));
        given
            .or_else(|| link.url.and_then(|u| self.by_url.get(&u).copied()))
            .or_else(|| self.by_title.get(&link.label).copied())
            .filter(|&t| t != own)
    }
}

/// Which links to resolve (again): given the story's index, the link's keys and its target
/// now.
pub(super) type Which<'a> = dyn Fn(usize, &LinkKeys, Option<StoryId>) -> bool + Sync + 'a;

/// Resolves the links `which` picks against `maps`, then gives each of them its label: a
/// link whose label is only its URL or its target's id (a JSON `related` entry without a
/// title) is shown by the title of the story it resolved to (its label as parsed kept in
/// `keys`, for the next update).
pub(super) fn resolve_links(
    stories: &mut [StoryMeta],
    file_of: &[u32],
    keys: &mut [StoryKeys],
    maps: &Maps,
    which: &Which<'_>,
) {
    let touched: Vec<(usize, usize)> = stories
        .par_iter_mut()
        .zip(keys.par_iter())
        .zip(file_of.par_iter())
        .enumerate()
        .flat_map_iter(|(i, ((story, k), &file))| {
            let own = story.id;
            let mut touched = Vec::new();
            for (j, (link, lk)) in story.links.iter_mut().zip(&k.links).enumerate() {
                if which(i, lk, link.target) {
                    link.target = maps.target(file, own, lk);
                    touched.push((i, j));
                }
            }
            touched
        })
        .collect();
    for (i, j) in touched {
        let (Some(link), Some(lk)) = (stories[i].links.get_mut(j), keys[i].links.get_mut(j)) else {
            continue;
        };
        let raw = lk
            .raw_label
            .take()
            .unwrap_or_else(|| std::mem::take(&mut link.label));
        let target = link.target;
        let bare = target.is_some_and(|t| {
            link.url.as_deref() == Some(raw.as_str())
                || (raw.len() == 16 && raw.parse::<StoryId>().ok() == Some(t))
        });
        let title = target
            .filter(|_| bare)
            .and_then(|t| maps.by_id.get(&t))
            .map(|&t| stories[t].title.clone());
        let link = &mut stories[i].links[j];
        match title {
            Some(title) if title != raw => {
                link.label = title;
                lk.raw_label = Some(raw);
            }
            _ => link.label = raw,
        }
    }
}

/// The graph of stories whose links were resolved before (the catalog's resolved section):
/// only the id index and the back-links are built.
pub(super) fn from_resolved(stories: Vec<StoryMeta>, file_of: Vec<u32>) -> Graph {
    let by_id: IdMap<StoryId, usize> = stories.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    with_back_links(stories, file_of, by_id)
}

/// The graph of resolved stories with their id index: the back-links are derived.
pub(super) fn with_back_links(
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
