//! Feed files -> one story per item: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0, Atom 1.0 and JSON
//! Feed 1.0/1.1, parsed by `feed-rs`.
//!
//! - title: entities decoded by the XML parser, inline markup removed (RSS, Atom); a JSON
//!   Feed title is plain text, kept as it is written (`<i>` is text there);
//! - date: `pubDate` / `published` / `dc:date` / `date_published`, else the `updated` one,
//!   read by qari's own date parser (`loader::date`), so the offset written is kept — feed-rs
//!   asks it through its timestamp hook and only sees the instant;
//! - author: the item's authors (an RSS `email (Name)` gives the name), source: the feed's
//!   title; language: the item's, else the feed's (`xml:lang`, `<language>`, `language`);
//! - body: the content, else the summary, through the HTML loader's walk
//!   (`html::blocks`), the same code as saved pages; links inside it resolve by URL;
//! - id: from the item's GUID / Atom id, else its URL ([`Draft::key`]), so an item keeps its
//!   id when the feed file is updated with newer items.
//!
//! The text reaches feed-rs as UTF-8 (the one encoding module decoded it), so the XML
//! prolog's `encoding` is rewritten to say so. A truncated or invalid file gives one problem
//! naming the reason, and the items before the break: the text up to the last complete item
//! is closed and parsed again.

use crate::loader::Problem;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use feed_rs::model::{Entry, Feed, FeedType, Text};

use crate::model::Published;

use super::lang::other_language;
use super::{Draft, date, html, json};

/// Whether `head` (the start of a `.json` file) is a JSON Feed, by its `version`.
pub fn is_json_feed(head: &str) -> bool {
    head.trim_start().starts_with('{') && head.contains("jsonfeed.org/version/")
}

/// Parses a feed file: its items in file order, and the problems met.
pub fn parse(text: &str) -> (Vec<(usize, Draft)>, Vec<Problem>) {
    let text = utf8_prolog(text);
    let dates: Arc<Mutex<HashMap<i64, Published>>> = Arc::default();
    let (feed, problem) = match parse_with(&text, &dates) {
        Ok(feed) => (Some(feed), None),
        Err(e) => {
            let detail = e.to_string();
            match complete_items(&text).and_then(|t| parse_with(&t, &dates).ok()) {
                Some(feed) => {
                    let kept = Some(feed.entries.len());
                    (Some(feed), Some(Problem::Feed { detail, kept }))
                }
                None => (None, Some(Problem::Feed { detail, kept: None })),
            }
        }
    };
    let dates = dates.lock().map(|d| d.clone()).unwrap_or_default();
    let drafts = feed.map_or_else(Vec::new, |feed| {
        feed.entries
            .iter()
            .enumerate()
            .map(|(i, entry)| (i, item(&feed, entry, &dates)))
            .collect()
    });
    (drafts, problem.into_iter().collect())
}

fn parse_with(
    text: &str,
    dates: &Arc<Mutex<HashMap<i64, Published>>>,
) -> Result<Feed, feed_rs::parser::ParseFeedError> {
    let seen = Arc::clone(dates);
    feed_rs::parser::Builder::new()
        // no made-up ids (feed-rs would hash or randomise them): `item` decides
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .timestamp_parser(move |raw| {
            let published = feed_date(raw)?;
            let instant = date::to_unix(&published);
            if let Ok(mut map) = seen.lock() {
                map.entry(instant).or_insert(published);
            }
            DateTime::<Utc>::from_timestamp(instant, 0)
        })
        .build()
        .parse(text.as_bytes())
}

/// One item as a story.
fn item(feed: &Feed, entry: &Entry, dates: &HashMap<i64, Published>) -> Draft {
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.trim().to_owned())
        .filter(|h| !h.is_empty());
    let title = entry
        .title
        .as_ref()
        .map(|t| title_text(feed, t))
        .unwrap_or_default();
    let body_html = entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .filter(|b| !b.trim().is_empty())
        .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()));
    let is_plain = entry
        .content
        .as_ref()
        .filter(|c| c.body.is_some())
        .map_or_else(
            || {
                entry.summary.as_ref().is_some_and(|s| {
                    s.content_type.subty().as_str() == "plain" && !s.content.contains('<')
                })
            },
            |c| c.content_type.subty().as_str() == "plain",
        );
    let body = match body_html {
        Some(b) if is_plain => html::blocks::Blocks {
            paragraphs: json::split_paragraphs(&b),
            links: Vec::new(),
        },
        Some(b) => html::blocks::of_fragment(&b, url.as_deref()),
        None => html::blocks::Blocks::default(),
    };
    let published = entry
        .published
        .or(entry.updated)
        .map(|d| {
            dates
                .get(&d.timestamp())
                .copied()
                .or_else(|| date::from_unix(d.timestamp()))
        })
        .and_then(|p| p);
    // an Atom feed's author is its entries' author when they name none
    let author = names(&entry.authors).or_else(|| names(&feed.authors));
    let key = Some(entry.id.trim().to_owned())
        .filter(|k| !k.is_empty())
        .or_else(|| url.clone());
    let title = if title.is_empty() {
        body.paragraphs.first().cloned().unwrap_or_default()
    } else {
        title
    };
    let mut paragraphs = body.paragraphs;
    if paragraphs
        .first()
        .is_some_and(|p| crate::normalize::fold(p) == crate::normalize::fold(&title))
    {
        paragraphs.remove(0);
    }
    let in_other_languages = translations(feed, entry, url.as_deref());
    Draft {
        title,
        paragraphs,
        source: feed
            .title
            .as_ref()
            .map(|t| title_text(feed, t))
            .filter(|t| !t.is_empty()),
        author,
        published,
        url,
        links: body.links,
        lang: entry
            .language
            .clone()
            .or_else(|| feed.language.clone())
            .map(|l| l.trim().replace('_', "-")),
        dir: None,
        tags: entry
            .categories
            .iter()
            .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
            .collect(),
        key,
        saved: crate::model::Saved::default(),
        translations: in_other_languages,
    }
}

