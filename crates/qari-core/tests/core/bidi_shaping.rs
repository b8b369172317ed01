//! Shaping: every joining case of every Arabic-script letter that has presentation forms,
//! checked through the public layout against forms read independently from the Unicode data
//! files (`UnicodeData.txt`, `ArabicShaping.txt`, vendored under `tests/data/`), plus transparent marks,
//! ZWJ/ZWNJ, tatweel, all eight lam-alef ligatures, and what must not happen (word ligatures).

use std::collections::HashMap;

use qari_core::bidi::{self, Align, DirMode, Options};

use crate::util;

const SHAPED: Options = Options {
    dir: DirMode::Rtl,
    shape: true,
    align: Align::None,
    reorder: false, // logical order: easier to read the expectations
    isolate: false,
};

fn shaped(s: &str) -> String {
    bidi::layout(s, None, &SHAPED).lines.remove(0).text
}

/// A Unicode data file vendored, zstd-compressed, under `tests/data/`.
fn ucd(file: &str) -> String {
    util::unzstd(&format!(
        "{}/tests/data/{file}.zst",
        env!("CARGO_MANIFEST_DIR")
    ))
}

/// `(letter, form index) -> presentation form`, form index 0 isolated, 1 final, 2 initial,
/// 3 medial; single-letter decompositions only, the later entry winning.
fn forms() -> HashMap<(u32, usize), char> {
    let mut m = HashMap::new();
    for line in ucd("UnicodeData.txt").lines() {
        let f: Vec<&str> = line.split(';').collect();
        let Some(rest) = f[5].strip_prefix('<') else {
            continue;
        };
        let (tag, args) = rest.split_once("> ").expect("tagged decomposition");
        let form = match tag {
            "isolated" => 0,
            "final" => 1,
            "initial" => 2,
            "medial" => 3,
            _ => continue,
        };
        let args: Vec<u32> = args
            .split(' ')
            .map(|h| u32::from_str_radix(h, 16).expect("hex"))
            .collect();
        if args.len() == 1 {
            let cp = char::from_u32(u32::from_str_radix(f[0], 16).expect("hex")).expect("char");
            m.insert((args[0], form), cp);
        }
    }
    m
}

/// Joining types R and D from ArabicShaping.txt.
fn joining() -> Vec<(char, char)> {
    ucd("ArabicShaping.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split(';').map(str::trim).collect();
            let c = char::from_u32(u32::from_str_radix(f[0], 16).ok()?)?;
            let t = f[2].chars().next()?;
            matches!(t, 'R' | 'D').then_some((c, t))
        })
        .collect()
}

#[test]
fn every_letter_in_every_context() {
    let forms = forms();
    let tatweel = '\u{640}';
    let mut checked = 0;
    for (c, t) in joining() {
        let f = |i: usize| forms.get(&(c as u32, i)).copied().unwrap_or(c);
        if !(0..4).any(|i| forms.contains_key(&(c as u32, i))) {
            // No presentation form: unchanged, but it still joins its neighbours.
            assert_eq!(shaped(&c.to_string()), c.to_string());
            continue;
        }
        // Lam before alef makes a ligature (tested below); tatweel contexts avoid alef.
        let iso = shaped(&c.to_string());
        let fin = shaped(&format!("{tatweel}{c}"));
        let ini = shaped(&format!("{c}{tatweel}"));
        let med = shaped(&format!("{tatweel}{c}{tatweel}"));
        assert_eq!(iso, f(0).to_string(), "isolated U+{:04X}", c as u32);
        assert_eq!(
            fin,
            format!("{tatweel}{}", f(1)),
            "final U+{:04X}",
            c as u32
        );
        if t == 'D' {
            assert_eq!(
                ini,
                format!("{}{tatweel}", f(2)),
                "initial U+{:04X}",
                c as u32
            );
            assert_eq!(
                med,
                format!("{tatweel}{}{tatweel}", f(3)),
                "medial U+{:04X}",
                c as u32
            );
        } else {
            // Right-joining letters never join the letter after them.
            assert_eq!(
                ini,
                format!("{}{tatweel}", f(0)),
                "R initial U+{:04X}",
                c as u32
            );
            assert_eq!(
                med,
                format!("{tatweel}{}{tatweel}", f(1)),
                "R medial U+{:04X}",
                c as u32
            );
        }
        checked += 1;
    }
    // Arabic, Persian and Urdu letters with forms: beh..yeh, peh, tcheh, jeh, gaf, keheh,
    // farsi yeh, yeh barree, heh goal, heh doachashmee, noon ghunna, and more.
    assert!(checked > 70, "only {checked} letters checked");
}

