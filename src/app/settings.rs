//! The reader's settings: one struct, so that a configuration file (a later issue) has one
//! thing to fill in, and tests set them directly.

use std::time::Duration;

/// How the reader behaves where users differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// How long a story must stay in the reader before it counts as read; `None`: only
    /// opening it (`Enter`, a link, `u`) marks it read.
    pub dwell: Option<Duration>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dwell: Some(Duration::from_secs(3)),
        }
    }
}
