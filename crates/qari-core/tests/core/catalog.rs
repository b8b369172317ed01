//! The persisted catalog, end to end: freshness (add, change, remove, rename, touch, a file
//! replaced by a folder), path spellings and symbolic links, id stability as the archive
//! grows, and faults — a corrupt or truncated catalog, an unwritable, read-only or full cache,
//! two processes at once, kill -9 in the middle of a first run.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use qari_core::library::{CatalogNote, Library};

fn page(title: &str, body: &str) -> String {
    format!("{title}\n\nنشر في 3 مارس 2024\n\n{body}\n")
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, text).expect("write");
}

/// An archive of `n` pages under `root/news`.
fn archive(root: &Path, n: usize) -> PathBuf {
    let news = root.join("news");
    for i in 0..n {
        write(
            &news,
            &format!("{:02}/{i:04}.txt", i / 100),
            &page(&format!("خبر رقم {i}"), &format!("نص الخبر {i} عن المياه.")),
        );
    }
    news
}

fn open(paths: &[PathBuf], cache: &Path) -> qari_core::library::Opened {
    let catalog = cache.join("catalog.qcat");
    Library::load_with(paths, Some(&catalog), &mut |_| {})
}

fn titles(lib: &Library) -> Vec<String> {
    lib.stories().iter().map(|s| s.title.clone()).collect()
}

/// Gives a file a modification time `secs` seconds in the past (no sleeping for mtimes).
fn age(path: &Path, secs: u64) {
    let f = fs::File::options().write(true).open(path).expect("open");
    f.set_modified(SystemTime::now() - Duration::from_secs(secs))
        .expect("set mtime");
}

#[test]
fn warm_open_reuses_unchanged_files_and_parses_only_what_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = archive(dir.path(), 30);
    let cache = dir.path().join("cache");
    let cold = open(std::slice::from_ref(&news), &cache);
    assert_eq!((cold.parsed, cold.reused), (30, 0));
    assert_eq!(cold.library.len(), 30);
    assert!(cold.notes.is_empty(), "{:?}", cold.notes);
    let warm = open(std::slice::from_ref(&news), &cache);
    assert_eq!((warm.parsed, warm.reused, warm.removed), (0, 30, 0));
    assert_eq!(titles(&warm.library), titles(&cold.library));
    assert_eq!(
        warm.library.stories()[3].id,
        cold.library.stories()[3].id,
        "the same ids from the catalog"
    );

    // add one, change one, remove one, rename one, touch one
    write(&news, "00/0100.txt", &page("خبر جديد", "نص جديد."));
    let changed = news.join("00/0005.txt");
    fs::write(&changed, page("عنوان معدل", "نص معدل.")).expect("write");
    age(&changed, 5);
    fs::remove_file(news.join("00/0007.txt")).expect("rm");
    fs::rename(news.join("00/0009.txt"), news.join("00/0099.txt")).expect("mv");
    age(&news.join("00/0011.txt"), 100);
    let after = open(std::slice::from_ref(&news), &cache);
    // new, changed, renamed (a new name), touched: parsed; the 0007 and 0009 records dropped
    assert_eq!(after.parsed, 4, "parsed {}", after.parsed);
    assert_eq!(after.removed, 2);
    let t = titles(&after.library);
    assert!(t.contains(&"خبر جديد".to_owned()));
    assert!(t.contains(&"عنوان معدل".to_owned()));
    assert!(!t.contains(&"خبر رقم 5".to_owned()));
    assert!(!t.contains(&"خبر رقم 7".to_owned()));
    assert!(t.contains(&"خبر رقم 9".to_owned()), "renamed, still there");
    assert_eq!(after.library.len(), 30);
    // The touched file is unchanged in content: same fingerprint hash, same id.
    let touched = after
        .library
        .stories()
        .iter()
        .find(|s| s.title == "خبر رقم 11")
        .expect("touched story");
    assert_eq!(
        after
            .library
            .file_of(touched.id)
            .map(|f| f.fingerprint.hash),
        cold.library.file_of(touched.id).map(|f| f.fingerprint.hash)
    );
    // And the next open has nothing to do again.
    let again = open(std::slice::from_ref(&news), &cache);
    assert_eq!(again.parsed, 0);
    assert_eq!(titles(&again.library), t);
}

