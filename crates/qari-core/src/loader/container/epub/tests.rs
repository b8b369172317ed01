//! EPUBs shaped like calibre's news issues and wallabag's exports, built here.

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::loader::container::parse_bytes;
use crate::loader::{Format, Parsed};
use crate::model::Direction;

/// A zip of `files`, `mimetype` first and stored, as the EPUB format requires.
pub(crate) fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in files {
        let options = if *name == "mimetype" {
            stored
        } else {
            deflated
        };
        zip.start_file(*name, options).expect("in memory");
        zip.write_all(bytes).expect("in memory");
    }
    zip.finish().expect("in memory").into_inner()
}

const CONTAINER: &[u8] = br#"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#;

const OPF: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" unique-identifier="uid" version="2.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:title>الرافد [Mon, 07 Dec 2026]</dc:title>
    <dc:creator opf:role="aut">calibre</dc:creator>
    <dc:date>2026-12-07T06:00:00+00:00</dc:date>
    <dc:language>ar</dc:language>
    <dc:identifier id="uid">calibre:1</dc:identifier>
  </metadata>
  <manifest>
    <item href="titlepage.xhtml" id="titlepage" media-type="application/xhtml+xml"/>
    <item href="index.html" id="idx" media-type="application/xhtml+xml"/>
    <item href="feed_0/index.html" id="feed0" media-type="application/xhtml+xml"/>
    <item href="feed_0/article_0/index.html" id="a0" media-type="application/xhtml+xml"/>
    <item href="feed_0/article_1/index.html" id="a1" media-type="application/xhtml+xml"/>
    <item href="masthead.jpg" id="masthead" media-type="image/jpeg"/>
    <item href="toc.ncx" id="ncx" media-type="application/x-dtbncx+xml"/>
  </manifest>
  <spine toc="ncx">
    <itemref idref="titlepage"/><itemref idref="idx"/><itemref idref="feed0"/>
    <itemref idref="a0"/><itemref idref="a1"/>
  </spine>
  <guide><reference href="titlepage.xhtml" title="Cover" type="cover"/></guide>
</package>"#;

fn navbar(up: &str) -> String {
    format!(
        "<div class=\"calibre_navbar\"><a href=\"../article_1/index.html\">Next</a> | \
         <a href=\"../index.html#article_0\">Section menu</a> | \
         <a href=\"{up}index.html#feed_0\">Main menu</a></div>"
    )
}

/// A calibre news issue: title page, masthead and main menu, a section index, an Arabic and
/// an English article (the English one with a date of its own).
pub(crate) fn calibre() -> Vec<u8> {
    let index = "<html><body><img src=\"masthead.jpg\"/><h1>الرافد</h1><ul>\
        <li><a href=\"feed_0/index.html\">أخبار المياه</a></li>\
        <li><a href=\"feed_0/article_0/index.html\">قمة المياه في عمّان</a></li></ul></body></html>";
    let section = "<html><body><h2>أخبار المياه</h2><ul>\
        <li><a href=\"article_0/index.html\">قمة المياه في عمّان</a>\
        <div class=\"article_description\">اختتم وزراء المياه اجتماعهم</div></li>\
        <li><a href=\"article_1/index.html\">Drought in the south</a>\
        <div class=\"article_description\">Farmers wait for rain</div></li></ul></body></html>";
    let arabic = format!(
        "<?xml version='1.0' encoding='utf-8'?><html xmlns=\"http://www.w3.org/1999/xhtml\">\
         <head><title>قمة المياه العربية في عمّان</title></head><body>{}\
         <h1>قمة المياه العربية في عمّان</h1><p>اختتم وزراء المياه والزراعة العرب اجتماعهم في عمّان \
         أمس بإقرار خطة مشتركة لترشيد استهلاك المياه.</p><p>وقالت رئيسة الجلسة الختامية إن الخطة \
         تبدأ العام المقبل في ثلاث دول.</p>{}</body></html>",
        navbar("../../"),
        navbar("../../")
    );
    let english = format!(
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Drought in the south</title>\
         <meta property=\"article:published_time\" content=\"2026-12-06T18:30:00Z\"/></head>\
         <body>{}<h1>Drought in the south</h1><p>Farmers in the south wait for rain after the \
         driest autumn in forty years, and the wells are running low.</p><p>The ministry \
         promised tankers for the villages.</p></body></html>",
        navbar("../../")
    );
    let opf = OPF.to_owned();
    zip(&[
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", CONTAINER),
        ("content.opf", opf.as_bytes()),
        (
            "titlepage.xhtml",
            b"<html><body><img src=\"cover.jpg\"/></body></html>",
        ),
        ("index.html", index.as_bytes()),
        ("feed_0/index.html", section.as_bytes()),
        ("feed_0/article_0/index.html", arabic.as_bytes()),
        ("feed_0/article_1/index.html", english.as_bytes()),
        ("masthead.jpg", b"\xff\xd8\xff"),
        ("toc.ncx", b"<ncx/>"),
    ])
}

