//! The HTTP response a WARC `response` record holds: its status line and headers, then the
//! payload as the server sent it — chunked transfer coding removed, `Content-Encoding` gzip,
//! deflate or brotli inflated (capped).

use std::io::{BufRead, Read};

use super::{MAX_PAGE_BYTES, read_capped};

/// The most an HTTP header block may take.
const MAX_HEAD_BYTES: u64 = 64 * 1024;

/// A response's status and headers.
#[derive(Debug, Default)]
pub(super) struct Head {
    pub status: u16,
    headers: Vec<(String, String)>,
}

impl Head {
    /// The first header called `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the payload is an HTML page; `None` when no type is given.
    pub fn is_html(&self) -> Option<bool> {
        let ct = self.get("content-type")?;
        let mime = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        Some(mime == "text/html" || mime == "application/xhtml+xml")
    }

    pub fn charset(&self) -> Option<&str> {
        self.get("content-type").and_then(super::charset_param)
    }
}

/// Reads the status line and headers (folded lines joined), leaving the reader at the payload.
pub(super) fn read_head(r: &mut impl BufRead) -> Result<Head, String> {
    let mut head = Head::default();
    let mut line = Vec::new();
    let mut used = 0u64;
    let mut first = true;
    loop {
        line.clear();
        let n = r
            .by_ref()
            .take(MAX_HEAD_BYTES - used)
            .read_until(b'\n', &mut line)
            .map_err(|e| e.to_string())?;
        used += n as u64;
        if n == 0 || !line.ends_with(b"\n") {
            return Err(if used >= MAX_HEAD_BYTES {
                "HTTP headers longer than 64 KB".into()
            } else {
                "the HTTP response ends inside its headers".into()
            });
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if first {
            first = false;
            head.status =
                status(text).ok_or_else(|| format!("not an HTTP status line: {text:.60}"))?;
            continue;
        }
        if text.is_empty() {
            return Ok(head);
        }
        if text.starts_with([' ', '\t']) {
            if let Some((_, value)) = head.headers.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
        } else if let Some((name, value)) = text.split_once(':') {
            head.headers
                .push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
}

/// `HTTP/1.1 200 OK` -> 200.
fn status(line: &str) -> Option<u16> {
    let mut parts = line.split_whitespace();
    parts.next().filter(|v| v.starts_with("HTTP/"))?;
    parts.next()?.parse().ok()
}

/// The payload as the page's bytes: de-chunked, then inflated as `Content-Encoding` says.
/// Archivers that stored the payload already decoded but kept the headers are read as they
/// are (a chunked header over bytes that are not chunks, a gzip header over bytes that are not
/// gzip).
pub(super) fn payload(head: &Head, raw: Vec<u8>) -> Result<Vec<u8>, String> {
    let chunked = head
        .get("transfer-encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    let body = if chunked {
        dechunk(&raw).unwrap_or(raw)
    } else {
        raw
    };
    let coding = head
        .get("content-encoding")
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let gzip = matches!(coding.as_str(), "gzip" | "x-gzip");
    let inflated = match coding.as_str() {
        "" | "identity" | "none" => return Ok(body),
        // A gzip header over bytes that are not gzip: stored already decoded.
        _ if gzip && !body.starts_with(b"\x1f\x8b") => return Ok(body),
        _ if gzip => read_capped(
            flate2::read::MultiGzDecoder::new(body.as_slice()),
            MAX_PAGE_BYTES,
        ),
        "deflate" => {
            // Servers send zlib-wrapped deflate as the standard says, or raw deflate.
            let zlib = read_capped(
                flate2::read::ZlibDecoder::new(body.as_slice()),
                MAX_PAGE_BYTES,
            );
            match zlib {
                Ok(done) => Ok(done),
                Err(_) => read_capped(
                    flate2::read::DeflateDecoder::new(body.as_slice()),
                    MAX_PAGE_BYTES,
                ),
            }
        }
        "br" => read_capped(
            brotli_decompressor::Decompressor::new(body.as_slice(), 4096),
            MAX_PAGE_BYTES,
        ),
        other => {
            return Err(format!(
                "payload in an unknown Content-Encoding: {other:.20}"
            ));
        }
    };
    match inflated {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err("page larger than 16 MB once inflated".into()),
        Err(e) => Err(format!("{coding} payload does not inflate: {e}")),
    }
}

/// Removes the chunked transfer coding; `None` when the bytes are not chunks.
fn dechunk(raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = raw;
    loop {
        let end = rest.iter().position(|&b| b == b'\n')?;
        let size_line = std::str::from_utf8(&rest[..end]).ok()?;
        let size_text = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[end + 1..];
        if size == 0 {
            return Some(out);
        }
        // A last chunk cut short (a truncated capture) keeps what it has.
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        if rest.is_empty() {
            return Some(out);
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(text: &str) -> Head {
        read_head(&mut text.as_bytes()).expect("a head")
    }

    #[test]
    fn status_and_headers() {
        let h = head("HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=UTF-8\r\n\r\n<p>");
        assert_eq!(h.status, 200);
        assert_eq!(h.is_html(), Some(true));
        assert_eq!(h.charset(), Some("UTF-8"));
        assert!(read_head(&mut &b"GET / HTTP/1.1\r\n\r\n"[..]).is_err());
        assert!(read_head(&mut &b"HTTP/1.1 200 OK\r\nX: y"[..]).is_err());
    }

    #[test]
    fn chunked_and_gzip_payloads() {
        use std::io::Write;
        let h = head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        let body = payload(&h, b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n".to_vec());
        assert_eq!(body.expect("chunks"), b"hello world");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all("<p>مرحبا</p>".as_bytes()).expect("memory");
        let h = head("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n");
        let gzipped = gz.finish().expect("memory");
        assert_eq!(
            payload(&h, gzipped).expect("gzip"),
            "<p>مرحبا</p>".as_bytes()
        );
        assert_eq!(
            payload(&h, b"<p>plain</p>".to_vec()).expect("as is"),
            b"<p>plain</p>"
        );
        // brotli, as servers send pages now (compressed by Python's `brotli` module)
        let h = head("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n");
        let br: &[u8] = &[
            0x1b, 0x68, 0x00, 0xe8, 0x9d, 0x09, 0x76, 0x2c, 0x07, 0xa4, 0x54, 0x98, 0xe3, 0x01,
            0x23, 0x54, 0x7a, 0x63, 0x67, 0x83, 0xb8, 0x84, 0x72, 0x5b, 0xc8, 0x79, 0xb0, 0xbd,
            0x5a, 0xa2, 0x41, 0x4e, 0x44, 0x18, 0x62, 0x5a, 0xbd, 0xc0, 0x25, 0x8f, 0x0f, 0xb6,
            0x07, 0xdc, 0x52, 0x27, 0x2a, 0x38, 0xd1, 0x23, 0x62, 0x45, 0x40, 0x87, 0x04, 0x19,
            0x71, 0xc9, 0x38, 0xe3, 0x22, 0xd3, 0x2e, 0xc8, 0x21, 0x2f, 0x30, 0xb9, 0x3a, 0x90,
            0x6a, 0x9e, 0xb6, 0x92, 0x37, 0x3f, 0xd5, 0xe1, 0xac, 0x48, 0x43, 0xee, 0x66, 0xc8,
            0xce, 0x5c,
        ];
        assert_eq!(
            String::from_utf8(payload(&h, br.to_vec()).expect("brotli")).expect("utf-8"),
            "<html><body><p>عاد الماء إلى النهر بعد سنوات من الجفاف.</p></body></html>"
        );
        assert!(
            payload(&h, vec![1, 2, 3])
                .expect_err("not brotli")
                .contains("br payload does not inflate")
        );
    }

    #[test]
    fn not_chunks_stay_as_they_are() {
        assert_eq!(dechunk(b"<html>"), None);
        assert_eq!(dechunk(b"3\r\nab"), Some(b"ab".to_vec()));
    }
}
