//! Solar Hijri and Hijri dates in every place the loader reads a date: the text layout's date
//! line and published label (fixtures in `tests/fixtures/loader/calendars/`), JSON, Markdown
//! front matter, a saved page's metadata and a feed. All the text is our own.

use std::fs;
use std::path::{Path, PathBuf};

use qari_core::loader::{Parsed, parse_file};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/loader/calendars")
        .join(rel)
}

fn parse_fixture(rel: &str) -> Parsed {
    let path = fixture(rel);
    let bytes = fs::read(&path).expect("fixture exists");
    parse_file(&path, &bytes)
}

/// The first story's date, as ISO 8601.
fn date_of(parsed: &Parsed) -> Option<String> {
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    parsed.stories[0].meta.published.map(|p| p.to_string())
}

#[test]
fn a_hijri_date_line_dates_the_story_and_is_no_paragraph() {
    let parsed = parse_fixture("hijri-date-line.txt");
    assert_eq!(date_of(&parsed).as_deref(), Some("2025-03-15"));
    let story = &parsed.stories[0];
    assert_eq!(story.meta.source.as_deref(), Some("منبر الساحل"));
    assert_eq!(story.paragraphs.len(), 2, "{:?}", story.paragraphs);
    assert!(story.paragraphs[0].starts_with("افتتح مساء أمس"));
}

#[test]
fn a_solar_hijri_date_line_dates_the_story_and_is_no_paragraph() {
    let parsed = parse_fixture("solar-date-line.txt");
    assert_eq!(date_of(&parsed).as_deref(), Some("2026-01-27"));
    let story = &parsed.stories[0];
    assert_eq!(story.meta.source.as_deref(), Some("خبرنامه کویر"));
    assert_eq!(story.paragraphs.len(), 2, "{:?}", story.paragraphs);
}

#[test]
fn a_numeric_solar_hijri_date_after_a_bare_label() {
    let parsed = parse_fixture("solar-label.txt");
    assert_eq!(date_of(&parsed).as_deref(), Some("2026-01-27"));
    assert_eq!(parsed.stories[0].paragraphs.len(), 1);
}

#[test]
fn a_year_before_1900_leaves_the_story_undated() {
    let parsed = parse_fixture("old-year.txt");
    assert_eq!(date_of(&parsed), None);
}

fn parse_text(name: &str, text: &str) -> Parsed {
    parse_file(Path::new(name), text.as_bytes())
}

#[test]
fn json_front_matter_pages_and_feeds_read_hijri_calendars() {
    let json = parse_text(
        "a.json",
        r#"{"title": "سدّ جديد على النهر", "published": "١٥ رمضان ١٤٤٦ هـ"}"#,
    );
    assert_eq!(date_of(&json).as_deref(), Some("2025-03-15"));

    let persian_json = parse_text(
        "b.jsonl",
        "{\"title\": \"بازار کتاب\", \"date\": \"۱۴۰۴/۱۱/۰۷\"}\n",
    );
    assert_eq!(date_of(&persian_json).as_deref(), Some("2026-01-27"));

    let note = parse_text(
        "c.md",
        "---\ntitle: یادداشت باران\ndate: ۱۴۰۴-۰۱-۰۱\n---\n\nباران بهاری زودتر رسید.\n",
    );
    assert_eq!(date_of(&note).as_deref(), Some("2025-03-21"));

    let page = parse_text(
        "d.html",
        "<html lang=\"fa\"><head><title>بازار کتاب</title>\
         <meta property=\"article:published_time\" content=\"1404-11-07T10:30:00+03:30\">\
         </head><body><article><h1>بازار کتاب</h1><p>نمایشگاه کتاب امسال بزرگ‌تر برگزار \
         شد و ناشران تازه‌ای آمدند.</p></article></body></html>",
    );
    assert_eq!(date_of(&page).as_deref(), Some("2026-01-27T10:30:00+03:30"));

    let feed = parse_text(
        "e.rss",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>خبرنامه</title>\
         <item><title>بازار کتاب</title><guid>k1</guid><pubDate>1404-11-07</pubDate>\
         <description>نمایشگاه کتاب برگزار شد.</description></item></channel></rss>",
    );
    assert_eq!(date_of(&feed).as_deref(), Some("2026-01-27"));
}
