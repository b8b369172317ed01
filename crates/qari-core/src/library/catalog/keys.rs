//! What the catalog keeps so that an update redoes de-duplication and link resolution only
//! where something changed (`library::open::update`), never over the whole archive because ten
//! files changed.
//!
//! - Per stored story (the raw section, in order): the id it was parsed with — de-duplication
//!   compares stories by it, so it names the story's *group* — and whether it is an embedded
//!   copy (a fact of its own file).
//! - Per resolved story: its group, where its kept copy is among the stored stories, its title
//!   and URL keys, and each link's keys as parsed (the target its file gave, its folded label,
//!   its URL key, and its label before it was shown by its target's title).
//! - The ids given to different stories that shared a title, by file and group.
//! - How many stories each raw chunk holds: chunks nothing changed in are copied as they are,
//!   so after updates they need not all hold [`CHUNK`](super::CHUNK).
//!
//! Written as one section between the resolved and the raw sections; decoded only by an
//! update, never by an open of an unchanged archive.

use serde::{Deserialize, Serialize};

/// What de-duplication and link resolution compare.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keys {
    /// The title's id before any disambiguation (`loader::id::for_title`).
    pub title: u64,
    /// One hash per paragraph, folded (`dedup`: one body a prefix of the other).
    pub body: Vec<u64>,
    /// Bytes of body text (`dedup`: the fuller copy wins).
    pub text_len: u64,
    /// The story's URL key (`url_key`, hashed).
    pub url: Option<u64>,
    /// Per link: its folded label's id, and its URL key.
    pub links: Vec<(u64, Option<u64>)>,
    /// What grouping compares (`group::GroupKeys`). Not stored in the raw section: the
    /// update section keeps it for every resolved story (`StoryKeys::group`), and keeping it
    /// twice doubled the catalog; an update that needs it for a story no longer resolved
    /// parses that story's file again (`open::update`).
    #[serde(skip)]
    pub group: super::super::group::GroupKeys,
    /// The file's catalog generation (`catalog::FileRecord::seq`); not stored per story.
    #[serde(skip)]
    pub seq: u64,
}

/// The update section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateKeys {
    /// One per stored story, in raw order.
    pub raw: Vec<RawKey>,
    /// Stories in each raw chunk, in order.
    pub chunks: Vec<u32>,
    /// One per resolved story, in order.
    pub resolved: Vec<StoryKeys>,
    /// Every disambiguated id.
    pub renamed: Vec<Renamed>,
    /// The grouping's pairs, for the next update (`group::state`).
    pub group: super::super::group::GroupState,
}

/// A stored story's group and whether it is an embedded copy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawKey {
    /// The id the story was parsed with.
    pub base: u64,
    /// Embedded in a page of its file that also links it as embedded (`dedup::copy_flags`).
    pub copy: bool,
}

/// What link resolution compares of one resolved story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryKeys {
    /// The group: the id its copies were parsed with.
    pub base: u64,
    /// Where the kept copy is in the raw section (the resolved stories are in this order).
    pub raw: u32,
    /// `catalog::Keys::title`.
    pub title: u64,
    /// `catalog::Keys::url`.
    pub url: Option<u64>,
    /// One per link of the story, in order.
    pub links: Vec<LinkKeys>,
    /// What grouping compares: `catalog::Keys::group` of the kept copy.
    pub group: super::super::group::GroupKeys,
}

/// One link as its file gave it, in the numbers resolution compares.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkKeys {
    /// The target its file named (an embedded story, a JSON id), before resolution.
    pub given: Option<u64>,
    /// Its folded label's id.
    pub label: u64,
    /// Its URL key.
    pub url: Option<u64>,
    /// Its label as parsed, when it is shown by its target's title instead.
    pub raw_label: Option<String>,
}

/// A story that shared its group's id with a different story and was given its own: in
/// `file`, links to `base` mean `id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Renamed {
    pub file: u32,
    pub base: u64,
    pub id: u64,
}

impl UpdateKeys {
    /// Do the section's parts agree with each other and with a header of `stored` stories
    /// and `resolved` resolved ones? (The checksum catches a torn file; this catches a
    /// catalog whose parts were made from different states.)
    pub fn fits(&self, stored: usize, resolved: usize) -> bool {
        self.raw.len() == stored
            && self.chunks.iter().map(|&c| c as usize).sum::<usize>() == stored
            && self.resolved.len() == resolved
            && self.resolved.windows(2).all(|w| w[0].raw < w[1].raw)
            && self
                .resolved
                .last()
                .is_none_or(|s| (s.raw as usize) < stored)
    }
}
