//! The reader's settings: one struct, so that the configuration file has one thing to fill
//! in, and tests set them directly.

use std::time::Duration;

/// How the reader behaves where users differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// How long a story must stay in the reader before it counts as read; `None`: only
    /// opening it (`Enter`, a link, `u`) marks it read.
    pub dwell: Option<Duration>,
    /// The interface language, its digits and the date format.
    pub tr: crate::i18n::Tr,
    /// One list row per group of stories (copies, write-ups of one event).
    pub group: bool,
    /// Reading one copy of a text marks its other copies read.
    pub copies_read: bool,
    /// `Enter` on a read-also link not in the archive offers to fetch and save its page (the
    /// reader, which has the fetcher; not `qari screen`).
    pub save_links: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dwell: Some(Duration::from_secs(3)),
            tr: crate::i18n::Tr::default(),
            group: true,
            copies_read: true,
            save_links: false,
        }
    }
}
