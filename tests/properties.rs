//! Properties that must hold for every jurisdiction and any application.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use gov_it_rules::model::Field;
use gov_it_rules::profile::{ApprovalNeed, MergeMode, Stage, SupervisionMode};
use gov_it_rules::report::Status;
use gov_it_rules::{builtin, Options, Report};
use proptest::prelude::*;
use serde_json::{json, Value};

const JURISDICTIONS: &[&str] = &["tongzhou", "shexian", "tinghu", "jiangjin", "xiangcheng"];
const KINDS: &[&str] = &[
    "new",
    "continuation",
    "upgrade",
    "operations",
    "serviceProcurement",
    "priorYearUnpaid",
];
const STAGES: &[Stage] = &[
    Stage::Declaration,
    Stage::Approval,
    Stage::Implementation,
    Stage::Acceptance,
];

fn options(jurisdiction: &str, stage: Stage, limit: Option<&str>) -> Options {
    let mut o = Options {
        jurisdiction: jurisdiction.into(),
        stage: Some(stage),
        as_of: Some("2025-06-01".parse().unwrap()),
        ..Options::default()
    };
    if let Some(limit) = limit {
        for name in [
            "decentralizedProcurementLimit",
            "governmentProcurementLimit",
        ] {
            o.parameters.insert(name.into(), limit.parse().unwrap());
        }
    }
    o
}

/// An amount in 万元 with up to four decimal places.
fn amount() -> impl Strategy<Value = String> {
    (0u64..60_000_000).prop_map(|units| {
        let s = format!("{}.{:04}", units / 10_000, units % 10_000);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    })
}

fn facts() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(KINDS),
        any::<[bool; 8]>(),
        prop::collection::vec(prop::sample::select(&["national", "provincial", "municipal", "county"][..]), 0..3),
    )
        .prop_map(|(kind, flags, mandated)| {
            json!({
                "kind": kind, "urgent": flags[0], "inAnnualPlan": flags[1], "crossDepartment": flags[2],
                "classified": flags[3], "newCivilWorks": flags[4], "importantDomainCrypto": flags[5],
                "majorProject": flags[6], "emergency": flags[7], "mandatedBy": mandated,
                "expertPanel": { "size": 5 }
            })
        })
}

fn with_amount(mut app: Value, amount: &str) -> Value {
    app["totalInvestment"] = json!(amount);
    app
}

fn approval_rank(r: &Report) -> Option<(u8, usize, usize)> {
    let o = r.outcomes.approval.as_ref()?;
    let v = o.value.as_ref()?;
    let need = match v.need {
        ApprovalNeed::NotRequired => 0,
        ApprovalNeed::MayBeExempt => 1,
        ApprovalNeed::Required => 2,
    };
    Some((need, v.chain.len(), v.steps.len()))
}

fn supervision_mandatory(r: &Report) -> Option<bool> {
    Some(r.outcomes.supervision.as_ref()?.value.as_ref()?.mode == SupervisionMode::Mandatory)
}

fn merge_eligible(r: &Report) -> Option<bool> {
    Some(r.outcomes.merge.as_ref()?.value.as_ref()?.mode != MergeMode::Separate)
}

