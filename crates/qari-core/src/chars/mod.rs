//! Rules about characters that every layer must apply the same way, kept in one place each:
//!
//! - [`invisible`]: **the** table of invisible and format characters (direction controls,
//!   joiners, zero-width spaces, BOM, soft hyphen …). Folding for links and search, grapheme
//!   widths, the sanitiser, the search analyzer and the loader all ask it, so they never
//!   disagree on what is "nothing".
//! - [`sanitize`]: **the** sanitiser of untrusted text (whole escape sequences, controls,
//!   separators). The loader cleans every field with it and the bidi layout runs it again on
//!   whatever it is handed, so text from anywhere reaches the terminal clean.
//! - [`tabled`]: a per-character rule answered from a table below U+0700 (folding and script
//!   counting use it).
//!
//! This module sits at the bottom of the layers with `model` and `normalize`: it depends on
//! nothing else in the crate.

pub mod invisible;
pub mod sanitize;
pub mod tabled;
