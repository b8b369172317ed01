//! What the reader remembers between runs: which stories are read and which are starred.
//!
//! Stored as a small JSON file under the XDG data directory (`~/.local/share/qari/state.json`
//! on Linux), or under `$QARI_DATA_DIR` when set, so that tests and portable setups never touch
//! the real home. Writes go to a temporary file in the same directory that is then renamed over
//! the old one, so a crash mid-write leaves the previous state intact. The archive itself is
//! never written.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::StoryId;

/// Environment variable naming the directory that holds `state.json`.
pub const DATA_DIR_ENV: &str = "QARI_DATA_DIR";

/// Read and starred stories.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    #[serde(default)]
    pub read: BTreeSet<StoryId>,
    #[serde(default)]
    pub starred: BTreeSet<StoryId>,
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

/// Where `state.json` lives: `$QARI_DATA_DIR`, else the platform data directory.
pub fn default_path() -> Option<PathBuf> {
    let dir = match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => directories::ProjectDirs::from("", "", "qari")?
            .data_dir()
            .to_path_buf(),
    };
    Some(dir.join("state.json"))
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

/// Writes the marks atomically: temporary file in the same directory, flushed, then renamed.
pub fn save(path: &Path, marks: &Marks) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "state.json".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> io::Result<()> {
        let mut file = fs::File::create(&tmp)?;
        let json = serde_json::to_vec_pretty(marks).map_err(io::Error::other)?;
        file.write_all(&json)?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    };
    write().inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
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
    fn corrupt_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, b"{\"read\": [\"zz\"]}").unwrap();
        let err = load(&path).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }
}
