//! Replays every input the fuzzers ever found a fault with (`crates/qari-core/tests/fixtures/fuzz/<target>/`,
//! copied there by `scripts/fuzz.sh`) through the fuzz targets' own invariants
//! (`fuzz/invariants.rs`), plus hostile inputs written by hand: pages full of escape
//! sequences, broken UTF-8, deep nesting, a megabyte on one line.

use crate::invariants;

use std::path::PathBuf;

/// The saved inputs of one target, in a stable order. Every target's folder must be there
/// (one without inputs yet holds only its README): a replay of nothing — the corpus moved, a
/// target renamed — fails instead of passing.
fn saved(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let dir = root.join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(d) => d.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => panic!("the fuzz target's corpus {}: {e}", dir.display()),
    };
    files.retain(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable fixture");
            (p, bytes)
        })
        .collect()
}

/// Hostile inputs every loader must survive, whatever its format.
fn hostile() -> Vec<Vec<u8>> {
    let arabic = "العراق يوقع اتفاقًا لتأهيل شبكات الري في البصرة";
    let mut broken = arabic.as_bytes().to_vec();
    broken.insert(7, 0xFF);
    broken.truncate(broken.len() - 1);
    vec![
        format!("\u{1b}[1m{arabic}\u{1b}[0m\n\n\u{1b}]0;pwned\u{7}نص \u{9b}2J الخبر\n")
            .into_bytes(),
        broken,
        format!("{}x{}", "\u{2067}".repeat(300), "\u{2069}".repeat(10)).into_bytes(),
        "{\"title\": \"\\u001b[31m\u{0627}\", \"body\": \"\\u0000\\u0085\\u2028\"}\n".into(),
        "[{\"title\": 1}, {\"title\": \"\"}, {\"title\": \"\\ud800\"}, null, [], \"x\"]".into(),
        "ب".repeat(400_000).into_bytes(),
        vec![b'\n'; 10_000],
        vec![0xD8; 1000],
        // markup: nesting far deeper than any page, unclosed everything, entity soup,
        // hostile addresses, a feed cut inside an item, a front matter that never ends
        format!("<html><body>{}<p>{arabic}", "<div>".repeat(3_000)).into_bytes(),
        format!("{}x", "<ul><li>".repeat(2_000)).into_bytes(),
        "<p>&#0; &#x110000; &#xD800; &amp;amp; &unknown; &#1575;&#x1b;[31m</p>".into(),
        "<a href=\"javascript:alert(1)\">x</a><a href=\"http://[::1\">y</a><a href=\"\u{1b}]8;;\">z</a>".into(),
        "<?xml version=\"1.0\"?><rss><channel><title>t</title><item><title>a</title></item><item><title>b".into(),
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"html\">&lt;script&gt;x</title>".into(),
        "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":1},null,{\"title\":[]}]}".into(),
        format!("---\ntitle: {arabic}\n{}", "- x\n".repeat(10_000)).into_bytes(),
        format!("{}\n", "> ".repeat(1_000)).into_bytes(),
        // read-later exports: odd flags, a slug that climbs, a CSV with an open quote, a zip
        // that is only its signature
        "[{\"is_archived\":\"x\",\"is_starred\":[],\"url\":7,\"title\":null,\"annotations\":{}}]".into(),
        "[{\"slug\":\"../../../etc/passwd\",\"url\":\"u\",\"savedAt\":1e400,\"labels\":[null,{}]}]".into(),
        "title,url,time_added,tags,status\n\"open,https://x.example,1,,unread\n".into(),
        "URL,Title,Selection,Folder,Timestamp,Tags\nhttps://x.example,t,,Starred,-99999999999999,\"[\"".into(),
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec(),
        b"PK\x05\x06\x00\x00\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00\x00".to_vec(),
    ]
}

#[test]
fn saved_and_hostile_inputs_keep_the_loader_invariants() {
    for (target, name) in [
        ("loader_text", "fuzz.txt"),
        ("loader_json", "fuzz.json"),
        ("loader_jsonl", "fuzz.jsonl"),
        ("loader_html", "fuzz.html"),
        ("loader_markdown", "fuzz.md"),
        ("loader_feed", "fuzz.xml"),
        ("loader_csv", "fuzz.csv"),
        ("loader_zip", "fuzz.zip"),
    ] {
        for (path, bytes) in saved(target) {
            eprintln!("{}", path.display());
            invariants::loader(name, &bytes);
        }
        for bytes in hostile() {
            invariants::loader(name, &bytes);
        }
    }
}

#[test]
fn saved_and_hostile_inputs_keep_the_layout_invariants() {
    for (path, bytes) in saved("layout") {
        eprintln!("{}", path.display());
        invariants::layout(&bytes);
    }
    for text in hostile() {
        for head in [[0u8, 0], [1, 0xFF], [20, 12], [80, 7], [255, 4]] {
            let mut input = head.to_vec();
            input.extend_from_slice(&text[..text.len().min(20_000)]);
            invariants::layout(&input);
        }
    }
}
