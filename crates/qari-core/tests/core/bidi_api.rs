//! The layout API as the UI uses it: logical ranges for styling after reordering, truncation
//! with an ellipsis, the width function, direction, and logical-order output for terminals
//! that reorder by themselves.

use qari_core::bidi::{self, Align, DirMode, Options};
use qari_core::model::Direction;

const PLAIN: Options = Options {
    dir: DirMode::Auto,
    shape: false,
    align: Align::None,
    reorder: true,
    isolate: false,
};

#[test]
fn logical_ranges_find_a_word_after_reordering() {
    // Style the word "الأزمة" (a link, a search hit) in the visual line.
    let text = "حل الأزمة (2022) سريعا";
    let start = text.find("الأزمة").expect("word");
    let end = start + "الأزمة".len();
    let line = &bidi::layout(text, None, &PLAIN).lines[0];
    let styled: String = line
        .clusters
        .iter()
        .filter(|c| c.logical.start >= start && c.logical.end <= end)
        .map(|c| &line.text[c.visual.clone()])
        .collect();
    // The word's clusters are contiguous on screen and read right to left.
    assert_eq!(styled, "ةمزألا");
    assert!(line.text.contains("ةمزألا"));
    // Only the digits are resolved left to right (level 2).
    for c in &line.clusters {
        let is_digit = text[c.logical.clone()]
            .chars()
            .all(|ch| ch.is_ascii_digit());
        assert_eq!(c.rtl, !is_digit, "{:?}", &text[c.logical.clone()]);
    }
}

#[test]
fn logical_ranges_point_into_the_original_text() {
    // An escape sequence before the word is removed, but the ranges still index the input.
    let text = "\u{1b}[1mسلام";
    let line = &bidi::layout(text, None, &PLAIN).lines[0];
    let mut ranges: Vec<_> = line
        .clusters
        .iter()
        .map(|c| &text[c.logical.clone()])
        .collect();
    ranges.reverse();
    assert_eq!(ranges, ["س", "ل", "ا", "م"]);
}

#[test]
fn truncate_cuts_at_the_logical_end() {
    let o = Options {
        align: Align::None,
        ..PLAIN
    };
    // Fits: unchanged.
    assert_eq!(bidi::truncate("سلام", 10, &o).text, "مالس");
    // Right to left: the first letters are kept, the ellipsis is at the left (logical end).
    let t = bidi::truncate("الرئيس الروسي", 8, &o);
    assert_eq!(t.text, "…سيئرلا");
    assert!(t.width <= 8);
    // Left to right: ellipsis on the right.
    assert_eq!(bidi::truncate("hello world", 8, &o).text, "hello w…");
    // A cut after a space drops the space.
    assert_eq!(bidi::truncate("hello world", 7, &o).text, "hello…");
    assert_eq!(bidi::truncate("hello world", 0, &o).text, "");
    // The kept part keeps the whole title's direction even with no strong letter left in it:
    // a right-to-left title cut to its leading number still reads right to left.
    assert_eq!(bidi::truncate("2024: שלום עולם", 6, &o).text, "…:2024");
    // Aligned: a right-to-left title is flush right.
    let t = bidi::truncate(
        "سلام",
        10,
        &Options {
            align: Align::Auto,
            ..o
        },
    );
    assert_eq!((t.width, t.indent), (4, 6));
}

#[test]
fn width_is_per_cluster() {
    assert_eq!(bidi::width("الاشتباكات"), 10); // unicode-width alone says 9
    assert_eq!(bidi::width("لا"), 2);
    assert_eq!(bidi::width("שָׁלוֹם"), 4);
    assert_eq!(bidi::width("中文"), 4);
    assert_eq!(bidi::width("a\u{200F}b"), 2);
    assert_eq!(bidi::cluster_width("e\u{301}"), 1);
}

#[test]
fn direction_of_text() {
    assert_eq!(bidi::direction_of("123 سلام", DirMode::Auto), Direction::Rtl);
    assert_eq!(bidi::direction_of("123", DirMode::Auto), Direction::Ltr);
    assert_eq!(bidi::direction_of("123", DirMode::AutoRtl), Direction::Rtl);
    assert_eq!(bidi::direction_of("abc", DirMode::Rtl), Direction::Rtl);
}

#[test]
fn logical_order_for_terminals_that_reorder() {
    // Sanitised, shaped, wrapped, but not reordered or mirrored.
    let o = Options {
        reorder: false,
        isolate: false,
        shape: true,
        ..PLAIN
    };
    let l = bidi::layout("(لا) \u{202E}ab", None, &o);
    assert_eq!(l.lines[0].text, "(\u{FEFB}) ab");
    let l = bidi::layout("واحد اثنان ثلاثة", Some(10), &Options { shape: false, ..o });
    let got: Vec<&str> = l.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(got, ["واحد اثنان", "ثلاثة"]);
}

#[test]
fn empty_paragraph_is_one_empty_line() {
    let l = bidi::layout("", Some(20), &PLAIN);
    assert_eq!(l.lines.len(), 1);
    assert_eq!(l.lines[0].text, "");
}

#[test]
fn lone_mark_gets_a_dotted_circle() {
    let l = bidi::layout("\u{64E}ب", None, &PLAIN);
    assert_eq!(l.lines[0].text, "ب\u{25CC}\u{64E}");
    assert_eq!(l.lines[0].width, 2);
}
