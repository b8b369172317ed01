//! The reader pane: which story is open, how far it is scrolled, which link is selected, and
//! the cached layout of the story for the pane's width.
//!
//! In the reader, up/down move between the links visible on screen and scroll when there is
//! no further link in view (the way text browsers do), so `Enter` always has a visible target.

use crate::i18n::Tr;
use qari_core::bidi::Options;
use qari_core::library::Library;
use qari_core::model::StoryId;

use super::bodies::Body;
use super::document::{self, DocLine, Document, LineKind};

/// State of the reader pane.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    pub story: Option<StoryId>,
    /// First document line shown.
    pub scroll: usize,
    /// Selected link (index into the story's links).
    pub selected_link: Option<usize>,
    /// The story laid out for the current width (rebuilt only when story, width or options
    /// change).
    pub doc: Option<Document>,
}

impl Reader {
    /// Shows `story` at `scroll` (clamped once laid out).
    pub fn open(&mut self, story: StoryId, scroll: usize, selected_link: Option<usize>) {
        self.story = Some(story);
        self.scroll = scroll;
        self.selected_link = selected_link;
    }

    /// Makes sure `doc` is the layout of the open story at `width` with what is known of its
    /// body; true when it was rebuilt.
    pub fn lay_out(
        &mut self,
        library: &Library,
        body: Option<&Body>,
        width: usize,
        (opts, tr, open_key): (&Options, &Tr, &str),
    ) -> bool {
        let Some(id) = self.story else {
            self.doc = None;
            return false;
        };
        let key = document::DocKey {
            story: id,
            width,
            opts: *opts,
            tr: *tr,
            body: document::BodyState::of(body),
        };
        if self.doc.as_ref().is_some_and(|d| d.key == key) {
            return false;
        }
        let anchor = self
            .doc
            .as_ref()
            .filter(|d| d.key.story == id)
            .and_then(|d| anchor(d, self.scroll));
        self.doc = library
            .get(id)
            .map(|story| document::build(library, story, body, width, (opts, tr, open_key)));
        // Same story at a new width: keep the same text at the top of the pane.
        if let (Some((kind, offset, delta)), Some(doc)) = (anchor, &self.doc)
            && let Some(line) = doc.lines.iter().position(|l| {
                l.kind == kind && logical_span(l).is_some_and(|r| r.contains(&offset))
            })
        {
            self.scroll = line.saturating_sub(delta);
        }
        true
    }

    pub fn line_count(&self) -> usize {
        self.doc.as_ref().map_or(0, |d| d.lines.len())
    }

    pub fn max_scroll(&self, height: usize) -> usize {
        self.line_count().saturating_sub(height.max(1))
    }

    pub fn clamp(&mut self, height: usize) {
        self.scroll = self.scroll.min(self.max_scroll(height));
    }

    /// Scrolls by `delta` lines; a selected link that leaves the screen is deselected.
    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll(height));
        if let Some(link) = self.selected_link
            && !self.link_visible(link, height)
        {
            self.selected_link = None;
        }
    }

    pub fn scroll_to(&mut self, line: usize, height: usize) {
        self.scroll = line;
        self.scroll_by(0, height);
    }

    fn link_line(&self, link: usize) -> Option<usize> {
        self.doc.as_ref()?.link_lines.get(link).copied().flatten()
    }

    fn link_visible(&self, link: usize, height: usize) -> bool {
        self.link_line(link)
            .is_some_and(|l| l >= self.scroll && l < self.scroll + height.max(1))
    }

    /// The story's links in reading order, and where the selected one is among them.
    fn links_and_selection(&self) -> (Vec<usize>, Option<usize>) {
        let order = self
            .doc
            .as_ref()
            .map(Document::links_in_order)
            .unwrap_or_default();
        let pos = self
            .selected_link
            .and_then(|s| order.iter().position(|&l| l == s));
        (order, pos)
    }

    /// Down: the next link in view, else one line of scrolling.
    pub fn down(&mut self, height: usize) {
        let (order, pos) = self.links_and_selection();
        let next = match pos {
            Some(p) => order.get(p + 1),
            None => order.iter().find(|&&l| self.link_visible(l, height)),
        };
        if let Some(link) = next.copied().filter(|&l| self.link_visible(l, height)) {
            self.selected_link = Some(link);
        } else {
            let before = self.scroll;
            self.scroll_by(1, height);
            // The line scrolled into view may hold the next link.
            if let Some(&l) = pos.and_then(|p| order.get(p + 1))
                && self.scroll != before
                && self.link_visible(l, height)
            {
                self.selected_link = Some(l);
            }
        }
    }

    /// Up: the previous link in view, else one line of scrolling.
    pub fn up(&mut self, height: usize) {
        let (order, pos) = self.links_and_selection();
        let prev = match pos {
            Some(p) if p > 0 => order.get(p - 1),
            Some(_) => None,
            None => order.iter().rev().find(|&&l| self.link_visible(l, height)),
        };
        if let Some(link) = prev.copied().filter(|&l| self.link_visible(l, height)) {
            self.selected_link = Some(link);
        } else {
            if pos.is_some() && self.scroll == 0 {
                self.selected_link = None;
            }
            self.scroll_by(-1, height);
        }
    }

    /// Selects a link and scrolls it into view.
    pub fn select_link(&mut self, link: usize, height: usize) {
        let Some(at) = self.link_line(link) else {
            return;
        };
        let height = height.max(1);
        if at < self.scroll {
            self.scroll = at;
        } else if at >= self.scroll + height {
            self.scroll = at + 1 - height;
        }
        self.clamp(height);
        self.selected_link = Some(link);
    }
}

/// Bytes of the laid-out text a line shows (smallest to largest logical offset).
fn logical_span(line: &DocLine) -> Option<std::ops::Range<usize>> {
    let start = line.line.clusters.iter().map(|c| c.logical.start).min()?;
    let end = line.line.clusters.iter().map(|c| c.logical.end).max()?;
    Some(start..end.max(start + 1))
}

/// What is at the top of the pane, in terms that survive a new width: the first line with text
/// at or below `scroll` (its kind and first logical byte), and how far below `scroll` it is.
fn anchor(doc: &Document, scroll: usize) -> Option<(LineKind, usize, usize)> {
    doc.lines
        .iter()
        .enumerate()
        .skip(scroll)
        .find_map(|(i, line)| Some((line.kind, logical_span(line)?.start, i - scroll)))
}
