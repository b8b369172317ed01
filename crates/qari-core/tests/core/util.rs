//! What the core's tests share: whether a test may skip without something from outside the
//! project (GNU `FriBidi`).
//!
//! A plain `git clone` then `cargo test` must pass on a machine without them, so such a test
//! prints one line and passes. CI installs everything and sets `QARI_REQUIRE_FRIBIDI`,
//! `QARI_REQUIRE_TMUX` and `QARI_REQUIRE_SEED`: there a missing piece fails the test instead of
//! skipping it silently.

#![allow(dead_code)]

use std::path::PathBuf;

/// `true` when the thing is there. When it is not, fails if `QARI_REQUIRE_<what>` is set and
/// otherwise prints `skipped: …` once and returns `false`.
pub fn available(what: &str, present: bool, why: &str) -> bool {
    if present {
        return true;
    }
    let var = format!("QARI_REQUIRE_{what}");
    assert!(std::env::var_os(&var).is_none(), "{var} is set, but {why}");
    eprintln!("skipped: {why} (set {var}=1 to make this a failure)");
    false
}

/// The user's seed article folder beside the checkout, when it is there (`QARI_REQUIRE_SEED`
/// makes its absence a failure).
pub fn seeds() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    available(
        "SEED",
        dir.is_dir(),
        "../shared/seeds is not beside the checkout",
    )
    .then_some(dir)
}

/// A vendored, zstd-compressed Unicode test file, as text (decoded in Rust: no C build).
pub fn unzstd(path: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut text = String::new();
    ruzstd::decoding::StreamingDecoder::new(file)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    text
}
