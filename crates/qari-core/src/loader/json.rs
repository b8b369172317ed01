//! Stories stored as JSON: `.json` (one object or an array of objects) and `.jsonl` (one
//! object a line).
//!
//! ```json
//! {"title": "…", "body": "para\n\npara" | ["para", "para"], "source": "…", "author": "…",
//!  "published": "2022-09-18T10:30:00+03:00", "url": "https://…", "lang": "ar", "dir": "rtl",
//!  "related": ["a title", "https://…", "0123456789abcdef", {"title": "…", "url": "…"}]}
//! ```
//!
//! Only `title` is required. Unknown fields are ignored and fields of an unexpected type are
//! skipped, so exports of other tools load as they are; `headline` is accepted for `title`,
//! `content`/`text` for `body`, `date`/`pubDate` for `published` (text in any form
//! `loader::date` reads, or Unix time in seconds or milliseconds, integer or not),
//! `site`/`publisher` for `source` (text, or an object with a `name`), `byline` for `author`
//! (text, `{"name"}`, or a list), `link` for `url`, `language` for `lang`, `links` for
//! `related`. When a record has several of a field's names, the first listed wins. A record
//! with text but no title is titled by its first sentence (at most twelve words: a dataset of
//! texts is read too). A record that is not an object or has neither title nor text is reported (with its index or
//! line number) and skipped; the other records load.

use crate::loader::Problem;
use crate::loader::problem::{RecordAt, RecordProblem};
use serde_json::{Map, Value};

use crate::model::{Link, LinkKind, StoryId};

use super::{Draft, date, lang};

/// One record, read leniently: the first of a field's names that holds a usable value wins,
/// and a value of an unexpected type is ignored rather than failing the record (exports of
/// other tools disagree on types: a source object, a float timestamp, both `date` and
/// `published`).
#[derive(Debug, Default)]
struct Record {
    title: Option<String>,
    body: Option<Body>,
    source: Option<String>,
    author: Option<String>,
    published: Option<When>,
    url: Option<String>,
    lang: Option<String>,
    dir: Option<String>,
    related: Vec<Related>,
    tags: Vec<String>,
    /// The story's addresses in other languages (`translations`: a list of addresses, or of
    /// objects with a `url`; or `translation_of`: one).
    translations: Vec<String>,
}

impl Record {
    fn from_value(value: Value) -> Result<Record, RecordProblem> {
        let Value::Object(map) = value else {
            return Err(RecordProblem::NotAnObject);
        };
        Ok(Record {
            title: first(&map, &["title", "headline"], text),
            body: first(&map, &["body", "content", "text"], Body::from_value),
            source: first(&map, &["source", "site", "publisher"], name),
            author: first(&map, &["author", "byline"], name),
            published: first(&map, &["published", "date", "pubDate"], When::from_value),
            url: first(&map, &["url", "link"], text),
            lang: first(&map, &["lang", "language"], text),
            dir: first(&map, &["dir", "direction"], text),
            tags: first(&map, &["tags", "keywords", "categories"], tag_list).unwrap_or_default(),
            translations: first(&map, &["translations", "translation_of"], addresses)
                .unwrap_or_default(),
            related: first(&map, &["related", "links"], |v| {
                let items = match v {
                    Value::Array(items) => items.iter().filter_map(Related::from_value).collect(),
                    one => Related::from_value(one).into_iter().collect(),
                };
                Some(items)
            })
            .unwrap_or_default(),
        })
    }
}

/// The first of `keys` whose value `read` accepts.
fn first<T>(
    map: &Map<String, Value>,
    keys: &[&str],
    read: impl Fn(&Value) -> Option<T>,
) -> Option<T> {
    keys.iter().filter_map(|k| map.get(*k)).find_map(read)
}

/// Addresses: one as text or in an object's `url` (or JSON-LD's `@id`), or a list of those.
/// Also what a page's JSON-LD translations are read with.
pub(crate) fn addresses(v: &Value) -> Option<Vec<String>> {
    let one = |v: &Value| {
        v.as_str()
            .or_else(|| {
                v.get("url")
                    .or_else(|| v.get("@id"))
                    .and_then(Value::as_str)
            })
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    match v {
        Value::Array(items) => Some(items.iter().filter_map(one).collect()),
        other => one(other).map(|u| vec![u]),
    }
}

/// Tags as a list of names or one comma-separated text.
fn tag_list(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(s.split([',', '،']).map(str::to_owned).collect()),
        Value::Array(items) => Some(items.iter().filter_map(name).collect()),
        _ => None,
    }
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

/// A name given as text, as an object with a `name` (`{"id": null, "name": "Reuters"}`), or as
/// a list of those (several authors, joined with commas).
fn name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_owned),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// A date as text, or as Unix time (seconds, or milliseconds when that large).
#[derive(Debug)]
enum When {
    Text(String),
    Unix(i64),
}

