//! 通州区政务信息化项目建设管理办法 (通政办发〔2023〕7号).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;

use common::*;
use gov_it_rules::profile::{ApprovalNeed, MergeMode, Stage, SupervisionMode};
use serde_json::{json, Value};

const J: &str = "tongzhou";

fn amount(a: &str) -> Value {
    json!({ "totalInvestment": a, "kind": "new" })
}

#[test]
fn complete_declaration_has_no_errors() {
    let r = run(J, Stage::Declaration, fixture("tongzhou-declaration"));
    assert_eq!(r.summary.errors, 0, "{:#?}", r.diagnostics);
    assert!(r.summary.complete);
    assert_eq!(decided(&r.outcomes.approval).need, ApprovalNeed::Required);
    assert_eq!(decided(&r.outcomes.merge).mode, MergeMode::Merge);
    assert_eq!(
        decided(&r.outcomes.supervision).mode,
        SupervisionMode::Mandatory
    );
}

#[test]
fn approval_threshold_50_is_exclusive() {
    for (a, need) in [
        ("49.9999", ApprovalNeed::MayBeExempt),
        ("50", ApprovalNeed::MayBeExempt),
        ("50.0001", ApprovalNeed::Required),
    ] {
        let r = run(J, Stage::Declaration, amount(a));
        assert_eq!(decided(&r.outcomes.approval).need, need, "at {a}");
    }
    let on = run(J, Stage::Declaration, amount("50"));
    let n = on
        .notices
        .iter()
        .find(|n| n.code == "BD001" && n.rule.as_deref() == Some("tongzhou.approval.exemptable"));
    assert!(
        n.is_some_and(|n| n.message.contains("包含本数") && n.message.contains("第八条")),
        "{:#?}",
        on.notices
    );
}

#[test]
fn merge_threshold_300_is_inclusive() {
    for (a, mode) in [
        ("299.9999", MergeMode::Merge),
        ("300", MergeMode::Merge),
        ("300.0001", MergeMode::Separate),
        ("300.01", MergeMode::Separate),
    ] {
        let r = run(J, Stage::Declaration, amount(a));
        assert_eq!(decided(&r.outcomes.merge).mode, mode, "at {a}");
    }
    assert!(notice(&run(J, Stage::Declaration, amount("300")), "BD001"));
    assert!(!run(J, Stage::Declaration, amount("300.01"))
        .notices
        .iter()
        .any(|n| n.code == "BD001"
            && n.params.get("parameter").map(String::as_str) == Some("mergeThreshold")));
}

#[test]
fn merge_by_higher_level_requirement_whatever_the_amount() {
    let r = run(
        J,
        Stage::Declaration,
        json!({ "totalInvestment": "5000", "mandatedBy": ["provincial"] }),
    );
    assert_eq!(decided(&r.outcomes.merge).mode, MergeMode::Merge);
    assert!(fires(&r, "tongzhou.merge.mandated"));
    let county_only = run(
        J,
        Stage::Declaration,
        json!({ "totalInvestment": "5000", "mandatedBy": ["county"] }),
    );
    assert_eq!(
        decided(&county_only.outcomes.merge).mode,
        MergeMode::Separate
    );
}

#[test]
fn supervision_threshold_100_is_exclusive() {
    for (a, mode) in [
        ("99.9999", SupervisionMode::UnifiedService),
        ("100", SupervisionMode::UnifiedService),
        ("100.0001", SupervisionMode::Mandatory),
    ] {
        let r = run(J, Stage::Declaration, amount(a));
        let s = decided(&r.outcomes.supervision);
        assert_eq!(s.mode, mode, "at {a}");
        assert_eq!(
            s.fee_in_budget,
            if mode == SupervisionMode::Mandatory {
                Some(true)
            } else {
                None
            }
        );
    }
}

#[test]
fn outcomes_wait_for_the_amount() {
    let r = run(J, Stage::Declaration, json!({ "name": "x" }));
    let approval = r.outcomes.approval.unwrap();
    assert_eq!(approval.status, gov_it_rules::report::Status::Undetermined);
    assert_eq!(approval.missing, vec!["totalInvestment".to_string()]);
}

