//! qari's core: saved news articles in, stories, their links and their right-to-left layout
//! out — with no terminal, no interface and no command line. A front-end (the `qari` reader;
//! a GUI or a test) opens a [`Library`] from folders with the [`Dirs`] it chooses, searches it
//! with a [`SearchIndex`], and lays text out with [`bidi`].
//!
//! Modules, each depending only on those below it (the compiler keeps the interface out: this
//! crate has no ratatui, crossterm, clap or toml):
//!
//! ```text
//! search               the full-text index (tantivy), spelling-aware
//! library              the archive: catalog, de-duplication, link graph, marks, session
//! loader    bidi       stored files -> stories | logical text -> visual lines
//! model  normalize  chars  trace
//! ```

pub mod bidi;
pub mod chars;
pub mod library;
pub mod loader;
pub mod model;
pub mod normalize;
pub mod search;
pub mod trace;

pub use bidi::{Options, VisualLine};
pub use library::{BodyError, Dirs, Library, LoadError};
pub use loader::Problem;
pub use model::{Direction, Story, StoryId, StoryMeta};
pub use search::{SearchError, SearchIndex};
