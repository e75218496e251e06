//! 亭湖区政务信息化项目实施细则（试行）(document number and dates not printed; implements
//! 亭政办发〔2025〕25号).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;

use common::*;
use gov_it_rules::profile::{
    ApprovalNeed, InitialAcceptance, ManagementMode, MergeMode, Stage, SupervisionMode,
};
use gov_it_rules::report::Diagnostic;
use gov_it_rules::Report;
use serde_json::{json, Value};

const J: &str = "tinghu";

fn amount(a: &str) -> Value {
    json!({ "totalInvestment": a, "kind": "new" })
}

fn boundary<'r>(r: &'r Report, rule: &str) -> Option<&'r Diagnostic> {
    r.notices
        .iter()
        .find(|n| n.code == "BD001" && n.rule.as_deref() == Some(rule))
}

#[test]
fn complete_declaration_has_no_errors() {
    let r = run(J, Stage::Declaration, fixture("tinghu-declaration"));
    assert_eq!(r.summary.errors, 0, "{:#?}", r.diagnostics);
    assert_eq!(r.summary.warnings, 0, "{:#?}", r.diagnostics);
    assert!(r.summary.complete);
    assert_eq!(
        decided(&r.outcomes.management).mode,
        ManagementMode::FullProcess
    );
    let approval = decided(&r.outcomes.approval);
    assert_eq!(approval.need, ApprovalNeed::Required);
    assert_eq!(approval.authority.as_deref(), Some("区数据局"));
    assert_eq!(approval.chain, vec!["feasibilityStudy"]);
    assert_eq!(decided(&r.outcomes.merge).mode, MergeMode::Omit);
    let panel = decided(&r.outcomes.expert_panel);
    assert_eq!((panel.min_size, panel.odd), (5, true));
    let review = decided(&r.outcomes.financial_review);
    assert!(review.required);
    assert_eq!(review.by.as_deref(), Some("区财政局"));
    assert_eq!(
        decided(&r.outcomes.supervision).mode,
        SupervisionMode::Mandatory
    );
    assert_eq!(
        decided(&r.outcomes.acceptance).initial_acceptance,
        InitialAcceptance::Required
    );
    assert!(r
        .outcomes
        .required_documents
        .iter()
        .all(|d| d.status == "present"));
}

#[test]
fn the_text_prints_no_number_and_no_dates() {
    let r = run(J, Stage::Declaration, json!({}));
    let info = r.jurisdiction.as_ref().unwrap();
    assert_eq!(info.document_number, None);
    assert_eq!(info.issued, None);
    assert_eq!(info.in_force, None);
    assert!(info.in_force_basis.contains("第44条"));
    assert!(info.in_force_basis.contains("亭政办发〔2025〕25号"));
    assert!(notice(&r, "JU004"));
    assert!(
        !notice(&r, "JU002"),
        "no in-force date, so never 'not yet in force'"
    );
}

#[test]
fn management_threshold_100_includes_100() {
    for (a, mode, need) in [
        ("99.9999", ManagementMode::Filing, ApprovalNeed::NotRequired),
        ("100", ManagementMode::FullProcess, ApprovalNeed::Required),
        (
            "100.0001",
            ManagementMode::FullProcess,
            ApprovalNeed::Required,
        ),
    ] {
        let r = run(J, Stage::Declaration, amount(a));
        assert_eq!(decided(&r.outcomes.management).mode, mode, "at {a}");
        assert_eq!(decided(&r.outcomes.approval).need, need, "at {a}");
    }
    let on = run(J, Stage::Declaration, amount("100"));
    let n = boundary(&on, "tinghu.management.full-process").expect("BD001");
    assert!(
        n.message.contains("第4条（一）")
            && n.message.contains("（含）")
            && n.message.contains("全过程管理"),
        "{}",
        n.message
    );
    assert!(boundary(&on, "tinghu.approval.full-process").is_some());
    assert!(!notice(
        &run(J, Stage::Declaration, amount("100.0001")),
        "BD001"
    ));
}

