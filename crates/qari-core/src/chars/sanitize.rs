//! Removing what must never reach the terminal from untrusted text (step 1 of the pipeline).
//!
//! Stored articles are hostile input: an escape sequence in a headline could recolour the
//! screen, set the window title or write the clipboard; a control character could move the
//! cursor. So whole escape sequences (CSI, OSC, DCS, APC, SOS, PM, and the short two-character
//! ones) are removed, not just their ESC byte; C0 and C1 controls are removed; tabs and line
//! or paragraph separators become one space each (a paragraph is one line of logical text).
//!
//! Explicit embeddings, overrides and isolates are kept as they are, at any depth: they mean
//! something to the bidi algorithm, which resolves them exactly as the standard says up to its
//! maximum depth of 125 and by its overflow rules beyond (the conformance tests run all of
//! `BidiTest.txt` and `BidiCharacterTest.txt`). The one routine of `unicode-bidi` that can
//! panic at the top level, 126 (its L2 reordering, upstream issue #145), is not used: qari
//! reorders lines itself (`bidi/reorder.rs`).

use std::borrow::Cow;

pub use super::invisible::is_bidi_control;
use super::invisible::is_explicit_formatting;

/// The sanitised text plus, when it differs from the input, where each of its characters came
/// from.
pub(crate) struct Clean<'a> {
    pub text: Cow<'a, str>,
    /// One entry per character of `text`: `(byte offset in text, input start, input end)`.
    /// `None` when `text` is the input unchanged.
    pub map: Option<Vec<(u32, u32, u32)>>,
}

impl Clean<'_> {
    /// The input byte range behind the sanitised byte range `start..end` (`start` must be a
    /// character boundary of the sanitised text, `end` one past a character).
    pub fn to_input(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let Some(map) = &self.map else {
            return start..end;
        };
        let first = map.partition_point(|e| (e.0 as usize) < start);
        let last = map.partition_point(|e| (e.0 as usize) < end);
        match (map.get(first), last.checked_sub(1).and_then(|i| map.get(i))) {
            (Some(a), Some(b)) if last > first => a.1 as usize..b.2 as usize,
            (Some(a), _) => a.1 as usize..a.1 as usize,
            _ => map.last().map_or(0..0, |e| e.2 as usize..e.2 as usize),
        }
    }
}

/// Removes escape sequences and controls, turns tabs and separators into spaces. Borrows when
/// nothing needs to change.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    clean(text).text
}

/// Makes a message safe for stderr or a log line: no escape sequences, no controls, no
/// direction formatting characters (so "Trojan Source" text cannot reorder the log).
pub fn for_log(text: &str) -> String {
    sanitize(text)
        .chars()
        .filter(|&c| !is_bidi_control(c))
        .collect()
}

