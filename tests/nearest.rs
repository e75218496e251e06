//! The nearest thresholds (`report.nearest`): for each verdict an amount decides, how far the amount
//! is from the lines below and above it where the verdict would change, and what it would become.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;

use common::*;
use gov_it_rules::live::LiveValidator;
use gov_it_rules::messages::Locale;
use gov_it_rules::profile::Stage;
use gov_it_rules::report::NearestThreshold;
use gov_it_rules::{builtin, Options, Report};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// An amount as the report writes it.
fn money(value: Decimal) -> String {
    gov_it_rules::money::format(&value)
}

fn tongzhou(amount: &str) -> Report {
    run(
        "tongzhou",
        Stage::Declaration,
        json!({ "totalInvestment": amount, "mandatedBy": [] }),
    )
}

fn entry<'r>(r: &'r Report, outcome: &str, direction: &str) -> &'r NearestThreshold {
    r.nearest
        .iter()
        .find(|n| n.outcome == outcome && n.direction == direction)
        .unwrap_or_else(|| panic!("no {outcome} {direction} in {:#?}", r.nearest))
}

fn entries<'r>(r: &'r Report, outcome: &str) -> Vec<&'r NearestThreshold> {
    r.nearest.iter().filter(|n| n.outcome == outcome).collect()
}

#[test]
fn tongzhou_merge_from_below_on_and_above_the_line() {
    // 299: raising the amount past 300 makes the documents be compiled separately.
    let r = tongzhou("299");
    let merge = entries(&r, "merge");
    assert_eq!(merge.len(), 1, "{merge:#?}");
    let above = merge[0];
    assert_eq!(above.key, "merge:totalInvestment:above");
    assert_eq!(above.field, "totalInvestment");
    assert_eq!(above.direction, "above");
    assert_eq!(money(above.amount), "299");
    assert_eq!(money(above.threshold), "300");
    assert_eq!(&*above.parameter, "mergeThreshold");
    assert!(
        !above.inclusive,
        "300 itself still merges; only over it changes"
    );
    assert_eq!(money(above.distance), "1");
    let becomes = above.becomes.as_ref().unwrap();
    assert_eq!(
        (becomes.value.as_ref(), &*becomes.label),
        ("separate", "分别编报")
    );
    assert_eq!(above.rule.as_deref(), Some("tongzhou.merge.separate"));
    assert!(above.citations.iter().any(|c| c.article == "第十一条"));
    assert_eq!(
        above.message,
        "距合并编报的界线还有 1 万元：超过 300 万元时，分别编报（第九条、第十一条）"
    );

    // 300.01: 0.01 万元 over; at 300 万元 and below they may be merged.
    let r = tongzhou("300.01");
    let merge = entries(&r, "merge");
    assert_eq!(merge.len(), 1, "{merge:#?}");
    let below = merge[0];
    assert_eq!(below.direction, "below");
    assert_eq!(money(below.threshold), "300");
    assert!(below.inclusive, "「300万元及以下」 includes 300");
    assert_eq!(money(below.distance), "0.01");
    let becomes = below.becomes.as_ref().unwrap();
    assert_eq!(
        (becomes.value.as_ref(), &*becomes.label),
        ("merge", "可以合并编报")
    );
    assert_eq!(below.rule.as_deref(), Some("tongzhou.merge.small"));
    assert_eq!(below.citations.len(), 1);
    assert_eq!(below.citations[0].article, "第十一条");
    assert_eq!(
        below.message,
        "超出合并编报的界线 0.01 万元：300 万元及以下时，可以合并编报（第十一条）"
    );
}