#[test]
fn expert_panel_threshold_100_and_the_panel_check() {
    for (a, min) in [("99.9999", 3), ("100", 5), ("100.0001", 5)] {
        let r = run(J, Stage::Approval, amount(a));
        let panel = decided(&r.outcomes.expert_panel);
        assert_eq!(panel.min_size, min, "at {a}");
        assert!(panel.odd);
    }
    assert!(boundary(
        &run(J, Stage::Approval, amount("100")),
        "tinghu.expert-panel.large"
    )
    .is_some());
    let panel = |a: &str, size: i64| {
        run(
            J,
            Stage::Approval,
            json!({ "totalInvestment": a, "expertPanel": { "size": size } }),
        )
    };
    let four = panel("120", 4);
    assert!(has(&four, "EP001", "expertPanel.size"));
    assert!(has(&four, "EP002", "expertPanel.size"));
    assert!(!has(&panel("120", 5), "EP001", "expertPanel.size"));
    assert!(!has(&panel("80", 3), "EP001", "expertPanel.size"));
    assert!(has(&panel("80", 2), "EP001", "expertPanel.size"));
    assert!(has(&panel("80", 4), "EP002", "expertPanel.size"));
}

#[test]
fn financial_review_from_50_inclusive() {
    for (a, required) in [("49.9999", false), ("50", true), ("50.0001", true)] {
        let r = run(J, Stage::Approval, amount(a));
        assert_eq!(
            decided(&r.outcomes.financial_review).required,
            required,
            "at {a}"
        );
        assert_eq!(
            fires(&r, "tinghu.approval.financial-review"),
            required,
            "at {a}"
        );
    }
    let on = run(J, Stage::Approval, amount("50"));
    let n = boundary(&on, "tinghu.financial-review.required").expect("BD001");
    assert!(n.message.contains("包含本数"), "{}", n.message);
}

#[test]
fn preliminary_design_only_from_1000() {
    for (a, mode, chain) in [
        ("999.9999", MergeMode::Omit, vec!["feasibilityStudy"]),
        (
            "1000",
            MergeMode::Separate,
            vec!["feasibilityStudy", "preliminaryDesign"],
        ),
        (
            "1000.0001",
            MergeMode::Separate,
            vec!["feasibilityStudy", "preliminaryDesign"],
        ),
    ] {
        let r = run(J, Stage::Approval, amount(a));
        assert_eq!(decided(&r.outcomes.merge).mode, mode, "at {a}");
        assert_eq!(decided(&r.outcomes.approval).chain, chain, "at {a}");
        assert_eq!(
            fires(&r, "tinghu.approval.design"),
            mode == MergeMode::Separate,
            "at {a}"
        );
    }
    let on = run(J, Stage::Approval, amount("1000"));
    assert!(boundary(&on, "tinghu.merge.design-separate").is_some());
    assert!(boundary(&on, "tinghu.approval.full-process-design").is_some());
}

#[test]
fn initial_acceptance_from_100_where_both_clauses_claim_100() {
    for (a, initial) in [
        ("99.9999", InitialAcceptance::Optional),
        ("100", InitialAcceptance::Required),
        ("100.0001", InitialAcceptance::Required),
    ] {
        let r = run(J, Stage::Acceptance, amount(a));
        assert_eq!(
            decided(&r.outcomes.acceptance).initial_acceptance,
            initial,
            "at {a}"
        );
        assert_eq!(
            fires(&r, "tinghu.acceptance.initial-opinion"),
            initial == InitialAcceptance::Required,
            "at {a}"
        );
        assert_eq!(
            fires(&r, "tinghu.acceptance.filing-record"),
            initial == InitialAcceptance::Optional,
            "at {a}"
        );
    }
    let on = run(J, Stage::Acceptance, amount("100"));
    let n = boundary(&on, "tinghu.acceptance.guided").expect("BD001");
    assert!(
        n.message.contains("第19条")
            && n.message.contains("明示")
            && n.message.contains("须经初验"),
        "{}",
        n.message
    );
    // Goods and services are accepted as needed, whatever the amount.
    let service = run(
        J,
        Stage::Acceptance,
        json!({ "kind": "serviceProcurement", "totalInvestment": "500" }),
    );
    assert_eq!(
        decided(&service.outcomes.acceptance).initial_acceptance,
        InitialAcceptance::Optional
    );
}

