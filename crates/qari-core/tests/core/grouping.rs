//! Grouping (`library::group`) on labelled fixtures of our own writing: a dispatch rewritten by
//! several sources with their own first lines, datelines and "read also" lines in Arabic,
//! Persian, Urdu, Hebrew and English; similar but different events the same week; a thread
//! over a week. Each JSON Lines record carries its `copy`, `event` and `thread` labels.
//! Also: the rules that keep a group from being wrong quietly (languages, sources, dates), and
//! that an archive updated through its catalog groups exactly as one built from scratch.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use qari_core::library::Library;
use qari_core::library::group::Tier;
use qari_core::model::{StoryId, StoryMeta};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/grouping")
}

/// Each story's labels, by title (titles are unique in the fixtures).
fn labels() -> HashMap<String, serde_json::Value> {
    let mut out = HashMap::new();
    for f in fs::read_dir(fixtures()).expect("fixtures").flatten() {
        for line in fs::read_to_string(f.path()).expect("read").lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            out.insert(v["title"].as_str().expect("title").to_owned(), v);
        }
    }
    out
}

/// Pairwise precision and recall of `tier`'s groups against the `label` field.
fn score(library: &Library, tier: Tier, label: &str) -> (f64, f64) {
    let labels = labels();
    let stories = library.stories();
    let (mut tp, mut predicted, mut truth) = (0.0, 0.0, 0.0);
    for (i, a) in stories.iter().enumerate() {
        for b in &stories[i + 1..] {
            let same_label = labels[&a.title][label] == labels[&b.title][label];
            let together = library.grouped(a.id, tier).contains(&b.id);
            truth += f64::from(u8::from(same_label));
            predicted += f64::from(u8::from(together));
            tp += f64::from(u8::from(same_label && together));
        }
    }
    (tp / predicted.max(1.0), tp / truth.max(1.0))
}

fn by_title<'l>(library: &'l Library, title: &str) -> &'l StoryMeta {
    library
        .stories()
        .iter()
        .find(|s| s.title.starts_with(title))
        .expect("story present")
}

