//! A blank is never read as 「否」, except where a profile reads a claim (`answered`: an exception
//! the applicant has not claimed does not apply), and a stand-in counts only where its verdict
//! allows it: two properties over every built-in profile, amount band, stage and yes/no field.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use gov_it_rules::codes::Severity;
use gov_it_rules::model::{Kind, FIELDS};
use gov_it_rules::profile::{Condition, Stage, Version};
use gov_it_rules::{builtin, Options, Report};
use proptest::prelude::*;
use serde_json::{json, Value};

const JURISDICTIONS: &[&str] = &["tongzhou", "shexian", "tinghu", "jiangjin", "xiangcheng"];
const STAGES: &[Stage] = &[
    Stage::Declaration,
    Stage::Approval,
    Stage::Implementation,
    Stage::Acceptance,
];
const KINDS: &[&str] = &[
    "new",
    "continuation",
    "upgrade",
    "operations",
    "serviceProcurement",
    "priorYearUnpaid",
];

fn version(jurisdiction: &str) -> &'static Version {
    &builtin().get(jurisdiction).unwrap().versions[0]
}

/// Every amount band of a profile: each threshold, a step either side, zero and a large amount.
fn amounts(version: &Version, limit: &str) -> Vec<String> {
    let mut out: BTreeSet<rust_decimal::Decimal> = BTreeSet::new();
    let step = rust_decimal::Decimal::new(1, 4);
    let limit: rust_decimal::Decimal = limit.parse().unwrap();
    let values = version
        .parameters
        .values()
        .filter(|p| p.unit == "万元")
        .filter_map(|p| p.value)
        .chain([limit]);
    for v in values {
        out.extend([v - step, v, v + step]);
    }
    out.extend([
        rust_decimal::Decimal::ZERO,
        rust_decimal::Decimal::new(8000, 0),
    ]);
    out.into_iter()
        .filter(|d| !d.is_sign_negative())
        .map(|d| d.normalize().to_string())
        .collect()
}

fn yes_no_fields() -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter(|s| s.kind == Kind::Bool)
        .map(|s| s.path)
        .collect()
}

fn options(jurisdiction: &str, stage: Stage, limit: &str) -> Options {
    let mut o = Options {
        jurisdiction: jurisdiction.into(),
        stage: Some(stage),
        as_of: Some("2025-06-01".parse().unwrap()),
        ..Options::default()
    };
    for name in [
        "decentralizedProcurementLimit",
        "governmentProcurementLimit",
    ] {
        o.parameters.insert(name.into(), limit.parse().unwrap());
    }
    o
}

/// Sets a dotted path, creating groups on the way.
fn set(app: &mut Value, path: &str, value: Value) {
    let mut node = app;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            node[part] = value;
            return;
        }
        if node.get(part).is_none() {
            node[part] = json!({});
        }
        node = &mut node[part];
    }
}

const OUTCOMES: &[&str] = &[
    "approval",
    "merge",
    "supervision",
    "management",
    "expertPanel",
    "financialReview",
    "acceptance",
    "adjustment",
];

/// Each outcome's verdict as JSON: `None` while undetermined or absent.
fn verdicts(r: &Report) -> Vec<(&'static str, Option<Value>)> {
    let o = serde_json::to_value(&r.outcomes).unwrap();
    OUTCOMES
        .iter()
        .map(|name| {
            let x = &o[*name];
            (
                *name,
                (x["status"] == "determined").then(|| x["value"].clone()),
            )
        })
        .collect()
}

fn errors(r: &Report) -> BTreeSet<(String, String, Option<String>)> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.code.to_string(),
                d.path.clone(),
                d.rule.as_deref().map(String::from),
            )
        })
        .collect()
}

/// A random application around a profile: some yes/no facts answered, a kind, documents on file,
/// adjustment facts, and dates that open the windows.
fn application(jurisdiction: &'static str) -> impl Strategy<Value = (Value, String, Stage)> {
    let v = version(jurisdiction);
    let documents: Vec<String> = v.documents.keys().cloned().collect();
    let flags = yes_no_fields();
    let limit = "100";
    let amounts = amounts(v, limit);
    (
        prop::sample::select(amounts),
        prop::sample::select(STAGES),
        prop::option::of(prop::sample::select(KINDS)),
        prop::collection::vec(prop::option::of(any::<bool>()), flags.len()),
        prop::sample::subsequence(documents.clone(), 0..=documents.len()),
        prop::option::of(prop::collection::vec(
            prop::sample::select(&["national", "provincial", "municipal", "county"][..]),
            0..3,
        )),
    )
        .prop_map(move |(amount, stage, kind, answers, docs, mandated)| {
            let mut app = json!({ "totalInvestment": amount });
            if let Some(kind) = kind {
                app["kind"] = json!(kind);
            }
            if let Some(mandated) = mandated {
                app["mandatedBy"] = json!(mandated);
            }
            for (path, answer) in flags.iter().zip(answers) {
                if let Some(answer) = answer {
                    set(&mut app, path, json!(answer));
                }
            }
            app["documents"] = json!(docs.iter().map(|k| json!({ "kind": k })).collect::<Vec<_>>());
            app["approvedBudget"] = json!("400");
            app["adjustment"] = json!({ "amount": "60", "reason": "technicalOptimisation" });
            app["dates"] = json!({ "completion": "2024-01-10", "goLive": "2024-01-10", "approval": "2024-01-02" });
            (app, limit.to_string(), stage)
        })
}

