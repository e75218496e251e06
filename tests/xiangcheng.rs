//! 相城区“智慧相城”信息化项目管理实施办法 (相政办〔2018〕150号).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;

use std::collections::BTreeSet;

use common::*;
use gov_it_rules::codes::Severity;
use gov_it_rules::profile::{ApprovalNeed, InitialAcceptance, MergeMode, Stage, SupervisionMode};
use gov_it_rules::report::Status;
use gov_it_rules::{builtin, Options, Report};
use serde_json::{json, Value};

const J: &str = "xiangcheng";
const LIMIT: &str = "governmentProcurementLimit";

/// Options with the portal-supplied 政府采购目录起点金额或限额标准 (in 万元).
fn with_limit(stage: Stage, limit: &str) -> Options {
    let mut o = options(J, stage);
    o.parameters.insert(LIMIT.into(), limit.parse().unwrap());
    o
}

fn amount(a: &str) -> Value {
    json!({ "totalInvestment": a, "kind": "new" })
}

fn chain(r: &Report) -> Vec<String> {
    decided(&r.outcomes.approval).chain
}

#[test]
fn complete_declaration_has_no_errors() {
    let app = fixture("xiangcheng-declaration");
    let r = run(J, Stage::Declaration, app.clone());
    assert_eq!(r.summary.errors, 0, "{:#?}", r.diagnostics);
    assert_eq!(r.summary.warnings, 0, "{:#?}", r.diagnostics);
    assert!(r.summary.complete);
    assert_eq!(decided(&r.outcomes.merge).mode, MergeMode::Separate);
    let supervision = decided(&r.outcomes.supervision);
    assert_eq!(supervision.mode, SupervisionMode::Central);
    assert_eq!(supervision.fee_in_budget, Some(false));
    assert_eq!(
        supervision.provider.as_deref(),
        Some("区信息办（费用由区经信局支付）")
    );
    let acceptance = decided(&r.outcomes.acceptance);
    assert_eq!(acceptance.organiser, "区信息办会同建设单位");
    assert_eq!(
        acceptance.initial_acceptance,
        InitialAcceptance::NotProvided
    );
    // The approval route waits for the portal's procurement limit …
    assert_eq!(
        r.outcomes.approval.as_ref().unwrap().status,
        Status::Undetermined
    );
    // … and is decided once it is supplied: 186.5 万元 against a 100 万元 limit.
    let supplied = run_with(app, &with_limit(Stage::Declaration, "100"));
    assert_eq!(supplied.summary.errors, 0, "{:#?}", supplied.diagnostics);
    let approval = decided(&supplied.outcomes.approval);
    assert_eq!(approval.need, ApprovalNeed::Required);
    assert_eq!(
        approval.chain,
        vec![
            "applicationForm",
            "feasibilityStudy",
            "taskOrder",
            "procurementReviewForm"
        ]
    );
    assert!(
        supplied
            .outcomes
            .required_documents
            .iter()
            .all(|d| d.status == "present"),
        "{:#?}",
        supplied.outcomes.required_documents
    );
    let info = r.jurisdiction.unwrap();
    assert_eq!(info.document_number.as_deref(), Some("相政办〔2018〕150号"));
    assert_eq!(info.in_force.as_deref(), Some("2018-08-22"));
}

#[test]
fn procurement_limit_is_read_the_stricter_way() {
    for (a, review) in [("99.9999", false), ("100", true), ("100.0001", true)] {
        let r = run_with(amount(a), &with_limit(Stage::Declaration, "100"));
        let c = chain(&r);
        assert_eq!(
            c.contains(&"procurementReviewForm".to_string()),
            review,
            "at {a}: {c:?}"
        );
        assert_eq!(
            c[..3],
            ["applicationForm", "feasibilityStudy", "taskOrder"],
            "at {a}"
        );
        assert!(!notice(&r, "JU005"), "supplied at {a}");
    }
    let on = run_with(amount("100"), &with_limit(Stage::Declaration, "100"));
    let n = on
        .notices
        .iter()
        .find(|n| n.code == "BD001" && n.rule.as_deref() == Some("xiangcheng.approval.procurement"))
        .expect("BD001 on the limit");
    assert_eq!(n.params.get("parameter").map(String::as_str), Some(LIMIT));
    assert!(
        n.message.contains("第十八条")
            && n.message.contains("超过")
            && n.message.contains("较严格"),
        "{}",
        n.message
    );
    for a in ["99.9999", "100.0001"] {
        let r = run_with(amount(a), &with_limit(Stage::Declaration, "100"));
        assert!(!notice(&r, "BD001"), "no boundary notice at {a}");
    }
    // The same line decides whether the review form is due at implementation.
    for (a, due) in [("99.9999", false), ("100", true), ("100.0001", true)] {
        let r = run_with(amount(a), &with_limit(Stage::Implementation, "100"));
        let listed = r
            .outcomes
            .required_documents
            .iter()
            .find(|d| d.rule == "xiangcheng.implementation.procurement-review");
        assert_eq!(listed.map(|d| d.status), due.then_some("missing"), "at {a}");
    }
}

