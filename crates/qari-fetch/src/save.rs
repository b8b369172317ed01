//! The files the fetcher writes into its archive folder, in forms qari (and other tools)
//! already read, each replaced atomically by the core's writer:
//!
//! - an item as a **JSON Feed** of one item (`<folder>/<hash>.json`): the item's id, address,
//!   title, content HTML, dates, authors and tags as the feed gave them, the feed's title as
//!   the source; the feeds it came from under `_qari.sources` (JSON Feed's extension
//!   convention: other readers ignore it);
//! - a page fetched for its full text as **HTML with a `SingleFile`-style header**
//!   (`<folder>/<hash>.html`): `Page saved with SingleFile`, `url:` and `saved date:` in a
//!   comment before the page, so the loader reads the address and the fetch date back as it
//!   does for `SingleFile`'s own saves.
//!
//! `<hash>` is the FNV-1a of the item's first identity: the same item always lands in the
//! same file, which is what makes a rerun after a crash write no duplicate.

use std::io;
use std::path::Path;

use serde_json::{Value, json};

use crate::clock;
use crate::ident;
use crate::items::Item;
use crate::state::Source;

/// The file (relative to the fetch folder) of the item first known as `key`.
pub fn file_name(folder: &str, key: &str, ext: &str) -> String {
    format!("{folder}/{:016x}.{ext}", ident::fnv(key))
}

/// A hash of what an item's file holds: a different one means the item changed (its address
/// compared normalised, so a new tracking parameter is no change).
pub fn content_hash(item: &Item) -> u64 {
    let text = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        item.title,
        item.url
            .as_deref()
            .and_then(ident::normal_url)
            .unwrap_or_default(),
        item.html.as_deref().unwrap_or_default(),
        item.tags.join("\u{1e}")
    );
    ident::fnv(&text)
}

/// The JSON Feed of one item, first known as `key`.
pub fn item_json(
    item: &Item,
    key: &str,
    feed_title: Option<&str>,
    sources: &[Source],
    fetched: u64,
) -> Vec<u8> {
    let date = |t: Option<i64>| {
        t.and_then(|t| u64::try_from(t).ok())
            .map(|t| Value::String(clock::rfc3339(t)))
    };
    let mut entry = json!({
        "id": key,
        "title": item.title,
    });
    let fields = [
        ("url", item.url.clone().map(Value::String)),
        ("content_html", item.html.clone().map(Value::String)),
        ("date_published", date(item.published)),
        ("date_modified", date(item.updated)),
        ("language", item.lang.clone().map(Value::String)),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            entry[name] = v;
        }
    }
    if !item.authors.is_empty() {
        entry["authors"] = item.authors.iter().map(|a| json!({ "name": a })).collect();
    }
    if !item.tags.is_empty() {
        entry["tags"] = json!(item.tags);
    }
    let mut doc = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed_title.unwrap_or("feed"),
        "items": [entry],
        "_qari": {
            "fetched": clock::rfc3339(fetched),
            "sources": sources.iter().map(|s| json!({"feed": s.feed, "title": s.title})).collect::<Vec<_>>(),
        },
    });
    if let Some(first) = sources.first() {
        doc["feed_url"] = Value::String(first.feed.clone());
    }
    serde_json::to_vec_pretty(&doc).unwrap_or_default()
}

/// A fetched page with the header that names its address and fetch date, and the feed's
/// title as the site's name (an `og:site_name` before the page: the loader takes the first
/// one, so the feed's name wins over the page's own).
pub fn page_html(url: &str, fetched: u64, site: Option<&str>, page: &[u8]) -> Vec<u8> {
    use std::fmt::Write as _;
    let url = url
        .replace("--", "%2D%2D")
        .replace(char::is_whitespace, "%20");
    let mut header = format!(
        "<!--\n Page saved with SingleFile \n url: {url} \n saved date: {} \n saved by: {}\n-->\n",
        clock::js_date(fetched),
        crate::USER_AGENT
    );
    if let Some(site) = site {
        let escaped = site
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let _ = writeln!(
            header,
            "<meta property=\"og:site_name\" content=\"{escaped}\">"
        );
    }
    let mut out = header.into_bytes();
    out.extend_from_slice(page);
    out
}

/// Writes `bytes` to `rel` under `into`, atomically, creating the folder.
pub fn write(into: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let path = into.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    qari_core::library::store::write_atomically(&path, bytes)
}
