//! The same story once: which stories are copies of one text, write-ups of one event, and
//! steps of one thread.
//!
//! News is repeated: one agency dispatch appears on ten sites with a new first line, five
//! papers write up one event, a story goes on for days. De-duplication (`dedup`) already
//! merges a story stored twice; this groups the rest, in tiers, cheapest first:
//!
//! 1. *exact* copies are what `dedup` merges (same id and body, or an embedded copy);
//! 2. *same copy*: one text republished, by a sketch of its folded text (`sketch`);
//! 3. *same event*: different write-ups, by their significant words, only across sources;
//! 4. *thread*: events chained over up to two weeks.
//!
//! The keys are computed when a file is parsed and kept in the catalog; grouping reads
//! numbers only. A build looks for every pair of stories that belong together (`pairs`); an
//! update looks only for the pairs of the stories it made and of the few whose pairs it may
//! have changed, and keeps the others from the catalog (`state`), so that its answer is
//! exactly a build's however the archive got to its state. The tiers are the connected
//! components of the pairs (`cluster`). The language data (stop
//! words, agencies, furniture lines, clitics) is in `words`, one table per language.

mod cluster;
mod lexicon;
mod pairs;
mod sketch;
mod state;
mod view;
mod words;

pub use sketch::GroupKeys;
pub use state::{GroupState, Previous};
pub use view::{Collapsed, collapse};

use super::catalog::StoryKeys;
use super::filter::instant;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::loader::lang::primary_subtag;
use crate::model::{Grouping, StoryId, StoryMeta};
use crate::normalize::fold;

/// Sets every story's [`Grouping`] from its keys (`keys[i]` is `stories[i]`'s), from the
/// pairs of the library before an update when there was one, and gives the state to keep.
pub(super) fn assign(
    stories: &mut [StoryMeta],
    keys: &[StoryKeys],
    previous: Option<&Previous<'_>>,
) -> GroupState {
    let trace = crate::trace::Trace::start();
    let empty = GroupKeys::default();
    let members = members(stories, keys, &empty);
    let ids: Vec<u64> = stories.iter().map(|s| s.id.0).collect();
    trace.mark("group: members");
    let found = previous.and_then(|p| state::update(&members, &ids, p));
    let (edges, idf) = if let Some(found) = found {
        trace.mark("group: pairs of the stories changed");
        found
    } else {
        let built = state::build(&members);
        trace.mark("group: every pair");
        built
    };
    let tiers = cluster::tiers(&members, &edges, &idf);
    drop(members);
    let id = |g: Option<u32>| g.and_then(|g| ids.get(g as usize).copied().map(StoryId));
    for (i, s) in stories.iter_mut().enumerate() {
        s.group = Grouping {
            copy: id(tiers.copy[i]),
            event: id(tiers.event[i]),
            thread: id(tiers.thread[i]),
        };
    }
    let kept = GroupState::of(&edges, &idf, &ids);
    trace.mark("group: tiers");
    kept
}

/// Each story as the grouping sees it. Sources and languages are numbered (each distinct
/// spelling folded once), so that comparing two of millions of pairs is two integer
/// comparisons; the stories' strings are read once, in parallel, as hashes (reading them
/// twice, one story after another, was most of an update's grouping).
fn members<'k>(
    stories: &[StoryMeta],
    keys: &'k [StoryKeys],
    empty: &'k GroupKeys,
) -> Vec<cluster::Member<'k>> {
    let hash = |s: &str| xxhash_rust::xxh3::xxh3_64(s.as_bytes());
    let spelled: Vec<(Option<u64>, Option<u64>)> = stories
        .par_iter()
        .map(|s| {
            let primary = primary_subtag(&s.lang);
            let lang = (!matches!(primary.as_str(), "" | "und")).then(|| hash(&primary));
            (s.source.as_deref().map(hash), lang)
        })
        .collect();
    let mut numbers: FxHashMap<String, u32> = FxHashMap::default();
    let mut number = |key: String| {
        let next = u32::try_from(numbers.len() + 1).unwrap_or(u32::MAX);
        *numbers.entry(key).or_insert(next)
    };
    let mut sources: FxHashMap<u64, Option<u32>> = FxHashMap::default();
    let mut langs: FxHashMap<u64, u32> = FxHashMap::default();
    let mut last = None;
    for (i, &(source, lang)) in spelled.iter().enumerate() {
        // (stories of one source mostly come one after another)
        if let Some(h) = source
            && last != Some(h)
        {
            last = Some(h);
            sources.entry(h).or_insert_with(|| {
                let raw = stories[i].source.as_deref().unwrap_or("");
                Some(fold(raw))
                    .filter(|f| !f.is_empty())
                    .map(|f| number(format!("s:{f}")))
            });
        }
        if let Some(h) = lang {
            langs
                .entry(h)
                .or_insert_with(|| number(format!("l:{}", primary_subtag(&stories[i].lang))));
        }
    }
    stories
        .par_iter()
        .zip(spelled)
        .enumerate()
        .map(|(i, (s, (source, lang)))| cluster::Member {
            source: source.and_then(|h| sources.get(&h).copied().flatten()),
            lang: lang.and_then(|h| langs.get(&h).copied()).unwrap_or(0),
            minute: s.published.map(instant),
            url: keys.get(i).and_then(|k| k.url),
            keys: keys.get(i).map_or(empty, |k| &k.group),
        })
        .collect()
}

/// Every group's members, by tier, looked up by the group's id: what the reader and the
/// command line show of a group.
#[derive(Debug, Clone, Default)]
pub struct Members {
    copy: crate::model::IdMap<crate::model::StoryId, Vec<crate::model::StoryId>>,
    event: crate::model::IdMap<crate::model::StoryId, Vec<crate::model::StoryId>>,
    thread: crate::model::IdMap<crate::model::StoryId, Vec<crate::model::StoryId>>,
}

/// A tier of grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Copy,
    Event,
    Thread,
}

impl Members {
    /// The members of every group of `stories` (in archive order).
    pub(super) fn of(stories: &[StoryMeta]) -> Members {
        let mut m = Members::default();
        for s in stories {
            if let Some(g) = s.group.copy {
                m.copy.entry(g).or_default().push(s.id);
            }
            if let Some(g) = s.group.event {
                m.event.entry(g).or_default().push(s.id);
            }
            if let Some(g) = s.group.thread {
                m.thread.entry(g).or_default().push(s.id);
            }
        }
        m
    }

    /// The members (itself included, in archive order) of the group `story` is in at `tier`;
    /// empty when it stands alone there.
    pub fn of_story(&self, story: &StoryMeta, tier: Tier) -> &[crate::model::StoryId] {
        let (map, id) = match tier {
            Tier::Copy => (&self.copy, story.group.copy),
            Tier::Event => (&self.event, story.group.event),
            Tier::Thread => (&self.thread, story.group.thread),
        };
        id.and_then(|g| map.get(&g)).map_or(&[], Vec::as_slice)
    }
}

/// The grouping fixtures' files (`tests/fixtures/grouping`), in order: what the tests in
/// `cluster` and `state` read.
#[cfg(test)]
fn fixture_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/grouping");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .flatten()
        .map(|f| f.path())
        .collect();
    files.sort();
    files
}
