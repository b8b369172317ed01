//! Fuzzes the loader of saved HTML pages with arbitrary bytes (see `../invariants.rs`).
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::loader("fuzz.html", data));
