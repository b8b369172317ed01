//! The tantivy index of an archive: where it lives, its schema, and bringing it up to date.
//!
//! One index per archive under the XDG cache dir (`$QARI_CACHE_DIR` overrides it, which tests
//! use), in a folder named by a hash of the archive's canonical paths, or `sample` for the
//! bundled archive. A manifest beside it records the schema version — a different version
//! rebuilds — and the fingerprints of the indexed files (see `incremental`). When the cache is
//! not writable or another qari holds the index's writer lock, the index is built in memory
//! instead: search still works, it is only not kept.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::analyzer::{self, TOKENIZER_NAME};
use super::directory::IndexDirectory;
use super::incremental::{self, Manifest, Plan};
use super::{Result, SearchError};
use crate::library::{Dirs, Library};
use crate::model::{StoryId, StoryMeta};

/// Bump when the schema, the analysis chain or the index's on-disk encoding changes: existing
/// indexes are then rebuilt. 4: tantivy without its zstd column compression (an index written
/// with it is rebuilt rather than read). 5: each story's group (`library::group`) stored.
pub const SCHEMA_VERSION: u32 = 5;

/// Memory for tantivy's indexing arena (one thread; the machine has two cores).
const WRITER_HEAP_BYTES: usize = 32 * 1024 * 1024;

/// The schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub path: Field,
    pub title: Field,
    pub body: Field,
    pub source: Field,
    pub lang: Field,
    pub date: Field,
    /// The story's group when it was indexed (its event, else its copy group): a search shows
    /// a group once without the catalog. A group named by a story that came later than the
    /// indexed file is not seen until that file is indexed again.
    pub group: Field,
}

/// Stored documents are compressed in blocks of this many bytes, about one story each: a hit
/// decompresses its own story, not three neighbours with it (a search printing thousands of
/// hits spent a fifth of its time decompressing with tantivy's 16 KiB).
const STORE_BLOCK: usize = 4096;

/// The index kept at `dir`, through [`IndexDirectory`].
fn open_dir(dir: &Path) -> tantivy::Result<Index> {
    Index::open(IndexDirectory::open(dir)?)
}

/// A new index of `schema`, with qari's settings.
fn builder(schema: Schema) -> tantivy::IndexBuilder {
    Index::builder()
        .schema(schema)
        .settings(tantivy::IndexSettings {
            docstore_blocksize: STORE_BLOCK,
            ..tantivy::IndexSettings::default()
        })
}

fn schema() -> (Schema, Fields) {
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER_NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        path: b.add_text_field("path", STRING),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text.clone()),
        source: b.add_text_field("source", text),
        lang: b.add_text_field("language", STRING | STORED),
        date: b.add_text_field("date", STRING | STORED),
        group: b.add_text_field("group", STRING | STORED),
    };
    (b.build(), fields)
}

/// How far indexing has got, for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateStats {
    pub added_files: usize,
    pub changed_files: usize,
    pub removed_files: usize,
    pub unchanged_files: usize,
    pub stories_indexed: usize,
    /// The index was (re)created from nothing.
    pub rebuilt: bool,
    /// The index lives in memory only (cache unavailable or locked).
    pub in_memory: bool,
}

/// Where an archive's index lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub dir: PathBuf,
    /// Whether the stories' paths name files on disk (false for the bundled sample).
    pub on_disk: bool,
}

impl Location {
    /// The cache location for the archive opened from `paths` (empty: the bundled sample);
    /// `None` when there is no cache directory.
    pub fn for_archive(dirs: &Dirs, paths: &[PathBuf]) -> Option<Location> {
        let root = dirs.cache.as_deref()?;
        Some(Location {
            dir: incremental::index_dir(root, &archive_key(paths)),
            on_disk: !paths.is_empty(),
        })
    }
}

/// The folder name of an archive's index: `sample`, or the archive's key (a hash of its
/// canonical roots: the same for every spelling of its paths).
pub fn archive_key(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "sample".to_owned();
    }
    crate::library::Archive::new(paths).key()
}

