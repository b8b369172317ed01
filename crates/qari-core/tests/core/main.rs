//! The core's tests, in one binary (ripgrep's layout): the bidi engine against Unicode's
//! conformance files, GNU `FriBidi` and golden files (`bidi_*`), the loader on fixtures of our
//! own and hostile input (`loader_*`, `formats`, `fuzz_regressions`), the catalog, and search.
//! Shared helpers are in `util.rs`.

// The fuzzers' invariants, replayed on every input they ever found a fault with.
#[path = "../../../../fuzz/invariants.rs"]
mod invariants;
mod util;

mod bidi_api;
mod bidi_conformance;
mod bidi_fribidi;
mod bidi_golden;
mod bidi_props;
mod bidi_shaping;
mod catalog;
mod containers;
mod exports;
mod formats;
mod formats_pages;
mod fuzz_regressions;
mod grouping;
mod loader_archive;
mod loader_calendars;
mod loader_parse;
mod loader_robust;
mod search_cases;
mod search_incremental;
