//! 歙县政务信息化项目建设管理暂行办法 (歙政办秘〔2023〕63号).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;

use std::collections::BTreeSet;

use common::*;
use gov_it_rules::profile::{ApprovalNeed, InitialAcceptance, MergeMode, Stage, SupervisionMode};
use gov_it_rules::report::{Diagnostic, Status};
use gov_it_rules::{Options, Report};
use serde_json::{json, Value};

const J: &str = "shexian";
const LIMIT: &str = "decentralizedProcurementLimit";
const ESCALATE: &str = "由县数据资源局逐级报市、省数据资源局审核同意后，再按程序审批（第二十五条）";

/// Options with the 分散采购限额标准 the portal supplies.
fn with_limit(stage: Stage, limit: &str) -> Options {
    let mut o = common::options(J, stage);
    o.parameters.insert(LIMIT.into(), limit.parse().unwrap());
    o
}

fn run_limit(stage: Stage, limit: &str, app: Value) -> Report {
    run_with(app, &with_limit(stage, limit))
}

fn project(kind: &str, amount: &str) -> Value {
    json!({ "kind": kind, "totalInvestment": amount })
}

fn boundary<'r>(r: &'r Report, rule: &str) -> Option<&'r Diagnostic> {
    r.notices
        .iter()
        .find(|n| n.code == "BD001" && n.rule.as_deref() == Some(rule))
}

fn approval_rule(r: &Report) -> String {
    let o = r.outcomes.approval.as_ref().unwrap();
    assert_eq!(o.status, Status::Determined, "missing {:?}", o.missing);
    o.because[0].rule.clone()
}

#[test]
fn complete_declaration_has_no_errors() {
    let r = run_limit(Stage::Declaration, "100", fixture("shexian-declaration"));
    assert_eq!(r.summary.errors, 0, "{:#?}", r.diagnostics);
    assert_eq!(r.summary.warnings, 0, "{:#?}", r.diagnostics);
    assert!(r.summary.complete);
    let approval = decided(&r.outcomes.approval);
    assert_eq!(approval.need, ApprovalNeed::Required);
    assert_eq!(approval.authority.as_deref(), Some("县数据资源局"));
    assert_eq!(approval.chain, vec!["proposal", "feasibilityStudy"]);
    let merge = decided(&r.outcomes.merge);
    assert_eq!(merge.mode, MergeMode::Omit);
    assert_eq!(merge.replaces, vec!["preliminaryDesign"]);
    let supervision = decided(&r.outcomes.supervision);
    assert_eq!(supervision.mode, SupervisionMode::InPrinciple);
    assert_eq!(
        supervision.fee_in_budget, None,
        "the text is silent on the fee"
    );
    assert_eq!(supervision.also_in_budget.len(), 3);
    let acceptance = decided(&r.outcomes.acceptance);
    assert_eq!(acceptance.initial_acceptance, InitialAcceptance::Required);
    assert!(!notice(&r, "JU005"));
    assert!(!notice(&r, "JU004"), "歙县 prints its number and dates");

    // Without the limit the declaration is still complete: only the route is undetermined.
    let bare = run(J, Stage::Declaration, fixture("shexian-declaration"));
    assert_eq!(bare.summary.errors, 0, "{:#?}", bare.diagnostics);
    assert_eq!(
        bare.outcomes.approval.as_ref().unwrap().status,
        Status::Undetermined
    );
    assert!(notice(&bare, "JU005"));
}

#[test]
fn complete_approval_application_has_no_errors() {
    let mut app = fixture("shexian-declaration");
    app["inAnnualPlan"] = json!(true);
    app["documents"] = json!([
        { "kind": "feasibilityStudy", "title": "歙县应急指挥综合信息平台升级改造项目可行性研究报告", "chapters": ["dataSharingAnalysis"] },
        { "kind": "resourceCatalogue", "title": "歙县应急指挥综合信息平台数据资源目录" },
        { "kind": "productSecurityStatement" }
    ]);
    let r = run_limit(Stage::Approval, "100", app);
    assert_eq!(r.summary.errors, 0, "{:#?}", r.diagnostics);
    assert_eq!(
        approval_rule(&r),
        "shexian.approval.route.feasibility-in-plan"
    );
    assert_eq!(
        decided(&r.outcomes.approval).chain,
        vec!["feasibilityStudy"]
    );
    assert!(r
        .outcomes
        .required_documents
        .iter()
        .all(|d| d.status == "present"));
}

