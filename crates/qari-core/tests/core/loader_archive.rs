//! Whole archives through `Library::load` / `Library::sample`: walking, bad files, links,
//! de-duplication, stable ids, and the promise never to write into the archive.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use qari_core::library::Library;
use qari_core::model::{LinkKind, StoryId};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/loader")
        .join(rel)
}

fn titles(lib: &Library) -> Vec<&str> {
    lib.stories().iter().map(|s| s.title.as_str()).collect()
}

fn by_title<'a>(lib: &'a Library, title: &str) -> &'a qari_core::model::StoryMeta {
    lib.stories()
        .iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no story {title:?}"))
}

#[test]
fn archive_walk_skips_hidden_reports_bad_files_and_resolves_links() {
    let (lib, errors) = Library::load(&[fixture("archive")]);
    // sorted walk: a.txt, empty.txt (error), junk.txt (error), nested/b.txt; hidden and .png skipped
    assert_eq!(titles(&lib), ["Story A", "Story B"]);
    let bad: Vec<_> = errors
        .iter()
        .map(|e| {
            e.path
                .file_name()
                .expect("file")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(bad, ["empty.txt", "junk.txt"]);
    let a = by_title(&lib, "Story A");
    let b = by_title(&lib, "Story B");
    // A -> B, A -> (missing); B -> A: a cycle and a dangling link
    assert_eq!(a.links[0].target, Some(b.id));
    assert_eq!(a.links[1].label, "Story missing");
    assert_eq!(a.links[1].target, None);
    assert_eq!(b.links[0].target, Some(a.id));
    assert_eq!(lib.linked_from(a.id), &[b.id]);
    assert_eq!(lib.linked_from(b.id), &[a.id]);
}

#[test]
fn embedded_story_and_its_own_file_load_once_keeping_the_fuller() {
    let (lib, errors) = Library::load(&[
        fixture("pages/embedded.txt"),
        fixture("pages/embedded-own-file.txt"),
    ]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(lib.len(), 2);
    let main = by_title(
        &lib,
        "افتتاح معرض الكتاب الدولي في الشارقة بمشاركة 1500 دار نشر",
    );
    let prize = by_title(&lib, "جائزة جديدة للترجمة من العربية إلى اللغات الآسيوية");
    assert_eq!(
        prize.paragraph_count, 4,
        "the own file has one paragraph more"
    );
    // The body is read from that file, on demand.
    assert_eq!(lib.read_body(prize.id).expect("body").len(), 4);
    assert!(prize.origin.path.ends_with("embedded-own-file.txt"));
    assert_eq!(main.links[0].kind, LinkKind::Embedded);
    assert_eq!(main.links[0].target, Some(prize.id));
    // and the own file's read-also list links back: a cycle
    assert_eq!(prize.links[0].target, Some(main.id));
    assert_eq!(prize.links[1].target, None);
    assert_eq!(lib.linked_from(main.id), &[prize.id]);
}

#[test]
fn links_resolve_across_files_by_folded_title_and_url() {
    let (lib, _) = Library::load(&[fixture("pages"), fixture("json")]);
    let rail = by_title(&lib, "Rail link between two capitals reopens after repairs");
    let fair = by_title(
        &lib,
        "افتتاح معرض الكتاب الدولي في الشارقة بمشاركة 1500 دار نشر",
    );
    assert_eq!(rail.links[1].target, Some(fair.id));
    let ports = by_title(&lib, "Ports reopen after the storm");
    let storm = by_title(&lib, "Storm closes ports for two days");
    assert_eq!(ports.links[0].target, Some(storm.id));
    // an id that is not in the archive does not resolve
    assert_eq!(ports.links[1].target, None);
    // URL match
    assert_eq!(storm.links[0].target, Some(ports.id));
    let first = by_title(&lib, "خبر أول");
    let third = by_title(&lib, "خبر ثالث");
    assert_eq!(third.links[0].target, Some(first.id));
}

#[test]
fn ids_and_order_are_stable_across_loads() {
    let paths = [fixture("pages"), fixture("json"), fixture("markers")];
    let (a, _) = Library::load(&paths);
    let (b, _) = Library::load(&paths);
    let ids = |lib: &Library| lib.stories().iter().map(|s| s.id).collect::<Vec<StoryId>>();
    assert_eq!(ids(&a), ids(&b));
    let unique: HashSet<_> = ids(&a).into_iter().collect();
    assert_eq!(unique.len(), a.len(), "ids are unique");
    for s in a.stories() {
        assert_eq!(a.get(s.id).map(|x| &x.title), Some(&s.title));
    }
}

#[test]
fn missing_path_is_reported_and_the_rest_loads() {
    let (lib, errors) = Library::load(&[fixture("does-not-exist"), fixture("pages/plain.txt")]);
    assert_eq!(lib.len(), 1);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].path.ends_with("does-not-exist"));
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_survived() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    fs::create_dir_all(root.join("deep/er")).expect("mkdir");
    fs::write(root.join("deep/er/s.txt"), "Looped\n\nBody.\n").expect("write");
    std::os::unix::fs::symlink(root, root.join("deep/er/up")).expect("symlink");
    std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("dangling.txt"))
        .expect("symlink");
    let (lib, errors) = Library::load(&[root.to_path_buf()]);
    assert_eq!(titles(&lib), ["Looped"]);
    // the dangling link is one error line, naming it
    assert_eq!(errors.len(), 1);
    assert!(errors[0].path.ends_with("dangling.txt"));
}

