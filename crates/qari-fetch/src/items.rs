//! A fetched feed's items, as the fetcher needs them: identity (GUID, address, title, date)
//! and what is saved (content, authors, categories). Parsed by feed-rs, the core loader's own
//! parser, so what is saved reads back the same way; a missing id stays missing (feed-rs
//! would make one from the title, which an edit changes).

use qari_core::chars::sanitize::sanitize;

/// One item of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// GUID / Atom id / JSON Feed id, when the feed gives one.
    pub guid: Option<String>,
    /// The item's page.
    pub url: Option<String>,
    pub title: String,
    /// The content (HTML), else the summary.
    pub html: Option<String>,
    /// Whether `html` is a full content, not only a summary.
    pub full: bool,
    /// Unix seconds.
    pub published: Option<i64>,
    pub updated: Option<i64>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub lang: Option<String>,
}

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub title: Option<String>,
    /// RSS `<ttl>`, minutes.
    pub ttl: Option<u32>,
    pub lang: Option<String>,
    pub items: Vec<Item>,
}

/// The feed in `body`, fetched from `base`; the reason when it is none.
pub fn parse(body: &[u8], base: &str) -> Result<Feed, String> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(base))
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser.parse(body).map_err(|e| {
        if looks_like_html(body) {
            "an HTML page, not a feed".to_owned()
        } else {
            format!("not a feed ({e})")
        }
    })?;
    let lang = feed.language.clone();
    let items = feed
        .entries
        .into_iter()
        .filter_map(|e| {
            let title = clean(&e.title.as_ref()?.content);
            if title.is_empty() {
                return None;
            }
            let content = e.content.as_ref().and_then(|c| c.body.clone());
            let full = content.as_ref().is_some_and(|c| !c.trim().is_empty());
            let html = content
                .filter(|c| !c.trim().is_empty())
                .or_else(|| e.summary.as_ref().map(|s| s.content.clone()));
            let url = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| e.links.first())
                .map(|l| l.href.clone());
            Some(Item {
                guid: Some(e.id.trim().to_owned()).filter(|id| !id.is_empty()),
                url,
                title,
                html,
                full,
                published: e.published.map(|d| d.timestamp()),
                updated: e.updated.map(|d| d.timestamp()),
                authors: e
                    .authors
                    .iter()
                    .filter_map(|p| p.name.as_deref().map(clean))
                    .filter(|n| !n.is_empty())
                    .collect(),
                tags: e
                    .categories
                    .iter()
                    .map(|c| clean(c.label.as_deref().unwrap_or(&c.term)))
                    .filter(|t| !t.is_empty())
                    .collect(),
                lang: e.language.clone(),
            })
        })
        .collect();
    Ok(Feed {
        title: feed
            .title
            .map(|t| clean(&t.content))
            .filter(|t| !t.is_empty()),
        ttl: feed.ttl,
        lang,
        items,
    })
}

/// Text from a server, without controls or escape sequences, on one line.
pub fn clean(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a body is an HTML page (for a clearer "not a feed").
pub fn looks_like_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
    head.contains("<!doctype html") || head.contains("<html")
}
