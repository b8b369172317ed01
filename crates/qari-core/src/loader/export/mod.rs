//! Read-later exports: what people who used wallabag, Pocket, Instapaper or Omnivore keep.
//!
//! An export is recognised by its content, never by its file name (people rename them):
//! a JSON array whose records have wallabag's fields, an Omnivore `metadata_*.json`, a CSV
//! with Pocket's or Instapaper's header, Pocket's older HTML list. Each record becomes a
//! [`Draft`] whose [`Saved`](crate::model::Saved) carries the date it was saved and the read
//! and starred state it had; exports that hold only links (Pocket, Instapaper) give
//! *link-only* stories (title, URL, tags, date added, no text).
//!
//! The record's HTML (wallabag's `content`, Omnivore's `content/<slug>.html`) goes through the
//! same HTML-to-paragraphs walk as feed items ([`super::html::blocks`]): exports store the
//! article already extracted, so running the page extractor over it again would only lose
//! text.

use serde_json::Value;

use super::html::blocks;
use super::problem::{RecordAt, RecordProblem};
use super::{Draft, Problem};
use crate::model::Published;
use crate::normalize::fold;

pub(crate) mod links;
pub(crate) mod omnivore;
pub(crate) mod wallabag;

/// A flag as exports write it: `true`, `1`, `"1"`, `"true"` (wallabag v1 writes strings, v2
/// numbers or booleans).
pub(crate) fn flag(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" => Some(true),
            "0" | "false" | "no" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A date given as text (ISO 8601 or any form `loader::date` reads) or as Unix seconds.
pub(crate) fn when(v: &Value) -> Option<Published> {
    match v {
        Value::String(s) => {
            let s = s.trim();
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok().and_then(super::date::from_unix)
            } else {
                super::date::parse(s)
            }
        }
        Value::Number(n) => n.as_i64().and_then(super::date::from_unix),
        _ => None,
    }
}

/// A record's field as text, trimmed; `None` when missing, not text, or blank.
pub(crate) fn text(o: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    o.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Every record of an export through `entry`, with its position in the array; a record
/// `entry` refuses is reported with its number and skipped, and the others load.
pub(crate) fn each_record(
    records: Vec<Value>,
    entry: impl Fn(&Value) -> Result<Draft, RecordProblem>,
) -> (Vec<(usize, Draft)>, Vec<Problem>) {
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in records.into_iter().enumerate() {
        match entry(&record) {
            Ok(draft) => drafts.push((i, draft)),
            Err(why) => problems.push(Problem::Record {
                at: RecordAt::Record(i + 1),
                why,
            }),
        }
    }
    (drafts, problems)
}

/// The host of a URL without `www.` (`https://www.example.com/a` → `example.com`): the source
/// of a saved story when the export names no site.
pub(crate) fn host(url: &str) -> Option<String> {
    let host = url::Url::parse(url.trim()).ok()?.host_str()?.to_owned();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_owned())
}

/// An exported article's HTML as paragraphs and inline links, without a first paragraph that
/// only repeats the title.
pub(crate) fn article(html: &str, title: &str, base: Option<&str>) -> blocks::Blocks {
    let mut body = blocks::of_fragment(html, base);
    if body
        .paragraphs
        .first()
        .is_some_and(|p| fold(p) == fold(title))
    {
        body.paragraphs.remove(0);
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flags_in_every_spelling() {
        for yes in [json!(true), json!(1), json!("1"), json!("true")] {
            assert_eq!(flag(&yes), Some(true), "{yes}");
        }
        for no in [json!(false), json!(0), json!("0"), json!("")] {
            assert_eq!(flag(&no), Some(false), "{no}");
        }
        assert_eq!(flag(&json!(null)), None);
    }

    #[test]
    fn hosts_and_dates() {
        assert_eq!(
            host("https://www.example.com/a/b").as_deref(),
            Some("example.com")
        );
        assert_eq!(host("not a url"), None);
        let d = when(&json!("1700000000")).expect("unix text");
        assert_eq!(d.day(), "2023-11-14");
        assert_eq!(
            when(&json!("2024-03-05T10:00:00+01:00")).map(|d| d.day()),
            Some("2024-03-05".into())
        );
    }
}
