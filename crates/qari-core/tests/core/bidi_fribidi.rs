//! Differential test against GNU `FriBidi`'s library: the same paragraphs, cut into the same
//! lines, laid out by qari and by `FriBidi` (`fribidi_get_par_embedding_levels_ex` for the
//! paragraph, `fribidi_reorder_line` per line with mark reordering and mirroring, and
//! `fribidi_shape` for Arabic shaping), compared line by line. The paragraphs are generated
//! from our own word lists: Arabic (with harakat, lam-alef, tatweel), Hebrew with niqqud,
//! Persian with ZWNJ and Persian digits, Urdu, English, digits of three kinds, brackets and
//! punctuation; widths 20 to 120, shaping on and off.
//!
//! qari forbids unsafe code, so `FriBidi` is driven by a small C program of our own
//! (`tests/fribidi/qari_fribidi.c`) that this test compiles with `cc` and `pkg-config`.
//!
//! Normalisation, each reasoned:
//! - characters qari never prints (ZWNJ, ZWJ, and the U+FEFF `FriBidi` leaves where a lam-alef
//!   ligature swallowed a letter) are removed from `FriBidi`'s lines;
//! - spaces at either end of a line are trimmed (qari drops the spaces a line was broken at);
//! - the dotted circle qari puts under a combining mark that has no base letter is removed;
//! - `FriBidi` forms lam-alef only when lam and alef are adjacent; qari also forms it across
//!   harakat written between them (issue 3; the marks then follow the ligature). `FriBidi`'s
//!   visual "alef final, marks after alef, lam initial/medial, marks between" is rewritten to
//!   qari's "ligature, marks between, marks after alef" only when marks really sit between.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use qari_core::bidi::{self, Align, DirMode, Options};
use qari_core::model::Direction;

use crate::util;

const ARABIC: &[&str] = &[
    "الرئيس",
    "الحكومة",
    "الأزمة",
    "السلام",
    "الاتفاق",
    "لا",
    "إلا",
    "أعلن",
    "مسؤول",
    "القاهرة",
    "على",
    "مستشفى",
    "شؤون",
    "لأن",
    "الآن",
    "فلسطين",
    "بيروت",
    "الإعلام",
    "سلاح",
    "بلاده",
    "مُحَمَّدٌ",
    "كَتَبَ",
    "لَا",
    "بِلَادِ",
    "الْأَمْنِ",
    "لِإِعْلَانِ",
    "فَلِآخَرَ",
    "قالـــت",
    "مـــصر",
    "الوزراء",
    "اجتماع",
    "يوم",
    "الاثنين",
    "وكالة",
    "الأنباء",
    "ﷲ",
    "الله",
    "عبدالله",
    "مئة",
    "المؤتمر",
    "تأجيل",
    "ظهر",
    "غزة",
    "ضد",
    "طائرة",
    "هيئة",
    "لأجل",
    "الإمارات",
];
const HEBREW: &[&str] = &[
    "שָׁלוֹם",
    "ממשלה",
    "ירושלים",
    "הַבַּיִת",
    "חדשות",
    "הכנסת",
    "ראש",
    "עִיר",
    "בְּתֵל",
    "אָבִיב",
    "הודיע",
    "היום",
    "ישראל",
    "המשטרה",
    "בחירות",
    "יִשְׂרָאֵל",
];
const PERSIAN: &[&str] = &[
    "می‌خواهم",
    "پژوهش",
    "گزارش",
    "کشور",
    "تهران",
    "چهارشنبه",
    "ژاپن",
    "خبرگزاری",
    "نمی‌دانم",
    "۱۴۰۲",
    "۲۵",
    "می‌گوید",
    "سازمان",
    "بین‌المللی",
    "گفت‌وگو",
    "پیش",
    "چرا",
    "کتاب‌ها",
];
const URDU: &[&str] = &[
    "پاکستان",
    "ہے",
    "کے",
    "میں",
    "حکومت",
    "ٹیلی",
    "ڈالر",
    "بڑا",
    "نہیں",
    "گھر",
    "وزیراعظم",
    "اسلام‌آباد",
    "کہا",
    "ہیں",
    "چھوٹا",
    "ٹھیک",
    "ریڈیو",
    "لاہور",
];
const OTHER: &[&str] = &[
    "ٱلْحَمْدُ",
    "کوردستان",
    "ڕۆژ",
    "ێ",
    "ڵ",
    "ۆ",
    "ـ",
    "ـلـ",
    "بـ",
    "װאָס",
    "ייִדיש",
    "ﭏ",
    "שׁ",
    "C++",
    "#خبر",
    "@user",
    "x=1",
    "(ب [ج] د)",
    "۱۲٣",
    "٣-٤",
    "10-20",
    "אֱ-לֹהִים",
    "لـِ",
    "ﺍﻟﺴﻼﻡ",
    "٠١٢",
    "٪",
    "\u{200F}",
    "\u{200E}",
    "\u{200D}",
    "ك\u{200D}",
    "ی\u{200C}ی",
];
const LATIN: &[&str] = &[
    "the",
    "BBC",
    "Reuters",
    "COVID-19",
    "said",
    "on",
    "Monday",
    "www.example.com",
    "e-mail",
    "U.S.",
    "president",
    "Gaza",
    "UN",
    "report",
    "AFP",
    "iPhone",
];
const NUMBERS: &[&str] = &[
    "2024", "3.5", "1,200", "٢٠٢٣", "١٥", "۱۲", "50%", "$30", "-7", "+961", "10:30", "٣٫٥", "۴۵٪",
    "1/2",
];
const OPEN: &[(&str, &str)] = &[("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"), ("\"", "\"")];
const PUNCT: &[&str] = &[".", ",", "،", "؛", "؟", "!", ":", "...", " -", " —", "."];

