//! What the reader's tests share: the qari binary run with its own directories, a small
//! archive written for these tests (Arabic, Hebrew, Persian and English stories, our own
//! prose, dated and undated, with resolved, unresolved and inline read-also links), and what
//! a test needs from outside the project — GNU `FriBidi`, tmux, the user's seed article — with
//! whether it may skip without it.
//!
//! A plain `git clone` then `cargo test` must pass on a machine without them, so such a test
//! prints one line and passes. CI installs everything and sets `QARI_REQUIRE_FRIBIDI`,
//! `QARI_REQUIRE_TMUX` and `QARI_REQUIRE_SEED`: there a missing piece fails the test instead of
//! skipping it silently.

#![allow(dead_code, clippy::unnecessary_wraps, clippy::too_many_lines)]

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use qari::action::Command;
use qari::app::{App, Effect};
use qari::input::parse_keys;
use qari_core::bidi::Options;
use qari_core::library::Library;
use qari_core::library::state::Marks;
use qari_core::model::{Direction, Link, LinkKind, Origin, Published, Story, StoryId, StoryMeta};

pub const WATER: StoryId = StoryId(0x1);
pub const BOOKS: StoryId = StoryId(0x2);
pub const BUS: StoryId = StoryId(0x3);
pub const FILM: StoryId = StoryId(0x4);
pub const MARKETS: StoryId = StoryId(0x5);
pub const NOTES: StoryId = StoryId(0x6);

fn date(year: i32, month: u8, day: u8, time: Option<(u8, u8, u8)>) -> Option<Published> {
    Some(Published {
        year,
        month,
        day,
        time,
        offset_minutes: time.map(|_| 180),
    })
}

fn link(label: &str, target: Option<StoryId>, url: Option<&str>, kind: LinkKind) -> Link {
    Link {
        label: label.into(),
        target,
        url: url.map(Into::into),
        kind,
        after_paragraph: None,
    }
}

struct Spec {
    id: StoryId,
    title: &'static str,
    source: &'static str,
    published: Option<Published>,
    lang: &'static str,
    direction: Direction,
    url: Option<&'static str>,
    links: Vec<Link>,
    paragraphs: Vec<String>,
    position: usize,
}

fn story(spec: Spec) -> Story {
    Story {
        meta: StoryMeta {
            id: spec.id,
            title: spec.title.into(),
            source: Some(spec.source.into()),
            author: None,
            published: spec.published,
            lang: spec.lang.into(),
            direction: spec.direction,
            url: spec.url.map(Into::into),
            paragraph_count: spec.paragraphs.len(),
            links: spec.links,
            tags: Vec::new(),
            origin: Origin {
                path: std::path::Path::new("fixtures/archive.json").into(),
                position: spec.position,
            },
            saved: qari_core::model::Saved::default(),
            group: qari_core::model::Grouping::default(),
        },
        paragraphs: spec.paragraphs,
        translations: Vec::new(),
    }
}