#[test]
fn adjustment_of_exactly_15_percent_takes_the_simplified_route() {
    let app = |amount: &str, reason: &str| json!({ "approvedBudget": "400", "adjustment": { "amount": amount, "reason": reason } });
    let at = run(J, Stage::Implementation, app("60", "technicalOptimisation"));
    assert_eq!(decided(&at.outcomes.adjustment).route, "simplified");
    let over = run(
        J,
        Stage::Implementation,
        app("60.0001", "technicalOptimisation"),
    );
    assert_eq!(decided(&over.outcomes.adjustment).route, "full");
    assert!(has(&over, "AD001", "adjustment.amount"));
    let other = run(J, Stage::Implementation, app("10", "other"));
    assert!(has(&other, "AD002", "adjustment.reason"));
}

#[test]
fn acceptance_window_is_six_calendar_months() {
    let app = |applied: &str| json!({ "dates": { "completion": "2024-08-31", "acceptanceApplication": applied } });
    assert!(!has(
        &run(J, Stage::Acceptance, app("2025-02-28")),
        "TW002",
        "dates.acceptanceApplication"
    ));
    assert!(has(
        &run(J, Stage::Acceptance, app("2025-03-01")),
        "TW002",
        "dates.acceptanceApplication"
    ));
    let overdue = run(
        J,
        Stage::Acceptance,
        json!({ "dates": { "completion": "2024-08-31" } }),
    );
    let d = overdue
        .diagnostics
        .iter()
        .find(|d| d.code == "TW003")
        .expect("overdue");
    assert!(d.message.contains("延期验收申请"), "{}", d.message);
    let w = overdue
        .outcomes
        .windows
        .iter()
        .find(|w| w.rule == "tongzhou.window.acceptance-application")
        .unwrap();
    assert_eq!(w.latest.as_deref(), Some("2025-02-28"));
}

fn declaration_with(documents: Value) -> Value {
    with(fixture("tongzhou-declaration"), "documents", documents)
}

