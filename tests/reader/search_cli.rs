//! `qari search` and `qari related` as a user runs them: the real binary, a temporary cache.

use std::process::{Command, Output};

fn qari(args: &[&str], cache: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        .env("QARI_CACHE_DIR", cache)
        .output()
        .expect("qari runs")
}

#[test]
fn a_query_without_hits_prints_nothing_and_exits_1() {
    let cache = tempfile::tempdir().expect("temp dir");
    for args in [
        &["search", "زرافةالقطبالشمالي"][..],
        &["search", "zzqqxxnothing", "--json"],
        &["search", "\"\""],
    ] {
        let out = qari(args, cache.path());
        // as `grep`: nothing matched is status 1, and nothing is said (issue 11)
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "{args:?}");
        assert!(
            out.stdout.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn a_bad_story_id_is_an_error() {
    let cache = tempfile::tempdir().expect("temp dir");
    let out = qari(&["related", "not-an-id"], cache.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not-an-id"));
    let out = qari(&["related", "00000000000000ff"], cache.path());
    assert!(!out.status.success());
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// The bundled sample's stories as `(id, title)`, from `qari list --json`.
fn sample_stories(cache: &std::path::Path) -> Vec<(String, String)> {
    stdout(&qari(&["list", "--json"], cache))
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            (
                v["id"].as_str().expect("id").to_owned(),
                v["title"].as_str().expect("title").to_owned(),
            )
        })
        .collect()
}

#[test]
fn show_json_fills_similar_without_repeating_linked_stories() {
    let cache = tempfile::tempdir().expect("temp dir");
    let stories = sample_stories(cache.path());
    let mut any_similar = false;
    for (id, _) in &stories {
        let shown: serde_json::Value =
            serde_json::from_str(&stdout(&qari(&["show", id, "--json"], cache.path())))
                .expect("one JSON object");
        let ids = |key: &str| -> Vec<String> {
            shown["related"][key]
                .as_array()
                .expect("an array")
                .iter()
                .map(|v| v.as_str().expect("id").to_owned())
                .collect()
        };
        let similar = ids("similar");
        any_similar |= !similar.is_empty();
        assert!(!similar.contains(id), "a story is not similar to itself");
        for linked in ids("read_also").iter().chain(&ids("linked_from")) {
            assert!(
                !similar.contains(linked),
                "{id}: {linked} is linked, not 'similar'"
            );
        }
        // `related` prints the same stories, one a line.
        let related: Vec<String> = stdout(&qari(&["related", id], cache.path()))
            .lines()
            .map(|l| l.split('\t').next().unwrap_or("").to_owned())
            .collect();
        assert_eq!(
            related
                .iter()
                .take(similar.len())
                .cloned()
                .collect::<Vec<_>>(),
            similar
        );
    }
    assert!(
        any_similar,
        "the sample's water stories have similar stories"
    );
}

#[test]
fn screen_runs_a_search_typed_in_arabic() {
    let cache = tempfile::tempdir().expect("temp dir");
    let total = sample_stories(cache.path()).len();
    let screen = stdout(&qari(
        &["screen", "--size", "100x20", "--keys", "/المياه<Enter>"],
        cache.path(),
    ));
    let status = screen.lines().last().expect("a status line");
    let hits: usize = status
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("status starts with the hit count: {status:?}"));
    assert!(hits > 0 && hits < total, "{status}");
    assert!(status.contains(&format!("of {total} match")), "{status}");
    // Esc brings every story back.
    let screen = stdout(&qari(
        &[
            "screen",
            "--size",
            "100x20",
            "--keys",
            "/المياه<Enter><Esc>",
        ],
        cache.path(),
    ));
    let status = screen.lines().last().expect("a status line");
    assert!(status.contains(&format!("{total} stories")), "{status}");
}
