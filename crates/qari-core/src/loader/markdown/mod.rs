//! Markdown notes (`.md`, `.markdown`) -> one story.
//!
//! - front matter ([`front`], YAML `---` or TOML `+++`): `title`, `date`, `lang`, `dir`,
//!   `author`, `source`, `url` (each with its usual synonyms);
//! - without a front-matter title the first `#` heading is the title, not a paragraph (then
//!   the first heading of any level; the file name when there is none); with one, a first
//!   `#` heading that repeats it is not a paragraph either;
//! - the text through `pulldown-cmark`: markup gone, code kept as text (a code block one
//!   paragraph a line), list items as `•` lines, inline HTML stripped, HTML blocks through
//!   the HTML loader's walk ([`crate::loader::html::blocks`]);
//! - a paragraph `اقرأ أيضًا: [title](url)` (any phrase of `loader::vocab`) is a read-also
//!   link, and so is each item of a list under a bare marker line or heading; every other
//!   link is an inline link of the story.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::{Link, LinkKind};
use crate::normalize::fold;

use super::vocab::{Marker, is_marker_phrase, marker};
use super::{Draft, date, html, lang};

pub mod front;

/// Whether the note opens with a front-matter block (used to recognise notes without a
/// `.md` name).
pub fn has_front_matter(text: &str) -> bool {
    front::split(text).is_some_and(|(block, kind, _)| {
        front::fields(block, kind)
            .iter()
            .any(|(k, v)| k == "title" && !v.is_empty())
    })
}

/// Parses a note. The title is empty when the note has none (the caller names it).
pub fn parse(text: &str) -> Draft {
    let mut draft = Draft::default();
    let body = match front::split(text) {
        Some((block, kind, rest)) => {
            apply_front_matter(&mut draft, &front::fields(block, kind));
            rest
        }
        None => text,
    };
    let mut walk = Walk::default();
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(body, options) {
        walk.event(event);
    }
    walk.flush();
    if draft.title.is_empty() {
        let heading = walk
            .headings
            .iter()
            .min_by_key(|(level, index)| (*level, *index))
            .map(|&(_, index)| index);
        if let Some(index) = heading {
            draft.title = walk.take_paragraph(index);
        }
    } else if let Some(&(_, index)) = walk
        .headings
        .iter()
        .find(|(level, _)| *level == HeadingLevel::H1)
        .filter(|&&(_, index)| fold(&walk.paragraphs[index]) == fold(&draft.title))
    {
        // the first `#` heading repeats the front matter's title: it is the title, once
        walk.take_paragraph(index);
    }
    draft.paragraphs = walk.paragraphs;
    draft.links = walk.links;
    draft
}

fn apply_front_matter(draft: &mut Draft, fields: &[front::Field]) {
    for (key, values) in fields {
        let Some(first) = values.first().cloned().filter(|v| !v.is_empty()) else {
            continue;
        };
        match key.as_str() {
            "tags" | "keywords" | "categories" | "category" => draft.tags.extend(
                values
                    .iter()
                    .flat_map(|v| v.split([',', '،']))
                    .map(str::to_owned),
            ),
            "title" | "headline" if draft.title.is_empty() => draft.title = first,
            "date" | "published" | "pubdate" | "published_at" | "created"
                if draft.published.is_none() =>
            {
                draft.published = date::parse(&first);
            }
            "lang" | "language" | "locale" if draft.lang.is_none() => {
                draft.lang = Some(first.replace('_', "-"));
            }
            "dir" | "direction" if draft.dir.is_none() => draft.dir = lang::parse_dir(&first),
            "author" | "authors" | "by" if draft.author.is_none() => {
                draft.author = Some(values.join(", "));
            }
            "source" | "site" | "publisher" if draft.source.is_none() => draft.source = Some(first),
            "url" | "link" | "canonical" | "canonical_url" | "source_url"
                if draft.url.is_none() =>
            {
                draft.url = Some(first);
            }
            _ => {}
        }
    }
}

#[derive(Default)]
#[allow(clippy::struct_excessive_bools)] // independent states of one walk
struct Walk {
    paragraphs: Vec<String>,
    links: Vec<Link>,
    /// (level, paragraph index) of every heading.
    headings: Vec<(HeadingLevel, usize)>,
    current: String,
    heading: Option<HeadingLevel>,
    /// The link being read: its address and where its label starts in `current`.
    link: Option<(String, usize)>,
    /// Links of the current block: label, address.
    block_links: Vec<(String, String)>,
    item: bool,
    code: bool,
    /// A bare "read also" line was seen: the next list's items are read-also links.
    read_also: bool,
    in_read_also_list: bool,
    list_depth: usize,
}

