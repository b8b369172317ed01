//! The persisted catalog through the binary: `list --count` answered from it, two processes
//! on one archive, `kill -9` at any moment, and a full or read-only cache disk.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use crate::util;

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

fn qari(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        .env("QARI_CACHE_DIR", cache)
        .output()
        .expect("qari runs")
}

#[test]
fn list_count_is_answered_from_the_catalog_and_stays_right() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = archive(dir.path(), 12);
    let cache = dir.path().join("cache");
    let path = news.to_string_lossy().into_owned();
    for expected in ["12", "12"] {
        let out = qari(&["list", "--count", &path], &cache);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), expected);
    }
    write(&news, "zz.txt", &page("خبر إضافي", "نص."));
    let out = qari(&["list", "--count", &path], &cache);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "13");
    // A bad file is reported on every run, also when the count comes from the catalog.
    fs::write(news.join("bad.txt"), [0u8, 1, 2, 0]).expect("write");
    for _ in 0..2 {
        let out = qari(&["list", "--count", &path], &cache);
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "13");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("bad.txt") && err.contains("binary"), "{err}");
    }
}

#[test]
fn two_processes_on_one_archive_both_succeed_and_leave_a_good_catalog() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = archive(dir.path(), 400);
    let cache = dir.path().join("cache");
    let path = news.to_string_lossy().into_owned();
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_qari"))
            .args(["list", "--json", &path])
            .env("QARI_CACHE_DIR", &cache)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 400);
    }
    let out = qari(&["list", "--count", &path], &cache);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "400");
    assert!(
        out.stderr.is_empty(),
        "no rebuild note: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn kill_9_at_any_moment_leaves_a_usable_catalog() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = archive(dir.path(), 1500);
    let path = news.to_string_lossy().into_owned();
    for (round, delay_ms) in [5u64, 20, 40, 80, 150, 300].into_iter().enumerate() {
        let cache = dir.path().join(format!("cache{round}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_qari"))
            .args(["list", "--count", &path])
            .env("QARI_CACHE_DIR", &cache)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let out = qari(&["list", "--count", &path], &cache);
        assert!(out.status.success(), "after kill at {delay_ms} ms");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1500");
        assert!(
            out.stderr.is_empty(),
            "after kill at {delay_ms} ms: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // no temporary files left to pile up: at most the one of the killed run
        let leftovers = fs::read_dir(cache.join("catalog")).map_or(0, |d| {
            d.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(".qari-"))
                .count()
        });
        assert!(
            leftovers <= 1,
            "{leftovers} temporary files in the catalog folder"
        );
    }
}

/// A full and a read-only cache, each a tiny file system of its own: mounted inside a user
/// and mount namespace (`unshare -rm`, no root needed, nothing left mounted afterwards).
#[test]
fn a_full_or_read_only_cache_disk_means_working_from_memory() {
    let works = Command::new("unshare")
        .args(["-rm", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !util::available(
        "NAMESPACES",
        works,
        "unshare -rm (user namespaces) is not available",
    ) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let news = archive(dir.path(), 300);
    let mnt = dir.path().join("mnt");
    fs::create_dir(&mnt).expect("mkdir");
    for options in ["size=16k", "ro"] {
        let script = format!(
            "mount -t tmpfs -o {options} tmpfs '{m}' && QARI_CACHE_DIR='{m}' '{q}' list --count '{n}' \
             && QARI_CACHE_DIR='{m}' '{q}' list --count '{n}'",
            m = mnt.display(),
            q = env!("CARGO_BIN_EXE_qari"),
            n = news.display()
        );
        let out = Command::new("unshare")
            .args(["-rm", "sh", "-c", &script])
            .output()
            .expect("unshare runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{options}: {stderr}");
        assert_eq!(
            stdout.lines().collect::<Vec<_>>(),
            ["300", "300"],
            "{options}"
        );
        assert!(
            stderr.contains("cannot save the archive's catalog")
                && stderr.contains("working from memory"),
            "{options}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 2, "one note a run: {stderr}");
    }
}
