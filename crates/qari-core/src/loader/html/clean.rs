//! Page furniture out, "read also" sections kept as links: what a saved page loses before
//! the article is picked.
//!
//! Removed: scripts, styles, embedded objects, form controls; forms, navigation (`nav`,
//! `role=navigation`, the page's own `header` and `footer`), dialogs and banners and hidden
//! elements unless one holds most of the page's text; `aside`s; and every element whose
//! `class` or `id` names furniture ([`BOILERPLATE_HINTS`]: menus, breadcrumbs, share bars,
//! comments, cookie notices, most-read boxes, tickers, tag lists …) — unless it holds the
//! article itself (it is or contains `<article>`, `<main>`, `itemprop=articleBody` or an
//! `<h1>`, or it is or wraps [`text_block`], the element holding the most text of its own).
//!
//! A "read also" section — a heading or label that is one of the marker phrases
//! (`loader::vocab`) with links after it, or an element whose class says `related` — gives
//! its links as the story's read-also links and is removed with them — never one that wraps
//! the article's text.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use dom_query::{Document, Matcher, NodeId, NodeRef, Selection};

use crate::model::{Link, LinkKind};

use super::super::vocab::{BOILERPLATE_HINTS, FURNITURE_HEADINGS, is_marker_phrase};
use super::meta::collapse;
use super::resolve_url;
use crate::normalize::fold;

/// Elements that are never article text.
const NEVER_TEXT: &str = "script, style, noscript, template, iframe, object, embed, svg, \
    button, select, input, textarea";

/// Elements that are page furniture by what they are — unless one holds most of the page's
/// text (an ASP.NET page is one `<form>`; a template may mark its whole page `hidden` until a
/// script shows it).
const FURNITURE_ELEMENTS: &str = "form, dialog, nav, [role=navigation], [role=banner], \
    [role=contentinfo], [role=search], [hidden], [aria-hidden=true], body > header, \
    body > footer, body > div > header, body > div > footer, footer";

/// Takes the read-also sections out of the page as links, then the furniture.
pub fn clean(doc: &Document, base: Option<&str>) -> Vec<Link> {
    let text_block: HashSet<NodeId> = text_block(doc)
        .map(|b| {
            std::iter::once(b.id)
                .chain(b.ancestors_it(None).map(|a| a.id))
                .collect()
        })
        .unwrap_or_default();
    let links = take_related(doc, base, &text_block);
    doc.select(NEVER_TEXT).remove();
    let page_text = doc.body().map_or(0, |b| text_len(&b));
    for node in doc.select(FURNITURE_ELEMENTS).nodes() {
        if text_len(node) * 2 <= page_text {
            node.remove_from_parent();
        }
    }
    if let (Some(body), Some(wraps), Some(inside)) = (doc.body(), &*WRAPS_ARTICLE, &*INSIDE_ARTICLE)
    {
        let keep = Keep {
            wraps,
            inside,
            text_block: &text_block,
        };
        take_furniture_sections(doc, &keep);
        prune(&body, &keep);
    }
    // asides that are not the article (pull quotes inside it stay)
    for node in doc.select("aside").nodes() {
        if !text_block.contains(&node.id)
            && node
                .ancestors_it(None)
                .all(|a| !a.is("article, [itemprop=articleBody]"))
        {
            node.remove_from_parent();
        }
    }
    links
}

/// Elements that are the article or wrap it, whatever their class says.
static WRAPS_ARTICLE: LazyLock<Option<Matcher>> = LazyLock::new(|| {
    Matcher::new("html, body, main, article, [itemprop=articleBody], [role=main]").ok()
});

/// Elements whose presence inside a furniture-named element means it holds the article.
static INSIDE_ARTICLE: LazyLock<Option<Matcher>> =
    LazyLock::new(|| Matcher::new("article, main, [itemprop=articleBody], h1").ok());

/// What must stay whatever its class says.
struct Keep<'k> {
    /// [`WRAPS_ARTICLE`]
    wraps: &'k Matcher,
    /// [`INSIDE_ARTICLE`]
    inside: &'k Matcher,
    /// [`text_block`] and its ancestors (node ids).
    text_block: &'k HashSet<NodeId>,
}

/// The element holding the most text of its own — the text of its `<p>` children and its
/// own text (a `<div>` of lines between `<br>`s), inline elements included: the article's
/// body on any page, whatever the classes around it say. `None` for a page without text.
pub(super) fn text_block(doc: &Document) -> Option<NodeRef<'_>> {
    let body = doc.body()?;
    let mut by_block: HashMap<NodeId, (usize, NodeRef<'_>)> = HashMap::new();
    for node in body.descendants_it() {
        if !node.is_text() {
            continue;
        }
        let len = text_len(&node);
        if len == 0 {
            continue;
        }
        if let Some(block) = block_of(&node) {
            by_block.entry(block.id).or_insert((0, block)).0 += len;
        }
    }
    by_block
        .into_values()
        .max_by_key(|(len, node)| (*len, std::cmp::Reverse(node.id)))
        .map(|(_, node)| node)
}

