//! Containers: files that hold pages rather than being one — MHTML ([`mhtml`]: one page and
//! its resources in MIME parts), WARC ([`warc`]: a crawl, plain or gzip per record), WACZ
//! ([`wacz`]: WARCs in a zip) and EPUB ([`epub`]: a book of chapters or a calibre news issue).
//!
//! Every page inside goes through the one HTML path (`html::parse`), after [`page`] has picked
//! its charset (the container's header first, then what the page declares, then detection, as
//! `encoding` decides for loose files). What the container knows better than the page — the
//! address it was captured at, when it was saved, a book's publication, language and direction
//! — is laid over the draft by each reader.
//!
//! WARC, WACZ and EPUB are read from their path, streamed ([`parse_path`]): a crawl can be
//! gigabytes, so records pass through a fixed buffer and only HTML pages are held, one at a
//! time. Reading one story's body ([`parse_path`] with `want`) skips the HTML extraction of
//! every other page. The same readers take bytes in memory ([`parse_bytes`]: tests, fuzzing,
//! the sample), so a container named `.txt` reads the same.
//!
//! Everything here is untrusted: sizes are capped before anything is held (a page, a header
//! block, a zip entry, everything a gzip stream may inflate to), a bad record is reported with
//! its number and the next one is read, and nothing panics.

use std::io::{self, Cursor, Read, Seek};
use std::path::Path;

use encoding_rs::Encoding;

use super::problem::Container;
use super::{Draft, Format, LoadError, Parsed, Problem, depth, encoding, finish, html};

pub(crate) mod epub;
mod http;
pub(crate) mod mhtml;
pub(crate) mod wacz;
pub(crate) mod warc;

/// The most one page (an HTML response, an MHTML part, an EPUB chapter) may take once
/// decoded and decompressed; larger ones are reported and skipped.
pub const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;

/// The most a gzip or deflate stream may inflate to, per byte it has: beyond this it is a
/// decompression bomb (text and HTML compress ten to twenty times), and reading stops.
const MAX_INFLATE_RATIO: u64 = 100;

/// Whatever the ratio, a small stream may inflate to this much.
const MIN_INFLATE_ALLOWANCE: u64 = 256 * 1024 * 1024;

/// The container a file is, from its name and first bytes (a few kilobytes are enough), or
/// `None` for every other file. A zip is an EPUB when its first entry says so (`mimetype`,
/// as the format requires) or it is named `.epub`, a WACZ when named `.wacz`; other zips stay
/// "a ZIP archive".
pub fn sniff(path: &Path, head: &[u8]) -> Option<Format> {
    let by_name = Format::of(path);
    if head.starts_with(b"WARC/1.") {
        return Some(Format::Warc);
    }
    if head.starts_with(b"\x1f\x8b") {
        return (by_name == Format::Warc || gunzipped_head(head).starts_with(b"WARC/1."))
            .then_some(Format::Warc);
    }
    if head.starts_with(b"PK\x03\x04") {
        let epub_mark = head.get(30..38) == Some(b"mimetype".as_slice())
            && head
                .get(38..)
                .is_some_and(|rest| rest.starts_with(b"application/epub+zip"));
        return match by_name {
            Format::Epub | Format::Wacz => Some(by_name),
            _ if epub_mark => Some(Format::Epub),
            _ => None,
        };
    }
    (by_name == Format::Mhtml || mhtml::looks_like(head)).then_some(Format::Mhtml)
}

/// The first bytes a gzip stream inflates to (empty when it does not).
fn gunzipped_head(head: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16);
    let _ = flate2::read::GzDecoder::new(head)
        .take(16)
        .read_to_end(&mut out);
    out
}

/// Whether a container is read from its path, streamed, rather than from its bytes.
pub fn streamed(format: Format) -> bool {
    matches!(format, Format::Warc | Format::Wacz | Format::Epub)
}

/// Reads a container from its path: every story, or only the one at position `want` (the
/// others' HTML is not extracted).
pub fn parse_path(path: &Path, format: Format, want: Option<usize>) -> Parsed {
    match std::fs::File::open(path) {
        Ok(file) => {
            let len = file.metadata().map_or(0, |m| m.len());
            parse_reader(path, format, io::BufReader::new(file), len, want)
        }
        Err(e) => failed(path, Problem::unreadable(&e)),
    }
}

/// Reads a container held in memory.
pub fn parse_bytes(path: &Path, format: Format, bytes: &[u8], want: Option<usize>) -> Parsed {
    let len = bytes.len() as u64;
    parse_reader(path, format, Cursor::new(bytes), len, want)
}

fn parse_reader<R: Read + Seek>(
    path: &Path,
    format: Format,
    mut reader: R,
    len: u64,
    want: Option<usize>,
) -> Parsed {
    let (drafts, problems) = match format {
        Format::Warc => {
            let mut scan = warc::Scan::new(Container::Warc, want);
            scan.read(&mut reader, len);
            scan.finish()
        }
        Format::Wacz => wacz::parse(reader, want),
        Format::Epub => epub::parse(reader),
        _ => {
            let mut bytes = Vec::new();
            match reader.take(mhtml::MAX_BYTES + 1).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() as u64 > mhtml::MAX_BYTES => {
                    (Vec::new(), vec![Problem::TooLarge(bytes.len() as u64)])
                }
                Ok(_) => match mhtml::parse(&bytes) {
                    Ok(draft) => (vec![(0, draft)], Vec::new()),
                    Err(detail) => (Vec::new(), vec![problem(Container::Mhtml, None, detail)]),
                },
                Err(e) => (Vec::new(), vec![Problem::unreadable(&e)]),
            }
        }
    };
    Parsed {
        stories: drafts
            .into_iter()
            .filter(|(position, _)| want.is_none_or(|w| w == *position))
            .map(|(position, draft)| finish(draft, path, position))
            .collect(),
        errors: problems
            .into_iter()
            .map(|p| LoadError::new(path, p))
            .collect(),
    }
}

