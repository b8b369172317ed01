//! The spelling cases the search issue requires, on short stories written for this test:
//! harakat, hamza seats, teh marbuta, alef maqsura, the article and clitics, Persian kaf/yeh
//! and ZWNJ plurals, Hebrew niqqud and prefixes, English stems; plus phrases, exclusions,
//! ranking and similar stories.

use qari_core::library::Library;
use qari_core::model::{Direction, Link, LinkKind, Story, StoryId};
use qari_core::search::SearchIndex;

fn story(id: u64, lang: &str, title: &str, body: &[&str]) -> Story {
    let direction = if lang == "en" {
        Direction::Ltr
    } else {
        Direction::Rtl
    };
    let paragraphs = body.iter().map(|&p| p.to_owned()).collect();
    let mut story = Story::new(StoryId(id), title, paragraphs, format!("fixture/{id}.txt"))
        .in_language(lang, direction);
    story.meta.source = Some("اختبار".to_owned());
    story
}

const KREMLIN: u64 = 1;
const WEAPONS: u64 = 2;
const HOSPITAL: u64 = 3;
const TEHRAN: u64 = 4;
const BOOK: u64 = 5;
const LIBRARY: u64 = 6;
const JERUSALEM: u64 = 7;
const PORT: u64 = 8;

fn stories() -> Vec<Story> {
    vec![
        story(
            KREMLIN,
            "ar",
            "مفاوضات جديدة في موسكو",
            &[
                "نقلت وكالة أنباء عن مصدر مقرب للكرملين أن المفاوضات مستمرة منذ أسبوعين.",
                "ولم يحدد المصدر موعدا للجولة المقبلة.",
            ],
        ),
        story(
            WEAPONS,
            "ar",
            "تحذير من انتشار السلاح",
            &["وَصَلَتْ شُحْنَةُ الأَسْلِحَةِ إِلى المِينَاءِ صَبَاحًا تحت حراسة مشددة."],
        ),
        story(
            HOSPITAL,
            "ar",
            "افتتاح مستشفى في المدينة",
            &["افتتح وزير الصحة مستشفى جديدا يضم مئتي سرير وقسما للطوارئ."],
        ),
        story(
            TEHRAN,
            "fa",
            "کتابخانه تازه در تهران",
            &["دانشگاه‌های تهران یک کتابخانه بزرگ برای دانشجویان افتتاح کردند."],
        ),
        story(
            BOOK,
            "ar",
            "كتاب عن تاريخ إيران",
            &["صدر كتاب جديد يروي تاريخ إيران الحديث في ثلاثة أجزاء."],
        ),
        story(
            LIBRARY,
            "en",
            "The city library reopens",
            &["After two years of repairs the public library opens its doors on Monday."],
        ),
        story(
            JERUSALEM,
            "he",
            "ספרייה חדשה נפתחה",
            &["ספרייה חדשה נפתחה בירושלים, וראש העיר אמר: שָׁלוֹם לכל הקוראים."],
        ),
        story(
            PORT,
            "ar",
            "الميناء يستقبل السفن",
            &["استقبل الميناء ثلاث سفن تجارية، ولم تصل أي شحنة عسكرية."],
        ),
    ]
}

fn index() -> (Library, SearchIndex) {
    let library = Library::from_stories(stories());
    let index = SearchIndex::in_memory(&library, &mut |_| {}).expect("index builds");
    (library, index)
}

