//! The vocabulary of the reader: every thing a key, a click or the owner thread can tell the
//! app. `App::update(Action)` is the only place where the reader's state changes.
//!
//! An [`Action`] is either a [`Command`] (what a key, a click, a resize or the clock asks
//! for: keys map to commands in `input.rs`, and the help overlay is generated from that map,
//! so [`Command`] is the one list of what the reader can do) or something the owner thread
//! learned: the archive loaded or refreshed, a body read, the index's progress, a query's
//! hits, the marks saved, or a [`Note`] to show. Notes are data, not sentences: `i18n` words
//! them in the interface's language.

use std::sync::Arc;

use qari_core::library::open::CatalogNote;
use qari_core::library::session::Session;
use qari_core::library::state::Marks;
use qari_core::library::{Library, LoadError};
use qari_core::model::StoryId;

/// Everything that changes the app.
#[derive(Debug, Clone)]
pub enum Action {
    /// What the user asked for, the terminal's new size, or the time that passed.
    Command(Command),
    /// The archive, loaded; the session to restore on top of it.
    Loaded {
        library: Arc<Library>,
        errors: Vec<LoadError>,
        session: Option<Session>,
    },
    /// A fresher copy of the archive (the freshness check found files added, changed or
    /// removed), taken in place.
    Refreshed {
        library: Arc<Library>,
        errors: Vec<LoadError>,
    },
    /// Files parsed of those to parse, while a first run reads the archive.
    LoadProgress { done: usize, total: usize },
    /// A story's body, read for `Effect::LoadBody` (or why it could not be).
    Body {
        id: StoryId,
        body: Result<Arc<Vec<String>>, String>,
    },
    /// The search index: documents indexed of those to index.
    IndexProgress { done: usize, total: usize },
    /// The search index is ready.
    IndexReady,
    /// The search index could not be built: search is unavailable (why).
    IndexFailed(String),
    /// The hits of a query asked for with `Effect::Search`.
    Hits { query: String, hits: Vec<StoryId> },
    /// The stories most like `id`, for the related panel.
    Similar { id: StoryId, similar: Vec<StoryId> },
    /// The read/star marks as saved (merged with what another qari saved meanwhile).
    MarksSaved(Marks),
    /// Something the owner has to say in the status bar.
    Note(Note),
    /// The page of a read-also link was saved into this file (`Effect::SaveLink`).
    LinkSaved(std::path::PathBuf),
}

impl Action {
    /// The archive, loaded, with no session to restore.
    pub fn loaded(library: impl Into<Arc<Library>>, errors: &[LoadError]) -> Action {
        Action::Loaded {
            library: library.into(),
            errors: errors.to_vec(),
            session: None,
        }
    }
}

impl From<Command> for Action {
    fn from(command: Command) -> Action {
        Action::Command(command)
    }
}

/// What the owner has to say: failures it works around and answers to what was asked. Each
/// is worded by the interface language's table (`i18n`); the strings inside are details from
/// outside (an OS error, a URL), shown isolated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The browser could not be started.
    BrowserFailed(String),
    /// A rescan asked for by hand found nothing changed.
    NoChanges,
    /// A rescan of the bundled sample (which never changes).
    SampleUnchanged,
    /// The rescan thread could not be started.
    RescanFailed(String),
    /// The terminal cannot take a copy (no OSC 52): the URL, to copy by hand.
    NoClipboard(String),
    /// Copying failed.
    CopyFailed(String),
    /// The read/star marks could not be read at start.
    MarksNotLoaded(String),
    /// The read/star marks could not be saved: kept in memory.
    MarksNotSaved(String),
    /// The session could not be saved: kept in memory.
    SessionNotSaved(String),
    /// A search asked for before the index is ready: it runs when it is.
    StillIndexing,
    /// A query failed.
    SearchFailed(String),
    /// The index could not be written to disk: it is kept in memory.
    IndexInMemory(String),
    /// What opening the archive's catalog had to say.
    Catalog(CatalogNote),
    /// A background fetch (`F`) is done: stories saved new and updated, feeds that failed.
    Fetched {
        new: usize,
        updated: usize,
        failed: usize,
    },
    /// The fetch could not run (the subscriptions file is bad, …).
    FetchFailed(String),
    /// `F` with no subscriptions.
    NoFeeds,
    /// A read-also link's page could not be saved (the URL and why).
    LinkNotSaved(String),
}

