//! Every stored format in one mixed folder, through the binary: `list`, `show` and the
//! reader.

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/qari-core/tests/fixtures/formats")
        .join(name)
}

#[test]
fn list_show_and_the_reader_on_a_mixed_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("mix");
    std::fs::create_dir_all(&root).expect("mkdir");
    std::fs::copy(fixture("ar_news.html"), root.join("saved.html")).expect("copy");
    std::fs::copy(fixture("note_en.markdown"), root.join("note.md")).expect("copy");
    std::fs::copy(fixture("courier.rdf"), root.join("feed.rss")).expect("copy");
    std::fs::write(root.join("paper.pdf"), b"%PDF-1.4\n1 0 obj\n").expect("pdf");
    std::fs::write(root.join("photo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("png");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_qari"))
            .args(args)
            .env("QARI_CACHE_DIR", dir.path().join("cache"))
            .env("QARI_DATA_DIR", dir.path().join("data"))
            .output()
            .expect("qari runs")
    };
    let root_arg = root.to_str().expect("utf-8 path");
    for _ in 0..2 {
        // cold, then warm from the catalog: the same stories, the same one summary line
        let out = run(&["list", root_arg, "--json"]);
        assert!(out.status.success());
        let stderr = String::from_utf8(out.stderr).expect("utf-8");
        assert_eq!(stderr, "qari: 2 files skipped: not articles\n");
        let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
            .expect("utf-8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        let got: Vec<(&str, &str, &str, &str)> = rows
            .iter()
            .map(|r| {
                (
                    r["title"].as_str().unwrap_or(""),
                    r["source"].as_str().unwrap_or(""),
                    r["published"].as_str().unwrap_or(""),
                    r["direction"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Harbour town votes to keep its last ferry running",
                    "The Coastal Courier",
                    "2023-11-18T07:15:00-05:00",
                    "ltr"
                ),
                ("Notes from the ferry vote", "", "2023-11-18", "ltr"),
                (
                    "مزارعو الوادي يعودون إلى القمح بعد موسم الجفاف",
                    "صحيفة الوادي اليوم",
                    "2024-03-05T23:40:00+03:00",
                    "rtl"
                ),
            ]
        );
        let count = run(&["list", root_arg, "--count"]);
        assert_eq!(String::from_utf8_lossy(&count.stdout).trim(), "3");
        assert_eq!(
            String::from_utf8_lossy(&count.stderr),
            "qari: 2 files skipped: not articles\n"
        );
    }
    let id = {
        let out = run(&["list", root_arg, "--json"]);
        let first: serde_json::Value = serde_json::from_str(
            String::from_utf8(out.stdout)
                .expect("utf-8")
                .lines()
                .nth(2)
                .expect("three rows"),
        )
        .expect("json");
        first["id"].as_str().expect("id").to_owned()
    };
    let show = run(&["show", &id, root_arg]);
    let text = String::from_utf8(show.stdout).expect("utf-8");
    assert!(text.contains("عاد مئات المزارعين"), "{text}");
    assert!(!text.contains("الأكثر قراءة"), "{text}");
    let screen = run(&["screen", "--size", "100x20", root_arg]);
    assert!(screen.status.success());
    let screen = String::from_utf8(screen.stdout).expect("utf-8");
    assert!(screen.contains("Stories (3 · 3 unread)"), "{screen}");
}