/// The stories, in archive order (not date order).
pub fn stories() -> Vec<Story> {
    let mut inline = link(
        "افتتاح معرض الكتاب السنوي بمشاركة مئتي دار نشر",
        Some(BOOKS),
        None,
        LinkKind::Inline,
    );
    inline.after_paragraph = Some(0);
    let water = story(Spec {
        id: WATER,
        title: "الحكومة تعلن خطة لتحسين شبكة المياه في المدن الساحلية",
        source: "صحيفة الساحل",
        published: date(2024, 5, 3, Some((10, 0, 0))),
        lang: "ar",
        direction: Direction::Rtl,
        url: Some("https://example.com/ar/water"),
        links: vec![
            inline,
            link(
                "עיריית חיפה משיקה קו אוטובוס חדש לאורך החוף",
                Some(BUS),
                None,
                LinkKind::ReadAlso,
            ),
            link(
                "وزير الزراعة يزور السدود الجديدة",
                None,
                Some("https://example.com/ar/dams"),
                LinkKind::ReadAlso,
            ),
        ],
        paragraphs: vec![
            "أعلنت الحكومة اليوم عن خطة تمتد خمس سنوات لتحسين شبكة المياه في المدن الساحلية، \
             وتشمل الخطة استبدال الأنابيب القديمة وبناء محطتين لتحلية مياه البحر."
                .into(),
            "وقال المتحدث باسم الوزارة إن كلفة المرحلة الأولى تبلغ 120 مليون دينار، وإن العمل \
             سيبدأ في الربع الثالث من العام (بعد انتهاء موسم الصيف)."
                .into(),
            "ويأمل السكان أن تنتهي الانقطاعات المتكررة التي عانوا منها خلال السنوات الماضية.".into(),
        ],
        position: 0,
    });
    let books = story(Spec {
        id: BOOKS,
        title: "افتتاح معرض الكتاب السنوي بمشاركة مئتي دار نشر",
        source: "وكالة الأنباء",
        published: date(2024, 5, 2, None),
        lang: "ar",
        direction: Direction::Rtl,
        url: Some("https://example.com/ar/books"),
        links: vec![link(
            "الحكومة تعلن خطة لتحسين شبكة المياه في المدن الساحلية",
            Some(WATER),
            None,
            LinkKind::ReadAlso,
        )],
        paragraphs: (1..=12)
            .map(|n| {
                format!(
                    "الفقرة {n}: يستمر المعرض عشرة أيام، ويضم ندوات يومية وأمسيات شعرية \
                     وجناحًا خاصًا بكتب الأطفال يزوره طلاب المدارس."
                )
            })
            .collect(),
        position: 1,
    });
    let bus = story(Spec {
        id: BUS,
        title: "עיריית חיפה משיקה קו אוטובוס חדש לאורך החוף",
        source: "חדשות הצפון",
        published: date(2024, 5, 1, Some((8, 30, 0))),
        lang: "he",
        direction: Direction::Rtl,
        url: None,
        links: vec![link(
            "الحكومة تعلن خطة لتحسين شبكة المياه في المدن الساحلية",
            Some(WATER),
            None,
            LinkKind::ReadAlso,
        )],
        paragraphs: vec![
            "הקו החדש, שמספרו 115, יפעל כל עשר דקות בין השעות 6:00 ל־23:00.".into(),
            "לדברי העירייה, הנסיעה תעלה כמו בכל קו עירוני אחר (5.50 ש\"ח).".into(),
        ],
        position: 2,
    });
    let film = story(Spec {
        id: FILM,
        title: "برگزاری جشنواره فیلم کوتاه در شیراز",
        source: "خبرگزاری فارس",
        published: date(2024, 4, 28, None),
        lang: "fa",
        direction: Direction::Rtl,
        url: None,
        links: Vec::new(),
        paragraphs: vec![
            "جشنواره امسال با ۸۵ فیلم از ۱۲ کشور برگزار می‌شود و تا پایان هفته ادامه دارد.".into(),
        ],
        position: 3,
    });
    let markets = story(Spec {
        id: MARKETS,
        title: "Markets rally as رئيس الوزراء announces the 2025 budget",
        source: "Daily Ledger",
        published: date(2024, 5, 4, None),
        lang: "en",
        direction: Direction::Ltr,
        url: Some("https://example.com/en/markets"),
        links: vec![link(
            "Water plan for the coast",
            Some(WATER),
            None,
            LinkKind::ReadAlso,
        )],
        paragraphs: vec![
            "Shares rose on Monday after the prime minister (رئيس الوزراء) presented a budget \
             that cuts fuel subsidies by 3%."
                .into(),
            "Analysts called the plan \"cautious but credible\".".into(),
        ],
        position: 4,
    });
    let notes = story(Spec {
        id: NOTES,
        title: "Notes from the archive",
        source: "Editors",
        published: None,
        lang: "en",
        direction: Direction::Ltr,
        url: None,
        links: Vec::new(),
        paragraphs: vec!["An undated note.".into()],
        position: 5,
    });
    vec![water, books, bus, film, markets, notes]
}

pub fn library() -> Library {
    Library::from_stories(stories())
}

/// An app over the test archive, sized `cols`×`rows`.
pub fn app(cols: u16, rows: u16) -> App {
    let mut app = App::new(library(), &[], Marks::default(), Options::default());
    app.update(Command::Resize { cols, rows });
    app
}

/// Presses keys written in Vim notation; returns the effects.
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    parse_keys(keys)
        .expect("test keys parse")
        .into_iter()
        .map(|k| app.key(k))
        .collect()
}

/// Replays keys on a fresh app and returns the screen as text.
pub fn screen(cols: u16, rows: u16, keys: &str) -> String {
    let mut app = App::new(library(), &[], Marks::default(), Options::default());
    let keys = parse_keys(keys).expect("test keys parse");
    qari::tui::headless::replay(&mut app, cols, rows, &keys).join("\n")
}

/// The qari binary with its cache, data and config directories under `state`, the English
/// interface whatever the machine's locale, no input, run from the project's folder.
pub fn qari_command(state: &Path) -> Process {
    let mut cmd = Process::new(env!("CARGO_BIN_EXE_qari"));
    cmd.env("QARI_CACHE_DIR", state.join("cache"))
        .env("QARI_DATA_DIR", state.join("data"))
        .env("XDG_CONFIG_HOME", state.join("config"))
        .env("LC_ALL", "C.UTF-8")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null());
    cmd
}

/// `true` when the thing is there. When it is not, fails if `QARI_REQUIRE_<what>` is set and
/// otherwise prints `skipped: …` once and returns `false`.
pub fn available(what: &str, present: bool, why: &str) -> bool {
    if present {
        return true;
    }
    let var = format!("QARI_REQUIRE_{what}");
    assert!(std::env::var_os(&var).is_none(), "{var} is set, but {why}");
    eprintln!("skipped: {why} (set {var}=1 to make this a failure)");
    false
}

/// The user's seed article folder beside the checkout, when it is there (`QARI_REQUIRE_SEED`
/// makes its absence a failure).
pub fn seeds() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    available(
        "SEED",
        dir.is_dir(),
        "../shared/seeds is not beside the checkout",
    )
    .then_some(dir)
}

/// Each line of JSON Lines output as a value.
pub fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}
