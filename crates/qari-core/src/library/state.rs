//! What the reader remembers between runs: which stories are read and which are starred.
//!
//! Stored as a small JSON file under the XDG data directory (`~/.local/share/qari/state.json`
//! on Linux), or under `$QARI_DATA_DIR` when set, so that tests and portable setups never touch
//! the real home. Writes go to a temporary file in the same directory that is then renamed over
//! the old one, so a crash mid-write leaves the previous state intact. The archive itself is
//! never written.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::{StoryId, StoryMeta};

/// Read and starred stories.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    #[serde(default)]
    pub read: BTreeSet<StoryId>,
    #[serde(default)]
    pub starred: BTreeSet<StoryId>,
    /// Stories whose saved state (read or starred in the export they came from) has been
    /// taken as their first state: it is taken once, so what the user changes afterwards wins.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub seeded: BTreeSet<StoryId>,
    /// Stories the user took out of their group (`library::group`): listed on their own row,
    /// never marked read with their copies.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub ungrouped: BTreeSet<StoryId>,
}

impl Marks {
    pub fn is_read(&self, id: StoryId) -> bool {
        self.read.contains(&id)
    }

    pub fn is_starred(&self, id: StoryId) -> bool {
        self.starred.contains(&id)
    }

    /// Sets or clears the read mark; returns whether anything changed.
    pub fn set_read(&mut self, id: StoryId, read: bool) -> bool {
        if read {
            self.read.insert(id)
        } else {
            self.read.remove(&id)
        }
    }

    /// Takes the read and starred state a story was saved with (a read-later export's
    /// archived and starred flags) as its first state, once per story: a story the user has
    /// since marked unread or unstarred stays so. Returns whether anything changed.
    pub fn seed<'m>(&mut self, stories: impl IntoIterator<Item = &'m StoryMeta>) -> bool {
        let mut changed = false;
        for meta in stories {
            let saved = meta.saved;
            if !(saved.read || saved.starred) || !self.seeded.insert(meta.id) {
                continue;
            }
            changed = true;
            if saved.read {
                self.read.insert(meta.id);
            }
            if saved.starred {
                self.starred.insert(meta.id);
            }
        }
        changed
    }

    /// The group a story is listed under (its event, else its copy group), unless the user
    /// took it out of its group.
    pub fn group_of(&self, meta: &StoryMeta) -> Option<StoryId> {
        if self.ungrouped.contains(&meta.id) {
            return None;
        }
        meta.group.listed()
    }

    /// Takes a story out of its group, or puts it back; returns whether it is now out.
    pub fn toggle_ungrouped(&mut self, id: StoryId) -> bool {
        if self.ungrouped.remove(&id) {
            false
        } else {
            self.ungrouped.insert(id);
            true
        }
    }

    /// Flips the star; returns the new value.
    pub fn toggle_star(&mut self, id: StoryId) -> bool {
        if self.starred.remove(&id) {
            false
        } else {
            self.starred.insert(id);
            true
        }
    }
}

/// Reads the marks; a missing file is an empty state.
pub fn load(path: &Path) -> io::Result<Marks> {
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Marks::default()),
        Err(e) => Err(e),
    }
}

/// Writes the marks atomically (temporary file, fsync, rename: qari's one atomic writer).
pub fn save(path: &Path, marks: &Marks) -> io::Result<()> {
    let mut json = serde_json::to_vec_pretty(marks).map_err(io::Error::other)?;
    json.push(b'\n');
    super::store::write_atomically(path, &json)
}

/// Saves what this process changed since `base` (the marks as last loaded or saved) on top
/// of what is on disk *now*, under a lock, and returns the result (the new `base`, and what
/// the reader should show). Two readers open on one archive therefore never lose each
/// other's marks: each one's changes are applied to the other's, not written over them.
pub fn save_merged(path: &Path, base: &Marks, marks: &Marks) -> io::Result<Marks> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let lock = fs::File::create(path.with_extension("lock"))?;
    lock.lock()?;
    let mut merged = match load(path) {
        Ok(m) => m,
        // Unreadable state on disk: ours replaces it rather than being lost too.
        Err(_) => base.clone(),
    };
    apply(&mut merged.read, &base.read, &marks.read);
    apply(&mut merged.starred, &base.starred, &marks.starred);
    apply(&mut merged.seeded, &base.seeded, &marks.seeded);
    apply(&mut merged.ungrouped, &base.ungrouped, &marks.ungrouped);
    let saved = save(path, &merged);
    let _ = lock.unlock();
    saved.map(|()| merged)
}

