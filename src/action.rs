//! The vocabulary of the reader: every thing a key, a click or the owner thread can ask the app
//! to do.
//!
//! Keys map to actions in `keymap.rs`; the help overlay is generated from that map, so this enum
//! is the one list of what the reader can do. Mouse and resize events arrive as actions too, so
//! `App::update` is the only place where state changes.

/// One request to the app. Each variant without data has a `snake_case` name
/// ([`Action::name`]) that a key-map configuration can bind keys to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
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

impl Action {
    /// The action's name in `snake_case`, for key-map configuration (`next_unread`,
    /// `follow_link_3`); `None` for the events that no key produces (resize, mouse, time).
    pub fn name(self) -> Option<String> {
        let name = match self {
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::Activate => "open",
            Action::FocusNext => "next_pane",
            Action::FocusPrev => "previous_pane",
            Action::FollowLink(n) => return Some(format!("follow_link_{n}")),
            Action::Back => "back",
            Action::Forward => "forward",
            Action::OpenUrl => "open_url",
            Action::CopyUrl => "copy_url",
            Action::ToggleRead => "toggle_read",
            Action::ToggleStar => "toggle_star",
            Action::NextUnread => "next_unread",
            Action::UnreadOnly => "unread_only",
            Action::StarredOnly => "starred_only",
            Action::MarkAllRead => "mark_all_read",
            Action::Filter => "filter",
            Action::Sort => "sort",
            Action::Rescan => "rescan",
            Action::Suspend => "suspend",
            Action::Errors => "errors",
            Action::Help => "help",
            Action::Close => "close",
            Action::Search => "search",
            Action::NextHit => "next_hit",
            Action::PrevHit => "previous_hit",
            Action::Quit => "quit",
            Action::Resize { .. }
            | Action::Click { .. }
            | Action::Wheel { .. }
            | Action::Elapsed { .. } => return None,
        };
        Some(name.to_owned())
    }
}