fn parse(bytes: &[u8]) -> Parsed {
    parse_bytes(Path::new("issue.epub"), Format::Epub, bytes, None)
}

#[test]
fn calibre_news_articles_are_the_stories() {
    let parsed = parse(&calibre());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let titles: Vec<&str> = parsed
        .stories
        .iter()
        .map(|s| s.meta.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["قمة المياه العربية في عمّان", "Drought in the south"]
    );
    let (ar, en) = (&parsed.stories[0].meta, &parsed.stories[1].meta);
    assert_eq!((ar.origin.position, en.origin.position), (0, 1));
    assert_eq!(ar.source.as_deref(), Some("الرافد"));
    assert_eq!(en.source.as_deref(), Some("الرافد"));
    assert_eq!(ar.published.map(|d| d.day()).as_deref(), Some("2026-12-07"));
    assert_eq!(en.published.map(|d| d.day()).as_deref(), Some("2026-12-06"));
    assert_eq!((ar.lang.as_str(), ar.direction), ("ar", Direction::Rtl));
    assert_eq!((en.lang.as_str(), en.direction), ("en", Direction::Ltr));
    assert!(
        !parsed.stories[0]
            .paragraphs
            .iter()
            .any(|p| p.contains("Main menu"))
    );
}

#[test]
fn wallabag_title_page_then_chapters() {
    let opf = r#"<package xmlns="http://www.idpf.org/2007/opf" version="3.0" dir="rtl">
      <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>wallabag articles</dc:title>
      <dc:language>fa</dc:language></metadata>
      <manifest><item id="t" href="OEBPS/title.xhtml" media-type="application/xhtml+xml"/>
      <item id="c1" href="OEBPS/c1.xhtml" media-type="application/xhtml+xml"/>
      <item id="toc" href="OEBPS/nav.xhtml" media-type="application/xhtml+xml" properties="nav"/></manifest>
      <spine><itemref idref="t"/><itemref idref="c1"/><itemref idref="toc"/></spine></package>"#;
    let chapter = "<html><head><title>بارش در تهران</title></head><body><h1>بارش در تهران</h1>\
        <p>باران شدید دیروز خیابان‌های تهران را فرا گرفت و گروه‌های امداد در محل حاضر شدند.</p>\
        </body></html>";
    let book = zip(&[
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", CONTAINER),
        ("content.opf", opf.as_bytes()),
        ("OEBPS/title.xhtml", b"<html><body><h1>wallabag articles</h1><p>Some articles saved on wallabag</p></body></html>"),
        ("OEBPS/c1.xhtml", chapter.as_bytes()),
        ("OEBPS/nav.xhtml", b"<html><body><nav><a href=\"c1.xhtml\">x</a></nav></body></html>"),
    ]);
    let parsed = parse(&book);
    let titles: Vec<&str> = parsed
        .stories
        .iter()
        .map(|s| s.meta.title.as_str())
        .collect();
    assert_eq!(titles, ["بارش در تهران"]);
    assert_eq!(parsed.stories[0].meta.lang, "fa");
    assert_eq!(parsed.stories[0].meta.direction, Direction::Rtl);
}

#[test]
fn a_zip_that_is_not_an_epub_says_so() {
    let parsed = parse(&zip(&[("notes.txt", b"hello")]));
    assert!(parsed.stories.is_empty());
    assert!(
        parsed.errors[0]
            .reason()
            .contains("EPUB: not an EPUB: META-INF/container.xml is missing"),
        "{}",
        parsed.errors[0]
    );
    let parsed = parse(b"PK\x03\x04 cut");
    assert!(
        parsed.errors[0].reason().contains("not a zip"),
        "{}",
        parsed.errors[0]
    );
    let book = calibre();
    for cut in (0..book.len()).step_by(97) {
        let _ = parse(&book[..cut]);
    }
}
