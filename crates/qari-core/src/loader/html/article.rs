//! The article's text, never lost: Readability on the cleaned page first, then fallbacks
//! until the text is as complete as what the page holds.
//!
//! A page can come out with no text at all in three ways, and each has its fallback:
//! - the furniture removal ([`clean`]) takes out a container that wraps the article (its
//!   class names furniture, the page's text is not where it looks);
//! - Readability picks a block that is not the article (the headline, byline and date block)
//!   and the lines [`article_text`] drops are all it has;
//! - Readability gives up (a short page, a page of lists).
//!
//! So each candidate below is measured against the page's [`text_block`] — the element
//! holding the most text of its own, `<p>`s or lines between `<br>`s, in the untouched page —
//! and the first one that has at least a third of that text is the article:
//! 1. Readability on the cleaned page (else the cleaned page whole, when it finds nothing);
//! 2. Readability on the untouched page (what a reader extension would show);
//! 3. the text block itself, unless it is a comment thread.
//!
//! When none has, the one with the most text is. A page with paragraphs of text never gives
//! an empty story: when everything was dropped as headline, byline or date lines, the text
//! block's paragraphs are kept with only the headline's repetition dropped.

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use crate::model::Published;
use crate::normalize::fold;

use super::super::date;
use super::super::vocab::LABELS;
use super::blocks::{self, Blocks};
use super::clean::{self, text_block};
use super::meta::{self, Meta};

/// What the page's article says, and the date a date line in it gave.
pub struct Article {
    pub body: Blocks,
    pub published: Option<Published>,
}

/// How much text the page holds: the letters of its [`text_block`]'s paragraphs (measured
/// on the untouched page, before [`clean`]).
pub fn available(doc: &Document) -> usize {
    text_block(doc).map_or(0, |b| weight(&blocks::of_node(&b, None).paragraphs))
}

/// The article of the page `text`, whose cleaned document is `cleaned` and which holds
/// `available` letters of text (see the module documentation for the order of the
/// candidates).
pub fn extract(
    text: &str,
    cleaned: Document,
    available: usize,
    meta: &Meta,
    title: &str,
    base: Option<&str>,
) -> Article {
    let filter = |body: Blocks| {
        let mut published = meta.published;
        let paragraphs = article_text(body.paragraphs, title, meta, &mut published);
        Article {
            body: Blocks {
                paragraphs,
                links: body.links,
            },
            published,
        }
    };
    let enough = |a: &Article| weight(&a.body.paragraphs) * 3 >= available;
    let first = readability(cleaned, base).unwrap_or_else(|| {
        // Readability gave up (a short page, a page of lists): the cleaned page, whole
        let doc = Document::from(text);
        clean::clean(&doc, base);
        doc.body()
            .map(|b| blocks::of_node(&b, base))
            .unwrap_or_default()
    });
    let first = filter(first);
    if enough(&first) && !first.body.paragraphs.is_empty() {
        return first;
    }
    let mut tried = vec![first];
    if let Some(body) = readability(Document::from(text), base) {
        let second = filter(body);
        if enough(&second) && !second.body.paragraphs.is_empty() {
            return second;
        }
        tried.push(second);
    }
    let raw = Document::from(text);
    let own = text_block(&raw)
        .filter(|b| !in_comments(b))
        .map(|b| blocks::of_node(&b, base));
    if let Some(own) = own.clone() {
        let third = filter(own);
        if enough(&third) && !third.body.paragraphs.is_empty() {
            return third;
        }
        tried.push(third);
    }
    let best = tried
        .into_iter()
        .enumerate()
        // the most text; the earlier candidate on a tie
        .max_by_key(|(i, a)| (weight(&a.body.paragraphs), std::cmp::Reverse(*i)))
        .map(|(_, a)| a);
    match (best, own) {
        (Some(best), _) if !best.body.paragraphs.is_empty() => best,
        // everything was a headline, byline or date line: the text, but the headline
        (best, Some(own)) => {
            let title_key = fold(title);
            Article {
                body: Blocks {
                    paragraphs: own
                        .paragraphs
                        .into_iter()
                        .filter(|p| fold(p) != title_key)
                        .collect(),
                    links: own.links,
                },
                published: best.and_then(|b| b.published).or(meta.published),
            }
        }
        (best, None) => best.unwrap_or(Article {
            body: Blocks::default(),
            published: meta.published,
        }),
    }
}

/// The article Readability picks, as paragraphs; `None` when it finds none.
fn readability(doc: Document, base: Option<&str>) -> Option<Blocks> {
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

/// Letters of the paragraphs (white space not counted), the measure [`text_block`] uses.
fn weight(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .map(|p| p.split_whitespace().map(str::len).sum::<usize>())
        .sum()
}

/// Is the element part of a comment thread (its class or id, or one of its three nearest
/// ancestors', names comments)?
fn in_comments(node: &dom_query::NodeRef<'_>) -> bool {
    super::clean::named_near(node, |w| {
        w.starts_with("comment") || w.starts_with("talkback") || w == "disqus"
    })
}

/// Is this line long enough to be a paragraph of the article whatever it says (more than 14
/// words), rather than a headline, byline or date line?
pub fn is_paragraph(line: &str) -> bool {
    line.split_whitespace().count() > 14
}

/// Drops what is not article text from the paragraphs: the headline repeated at the top, the
/// byline, date and published-label lines (a date found there is kept when the page's
/// metadata had none).
pub fn article_text(
    paragraphs: Vec<String>,
    title: &str,
    meta: &Meta,
    published: &mut Option<Published>,
) -> Vec<String> {
    let title_key = fold(title);
    let h1_key = meta.h1.as_deref().map(fold);
    let author_key = meta.author.as_deref().map(fold);
    paragraphs
        .into_iter()
        .filter(|p| {
            if is_paragraph(p) {
                return true;
            }
            let words = p.split_whitespace().count();
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
