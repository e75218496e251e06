//! Shared helpers for the jurisdiction test suites.
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
use serde_json::{json, Value};

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
    let path = format!("{}/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Sets a dotted path in a JSON object, creating groups on the way.
pub fn with(mut app: Value, path: &str, value: Value) -> Value {
    let mut node = &mut app;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            node[*part] = value;
            break;
        }
        if node.get(*part).is_none() {
            node[*part] = json!({});
        }
        node = &mut node[*part];
    }
    app
}

/// Every rule id the report shows as having applied: decided outcomes, diagnostics, notices, and
/// required documents that are missing.
pub fn fired(r: &Report) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let o = &r.outcomes;
    let traces = [
        o.approval.as_ref().map(|x| &x.because),
        o.merge.as_ref().map(|x| &x.because),
        o.supervision.as_ref().map(|x| &x.because),
        o.management.as_ref().map(|x| &x.because),
        o.expert_panel.as_ref().map(|x| &x.because),
        o.financial_review.as_ref().map(|x| &x.because),
        o.acceptance.as_ref().map(|x| &x.because),
        o.adjustment.as_ref().map(|x| &x.because),
    ];
    for trace in traces.into_iter().flatten().flatten() {
        ids.insert(trace.rule.clone());
    }
    // Notices (a boundary explained, working days approximated) do not make a rule fire.
    for d in &r.diagnostics {
        if let Some(rule) = &d.rule {
            ids.insert(rule.clone());
        }
    }
    for d in &o.required_documents {
        if d.status == "missing" {
            ids.insert(d.rule.clone());
        }
    }
    for w in &o.windows {
        if matches!(w.status, "early" | "late" | "overdue") {
            ids.insert(w.rule.clone());
        }
    }
    ids
}

pub fn fires(r: &Report, rule: &str) -> bool {
    fired(r).contains(rule)
}

pub fn codes(r: &Report) -> Vec<&'static str> {
    r.diagnostics.iter().map(|d| d.code).collect()
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
    o.value.clone().unwrap()
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

/// A case of a coverage table: the rule, an application on which it fires, and one on which it
/// does not. `quiet: null` marks an unconditional rule, which must then fire even on `{}`.
pub struct Case {
    pub rule: &'static str,
    pub stage: Stage,
    pub fires: Value,
    pub quiet: Value,
}

/// Runs a coverage table and checks that it covers every rule of the profile.
pub fn check_coverage(jurisdiction: &str, cases: &[Case]) {
    check_coverage_with(jurisdiction, cases, |_| {});
}

/// As [`check_coverage`], with options (portal parameters, holidays) set by `configure`.
pub fn check_coverage_with(jurisdiction: &str, cases: &[Case], configure: impl Fn(&mut Options)) {
    check_coverage_by(jurisdiction, cases, |_, options| configure(options));
}

/// As [`check_coverage`], with options set per case: `configure` gets the case's index in `cases`.
pub fn check_coverage_by(
    jurisdiction: &str,
    cases: &[Case],
    configure: impl Fn(usize, &mut Options),
) {
    let mut covered = BTreeSet::new();
    for (index, case) in cases.iter().enumerate() {
        let run = |_: &str, stage: Stage, app: Value| {
            let mut o = options(jurisdiction, stage);
            configure(index, &mut o);
            run_with(app, &o)
        };
        let on = run(jurisdiction, case.stage, case.fires.clone());
        assert!(
            fires(&on, case.rule),
            "{} should fire on {}\nfired: {:?}",
            case.rule,
            case.fires,
            fired(&on)
        );
        if case.quiet.is_null() {
            let empty = run(jurisdiction, case.stage, serde_json::json!({}));
            assert!(
                fires(&empty, case.rule),
                "unconditional {} should fire on {{}}",
                case.rule
            );
        } else {
            let off = run(jurisdiction, case.stage, case.quiet.clone());
            assert!(
                !fires(&off, case.rule),
                "{} should not fire on {}",
                case.rule,
                case.quiet
            );
        }
        covered.insert(case.rule.to_string());
    }
    let missing: Vec<_> = rule_ids(jurisdiction)
        .difference(&covered)
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fires/quiet case: {missing:?}"
    );
}