#[test]
fn the_procurement_limit_is_a_portal_parameter() {
    let app = project("new", "300");
    let bare = run(J, Stage::Approval, app.clone());
    for outcome in [
        bare.outcomes
            .approval
            .as_ref()
            .map(|o| (o.status, &o.missing)),
        bare.outcomes.merge.as_ref().map(|o| (o.status, &o.missing)),
    ] {
        let (status, missing) = outcome.unwrap();
        assert_eq!(status, Status::Undetermined);
        assert_eq!(missing, &vec![format!("parameter:{LIMIT}")]);
    }
    let n = bare
        .notices
        .iter()
        .find(|n| n.code == "JU005")
        .expect("JU005");
    assert!(n.message.contains("分散采购限额标准"), "{}", n.message);
    assert_eq!(n.rule.as_deref(), Some(LIMIT));
    assert!(n.citations.iter().any(|c| c.article == "第二十条（一）"));
    // The documents that turn on the limit wait for it instead of being reported missing.
    for rule in [
        "shexian.approval.construction-plan",
        "shexian.approval.feasibility",
    ] {
        let d = bare
            .outcomes
            .required_documents
            .iter()
            .find(|d| d.rule == rule)
            .unwrap();
        assert_eq!(d.status, "conditional", "{rule}");
    }
    assert!(!fires(&bare, "shexian.approval.feasibility"));
    assert!(!fires(&bare, "shexian.approval.construction-plan"));

    let supplied = run_limit(Stage::Approval, "400", app.clone());
    let approval = decided(&supplied.outcomes.approval);
    assert_eq!(approval.chain, vec!["constructionPlan"]);
    assert_eq!(decided(&supplied.outcomes.merge).mode, MergeMode::Lighter);
    assert!(!notice(&supplied, "JU005"));
    let lower = run_limit(Stage::Approval, "200", app);
    assert_eq!(
        decided(&lower.outcomes.approval).chain,
        vec!["proposal", "feasibilityStudy"]
    );

    // Routes that do not turn on the limit are decided without it.
    let ops = run(J, Stage::Declaration, project("operations", "300"));
    assert_eq!(
        decided(&ops.outcomes.approval).need,
        ApprovalNeed::NotRequired
    );
    assert!(!notice(&ops, "JU005"));
    let urgent = run(
        J,
        Stage::Declaration,
        json!({ "kind": "new", "totalInvestment": "300", "urgent": true }),
    );
    assert_eq!(decided(&urgent.outcomes.merge).mode, MergeMode::Merge);
}

#[test]
fn exactly_on_the_limit_takes_the_feasibility_route() {
    for (a, mode, chain) in [
        ("99.9999", MergeMode::Lighter, vec!["constructionPlan"]),
        ("100", MergeMode::Omit, vec!["proposal", "feasibilityStudy"]),
        (
            "100.0001",
            MergeMode::Omit,
            vec!["proposal", "feasibilityStudy"],
        ),
    ] {
        let r = run_limit(Stage::Approval, "100", project("upgrade", a));
        assert_eq!(decided(&r.outcomes.merge).mode, mode, "at {a}");
        assert_eq!(decided(&r.outcomes.approval).chain, chain, "at {a}");
    }
    let on = run_limit(Stage::Approval, "100", project("upgrade", "100"));
    let n = boundary(&on, "shexian.approval.route.feasibility").expect("BD001");
    assert!(
        n.message.contains("“以下”“以上”均含本数")
            && n.message.contains("编制可行性研究报告")
            && n.message.contains("第二十条（一）"),
        "{}",
        n.message
    );
    assert!(boundary(&on, "shexian.merge.no-design").is_some());
    let mut en = with_limit(Stage::Approval, "100");
    en.locale = gov_it_rules::messages::Locale::En;
    let on_en = run_with(project("upgrade", "100"), &en);
    let n = boundary(&on_en, "shexian.approval.route.feasibility").expect("BD001 in English");
    assert!(n.message.contains("more demanding"), "{}", n.message);
    let off = run_limit(Stage::Approval, "100", project("upgrade", "100.0001"));
    assert!(!notice(&off, "BD001"));
}

