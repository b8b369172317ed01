//! Paragraph direction (step 2): rules P2/P3 of UAX #9, with the fallbacks qari offers.
//!
//! `unicode-bidi` resolves P2/P3 but falls back to left-to-right only; a paragraph of digits
//! and punctuation inside an Arabic article should read right to left, so `AutoRtl` exists.

use unicode_bidi::Level;

use super::DirMode;
use crate::model::Direction;

/// The first strong character outside isolates decides (P2/P3), `None` when there is none.
pub fn first_strong(text: &str) -> Option<Direction> {
    match unicode_bidi::get_base_direction_with_data_source(&super::levels::FastData, text) {
        unicode_bidi::Direction::Ltr => Some(Direction::Ltr),
        unicode_bidi::Direction::Rtl => Some(Direction::Rtl),
        unicode_bidi::Direction::Mixed => None,
    }
}

/// The paragraph direction of `text` under `mode`.
pub fn resolve(text: &str, mode: DirMode) -> Direction {
    match mode {
        DirMode::Ltr => Direction::Ltr,
        DirMode::Rtl => Direction::Rtl,
        DirMode::Auto => first_strong(text).unwrap_or(Direction::Ltr),
        DirMode::AutoRtl => first_strong(text).unwrap_or(Direction::Rtl),
    }
}

/// The paragraph embedding level of a direction.
pub fn level(dir: Direction) -> Level {
    match dir {
        Direction::Ltr => Level::ltr(),
        Direction::Rtl => Level::rtl(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p2_p3() {
        assert_eq!(resolve("123 سلام abc", DirMode::Auto), Direction::Rtl);
        assert_eq!(resolve("(abc) سلام", DirMode::Auto), Direction::Ltr);
        // Characters inside an isolate are skipped.
        assert_eq!(
            resolve("\u{2067}abc\u{2069} שלום", DirMode::Auto),
            Direction::Rtl
        );
        assert_eq!(resolve("123 - 456", DirMode::Auto), Direction::Ltr);
        assert_eq!(resolve("123 - 456", DirMode::AutoRtl), Direction::Rtl);
        assert_eq!(resolve("abc", DirMode::Rtl), Direction::Rtl);
        assert_eq!(resolve("שלום", DirMode::Ltr), Direction::Ltr);
    }
}