#[test]
fn an_amount_exactly_on_a_threshold_is_on_the_side_its_wording_gives() {
    // 300 is within 「300万元及以下」: nothing changes below it, anything over it changes.
    let r = tongzhou("300");
    let merge = entries(&r, "merge");
    assert_eq!(merge.len(), 1, "{merge:#?}");
    assert_eq!(merge[0].direction, "above");
    assert_eq!(money(merge[0].threshold), "300");
    assert!(!merge[0].inclusive);
    assert_eq!(money(merge[0].distance), "0");
    assert_eq!(
        merge[0].message,
        "恰在合并编报的界线上：超过 300 万元时，分别编报（第九条、第十一条）"
    );

    // 亭湖: 100 is within 「100万元（含）以上」, so any amount below it is filed instead.
    let r = run(
        "tinghu",
        Stage::Declaration,
        json!({ "totalInvestment": "100" }),
    );
    let management = entries(&r, "management");
    assert_eq!(management.len(), 1, "{management:#?}");
    assert_eq!(
        (
            management[0].direction,
            money(management[0].threshold).as_str()
        ),
        ("below", "100")
    );
    assert!(!management[0].inclusive, "below 100, not at 100");
    assert_eq!(money(management[0].distance), "0");
    assert_eq!(management[0].becomes.as_ref().unwrap().value, "filing");
    assert!(
        management[0]
            .message
            .contains("不满 100 万元时，报备制管理"),
        "{}",
        management[0].message
    );

    // Just under it, the threshold itself is where the verdict changes.
    let r = run(
        "tinghu",
        Stage::Declaration,
        json!({ "totalInvestment": "99.9999" }),
    );
    let up = entry(&r, "management", "above");
    assert!(up.inclusive);
    assert_eq!(
        (money(up.threshold).as_str(), money(up.distance).as_str()),
        ("100", "0.0001")
    );
    assert!(
        up.message.contains("100 万元及以上时，全过程管理"),
        "{}",
        up.message
    );

    // 江津: 3000 is claimed by 「3000万元（含）以上」, not by 「3000万元以下」.
    let r = run(
        "jiangjin",
        Stage::Declaration,
        json!({ "totalInvestment": "3000" }),
    );
    let merge = entries(&r, "merge");
    assert_eq!(merge.len(), 1, "{merge:#?}");
    assert_eq!(merge[0].direction, "below");
    assert!(!merge[0].inclusive);
    assert_eq!(merge[0].becomes.as_ref().unwrap().value, "substitute");
}

#[test]
fn an_approval_tier_between_two_thresholds_has_both() {
    // 亭湖 at 500: full-process approval; below 100 it is filed, at 1000 a design is added.
    let r = run(
        "tinghu",
        Stage::Declaration,
        json!({ "totalInvestment": "500", "kind": "new" }),
    );
    let approval = entries(&r, "approval");
    assert_eq!(approval.len(), 2, "{approval:#?}");
    let below = entry(&r, "approval", "below");
    assert_eq!(money(below.threshold), "100");
    assert!(!below.inclusive);
    assert_eq!(money(below.distance), "400");
    assert_eq!(below.becomes.as_ref().unwrap().value, "notRequired");
    assert_eq!(below.rule.as_deref(), Some("tinghu.approval.filing"));
    let above = entry(&r, "approval", "above");
    assert_eq!(money(above.threshold), "1000");
    assert!(above.inclusive);
    assert_eq!(money(above.distance), "500");
    // The need is the same, the chain is not: the verdict differs, and the label says how.
    let becomes = above.becomes.as_ref().unwrap();
    assert_eq!(becomes.value, "required");
    assert!(becomes.label.contains("初步设计方案"), "{}", becomes.label);
    assert_eq!(
        above.rule.as_deref(),
        Some("tinghu.approval.full-process-design")
    );
    // Below the approval, entries come in the order of the verdicts, below before above.
    let order: Vec<String> = r.nearest.iter().map(|n| n.key.to_string()).collect();
    assert_eq!(
        order[..2],
        [
            "approval:totalInvestment:below",
            "approval:totalInvestment:above"
        ]
    );
}

#[test]
fn a_verdict_the_amount_does_not_decide_has_no_entry() {
    // A mandate decides merge-eligibility whatever the amount.
    let r = run(
        "tongzhou",
        Stage::Declaration,
        json!({ "totalInvestment": "299", "mandatedBy": ["national"] }),
    );
    assert!(entries(&r, "merge").is_empty(), "{:#?}", r.nearest);
    assert!(!entries(&r, "approval").is_empty());
    // 通州's acceptance and 相城's verdicts turn on no amount at all.
    assert!(entries(&tongzhou("299"), "acceptance").is_empty());
    let r = run(
        "xiangcheng",
        Stage::Declaration,
        json!({ "totalInvestment": "2999.5" }),
    );
    assert!(r.nearest.is_empty(), "{:#?}", r.nearest);
}