/// A small deterministic generator (xorshift64*), so that failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

fn paragraph(rng: &mut Rng) -> String {
    let main: &[&str] = match rng.below(6) {
        0 | 1 => ARABIC,
        2 => HEBREW,
        3 => PERSIAN,
        4 => URDU,
        _ => LATIN,
    };
    let n = 3 + rng.below(60);
    let mut words = Vec::new();
    for _ in 0..n {
        let mut w = match rng.below(20) {
            0..=11 => rng.pick(main).to_string(),
            12 => rng.pick(ARABIC).to_string(),
            13 => rng.pick(LATIN).to_string(),
            14 => rng.pick(HEBREW).to_string(),
            15 if rng.below(2) == 0 => rng.pick(OTHER).to_string(),
            15 => rng.pick(PERSIAN).to_string(),
            16 | 17 => rng.pick(NUMBERS).to_string(),
            _ => {
                let (o, c) = OPEN[rng.below(OPEN.len())];
                let inner = if rng.below(2) == 0 {
                    rng.pick(main)
                } else {
                    rng.pick(LATIN)
                };
                format!("{o}{inner}{c}")
            }
        };
        if rng.below(6) == 0 {
            w.push_str(PUNCT[rng.below(PUNCT.len())]);
        }
        words.push(w);
    }
    let mut s = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            s.push(if rng.below(25) == 0 { '\u{A0}' } else { ' ' });
        }
        s.push_str(w);
    }
    s
}

/// The C helper, compiled once per test run to a path of this process's own (the two tests
/// of this file share it). `None` when GNU `FriBidi`'s library or `pkg-config` is missing and
/// `QARI_REQUIRE_FRIBIDI` is not set.
fn helper() -> Option<&'static Path> {
    static HELPER: OnceLock<Option<PathBuf>> = OnceLock::new();
    HELPER
        .get_or_init(|| {
            let flags = Command::new("pkg-config")
                .args(["--cflags", "--libs", "fribidi"])
                .output()
                .ok()
                .filter(|o| o.status.success());
            let present = flags.is_some();
            if !util::available(
                "FRIBIDI",
                present,
                "pkg-config and GNU FriBidi's library (apt: pkg-config libfribidi-dev) are not installed",
            ) {
                return None;
            }
            let flags = String::from_utf8(flags?.stdout).expect("pkg-config prints text");
            let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("qari_fribidi-{}", std::process::id()));
            let src = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fribidi/qari_fribidi.c");
            let status = Command::new("cc")
                .args(["-O1", "-o"])
                .arg(&out)
                .arg(src)
                .args(flags.split_whitespace())
                .status()
                .expect("a C compiler");
            assert!(status.success(), "compiling {src}");
            Some(out)
        })
        .as_deref()
}

