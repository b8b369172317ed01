//! Containers through `Library`: a folder holding an MHTML page (a fixture of our own, as
//! Chrome writes it), a gzip WARC, a WACZ and a calibre-shaped EPUB, built here the way
//! wget, Browsertrix and calibre build them; the stories load, bodies are read back, and a
//! broken container costs one error naming it.

use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use qari_core::library::Library;
use qari_core::model::Direction;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).expect("in memory");
    gz.finish().expect("in memory")
}

fn warc_record(kind: &str, url: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{url}{date}>\r\n\
         WARC-Date: {date}\r\nWARC-Target-URI: {url}\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn page(lang: &str, title: &str, text: &str) -> Vec<u8> {
    format!(
        "<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><article><h1>{title}</h1><p>{text}</p><p>{text}</p></article></body></html>"
    )
    .into_bytes()
}

fn response(url: &str, date: &str, body: &[u8]) -> Vec<u8> {
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    block.extend_from_slice(body);
    warc_record("response", url, date, &block)
}

/// A wget-style `.warc.gz`: one gzip member a record, a request before each response, an
/// image, and the same page captured twice.
fn crawl(pages: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut records = Vec::new();
    for (i, (url, title, text)) in pages.iter().enumerate() {
        let date = format!("2024-05-0{}T09:00:00Z", i + 1);
        let request = format!("GET {url} HTTP/1.1\r\n\r\n");
        records.push(warc_record("request", url, &date, request.as_bytes()));
        records.push(response(url, &date, &page("ar", title, text)));
    }
    let mut image = b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n".to_vec();
    image.extend_from_slice(b"\xff\xd8\xff\xe0");
    records.push(warc_record(
        "response",
        "https://x.example/a.jpg",
        "2024-05-09T00:00:00Z",
        &image,
    ));
    records.iter().flat_map(|r| gzip(r)).collect()
}

fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let method = if *name == "mimetype" {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).expect("in memory");
        zip.write_all(bytes).expect("in memory");
    }
    zip.finish().expect("in memory").into_inner()
}

fn epub() -> Vec<u8> {
    let opf = r#"<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0">
 <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Haaretz [Sun, 06 Dec 2026]</dc:title>
  <dc:date>2026-12-06</dc:date><dc:language>he</dc:language></metadata>
 <manifest><item id="i" href="index.html" media-type="application/xhtml+xml"/>
  <item id="a" href="feed_0/article_0/index.html" media-type="application/xhtml+xml"/>
  <item id="b" href="feed_0/article_1/index.html" media-type="application/xhtml+xml"/></manifest>
 <spine><itemref idref="i"/><itemref idref="a"/><itemref idref="b"/></spine></package>"#;
    let index = "<html><body><h1>Haaretz</h1><a href=\"feed_0/article_0/index.html\">גשם</a>\
        <a href=\"feed_0/article_1/index.html\">Rain</a></body></html>";
    let hebrew = "<html><head><title>גשם כבד בצפון</title></head><body><h1>גשם כבד בצפון</h1>\
        <p>גשם כבד ירד אתמול בצפון הארץ והציף כבישים רבים באזור הגליל.</p></body></html>";
    let english = "<html><head><title>Heavy rain in the north</title></head><body>\
        <h1>Heavy rain in the north</h1><p>Heavy rain fell in the north yesterday and flooded \
        many roads in the Galilee.</p></body></html>";
    zip(&[
        ("mimetype", b"application/epub+zip"),
        (
            "META-INF/container.xml",
            b"<container><rootfiles><rootfile full-path=\"content.opf\"/></rootfiles></container>",
        ),
        ("content.opf", opf.as_bytes()),
        ("index.html", index.as_bytes()),
        ("feed_0/article_0/index.html", hebrew.as_bytes()),
        ("feed_0/article_1/index.html", english.as_bytes()),
    ])
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/containers")
        .join(name)
}

/// A folder with one container of each kind, and a broken EPUB.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let w = |name: &str, bytes: &[u8]| fs::write(dir.path().join(name), bytes).expect("write");
    fs::copy(
        fixture("ar_tunis_water.mhtml"),
        dir.path().join("a_page.mhtml"),
    )
    .expect("copy");
    w(
        "b_crawl.warc.gz",
        &crawl(&[
            (
                "https://n.example/1",
                "سدود المغرب تمتلئ",
                "امتلأت سدود المغرب بعد أمطار غزيرة",
            ),
            (
                "https://n.example/2",
                "أسعار القمح ترتفع",
                "ارتفعت أسعار القمح في الأسواق العربية",
            ),
            (
                "https://n.example/1",
                "سدود المغرب تمتلئ",
                "امتلأت سدود المغرب بعد أمطار غزيرة",
            ),
        ]),
    );
    let inner = crawl(&[(
        "https://w.example/fa",
        "بارش در تهران",
        "باران شدید دیروز تهران را فرا گرفت",
    )]);
    w(
        "c_site.wacz",
        &zip(&[
            ("archive/data.warc.gz", &inner),
            ("pages/pages.jsonl", b"{\"format\":\"json-pages-1.0\"}\n"),
            ("datapackage.json", b"{}"),
        ]),
    );
    w("d_issue.epub", &epub());
    w("e_broken.epub", b"PK\x03\x04 this zip was cut short");
    dir
}

#[test]
fn a_folder_of_containers_loads_and_bodies_read_back() {
    let dir = archive();
    let (lib, errors) = Library::load(&[dir.path().to_path_buf()]);
    let titles: Vec<&str> = lib.stories().iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "تونس تطلق حملة وطنية لترشيد استهلاك المياه قبل الصيف",
            "سدود المغرب تمتلئ",
            "أسعار القمح ترتفع",
            "بارش در تهران",
            "גשם כבד בצפון",
            "Heavy rain in the north",
        ]
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].path.ends_with("e_broken.epub"));
    assert!(
        errors[0].reason().starts_with("EPUB: not an EPUB"),
        "{}",
        errors[0]
    );
    let mhtml = &lib.stories()[0];
    assert_eq!(
        mhtml.url.as_deref(),
        Some("https://alrafed.example/ar/tunis-water")
    );
    assert_eq!(mhtml.source.as_deref(), Some("الرافد"));
    assert_eq!(mhtml.direction, Direction::Rtl);
    assert_eq!(
        mhtml.saved.at.map(|d| d.day()).as_deref(),
        Some("2024-04-01")
    );
    let hebrew = &lib.stories()[4];
    assert_eq!(
        (hebrew.lang.as_str(), hebrew.direction),
        ("he", Direction::Rtl)
    );
    assert_eq!(hebrew.source.as_deref(), Some("Haaretz"));
    assert_eq!(
        hebrew.published.map(|d| d.day()).as_deref(),
        Some("2026-12-06")
    );
    for story in lib.stories() {
        let body = lib.read_body(story.id).expect("a body");
        assert!(!body.is_empty(), "{}", story.title);
        assert_eq!(body.len(), story.paragraph_count, "{}", story.title);
    }
    let wheat = lib.stories()[2].id;
    assert!(lib.read_body(wheat).expect("a body")[0].contains("القمح"));
}

#[test]
fn containers_named_directly_are_recognised_by_content() {
    let dir = archive();
    let renamed = dir.path().join("crawl.dat");
    fs::copy(dir.path().join("b_crawl.warc.gz"), &renamed).expect("copy");
    let book = dir.path().join("issue.bin");
    fs::copy(dir.path().join("d_issue.epub"), &book).expect("copy");
    let (lib, errors) = Library::load(&[renamed, book]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(lib.len(), 4);
}