#[test]
fn an_undetermined_verdict_or_a_blank_amount_has_no_entry() {
    // Over 300 with the mandate unanswered: merge-eligibility waits for it.
    let r = run(
        "tongzhou",
        Stage::Declaration,
        json!({ "totalInvestment": "300.01" }),
    );
    assert!(r.outcomes.merge.as_ref().unwrap().value.is_none());
    assert!(entries(&r, "merge").is_empty(), "{:#?}", r.nearest);
    // No amount: nothing is near anything.
    let r = run("tongzhou", Stage::Declaration, json!({ "mandatedBy": [] }));
    assert!(r.nearest.is_empty(), "{:#?}", r.nearest);
    // 歙县's line is a parameter the portal supplies; until it does, there is none to be near.
    let app = json!({ "totalInvestment": "300", "kind": "new", "urgent": false });
    let r = run("shexian", Stage::Declaration, app.clone());
    assert!(entries(&r, "merge").is_empty(), "{:#?}", r.nearest);
    let mut options = options("shexian", Stage::Declaration);
    options
        .parameters
        .insert("decentralizedProcurementLimit".into(), Decimal::from(100));
    let r = run_with(app, &options);
    let below = entry(&r, "merge", "below");
    assert_eq!(
        (money(below.threshold).as_str(), &*below.parameter),
        ("100", "decentralizedProcurementLimit")
    );
    assert_eq!(below.becomes.as_ref().unwrap().value, "lighter");
    assert_eq!(money(entry(&r, "merge", "above").threshold), "500");
}

#[test]
fn where_the_other_side_waits_for_a_field_the_entry_says_which() {
    // 299 with the mandate unanswered merges either way; over 300 it depends on the mandate.
    let r = run(
        "tongzhou",
        Stage::Declaration,
        json!({ "totalInvestment": "299" }),
    );
    let above = entry(&r, "merge", "above");
    assert!(above.becomes.is_none());
    assert_eq!(above.depends_on, ["mandatedBy"]);
    assert_eq!(above.rule, None);
    // The line's own basis is cited.
    assert_eq!(above.citations[0].article, "第十一条");
    assert_eq!(
        above.message,
        "距合并编报的界线还有 1 万元：超过 300 万元时，合并编报取决于「明确要求建设的上级」（第十一条）"
    );
    let v = serde_json::to_value(above).unwrap();
    assert!(v.get("becomes").is_none() && v.get("rule").is_none(), "{v}");
    assert_eq!(v["dependsOn"], json!(["mandatedBy"]));
}

#[test]
fn english_messages() {
    let mut options = options("tongzhou", Stage::Declaration);
    options.locale = Locale::En;
    let r = run_with(
        json!({ "totalInvestment": "300.01", "mandatedBy": [] }),
        &options,
    );
    let below = entry(&r, "merge", "below");
    assert_eq!(
        &*below.becomes.as_ref().unwrap().label,
        "may be compiled as one"
    );
    assert_eq!(
        below.message,
        "0.01 万元 over the merge-eligibility line; at 300 万元 or less, may be compiled as one (第十一条)."
    );
    let r = run_with(
        json!({ "totalInvestment": "299", "mandatedBy": [] }),
        &options,
    );
    assert_eq!(
        entry(&r, "merge", "above").message,
        "1 万元 short of the merge-eligibility line; over 300 万元, compiled separately (第九条, 第十一条)."
    );
    let r = run_with(
        json!({ "totalInvestment": "300", "mandatedBy": [] }),
        &options,
    );
    assert_eq!(
        entry(&r, "merge", "above").message,
        "On the merge-eligibility line; over 300 万元, compiled separately (第九条, 第十一条)."
    );
}