#[test]
fn copies_with_new_first_lines_datelines_and_cuts_are_one_copy_group_in_every_script() {
    let (library, errors) = Library::load(&[fixtures()]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(library.len(), 30);
    let (precision, recall) = score(&library, Tier::Copy, "copy");
    assert!(
        precision >= 0.999 && recall >= 0.999,
        "copy {precision} {recall}"
    );
    // one group per language, three copies each, named by its first story
    let groups: BTreeSet<StoryId> = library
        .stories()
        .iter()
        .filter_map(|s| s.group.copy)
        .collect();
    assert_eq!(groups.len(), 5);
    let sana = by_title(&library, "افتتاح محطة لتحلية");
    assert_eq!(
        sana.group.copy,
        Some(sana.id),
        "the first copy names the group"
    );
    assert_eq!(library.grouped(sana.id, Tier::Copy).len(), 3);
}

#[test]
fn events_are_precise_and_similar_events_the_same_week_stay_apart() {
    let (library, _) = Library::load(&[fixtures()]);
    let (precision, recall) = score(&library, Tier::Event, "event");
    assert!(precision >= 0.9, "event precision {precision}");
    assert!(recall >= 0.6, "event recall {recall}");
    // the look-alikes: another earthquake, another water plant, the same week
    let van = by_title(&library, "Magnitude 6.1");
    let kermanshah = by_title(&library, "Magnitude 5.9");
    assert!(van.group.event.is_some() && kermanshah.group.event.is_some());
    assert_ne!(van.group.event, kermanshah.group.event);
    let latakia = by_title(&library, "افتتاح محطة لتحلية");
    let tartus = by_title(&library, "افتتاح محطة لمعالجة");
    assert_ne!(latakia.group.event, tartus.group.event);
    // an own write-up by another paper joins its event's copies
    let relief = by_title(&library, "سیلاب زدگان");
    let camp = by_title(&library, "امدادی رقم کب");
    assert_eq!(relief.group.event, camp.group.event);
    assert!(camp.group.copy.is_none(), "a write-up is not a copy");
}

/// A story made for a test: title, body, source, date, language.
type Made<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, &'a str);

/// An archive of these stories, one JSON Lines file.
fn made(stories: &[Made<'_>]) -> Library {
    let lines: Vec<String> = stories
        .iter()
        .map(|(title, body, source, date, lang)| {
            serde_json::json!({"title": title, "body": body, "source": source, "date": date, "lang": lang})
                .to_string()
        })
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("s.jsonl"), lines.join("\n")).expect("write");
    Library::load(&[dir.path().to_path_buf()]).0
}

const DISPATCH: &str = "Engineers finished the new bridge over the river at Kotri on Tuesday after \
    three years of work, the provincial works department said. The bridge carries two lanes each \
    way and a footpath, and will cut the crossing for trucks from an hour to ten minutes. Tolls \
    will not be charged for the first six months, the department added.";

#[test]
fn copies_of_different_languages_and_of_one_named_source_are_never_grouped() {
    let lib = made(&[
        (
            "Bridge opens at Kotri",
            DISPATCH,
            Some("Wire"),
            Some("2026-01-05"),
            "en",
        ),
        (
            "Kotri bridge finished",
            DISPATCH,
            Some("Daily"),
            Some("2026-01-05"),
            "de",
        ),
        (
            "New Kotri crossing",
            DISPATCH,
            Some("Wire"),
            Some("2026-01-05"),
            "en",
        ),
    ]);
    assert_eq!(lib.len(), 3);
    for s in lib.stories() {
        assert!(s.group.copy.is_none(), "{}: {:?}", s.title, s.group);
    }
}

#[test]
fn unknown_sources_are_each_their_own_and_a_date_a_year_off_does_not_split_a_copy() {
    let lib = made(&[
        (
            "Bridge opens at Kotri",
            DISPATCH,
            None,
            Some("2026-01-05"),
            "en",
        ),
        (
            "Kotri bridge finished",
            DISPATCH,
            None,
            Some("2025-01-05"),
            "en",
        ),
        ("New Kotri crossing", DISPATCH, None, None, "en"),
    ]);
    let first = lib.stories()[0].id;
    assert!(
        lib.stories().iter().all(|s| s.group.copy == Some(first)),
        "{:?}",
        lib.stories()
    );
}

#[test]
fn a_dispatch_and_an_unrelated_one_from_the_same_agency_are_not_copies() {
    let other = "Farmers in the district began the wheat harvest early this year after a warm \
        spring, the agriculture office said. Yields are expected to be higher than last year, \
        and the office asked mills to prepare storage for the extra grain before the rains.";
    let lib = made(&[
        (
            "Bridge opens at Kotri",
            &format!("KOTRI (APP): {DISPATCH}"),
            Some("APP"),
            Some("2026-01-05"),
            "en",
        ),
        (
            "Harvest starts early",
            &format!("KOTRI (APP): {other}"),
            Some("Daily"),
            Some("2026-01-05"),
            "en",
        ),
    ]);
    assert!(lib.stories().iter().all(|s| s.group.copy.is_none()));
}

/// A page as a browser saves it: its language, its address (its site is the address's host)
/// and the addresses of its translations (`<link rel=alternate hreflang>`).
fn page(lang: &str, url: &str, alternates: &[(&str, &str)], title: &str, body: &str) -> String {
    let links: Vec<String> = alternates
        .iter()
        .map(|(l, u)| format!("<link rel=\"alternate\" hreflang=\"{l}\" href=\"{u}\">"))
        .collect();
    let links = links.concat();
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"canonical\" href=\"{url}\">{links}\
         <meta property=\"article:published_time\" content=\"2026-01-05T09:00:00+05:00\">\
         </head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )
}

const BRIDGE_UR: &str = "کوٹری میں دریا پر نیا پل تین سال کے کام کے بعد منگل کو مکمل ہو گیا، صوبائی \
    محکمہ تعمیرات نے بتایا۔ پل پر دونوں طرف دو لینیں اور پیدل راستہ ہے، اور ٹرکوں کے لیے دریا پار \
    کرنے کا وقت ایک گھنٹے سے کم ہو کر دس منٹ رہ جائے گا۔ پہلے چھ ماہ کوئی ٹول نہیں لیا جائے گا۔";

#[test]
fn a_page_and_its_marked_translation_are_one_event_and_unmarked_languages_stay_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = dir.path().join("news");
    fs::create_dir_all(&news).expect("mkdir");
    let en = "https://indus.example/en/2026/01/kotri-bridge";
    let ur = "https://indus.example/ur/2026/01/kotri-bridge";
    // the English page marks its Urdu version; the Urdu page marks nothing (one mark is
    // enough); a German page of the same text on another site marks nothing
    let files = [
        (
            "en.html",
            page(
                "en",
                en,
                &[("ur", ur), ("x-default", en)],
                "Bridge opens at Kotri",
                DISPATCH,
            ),
        ),
        (
            "ur.html",
            page("ur", ur, &[], "کوٹری میں نیا پل کھل گیا", BRIDGE_UR),
        ),
        (
            "de.html",
            page(
                "de",
                "https://rhein.example/2026/01/kotri-bruecke",
                &[],
                "Brücke bei Kotri",
                DISPATCH,
            ),
        ),
    ];
    let catalog = dir.path().join("cache/catalog.qcat");
    let paths = std::slice::from_ref(&news);
    // the Urdu page first, the others added to the catalog's archive after it
    fs::write(news.join(files[1].0), &files[1].1).expect("write");
    let first = Library::load_with(paths, Some(&catalog), &mut |_| {}).library;
    assert_eq!(first.len(), 1);
    for (name, html) in [&files[0], &files[2]] {
        fs::write(news.join(name), html).expect("write");
    }
    let warm = Library::load_with(paths, Some(&catalog), &mut |_| {}).library;
    let full = Library::load_with(paths, None, &mut |_| {}).library;
    assert_eq!(view(&warm), view(&full), "an update groups as a build");
    let english = by_title(&warm, "Bridge opens");
    let urdu = by_title(&warm, "کوٹری");
    let german = by_title(&warm, "Brücke");
    assert!(english.group.event.is_some(), "{:?}", english.group);
    assert_eq!(english.group.event, urdu.group.event);
    assert!(english.group.copy.is_none(), "a translation is not a copy");
    // the same words in German, unmarked: never the English page's copy or event
    assert!(
        german.group.copy.is_none() && german.group.event.is_none(),
        "{:?}",
        german.group
    );
}

