//! Single-file pages: what `SingleFile` and monolith write into a page, and the weight they add.
//!
//! - **The header.** `SingleFile` puts a comment first in `<html>`, one field a line:
//!   `Page saved with SingleFile`, `url: https://…`, `saved date: Mon Dec 01 2025 10:20:30
//!   GMT+0300 (…)` (older versions: `Archive processed by SingleFile`);
//!   monolith puts one before the doctype: `<!-- Saved from https://… at
//!   2025-12-01T07:20:30Z using monolith v2.10.1 -->` (`Saved from local source at …` for a
//!   file). [`header`] reads the address and the saved date from either: the address is the
//!   story's when the page names no canonical one, the date is when it was saved (never its
//!   publication date).
//! - **The weight.** Both inline every image, font and stylesheet as `data:` URIs, so a page
//!   of a few kilobytes of text weighs megabytes. [`lighten`] takes them out before the
//!   parser sees the page, in one linear pass each: the contents of `<style>` elements go
//!   (no step of the extraction reads CSS), and every `data:` URI of more than
//!   [`LONG_DATA_URI`] bytes becomes the empty `data:,`.

use std::borrow::Cow;

use memchr::memmem;

use crate::model::Published;

use super::super::date;

/// What a single-file page's header says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Header {
    /// The page's address when it was saved (`http`/`https` only).
    pub url: Option<String>,
    /// When it was saved.
    pub saved: Option<Published>,
}

/// Where the header comments are looked for: the start of the page.
const HEAD: usize = 8 * 1024;

/// The header of a page saved by `SingleFile` or monolith; empty for any other page.
pub fn header(text: &str) -> Header {
    let mut end = text.len().min(HEAD);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut rest = &text[..end];
    while let Some(start) = rest.find("<!--") {
        let after = &rest[start + 4..];
        let Some(close) = after.find("-->") else {
            break;
        };
        let comment = &after[..close];
        if let Some(h) = single_file(comment).or_else(|| monolith(comment)) {
            return h;
        }
        rest = &after[close + 3..];
    }
    Header::default()
}

/// `Page saved with SingleFile` / `url: …` / `saved date: …`, one field a line.
fn single_file(comment: &str) -> Option<Header> {
    let body = comment.trim_start();
    if !body.starts_with("Page saved with SingleFile")
        && !body.starts_with("Archive processed by SingleFile")
    {
        return None;
    }
    let mut header = Header::default();
    for line in body.lines().map(str::trim) {
        if let Some(url) = line.strip_prefix("url:") {
            header.url = web_address(url);
        } else if let Some(saved) = line.strip_prefix("saved date:") {
            header.saved = js_date(saved.trim()).or_else(|| date::parse(saved));
        }
    }
    Some(header)
}

/// `Saved from <url> at <RFC 3339 time> using monolith v…`.
fn monolith(comment: &str) -> Option<Header> {
    let body = comment.trim().strip_prefix("Saved from ")?;
    let (from, rest) = body.split_once(" at ")?;
    let (at, tool) = rest.rsplit_once(" using ")?;
    if !tool.trim_start().starts_with("monolith") {
        return None;
    }
    Some(Header {
        url: web_address(from),
        saved: date::parse(at.trim()),
    })
}

fn web_address(text: &str) -> Option<String> {
    let url = text.trim();
    ((url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(char::is_whitespace))
    .then(|| url.to_owned())
}

/// JavaScript's `Date.prototype.toString()`, as `SingleFile` writes the saved date:
/// `Mon Dec 01 2025 10:20:30 GMT+0300 (Arabian Standard Time)`, with its offset.
fn js_date(text: &str) -> Option<Published> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let mut words = text.split_whitespace();
    let _weekday = words.next()?;
    let month = words.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| month.starts_with(m))? + 1;
    let day: u8 = words.next()?.parse().ok()?;
    let year: u16 = words.next()?.parse().ok()?;
    let time = words.next()?;
    let zone = words.next()?.strip_prefix("GMT")?;
    let (sign, digits) = zone.split_at_checked(1)?;
    if !matches!(sign, "+" | "-")
        || digits.len() != 4
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    date::parse(&format!(
        "{year:04}-{month:02}-{day:02}T{time}{sign}{}:{}",
        &digits[..2],
        &digits[2..]
    ))
}

/// A `data:` URI longer than this (its payload, in bytes) is emptied by [`lighten`]: icons
/// of a few dozen bytes stay, images and fonts go.
pub const LONG_DATA_URI: usize = 256;

/// The page without what weighs and says nothing: `<style>` contents and long `data:` URIs.
/// Borrowed unchanged when there are none.
pub fn lighten(text: &str) -> Cow<'_, str> {
    // the URIs first: what is left for the second pass is the page's text and markup
    match without_data_uris(text) {
        Cow::Borrowed(t) => without_styles(t),
        Cow::Owned(t) => Cow::Owned(without_styles(&t).into_owned()),
    }
}

/// The length of a `data:` URI's payload: up to the first quote, bracket of markup or CSS,
/// `&` (of `&quot;`) or white space. Searched with `memchr`'s vector scans, each only as far
/// as the nearest end found so far: megabytes of base64 cost a few of them.
fn payload_len(bytes: &[u8]) -> usize {
    let mut end = memchr::memchr3(b'"', b'\'', b')', bytes).unwrap_or(bytes.len());
    for set in [
        [b'<', b'>', b'&'],
        [b' ', b'\n', b'\t'],
        [b'\r', b'\x0c', b'\x0c'],
    ] {
        if let Some(e) = memchr::memchr3(set[0], set[1], set[2], &bytes[..end]) {
            end = e;
        }
    }
    end
}