/// 江津 第九条 and 亭湖 第8条 have no 合并编报: their messages, and their reports' jurisdiction,
/// name the verdict as each text does.
#[test]
fn a_verdict_a_regulation_names_otherwise_is_named_so() {
    let jiangjin = json!({ "totalInvestment": "2999.99", "projectKind": "construction" });
    let r = run("jiangjin", Stage::Declaration, jiangjin.clone());
    assert_eq!(
        entry(&r, "merge", "above").message,
        "距可研与初步设计的界线还有 0.01 万元：3000 万元及以上时，分别编报（第九条）"
    );
    let names = &r.jurisdiction.as_ref().unwrap().outcome_names;
    assert_eq!(
        names.iter().collect::<Vec<_>>(),
        [(&"merge".to_string(), &"可研与初步设计".to_string())]
    );
    let mut options = options("jiangjin", Stage::Declaration);
    options.locale = Locale::En;
    let r = run_with(jiangjin, &options);
    assert_eq!(
        entry(&r, "merge", "above").message,
        "0.01 万元 short of the feasibility study and preliminary design line; at 3000 \
         万元 or more, compiled separately (第九条)."
    );
    let r = run(
        "tinghu",
        Stage::Declaration,
        json!({ "totalInvestment": "999.99" }),
    );
    assert_eq!(
        entry(&r, "merge", "above").message,
        "距可研与初步设计的界线还有 0.01 万元：1000 万元及以上时，分别编报（第8条）"
    );
    // A regulation whose text has the package's word keeps it, and its report says nothing more.
    let r = tongzhou("300.01");
    assert!(entry(&r, "merge", "below")
        .message
        .starts_with("超出合并编报的界线"));
    assert!(r.jurisdiction.as_ref().unwrap().outcome_names.is_empty());
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["jurisdiction"].get("outcomeNames").is_none());
}

#[test]
fn the_report_serialises_the_entry_in_camel_case() {
    let v = serde_json::to_value(tongzhou("300.01")).unwrap();
    let merge = v["nearest"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["outcome"] == "merge")
        .unwrap()
        .clone();
    assert_eq!(merge["key"], "merge:totalInvestment:below");
    assert_eq!(merge["threshold"], "300");
    assert_eq!(merge["inclusive"], true);
    assert_eq!(merge["distance"], "0.01");
    assert_eq!(
        merge["becomes"],
        json!({ "value": "merge", "label": "可以合并编报" })
    );
    assert_eq!(merge["rule"], "tongzhou.merge.small");
    assert_eq!(merge["citations"][0]["article"], "第十一条");
    assert!(merge.get("dependsOn").is_none());
}

#[test]
fn a_delta_carries_the_nearest_thresholds_that_changed() {
    let options = options("tongzhou", Stage::Declaration);
    let mut v = LiveValidator::new(builtin(), options);
    v.replace(&json!({ "totalInvestment": "299", "mandatedBy": [], "nature": "新建" }));

    // Across the line: the entry above goes, one below comes.
    let delta = v.set("totalInvestment", &json!("300.01")).unwrap();
    assert_eq!(delta.nearest.removed, ["merge:totalInvestment:above"]);
    let keys: Vec<String> = delta
        .nearest
        .changed
        .iter()
        .map(|n| n.key.to_string())
        .collect();
    assert!(
        keys.iter().any(|k| k == "merge:totalInvestment:below"),
        "{keys:?}"
    );
    // The approval and supervision lines stay where they are, but the distance to them changed.
    assert!(
        keys.iter().any(|k| k == "approval:totalInvestment:below"),
        "{keys:?}"
    );
    assert!(!delta.is_empty());

    // The same amount again changes nothing.
    assert!(v
        .set("totalInvestment", &json!("300.01"))
        .unwrap()
        .is_empty());

    // Only the distance changed: the entry is changed, not removed.
    let delta = v.set("totalInvestment", &json!("301")).unwrap();
    assert!(delta.nearest.removed.is_empty());
    let merge = delta
        .nearest
        .changed
        .iter()
        .find(|n| n.outcome == "merge")
        .unwrap();
    assert_eq!(money(merge.distance), "1");

    // A mandate takes merge-eligibility away from the amount.
    let delta = v.set("mandatedBy", &json!(["provincial"])).unwrap();
    assert_eq!(delta.nearest.removed, ["merge:totalInvestment:below"]);
    assert!(delta.nearest.changed.is_empty());

    // Clearing the amount removes every entry.
    let delta = v.set("totalInvestment", &Value::Null).unwrap();
    assert!(delta.nearest.changed.is_empty());
    assert_eq!(
        delta.nearest.removed.len(),
        2,
        "{:?}",
        delta.nearest.removed
    );
    assert!(v.report().nearest.is_empty());

    // An edit that moves no line and no amount leaves them out of the delta.
    let mut v = LiveValidator::new(builtin(), options_for("tongzhou"));
    v.replace(&fixture("tongzhou-declaration"));
    let delta = v.set("name", &json!("另一个名称")).unwrap();
    assert!(delta.nearest.changed.is_empty() && delta.nearest.removed.is_empty());
    let json = serde_json::to_value(&delta).unwrap();
    assert_eq!(json["nearest"], json!({ "changed": [], "removed": [] }));
}

