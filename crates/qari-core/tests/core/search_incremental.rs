//! The persisted index follows the archive file by file: a second open does no work, an edited
//! file is re-indexed, a removed one leaves the index, and a schema change rebuilds.

use std::fs;
use std::path::Path;

use qari_core::library::Library;
use qari_core::model::{Direction, Story, StoryId};
use qari_core::search::incremental::{MANIFEST_FILE, Manifest};
use qari_core::search::{Location, SearchIndex};

/// Writes `title\n\nbody` to `dir/name` and returns the story a loader would make of it.
fn file_story(dir: &Path, name: &str, id: u64, title: &str, body: &str) -> Story {
    let path = dir.join(name);
    fs::write(&path, format!("{title}\n\n{body}\n")).expect("write fixture");
    Story::new(StoryId(id), title, vec![body.to_owned()], path).in_language("ar", Direction::Rtl)
}

fn found(index: &SearchIndex, q: &str) -> Vec<u64> {
    index
        .search(q, 10)
        .expect("search")
        .iter()
        .map(|h| h.id.0)
        .collect()
}

#[test]
fn updates_only_what_changed() {
    let archive = tempfile::tempdir().expect("temp dir");
    let cache = tempfile::tempdir().expect("temp dir");
    let loc = Location {
        dir: cache.path().join("index"),
        on_disk: true,
    };
    let a = file_story(
        archive.path(),
        "a.txt",
        1,
        "أمطار غزيرة",
        "هطلت أمطار غزيرة على العاصمة",
    );
    let b = file_story(
        archive.path(),
        "b.txt",
        2,
        "مباراة حاسمة",
        "فاز الفريق في مباراة حاسمة",
    );

    let lib = Library::from_stories(vec![a.clone(), b.clone()]);
    let mut reports = Vec::new();
    let (index, stats) = SearchIndex::open(&loc, &lib, &mut |p| reports.push(p)).expect("open");
    assert!(stats.rebuilt);
    assert_eq!((stats.added_files, stats.stories_indexed), (2, 2));
    assert_eq!(reports.last().map(|p| (p.done, p.total)), Some((2, 2)));
    assert_eq!(found(&index, "امطار"), vec![1]);
    drop(index);

    // Nothing changed: nothing is indexed, the index answers as before.
    let (index, stats) = SearchIndex::open(&loc, &lib, &mut |_| {}).expect("reopen");
    assert!(!stats.rebuilt);
    assert_eq!((stats.unchanged_files, stats.stories_indexed), (2, 0));
    assert_eq!(found(&index, "مباراة"), vec![2]);
    assert_eq!(index.len(), 2);
    drop(index);

    // a.txt edited, b.txt gone, c.txt new.
    let a2 = file_story(
        archive.path(),
        "a.txt",
        1,
        "ثلوج كثيفة",
        "تساقطت ثلوج كثيفة على الجبال",
    );
    let c = file_story(
        archive.path(),
        "c.txt",
        3,
        "انتخابات",
        "بدأت الانتخابات البلدية",
    );
    let lib = Library::from_stories(vec![a2, c]);
    let (index, stats) = SearchIndex::open(&loc, &lib, &mut |_| {}).expect("update");
    assert_eq!(
        (
            stats.changed_files,
            stats.added_files,
            stats.removed_files,
            stats.stories_indexed
        ),
        (1, 1, 1, 2)
    );
    assert_eq!(found(&index, "ثلوج"), vec![1]);
    assert!(
        found(&index, "امطار").is_empty(),
        "old text of a.txt is gone"
    );
    assert!(found(&index, "مباراة").is_empty(), "b.txt is gone");
    assert_eq!(found(&index, "انتخابات"), vec![3]);
    assert_eq!(index.len(), 2);
}

#[test]
fn touched_but_unchanged_file_is_not_reindexed() {
    let archive = tempfile::tempdir().expect("temp dir");
    let cache = tempfile::tempdir().expect("temp dir");
    let loc = Location {
        dir: cache.path().to_path_buf(),
        on_disk: true,
    };
    let a = file_story(archive.path(), "a.txt", 1, "عنوان", "نص الخبر");
    let lib = Library::from_stories(vec![a]);
    SearchIndex::open(&loc, &lib, &mut |_| {}).expect("open");
    // Same bytes, new modification time (rewrite after a pause long enough for coarse clocks).
    let path = archive.path().join("a.txt");
    let bytes = fs::read(&path).expect("read");
    let before = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    let mut after = before;
    while after == before {
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&path, &bytes).expect("rewrite");
        after = fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("mtime");
    }
    let (_, stats) = SearchIndex::open(&loc, &lib, &mut |_| {}).expect("reopen");
    assert_eq!((stats.unchanged_files, stats.stories_indexed), (1, 0));
}

