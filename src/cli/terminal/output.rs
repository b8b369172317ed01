//! The last step before the terminal: what the screen, or a laid-out line, becomes for the
//! terminal's mode. One place, used by the reader, `qari screen`, `qari doctor` and plain
//! output alike.

use ratatui::buffer::Buffer;

use super::detect::Mode;
use crate::bidi::VisualLine;
use crate::model::Direction;
use crate::ui::kitty::{self, Fonts};

/// What is done to the cells before they are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Adapt {
    /// Sent as laid out.
    AsLaidOut,
    /// Logical order for a terminal that reorders: each line isolated in its direction.
    Isolated,
    /// kitty: runs of right-to-left letters sent reversed ([`crate::ui::kitty`]).
    Kitty(Fonts),
}

impl Adapt {
    /// The adaptation for `mode` (kitty's font asked for only in kitty mode).
    pub fn for_mode(mode: Mode) -> Adapt {
        match mode {
            Mode::Kitty => Adapt::Kitty(super::fonts::kitty_fonts()),
            Mode::App => Adapt::AsLaidOut,
            Mode::Terminal => Adapt::Isolated,
        }
    }

    /// The whole screen, after `ui::draw`.
    pub fn screen(&self, buf: &mut Buffer) {
        if let Adapt::Kitty(fonts) = self {
            kitty::adapt(buf, fonts);
        }
    }

    /// One laid-out line of a paragraph of direction `dir`, its alignment padding included.
    /// A terminal that reorders gets the padding first, then the text isolated in its
    /// direction (RLI or LRI … PDI: Konsole and mlterm otherwise lay every row out left to
    /// right, and a sentence's final period lands beside its first word).
    pub fn line(&self, line: &VisualLine, dir: Direction, out: &mut String) {
        out.extend(std::iter::repeat_n(' ', line.indent));
        match self {
            Adapt::AsLaidOut => out.push_str(&line.text),
            Adapt::Isolated => {
                out.push(match dir {
                    Direction::Rtl => '\u{2067}',
                    Direction::Ltr => '\u{2066}',
                });
                out.push_str(&line.text);
                out.push('\u{2069}');
            }
            Adapt::Kitty(fonts) => out.push_str(&kitty::adapt_line(&line.text, fonts)),
        }
    }
}
