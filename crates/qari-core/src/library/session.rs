//! Where the reader was, kept across runs: the open story and its scroll position, the list's
//! selection, filter and sort — one entry per archive, so opening another folder starts
//! fresh there and coming back resumes.
//!
//! Stored beside the read/star marks (`state.rs`) as `session.json` under the data dir, and
//! written through the one atomic writer (`store::write_atomically`: temporary file, fsync,
//! rename), so a `kill -9` mid-write leaves the previous session whole. Stories are named by
//! their stable ids, so a session survives a catalog rebuild; a story that is gone is simply
//! not restored. A session file that cannot be read is no session.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::StoryId;

/// What a session remembers of one archive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The story in the reader and its first line shown.
    #[serde(default)]
    pub story: Option<StoryId>,
    #[serde(default)]
    pub scroll: usize,
    /// The story under the list cursor.
    #[serde(default)]
    pub selected: Option<StoryId>,
    /// The filter words (`library::filter::Filter` as text).
    #[serde(default)]
    pub filter: String,
    /// The sort's name (`newest`, `oldest`, `source`, `title`).
    #[serde(default)]
    pub sort: String,
}

/// Sessions by archive key (`library::archive::Archive::key`).
type Sessions = BTreeMap<String, Session>;

fn read_all(path: &Path) -> Sessions {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// The session of archive `key`, if one was saved.
pub fn load(path: &Path, key: &str) -> Option<Session> {
    read_all(path).remove(key)
}

/// Saves the session of archive `key`, keeping the other archives' sessions.
pub fn save(path: &Path, key: &str, session: &Session) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut all = read_all(path);
    all.insert(key.to_owned(), session.clone());
    let mut json = serde_json::to_vec_pretty(&all).map_err(io::Error::other)?;
    json.push(b'\n');
    super::store::write_atomically(path, &json)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sessions_are_kept_per_archive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("qari").join("session.json");
        assert_eq!(load(&path, "a"), None);
        let a = Session {
            story: Some(StoryId(7)),
            scroll: 12,
            selected: Some(StoryId(7)),
            filter: "unread lang:ar".into(),
            sort: "oldest".into(),
        };
        save(&path, "a", &a).unwrap();
        save(&path, "b", &Session::default()).unwrap();
        assert_eq!(load(&path, "a"), Some(a));
        assert_eq!(load(&path, "b"), Some(Session::default()));
        // a damaged file is no session, and the next save replaces it
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(load(&path, "a"), None);
        save(&path, "a", &Session::default()).unwrap();
        assert_eq!(load(&path, "a"), Some(Session::default()));
    }

    #[test]
    fn a_read_only_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, b"x").unwrap();
        // a path under a regular file cannot be created
        assert!(save(&blocked.join("session.json"), "a", &Session::default()).is_err());
    }
}
