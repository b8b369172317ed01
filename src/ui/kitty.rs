//! The screen as kitty must receive it to draw qari's visual order.
//!
//! kitty (0.26 to today) has no bidi mode and ignores the switch. It cuts each row into runs
//! of cells drawn with one font (a blank cell, a change to bold or italic, or a letter that
//! needs a fallback font ends a run; colours do not) and shapes each run with `HarfBuzz`,
//! whose direction comes from the script of the run's first letter: a run that starts with
//! an Arabic or Hebrew letter is laid out right to left, so its cells come out reversed and
//! its brackets mirrored (`kitty/fonts.c`: `render_line`, `load_hb_buffer`, `group_normal`;
//! checked in kitty 0.26.5 against its own `force_ltr` rendering, pixel for pixel).
//!
//! So for each such run of the visual row whose *last* letter is right to left, the cells are
//! sent reversed and with their brackets mirrored: kitty's reversal puts them back. A run
//! whose first letter is left to right is drawn as sent and stays. A run that starts with a
//! right-to-left letter and ends with a left-to-right one (`كتابabc`, no space between) cannot
//! be drawn right by any order and is left as it is. Styles stay on their cells. Each cell of
//! a reversed run is padded with COMBINING GRAPHEME JOINERs to the run's largest number of
//! characters per cell: kitty counts the characters each glyph took as it walks the reversed
//! glyphs forwards, and a mark (haraka, niqqud) would otherwise land on the wrong cell.
//!
//! Which letters need a fallback font depends on kitty's font ([`Fonts`], its character set as
//! fontconfig reports it): `DejaVu Sans Mono` has Arabic and not Hebrew; `Noto Sans Mono` has
//! neither.

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

/// COMBINING GRAPHEME JOINER: invisible, and a character kitty counts in a cell.
const PAD: char = '\u{034F}';

/// What kitty's main font covers: a letter it lacks comes from a fallback font, which ends a
/// run. Ranges of code points, as fontconfig lists them; empty means "not known".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fonts {
    ranges: Vec<(u32, u32)>,
}

impl Fonts {
    /// A font covering these ranges (inclusive).
    pub fn covering(ranges: Vec<(u32, u32)>) -> Fonts {
        Fonts { ranges }
    }

    /// Whether the main font draws `c`. Not known: `DejaVu Sans Mono`'s case, everything but
    /// Hebrew (kitty's usual default font on Linux).
    pub fn covers(&self, c: char) -> bool {
        let c = u32::from(c);
        if self.ranges.is_empty() {
            return !(0x0590..=0x05FF).contains(&c) && !(0xFB1D..=0xFB4F).contains(&c);
        }
        self.ranges.iter().any(|&(a, b)| (a..=b).contains(&c))
    }
}

/// The fallback font a letter the main font lacks is drawn with: one per block (Arabic with
/// its punctuation and presentation forms, Hebrew, the rest), as fontconfig usually picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fallback {
    Arabic,
    Hebrew,
    Other,
}

fn fallback_of(c: char) -> Fallback {
    match u32::from(c) {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Fallback::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Fallback::Arabic
        }
        _ => Fallback::Other,
    }
}

/// Whether `HarfBuzz` gives `c` a right-to-left script (Arabic-Indic digits are Arabic; the
/// Arabic comma, semicolon, question mark and tatweel are Common, shared with other scripts).
fn rtl_script(c: char) -> bool {
    match u32::from(c) {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => true,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            !matches!(c, '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{0640}')
        }
        _ => false,
    }
}

/// Which font draws a cell: none for a blank cell (a run ends there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Blank,
    Font {
        bold: bool,
        italic: bool,
        fallback: Option<Fallback>,
    },
}

fn face(symbol: &str, modifier: Modifier, fonts: &Fonts) -> Face {
    let Some(first) = symbol.chars().next() else {
        return Face::Blank;
    };
    if matches!(first, ' ' | '\u{2002}') || first.is_control() {
        return Face::Blank;
    }
    Face::Font {
        bold: modifier.contains(Modifier::BOLD),
        italic: modifier.contains(Modifier::ITALIC),
        fallback: (!fonts.covers(first)).then(|| fallback_of(first)),
    }
}

/// The direction `HarfBuzz` would give a run starting with this cell's letter, if it has one.
fn strong_rtl(symbol: &str) -> Option<bool> {
    let c = symbol.chars().next()?;
    if rtl_script(c) {
        Some(true)
    } else if c.is_alphabetic() {
        Some(false)
    } else {
        None
    }
}

/// Rewrites every row of `buf` as kitty must receive it.
pub fn adapt(buf: &mut Buffer, fonts: &Fonts) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let f = face(buf[(x, y)].symbol(), buf[(x, y)].modifier, fonts);
            let start = x;
            while x < area.right() && face(buf[(x, y)].symbol(), buf[(x, y)].modifier, fonts) == f {
                x += 1;
            }
            if f != Face::Blank {
                reverse_run(buf, y, start, x);
            }
        }
    }
}

