//! Arbitrary bytes as application JSON text, validated against every built-in regulation with
//! options chosen from the input (see `gov_it_rules_fuzz::validate`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gov_it_rules_fuzz::validate(data));
