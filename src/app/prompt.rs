//! The search prompt's place in the app (issue 5 fills it in).
//!
//! The search layer will open it with `/`, edit `query` as keys arrive, and show results in
//! the story list; the status bar already draws an open prompt. Nothing here searches.

/// A line of input typed by the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchPrompt {
    pub query: String,
}
