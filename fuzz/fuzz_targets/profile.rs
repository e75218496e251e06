//! Arbitrary bytes as a county's profile, read as JSON text and as compiled bytes; any profile
//! accepted validates every fixture (see `gov_it_rules_fuzz::profile`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gov_it_rules_fuzz::profile(data));