#[test]
fn urgent_projects_go_to_the_district_government_first() {
    for (a, review) in [("99.9999", false), ("100", true)] {
        let mut app = amount(a);
        app["urgent"] = json!(true);
        let r = run_with(app, &with_limit(Stage::Declaration, "100"));
        let approval = decided(&r.outcomes.approval);
        assert_eq!(approval.chain[0], "governmentApproval", "at {a}");
        assert!(approval.steps.iter().any(|s| s.contains("提交区政府批准")));
        assert_eq!(
            approval
                .chain
                .contains(&"procurementReviewForm".to_string()),
            review,
            "at {a}"
        );
        assert!(fires(&r, "xiangcheng.declaration.urgent-approval"));
    }
}

#[test]
fn without_the_procurement_limit_the_route_is_undetermined() {
    let r = run(J, Stage::Declaration, amount("500"));
    let approval = r.outcomes.approval.as_ref().unwrap();
    assert_eq!(approval.status, Status::Undetermined);
    assert!(
        approval.missing.contains(&format!("parameter:{LIMIT}")),
        "{:?}",
        approval.missing
    );
    let n = r.notices.iter().find(|n| n.code == "JU005").expect("JU005");
    assert_eq!(
        n.params.get("parameterKey").map(String::as_str),
        Some(LIMIT)
    );
    assert!(
        n.message.contains("政府采购目录起点金额或限额标准"),
        "{}",
        n.message
    );
    // The review form at implementation is listed as conditional, not reported missing.
    let imp = run(J, Stage::Implementation, amount("500"));
    let listed = imp
        .outcomes
        .required_documents
        .iter()
        .find(|d| d.rule == "xiangcheng.implementation.procurement-review")
        .unwrap();
    assert_eq!(listed.status, "conditional");
    assert!(!imp
        .diagnostics
        .iter()
        .any(|d| d.rule.as_deref() == Some("xiangcheng.implementation.procurement-review")));
    // Supplied, it is decided and the notice goes.
    let supplied = run_with(amount("500"), &with_limit(Stage::Declaration, "200"));
    assert_eq!(
        supplied.outcomes.approval.as_ref().unwrap().status,
        Status::Determined
    );
    assert!(!notice(&supplied, "JU005"));
    // Verdicts that do not turn on the limit are decided regardless.
    assert_eq!(
        decided(&r.outcomes.supervision).mode,
        SupervisionMode::Central
    );
    assert_eq!(decided(&r.outcomes.merge).mode, MergeMode::Separate);
}

fn acceptance(go_live: &str, accepted: &str, major: bool) -> Report {
    run(
        J,
        Stage::Acceptance,
        json!({ "majorProject": major, "dates": { "goLive": go_live, "finalAcceptance": accepted } }),
    )
}

fn window_diag<'r>(r: &'r Report, rule: &str) -> Option<&'r gov_it_rules::report::Diagnostic> {
    r.diagnostics
        .iter()
        .find(|d| d.rule.as_deref() == Some(rule))
}

