//! Stored articles are untrusted: whatever the bytes, the loader must not panic, and what it
//! returns must keep the model's invariants. Property tests over arbitrary bytes and over text
//! built from the characters the parser reacts to (markers, labels, bullets, NBSP, digits).
//! `PROPTEST_CASES=5000 cargo test --test loader_robust` searches harder.

use std::path::Path;

use proptest::prelude::*;
use qari_core::library::Library;
use qari_core::loader::{date, parse_file};
use qari_core::normalize::fold;

/// Pieces that steer the text parser into its branches.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\u{00A0}\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("اقرأ أيضًا".to_owned()),
        Just("اقرأ أيضا: ".to_owned()),
        Just("Read also".to_owned()),
        Just("..".to_owned()),
        Just("- ".to_owned()),
        Just("• ".to_owned()),
        Just("نشر".to_owned()),
        Just("نشر في ".to_owned()),
        Just("رئيس مجلس الإدارة".to_owned()),
        Just("بقلم: ".to_owned()),
        Just("١٨ أيلول ٢٠٢٢ ".to_owned()),
        Just("2022-09-18T10:30".to_owned()),
        Just("https://x.test/a ".to_owned()),
        Just(":".to_owned()),
        "[ا-ي ]{0,12}".prop_map(|s| s),
        "[a-z0-9 ]{0,8}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

fn check_invariants(stories: &[qari_core::model::Story]) {
    for s in stories {
        assert!(!s.meta.title.trim().is_empty());
        assert!(
            !s.meta.title.chars().any(char::is_control),
            "{:?}",
            s.meta.title
        );
        assert!(
            s.paragraphs
                .iter()
                .flat_map(|p| p.chars())
                .all(|c| !c.is_control())
        );
        assert_eq!(s.meta.paragraph_count, s.paragraphs.len());
        for p in &s.paragraphs {
            assert!(!p.trim().is_empty());
            assert!(!p.contains('\n') && !p.contains('\r'));
        }
        assert!(!s.meta.lang.is_empty());
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        for name in ["x.txt", "x.json", "x.jsonl"] {
            let parsed = parse_file(Path::new(name), &bytes);
            check_invariants(&parsed.stories);
            prop_assert!(parsed.stories.len() + parsed.errors.len() > 0 || name != "x.txt");
        }
    }

    #[test]
    fn generated_pages_keep_invariants(text in page()) {
        let parsed = parse_file(Path::new("p.txt"), text.as_bytes());
        check_invariants(&parsed.stories);
        // every embedded story is linked from the main one
        if parsed.stories.len() > 1 {
            let main = &parsed.stories[0];
            for s in &parsed.stories[1..] {
                prop_assert!(main.meta.links.iter().any(|l| l.target == Some(s.meta.id)));
            }
        }
        // and the library accepts whatever the parser gave
        let lib = Library::from_stories(parsed.stories);
        for s in lib.stories() {
            prop_assert_eq!(lib.get(s.id).map(|x| &x.title), Some(&s.title));
        }
    }

    #[test]
    fn generated_json_records_keep_invariants(
        records in prop::collection::vec((page(), prop::collection::vec(page(), 0..4), prop::collection::vec(page(), 0..3)), 0..6)
    ) {
        let array: Vec<serde_json::Value> = records
            .iter()
            .map(|(title, body, related)| serde_json::json!({"title": title, "body": body, "related": related}))
            .collect();
        let text = serde_json::to_string(&array).expect("serialises");
        let parsed = parse_file(Path::new("x.json"), text.as_bytes());
        check_invariants(&parsed.stories);
        prop_assert_eq!(parsed.stories.len() + parsed.errors.len(), records.len());
        let lib = Library::from_stories(parsed.stories);
        for s in lib.stories() {
            for l in &s.links {
                if let Some(t) = l.target {
                    prop_assert!(lib.get(t).is_some());
                    prop_assert!(lib.linked_from(t).contains(&s.id));
                }
            }
        }
    }

    #[test]
    fn dates_are_valid_or_absent(text in page()) {
        if let Some(d) = date::parse(&text) {
            prop_assert!((1..=12).contains(&d.month) && (1..=31).contains(&d.day));
            let iso = d.to_string();
            prop_assert!(iso.len() >= 10);
        }
    }

    #[test]
    fn fold_is_idempotent(text in page()) {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
    }
}

#[test]
fn markup_nested_absurdly_deep_is_refused_before_parsing_and_the_rest_loads() {
    let deep = format!(
        "<html><head><title>Deep</title></head><body>{}<p>text</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let parsed = parse_file(Path::new("deep.html"), deep.as_bytes());
    assert!(parsed.stories.is_empty());
    assert_eq!(parsed.errors.len(), 1);
    assert!(
        parsed.errors[0].reason().contains("nests more than"),
        "{:?}",
        parsed.errors
    );
    assert!(parsed.errors[0].path.ends_with("deep.html"));
    // The same depth inside a feed item's HTML: the item loads, its text without the tags.
    let feed = format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{{"id":"1","title":"عنوان","content_html":"{}نص الخبر{}"}}]}}"#,
        "<b>".repeat(5_000),
        "</b>".repeat(5_000)
    );
    let parsed = parse_file(Path::new("deep.json"), feed.as_bytes());
    assert_eq!(parsed.stories.len(), 1, "{:?}", parsed.errors);
    assert_eq!(parsed.stories[0].paragraphs, vec!["نص الخبر".to_owned()]);
    // A folder with it and a good page: the good page loads.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.html"), &deep).expect("write");
    std::fs::write(
        dir.path().join("b.txt"),
        "عنوان سليم\n\nنشر في 3 مارس 2024\n\nنص سليم.\n",
    )
    .expect("write");
    let (lib, errors) = Library::load(&[dir.path().to_path_buf()]);
    assert_eq!(lib.len(), 1);
    assert_eq!(errors.len(), 1);
}
