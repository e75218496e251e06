//! Facts about the built-in profiles' own data that no report shows: these stay in Rust because
//! a case checks a report, and these check the profile (a provision recorded as not formalised,
//! a threshold's value and citation). Everything a report shows is in
//! `src/profiles/<id>.cases.json`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use gov_it_rules::builtin;
use gov_it_rules::profile::Version;

fn current(id: &str) -> &'static Version {
    builtin().get(id).unwrap().versions.last().unwrap()
}

#[test]
fn tinghu_free_maintenance_is_formalised_from_its_parameter() {
    // The report side is the cases `tinghu.free-maintenance.*`.
    let v = current("tinghu");
    assert!(!v
        .not_formalised
        .iter()
        .any(|n| n.id == "tinghu.nf.free-maintenance"));
    assert!(v
        .restrictions
        .iter()
        .any(|r| &*r.id == "tinghu.contract.free-maintenance"));
    assert_eq!(
        v.parameters
            .get("freeMaintenanceMinYears")
            .unwrap()
            .value
            .map(|d| d.to_string()),
        Some("2".to_string())
    );
}

#[test]
fn jiangjin_changes_follow_the_general_investment_rules_not_a_15_percent_rule() {
    // The report side (no adjustment verdict) is the case `jiangjin.adjustment.not-a-15-percent-rule`.
    let v = current("jiangjin");
    assert!(v.adjustment.is_none());
    let nf = v
        .not_formalised
        .iter()
        .find(|n| n.id == "jiangjin.nf.adjustment")
        .expect("recorded as not formalised");
    assert_eq!(nf.cite[0].article, Some(23));
}

#[test]
fn jiangjin_every_threshold_is_a_cited_parameter() {
    let v = current("jiangjin");
    for (name, article) in [("mergeThreshold", 9), ("acceptanceThreshold", 25)] {
        let p = v.parameters.get(name).unwrap();
        assert_eq!(p.value.map(|d| d.to_string()).as_deref(), Some("3000"));
        assert_eq!(p.cite[0].article, Some(article));
    }
}

#[test]
fn xiangcheng_the_limit_is_portal_supplied_and_cited() {
    let v = current("xiangcheng");
    let p = v.parameters.get("governmentProcurementLimit").unwrap();
    assert!(p.value.is_none());
    assert_eq!(p.cite[0].article, Some(18));
    assert_eq!(v.parameters.len(), 1, "the text fixes no other amount");
}