#[test]
fn a_verdict_that_turns_on_another_verdict_follows_its_thresholds() {
    // A county whose expert panel is larger where the documents are compiled separately: the
    // panel turns on the amount only through the merge verdict.
    let (registry, options) = example_county(|_| {});
    let r = registry.validate_value(&json!({ "totalInvestment": "350" }), &options);
    let merge_line = entry(&r, "merge", "above").threshold;
    let panel = entries(&r, "expertPanel");
    assert_eq!(panel.len(), 1, "{panel:#?}");
    assert_eq!(panel[0].direction, "above");
    assert_eq!(panel[0].threshold, merge_line);
    assert!(!panel[0].inclusive);
    assert_eq!(panel[0].becomes.as_ref().unwrap().value, "5");
    assert_eq!(
        panel[0].rule.as_deref(),
        Some("example.expert-panel.separate")
    );
    // Over the merge line, the panel's nearest line is the same one, seen from above.
    let over: Decimal = merge_line + Decimal::ONE;
    let r = registry.validate_value(&json!({ "totalInvestment": over.to_string() }), &options);
    let panel = entry(&r, "expertPanel", "below");
    assert!(panel.inclusive);
    assert_eq!(money(panel.distance), "1");
    assert_eq!(panel.becomes.as_ref().unwrap().value, "3");
}

/// The example county with a supervision rule that turns on two amounts (over 50 万元 with more
/// than 10 万元 needed this year, or 50 万元 or less with more than 20 万元), a financial review that
/// compares the funding needed this year only for urgent projects over 50 万元, and an expert panel
/// that turns on the merge verdict.
fn two_amounts_county() -> (gov_it_rules::Registry, Options) {
    example_county(|version| {
        let amount = |field: &str, op: &str, param: &str| json!({ "amount": { "field": field, "op": op, "param": param, "wording": param } });
        for (name, value) in [("fundingLow", "10"), ("fundingHigh", "20")] {
            version["parameters"][name] = json!({
                "value": value,
                "unit": "万元",
                "label": name,
                "labelEn": name,
                "cite": [{ "article": 6 }]
            });
        }
        version["outcomes"]["supervision"] = json!([
            {
                "id": "example.supervision.large",
                "when": { "all": [
                    amount("totalInvestment", "gt", "supervisionThreshold"),
                    amount("annualFunding", "gt", "fundingLow"),
                ] },
                "cite": [{ "article": 6 }],
                "result": { "mode": "mandatory", "feeInBudget": true },
                "explanation": "投资超过50万元且年度资金超过10万元，必须实行工程监理。"
            },
            {
                "id": "example.supervision.small",
                "when": { "all": [
                    amount("totalInvestment", "le", "supervisionThreshold"),
                    amount("annualFunding", "gt", "fundingHigh"),
                ] },
                "cite": [{ "article": 6 }],
                "result": { "mode": "mandatory", "feeInBudget": true },
                "explanation": "年度资金超过20万元，必须实行工程监理。"
            },
            {
                "id": "example.supervision.in-principle",
                "cite": [{ "article": 6 }],
                "result": { "mode": "inPrinciple", "feeInBudget": null },
                "explanation": "原则上实行监理。"
            }
        ]);
        let over_50 = amount("totalInvestment", "gt", "supervisionThreshold");
        version["outcomes"]["financialReview"] = json!([
            {
                "id": "example.financial-review.urgent",
                "when": { "all": [
                    over_50,
                    { "flag": "urgent" },
                    amount("annualFunding", "gt", "fundingLow"),
                ] },
                "cite": [{ "article": 6 }],
                "result": { "required": true, "by": "县财政局" },
                "explanation": "紧急项目年度资金超过10万元的，须经财政评审。"
            },
            {
                "id": "example.financial-review.planned",
                "when": { "all": [over_50, { "not": { "flag": "urgent" } }] },
                "cite": [{ "article": 6 }],
                "result": { "required": true, "by": "县财政局" },
                "explanation": "投资超过50万元的非紧急项目，须经财政评审。"
            },
            {
                "id": "example.financial-review.none",
                "cite": [{ "article": 6 }],
                "result": { "required": false },
                "explanation": "无须财政评审。"
            }
        ]);
    })
}

