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
//!    (see ARCHITECTURE.md for why this crate); `article` falls back to Readability on the
//!    untouched page, then to the block holding the page's text, when the article it gets has
//!    far less text than the page holds — a page with paragraphs never gives an empty story;
//! 4. [`blocks`] turns the article's HTML into paragraphs and inline links — the same walk
//!    feed items' content goes through;
//! 5. what is still not article text is dropped: the headline repeated, the byline, a lone
//!    date line.
//!
//! Before all this, [`single`] reads the header `SingleFile` and monolith write (the page's
//! address, its saved date: `Draft::saved`) and takes the inline `data:` images, fonts and
//! styles out, so a 20 MB single-file page parses as fast as its text.

use dom_query::Document;

use crate::model::Saved;

use super::Draft;

mod article;
pub mod blocks;
mod clean;
pub mod headline;
pub mod meta;
pub mod single;

/// What the caller knows about a page that the page may not say: the address of an archive
/// record it came from (a WARC record's target, an MHTML part's location).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hints {
    /// The page's address, used when the page names no canonical one.
    pub url: Option<String>,
}

/// Parses a saved page.
pub fn parse(text: &str) -> Draft {
    parse_with(text, &Hints::default())
}

/// Parses a saved page with what the caller knows about it ([`Hints`]).
pub fn parse_with(text: &str, hints: &Hints) -> Draft {
    let header = single::header(text);
    let text = single::lighten(text);
    let text = &*text;
    let saved = Saved {
        at: header.saved,
        ..Saved::default()
    };
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
            url: hints.url.clone().or(header.url),
            saved,
            ..Draft::default()
        };
    }
    let meta = meta::read(&doc);
    let url = meta
        .url
        .clone()
        .or_else(|| hints.url.clone())
        .or(header.url);
    let base_href = doc
        .select_single("base[href]")
        .attr("href")
        .map(|h| h.to_string());
    let base = base_href
        .as_deref()
        .and_then(|b| resolve_url(url.as_deref(), b))
        .or_else(|| url.clone());
    let available = article::available(&doc);
    let mut links = clean::clean(&doc, base.as_deref());
    // the headline the metadata gave, else the first line of the article
    let mut title = meta.title.clone().unwrap_or_default();
    let article = article::extract(text, doc, available, &meta, &title, base.as_deref());
    let mut paragraphs = article.body.paragraphs;
    if title.is_empty()
        && let Some(first) = paragraphs.first()
    {
        // a page with no headline at all: its first line is the title, and stays in the
        // text when it is a paragraph rather than a headline
        title.clone_from(first);
        if !article::is_paragraph(first) {
            paragraphs.remove(0);
        }
    }
    for link in article.body.links {
        if !links.iter().any(|l| l.url.is_some() && l.url == link.url) {
            links.push(link);
        }
    }
    Draft {
        title,
        paragraphs,
        source: meta.source,
        author: meta.author,
        published: article.published,
        url,
        links,
        lang: meta.lang,
        dir: meta.dir,
        tags: meta.tags,
        translations: meta.translations,
        key: None,
        saved,
    }
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
