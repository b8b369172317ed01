//! Per-character rules answered from a table for the characters nearly all of an archive is
//! made of (ASCII, Latin, Greek, Cyrillic, Hebrew and the Arabic block: everything below
//! U+0700), and by the rule itself for the rest. Folding and script counting run on every
//! letter of every story; a rule written as a `match` over ranges walks those ranges for each
//! letter, a table is one load. The table is the rule's own answers, computed once, so the
//! two never disagree (each user tests that for every tabled character).

use std::sync::OnceLock;

/// The characters a [`Tabled`] answers from its table: U+0000 to U+06FF.
pub const BELOW: usize = 0x700;

/// A rule's answers for every character below [`BELOW`], made the first time one is asked.
pub struct Tabled<T>(OnceLock<[T; BELOW]>);

impl<T: Copy> Tabled<T> {
    #[must_use]
    pub const fn new() -> Tabled<T> {
        Tabled(OnceLock::new())
    }

    /// `rule(c)`, from the table when `c` is below [`BELOW`].
    pub fn answer(&self, c: char, rule: fn(char) -> T) -> T {
        let table = self.0.get_or_init(|| {
            std::array::from_fn(|i| {
                rule(char::from_u32(u32::try_from(i).unwrap_or(0)).unwrap_or('\0'))
            })
        });
        table.get(c as usize).map_or_else(|| rule(c), |&t| t)
    }
}

impl<T: Copy> Default for Tabled<T> {
    fn default() -> Tabled<T> {
        Tabled::new()
    }
}
