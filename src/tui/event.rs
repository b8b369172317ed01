//! What reaches the owner thread: terminal input, the workers' news and signals, on one
//! channel, so the event loop blocks in one place and handles events in the order they came.

use std::sync::Arc;

use crossterm::event::Event as TermEvent;

use crate::action::Action;
use qari_core::library::{Library, LoadError};
use qari_core::search::worker::IndexEvent;

/// What reaches the owner thread.
pub enum Event {
    Input(TermEvent),
    InputFailed(String),
    Loaded(Arc<Library>, Vec<LoadError>),
    /// The archive as the freshness check found it, replacing the catalog's copy in place.
    Refreshed(Arc<Library>, Vec<LoadError>),
    /// What a worker learned that goes to the app as it is (load progress, a body, a note).
    App(Action),
    /// The search index worker (running on the loader thread after loading).
    Index(IndexEvent),
    /// SIGTERM, SIGHUP or SIGQUIT: leave as after `q`, restoring the terminal.
    Signal(i32),
    /// Files of the archive changed (the watcher, debounced).
    Changed,
    /// The archive's watcher, started by the loader.
    Watching(notify::RecommendedWatcher),
    /// A rescan found nothing changed.
    Unchanged,
    /// A background fetch (`F`) is done: the note saying how it went.
    Fetched(crate::action::Note),
    /// A read-also link's page was saved into this file.
    LinkSaved(std::path::PathBuf),
}