#[test]
fn five_hundred_adds_the_design_and_the_escalation() {
    for (a, mode, chain, steps) in [
        (
            "499.9999",
            MergeMode::Omit,
            vec!["proposal", "feasibilityStudy"],
            0,
        ),
        (
            "500",
            MergeMode::Separate,
            vec!["proposal", "feasibilityStudy", "preliminaryDesign"],
            1,
        ),
        (
            "500.0001",
            MergeMode::Separate,
            vec!["proposal", "feasibilityStudy", "preliminaryDesign"],
            1,
        ),
    ] {
        let r = run_limit(Stage::Approval, "100", project("new", a));
        assert_eq!(decided(&r.outcomes.merge).mode, mode, "at {a}");
        let approval = decided(&r.outcomes.approval);
        assert_eq!(approval.chain, chain, "at {a}");
        assert_eq!(approval.steps.len(), steps, "at {a}");
        if steps == 1 {
            assert_eq!(approval.steps[0], ESCALATE);
        }
    }
    let on = run_limit(Stage::Approval, "100", project("new", "500"));
    let n = boundary(&on, "shexian.approval.route.feasibility-design").expect("BD001");
    assert!(n.message.contains("包含本数"), "{}", n.message);
    assert!(fires(&on, "shexian.approval.design"));
    assert!(!fires(
        &run_limit(Stage::Approval, "100", project("new", "499.9999")),
        "shexian.approval.design"
    ));
}

#[test]
fn five_hundred_escalates_below_the_limit_too() {
    // A limit above 500 (hypothetical) leaves 500 万元 projects on the 建设方案 route, but 第二十五条
    // still sends them to the city and province.
    for (a, rule, steps) in [
        ("499.9999", "shexian.approval.route.construction-plan", 0),
        (
            "500",
            "shexian.approval.route.construction-plan-escalated",
            1,
        ),
        (
            "500.0001",
            "shexian.approval.route.construction-plan-escalated",
            1,
        ),
    ] {
        let r = run_limit(Stage::Approval, "800", project("new", a));
        assert_eq!(approval_rule(&r), rule, "at {a}");
        let approval = decided(&r.outcomes.approval);
        assert_eq!(approval.chain, vec!["constructionPlan"]);
        assert_eq!(approval.steps.len(), steps, "at {a}");
    }
    let on = run_limit(Stage::Approval, "800", project("new", "500"));
    assert!(boundary(&on, "shexian.approval.route.construction-plan-escalated").is_some());
}

#[test]
fn urgent_additions_split_at_five_hundred() {
    let urgent = |a: &str| json!({ "kind": "new", "urgent": true, "mandatedBy": ["county"], "totalInvestment": a });
    for (a, rule, chain_len) in [
        ("499.9999", "shexian.approval.urgent", 2),
        ("500", "shexian.approval.urgent-major", 3),
        ("500.0001", "shexian.approval.urgent-major", 3),
    ] {
        // No limit supplied: the urgent route does not depend on it.
        let r = run(J, Stage::Approval, urgent(a));
        assert_eq!(approval_rule(&r), rule, "at {a}");
        assert_eq!(
            decided(&r.outcomes.approval).chain.len(),
            chain_len,
            "at {a}"
        );
        assert_eq!(decided(&r.outcomes.merge).mode, MergeMode::Merge, "at {a}");
        assert!(!notice(&r, "JU005"), "at {a}");
    }
    let on = run(J, Stage::Approval, urgent("500"));
    let major = decided(&on.outcomes.approval);
    assert!(major.steps.iter().any(|s| s.contains("报县政府审定")));
    assert!(major.steps.iter().any(|s| s.contains("批复项目建议书")));
    let n = boundary(&on, "shexian.approval.urgent-major").expect("BD001");
    assert!(n.message.contains("明示"), "{}", n.message);
    // A combined document satisfies all three at once (第二十条（二）).
    let merged = run(
        J,
        Stage::Approval,
        with(
            urgent("600"),
            "documents",
            json!([{ "kind": "combinedDocument", "chapters": ["dataSharingAnalysis"] }, "resourceCatalogue", "productSecurityStatement"]),
        ),
    );
    assert_eq!(merged.summary.errors, 0, "{:#?}", merged.diagnostics);
}

