//! What the fetcher remembers, in its folder under qari's state dir:
//!
//! - `feeds/<hash>.json`, one per feed: its validators (`ETag`, `Last-Modified`, updated from
//!   every response, 304 included), when it was last asked and when it may be asked again,
//!   and the last failure;
//! - `items.json`: every item saved — its identities (GUIDs, normalised addresses, folded
//!   title and date: see [`crate::ident`]), the file it is in, a hash of what was saved and
//!   the feeds it came from.
//!
//! Both are replaced atomically by the core's writer. The order of writes is what makes a
//! `kill -9` harmless: a story's file first, then `items.json`, then the feed's state. Killed
//! before the item is recorded, the next run finds the same item, gives it the same file
//! name (a hash of its first identity) and rewrites that file: no duplicate. Killed before
//! the feed's state, the old validators ask again: nothing lost.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ident::{self, TITLE_DAYS};
use crate::items::Item;

/// One feed's state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedState {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Unix seconds of the last request.
    pub last_poll: Option<u64>,
    /// Unix seconds before which it is not asked again (unless forced).
    pub next_poll: u64,
    pub last_status: Option<u16>,
    pub last_error: Option<String>,
    /// The feed's own title, as last read.
    pub title: Option<String>,
}

/// One feed that gave an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub feed: String,
    pub title: Option<String>,
}

/// One item saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    /// Its file, relative to the fetch folder.
    pub file: String,
    /// The identity it was first saved under: the id written in its file, so its story id and
    /// marks stay when the feed changes the GUID.
    pub key: String,
    #[serde(default)]
    pub guids: Vec<String>,
    #[serde(default)]
    pub urls: Vec<String>,
    pub title: String,
    /// Unix seconds: published, else when first seen.
    pub date: i64,
    /// A hash of what was saved: an item that changed is saved again.
    pub hash: u64,
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// Every item saved, with lookups by GUID and address.
#[derive(Debug, Default, Clone)]
pub struct Index {
    pub items: Vec<Known>,
    by_guid: HashMap<String, usize>,
    by_url: HashMap<String, usize>,
    by_title: HashMap<String, Vec<usize>>,
}

impl Index {
    /// Reads `items.json` under `dir`; a missing or unreadable file is an empty index (the
    /// saved files stay; their items would be saved again under the same names).
    pub fn load(dir: &Path) -> Index {
        let items: Vec<Known> = std::fs::read(dir.join("items.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        let mut index = Index::default();
        for k in items {
            index.push(k);
        }
        index
    }

    /// Writes `items.json` atomically.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let bytes = serde_json::to_vec(&self.items).map_err(std::io::Error::other)?;
        qari_core::library::store::write_atomically(&dir.join("items.json"), &bytes)
    }

    /// Adds a record and its lookups; its position.
    pub fn push(&mut self, k: Known) -> usize {
        let i = self.items.len();
        self.items.push(k);
        self.reindex(i);
        i
    }

    /// Updates the lookups of record `i` (after its identities grew).
    pub fn reindex(&mut self, i: usize) {
        let k = &self.items[i];
        for g in &k.guids {
            self.by_guid.entry(g.clone()).or_insert(i);
        }
        for u in &k.urls {
            self.by_url.entry(u.clone()).or_insert(i);
        }
        let slot = self.by_title.entry(k.title.clone()).or_default();
        if !slot.contains(&i) {
            slot.push(i);
        }
    }

    /// The record of an item already saved: by GUID, by address, by title within days.
    pub fn find(&self, item: &Item, date: i64) -> Option<usize> {
        if let Some(i) = item.guid.as_ref().and_then(|g| self.by_guid.get(g)) {
            return Some(*i);
        }
        if let Some(i) = item
            .url
            .as_deref()
            .and_then(ident::normal_url)
            .and_then(|u| self.by_url.get(&u))
        {
            return Some(*i);
        }
        let title = ident::folded_title(&item.title);
        self.by_title
            .get(&title)?
            .iter()
            .copied()
            .find(|&i| self.items[i].date.abs_diff(date) <= TITLE_DAYS * 86_400)
    }
}

/// Where the state of the feed at `url` is kept.
pub fn feed_path(dir: &Path, url: &str) -> PathBuf {
    dir.join("feeds")
        .join(format!("{:016x}.json", ident::fnv(url)))
}

/// The state of the feed at `url` (empty when never fetched or unreadable).
pub fn load_feed(dir: &Path, url: &str) -> FeedState {
    std::fs::read(feed_path(dir, url))
        .ok()
        .and_then(|b| serde_json::from_slice::<FeedState>(&b).ok())
        .filter(|s| s.url == url)
        .unwrap_or_else(|| FeedState {
            url: url.to_owned(),
            ..FeedState::default()
        })
}

/// Writes a feed's state atomically.
pub fn save_feed(dir: &Path, state: &FeedState) -> std::io::Result<()> {
    let path = feed_path(dir, &state.url);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let bytes = serde_json::to_vec_pretty(state).map_err(std::io::Error::other)?;
    qari_core::library::store::write_atomically(&path, &bytes)
}
