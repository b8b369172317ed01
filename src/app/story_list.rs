//! The story list: display order, selection, scroll offset, and the laid-out rows.
//!
//! Which stories and in what order is `library::filter`'s rule (newest first by default;
//! undated stories after the dated ones in archive order).
//! Titles and sources are laid out once per column width (`rows`), not on every frame.

use crate::i18n::Tr;
use qari_core::bidi::{Options, VisualLine};
use qari_core::library::Library;
use qari_core::library::filter::{self, Filter, Sort};
use qari_core::library::state::Marks;
use qari_core::model::{Direction, StoryId};

use super::one_line;

/// Cells of the source column.
pub const SOURCE_CELLS: usize = 12;

/// One list row, laid out for the current width.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: StoryId,
    /// The date in the interface's language and digits (empty when the column is hidden).
    pub date: VisualLine,
    pub source: VisualLine,
    pub source_dir: Direction,
    pub title: VisualLine,
    pub title_dir: Direction,
}

/// Which columns fit in a given width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Columns {
    /// The date column's cells; 0 when it does not fit.
    pub date: usize,
    pub source: bool,
    pub title: usize,
}

impl Columns {
    /// Marks (2 cells + space) always; the date (`date_cells` wide) and the source when there
    /// is room for a title.
    pub fn for_width(width: usize, date_cells: usize) -> Columns {
        let marks = 3;
        let mut cols = Columns {
            date: 0,
            source: false,
            title: width.saturating_sub(marks),
        };
        if cols.title >= date_cells + 1 + 20 {
            cols.date = date_cells;
            cols.title -= date_cells + 1;
        }
        if cols.title >= SOURCE_CELLS + 1 + 20 {
            cols.source = true;
            cols.title -= SOURCE_CELLS + 1;
        }
        cols
    }
}

/// State of the story list pane.
#[derive(Debug, Clone, Default)]
pub struct StoryList {
    /// Story ids in display order.
    pub order: Vec<StoryId>,
    /// Position of the selection in `order`.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// Laid-out rows by position in `order`, only those shown (a vector of every row would
    /// cost 18 MB at 100,000 stories before a single one is drawn).
    pub rows: std::collections::HashMap<usize, Row>,
    /// Width, options, interface language and list length the rows were laid out for.
    rows_key: Option<(usize, Options, Tr, usize)>,
    /// The columns the rows were laid out in (the view places the fields by them).
    pub columns: Columns,
    /// The other stories of each row's group (`app::groups`), by the row's story.
    pub hidden: qari_core::model::IdMap<StoryId, Vec<StoryId>>,
    /// Rows shown as a member of an expanded group (indented under it).
    pub members: qari_core::model::IdSet<StoryId>,
}

impl StoryList {
    /// Every story, newest first.
    pub fn new(library: &Library) -> StoryList {
        StoryList::build(library, &Filter::default(), Sort::Newest, &Marks::default())
    }

    /// A list of these stories, in this order.
    pub fn with_order(order: Vec<StoryId>) -> StoryList {
        StoryList {
            order,
            ..StoryList::default()
        }
    }

    /// The stories that pass `filter`, in `sort` order.
    pub fn build(library: &Library, filter: &Filter, sort: Sort, marks: &Marks) -> StoryList {
        StoryList {
            order: filter::ordered(library.stories(), filter, sort, marks),
            ..StoryList::default()
        }
    }

