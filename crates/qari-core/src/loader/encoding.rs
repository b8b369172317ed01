//! Bytes on disk -> text: the one place that decides which encoding a stored file uses.
//!
//! Arabic and Hebrew archives are old: besides UTF-8 (with or without a byte-order mark) and
//! UTF-16 (with a mark) they hold Windows-1256, ISO-8859-6, Windows-1255 and ISO-8859-8 pages
//! that carry no label at all. The order of decisions:
//!
//! 1. a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE);
//! 2. NUL bytes without a mark mean a binary file (or unmarked UTF-16, which we refuse rather
//!    than guess): no text layout in any script puts a NUL in a file, and images, archives
//!    and executables all have them;
//! 3. valid UTF-8 is UTF-8, and so is *mostly* valid UTF-8: text whose non-ASCII characters
//!    are nearly all well-formed UTF-8 sequences, with a few broken bytes (a page cut in the
//!    middle of a letter, a bad copy) — the broken bytes become U+FFFD and the rest keeps its
//!    letters. A legacy page almost never forms valid sequences by chance, so the rule is
//!    safe: at least [`UTF8_MAJORITY`] well-formed non-ASCII characters for each broken run;
//! 4. a legacy charset the document declares — `<meta charset>`, `<meta http-equiv=
//!    "Content-Type" content="…; charset=…">` or the XML prolog's `encoding`, within its first
//!    1,024 bytes as browsers look — decides ([`declared`]); a declared UTF-8 is left to step 3
//!    and a file whose bytes break the declared charset falls back to detection;
//! 5. otherwise `chardetng` guesses among the legacy encodings, and `encoding_rs` decodes.
//!
//! Escape sequences and other control characters do not make a file binary: the loader
//! removes them with the one sanitiser (`crate::chars::sanitize`) and keeps the words. Only
//! decoded text in which more than one character in ten is a control other than ESC, tab and
//! line ends is refused as binary, and text that is mostly replacement characters as
//! undecodable. Line ends are left as they are: [`normalize_line_ends`] is for the
//! text layout (JSON must not have its strings touched: U+2028 is legal inside them).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Why a file's bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Control bytes or NULs: an image, an archive, an executable.
    Binary,
    /// The bytes do not decode in any encoding we accept.
    Undecodable(&'static str),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => write!(
                f,
                "binary file, not text (UTF-16 text needs a byte-order mark)"
            ),
            DecodeError::Undecodable(enc) => write!(f, "not decodable as text (tried {enc})"),
        }
    }
}

impl std::error::Error for DecodeError {}

impl From<DecodeError> for super::Problem {
    fn from(e: DecodeError) -> super::Problem {
        match e {
            DecodeError::Binary => super::Problem::Binary,
            DecodeError::Undecodable(tried) => super::Problem::Undecodable(tried.to_owned()),
        }
    }
}

/// Text decoded from a file, and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// Decodes a stored file: see the module documentation for the order of decisions.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(DecodeError::Undecodable(encoding.name()));
        }
        return finish(&text, encoding);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text, UTF_8);
    }
    if mostly_utf8(bytes) {
        return finish(&String::from_utf8_lossy(bytes), UTF_8);
    }
    if let Some(encoding) = declared(bytes).filter(|e| *e != UTF_8) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors || replacement_share(&text) <= 0.01 {
            return finish(&text, encoding);
        }
    }
    let encoding = guess_legacy(bytes);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors && replacement_share(&text) > 0.01 {
        return Err(DecodeError::Undecodable(encoding.name()));
    }
    finish(&text, encoding)
}