#[test]
fn a_file_replaced_by_a_folder_is_dropped_and_the_folder_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = archive(dir.path(), 3);
    let cache = dir.path().join("cache");
    open(std::slice::from_ref(&news), &cache);
    let victim = news.join("00/0001.txt");
    fs::remove_file(&victim).expect("rm");
    write(&victim, "in.txt", &page("خبر داخل مجلد", "نص."));
    let after = open(std::slice::from_ref(&news), &cache);
    let t = titles(&after.library);
    assert!(!t.contains(&"خبر رقم 1".to_owned()));
    assert!(t.contains(&"خبر داخل مجلد".to_owned()));
    assert_eq!((after.parsed, after.removed), (1, 1));
}

#[test]
fn bodies_are_read_on_demand_from_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = archive(dir.path(), 3);
    let opened = open(std::slice::from_ref(&news), &dir.path().join("cache"));
    let lib = &opened.library;
    let id = lib.stories()[1].id;
    assert!(lib.resident_body(id).is_none(), "no body held in memory");
    assert_eq!(*lib.read_body(id).expect("body"), ["نص الخبر 1 عن المياه."]);
    // The file changed behind the catalog's back: said, not a wrong body.
    fs::write(news.join("00/0001.txt"), page("شيء آخر", "نص آخر.")).expect("write");
    let err = lib.read_body(id).expect_err("changed on disk");
    assert_eq!(
        err,
        qari_core::library::BodyError::Changed(news.join("00/0001.txt"))
    );
    assert!(err.to_string().contains("changed on disk"), "{err}");
}

#[test]
fn every_spelling_of_the_archive_path_is_one_archive() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = archive(dir.path(), 5);
    let dotted = dir.path().join(".").join("news").join("..").join("news");
    let dirs = qari_core::library::Dirs {
        cache: Some(dir.path().join("cache")),
        data: None,
    };
    let a = dirs.catalog(std::slice::from_ref(&news));
    let b = dirs.catalog(std::slice::from_ref(&dotted));
    assert!(a.is_some());
    assert_eq!(a, b);
    #[cfg(unix)]
    {
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&news, &link).expect("symlink");
        assert_eq!(dirs.catalog(&[link]), a);
    }
    // The same ids and file keys whichever spelling opened it, with one shared catalog.
    let cache = dir.path().join("cache");
    let first = open(std::slice::from_ref(&news), &cache);
    let second = open(&[dotted], &cache);
    assert_eq!(second.parsed, 0, "the catalog was shared");
    let ids = |o: &qari_core::library::Opened| -> Vec<_> {
        o.library.stories().iter().map(|s| s.id).collect()
    };
    assert_eq!(ids(&first), ids(&second));
    assert_eq!(first.library.files()[0].key, second.library.files()[0].key);
    assert_eq!(first.library.files()[0].key, "00/0000.txt");
}

#[test]
fn a_new_file_that_sorts_earlier_never_renames_a_story() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = dir.path().join("news");
    write(&news, "m.txt", &page("الطقس", "مشمس في عمّان."));
    let cache = dir.path().join("cache");
    let before = open(std::slice::from_ref(&news), &cache);
    let id = before.library.stories()[0].id;
    // A different story with the same title, in a file that sorts first.
    write(&news, "a.txt", &page("الطقس", "ماطر في حيفا."));
    let after = open(std::slice::from_ref(&news), &cache);
    assert_eq!(after.library.len(), 2);
    let old = after
        .library
        .stories()
        .iter()
        .find(|s| s.origin.path.ends_with("m.txt"))
        .expect("m.txt");
    assert_eq!(old.id, id, "the story seen first keeps its id");
    assert_ne!(after.library.stories()[0].id, id);
}

#[test]
fn corrupt_truncated_and_foreign_catalogs_are_rebuilt_with_one_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = archive(dir.path(), 4);
    let cache = dir.path().join("cache");
    open(std::slice::from_ref(&news), &cache);
    let catalog = cache.join("catalog.qcat");
    let good = fs::read(&catalog).expect("catalog");
    for bad in [
        good[..good.len() / 3].to_vec(),
        b"not a catalog at all".to_vec(),
        {
            let mut b = good.clone();
            let mid = b.len() / 2;
            b[mid] ^= 0x40;
            b
        },
    ] {
        fs::write(&catalog, &bad).expect("write");
        let opened = open(std::slice::from_ref(&news), &cache);
        assert_eq!(opened.library.len(), 4);
        assert_eq!(opened.parsed, 4, "rebuilt");
        assert!(
            matches!(opened.notes.as_slice(), [CatalogNote::Rebuilt(_)]),
            "{:?}",
            opened.notes
        );
        // and the rebuilt one is good again
        assert!(open(std::slice::from_ref(&news), &cache).notes.is_empty());
    }
}

