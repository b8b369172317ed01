//! Property tests of the layout engine: on arbitrary mixes of Arabic (with harakat and
//! lam-alef), Hebrew (with points), Persian, Latin, digits of three kinds, brackets,
//! punctuation, spaces, NBSP, ZWNJ/ZWJ, direction marks, wide characters and escape
//! sequences, at any width and with any options.

use proptest::prelude::*;
use qari_core::bidi::{self, Align, DirMode, Options};

const ALPHABET: &[&str] = &[
    "ب",
    "ت",
    "ل",
    "ا",
    "أ",
    "إ",
    "آ",
    "م",
    "ه",
    "ي",
    "ة",
    "ى",
    "ـ",
    "\u{64E}",
    "\u{651}",
    "ש",
    "ל",
    "ו",
    "ם",
    "\u{5B8}",
    "\u{5BC}",
    "پ",
    "گ",
    "ی",
    "ے",
    "a",
    "b",
    "Z",
    "1",
    "2",
    "٣",
    "۴",
    " ",
    " ",
    " ",
    " ",
    "(",
    ")",
    "[",
    "«",
    "»",
    ".",
    ",",
    "،",
    "-",
    "%",
    "\u{A0}",
    "\u{200C}",
    "\u{200D}",
    "\u{200E}",
    "\u{200F}",
    "\u{2067}",
    "\u{2069}",
    "\u{202E}",
    "\u{202C}",
    "中",
    "\u{1b}[31m",
    "\t",
    "e\u{301}",
];

fn tokens() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..120)
}

fn text() -> impl Strategy<Value = String> {
    tokens().prop_map(|v| v.concat())
}

