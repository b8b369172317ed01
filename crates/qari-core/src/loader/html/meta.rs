//! What a saved page says about its article, read from the parsed document before anything
//! is removed: headline, site, date, author, language, direction, canonical address.
//!
//! Sources, first found wins:
//! - headline: the one the page shows ([`headline`]: the article's `<h1>` that the JSON-LD
//!   `headline`, `og:title` or `<title>` confirms, then JSON-LD, the article's `<h1>`,
//!   `og:title`, `<title>` without the site's name);
//! - site: `og:site_name`, JSON-LD `publisher.name`, `application-name`, the part cut from
//!   `<title>`, the canonical address's host;
//! - date: `article:published_time` (and its `og:`/`itemprop`/Dublin Core cousins), JSON-LD
//!   `datePublished`, the first `<time datetime>`, a shown date, and last a Dublin Core
//!   modification date; the offset is kept as written;
//! - author: `author` meta, JSON-LD `author` (names joined), `article:author` when it is a
//!   name, `rel=author`, `.byline`/`.author`/`itemprop=author` text without its "By";
//! - language: `<html lang>`, `content-language`, `og:locale`, JSON-LD `inLanguage`;
//! - direction: the nearest `dir` declared on the article's container or its ancestors;
//! - address: `<link rel=canonical>`, `og:url`, JSON-LD `url`;
//! - translations: `<link rel=alternate hreflang>` in another language, JSON-LD
//!   `workTranslation` and `translationOfWork` (what lets grouping join two languages).

use std::collections::HashMap;

use dom_query::Document;
use serde_json::Value;

use crate::model::{Direction, Published};

use super::super::{date, lang};
use super::{clean, headline};

/// The metadata of a page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    /// The page's `<h1>` (used to recognise the headline repeated in the body).
    pub h1: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub published: Option<Published>,
    pub lang: Option<String>,
    pub dir: Option<Direction>,
    pub url: Option<String>,
    /// `article:tag` metas, else the `keywords` meta.
    pub tags: Vec<String>,
    /// The page's addresses in other languages.
    pub translations: Vec<String>,
}

/// JSON-LD fields of the article object.
#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    lang: Option<String>,
    url: Option<String>,
    /// `workTranslation` and `translationOfWork` addresses.
    translations: Vec<String>,
}

/// Reads the metadata of a parsed page.
pub fn read(doc: &Document) -> Meta {
    let metas = meta_tags(doc);
    let get = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| metas.get(*k).filter(|v| !v.is_empty()).cloned())
    };
    let mut ld = linked_data(doc);
    let linked_translations = std::mem::take(&mut ld.translations);
    let url = attr(doc, "link[rel~=canonical]", "href")
        .or_else(|| get(&["og:url", "twitter:url"]))
        .or_else(|| ld.url.clone())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let title_tag = text_of(doc, "title");
    let mut sites: Vec<String> = [
        get(&["og:site_name"]),
        ld.publisher.clone(),
        get(&[
            "application-name",
            "apple-mobile-web-app-title",
            "twitter:site",
        ]),
    ]
    .into_iter()
    .flatten()
    .map(|s| s.trim_start_matches('@').to_owned())
    .collect();
    let host = url.as_deref().and_then(host_of);
    if let Some(h) = &host {
        sites.push(h.clone());
    }
    let social = get(&["og:title", "twitter:title"]);
    let choice = headline::choose(
        &headline::shown(doc),
        headline::Evidence {
            linked_data: ld.headline.as_deref(),
            social: social.as_deref(),
            title: title_tag.as_deref(),
        },
        &sites,
    );
    let (title, h1, cut_site) = (choice.headline, choice.h1, choice.cut_site);
    let source = get(&["og:site_name"])
        .or(ld.publisher)
        .or_else(|| get(&["application-name"]))
        .or(cut_site)
        .or(host);
    let published = get(&[
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "dc.date.created",
        "dcterms.issued",
        "dcterms.created",
        "dcterms.date",
        "pubdate",
        "publish-date",
        "publishdate",
        "parsely-pub-date",
        "sailthru.date",
    ])
    .or(ld.published)
    .or_else(|| attr(doc, "article time[datetime]", "datetime"))
    .or_else(|| attr(doc, "time[datetime]", "datetime"))
    .and_then(|d| date::parse(&d))
    .or_else(|| visible_date(doc))
    // a modification date says when the page last changed: only when nothing else is known
    .or_else(|| get(&["dcterms.modified", "dc.date.modified"]).and_then(|d| date::parse(&d)));
    let author = get(&["author"])
        .filter(|a| !is_address(a))
        .or(ld.author)
        .or_else(|| get(&["article:author", "dc.creator"]).filter(|a| !is_address(a)))
        .or_else(|| {
            text_of(
                doc,
                "[rel~=author], [itemprop=author], .byline, .author-name, .author",
            )
        })
        .map(|a| strip_by(&a).to_owned())
        .filter(|a| !a.is_empty() && a.split_whitespace().count() <= 12);
    let lang = declared_lang(
        doc,
        get(&["content-language", "og:locale", "language"]),
        ld.lang,
    );
    let dir = declared_dir(doc);
    let translations = translations(doc, lang.as_deref(), url.as_deref(), linked_translations);
    Meta {
        title,
        h1,
        source,
        author,
        published,
        lang,
        dir,
        url,
        tags: tags(doc, &metas),
        translations,
    }
}

