//! Fuzzes `bidi::layout` at random widths and options (see `../invariants.rs`).
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::layout(data));
