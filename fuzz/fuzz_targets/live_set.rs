//! Arbitrary bytes as a script of live-validator edits (see `gov_it_rules_fuzz::live_set`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gov_it_rules_fuzz::live_set(data));