fn decimal(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn raising_the_amount_never_relaxes_a_verdict(
        j in prop::sample::select(JURISDICTIONS), facts in facts(), a in amount(), b in amount(),
        limit in prop::option::of(amount()),
    ) {
        let (low, high) = if decimal(&a) <= decimal(&b) { (a, b) } else { (b, a) };
        let opts = options(j, Stage::Declaration, limit.as_deref());
        let lo = builtin().validate_value(&with_amount(facts.clone(), &low), &opts);
        let hi = builtin().validate_value(&with_amount(facts, &high), &opts);
        if let (Some(l), Some(h)) = (approval_rank(&lo), approval_rank(&hi)) {
            prop_assert!(l <= h, "{j}: approval {l:?} at {low} but {h:?} at {high}");
        }
        if let (Some(true), Some(h)) = (supervision_mandatory(&lo), supervision_mandatory(&hi)) {
            prop_assert!(h, "{j}: supervision mandatory at {low} but not at {high}");
        }
        if let (Some(l), Some(h)) = (merge_eligible(&lo), merge_eligible(&hi)) {
            prop_assert!(l || !h, "{j}: merge ineligible at {low} but eligible at {high}");
        }
    }

    /// Every decision table of the built-in profiles has a case for every answer: a verdict is
    /// either given or waits for a named field or parameter.
    #[test]
    fn every_verdict_is_given_or_names_what_it_waits_for(
        j in prop::sample::select(JURISDICTIONS), facts in facts(), a in amount(),
        stage in prop::sample::select(STAGES), limit in prop::option::of(amount()),
    ) {
        let r = builtin().validate_value(&with_amount(facts, &a), &options(j, stage, limit.as_deref()));
        let outcomes = serde_json::to_value(&r).unwrap()["outcomes"].clone();
        for (name, outcome) in outcomes.as_object().unwrap() {
            if outcome["status"] == "undetermined" {
                let missing = outcome["missing"].as_array().map_or(0, Vec::len);
                prop_assert!(missing > 0, "{j} {a}: {name} undetermined without saying why");
            }
        }
    }

    #[test]
    fn validation_is_deterministic_and_survives_a_json_round_trip(
        j in prop::sample::select(JURISDICTIONS), facts in facts(), a in amount(), stage in prop::sample::select(STAGES),
    ) {
        let app = with_amount(facts, &a);
        let opts = options(j, stage, None);
        let first = builtin().validate_value(&app, &opts);
        let second = builtin().validate_value(&app, &opts);
        prop_assert_eq!(&first, &second);
        let text = serde_json::to_string(&first).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(serde_json::to_value(&first).unwrap(), back);
    }

    #[test]
    fn every_diagnostic_path_names_a_field_of_the_input_schema(
        j in prop::sample::select(JURISDICTIONS), facts in facts(), a in amount(), stage in prop::sample::select(STAGES),
        junk in prop::collection::vec(("[a-z]{1,8}", any::<i32>()), 0..4),
    ) {
        let mut app = with_amount(facts, &a);
        for (k, v) in junk {
            app[k] = json!(v);
        }
        app["resources"] = json!([{ "name": "x", "sharing": "半共享" }, 3]);
        app["documents"] = json!(["feasibilityStudy", { "kind": "resourceCatalogue", "chapters": [] }]);
        let r = builtin().validate_value(&app, &options(j, stage, None));
        for d in r.diagnostics.iter().chain(&r.notices) {
            if d.code == "IN005" {
                continue; // names the unknown key the caller sent, by design
            }
            prop_assert!(in_schema(&d.path), "{}: {} has path `{}`", j, d.code, d.path);
        }
    }

    #[test]
    fn key_order_does_not_matter(j in prop::sample::select(JURISDICTIONS), a in amount()) {
        let forward = format!(r#"{{"totalInvestment": "{a}", "kind": "new", "name": "x", "urgent": true}}"#);
        let backward = format!(r#"{{"urgent": true, "name": "x", "kind": "new", "totalInvestment": "{a}"}}"#);
        let opts = options(j, Stage::Declaration, None);
        prop_assert_eq!(builtin().validate_str(&forward, &opts), builtin().validate_str(&backward, &opts));
    }

    #[test]
    fn arbitrary_json_never_panics(text in ".{0,200}", j in prop::sample::select(JURISDICTIONS)) {
        let r = builtin().validate_str(&text, &options(j, Stage::Declaration, None));
        prop_assert!(r.summary.errors > 0 || serde_json::from_str::<Value>(&text).is_ok());
    }
}

/// `""` (the whole input), a scalar field path, or a cell of the documents or resources table.
fn in_schema(path: &str) -> bool {
    if path.is_empty()
        || path == "documents"
        || path == "resources"
        || Field::by_path(path).is_some()
    {
        return true;
    }
    for (table, cells) in [
        ("documents", gov_it_rules::model::fields::DOCUMENT_KEYS),
        ("resources", gov_it_rules::model::fields::RESOURCE_KEYS),
    ] {
        if let Some(rest) = path.strip_prefix(table).and_then(|r| r.strip_prefix('[')) {
            let Some((index, cell)) = rest.split_once(']') else {
                return false;
            };
            if index.parse::<usize>().is_err() {
                return false;
            }
            let cell = cell.strip_prefix('.').unwrap_or(cell);
            let cell = cell.split('[').next().unwrap_or(cell);
            return cell.is_empty() || cells.contains(&cell);
        }
    }
    false
}

#[test]
fn undetermined_outcomes_name_what_they_need() {
    for j in JURISDICTIONS {
        let r = builtin().validate_value(&json!({}), &options(j, Stage::Declaration, None));
        for o in [
            r.outcomes.approval.as_ref().map(|o| (o.status, &o.missing)),
            r.outcomes.merge.as_ref().map(|o| (o.status, &o.missing)),
        ]
        .into_iter()
        .flatten()
        {
            if o.0 == Status::Undetermined {
                assert!(!o.1.is_empty(), "{j}: undetermined without saying why");
            }
        }
    }
}
