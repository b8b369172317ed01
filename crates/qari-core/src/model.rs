//! Plain data shared by every layer: a story, its id, its links, its direction.
//!
//! Nothing here does I/O, layout or terminal work; `loader` produces these values, `library`
//! connects them, `bidi`, `app` and `ui` read them. Keeping the story list's fields (`StoryMeta`)
//! apart from the paragraphs (`Story::paragraphs`) lets a large archive keep the list in memory
//! and read bodies on demand.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A stable story identifier: 16 lowercase hex digits of a 64-bit hash.
///
/// The same story in the same file gets the same id on every run (see `loader::id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct StoryId(pub u64);

/// Hashes a story id (or any key that is already a 64-bit hash) as itself: ids are xxh3
/// hashes, and hashing them again with the standard `SipHash` was the largest single cost of
/// building a 100,000-story library. Several words (a tuple key) are mixed by rotation.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(29) ^ n;
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// A hash map keyed by story ids (or other 64-bit hashes), with [`IdHasher`].
pub type IdMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;
/// A hash set of story ids (or other 64-bit hashes), with [`IdHasher`].
pub type IdSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<IdHasher>>;

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl From<StoryId> for String {
    fn from(id: StoryId) -> Self {
        id.to_string()
    }
}

impl TryFrom<String> for StoryId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl std::str::FromStr for StoryId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            u64::from_str_radix(s, 16)
                .map(StoryId)
                .map_err(|e| format!("bad story id {s:?}: {e}"))
        } else {
            Err(format!("bad story id {s:?}: expected 16 hex digits"))
        }
    }
}

/// Base direction of a paragraph or a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// A link from one story to another, as written in the stored article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The label as written (a related story's title, usually).
    pub label: String,
    /// The story it points to, when it resolves inside the archive.
    pub target: Option<StoryId>,
    /// The URL, when the stored article gives one.
    pub url: Option<String>,
    /// Where the link sits: a "read also" section at the end, or inline in the text.
    pub kind: LinkKind,
    /// For inline links: the index of the paragraph it follows (0-based); for others `None`.
    pub after_paragraph: Option<usize>,
}

/// How a link appeared in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A "read also" entry whose story body was embedded in the same page.
    Embedded,
    /// A "read also" list entry or JSON `related` entry (title, URL or id only).
    #[default]
    ReadAlso,
    /// A "read also: title" line in the middle of the article.
    Inline,
}

/// Where a story came from: the file, and its position within the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Path as given on the command line joined with the walked path (or `sample/…` for the
    /// bundled archive). Shared by the stories of one file and its `FileInfo`: at 100,000
    /// stories a path per story was megabytes.
    pub path: Arc<Path>,
    /// Position of the story within its file: in a text page 0 for the main story, 1.. for
    /// embedded stories; in JSON the record's index in the array (0-based), in JSON Lines its
    /// line index (0-based).
    pub position: usize,
}

/// A date and time as stored (time and offset optional), printed as ISO 8601.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Published {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    /// Hour and minute (and second), when known.
    pub time: Option<(u8, u8, u8)>,
    /// UTC offset in minutes, when known.
    pub offset_minutes: Option<i16>,
}

impl Published {
    /// The day alone, `YYYY-MM-DD`, for narrow columns such as the story list.
    pub fn day(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// For people: `YYYY-MM-DD HH:MM`, with the UTC offset when the file gave one
    /// (`2024-04-01 10:00 +01:00`). `Display` stays ISO 8601 for machines.
    pub fn readable(&self) -> String {
        use std::fmt::Write as _;
        let mut out = self.day();
        if let Some((h, m, _)) = self.time {
            let _ = write!(out, " {h:02}:{m:02}");
            match self.offset_minutes {
                Some(0) => out.push_str(" UTC"),
                Some(_) => {
                    out.push(' ');
                    out.push_str(&self.offset().unwrap_or_default());
                }
                None => {}
            }
        }
        out
    }

    /// The UTC offset the date was written with, as `+03:00` / `-05:30` (`+00:00` for UTC),
    /// when the file gave one.
    pub fn offset(&self) -> Option<String> {
        self.offset_minutes.map(|off| {
            let sign = if off < 0 { '-' } else { '+' };
            let a = off.unsigned_abs();
            format!("{sign}{:02}:{:02}", a / 60, a % 60)
        })
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some((h, m, s)) = self.time {
            write!(f, "T{h:02}:{m:02}:{s:02}")?;
            if let Some(off) = self.offset_minutes {
                if off == 0 {
                    write!(f, "Z")?;
                } else {
                    let sign = if off < 0 { '-' } else { '+' };
                    let a = off.unsigned_abs();
                    write!(f, "{sign}{:02}:{:02}", a / 60, a % 60)?;
                }
            }
        }
        Ok(())
    }
}

/// What a read-later service, an archiver or a browser recorded about a story besides its
/// text: when it was saved and the state it had there. Loaders fill it; the reader takes the
/// read and starred flags as a story's first state (see `library::state::Marks::seed`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// When it was saved (wallabag's `created_at`, a WARC record's date, a single-file page's
    /// saved date): never the publication date.
    pub at: Option<Published>,
    /// Read (archived) where it was saved.
    pub read: bool,
    /// Starred (a favourite) where it was saved.
    pub starred: bool,
    /// Only the link was kept (Pocket, Instapaper): the story has a title and a URL, no text.
    pub link_only: bool,
}

