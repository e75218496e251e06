//! 重庆市江津区区级政务信息化项目管理办法 (江津府办发〔2022〕154号).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;

use common::*;
use gov_it_rules::builtin;
use gov_it_rules::profile::{ApprovalNeed, InitialAcceptance, MergeMode, Stage, SupervisionMode};
use serde_json::{json, Value};

const J: &str = "jiangjin";
const COMMISSION: &str = "区发展改革委（区大数据发展局）";
const CHAPTERS: [&str; 6] = [
    "systemIntegration",
    "dataGovernance",
    "dataSharingAnalysis",
    "cyberSecurityMeasures",
    "cryptoApplication",
    "intensiveConstruction",
];

fn amount(a: &str) -> Value {
    json!({ "totalInvestment": a, "kind": "new" })
}

/// The BD001 notice a rule gave, if any.
fn boundary<'r>(
    r: &'r gov_it_rules::Report,
    rule: &str,
) -> Option<&'r gov_it_rules::report::Diagnostic> {
    r.notices
        .iter()
        .find(|n| n.code == "BD001" && n.rule.as_deref() == Some(rule))
}

#[test]
fn complete_declaration_has_no_errors() {
    let r = run(J, Stage::Declaration, fixture("jiangjin-declaration"));
    assert_eq!(r.summary.errors, 0, "{:#?}", r.diagnostics);
    assert!(r.summary.complete);
    let approval = decided(&r.outcomes.approval);
    assert_eq!(approval.need, ApprovalNeed::Required);
    assert_eq!(approval.authority.as_deref(), Some(COMMISSION));
    let merge = decided(&r.outcomes.merge);
    assert_eq!(merge.mode, MergeMode::Substitute);
    assert_eq!(merge.documents, vec!["feasibilityStudy", "budgetEstimate"]);
    assert_eq!(merge.replaces, vec!["preliminaryDesign"]);
    let supervision = decided(&r.outcomes.supervision);
    assert_eq!(supervision.mode, SupervisionMode::Mandatory);
    assert_eq!(
        supervision.fee_in_budget, None,
        "the text is silent on the fee"
    );
    let acceptance = decided(&r.outcomes.acceptance);
    assert_eq!(acceptance.organiser, "项目建设单位");
    assert_eq!(acceptance.result_filed_with.as_deref(), Some(COMMISSION));
    let info = r.jurisdiction.unwrap();
    assert_eq!(
        info.document_number.as_deref(),
        Some("江津府办发〔2022〕154号")
    );
    assert_eq!(info.in_force.as_deref(), Some("2022-09-28"));
}

#[test]
fn every_project_is_approved_by_the_commission_whatever_the_amount() {
    for a in ["0", "2999.9999", "3000", "3000.0001", "99999"] {
        let approval = decided(&run(J, Stage::Declaration, amount(a)).outcomes.approval);
        assert_eq!(approval.need, ApprovalNeed::Required, "at {a}");
        assert_eq!(approval.authority.as_deref(), Some(COMMISSION));
    }
}

#[test]
fn merge_threshold_3000_belongs_to_the_separate_route() {
    for (a, mode) in [
        ("2999.9999", MergeMode::Substitute),
        ("3000", MergeMode::Separate),
        ("3000.0001", MergeMode::Separate),
    ] {
        let r = run(J, Stage::Declaration, amount(a));
        assert_eq!(decided(&r.outcomes.merge).mode, mode, "at {a}");
    }
    let on = run(J, Stage::Declaration, amount("3000"));
    let n = boundary(&on, "jiangjin.merge.separate").expect("BD001 at 3000");
    assert_eq!(
        n.params.get("parameter").map(String::as_str),
        Some("mergeThreshold")
    );
    assert!(
        n.message.contains("第九条")
            && n.message.contains("3000万元（含）以上")
            && n.message.contains("初步设计"),
        "{}",
        n.message
    );
    for a in ["2999.9999", "3000.0001"] {
        let r = run(J, Stage::Declaration, amount(a));
        assert!(
            !r.notices.iter().any(|n| n.code == "BD001"),
            "no boundary notice at {a}: {:#?}",
            r.notices
        );
    }
}

#[test]
fn acceptance_threshold_3000_decides_who_organises() {
    for (a, organiser, filed) in [
        ("2999.9999", "项目建设单位", Some(COMMISSION)),
        ("3000", COMMISSION, None),
        ("3000.0001", COMMISSION, None),
    ] {
        let r = run(J, Stage::Acceptance, amount(a));
        let acceptance = decided(&r.outcomes.acceptance);
        assert_eq!(acceptance.organiser, organiser, "at {a}");
        assert_eq!(acceptance.result_filed_with.as_deref(), filed, "at {a}");
        assert_eq!(
            acceptance.initial_acceptance,
            InitialAcceptance::NotProvided
        );
    }
    let on = run(J, Stage::Acceptance, amount("3000"));
    let n = boundary(&on, "jiangjin.acceptance.district").expect("BD001 at 3000");
    assert_eq!(
        n.params.get("parameter").map(String::as_str),
        Some("acceptanceThreshold")
    );
    assert!(n.message.contains("第二十五条"), "{}", n.message);
}

