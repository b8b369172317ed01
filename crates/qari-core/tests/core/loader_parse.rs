//! Parser fixtures: every stored layout the loader reads, fed as bytes through
//! `loader::parse_file` (no disk walk), with the expected stories checked field by field.

use std::fs;
use std::path::{Path, PathBuf};

use qari_core::loader::{LoadError, parse_file};
use qari_core::model::{Direction, LinkKind, Story};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/loader")
        .join(rel)
}

fn parse(rel: &str) -> (Vec<Story>, Vec<LoadError>) {
    let path = fixture(rel);
    let bytes = fs::read(&path).expect("fixture exists");
    let parsed = parse_file(&path, &bytes);
    (parsed.stories, parsed.errors)
}

fn labels(story: &Story) -> Vec<(&str, LinkKind)> {
    story
        .meta
        .links
        .iter()
        .map(|l| (l.label.as_str(), l.kind))
        .collect()
}

#[test]
fn scraped_page_with_masthead_label_and_embedded_story() {
    let (stories, errors) = parse("pages/embedded.txt");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(stories.len(), 2);
    let (main, emb) = (&stories[0], &stories[1]);
    assert_eq!(
        main.meta.title,
        "افتتاح معرض الكتاب الدولي في الشارقة بمشاركة 1500 دار نشر"
    );
    assert_eq!(main.meta.source.as_deref(), Some("صدى الخليج"));
    assert_eq!(
        main.meta.published.map(|p| p.to_string()).as_deref(),
        Some("2024-11-06T21:45:00")
    );
    assert_eq!(main.meta.paragraph_count, 3);
    assert_eq!(
        main.paragraphs[2],
        "ويستمر المعرض حتى السابع عشر من الشهر الجاري."
    );
    assert_eq!(
        (main.meta.lang.as_str(), main.meta.direction),
        ("ar", Direction::Rtl)
    );
    assert_eq!(main.meta.links.len(), 1);
    assert_eq!(main.meta.links[0].kind, LinkKind::Embedded);
    assert_eq!(main.meta.links[0].target, Some(emb.meta.id));
    assert_eq!(
        emb.meta.title,
        "جائزة جديدة للترجمة من العربية إلى اللغات الآسيوية"
    );
    assert_eq!(emb.paragraphs.len(), 3);
    assert_eq!(
        (main.meta.origin.position, emb.meta.origin.position),
        (0, 1)
    );
    // the masthead never becomes text
    assert!(
        stories
            .iter()
            .flat_map(|s| &s.paragraphs)
            .all(|p| !p.contains("نبيل"))
    );
}

#[test]
fn every_marker_variant_opens_an_embedded_story() {
    let mut seen = 0;
    for entry in fs::read_dir(fixture("markers")).expect("markers dir") {
        let path = entry.expect("entry").path();
        let bytes = fs::read(&path).expect("read");
        let parsed = parse_file(&path, &bytes);
        let marker = fs::read_to_string(&path).expect("utf-8");
        let marker = marker.lines().nth(4).unwrap_or_default().to_owned();
        assert_eq!(parsed.stories.len(), 2, "{marker}");
        assert_eq!(
            parsed.stories[0].paragraphs,
            ["فقرة في الخبر الرئيسي."],
            "{marker}"
        );
        assert!(
            parsed.stories[1].meta.title.starts_with("خبر مضمن"),
            "{marker}"
        );
        assert_eq!(parsed.stories[1].paragraphs.len(), 2, "{marker}");
        assert_eq!(
            parsed.stories[0].meta.links[0].kind,
            LinkKind::Embedded,
            "{marker}"
        );
        seen += 1;
    }
    assert_eq!(seen, 17);
}

#[test]
fn inline_links_bullets_and_urls() {
    let (stories, _) = parse("pages/inline-and-bullets.txt");
    assert_eq!(stories.len(), 1);
    let s = &stories[0];
    assert_eq!(s.meta.source.as_deref(), Some("Regional Desk"));
    assert_eq!(
        s.meta.published.map(|p| p.to_string()).as_deref(),
        Some("2024-03-03T16:05:00")
    );
    assert_eq!(s.meta.paragraph_count, 3);
    assert_eq!(
        (s.meta.lang.as_str(), s.meta.direction),
        ("en", Direction::Ltr)
    );
    assert_eq!(
        labels(s),
        vec![
            ("Bus fares rise in the capital", LinkKind::Inline),
            (
                "افتتاح معرض الكتاب الدولي في الشارقة بمشاركة 1500 دار نشر",
                LinkKind::Inline
            ),
            // named again in the bullet list: still one link, where it was first named
            // (issue 11)
            ("Airport expansion approved", LinkKind::ReadAlso),
        ]
    );
    assert_eq!(s.meta.links[0].after_paragraph, Some(0));
    assert_eq!(s.meta.links[1].after_paragraph, Some(1));
    assert_eq!(
        s.meta.links[2].url.as_deref(),
        Some("https://example.org/airport")
    );
    // a URL inside a paragraph is text, not a link
    assert!(s.paragraphs[2].contains("(https://example.org/tickets)"));
}

