//! Drawing the app into a ratatui frame. PLACEHOLDER: being written.
pub mod search;