impl When {
    fn from_value(v: &Value) -> Option<When> {
        match v {
            Value::String(s) => Some(When::Text(s.clone())),
            Value::Number(n) => n
                .as_i64()
                // A float timestamp: whole seconds are enough for a news date.
                .or_else(|| n.as_f64().filter(|f| f.is_finite()).map(|f| f as i64))
                .map(When::Unix),
            _ => None,
        }
    }

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

#[derive(Debug)]
enum Body {
    Text(String),
    Paragraphs(Vec<String>),
}

impl Body {
    fn from_value(v: &Value) -> Option<Body> {
        match v {
            Value::String(s) => Some(Body::Text(s.clone())),
            Value::Array(items) => Some(Body::Paragraphs(items.iter().filter_map(text).collect())),
            _ => None,
        }
    }
}

#[derive(Debug)]
enum Related {
    /// A title, a URL or a story id.
    Text(String),
    Object {
        title: Option<String>,
        url: Option<String>,
        id: Option<String>,
    },
}

impl Related {
    fn from_value(v: &Value) -> Option<Related> {
        match v {
            Value::String(s) => Some(Related::Text(s.clone())),
            Value::Object(o) => Some(Related::Object {
                title: first(o, &["title", "label"], text),
                url: first(o, &["url", "link"], text),
                id: first(o, &["id"], text),
            }),
            _ => None,
        }
    }
}

/// Parses a `.json` file: `(position, draft)` pairs and the reasons records were skipped.
pub fn parse(text: &str, sidecars: &dyn super::Sidecars) -> (Vec<(usize, Draft)>, Vec<Problem>) {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let problem = Problem::Json {
                detail: e.to_string(),
                line: e.line(),
                column: e.column(),
            };
            return (Vec::new(), vec![problem]);
        }
    };
    if let Value::Object(o) = &value
        && super::bundle::is_archivebox_index(o)
    {
        return (
            vec![(0, super::bundle::archivebox(o, sidecars))],
            Vec::new(),
        );
    }
    let records = match value {
        serde_json::Value::Array(items) => items,
        other => vec![other],
    };
    if super::export::wallabag::is_export(&records) {
        return super::export::wallabag::parse(records);
    }
    if super::export::omnivore::is_export(&records) {
        return super::export::omnivore::parse(records, sidecars);
    }
    let mut drafts = Vec::new();
    let mut errors = Vec::new();
    for (i, value) in records.into_iter().enumerate() {
        let record = Record::from_value(value);
        match record.and_then(draft) {
            Ok(d) => drafts.push((i, d)),
            Err(why) => errors.push(Problem::Record {
                at: RecordAt::Record(i + 1),
                why,
            }),
        }
    }
    (drafts, errors)
}

/// Parses a `.jsonl` file: one record a line; blank lines are skipped.
pub fn parse_lines(text: &str) -> (Vec<(usize, Draft)>, Vec<Problem>) {
    let mut drafts = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record = serde_json::from_str::<Value>(line)
            .map_err(|e| RecordProblem::Syntax {
                detail: e.to_string(),
                line: e.line(),
                column: e.column(),
            })
            .and_then(Record::from_value);
        match record.and_then(draft) {
            Ok(d) => drafts.push((n, d)),
            Err(why) => errors.push(Problem::Record {
                at: RecordAt::Line(n + 1),
                why,
            }),
        }
    }
    (drafts, errors)
}

fn draft(record: Record) -> Result<Draft, RecordProblem> {
    let title = record
        .title
        .map(|t| {
            t.trim_matches(|c: char| c.is_whitespace() || c.is_control())
                .to_owned()
        })
        .filter(|t| !t.is_empty());
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
    // A record of text alone (a corpus, a dataset) is titled by its opening words.
    let title = title
        .or_else(|| paragraphs.first().map(|p| opening_words(p)))
        .filter(|t| !t.is_empty())
        .ok_or(RecordProblem::NoTitle)?;
    Ok(Draft {
        title,
        paragraphs,
        source: non_empty(record.source),
        author: non_empty(record.author),
        published: record.published.as_ref().and_then(When::published),
        url: non_empty(record.url),
        links: record.related.into_iter().filter_map(link).collect(),
        lang: non_empty(record.lang),
        dir: record.dir.as_deref().and_then(lang::parse_dir),
        tags: record.tags,
        key: None,
        saved: crate::model::Saved::default(),
        translations: record.translations,
    })
}

/// Words a title made from a text keeps at most.
const TITLE_WORDS: usize = 12;