struct Case {
    text: String,
    width: usize,
    shape: bool,
    direction: Direction,
    lines: Vec<String>,
    ranges: Vec<(usize, usize)>,
}

/// qari's layout of a paragraph, and its lines as code point ranges of the paragraph.
fn qari_case(text: &str, width: usize, shape: bool) -> Case {
    let opts = Options {
        dir: DirMode::Auto,
        shape,
        align: Align::None,
        reorder: true,
        isolate: false,
    };
    let layout = bidi::layout(text, Some(width), &opts);
    let char_at = |b: usize| text[..b].chars().count();
    let ranges = bidi::line_ranges(text, Some(width), &opts)
        .into_iter()
        .map(|r| (char_at(r.start), char_at(r.end) - char_at(r.start)))
        .collect();
    let lines = layout.lines.iter().map(|l| l.text.clone()).collect();
    Case {
        text: text.to_string(),
        width,
        shape,
        direction: layout.direction,
        lines,
        ranges,
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0591}'..='\u{05C7}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}'
        | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// `FriBidi`'s "alef, marks, lam, marks" (visual) as qari's ligature when marks sit between.
fn lam_alef_across_marks(s: &str) -> String {
    let ch: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < ch.len() {
        let lig = |alef: char, lam: char| -> Option<char> {
            let base = match alef {
                '\u{FE82}' => 0xFEF5,
                '\u{FE84}' => 0xFEF7,
                '\u{FE88}' => 0xFEF9,
                '\u{FE8E}' => 0xFEFB,
                _ => return None,
            };
            match lam {
                '\u{FEDF}' => char::from_u32(base),
                '\u{FEE0}' => char::from_u32(base + 1),
                _ => None,
            }
        };
        let mut j = i + 1;
        while j < ch.len() && is_mark(ch[j]) {
            j += 1;
        }
        let mut k = j + 1;
        while k < ch.len() && is_mark(ch[k]) {
            k += 1;
        }
        if j < ch.len()
            && k > j + 1
            && let Some(l) = lig(ch[i], ch[j])
        {
            out.push(l);
            out.extend(&ch[j + 1..k]);
            out.extend(&ch[i + 1..j]);
            i = k;
            continue;
        }
        out.push(ch[i]);
        i += 1;
    }
    out
}

fn normalise_fribidi(line: &str, shape: bool) -> String {
    let kept: String = line.chars().filter(|&c| !bidi::is_invisible(c)).collect();
    let kept = if shape {
        lam_alef_across_marks(&kept)
    } else {
        kept
    };
    kept.trim_matches(' ').to_string()
}

