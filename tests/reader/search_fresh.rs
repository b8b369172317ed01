//! A warm `qari search` looks at the archive's folders, not every file (`library::folders`):
//! files added, removed, renamed or replaced by a folder are seen at once; a file rewritten in
//! place is seen after `--rescan` or any command that looks at every file (`list`); a folder
//! that changed moments before the last walk is never trusted.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

fn qari(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        .env("QARI_CACHE_DIR", cache)
        .env("QARI_DATA_DIR", cache.join("data"))
        .output()
        .expect("qari runs")
}

/// The titles `qari search WORD` prints, sorted (no hit: none).
fn titles(word: &str, archive: &Path, cache: &Path, extra: &[&str]) -> Vec<String> {
    let path = archive.to_string_lossy();
    let mut args = vec!["search", word, &path, "--json"];
    args.extend(extra);
    let out = qari(&args, cache);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut titles: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v["title"].as_str().expect("title").to_owned()
        })
        .collect();
    titles.sort();
    titles
}

fn story(dir: &Path, name: &str, title: &str, body: &str) {
    fs::write(dir.join(name), format!("{title}\n\n{body}\n")).expect("write");
}

/// Waits until the folders' change times are older than the window a walk distrusts.
fn settle() {
    std::thread::sleep(Duration::from_millis(2300));
}

#[test]
fn search_sees_new_removed_and_renamed_files_and_rewrites_after_a_full_look() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (news, cache) = (dir.path().join("news"), dir.path().join("cache"));
    for sub in ["a", "b"] {
        fs::create_dir_all(news.join(sub)).expect("mkdir");
    }
    story(&news.join("a"), "1.txt", "سد النهضة", "مفاوضات حول المياه");
    story(
        &news.join("a"),
        "2.txt",
        "ميناء جديد",
        "افتتاح الرصيف الجديد",
    );
    story(
        &news.join("b"),
        "3.txt",
        "أمطار غزيرة",
        "المياه تغمر الشوارع",
    );
    settle();
    // the first search walks every file and stamps the folders, now old enough to trust
    assert_eq!(
        titles("المياه", &news, &cache, &[]),
        ["أمطار غزيرة", "سد النهضة"]
    );
    assert!(
        fs::read_dir(cache.join("catalog"))
            .expect("catalog folder")
            .any(|e| e
                .expect("entry")
                .path()
                .extension()
                .is_some_and(|x| x == "dirs")),
        "a folder stamp beside the catalog"
    );

    // Rewritten in place (same folder, no new entry): the folders cannot tell. A search
    // trusts them; --rescan looks at every file; so does `list`, after which search knows.
    fs::write(
        news.join("b/3.txt"),
        "أمطار غزيرة\n\nالفيضان يغمر الشوارع\n",
    )
    .expect("rewrite");
    assert!(titles("الفيضان", &news, &cache, &[]).is_empty());
    assert_eq!(
        titles("الفيضان", &news, &cache, &["--rescan"]),
        ["أمطار غزيرة"]
    );
    assert_eq!(titles("المياه", &news, &cache, &[]), ["سد النهضة"]);

    // A new file: its folder changed.
    story(&news.join("a"), "4.txt", "محطة تحلية", "مياه الشرب");
    assert_eq!(
        titles("مياه", &news, &cache, &[]),
        ["سد النهضة", "محطة تحلية"]
    );
    // Its folder changed moments before that walk, so it is not trusted: a rewrite in place
    // in the same folder is still seen.
    fs::write(news.join("a/1.txt"), "سد النهضة\n\nالفيضان القادم\n").expect("rewrite");
    assert_eq!(
        titles("الفيضان", &news, &cache, &[]),
        ["أمطار غزيرة", "سد النهضة"]
    );
    // Removed, renamed, replaced by a folder.
    fs::remove_file(news.join("a/4.txt")).expect("rm");
    assert_eq!(titles("مياه", &news, &cache, &[]), Vec::<String>::new());
    fs::rename(news.join("a/2.txt"), news.join("b/2.txt")).expect("mv");
    assert_eq!(titles("الرصيف", &news, &cache, &[]), ["ميناء جديد"]);
    fs::remove_file(news.join("b/3.txt")).expect("rm");
    fs::create_dir(news.join("b/3.txt")).expect("mkdir");
    story(
        &news.join("b/3.txt"),
        "inner.txt",
        "داخل المجلد",
        "الفيضان في الداخل",
    );
    assert_eq!(
        titles("الفيضان", &news, &cache, &[]),
        ["داخل المجلد", "سد النهضة"]
    );
}

#[test]
fn a_list_after_a_rewrite_in_place_brings_search_up_to_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (news, cache) = (dir.path().join("news"), dir.path().join("cache"));
    fs::create_dir_all(&news).expect("mkdir");
    story(&news, "1.txt", "سد النهضة", "مفاوضات حول المياه");
    settle();
    assert_eq!(titles("المياه", &news, &cache, &[]), ["سد النهضة"]);
    fs::write(news.join("1.txt"), "سد النهضة\n\nالفيضان القادم\n").expect("rewrite");
    let path = news.to_string_lossy();
    let out = qari(&["list", "--count", &path], &cache);
    assert!(out.status.success());
    assert_eq!(titles("الفيضان", &news, &cache, &[]), ["سد النهضة"]);
    assert!(titles("المياه", &news, &cache, &[]).is_empty());
}