/// The block a text belongs to: its nearest ancestor that is not inline, or the parent of its
/// `<p>`; `None` for the text of a script, a style, a form control.
fn block_of<'a>(text: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    for a in text.ancestors_it(None) {
        let name = a.node_name();
        match name.as_deref().unwrap_or("") {
            "script" | "style" | "noscript" | "template" | "title" | "textarea" | "option"
            | "select" | "button" | "svg" => return None,
            "a" | "b" | "i" | "em" | "strong" | "span" | "font" | "u" | "small" | "big" | "sup"
            | "sub" | "mark" | "abbr" | "cite" | "q" | "time" | "code" | "bdi" | "bdo" | "s"
            | "del" | "ins" | "label" | "br" => {}
            "p" => return a.parent(),
            _ => return Some(a),
        }
    }
    None
}

/// The words' letters (white space not counted) of a node's text.
fn text_len(node: &NodeRef<'_>) -> usize {
    node.text().split_whitespace().map(str::len).sum()
}

/// Removes the furniture under `node`, top-most first: what is inside a removed element is
/// never looked at.
fn prune(node: &NodeRef<'_>, keep: &Keep<'_>) {
    for child in node.element_children() {
        if is_furniture(&child) && !holds_article(&child, keep) {
            child.remove_from_parent();
        } else {
            prune(&child, keep);
        }
    }
}

/// Does the element's class or id name page furniture?
fn is_furniture(node: &NodeRef<'_>) -> bool {
    let mut names = String::new();
    if let Some(c) = node.class() {
        names.push_str(&c);
    }
    if let Some(id) = node.id_attr() {
        names.push(' ');
        names.push_str(&id);
    }
    // Component frameworks name their parts in data attributes (`data-component="tag-list"`,
    // `data-testid="byline"`), and ARIA roles name the landmarks that are not the article.
    for attr in ["data-component", "data-testid", "data-module", "role"] {
        if let Some(v) = node.attr(attr) {
            names.push(' ');
            names.push_str(&v);
        }
    }
    if names.is_empty() {
        return false;
    }
    // `shareIcons`, `TalkbacksComponent`: camelCase parts are words too.
    let mut split = String::with_capacity(names.len() + 8);
    let mut prev_lower = false;
    for c in names.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            split.push(' ');
        }
        prev_lower = c.is_ascii_lowercase();
        split.push(c.to_ascii_lowercase());
    }
    split
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|part| BOILERPLATE_HINTS.contains(&part) || ROLES.contains(&part))
}

/// ARIA landmark roles that are never the article.
const ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
];

/// Removes the sections that a heading names as furniture ("Most read", "الأكثر قراءة",
/// "הכי נקראים"…, [`FURNITURE_HEADINGS`]), with their lists.
fn take_furniture_sections(doc: &Document, keep: &Keep<'_>) {
    let Some(body) = doc.body() else {
        return;
    };
    let mut sections = Vec::new();
    for node in body.descendants() {
        if !node.is_element() || !node.is("h1, h2, h3, h4, h5, h6, strong, b, span, p, div") {
            continue;
        }
        let text = node.text();
        let text = text.trim().trim_end_matches([':', '：']).trim();
        if text.is_empty() || text.len() > 60 || node.element_children().len() > 1 {
            continue;
        }
        let folded = fold(text);
        if !FURNITURE_HEADINGS.iter().any(|h| fold(h) == folded) {
            continue;
        }
        if let Some(section) = section_of(&node).filter(|s| !s.is("body, html, main, article"))
            && !holds_article(&section, keep)
        {
            sections.push(section);
        }
    }
    for section in sections {
        section.remove_from_parent();
    }
}

/// An element that wraps the article must stay, whatever its class says.
fn holds_article(node: &NodeRef<'_>, keep: &Keep<'_>) -> bool {
    if keep.text_block.contains(&node.id) || node.is_match(keep.wraps) {
        return true;
    }
    // (not "most of the page's text": a long comment thread has that, and the article's
    // text block is known)
    node.descendants_it()
        .any(|d| d.is_element() && d.is_match(keep.inside))
}