/// One request to the app. Each variant without data has a `snake_case` name
/// ([`Command::name`]) that a key-map configuration can bind keys to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Move the selection (list, related) or the reader one step down.
    Down,
    /// One step up.
    Up,
    /// To the first row / the top of the story.
    Top,
    /// To the last row / the end of the story.
    Bottom,
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// Open the selected story or follow the selected link.
    Activate,
    /// Focus the next pane (list → reader → related).
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Follow the N-th (1-based) link of the open story.
    FollowLink(u8),
    /// Go back in the history.
    Back,
    /// Go forward in the history.
    Forward,
    /// Open the selected link's or the story's URL in the browser.
    OpenUrl,
    /// Copy the selected link's or the story's URL (OSC 52).
    CopyUrl,
    /// Open the next unread story of the list.
    NextUnread,
    /// Show only unread stories, or all again.
    UnreadOnly,
    /// Show only starred stories, or all again.
    StarredOnly,
    /// Mark every story of the list read; right after, undo that.
    MarkAllRead,
    /// Open the filter prompt.
    Filter,
    /// Cycle the list's sort order.
    Sort,
    /// Check the archive for changes now.
    Rescan,
    /// Show the selected group's stories under its row, or fold them again.
    ExpandGroup,
    /// One row per group, or every story on its own row.
    ToggleGrouping,
    /// Take the selected story out of its group (kept across runs), or put it back.
    Ungroup,
    /// Fetch the feeds that are due, in the background.
    Fetch,
    /// Suspend qari (back with the shell's `fg`).
    Suspend,
    /// Show the files that failed to load.
    Errors,
    /// Toggle the read mark of the selected story.
    ToggleRead,
    /// Toggle the star of the selected story.
    ToggleStar,
    /// Show or hide the key help.
    Help,
    /// Close the overlay; else close the search prompt or clear the search.
    Close,
    /// Open the search prompt.
    Search,
    /// Scroll the reader to the next search hit.
    NextHit,
    /// Scroll the reader to the previous search hit.
    PrevHit,
    /// Leave the reader.
    Quit,
    /// The screen is now this many columns and rows.
    Resize { cols: u16, rows: u16 },
    /// A mouse click (left button) at a cell.
    Click { col: u16, row: u16 },
    /// A mouse wheel notch at a cell.
    Wheel { col: u16, row: u16, down: bool },
    /// This much time passed with the current screen (the owner's clock, for the dwell rule).
    Elapsed { ms: u32 },
}

impl Command {
    /// The action's name in `snake_case`, for key-map configuration (`next_unread`,
    /// `follow_link_3`); `None` for the events that no key produces (resize, mouse, time).
    pub fn name(self) -> Option<String> {
        let name = match self {
            Command::Down => "down",
            Command::Up => "up",
            Command::Top => "top",
            Command::Bottom => "bottom",
            Command::PageDown => "page_down",
            Command::PageUp => "page_up",
            Command::HalfPageDown => "half_page_down",
            Command::HalfPageUp => "half_page_up",
            Command::Activate => "open",
            Command::FocusNext => "next_pane",
            Command::FocusPrev => "previous_pane",
            Command::FollowLink(n) => return Some(format!("follow_link_{n}")),
            Command::Back => "back",
            Command::Forward => "forward",
            Command::OpenUrl => "open_url",
            Command::CopyUrl => "copy_url",
            Command::ToggleRead => "toggle_read",
            Command::ToggleStar => "toggle_star",
            Command::NextUnread => "next_unread",
            Command::UnreadOnly => "unread_only",
            Command::StarredOnly => "starred_only",
            Command::MarkAllRead => "mark_all_read",
            Command::Filter => "filter",
            Command::Sort => "sort",
            Command::Rescan => "rescan",
            Command::ExpandGroup => "expand_group",
            Command::ToggleGrouping => "toggle_grouping",
            Command::Ungroup => "ungroup",
            Command::Fetch => "fetch",
            Command::Suspend => "suspend",
            Command::Errors => "errors",
            Command::Help => "help",
            Command::Close => "close",
            Command::Search => "search",
            Command::NextHit => "next_hit",
            Command::PrevHit => "previous_hit",
            Command::Quit => "quit",
            Command::Resize { .. }
            | Command::Click { .. }
            | Command::Wheel { .. }
            | Command::Elapsed { .. } => return None,
        };
        Some(name.to_owned())
    }
}
