//! The loaded archive: stories in archive order, lookup by id, and the link graph
//! ("what does this link to, what links here").
//!
//! Building a library ([`Library::from_stories`]) does three things, each linear in the
//! number of stories and links (archives of 100,000 stories are in scope; only stories that
//! share a title are compared with each other, by paragraph hashes):
//!
//! 1. **De-duplication** (`dedup.rs`). Ids are hashes of folded titles, so a story embedded in
//!    another page's "read also" section and the same story in its own file share an id. Same
//!    id and the same story (one is an embedded copy, or one body is a prefix of the other):
//!    the archive keeps the fuller one, at its own place in archive order, filling in fields
//!    the other had. Same id but different stories (two "Weather" pages): the later one gets a
//!    disambiguated id (`loader::id::disambiguated`).
//! 2. **Link resolution**. A link keeps the target its file gave when that story exists (an
//!    embedded story, a JSON id); otherwise its URL is looked up among the stories' URLs, then
//!    its label among the folded titles (`normalize::fold`). Hash maps, no pairwise scans.
//! 3. **Back-links**: `linked_from` lists, per story, the stories linking to it.
//!
//! Loading ([`Library::load`]) walks the paths, reads and parses every file in parallel (rayon;
//! parsing is pure), and reports each file that failed as one [`LoadError`]. It only reads.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use rayon::prelude::*;

pub use crate::loader::LoadError;
use crate::loader::{Parsed, is_archive_file, parse_file, walk};
use crate::model::{Story, StoryId};
use crate::normalize::fold;

mod dedup;
pub mod state;

/// The bundled sample archive, embedded at build time.
static SAMPLE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/assets/sample");

/// Files larger than this are not articles; reading them whole would only waste memory.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The archive.
#[derive(Debug, Default, Clone)]
pub struct Library {
    stories: Vec<Story>,
    by_id: HashMap<StoryId, usize>,
    linked_from: HashMap<StoryId, Vec<StoryId>>,
}

impl Library {
    /// Loads files and folders; files that fail are reported, the rest load.
    pub fn load(paths: &[PathBuf]) -> (Library, Vec<LoadError>) {
        let walked = walk::walk(paths);
        let parsed: Vec<Parsed> = walked.files.par_iter().map(|p| read_and_parse(p)).collect();
        let mut errors = walked.errors;
        (Library::from_parsed(parsed, &mut errors), errors)
    }

    /// The bundled sample archive (embedded in the binary); paths read `sample/…`.
    pub fn sample() -> (Library, Vec<LoadError>) {
        let mut files = Vec::new();
        collect_embedded(&SAMPLE, &mut files);
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let parsed: Vec<Parsed> = files
            .par_iter()
            .map(|(path, bytes)| parse_file(&Path::new("sample").join(path), bytes))
            .collect();
        let mut errors = Vec::new();
        (Library::from_parsed(parsed, &mut errors), errors)
    }

    /// `load(paths)`, or the sample archive when `paths` is empty.
    pub fn open(paths: &[PathBuf]) -> (Library, Vec<LoadError>) {
        if paths.is_empty() {
            Library::sample()
        } else {
            Library::load(paths)
        }
    }

    fn from_parsed(parsed: Vec<Parsed>, errors: &mut Vec<LoadError>) -> Library {
        let mut stories = Vec::new();
        for p in parsed {
            stories.extend(p.stories);
            errors.extend(p.errors);
        }
        Library::from_stories(stories)
    }

    /// Builds an archive from parsed stories (in archive order): de-duplicates, resolves links
    /// and indexes back-links. Keeps the given order.
    pub fn from_stories(stories: Vec<Story>) -> Library {
        let deduped = dedup::dedup(stories);
        let mut stories = deduped.stories;
        let by_id: HashMap<StoryId, usize> = stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.meta.id, i))
            .collect();
        let mut by_title: HashMap<String, StoryId> = HashMap::with_capacity(stories.len());
        let mut by_url: HashMap<String, StoryId> = HashMap::new();
        for s in &stories {
            by_title.entry(fold(&s.meta.title)).or_insert(s.meta.id);
            if let Some(url) = &s.meta.url {
                by_url.entry(url_key(url)).or_insert(s.meta.id);
            }
        }
        let renamed = &deduped.renamed;
        stories.par_iter_mut().for_each(|story| {
            let own = story.meta.id;
            let path = &story.meta.origin.path;
            // An embedded story that had to be renamed is still the one its page means.
            let follow = |t: StoryId| {
                if renamed.is_empty() {
                    t
                } else {
                    renamed.get(&(path.clone(), t)).copied().unwrap_or(t)
                }
            };
            for link in &mut story.meta.links {
                let given = link.target.map(follow).filter(|t| by_id.contains_key(t));
                let target = given
                    .or_else(|| {
                        link.url
                            .as_ref()
                            .and_then(|u| by_url.get(&url_key(u)).copied())
                    })
                    .or_else(|| by_title.get(&fold(&link.label)).copied());
                link.target = target.filter(|&t| t != own);
            }
        });
        let mut linked_from: HashMap<StoryId, Vec<StoryId>> = HashMap::new();
        for s in &stories {
            let targets: HashSet<StoryId> = s.meta.links.iter().filter_map(|l| l.target).collect();
            for t in targets {
                linked_from.entry(t).or_default().push(s.meta.id);
            }
        }
        // HashSet iteration order is arbitrary; archive order is what readers expect.
        for sources in linked_from.values_mut() {
            sources.sort_by_key(|id| by_id.get(id).copied().unwrap_or(usize::MAX));
        }
        Library {
            stories,
            by_id,
            linked_from,
        }
    }

    /// All stories, in archive order (path, then position in the file).
    pub fn stories(&self) -> &[Story] {
        &self.stories
    }

    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    pub fn get(&self, id: StoryId) -> Option<&Story> {
        self.by_id.get(&id).map(|&i| &self.stories[i])
    }

    /// Position of a story in `stories()`.
    pub fn index_of(&self, id: StoryId) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// Stories whose links resolve to `id`, in archive order.
    pub fn linked_from(&self, id: StoryId) -> &[StoryId] {
        self.linked_from.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The stories `id` links to (resolved links only, each once, in link order).
    pub fn links_to(&self, id: StoryId) -> Vec<StoryId> {
        let mut seen = HashSet::new();
        self.get(id)
            .map(|s| {
                s.meta
                    .links
                    .iter()
                    .filter_map(|l| l.target)
                    .filter(|t| seen.insert(*t))
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn read_and_parse(path: &Path) -> Parsed {
    match read_limited(path) {
        Ok(bytes) => parse_file(path, &bytes),
        Err(reason) => Parsed {
            stories: Vec::new(),
            errors: vec![LoadError::new(path, reason)],
        },
    }
}

/// Reads a whole file, refusing ones too large to be an article.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let len = file
        .metadata()
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if len > MAX_FILE_BYTES {
        return Err(format!("too large for an article ({len} bytes)"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    Ok(bytes)
}

fn collect_embedded(dir: &'static Dir<'static>, out: &mut Vec<(PathBuf, &'static [u8])>) {
    for sub in dir.dirs() {
        if !is_hidden(sub.path()) {
            collect_embedded(sub, out);
        }
    }
    for file in dir.files() {
        let path = file.path();
        if !is_hidden(path) && is_archive_file(path) {
            out.push((path.to_path_buf(), file.contents()));
        }
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(walk::is_hidden_name)
}

/// URLs compare without scheme, `www.`, fragment and trailing slash.
fn url_key(url: &str) -> String {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or(u);
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_lowercase()
}

#[cfg(test)]
mod tests;
