//! The invariants the fuzz targets assert, in one file shared with the regression test that
//! replays every saved crash input (`tests/fuzz_regressions.rs`, inputs under
//! `tests/fixtures/fuzz/<target>/`). A failed invariant panics, which the fuzzer reports as a
//! crash.

#![allow(dead_code)]

use std::collections::HashSet;
use std::path::Path;

use qari_core::bidi::{self, Align, DirMode, Options};
use qari_core::model::Story;

/// A stored file, read as `name` (its extension chooses the loader): no panic, one error at
/// most per problem and each naming the file, and every story clean — a title, trimmed
/// non-empty paragraphs, no control character in any field, and no character that was not in
/// the file (besides the spaces tabs and line breaks become, U+FFFD for broken bytes, and the
/// placeholder title).
pub fn loader(name: &str, bytes: &[u8]) {
    let path = Path::new(name);
    let parsed = qari_core::loader::parse_file(path, bytes);
    for e in &parsed.errors {
        assert_eq!(e.path, path, "an error names its file");
        assert!(!e.reason().trim().is_empty(), "an error says why");
    }
    let Ok(decoded) = qari_core::loader::encoding::decode(bytes) else {
        assert!(
            parsed.stories.is_empty(),
            "an undecodable file gives no story"
        );
        return;
    };
    let input: HashSet<char> = decoded.text.chars().collect();
    // Markup formats decode entities (`&#1575;`) and write list bullets, table bars and
    // resolved addresses: any character can come out of them, so only the layouts that
    // copy text as it is are held to the file's characters.
    let markup = matches!(
        qari_core::loader::Format::sniff(path, &decoded.text),
        qari_core::loader::Format::Html
            | qari_core::loader::Format::Markdown
            | qari_core::loader::Format::Feed
    );
    let allowed = |c: char| {
        markup || input.contains(&c) || c == ' ' || c == '\u{FFFD}' || "(untitled)".contains(c)
    };
    for story in &parsed.stories {
        assert!(!story.meta.title.is_empty(), "every story has a title");
        let lang = &story.meta.lang;
        assert!(
            !lang.is_empty() && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "language tag {lang:?}"
        );
        assert_eq!(story.meta.paragraph_count, story.paragraphs.len());
        for p in &story.paragraphs {
            assert!(!p.is_empty() && p.trim() == p, "paragraph {p:?}");
        }
        for field in fields(story) {
            assert!(
                !field.chars().any(char::is_control),
                "control character in {field:?}"
            );
            if let Some(c) = field.chars().find(|&c| !allowed(c)) {
                panic!("{c:?} in {field:?} is not in the file");
            }
        }
    }
}

/// Every text field of a story that comes from the file and reaches the screen or a link.
fn fields(story: &Story) -> Vec<&str> {
    let m = &story.meta;
    let mut out = vec![m.title.as_str()];
    out.extend(m.source.as_deref());
    out.extend(m.author.as_deref());
    out.extend(m.url.as_deref());
    for l in &m.links {
        out.push(&l.label);
        out.extend(l.url.as_deref());
    }
    out.extend(story.paragraphs.iter().map(String::as_str));
    out
}

/// Options and width from the first two bytes, the text from the rest.
pub fn layout_input(data: &[u8]) -> (Option<usize>, Options, String) {
    let (head, rest) = data.split_at(data.len().min(2));
    let width = head
        .first()
        .and_then(|&w| (w < 250).then_some(usize::from(w % 130)));
    let bits = head.get(1).copied().unwrap_or(0);
    let opts = Options {
        dir: [DirMode::Auto, DirMode::AutoRtl, DirMode::Ltr, DirMode::Rtl][usize::from(bits & 3)],
        shape: bits & 4 != 0,
        align: if bits & 8 != 0 {
            Align::Auto
        } else {
            Align::None
        },
        reorder: bits & 16 == 0,
        isolate: false,
    };
    (width, opts, String::from_utf8_lossy(rest).into_owned())
}

/// `bidi::layout` of arbitrary text: no panic; no line wider than the width (a single cluster
/// wider than the whole width aside); no control or invisible character sent; widths that add
/// up; clusters that tile each line. Laid out again after the sanitiser, every character of the
/// text is shown by exactly one cluster, or is invisible, or is whitespace where a line broke.
pub fn layout(data: &[u8]) {
    let (width, opts, text) = layout_input(data);
    check_lines(&text, width, opts, false);
    let clean = bidi::sanitize::sanitize(&text).into_owned();
    check_lines(&clean, width, opts, true);
    let _ = bidi::truncate(&text, width.unwrap_or(10), &opts);
}

fn check_lines(text: &str, width: Option<usize>, opts: Options, accounted: bool) {
    let layout = bidi::layout(text, width, &opts);
    let mut covered = vec![0u8; text.len()];
    for line in &layout.lines {
        if let Some(w) = width {
            let widest = line
                .clusters
                .iter()
                .map(|c| usize::from(c.width))
                .max()
                .unwrap_or(0);
            assert!(
                line.width <= w.max(widest).max(1),
                "{line:?} wider than {w}"
            );
        }
        assert_eq!(line.width, bidi::width(&line.text), "{line:?}");
        assert_eq!(
            line.width,
            line.clusters
                .iter()
                .map(|c| usize::from(c.width))
                .sum::<usize>()
        );
        assert!(
            !line
                .text
                .chars()
                .any(|c| c.is_control() || bidi::is_invisible(c)),
            "control or invisible character sent: {line:?}"
        );
        let mut at = 0;
        for c in &line.clusters {
            assert_eq!(c.visual.start, at, "clusters tile the line");
            at = c.visual.end;
            assert!(
                text.get(c.logical.clone()).is_some(),
                "{:?} not in the input",
                c.logical
            );
            for b in c.logical.clone() {
                covered[b] = covered[b].saturating_add(1);
            }
        }
        assert_eq!(at, line.text.len());
    }
    if accounted {
        // The logical span of each line's shown clusters: whitespace may go unshown only
        // outside them, where a line was broken (a line's own text is contiguous in logical
        // order, whatever reordering did to it).
        let spans: Vec<(usize, usize)> = layout
            .lines
            .iter()
            .filter_map(|l| {
                let start = l.clusters.iter().map(|c| c.logical.start).min()?;
                let end = l.clusters.iter().map(|c| c.logical.end).max()?;
                Some((start, end))
            })
            .collect();
        for (i, c) in text.char_indices() {
            assert!(covered[i] <= 1, "{c:?} at {i} shown {} times", covered[i]);
            let at_a_break = c.is_whitespace() && !spans.iter().any(|&(a, b)| a <= i && i < b);
            assert!(
                covered[i] == 1 || bidi::is_invisible(c) || at_a_break,
                "{c:?} at {i} lost"
            );
        }
    }
}