#[test]
fn a_json_record_names_the_story_it_translates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lines = [
        serde_json::json!({"title": "Bridge opens at Kotri", "body": DISPATCH, "source": "Wire",
            "date": "2026-01-05", "lang": "en", "url": "https://wire.example/kotri"}),
        serde_json::json!({"title": "کوٹری میں نیا پل کھل گیا", "body": BRIDGE_UR, "source": "Wire",
            "date": "2026-01-06", "lang": "ur", "translation_of": "http://www.wire.example/kotri/"}),
        serde_json::json!({"title": "کوٹری کا پل", "body": BRIDGE_UR, "source": "Daily",
            "date": "2026-01-06", "lang": "ur", "translations": [{"url": "https://wire.example/other"}]}),
    ];
    let text: Vec<String> = lines.iter().map(ToString::to_string).collect();
    fs::write(dir.path().join("s.jsonl"), text.join("\n")).expect("write");
    let lib = Library::load(&[dir.path().to_path_buf()]).0;
    let (en, ur) = (by_title(&lib, "Bridge"), by_title(&lib, "کوٹری میں"));
    assert!(en.group.event.is_some());
    assert_eq!(
        en.group.event, ur.group.event,
        "one event across two languages"
    );
    // the other Urdu story is a copy of the translation (same text, another source), so in its
    // event too: what joins it to the English one is the translation, not its own mark
    let other = by_title(&lib, "کوٹری کا");
    assert!(other.group.copy.is_some());
    assert_eq!(other.group.copy, ur.group.copy);
    assert_eq!(other.group.event, en.group.event);
}

fn view(lib: &Library) -> Vec<(String, qari_core::model::Grouping)> {
    lib.stories()
        .iter()
        .map(|s| (s.title.clone(), s.group))
        .collect()
}

#[test]
fn an_archive_updated_through_its_catalog_groups_as_a_fresh_build_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = dir.path().join("news");
    fs::create_dir_all(&news).expect("mkdir");
    // one file per story, so that adding, changing and removing files moves stories in and
    // out of groups
    let mut files = Vec::new();
    for f in fs::read_dir(fixtures()).expect("fixtures").flatten() {
        for (n, line) in fs::read_to_string(f.path())
            .expect("read")
            .lines()
            .enumerate()
        {
            let name = format!(
                "{}-{n}.json",
                f.path().file_stem().expect("stem").to_string_lossy()
            );
            files.push((name, line.to_owned()));
        }
    }
    files.sort();
    let catalog = dir.path().join("cache/catalog.qcat");
    let paths = std::slice::from_ref(&news);
    let check = |what: &str| {
        let warm = Library::load_with(paths, Some(&catalog), &mut |_| {});
        let full = Library::load_with(paths, None, &mut |_| {});
        assert_eq!(view(&warm.library), view(&full.library), "{what}");
        warm.library
    };
    // half the stories first, then the rest in three steps, then one removed and one edited
    for (name, line) in &files[..15] {
        fs::write(news.join(name), line).expect("write");
    }
    check("half");
    for chunk in files[15..].chunks(5) {
        for (name, line) in chunk {
            fs::write(news.join(name), line).expect("write");
        }
        check("more");
    }
    let all = check("all");
    assert_eq!(
        all.stories()
            .iter()
            .filter(|s| s.group.copy.is_some())
            .count(),
        15
    );
    let sana = files
        .iter()
        .find(|(_, l)| l.contains("اللاذقية-سانا"))
        .expect("sana")
        .0
        .clone();
    fs::remove_file(news.join(&sana)).expect("remove");
    check("the first copy removed");
    let (name, line) = files
        .iter()
        .find(|(_, l)| l.contains("ANKARA (AP)"))
        .expect("ap");
    fs::write(news.join(name), line.replace("Van", "Hakkari")).expect("edit");
    check("a copy edited");
}