#[test]
fn untyped_kinds_are_escalated_from_five_hundred() {
    for (a, rule, steps) in [
        ("499.9999", "shexian.approval.untyped", 1),
        ("500", "shexian.approval.untyped-major", 2),
        ("500.0001", "shexian.approval.untyped-major", 2),
    ] {
        let r = run(J, Stage::Approval, project("continuation", a));
        assert_eq!(approval_rule(&r), rule, "at {a}");
        assert_eq!(decided(&r.outcomes.approval).steps.len(), steps, "at {a}");
    }
    assert!(boundary(
        &run(J, Stage::Approval, project("serviceProcurement", "500")),
        "shexian.approval.untyped-major"
    )
    .is_some());
}

#[test]
fn adjustment_of_exactly_15_percent_is_the_units_own() {
    let app = |amount: &str, reason: &str| json!({ "approvedBudget": "400", "adjustment": { "amount": amount, "reason": reason } });
    let at = run(J, Stage::Implementation, app("60", "superiorDeployment"));
    let verdict = decided(&at.outcomes.adjustment);
    assert_eq!(verdict.route, "simplified");
    assert!(
        verdict.procedure.contains("向项目审批部门备案"),
        "{}",
        verdict.procedure
    );
    let over = run(
        J,
        Stage::Implementation,
        app("60.0001", "superiorDeployment"),
    );
    assert_eq!(decided(&over.outcomes.adjustment).route, "full");
    assert!(has(&over, "AD001", "adjustment.amount"));
    let under = run(
        J,
        Stage::Implementation,
        app("59.9999", "technicalOptimisation"),
    );
    assert_eq!(decided(&under.outcomes.adjustment).route, "simplified");
    assert!(has(
        &run(J, Stage::Implementation, app("10", "other")),
        "AD002",
        "adjustment.reason"
    ));
}

#[test]
fn acceptance_windows() {
    let dates = |d: Value| json!({ "kind": "new", "dates": d });
    // 初验 within three calendar months of completion.
    assert!(!has(
        &run(
            J,
            Stage::Acceptance,
            dates(json!({ "completion": "2024-08-31", "initialAcceptance": "2024-11-30" }))
        ),
        "TW002",
        "dates.initialAcceptance"
    ));
    assert!(has(
        &run(
            J,
            Stage::Acceptance,
            dates(json!({ "completion": "2024-08-31", "initialAcceptance": "2024-12-01" }))
        ),
        "TW002",
        "dates.initialAcceptance"
    ));
    // 试运行 at least one month.
    assert!(has(
        &run(
            J,
            Stage::Acceptance,
            dates(json!({ "trialRunStart": "2025-01-15", "trialRunEnd": "2025-02-14" }))
        ),
        "TW001",
        "dates.trialRunEnd"
    ));
    assert!(!has(
        &run(
            J,
            Stage::Acceptance,
            dates(json!({ "trialRunStart": "2025-01-15", "trialRunEnd": "2025-02-15" }))
        ),
        "TW001",
        "dates.trialRunEnd"
    ));
    // 验收申请 within six months, else 延期验收申请.
    let overdue = run(
        J,
        Stage::Acceptance,
        dates(json!({ "completion": "2024-08-31" })),
    );
    let d = overdue
        .diagnostics
        .iter()
        .find(|d| d.code == "TW003" && d.path == "dates.acceptanceApplication")
        .expect("overdue");
    assert!(d.message.contains("延期验收申请"), "{}", d.message);
    let w = overdue
        .outcomes
        .windows
        .iter()
        .find(|w| w.rule == "shexian.window.acceptance-application")
        .unwrap();
    assert_eq!(w.latest.as_deref(), Some("2025-02-28"));
    // 自评价 12 to 24 months after acceptance.
    for (date, code) in [
        ("2024-12-31", Some("TW001")),
        ("2025-01-01", None),
        ("2026-01-01", None),
        ("2026-01-02", Some("TW002")),
    ] {
        let r = run(
            J,
            Stage::Acceptance,
            dates(json!({ "finalAcceptance": "2024-01-01", "selfEvaluation": date })),
        );
        let got = r
            .diagnostics
            .iter()
            .find(|d| d.path == "dates.selfEvaluation")
            .map(|d| d.code);
        assert_eq!(got, code, "{date}");
    }
}

