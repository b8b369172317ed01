//! The seed page (`../shared/seeds`, two stories) searched end to end with the real binary:
//! `بوتين` finds both stories, `الأسلحة النووية` only the embedded second one, in any of
//! its spellings, and `related` relates the two only through similarity when not linked.

use std::path::Path;
use std::process::Command;

use crate::util;

fn search(seeds: &Path, query: &str, cache: &Path) -> Vec<serde_json::Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_qari"))
        .arg("search")
        .arg(query)
        .arg(seeds)
        .arg("--json")
        .env("QARI_CACHE_DIR", cache)
        .output()
        .expect("qari runs");
    // 0 with hits, 1 without (the exit-status rule of every subcommand)
    let want = i32::from(out.stdout.is_empty());
    assert_eq!(
        out.status.code(),
        Some(want),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

fn titles(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["title"].as_str().expect("title").to_owned())
        .collect()
}

#[test]
fn putin_finds_both_stories_weapons_only_the_second() {
    let Some(seeds) = util::seeds() else {
        return;
    };
    let cache = tempfile::tempdir().expect("temp dir");
    let putin = search(&seeds, "بوتين", cache.path());
    assert_eq!(putin.len(), 2, "{putin:?}");
    for hit in &putin {
        assert!(hit["id"].as_str().is_some_and(|id| id.len() == 16));
        assert!(hit["score"].as_f64().is_some_and(|s| s > 0.0));
        assert!(
            hit["snippet"].as_str().is_some_and(|s| s.contains("بوتين")),
            "{hit}"
        );
    }

    // The second run reuses the index written by the first.
    for query in [
        "الأسلحة النووية",
        "الاسلحه النوويه",
        "\"الأسلحة النووية\"",
        "أسلحة نووية",
    ] {
        let weapons = search(&seeds, query, cache.path());
        assert_eq!(weapons.len(), 1, "{query}: {weapons:?}");
        assert!(
            titles(&weapons)[0].starts_with("بايدن يحذر بوتين"),
            "{query}"
        );
    }
    // `للكرملين` in the first story, found by the bare word.
    let kremlin = search(&seeds, "كرملين", cache.path());
    assert_eq!(kremlin.len(), 1);
    assert!(titles(&kremlin)[0].starts_with("بوتين يدعو"));
    assert!(search(&seeds, "بوتين -أوكرانيا", cache.path()).len() == 1);
    assert!(search(&seeds, "زرافة", cache.path()).is_empty());
}

#[test]
fn the_two_seed_stories_are_linked_so_neither_is_offered_as_similar() {
    let Some(seeds) = util::seeds() else {
        return;
    };
    let cache = tempfile::tempdir().expect("temp dir");
    for hit in search(&seeds, "بوتين", cache.path()) {
        let id = hit["id"].as_str().expect("id");
        let out = Command::new(env!("CARGO_BIN_EXE_qari"))
            .args(["related", id])
            .arg(&seeds)
            .arg("--json")
            .env("QARI_CACHE_DIR", cache.path())
            .output()
            .expect("qari runs");
        // nothing similar to show: status 1, nothing printed
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}
