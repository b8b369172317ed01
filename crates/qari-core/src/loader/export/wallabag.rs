//! wallabag's JSON export (Export → JSON in wallabag 2; "Export your data" in wallabag 1).
//!
//! wallabag 2 writes an array of entries: `title`, `url`, `content` (the article's HTML, as
//! wallabag extracted it), `created_at` (when it was saved), `published_at`, `published_by`
//! (a list of authors), `language`, `domain_name`, `origin_url`, `tags`, `is_archived`,
//! `is_starred` (numbers or booleans) and `annotations` (quotes with notes). wallabag 1
//! exported its database rows as PHP fetched them: every field twice, under its column number
//! and its name (`"3": "0", "is_read": "0"`), flags as strings, `is_read` and `is_fav`.
//!
//! `created_at` is the saved date, never the publication date: a story wallabag did not date
//! stays undated rather than being listed on the day it was saved.

use serde_json::{Map, Value};

use super::{article, each_record, flag, host, text, when};
use crate::loader::problem::RecordProblem;
use crate::loader::{Draft, Problem};
use crate::model::Saved;

/// Whether a JSON array is a wallabag export: its objects carry wallabag's state flags next
/// to a URL (one record is enough; other records may be damaged).
pub(crate) fn is_export(records: &[Value]) -> bool {
    records.iter().take(8).any(|r| {
        r.as_object().is_some_and(|o| {
            o.contains_key("url")
                && ((o.contains_key("is_archived") && o.contains_key("is_starred"))
                    || (o.contains_key("is_read") && o.contains_key("is_fav")))
        })
    })
}

/// Every entry of an export, with its position in the array; entries that are not objects or
/// have neither a title nor a URL are reported and skipped.
pub(crate) fn parse(records: Vec<Value>) -> (Vec<(usize, Draft)>, Vec<Problem>) {
    each_record(records, entry)
}

fn entry(record: &Value) -> Result<Draft, RecordProblem> {
    let Value::Object(o) = record else {
        return Err(RecordProblem::NotAnObject);
    };
    let text = |key: &str| text(o, key);
    let url = text("url").or_else(|| text("given_url"));
    let title = text("title")
        .or_else(|| url.clone())
        .ok_or(RecordProblem::NoTitle)?;
    let body = text("content")
        .map(|html| article(&html, &title, url.as_deref()))
        .unwrap_or_default();
    let mut paragraphs = body.paragraphs;
    paragraphs.extend(annotations(o));
    let source = text("domain_name")
        .map(|d| d.strip_prefix("www.").unwrap_or(&d).to_owned())
        .or_else(|| text("origin_url").as_deref().and_then(host))
        .or_else(|| url.as_deref().and_then(host));
    let is = |keys: &[&str]| keys.iter().filter_map(|k| o.get(*k)).find_map(flag);
    Ok(Draft {
        title,
        paragraphs,
        source,
        author: authors(o.get("published_by")),
        published: o.get("published_at").and_then(when),
        links: body.links,
        lang: text("language").map(|l| l.replace('_', "-")),
        tags: tags(o.get("tags")),
        key: o
            .get("id")
            .filter(|id| !id.is_null())
            .map(|id| format!("wallabag:{}", id.to_string().trim_matches('"')))
            .or_else(|| url.clone()),
        saved: Saved {
            at: o.get("created_at").and_then(when),
            read: is(&["is_archived", "is_read"]).unwrap_or(false),
            starred: is(&["is_starred", "is_fav"]).unwrap_or(false),
            link_only: false,
        },
        url,
        dir: None,
        translations: Vec::new(),
    })
}

