//! Read-later exports, `ArchiveBox` snapshots and zips (issue 22) through `Library::load`, on
//! exports of our own writing in the shapes wallabag, Pocket, Instapaper, Omnivore and
//! `ArchiveBox` write (`tests/fixtures/exports/`): every story once, with its title, URL,
//! dates, state and text, and nothing from an export's own side files.

use std::io::Write;
use std::path::{Path, PathBuf};

use qari_core::library::Library;
use qari_core::model::StoryMeta;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exports")
        .join(rel)
}

fn by_title<'a>(lib: &'a Library, title: &str) -> &'a StoryMeta {
    lib.stories()
        .iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no story {title:?}"))
}

fn body(lib: &Library, title: &str) -> Vec<String> {
    let id = by_title(lib, title).id;
    lib.read_body(id).expect("body").to_vec()
}

#[test]
fn every_export_gives_each_story_once_with_its_state() {
    let (lib, errors) = Library::load(&[fixture("")]);
    assert!(errors.is_empty(), "{errors:?}");
    let mut titles: Vec<&str> = lib.stories().iter().map(|s| s.title.as_str()).collect();
    titles.sort_unstable();
    let before = titles.len();
    titles.dedup();
    assert_eq!(titles.len(), before, "a story listed twice: {titles:?}");
    // 2 wallabag 2 + 1 wallabag 1 + 2 Pocket CSV + 2 Pocket HTML + 4 Instapaper + 2 Omnivore
    // + 1 ArchiveBox snapshot (not its output.html, singlefile.html or readability page)
    assert_eq!(lib.len(), 14, "{titles:?}");

    let canals = by_title(&lib, "مزارعو الوادي يعودون إلى القنوات القديمة");
    assert!(canals.saved.read && canals.saved.starred && !canals.saved.link_only);
    assert_eq!(
        canals.published.map(|p| p.day()).as_deref(),
        Some("2025-02-12")
    );
    assert_eq!(
        canals.saved.at.map(|p| p.day()).as_deref(),
        Some("2025-02-14")
    );
    assert_eq!(canals.source.as_deref(), Some("valley-news.example"));
    assert_eq!(canals.author.as_deref(), Some("ريم العطار"));
    assert_eq!(canals.tags, ["مياه", "زراعة"]);
    assert_eq!(canals.direction, qari_core::model::Direction::Rtl);
    let text = body(&lib, &canals.title);
    assert!(text[0].starts_with("عاد مزارعو الوادي هذا الشتاء إلى القنوات الحجرية"));
    assert!(
        text.iter().all(|p| !p.contains('<')),
        "markup left: {text:?}"
    );
    assert!(text.contains(&"❝صيانتها عمل جماعي❞".to_owned()), "{text:?}");

    let library = by_title(&lib, "A library opens at night for shift workers");
    assert_eq!(
        library.published, None,
        "created_at is not a publication date"
    );
    assert!(!library.saved.read && !library.saved.starred);

    let ferry = by_title(&lib, "Ferry timetable changes for the winter");
    assert!(
        ferry.saved.read && ferry.saved.starred,
        "wallabag 1's string flags"
    );

    for (title, read, starred) in [
        ("سوق الكتب المستعملة يفتح كل جمعة", false, false),
        ("Bridges, tunnels and the cost of keeping them", true, false),
        ("خط تازهٔ مترو به فرودگاه می‌رسد", false, false),
        ("Which seeds to sow before the frost", true, false),
        ("תחזית: גשם כבד בצפון בסוף השבוע", false, false),
        ("The old salt roads of the desert", true, false),
        ("Keeping a lighthouse in 2025", false, true),
    ] {
        let s = by_title(&lib, title);
        assert!(s.saved.link_only, "{title}");
        assert_eq!((s.saved.read, s.saved.starred), (read, starred), "{title}");
        assert!(s.url.is_some() && s.saved.at.is_some(), "{title}");
    }
    assert_eq!(
        by_title(&lib, "خط تازهٔ مترو به فرودگاه می‌رسد").tags,
        ["شهر", "مترو"]
    );
    assert_eq!(
        by_title(&lib, "Village choirs of the north").tags,
        ["Essays"]
    );

    let olive = by_title(&lib, "موسم الزيتون يبدأ مبكرًا هذا العام");
    assert!(olive.saved.read);
    assert_eq!(olive.tags, ["زراعة", "مواسم"]);
    let text = body(&lib, &olive.title);
    assert_eq!(text.len(), 4, "{text:?}");
    assert_eq!(text[2], "❝أقل كمية لكنه أجود❞");
    assert_eq!(
        body(&lib, "Rail workers vote to end the strike"),
        ["A vote on Sunday ended the three-week strike."]
    );

    let port = by_title(&lib, "الميناء يستقبل أول سفينة حاويات");
    assert_eq!(
        port.url.as_deref(),
        Some("https://www.coast-times.example/ar/2025/03/port")
    );
    assert_eq!(port.tags, ["موانئ"]);
    assert_eq!(
        port.saved.at.map(|p| p.day()).as_deref(),
        Some("2025-03-10")
    );
    assert_eq!(
        body(&lib, &port.title).len(),
        3,
        "the whole page, not readability's part"
    );
}