/// Every long `data:` URI as `data:,`.
fn without_data_uris(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    for at in memmem::find_iter(bytes, b"data:") {
        if at < copied {
            continue; // inside a payload already cut
        }
        let start = at + 5;
        let len = payload_len(&bytes[start..]);
        if len < LONG_DATA_URI {
            continue;
        }
        // the payload is ASCII up to a byte that ends it (ASCII too): both ends are
        // character boundaries
        out.push_str(&text[copied..start]);
        out.push(',');
        copied = start + len;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The text with every `<style>` element's contents removed (the tags stay). Comments and
/// `<script>` contents are stepped over, so a `<style>` written inside them is not one.
fn without_styles(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            i = find(bytes, i + 3, b"-->");
        } else if let Some(name) = ["script", "style"].into_iter().find(|n| tag_is(rest, n)) {
            let Some(open_end) = memchr::memchr(b'>', rest).map(|e| i + e + 1) else {
                break;
            };
            let close = find_close(bytes, open_end, name);
            if name == "style" && close > open_end {
                out.push_str(&text[copied..open_end]);
                copied = close;
            }
            i = close;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Does the markup after a `<` open the element `name` (any case)?
fn tag_is(rest: &[u8], name: &str) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        && matches!(
            rest[name.len()],
            b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
        )
}

/// Where `</name` starts at or after `from` (any case); the end of the text when it never
/// does.
fn find_close(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off;
        let rest = &bytes[at + 1..];
        if rest.first() == Some(&b'/') && tag_is(&rest[1..], name) {
            return at;
        }
        i = at + 1;
    }
    bytes.len()
}

/// The index just past `needle` at or after `from`; the end of the text when it is missing.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    memmem::find(&bytes[from.min(bytes.len())..], needle)
        .map_or(bytes.len(), |off| from + off + needle.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_file_and_monolith_headers() {
        let page = "<!DOCTYPE html> <html lang=\"ar\" dir=\"rtl\"><!--\n Page saved with SingleFile \n \
                    url: https://news.example/ar/a/1 \n saved date: Mon Dec 01 2025 10:20:30 \
                    GMT+0300 (Arabian Standard Time)\n--><head><title>x</title>";
        let h = header(page);
        assert_eq!(h.url.as_deref(), Some("https://news.example/ar/a/1"));
        assert_eq!(
            h.saved.map(|d| d.to_string()).as_deref(),
            Some("2025-12-01T10:20:30+03:00")
        );
        let h = header(
            "<!-- Saved from https://news.example/en/b at 2025-12-01T07:20:30Z using monolith \
             v2.10.1 -->\n<!DOCTYPE html><html><head>",
        );
        assert_eq!(h.url.as_deref(), Some("https://news.example/en/b"));
        assert_eq!(h.saved.map(|d| d.day()).as_deref(), Some("2025-12-01"));
        let local = header(
            "<!-- Saved from local source at 2025-12-01T07:20:30Z using monolith v2.8.0 -->",
        );
        assert_eq!(local.url, None);
        assert!(local.saved.is_some());
        // an ordinary comment, or none
        assert_eq!(
            header("<html><!-- saved date: today --><body>"),
            Header::default()
        );
        assert_eq!(header("<html><!-- never closed"), Header::default());
    }

    #[test]
    fn javascript_dates_keep_their_offset() {
        let d = js_date("Tue Mar 05 2024 23:40:00 GMT-0500 (Eastern Standard Time)");
        assert_eq!(
            d.map(|d| d.to_string()).as_deref(),
            Some("2024-03-05T23:40:00-05:00")
        );
        assert_eq!(js_date("Tue Feb 30 2024 10:00:00 GMT+0000"), None);
        assert_eq!(js_date("yesterday"), None);
    }

    #[test]
    fn long_data_uris_and_styles_go_the_rest_stays() {
        let image = "A".repeat(5000);
        let page = format!(
            "<style>body{{background:url(data:image/png;base64,{image})}}</style>\
             <script>var s = \"<style>\";</script>\
             <img src=\"data:image/png;base64,{image}\" alt=\"صورة\">\
             <img src='data:image/gif;base64,R0lGOD'>\
             <div style=\"background:url(&quot;data:image/png;base64,{image}&quot;)\"></div>\
             <!-- <style> in a comment --><p>data: the text stays</p><STYLE type=x>p{{}}</Style>"
        );
        let light = lighten(&page);
        assert_eq!(
            light,
            "<style></style><script>var s = \"<style>\";</script>\
             <img src=\"data:,\" alt=\"صورة\"><img src='data:image/gif;base64,R0lGOD'>\
             <div style=\"background:url(&quot;data:,&quot;)\"></div>\
             <!-- <style> in a comment --><p>data: the text stays</p><STYLE type=x></Style>"
        );
        let plain = "<p>nothing to lighten: data: 1</p>";
        assert!(matches!(lighten(plain), Cow::Borrowed(_)));
        // a page cut inside a style or a payload
        assert_eq!(lighten("<style>a{}"), "<style>");
        assert_eq!(
            lighten(&format!("<img src=\"data:{image}")),
            "<img src=\"data:,"
        );
    }
}
