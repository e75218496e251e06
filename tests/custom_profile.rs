//! A sixth county described as data only: tests/fixtures/profiles/example-county.json, a
//! fictional profile with two dated versions, loaded at run time without new code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use gov_it_rules::profile::{ApprovalNeed, MergeMode, Stage};
use gov_it_rules::{Options, Registry, Report};
use serde_json::json;

fn registry() -> Registry {
    let mut r = Registry::builtin();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/profiles/example-county.json"
    ))
    .unwrap();
    r.load(&text).unwrap();
    r
}

fn run(r: &Registry, amount: &str, as_of: &str) -> Report {
    let options = Options {
        jurisdiction: "example-county".into(),
        as_of: Some(as_of.parse().unwrap()),
        stage: Some(Stage::Declaration),
        ..Options::default()
    };
    r.validate_value(&json!({ "totalInvestment": amount }), &options)
}

fn need(r: &Report) -> ApprovalNeed {
    r.outcomes
        .approval
        .as_ref()
        .unwrap()
        .value
        .as_ref()
        .unwrap()
        .need
}

#[test]
fn loads_beside_the_builtins_and_is_marked_fictional() {
    let r = registry();
    assert_eq!(r.profiles().len(), 6);
    let p = r.get("example-county").unwrap();
    assert!(p.fictional);
    assert!(p.versions.iter().all(|v| v.title.contains("虚构")));
}

#[test]
fn boundaries_of_each_version() {
    let r = registry();
    for (amount, expected) in [
        ("99.9999", ApprovalNeed::NotRequired),
        ("100", ApprovalNeed::NotRequired),
        ("100.0001", ApprovalNeed::Required),
    ] {
        assert_eq!(
            need(&run(&r, amount, "2023-01-01")),
            expected,
            "2021 version at {amount}"
        );
    }
    for (amount, expected) in [
        ("199.9999", ApprovalNeed::NotRequired),
        ("200", ApprovalNeed::NotRequired),
        ("200.0001", ApprovalNeed::Required),
    ] {
        assert_eq!(
            need(&run(&r, amount, "2025-01-01")),
            expected,
            "2024 version at {amount}"
        );
    }
    let on = run(&r, "200", "2025-01-01");
    assert!(
        on.notices
            .iter()
            .any(|n| n.code == "BD001" && n.message.contains("不包含本数")),
        "{:#?}",
        on.notices
    );
    // 200 fails the first case (「投资超过200万元」, 第三条（一）) and the fallback (第三条（二）)
    // decides: the notice quotes the first case's wording under its own clause, and cites it.
    let notice = on
        .notices
        .iter()
        .find(|n| n.code == "BD001" && n.rule.as_deref() == Some("example.approval.filing"))
        .unwrap();
    assert_eq!(
        notice.params.get("article").map(|a| &**a),
        Some("第三条（一）")
    );
    assert!(
        notice.message.contains("第三条（一）「投资超过"),
        "{}",
        notice.message
    );
    let cited: Vec<&str> = notice
        .citations
        .iter()
        .map(|c| c.article.as_str())
        .collect();
    assert_eq!(cited, ["第三条（一）"]);
    let merge = |a: &str, d: &str| run(&r, a, d).outcomes.merge.unwrap().value.unwrap().mode;
    assert_eq!(merge("400", "2025-01-01"), MergeMode::Merge);
    assert_eq!(merge("400.0001", "2025-01-01"), MergeMode::Separate);
    assert_eq!(merge("200.0001", "2023-01-01"), MergeMode::Separate);
}

#[test]
fn the_as_of_date_switches_versions_on_the_in_force_date() {
    let r = registry();
    let before = run(&r, "150", "2024-06-30");
    let after = run(&r, "150", "2024-07-01");
    assert_eq!(need(&before), ApprovalNeed::Required);
    assert_eq!(need(&after), ApprovalNeed::NotRequired);
    assert_eq!(
        before
            .jurisdiction
            .as_ref()
            .unwrap()
            .document_number
            .as_deref(),
        Some("示政办发〔2021〕1号")
    );
    assert_eq!(
        after
            .jurisdiction
            .as_ref()
            .unwrap()
            .document_number
            .as_deref(),
        Some("示政办发〔2024〕9号")
    );
    assert!(before.notices.iter().all(|n| n.code != "JU003"));
}

#[test]
fn dates_before_the_first_version_get_a_notice() {
    let r = registry();
    let early = run(&r, "150", "2020-12-31");
    let n = early
        .notices
        .iter()
        .find(|n| n.code == "JU002")
        .expect("not yet in force");
    assert!(n.message.contains("2021-01-01"), "{}", n.message);
}