#[test]
fn an_export_zip_is_read_in_place_like_its_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let zip_path = dir.path().join("omnivore-export.zip");
    {
        let file = std::fs::File::create(&zip_path).expect("create");
        let mut w = zip::ZipWriter::new(file);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for rel in [
            "metadata_0_to_20.json",
            "content/olive-harvest-1925a.html",
            "highlights/olive-harvest-1925a.md",
        ] {
            w.start_file(format!("omnivore/{rel}"), opts)
                .expect("entry");
            w.write_all(&std::fs::read(fixture(&format!("omnivore/{rel}"))).expect("fixture"))
                .expect("write");
        }
        w.start_file("pocket/part_000000.csv", opts).expect("entry");
        w.write_all(&std::fs::read(fixture("pocket/part_000000.csv")).expect("fixture"))
            .expect("write");
        w.finish().expect("finish");
    }
    let (zipped, errors) = Library::load(std::slice::from_ref(&zip_path));
    assert!(errors.is_empty(), "{errors:?}");
    let (folder, _) = Library::load(&[fixture("omnivore")]);
    assert_eq!(zipped.len(), 4);
    for story in folder.stories() {
        let z = by_title(&zipped, &story.title);
        assert_eq!(
            z.id, story.id,
            "the same id from the zip as from the folder"
        );
        assert_eq!(z.saved, story.saved);
        assert_eq!(
            body(&zipped, &story.title),
            body(&folder, &story.title),
            "{}",
            story.title
        );
        assert_eq!(&*z.origin.path, zip_path.as_path());
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "nothing unpacked beside the zip: {names:?}");
}

#[test]
fn a_page_saved_complete_or_several_ways_is_one_story() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = "<html><head><title>Night trains return</title></head><body><article>\
        <h1>Night trains return</h1><p>The night train to the coast runs again from May, \
        after four years without a sleeper service on the line.</p></article></body></html>";
    let frame = "<html><body><p>An advertising frame with enough words in it to look like \
        a paragraph of text to anyone who reads it.</p></body></html>";
    std::fs::create_dir_all(dir.path().join("complete/Night trains_files")).expect("mkdir");
    std::fs::write(dir.path().join("complete/Night trains.html"), page).expect("page");
    std::fs::write(
        dir.path().join("complete/Night trains_files/ad.html"),
        frame,
    )
    .expect("frame");
    std::fs::create_dir_all(dir.path().join("several")).expect("mkdir");
    // the same page saved twice, another than the first (copies across folders are merged)
    let other = page.replace("Night trains return", "Ferries return");
    for name in ["singlefile.html", "output.html"] {
        std::fs::write(dir.path().join("several").join(name), &other).expect("page");
    }
    std::fs::write(
        dir.path().join("several/screenshot.png"),
        b"\x89PNG\r\n\x1a\n",
    )
    .expect("png");
    let (lib, errors) = Library::load(&[dir.path().join("complete"), dir.path().join("several")]);
    assert!(errors.is_empty(), "{errors:?}");
    let paths: Vec<String> = lib
        .stories()
        .iter()
        .map(|s| s.origin.path.to_string_lossy().into_owned())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("Night trains.html"), "{paths:?}");
    assert!(paths[1].ends_with("singlefile.html"), "{paths:?}");
}
