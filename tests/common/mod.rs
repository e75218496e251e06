//! Shared helpers for the core and live test suites.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use gov_it_rules::profile::Stage;
use gov_it_rules::report::Status;
use gov_it_rules::{builtin, Options, Report};
use serde_json::Value;

pub fn options(jurisdiction: &str, stage: Stage) -> Options {
    Options {
        jurisdiction: jurisdiction.to_string(),
        stage: Some(stage),
        as_of: Some("2025-06-01".parse().unwrap()),
        ..Options::default()
    }
}

pub fn run(jurisdiction: &str, stage: Stage, app: Value) -> Report {
    builtin().validate_value(&app, &options(jurisdiction, stage))
}

pub fn run_with(app: Value, options: &Options) -> Report {
    builtin().validate_value(&app, options)
}

pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

pub fn codes(r: &Report) -> Vec<&'static str> {
    r.diagnostics.iter().map(|d| d.code.id()).collect()
}

pub fn has(r: &Report, code: &str, path: &str) -> bool {
    r.diagnostics
        .iter()
        .any(|d| d.code == code && d.path == path)
}

pub fn notice(r: &Report, code: &str) -> bool {
    r.notices.iter().any(|d| d.code == code)
}

pub fn decided<T: Clone>(o: &Option<gov_it_rules::report::Outcome<T>>) -> T {
    let o = o.as_ref().expect("outcome present");
    assert_eq!(
        o.status,
        Status::Determined,
        "undetermined, missing {:?}",
        o.missing
    );
    o.value.as_deref().cloned().unwrap()
}

/// Rule ids of a built-in profile's current version that a test suite must cover, excluding
/// provisions marked not formalised.
pub fn rule_ids(jurisdiction: &str) -> BTreeSet<String> {
    let p = builtin().get(jurisdiction).unwrap();
    p.versions
        .last()
        .unwrap()
        .rules()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

/// The built-in profiles' JSON sources, which `src/compiled/` holds compiled.
#[allow(dead_code)]
pub const PROFILE_SOURCES: &[(&str, &str)] = &[
    ("tongzhou", include_str!("../../src/profiles/tongzhou.json")),
    ("shexian", include_str!("../../src/profiles/shexian.json")),
    ("tinghu", include_str!("../../src/profiles/tinghu.json")),
    ("jiangjin", include_str!("../../src/profiles/jiangjin.json")),
    (
        "xiangcheng",
        include_str!("../../src/profiles/xiangcheng.json"),
    ),
];
