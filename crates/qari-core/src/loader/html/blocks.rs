//! HTML -> paragraphs: the one walk that turns markup into the text qari shows, used for the
//! article a saved page gives and for the content and summary HTML of feed items.
//!
//! - block elements (`p`, `div`, headings, `blockquote`, `li`, table rows …) and `<br>` end a
//!   paragraph; inline elements only add their text; runs of whitespace are one space;
//! - list items are kept as lines, each its own paragraph with a `•` in front; `pre` keeps its
//!   lines (code is text);
//! - scripts, styles, forms, buttons, embedded media and `hidden` elements give nothing;
//! - entities are decoded by the parser;
//! - a block that is a "read also" line (`اقرأ أيضًا: <a>…</a>`, any phrase of
//!   `loader::vocab`) is a link after the paragraph before it, not a paragraph; other anchors
//!   with a web address become the story's inline links.

use dom_query::{Document, NodeRef};

use crate::model::{Link, LinkKind};

use super::super::vocab::{Marker, marker};
use super::resolve_url;

/// What a piece of HTML says: its paragraphs and the links in them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Blocks {
    pub paragraphs: Vec<String>,
    pub links: Vec<Link>,
}

/// The paragraphs and links of an HTML fragment (a feed item's content), with relative
/// addresses resolved against `base`.
pub fn of_fragment(html: &str, base: Option<&str>) -> Blocks {
    if crate::loader::depth::too_deep(html).is_some() {
        // A hostile fragment is not parsed (`loader::depth`): its text, without the tags.
        return Blocks {
            paragraphs: vec![without_tags(html)]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect(),
            links: Vec::new(),
        };
    }
    let doc = Document::fragment(html);
    of_node(&doc.root(), base)
}

/// Appends `text` to `out` with each run of white space one space, and none at the start (the
/// one rule for turning markup's text into paragraph text, here and in `markdown`).
pub fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
}

/// `html` with every `<…>` removed and its runs of white space made one space.
fn without_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    for (i, piece) in html.split('<').enumerate() {
        // after the first piece, each starts with a tag's inside up to its `>`
        let outside = if i == 0 {
            Some(piece)
        } else {
            piece.split_once('>').map(|(_, t)| t)
        };
        push_collapsed(&mut text, " ");
        push_collapsed(&mut text, outside.unwrap_or(""));
    }
    text.trim_end().to_owned()
}

/// Nesting deeper than this is no page a person saved (the deepest real templates nest a few
/// dozen levels): such a tree is read as flat text, since walking it recursively — here, in
/// the furniture removal and in Readability — would exhaust the stack.
pub const MAX_DEPTH: usize = 256;

/// How deep the tree under `node` nests, counted without recursion, stopping past `limit`.
pub fn depth(node: &NodeRef<'_>, limit: usize) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(*node, 0usize)];
    while let Some((n, d)) = stack.pop() {
        deepest = deepest.max(d);
        if deepest > limit {
            break;
        }
        stack.extend(
            n.children_it(false)
                .filter(NodeRef::is_element)
                .map(|c| (c, d + 1)),
        );
    }
    deepest
}

/// The text of a tree too deep to walk: its lines as paragraphs.
pub fn flat(node: &NodeRef<'_>) -> Blocks {
    Blocks {
        paragraphs: node
            .text()
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect(),
        links: Vec::new(),
    }
}

/// The paragraphs and links of everything under `node`.
pub fn of_node(node: &NodeRef<'_>, base: Option<&str>) -> Blocks {
    if depth(node, MAX_DEPTH) > MAX_DEPTH {
        return flat(node);
    }
    let mut walk = Walk {
        base,
        ..Walk::default()
    };
    walk.node(node);
    walk.flush();
    Blocks {
        paragraphs: walk.paragraphs,
        links: walk.links,
    }
}

#[derive(Default)]
struct Walk<'b> {
    base: Option<&'b str>,
    paragraphs: Vec<String>,
    links: Vec<Link>,
    /// The paragraph being built, whitespace already collapsed.
    current: String,
    /// Anchors met in the current paragraph: label, address.
    anchors: Vec<(String, String)>,
    /// Inside `pre`: line breaks are kept.
    pre: usize,
    /// The current paragraph is a list item.
    item: bool,
}

/// Elements that end a paragraph before and after them.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "li"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "figure"
            | "figcaption"
            | "hr"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "fieldset"
            | "body"
            | "html"
            | "hgroup"
    )
}

/// Elements whose content is never article text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "svg"
            | "math"
            | "button"
            | "form"
            | "select"
            | "option"
            | "input"
            | "textarea"
            | "iframe"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "canvas"
            | "img"
            | "picture"
            | "source"
            | "map"
            | "dialog"
    )
}