#[test]
fn persian_and_urdu_letters() {
    // peh initial + gaf medial + yeh (farsi) final: "پگی".
    assert_eq!(shaped("پگی"), "\u{FB58}\u{FB95}\u{FBFD}");
    // Urdu: heh goal initial, yeh barree final; noon ghunna isolated; heh doachashmee initial.
    assert_eq!(shaped("ہے"), "\u{FBA8}\u{FBAF}");
    assert_eq!(shaped("ں"), "\u{FB9E}");
    assert_eq!(shaped("ھا"), "\u{FBAC}\u{FE8E}");
}

#[test]
fn transparent_marks_are_skipped() {
    // beh, fatha, beh: the marks do not break the join.
    assert_eq!(shaped("بَب"), "\u{FE91}\u{64E}\u{FE90}");
    assert_eq!(shaped("بّٰب"), "\u{FE91}\u{651}\u{670}\u{FE90}");
}

#[test]
fn zwj_joins_zwnj_breaks_both_dropped() {
    assert_eq!(shaped("ب\u{200D}"), "\u{FE91}");
    assert_eq!(shaped("\u{200D}ب"), "\u{FE90}");
    assert_eq!(shaped("ب\u{200C}ب"), "\u{FE8F}\u{FE8F}");
    // Persian "می‌خواهم": yeh final before the ZWNJ, kha initial after it.
    assert_eq!(shaped("می\u{200C}خ"), "\u{FEE3}\u{FBFD}\u{FEA5}");
}

#[test]
fn tatweel_joins_both_sides() {
    assert_eq!(shaped("بـب"), "\u{FE91}\u{640}\u{FE90}");
}

#[test]
fn all_eight_lam_alef_ligatures() {
    // isolated (lam does not join before it) and final (after a joining beh), per alef.
    for (alef, iso, fin) in [
        ('\u{622}', '\u{FEF5}', '\u{FEF6}'),
        ('\u{623}', '\u{FEF7}', '\u{FEF8}'),
        ('\u{625}', '\u{FEF9}', '\u{FEFA}'),
        ('\u{627}', '\u{FEFB}', '\u{FEFC}'),
    ] {
        assert_eq!(shaped(&format!("ل{alef}")), iso.to_string());
        assert_eq!(shaped(&format!("بل{alef}")), format!("\u{FE91}{fin}"));
        // Harakat between lam and alef: still the ligature, marks after it.
        assert_eq!(shaped(&format!("لَ{alef}")), format!("{iso}\u{64E}"));
        assert_eq!(
            shaped(&format!("بلِّ{alef}ً")),
            format!("\u{FE91}{fin}\u{650}\u{651}\u{64B}")
        );
        // After the ligature a letter starts afresh (alef joins nothing after it).
        assert_eq!(shaped(&format!("ل{alef}ب")), format!("{iso}\u{FE8F}"));
    }
}

#[test]
fn lam_alef_is_one_cell_and_one_cluster() {
    let l = bidi::layout("لَا", None, &SHAPED);
    assert_eq!(l.lines[0].width, 1);
    assert_eq!(l.lines[0].clusters.len(), 1);
    assert_eq!(l.lines[0].clusters[0].logical, 0.."لَا".len());
}

#[test]
fn no_word_ligatures() {
    let s = shaped("الله صلى عليه وسلم");
    assert!(
        !s.chars().any(|c| ('\u{FDF0}'..='\u{FDFF}').contains(&c)),
        "{s}"
    );
    assert!(
        !s.chars().any(|c| ('\u{FC00}'..='\u{FD3D}').contains(&c)),
        "{s}"
    );
}

#[test]
fn letters_without_forms_unchanged_but_joined() {
    // U+0681 (hah with hamza above) is dual-joining without presentation forms.
    assert_eq!(shaped("ب\u{681}ب"), "\u{FE91}\u{681}\u{FE90}");
}

#[test]
fn a_direction_change_breaks_the_join() {
    // An LRM (strong left-to-right) between two behs puts them in different directional
    // runs: each stands alone, as in FriBidi.
    assert_eq!(shaped("ب\u{200E}ب"), "\u{FE8F}\u{FE8F}");
}

#[test]
fn shaping_off_leaves_letters() {
    let o = Options {
        shape: false,
        ..SHAPED
    };
    assert_eq!(bidi::layout("سلام", None, &o).lines[0].text, "سلام");
}