/// The page's language: `<html lang>` (or `xml:lang`), else its meta (`content-language`,
/// `og:locale`, `language`), else JSON-LD `inLanguage`.
fn declared_lang(doc: &Document, meta: Option<String>, linked: Option<String>) -> Option<String> {
    let html = doc.select_single("html");
    html.attr("lang")
        .or_else(|| html.attr("xml:lang"))
        .map(|l| l.to_string())
        .or(meta)
        .or(linked)
        .map(|l| l.trim().replace('_', "-"))
        .filter(|l| !l.is_empty())
}

/// Translations kept of one page, at most (a site may list every language it has).
const MAX_TRANSLATIONS: usize = 64;

/// The page's addresses in other languages: each `<link rel=alternate hreflang>` whose
/// language is not the page's own (nor `x-default`), then the JSON-LD ones (`linked`);
/// absolute web addresses, resolved against the page's when relative.
fn translations(
    doc: &Document,
    lang: Option<&str>,
    url: Option<&str>,
    linked: Vec<String>,
) -> Vec<String> {
    let alternates = doc
        .select("link[rel~=alternate][hreflang][href]")
        .nodes()
        .iter()
        .filter(|n| {
            n.attr("hreflang")
                .is_some_and(|t| lang::other_language(&t, lang))
        })
        .filter_map(|n| n.attr("href").map(|h| h.to_string()))
        .collect::<Vec<_>>();
    let mut out: Vec<String> = Vec::new();
    for href in alternates.into_iter().chain(linked) {
        if let Some(u) = super::resolve_url(url, &href)
            && !out.contains(&u)
            && out.len() < MAX_TRANSLATIONS
        {
            out.push(u);
        }
    }
    out
}

/// The direction the article's container declares: the nearest `dir` on it or on its
/// ancestors — the container being the element holding the article's text, else the article
/// body, `<article>`, `<main>`, `<body>` — so that `dir="rtl"` on `<body>`, `<main>` or
/// `<article>` wins over an `<html dir="ltr">`. `dir="auto"` declares nothing.
fn declared_dir(doc: &Document) -> Option<Direction> {
    let container = clean::text_block(doc).or_else(|| {
        [
            "[itemprop=articleBody]",
            "article",
            "main",
            "[role=main]",
            "body",
            "html",
        ]
        .iter()
        .find_map(|s| doc.select_single(s).nodes().first().copied())
    })?;
    std::iter::once(container)
        .chain(container.ancestors_it(None))
        .find_map(|n| n.attr("dir").and_then(|d| lang::parse_dir(&d)))
}

/// Every `article:tag` meta (a page may give several), else the `keywords` meta split at
/// commas.
fn tags(doc: &Document, metas: &HashMap<String, String>) -> Vec<String> {
    let tags: Vec<String> = doc
        .select("meta[property='article:tag'], meta[name='article:tag']")
        .nodes()
        .iter()
        .filter_map(|n| n.attr("content").map(|c| collapse(&c)))
        .collect();
    if !tags.is_empty() {
        return tags;
    }
    metas
        .get("keywords")
        .map(|k| k.split([',', '،', ';']).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// A date the page only shows: the text of a `<time>` or of an element whose class says it
/// is the date (`.date`, `.published`, `.post-date` …), when it is short and a whole date.
fn visible_date(doc: &Document) -> Option<Published> {
    doc.select(
        "time, [itemprop=datePublished], .date, .published, .post-date, .article-date, \
         .entry-date, .publish-date, .timestamp, .dateline",
    )
    .nodes()
    .iter()
    .map(|n| collapse(&n.text()))
    .filter(|t| !t.is_empty() && t.len() <= 120)
    .find_map(|t| date::parse(&t))
}

/// `<meta>` values by lower-cased `property`, `name`, `itemprop` or `http-equiv`; the first
/// of each wins.
fn meta_tags(doc: &Document) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for node in doc.select("meta").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = node.attr(key) {
                let mut k = k.trim().to_ascii_lowercase();
                // Dublin Core in RDFa spelling (`dc:date`, `dcterms:created`) as in HTML's
                if k.starts_with("dc:") || k.starts_with("dcterms:") {
                    k = k.replacen(':', ".", 1);
                }
                out.entry(k).or_insert_with(|| collapse(&content));
            }
        }
    }
    out
}

