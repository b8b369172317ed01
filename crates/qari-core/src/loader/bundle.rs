//! Folders that are one thing saved as several files, read as that one thing.
//!
//! - An **Omnivore export** (a folder with `metadata_*.json`): its `content/` and
//!   `highlights/` folders belong to the records (`export::omnivore` reads them through
//!   [`super::Sidecars`]), so the walk leaves them out instead of listing every article twice.
//! - An **`ArchiveBox` snapshot** (`archive/<timestamp>/`: an `index.json` beside the page saved
//!   several ways — `singlefile.html`, `readability/`, `output.html`, a `wget` mirror, a
//!   screenshot, a WARC): one story, from its best rendering, so the walk keeps only
//!   `index.json` and [`archivebox`] picks the rendering.
//!
//! - **One page saved several ways** with no `index.json` (a `SingleFile` page beside the
//!   browser's DOM dump, a screenshot, a readability output): only the best rendering is read.
//! - A browser's **"Webpage, Complete"** save: `page.html` beside `page_files/`, the folder of
//!   its images, scripts and frames, which is not articles ([`page_assets`]).
//!
//! The rules are by name only, decided once per folder from its listing. What a record reads
//! through [`super::Sidecars`] is not watched by the catalog: an export's side files changing
//! alone does not reload it (exports are written once).

use std::ffi::OsStr;

use super::{Draft, Sidecars, html};
use crate::model::Saved;

/// What kind of folder a listing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// An ordinary folder: everything in it is walked.
    Plain,
    Omnivore,
    ArchiveBox,
    /// One page saved several ways without an index: only this file of it is read.
    Renderings(&'static str),
}

/// What an `ArchiveBox` snapshot folder holds besides `index.json` (any one of them, with
/// `index.json`, makes the folder a snapshot).
const ARCHIVEBOX_OUTPUTS: &[&str] = &[
    "singlefile.html",
    "output.html",
    "readability",
    "mercury",
    "htmltotext.txt",
    "screenshot.png",
    "output.pdf",
    "warc",
    "media",
    "archive.org.txt",
];

impl Bundle {
    /// The kind of a folder, from the names of its entries.
    pub fn of<'n>(names: impl IntoIterator<Item = &'n OsStr>) -> Bundle {
        let (mut index, mut output, mut omnivore) = (false, false, false);
        let mut seen: Vec<&'static str> = Vec::new();
        for name in names {
            let name = name.to_string_lossy();
            seen.extend(ARCHIVEBOX_OUTPUTS.iter().copied().filter(|o| *o == name));
            index |= name == "index.json";
            output |= ARCHIVEBOX_OUTPUTS.contains(&name.as_ref());
            omnivore |= name.starts_with("metadata_") && name.ends_with(".json");
        }
        if index && output {
            Bundle::ArchiveBox
        } else if let Some(best) = single_page(&seen) {
            Bundle::Renderings(best)
        } else if omnivore {
            Bundle::Omnivore
        } else {
            Bundle::Plain
        }
    }

    /// Whether the walk leaves out an entry of a folder of this kind.
    pub fn leaves_out(self, name: &OsStr) -> bool {
        match self {
            Bundle::Plain => false,
            Bundle::Omnivore => name == "content" || name == "highlights",
            Bundle::ArchiveBox => name != "index.json",
            Bundle::Renderings(best) => name != best,
        }
    }
}