#[test]
fn outcomes_wait_for_the_amount() {
    let r = run(J, Stage::Declaration, json!({ "name": "x" }));
    for o in [
        r.outcomes.merge.as_ref().unwrap().missing.clone(),
        r.outcomes.acceptance.as_ref().unwrap().missing.clone(),
    ] {
        assert_eq!(o, vec!["totalInvestment".to_string()]);
    }
    // Approval and supervision do not turn on the amount.
    assert_eq!(decided(&r.outcomes.approval).need, ApprovalNeed::Required);
    assert_eq!(
        decided(&r.outcomes.supervision).mode,
        SupervisionMode::Mandatory
    );
}

#[test]
fn the_preliminary_design_is_required_from_3000() {
    let status = |a: &str| {
        let r = run(J, Stage::Approval, amount(a));
        r.outcomes
            .required_documents
            .iter()
            .find(|d| d.rule == "jiangjin.approval.design")
            .map(|d| d.status)
    };
    assert_eq!(status("2999.9999"), None);
    assert_eq!(status("3000"), Some("missing"));
    assert_eq!(status("3000.0001"), Some("missing"));
    assert_eq!(
        status("abc"),
        Some("conditional"),
        "an unreadable amount leaves it conditional"
    );
}

#[test]
fn approval_documents_need_the_six_chapters_of_article_14() {
    let r = run(
        J,
        Stage::Approval,
        json!({ "totalInvestment": "500", "documents": [{ "kind": "feasibilityStudy", "chapters": ["systemIntegration"] }] }),
    );
    let missing: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "DC002" && d.rule.as_deref() == Some("jiangjin.approval.feasibility"))
        .collect();
    assert_eq!(missing.len(), 5, "{missing:#?}");
    assert!(missing.iter().all(|d| d.path == "documents[0].chapters"));
    assert!(missing.iter().any(|d| d.message.contains("密码应用方案")));
    assert!(missing
        .iter()
        .any(|d| d.message.contains("数据资源收集治理及业务应用梳理")));
}

#[test]
fn acceptance_within_six_months_by_amount() {
    let big = |applied: &str| json!({ "totalInvestment": "3000", "dates": { "completion": "2024-08-31", "acceptanceApplication": applied } });
    assert!(!has(
        &run(J, Stage::Acceptance, big("2025-02-28")),
        "TW002",
        "dates.acceptanceApplication"
    ));
    assert!(has(
        &run(J, Stage::Acceptance, big("2025-03-01")),
        "TW002",
        "dates.acceptanceApplication"
    ));
    let small = |held: &str| json!({ "totalInvestment": "2999.9999", "dates": { "completion": "2024-08-31", "finalAcceptance": held } });
    assert!(!has(
        &run(J, Stage::Acceptance, small("2025-02-28")),
        "TW002",
        "dates.finalAcceptance"
    ));
    assert!(has(
        &run(J, Stage::Acceptance, small("2025-03-01")),
        "TW002",
        "dates.finalAcceptance"
    ));
    // Each route counts only its own date.
    let r = run(
        J,
        Stage::Acceptance,
        json!({ "totalInvestment": "3000", "dates": { "completion": "2024-08-31", "acceptanceApplication": "2024-09-01", "finalAcceptance": "2025-05-01" } }),
    );
    assert!(
        !has(&r, "TW002", "dates.finalAcceptance"),
        "{:#?}",
        r.diagnostics
    );
    let overdue = run(
        J,
        Stage::Acceptance,
        json!({ "totalInvestment": "5000", "dates": { "completion": "2024-08-31" } }),
    );
    let d = overdue
        .diagnostics
        .iter()
        .find(|d| d.code == "TW003")
        .expect("overdue");
    assert!(d.message.contains("延期验收申请"), "{}", d.message);
}

#[test]
fn performance_evaluation_12_to_24_months_after_acceptance() {
    let app = |evaluated: &str| json!({ "dates": { "finalAcceptance": "2024-01-15", "selfEvaluation": evaluated } });
    let early = run(J, Stage::Acceptance, app("2025-01-14"));
    let d = early
        .diagnostics
        .iter()
        .find(|d| d.code == "TW001")
        .expect("too early");
    assert_eq!(d.severity, gov_it_rules::codes::Severity::Warning);
    assert!(!has(
        &run(J, Stage::Acceptance, app("2025-01-15")),
        "TW001",
        "dates.selfEvaluation"
    ));
    assert!(!has(
        &run(J, Stage::Acceptance, app("2026-01-15")),
        "TW002",
        "dates.selfEvaluation"
    ));
    assert!(has(
        &run(J, Stage::Acceptance, app("2026-01-16")),
        "TW002",
        "dates.selfEvaluation"
    ));
}