fn attr(doc: &Document, selector: &str, name: &str) -> Option<String> {
    doc.select(selector).nodes().iter().find_map(|n| {
        n.attr(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    })
}

/// The collapsed text of the first element matching `selector` that has any.
fn text_of(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector)
        .nodes()
        .iter()
        .map(|n| collapse(&n.text()))
        .find(|t| !t.is_empty())
}

/// Runs of whitespace as one space, trimmed.
pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_address(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.")
}

/// A byline without its "By", "بقلم:", "כתב:"…
pub(super) fn strip_by(byline: &str) -> &str {
    let t = byline.trim();
    for prefix in [
        "by ",
        "By ",
        "BY ",
        "بقلم",
        "كتب:",
        "كتبت:",
        "كتب -",
        "מאת",
        "Von ",
        "von ",
        "Par ",
        "par ",
        "Por ",
        "por ",
        "نویسنده:",
        "نوشته",
    ] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return rest.trim_start_matches([':', '-', '–', ' ']).trim();
        }
    }
    // Any short label before a colon, in any language (`رپورٹ: …`, `Reporter: …`,
    // `گزارش: …`): one or two words of label, a name of at most five words after it.
    if let Some((label, name)) = t.split_once([':', '：'])
        && (1..=2).contains(&label.split_whitespace().count())
        && (1..=5).contains(&name.split_whitespace().count())
        && !label.chars().any(|c| c.is_ascii_digit())
    {
        return name.trim();
    }
    t
}

/// The host of an address, without `www.`.
pub(super) fn host_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_owned())
}

/// The article object of the page's JSON-LD (`NewsArticle`, `Article`, `BlogPosting`, …,
/// also inside `@graph` or an array); the first one with a headline wins.
fn linked_data(doc: &Document) -> LinkedData {
    let mut out = LinkedData::default();
    for node in doc.select("script[type=\"application/ld+json\"]").nodes() {
        let text = node.text();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut objects = Vec::new();
        collect_objects(&value, &mut objects, 0);
        for obj in objects {
            let kind = obj.get("@type").map(type_names).unwrap_or_default();
            let is_article = kind.iter().any(|k| {
                k.ends_with("Article")
                    || matches!(
                        k.as_str(),
                        "BlogPosting" | "Report" | "LiveBlogPosting" | "WebPage"
                    )
            });
            if !is_article {
                continue;
            }
            let webpage = kind.iter().all(|k| k == "WebPage");
            if webpage && out.headline.is_some() {
                continue;
            }
            let s = |key: &str| {
                obj.get(key)
                    .and_then(Value::as_str)
                    .map(collapse)
                    .filter(|v| !v.is_empty())
            };
            if !webpage {
                out.headline = out.headline.or_else(|| s("headline"));
                out.author = out.author.or_else(|| names(obj.get("author")));
                out.publisher = out.publisher.or_else(|| names(obj.get("publisher")));
            }
            out.published = out.published.or_else(|| s("datePublished"));
            out.lang = out.lang.or_else(|| s("inLanguage"));
            for key in ["workTranslation", "translationOfWork"] {
                let marked = obj.get(key).and_then(super::super::json::addresses);
                out.translations.extend(marked.unwrap_or_default());
            }
            out.url = out.url.or_else(|| s("url")).or_else(|| {
                obj.get("mainEntityOfPage")
                    .and_then(|m| m.as_str().or_else(|| m.get("@id").and_then(Value::as_str)))
                    .map(str::to_owned)
            });
        }
    }
    out
}

fn collect_objects<'v>(
    value: &'v Value,
    out: &mut Vec<&'v serde_json::Map<String, Value>>,
    depth: usize,
) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items
            .iter()
            .for_each(|v| collect_objects(v, out, depth + 1)),
        Value::Object(obj) => {
            out.push(obj);
            if let Some(graph) = obj.get("@graph") {
                collect_objects(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn type_names(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// A person or organisation's name (`"A"`, `{"name": "A"}`, a list of them), joined with
/// commas.
fn names(value: Option<&Value>) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: &Value| {
        let name = match v {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o.get("name").and_then(Value::as_str),
            _ => None,
        };
        if let Some(n) = name
            .map(collapse)
            .filter(|n| !n.is_empty() && !is_address(n) && !out.contains(n))
        {
            out.push(n);
        }
    };
    match value? {
        Value::Array(items) => items.iter().for_each(&mut push),
        v => push(v),
    }
    (!out.is_empty()).then(|| out.join(", "))
}
