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
fn a_query_without_hits_prints_nothing_and_succeeds() {
    let cache = tempfile::tempdir().expect("temp dir");
    for args in [
        &["search", "زرافةالقطبالشمالي"][..],
        &["search", "zzqqxxnothing", "--json"],
        &["search", "\"\""],
    ] {
        let out = qari(args, cache.path());
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
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
