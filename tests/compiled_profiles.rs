//! The compiled profiles the library embeds (`src/compiled/`) are exactly what compiling their
//! JSON gives, they decode to the profile the JSON describes, and compiled bytes that were cut
//! short or altered are refused or read, never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod common;

use common::PROFILE_SOURCES;
use gov_it_rules::messages::Locale;
use gov_it_rules::profile::{self, compact};
use gov_it_rules::{Options, Registry, BUILTIN_ENGLISH, BUILTIN_PROFILES};
use proptest::prelude::*;

#[test]
fn each_compiled_profile_is_its_json_compiled() {
    assert_eq!(BUILTIN_PROFILES.len(), PROFILE_SOURCES.len());
    assert_eq!(BUILTIN_ENGLISH.len(), PROFILE_SOURCES.len());
    let sources = BUILTIN_PROFILES.iter().zip(BUILTIN_ENGLISH);
    for (((id, compiled), english), (source_id, json)) in sources.zip(PROFILE_SOURCES) {
        assert_eq!(id, source_id);
        let profile = profile::load(json).unwrap();
        let (bytes, english_bytes) = compact::encode_apart(&profile);
        assert!(
            bytes == *compiled && english_bytes == *english,
            "src/compiled/{id}.govit or {id}.en.govit is not src/profiles/{id}.json compiled: run pkg-scripts/compile-profiles.sh"
        );
    }
}

#[test]
fn a_profile_with_its_english_texts_apart_decodes_to_its_json_with_them_and_answers_in_chinese_without(
) {
    let (_, json) = PROFILE_SOURCES[0];
    let profile = profile::load(json).unwrap();
    let (bytes, english) = compact::encode_apart(&profile);
    let both = compact::decode_with_english(&bytes, Some(&english)).unwrap();
    assert_eq!(
        serde_json::to_value(&both).unwrap(),
        serde_json::to_value(&profile).unwrap()
    );
    // Without them: the profile its JSON describes with every English text left empty.
    let chinese = compact::decode(&bytes).unwrap();
    let mut blanked: serde_json::Value = serde_json::from_str(json).unwrap();
    blank_english(&mut blanked);
    let without = profile::parse(&blanked.to_string()).unwrap();
    assert_eq!(
        serde_json::to_value(&chinese).unwrap(),
        serde_json::to_value(&without).unwrap()
    );
    assert_ne!(
        serde_json::to_value(&chinese).unwrap(),
        serde_json::to_value(&profile).unwrap()
    );

    let app = include_str!("fixtures/tongzhou-declaration.json");
    let options = |locale| Options {
        jurisdiction: profile.id.clone(),
        locale,
        ..Options::default()
    };
    let mut with = Registry::default();
    with.load_compiled_with_english(&bytes, Some(&english))
        .unwrap();
    let mut apart = Registry::default();
    apart.load_compiled(&bytes).unwrap();
    let english_report =
        serde_json::to_value(with.validate_str(app, &options(Locale::En))).unwrap();
    let fallback = serde_json::to_value(apart.validate_str(app, &options(Locale::En))).unwrap();
    let title = |r: &serde_json::Value| r["jurisdiction"]["title"].as_str().unwrap().to_string();
    let version = profile.versions.last().unwrap();
    assert_eq!(title(&english_report), version.title_en);
    assert_eq!(title(&fallback), version.title);
    // The verdicts and codes are the same; only the profile's texts differ.
    let decided = |r: &serde_json::Value| {
        let outcomes = r["outcomes"].as_object().unwrap();
        let statuses: Vec<String> = outcomes.values().map(|o| o["status"].to_string()).collect();
        let codes: Vec<String> = r["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].to_string())
            .collect();
        (statuses, codes)
    };
    assert_eq!(decided(&english_report), decided(&fallback));
    // An English report without the English texts says so; a Chinese one has nothing to say.
    let notices = |r: &serde_json::Value| -> Vec<String> {
        r["notices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(notices(&fallback).contains(&"JU006".to_string()));
    assert!(!notices(&english_report).contains(&"JU006".to_string()));
    let chinese_report =
        serde_json::to_value(apart.validate_str(app, &options(Locale::ZhCn))).unwrap();
    assert!(!notices(&chinese_report).contains(&"JU006".to_string()));
    assert_eq!(
        serde_json::to_value(with.validate_str(app, &options(Locale::ZhCn))).unwrap(),
        serde_json::to_value(apart.validate_str(app, &options(Locale::ZhCn))).unwrap()
    );
}

/// Empties every `…En` text of a profile's JSON.
fn blank_english(json: &mut serde_json::Value) {
    match json {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key.ends_with("En") && value.is_string() {
                    *value = serde_json::Value::from("");
                } else {
                    blank_english(value);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(blank_english),
        _ => {}
    }
}

#[test]
fn a_built_in_regulation_takes_its_english_texts_at_run_time_in_its_place() {
    let bare: Vec<(&str, &[u8])> = BUILTIN_PROFILES.to_vec();
    let mut registry = Registry::default();
    for (_, bytes) in &bare {
        registry.load_compiled(bytes).unwrap();
    }
    // A profile loaded at run time is not a built-in one: its English texts come with it.
    let error = registry.add_english(BUILTIN_ENGLISH[0]).unwrap_err();
    assert!(
        error[0].message.contains("not a built-in regulation"),
        "{error:?}"
    );

    let builtin = gov_it_rules::builtin();
    let mut given = Registry::builtin();
    let ids = |r: &Registry| r.ids().map(str::to_owned).collect::<Vec<_>>();
    let before = ids(&given);
    assert_eq!(given.add_english(BUILTIN_ENGLISH[2]).unwrap().id, "tinghu");
    assert_eq!(ids(&given), before);
    let json = |r: &Registry| serde_json::to_value(r.get("tinghu").unwrap()).unwrap();
    assert_eq!(json(&given), json(builtin));
    let error = given.add_english(b"GOVITPF").unwrap_err();
    assert!(
        error[0].message.contains("not a profile's English texts"),
        "{error:?}"
    );
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