#[test]
fn final_acceptance_panel_is_odd_external_and_at_least_three() {
    let panel = |size: i64, external: i64| {
        run(
            J,
            Stage::Acceptance,
            json!({ "acceptancePanel": { "size": size, "external": external } }),
        )
    };
    assert!(has(&panel(2, 2), "EP001", "acceptancePanel.size"));
    assert!(has(&panel(4, 4), "EP002", "acceptancePanel.size"));
    assert!(has(&panel(5, 4), "EP003", "acceptancePanel.external"));
    let ok = panel(3, 3);
    assert!(
        !ok.diagnostics.iter().any(|d| d.code.starts_with("EP")),
        "{:#?}",
        ok.diagnostics
    );
}

#[test]
fn windows() {
    // 《项目基本情况备案表》 within 10 working days of approval (Monday 2025-03-03 → 2025-03-17).
    let filing =
        |filed: &str| json!({ "dates": { "approval": "2025-03-03", "basicInfoFiled": filed } });
    assert!(!has(
        &run(J, Stage::Implementation, filing("2025-03-17")),
        "TW002",
        "dates.basicInfoFiled"
    ));
    let late = run(J, Stage::Implementation, filing("2025-03-18"));
    assert!(has(&late, "TW002", "dates.basicInfoFiled"));
    assert!(
        notice(&late, "TW005"),
        "working days are approximate without a holiday calendar"
    );
    let mut options = common::options(J, Stage::Implementation);
    options
        .calendar
        .holidays
        .insert("2025-03-10".parse().unwrap());
    let with_holiday = run_with(filing("2025-03-18"), &options);
    assert!(!has(&with_holiday, "TW002", "dates.basicInfoFiled"));
    assert!(!notice(&with_holiday, "TW005"));

    // Trial run of 3 to 6 months.
    let trial =
        |end: &str| json!({ "dates": { "trialRunStart": "2025-01-10", "trialRunEnd": end } });
    assert!(has(
        &run(J, Stage::Acceptance, trial("2025-04-09")),
        "TW001",
        "dates.trialRunEnd"
    ));
    assert!(!has(
        &run(J, Stage::Acceptance, trial("2025-04-10")),
        "TW001",
        "dates.trialRunEnd"
    ));
    assert!(!has(
        &run(J, Stage::Acceptance, trial("2025-07-10")),
        "TW002",
        "dates.trialRunEnd"
    ));
    assert!(has(
        &run(J, Stage::Acceptance, trial("2025-07-11")),
        "TW002",
        "dates.trialRunEnd"
    ));

    // Report upload within one month of the final acceptance; overdue says what to do.
    let overdue = run(
        J,
        Stage::Acceptance,
        json!({ "dates": { "finalAcceptance": "2025-01-31" } }),
    );
    let d = overdue
        .diagnostics
        .iter()
        .find(|d| d.code == "TW003" && d.path == "dates.reportUploaded")
        .expect("overdue");
    assert!(
        d.message.contains("市级政务信息化项目管理系统"),
        "{}",
        d.message
    );
    assert_eq!(
        overdue
            .outcomes
            .windows
            .iter()
            .find(|w| w.rule == "tinghu.window.report-upload")
            .unwrap()
            .latest
            .as_deref(),
        Some("2025-02-28")
    );
}

#[test]
fn declaration_deadline_is_the_end_of_the_third_quarter() {
    let mut options = common::options(J, Stage::Declaration);
    options.as_of = Some("2025-09-30".parse().unwrap());
    assert!(!has(
        &run_with(json!({ "year": 2026 }), &options),
        "TW004",
        "year"
    ));
    options.as_of = Some("2025-10-01".parse().unwrap());
    let late = run_with(json!({ "year": 2026 }), &options);
    let d = late
        .diagnostics
        .iter()
        .find(|d| d.code == "TW004")
        .expect("TW004");
    assert!(d.message.contains("2025-09-30"), "{}", d.message);
}