/// The example county, each version changed by `change`, with an expert panel that turns on the
/// merge verdict (larger where the documents are compiled separately), loaded into the built-in
/// registry; and options for its declaration stage.
fn example_county(change: impl Fn(&mut Value)) -> (gov_it_rules::Registry, Options) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/profiles/example-county.json"
    ))
    .unwrap();
    let mut profile: Value = serde_json::from_str(&text).unwrap();
    for version in profile["versions"].as_array_mut().unwrap() {
        change(version);
        version["outcomes"]["expertPanel"] = json!([
            {
                "id": "example.expert-panel.separate",
                "when": { "verdict": { "of": "merge", "is": ["separate"] } },
                "cite": [{ "article": 4 }],
                "result": { "minSize": 5, "odd": true },
                "explanation": "分别编制的项目，专家评审不少于5人单数。"
            },
            {
                "id": "example.expert-panel.merged",
                "cite": [{ "article": 4 }],
                "result": { "minSize": 3, "odd": true },
                "explanation": "专家评审不少于3人单数。"
            }
        ]);
    }
    let mut registry = gov_it_rules::Registry::builtin();
    registry.load(&profile.to_string()).unwrap();
    let options = Options {
        jurisdiction: "example-county".into(),
        as_of: Some("2026-06-01".parse().unwrap()),
        stage: Some(Stage::Declaration),
        ..Options::default()
    };
    (registry, options)
}

#[test]
fn an_amount_moved_by_an_edit_leaves_the_nearest_thresholds_a_whole_validation_finds() {
    let (registry, options) = two_amounts_county();
    let mut doc = json!({ "totalInvestment": "60", "annualFunding": "30", "urgent": false });
    let mut v = LiveValidator::new(&registry, options.clone());
    v.replace(&doc);
    let line = |r: &Report, outcome: &str, field: &str, direction: &str| {
        r.nearest
            .iter()
            .find(|n| n.outcome == outcome && n.field == field && n.direction == direction)
            .map(|n| (money(n.threshold), money(n.distance)))
    };
    let funding_below = |r: &Report| line(r, "supervision", "annualFunding", "below");
    assert_eq!(funding_below(v.report()), Some(("10".into(), "20".into())));
    for (path, value) in [
        // Within the same interval of every line each amount is compared with.
        ("totalInvestment", "70"),
        ("annualFunding", "35"),
        ("totalInvestment", "99.5"),
        // Across 50: supervision is still mandatory, but through the other case, so the
        // nearest line of the funding is 20 now.
        ("totalInvestment", "40"),
        ("totalInvestment", "45"),
        ("annualFunding", "25"),
        // Onto a line, off it and back across.
        ("totalInvestment", "50"),
        ("totalInvestment", "50.0001"),
        ("annualFunding", "20"),
        ("annualFunding", "15"),
        ("totalInvestment", "150"),
        // Across the merge line, which the expert panel reads.
        ("totalInvestment", "250"),
        ("totalInvestment", "260"),
        ("totalInvestment", "200"),
        ("totalInvestment", ""),
        ("totalInvestment", "199"),
        ("annualFunding", "三十"),
        ("annualFunding", "12"),
        // The financial review stays required, but now compares the funding, which the walk
        // before did not read.
        ("totalInvestment", "60"),
        ("urgent", "true"),
        ("annualFunding", "13"),
        ("urgent", "false"),
    ] {
        let value = match value {
            "true" => json!(true),
            "false" => json!(false),
            amount => json!(amount),
        };
        let before = v.report().clone();
        let delta = serde_json::to_value(v.set(path, &value).unwrap()).unwrap();
        doc[path] = value.clone();
        let whole = registry.validate_value(&doc, &options);
        assert_eq!(v.report().nearest, whole.nearest, "after {path} = {value}");
        assert_eq!(
            v.report().outcomes,
            whole.outcomes,
            "after {path} = {value}"
        );
        assert_eq!(
            delta,
            serde_json::to_value(gov_it_rules::live::Delta::between(&before, v.report())).unwrap(),
            "the delta of {path} = {value}"
        );
        if (path, &value) == ("totalInvestment", &json!("45")) {
            assert_eq!(funding_below(v.report()), Some(("20".into(), "15".into())));
        }
        if (path, &value) == ("urgent", &json!(true)) {
            let review = line(v.report(), "financialReview", "annualFunding", "below");
            assert_eq!(review, Some(("10".into(), "2".into())));
        }
    }
}