/// `text` without embeddings, overrides and isolates (marks — LRM, RLM, ALM — stay: they act
/// only on their neighbours). For a field that is placed inside a larger line, where an
/// unterminated override or a stray PDI would reach the fields after it.
pub fn without_explicit_formatting(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_explicit_formatting) {
        Cow::Owned(
            text.chars()
                .filter(|&c| !is_explicit_formatting(c))
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// Does the text need any work? A fast byte scan: controls, C1, U+2028/9.
fn needs_work(text: &str) -> bool {
    let b = text.as_bytes();
    // Every case below starts with one of these bytes; most text has none of them.
    if !b
        .iter()
        .any(|&x| x < 0x20 || x == 0x7F || x == 0xC2 || x == 0xE2)
    {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x20 || x == 0x7F {
            return true;
        }
        if x == 0xC2 && b.get(i + 1).is_some_and(|&y| (0x80..0xA0).contains(&y)) {
            return true;
        }
        if x == 0xE2 {
            // U+2028 and U+2029: E2 80 A8 and E2 80 A9.
            if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// Sanitises `text`, keeping a map back to the input when anything changed.
pub(crate) fn clean(text: &str) -> Clean<'_> {
    if !needs_work(text) {
        return Clean {
            text: Cow::Borrowed(text),
            map: None,
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut it = text.char_indices().peekable();
    let mut push = |out: &mut String, c: char, from: usize, to: usize| {
        map.push((out.len() as u32, from as u32, to as u32));
        out.push(c);
    };
    while let Some((i, c)) = it.next() {
        let end = i + c.len_utf8();
        match c {
            '\u{1B}' => skip_escape(&mut it),
            '\u{9B}' => skip_csi(&mut it),
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => skip_string(&mut it),
            '\t'
            | '\n'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{1C}'..='\u{1F}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}' => push(&mut out, ' ', i, end),
            '\r' => {
                if it.peek().is_none_or(|&(_, n)| n != '\n') {
                    push(&mut out, ' ', i, end);
                }
            }
            c if c.is_control() => {}
            c => push(&mut out, c, i, end),
        }
    }
    Clean {
        text: Cow::Owned(out),
        map: Some(map),
    }
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// After ESC: a CSI, a string sequence, or a short escape (intermediates then a final).
fn skip_escape(it: &mut Chars<'_>) {
    match it.peek().map(|&(_, c)| c) {
        Some('[') => {
            it.next();
            skip_csi(it);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            it.next();
            skip_string(it);
        }
        _ => {
            while let Some(&(_, c)) = it.peek() {
                match c {
                    ' '..='/' => {
                        it.next();
                    }
                    '0'..='~' => {
                        it.next();
                        return;
                    }
                    _ => return,
                }
            }
        }
    }
}

/// CSI parameters and intermediates up to the final byte; stops early at anything else.
fn skip_csi(it: &mut Chars<'_>) {
    while let Some(&(_, c)) = it.peek() {
        match c {
            ' '..='?' => {
                it.next();
            }
            '@'..='~' => {
                it.next();
                return;
            }
            _ => return,
        }
    }
}

/// OSC, DCS, SOS, PM, APC bodies: up to BEL or ST (ESC \ or U+009C), or the end of the text.
fn skip_string(it: &mut Chars<'_>) {
    while let Some((_, c)) = it.next() {
        match c {
            '\u{07}' | '\u{9C}' => return,
            '\u{1B}' => {
                if it.peek().is_some_and(|&(_, n)| n == '\\') {
                    it.next();
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_whole_sequences() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(sanitize("x\u{1b}]52;c;SGVsbG8=\u{1b}\\y"), "xy");
        assert_eq!(sanitize("x\u{1b}P1$r\u{1b}\\y\u{1b}_apc\u{1b}\\z"), "xyz");
        assert_eq!(sanitize("x\u{9b}2Jy\u{9d}8;;http://e\u{9c}z"), "xyz");
        assert_eq!(sanitize("x\u{1b}(By\u{1b}c"), "xy");
        assert_eq!(sanitize("a\tb\r\nc\u{0}d\u{7f}e\u{85}f"), "a b cde f");
        assert_eq!(sanitize("سلام"), "سلام");
    }

    #[test]
    fn borrows_clean_text() {
        assert!(matches!(sanitize("plain عربي text"), Cow::Borrowed(_)));
    }

    #[test]
    fn maps_back_to_input() {
        let input = "a\u{1b}[1mبc";
        let c = clean(input);
        assert_eq!(c.text, "abc".replace('b', "ب"));
        // "ب" is at sanitised bytes 1..3 and input bytes 5..7.
        assert_eq!(c.to_input(1, 3), 5..7);
        assert_eq!(&input[c.to_input(3, 4)], "c");
    }

    #[test]
    fn keeps_explicit_formatting_at_any_depth() {
        let deep = "\u{2067}".repeat(200) + "1" + &"\u{2069}".repeat(200);
        assert_eq!(sanitize(&deep), deep);
        let shallow = "\u{202B}a\u{2066}b\u{2069}\u{202C}\u{202C}\u{2069}";
        assert_eq!(sanitize(shallow), shallow);
    }

    #[test]
    fn for_log_drops_direction_controls() {
        assert_eq!(for_log("a\u{202E}b\u{2066}c\u{1b}[2Jd"), "abcd");
    }
}
