//! Stories stored as JSON: `.json` (one object or an array of objects) and `.jsonl` (one
//! object a line).
//!
//! ```json
//! {"title": "…", "body": "para\n\npara" | ["para", "para"], "source": "…", "author": "…",
//!  "published": "2022-09-18T10:30:00+03:00", "url": "https://…", "lang": "ar", "dir": "rtl",
//!  "related": ["a title", "https://…", "0123456789abcdef", {"title": "…", "url": "…"}]}
//! ```
//!
//! Only `title` is required. Unknown fields are ignored, so exports of other tools load as
//! they are; `content`/`text` are accepted for `body`, `date` for `published` (text in any form
//! `loader::date` reads, or Unix time in seconds or milliseconds), `links` for
//! `related`. A record that is not an object or has no title is reported (with its index or
//! line number) and skipped; the other records load.

use serde::Deserialize;

use crate::model::{Link, LinkKind, StoryId};

use super::{Draft, date, lang};

#[derive(Debug, Deserialize)]
struct Record {
    title: Option<String>,
    #[serde(alias = "content", alias = "text")]
    body: Option<Body>,
    source: Option<String>,
    author: Option<String>,
    #[serde(alias = "date")]
    published: Option<When>,
    url: Option<String>,
    lang: Option<String>,
    dir: Option<String>,
    #[serde(alias = "links")]
    related: Option<OneOrMany>,
}

/// `related` as a list, or a single entry written without the brackets.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    Many(Vec<Related>),
    One(Related),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<Related> {
        match self {
            OneOrMany::Many(v) => v,
            OneOrMany::One(r) => vec![r],
        }
    }
}

/// A date as text, or as Unix time (seconds, or milliseconds when that large).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum When {
    Text(String),
    Unix(i64),
}

