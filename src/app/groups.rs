//! Groups in the reader's list (`library::group`): one row per group of copies and write-ups
//! of one event, `z` to show a group's stories under its row, `Z` to list every story on its
//! own row, `x` to take a story out of its group for good; and reading one copy marks the
//! others read (`copies_read`).
//!
//! The list is filtered and sorted story by story first, then folded (`group::collapse`), so
//! the filter, the sort, unread-only and search all work on groups: a group is listed when
//! any of its stories passes, under the first of them in the list's order.

use super::{App, Effect};
use crate::action::Command;
use crate::i18n::Msg;
use qari_core::library::group::{self, Tier};
use qari_core::model::{IdMap, IdSet, StoryId};

/// The list's rows after folding: the order shown, each folded row's hidden stories, and the
/// rows shown as members of an expanded group.
pub(super) struct Folded {
    pub order: Vec<StoryId>,
    pub hidden: IdMap<StoryId, Vec<StoryId>>,
    pub members: IdSet<StoryId>,
}

impl App {
    /// Is the list one row per group now (the `group` setting, flipped by `Z`)?
    pub(super) fn grouping(&self) -> bool {
        self.settings.group != self.view.group_flipped
    }

    /// `order` (filtered and sorted) folded into one row per group, the expanded group's
    /// stories listed under its row.
    pub(super) fn fold(&self, order: Vec<StoryId>) -> Folded {
        let mut folded = Folded {
            order: Vec::new(),
            hidden: IdMap::default(),
            members: IdSet::default(),
        };
        if !self.grouping() {
            folded.order = order;
            return folded;
        }
        let rows = group::collapse(&order, &self.library, &self.marks);
        folded.order.reserve(rows.len());
        for row in rows {
            folded.order.push(row.id);
            if row.others.is_empty() {
                continue;
            }
            if self.view.expanded.is_some() && self.group_key(row.id) == self.view.expanded {
                folded.order.extend(&row.others);
                folded.members.extend(row.others.iter().copied());
            }
            folded.hidden.insert(row.id, row.others);
        }
        folded
    }

    fn group_key(&self, id: StoryId) -> Option<StoryId> {
        self.library.get(id).and_then(|m| self.marks.group_of(m))
    }

    /// `Z`: one row per group, or every story on its own row.
    pub(super) fn toggle_grouping(&mut self) -> Effect {
        self.view.group_flipped = !self.view.group_flipped;
        self.rebuild_list();
        self.message = Some(self.text(Msg::Grouped {
            on: self.grouping(),
            key: self.key_name(Command::ToggleGrouping),
        }));
        Effect::None
    }

    /// `z`: shows the selected row's group under it, or folds it again.
    pub(super) fn expand_group(&mut self) -> Effect {
        let key = self.list.selected_id().and_then(|id| self.group_key(id));
        if key.is_none() || !self.grouping() {
            self.message = Some(self.text(Msg::NoGroup));
            return Effect::None;
        }
        self.view.expanded = if self.view.expanded == key { None } else { key };
        // The group's first row stays selected when it folds.
        if self.view.expanded.is_none()
            && let Some(first) = self
                .list
                .order
                .iter()
                .copied()
                .find(|&id| self.group_key(id) == key)
        {
            let h = self.page_height(super::Focus::List);
            self.list.select_id(first, h);
        }
        self.rebuild_list();
        Effect::None
    }

    /// `x`: takes the selected story out of its group, or puts it back (kept in the marks,
    /// so across runs).
    pub(super) fn ungroup(&mut self) -> Effect {
        let Some(id) = self.list.selected_id() else {
            return Effect::None;
        };
        let grouped = self
            .library
            .get(id)
            .is_some_and(|m| m.group.listed().is_some());
        if !grouped {
            self.message = Some(self.text(Msg::NoGroup));
            return Effect::None;
        }
        let out = self.marks.toggle_ungrouped(id);
        self.rebuild_list();
        self.message = Some(self.text(Msg::Ungrouped { out }));
        Effect::SaveMarks
    }

    /// The unread story a list row stands for: its own, else the first unread one of its
    /// group folded into it.
    pub(super) fn unread_of_row(&self, row: StoryId) -> Option<StoryId> {
        std::iter::once(row)
            .chain(self.list.hidden.get(&row).into_iter().flatten().copied())
            .find(|&id| !self.marks.is_read(id))
    }

    /// Makes `id` a row of the list: when it is folded into its group's row, the group is
    /// shown expanded.
    pub(super) fn show_in_list(&mut self, id: StoryId) {
        if self.list.order.contains(&id) {
            return;
        }
        if let Some(key) = self.group_key(id) {
            self.view.expanded = Some(key);
            self.rebuild_list();
        }
    }

    /// Marks `id` read and, with `copies_read`, its copies (those still in their group);
    /// whether anything changed.
    pub(super) fn read_with_copies(&mut self, id: StoryId) -> bool {
        let mut changed = self.marks.set_read(id, true);
        if self.settings.copies_read && !self.marks.ungrouped.contains(&id) {
            let library = std::sync::Arc::clone(&self.library);
            for &copy in library.grouped(id, Tier::Copy) {
                if !self.marks.ungrouped.contains(&copy) {
                    changed |= self.marks.set_read(copy, true);
                }
            }
        }
        changed
    }
}
