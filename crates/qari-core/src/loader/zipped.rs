//! A `.zip` read in place: the export zips read-later services mail (Pocket's CSV parts,
//! Omnivore's metadata with its `content/` and `highlights/`), or any zip of article files.
//!
//! Nothing is unpacked to disk. Each entry that is an article file by its name
//! ([`super::is_archive_file`]) is parsed as if it stood in a folder, with the zip's other
//! entries as its sidecars, and the folder rules of [`super::bundle`] applied inside the zip.
//! Every story's origin is the zip itself, numbered in entry order, so its body is read back
//! from the zip. A zip is untrusted: entries are read up to [`ENTRY_MAX_BYTES`] each and
//! [`TOTAL_MAX_BYTES`] in all (a zip bomb stops there, named), and a damaged entry is reported
//! while the others load.

use std::cell::RefCell;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::bundle::Bundle;
use super::{LoadError, Parsed, Problem, Sidecars, is_archive_file};

/// The most read from one entry.
pub const ENTRY_MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The most read from all the entries of one zip.
pub const TOTAL_MAX_BYTES: u64 = 1024 * 1024 * 1024;

type Archive<'b> = zip::ZipArchive<Cursor<&'b [u8]>>;

/// The zip's other entries, for the one being parsed (relative to its folder in the zip).
struct Entries<'a, 'b> {
    archive: &'a RefCell<Archive<'b>>,
    dir: String,
}

impl Sidecars for Entries<'_, '_> {
    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        if rel.split('/').any(|part| part == ".." || part.is_empty()) {
            return None;
        }
        let name = format!("{}{rel}", self.dir);
        let mut archive = self.archive.borrow_mut();
        let entry = archive.by_name(&name).ok()?;
        let mut bytes = Vec::new();
        entry.take(ENTRY_MAX_BYTES).read_to_end(&mut bytes).ok()?;
        Some(bytes)
    }
}

/// Whether bytes start like a zip.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Every story of every article entry of a zip.
pub fn parse(path: &Path, bytes: &[u8]) -> Parsed {
    let archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => RefCell::new(a),
        Err(e) => {
            return Parsed {
                stories: Vec::new(),
                errors: vec![LoadError::new(path, Problem::Zip(e.to_string()))],
            };
        }
    };
    let mut names: Vec<String> = archive
        .borrow()
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| !n.ends_with('/'))
        .map(std::borrow::Cow::into_owned)
        .collect();
    names.sort();
    let names = kept(&names);
    let origin: Arc<Path> = Arc::from(path);
    let mut parsed = Parsed::default();
    let mut total = 0u64;
    for name in names {
        let inner = PathBuf::from(format!("{}/{name}", path.display()));
        let bytes = {
            let mut archive = archive.borrow_mut();
            let entry = match archive.by_name(&name) {
                Ok(e) => e,
                Err(e) => {
                    parsed
                        .errors
                        .push(LoadError::new(inner, Problem::Zip(e.to_string())));
                    continue;
                }
            };
            let mut bytes = Vec::new();
            if let Err(e) = entry.take(ENTRY_MAX_BYTES).read_to_end(&mut bytes) {
                parsed
                    .errors
                    .push(LoadError::new(inner, Problem::Zip(e.to_string())));
                continue;
            }
            bytes
        };
        total += bytes.len() as u64;
        if total > TOTAL_MAX_BYTES {
            parsed
                .errors
                .push(LoadError::new(path, Problem::TooLarge(total)));
            break;
        }
        let dir = name
            .rfind('/')
            .map_or(String::new(), |at| name[..=at].to_owned());
        let sidecars = Entries {
            archive: &archive,
            dir,
        };
        let one = super::parse_bytes(&inner, &bytes, &sidecars);
        for mut story in one.stories {
            story.meta.origin.path = Arc::clone(&origin);
            story.meta.origin.position = parsed.stories.len();
            parsed.stories.push(story);
        }
        parsed.errors.extend(one.errors);
    }
    parsed
}