#[test]
fn mobile_apps_and_the_cloud() {
    let app = run(
        J,
        Stage::Declaration,
        json!({ "standaloneMobileApp": true, "onGovernmentCloud": true }),
    );
    let d = app
        .diagnostics
        .iter()
        .find(|d| d.code == "RX001")
        .expect("RX001");
    assert_eq!(d.path, "standaloneMobileApp");
    assert!(d.message.contains("市级统一移动门户"), "{}", d.message);
    let off_cloud = run(
        J,
        Stage::Declaration,
        with(
            fixture("tinghu-declaration"),
            "onGovernmentCloud",
            json!(false),
        ),
    );
    let d = off_cloud
        .diagnostics
        .iter()
        .find(|d| d.code == "RX001")
        .expect("RX001");
    assert_eq!(d.severity, gov_it_rules::codes::Severity::Warning);
    assert_eq!(off_cloud.summary.errors, 0, "only a warning at declaration");
    // A filing-managed project off the shared infrastructure may not go ahead (第26条（二）).
    let small = run(
        J,
        Stage::Approval,
        json!({ "totalInvestment": "80", "inAnnualPlan": true }),
    );
    assert!(fires(&small, "tinghu.filing.shared-infrastructure"));
    assert!(small.diagnostics.iter().any(|d| d.code == "RX001"
        && d.severity == gov_it_rules::codes::Severity::Error
        && d.path == "onGovernmentCloud"));
}

#[test]
fn free_maintenance_is_not_formalised() {
    let p = gov_it_rules::builtin().get(J).unwrap();
    let v = p.versions.last().unwrap();
    assert!(v
        .not_formalised
        .iter()
        .any(|n| n.id == "tinghu.nf.free-maintenance"));
    assert_eq!(
        v.parameters["freeMaintenanceMinYears"]
            .value
            .map(|d| d.to_string()),
        Some("2".to_string())
    );
}

fn docs(app: Value, documents: Value) -> Value {
    with(app, "documents", documents)
}

