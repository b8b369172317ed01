//! Conformance: all 91,707 cases of Unicode 15's `BidiCharacterTest.txt` through the code
//! path qari displays with (levels for the paragraph, rule L1 and reordering per line, one
//! level per grapheme cluster).
//!
//! The file tests rules up to L2 on characters; qari reorders grapheme clusters so that marks
//! stay after their base (the effect of L3). The expected visual order is therefore compared
//! cluster by cluster: the expected indices, mapped to their cluster and with consecutive
//! repeats collapsed, must give exactly qari's cluster order (a cluster split apart by the
//! expected order would show up twice and fail). Levels are compared for every character not
//! removed by X9. A second pass runs the public `layout` and checks the printed line against
//! the expected order with mirroring (L4) applied at odd levels and invisible characters
//! dropped.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use qari_core::bidi::{self, Align, DirMode, Options};

use crate::util;
use unicode_segmentation::UnicodeSegmentation;

struct Case {
    line: usize,
    text: String,
    mode: DirMode,
    para: u8,
    /// Per character: the expected level, `None` for "x".
    levels: Vec<Option<u8>>,
    order: Vec<usize>,
}

fn cases() -> Vec<Case> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/BidiCharacterTest.txt.zst"
    );
    let text = util::unzstd(path);
    assert!(
        text.starts_with("# BidiCharacterTest-15.0.0.txt"),
        "header kept"
    );
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(';').collect();
        let text: String = f[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        let mode = match f[1] {
            "0" => DirMode::Ltr,
            "1" => DirMode::Rtl,
            _ => DirMode::Auto,
        };
        out.push(Case {
            line: n + 1,
            text,
            mode,
            para: f[2].parse().unwrap(),
            levels: f[3]
                .split_whitespace()
                .map(|l| {
                    if l == "x" {
                        None
                    } else {
                        Some(l.parse().unwrap())
                    }
                })
                .collect(),
            order: f[4]
                .split_whitespace()
                .map(|i| i.parse().unwrap())
                .collect(),
        });
    }
    out
}

/// Byte offset -> character index.
fn char_index(text: &str) -> Vec<usize> {
    let mut idx = vec![usize::MAX; text.len() + 1];
    for (i, (b, _)) in text.char_indices().enumerate() {
        idx[b] = i;
    }
    idx[text.len()] = text.chars().count();
    idx
}

/// The expected visual order as clusters: each character index mapped to its cluster,
/// consecutive repeats collapsed.
fn expected_clusters(order: &[usize], cluster_of: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &i in order {
        let c = cluster_of[i];
        if out.last() != Some(&c) {
            out.push(c);
        }
    }
    out
}

/// Does qari's display path give `text` the expected paragraph level (when one is given),
/// the expected level for every character not removed by X9 (`None`), and the expected
/// visual order (indices of the characters not removed), cluster by cluster?
fn conforms(
    text: &str,
    mode: DirMode,
    para_level: Option<u8>,
    levels: &[Option<u8>],
    order: &[usize],
) -> bool {
    let (para, clusters) = bidi::conformance_line(text, mode);
    let idx = char_index(text);
    let n = levels.len();
    // Cluster number (in logical order) of each character.
    let mut starts: Vec<(usize, usize)> = clusters
        .iter()
        .map(|(r, _)| (idx[r.start], idx[r.end]))
        .collect();
    starts.sort_unstable();
    let mut cluster_of = vec![0; n];
    for (k, &(a, b)) in starts.iter().enumerate() {
        for c in &mut cluster_of[a..b] {
            *c = k;
        }
    }
    let mut ok = para_level.is_none_or(|p| p == para);
    let mut ours = Vec::new();
    for (r, level) in &clusters {
        let (a, b) = (idx[r.start], idx[r.end]);
        let mut visible = false;
        for l in levels[a..b].iter().flatten() {
            visible = true;
            ok &= l == level;
        }
        if visible {
            ours.push(cluster_of[a]);
        }
    }
    ok && ours == expected_clusters(order, &cluster_of)
}

#[test]
fn bidi_character_test_all_cases() {
    let cases = cases();
    assert_eq!(cases.len(), 91_707);
    let failures: Vec<usize> = cases
        .iter()
        .filter(|case| {
            !conforms(
                &case.text,
                case.mode,
                Some(case.para),
                &case.levels,
                &case.order,
            )
        })
        .map(|case| case.line)
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail, first at lines {:?}",
        failures.len(),
        cases.len(),
        &failures[..failures.len().min(20)]
    );
}

