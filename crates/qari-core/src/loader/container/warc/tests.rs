//! WARC records as wget and warcio write them, built here.

use std::io::Write;
use std::path::Path;

use crate::loader::container::parse_bytes;
use crate::loader::{Format, Parsed};

/// One WARC record.
pub(crate) fn record(
    kind: &str,
    url: &str,
    date: &str,
    content_type: &str,
    block: &[u8],
) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{len}>\r\n\
         WARC-Date: {date}\r\nWARC-Target-URI: {url}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {len}\r\n\r\n",
        len = block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response record.
pub(crate) fn response(url: &str, date: &str, head: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!("{head}\r\n\r\n").into_bytes();
    block.extend_from_slice(body);
    record(
        "response",
        url,
        date,
        "application/http; msgtype=response",
        &block,
    )
}

pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).expect("in memory");
    gz.finish().expect("in memory")
}

fn page(title: &str, text: &str) -> String {
    format!(
        "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">\
         <title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p>\
         <p>{text} {text}</p></article></body></html>"
    )
}

/// A crawl: a request, pages, a revisit, an image, a redirect, two captures of one page, a
/// gzip-encoded and a chunked page, and a brotli one.
pub(crate) fn crawl() -> Vec<Vec<u8>> {
    let a = page(
        "قمة المياه في عمّان",
        "اختتم وزراء المياه اجتماعهم في عمّان أمس",
    );
    let old = page("الأمطار في الشمال", "نص قديم عن الأمطار");
    let new = page("الأمطار في الشمال", "نص محدث عن الأمطار الغزيرة");
    let gz = gzip(page("Drought in the south", "Farmers wait for rain in the south").as_bytes());
    let mut chunked = b"10\r\n".to_vec();
    let body = page("Chunked page title", "A page sent in chunks by its server");
    chunked.clear();
    for piece in body.as_bytes().chunks(100) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    vec![
        record(
            "warcinfo",
            "",
            "2024-03-01T10:00:00Z",
            "application/warc-fields",
            b"software: wget\r\n",
        ),
        record(
            "request",
            "https://news.example/ar/water",
            "2024-03-01T10:00:01Z",
            "application/http; msgtype=request",
            b"GET /ar/water HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        response(
            "https://news.example/ar/water",
            "2024-03-01T10:00:01Z",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8",
            a.as_bytes(),
        ),
        response(
            "https://news.example/logo.png",
            "2024-03-01T10:00:02Z",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png",
            b"\x89PNG\r\n\x1a\n\0\0",
        ),
        response(
            "https://news.example/old",
            "2024-03-01T10:00:02Z",
            "HTTP/1.1 301 Moved Permanently\r\nLocation: /ar/water\r\nContent-Type: text/html",
            b"<html><title>Moved</title></html>",
        ),
        response(
            "https://news.example/ar/rain",
            "2024-03-01T10:00:03Z",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html",
            old.as_bytes(),
        ),
        record(
            "revisit",
            "https://news.example/ar/water",
            "2024-03-02T10:00:00Z",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        ),
        response(
            "https://news.example/en/drought",
            "2024-03-01T10:00:04Z",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip",
            &gz,
        ),
        response(
            "https://news.example/en/chunked",
            "2024-03-01T10:00:05Z",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked",
            &chunked,
        ),
        response(
            "https://news.example/br",
            "2024-03-01T10:00:06Z",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br",
            // a page of ours, compressed by Python's `brotli` module
            b"\x1b\xe0\x00\x40\x8c\x93\x5c\xf9\xec\x94\x6e\xf3\x7a\xc5\xeb\xd8\xf5\x47\x0d\x12\x62\x86\x09\x25\x8f\x10\x95\x5d\x2e\xe4\x8e\x17\xc8\x92\xac\x2c\xba\x5b\xff\xcd\x6e\x48\xcb\x28\x97\x74\x0c\x6f\x1e\xdd\xa1\x1c\xfc\x30\x80\x5d\x65\x9f\x30\x24\xda\x22\x60\xf8\x02\xdc\x00\x57\x31\xc4\x74\xcd\x1a\xe2\x5b\x31\xca\x45\xd1\xe3\xe2\x7d\x5b\xc9\x45\x6d\xd1\x6d\x50\x04\x1e\x74\x25\xdf\x89\xc3\x88\xb1\x5b\xfc\x96\x62\x3f\x5b\x4b\xbb\xf6\x00\x21\xfd\x5e\xea\xe6\x7c\xfc\x0c",
        ),
        response(
            "https://news.example/ar/rain#top",
            "2024-03-05T08:00:00Z",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html",
            new.as_bytes(),
        ),
    ]
}

fn parse(bytes: &[u8], want: Option<usize>) -> Parsed {
    parse_bytes(Path::new("crawl.warc"), Format::Warc, bytes, want)
}

