//! The last step before the terminal: what the screen, or a laid-out line, becomes for the
//! terminal's mode. One place, used by the reader, `qari screen`, `qari doctor` and plain
//! output alike.

use ratatui::buffer::Buffer;

use super::detect::Mode;
use crate::ui::kitty::{self, Fonts};
use qari_core::bidi::VisualLine;

/// What is done to the cells before they are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Adapt {
    /// Sent as laid out.
    AsLaidOut,
    /// kitty: runs of right-to-left letters sent reversed ([`crate::ui::kitty`]).
    Kitty(Fonts),
}

impl Adapt {
    /// The adaptation for `mode` (kitty's font asked for only in kitty mode).
    pub fn for_mode(mode: Mode) -> Adapt {
        match mode {
            Mode::Kitty => Adapt::Kitty(super::fonts::kitty_fonts()),
            Mode::App | Mode::Terminal => Adapt::AsLaidOut,
        }
    }

    /// The whole screen, after `ui::draw`.
    pub fn screen(&self, buf: &mut Buffer) {
        if let Adapt::Kitty(fonts) = self {
            kitty::adapt(buf, fonts);
        }
    }

    /// One laid-out line's text (no padding), as this terminal must get it.
    pub fn text(&self, text: String) -> String {
        match self {
            Adapt::AsLaidOut => text,
            Adapt::Kitty(fonts) => kitty::adapt_line(&text, fonts),
        }
    }

    /// One laid-out line, its alignment padding included (in terminal mode the padding comes
    /// before the line's isolate, so the terminal keeps it on the left).
    pub fn line(&self, line: &VisualLine, out: &mut String) {
        out.extend(std::iter::repeat_n(' ', line.indent));
        out.push_str(&self.text(line.text.clone()));
    }
}
