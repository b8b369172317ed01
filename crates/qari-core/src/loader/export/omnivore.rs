//! Omnivore's export (the zip it mailed before it closed in November 2024): `metadata_*.json`
//! files of records, each naming a `slug`; the article's HTML in `content/<slug>.html` and the
//! reader's highlights in `highlights/<slug>.md`, beside them.
//!
//! A record is `id`, `slug`, `title`, `description`, `author`, `url`, `state` (`Archived` when
//! the user archived it), `labels` (names, or objects with a `name`), `savedAt`, `publishedAt`.
//! One story per record: its content when the export has it (through the same HTML walk as
//! feed items), otherwise its description; its highlights after the text, each quote then its
//! note. The files under `content/` and `highlights/` are read through the record, never as
//! stories of their own (the walk leaves them out: [`crate::loader::bundle`]).

use serde_json::Value;

use super::{article, each_record, host, text, when};
use crate::loader::problem::RecordProblem;
use crate::loader::{Draft, Problem, Sidecars};
use crate::model::Saved;

/// Whether a JSON array is an Omnivore metadata file: records with a `slug`, a URL and
/// Omnivore's dates.
pub(crate) fn is_export(records: &[Value]) -> bool {
    records.iter().take(8).any(|r| {
        r.as_object().is_some_and(|o| {
            o.contains_key("slug")
                && o.contains_key("url")
                && (o.contains_key("savedAt") || o.contains_key("state"))
        })
    })
}

/// Every record, with its content and highlights read from `sidecars`.
pub(crate) fn parse(
    records: Vec<Value>,
    sidecars: &dyn Sidecars,
) -> (Vec<(usize, Draft)>, Vec<Problem>) {
    each_record(records, |record| entry(record, sidecars))
}

fn entry(record: &Value, sidecars: &dyn Sidecars) -> Result<Draft, RecordProblem> {
    let Value::Object(o) = record else {
        return Err(RecordProblem::NotAnObject);
    };
    let text = |key: &str| text(o, key);
    let url = text("url");
    let title = text("title")
        .or_else(|| url.clone())
        .ok_or(RecordProblem::NoTitle)?;
    // a slug is a file name: nothing that climbs out of the export
    let slug = text("slug").filter(|s| !s.contains(['/', '\\']) && !s.starts_with('.'));
    let content = slug
        .as_deref()
        .and_then(|s| sidecars.read_text(&format!("content/{s}.html")));
    let body = content
        .map(|html| article(&html, &title, url.as_deref()))
        .unwrap_or_default();
    let mut paragraphs = body.paragraphs;
    if paragraphs.is_empty() {
        paragraphs.extend(text("description"));
    }
    if let Some(md) = slug
        .as_deref()
        .and_then(|s| sidecars.read_text(&format!("highlights/{s}.md")))
    {
        paragraphs.extend(highlights(&md));
    }
    let labels = match o.get("labels") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|l| {
                l.as_str()
                    .or_else(|| l.get("name").and_then(Value::as_str))
                    .map(str::to_owned)
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(Draft {
        title,
        paragraphs,
        source: url.as_deref().and_then(host),
        author: text("author"),
        published: o.get("publishedAt").and_then(when),
        links: body.links,
        tags: labels,
        key: text("id")
            .map(|id| format!("omnivore:{id}"))
            .or_else(|| url.clone()),
        saved: Saved {
            at: o.get("savedAt").and_then(when),
            read: text("state").is_some_and(|s| s.eq_ignore_ascii_case("archived")),
            starred: false,
            link_only: false,
        },
        url,
        ..Draft::default()
    })
}

/// Omnivore's highlight file: `> quote [⤴️](link)` lines, each followed by the user's note
/// when there is one. Quotes become `❝…❞` paragraphs, notes `✎ …`.
pub(crate) fn highlights(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut quote = String::new();
    let flush = |quote: &mut String, out: &mut Vec<String>| {
        let q = quote.trim();
        if !q.is_empty() {
            out.push(format!("❝{q}❞"));
        }
        quote.clear();
    };
    for line in md.lines() {
        let line = line.trim();
        if let Some(q) = line.strip_prefix('>') {
            // the link back to Omnivore that ends each quote is not the user's text
            let q = q.rfind("[⤴").map_or(q, |at| &q[..at]);
            if !quote.is_empty() {
                quote.push(' ');
            }
            quote.push_str(q.trim());
        } else {
            flush(&mut quote, &mut out);
            if !line.is_empty() && !line.starts_with('#') {
                out.push(format!("✎ {line}"));
            }
        }
    }
    flush(&mut quote, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::HashMap;

    /// Files beside the one parsed, by relative path.
    type Files = HashMap<&'static str, &'static str>;

    #[test]
    fn records_with_content_highlights_labels_and_state() {
        let Value::Array(records) = json!([
            {"id": "a1", "slug": "the-river", "title": "النهر يعود", "author": "ليلى",
             "url": "https://www.river.example/ar/1", "state": "Archived",
             "labels": [{"name": "بيئة"}, "مياه"], "savedAt": "2024-10-30T12:39:28.023Z",
             "publishedAt": "2024-10-29T08:00:00Z", "description": "ملخص"},
            {"id": "b2", "slug": "no-content", "title": "Only a summary",
             "url": "https://e.example/2", "state": "Succeeded", "labels": [],
             "savedAt": "2024-10-01T00:00:00Z", "description": "The summary."},
            {"id": "c3", "slug": "../../etc/passwd", "title": "Climbing slug",
             "url": "https://e.example/3", "savedAt": "2024-10-01T00:00:00Z"}
        ]) else {
            unreachable!()
        };
        assert!(is_export(&records));
        let files = Files::from([
            (
                "content/the-river.html",
                "<div><h1>النهر يعود</h1><p>عاد الماء إلى مجرى النهر بعد سنوات.</p></div>",
            ),
            (
                "highlights/the-river.md",
                "> بعد سنوات [⤴️](https://omnivore.app/me/the-river#x)\n\nملاحظتي\n",
            ),
        ]);
        let (drafts, problems) = parse(records, &files);
        assert!(problems.is_empty());
        let river = &drafts[0].1;
        assert_eq!(
            river.paragraphs,
            [
                "عاد الماء إلى مجرى النهر بعد سنوات.",
                "❝بعد سنوات❞",
                "✎ ملاحظتي"
            ]
        );
        assert_eq!(river.tags, ["بيئة", "مياه"]);
        assert!(river.saved.read);
        assert_eq!(
            river.saved.at.map(|d| d.day()).as_deref(),
            Some("2024-10-30")
        );
        assert_eq!(
            river.published.map(|d| d.day()).as_deref(),
            Some("2024-10-29")
        );
        assert_eq!(river.source.as_deref(), Some("river.example"));
        assert_eq!(river.key.as_deref(), Some("omnivore:a1"));
        assert_eq!(drafts[1].1.paragraphs, ["The summary."]);
        assert!(!drafts[1].1.saved.read);
        assert!(drafts[2].1.paragraphs.is_empty());
    }
}
