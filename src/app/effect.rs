//! What `App::update` asks of its owner: the effects (quit, open a URL, save the marks, read
//! a body, fetch …) that `tui::owner` and `tui::headless` carry out, so that the app itself
//! never touches the outside world.

use qari_core::model::StoryId;

/// What the owner of the app must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Open this URL (already checked to be `http:` or `https:`) in the browser.
    OpenUrl(String),
    /// The read/star marks changed: persist `App::marks`.
    SaveMarks,
    /// Run this search query and hand the hits to `App::search_results`.
    Search(String),
    /// Read this story's body and hand it to `App::body_loaded` (queued: see
    /// `App::take_effects`).
    LoadBody(StoryId),
    /// Put this text on the clipboard (the terminal's, through OSC 52).
    Copy(String),
    /// Suspend the process (`Ctrl-z`), restoring the terminal, and take it back on resume.
    Suspend,
    /// Check the archive for added, changed and removed files now (`R`).
    Rescan,
    /// Fetch the feeds that are due, in the background (`F`); new files come in through
    /// the watcher.
    Fetch,
    /// Fetch and save this page (a read-also link not in the archive), then report
    /// `Action::LinkSaved`.
    SaveLink(String),
}