fn options() -> impl Strategy<Value = Options> {
    (
        prop::sample::select(vec![
            DirMode::Auto,
            DirMode::AutoRtl,
            DirMode::Ltr,
            DirMode::Rtl,
        ]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(dir, shape, auto, reorder)| Options {
            dir,
            shape,
            align: if auto { Align::Auto } else { Align::None },
            reorder,
            isolate: false,
        })
}

/// The isolates and marks terminal mode keeps.
fn is_kept_control(c: char) -> bool {
    matches!(
        c,
        '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

proptest! {
    #[test]
    fn every_cluster_once_and_lines_fit(tokens in tokens(), width in 2usize..90, o in options()) {
        let t = tokens.concat();
        // Bytes of escape sequences, which sanitising removes (a cluster whose base and mark
        // an escape sequence separated still spans it).
        let mut escape = vec![false; t.len()];
        let mut at = 0;
        for tok in &tokens {
            if tok.starts_with('\u{1b}') {
                escape[at..at + tok.len()].fill(true);
            }
            at += tok.len();
        }
        let layout = bidi::layout(&t, Some(width), &o);
        let mut covered = vec![0u8; t.len()];
        for line in &layout.lines {
            prop_assert!(line.width <= width, "line {:?} is {} wide", line.text, line.width);
            prop_assert_eq!(line.width, bidi::width(&line.text));
            prop_assert_eq!(line.width, line.clusters.iter().map(|c| usize::from(c.width)).sum::<usize>());
            if o.align == Align::Auto && layout.direction == qari_core::model::Direction::Rtl {
                prop_assert_eq!(line.indent + line.width, width);
            }
            // Clusters tile the line text from left to right.
            let mut at = 0;
            for c in &line.clusters {
                prop_assert_eq!(c.visual.start, at);
                at = c.visual.end;
                for b in c.logical.clone() {
                    covered[b] += 1;
                }
            }
            prop_assert_eq!(at, line.text.len());
            prop_assert!(!line.text.chars().any(|c| c.is_control() || bidi::is_invisible(c)));
        }
        // Each input character is shown by exactly one cluster, or is invisible, removed by
        // sanitising (escape sequences, controls), or a space where a line was broken.
        for (i, c) in t.char_indices() {
            let n = covered[i];
            prop_assert!(n <= 1, "{:?} shown {} times", c, n);
            if n == 0 {
                prop_assert!(
                    escape[i] || bidi::is_invisible(c) || c == ' ' || c == '\t',
                    "{:?} at {} lost in {:?}", c, i, t
                );
            }
        }
    }

    /// Terminal mode's isolation adds only balanced isolates and marks inside the clusters:
    /// without them each line is the plain logical line, cells and widths unchanged; each line
    /// opens with an isolate in the paragraph's direction and closes every isolate it opens.
    #[test]
    fn terminal_isolation_only_adds_balanced_controls(tokens in tokens(), width in 2usize..90, o in options()) {
        let t = tokens.concat();
        let plain = Options { reorder: false, isolate: false, ..o };
        let isolated = Options { isolate: true, ..plain };
        let a = bidi::layout(&t, Some(width), &plain);
        let b = bidi::layout(&t, Some(width), &isolated);
        prop_assert_eq!(a.lines.len(), b.lines.len());
        for (x, y) in a.lines.iter().zip(&b.lines) {
            let stripped: String = y.text.chars().filter(|&c| !is_kept_control(c)).collect();
            prop_assert_eq!(&stripped, &x.text);
            prop_assert_eq!((x.width, x.indent, x.clusters.len()), (y.width, y.indent, y.clusters.len()));
            prop_assert_eq!(y.width, bidi::width(&y.text));
            if y.width > 0 {
                let first = y.text.chars().next();
                let want = if b.direction == qari_core::model::Direction::Rtl { '\u{2067}' } else { '\u{2066}' };
                prop_assert_eq!(first, Some(want));
            }
            let mut depth = 0i32;
            for c in y.text.chars() {
                match c {
                    '\u{2066}'..='\u{2068}' => depth += 1,
                    '\u{2069}' => depth -= 1,
                    _ => {}
                }
                prop_assert!(depth >= 0, "{:?}", y.text);
            }
            prop_assert_eq!(depth, 0, "{:?}", y.text);
            // Clusters still tile the text.
            let mut at = 0;
            for c in &y.clusters {
                prop_assert_eq!(c.visual.start, at);
                at = c.visual.end;
            }
            prop_assert_eq!(at, y.text.len());
        }
    }

    /// Untrusted text: any characters at all, any options, never a panic, lines still fit.
    #[test]
    fn any_text_never_panics(t in prop::collection::vec(any::<char>(), 0..200).prop_map(String::from_iter), width in prop::option::of(0usize..90), o in options()) {
        let layout = bidi::layout(&t, width, &o);
        for line in &layout.lines {
            if let Some(w) = width {
                // A cluster wider than the whole width still gets a line of its own.
                let widest = line.clusters.iter().map(|c| usize::from(c.width)).max().unwrap_or(0);
                prop_assert!(line.width <= w.max(widest).max(1));
            }
            prop_assert!(!line.text.chars().any(|c| c.is_control() || bidi::is_invisible(c)));
            for c in &line.clusters {
                prop_assert!(t.get(c.logical.clone()).is_some(), "range {:?} not in the input", c.logical);
            }
        }
        let _ = bidi::truncate(&t, width.unwrap_or(10), &o);
        let _ = bidi::width(&t);
    }

    /// `qari render` and the reader reuse one `Scratch` from paragraph to paragraph: nothing
    /// left in it by an earlier paragraph may change the next one's layout.
    #[test]
    fn reused_scratch_gives_the_fresh_layout(
        before in text(), t in text(), width in prop::option::of(2usize..90), o in options()
    ) {
        let mut scratch = bidi::Scratch::default();
        bidi::layout_with(&before, width, &o, &mut scratch, &mut |_| {});
        let mut lines = Vec::new();
        let direction = bidi::layout_with(&t, width, &o, &mut scratch, &mut |l| lines.push(l.clone()));
        let fresh = bidi::layout(&t, width, &o);
        prop_assert_eq!(direction, fresh.direction);
        prop_assert_eq!(lines, fresh.lines);
    }

    #[test]
    fn ascii_left_to_right_unchanged(t in "[ -~]{0,200}", width in 2usize..90) {
        let o = Options { dir: DirMode::Ltr, ..Options::default() };
        let l = bidi::layout(&t, None, &o);
        prop_assert_eq!(l.lines.len(), 1);
        prop_assert_eq!(&l.lines[0].text, &t);
        // Wrapped, the lines are the text in order, less the spaces at the breaks.
        let w = bidi::layout(&t, Some(width), &o);
        let joined: String = w.lines.iter().map(|l| l.text.as_str()).collect();
        prop_assert_eq!(joined.replace(' ', ""), t.replace(' ', ""));
        for l in &w.lines {
            prop_assert!(t.contains(l.text.as_str()));
        }
    }
}

#[test]
fn two_hundred_nested_isolates_do_not_panic() {
    // Levels reach 126 at depth 125, where unicode-bidi's own L2 reordering panics (upstream
    // issue #145); qari keeps the nesting as written and reorders lines itself.
    for open in ["\u{2067}", "\u{2066}", "\u{202B}", "\u{202E}"] {
        let t = format!("{}1{}", open.repeat(200), "\u{2069}".repeat(200));
        let l = bidi::layout(&t, Some(20), &Options::default());
        assert_eq!(
            l.lines.iter().map(|l| l.text.as_str()).collect::<String>(),
            "1"
        );
        let t = format!("ab {}1 2", open.repeat(200));
        let l = bidi::layout(&t, None, &Options::default());
        assert_eq!(l.lines[0].text.replace(' ', "").len(), 4);
    }
}