#[test]
fn townships_and_designers_are_restricted() {
    let r = run(J, Stage::Declaration, json!({ "unitKind": "township" }));
    assert!(has(&r, "RX001", "unitKind"));
    let d = r.diagnostics.iter().find(|d| d.code == "RX001").unwrap();
    assert!(d.message.contains("乡镇不得独立建设"), "{}", d.message);
    assert!(has(
        &run(
            J,
            Stage::Implementation,
            json!({ "designerImplements": true })
        ),
        "RX001",
        "designerImplements"
    ));
    // Outside the plan: approval refused unless it is an urgent addition under 第十四条.
    assert!(has(
        &run(J, Stage::Approval, json!({})),
        "RX001",
        "inAnnualPlan"
    ));
    assert!(!has(
        &run(J, Stage::Approval, json!({ "urgent": true })),
        "RX001",
        "inAnnualPlan"
    ));
}

#[test]
fn classified_systems_need_the_certificate_not_the_mlps_report() {
    let r = run(
        J,
        Stage::Acceptance,
        json!({ "kind": "new", "classified": true }),
    );
    let missing: BTreeSet<&str> = r
        .outcomes
        .required_documents
        .iter()
        .filter(|d| d.status == "missing")
        .map(|d| d.document.as_str())
        .collect();
    assert!(missing.contains("classifiedSystemCertificate"));
    assert!(missing.contains("classifiedSecurityTestReport"));
    assert!(!missing.contains("mlpsTestReport"));
    // Operations projects provide acceptance materials as fits, but the data-sharing confirmation
    // and the archive acceptance still apply.
    let ops = run(J, Stage::Acceptance, json!({ "kind": "operations" }));
    let ops_missing: BTreeSet<&str> = ops
        .outcomes
        .required_documents
        .iter()
        .filter(|d| d.status == "missing")
        .map(|d| d.document.as_str())
        .collect();
    assert_eq!(
        ops_missing,
        BTreeSet::from(["dataSharingConfirmation", "archiveAcceptance"])
    );
}

/// A coverage case with the 分散采购限额标准 the portal supplies for it.
struct Covered {
    case: Case,
    limit: &'static str,
}

fn docs(app: Value, documents: Value) -> Value {
    with(app, "documents", documents)
}

fn in_plan(kind: &str, amount: &str) -> Value {
    json!({ "kind": kind, "totalInvestment": amount, "inAnnualPlan": true })
}

fn urgent(amount: &str) -> Value {
    json!({ "kind": "new", "totalInvestment": amount, "urgent": true })
}

