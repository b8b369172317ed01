//! MHTML (`.mht`, `.mhtml`): a page saved with its resources as one MIME message, as
//! Chrome ("Save page as… Webpage, single file"), Edge and Internet Explorer write it. The
//! message is parsed by `mail-parser`; the first `text/html` part is the page (later ones are
//! its frames), its transfer encoding (quoted-printable, base64) undone by the same crate and
//! its charset taken from the part's `Content-Type`, else from what the page declares (the
//! loader's `encoding`). The message's `Snapshot-Content-Location` (else the part's
//! `Content-Location`) is the story's URL, its `Date:` the saved date, its `Subject:` the
//! title when the page has none.

use mail_parser::decoders::{base64::base64_decode, quoted_printable::quoted_printable_decode};
use mail_parser::{MessageParser, MimeHeaders};

use crate::loader::Draft;
use crate::model::Published;

/// The most an MHTML file may take (it is parsed in memory: a page with its images).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Whether a file's first bytes are the headers of a MIME message holding a page: a
/// `MIME-Version` and a `multipart/related` (or a bare `text/html`) type before the first
/// blank line.
pub(crate) fn looks_like(head: &[u8]) -> bool {
    let head = &head[..head.len().min(4096)];
    let end = find(head, b"\r\n\r\n")
        .or_else(|| find(head, b"\n\n"))
        .unwrap_or(head.len());
    let lower = head[..end].to_ascii_lowercase();
    let starts_like_headers = lower
        .iter()
        .take_while(|b| !matches!(b, b':' | b'\n'))
        .all(|b| b.is_ascii_alphanumeric() || *b == b'-');
    starts_like_headers
        && find(&lower, b"mime-version:").is_some()
        && (find(&lower, b"multipart/related").is_some()
            || find(&lower, b"content-type: text/html").is_some())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The page an MHTML file holds.
pub(crate) fn parse(bytes: &[u8]) -> Result<Draft, String> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or("not a MIME message")?;
    let part = message
        .parts
        .iter()
        .find(|p| p.is_content_type("text", "html"))
        .ok_or("no text/html part: no page in it")?;
    let raw = message
        .raw_message()
        .get(part.raw_body_offset() as usize..part.raw_end_offset() as usize)
        .ok_or("a part outside the message")?;
    let html = match part.encoding {
        mail_parser::Encoding::QuotedPrintable => {
            quoted_printable_decode(raw).ok_or("bad quoted-printable in the page")?
        }
        mail_parser::Encoding::Base64 => base64_decode(raw).ok_or("bad base64 in the page")?,
        mail_parser::Encoding::None => raw.to_vec(),
    };
    let charset = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .map(str::to_owned);
    let mut draft = super::page(&html, charset.as_deref())?;
    let location = message
        .header_raw("Snapshot-Content-Location")
        .or_else(|| part.content_location())
        .map(str::trim)
        .filter(|l| l.starts_with("http://") || l.starts_with("https://"));
    if let Some(url) = location {
        draft.url = Some(url.to_owned());
    }
    draft.saved.at = message.date().and_then(published);
    if draft.title.trim().is_empty()
        && let Some(subject) = message.subject()
    {
        subject.trim().clone_into(&mut draft.title);
    }
    Ok(draft)
}