#[test]
fn a_different_schema_version_rebuilds() {
    let cache = tempfile::tempdir().expect("temp dir");
    let loc = Location {
        dir: cache.path().to_path_buf(),
        on_disk: false,
    };
    let story = file_story(cache.path(), "x.txt", 7, "قمة", "انعقدت القمة");
    fs::remove_file(cache.path().join("x.txt")).expect("remove");
    let lib = Library::from_stories(vec![story]);
    SearchIndex::open(&loc, &lib, &mut |_| {}).expect("open");
    let mut manifest = Manifest::read(cache.path()).expect("manifest written");
    manifest.schema_version += 100;
    manifest.write(cache.path()).expect("write");
    let (index, stats) = SearchIndex::open(&loc, &lib, &mut |_| {}).expect("reopen");
    assert!(stats.rebuilt);
    assert_eq!(found(&index, "قمة"), vec![7]);
    // A garbled manifest (its digest gone with it) also rebuilds rather than failing.
    fs::write(cache.path().join(MANIFEST_FILE), b"\xff\xfe").expect("write");
    fs::remove_file(
        cache
            .path()
            .join(qari_core::search::incremental::DIGEST_FILE),
    )
    .expect("rm");
    let (index, stats) = SearchIndex::open(&loc, &lib, &mut |_| {}).expect("reopen");
    assert!(stats.rebuilt);
    assert_eq!(index.len(), 1);
}

#[test]
fn a_locked_index_is_reported_not_hung() {
    let cache = tempfile::tempdir().expect("temp dir");
    let loc = Location {
        dir: cache.path().to_path_buf(),
        on_disk: false,
    };
    let archive = tempfile::tempdir().expect("temp dir");
    let s = file_story(archive.path(), "a.txt", 1, "عنوان", "نص");
    let lib = Library::from_stories(vec![s.clone()]);
    let (held, _) = SearchIndex::open(&loc, &lib, &mut |_| {}).expect("open");
    // Another process would hold tantivy's writer lock while it indexes; simulate it.
    let index = tantivy::Index::open_in_dir(cache.path()).expect("open raw");
    let _writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).expect("lock");
    let s2 = file_story(archive.path(), "b.txt", 2, "آخر", "نص آخر");
    let lib2 = Library::from_stories(vec![s, s2]);
    assert!(SearchIndex::open(&loc, &lib2, &mut |_| {}).is_err());
    // Nothing to do needs no lock: the unchanged archive still opens.
    assert!(SearchIndex::open(&loc, &lib, &mut |_| {}).is_ok());
    drop(held);
}

#[test]
fn a_second_qari_updating_the_same_index_does_not_wait_or_wipe() {
    let cache = tempfile::tempdir().expect("temp dir");
    let loc = Location {
        dir: cache.path().join("idx"),
        on_disk: false,
    };
    let archive = tempfile::tempdir().expect("temp dir");
    let lib = Library::from_stories(vec![file_story(archive.path(), "a.txt", 1, "عنوان", "نص")]);
    SearchIndex::open(&loc, &lib, &mut |_| {}).expect("open");
    // While another process holds the update lock, opening fails fast …
    let other = fs::File::create(cache.path().join("idx.lock")).expect("lock file");
    other.lock().expect("lock");
    let err = SearchIndex::open(&loc, &lib, &mut |_| {}).expect_err("busy");
    assert!(err.to_string().contains("another qari"), "{err}");
    // … the fallback still searches, in memory …
    let (index, stats, why) =
        SearchIndex::open_or_memory(Some(&loc), &lib, &mut |_| {}).expect("fallback");
    assert!(stats.in_memory && why.is_some());
    assert_eq!(found(&index, "عنوان"), vec![1]);
    // … and the index on disk was left alone.
    other.unlock().expect("unlock");
    let (_, stats) = SearchIndex::open(&loc, &lib, &mut |_| {}).expect("open");
    assert!(!stats.rebuilt && stats.stories_indexed == 0);
}
