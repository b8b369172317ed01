//! The related panel: where else the open story's text appears ("Also in": its copies, by
//! source, with the difference in length) and the story so far (its thread, oldest first),
//! then its read-also links (resolved ones first, unresolved ones after them), the stories
//! that link to it, and similar stories from the search index.
//!
//! Entries are laid out once per story and width, like the reader's document.

use qari_core::bidi::{Options, VisualLine};
use qari_core::library::Library;
use qari_core::model::{Direction, StoryId};

use super::one_line;

/// What an entry points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A link of the open story (index into its links); `resolved` when it is in the archive.
    Link { index: usize, resolved: bool },
    /// A story that links to the open one.
    LinkedFrom(StoryId),
    /// A story similar to the open one (filled by the search layer, issue 5).
    Similar(StoryId),
    /// A story grouped with the open one (a copy, a write-up of its event, its thread).
    Grouped(StoryId),
}

/// The sections of the panel, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    AlsoIn,
    StorySoFar,
    ReadAlso,
    LinkedFrom,
    Similar,
}

impl Section {
    /// The section's heading, in the interface language.
    pub fn title(self) -> crate::i18n::Msg<'static> {
        match self {
            Section::AlsoIn => crate::i18n::Msg::AlsoIn,
            Section::StorySoFar => crate::i18n::Msg::StorySoFar,
            Section::ReadAlso => crate::i18n::Msg::ReadAlso,
            Section::LinkedFrom => crate::i18n::Msg::LinkedFrom,
            Section::Similar => crate::i18n::Msg::Similar,
        }
    }
}

/// One selectable entry, laid out for the panel's width.
#[derive(Debug, Clone)]
pub struct Entry {
    pub section: Section,
    pub target: Target,
    pub line: VisualLine,
    pub direction: Direction,
}

/// State of the related panel.
#[derive(Debug, Clone, Default)]
pub struct Related {
    pub entries: Vec<Entry>,
    pub selected: usize,
    /// First display row shown (rows include section headings).
    pub offset: usize,
    /// Story, width and options the entries were laid out for.
    key: Option<(StoryId, usize, Options, usize)>,
    /// Similar stories for the open story, supplied by the search layer (issue 5). Empty until
    /// then; the panel shows the section only when it has entries.
    pub similar: Vec<StoryId>,
}

/// One display row: a section heading or an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRef {
    Heading(Section),
    Entry(usize),
}

impl Related {
    /// Rebuilds the entries for `story` at `width` unless they are current.
    pub fn lay_out(
        &mut self,
        library: &Library,
        story: Option<StoryId>,
        width: usize,
        (opts, tr): (&Options, &crate::i18n::Tr),
    ) {
        let Some(id) = story else {
            self.entries.clear();
            self.key = None;
            return;
        };
        let key = (id, width, *opts, self.similar.len());
        if self.key == Some(key) {
            return;
        }
        if self.key.is_some_and(|k| k.0 != id) {
            self.selected = 0;
            self.offset = 0;
        }
        self.key = Some(key);
        self.entries.clear();
        let Some(story) = library.get(id) else {
            return;
        };
        let entry = |section, target, title: &str| {
            let (line, direction) = one_line::truncate(title, width, opts);
            Entry {
                section,
                target,
                line,
                direction,
            }
        };
        self.grouped(library, story, *tr, &entry);
        let links = &story.links;
        let resolved = |i: usize| links[i].target.is_some_and(|t| library.get(t).is_some());
        let mut order: Vec<usize> = (0..links.len()).collect();
        order.sort_by_key(|&i| !resolved(i));
        for i in order {
            let label = format!("[{}] {}", i + 1, links[i].label);
            let target = Target::Link {
                index: i,
                resolved: resolved(i),
            };
            self.entries.push(entry(Section::ReadAlso, target, &label));
        }
        for &from in library.linked_from(id) {
            if let Some(s) = library.get(from) {
                self.entries.push(entry(
                    Section::LinkedFrom,
                    Target::LinkedFrom(from),
                    &s.title,
                ));
            }
        }
        let grouped: Vec<StoryId> = self
            .entries
            .iter()
            .filter_map(|e| match e.target {
                Target::Grouped(g) => Some(g),
                _ => None,
            })
            .collect();
        for &sim in self.similar.iter().filter(|s| !grouped.contains(s)) {
            if let Some(s) = library.get(sim) {
                self.entries
                    .push(entry(Section::Similar, Target::Similar(sim), &s.title));
            }
        }
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
    }