impl Walk<'_> {
    fn node(&mut self, node: &NodeRef<'_>) {
        if node.is_text() {
            let text = node.text();
            self.text(&text);
            return;
        }
        let name = node.node_name();
        let name = name.as_deref().unwrap_or("");
        if node.is_element() {
            if is_skipped(name) || node.has_attr("hidden") {
                return;
            }
            match name {
                "br" => {
                    if self.pre > 0 {
                        self.current.push('\n');
                    } else {
                        self.flush();
                    }
                    return;
                }
                "pre" => {
                    self.flush();
                    self.pre += 1;
                    self.children(node);
                    self.pre -= 1;
                    self.flush();
                    return;
                }
                "li" => {
                    self.flush();
                    self.item = true;
                    self.children(node);
                    self.flush();
                    return;
                }
                "td" | "th" => {
                    if !self.current.is_empty() {
                        self.current.push_str(" | ");
                    }
                    self.children(node);
                    return;
                }
                "a" => {
                    let start = self.current.len();
                    self.children(node);
                    if let Some(href) = node.attr("href") {
                        let label = self.current.get(start..).unwrap_or("").trim().to_owned();
                        if let Some(url) = resolve_url(self.base, &href) {
                            self.anchors.push((label, url));
                        }
                    }
                    return;
                }
                _ => {}
            }
        }
        let block = is_block(name);
        if block {
            self.flush();
        }
        self.children(node);
        if block {
            self.flush();
        }
    }

    fn children(&mut self, node: &NodeRef<'_>) {
        for child in node.children_it(false) {
            self.node(&child);
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            self.current.push_str(text);
            return;
        }
        push_collapsed(&mut self.current, text);
    }

    /// Ends the paragraph being built: a "read also" line becomes a link, anything else with
    /// words a paragraph (a `pre` block one paragraph a line).
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.current);
        let anchors = std::mem::take(&mut self.anchors);
        let item = std::mem::replace(&mut self.item, false);
        if self.pre > 0 {
            // inside `pre`, a `<br>` or block only breaks the line
            self.current = text;
            self.current.push('\n');
            self.anchors = anchors;
            return;
        }
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return;
        }
        if let Some(Marker::Inline(title)) = marker(trimmed) {
            let url = anchors.into_iter().next().map(|(_, url)| url);
            let after = self.paragraphs.len().checked_sub(1);
            self.links.push(Link {
                label: title.trim().to_owned(),
                target: None,
                url,
                kind: if after.is_some() {
                    LinkKind::Inline
                } else {
                    LinkKind::ReadAlso
                },
                after_paragraph: after,
            });
            return;
        }
        if matches!(marker(trimmed), Some(Marker::Bare)) {
            return; // a "read also" heading whose list was already taken (`related`)
        }
        let index = self.paragraphs.len();
        for (label, url) in anchors {
            if label.is_empty() || self.links.iter().any(|l| l.url.as_deref() == Some(&url)) {
                continue;
            }
            self.links.push(Link {
                label,
                target: None,
                url: Some(url),
                kind: LinkKind::Inline,
                after_paragraph: Some(index),
            });
        }
        if text.contains('\n') {
            self.paragraphs.extend(
                text.lines()
                    .map(str::trim_end)
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_owned),
            );
        } else if item {
            self.paragraphs.push(format!("• {trimmed}"));
        } else {
            self.paragraphs.push(trimmed.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_breaks_make_paragraphs() {
        let b = of_fragment(
            "<p>First &amp; <b>bold</b>\n  words.</p>Loose text<br>after a break\
             <div><div>Nested</div></div><ul><li>one</li><li>two <i>items</i></li></ul>\
             <script>var x = 1;</script><pre>fn main() {\n    go();\n}</pre>",
            None,
        );
        assert_eq!(
            b.paragraphs,
            [
                "First & bold words.",
                "Loose text",
                "after a break",
                "Nested",
                "• one",
                "• two items",
                "fn main() {",
                "    go();",
                "}"
            ]
        );
    }

    #[test]
    fn read_also_lines_are_links_and_anchors_are_inline_links() {
        let b = of_fragment(
            "<p>قال الوزير إن <a href=\"/a/2\">الخطة</a> جاهزة.</p>\
             <p>اقرأ أيضًا: <a href=\"https://news.example/a/3\">عنوان آخر</a></p>\
             <p>فقرة أخيرة.</p>",
            Some("https://news.example/a/1"),
        );
        assert_eq!(b.paragraphs, ["قال الوزير إن الخطة جاهزة.", "فقرة أخيرة."]);
        assert_eq!(b.links.len(), 2);
        assert_eq!(b.links[0].url.as_deref(), Some("https://news.example/a/2"));
        assert_eq!(b.links[0].kind, LinkKind::Inline);
        assert_eq!(b.links[1].label, "عنوان آخر");
        assert_eq!(b.links[1].url.as_deref(), Some("https://news.example/a/3"));
        assert_eq!(b.links[1].after_paragraph, Some(0));
    }
}
