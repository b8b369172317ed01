//! qari, the reader: a terminal reader for saved news articles that shows Arabic, Hebrew,
//! Persian, Urdu and mixed-direction text correctly, on top of `qari-core` (loading, the
//! library, search and the bidi layout, with no interface).
//!
//! Modules, each importing only those below it (see `ARCHITECTURE.md`):
//!
//! ```text
//! cli                  the command line, the config file (the composition root), subcommands
//! tui                  the terminal's lifetime, the event loop, the owner and its workers
//! ui                   draws a View (the app in a theme) into a ratatui buffer
//! app                  App state + update(Action) -> Effect, the only writer; no I/O
//! settings   input     the reader's settings | keys in Vim notation, the default key map
//! i18n                 every sentence shown, one table per interface language
//! action               Command (what a key asks) | what the owner learned | Note
//! logger               QARI_LOG and QARI_TRACE: where the core's records go
//! qari-core            (the crate below)
//! ```

pub mod action;
pub mod app;
pub mod cli;
pub mod i18n;
pub mod input;
pub mod logger;
pub mod settings;
pub mod tui;
pub mod ui;