fn run_fribidi(cases: &[Case]) -> Vec<(char, Vec<String>)> {
    let mut child = Command::new(helper().expect("each test checks for the helper first"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run the FriBidi helper");
    let mut input = String::new();
    for c in cases {
        let _ = write!(input, "{} {}", u8::from(c.shape), c.ranges.len());
        for (o, l) in &c.ranges {
            let _ = write!(input, " {o} {l}");
        }
        input.push('\n');
        input.push_str(&c.text);
        input.push('\n');
    }
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "helper failed: {:?}", out.status);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.split('\n');
    cases
        .iter()
        .map(|c| {
            let d = lines.next().unwrap();
            let dir = d.chars().nth(2).unwrap();
            let ls = (0..c.ranges.len())
                .map(|_| lines.next().unwrap().to_string())
                .collect();
            (dir, ls)
        })
        .collect()
}

#[test]
fn same_lines_as_fribidi() {
    if helper().is_none() {
        return;
    }
    // QARI_FRIBIDI_SEED / QARI_FRIBIDI_PARAS widen the search: e.g. a nightly run with
    // `QARI_FRIBIDI_SEED=$RANDOM QARI_FRIBIDI_PARAS=50000 cargo test --test bidi_fribidi`.
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let mut rng = Rng(env("QARI_FRIBIDI_SEED").unwrap_or(0x9E37_79B9_7F4A_7C15) | 1);
    let paras = env("QARI_FRIBIDI_PARAS").unwrap_or(2500);
    let widths = [20, 23, 31, 40, 52, 67, 80, 99, 120];
    let mut cases = Vec::new();
    for _ in 0..paras {
        let text = paragraph(&mut rng);
        let width = widths[rng.below(widths.len())];
        for shape in [false, true] {
            cases.push(qari_case(&text, width, shape));
        }
    }
    check(&cases);
}

/// Real text: the seed article, the golden inputs, the benchmark sample and any files named in `QARI_FRIBIDI_TEXT` (colon-separated),
/// one paragraph a line, at every width from 20 to 120 in steps of 7, shaping on and off.
#[test]
fn same_lines_as_fribidi_on_files() {
    if helper().is_none() {
        return;
    }
    let mut files: Vec<PathBuf> = util::seeds()
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/golden");
    files.extend(
        std::fs::read_dir(golden)
            .expect("golden inputs")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt")),
    );
    files.extend([PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../benches/sample_ar.txt"
    ))]);
    if let Ok(extra) = std::env::var("QARI_FRIBIDI_TEXT") {
        files.extend(
            extra
                .split(':')
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
        );
    }
    let mut cases = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("readable UTF-8 text");
        for para in text
            .lines()
            .map(|l| l.trim_end_matches('\r'))
            .filter(|l| !l.trim().is_empty())
        {
            for width in (20..=120).step_by(7) {
                for shape in [false, true] {
                    cases.push(qari_case(para, width, shape));
                }
            }
        }
    }
    if !cases.is_empty() {
        check(&cases);
    }
}

fn check(cases: &[Case]) {
    let fribidi = run_fribidi(cases);
    let mut diffs = Vec::new();
    let mut compared = 0;
    for (c, (dir, lines)) in cases.iter().zip(&fribidi) {
        let want_dir = if c.direction == Direction::Rtl {
            'R'
        } else {
            'L'
        };
        if *dir != want_dir {
            diffs.push(format!("direction {want_dir} vs fribidi {dir}: {}", c.text));
        }
        for (q, f) in c.lines.iter().zip(lines) {
            compared += 1;
            let f = normalise_fribidi(f, c.shape);
            // qari draws a mark with no base letter on a dotted circle (so that the terminal
            // cannot put it on the previous cell); FriBidi has no such notion.
            let q = q.replace('\u{25CC}', "");
            let q = q.trim_matches(' ');
            if q != f {
                diffs.push(format!(
                    "width {} shape {}:\n  text   {}\n  qari   {q}\n  fribidi {f}",
                    c.width, c.shape, c.text
                ));
            }
        }
    }
    eprintln!(
        "{compared} lines compared with FriBidi, {} differ",
        diffs.len()
    );
    assert!(compared >= cases.len(), "only {compared} lines compared");
    assert!(
        diffs.is_empty(),
        "{} of {compared} lines differ:\n{}",
        diffs.len(),
        diffs[..diffs.len().min(8)].join("\n")
    );
}

#[test]
fn normalisation_rewrites_only_marks_between() {
    // alef final, lam initial, fatha -> isolated lam-alef, fatha.
    assert_eq!(
        lam_alef_across_marks("\u{FE8E}\u{FEDF}\u{64E}"),
        "\u{FEFB}\u{64E}"
    );
    // No mark between lam and alef: left alone (FriBidi made the ligature itself).
    assert_eq!(
        lam_alef_across_marks("\u{FE8E}\u{64E}\u{FEDF}"),
        "\u{FE8E}\u{64E}\u{FEDF}"
    );
}
