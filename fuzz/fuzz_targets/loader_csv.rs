//! Fuzzes the loader of read-later exports and zips (`.csv`) with arbitrary bytes (see `../invariants.rs`).
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::loader("fuzz.csv", data));