/// The entries read as article files: article files by name, outside hidden folders and the
/// macOS resource forks, minus what a bundle's rules leave to its records.
fn kept(names: &[String]) -> Vec<String> {
    let visible = |n: &str| {
        !n.split('/')
            .any(|part| part.starts_with('.') || part == "__MACOSX")
    };
    let folders: std::collections::BTreeMap<&str, Bundle> = names
        .iter()
        .map(|n| n.rfind('/').map_or("", |at| &n[..at]))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|dir| {
            let children = names.iter().filter_map(|n| {
                let rest = if dir.is_empty() {
                    n.as_str()
                } else {
                    n.strip_prefix(dir)?.strip_prefix('/')?
                };
                rest.split('/').next()
            });
            (dir, Bundle::of(children.map(std::ffi::OsStr::new)))
        })
        .collect();
    let left_out = |n: &str| {
        // an entry is left out when a folder above it says so for the child on its way
        let parts: Vec<&str> = n.split('/').collect();
        (0..parts.len()).any(|depth| {
            let dir = parts[..depth].join("/");
            folders
                .get(dir.as_str())
                .is_some_and(|b| b.leaves_out(std::ffi::OsStr::new(parts[depth])))
        })
    };
    names
        .iter()
        .filter(|n| visible(n) && is_archive_file(Path::new(n.as_str())) && !left_out(n))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, text) in files {
                w.start_file(*name, opts).expect("entry");
                w.write_all(text.as_bytes()).expect("write");
            }
            w.finish().expect("finish");
        }
        out.into_inner()
    }

    #[test]
    fn an_omnivore_zip_is_read_in_place_with_its_content() {
        let bytes = zip_of(&[
            (
                "omnivore/metadata_0_to_20.json",
                r#"[{"id":"1","slug":"s1","title":"عنوان","url":"https://e.example/1","state":"Archived","savedAt":"2024-10-01T00:00:00Z","labels":[]}]"#,
            ),
            ("omnivore/content/s1.html", "<p>النص المحفوظ كاملًا.</p>"),
            ("omnivore/highlights/s1.md", "> المحفوظ\n"),
            ("__MACOSX/omnivore/._metadata_0_to_20.json", "junk"),
            ("notes/today.md", "# A note\n\nSome text of ours.\n"),
        ]);
        assert!(is_zip(&bytes));
        let parsed = parse(Path::new("exports/omnivore.zip"), &bytes);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(
            parsed.stories.len(),
            2,
            "content/ and highlights/ are not stories"
        );
        let s = &parsed.stories[1];
        assert_eq!(s.meta.title, "عنوان");
        assert_eq!(s.paragraphs, ["النص المحفوظ كاملًا.", "❝المحفوظ❞"]);
        assert!(s.meta.saved.read);
        assert_eq!(&*s.meta.origin.path, Path::new("exports/omnivore.zip"));
        assert_eq!(parsed.stories[0].meta.origin.position, 0);
        assert_eq!(s.meta.origin.position, 1);
    }

    #[test]
    fn a_pocket_zip_of_csv_parts() {
        let bytes = zip_of(&[
            (
                "part_000000.csv",
                "title,url,time_added,cursor,tags,status\nA,https://a.example/,1700000000,1,,unread\n",
            ),
            (
                "part_000001.csv",
                "title,url,time_added,cursor,tags,status\nB,https://b.example/,1700000001,2,,archive\n",
            ),
        ]);
        let parsed = parse(Path::new("pocket.zip"), &bytes);
        let titles: Vec<&str> = parsed
            .stories
            .iter()
            .map(|s| s.meta.title.as_str())
            .collect();
        assert_eq!(titles, ["A", "B"]);
        assert!(parsed.stories.iter().all(|s| s.meta.saved.link_only));
    }

    #[test]
    fn a_damaged_zip_is_named_not_a_panic() {
        let mut bytes = zip_of(&[("a.txt", "Title\n\nText.")]);
        bytes.truncate(bytes.len() / 2);
        let parsed = parse(Path::new("broken.zip"), &bytes);
        assert!(parsed.stories.is_empty());
        assert_eq!(parsed.errors.len(), 1);
        assert!(
            parsed.errors[0].reason().contains("zip"),
            "{}",
            parsed.errors[0]
        );
    }
}