impl When {
    fn published(&self) -> Option<crate::model::Published> {
        match self {
            When::Text(text) => date::parse(text),
            When::Unix(n) => {
                let seconds = if n.unsigned_abs() >= 100_000_000_000 {
                    n / 1000
                } else {
                    *n
                };
                date::from_unix(seconds)
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Body {
    Text(String),
    Paragraphs(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Related {
    /// A title, a URL or a story id.
    Text(String),
    Object {
        title: Option<String>,
        url: Option<String>,
        id: Option<String>,
    },
}

/// Parses a `.json` file: `(position, draft)` pairs and the reasons records were skipped.
pub fn parse(text: &str) -> (Vec<(usize, Draft)>, Vec<String>) {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return (Vec::new(), vec![format!("invalid JSON: {e}")]),
    };
    let records = match value {
        serde_json::Value::Array(items) => items,
        other => vec![other],
    };
    let mut drafts = Vec::new();
    let mut errors = Vec::new();
    for (i, value) in records.into_iter().enumerate() {
        let record = if value.is_object() {
            serde_json::from_value::<Record>(value).map_err(|e| e.to_string())
        } else {
            Err("not an object".to_owned())
        };
        match record.and_then(draft) {
            Ok(d) => drafts.push((i, d)),
            Err(e) => errors.push(format!("record {}: {e}", i + 1)),
        }
    }
    (drafts, errors)
}

/// Parses a `.jsonl` file: one record a line; blank lines are skipped.
pub fn parse_lines(text: &str) -> (Vec<(usize, Draft)>, Vec<String>) {
    let mut drafts = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record = if line.trim_start().starts_with('{') {
            serde_json::from_str::<Record>(line).map_err(|e| e.to_string())
        } else {
            Err("not an object".to_owned())
        };
        match record.and_then(draft) {
            Ok(d) => drafts.push((n, d)),
            Err(e) => errors.push(format!("line {}: {e}", n + 1)),
        }
    }
    (drafts, errors)
}

fn draft(record: Record) -> Result<Draft, String> {
    let title = record
        .title
        .map(|t| {
            t.trim_matches(|c: char| c.is_whitespace() || c.is_control())
                .to_owned()
        })
        .filter(|t| !t.is_empty())
        .ok_or("no title")?;
    let paragraphs = match record.body {
        None => Vec::new(),
        Some(Body::Text(text)) => split_paragraphs(&text),
        Some(Body::Paragraphs(items)) => items
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
    };
    Ok(Draft {
        title,
        paragraphs,
        source: non_empty(record.source),
        author: non_empty(record.author),
        published: record.published.as_ref().and_then(When::published),
        url: non_empty(record.url),
        links: record
            .related
            .map(OneOrMany::into_vec)
            .unwrap_or_default()
            .into_iter()
            .filter_map(link)
            .collect(),
        lang: non_empty(record.lang),
        dir: record.dir.as_deref().and_then(lang::parse_dir),
    })
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Splits a body string on blank lines (whitespace-only lines count as blank); the lines of
/// one paragraph are joined with a space.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    let text = super::encoding::normalize_line_ends(text);
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        let t = line.trim();
        if t.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(t);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// A `related` entry as a link: an id targets that story (checked by the library), a URL is
/// matched against stories' URLs, anything else is a title.
fn link(related: Related) -> Option<Link> {
    let (label, url, target) = match related {
        Related::Text(text) => {
            let text = text.trim().to_owned();
            if let Ok(id) = text.parse::<StoryId>() {
                (text, None, Some(id))
            } else if text.starts_with("http://") || text.starts_with("https://") {
                (text.clone(), Some(text), None)
            } else {
                (text, None, None)
            }
        }
        Related::Object { title, url, id } => {
            let url = non_empty(url);
            let target = id.and_then(|i| i.trim().parse::<StoryId>().ok());
            let label = non_empty(title)
                .or_else(|| url.clone())
                .or_else(|| target.map(|t| t.to_string()))?;
            (label, url, target)
        }
    };
    (!label.is_empty()).then_some(Link {
        label,
        target,
        url,
        kind: LinkKind::ReadAlso,
        after_paragraph: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;

    #[test]
    fn one_object_with_string_body() {
        let (drafts, errors) = parse(
            r#"{"title":"عنوان","body":"فقرة\nتكملة\n\n  \nثانية","source":"رويترز",
               "published":"2023-03-01","url":"https://x.test/a","dir":"ltr","lang":"ar"}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        let (pos, d) = &drafts[0];
        assert_eq!(*pos, 0);
        assert_eq!(d.title, "عنوان");
        assert_eq!(d.paragraphs, vec!["فقرة تكملة", "ثانية"]);
        assert_eq!(d.source.as_deref(), Some("رويترز"));
        assert_eq!(
            d.published.map(|p| p.to_string()).as_deref(),
            Some("2023-03-01")
        );
        assert_eq!(d.dir, Some(Direction::Ltr));
        assert_eq!(d.lang.as_deref(), Some("ar"));
    }

    #[test]
    fn array_with_a_record_without_title() {
        let (drafts, errors) =
            parse(r#"[{"title":"A","body":["x"," ","y"]},{"body":"no title"},{"title":"C"}]"#);
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].1.paragraphs, vec!["x", "y"]);
        assert_eq!(drafts[1].0, 2);
        assert_eq!(errors, vec!["record 2: no title".to_owned()]);
    }

    #[test]
    fn json_lines_with_a_bad_line() {
        let text =
            "{\"title\":\"one\"}\n\n{not json}\n{\"title\":\"three\",\"related\":[\"one\"]}\n[1]\n";
        let (drafts, errors) = parse_lines(text);
        assert_eq!(
            drafts
                .iter()
                .map(|(_, d)| d.title.as_str())
                .collect::<Vec<_>>(),
            ["one", "three"]
        );
        assert_eq!(errors.len(), 2);
        assert!(errors[0].starts_with("line 3:"), "{errors:?}");
        assert_eq!(errors[1], "line 5: not an object");
        assert_eq!(drafts[1].1.links[0].label, "one");
    }

    #[test]
    fn related_titles_urls_ids_and_objects() {
        let (drafts, _) = parse(
            r#"{"title":"t","related":["a title","https://x.test/b","00000000000000ff",
                {"title":"obj","url":"https://x.test/c"},{"id":"0000000000000001"},{}]}"#,
        );
        let links = &drafts[0].1.links;
        assert_eq!(links.len(), 5);
        assert_eq!(
            (
                links[0].label.as_str(),
                links[0].url.as_deref(),
                links[0].target
            ),
            ("a title", None, None)
        );
        assert_eq!(links[1].url.as_deref(), Some("https://x.test/b"));
        assert_eq!(links[2].target, Some(StoryId(0xff)));
        assert_eq!(
            (links[3].label.as_str(), links[3].url.as_deref()),
            ("obj", Some("https://x.test/c"))
        );
        assert_eq!(links[4].target, Some(StoryId(1)));
    }

    #[test]
    fn related_may_be_a_single_entry() {
        let (drafts, errors) = parse(
            r#"[{"title":"a","related":"b"},{"title":"c","related":{"url":"https://x.test"}}]"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(drafts[0].1.links[0].label, "b");
        assert_eq!(drafts[1].1.links[0].url.as_deref(), Some("https://x.test"));
    }

    #[test]
    fn a_title_of_only_controls_is_no_title() {
        let (drafts, errors) = parse(r#"{"title":" \u0007\u001b "}"#);
        assert!(drafts.is_empty());
        assert_eq!(errors, ["record 1: no title"]);
    }

    #[test]
    fn unix_time_published() {
        // 1 700 000 000 s = 2023-11-14T22:13:20Z (checked with `date -u -d @1700000000`)
        let (drafts, errors) =
            parse(r#"[{"title":"a","published":1700000000},{"title":"b","date":1700000000000}]"#);
        assert!(errors.is_empty(), "{errors:?}");
        for (_, d) in &drafts {
            assert_eq!(
                d.published.map(|p| p.to_string()).as_deref(),
                Some("2023-11-14T22:13:20Z")
            );
        }
    }

    #[test]
    fn invalid_json_is_one_error() {
        let (drafts, errors) = parse("{\"title\": ");
        assert!(drafts.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("invalid JSON"));
    }
}
