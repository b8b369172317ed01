//! An update gives exactly what a full build gives: after every step of random changes to a
//! small archive whose stories share titles, bodies, URLs and links (so that de-duplication
//! merges and renames, and links resolve by id, URL and title), the library opened through
//! the catalog equals de-duplicating and resolving the whole catalog's stories from scratch,
//! and the catalog's stored stories are the files' stories as parsed now.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use super::super::catalog;
use super::super::entry::Entry;
use super::super::group::GroupKeys;
use super::super::{Archive, Library, build_graph, graph};
use crate::loader::{id, parse_file};

const TITLES: [&str; 5] = [
    "افتتاح معرض الكتاب",
    "جائزة جديدة للترجمة",
    "مهرجان للشعر في مراكش",
    "ארוחת ערב בעיר",
    "Rain returns to the valley",
];
const PARAGRAPHS: [&str; 4] = [
    "افتتح المعرض دورته الجديدة مساء الأربعاء.",
    "وقال المدير إن الدورة تركز على الترجمة.",
    "ويستمر المعرض حتى السابع عشر من الشهر.",
    "The rain came back after a dry month.",
];
const URLS: [&str; 3] = [
    "https://example.org/a",
    "https://www.example.org/b/",
    "http://example.org/c",
];
const FILES: [&str; 6] = [
    "a.txt",
    "b.jsonl",
    "c/d.txt",
    "c/e.jsonl",
    "f.jsonl",
    "g/h/i.txt",
];

/// One record of a JSON Lines file: a title, how many of the paragraphs, a URL, links.
#[derive(Debug, Clone)]
struct Record {
    title: usize,
    paras: (usize, usize),
    url: Option<usize>,
    /// (kind, which): 0 a title, 1 a URL, 2 a story's id.
    related: Vec<(u8, usize)>,
}

/// A file's content: JSON Lines records, or a page that may embed a second story.
#[derive(Debug, Clone)]
enum Content {
    Lines(Vec<Record>),
    Page {
        title: usize,
        paras: (usize, usize),
        embeds: Option<(usize, (usize, usize))>,
    },
}

/// `paras` paragraphs from the `from`-th: bodies from the same start are prefixes of each
/// other (copies of one story), from different starts not (different stories).
fn body((from, paras): (usize, usize)) -> Vec<&'static str> {
    let from = from % 2;
    PARAGRAPHS[from..(from + paras.max(1)).min(PARAGRAPHS.len())].to_vec()
}

fn render(c: &Content) -> String {
    match c {
        Content::Lines(records) => records
            .iter()
            .map(|r| {
                let related: Vec<String> = r
                    .related
                    .iter()
                    .map(|&(kind, k)| match kind {
                        0 => TITLES[k % TITLES.len()].to_owned(),
                        1 => URLS[k % URLS.len()].to_owned(),
                        _ => id::for_title(TITLES[k % TITLES.len()]).to_string(),
                    })
                    .collect();
                serde_json::json!({
                    "title": TITLES[r.title],
                    "body": body(r.paras),
                    "url": r.url.map(|u| URLS[u]),
                    "related": related,
                })
                .to_string()
                    + "\n"
            })
            .collect(),
        Content::Page {
            title,
            paras,
            embeds,
        } => {
            let mut out = format!(
                "{}\n\nنشر في 3 مارس 2024\n\n{}\n",
                TITLES[*title],
                body(*paras).join("\n\n")
            );
            if let Some((t, p)) = embeds {
                let _ = write!(
                    out,
                    "\nاقرأ أيضًا..\n\n{}\n\n{}\n",
                    TITLES[*t],
                    body(*p).join("\n\n")
                );
            }
            out
        }
    }
}

fn record() -> impl Strategy<Value = Record> {
    (
        0..TITLES.len(),
        (0..2usize, 1..=PARAGRAPHS.len()),
        proptest::option::of(0..URLS.len()),
        proptest::collection::vec((0u8..3, 0..TITLES.len()), 0..3),
    )
        .prop_map(|(title, paras, url, related)| Record {
            title,
            paras,
            url,
            related,
        })
}