/// Each field a test blanks, with every answer it could be given instead: the yes/no fields, the
/// project kind and the levels that mandate the project.
fn blankable() -> Vec<(&'static str, Vec<Value>)> {
    let mut out: Vec<(&'static str, Vec<Value>)> = yes_no_fields()
        .into_iter()
        .map(|f| (f, vec![json!(true), json!(false)]))
        .collect();
    out.push(("kind", KINDS.iter().map(|k| json!(k)).collect()));
    out.push((
        "mandatedBy",
        [
            "[]",
            r#"["national"]"#,
            r#"["provincial"]"#,
            r#"["municipal"]"#,
            r#"["county"]"#,
        ]
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect(),
    ));
    out
}

/// A rule that reads a field as a claim (`answered`): its id, the field's path, and the values that
/// make the claim (`None` for a yes/no field: 是).
type Claim = (String, String, Option<Vec<Value>>);

fn claims(jurisdiction: &str) -> Vec<Claim> {
    fn walk(node: &Value, rule: Option<&str>, out: &mut Vec<Claim>) {
        match node {
            Value::Object(map) => {
                let rule = map.get("id").and_then(Value::as_str).or(rule);
                if let (Some(inner), Some(rule)) = (map.get("answered"), rule) {
                    if let Some(flag) = inner.get("flag").and_then(Value::as_str) {
                        out.push((rule.into(), flag.into(), None));
                    }
                    if let Some(field) = inner.pointer("/in/field").and_then(Value::as_str) {
                        let values = inner
                            .pointer("/in/values")
                            .and_then(Value::as_array)
                            .cloned();
                        out.push((rule.into(), field.into(), values));
                    }
                }
                for value in map.values() {
                    walk(value, rule, out);
                }
            }
            Value::Array(list) => list.iter().for_each(|v| walk(v, rule, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(
        &serde_json::to_value(version(jurisdiction)).unwrap(),
        None,
        &mut out,
    );
    out
}

/// Whether `answer` to `field` makes a claim some rule reads: a blank is that claim not made, so
/// it may differ from such an answer, in a verdict or in anything that follows from one.
fn makes_claim(claims: &[Claim], field: &str, answer: &Value) -> bool {
    claims
        .iter()
        .filter(|(_, f, _)| f == field)
        .any(|(_, _, values)| match values {
            None => *answer == json!(true),
            Some(values) => values.contains(answer),
        })
}

fn blank_field_agrees_with_every_answer(
    jurisdiction: &'static str,
    app: &Value,
    limit: &str,
    stage: Stage,
) -> Result<(), TestCaseError> {
    let options = options(jurisdiction, stage, limit);
    let claims = claims(jurisdiction);
    for (field, answers) in blankable() {
        let mut blank = app.clone();
        set(&mut blank, field, Value::Null);
        let answered: Vec<Report> = answers
            .iter()
            .map(|answer| {
                let mut a = blank.clone();
                set(&mut a, field, answer.clone());
                builtin().validate_value(&a, &options)
            })
            .collect();
        let r = builtin().validate_value(&blank, &options);
        let under: Vec<_> = answered.iter().map(verdicts).collect();
        for (i, (name, verdict)) in verdicts(&r).into_iter().enumerate() {
            let Some(verdict) = verdict else { continue };
            for (answer, v) in answers.iter().zip(&under) {
                if makes_claim(&claims, field, answer) {
                    continue;
                }
                prop_assert_eq!(
                    Some(&verdict),
                    v[i].1.as_ref(),
                    "{} {:?}: {} is determined with {} blank but differs when it is {}",
                    jurisdiction,
                    stage,
                    name,
                    field,
                    answer
                );
            }
        }
        let both: Vec<_> = answered.iter().map(errors).collect();
        // 「请填写」 at the blank field itself is the one error a blank may cause.
        for e in errors(&r)
            .into_iter()
            .filter(|(code, path, _)| !(code == "FM001" && path == field))
        {
            for (answer, set) in answers.iter().zip(&both) {
                if makes_claim(&claims, field, answer) {
                    continue;
                }
                prop_assert!(
                    set.contains(&e),
                    "{} {:?}: error {:?} with {} blank is absent when it is {}",
                    jurisdiction,
                    stage,
                    e,
                    field,
                    answer
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_blank_decides_nothing_its_answers_would_not(
        (jurisdiction, (app, limit, stage)) in prop::sample::select(JURISDICTIONS)
            .prop_flat_map(|j| (Just(j), application(j)))
    ) {
        blank_field_agrees_with_every_answer(jurisdiction, &app, &limit, stage)?;
    }

    #[test]
    fn a_stand_in_counts_only_where_its_verdict_allows(
        (jurisdiction, (app, limit, stage)) in prop::sample::select(JURISDICTIONS)
            .prop_flat_map(|j| (Just(j), application(j)))
    ) {
        let r = builtin().validate_value(&app, &options(jurisdiction, stage, &limit));
        let merge = r.outcomes.merge.as_ref().and_then(|m| m.value.as_ref());
        for d in &r.outcomes.required_documents {
            if d.satisfied_by.as_deref() == Some("combinedDocument") {
                prop_assert!(
                    merge.is_some_and(|m| m.mode == gov_it_rules::profile::MergeMode::Merge),
                    "{} {:?}: {} counts the combined document while merge is {:?}",
                    jurisdiction, stage, d.rule, merge
                );
            }
        }
    }
}

/// The claims the first property exempts are those the profiles make, and only those.
#[test]
fn the_claims_exempted_are_the_profiles_own() {
    let found: Vec<(String, String)> = JURISDICTIONS
        .iter()
        .flat_map(|j| claims(j))
        .map(|(rule, field, _)| (rule, field))
        .collect();
    let expected = [
        ("tongzhou.supervision.operations", "kind"),
        ("tongzhou.supervision.operations", "nature"),
        ("tongzhou.plan.not-in-plan", "emergency"),
        ("tongzhou.plan.not-in-plan", "governmentConsent"),
        ("tongzhou.window.approval-before-contract", "emergency"),
        (
            "tongzhou.window.approval-before-contract",
            "governmentConsent",
        ),
        ("shexian.plan.not-in-plan", "urgent"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(rule, field)| (rule.to_string(), field.to_string()))
        .collect();
    assert_eq!(found, expected);
}

/// The stand-in property is only meaningful if the profiles gate their stand-ins on a verdict:
/// every combined document must be conditional.
#[test]
fn every_combined_document_stand_in_turns_on_the_merge_verdict() {
    for j in JURISDICTIONS {
        for r in &version(j).requirements {
            for alt in r
                .any_of
                .iter()
                .filter(|a| &*a.document == "combinedDocument")
            {
                assert!(
                    matches!(&alt.when, Condition::Verdict(v) if v.of == gov_it_rules::profile::VerdictOf::Merge),
                    "{}: {} takes the combined document without asking the merge verdict",
                    j,
                    r.id
                );
            }
        }
    }
}

/// The cases the legal audit reproduced, at and beside each boundary.
#[test]
fn audit_cases_a_blank_is_not_no() {
    // 歙县, 200 万元, 年度计划 unanswered: no chain decided and no 「未纳入年度计划」 error.
    let o = options("shexian", Stage::Approval, "100");
    let r = builtin().validate_value(&json!({ "totalInvestment": "200", "kind": "new" }), &o);
    assert!(
        r.outcomes.approval.as_ref().unwrap().value.is_none(),
        "{:?}",
        r.outcomes.approval
    );
    assert!(r
        .outcomes
        .approval
        .as_ref()
        .unwrap()
        .missing
        .contains(&"inAnnualPlan".to_string()));
    assert!(
        !r.diagnostics.iter().any(|d| d.code == "RX001"),
        "{:#?}",
        r.diagnostics
    );
    // The same project answered 否 gets the chain and the warning (原则上).
    let no = builtin().validate_value(
        &json!({ "totalInvestment": "200", "kind": "new", "inAnnualPlan": false, "urgent": false }),
        &o,
    );
    assert!(no.outcomes.approval.as_ref().unwrap().value.is_some());
    assert!(no
        .diagnostics
        .iter()
        .any(|d| d.code == "RX001" && d.severity == Severity::Warning));
    // 通州, 跨部门 unanswered: the 框架方案 is listed as conditional on it, not dropped.
    let tz = builtin().validate_value(
        &json!({ "totalInvestment": "120", "kind": "new" }),
        &options("tongzhou", Stage::Approval, "100"),
    );
    let framework = tz
        .outcomes
        .required_documents
        .iter()
        .find(|d| d.depends_on.contains(&"crossDepartment".to_string()));
    assert!(
        framework.is_some_and(|d| d.status == "conditional"),
        "{:#?}",
        tz.outcomes.required_documents
    );
}