#[test]
fn an_unwritable_cache_means_working_from_memory_with_one_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = archive(dir.path(), 4);
    // A cache "folder" under a regular file: nothing can be created there, even by root.
    let blocker = dir.path().join("blocker");
    fs::write(&blocker, "x").expect("write");
    let opened = open(std::slice::from_ref(&news), &blocker.join("cache"));
    assert_eq!(opened.library.len(), 4);
    assert!(
        matches!(opened.notes.as_slice(), [CatalogNote::NotSaved(_)]),
        "{:?}",
        opened.notes
    );
}

#[test]
fn the_readers_first_view_from_the_catalog_is_the_archive_as_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = archive(dir.path(), 250);
    // a file with a load problem and one with two stories (an embedded one)
    fs::write(news.join("bad.txt"), [0u8, 1, 0]).expect("write");
    let cache = dir.path().join("cache");
    let opened = open(std::slice::from_ref(&news), &cache);
    let first = Library::from_catalog(std::slice::from_ref(&news), &cache.join("catalog.qcat"))
        .expect("a catalog");
    let view = |l: &Library| -> Vec<_> {
        l.stories()
            .iter()
            .map(|s| {
                (
                    s.id,
                    s.title.clone(),
                    s.origin.path.clone(),
                    s.links.clone(),
                )
            })
            .collect()
    };
    assert_eq!(view(&first.library), view(&opened.library));
    assert_eq!(first.library.files(), opened.library.files());
    assert_eq!(first.errors.len(), 1);
    assert!(first.errors[0].path.ends_with("bad.txt"));
    // A damaged catalog gives no first view (the reader then reads the archive).
    let c = cache.join("catalog.qcat");
    let mut bytes = fs::read(&c).expect("read");
    let at = bytes.len() - 20;
    bytes[at] ^= 1;
    fs::write(&c, bytes).expect("write");
    assert!(Library::from_catalog(std::slice::from_ref(&news), &c).is_none());
}

#[test]
fn an_unchanged_archive_opens_from_the_resolved_catalog_as_a_full_build_would() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = dir.path().join("news");
    // A page embedding a shortened copy of another file's story (merged), two different
    // stories with one headline (one renamed), and links by title between them.
    write(
        &news,
        "a.txt",
        "السدود تمتلئ\n\nنشر في 3 مارس 2024\n\nامتلأت السدود بعد أسبوع من المطر.\n\n\
         اقرأ أيضًا..\n\nالأمطار تعود إلى الشمال\n\nعادت الأمطار إلى الشمال.\n",
    );
    write(
        &news,
        "b.txt",
        &page(
            "الأمطار تعود إلى الشمال",
            "عادت الأمطار إلى الشمال.\n\nوتوقع الراصدون أسبوعًا آخر.",
        ),
    );
    write(
        &news,
        "c.txt",
        &page("السدود تمتلئ", "خبر آخر بالعنوان نفسه عن سدود الجنوب."),
    );
    write(
        &news,
        "d.txt",
        &page(
            "موسم الزراعة",
            "بدأ الموسم مبكرًا.\n\nاقرأ أيضا: الأمطار تعود إلى الشمال",
        ),
    );
    let paths = std::slice::from_ref(&news);
    let cache = dir.path().join("cache");
    let view = |l: &Library| -> Vec<_> {
        l.stories()
            .iter()
            .map(|s| (s.clone(), l.linked_from(s.id).to_vec()))
            .collect()
    };
    let check = |what: &str| {
        let full = Library::load_with(paths, None, &mut |_| {});
        let warm = open(paths, &cache);
        assert_eq!(warm.parsed, 0, "{what}: nothing parsed");
        assert_eq!(view(&warm.library), view(&full.library), "{what}");
        assert_eq!(warm.library.files(), full.library.files(), "{what}");
        full
    };
    let built = open(paths, &cache);
    assert_eq!(built.parsed, 4);
    let full = check("after the first run");
    assert_eq!(full.library.len(), 4, "the embedded copy merged");
    let ids: std::collections::HashSet<_> = full.library.stories().iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), 4, "the second headline has an id of its own");
    assert!(
        full.library
            .stories()
            .iter()
            .any(|s| !full.library.linked_from(s.id).is_empty()),
        "links resolved"
    );
    // After a change, the update starts from the raw stories, and the next unchanged open
    // from the new resolved section.
    write(
        &news,
        "c.txt",
        &page("السدود تمتلئ", "نص جديد عن سدود الجنوب."),
    );
    age(&news.join("c.txt"), 5);
    assert_eq!(open(paths, &cache).parsed, 1);
    check("after a change");
}