#[test]
fn rules_cover_fire_and_quiet() {
    use Stage::{Acceptance as Acc, Approval as App, Declaration as Dec, Implementation as Imp};
    let c = |rule: &'static str, stage: Stage, fires: Value, quiet: Value| Case {
        rule,
        stage,
        fires,
        quiet,
    };
    let with_chapters =
        |kind: &str, chapters: &[&str]| json!([{ "kind": kind, "chapters": chapters }]);
    let mut cases = vec![
        c(
            "tinghu.approval.full-process-design",
            Dec,
            amount("1000"),
            amount("999.9999"),
        ),
        c(
            "tinghu.approval.full-process",
            Dec,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.approval.filing",
            Dec,
            amount("99.9999"),
            amount("100"),
        ),
        c(
            "tinghu.management.full-process",
            Dec,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.management.filing",
            Dec,
            amount("99.9999"),
            amount("100"),
        ),
        c(
            "tinghu.merge.design-separate",
            Dec,
            amount("1000"),
            amount("999.9999"),
        ),
        c(
            "tinghu.merge.no-design",
            Dec,
            amount("999.9999"),
            amount("1000"),
        ),
        c("tinghu.supervision.mandatory", Dec, json!({}), Value::Null),
        c(
            "tinghu.expert-panel.large",
            App,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.expert-panel.standard",
            App,
            amount("99.9999"),
            amount("100"),
        ),
        c(
            "tinghu.financial-review.required",
            App,
            amount("50"),
            amount("49.9999"),
        ),
        c(
            "tinghu.financial-review.not-required",
            App,
            amount("49.9999"),
            amount("50"),
        ),
        c(
            "tinghu.acceptance.goods-services",
            Acc,
            json!({ "kind": "operations" }),
            amount("100"),
        ),
        c(
            "tinghu.acceptance.guided",
            Acc,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.acceptance.self-organised",
            Acc,
            amount("99.9999"),
            amount("100"),
        ),
        c(
            "tinghu.final-acceptance.experts",
            Acc,
            json!({ "acceptancePanel": { "size": 4, "external": 4 } }),
            json!({ "acceptancePanel": { "size": 5, "external": 5 } }),
        ),
        c(
            "tinghu.form.fields",
            Dec,
            json!({}),
            fixture("tinghu-declaration"),
        ),
        // Declaration documents.
        c(
            "tinghu.declaration.form",
            Dec,
            json!({}),
            json!({ "documents": ["applicationForm"] }),
        ),
        c(
            "tinghu.declaration.implementation-plan",
            Dec,
            json!({ "kind": "upgrade" }),
            json!({ "kind": "operations" }),
        ),
        c(
            "tinghu.declaration.previous-contract",
            Dec,
            json!({ "kind": "operations" }),
            json!({ "kind": "new" }),
        ),
        c(
            "tinghu.declaration.service-requirements",
            Dec,
            json!({ "kind": "serviceProcurement" }),
            json!({ "kind": "continuation" }),
        ),
        c(
            "tinghu.declaration.basis",
            Dec,
            json!({}),
            json!({ "documents": ["superiorBasis"] }),
        ),
        // Approval documents.
        c(
            "tinghu.approval.feasibility",
            App,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.approval.design",
            App,
            amount("1000"),
            amount("999.9999"),
        ),
        c(
            "tinghu.approval.resource-catalogue",
            App,
            amount("100"),
            docs(
                amount("100"),
                with_chapters(
                    "resourceCatalogue",
                    &["sharingList", "openList", "authorisedOperationList"],
                ),
            ),
        ),
        c(
            "tinghu.filing.data-catalogue",
            App,
            amount("99.9999"),
            docs(amount("99.9999"), json!(["resourceCatalogue"])),
        ),
        c(
            "tinghu.approval.digital-assets",
            App,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.approval.cost-assessment",
            App,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.approval.crypto-plan",
            App,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.approval.security-plan",
            App,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.approval.operations-plan",
            App,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.approval.expert-opinion",
            App,
            json!({}),
            json!({ "documents": ["expertReviewOpinion"] }),
        ),
        c(
            "tinghu.approval.financial-review",
            App,
            amount("50"),
            amount("49.9999"),
        ),
        // Implementation documents.
        c(
            "tinghu.implementation.basic-info-form",
            Imp,
            json!({}),
            json!({ "documents": ["basicInfoForm"] }),
        ),
        c(
            "tinghu.implementation.contract",
            Imp,
            json!({ "documents": ["procurementContract"] }),
            json!({ "documents": with_chapters("procurementContract",
            &["intellectualProperty", "dataRights", "dataSecurity", "confidentiality", "warrantyPeriod", "maintenanceTerms"]) }),
        ),
        c(
            "tinghu.implementation.security-agreement",
            Imp,
            json!({}),
            json!({ "documents": ["securityAgreement"] }),
        ),
        c(
            "tinghu.implementation.plans",
            Imp,
            json!({ "documents": ["projectPlans"] }),
            json!({ "documents": with_chapters("projectPlans",
            &["cloudPlan", "mlpsPlan", "cryptoWorkPlan", "qualityPlan", "staffingPlan", "managementRules", "trialRunPlan", "acceptancePlan"]) }),
        ),
        // Acceptance documents.
        c(
            "tinghu.acceptance.initial-opinion",
            Acc,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.acceptance.rectification-list",
            Acc,
            amount("100"),
            amount("99.9999"),
        ),
        c(
            "tinghu.acceptance.test-report",
            Acc,
            json!({ "kind": "new" }),
            json!({ "kind": "operations" }),
        ),
        c(
            "tinghu.acceptance.self-report",
            Acc,
            json!({ "kind": "new" }),
            json!({ "kind": "serviceProcurement" }),
        ),
        c(
            "tinghu.acceptance.archive",
            Acc,
            json!({}),
            json!({ "documents": ["archiveAcceptance"] }),
        ),
        c(
            "tinghu.acceptance.filing-record",
            Acc,
            amount("99.9999"),
            amount("100"),
        ),
        // Windows.
        c(
            "tinghu.window.basic-info-filing",
            App,
            json!({ "dates": { "approval": "2025-03-03", "basicInfoFiled": "2025-03-18" } }),
            json!({ "dates": { "approval": "2025-03-03", "basicInfoFiled": "2025-03-17" } }),
        ),
        c(
            "tinghu.window.trial-after-initial",
            Acc,
            json!({ "dates": { "initialAcceptance": "2025-01-10", "trialRunStart": "2025-01-09" } }),
            json!({ "dates": { "initialAcceptance": "2025-01-10", "trialRunStart": "2025-01-10" } }),
        ),
        c(
            "tinghu.window.trial-run",
            Acc,
            json!({ "dates": { "trialRunStart": "2025-01-10", "trialRunEnd": "2025-04-09" } }),
            json!({ "dates": { "trialRunStart": "2025-01-10", "trialRunEnd": "2025-04-10" } }),
        ),
        c(
            "tinghu.window.final-after-trial",
            Acc,
            json!({ "dates": { "trialRunEnd": "2025-04-10", "finalAcceptance": "2025-04-09" } }),
            json!({ "dates": { "trialRunEnd": "2025-04-10", "finalAcceptance": "2025-04-10" } }),
        ),
        c(
            "tinghu.window.report-upload",
            Acc,
            json!({ "dates": { "finalAcceptance": "2025-01-31", "reportUploaded": "2025-03-01" } }),
            json!({ "dates": { "finalAcceptance": "2025-01-31", "reportUploaded": "2025-02-28" } }),
        ),
        c(
            "tinghu.window.self-evaluation",
            Acc,
            json!({ "dates": { "finalAcceptance": "2024-01-01", "selfEvaluation": "2025-01-02" } }),
            json!({ "dates": { "finalAcceptance": "2024-01-01", "selfEvaluation": "2025-01-01" } }),
        ),
        c(
            "tinghu.deadline.declaration",
            Dec,
            json!({ "year": 2025 }),
            json!({ "year": 2026 }),
        ),
        // Restrictions.
        c(
            "tinghu.mobile.standalone-app",
            Dec,
            json!({ "standaloneMobileApp": true }),
            json!({ "standaloneMobileApp": false }),
        ),
        c(
            "tinghu.cloud.government-cloud",
            Dec,
            json!({}),
            json!({ "onGovernmentCloud": true }),
        ),
        c(
            "tinghu.plan.not-in-plan",
            App,
            json!({}),
            json!({ "inAnnualPlan": true }),
        ),
        c(
            "tinghu.filing.shared-infrastructure",
            App,
            amount("99.9999"),
            json!({ "totalInvestment": "99.9999", "onGovernmentCloud": true }),
        ),
    ];
    // A document on file quiets each amount-conditioned approval requirement too.
    for (rule, document, chapters) in [
        (
            "tinghu.approval.feasibility",
            "feasibilityStudy",
            vec!["dataResources"],
        ),
        (
            "tinghu.approval.digital-assets",
            "digitalAssetCatalogue",
            vec![],
        ),
        (
            "tinghu.approval.cost-assessment",
            "costAssessmentReport",
            vec!["directCost", "securityCost", "otherCost", "contingency"],
        ),
        (
            "tinghu.approval.crypto-plan",
            "cryptoPlan",
            vec![
                "projectBackground",
                "systemOverview",
                "cryptoNeeds",
                "securityGoals",
                "cryptoDesign",
                "securityManagement",
                "complianceAnalysis",
            ],
        ),
        (
            "tinghu.approval.security-plan",
            "cyberSecurityPlan",
            vec![
                "compilationBasis",
                "securityNeeds",
                "gapAnalysis",
                "overallConstruction",
                "overallDesign",
                "securityConstruction",
                "securityTraining",
                "securitySchedule",
                "securityInvestment",
            ],
        ),
        (
            "tinghu.approval.operations-plan",
            "operationsPlan",
            vec![
                "opsContent",
                "opsPeriod",
                "opsScope",
                "technicalSolution",
                "performanceGoals",
                "costEstimate",
            ],
        ),
    ] {
        let on_file = run(
            J,
            App,
            docs(amount("100"), with_chapters(document, &chapters)),
        );
        assert!(
            !fires(&on_file, rule),
            "{rule} with {document} on file: {:?}",
            fired(&on_file)
        );
        let no_chapters = run(J, App, docs(amount("100"), json!([document])));
        assert_eq!(
            fires(&no_chapters, rule),
            !chapters.is_empty(),
            "{rule} chapters"
        );
    }
    cases.push(c(
        "tinghu.approval.design",
        App,
        docs(amount("1000"), json!(["preliminaryDesign"])),
        docs(
            amount("1000"),
            with_chapters("preliminaryDesign", &["dataResources"]),
        ),
    ));
    check_coverage(J, &cases);
}