#[test]
fn rules_cover_fire_and_quiet() {
    let all_acceptance = json!([
        "constructionSummary",
        "financialReport",
        "auditReport",
        "mlpsFilingCertificate",
        "securityRiskAssessment",
        "mlpsTestReport",
        "classifiedSecurityTestReport",
        "cryptoSecurityAssessment",
        "archiveAcceptance",
        "secrecyReviewCertificate"
    ]);
    let without = |doc: &str| -> Value {
        json!({ "classified": doc == "classifiedSecurityTestReport" || doc == "secrecyReviewCertificate",
                "documents": all_acceptance.as_array().unwrap().iter().filter(|d| *d != doc).cloned().collect::<Vec<_>>() })
    };
    let approval_docs = json!([
        "feasibilityStudy",
        "preliminaryDesign",
        "budgetEstimate",
        "resourceCatalogue",
        "frameworkPlan",
        "constructionApprovals",
        "cryptoPlan",
        "cryptoPlanAssessment",
        "productSecurityStatement"
    ]);
    let approval_without = |doc: &str| -> Value {
        json!({ "totalInvestment": "400", "crossDepartment": true, "newCivilWorks": true, "importantDomainCrypto": true,
                "documents": approval_docs.as_array().unwrap().iter().filter(|d| *d != doc)
                    .map(|d| json!({ "kind": d, "chapters": ["resourceSharingAnalysis"] })).collect::<Vec<_>>() })
    };
    let mut cases = vec![
        Case {
            rule: "tongzhou.approval.required",
            stage: Stage::Declaration,
            fires: amount("50.0001"),
            quiet: amount("50"),
        },
        Case {
            rule: "tongzhou.approval.exemptable",
            stage: Stage::Declaration,
            fires: amount("50"),
            quiet: amount("50.0001"),
        },
        Case {
            rule: "tongzhou.merge.mandated",
            stage: Stage::Declaration,
            fires: json!({ "totalInvestment": "900", "mandatedBy": ["national"] }),
            quiet: amount("900"),
        },
        Case {
            rule: "tongzhou.merge.small",
            stage: Stage::Declaration,
            fires: amount("300"),
            quiet: amount("300.0001"),
        },
        Case {
            rule: "tongzhou.merge.separate",
            stage: Stage::Declaration,
            fires: amount("300.0001"),
            quiet: amount("300"),
        },
        Case {
            rule: "tongzhou.supervision.mandatory",
            stage: Stage::Declaration,
            fires: amount("100.0001"),
            quiet: amount("100"),
        },
        Case {
            rule: "tongzhou.supervision.unified",
            stage: Stage::Declaration,
            fires: amount("100"),
            quiet: amount("100.0001"),
        },
        Case {
            rule: "tongzhou.acceptance.organiser",
            stage: Stage::Acceptance,
            fires: json!({}),
            quiet: Value::Null,
        },
        Case {
            rule: "tongzhou.form.fields",
            stage: Stage::Declaration,
            fires: json!({}),
            quiet: fixture("tongzhou-declaration"),
        },
        Case {
            rule: "tongzhou.declaration.form",
            stage: Stage::Declaration,
            fires: declaration_with(json!(["proposal"])),
            quiet: fixture("tongzhou-declaration"),
        },
        Case {
            rule: "tongzhou.declaration.proposal",
            stage: Stage::Declaration,
            fires: declaration_with(json!(["applicationForm"])),
            quiet: declaration_with(json!(["combinedDocument"])),
        },
        Case {
            rule: "tongzhou.declaration.minutes",
            stage: Stage::Declaration,
            fires: declaration_with(json!([])),
            quiet: fixture("tongzhou-declaration"),
        },
        Case {
            rule: "tongzhou.declaration.proposal-review",
            stage: Stage::Declaration,
            fires: declaration_with(json!([])),
            quiet: fixture("tongzhou-declaration"),
        },
        Case {
            rule: "tongzhou.declaration.status-report",
            stage: Stage::Declaration,
            fires: json!({ "kind": "operations" }),
            quiet: json!({ "kind": "new" }),
        },
        Case {
            rule: "tongzhou.declaration.budget-list",
            stage: Stage::Declaration,
            fires: json!({ "kind": "operations" }),
            quiet: json!({ "kind": "operations", "documents": ["budgetList"] }),
        },
        Case {
            rule: "tongzhou.declaration.security-solution",
            stage: Stage::Declaration,
            fires: declaration_with(json!([])),
            quiet: fixture("tongzhou-declaration"),
        },
        Case {
            rule: "tongzhou.approval.resource-catalogue",
            stage: Stage::Approval,
            fires: approval_without("resourceCatalogue"),
            quiet: approval_without("none"),
        },
        Case {
            rule: "tongzhou.approval.framework",
            stage: Stage::Approval,
            fires: approval_without("frameworkPlan"),
            quiet: json!({ "totalInvestment": "400", "crossDepartment": false }),
        },
        Case {
            rule: "tongzhou.approval.construction-approvals",
            stage: Stage::Approval,
            fires: approval_without("constructionApprovals"),
            quiet: json!({ "totalInvestment": "400" }),
        },
        Case {
            rule: "tongzhou.approval.crypto-plan",
            stage: Stage::Approval,
            fires: approval_without("cryptoPlan"),
            quiet: approval_without("none"),
        },
        Case {
            rule: "tongzhou.approval.crypto-assessment",
            stage: Stage::Approval,
            fires: approval_without("cryptoPlanAssessment"),
            quiet: approval_without("none"),
        },
        Case {
            rule: "tongzhou.approval.product-security",
            stage: Stage::Approval,
            fires: approval_without("productSecurityStatement"),
            quiet: json!({ "totalInvestment": "50" }),
        },
        Case {
            rule: "tongzhou.approval.feasibility",
            stage: Stage::Approval,
            fires: approval_without("feasibilityStudy"),
            quiet: json!({ "totalInvestment": "50" }),
        },
        Case {
            rule: "tongzhou.approval.design",
            stage: Stage::Approval,
            fires: approval_without("preliminaryDesign"),
            quiet: approval_without("none"),
        },
        Case {
            rule: "tongzhou.approval.estimate",
            stage: Stage::Approval,
            fires: approval_without("budgetEstimate"),
            quiet: approval_without("none"),
        },
        Case {
            rule: "tongzhou.window.acceptance-application",
            stage: Stage::Acceptance,
            fires: json!({ "dates": { "completion": "2024-01-01", "acceptanceApplication": "2024-07-02" } }),
            quiet: json!({ "dates": { "completion": "2024-01-01", "acceptanceApplication": "2024-07-01" } }),
        },
        Case {
            rule: "tongzhou.window.self-evaluation",
            stage: Stage::Acceptance,
            fires: json!({ "dates": { "finalAcceptance": "2024-01-01", "selfEvaluation": "2024-06-30" } }),
            quiet: json!({ "dates": { "finalAcceptance": "2024-01-01", "selfEvaluation": "2024-07-01" } }),
        },
        Case {
            rule: "tongzhou.deadline.declaration",
            stage: Stage::Declaration,
            fires: json!({ "year": 2025 }),
            quiet: json!({ "year": 2026 }),
        },
        Case {
            rule: "tongzhou.form.nature",
            stage: Stage::Declaration,
            fires: json!({ "nature": "升级" }),
            quiet: json!({ "nature": "续建" }),
        },
        Case {
            rule: "tongzhou.form.funding-sums",
            stage: Stage::Declaration,
            fires: json!({ "funding": { "thisYear": { "total": "10", "fiscal": "9.9999" } } }),
            quiet: json!({ "funding": { "thisYear": { "total": "10", "fiscal": "9.9999", "other": "0.0001" } } }),
        },
        Case {
            rule: "tongzhou.plan.not-in-plan",
            stage: Stage::Implementation,
            fires: json!({ "inAnnualPlan": false, "emergency": true }),
            quiet: json!({ "inAnnualPlan": false, "emergency": true, "governmentConsent": true }),
        },
        Case {
            rule: "tongzhou.proposal.qualified-designer",
            stage: Stage::Declaration,
            fires: json!({}),
            quiet: json!({ "designerQualified": true }),
        },
        Case {
            rule: "tongzhou.adjustment",
            stage: Stage::Implementation,
            fires: json!({ "approvedBudget": "100", "adjustment": { "amount": "15", "reason": "businessDevelopment" } }),
            quiet: json!({ "approvedBudget": "100" }),
        },
    ];
    for doc in [
        "constructionSummary",
        "financialReport",
        "auditReport",
        "mlpsFilingCertificate",
        "securityRiskAssessment",
        "mlpsTestReport",
        "classifiedSecurityTestReport",
        "cryptoSecurityAssessment",
        "archiveAcceptance",
        "secrecyReviewCertificate",
    ] {
        let rule: &'static str = match doc {
            "constructionSummary" => "tongzhou.acceptance.summary",
            "financialReport" => "tongzhou.acceptance.financial",
            "auditReport" => "tongzhou.acceptance.audit",
            "mlpsFilingCertificate" => "tongzhou.acceptance.mlps-filing",
            "securityRiskAssessment" => "tongzhou.acceptance.risk",
            "mlpsTestReport" => "tongzhou.acceptance.mlps-test",
            "classifiedSecurityTestReport" => "tongzhou.acceptance.classified-test",
            "cryptoSecurityAssessment" => "tongzhou.acceptance.crypto",
            "archiveAcceptance" => "tongzhou.acceptance.archive",
            _ => "tongzhou.acceptance.secrecy-review",
        };
        cases.push(Case {
            rule,
            stage: Stage::Acceptance,
            fires: without(doc),
            quiet: without("none"),
        });
    }
    cases.push(Case {
        rule: "tongzhou.cloud.intensive",
        stage: Stage::Approval,
        fires: json!({ "onGovernmentCloud": false }),
        quiet: json!({ "onGovernmentCloud": true }),
    });
    check_coverage(J, &cases);
}

#[test]
fn chapter_missing_from_the_feasibility_study() {
    let r = run(
        J,
        Stage::Approval,
        json!({ "totalInvestment": "400", "documents": [{ "kind": "feasibilityStudy", "chapters": [] }] }),
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "DC002")
        .expect("DC002");
    assert_eq!(d.path, "documents[0].chapters");
    assert!(d.message.contains("信息资源共享分析"), "{}", d.message);
}