fn options_for(jurisdiction: &str) -> Options {
    options(jurisdiction, Stage::Declaration)
}

// ---------------------------------------------------------------------------------------------
// Every entry checked against whole validations at the amounts it speaks of.

/// The verdict of `outcome` in a report as JSON: its value, or `None` while undetermined.
fn verdict(report: &Value, outcome: &str) -> Option<Value> {
    report["outcomes"][outcome].get("value").cloned()
}

fn key_of(outcome: &str, value: &Value) -> String {
    match outcome {
        "approval" => value["need"].as_str().unwrap().to_string(),
        "merge" | "supervision" | "management" => value["mode"].as_str().unwrap().to_string(),
        "expertPanel" => value["minSize"].to_string(),
        "financialReview" => if value["required"] == true {
            "required"
        } else {
            "notRequired"
        }
        .to_string(),
        "acceptance" => value["initialAcceptance"].as_str().unwrap().to_string(),
        other => panic!("unexpected outcome {other}"),
    }
}

/// Whole validations of one application at several amounts, each made once.
struct Amounts<'a> {
    base: &'a Value,
    options: &'a Options,
    made: std::collections::BTreeMap<Decimal, Value>,
}

impl Amounts<'_> {
    fn at(&mut self, amount: Decimal) -> Value {
        let (base, options) = (self.base, self.options);
        self.made
            .entry(amount)
            .or_insert_with(|| {
                let mut app = base.clone();
                app["totalInvestment"] = json!(amount.normalize().to_string());
                serde_json::to_value(run_with(app, options)).unwrap()
            })
            .clone()
    }
}

const OUTCOMES: [&str; 7] = [
    "approval",
    "merge",
    "supervision",
    "management",
    "expertPanel",
    "financialReview",
    "acceptance",
];

/// Applications of one jurisdiction, and the thresholds to try amounts around.
struct Sweep {
    jurisdiction: &'static str,
    /// Portal parameters, in 万元.
    parameters: &'static [(&'static str, i64)],
    thresholds: &'static [i64],
    /// The applications, but for the amount.
    bases: Vec<Value>,
}

