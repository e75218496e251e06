//! The compiled profiles the library embeds (`src/compiled/`) are exactly what compiling their
//! JSON gives, they decode to the profile the JSON describes, and compiled bytes that were cut
//! short or altered are refused or read, never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod common;

use common::PROFILE_SOURCES;
use gov_it_rules::profile::{self, compact};
use gov_it_rules::{Options, Registry, BUILTIN_PROFILES};
use proptest::prelude::*;

#[test]
fn each_compiled_profile_is_its_json_compiled() {
    assert_eq!(BUILTIN_PROFILES.len(), PROFILE_SOURCES.len());
    for ((id, compiled), (source_id, json)) in BUILTIN_PROFILES.iter().zip(PROFILE_SOURCES) {
        assert_eq!(id, source_id);
        let profile = profile::load(json).unwrap();
        assert!(
            compact::encode(&profile) == *compiled,
            "src/compiled/{id}.govit is not src/profiles/{id}.json compiled: run pkg-scripts/compile-profiles.sh"
        );
    }
}

#[test]
fn a_compiled_profile_decodes_to_the_profile_its_json_describes() {
    let county = include_str!("fixtures/profiles/example-county.json");
    for (id, json) in PROFILE_SOURCES.iter().chain([&("example-county", county)]) {
        let profile = profile::load(json).unwrap();
        let decoded = compact::decode(&compact::encode(&profile)).unwrap();
        assert_eq!(
            serde_json::to_value(&decoded).unwrap(),
            serde_json::to_value(&profile).unwrap(),
            "{id}"
        );
    }
}

#[test]
fn a_compiled_profile_loads_as_its_json_does_and_validates_alike() {
    let county = include_str!("fixtures/profiles/example-county.json");
    let bytes = compact::encode(&profile::load(county).unwrap());
    let mut from_json = Registry::builtin();
    from_json.load(county).unwrap();
    let mut compiled = Registry::builtin();
    assert_eq!(compiled.load_compiled(&bytes).unwrap().id, "example-county");
    let app = include_str!("fixtures/tongzhou-declaration.json");
    let options = Options {
        jurisdiction: "example-county".into(),
        ..Options::default()
    };
    assert_eq!(
        serde_json::to_value(compiled.validate_str(app, &options)).unwrap(),
        serde_json::to_value(from_json.validate_str(app, &options)).unwrap()
    );
}

#[test]
fn a_compiled_profile_that_fails_the_checks_is_refused_with_the_checks_errors() {
    let county = include_str!("fixtures/profiles/example-county.json");
    let mut profile = profile::load(county).unwrap();
    profile.versions.clear();
    let errors = Registry::default()
        .load_compiled(&compact::encode(&profile))
        .unwrap_err();
    assert!(!errors.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn altered_compiled_bytes_are_refused_or_read_never_a_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
    ) {
        let (_, compiled) = BUILTIN_PROFILES[0];
        let mut bytes = compiled.to_vec();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if cut.index(4) == 0 {
            bytes.truncate(cut.index(bytes.len()));
        }
        let mut registry = Registry::default();
        if let Ok(p) = registry.load_compiled(&bytes) {
            let options = Options { jurisdiction: p.id.clone(), ..Options::default() };
            let report = registry.validate_str("{}", &options);
            prop_assert!(report.jurisdiction.is_some());
        }
    }
}
