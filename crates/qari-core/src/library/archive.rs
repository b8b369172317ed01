//! Which archive a command opened, whatever way its paths were typed.
//!
//! `qari news`, `qari ./news`, `qari ~/news` and a symbolic link to the folder are one archive:
//! the same catalog, the same search index, the same story ids. So everything qari keeps about
//! an archive is keyed by its roots' *canonical* paths, and every file inside it by its path
//! relative to its root (its [`file key`](Archive::file_key)), never by the path as typed. The
//! paths as typed are kept for what the user sees (`list --json`'s `path`, messages).

use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

/// One path given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// As typed.
    pub typed: PathBuf,
    /// Canonical (symbolic links resolved); the typed path made absolute when it does not exist.
    pub canonical: PathBuf,
    /// A folder (files are found inside it) rather than one file; looked at once.
    pub is_dir: bool,
}

/// The roots of an archive, in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Archive {
    roots: Vec<Root>,
    /// Index of each root (as given) in the order of canonical paths: file keys use it, so the
    /// order the paths were typed in does not change them.
    rank: Vec<usize>,
}

impl Archive {
    pub fn new(paths: &[PathBuf]) -> Archive {
        let roots: Vec<Root> = paths
            .iter()
            .map(|typed| Root {
                typed: typed.clone(),
                canonical: std::fs::canonicalize(typed)
                    .or_else(|_| std::path::absolute(typed))
                    .unwrap_or_else(|_| typed.clone()),
                is_dir: typed.is_dir(),
            })
            .collect();
        let mut order: Vec<usize> = (0..roots.len()).collect();
        order.sort_by(|&a, &b| roots[a].canonical.cmp(&roots[b].canonical));
        let mut rank = vec![0; roots.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        Archive { roots, rank }
    }

    pub fn roots(&self) -> &[Root] {
        &self.roots
    }

    /// The paths as typed, for the walk.
    pub fn typed_paths(&self) -> Vec<PathBuf> {
        self.roots.iter().map(|r| r.typed.clone()).collect()
    }

    /// A name for the archive, the same for every spelling of its paths: a hash of the
    /// canonical roots, sorted and de-duplicated.
    pub fn key(&self) -> String {
        let mut canon: Vec<&Path> = self.roots.iter().map(|r| r.canonical.as_path()).collect();
        canon.sort();
        canon.dedup();
        let mut h = Xxh3::new();
        for p in canon {
            h.update(p.as_os_str().as_encoded_bytes());
            h.update(&[0]);
        }
        format!("{:016x}", h.digest())
    }

    /// The stable name of a file found under root `root` at `rel`: `rel` itself when the
    /// archive has one root, else prefixed with the root's rank among the canonical roots.
    pub fn file_key(&self, root: usize, rel: &str) -> String {
        if self.roots.len() <= 1 {
            rel.to_owned()
        } else {
            format!("{}:{rel}", self.rank.get(root).copied().unwrap_or(root))
        }
    }

    /// The path to show for a file key: the root as typed, joined with the relative path.
    pub fn display_path(&self, key: &str) -> PathBuf {
        let (root, rel) = self.split_key(key);
        match self.roots.get(root) {
            Some(r) if r.is_dir || rel.is_empty() => r.typed.join(rel),
            Some(r) => r.typed.clone(),
            None => PathBuf::from(rel),
        }
    }

    /// Root index (as given) and relative path of a file key.
    fn split_key<'k>(&self, key: &'k str) -> (usize, &'k str) {
        if self.roots.len() <= 1 {
            return (0, key);
        }
        let Some((rank, rel)) = key.split_once(':') else {
            return (0, key);
        };
        let rank: usize = rank.parse().unwrap_or(0);
        let root = self.rank.iter().position(|&r| r == rank).unwrap_or(0);
        (root, rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_folder_are_one_archive() {
        let dir = tempfile::tempdir().expect("tempdir");
        let news = dir.path().join("news");
        std::fs::create_dir(&news).expect("mkdir");
        let dotted = dir.path().join(".").join("news").join("..").join("news");
        let a = Archive::new(std::slice::from_ref(&news));
        let b = Archive::new(&[dotted]);
        assert_eq!(a.key(), b.key());
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&news, &link).expect("symlink");
            assert_eq!(Archive::new(&[link]).key(), a.key());
        }
        assert_ne!(Archive::new(&[dir.path().to_path_buf()]).key(), a.key());
    }

    #[test]
    fn file_keys_do_not_depend_on_the_order_of_the_roots() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (x, y) = (dir.path().join("x"), dir.path().join("y"));
        for d in [&x, &y] {
            std::fs::create_dir(d).expect("mkdir");
        }
        let xy = Archive::new(&[x.clone(), y.clone()]);
        let yx = Archive::new(&[y.clone(), x.clone()]);
        assert_eq!(xy.key(), yx.key());
        assert_eq!(xy.file_key(0, "a.txt"), yx.file_key(1, "a.txt"));
        assert_eq!(xy.display_path(&xy.file_key(1, "a.txt")), y.join("a.txt"));
        let one = Archive::new(std::slice::from_ref(&x));
        assert_eq!(one.file_key(0, "s/a.txt"), "s/a.txt");
        assert_eq!(one.display_path("s/a.txt"), x.join("s/a.txt"));
    }
}