/// A MIME date as a published-style date, with its offset.
fn published(d: &mail_parser::DateTime) -> Option<Published> {
    let sign: i16 = if d.tz_before_gmt { -1 } else { 1 };
    let offset = sign * (i16::from(d.tz_hour) * 60 + i16::from(d.tz_minute));
    (d.year > 0 && (1..=12).contains(&d.month) && (1..=31).contains(&d.day)).then(|| Published {
        year: i32::from(d.year),
        month: d.month,
        day: d.day,
        time: Some((d.hour, d.minute, d.second)),
        offset_minutes: Some(offset),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An MHTML file the way Chrome writes it.
    pub(crate) fn chrome(charset: &str, encoding: &str, page: &[u8]) -> Vec<u8> {
        let body = match encoding {
            "base64" => {
                let text = base64(page);
                let mut lines = Vec::new();
                for line in text.as_bytes().chunks(76) {
                    lines.extend_from_slice(line);
                    lines.extend_from_slice(b"\r\n");
                }
                lines
            }
            _ => quoted_printable(page),
        };
        let ct = if charset.is_empty() {
            "text/html".to_owned()
        } else {
            format!("text/html; charset=\"{charset}\"")
        };
        let mut out = format!(
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example/ar/1\r\n\
             Subject: =?utf-8?Q?Saved?=\r\nDate: Thu, 14 Mar 2024 11:20:05 +0300\r\n\
             MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\
             \tboundary=\"----MultipartBoundary--abc123----\"\r\n\r\n\r\n\
             ------MultipartBoundary--abc123----\r\nContent-Type: {ct}\r\n\
             Content-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: {encoding}\r\n\
             Content-Location: https://news.example/ar/1\r\n\r\n"
        )
        .into_bytes();
        out.extend_from_slice(&body);
        out.extend_from_slice(
            b"\r\n------MultipartBoundary--abc123----\r\nContent-Type: image/png\r\n\
              Content-Transfer-Encoding: base64\r\nContent-Location: https://news.example/a.png\r\n\
              \r\niVBORw0KGgo=\r\n\r\n------MultipartBoundary--abc123------\r\n",
        );
        out
    }

    fn quoted_printable(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut col = 0;
        for &b in bytes {
            let piece = if (b' '..=b'~').contains(&b) && b != b'=' {
                vec![b]
            } else {
                format!("={b:02X}").into_bytes()
            };
            if col + piece.len() > 75 {
                out.extend_from_slice(b"=\r\n");
                col = 0;
            }
            col += piece.len();
            out.extend_from_slice(&piece);
        }
        out
    }

    fn base64(bytes: &[u8]) -> String {
        const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    const PAGE: &str = "<html lang=\"ar\" dir=\"rtl\"><head><title>قمة المياه العربية في عمّان</title>\
        </head><body><article><h1>قمة المياه العربية في عمّان</h1><p>اختتم وزراء المياه والزراعة \
        العرب اجتماعهم في عمّان أمس بإقرار خطة مشتركة.</p><p>وقالت رئيسة الجلسة إن الخطة تبدأ \
        العام المقبل.</p></article></body></html>";

    #[test]
    fn quoted_printable_windows_1256_page() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(PAGE);
        let file = chrome("windows-1256", "quoted-printable", &bytes);
        assert!(looks_like(&file));
        let draft = parse(&file).expect("a page");
        assert_eq!(draft.title, "قمة المياه العربية في عمّان");
        assert!(
            draft.paragraphs.iter().any(|p| p.contains("خطة مشتركة")),
            "{:?}",
            draft.paragraphs
        );
        assert_eq!(draft.url.as_deref(), Some("https://news.example/ar/1"));
        let saved = draft.saved.at.expect("the Date header");
        assert_eq!(
            (saved.day(), saved.offset_minutes),
            ("2024-03-14".to_owned(), Some(180))
        );
    }

    #[test]
    fn base64_utf8_page_without_a_charset() {
        let page = PAGE.replace("<head>", "<head><meta charset=\"utf-8\">");
        let draft = parse(&chrome("", "base64", page.as_bytes())).expect("a page");
        assert_eq!(draft.title, "قمة المياه العربية في عمّان");
        assert_eq!(draft.dir, Some(crate::model::Direction::Rtl));
    }

    #[test]
    fn no_page_is_a_clear_error() {
        let file = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n\
                     --b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n";
        assert!(
            parse(file)
                .expect_err("no page")
                .contains("no text/html part")
        );
        assert!(!looks_like(
            b"Subject: hi\r\n\r\nMIME-Version: 1.0 multipart/related"
        ));
        for cut in [10, 100, 300] {
            let f = chrome("utf-8", "quoted-printable", PAGE.as_bytes());
            let _ = parse(&f[..cut.min(f.len())]);
        }
    }
}
