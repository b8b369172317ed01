//! The vocabulary of the reader: every thing a key, a click or the owner thread can ask the app
//! to do.
//!
//! Keys map to actions in `keymap.rs`; the help overlay is generated from that map, so this enum
//! is the one list of what the reader can do. Mouse and resize events arrive as actions too, so
//! `App::update` is the only place where state changes.

/// One request to the app.
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
}