#[test]
fn changes_follow_the_general_investment_rules_not_a_15_percent_rule() {
    let r = run(
        J,
        Stage::Implementation,
        json!({ "approvedBudget": "1000", "adjustment": { "amount": "100", "reason": "technicalOptimisation" } }),
    );
    assert!(r.outcomes.adjustment.is_none());
    let v = builtin().get(J).unwrap().versions.last().unwrap();
    assert!(v.adjustment.is_none());
    let nf = v
        .not_formalised
        .iter()
        .find(|n| n.id == "jiangjin.nf.adjustment")
        .expect("recorded as not formalised");
    assert_eq!(nf.cite[0].article, Some(23));
}

#[test]
fn every_threshold_is_a_cited_parameter() {
    let v = builtin().get(J).unwrap().versions.last().unwrap();
    for (name, article) in [("mergeThreshold", 9), ("acceptanceThreshold", 25)] {
        let p = &v.parameters[name];
        assert_eq!(p.value.map(|d| d.to_string()).as_deref(), Some("3000"));
        assert_eq!(p.cite[0].article, Some(article));
    }
}

fn approval_without(doc: &str) -> Value {
    let docs = [
        "feasibilityStudy",
        "preliminaryDesign",
        "budgetEstimate",
        "resourceCatalogue",
        "cryptoPlan",
        "priorPostEvaluation",
        "frameworkPlan",
        "constructionApprovals",
        "productSecurityStatement",
        "requestDocument",
    ];
    json!({
        "totalInvestment": "3000", "kind": "upgrade", "crossDepartment": true, "newCivilWorks": true,
        "inAnnualPlan": true, "onGovernmentCloud": true,
        "documents": docs.iter().filter(|d| **d != doc)
            .map(|d| json!({ "kind": d, "chapters": CHAPTERS })).collect::<Vec<_>>()
    })
}

const ACCEPTANCE_DOCS: [(&str, &str); 10] = [
    ("constructionSummary", "jiangjin.acceptance.summary"),
    ("financialReport", "jiangjin.acceptance.financial"),
    ("auditReport", "jiangjin.acceptance.audit"),
    ("securityRiskAssessment", "jiangjin.acceptance.risk"),
    ("mlpsTestReport", "jiangjin.acceptance.mlps-test"),
    (
        "classifiedSecurityTestReport",
        "jiangjin.acceptance.classified-test",
    ),
    ("mlpsFilingCertificate", "jiangjin.acceptance.mlps-filing"),
    ("cryptoSecurityAssessment", "jiangjin.acceptance.crypto"),
    ("dataDictionary", "jiangjin.acceptance.data-dictionary"),
    ("archiveAcceptance", "jiangjin.acceptance.archive"),
];

fn acceptance_without(doc: &str) -> Value {
    json!({
        "classified": doc == "classifiedSecurityTestReport",
        "documents": ACCEPTANCE_DOCS.iter().map(|(d, _)| *d).filter(|d| *d != doc).collect::<Vec<_>>()
    })
}

#[test]
fn acceptance_materials_are_the_same_on_both_routes() {
    for a in ["2999.9999", "3000"] {
        let mut app = acceptance_without("dataDictionary");
        app["totalInvestment"] = json!(a);
        let r = run(J, Stage::Acceptance, app);
        assert!(fires(&r, "jiangjin.acceptance.data-dictionary"), "at {a}");
        let d = r.diagnostics.iter().find(|d| d.code == "DC001").unwrap();
        assert!(d.message.contains("数据字典"), "{}", d.message);
    }
}