/// Which stories one is grouped with (`library::group`): the first story (in archive order)
/// of its copy group, of its event and of its thread; `None` where it stands alone. Computed
/// when the library is built, never by a loader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grouping {
    /// The same text republished (an agency dispatch on several sites).
    pub copy: Option<StoryId>,
    /// Write-ups of one event by different sources (copies included).
    pub event: Option<StoryId>,
    /// Events that follow one another over up to two weeks.
    pub thread: Option<StoryId>,
}

impl Grouping {
    /// The group a story is listed under, one row for all of it: its event, else its copy
    /// group (threads are never folded into one row).
    pub fn listed(self) -> Option<StoryId> {
        self.event.or(self.copy)
    }
}

/// What the story list, link graph and search metadata need; no body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryMeta {
    pub id: StoryId,
    pub title: String,
    /// Site or agency.
    pub source: Option<String>,
    pub author: Option<String>,
    pub published: Option<Published>,
    /// BCP 47 language tag (`ar`, `he`, `fa`, `ur`, `en`, …).
    pub lang: String,
    /// Base direction, decided from the text unless the file says otherwise.
    pub direction: Direction,
    /// The story's own URL, when known.
    pub url: Option<String>,
    pub links: Vec<Link>,
    /// Tags, keywords or categories the file gave, as written.
    #[serde(default)]
    pub tags: Vec<String>,
    pub origin: Origin,
    /// Number of paragraphs in the body.
    pub paragraph_count: usize,
    /// What the tool it was saved with recorded (saved date, read, starred, link only).
    #[serde(default)]
    pub saved: Saved,
    /// Its copies, event and thread.
    #[serde(default)]
    pub group: Grouping,
}

impl StoryMeta {
    /// The date a story is sorted by: its publication date, else the date it was saved (a
    /// link saved in Pocket has no other), so an export's undated stories still fall in the
    /// order they were kept. Only for ordering: a saved date is never shown as published.
    pub fn sorted_by(&self) -> Option<Published> {
        self.published.or(self.saved.at)
    }
}

/// A whole story: its metadata and its paragraphs (logical order, as stored, cleaned of
/// surrounding whitespace).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    pub meta: StoryMeta,
    pub paragraphs: Vec<String>,
    /// The addresses of the story in other languages, as its file marks them (a page's `<link
    /// rel=alternate hreflang>` and JSON-LD `workTranslation`/`translationOfWork`, an Atom
    /// entry's `hreflang` alternates, a JSON record's `translations`): the one mark
    /// that lets the grouping join stories of two languages. Read once, into the grouping's
    /// keys; not kept in the catalog otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<String>,
}

impl Story {
    /// A story of `title` and `paragraphs` with nothing else known: no source, author, date,
    /// URL or links, language `und`, left-to-right. The loader fills every field from the file;
    /// this is for tests, benchmarks and tools, which set the fields they need afterwards.
    pub fn new(
        id: StoryId,
        title: impl Into<String>,
        paragraphs: Vec<String>,
        path: impl Into<PathBuf>,
    ) -> Story {
        Story {
            meta: StoryMeta {
                id,
                title: title.into(),
                source: None,
                author: None,
                published: None,
                lang: "und".to_owned(),
                direction: Direction::Ltr,
                url: None,
                links: Vec::new(),
                tags: Vec::new(),
                origin: Origin {
                    path: Arc::from(path.into()),
                    position: 0,
                },
                paragraph_count: paragraphs.len(),
                saved: Saved::default(),
                group: Grouping::default(),
            },
            paragraphs,
            translations: Vec::new(),
        }
    }

    /// Sets the language and the base direction (builder style, with [`Story::new`]).
    #[must_use]
    pub fn in_language(mut self, lang: &str, direction: Direction) -> Story {
        lang.clone_into(&mut self.meta.lang);
        self.meta.direction = direction;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(time: Option<(u8, u8, u8)>, offset_minutes: Option<i16>) -> Published {
        Published {
            year: 2024,
            month: 4,
            day: 1,
            time,
            offset_minutes,
        }
    }

    #[test]
    fn iso_for_machines_readable_for_people() {
        let p = published(Some((10, 5, 0)), Some(60));
        assert_eq!(p.to_string(), "2024-04-01T10:05:00+01:00");
        assert_eq!(p.readable(), "2024-04-01 10:05 +01:00");
        assert_eq!(p.day(), "2024-04-01");
        let west = published(Some((23, 0, 0)), Some(-330));
        assert_eq!(west.to_string(), "2024-04-01T23:00:00-05:30");
        assert_eq!(west.readable(), "2024-04-01 23:00 -05:30");
        assert_eq!(
            published(Some((8, 0, 0)), Some(0)).readable(),
            "2024-04-01 08:00 UTC"
        );
        assert_eq!(
            published(Some((8, 0, 0)), None).readable(),
            "2024-04-01 08:00"
        );
        assert_eq!(published(None, None).readable(), "2024-04-01");
    }

    #[test]
    fn story_ids_round_trip_and_reject_junk() {
        let id = StoryId(0x6591_f0df_ae0c_acd3);
        assert_eq!(id.to_string(), "6591f0dfae0cacd3");
        assert_eq!("6591f0dfae0cacd3".parse::<StoryId>(), Ok(id));
        assert!("6591f0df".parse::<StoryId>().is_err());
        assert!("6591f0dfae0cacdz".parse::<StoryId>().is_err());
    }
}