/// What `layout` must print for a case: the expected clusters in visual order, invisible
/// characters dropped, mirrored glyphs at odd levels, a lone mark on a dotted circle.
fn expected_text(case: &Case) -> String {
    let chars: Vec<char> = case.text.chars().collect();
    let idx = char_index(&case.text);
    let mut cluster_of = vec![0; chars.len()];
    let mut ranges = Vec::new();
    for (k, (b, g)) in case.text.grapheme_indices(true).enumerate() {
        let (a, e) = (idx[b], idx[b + g.len()]);
        ranges.push((a, e));
        for c in &mut cluster_of[a..e] {
            *c = k;
        }
    }
    let mut out = String::new();
    for k in expected_clusters(&case.order, &cluster_of) {
        let (a, e) = ranges[k];
        let odd = (a..e)
            .find_map(|i| case.levels[i])
            .is_some_and(|l| l % 2 == 1);
        let shown: String = chars[a..e]
            .iter()
            .filter(|&&c| !bidi::is_invisible(c))
            .map(|&c| {
                if odd {
                    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect();
        if !shown.is_empty() && unicode_width::UnicodeWidthStr::width(shown.as_str()) == 0 {
            out.push('\u{25CC}');
        }
        out.push_str(&shown);
    }
    out
}

#[test]
fn bidi_character_test_through_layout() {
    let opts = |mode| Options {
        dir: mode,
        shape: false,
        align: Align::None,
        reorder: true,
        isolate: false,
    };
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in cases() {
        // Tabs (class S) become spaces when sanitised, which changes rule L1: those cases are
        // covered by the test above only.
        if case.text.contains('\t') {
            continue;
        }
        let layout = bidi::layout(&case.text, None, &opts(case.mode));
        assert_eq!(layout.lines.len(), 1);
        if layout.lines[0].text != expected_text(&case) {
            failures.push(case.line);
        }
        checked += 1;
    }
    assert!(checked > 80_000, "only {checked} cases checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ, first at lines {:?}",
        failures.len(),
        &failures[..failures.len().min(20)]
    );
}

/// One character for each bidi class of `BidiTest.txt`. B (a paragraph separator) and S (a
/// tab) are left out: on the display path the sanitiser turns both into spaces, as a
/// terminal line has no room for either.
fn representative(class: &str) -> Option<char> {
    Some(match class {
        "L" => 'a',
        "R" => '\u{5D0}',
        "AL" => '\u{627}',
        "EN" => '1',
        "ES" => '+',
        "ET" => '$',
        "AN" => '\u{660}',
        "CS" => ',',
        "NSM" => '\u{300}',
        "BN" => '\u{AD}',
        "WS" => ' ',
        "ON" => '!',
        "LRE" => '\u{202A}',
        "LRO" => '\u{202D}',
        "RLE" => '\u{202B}',
        "RLO" => '\u{202E}',
        "PDF" => '\u{202C}',
        "LRI" => '\u{2066}',
        "RLI" => '\u{2067}',
        "FSI" => '\u{2068}',
        "PDI" => '\u{2069}',
        _ => return None,
    })
}

/// All of Unicode 15's `BidiTest.txt` (sequences of bidi classes, each for the paragraph
/// directions its bit set names: 1 auto, 2 left-to-right, 4 right-to-left) through the same
/// display path, *after the sanitiser*: it must leave every case as it is, nesting 61–125
/// deep and the overflow beyond included, and the levels and order must be the standard's.
#[test]
fn bidi_test_all_cases_after_sanitising() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/BidiTest.txt.zst");
    let text = util::unzstd(path);
    assert!(text.starts_with("# BidiTest-15.0.0.txt"), "header kept");
    // (line, text, mode, levels, order), one per paragraph direction of each case line.
    let mut cases = Vec::new();
    let mut levels: Vec<Option<u8>> = Vec::new();
    let mut order: Vec<usize> = Vec::new();
    let mut skipped = 0usize;
    for (n, line) in text.lines().enumerate() {
        if let Some(l) = line.strip_prefix("@Levels:") {
            levels = l.split_whitespace().map(|x| x.parse().ok()).collect();
        } else if let Some(r) = line.strip_prefix("@Reorder:") {
            order = r.split_whitespace().map(|x| x.parse().unwrap()).collect();
        } else if let Some((classes, bits)) = line.split_once(';') {
            let chars: Option<String> = classes.split_whitespace().map(representative).collect();
            let Some(chars) = chars else {
                skipped += 1;
                continue;
            };
            let bits: u8 = bits.trim().parse().unwrap();
            for (bit, mode) in [(1, DirMode::Auto), (2, DirMode::Ltr), (4, DirMode::Rtl)] {
                if bits & bit != 0 {
                    cases.push((n + 1, chars.clone(), mode, levels.clone(), order.clone()));
                }
            }
        }
    }
    assert!(cases.len() > 600_000, "only {} cases", cases.len());
    let deep = cases
        .iter()
        .filter(|c| {
            c.1.chars()
                .filter(|&ch| matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2068}'))
                .count()
                > 60
        })
        .count();
    assert!(
        deep >= 3,
        "the cases nested deeper than 60 are there ({deep})"
    );
    // Split over the cores: about 613,000 layouts.
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    let failures: Vec<usize> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(threads))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter(|(_, text, mode, levels, order)| {
                            bidi::sanitize::sanitize(text) != text.as_str()
                                || !conforms(text, *mode, None, levels, order)
                        })
                        .map(|c| c.0)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} cases fail ({skipped} lines with B or S left out, {deep} nested over 60 deep), \
         first at lines {:?}",
        failures.len(),
        cases.len(),
        &failures[..failures.len().min(20)]
    );
}