#[test]
fn a_repealed_last_version_gets_a_notice() {
    let mut text: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/profiles/example-county.json"
        ))
        .unwrap(),
    )
    .unwrap();
    text["versions"][1]["repealed"] = json!("2030-01-01");
    let mut r = Registry::builtin();
    r.load(&text.to_string()).unwrap();
    let late = run(&r, "150", "2030-01-02");
    assert!(late.notices.iter().any(|n| n.code == "JU003"));
}

#[test]
fn versions_out_of_order_are_rejected() {
    let mut text: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/profiles/example-county.json"
        ))
        .unwrap(),
    )
    .unwrap();
    text["versions"][1]["inForce"] = json!("2020-01-01");
    let errors = Registry::default().load(&text.to_string()).unwrap_err();
    assert_eq!(errors[0].path, "versions[1].inForce");
}

#[test]
fn a_value_serde_refuses_is_located_in_the_formatted_file() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/profiles/example-county.json"
    ))
    .unwrap();
    let mut r = Registry::builtin();
    // The second version's window, many lines down, with a span of an unknown unit.
    let at = text.rfind("\"months\"").unwrap();
    let bad = format!(
        "{}\"weeks\"{}",
        &text[..at],
        &text[at + "\"months\"".len()..]
    );
    let errors = r.load(&bad).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "versions[1].windows[0].max");
    assert!(
        errors[0].message.starts_with("unknown variant `weeks`"),
        "{}",
        errors[0].message
    );
    let bad = text.replacen(
        "\"inForce\": \"2024-07-01\"",
        "\"inForce\": \"2024-7-1\"",
        1,
    );
    assert_ne!(bad, text);
    let errors = r.load(&bad).unwrap_err();
    assert_eq!(errors[0].path, "versions[1].inForce");
    assert_eq!(errors[0].message, "`2024-7-1` is not a date YYYY-MM-DD");
    assert!(r.get("example-county").is_none(), "nothing is half-loaded");
}

#[test]
fn the_english_catalogue_names_a_document_in_chinese_where_the_profile_has_no_english() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/profiles/example-county.json"
    ))
    .unwrap();
    let mut profile: serde_json::Value = serde_json::from_str(&text).unwrap();
    for version in profile["versions"].as_array_mut().unwrap() {
        let form = version["documents"]["applicationForm"]
            .as_object_mut()
            .unwrap();
        form.remove("nameEn");
        for requirement in version["requirements"].as_array_mut().unwrap() {
            if requirement["document"] == "applicationForm" {
                requirement.as_object_mut().unwrap().remove("whyEn");
            }
        }
    }
    let mut r = Registry::builtin();
    r.load(&profile.to_string()).unwrap();
    let summary = |locale| {
        let catalogue = gov_it_rules::catalogue::rules(
            &r,
            Some("example-county"),
            "2025-06-01".parse().unwrap(),
            locale,
        )
        .unwrap();
        catalogue
            .provisions
            .into_iter()
            .find(|p| p.rule == "example.declaration.form")
            .unwrap()
            .summary
    };
    use gov_it_rules::messages::Locale;
    assert_eq!(
        summary(Locale::ZhCn),
        "示例县政务信息化项目申报表：申报须附申报表。"
    );
    // As DC001 names it and says why in English: the profile's Chinese where it has no English.
    assert_eq!(
        summary(Locale::En),
        "示例县政务信息化项目申报表: 申报须附申报表。"
    );
}

/// Every key ending in `En`, taken out of a JSON value.
fn without_english(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(members) => {
            members.retain(|key, _| !key.ends_with("En"));
            members.values_mut().for_each(without_english);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(without_english),
        _ => {}
    }
}

#[test]
fn an_english_report_of_a_profile_written_in_chinese_only_says_so() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/profiles/example-county.json"
    ))
    .unwrap();
    let english = |r: &Registry| {
        let options = Options {
            jurisdiction: "example-county".into(),
            as_of: Some("2025-01-01".parse().unwrap()),
            locale: gov_it_rules::messages::Locale::En,
            ..Options::default()
        };
        r.validate_value(&json!({ "totalInvestment": "300" }), &options)
            .notices
            .iter()
            .any(|n| n.code == "JU006")
    };
    let mut r = Registry::builtin();
    r.load(&text).unwrap();
    assert!(!english(&r), "the fixture has its English texts");
    let mut chinese: serde_json::Value = serde_json::from_str(&text).unwrap();
    without_english(&mut chinese);
    r.load(&chinese.to_string()).unwrap();
    assert!(english(&r));
}
