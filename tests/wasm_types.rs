//! Keeps the npm package's TypeScript types (js/index.d.ts) in step with the core: the whole file
//! is generated (tests/typescript/: the wrapper's own API from the template js/index.api.d.ts, the
//! types that mirror the core from the Rust types and tables), and every key a report, a delta or
//! a catalogue can contain must be declared. `UPDATE_TYPES=1 cargo test --test wasm_types`
//! rewrites the file.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod typescript;

use std::collections::{BTreeMap, BTreeSet};

use gov_it_rules::catalogue;
use gov_it_rules::live::LiveValidator;
use gov_it_rules::messages::Locale;
use gov_it_rules::{builtin, Options, BUILTIN_JURISDICTIONS, BUILTIN_PROFILES};
use serde_json::{json, Value};

use typescript::DTS;

#[test]
fn index_d_ts_is_generated() {
    let text = std::fs::read_to_string(DTS).unwrap();
    let fresh = typescript::generate();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        if fresh != text {
            std::fs::write(DTS, &fresh).unwrap();
        }
    } else {
        assert!(
            fresh == text,
            "js/index.d.ts is stale: run UPDATE_TYPES=1 cargo test --test wasm_types"
        );
    }
}

#[test]
fn every_override_names_a_field() {
    typescript::check_overrides();
}

/// `init({ jurisdictions })` names the regulations whose profiles the package ships (built from
/// `BUILTIN_PROFILES`); the wrapper's table of profile files (one literal URL each, for bundlers)
/// and the type must name the same ones.
#[test]
fn shipped_jurisdictions_are_the_built_in_ones() {
    let ids: Vec<&str> = BUILTIN_PROFILES.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, BUILTIN_JURISDICTIONS);
    let js = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/js/index.js")).unwrap();
    let english = js.matches(".en.govit', import.meta.url)").count();
    let listed = js.matches(".govit', import.meta.url)").count() - english;
    assert_eq!(
        (listed, english),
        (BUILTIN_PROFILES.len(), BUILTIN_PROFILES.len()),
        "js/index.js: one profile URL and one English texts' URL per regulation"
    );
    for (id, _) in BUILTIN_PROFILES {
        assert!(
            js.contains(&format!("  {id}: () =>"))
                && js.contains(&format!(
                    "new URL('./profiles/{id}.govit', import.meta.url)"
                ))
                && js.contains(&format!(
                    "new URL('./profiles/{id}.en.govit', import.meta.url)"
                )),
            "js/index.js: PROFILES and ENGLISH must list {id} with its literal URLs"
        );
    }
    let ids: Vec<String> = BUILTIN_PROFILES
        .iter()
        .map(|(id, _)| format!("'{id}'"))
        .collect();
    let dts = std::fs::read_to_string(DTS).unwrap();
    assert!(
        dts.contains(&format!(
            "export type ShippedJurisdiction = {};",
            ids.join(" | ")
        )),
        "js/index.d.ts: ShippedJurisdiction must be {ids:?}"
    );
}

#[test]
fn the_public_surface_has_no_any() {
    let text = std::fs::read_to_string(DTS).unwrap();
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('*') || trimmed.starts_with("/*") {
            continue;
        }
        let code = line.split("//").next().unwrap_or_default();
        let words = code.split(|c: char| !c.is_ascii_alphanumeric() && c != '_');
        assert!(
            !words.into_iter().any(|w| w == "any"),
            "js/index.d.ts:{}: `any` on the public surface: {line}",
            n + 1
        );
    }
}

/// The keys whose values are words of a union the types list (a status, a direction, a verdict's
/// value, an outcome's name …).
const WORDS: &[&str] = &[
    "status",
    "direction",
    "route",
    "outcome",
    "severity",
    "code",
    "stage",
    "locale",
    "need",
    "mode",
    "initialAcceptance",
    "family",
];

/// What a value contains, except inside the free-form maps: every object key, and the words of
/// the keys in `WORDS`.
#[derive(Default)]
struct Seen {
    keys: BTreeSet<String>,
    words: BTreeMap<String, BTreeSet<String>>,
}

fn keys(value: &Value, into: &mut Seen) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                into.keys.insert(k.clone());
                if let (true, Some(word)) = (WORDS.contains(&k.as_str()), v.as_str()) {
                    into.words
                        .entry(k.clone())
                        .or_default()
                        .insert(word.to_string());
                }
                if !matches!(
                    k.as_str(),
                    "params" | "documentNames" | "documents" | "chapters"
                ) {
                    keys(v, into);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, into)),
        _ => {}
    }
}

#[test]
fn every_key_of_a_report_delta_and_catalogue_is_declared() {
    let text = std::fs::read_to_string(DTS).unwrap();
    let declared = |key: &str| {
        text.contains(&format!(" {key}: "))
            || text.contains(&format!(" {key}?: "))
            || text.contains(&format!(" readonly {key}: "))
    };
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/tongzhou-declaration.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let options = Options {
        jurisdiction: "tongzhou".into(),
        as_of: Some("2025-06-01".parse().unwrap()),
        ..Options::default()
    };
    let mut seen = Seen::default();
    let mut v = LiveValidator::new(builtin(), options.clone());
    keys(
        &serde_json::to_value(v.replace(&fixture)).unwrap(),
        &mut seen,
    );
    for (path, value) in [
        ("totalInvestment", json!("300")),
        ("approvedBudget", json!("400")),
        ("adjustment", json!({"amount": "70", "reason": "other"})),
        ("dates.completion", json!("2025-01-01")),
        ("documents[0]", Value::Null),
        ("stage", json!("acceptance")),
    ] {
        keys(
            &serde_json::to_value(v.set(path, &value).unwrap()).unwrap(),
            &mut seen,
        );
    }
    keys(&serde_json::to_value(v.report()).unwrap(), &mut seen);
    let as_of = options.as_of.unwrap();
    keys(
        &serde_json::to_value(catalogue::jurisdictions(builtin(), as_of, Locale::ZhCn)).unwrap(),
        &mut seen,
    );
    keys(
        &serde_json::to_value(catalogue::rules(builtin(), None, as_of, Locale::ZhCn).unwrap())
            .unwrap(),
        &mut seen,
    );
    let missing: Vec<&String> = seen.keys.iter().filter(|k| !declared(k)).collect();
    assert!(
        missing.is_empty(),
        "keys missing from js/index.d.ts: {missing:?}"
    );
    for key in WORDS {
        assert!(
            seen.words.contains_key(*key),
            "no `{key}` seen: widen the fixture"
        );
    }
    let unlisted: Vec<String> = seen
        .words
        .iter()
        .flat_map(|(k, words)| words.iter().map(move |w| (k, w)))
        .filter(|(_, w)| !text.contains(&format!("'{w}'")))
        .map(|(k, w)| format!("{k}: {w}"))
        .collect();
    assert!(
        unlisted.is_empty(),
        "values no union of js/index.d.ts lists: {unlisted:?}"
    );
}
