//! Fuzzes the loader of feed files (RSS, Atom; JSON Feeds go through `.json`) with arbitrary bytes (see `../invariants.rs`).
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::loader("fuzz.xml", data));