/// `target` gets what was added to and removed from `base` to make `now`.
fn apply(target: &mut BTreeSet<StoryId>, base: &BTreeSet<StoryId>, now: &BTreeSet<StoryId>) {
    for id in now.difference(base) {
        target.insert(*id);
    }
    for id in base.difference(now) {
        target.remove(id);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_empty_state() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load(&dir.path().join("none.json")).unwrap(),
            Marks::default()
        );
    }

    #[test]
    fn round_trip_and_no_temp_file_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("state.json");
        let mut marks = Marks::default();
        marks.set_read(StoryId(1), true);
        assert!(marks.toggle_star(StoryId(0xabc)));
        save(&path, &marks).unwrap();
        assert_eq!(load(&path).unwrap(), marks);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("0000000000000abc"), "{text}");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state.json")]);
        // Overwrite with less state.
        assert!(!marks.toggle_star(StoryId(0xabc)));
        save(&path, &marks).unwrap();
        assert!(load(&path).unwrap().starred.is_empty());
    }

    #[test]
    fn two_readers_never_lose_each_others_marks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut first = Marks::default();
        first.set_read(StoryId(1), true);
        save(&path, &first).unwrap();
        // Both start from the same state.
        let (base_a, base_b) = (load(&path).unwrap(), load(&path).unwrap());
        let mut a = base_a.clone();
        a.set_read(StoryId(2), true);
        a.toggle_star(StoryId(9));
        let mut b = base_b.clone();
        b.set_read(StoryId(3), true);
        b.set_read(StoryId(1), false);
        let after_a = save_merged(&path, &base_a, &a).unwrap();
        let after_b = save_merged(&path, &base_b, &b).unwrap();
        let on_disk = load(&path).unwrap();
        assert_eq!(on_disk, after_b);
        assert!(after_a.is_read(StoryId(2)) && after_a.is_starred(StoryId(9)));
        assert!(on_disk.is_read(StoryId(2)) && on_disk.is_read(StoryId(3)));
        assert!(!on_disk.is_read(StoryId(1)), "b's unread is kept");
        assert!(on_disk.is_starred(StoryId(9)), "a's star survives b's save");
    }

    #[test]
    fn two_processes_saving_at_once_keep_every_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::thread::scope(|s| {
            for t in 0..4u64 {
                let path = &path;
                s.spawn(move || {
                    let mut base = Marks::default();
                    for i in 0..25 {
                        let mut now = base.clone();
                        now.set_read(StoryId(t * 100 + i), true);
                        base = save_merged(path, &base, &now).unwrap();
                    }
                });
            }
        });
        assert_eq!(load(&path).unwrap().read.len(), 100);
    }

    #[test]
    fn saved_state_is_the_first_state_and_the_user_wins_after() {
        let mut story = crate::model::Story::new(StoryId(5), "t", Vec::new(), "w.json").meta;
        story.saved.read = true;
        story.saved.starred = true;
        let plain = crate::model::Story::new(StoryId(6), "u", Vec::new(), "w.json").meta;
        let mut marks = Marks::default();
        assert!(marks.seed([&story, &plain]));
        assert!(marks.is_read(StoryId(5)) && marks.is_starred(StoryId(5)));
        assert!(!marks.is_read(StoryId(6)) && !marks.seeded.contains(&StoryId(6)));
        // the user marks it unread and unstars it: seeding again changes nothing
        marks.set_read(StoryId(5), false);
        marks.toggle_star(StoryId(5));
        assert!(!marks.seed([&story]));
        assert!(!marks.is_read(StoryId(5)) && !marks.is_starred(StoryId(5)));
        // and the seeded set is kept on disk with the marks
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let saved = save_merged(&path, &Marks::default(), &marks).unwrap();
        assert!(saved.seeded.contains(&StoryId(5)));
        assert_eq!(load(&path).unwrap(), marks);
    }

    #[test]
    fn corrupt_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, b"{\"read\": [\"zz\"]}").unwrap();
        let err = load(&path).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }
}
