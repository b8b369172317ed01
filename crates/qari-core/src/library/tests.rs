//! Unit tests of link resolution and de-duplication on hand-built stories.

use super::*;
use crate::loader::{Draft, finish};
use crate::model::{Link, LinkKind};

fn story(path: &str, position: usize, title: &str, paragraphs: &[&str], links: Vec<Link>) -> Story {
    finish(
        Draft {
            title: title.to_owned(),
            paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
            links,
            ..Draft::default()
        },
        Path::new(path),
        position,
    )
}

fn title_link(label: &str) -> Link {
    Link {
        label: label.to_owned(),
        target: None,
        url: None,
        kind: LinkKind::ReadAlso,
        after_paragraph: None,
    }
}

#[test]
fn links_resolve_by_folded_title_and_build_back_links() {
    let a = story(
        "a.txt",
        0,
        "الرئيس يزور القاهرة",
        &["نص"],
        vec![title_link("الرئيسُ يزور القاهرة!")],
    );
    let b = story(
        "b.txt",
        0,
        "وزير يلتقي نظيره",
        &["نص"],
        vec![title_link("الرئيس يزور القاهره")],
    );
    let lib = Library::from_stories(vec![a.clone(), b.clone()]);
    // a's link to itself is dropped as a target; b's resolves to a
    assert_eq!(lib.stories()[0].links[0].target, None);
    assert_eq!(lib.stories()[1].links[0].target, Some(a.meta.id));
    assert_eq!(lib.linked_from(a.meta.id), &[b.meta.id]);
    assert_eq!(lib.links_to(b.meta.id), vec![a.meta.id]);
    assert!(lib.linked_from(b.meta.id).is_empty());
}

#[test]
fn links_resolve_by_url() {
    let mut a = story("a.json", 0, "Alpha", &["x"], vec![]);
    a.meta.url = Some("https://www.example.com/alpha/".to_owned());
    let mut link = title_link("something else");
    link.url = Some("http://example.com/alpha".to_owned());
    let b = story("b.json", 0, "Beta", &["y"], vec![link]);
    let lib = Library::from_stories(vec![a.clone(), b]);
    assert_eq!(lib.stories()[1].links[0].target, Some(a.meta.id));
}

#[test]
fn unresolved_links_stay_unresolved() {
    let a = story(
        "a.txt",
        0,
        "Alpha",
        &["x"],
        vec![title_link("Not in the archive")],
    );
    let lib = Library::from_stories(vec![a]);
    assert_eq!(lib.stories()[0].links[0].target, None);
}

#[test]
fn embedded_copy_and_own_file_keep_the_fuller() {
    let emb_title = "قصة مضمنة";
    let mut embedded_link = title_link(emb_title);
    embedded_link.kind = LinkKind::Embedded;
    embedded_link.target = Some(crate::loader::id::for_title(emb_title));
    let main = story("a.txt", 0, "القصة الرئيسية", &["م"], vec![embedded_link]);
    let copy = story("a.txt", 1, emb_title, &["أولى"], vec![]);
    let own = story("b.txt", 0, emb_title, &["أولى", "ثانية"], vec![]);
    let lib = Library::from_stories(vec![main.clone(), copy, own]);
    assert_eq!(lib.len(), 2);
    let kept = &lib.stories()[1];
    assert_eq!(&*kept.origin.path, Path::new("b.txt"));
    assert_eq!(lib.resident_body(kept.id).expect("body").len(), 2);
    assert_eq!(lib.stories()[0].links[0].target, Some(kept.id));
    assert_eq!(lib.linked_from(kept.id), &[main.meta.id]);
}

#[test]
fn fuller_embedded_copy_wins_over_a_stub_file() {
    let emb_title = "Embedded";
    let mut l = title_link(emb_title);
    l.kind = LinkKind::Embedded;
    l.target = Some(crate::loader::id::for_title(emb_title));
    let main = story("a.txt", 0, "Main", &["m"], vec![l]);
    let copy = story("a.txt", 1, emb_title, &["one", "two", "three"], vec![]);
    let mut stub = story("z.txt", 0, emb_title, &["one"], vec![]);
    stub.meta.source = Some("Agency".to_owned());
    let lib = Library::from_stories(vec![main, copy, stub]);
    assert_eq!(lib.len(), 2);
    assert_eq!(
        lib.resident_body(lib.stories()[1].id).expect("body").len(),
        3
    );
    // the dropped copy's source is not lost
    assert_eq!(lib.stories()[1].source.as_deref(), Some("Agency"));
}

#[test]
fn different_stories_with_one_title_both_stay_with_distinct_ids() {
    let a = story("a.txt", 0, "Weather", &["Sunny in Amman."], vec![]);
    let b = story("b.txt", 0, "Weather", &["Rain in Haifa."], vec![]);
    let lib = Library::from_stories(vec![a.clone(), b]);
    assert_eq!(lib.len(), 2);
    assert_eq!(lib.stories()[0].id, a.meta.id);
    assert_ne!(lib.stories()[1].id, a.meta.id);
    assert_eq!(lib.index_of(lib.stories()[1].id), Some(1));
}

#[test]
fn identical_file_twice_is_one_story() {
    let a = story("a.txt", 0, "Same", &["p1", "p2"], vec![]);
    let b = story("copy/a.txt", 0, "Same", &["p1", "p2"], vec![]);
    let lib = Library::from_stories(vec![a, b]);
    assert_eq!(lib.len(), 1);
    assert_eq!(&*lib.stories()[0].origin.path, Path::new("a.txt"));
}