fn failed(path: &Path, problem: Problem) -> Parsed {
    Parsed {
        stories: Vec::new(),
        errors: vec![LoadError::new(path, problem)],
    }
}

/// A problem of a container, or of its `at`-th record (1-based).
pub(super) fn problem(kind: Container, at: Option<usize>, detail: impl Into<String>) -> Problem {
    Problem::Container {
        kind,
        at,
        detail: detail.into(),
    }
}

/// One HTML page's bytes -> its draft: [`decode`], then the HTML path.
pub(super) fn page(bytes: &[u8], charset: Option<&str>) -> Result<Draft, String> {
    decode(bytes, charset).map(|text| html::parse(&text))
}

/// One page's bytes -> its text. The charset the container's header gives (HTTP, MIME)
/// decides when it names one; otherwise `encoding::decode` (byte-order mark, what the page
/// declares, detection). Markup nested absurdly deep is refused as for loose pages.
pub(super) fn decode(bytes: &[u8], charset: Option<&str>) -> Result<String, String> {
    let given = charset.and_then(|c| Encoding::for_label(c.trim().as_bytes()));
    let text = match given {
        Some(enc) if Encoding::for_bom(bytes).is_none() => enc
            .output_encoding()
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
        _ => encoding::decode(bytes).map_err(|e| e.to_string())?.text,
    };
    match depth::too_deep(&text) {
        Some(reason) => Err(reason.to_string()),
        None => Ok(text),
    }
}

/// The `charset` parameter of a `Content-Type` value.
pub(super) fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
    })
}

/// Reads at most `cap` bytes; `Ok(None)` when there was more.
pub(super) fn read_capped(reader: impl Read, cap: u64) -> io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    reader.take(cap + 1).read_to_end(&mut out)?;
    Ok((out.len() as u64 <= cap).then_some(out))
}

/// How much a compressed stream of `len` bytes may inflate to.
pub(super) fn inflate_allowance(len: u64) -> u64 {
    len.saturating_mul(MAX_INFLATE_RATIO)
        .max(MIN_INFLATE_ALLOWANCE)
}

/// A reader that fails once more than `left` bytes came through it: what stops a
/// decompression bomb (the data is streamed, so this bounds time, not memory).
pub(super) struct Bounded<R> {
    inner: R,
    left: u64,
}

impl<R> Bounded<R> {
    pub(super) fn new(inner: R, limit: u64) -> Bounded<R> {
        Bounded { inner, left: limit }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "inflates to far more than it holds (a decompression bomb?)",
            )
        })?;
        Ok(n)
    }
}

/// A date from a container's header (`WARC-Date`, the OPF's `dc:date`).
pub(super) fn date(text: &str) -> Option<crate::model::Published> {
    super::date::parse(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_are_sniffed_by_content_and_name() {
        let p = Path::new;
        assert_eq!(sniff(p("a.txt"), b"WARC/1.1\r\n"), Some(Format::Warc));
        assert_eq!(sniff(p("a.warc.gz"), b"\x1f\x8b\x08"), Some(Format::Warc));
        assert_eq!(sniff(p("a.gz"), b"\x1f\x8b\x08"), None);
        let mut epub = b"PK\x03\x04".to_vec();
        epub.resize(30, 0);
        epub.extend_from_slice(b"mimetypeapplication/epub+zip");
        assert_eq!(sniff(p("book.zip"), &epub), Some(Format::Epub));
        assert_eq!(sniff(p("crawl.wacz"), b"PK\x03\x04"), Some(Format::Wacz));
        assert_eq!(sniff(p("export.zip"), b"PK\x03\x04"), None);
        let mht = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: \
                    multipart/related;\r\n\ttype=\"text/html\"\r\n\r\n";
        assert_eq!(sniff(p("page.txt"), mht), Some(Format::Mhtml));
        assert_eq!(sniff(p("page.html"), b"<html>"), None);
    }

    #[test]
    fn gzip_warc_is_sniffed_without_its_name() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n")
            .expect("in memory");
        let bytes = gz.finish().expect("in memory");
        assert_eq!(sniff(Path::new("crawl.bin"), &bytes), Some(Format::Warc));
    }

    #[test]
    fn charset_parameters_and_caps() {
        assert_eq!(
            charset_param("text/html; charset=\"windows-1256\""),
            Some("windows-1256")
        );
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(
            read_capped(&b"abcd"[..], 4).expect("memory"),
            Some(b"abcd".to_vec())
        );
        assert_eq!(read_capped(&b"abcde"[..], 4).expect("memory"), None);
        let mut bounded = Bounded::new(&[0u8; 10][..], 5);
        assert!(std::io::copy(&mut bounded, &mut std::io::sink()).is_err());
    }

    #[test]
    fn a_page_honours_the_header_charset_then_its_own() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("<title>خبر عاجل</title><p>نص</p>");
        let draft = page(&bytes, Some("windows-1256")).expect("a page");
        assert!(draft.title.contains("خبر"), "{}", draft.title);
        let declared = b"<meta charset=\"windows-1256\"><title>\xc8\xd1</title>";
        let draft = page(declared, None).expect("a page");
        assert_eq!(draft.title, "بر");
    }
}