impl Walk {
    /// Removes paragraph `index` (a heading that is the title), keeping the links after the
    /// paragraphs they follow.
    fn take_paragraph(&mut self, index: usize) -> String {
        for link in &mut self.links {
            link.after_paragraph = link
                .after_paragraph
                .map(|p| if p > index { p - 1 } else { p });
        }
        self.paragraphs.remove(index)
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if self.code {
                    self.current.push_str(&t);
                } else {
                    self.push_text(&t);
                }
            }
            Event::Code(t) => self.push_text(&t),
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak | Event::Rule => self.flush(),
            Event::Html(h) => {
                let blocks = html::blocks::of_fragment(&h, None);
                for p in blocks.paragraphs {
                    self.push_text(&p);
                    self.flush();
                }
            }
            Event::TaskListMarker(done) => self.push_text(if done { "[x] " } else { "[ ] " }),
            Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::BlockQuote(_) | Tag::TableRow | Tag::TableHead => self.flush(),
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(level);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = true;
            }
            Tag::List(_) => {
                self.flush();
                self.list_depth += 1;
                if self.read_also && self.list_depth == 1 {
                    self.in_read_also_list = true;
                }
            }
            Tag::Item => {
                self.flush();
                self.item = true;
            }
            Tag::TableCell if !self.current.is_empty() => self.current.push_str(" | "),
            Tag::Link { dest_url, .. } => {
                self.link = Some((dest_url.to_string(), self.current.len()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::TableRow
            | TagEnd::TableHead
            | TagEnd::Item => {
                self.flush();
            }
            TagEnd::CodeBlock => {
                let code = std::mem::take(&mut self.current);
                self.code = false;
                for line in code.lines().filter(|l| !l.trim().is_empty()) {
                    self.paragraphs.push(line.trim_end().to_owned());
                }
            }
            TagEnd::List(_) => {
                self.flush();
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 && self.in_read_also_list {
                    self.in_read_also_list = false;
                    self.read_also = false;
                }
            }
            TagEnd::Link => {
                if let Some((url, start)) = self.link.take() {
                    let label = self.current.get(start..).unwrap_or("").trim().to_owned();
                    self.block_links.push((label, url));
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        html::blocks::push_collapsed(&mut self.current, text);
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.current);
        let links = std::mem::take(&mut self.block_links);
        let item = std::mem::replace(&mut self.item, false);
        let heading = self.heading.take();
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return;
        }
        let after = self.paragraphs.len().checked_sub(1);
        if self.in_read_also_list && item {
            let url = links.into_iter().next().map(|(_, u)| u);
            self.links.push(read_also(trimmed, url, None));
            return;
        }
        match marker(trimmed) {
            Some(Marker::Inline(title)) => {
                let (label, url) = match links.into_iter().next() {
                    Some((label, url)) if !label.is_empty() => (label, Some(url)),
                    Some((_, url)) => (title.trim().to_owned(), Some(url)),
                    None => (title.trim().to_owned(), None),
                };
                let mut link = read_also(&label, url, after);
                if after.is_some() {
                    link.kind = LinkKind::Inline;
                }
                self.links.push(link);
                return;
            }
            Some(Marker::Bare) => {
                self.read_also = true;
                return;
            }
            None if heading.is_some() && is_marker_phrase(trimmed) => {
                self.read_also = true;
                return;
            }
            None => {}
        }
        let index = self.paragraphs.len();
        for (label, url) in links {
            self.links.push(Link {
                label: if label.is_empty() { url.clone() } else { label },
                target: None,
                url: Some(url),
                kind: LinkKind::Inline,
                after_paragraph: Some(index),
            });
        }
        if let Some(level) = heading {
            self.headings.push((level, index));
        }
        self.paragraphs.push(if item {
            format!("• {trimmed}")
        } else {
            trimmed.to_owned()
        });
    }
}

fn read_also(label: &str, url: Option<String>, after: Option<usize>) -> Link {
    Link {
        label: label.to_owned(),
        target: None,
        url,
        kind: LinkKind::ReadAlso,
        after_paragraph: after,
    }
}

#[cfg(test)]
mod tests;
