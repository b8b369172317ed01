//! A page's feed: the first `<link rel="alternate">` whose type is RSS, Atom or JSON Feed,
//! resolved against the page's address. A small scanner over `<link …>` tags, not a parser:
//! it only needs one attribute list, and a page that hides its feed elsewhere is rare.

use url::Url;

const FEED_TYPES: [&str; 4] = [
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
];

/// The feed a page names, as an absolute address.
pub fn feed_link(html: &str, base: &str) -> Option<String> {
    let base = Url::parse(base).ok()?;
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<link") {
        let start = from + start;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let attrs = attributes(&html[start + 5..end]);
        from = end;
        let get = |name: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let rel_ok = get("rel").is_some_and(|r| {
            r.split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("alternate"))
        });
        let type_ok = get("type")
            .is_some_and(|t| FEED_TYPES.iter().any(|f| t.trim().eq_ignore_ascii_case(f)));
        if rel_ok
            && type_ok
            && let Some(href) = get("href")
            && let Ok(url) = base.join(href.trim())
        {
            return Some(url.to_string());
        }
    }
    None
}

/// `name="value"` pairs (names lower-cased; quotes single, double or none).
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let Some(eq) = rest.find('=') else { break };
        let name = rest[..eq].trim().to_ascii_lowercase();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|q| matches!(q, '"' | '\''));
        let (value, next) = if let Some(q) = quote {
            let body = &after[1..];
            let close = body.find(q).unwrap_or(body.len());
            (&body[..close], &body[(close + 1).min(body.len())..])
        } else {
            let close = after.find(char::is_whitespace).unwrap_or(after.len());
            (&after[..close], &after[close..])
        };
        // a name with spaces in it holds attributes without values before it
        let name = name
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default()
            .to_owned();
        out.push((name, value.replace("&amp;", "&")));
        rest = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_feed_link() {
        let page = r#"<html><head><link rel="stylesheet" href="/s.css">
            <LINK type='application/rss+xml' rel="alternate" title="أخبار" href="/ar/rss?x=1&amp;y=2">
            </head></html>"#;
        assert_eq!(
            feed_link(page, "https://news.test/ar/").as_deref(),
            Some("https://news.test/ar/rss?x=1&y=2")
        );
        assert_eq!(feed_link("<p>no feed</p>", "https://news.test/"), None);
    }
}

/// What `qari feeds add URL` found at an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The feed's address (the page's feed link when `URL` was a page; a permanent redirect's
    /// target).
    pub url: String,
    pub title: Option<String>,
    pub items: usize,
}

/// Fetches `url`: a feed is taken as it is; a page is read for its feed link, which is
/// fetched in turn (paced like every request). The reason, naming the address, when neither
/// gives a feed.
pub fn probe(client: &crate::http::Client, url: &str) -> Result<Found, String> {
    let mut at = url.to_owned();
    for _ in 0..2 {
        let r = client
            .get(&at, &crate::http::Validators::default())
            .map_err(|e| format!("{at}: {e}"))?;
        if r.status != 200 {
            return Err(format!(
                "{at}: {} {}",
                r.status,
                crate::apply::reason(r.status)
            ));
        }
        let here = r.moved.clone().unwrap_or(at.clone());
        match crate::items::parse(&r.body, &r.url) {
            Ok(feed) => {
                return Ok(Found {
                    url: here,
                    title: feed.title,
                    items: feed.items.len(),
                });
            }
            Err(why) => {
                let page = String::from_utf8_lossy(&r.body);
                match feed_link(&page, &r.url) {
                    Some(link) if link != at => at = link,
                    _ => return Err(format!("{at}: {why}, and it names no feed")),
                }
            }
        }
    }
    Err(format!("{url}: its feed link leads to no feed"))
}