/// The charset a markup document declares in its first 1,024 bytes (HTML `<meta charset>`,
/// `http-equiv` Content-Type, the XML prolog), by its WHATWG label (`ISO-8859-1` is read as
/// windows-1252, `ISO-8859-8` visual order as its logical twin, as browsers do).
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>").unwrap_or(lower.len());
        return attribute_value(&head[..end], &lower[..end], b"encoding")
            .and_then(Encoding::for_label)
            .map(Encoding::output_encoding);
    }
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let (tag, tag_lower) = (&head[start..end], &lower[start..end]);
        let label = attribute_value(tag, tag_lower, b"charset").or_else(|| {
            let content = attribute_value(tag, tag_lower, b"content")?;
            let content_lower = content.to_ascii_lowercase();
            let at = find(&content_lower, b"charset=")? + b"charset=".len();
            let value = &content[at..];
            let stop = value
                .iter()
                .position(|&b| b == b';' || b == b'"' || b == b'\'' || b.is_ascii_whitespace())
                .unwrap_or(value.len());
            Some(&value[..stop])
        });
        if let Some(encoding) = label.and_then(Encoding::for_label) {
            // a page declaring UTF-16 without a byte-order mark was saved as UTF-8 (WHATWG)
            return Some(encoding.output_encoding());
        }
        from = end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The value of `name=` (quoted or bare) in a tag, found case-insensitively in `lower` and
/// cut from `tag`, the same bytes as written.
fn attribute_value<'a>(tag: &'a [u8], lower: &[u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(at) = find(&lower[from..], name) {
        let start = from + at;
        from = start + name.len();
        let before_ok =
            start == 0 || !lower[start - 1].is_ascii_alphanumeric() && lower[start - 1] != b'-';
        let mut i = start + name.len();
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if !before_ok || tag.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let (quote, begin) = match tag.get(i) {
            Some(&q @ (b'"' | b'\'')) => (Some(q), i + 1),
            _ => (None, i),
        };
        let end = tag[begin..]
            .iter()
            .position(|&b| match quote {
                Some(q) => b == q,
                None => b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b';' | b'"' | b'\''),
            })
            .map_or(tag.len(), |e| begin + e);
        return Some(&tag[begin..end]);
    }
    None
}

/// Well-formed non-ASCII characters needed for each broken run of bytes for a file that is not
/// valid UTF-8 to be read as UTF-8 anyway.
pub const UTF8_MAJORITY: usize = 4;

/// Is this UTF-8 with a few broken bytes, rather than a legacy code page? See the module doc.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut good = 0usize;
    let mut broken = 0usize;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    good > 0 && good >= UTF8_MAJORITY * broken
}

/// Asks chardetng. Short texts are easy to mistake for another single-byte script (four
/// Arabic letters in Windows-1256 look like Cyrillic KOI8-U), and qari reads Arabic and Hebrew
/// archives: when the plain guess is neither, the guess with an Arabic or a Hebrew country's
/// domain as a hint wins if its decoding really is mostly Arabic or Hebrew letters.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let plain = detector.guess(None, Utf8Detection::Allow);
    if is_rtl_code_page(plain) {
        return plain;
    }
    for tld in [&b"sa"[..], &b"il"[..]] {
        let hinted = detector.guess(Some(tld), Utf8Detection::Allow);
        if is_rtl_code_page(hinted) {
            let (text, _) = hinted.decode_without_bom_handling(bytes);
            if mostly_rtl_letters(&text) {
                return hinted;
            }
        }
    }
    plain
}

fn is_rtl_code_page(encoding: &'static Encoding) -> bool {
    [
        encoding_rs::WINDOWS_1256,
        encoding_rs::ISO_8859_6,
        encoding_rs::WINDOWS_1255,
        encoding_rs::ISO_8859_8,
        encoding_rs::ISO_8859_8_I,
    ]
    .contains(&encoding)
}

fn mostly_rtl_letters(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let rtl = text
        .chars()
        .filter(|c| matches!(c, '\u{0590}'..='\u{06FF}'))
        .count();
    rtl * 10 >= letters * 8 && rtl > 0
}

fn finish(text: &str, encoding: &'static Encoding) -> Result<Decoded, DecodeError> {
    if looks_binary(text) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text: text.to_owned(),
        encoding,
    })
}

