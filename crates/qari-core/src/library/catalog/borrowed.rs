//! The resolved section's stories encoded straight from the library's, borrowed: the same
//! bytes as [`Stored`](super::Stored), without a copy of every string.

use serde::Serialize;

use super::keys::Keys;
use crate::model::{Direction, Link, LinkKind, Published, Saved};

/// A story of the library written as [`Stored`] is, borrowing its fields instead of copying
/// them (the resolved section is every story of the library: 100,000 copies of each string
/// were a good part of writing the catalog). Encodes to the same bytes (tested).
#[derive(Serialize)]
pub struct StoredRef<'a> {
    id: u64,
    title: &'a str,
    source: Option<&'a str>,
    author: Option<&'a str>,
    published: Option<Published>,
    lang: &'a str,
    rtl: bool,
    url: Option<&'a str>,
    links: LinksRef<'a>,
    tags: &'a [String],
    position: u32,
    paragraph_count: u32,
    saved: Saved,
    group: [Option<u64>; 3],
    keys: &'a Keys,
}

/// A story's links as [`StoredLink`]s, converted as they are written.
struct LinksRef<'a>(&'a [Link]);

impl Serialize for LinksRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct LinkRef<'a> {
            label: &'a str,
            target: Option<u64>,
            url: Option<&'a str>,
            kind: LinkKind,
            after_paragraph: Option<u64>,
        }
        s.collect_seq(self.0.iter().map(|l| LinkRef {
            label: &l.label,
            target: l.target.map(|t| t.0),
            url: l.url.as_deref(),
            kind: l.kind,
            after_paragraph: l.after_paragraph.map(|p| p as u64),
        }))
    }
}

impl<'a> StoredRef<'a> {
    /// `m` as [`Stored::from_meta`] stores it, with `keys`.
    pub fn new(m: &'a crate::model::StoryMeta, keys: &'a Keys) -> StoredRef<'a> {
        StoredRef {
            id: m.id.0,
            title: &m.title,
            source: m.source.as_deref(),
            author: m.author.as_deref(),
            published: m.published,
            lang: &m.lang,
            rtl: m.direction == Direction::Rtl,
            url: m.url.as_deref(),
            links: LinksRef(&m.links),
            tags: &m.tags,
            position: u32::try_from(m.origin.position).unwrap_or(u32::MAX),
            paragraph_count: u32::try_from(m.paragraph_count).unwrap_or(u32::MAX),
            saved: m.saved,
            group: super::grouping_ids(m.group),
            keys,
        }
    }
}