/// The page file of a folder that holds one page saved several ways (two or more of the
/// renderings archivers write, a page among them), if it is such a folder.
fn single_page(seen: &[&'static str]) -> Option<&'static str> {
    if seen.len() < 2 {
        return None;
    }
    ["singlefile.html", "output.html"]
        .into_iter()
        .find(|page| seen.contains(page))
}

/// The folders of a listing that hold a saved page's assets: `name_files/` beside
/// `name.html` (or `.htm`), as browsers write "Webpage, Complete". Their frames and scripts are
/// not articles.
pub fn page_assets(names: &[std::ffi::OsString]) -> Vec<std::ffi::OsString> {
    names
        .iter()
        .filter(|n| {
            let n = n.to_string_lossy();
            n.strip_suffix("_files").is_some_and(|stem| {
                ["html", "htm", "xhtml", "shtml", "mhtml"]
                    .iter()
                    .any(|ext| {
                        names
                            .iter()
                            .any(|m| m.to_string_lossy() == format!("{stem}.{ext}"))
                    })
            })
        })
        .cloned()
        .collect()
}

/// `ArchiveBox`'s renderings of a page, best first: the page as saved whole (its own
/// headline, date and author, extracted by qari), then the outputs that are already the
/// article, then the raw DOM.
const RENDERINGS: &[&str] = &[
    "singlefile.html",
    "readability/content.html",
    "output.html",
    "mercury/content.html",
];

/// Whether a JSON object is an `ArchiveBox` snapshot's `index.json`.
pub fn is_archivebox_index(o: &serde_json::Map<String, serde_json::Value>) -> bool {
    o.contains_key("url")
        && o.contains_key("timestamp")
        && (o.contains_key("history")
            || o.contains_key("canonical")
            || o.contains_key("archive_path"))
}

/// One story from a snapshot: the best rendering there is, with the snapshot's URL, title
/// (when the page gives none), tags and the date it was archived.
pub fn archivebox(
    o: &serde_json::Map<String, serde_json::Value>,
    sidecars: &dyn Sidecars,
) -> Draft {
    use serde_json::Value;
    let text = |key: &str| super::export::text(o, key);
    let canonical = |key: &str| {
        o.get("canonical")
            .and_then(|c| c.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let wget = canonical("wget_path");
    let mut draft = RENDERINGS
        .iter()
        .map(|r| (*r).to_owned())
        .chain(wget)
        .find_map(|rel| {
            let page = sidecars.read_text(&rel)?;
            let d = html::parse(&page);
            (!d.paragraphs.is_empty()).then_some(d)
        })
        .or_else(|| {
            let plain = sidecars.read_text("htmltotext.txt")?;
            Some(Draft {
                paragraphs: super::json::split_paragraphs(&plain),
                ..Draft::default()
            })
        })
        .unwrap_or_default();
    let url = text("url");
    if let Some(url) = &url {
        draft.url = Some(url.clone());
    }
    if (draft.title.is_empty() || Some(&draft.title) == url.as_ref())
        && let Some(title) = text("title")
    {
        draft.title = title;
    }
    if draft.title.is_empty() {
        draft.title = url.clone().unwrap_or_default();
    }
    if draft.source.is_none() {
        draft.source = url.as_deref().and_then(super::export::host);
    }
    if let Some(tags) = text("tags") {
        draft.tags.extend(tags.split(',').map(str::to_owned));
    }
    let archived = text("timestamp")
        .and_then(|t| t.split('.').next().and_then(|s| s.parse::<i64>().ok()))
        .and_then(super::date::from_unix);
    draft.saved = Saved {
        at: archived.or_else(|| {
            text("bookmarked_date")
                .as_deref()
                .and_then(super::date::parse)
        }),
        ..draft.saved
    };
    draft.key = url.map(|u| format!("archivebox:{u}"));
    draft
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Files beside the one parsed, by relative path.
    type Files = HashMap<&'static str, &'static str>;

    fn names(list: &[&'static str]) -> Vec<&'static OsStr> {
        list.iter().map(|n| OsStr::new(*n)).collect()
    }

    #[test]
    fn kinds_of_folders() {
        assert_eq!(
            Bundle::of(names(&["index.json", "singlefile.html", "screenshot.png"])),
            Bundle::ArchiveBox
        );
        assert_eq!(Bundle::of(names(&["index.json", "a.html"])), Bundle::Plain);
        let omnivore = Bundle::of(names(&["metadata_0_to_20.json", "content", "highlights"]));
        assert_eq!(omnivore, Bundle::Omnivore);
        assert!(omnivore.leaves_out(OsStr::new("content")));
        assert!(!omnivore.leaves_out(OsStr::new("metadata_0_to_20.json")));
        assert!(Bundle::ArchiveBox.leaves_out(OsStr::new("output.html")));
        assert!(!Bundle::ArchiveBox.leaves_out(OsStr::new("index.json")));
        assert!(!Bundle::Plain.leaves_out(OsStr::new("content")));
        let saved_twice = Bundle::of(names(&["output.html", "screenshot.png", "singlefile.html"]));
        assert_eq!(saved_twice, Bundle::Renderings("singlefile.html"));
        assert!(saved_twice.leaves_out(OsStr::new("output.html")));
        assert!(!saved_twice.leaves_out(OsStr::new("singlefile.html")));
        assert_eq!(
            Bundle::of(names(&["output.html", "notes.md"])),
            Bundle::Plain
        );
    }

    #[test]
    fn a_complete_webpage_save_leaves_its_assets_folder_out() {
        let listing: Vec<std::ffi::OsString> = ["Story.html", "Story_files", "other_files", "x.md"]
            .iter()
            .map(std::ffi::OsString::from)
            .collect();
        assert_eq!(
            page_assets(&listing),
            [std::ffi::OsString::from("Story_files")]
        );
    }

    #[test]
    fn a_snapshot_is_one_story_from_its_best_rendering() {
        let index = serde_json::json!({
            "url": "https://www.paper.example/ar/2025/03/bridge",
            "timestamp": "1741600000.123",
            "title": "عنوان من الفهرس",
            "tags": "جسور,مدن",
            "canonical": {"singlefile_path": "singlefile.html", "wget_path": "paper.example/ar/2025/03/bridge.html"}
        });
        let serde_json::Value::Object(o) = index else {
            unreachable!()
        };
        assert!(is_archivebox_index(&o));
        let page = "<html lang=ar dir=rtl><head><title>افتتاح الجسر الجديد</title></head><body><article><h1>افتتاح الجسر الجديد</h1>\
            <p>افتتحت البلدية صباح اليوم الجسر الذي يربط ضفتي النهر بعد عامين من العمل.</p>\
            <p>وقال رئيس البلدية إن الجسر سيخفف الازدحام في وسط المدينة خلال ساعات الذروة.</p></article></body></html>";
        let only_wget = Files::from([("paper.example/ar/2025/03/bridge.html", page)]);
        let d = archivebox(&o, &only_wget);
        assert_eq!(d.title, "افتتاح الجسر الجديد");
        assert_eq!(d.paragraphs.len(), 2, "{:?}", d.paragraphs);
        assert_eq!(
            d.url.as_deref(),
            Some("https://www.paper.example/ar/2025/03/bridge")
        );
        assert_eq!(d.tags, ["جسور", "مدن"]);
        assert_eq!(d.saved.at.map(|p| p.day()).as_deref(), Some("2025-03-10"));
        let nothing = archivebox(&o, &Files::new());
        assert_eq!(nothing.title, "عنوان من الفهرس");
        assert!(nothing.paragraphs.is_empty());
    }
}