/// More than one control character in ten (besides ESC, tab, line ends and form feed, which
/// terminal captures and pasted pages are full of) is not text in any language. Counted on the
/// UTF-8 bytes: C0 controls and DEL are single bytes, and every other character only needs
/// counting once, by its first byte.
fn looks_binary(text: &str) -> bool {
    let bytes = text.as_bytes();
    if memchr::memchr(0, bytes).is_some() {
        return true;
    }
    // two branch-free counts the compiler vectorises: a 20 MB page costs a few milliseconds
    let total = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let controls = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F)
        .count();
    controls * 10 > total
}

fn replacement_share(text: &str) -> f64 {
    let total = text.chars().count().max(1);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    bad as f64 / total as f64
}

/// CRLF, lone CR, NEXT LINE and LINE SEPARATOR -> LF; PARAGRAPH SEPARATOR -> a blank line.
pub fn normalize_line_ends(text: &str) -> Cow<'_, str> {
    // One memchr-backed scan per character: much faster than one scan for a set of chars.
    let needed = text.as_bytes().contains(&b'\r')
        || text.contains('\u{85}')
        || text.contains('\u{2028}')
        || text.contains('\u{2029}');
    if !needed {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{85}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "قال المتحدث باسم الوزارة إن الاجتماع سيعقد في القاهرة الأسبوع المقبل لبحث \
        التعاون الاقتصادي بين البلدين، وأضاف أن الوفود ستناقش ملفات الطاقة والمياه والنقل.";
    const HEBREW: &str = "שר האוצר אמר היום כי התקציב החדש יוגש לכנסת בשבוע הבא, וכי הממשלה \
        תפעל להורדת יוקר המחיה ולחיזוק התחבורה הציבורית בערי הפריפריה.";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("سلام\r\nعليكم".as_bytes()).expect("utf-8");
        assert_eq!(plain.text, "سلام\r\nعليكم");
        assert_eq!(plain.encoding, UTF_8);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("خبر".as_bytes());
        assert_eq!(decode(&bom).expect("bom").text, "خبر");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "שלום\r\nעולם".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).expect("le").text, "שלום\r\nעולם");
        assert_eq!(decode(&be).expect("be").text, "שלום\r\nעולם");
    }

    #[test]
    fn windows_1256_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(ARABIC);
        let d = decode(&bytes).expect("1256");
        assert_eq!(d.text, ARABIC);
    }

    #[test]
    fn iso_8859_8_hebrew_is_read() {
        let (bytes, _, _) = encoding_rs::ISO_8859_8.encode(HEBREW);
        let d = decode(&bytes).expect("8859-8");
        // Windows-1255 is a superset for the letters: either guess gives the same text.
        assert_eq!(d.text, HEBREW);
    }

    #[test]
    fn windows_1255_hebrew_is_read() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1255.encode(HEBREW);
        assert_eq!(decode(&bytes).expect("1255").text, HEBREW);
    }

    #[test]
    fn short_legacy_texts_prefer_arabic_and_hebrew() {
        for (text, encoding) in [
            ("عاجل", encoding_rs::WINDOWS_1256),
            ("خبر عاجل من القاهرة", encoding_rs::ISO_8859_6),
            ("שלום", encoding_rs::ISO_8859_8),
        ] {
            let (bytes, _, _) = encoding.encode(text);
            assert_eq!(
                decode(&bytes).expect("decodes").text,
                text,
                "{}",
                encoding.name()
            );
        }
        // Latin-1 text stays Latin
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Café crème à Paris, l'été");
        assert_eq!(
            decode(&bytes).expect("decodes").text,
            "Café crème à Paris, l'été"
        );
    }

    #[test]
    fn binary_is_refused() {
        let png = [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D,
        ];
        assert_eq!(decode(&png), Err(DecodeError::Binary));
        let controls: Vec<u8> = (1u8..30).cycle().take(400).collect();
        assert_eq!(decode(&controls), Err(DecodeError::Binary));
    }

    #[test]
    fn mostly_valid_utf8_stays_utf8() {
        // A page cut in the middle of a letter, and a stray Latin-1 byte in the middle.
        let mut bytes = ARABIC.as_bytes().to_vec();
        let cut = ARABIC.find(' ').expect("a space");
        bytes.insert(cut, 0xE9);
        bytes.extend_from_slice(&"عنوان".as_bytes()[..3]);
        let d = decode(&bytes).expect("utf-8 with broken bytes");
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.starts_with(&ARABIC[..cut]), "{}", d.text);
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2, "{}", d.text);
        assert!(d.text.contains("الاجتماع"));
        // The same with only broken bytes and ASCII is a legacy page after all.
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("caf\u{e9} cr\u{e8}me");
        assert_eq!(decode(&latin).expect("1252").text, "café crème");
    }

    #[test]
    fn legacy_pages_never_pass_for_broken_utf8() {
        // Persian and Urdu letters in Windows-1256 sit at 0x80..0xBF, so a letter before them
        // can form a valid UTF-8 pair by chance (ر then گ); the rest of the text still decides.
        // (Windows-1256 has no Persian yeh: such pages use the Arabic one.)
        let persian = "کشاورزان شرق اصفهان مي‌گويند سهم آب آنها سال‌هاست پرداخت نشده و \
                       خواهان اجراي کامل مصوبه تقسيم آب هستند. بزرگ‌ترين پل";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(persian);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes).expect("1256");
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1256);
        assert_eq!(d.text, persian);
    }

    #[test]
    fn escape_sequences_and_stray_controls_are_text() {
        let page = format!("\u{1b}[1m{ARABIC}\u{1b}[0m\n\u{7}{HEBREW}\u{1b}]0;title\u{7}\n");
        let d = decode(page.as_bytes()).expect("text with escapes is text");
        assert_eq!(
            d.text, page,
            "decoding keeps them; the sanitiser removes them"
        );
        let mut nul = page.into_bytes();
        nul.push(0);
        assert_eq!(decode(&nul), Err(DecodeError::Binary));
    }

    #[test]
    fn declared_charsets_win_over_detection() {
        for (encoding, text) in [
            (encoding_rs::WINDOWS_1256, ARABIC),
            (encoding_rs::ISO_8859_6, "خبر عاجل من القاهرة"),
            (encoding_rs::WINDOWS_1255, HEBREW),
            (encoding_rs::ISO_8859_8, "שלום עולם"),
            (encoding_rs::WINDOWS_1252, "Café crème"),
        ] {
            let (body, _, _) = encoding.encode(text);
            for head in [
                format!("<html><head><meta charset=\"{}\">", encoding.name()),
                format!(
                    "<html><head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset={}'>",
                    encoding.name().to_lowercase()
                ),
                format!(
                    "<?xml version=\"1.0\" encoding=\"{}\"?><rss>",
                    encoding.name()
                ),
            ] {
                let mut bytes = head.clone().into_bytes();
                bytes.extend_from_slice(&body);
                assert_eq!(declared(&bytes), Some(encoding), "{head}");
                let d = decode(&bytes).expect("decodes");
                assert!(d.text.ends_with(text), "{head}: {}", d.text);
            }
        }
        // ISO-8859-1 is read as windows-1252, as browsers do
        assert_eq!(
            declared(b"<meta charset=iso-8859-1>"),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(declared(b"<p>charset=windows-1256</p>"), None);
        assert_eq!(declared(b"<meta name=\"x\" content=\"y\">"), None);
    }

    #[test]
    fn a_declaration_cannot_make_cyrillic_of_arabic() {
        // Short Windows-1256 text declared as such is Arabic, even where detection alone
        // could hesitate; declared ISO-8859-1 on it would be Latin letters, as declared.
        let (body, _, _) = encoding_rs::WINDOWS_1256.encode("عاجل");
        let mut bytes = b"<meta charset=windows-1256>".to_vec();
        bytes.extend_from_slice(&body);
        assert!(decode(&bytes).expect("decodes").text.ends_with("عاجل"));
    }

    #[test]
    fn lone_cr_becomes_lf() {
        assert_eq!(normalize_line_ends("a\rb\r\nc\n"), "a\nb\nc\n");
        assert_eq!(
            normalize_line_ends("a\u{2028}b\u{2029}c\u{85}d"),
            "a\nb\n\nc\nd"
        );
    }
}