#[test]
fn rules_cover_fire_and_quiet() {
    let window = |amount: &str, to: &str, date: &str| json!({ "totalInvestment": amount, "dates": { "completion": "2024-01-01", to: date } });
    let mut cases = vec![
        Case {
            rule: "jiangjin.approval.required",
            stage: Stage::Declaration,
            fires: amount("1"),
            quiet: Value::Null,
        },
        Case {
            rule: "jiangjin.merge.substitute",
            stage: Stage::Declaration,
            fires: amount("2999.9999"),
            quiet: amount("3000"),
        },
        Case {
            rule: "jiangjin.merge.separate",
            stage: Stage::Declaration,
            fires: amount("3000"),
            quiet: amount("2999.9999"),
        },
        Case {
            rule: "jiangjin.supervision.mandatory",
            stage: Stage::Declaration,
            fires: amount("1"),
            quiet: Value::Null,
        },
        Case {
            rule: "jiangjin.acceptance.district",
            stage: Stage::Acceptance,
            fires: amount("3000"),
            quiet: amount("2999.9999"),
        },
        Case {
            rule: "jiangjin.acceptance.self",
            stage: Stage::Acceptance,
            fires: amount("2999.9999"),
            quiet: amount("3000"),
        },
        Case {
            rule: "jiangjin.form.facts",
            stage: Stage::Declaration,
            fires: json!({}),
            quiet: fixture("jiangjin-declaration"),
        },
        Case {
            rule: "jiangjin.acceptance.dates",
            stage: Stage::Acceptance,
            fires: json!({}),
            quiet: json!({ "dates": { "completion": "2025-01-01" } }),
        },
        Case {
            rule: "jiangjin.declaration.performance-targets",
            stage: Stage::Declaration,
            fires: json!({ "kind": "new" }),
            quiet: json!({ "kind": "operations" }),
        },
        Case {
            rule: "jiangjin.approval.feasibility",
            stage: Stage::Approval,
            fires: approval_without("feasibilityStudy"),
            quiet: approval_without("none"),
        },
        Case {
            rule: "jiangjin.approval.estimate",
            stage: Stage::Approval,
            fires: approval_without("budgetEstimate"),
            quiet: approval_without("none"),
        },
        Case {
            rule: "jiangjin.approval.design",
            stage: Stage::Approval,
            fires: approval_without("preliminaryDesign"),
            quiet: amount("2999.9999"),
        },
        Case {
            rule: "jiangjin.approval.resource-catalogue",
            stage: Stage::Approval,
            fires: approval_without("resourceCatalogue"),
            quiet: approval_without("none"),
        },
        Case {
            rule: "jiangjin.approval.crypto-plan",
            stage: Stage::Approval,
            fires: approval_without("cryptoPlan"),
            quiet: approval_without("none"),
        },
        Case {
            rule: "jiangjin.approval.post-evaluation",
            stage: Stage::Approval,
            fires: approval_without("priorPostEvaluation"),
            quiet: amount("3000"),
        },
        Case {
            rule: "jiangjin.approval.framework",
            stage: Stage::Approval,
            fires: approval_without("frameworkPlan"),
            quiet: json!({ "crossDepartment": false }),
        },
        Case {
            rule: "jiangjin.approval.construction-approvals",
            stage: Stage::Approval,
            fires: approval_without("constructionApprovals"),
            quiet: json!({ "newCivilWorks": false, "highEnergyUse": false }),
        },
        Case {
            rule: "jiangjin.approval.product-security",
            stage: Stage::Approval,
            fires: approval_without("productSecurityStatement"),
            quiet: approval_without("none"),
        },
        Case {
            rule: "jiangjin.approval.request-chapters",
            stage: Stage::Approval,
            fires: json!({ "documents": [{ "kind": "requestDocument", "chapters": ["systemIntegration"] }] }),
            quiet: approval_without("none"),
        },
        Case {
            rule: "jiangjin.implementation.supervision-contract",
            stage: Stage::Implementation,
            fires: json!({}),
            quiet: json!({ "documents": ["supervisionContract"] }),
        },
        Case {
            rule: "jiangjin.window.acceptance-application",
            stage: Stage::Acceptance,
            fires: window("3000", "acceptanceApplication", "2024-07-02"),
            quiet: window("3000", "acceptanceApplication", "2024-07-01"),
        },
        Case {
            rule: "jiangjin.window.self-acceptance",
            stage: Stage::Acceptance,
            fires: window("2999.9999", "finalAcceptance", "2024-07-02"),
            quiet: window("3000", "finalAcceptance", "2024-07-02"),
        },
        Case {
            rule: "jiangjin.window.performance-evaluation",
            stage: Stage::Acceptance,
            fires: json!({ "dates": { "finalAcceptance": "2024-01-01", "selfEvaluation": "2024-12-31" } }),
            quiet: json!({ "dates": { "finalAcceptance": "2024-01-01", "selfEvaluation": "2025-01-01" } }),
        },
        Case {
            rule: "jiangjin.plan.not-listed",
            stage: Stage::Approval,
            fires: json!({ "inAnnualPlan": false }),
            quiet: json!({ "inAnnualPlan": true }),
        },
        Case {
            rule: "jiangjin.cloud.government-cloud",
            stage: Stage::Approval,
            fires: json!({}),
            quiet: json!({ "onGovernmentCloud": true }),
        },
    ];
    for (doc, rule) in ACCEPTANCE_DOCS {
        cases.push(Case {
            rule,
            stage: Stage::Acceptance,
            fires: acceptance_without(doc),
            quiet: acceptance_without("none"),
        });
    }
    check_coverage(J, &cases);
}
