//! The bodies of the stories the reader opened: a small LRU, filled by the owner.
//!
//! The library holds no body text for an archive on disk (memory must not grow with the
//! archive), so when the reader opens a story whose body is not here, the app asks for it with
//! `Effect::LoadBody` and shows "loading" until the owner reads the file (on another thread
//! in the terminal) and hands the paragraphs back with `App::body_loaded`. `App::update`
//! itself never reads a file. Bodies already in memory (libraries built from stories, the
//! bundled sample) are used directly.

use std::collections::VecDeque;
use std::sync::Arc;

use qari_core::model::StoryId;

/// How many bodies are kept: the open story, the history around it, a few list moves.
pub const CAPACITY: usize = 32;

/// What the reader knows of a story's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Loaded(Arc<Vec<String>>),
    /// Asked for, not there yet.
    Loading,
    /// Could not be read (the reason, for the reader pane).
    Failed(String),
}

/// Recently read bodies, most recent last, and the requests outstanding.
#[derive(Debug, Clone, Default)]
pub struct BodyCache {
    entries: VecDeque<(StoryId, Body)>,
}

impl BodyCache {
    pub fn get(&self, id: StoryId) -> Option<&Body> {
        self.entries.iter().find(|(i, _)| *i == id).map(|(_, b)| b)
    }

    /// Records a body (or the failure, or that it was asked for), evicting the oldest.
    pub fn put(&mut self, id: StoryId, body: Body) {
        self.entries.retain(|(i, _)| *i != id);
        self.entries.push_back((id, body));
        while self.entries.len() > CAPACITY {
            self.entries.pop_front();
        }
    }

    /// Keeps the loaded bodies of the stories `keep` accepts (and drops every request still
    /// outstanding or failed: they are asked again).
    pub fn retain(&mut self, keep: impl Fn(StoryId) -> bool) {
        self.entries
            .retain(|(id, b)| matches!(b, Body::Loaded(_)) && keep(*id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_most_recent_bodies() {
        let mut c = BodyCache::default();
        for i in 0..(CAPACITY as u64 + 5) {
            c.put(StoryId(i), Body::Loaded(Arc::new(vec![i.to_string()])));
        }
        assert!(c.get(StoryId(0)).is_none());
        assert!(c.get(StoryId(4)).is_none());
        assert_eq!(
            c.get(StoryId(5)),
            Some(&Body::Loaded(Arc::new(vec!["5".into()])))
        );
        c.put(StoryId(5), Body::Loading);
        assert_eq!(c.get(StoryId(5)), Some(&Body::Loading));
    }
}