/// An Atom entry's versions in other languages: its `alternate` links whose `hreflang` is not
/// the entry's language (nor `x-default`), other than its own address.
fn translations(feed: &Feed, entry: &Entry, own: Option<&str>) -> Vec<String> {
    let lang = entry.language.as_deref().or(feed.language.as_deref());
    entry
        .links
        .iter()
        .filter(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .filter(|l| {
            l.href_lang
                .as_deref()
                .is_some_and(|tag| other_language(tag, lang))
        })
        .map(|l| l.href.trim().to_owned())
        .filter(|h| !h.is_empty() && Some(h.as_str()) != own)
        .collect()
}

/// A title as plain text. JSON Feed titles are plain text by the specification (`<b>` in one
/// is two words to show); RSS and Atom titles lose their markup when they are HTML (or look
/// like it).
fn title_text(feed: &Feed, text: &Text) -> String {
    let markup = feed.feed_type != FeedType::JSON
        && (text.content.contains('<') || text.content_type.subty().as_str() == "html");
    if markup {
        html::blocks::of_fragment(&text.content, None)
            .paragraphs
            .join(" ")
    } else {
        text.content
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn names(people: &[feed_rs::model::Person]) -> Option<String> {
    let names: Vec<String> = people
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(person_name)
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// `jane@example.com (Jane Doe)` -> `Jane Doe`; a bare address stays as it is.
fn person_name(raw: &str) -> String {
    let raw = raw.trim();
    if raw.contains('@')
        && let (Some(open), true) = (raw.find('('), raw.ends_with(')'))
    {
        return raw[open + 1..raw.len() - 1].trim().to_owned();
    }
    raw.trim_start_matches('(')
        .trim_end_matches(')')
        .trim()
        .to_owned()
}

/// A feed date with its offset: ISO 8601 / RFC 3339 through `date::parse`, and RFC 822's
/// zones (`+0300`, `GMT`, `EST` …) that `date::parse` leaves aside.
fn feed_date(raw: &str) -> Option<Published> {
    let mut p = date::parse(raw)?;
    if p.time.is_some() && p.offset_minutes.is_none() {
        p.offset_minutes = rfc822_zone(raw);
    }
    Some(p)
}

fn rfc822_zone(raw: &str) -> Option<i16> {
    let zone = raw.split_whitespace().last()?;
    let named = match zone.to_ascii_uppercase().as_str() {
        "GMT" | "UT" | "UTC" | "Z" => Some(0),
        "EST" => Some(-300),
        "EDT" | "CST" => Some(if zone.eq_ignore_ascii_case("EDT") {
            -240
        } else {
            -360
        }),
        "CDT" | "MST" => Some(if zone.eq_ignore_ascii_case("CDT") {
            -300
        } else {
            -420
        }),
        "MDT" | "PST" => Some(if zone.eq_ignore_ascii_case("MDT") {
            -360
        } else {
            -480
        }),
        "PDT" => Some(-420),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    let (sign, digits) = match zone.as_bytes().first()? {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let hours: i16 = digits[..2].parse().ok()?;
    let minutes: i16 = digits[2..].parse().ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

/// The text with its XML prolog saying UTF-8 (which it is, once decoded).
fn utf8_prolog(text: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("<?xml")
        && let Some(end) = trimmed.find("?>")
    {
        return format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>{}",
            &trimmed[end + 2..]
        )
        .into();
    }
    trimmed.into()
}

/// A cut or broken XML feed closed after its last complete item, for a second try.
fn complete_items(text: &str) -> Option<String> {
    let (cut, root) = ["</item>", "</entry>"]
        .iter()
        .filter_map(|end| text.rfind(end).map(|i| (i + end.len(), *end)))
        .max()?;
    let mut out = text[..cut].to_owned();
    let lower = text[..cut.min(4096)].to_ascii_lowercase();
    if root == "</entry>" {
        out.push_str("</feed>");
    } else if lower.contains("<rdf:rdf") {
        out.push_str("</rdf:RDF>");
    } else {
        out.push_str("</channel></rss>");
    }
    Some(out)
}

#[cfg(test)]
mod tests;