#[test]
fn acceptance_window_after_go_live() {
    // 通常不少于三个月: a warning, since the text says "usually".
    let early = acceptance("2024-01-10", "2024-04-09", false);
    let d = window_diag(&early, "xiangcheng.window.acceptance-earliest")
        .expect("earlier than three months");
    assert_eq!((d.code, d.severity), ("TW001", Severity::Warning));
    assert!(
        !early
            .diagnostics
            .iter()
            .any(|d| d.code.starts_with("TW") && d.severity == Severity::Error),
        "{:#?}",
        early.diagnostics
    );
    assert!(window_diag(
        &acceptance("2024-01-10", "2024-04-10", false),
        "xiangcheng.window.acceptance-earliest"
    )
    .is_none());
    // 重大项目必须在六个月后: an error, and the three-month warning does not also apply.
    let major = acceptance("2024-01-10", "2024-07-09", true);
    let d =
        window_diag(&major, "xiangcheng.window.acceptance-major").expect("earlier than six months");
    assert_eq!((d.code, d.severity), ("TW001", Severity::Error));
    assert!(window_diag(&major, "xiangcheng.window.acceptance-earliest").is_none());
    assert!(window_diag(
        &acceptance("2024-01-10", "2024-07-10", true),
        "xiangcheng.window.acceptance-major"
    )
    .is_none());
    assert!(window_diag(
        &acceptance("2024-01-10", "2024-05-10", false),
        "xiangcheng.window.acceptance-major"
    )
    .is_none());
    // 最长不超过一年: an error for every project.
    for major in [false, true] {
        let late = acceptance("2024-01-10", "2025-01-11", major);
        let d =
            window_diag(&late, "xiangcheng.window.acceptance-latest").expect("later than a year");
        assert_eq!((d.code, d.severity), ("TW002", Severity::Error));
        assert!(window_diag(
            &acceptance("2024-01-10", "2025-01-10", major),
            "xiangcheng.window.acceptance-latest"
        )
        .is_none());
    }
    // Not yet accepted when the year has run out.
    let overdue = run(
        J,
        Stage::Acceptance,
        json!({ "dates": { "goLive": "2024-01-10" } }),
    );
    let d = window_diag(&overdue, "xiangcheng.window.acceptance-latest").expect("overdue");
    assert_eq!(d.code, "TW003");
    assert!(d.message.contains("区信息办"), "{}", d.message);
}

#[test]
fn self_evaluation_only_after_a_year_in_use() {
    let app = |evaluated: &str| json!({ "dates": { "goLive": "2024-03-01", "selfEvaluation": evaluated } });
    let early = run(J, Stage::Acceptance, app("2025-02-28"));
    let d = window_diag(&early, "xiangcheng.window.self-evaluation").expect("too early");
    assert_eq!((d.code, d.severity), ("TW001", Severity::Warning));
    assert!(window_diag(
        &run(J, Stage::Acceptance, app("2025-03-01")),
        "xiangcheng.window.self-evaluation"
    )
    .is_none());
    assert!(
        window_diag(
            &run(J, Stage::Acceptance, app("2027-12-31")),
            "xiangcheng.window.self-evaluation"
        )
        .is_none(),
        "no upper limit"
    );
}

#[test]
fn contract_is_filed_within_seven_working_days() {
    // Signed on Friday 2025-03-07; seven working days later is Tuesday 2025-03-18.
    let app = |filed: &str| json!({ "dates": { "contractSigned": "2025-03-07", "contractFiled": filed } });
    let ok = run(J, Stage::Implementation, app("2025-03-18"));
    assert!(window_diag(&ok, "xiangcheng.window.contract-filing").is_none());
    assert!(
        notice(&ok, "TW005"),
        "working days are approximate without the holiday calendar"
    );
    let late = run(J, Stage::Implementation, app("2025-03-19"));
    assert_eq!(
        window_diag(&late, "xiangcheng.window.contract-filing").map(|d| d.code),
        Some("TW002")
    );
    let mut options = options(J, Stage::Implementation);
    options
        .calendar
        .holidays
        .insert("2025-03-10".parse().unwrap());
    let with_holiday = run_with(app("2025-03-19"), &options);
    assert!(window_diag(&with_holiday, "xiangcheng.window.contract-filing").is_none());
    assert!(!notice(&with_holiday, "TW005"));
}