#[test]
fn rules_cover_fire_and_quiet() {
    use Stage::{Acceptance as Acc, Approval as App, Declaration as Dec, Implementation as Imp};
    let c = |rule: &'static str, stage: Stage, fires: Value, quiet: Value| Covered {
        case: Case {
            rule,
            stage,
            fires,
            quiet,
        },
        limit: "100",
    };
    let fs = json!([{ "kind": "feasibilityStudy", "chapters": ["dataSharingAnalysis"] }]);
    let combined = json!([{ "kind": "combinedDocument", "chapters": ["dataSharingAnalysis"] }]);
    let mut cases = vec![
        // Approval route.
        c(
            "shexian.approval.operations",
            Dec,
            project("operations", "50"),
            project("new", "50"),
        ),
        c(
            "shexian.approval.urgent-major",
            Dec,
            urgent("500"),
            urgent("499.9999"),
        ),
        c(
            "shexian.approval.urgent",
            Dec,
            urgent("499.9999"),
            urgent("500"),
        ),
        c(
            "shexian.approval.route.feasibility-design-in-plan",
            Dec,
            in_plan("new", "600"),
            project("new", "600"),
        ),
        c(
            "shexian.approval.route.feasibility-design",
            Dec,
            project("new", "600"),
            in_plan("new", "600"),
        ),
        c(
            "shexian.approval.route.feasibility-in-plan",
            Dec,
            in_plan("upgrade", "200"),
            project("upgrade", "200"),
        ),
        c(
            "shexian.approval.route.feasibility",
            Dec,
            project("upgrade", "200"),
            in_plan("upgrade", "200"),
        ),
        Covered {
            case: Case {
                rule: "shexian.approval.route.construction-plan-escalated",
                stage: Dec,
                fires: project("new", "600"),
                quiet: project("new", "499"),
            },
            limit: "800",
        },
        c(
            "shexian.approval.route.construction-plan",
            Dec,
            project("new", "50"),
            project("new", "100"),
        ),
        c(
            "shexian.approval.untyped-major",
            Dec,
            project("continuation", "500"),
            project("continuation", "499.9999"),
        ),
        c(
            "shexian.approval.untyped",
            Dec,
            project("priorYearUnpaid", "50"),
            project("priorYearUnpaid", "500"),
        ),
        // Merge.
        c(
            "shexian.merge.operations",
            Dec,
            project("operations", "50"),
            project("new", "50"),
        ),
        c(
            "shexian.merge.urgent",
            Dec,
            urgent("50"),
            project("new", "50"),
        ),
        c(
            "shexian.merge.design-separate",
            Dec,
            project("new", "600"),
            project("new", "200"),
        ),
        c(
            "shexian.merge.no-design",
            Dec,
            project("new", "200"),
            project("new", "600"),
        ),
        c(
            "shexian.merge.construction-plan",
            Dec,
            project("new", "50"),
            project("new", "200"),
        ),
        c(
            "shexian.merge.untyped",
            Dec,
            project("serviceProcurement", "50"),
            project("new", "50"),
        ),
        // Unconditional outcomes.
        c(
            "shexian.supervision.in-principle",
            Dec,
            json!({}),
            Value::Null,
        ),
        c("shexian.acceptance.organiser", Acc, json!({}), Value::Null),
        // Form fields.
        c(
            "shexian.form.fields",
            Dec,
            json!({}),
            fixture("shexian-declaration"),
        ),
        c(
            "shexian.implementation.contract-dates",
            Imp,
            json!({}),
            json!({ "dates": { "contractSigned": "2026-04-01", "contractFiled": "2026-04-08" } }),
        ),
        c(
            "shexian.acceptance.dates",
            Acc,
            json!({}),
            json!({ "dates": { "completion": "2026-11-20" } }),
        ),
        // Approval documents.
        c(
            "shexian.approval.construction-plan",
            App,
            project("new", "50"),
            docs(project("new", "50"), json!(["constructionPlan"])),
        ),
        c(
            "shexian.approval.proposal",
            App,
            project("new", "200"),
            in_plan("new", "200"),
        ),
        c(
            "shexian.approval.feasibility",
            App,
            project("new", "200"),
            docs(project("new", "200"), fs.clone()),
        ),
        c(
            "shexian.approval.design",
            App,
            project("new", "600"),
            project("new", "200"),
        ),
        c(
            "shexian.approval.urgent-proposal",
            App,
            urgent("50"),
            docs(urgent("50"), json!(["combinedDocument"])),
        ),
        c(
            "shexian.approval.urgent-feasibility",
            App,
            urgent("50"),
            docs(urgent("50"), combined.clone()),
        ),
        c(
            "shexian.approval.urgent-design",
            App,
            urgent("500"),
            urgent("499.9999"),
        ),
        c(
            "shexian.approval.resource-catalogue",
            App,
            project("new", "50"),
            project("operations", "50"),
        ),
        c(
            "shexian.approval.framework",
            App,
            json!({ "crossDepartment": true }),
            json!({}),
        ),
        c(
            "shexian.approval.construction-approvals",
            App,
            json!({ "highEnergyUse": true }),
            json!({}),
        ),
        c(
            "shexian.approval.product-security",
            App,
            project("new", "50"),
            project("operations", "50"),
        ),
        // Implementation.
        c(
            "shexian.implementation.procurement-review",
            Imp,
            json!({}),
            json!({ "documents": ["procurementReview"] }),
        ),
        c(
            "shexian.implementation.contract",
            Imp,
            json!({ "documents": ["procurementContract"] }),
            json!({ "documents": [{ "kind": "procurementContract", "chapters": ["intellectualProperty"] }] }),
        ),
        // Acceptance documents.
        c(
            "shexian.acceptance.mlps-test",
            Acc,
            json!({ "kind": "new" }),
            json!({ "kind": "new", "classified": true }),
        ),
        c(
            "shexian.acceptance.classified-certificate",
            Acc,
            json!({ "kind": "new", "classified": true }),
            json!({ "kind": "new" }),
        ),
        c(
            "shexian.acceptance.classified-test",
            Acc,
            json!({ "classified": true }),
            json!({}),
        ),
        c(
            "shexian.acceptance.data-sharing",
            Acc,
            json!({}),
            json!({ "documents": ["dataSharingConfirmation"] }),
        ),
        c(
            "shexian.acceptance.archive",
            Acc,
            json!({}),
            json!({ "documents": ["archiveAcceptance"] }),
        ),
        // Windows.
        c(
            "shexian.window.initial-acceptance",
            Acc,
            json!({ "dates": { "completion": "2024-01-01", "initialAcceptance": "2024-04-02" } }),
            json!({ "dates": { "completion": "2024-01-01", "initialAcceptance": "2024-04-01" } }),
        ),
        c(
            "shexian.window.trial-run",
            Acc,
            json!({ "dates": { "trialRunStart": "2024-05-01", "trialRunEnd": "2024-05-31" } }),
            json!({ "dates": { "trialRunStart": "2024-05-01", "trialRunEnd": "2024-06-01" } }),
        ),
        c(
            "shexian.window.acceptance-application",
            Acc,
            json!({ "dates": { "completion": "2024-01-01", "acceptanceApplication": "2024-07-02" } }),
            json!({ "dates": { "completion": "2024-01-01", "acceptanceApplication": "2024-07-01" } }),
        ),
        c(
            "shexian.window.self-evaluation",
            Acc,
            json!({ "dates": { "finalAcceptance": "2023-01-01", "selfEvaluation": "2023-12-31" } }),
            json!({ "dates": { "finalAcceptance": "2023-01-01", "selfEvaluation": "2024-01-01" } }),
        ),
        // Restrictions.
        c(
            "shexian.unit.township",
            Dec,
            json!({ "unitKind": "township" }),
            json!({ "unitKind": "department" }),
        ),
        c(
            "shexian.unit.subordinate",
            Dec,
            json!({ "unitKind": "subordinate" }),
            json!({ "unitKind": "department" }),
        ),
        c(
            "shexian.design.separate",
            Imp,
            json!({ "designerImplements": true }),
            json!({ "designerImplements": false }),
        ),
        c(
            "shexian.plan.not-in-plan",
            App,
            json!({}),
            json!({ "inAnnualPlan": true }),
        ),
        c(
            "shexian.cloud.integrated-platform",
            App,
            json!({}),
            json!({ "onGovernmentCloud": true }),
        ),
        c(
            "shexian.adjustment",
            Imp,
            json!({ "approvedBudget": "100", "adjustment": { "amount": "15", "reason": "businessDevelopment" } }),
            json!({ "approvedBudget": "100" }),
        ),
    ];
    for (rule, document) in [
        (
            "shexian.acceptance.initial-opinion",
            "initialAcceptanceOpinion",
        ),
        ("shexian.acceptance.summary", "constructionSummary"),
        ("shexian.acceptance.financial", "financialReport"),
        ("shexian.acceptance.audit", "auditReport"),
        ("shexian.acceptance.supervision-report", "supervisionReport"),
        ("shexian.acceptance.risk", "securityRiskAssessment"),
        ("shexian.acceptance.crypto", "cryptoSecurityAssessment"),
    ] {
        cases.push(c(
            rule,
            Acc,
            json!({ "kind": "new" }),
            json!({ "kind": "operations" }),
        ));
        // The document on file quiets it too.
        let on_file = run(J, Acc, json!({ "kind": "new", "documents": [document] }));
        assert!(!fires(&on_file, rule), "{rule} with {document} on file");
    }
    // Half of 歙县's routes turn on the 分散采购限额标准, and no single limit reaches them all (the
    // 建设方案 route escalated at 500 万元 needs a limit above 500, the 可研 route below 500 万元 one
    // below it), so each case names the limit the portal supplies for it.
    let limits: Vec<&str> = cases.iter().map(|c| c.limit).collect();
    let cases: Vec<Case> = cases.into_iter().map(|c| c.case).collect();
    check_coverage_by(J, &cases, |index, options| {
        options.parameters.insert(
            "decentralizedProcurementLimit".into(),
            limits[index].parse().unwrap(),
        );
    });
}

#[test]
fn feasibility_study_needs_the_data_sharing_chapter() {
    let r = run_limit(
        Stage::Approval,
        "100",
        json!({ "kind": "new", "totalInvestment": "200", "inAnnualPlan": true,
                "documents": [{ "kind": "feasibilityStudy", "chapters": [] }] }),
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "DC002")
        .expect("DC002");
    assert_eq!(d.path, "documents[0].chapters");
    assert!(d.message.contains("数据资源共享分析"), "{}", d.message);
}
