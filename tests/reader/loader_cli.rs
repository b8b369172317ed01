//! `qari list` and `qari show` as a user (and CI) runs them: the JSON fields, the counts, the
//! seed article, and one stderr line per bad file.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::util;

/// The binary, with its index and marks kept in the test's own temporary folder: `show --json`
/// builds a search index for `related.similar`, and tests must not write into the real home.
fn qari_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qari"));
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("loader_cli-{}", std::process::id()));
    cmd.env("QARI_CACHE_DIR", &dir).env("QARI_DATA_DIR", &dir);
    cmd
}

fn qari(args: &[&str]) -> Output {
    qari_command()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("qari runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

fn fixture(rel: &str) -> String {
    Path::new("crates/qari-core/tests/fixtures/loader")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn seed_loads_as_its_two_stories() {
    let Some(seeds) = util::seeds() else {
        return;
    };
    let out = qari(&["list", &seeds.to_string_lossy(), "--json"]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 2);
    let (main, emb) = (&rows[0], &rows[1]);
    assert_eq!(
        main["title"],
        "بوتين يدعو إلى حل الأزمة الحدودية بين طاجيكستان وقرغيزستان دبلوماسيًا"
    );
    assert_eq!(main["source"], "الأمصار");
    assert_eq!(main["paragraphs"], 6);
    assert_eq!(main["direction"], "rtl");
    assert_eq!(main["lang"], "ar");
    assert_eq!(main["links"].as_array().map(Vec::len), Some(1));
    assert_eq!(main["links"][0]["target"], emb["id"]);
    assert_eq!(
        emb["title"],
        "بايدن يحذر بوتين من الأسلحة النووية أو الكيماوية في أوكرانيا"
    );
    assert_eq!(emb["paragraphs"], 7);
}

#[test]
fn list_json_has_exactly_the_documented_fields() {
    let out = qari(&["list", &fixture("archive"), "--json"]);
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(
            keys(row),
            [
                "author",
                "copies",
                "copy_of",
                "direction",
                "event",
                "id",
                "lang",
                "link_only",
                "links",
                "paragraphs",
                "path",
                "published",
                "read",
                "saved",
                "source",
                "starred",
                "tags",
                "thread",
                "title",
                "url"
            ]
        );
        for link in row["links"].as_array().expect("links") {
            assert_eq!(keys(link), ["label", "target", "url"]);
        }
        assert_eq!(row["id"].as_str().map(str::len), Some(16));
    }
    assert_eq!(rows[0]["title"], "Story A");
    assert_eq!(rows[0]["links"][0]["target"], rows[1]["id"]);
    assert_eq!(rows[0]["links"][1]["target"], Value::Null);
    assert!(rows[1]["path"].as_str().expect("path").ends_with("b.txt"));
}

#[test]
fn bad_files_give_one_stderr_line_each_and_the_rest_loads() {
    let out = qari(&["list", &fixture("archive"), "--count"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out).trim(), "2");
    let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
    let lines: Vec<&str> = stderr.lines().collect();
    // the two bad files, then one summary line for nested/picture.png (issue 10)
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].contains("empty.txt") && lines[0].contains("no title"),
        "{stderr}"
    );
    assert_eq!(lines[2], "qari: 1 file skipped: not an article", "{stderr}");
    assert!(
        lines[1].contains("junk.txt") && lines[1].contains("PNG image, not an article"),
        "{stderr}"
    );
}

#[test]
fn show_json_adds_body_and_related() {
    let list = json_lines(&qari(&["list", &fixture("archive"), "--json"]));
    let a = list[0]["id"].as_str().expect("id").to_owned();
    let b = list[1]["id"].as_str().expect("id").to_owned();
    let out = qari(&["show", &a, &fixture("archive"), "--json"]);
    assert!(out.status.success());
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 1);
    let s = &rows[0];
    assert_eq!(
        keys(s),
        [
            "author",
            "body",
            "copies",
            "copy_of",
            "direction",
            "event",
            "id",
            "lang",
            "link_only",
            "links",
            "paragraphs",
            "path",
            "published",
            "read",
            "related",
            "saved",
            "source",
            "starred",
            "tags",
            "thread",
            "title",
            "url"
        ]
    );
    assert_eq!(s["body"], serde_json::json!(["Body of A."]));
    assert_eq!(keys(&s["related"]), ["linked_from", "read_also", "similar"]);
    assert_eq!(s["related"]["read_also"], serde_json::json!([b]));
    assert_eq!(s["related"]["linked_from"], serde_json::json!([b]));
    // similar stories come from the search index: ids, never the story itself
    for id in s["related"]["similar"]
        .as_array()
        .expect("similar is an array")
    {
        assert_eq!(id.as_str().map(str::len), Some(16));
        assert_ne!(id.as_str(), Some(a.as_str()));
    }
}

#[test]
fn show_accepts_a_unique_prefix_and_rejects_unknown_ids() {
    let list = json_lines(&qari(&["list", &fixture("archive"), "--json"]));
    let a = list[0]["id"].as_str().expect("id");
    let out = qari(&["show", &a[..10], &fixture("archive")]);
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("Story A\n"));
    let out = qari(&["show", "0000000000000000", &fixture("archive")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no story with id"));
}

#[test]
fn no_path_opens_the_bundled_sample_from_any_folder() {
    let out = qari_command()
        .args(["list", "--count"])
        .current_dir(std::env::temp_dir())
        .output()
        .expect("qari runs");
    assert!(out.status.success());
    let n: usize = stdout(&out).trim().parse().expect("a number");
    assert!(n >= 12);
    assert!(out.stderr.is_empty());
}

#[test]
fn nothing_loaded_is_a_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = qari(&["list", &dir.path().to_string_lossy(), "--count"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).trim(), "0");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no stories"), "{stderr}");
    // a folder that is not there is a usage error, not an empty archive
    let out = qari(&[
        "list",
        "crates/qari-core/tests/fixtures/loader/no-such-folder",
        "--count",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn error_lines_are_sanitised() {
    let dir = tempfile::tempdir().expect("tempdir");
    // a file name carrying an escape sequence and a bidi override
    let name = "bad\u{1b}[31m\u{202e}.txt";
    std::fs::write(dir.path().join(name), [0u8, 1, 2, 3, 0, 0]).expect("write");
    let out = qari(&["list", &dir.path().to_string_lossy()]);
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    // the file's line, then that nothing loaded
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(
        stderr.lines().next().is_some_and(|l| l.contains("bad")),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}
