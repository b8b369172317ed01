//! Browser-like navigation history: each visit remembers the story, its scroll position and
//! the selected link, so going back puts the reader where it was.

use qari_core::model::StoryId;

/// One visited place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub story: StoryId,
    pub scroll: usize,
    pub selected_link: Option<usize>,
}

/// Back and forward stacks; the current place lives in the reader, not here.
#[derive(Debug, Clone, Default)]
pub struct History {
    back: Vec<Visit>,
    forward: Vec<Visit>,
}

/// Enough for any reading session; the oldest visits are dropped beyond it.
const LIMIT: usize = 1000;

impl History {
    /// Records `current` before navigating somewhere new; the forward stack is dropped.
    pub fn push(&mut self, current: Visit) {
        if self.back.len() == LIMIT {
            self.back.remove(0);
        }
        self.back.push(current);
        self.forward.clear();
    }

    /// The place to go back to; `current` moves onto the forward stack.
    pub fn back(&mut self, current: Option<Visit>) -> Option<Visit> {
        let to = self.back.pop()?;
        self.forward.extend(current);
        Some(to)
    }

    /// The place to go forward to; `current` moves onto the back stack.
    pub fn forward(&mut self, current: Option<Visit>) -> Option<Visit> {
        let to = self.forward.pop()?;
        self.back.extend(current);
        Some(to)
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    pub fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn visit(n: u64, scroll: usize) -> Visit {
        Visit {
            story: StoryId(n),
            scroll,
            selected_link: None,
        }
    }

    #[test]
    fn back_and_forward_walk_the_stacks() {
        let mut h = History::default();
        h.push(visit(1, 5));
        h.push(visit(2, 7));
        assert_eq!(h.back(Some(visit(3, 0))), Some(visit(2, 7)));
        assert_eq!(h.back(Some(visit(2, 8))), Some(visit(1, 5)));
        assert_eq!(h.back(Some(visit(1, 5))), None);
        assert_eq!(h.forward(Some(visit(1, 6))), Some(visit(2, 8)));
        // A new visit drops the forward stack.
        h.push(visit(2, 8));
        assert!(!h.can_go_forward());
        assert_eq!(h.back(None), Some(visit(2, 8)));
    }
}