    /// Every story the list stands for: its rows and the stories folded into them.
    pub fn all_ids(&self) -> impl Iterator<Item = StoryId> + '_ {
        let members = &self.members;
        self.order.iter().copied().chain(
            self.hidden
                .values()
                .flatten()
                .copied()
                .filter(move |id| !members.contains(id)),
        )
    }

    pub fn selected_id(&self) -> Option<StoryId> {
        self.order.get(self.selected).copied()
    }

    pub fn select_id(&mut self, id: StoryId, height: usize) {
        if let Some(pos) = self.order.iter().position(|&i| i == id) {
            self.selected = pos;
            self.keep_visible(height);
        }
    }

    /// Moves the selection by `delta` rows, clamped to the list.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        if self.order.is_empty() {
            return;
        }
        let last = self.order.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.keep_visible(height);
    }

    pub fn select(&mut self, pos: usize, height: usize) {
        if !self.order.is_empty() {
            self.selected = pos.min(self.order.len() - 1);
            self.keep_visible(height);
        }
    }

    /// Scrolls so the selection is on screen.
    pub fn keep_visible(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.order.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }

    /// Lays out the rows on screen (`offset` to `offset + height`) for a pane `width` cells
    /// wide. Rows stay cached until the width or the options change, and rows never shown are
    /// never laid out, so a huge archive costs nothing per frame.
    pub fn lay_out(
        &mut self,
        library: &Library,
        (width, height): (usize, usize),
        opts: &Options,
        tr: &Tr,
    ) {
        let key = (width, *opts, *tr, self.order.len());
        if self.rows_key != Some(key) {
            self.rows.clear();
            self.rows_key = Some(key);
            self.columns = Columns::for_width(width, tr.date_cells());
        }
        let cols = self.columns;
        let end = (self.offset + height).min(self.order.len());
        for pos in self.offset..end {
            if self.rows.contains_key(&pos) {
                continue;
            }
            let Some(story) = library.get(self.order[pos]) else {
                continue;
            };
            let meta = story;
            let others = self.hidden.get(&meta.id).map_or(0, Vec::len);
            let member = self.members.contains(&meta.id);
            // Without a source column, the group's count leads the title.
            let (title, title_dir) = match (others, cols.source) {
                (n, false) if n > 0 => {
                    one_line::truncate(&format!("+{} · {}", tr.n(n), meta.title), cols.title, opts)
                }
                _ => one_line::truncate(&meta.title, cols.title, opts),
            };
            let (source, source_dir) = if cols.source {
                let name = meta.source.as_deref().unwrap_or("");
                let shown = match (others, member) {
                    (0, false) => name.to_owned(),
                    (0, true) => format!("↳ {name}"),
                    // the count always shows: the name gives way to it
                    (n, _) => {
                        let count = format!(" +{}", tr.n(n));
                        let room = SOURCE_CELLS.saturating_sub(qari_core::bidi::width(&count));
                        format!("{}{count}", cut(name, room))
                    }
                };
                one_line::truncate(&shown, SOURCE_CELLS, opts)
            } else {
                (VisualLine::default(), Direction::Ltr)
            };
            let date = match meta.published {
                Some(p) if cols.date > 0 => one_line::truncate(&tr.date(&p), cols.date, opts).0,
                _ => VisualLine::default(),
            };
            self.rows.insert(
                pos,
                Row {
                    id: meta.id,
                    date,
                    source,
                    source_dir,
                    title,
                    title_dir,
                },
            );
        }
    }
}

/// `text` cut to `cells` cells, with `…` when cut.
fn cut(text: &str, cells: usize) -> String {
    if qari_core::bidi::width(text) <= cells {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 1; // the ellipsis
    for c in text.chars() {
        used += qari_core::bidi::width(c.encode_utf8(&mut [0; 4]));
        if used > cells {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn selection_stays_visible_and_clamped() {
        let mut list = StoryList {
            order: (0..10).map(StoryId).collect(),
            ..StoryList::default()
        };
        list.move_by(7, 3);
        assert_eq!((list.selected, list.offset), (7, 5));
        list.move_by(100, 3);
        assert_eq!((list.selected, list.offset), (9, 7));
        list.move_by(-100, 3);
        assert_eq!((list.selected, list.offset), (0, 0));
    }

    #[test]
    fn a_long_source_gives_way_to_the_groups_count() {
        assert_eq!(cut("مقومون حيفا الكبرى", 8), "مقومون …");
        assert_eq!(cut("وفا", 8), "وفا");
    }

    #[test]
    fn columns_shrink_with_width() {
        assert_eq!(Columns::for_width(0, 10).title, 0);
        let narrow = Columns::for_width(30, 10);
        assert!(narrow.date == 0 && !narrow.source && narrow.title == 27);
        let wide = Columns::for_width(80, 10);
        assert!(wide.date == 10 && wide.source);
        assert_eq!(wide.title, 80 - 3 - 11 - 13);
    }
}
