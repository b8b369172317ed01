//! Saved HTML pages ("Save page as…" `.html`, `.htm`, `.xhtml`) -> one story.
//!
//! The page is parsed by a real HTML parser (`dom_query`, html5ever underneath: entities,
//! unclosed tags and broken markup handled as browsers do). Then, in this order:
//!
//! 1. [`meta`] reads headline, site, date, author, language, direction and canonical address
//!    from the untouched document (meta tags, JSON-LD, `<time>`, `<html lang dir>`);
//! 2. [`clean`] takes the "read also" sections out as links and removes the page furniture
//!    (navigation, breadcrumbs, tickers, most-read boxes, share bars, comments, cookie
//!    banners, footers);
//! 3. `dom_smoothie` (Mozilla Readability's algorithm) picks the article among what is left
//!    (see ARCHITECTURE.md for why this crate); a page it gives up on is read whole;
//! 4. [`blocks`] turns the article's HTML into paragraphs and inline links — the same walk
//!    feed items' content goes through;
//! 5. what is still not article text is dropped: the headline repeated, the byline, a lone
//!    date line.

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use crate::model::Published;
use crate::normalize::fold;

use super::vocab::LABELS;
use super::{Draft, date};

pub mod blocks;
mod clean;
pub mod meta;

/// Parses a saved page.
pub fn parse(text: &str) -> Draft {
    let doc = Document::from(text);
    if blocks::depth(&doc.root(), blocks::MAX_DEPTH) > blocks::MAX_DEPTH {
        // No page nests like this: its text is read flat, without the selectors (whose
        // descendant combinators cost the depth at every element) or any recursive walk.
        let mut body = blocks::flat(
            &doc.select_single("body")
                .nodes()
                .first()
                .copied()
                .unwrap_or_else(|| doc.root()),
        );
        let title = meta::collapse(&doc.select_single("title").text());
        return Draft {
            title: if title.is_empty() && !body.paragraphs.is_empty() {
                body.paragraphs.remove(0)
            } else {
                title
            },
            paragraphs: body.paragraphs,
            ..Draft::default()
        };
    }
    let meta = meta::read(&doc);
    let base_href = doc
        .select_single("base[href]")
        .attr("href")
        .map(|h| h.to_string());
    let base = base_href
        .as_deref()
        .and_then(|b| resolve_url(meta.url.as_deref(), b))
        .or_else(|| meta.url.clone());
    let mut links = clean::clean(&doc, base.as_deref());
    let body = article(doc, base.as_deref()).unwrap_or_else(|| {
        // Readability gave up (a short page, a page of lists): the cleaned page, whole
        let doc = Document::from(text);
        clean::clean(&doc, base.as_deref());
        blocks::of_node(
            &doc.select_single("body")
                .nodes()
                .first()
                .copied()
                .unwrap_or_else(|| doc.root()),
            base.as_deref(),
        )
    });
    let title = meta
        .title
        .clone()
        .or_else(|| meta.h1.clone())
        .or_else(|| body.paragraphs.first().cloned())
        .unwrap_or_default();
    let mut published = meta.published;
    let paragraphs = article_text(body.paragraphs, &title, &meta, &mut published);
    for link in body.links {
        if !links.iter().any(|l| l.url.is_some() && l.url == link.url) {
            links.push(link);
        }
    }
    Draft {
        title,
        paragraphs,
        source: meta.source,
        author: meta.author,
        published,
        url: meta.url,
        links,
        lang: meta.lang,
        dir: meta.dir,
        tags: meta.tags,
        key: None,
        saved: crate::model::Saved::default(),
    }
}

/// The article Readability picks, as paragraphs; `None` when it finds none.
fn article(doc: Document, base: Option<&str>) -> Option<blocks::Blocks> {
    let config = Config {
        // metadata is read by `meta` from the untouched page
        disable_json_ld: true,
        ..Config::default()
    };
    let mut readability = Readability::with_document(doc, None, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let body = blocks::of_fragment(&article.content, base);
    (!body.paragraphs.is_empty()).then_some(body)
}

/// Drops what is not article text from the paragraphs: the headline repeated at the top, the
/// byline, date and published-label lines (a date found there is kept when the page's
/// metadata had none).
fn article_text(
    paragraphs: Vec<String>,
    title: &str,
    meta: &meta::Meta,
    published: &mut Option<Published>,
) -> Vec<String> {
    let title_key = fold(title);
    let h1_key = meta.h1.as_deref().map(fold);
    let author_key = meta.author.as_deref().map(fold);
    paragraphs
        .into_iter()
        .filter(|p| {
            let words = p.split_whitespace().count();
            if words > 14 {
                return true;
            }
            let key = fold(p);
            if key.is_empty() || key == title_key || Some(&key) == h1_key.as_ref() {
                return false;
            }
            if author_key
                .as_ref()
                .is_some_and(|a| !a.is_empty() && (key == *a || fold(meta::strip_by(p)) == *a))
            {
                return false;
            }
            if let Some(rest) = LABELS.iter().find_map(|l| {
                key.strip_prefix(l)
                    .filter(|r| r.is_empty() || r.starts_with(' '))
            }) {
                if published.is_none() {
                    *published = date::parse(p);
                }
                return rest.split_whitespace().count() > 8;
            }
            if words <= 6 && date::parse(p).is_some() {
                if published.is_none() {
                    *published = date::parse(p);
                }
                return false;
            }
            true
        })
        .collect()
}

/// An `href` as an absolute web address (`http`/`https`), resolved against the page's
/// address when relative; `None` for fragments, `javascript:`, `mailto:` and the like, and
/// for relative links on a page with no address.
pub fn resolve_url(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let url = match url::Url::parse(href) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            url::Url::parse(base?).ok()?.join(href).ok()?
        }
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

#[cfg(test)]
mod tests;