fn snapshot(root: &Path) -> BTreeMap<PathBuf, (u64, Option<SystemTime>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read_dir") {
            let entry = entry.expect("entry");
            let meta = entry.metadata().expect("meta");
            if meta.is_dir() {
                stack.push(entry.path());
            }
            out.insert(entry.path(), (meta.len(), meta.modified().ok()));
        }
    }
    out
}

#[test]
fn loading_writes_nothing_into_the_archive() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for rel in ["pages/embedded.txt", "json/array.json", "archive/junk.txt"] {
        let to = root.join(rel);
        fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        fs::copy(fixture(rel), &to).expect("copy");
    }
    let before = snapshot(root);
    let (lib, _) = Library::load(&[root.to_path_buf()]);
    assert!(lib.len() >= 3);
    assert_eq!(snapshot(root), before);
}

#[test]
fn sample_archive_meets_the_brief() {
    let (lib, errors) = Library::sample();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(lib.len() >= 12, "{}", lib.len());
    let langs: HashSet<&str> = lib.stories().iter().map(|s| s.lang.as_str()).collect();
    for lang in ["ar", "he", "fa", "en"] {
        assert!(langs.contains(lang), "{lang} missing from {langs:?}");
    }
    let arabic = lib.stories().iter().filter(|s| s.lang == "ar").count();
    assert!(arabic * 2 >= lib.len(), "mostly Arabic");
    let dated = lib
        .stories()
        .iter()
        .filter(|s| s.published.is_some())
        .count();
    assert!(dated > 0 && dated < lib.len(), "some dated, some not");
    // formats: text pages and JSON
    let exts: HashSet<String> = lib
        .stories()
        .iter()
        .filter_map(|s| {
            s.origin
                .path
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
        })
        .collect();
    for ext in ["txt", "json", "jsonl"] {
        assert!(exts.contains(ext), "{ext}");
    }
    // every read-also form
    let links: Vec<_> = lib.stories().iter().flat_map(|s| &s.links).collect();
    for kind in [LinkKind::Embedded, LinkKind::ReadAlso, LinkKind::Inline] {
        assert!(links.iter().any(|l| l.kind == kind), "{kind:?}");
    }
    // at least one link leaves the archive
    assert!(
        lib.stories()
            .iter()
            .flat_map(|s| &s.links)
            .any(|l| l.target.is_none())
    );
    // vocalised Arabic somewhere
    assert!(
        lib.stories()
            .iter()
            .filter_map(|s| lib.resident_body(s.id))
            .any(|body| body.iter().any(|p| p.contains('\u{064E}')))
    );
    assert!(has_cycle(&lib), "the link graph has a cycle");
    assert!(
        lib.stories()
            .iter()
            .all(|s| s.origin.path.starts_with("sample"))
    );
}

/// Depth-first search for a back edge.
fn has_cycle(lib: &Library) -> bool {
    fn visit(
        lib: &Library,
        id: StoryId,
        on_path: &mut Vec<StoryId>,
        done: &mut HashSet<StoryId>,
    ) -> bool {
        if on_path.contains(&id) {
            return true;
        }
        if !done.insert(id) {
            return false;
        }
        on_path.push(id);
        let found = lib
            .links_to(id)
            .into_iter()
            .any(|t| visit(lib, t, on_path, done));
        on_path.pop();
        found
    }
    let mut done = HashSet::new();
    lib.stories()
        .iter()
        .any(|s| visit(lib, s.id, &mut Vec::new(), &mut done))
}