#[test]
fn form_lists_use_the_texts_own_characters() {
    for network in ["互联网", "政务外网", "政务专网", "政务内网(涉密网)"] {
        let r = run(J, Stage::Declaration, json!({ "networkType": network }));
        assert!(!has(&r, "FM002", "networkType"), "{network}");
    }
    let full_width = run(
        J,
        Stage::Declaration,
        json!({ "networkType": "政务内网（涉密网）" }),
    );
    assert!(has(&full_width, "FM002", "networkType"));
    for nature in ["新建", "续建", "往年未支付", "维护"] {
        assert!(
            !has(
                &run(J, Stage::Declaration, json!({ "nature": nature })),
                "FM002",
                "nature"
            ),
            "{nature}"
        );
    }
    assert!(has(
        &run(J, Stage::Declaration, json!({ "nature": "升级改造" })),
        "FM002",
        "nature"
    ));
}

#[test]
fn resource_table_rows() {
    let r = run(
        J,
        Stage::Declaration,
        json!({ "resources": [
            { "name": "行政处罚信息", "updateFrequency": "实时", "sharing": "有条件共享" },
            { "name": "举报人信息", "updateFrequency": "实时", "sharing": "不予共享" },
            { "name": "抽查结果", "updateFrequency": "每季度", "sharing": "部分共享" },
            { "updateFrequency": "其他", "sharing": "无条件共享" }
        ] }),
    );
    for (code, path) in [
        ("RS003", "resources[0].condition"),
        ("RS004", "resources[1].reason"),
        ("RS005", "resources[2].updateFrequency"),
        ("RS002", "resources[2].sharing"),
        ("RS001", "resources[3].name"),
    ] {
        assert!(
            has(&r, code, path),
            "expected {code} at {path}: {:#?}",
            codes(&r)
        );
    }
}

#[test]
fn feasibility_study_states_what_article_10_names() {
    let r = run(
        J,
        Stage::Declaration,
        json!({ "documents": [{ "kind": "feasibilityStudy", "chapters": ["constructionGoals", "constructionContent", "technicalSolution"] }] }),
    );
    let chapters: BTreeSet<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "DC002")
        .filter_map(|d| d.params.get("chapterKey").map(String::as_str))
        .collect();
    assert_eq!(
        chapters,
        BTreeSet::from([
            "resourceCatalogueAndSharing",
            "budgetDetail",
            "developmentEffort",
            "performanceIndicators"
        ])
    );
}

#[test]
fn office_equipment_is_out_of_scope() {
    let r = run(
        J,
        Stage::Declaration,
        json!({ "officeEquipmentOnly": true }),
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "RX001" && d.path == "officeEquipmentOnly")
        .expect("RX001");
    assert!(d.message.contains("办公电脑"), "{}", d.message);
}

#[test]
fn no_task_order_no_tender() {
    let r = run(J, Stage::Implementation, json!({ "inAnnualPlan": false }));
    assert!(fires(&r, "xiangcheng.plan.not-in-plan"));
    assert!(fires(&r, "xiangcheng.implementation.task-order"));
    assert!(!fires(
        &run(J, Stage::Declaration, json!({ "inAnnualPlan": false })),
        "xiangcheng.plan.not-in-plan"
    ));
}

fn declaration_with(documents: Value) -> Value {
    with(fixture("xiangcheng-declaration"), "documents", documents)
}

fn urgent(a: &str) -> Value {
    json!({ "totalInvestment": a, "urgent": true })
}

const ACCEPTANCE_DOCS: [(&str, &str); 5] = [
    ("acceptanceApplication", "xiangcheng.acceptance.application"),
    ("acceptanceDocuments", "xiangcheng.acceptance.documents"),
    (
        "technicalDocuments",
        "xiangcheng.acceptance.technical-documents",
    ),
    (
        "classifiedSecurityTestReport",
        "xiangcheng.acceptance.classified-test",
    ),
    (
        "secrecyReviewCertificate",
        "xiangcheng.acceptance.secrecy-approval",
    ),
];

fn acceptance_without(doc: &str) -> Value {
    json!({
        "kind": "new",
        "classified": true,
        "documents": ACCEPTANCE_DOCS.iter().map(|(d, _)| *d).filter(|d| *d != doc).collect::<Vec<_>>()
    })
}