/// Reverses the run `[from, to)` of row `y` where kitty will reverse it back.
fn reverse_run(buf: &mut Buffer, y: u16, from: u16, to: u16) {
    let symbols: Vec<String> = (from..to)
        .map(|x| buf[(x, y)].symbol().to_owned())
        .collect();
    let first = symbols.iter().find_map(|s| strong_rtl(s));
    let last = symbols.iter().rev().find_map(|s| strong_rtl(s));
    if first == Some(false) || last != Some(true) {
        return;
    }
    let longest = symbols.iter().map(|s| s.chars().count()).max().unwrap_or(1);
    for (x, symbol) in (from..to).zip(symbols.iter().rev()) {
        let mut out = String::with_capacity(symbol.len() + 2 * longest);
        let mut chars = symbol.chars();
        if let Some(c) = chars.next() {
            out.push(qari_core::bidi::mirror(c));
        }
        out.extend(chars);
        out.extend(std::iter::repeat_n(PAD, longest - symbol.chars().count()));
        buf[(x, y)].set_symbol(&out);
    }
}

/// One laid-out line of text as kitty must receive it (plain output, `qari doctor`).
pub fn adapt_line(text: &str, fonts: &Fonts) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let clusters: Vec<&str> = text.graphemes(true).collect();
    let Ok(width) = u16::try_from(clusters.len()) else {
        return text.to_owned();
    };
    let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, width, 1));
    for (x, g) in (0..width).zip(&clusters) {
        buf[(x, 0)].set_symbol(g);
    }
    adapt(&mut buf, fonts);
    (0..width).map(|x| buf[(x, 0)].symbol()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> String {
        adapt_line(s, &Fonts::default())
    }

    #[test]
    fn right_to_left_words_are_sent_reversed() {
        // Visual "ﺏﺎﺘﻛ" (كتاب): kitty reverses the run, so it gets the letters reversed.
        assert_eq!(line("ﺏﺎﺘﻛ ﺍﺬﻫ"), "ﻛﺘﺎﺏ ﻫﺬﺍ");
        assert_eq!(line("םולש"), "שלום");
    }

    #[test]
    fn a_line_end_is_not_part_of_a_run() {
        assert_eq!(line("ﺏﺎﺘﻛ\n"), "ﻛﺘﺎﺏ\n");
    }

    #[test]
    fn left_to_right_runs_stay() {
        assert_eq!(line("Reader 2024 [1]"), "Reader 2024 [1]");
        // A run that starts with a Latin letter is drawn left to right as sent.
        assert_eq!(line("abcﺏﺎﺘﻛ"), "abcﺏﺎﺘﻛ");
        // Right to left first, left to right last: nothing works; sent as it is.
        assert_eq!(line("ﺏﺎﺘﻛabc"), "ﺏﺎﺘﻛabc");
    }

    #[test]
    fn punctuation_and_digits_in_an_arabic_run_go_with_it_and_brackets_mirror() {
        // Visual ".ﺏﺎﺘﻛ" — the period at the left end of a right-to-left sentence.
        assert_eq!(line(".ﺏﺎﺘﻛ"), "ﻛﺘﺎﺏ.");
        // Visual "(ﺏﺎﺘﻛ)" as qari draws it: sent reversed with the brackets swapped, which
        // kitty's reversal and mirroring turn back.
        assert_eq!(line("(ﺏﺎﺘﻛ)"), "(ﻛﺘﺎﺏ)");
        assert_eq!(line("2024ﻡ"), "ﻡ4202");
    }

    #[test]
    fn hebrew_in_a_fallback_font_is_a_run_of_its_own() {
        // `DejaVu Sans Mono` has no Hebrew: the period is in another run, drawn as sent.
        assert_eq!(line(".םולש"), ".שלום");
        let all = Fonts::covering(vec![(0x20, 0xFFFF)]);
        assert_eq!(adapt_line(".םולש", &all), "שלום.");
        // A font without Arabic: the letters and the Arabic comma come from one fallback
        // font, the period from the main font.
        let latin = Fonts::covering(vec![(0x20, 0x7E)]);
        assert_eq!(adapt_line("،ﺏﺎﺘﻛ", &latin), "ﻛﺘﺎﺏ،");
        assert_eq!(adapt_line(".ﺏﺎﺘﻛ", &latin), ".ﻛﺘﺎﺏ");
    }

    #[test]
    fn marks_stay_on_their_letter_and_cells_are_padded() {
        // Two cells, one with a haraka: both carry two characters after padding.
        let out = line("ﺏَﺍ");
        let cells: Vec<&str> = {
            use unicode_segmentation::UnicodeSegmentation;
            out.graphemes(true).collect()
        };
        assert_eq!(cells, ["ﺍ\u{034F}", "ﺏَ"]);
    }

    #[test]
    fn bold_ends_a_run_and_colours_do_not() {
        let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 4, 1));
        for (x, s) in (0..4).zip(["ﺏ", "ﺎ", "ﺘ", "ﻛ"]) {
            buf[(x, 0)].set_symbol(s);
        }
        buf[(0, 0)].set_fg(ratatui::style::Color::Red);
        buf[(2, 0)].modifier = Modifier::BOLD;
        adapt(&mut buf, &Fonts::default());
        let got: Vec<&str> = (0..4).map(|x| buf[(x, 0)].symbol()).collect();
        // Runs: [ﺏﺎ] (the red cell and the plain one), [ﺘ] bold, [ﻛ].
        assert_eq!(got, ["ﺎ", "ﺏ", "ﺘ", "ﻛ"]);
        assert_eq!(buf[(0, 0)].fg, ratatui::style::Color::Red);
    }
}