fn content() -> impl Strategy<Value = Content> {
    prop_oneof![
        proptest::collection::vec(record(), 1..4).prop_map(Content::Lines),
        (
            0..TITLES.len(),
            (0..2usize, 1..=PARAGRAPHS.len()),
            proptest::option::of((0..TITLES.len(), (0..2usize, 1..=PARAGRAPHS.len())))
        )
            .prop_map(|(title, paras, embeds)| Content::Page {
                title,
                paras,
                embeds
            }),
    ]
}

/// A step: write one of the files (`Some`) or remove it (`None`).
fn step() -> impl Strategy<Value = (usize, Option<Content>)> {
    (0..FILES.len(), proptest::option::weighted(0.8, content()))
}

/// The library a full build gives from the catalog's stored stories (with their files'
/// generations): what an update must equal.
fn from_scratch(cat: &catalog::Catalog, archive: &Archive) -> graph::Graph {
    let mut entries = Vec::new();
    let mut at = 0;
    for (f, rec) in cat.header.files.iter().enumerate() {
        let file = archive.display_path(&rec.key);
        // the catalog keeps no grouping keys with the stored stories: they are the parse's
        let bytes = fs::read(&file).expect("read");
        let parsed: Vec<Entry> = parse_file(&file, &bytes)
            .stories
            .into_iter()
            .map(|s| Entry::of(s, 0))
            .collect();
        let path = std::sync::Arc::from(file);
        for (k, s) in cat.stories[at..at + rec.stories as usize]
            .iter()
            .enumerate()
        {
            let mut e = Entry::from_stored(s.clone(), &path, rec.seq);
            e.keys.group = parsed[k].keys.group.clone();
            entries.push((u32::try_from(f).expect("small"), e));
        }
        at += rec.stories as usize;
    }
    let files = &cat.header.files;
    build_graph(entries, &|f| {
        files
            .get(f as usize)
            .map(|r| r.key.clone())
            .unwrap_or_default()
    })
}

/// Sets a file's modification time to a distinct moment, so that every write is seen as a
/// change however fast the steps follow each other.
fn stamp(path: &Path, tick: u64) {
    let f = fs::File::options().write(true).open(path).expect("open");
    f.set_modified(SystemTime::now() - Duration::from_secs(10_000) + Duration::from_secs(tick))
        .expect("mtime");
}

fn check(steps: &[(usize, Option<Content>)]) {
    let texts: Vec<(String, Option<String>)> = steps
        .iter()
        .map(|(file, c)| (FILES[*file].to_owned(), c.as_ref().map(render)))
        .collect();
    check_texts(&texts);
}