/// Finds the read-also sections, turns their anchors into links and removes them.
fn take_related(doc: &Document, base: Option<&str>, text_block: &HashSet<NodeId>) -> Vec<Link> {
    let mut links = Vec::new();
    let mut sections: Vec<NodeRef<'_>> = Vec::new();
    // One pass over the page: a text that is a marker phrase labels a section (its element
    // is the label); an element whose class or id says `related` is one.
    let Some(body) = doc.body() else {
        return links;
    };
    // the tree is only read while it is walked (it is borrowed): labels are collected first
    let nodes: Vec<NodeRef<'_>> = body.descendants();
    let mut labels = Vec::new();
    for node in nodes {
        if node.is_element() {
            // (a wrapper named `…-related` that holds the article's text is not a section)
            if is_related_by_name(&node) && has_links(&node) && !text_block.contains(&node.id) {
                sections.push(node);
            }
            continue;
        }
        if !node.is_text() {
            continue;
        }
        let text = node.text();
        // every phrase is a few short words: longer texts are not folded to find out
        let phrase = text
            .trim()
            .trim_end_matches([':', '：', '…', '»', '«', '-', '|'])
            .trim();
        if phrase.is_empty() || phrase.len() > 60 || !is_marker_phrase(phrase) {
            continue;
        }
        // `اقرأ أيضًا: <a>…</a>` inside a paragraph is an inline link: `blocks` keeps it there
        let mut next = node.next_sibling();
        while let Some(n) = next.filter(|n| n.is_text() && n.text().trim().is_empty()) {
            next = n.next_sibling();
        }
        if next.is_some_and(|n| n.has_name("a")) {
            continue;
        }
        if let Some(label) = node.parent() {
            labels.push(label);
        }
    }
    for label in labels {
        if let Some(section) = section_of(&label)
            .filter(|s| !s.is("body, html, main, article") && !text_block.contains(&s.id))
        {
            sections.push(section);
        }
    }
    for section in &sections {
        // an enclosing section already taken covers this one
        if section
            .ancestors_it(None)
            .any(|a| sections.iter().any(|s| s.id == a.id))
        {
            continue;
        }
        for a in Selection::from(*section).select("a[href]").nodes() {
            let label = collapse(&a.text());
            // a relative address on a page with no address of its own: the title still
            // resolves the link
            let url = a.attr("href").and_then(|h| resolve_url(base, &h));
            if label.is_empty()
                || is_marker_phrase(label.trim_end_matches(':'))
                || links
                    .iter()
                    .any(|l: &Link| l.label == label || (url.is_some() && l.url == url))
            {
                continue;
            }
            links.push(Link {
                label,
                target: None,
                url,
                kind: LinkKind::ReadAlso,
                after_paragraph: None,
            });
        }
    }
    for section in sections {
        section.remove_from_parent();
    }
    links
}

/// The section a read-also label opens: the label itself when it holds the links, else the
/// list right after it (or after the block it sits in), else the nearest enclosing element
/// that is mostly links — never a container of the article's own text.
fn section_of<'a>(label: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    if has_links(label) {
        return Some(*label);
    }
    let mut block = *label;
    for _ in 0..3 {
        if let Some(next) = block.next_element_sibling().filter(has_links) {
            // the label and its list go together
            return Some(match block.parent() {
                Some(p) if mostly_links(&p) => p,
                _ => {
                    block.remove_from_parent();
                    next
                }
            });
        }
        match block.parent() {
            Some(p) if mostly_links(&p) && has_links(&p) => return Some(p),
            Some(p) => block = p,
            None => break,
        }
    }
    None
}

/// Is most of the element's text the text of its links?
fn mostly_links(node: &NodeRef<'_>) -> bool {
    let total = text_len(node);
    let linked: usize = Selection::from(*node)
        .select("a")
        .nodes()
        .iter()
        .map(text_len)
        .sum();
    total > 0 && linked * 2 >= total
}

fn has_links(node: &NodeRef<'_>) -> bool {
    Selection::from(*node).select("a[href]").exists()
}

/// An element's class and id, lowercased, as one space-separated text of names.
pub(super) fn class_and_id(node: &NodeRef<'_>) -> String {
    format!(
        "{} {}",
        node.class().as_deref().unwrap_or(""),
        node.id_attr().as_deref().unwrap_or("")
    )
    .to_ascii_lowercase()
}

/// Does the element, or one of its three nearest ancestors, have a class or id word (split
/// on spaces, `-` and `_`) that `is` accepts?
pub(super) fn named_near(node: &NodeRef<'_>, is: impl Fn(&str) -> bool) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(Some(3)))
        .any(|n| {
            class_and_id(&n)
                .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(&is)
        })
}

fn is_related_by_name(node: &NodeRef<'_>) -> bool {
    let names = class_and_id(node);
    [
        "related",
        "read-also",
        "readalso",
        "read-more-links",
        "more-stories",
        "see-also",
    ]
    .iter()
    .any(|n| names.split_whitespace().any(|part| part.contains(n)))
}