#[test]
fn every_entry_holds_at_the_amounts_it_speaks_of_and_nothing_nearer_changes() {
    let step = Decimal::new(1, 4); // 0.0001 万元, 1 元: the finest amount an application holds.
    let mut checked = 0;
    let sweeps = [
        Sweep {
            jurisdiction: "tongzhou",
            parameters: &[],
            thresholds: &[50, 100, 300],
            bases: vec![
                json!({ "mandatedBy": [] }),
                json!({}),
                json!({ "mandatedBy": ["municipal"] }),
            ],
        },
        Sweep {
            jurisdiction: "tinghu",
            parameters: &[],
            thresholds: &[50, 100, 1000],
            bases: vec![
                json!({ "kind": "new" }),
                json!({ "kind": "operations" }),
                json!({}),
            ],
        },
        Sweep {
            jurisdiction: "jiangjin",
            parameters: &[],
            thresholds: &[3000],
            bases: vec![json!({})],
        },
        Sweep {
            jurisdiction: "shexian",
            parameters: &[("decentralizedProcurementLimit", 200)],
            thresholds: &[200, 500],
            bases: vec![
                json!({ "kind": "new", "urgent": false, "inAnnualPlan": true }),
                json!({ "kind": "new", "urgent": true, "inAnnualPlan": false }),
                json!({ "kind": "continuation", "urgent": false }),
                json!({ "kind": "new" }),
            ],
        },
        Sweep {
            jurisdiction: "shexian",
            parameters: &[("decentralizedProcurementLimit", 800)],
            thresholds: &[500, 800],
            bases: vec![json!({ "kind": "upgrade", "urgent": false, "inAnnualPlan": false })],
        },
        Sweep {
            jurisdiction: "xiangcheng",
            parameters: &[],
            thresholds: &[100],
            bases: vec![json!({ "urgent": false })],
        },
    ];
    for sweep in sweeps {
        let Sweep {
            jurisdiction,
            parameters,
            thresholds,
            bases,
        } = sweep;
        let mut options = options_for(jurisdiction);
        for (name, value) in parameters {
            options
                .parameters
                .insert((*name).to_string(), Decimal::from(*value));
        }
        // Amounts on, next to and between the thresholds, and far from them.
        let mut amounts = vec![Decimal::ZERO, step, Decimal::from(5000)];
        for &t in thresholds {
            let t = Decimal::from(t);
            amounts.extend([t - Decimal::ONE, t - step, t, t + step, t + Decimal::ONE]);
        }
        gov_it_rules::sorted::sort(&mut amounts);
        amounts.dedup();
        for base in &bases {
            let mut validations = Amounts {
                base,
                options: &options,
                made: Default::default(),
            };
            for &amount in &amounts {
                let here = validations.at(amount);
                let nearest: Vec<Value> = serde_json::from_value(here["nearest"].clone()).unwrap();
                for outcome in OUTCOMES {
                    let current = verdict(&here, outcome);
                    for direction in ["below", "above"] {
                        let found = nearest
                            .iter()
                            .find(|n| n["outcome"] == outcome && n["direction"] == direction);
                        let toward = |d: Decimal| if direction == "below" { -d } else { d };
                        let Some(n) = found else {
                            // No entry: wherever the amount goes that way, the verdict stays
                            // (or there is no verdict to keep).
                            let Some(current) = &current else { continue };
                            for &other in &amounts {
                                let beyond = if direction == "below" {
                                    other < amount
                                } else {
                                    other > amount
                                };
                                if beyond {
                                    assert_eq!(
                                        verdict(&validations.at(other), outcome).as_ref(),
                                        Some(current),
                                        "{jurisdiction} {base} {outcome}: {amount} has no {direction} entry, but {other} differs"
                                    );
                                    checked += 1;
                                }
                            }
                            continue;
                        };
                        let current = current.as_ref().unwrap_or_else(|| {
                            panic!("{jurisdiction} {outcome}: an entry for an undetermined verdict")
                        });
                        let threshold: Decimal = n["threshold"].as_str().unwrap().parse().unwrap();
                        let distance: Decimal = n["distance"].as_str().unwrap().parse().unwrap();
                        assert_eq!(distance, (amount - threshold).abs(), "{n}");
                        assert_eq!(n["amount"], json!(amount.normalize().to_string()));
                        // The first amount on the other side.
                        let inclusive = n["inclusive"].as_bool().unwrap();
                        let first = if inclusive {
                            threshold
                        } else {
                            threshold + toward(step)
                        };
                        let there = validations.at(first);
                        let becomes = verdict(&there, outcome);
                        assert_ne!(
                            becomes.as_ref(),
                            Some(current),
                            "{jurisdiction} {base} at {amount}: {n}"
                        );
                        match (&becomes, n.get("becomes")) {
                            (Some(value), Some(b)) => {
                                assert_eq!(b["value"], json!(key_of(outcome, value)), "{n}");
                                assert_eq!(
                                    n["rule"], there["outcomes"][outcome]["because"][0]["rule"],
                                    "{n}"
                                );
                            }
                            (None, None) => {
                                assert_eq!(
                                    n["dependsOn"], there["outcomes"][outcome]["missing"],
                                    "{n}"
                                );
                            }
                            _ => panic!(
                                "{jurisdiction} {base} at {amount}: {n} but {becomes:?} at {first}"
                            ),
                        }
                        // Up to the line, the verdict is the one the amount has now.
                        let last = if inclusive {
                            threshold - toward(step)
                        } else {
                            threshold
                        };
                        let between = [last, ((amount + last) / Decimal::TWO).round_dp(4)];
                        for other in between {
                            let same_side = if direction == "below" {
                                other <= amount
                            } else {
                                other >= amount
                            };
                            if same_side {
                                assert_eq!(
                                    verdict(&validations.at(other), outcome).as_ref(),
                                    Some(current),
                                    "{jurisdiction} {base} {outcome}: {n} but {other} already differs"
                                );
                            }
                        }
                        for &other in &amounts {
                            let nearer = if direction == "below" {
                                other < amount && other > threshold
                            } else {
                                other > amount && other < threshold
                            };
                            if nearer {
                                assert_eq!(
                                    verdict(&validations.at(other), outcome).as_ref(),
                                    Some(current),
                                    "{jurisdiction} {base} {outcome}: {n} but {other}, nearer, differs"
                                );
                            }
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} checks");
}