/// After each step (write a file's text, or remove it), the update equals a full build.
fn check_texts(steps: &[(String, Option<String>)]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("news");
    fs::create_dir_all(&root).expect("mkdir");
    let paths: Vec<PathBuf> = vec![root.clone()];
    let catalog = dir.path().join("cache.qcat");
    let archive = Archive::new(&paths);
    for (tick, (file, content)) in steps.iter().enumerate() {
        let path = root.join(file);
        match content {
            Some(text) => {
                fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                fs::write(&path, text).expect("write");
                stamp(&path, tick as u64);
            }
            None => {
                let _ = fs::remove_file(&path);
            }
        }
        let opened = Library::load_with(&paths, Some(&catalog), &mut |_| {});
        assert!(opened.notes.is_empty(), "{:?}", opened.notes);
        let lib = opened.library;
        let cat = catalog::read(&catalog, &archive.key(), true).expect("catalog");
        // the stored stories are the files' stories as parsed now (the generation is the
        // record's, not stored per story)
        let mut at = 0;
        for rec in &cat.header.files {
            let file = archive.display_path(&rec.key);
            let bytes = fs::read(&file).expect("read");
            let now: Vec<catalog::Stored> = parse_file(&file, &bytes)
                .stories
                .into_iter()
                .map(|s| {
                    let mut stored = Entry::of(s, 0).to_stored();
                    stored.keys.group = GroupKeys::default();
                    stored
                })
                .collect();
            assert_eq!(now, cat.stories[at..at + rec.stories as usize], "{file:?}");
            at += rec.stories as usize;
        }
        assert_eq!(at, cat.stories.len());
        // the library is the full build's
        let full = from_scratch(&cat, &archive);
        assert_eq!(lib.stories, full.stories, "step {tick}");
        assert_eq!(lib.file_of, full.file_of);
        assert_eq!(lib.linked_from, full.linked_from);
        // and the catalog's resolved section is that library
        let resolved: Vec<u64> = cat.resolved.iter().map(|(_, s)| s.id).collect();
        let ids: Vec<u64> = full.stories.iter().map(|s| s.id.0).collect();
        assert_eq!(resolved, ids);
        // opening it unchanged gives the same library again
        let again = Library::load_with(&paths, Some(&catalog), &mut |_| {}).library;
        assert_eq!(again.stories, lib.stories);
        assert_eq!(again.linked_from, lib.linked_from);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn an_update_gives_what_a_full_build_gives(
        steps in proptest::collection::vec(step(), 1..10)
    ) {
        check(&steps);
    }
}

#[test]
fn renames_merges_and_links_across_updates() {
    // a story and its embedded copy elsewhere; then the copy's file changes, then a new
    // file with the same title and another body sorts first
    let page = |title, paras, embeds| {
        Some(Content::Page {
            title,
            paras,
            embeds,
        })
    };
    let record = |title, paras, related| Record {
        title,
        paras,
        url: Some(0),
        related,
    };
    check(&[
        (2, page(0, (0, 3), Some((1, (0, 2))))),
        (3, page(1, (0, 4), None)),
        (
            1,
            Some(Content::Lines(vec![record(
                2,
                (0, 2),
                vec![(0, 1), (2, 0), (1, 0)],
            )])),
        ),
        (2, page(0, (0, 3), Some((1, (0, 1))))),
        (0, page(1, (1, 1), None)),
        (3, None),
        // two different stories of one title in one file, and a link to the title by id:
        // the second is renamed, and the link in its file follows it
        (
            4,
            Some(Content::Lines(vec![
                record(3, (0, 1), Vec::new()),
                record(3, (1, 2), Vec::new()),
                record(0, (0, 2), vec![(2, 3)]),
            ])),
        ),
        (
            5,
            Some(Content::Lines(vec![record(4, (0, 1), vec![(1, 0)])])),
        ),
        (2, None),
    ]);
}

#[test]
fn links_follow_a_story_that_arrives_or_leaves() {
    let lines = |title, url, related| {
        Some(Content::Lines(vec![Record {
            title,
            paras: (0, 2),
            url,
            related,
        }]))
    };
    // a link by URL, by id and by title to stories that come, change and go
    check(&[
        (1, lines(0, None, vec![(1, 1), (2, 3), (0, 2)])),
        (4, lines(2, Some(1), Vec::new())),
        (5, lines(3, None, Vec::new())),
        (4, lines(2, Some(2), Vec::new())),
        (5, None),
        (0, lines(2, Some(1), Vec::new())),
        (4, None),
    ]);
}

/// Files of many stories each, so that the catalog has several raw chunks: an update copies
/// some and decodes others, and files are added before, changed between and removed after
/// the chunks it copies.
#[test]
fn updates_across_many_chunks() {
    let file = |n: usize, variant: &str| {
        (0..1000)
            .map(|i| {
                let k = n * 1000 + i;
                let related = [
                    format!("خبر رقم {}", (k + 7) % 5000),
                    URLS[k % 3].to_owned(),
                ];
                serde_json::json!({
                    "title": format!("خبر رقم {k}{variant}"),
                    "body": [format!("نص الخبر {k}."), PARAGRAPHS[k % 4]],
                    "url": k.is_multiple_of(10).then(|| format!("https://example.org/{k}")),
                    "related": related,
                })
                .to_string()
                    + "\n"
            })
            .collect::<String>()
    };
    let mut steps: Vec<(String, Option<String>)> = (1..=5)
        .map(|n| (format!("{n}.jsonl"), Some(file(n, ""))))
        .collect();
    steps.extend([
        // one story's title changes in the middle of the archive
        (
            "3.jsonl".to_owned(),
            Some(file(3, "").replacen("خبر رقم 3004", "خبر جديد", 1)),
        ),
        // a file that sorts first, and one that sorts last
        ("0.jsonl".to_owned(), Some(file(0, " أ"))),
        ("9.jsonl".to_owned(), Some(file(9, ""))),
        // a file's stories become copies of another's
        ("4.jsonl".to_owned(), Some(file(2, ""))),
        ("1.jsonl".to_owned(), None),
        ("3.jsonl".to_owned(), Some(file(3, " ب"))),
    ]);
    check_texts(&steps);
}