#[test]
fn hebrew_page_with_crlf_and_bom() {
    let raw = fs::read(fixture("pages/hebrew-crlf-bom.txt")).expect("read");
    assert!(raw.starts_with(&[0xEF, 0xBB, 0xBF]) && raw.windows(2).any(|w| w == b"\r\n"));
    let (stories, errors) = parse("pages/hebrew-crlf-bom.txt");
    assert!(errors.is_empty());
    let s = &stories[0];
    assert_eq!(s.meta.title, "נפתחה תערוכת צילום על חיי הדייגים בעכו");
    assert_eq!(s.meta.source.as_deref(), Some("חדשות הגליל"));
    assert_eq!(
        s.meta.published.map(|p| p.to_string()).as_deref(),
        Some("2025-01-12T10:30:00")
    );
    assert_eq!(
        (s.meta.lang.as_str(), s.meta.direction),
        ("he", Direction::Rtl)
    );
    assert_eq!(s.paragraphs.len(), 2);
    assert!(s.paragraphs.iter().all(|p| !p.contains('\r')));
    assert_eq!(
        labels(s),
        vec![("הנמל העתיק ייסגר לשיפוץ", LinkKind::ReadAlso)]
    );
}

#[test]
fn persian_page_with_persian_digits() {
    let (stories, _) = parse("pages/persian.txt");
    let s = &stories[0];
    assert_eq!(s.meta.lang, "fa");
    assert_eq!(s.meta.source.as_deref(), Some("خبرگزاری پارس‌نو"));
    assert_eq!(
        s.meta.published.map(|p| p.to_string()).as_deref(),
        Some("2025-01-15")
    );
    assert_eq!(
        labels(s),
        vec![("بازار صنایع دستی در اصفهان رونق گرفت", LinkKind::ReadAlso)]
    );
}

#[test]
fn plain_text_is_title_then_paragraphs() {
    let (stories, _) = parse("pages/plain.txt");
    assert_eq!(stories.len(), 1);
    assert_eq!(
        stories[0].meta.title,
        "A plain note without any page furniture"
    );
    assert_eq!(
        stories[0].paragraphs,
        [
            "Its second line belongs to the first paragraph.",
            "Second paragraph."
        ]
    );
    assert_eq!(stories[0].meta.source, None);
    assert_eq!(stories[0].meta.published, None);
}

#[test]
fn json_array_skips_bad_records_and_keeps_the_rest() {
    let (stories, errors) = parse("json/array.json");
    let titles: Vec<_> = stories.iter().map(|s| s.meta.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Ports reopen after the storm",
            "Storm closes ports for two days"
        ]
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].reason().starts_with("record 2: no title"),
        "{errors:?}"
    );
    assert_eq!(errors[1].reason(), "record 4: not an object");
    assert!(errors.iter().all(|e| e.path.ends_with("json/array.json")));
    let ports = &stories[0];
    assert_eq!(ports.paragraphs, ["First paragraph.", "Second paragraph."]);
    assert_eq!(ports.meta.url.as_deref(), Some("https://example.org/ports"));
    assert_eq!(
        ports.meta.published.map(|p| p.to_string()).as_deref(),
        Some("2025-02-01T06:00:00Z")
    );
    assert_eq!(stories[1].meta.lang, "en-GB");
    assert_eq!(stories[1].meta.origin.position, 2);
}

#[test]
fn json_lines_with_a_bad_line() {
    let (stories, errors) = parse("json/lines.jsonl");
    assert_eq!(stories.len(), 2);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].reason().starts_with("line 2:"), "{errors:?}");
    assert_eq!(
        stories[0].meta.published.map(|p| p.to_string()).as_deref(),
        Some("2025-01-01")
    );
    // `dir` overrides the direction the text would give
    assert_eq!(stories[1].meta.direction, Direction::Ltr);
    assert_eq!(stories[1].meta.lang, "ar");
}

#[test]
fn json_single_object_with_overrides() {
    let (stories, errors) = parse("json/object.json");
    assert!(errors.is_empty());
    assert_eq!(stories[0].meta.direction, Direction::Ltr);
    assert_eq!(stories[0].paragraphs, ["نص."]);
}

// The legacy Arabic code pages have no Arabic-Indic digits: such pages write Latin ones.
const ARABIC_PAGE: &str = "انطلاق موسم قطف الزيتون في الضفة\n\nنشر في 10 تشرين الأول 2024\nوكالة الريف\n\n\
    بدأ المزارعون قطف الزيتون هذا الأسبوع وسط توقعات بموسم متوسط الإنتاج بعد صيف حار وجاف.\n\n\
    وقال رئيس الجمعية التعاونية إن سعر تنكة الزيت قد يرتفع بسبب قلة المحصول في القرى الشمالية.\n";