/// `published_by`: a list of names (wallabag 2) or one name.
fn authors(v: Option<&Value>) -> Option<String> {
    let names: Vec<&str> = match v? {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let names: Vec<&str> = names
        .into_iter()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Tags as names, objects with a `label` (wallabag's API shape) or one comma-separated text.
fn tags(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|t| match t {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o
                    .get("label")
                    .or_else(|| o.get("slug"))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                _ => None,
            })
            .collect(),
        Some(Value::String(s)) => s.split(',').map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

/// The user's annotations, after the text: each quote, then its note when there is one.
fn annotations(o: &Map<String, Value>) -> Vec<String> {
    let Some(Value::Array(items)) = o.get("annotations") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for a in items {
        let field = |k: &str| {
            a.get(k)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        if let Some(quote) = field("quote") {
            out.push(format!("❝{quote}❞"));
        }
        if let Some(note) = field("text") {
            out.push(format!("✎ {note}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_wallabag_2_entry_with_its_state_dates_and_site() {
        let records = json!([{
            "is_archived": 1, "is_starred": true, "tags": ["مياه", "سدود"],
            "id": 41, "title": "السد الجديد يفتح بواباته",
            "url": "https://www.news.example/ar/2025/dam",
            "content": "<p>السد الجديد يفتح بواباته</p><p>فتحت <b>إدارة</b> السد بواباته صباح اليوم.</p><p>وقال المهندس إن <a href=\"/ar/rain\">الأمطار</a> كانت غزيرة.</p>",
            "created_at": "2025-02-03T18:00:00+03:00",
            "published_at": "2025-02-01T09:30:00+03:00",
            "published_by": ["سارة الخطيب"],
            "language": "ar_SA", "domain_name": "www.news.example",
            "annotations": [{"quote": "كانت غزيرة", "text": "قارن بالعام الماضي"}]
        }]);
        let Value::Array(records) = records else {
            unreachable!()
        };
        assert!(is_export(&records));
        let (drafts, problems) = parse(records);
        assert!(problems.is_empty(), "{problems:?}");
        let d = &drafts[0].1;
        assert_eq!(d.title, "السد الجديد يفتح بواباته");
        assert_eq!(d.paragraphs[0], "فتحت إدارة السد بواباته صباح اليوم.");
        assert_eq!(d.paragraphs.len(), 4, "{:?}", d.paragraphs);
        assert_eq!(d.paragraphs[2], "❝كانت غزيرة❞");
        assert_eq!(d.source.as_deref(), Some("news.example"));
        assert_eq!(d.author.as_deref(), Some("سارة الخطيب"));
        assert_eq!(d.published.map(|p| p.day()).as_deref(), Some("2025-02-01"));
        assert_eq!(d.saved.at.map(|p| p.day()).as_deref(), Some("2025-02-03"));
        assert!(d.saved.read && d.saved.starred && !d.saved.link_only);
        assert_eq!(d.lang.as_deref(), Some("ar-SA"));
        assert_eq!(d.tags, ["مياه", "سدود"]);
        assert_eq!(
            d.links[0].url.as_deref(),
            Some("https://www.news.example/ar/rain")
        );
    }

    #[test]
    fn created_at_never_dates_the_story() {
        let Value::Array(records) = json!([{
            "is_archived": false, "is_starred": false, "title": "Undated",
            "url": "https://e.example/u", "content": "<p>Text.</p>",
            "created_at": "2025-02-03T18:00:00+00:00", "published_at": null
        }]) else {
            unreachable!()
        };
        let (drafts, _) = parse(records);
        assert_eq!(drafts[0].1.published, None);
        assert!(drafts[0].1.saved.at.is_some());
        assert!(!drafts[0].1.saved.read);
    }

    #[test]
    fn a_wallabag_1_export_with_doubled_fields_and_string_flags() {
        let Value::Array(records) = json!([
            {"0": "7", "id": "7", "1": "Old title", "title": "Old title",
             "2": "http://old.example/a", "url": "http://old.example/a",
             "3": "1", "is_read": "1", "4": "0", "is_fav": "0",
             "5": "<p>Kept since 2014.</p>", "content": "<p>Kept since 2014.</p>",
             "6": "1", "user_id": "1"},
            "junk"
        ]) else {
            unreachable!()
        };
        assert!(is_export(&records));
        let (drafts, problems) = parse(records);
        assert_eq!(drafts.len(), 1);
        assert_eq!(problems.len(), 1, "the string record is named, not fatal");
        let d = &drafts[0].1;
        assert!(d.saved.read && !d.saved.starred);
        assert_eq!(d.paragraphs, ["Kept since 2014."]);
        assert_eq!(d.source.as_deref(), Some("old.example"));
        assert_eq!(d.key.as_deref(), Some("wallabag:7"));
    }

    #[test]
    fn a_plain_json_array_is_not_an_export() {
        let Value::Array(records) = json!([{"title": "t", "url": "u", "body": "b"}]) else {
            unreachable!()
        };
        assert!(!is_export(&records));
    }
}
