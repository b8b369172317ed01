//! A list of stories shown one row per group: what the reader's list, `qari list --grouped`
//! and `qari search` share, so a group is the same wherever it is shown.

use super::super::Library;
use super::super::state::Marks;
use crate::model::{IdMap, StoryId};

/// One row of a grouped list: the story shown (the group's first in the list's order) and
/// the group's other stories that are in the list, in its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collapsed {
    pub id: StoryId,
    pub others: Vec<StoryId>,
}

/// `order` (already filtered and sorted) with each group's stories folded into the row of
/// the first of them; a story the user took out of its group (`Marks::ungrouped`) keeps its
/// own row. Linear in the list.
pub fn collapse(order: &[StoryId], library: &Library, marks: &Marks) -> Vec<Collapsed> {
    let mut rows: Vec<Collapsed> = Vec::with_capacity(order.len());
    let mut row_of: IdMap<StoryId, usize> = IdMap::default();
    for &id in order {
        let group = library.get(id).and_then(|m| marks.group_of(m));
        if let Some(r) = group.and_then(|g| row_of.get(&g).copied()) {
            rows[r].others.push(id);
        } else {
            if let Some(g) = group {
                row_of.insert(g, rows.len());
            }
            rows.push(Collapsed {
                id,
                others: Vec::new(),
            });
        }
    }
    rows
}
