//! A story as the library works with it before and after the catalog: its metadata, and the
//! keys that de-duplication and link resolution compare, computed once when its file is parsed
//! (folding and hashing every title and paragraph is most of the cost of building a library;
//! done once per file version, a warm start only compares numbers).

use std::path::Path;
use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

use super::catalog::{Keys, Stored, StoredLink};
use super::group::GroupKeys;
use crate::loader::id;
use crate::model::{Origin, Story, StoryId, StoryMeta};
use crate::normalize::fold;

/// A story without its body, with its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub meta: StoryMeta,
    pub keys: Keys,
}

impl Entry {
    /// Computes the keys of a parsed story and drops its body.
    pub fn of(story: Story, seq: u64) -> Entry {
        let Story {
            meta,
            paragraphs,
            translations,
        } = story;
        let folded: Vec<String> = paragraphs.iter().map(|p| fold(p)).collect();
        let keys = Keys {
            title: id::for_title(&meta.title).0,
            body: folded.iter().map(|f| xxh3_64(f.as_bytes())).collect(),
            text_len: paragraphs.iter().map(|p| p.len() as u64).sum(),
            url: meta.url.as_deref().map(url_hash),
            links: meta
                .links
                .iter()
                .map(|l| (id::for_title(&l.label).0, l.url.as_deref().map(url_hash)))
                .collect(),
            group: GroupKeys {
                translations: translations.iter().map(|u| url_hash(u)).collect(),
                ..GroupKeys::of_folded(&meta.title, &paragraphs, &folded, &meta.lang)
            },
            seq,
        };
        Entry { meta, keys }
    }

    /// Back from the catalog; `path` is where its file is now shown from.
    pub fn from_stored(s: Stored, path: &Arc<Path>, seq: u64) -> Entry {
        let direction = s.direction();
        let group = s.grouping();
        let mut keys = s.keys;
        keys.seq = seq;
        Entry {
            meta: StoryMeta {
                id: StoryId(s.id),
                title: s.title,
                source: s.source,
                author: s.author,
                published: s.published,
                lang: s.lang,
                direction,
                url: s.url,
                links: s.links.into_iter().map(StoredLink::into_link).collect(),
                tags: s.tags,
                origin: Origin {
                    path: Arc::clone(path),
                    position: s.position as usize,
                },
                paragraph_count: s.paragraph_count as usize,
                saved: s.saved,
                group,
            },
            keys,
        }
    }

    /// Into the catalog's shape.
    pub fn to_stored(&self) -> Stored {
        Stored::from_meta(&self.meta, self.keys.clone())
    }
}

/// URLs compare without scheme, `www.`, fragment and trailing slash; the scheme and host are
/// case-insensitive, the path is not.
pub fn url_key(url: &str) -> String {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or(u);
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let u = u.trim_end_matches('/');
    match u.split_once('/') {
        Some((host, path)) => format!("{}/{path}", host.to_lowercase()),
        None => u.to_lowercase(),
    }
}

fn url_hash(url: &str) -> u64 {
    xxh3_64(url_key(url).as_bytes())
}