#[test]
fn windows_1256_page() {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(ARABIC_PAGE);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture really is legacy bytes"
    );
    let parsed = parse_file(Path::new("olive.txt"), &bytes);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let s = &parsed.stories[0];
    assert_eq!(s.meta.title, "انطلاق موسم قطف الزيتون في الضفة");
    assert_eq!(s.meta.source.as_deref(), Some("وكالة الريف"));
    assert_eq!(
        s.meta.published.map(|p| p.to_string()).as_deref(),
        Some("2024-10-10")
    );
    assert_eq!(s.paragraphs.len(), 2);
}

#[test]
fn iso_8859_6_page() {
    let (bytes, _, unmappable) = encoding_rs::ISO_8859_6.encode(ARABIC_PAGE);
    assert!(!unmappable);
    let parsed = parse_file(Path::new("olive.txt"), &bytes);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(
        parsed.stories[0].meta.title,
        "انطلاق موسم قطف الزيتون في الضفة"
    );
    assert_eq!(parsed.stories[0].paragraphs.len(), 2);
}

const HEBREW_PAGE: &str = "עיריית באר שבע תשתול אלף עצים בשכונות החדשות\n\nפורסם: 3.11.2024\nקול הנגב\n\n\
    העירייה הודיעה כי השתילה תחל בחודש הבא ותימשך עד סוף החורף, בשיתוף בתי הספר בעיר.\n\n\
    לדברי מהנדס העיר, העצים ייבחרו לפי עמידותם לחום ולמחסור במים.\n";

#[test]
fn iso_8859_8_and_windows_1255_pages() {
    for encoding in [encoding_rs::ISO_8859_8, encoding_rs::WINDOWS_1255] {
        let (bytes, _, unmappable) = encoding.encode(HEBREW_PAGE);
        assert!(!unmappable);
        let parsed = parse_file(Path::new("trees.txt"), &bytes);
        assert!(
            parsed.errors.is_empty(),
            "{}: {:?}",
            encoding.name(),
            parsed.errors
        );
        let s = &parsed.stories[0];
        assert_eq!(
            s.meta.title,
            "עיריית באר שבע תשתול אלף עצים בשכונות החדשות",
            "{}",
            encoding.name()
        );
        assert_eq!(
            s.meta.published.map(|p| p.to_string()).as_deref(),
            Some("2024-11-03")
        );
        assert_eq!(s.meta.lang, "he");
    }
}

#[test]
fn utf16_with_bom_page() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in HEBREW_PAGE.replace('\n', "\r\n").encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let parsed = parse_file(Path::new("trees.txt"), &bytes);
    assert!(parsed.errors.is_empty());
    assert_eq!(parsed.stories[0].meta.source.as_deref(), Some("קול הנגב"));
    assert_eq!(parsed.stories[0].paragraphs.len(), 2);
}

#[test]
fn junk_and_empty_files_are_reported_not_loaded() {
    let (stories, errors) = parse("archive/junk.txt");
    assert!(stories.is_empty());
    assert_eq!(errors.len(), 1);
    // recognised by its first bytes (issue 10): the message says what it is
    assert!(errors[0].reason().contains("PNG image"), "{errors:?}");
    let (stories, errors) = parse("archive/empty.txt");
    assert!(stories.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].reason().contains("no title"), "{errors:?}");
}

#[test]
fn parsing_is_pure_and_ids_are_stable() {
    let path = fixture("pages/embedded.txt");
    let bytes = fs::read(&path).expect("read");
    let a = parse_file(&path, &bytes);
    let b = parse_file(&path, &bytes);
    assert_eq!(a.stories, b.stories);
    // Pinned: ids are xxh3 of the folded title, so they must not change between releases.
    let ids: Vec<String> = a.stories.iter().map(|s| s.meta.id.to_string()).collect();
    let expected: Vec<String> = a
        .stories
        .iter()
        .map(|s| {
            let folded = qari_core::normalize::fold(&s.meta.title);
            format!("{:016x}", xxhash_rust::xxh3::xxh3_64(folded.as_bytes()))
        })
        .collect();
    assert_eq!(ids, expected);
}

#[test]
fn json_language_and_urls_never_carry_control_characters() {
    let record = "{\"title\": \"عنوان\", \"body\": \"نص.\", \
        \"lang\": \"\\u001b]52;c;cHduZWQ=\\u0007\", \
        \"url\": \"https://example.org/\\u001b[31mx\", \
        \"related\": [{\"title\": \"آخر\", \"url\": \"https://example.org/\\u0007y\"}]}\n\
        {\"title\": \"Title\", \"body\": \"Text.\", \"lang\": \"fa-IR\"}\n";
    let parsed = qari_core::loader::parse_file(Path::new("hostile.jsonl"), record.as_bytes());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let [hostile, fine] = parsed.stories.as_slice() else {
        panic!("two stories expected, got {}", parsed.stories.len());
    };
    // Not a language tag: replaced by the detected language.
    assert_eq!(hostile.meta.lang, "ar");
    // The escape sequence goes whole, not just its ESC byte.
    assert_eq!(hostile.meta.url.as_deref(), Some("https://example.org/x"));
    assert_eq!(
        hostile.meta.links[0].url.as_deref(),
        Some("https://example.org/y")
    );
    // A real tag is kept as written.
    assert_eq!(fine.meta.lang, "fa-IR");
}