fn ids(index: &SearchIndex, query: &str) -> Vec<u64> {
    let mut found: Vec<u64> = index
        .search(query, 50)
        .expect("search runs")
        .into_iter()
        .map(|h| h.id.0)
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn harakat_and_hamza_seats_do_not_matter() {
    let (_, index) = index();
    for q in ["الأسلحة", "الاسلحه", "الأَسْلِحَة", "اسلحة", "أسلحة", "الاسلحة"]
    {
        assert_eq!(ids(&index, q), vec![WEAPONS], "query {q}");
    }
    for q in ["إلى الميناء", "الي الميناء", "ألى المِيناء"] {
        assert_eq!(ids(&index, q), vec![WEAPONS], "query {q}");
    }
}

#[test]
fn teh_marbuta_and_alef_maqsura_do_not_matter() {
    let (_, index) = index();
    assert_eq!(ids(&index, "شحنه"), vec![WEAPONS, PORT]);
    assert_eq!(ids(&index, "شحنة"), vec![WEAPONS, PORT]);
    assert_eq!(ids(&index, "مستشفي"), vec![HOSPITAL]);
    assert_eq!(ids(&index, "مستشفى"), vec![HOSPITAL]);
}

#[test]
fn article_and_clitics_do_not_matter() {
    let (_, index) = index();
    for q in ["كرملين", "الكرملين", "للكرملين", "بالكرملين"] {
        assert_eq!(ids(&index, q), vec![KREMLIN], "query {q}");
    }
    assert_eq!(ids(&index, "ميناء"), vec![WEAPONS, PORT]);
    assert_eq!(ids(&index, "والميناء"), vec![WEAPONS, PORT]);
}

#[test]
fn persian_and_arabic_letters_meet_both_ways() {
    let (_, index) = index();
    // Persian keheh and Farsi yeh in the query, Arabic kaf and yeh in the story …
    assert_eq!(ids(&index, "کتاب"), vec![BOOK]);
    assert_eq!(ids(&index, "ایران"), vec![BOOK]);
    // … and the other way round.
    assert_eq!(ids(&index, "كتابخانه"), vec![TEHRAN]);
    assert_eq!(ids(&index, "دانشجويان"), vec![TEHRAN]);
}

#[test]
fn zwnj_plurals_are_found_by_the_singular() {
    let (_, index) = index();
    assert_eq!(ids(&index, "دانشگاه"), vec![TEHRAN]);
    assert_eq!(ids(&index, "دانشگاه‌ها"), vec![TEHRAN]);
}

#[test]
fn persian_words_with_and_without_zwnj_meet() {
    let library = Library::from_stories(vec![
        story(
            30,
            "fa",
            "گزارش اول",
            &["کارگران در این کارخانه کار می‌کنند."],
        ),
        story(
            31,
            "fa",
            "گزارش دوم",
            &["دانشجویان هر روز در کتابخانه درس میخوانند."],
        ),
    ]);
    let index = SearchIndex::in_memory(&library, &mut |_| {}).expect("index");
    // Stored with a ZWNJ, searched without one, and the other way round.
    assert_eq!(ids(&index, "میکنند"), vec![30]);
    assert_eq!(ids(&index, "می‌کنند"), vec![30]);
    assert_eq!(ids(&index, "می‌خوانند"), vec![31]);
    assert_eq!(ids(&index, "میخوانند"), vec![31]);
}

#[test]
fn english_stems() {
    let (_, index) = index();
    assert_eq!(ids(&index, "libraries"), vec![LIBRARY]);
    assert_eq!(ids(&index, "LIBRARY"), vec![LIBRARY]);
    assert_eq!(ids(&index, "opening"), vec![LIBRARY]);
}

#[test]
fn hebrew_niqqud_and_prefixes() {
    let (_, index) = index();
    assert_eq!(ids(&index, "ירושלים"), vec![JERUSALEM]);
    assert_eq!(ids(&index, "שלום"), vec![JERUSALEM]);
    assert_eq!(ids(&index, "ספרייה"), vec![JERUSALEM]);
}

#[test]
fn no_hits_is_an_empty_answer() {
    let (_, index) = index();
    assert!(ids(&index, "زرافة").is_empty());
    assert!(ids(&index, "").is_empty());
    assert!(ids(&index, "  ،،  ").is_empty());
}

#[test]
fn phrases_and_exclusions() {
    let (_, index) = index();
    assert_eq!(ids(&index, "\"شحنة الأسلحة\""), vec![WEAPONS]);
    // both words occur in PORT's story, but not next to each other
    assert!(ids(&index, "\"السفن شحنة\"").is_empty());
    assert_eq!(ids(&index, "شحنة -السلاح"), vec![PORT]);
    assert_eq!(ids(&index, "شحنة -\"حراسة مشددة\""), vec![PORT]);
    // exclusion only: everything else
    assert_eq!(ids(&index, "-شحنة").len(), stories().len() - 2);
}

#[test]
fn title_hits_rank_first_and_snippets_show_the_hit() {
    let (_, index) = index();
    let hits = index.search("الميناء", 10).expect("search");
    assert_eq!(
        hits[0].id.0, PORT,
        "the story with the word in its title comes first"
    );
    let weapons = hits.iter().find(|h| h.id.0 == WEAPONS).expect("found");
    assert!(weapons.snippet.contains("المِينَاءِ"), "{}", weapons.snippet);
    let h = weapons.highlights.first().expect("a highlighted hit");
    assert_eq!(&weapons.snippet[h.clone()], "المِينَاءِ");
    assert!(hits.iter().all(|h| h.score > 0.0));
    assert_eq!(index.search("الميناء", 1).expect("search").len(), 1);
}

#[test]
fn similar_stories_exclude_linked_ones() {
    let mut all = stories();
    all.push(story(
        20,
        "ar",
        "شحنة أسلحة جديدة تصل الميناء",
        &["وصلت شحنة أسلحة ثانية إلى الميناء تحت حراسة مشددة بعد أسبوع."],
    ));
    let library = Library::from_stories(all.clone());
    let index = SearchIndex::in_memory(&library, &mut |_| {}).expect("index");
    let similar = index
        .similar(&library, StoryId(WEAPONS), 3)
        .expect("similar");
    assert_eq!(similar.first(), Some(&StoryId(20)), "{similar:?}");
    assert!(!similar.contains(&StoryId(WEAPONS)));
    // cached answer is the same
    assert_eq!(
        index
            .similar(&library, StoryId(WEAPONS), 3)
            .expect("similar"),
        similar
    );

    // once WEAPONS links to story 20, it is no longer offered as similar
    if let Some(s) = all.iter_mut().find(|s| s.meta.id.0 == WEAPONS) {
        s.meta.links.push(Link {
            label: "شحنة أسلحة جديدة تصل الميناء".to_owned(),
            target: Some(StoryId(20)),
            url: None,
            kind: LinkKind::ReadAlso,
            after_paragraph: None,
        });
    }
    let library = Library::from_stories(all);
    let index = SearchIndex::in_memory(&library, &mut |_| {}).expect("index");
    let similar = index
        .similar(&library, StoryId(WEAPONS), 3)
        .expect("similar");
    assert!(!similar.contains(&StoryId(20)), "{similar:?}");
    assert!(index.similar(&library, StoryId(999), 3).is_err());
}

/// The floor under which matches are dropped is taken from the best story that can be offered,
/// not from the story itself (which matches all of its own words) or from a linked story.
#[test]
fn a_weak_but_real_neighbour_is_offered_when_the_close_one_is_linked() {
    let linked_words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet";
    let main = {
        let mut s = story(
            1,
            "en",
            "Harbour report",
            &[&format!("{linked_words} kilo")],
        );
        s.meta.links.push(Link {
            label: "Sister report".to_owned(),
            target: Some(StoryId(2)),
            url: None,
            kind: LinkKind::ReadAlso,
            after_paragraph: None,
        });
        s
    };
    // Shares ten words with the main story, but the main story links to it.
    let sister = story(2, "en", "Sister report", &[linked_words]);
    // Shares one word: a weak match, yet the best one left to offer.
    let neighbour = story(3, "en", "Mountain walk", &["kilo lima mike november"]);
    let library = Library::from_stories(vec![main, sister, neighbour]);
    let index = SearchIndex::in_memory(&library, &mut |_| {}).expect("index");
    let similar = index.similar(&library, StoryId(1), 3).expect("similar");
    assert_eq!(similar, [StoryId(3)]);
}