/// The first sentence of `text` (ended by `.` `!` `?` `؟` `۔` `।`), at most [`TITLE_WORDS`]
/// words, `…` when cut.
fn opening_words(text: &str) -> String {
    let first = text
        .split_inclusive(['.', '!', '?', '؟', '۔', '।'])
        .next()
        .unwrap_or(text)
        .trim_matches(|c: char| c.is_whitespace() || c.is_control());
    let words: Vec<&str> = first
        .split_whitespace()
        .filter(|w| !w.chars().all(char::is_control))
        .collect();
    if words.len() > TITLE_WORDS {
        format!("{}…", words[..TITLE_WORDS].join(" "))
    } else {
        words.join(" ")
    }
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

    fn parse_alone(text: &str) -> (Vec<(usize, Draft)>, Vec<Problem>) {
        parse(text, &crate::loader::NoSidecars)
    }
    use crate::model::Direction;

    #[test]
    fn exports_of_other_tools_load_with_their_own_shapes() {
        let (drafts, errors) = parse_lines(concat!(
            // Two names of one field: the first listed (`body`) wins, no "duplicate field".
            r#"{"title":"a","body":"from body","content":"from content","text":"t"}"#,
            "\n",
            r#"{"title":"b","published":"2022-09-18","date":"2021-01-01"}"#,
            "\n",
            // A NewsAPI-style source object, a list of authors, a float timestamp.
            r#"{"headline":"c","source":{"id":null,"name":"Reuters"},"author":[{"name":"A"},"B"],"date":1663490000.5}"#,
            "\n",
            // A field of the wrong type is skipped, the record still loads.
            r#"{"title":"d","source":42,"related":{"label":"e","link":"https://x.test/e"}}"#,
            "\n",
            r#"[1, 2]"#,
            "\n",
        ));
        assert_eq!(errors[0].to_string(), "line 5: not an object");
        assert_eq!(errors.len(), 1);
        let d: Vec<&Draft> = drafts.iter().map(|(_, d)| d).collect();
        assert_eq!(d[0].paragraphs, vec!["from body"]);
        assert_eq!(
            d[1].published.map(|p| p.day()).as_deref(),
            Some("2022-09-18")
        );
        assert_eq!(d[2].title, "c");
        assert_eq!(d[2].source.as_deref(), Some("Reuters"));
        assert_eq!(d[2].author.as_deref(), Some("A, B"));
        assert_eq!(
            d[2].published.map(|p| p.day()).as_deref(),
            Some("2022-09-18")
        );
        assert_eq!(d[3].source, None);
        assert_eq!(d[3].links[0].label, "e");
        assert_eq!(d[3].links[0].url.as_deref(), Some("https://x.test/e"));
    }

    #[test]
    fn one_object_with_string_body() {
        let (drafts, errors) = parse_alone(
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
        let (drafts, errors) = parse_alone(
            r#"[{"title":"A","body":["x"," ","y"]},{"author":"no title, no text"},{"title":"C"}]"#,
        );
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].1.paragraphs, vec!["x", "y"]);
        assert_eq!(drafts[1].0, 2);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].to_string(), "record 2: no title");
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
        assert!(errors[0].to_string().starts_with("line 3:"), "{errors:?}");
        assert_eq!(errors[1].to_string(), "line 5: not an object");
        assert_eq!(drafts[1].1.links[0].label, "one");
    }

    #[test]
    fn related_titles_urls_ids_and_objects() {
        let (drafts, _) = parse_alone(
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
        let (drafts, errors) = parse_alone(
            r#"[{"title":"a","related":"b"},{"title":"c","related":{"url":"https://x.test"}}]"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(drafts[0].1.links[0].label, "b");
        assert_eq!(drafts[1].1.links[0].url.as_deref(), Some("https://x.test"));
    }

    #[test]
    fn a_record_of_text_alone_is_titled_by_its_first_sentence() {
        let (drafts, errors) = parse_alone(
            r#"{"text":"وفاقی حکومت نے امدادی پیکج کی منظوری دے دی۔ دوسرا جملہ","cluster":4}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            drafts[0].1.title,
            "وفاقی حکومت نے امدادی پیکج کی منظوری دے دی۔"
        );
        assert_eq!(drafts[0].1.paragraphs.len(), 1, "the text stays whole");
        let (drafts, _) = parse_alone(
            r#"{"text":"one two three four five six seven eight nine ten eleven twelve thirteen"}"#,
        );
        assert_eq!(
            drafts[0].1.title,
            "one two three four five six seven eight nine ten eleven twelve…"
        );
    }

    #[test]
    fn a_title_of_only_controls_is_no_title() {
        let (drafts, errors) = parse_alone(r#"{"title":" \u0007\u001b "}"#);
        assert!(drafts.is_empty());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].to_string(), "record 1: no title");
    }

    #[test]
    fn unix_time_published() {
        // 1 700 000 000 s = 2023-11-14T22:13:20Z (checked with `date -u -d @1700000000`)
        let (drafts, errors) = parse_alone(
            r#"[{"title":"a","published":1700000000},{"title":"b","date":1700000000000}]"#,
        );
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
        let (drafts, errors) = parse_alone("{\"title\": ");
        assert!(drafts.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().starts_with("invalid JSON"));
    }
}