#[test]
fn explicit_id_targets_are_checked() {
    let a = story("a.json", 0, "Alpha", &["x"], vec![]);
    let mut good = title_link(&a.meta.id.to_string());
    good.target = Some(a.meta.id);
    let mut bad = title_link("0000000000000001");
    bad.target = Some(StoryId(1));
    let b = story("b.json", 0, "Beta", &["y"], vec![good, bad]);
    let lib = Library::from_stories(vec![a.clone(), b]);
    let links = &lib.stories()[1].links;
    assert_eq!(links[0].target, Some(a.meta.id));
    assert_eq!(links[1].target, None);
}

#[test]
fn url_keys_ignore_scheme_www_and_trailing_slash() {
    assert_eq!(
        crate::library::entry::url_key("https://www.x.test/a/"),
        crate::library::entry::url_key("http://x.test/a")
    );
    assert_eq!(
        crate::library::entry::url_key("https://x.test/a#top"),
        crate::library::entry::url_key("https://x.test/a")
    );
    assert_ne!(
        crate::library::entry::url_key("https://x.test/a"),
        crate::library::entry::url_key("https://x.test/b")
    );
}

#[test]
fn many_stories_sharing_a_title_stay_apart_and_copies_merge() {
    let mut stories: Vec<Story> = (0..2000)
        .map(|i| {
            story(
                &format!("w/{i}.txt"),
                0,
                "Weather",
                &[&format!("Forecast number {i}."), "Details."],
                vec![],
            )
        })
        .collect();
    // a truncated copy of story 7 (spaced differently), stored elsewhere, is the same story
    stories.push(story(
        "copies/7.txt",
        0,
        "Weather",
        &["Forecast  number 7."],
        vec![],
    ));
    let lib = Library::from_stories(stories);
    assert_eq!(lib.len(), 2000);
    let ids: std::collections::HashSet<_> = lib.stories().iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), 2000);
    let odd: Vec<_> = lib
        .stories()
        .iter()
        .filter(|s| !s.origin.path.starts_with("w"))
        .map(|s| &s.origin.path)
        .collect();
    assert!(odd.is_empty(), "{odd:?}");
}

#[test]
fn a_title_only_record_is_not_merged_into_a_story_with_a_body() {
    let full = story("a.txt", 0, "Weather", &["Sunny in Amman."], vec![]);
    let bare = story("b.json", 0, "Weather", &[], vec![]);
    let lib = Library::from_stories(vec![full, bare]);
    assert_eq!(lib.len(), 2);
    let body = |i: usize| lib.resident_body(lib.stories()[i].id).expect("body");
    assert_eq!(*body(0), ["Sunny in Amman."]);
    assert!(body(1).is_empty());
}

#[test]
fn a_url_link_that_resolves_shows_the_story_title() {
    // issue 11, bug 4: a JSON `related` URL is labelled with the URL itself
    let mut a = story("a.json", 0, "الحكومة تعلن خطة المياه", &["x"], vec![]);
    a.meta.url = Some("https://example.com/ar/water".to_owned());
    let mut link = title_link("https://example.com/ar/water");
    link.url = Some("https://example.com/ar/water".to_owned());
    let mut unresolved = title_link("https://example.com/elsewhere");
    unresolved.url = Some("https://example.com/elsewhere".to_owned());
    let b = story("b.json", 0, "Beta", &["y"], vec![link, unresolved]);
    let lib = Library::from_stories(vec![a.clone(), b]);
    let links = &lib.stories()[1].links;
    assert_eq!(links[0].target, Some(a.meta.id));
    assert_eq!(links[0].label, "الحكومة تعلن خطة المياه");
    assert_eq!(
        links[0].url.as_deref(),
        Some("https://example.com/ar/water"),
        "the URL is kept for `o`"
    );
    // a URL that resolves to nothing stays the label: it is all there is to show
    assert_eq!(links[1].target, None);
    assert_eq!(links[1].label, "https://example.com/elsewhere");
}

/// The resolved section's borrowed encoding is byte for byte the owned one, for every field
/// (the sample's stories, and one with every optional field set).
#[test]
fn stored_ref_encodes_as_stored() {
    use super::catalog::Keys;
    use super::catalog::{Stored, StoredRef};
    let (library, _) = Library::sample();
    let mut metas: Vec<StoryMeta> = library.stories().to_vec();
    let mut full = metas[0].clone();
    full.author = Some("كاتب".into());
    full.url = Some("https://example.org/a".into());
    full.tags = vec!["اقتصاد".into(), "water".into()];
    full.group.copy = Some(StoryId(11));
    full.group.thread = Some(StoryId(12));
    full.links.push(Link {
        label: "رابط".into(),
        target: Some(StoryId(7)),
        url: Some("https://example.org/b".into()),
        kind: LinkKind::Embedded,
        after_paragraph: Some(2),
    });
    metas.push(full);
    let keys = Keys {
        title: 3,
        body: vec![1, 2],
        text_len: 9,
        url: Some(4),
        links: vec![(5, None)],
        group: super::group::GroupKeys {
            sketch: vec![1, 2, u16::MAX],
            shingles: 70,
            terms: vec![(3, 4)],
            translations: vec![6],
        },
        seq: 0,
    };
    for m in &metas {
        for k in [&Keys::default(), &keys] {
            let owned = postcard::to_allocvec(&(1u32, Stored::from_meta(m, k.clone())));
            let borrowed = postcard::to_allocvec(&(1u32, StoredRef::new(m, k)));
            assert_eq!(
                owned.expect("encode"),
                borrowed.expect("encode"),
                "{}",
                m.title
            );
        }
    }
}