    /// "Also in": the open story's copies and the other write-ups of its event, by source,
    /// each with its length beside the open story's; "Story so far": the rest of its thread,
    /// oldest first.
    fn grouped(
        &mut self,
        library: &Library,
        story: &qari_core::model::StoryMeta,
        tr: crate::i18n::Tr,
        entry: &dyn Fn(Section, Target, &str) -> Entry,
    ) {
        use qari_core::library::group::Tier;
        let mut shown: Vec<StoryId> = vec![story.id];
        let copies = library.grouped(story.id, Tier::Copy);
        let event = library.grouped(story.id, Tier::Event);
        for &other in copies
            .iter()
            .chain(event.iter().filter(|id| !copies.contains(id)))
        {
            let Some(s) = library.get(other).filter(|_| !shown.contains(&other)) else {
                continue;
            };
            shown.push(other);
            let diff = isize::try_from(s.paragraph_count).unwrap_or(0)
                - isize::try_from(story.paragraph_count).unwrap_or(0);
            let length = tr.t(crate::i18n::Msg::LengthDiff { paragraphs: diff });
            let source = s.source.as_deref().unwrap_or("?");
            let label = if copies.contains(&other) {
                format!("{source} · {length}")
            } else {
                format!("{source} · {}", s.title)
            };
            self.entries
                .push(entry(Section::AlsoIn, Target::Grouped(other), &label));
        }
        let mut thread: Vec<&qari_core::model::StoryMeta> = library
            .grouped(story.id, Tier::Thread)
            .iter()
            .filter(|id| !shown.contains(id))
            .filter_map(|&id| library.get(id))
            .collect();
        thread.sort_by_key(|s| s.published.map(qari_core::library::filter::instant));
        for s in thread {
            let date = s.published.map(|p| tr.date(&p)).unwrap_or_default();
            let label = format!("{date} {}", s.title);
            self.entries.push(entry(
                Section::StorySoFar,
                Target::Grouped(s.id),
                label.trim(),
            ));
        }
    }

    /// Forgets the layout (e.g. after the similar list changed).
    pub fn invalidate(&mut self) {
        self.key = None;
    }

    /// Display rows: each section's heading followed by its entries; empty sections omitted,
    /// except "read also", which says when there are none.
    pub fn rows(&self) -> Vec<RowRef> {
        let mut rows = Vec::new();
        let mut current = None;
        for (i, e) in self.entries.iter().enumerate() {
            if current != Some(e.section) {
                rows.push(RowRef::Heading(e.section));
                current = Some(e.section);
            }
            rows.push(RowRef::Entry(i));
        }
        rows
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.entries.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize, height: usize) {
        if self.entries.is_empty() {
            return;
        }
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.entries.len() - 1);
        self.keep_visible(height);
    }

    /// Scrolls so that the selected entry (and the heading above a first entry) is visible.
    pub fn keep_visible(&mut self, height: usize) {
        let height = height.max(1);
        let rows = self.rows();
        let Some(row) = rows.iter().position(|r| *r == RowRef::Entry(self.selected)) else {
            self.offset = 0;
            return;
        };
        let top = if row > 0 && matches!(rows[row - 1], RowRef::Heading(_)) {
            row - 1
        } else {
            row
        };
        if top < self.offset {
            self.offset = top;
        } else if row >= self.offset + height {
            self.offset = row + 1 - height;
        }
        self.offset = self.offset.min(rows.len().saturating_sub(height));
    }

    /// Selects the entry shown on display row `row` (relative to the panel's first row).
    pub fn select_row(&mut self, row: usize, height: usize) -> bool {
        match self.rows().get(self.offset + row) {
            Some(RowRef::Entry(i)) => {
                self.selected = *i;
                self.keep_visible(height);
                true
            }
            _ => false,
        }
    }
}