fn titles(parsed: &Parsed) -> Vec<(usize, String)> {
    parsed
        .stories
        .iter()
        .map(|s| (s.meta.origin.position, s.meta.title.clone()))
        .collect()
}

#[test]
fn html_responses_with_status_200_are_the_stories() {
    let parsed = parse(&crawl().concat(), None);
    assert_eq!(
        titles(&parsed),
        [
            (0, "قمة المياه في عمّان".to_owned()),
            (1, "الأمطار في الشمال".to_owned()),
            (2, "Drought in the south".to_owned()),
            (3, "Chunked page title".to_owned()),
            (4, "Harbour cranes replaced".to_owned()),
        ]
    );
    let water = &parsed.stories[0];
    assert_eq!(
        water.meta.url.as_deref(),
        Some("https://news.example/ar/water")
    );
    assert_eq!(water.meta.direction, crate::model::Direction::Rtl);
    assert_eq!(
        water.meta.saved.at.map(|d| d.day()).as_deref(),
        Some("2024-03-01")
    );
    // Two captures of one page: one story, the later text, at the first one's position.
    let rain = &parsed.stories[1];
    assert!(
        rain.paragraphs.iter().any(|p| p.contains("محدث")),
        "{:?}",
        rain.paragraphs
    );
    assert_eq!(
        rain.meta.saved.at.map(|d| d.day()).as_deref(),
        Some("2024-03-05")
    );
    // Requests, revisits, assets and redirects are skipped without a word.
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
}

#[test]
fn gzip_per_record_reads_the_same() {
    let plain = parse(&crawl().concat(), None);
    let members: Vec<u8> = crawl().iter().flat_map(|r| gzip(r)).collect();
    let gz = parse(&members, None);
    assert_eq!(titles(&gz), titles(&plain));
    let whole = parse(&gzip(&crawl().concat()), None);
    assert_eq!(titles(&whole), titles(&plain));
}

#[test]
fn one_story_is_read_alone_and_equals_the_full_read() {
    let bytes = crawl().concat();
    let full = parse(&bytes, None);
    for (i, story) in full.stories.iter().enumerate() {
        let one = parse(&bytes, Some(i));
        assert_eq!(one.stories.len(), 1);
        assert_eq!(one.stories[0], *story);
    }
    assert!(parse(&bytes, Some(9)).stories.is_empty());
}

#[test]
fn a_bad_length_costs_one_record() {
    let mut records = crawl();
    // The Arabic page's record claims 40 bytes fewer than it has.
    let bad = String::from_utf8_lossy(&records[2]).into_owned();
    let len: usize = bad
        .split("Content-Length: ")
        .nth(1)
        .and_then(|r| r.split("\r\n").next())
        .and_then(|n| n.parse().ok())
        .expect("a length");
    records[2] = bad
        .replace(
            &format!("Content-Length: {len}"),
            &format!("Content-Length: {}", len - 40),
        )
        .into_bytes();
    let parsed = parse(&records.concat(), None);
    let got = titles(&parsed);
    assert!(!got.iter().any(|(_, t)| t.contains("قمة")), "{got:?}");
    assert!(
        got.iter().any(|(_, t)| t == "Chunked page title"),
        "{got:?}"
    );
    assert!(
        parsed
            .errors
            .iter()
            .any(|e| e.reason().contains("record 3: its Content-Length")),
        "{:?}",
        parsed.errors
    );
}

#[test]
fn a_truncated_gzip_keeps_the_records_before_the_cut() {
    let members: Vec<u8> = crawl().iter().flat_map(|r| gzip(r)).collect();
    let cut = &members[..members.len() - 30];
    let parsed = parse(cut, None);
    assert_eq!(parsed.stories.len(), 5, "{:?}", titles(&parsed));
    assert!(
        parsed
            .errors
            .iter()
            .any(|e| e.reason().contains("truncated")),
        "{:?}",
        parsed.errors
    );
}

#[test]
fn junk_never_panics() {
    let bytes = crawl().concat();
    let mut seed = 7u64;
    for _ in 0..200 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let cut = usize::try_from(seed >> 33).unwrap_or(0) % bytes.len();
        let mut broken = bytes.clone();
        broken[cut] ^= 0x5a;
        let _ = parse(&broken[..cut.max(1)], None);
        let _ = parse(&broken, None);
        let gz = gzip(&broken);
        let _ = parse(&gz[..(cut / 2 + 1).min(gz.len())], None);
    }
    let parsed = parse(b"WARC/1.0\r\nContent-Length: 99999999999\r\n\r\nabc", None);
    assert!(
        parsed.errors[0].reason().contains("truncated"),
        "{:?}",
        parsed.errors
    );
}