const IMPLEMENTATION_DOCS: [&str; 4] = [
    "taskOrder",
    "implementationPlan",
    "progressSchedule",
    "procurementReviewForm",
];

fn implementation_without(doc: &str) -> Value {
    json!({
        "totalInvestment": "100", "inAnnualPlan": true,
        "documents": IMPLEMENTATION_DOCS.iter().filter(|d| **d != doc).collect::<Vec<_>>()
    })
}

#[test]
fn rules_cover_fire_and_quiet() {
    let complete = || fixture("xiangcheng-declaration");
    let dates = |go_live: &str, to: &str, date: &str, major: bool| json!({ "majorProject": major, "dates": { "goLive": go_live, to: date } });
    let mut cases = vec![
        Case {
            rule: "xiangcheng.approval.urgent-procurement",
            stage: Stage::Declaration,
            fires: urgent("100"),
            quiet: urgent("99.9999"),
        },
        Case {
            rule: "xiangcheng.approval.urgent",
            stage: Stage::Declaration,
            fires: urgent("99.9999"),
            quiet: urgent("100"),
        },
        Case {
            rule: "xiangcheng.approval.procurement",
            stage: Stage::Declaration,
            fires: amount("100"),
            quiet: amount("99.9999"),
        },
        Case {
            rule: "xiangcheng.approval.task-order",
            stage: Stage::Declaration,
            fires: amount("99.9999"),
            quiet: amount("100"),
        },
        Case {
            rule: "xiangcheng.merge.separate",
            stage: Stage::Declaration,
            fires: amount("1"),
            quiet: Value::Null,
        },
        Case {
            rule: "xiangcheng.supervision.central",
            stage: Stage::Declaration,
            fires: amount("1"),
            quiet: Value::Null,
        },
        Case {
            rule: "xiangcheng.acceptance.organiser",
            stage: Stage::Acceptance,
            fires: amount("1"),
            quiet: Value::Null,
        },
        Case {
            rule: "xiangcheng.form.fields",
            stage: Stage::Declaration,
            fires: json!({}),
            quiet: complete(),
        },
        Case {
            rule: "xiangcheng.acceptance.dates",
            stage: Stage::Acceptance,
            fires: json!({}),
            quiet: json!({ "dates": { "goLive": "2025-01-01" } }),
        },
        Case {
            rule: "xiangcheng.declaration.form",
            stage: Stage::Declaration,
            fires: declaration_with(json!(["feasibilityStudy"])),
            quiet: complete(),
        },
        Case {
            rule: "xiangcheng.declaration.feasibility",
            stage: Stage::Declaration,
            fires: declaration_with(
                json!([{ "kind": "feasibilityStudy", "chapters": ["constructionGoals"] }]),
            ),
            quiet: complete(),
        },
        Case {
            rule: "xiangcheng.declaration.review-opinion",
            stage: Stage::Declaration,
            fires: declaration_with(json!(["applicationForm"])),
            quiet: declaration_with(json!(["agencyReviewOpinion"])),
        },
        Case {
            rule: "xiangcheng.declaration.urgent-approval",
            stage: Stage::Declaration,
            fires: urgent("50"),
            quiet: json!({ "urgent": false }),
        },
        Case {
            rule: "xiangcheng.implementation.task-order",
            stage: Stage::Implementation,
            fires: implementation_without("taskOrder"),
            quiet: implementation_without("none"),
        },
        Case {
            rule: "xiangcheng.implementation.plan",
            stage: Stage::Implementation,
            fires: implementation_without("implementationPlan"),
            quiet: implementation_without("none"),
        },
        Case {
            rule: "xiangcheng.implementation.schedule",
            stage: Stage::Implementation,
            fires: implementation_without("progressSchedule"),
            quiet: implementation_without("none"),
        },
        Case {
            rule: "xiangcheng.implementation.procurement-review",
            stage: Stage::Implementation,
            fires: implementation_without("procurementReviewForm"),
            quiet: json!({ "totalInvestment": "99.9999" }),
        },
        Case {
            rule: "xiangcheng.acceptance.technical-documents",
            stage: Stage::Acceptance,
            fires: acceptance_without("technicalDocuments"),
            quiet: json!({ "kind": "operations" }),
        },
        Case {
            rule: "xiangcheng.window.contract-filing",
            stage: Stage::Implementation,
            fires: json!({ "dates": { "contractSigned": "2025-03-07", "contractFiled": "2025-03-19" } }),
            quiet: json!({ "dates": { "contractSigned": "2025-03-07", "contractFiled": "2025-03-18" } }),
        },
        Case {
            rule: "xiangcheng.window.acceptance-earliest",
            stage: Stage::Acceptance,
            fires: dates("2024-01-10", "finalAcceptance", "2024-04-09", false),
            quiet: dates("2024-01-10", "finalAcceptance", "2024-04-09", true),
        },
        Case {
            rule: "xiangcheng.window.acceptance-major",
            stage: Stage::Acceptance,
            fires: dates("2024-01-10", "finalAcceptance", "2024-07-09", true),
            quiet: dates("2024-01-10", "finalAcceptance", "2024-07-10", true),
        },
        Case {
            rule: "xiangcheng.window.acceptance-latest",
            stage: Stage::Acceptance,
            fires: dates("2024-01-10", "finalAcceptance", "2025-01-11", false),
            quiet: dates("2024-01-10", "finalAcceptance", "2025-01-10", false),
        },
        Case {
            rule: "xiangcheng.window.self-evaluation",
            stage: Stage::Acceptance,
            fires: dates("2024-03-01", "selfEvaluation", "2025-02-28", false),
            quiet: dates("2024-03-01", "selfEvaluation", "2025-03-01", false),
        },
        Case {
            rule: "xiangcheng.form.nature",
            stage: Stage::Declaration,
            fires: json!({ "nature": "升级" }),
            quiet: json!({ "nature": "往年未支付" }),
        },
        Case {
            rule: "xiangcheng.form.network",
            stage: Stage::Declaration,
            fires: json!({ "networkType": "政务内网（涉密网）" }),
            quiet: json!({ "networkType": "政务内网(涉密网)" }),
        },
        Case {
            rule: "xiangcheng.form.funding-sums",
            stage: Stage::Declaration,
            fires: json!({ "funding": { "priorYears": { "total": "50", "fiscal": "40", "selfRaised": "9.9999" } } }),
            quiet: json!({ "funding": { "priorYears": { "total": "50", "fiscal": "40", "selfRaised": "9.9999", "national": "0.0001" } } }),
        },
        Case {
            rule: "xiangcheng.resources",
            stage: Stage::Declaration,
            fires: json!({ "resources": [{ "name": "x", "updateFrequency": "每天", "sharing": "不予共享" }] }),
            quiet: complete(),
        },
        Case {
            rule: "xiangcheng.scope.office-equipment",
            stage: Stage::Declaration,
            fires: json!({ "officeEquipmentOnly": true }),
            quiet: json!({ "officeEquipmentOnly": false }),
        },
        Case {
            rule: "xiangcheng.plan.not-in-plan",
            stage: Stage::Implementation,
            fires: json!({}),
            quiet: json!({ "inAnnualPlan": true }),
        },
        Case {
            rule: "xiangcheng.cloud.infrastructure",
            stage: Stage::Declaration,
            fires: json!({ "onGovernmentCloud": false }),
            quiet: json!({ "onGovernmentCloud": true }),
        },
    ];
    for (doc, rule) in ACCEPTANCE_DOCS {
        if rule != "xiangcheng.acceptance.technical-documents" {
            cases.push(Case {
                rule,
                stage: Stage::Acceptance,
                fires: acceptance_without(doc),
                quiet: acceptance_without("none"),
            });
        }
    }
    // Run as a configured portal would: with the procurement limit and a holiday calendar.
    check_coverage_with(J, &cases, |o| {
        o.parameters
            .insert("governmentProcurementLimit".into(), "100".parse().unwrap());
        o.calendar.holidays.insert("2025-10-01".parse().unwrap());
    });
}

#[test]
fn the_limit_is_portal_supplied_and_cited() {
    let v = builtin().get(J).unwrap().versions.last().unwrap();
    let p = &v.parameters[LIMIT];
    assert!(p.value.is_none());
    assert_eq!(p.cite[0].article, Some(18));
    assert_eq!(v.parameters.len(), 1, "the text fixes no other amount");
}