/// A searchable index of one archive.
pub struct SearchIndex {
    pub(super) index: Index,
    pub(super) reader: IndexReader,
    pub(super) fields: Fields,
    /// Similar stories already computed (see `similar`).
    pub(super) similar_cache: Mutex<HashMap<StoryId, Vec<StoryId>>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// The story id stored with an indexed document (`None` for a document of another
    /// schema version, which a rebuild removes).
    pub(crate) fn story_id(&self, doc: &TantivyDocument) -> Option<StoryId> {
        doc.get_first(self.fields.id)
            .and_then(|v| v.as_str())
            .and_then(|s| s.parse().ok())
    }

    fn from_index(index: Index, fields: Fields) -> Result<SearchIndex> {
        analyzer::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            similar_cache: Mutex::new(HashMap::new()),
        })
    }

    /// Indexes the library in memory (tests, and the fallback when the cache is unusable).
    pub fn in_memory(library: &Library, progress: &mut dyn FnMut(Progress)) -> Result<SearchIndex> {
        let (schema, fields) = schema();
        let index = builder(schema).create_in_ram()?;
        let this = SearchIndex::from_index(index, fields)?;
        let plan = incremental::plan(&Manifest::default(), library, SCHEMA_VERSION);
        this.apply(&plan, library, progress)?;
        Ok(this)
    }

    /// Opens (or creates) the index at `location` and brings it up to date with `library`.
    pub fn open(
        location: &Location,
        library: &Library,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(SearchIndex, UpdateStats)> {
        std::fs::create_dir_all(&location.dir)?;
        // One qari at a time may check, wipe or update an index folder; a second one uses an
        // in-memory index instead of waiting (or wiping files the first is writing).
        let lock = std::fs::File::create(location.dir.with_extension("lock"))?;
        if lock.try_lock().is_err() {
            return Err(SearchError::Busy);
        }
        let (schema, fields) = schema();
        // Nothing changed since the last update (the usual warm start): the digest beside
        // the manifest says so without parsing a manifest of every file.
        let now = crate::library::files_digest(
            library
                .files()
                .iter()
                .map(|f| (f.key.as_str(), f.fingerprint.size, f.fingerprint.hash)),
        );
        if Manifest::read_digest(&location.dir) == Some((SCHEMA_VERSION, now))
            && let Ok(index) = open_dir(&location.dir)
            && index.schema() == schema
        {
            let stats = UpdateStats {
                unchanged_files: library.files().len(),
                ..UpdateStats::default()
            };
            return Ok((SearchIndex::from_index(index, fields)?, stats));
        }
        let manifest = Manifest::read(&location.dir).filter(|m| m.schema_version == SCHEMA_VERSION);
        let existing = manifest.as_ref().and_then(|_| {
            open_dir(&location.dir)
                .ok()
                .filter(|i| i.schema() == schema)
        });
        let (index, manifest, rebuilt) = if let (Some(index), Some(manifest)) = (existing, manifest)
        {
            (index, manifest, false)
        } else {
            wipe(&location.dir)?;
            let index = builder(schema).open_or_create(IndexDirectory::open(&location.dir)?)?;
            (index, Manifest::default(), true)
        };
        let this = SearchIndex::from_index(index, fields)?;
        let plan = incremental::plan(&manifest, library, SCHEMA_VERSION);
        let per_file: HashMap<&str, usize> = library
            .files()
            .iter()
            .map(|f| (f.key.as_str(), f.stories.len()))
            .collect();
        let stats = UpdateStats {
            added_files: plan.added.len(),
            changed_files: plan.changed.len(),
            removed_files: plan.removed.len(),
            unchanged_files: plan.unchanged,
            stories_indexed: plan
                .to_index()
                .map(|k| per_file.get(k.as_str()).copied().unwrap_or(0))
                .sum(),
            rebuilt,
            in_memory: false,
        };
        if !plan.is_noop() || rebuilt {
            this.apply(&plan, library, progress)?;
        }
        if plan.next != manifest {
            plan.next.write(&location.dir)?;
        }
        Ok((this, stats))
    }

    /// Opens the index at `location` only if it holds exactly the files of `digest` (the
    /// catalog's `Header::digest` of their keys, sizes and content hashes), read-only: no
    /// lock, no update, nothing written. The warm path of `qari search`, which then needs
    /// neither the catalog's stories nor any article file.
    pub fn open_if_current(location: &Location, digest: u64) -> Option<SearchIndex> {
        let (version, stored) = Manifest::read_digest(&location.dir)?;
        if version != SCHEMA_VERSION || stored != digest {
            return None;
        }
        let (schema, fields) = schema();
        let index = open_dir(&location.dir).ok()?;
        if index.schema() != schema {
            return None;
        }
        SearchIndex::from_index(index, fields).ok()
    }

    /// Opens the cached index of the archive opened from `paths`; see [`Self::open_or_memory`].
    pub fn open_for_archive(
        dirs: &Dirs,
        paths: &[PathBuf],
        library: &Library,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(SearchIndex, UpdateStats, Option<SearchError>)> {
        SearchIndex::open_or_memory(
            Location::for_archive(dirs, paths).as_ref(),
            library,
            progress,
        )
    }

    /// Opens the index at `location`, falling back to an in-memory index when there is no
    /// location or it cannot be used; the reason for the fallback is returned with it.
    pub fn open_or_memory(
        location: Option<&Location>,
        library: &Library,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(SearchIndex, UpdateStats, Option<SearchError>)> {
        let cached = location
            .ok_or(SearchError::NoCache)
            .and_then(|loc| SearchIndex::open(loc, library, progress));
        match cached {
            Ok((index, stats)) => Ok((index, stats, None)),
            Err(err) => {
                let index = SearchIndex::in_memory(library, progress)?;
                let stats = UpdateStats {
                    added_files: library.files().len(),
                    stories_indexed: library.len(),
                    rebuilt: true,
                    in_memory: true,
                    ..UpdateStats::default()
                };
                Ok((index, stats, Some(err)))
            }
        }
    }

    /// Deletes the documents of changed and removed files, indexes changed and added ones,
    /// commits.
    fn apply(
        &self,
        plan: &Plan,
        library: &Library,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        use rayon::prelude::*;
        let files: HashMap<&str, &crate::library::FileInfo> = library
            .files()
            .iter()
            .map(|f| (f.key.as_str(), f))
            .collect();
        let mut writer: IndexWriter<TantivyDocument> =
            self.index.writer_with_num_threads(1, WRITER_HEAP_BYTES)?;
        for key in plan.to_delete() {
            writer.delete_term(Term::from_field_text(self.fields.path, key));
        }
        let total: usize = plan
            .to_index()
            .map(|k| files.get(k.as_str()).map_or(0, |f| f.stories.len()))
            .sum();
        let mut done = 0;
        progress(Progress { done, total });
        let keys: Vec<&String> = plan.to_index().collect();
        // Bodies are read from the files (in parallel, a chunk at a time), then indexed.
        for chunk in keys.chunks(64) {
            let read: Vec<_> = chunk
                .par_iter()
                .filter_map(|k| files.get(String::as_str(k)))
                .map(|f| (f.key.as_str(), library.read_file(f)))
                .collect();
            for (key, stories) in read {
                for (meta, body) in stories {
                    writer.add_document(self.document(key, meta, &body))?;
                    done += 1;
                    if done % 256 == 0 {
                        progress(Progress { done, total });
                    }
                }
            }
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        if let Ok(mut cache) = self.similar_cache.lock() {
            cache.clear();
        }
        progress(Progress { done, total });
        Ok(())
    }

    fn document(&self, path_key: &str, m: &StoryMeta, body: &[String]) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, m.id.to_string());
        doc.add_text(f.path, path_key);
        doc.add_text(f.title, &m.title);
        doc.add_text(f.body, body.join("\n\n"));
        if let Some(source) = &m.source {
            doc.add_text(f.source, source);
        }
        doc.add_text(f.lang, &m.lang);
        if let Some(date) = m.published {
            doc.add_text(f.date, date.to_string());
        }
        if let Some(group) = m.group.listed() {
            doc.add_text(f.group, group.to_string());
        }
        doc
    }

    /// Number of stories in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Removes an index folder's contents (a schema change or a broken index).
fn wipe(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}
