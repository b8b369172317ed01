//! qari: a terminal reader for saved news articles that shows Arabic, Hebrew, Persian, Urdu and
//! mixed-direction text correctly.
//!
//! Layers, each depending only on those below it (see `ARCHITECTURE.md`):
//!
//! ```text
//! cli                  arguments, terminal lifetime, wiring
//! ui                   draws App into a ratatui Frame
//! app                  App state + update(Command) -> Effect; no I/O
//! library   search     the archive and its link graph | the full-text index
//! loader    bidi       stored files -> stories | logical text -> visual lines
//! model  normalize  text   plain data | spelling folding | the one sanitiser and invisible table
//! ```

pub mod action;
pub mod app;
pub mod bidi;
pub mod chars;
pub mod cli;
pub mod i18n;
pub mod input;
pub mod library;
pub mod loader;
pub mod logger;
pub mod model;
pub mod normalize;
pub mod search;
pub mod settings;
pub mod trace;
pub mod tui;
pub mod ui;
