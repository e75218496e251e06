//! The live validator (one edit at a time, answering with what changed) and the catalogue behind
//! the npm package's `jurisdictions()` and `rules()`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;

use common::*;
use gov_it_rules::catalogue;
use gov_it_rules::live::{Delta, LiveValidator};
use gov_it_rules::messages::Locale;
use gov_it_rules::profile::{MergeMode, Stage};
use gov_it_rules::report::Diagnostic;
use gov_it_rules::{builtin, Options, Report};
use serde_json::{json, Value};

const J: &str = "tongzhou";

fn opts() -> Options {
    Options {
        jurisdiction: J.into(),
        as_of: Some("2025-06-01".parse().unwrap()),
        ..Options::default()
    }
}

fn validator(app: &Value) -> LiveValidator {
    let mut v = LiveValidator::new(builtin(), opts());
    v.replace(app);
    v
}

/// A report as JSON: a live validator lists diagnostics and notices in the order a whole
/// validation does (reading problems by path, then the rules'), so none is reordered here.
fn canonical(r: &Report) -> Value {
    serde_json::to_value(r).unwrap()
}

/// The same edit applied to the JSON document, as the validator documents it.
fn edit(doc: &mut Value, path: &str, value: &Value) {
    if let Some((table, rest)) = path.split_once('[') {
        let (index, cell) = rest.split_once(']').unwrap();
        let i: usize = index.parse().unwrap();
        if !doc[table].is_array() {
            doc[table] = json!([]);
        }
        let rows = doc[table].as_array_mut().unwrap();
        match cell.strip_prefix('.') {
            None if value.is_null() => {
                if i < rows.len() {
                    rows.remove(i);
                }
            }
            None if i == rows.len() => rows.push(value.clone()),
            None => rows[i] = value.clone(),
            Some(key) => {
                if i == rows.len() {
                    rows.push(json!({}));
                }
                if let Value::String(kind) = &rows[i] {
                    rows[i] = json!({ "kind": kind });
                }
                if value.is_null() {
                    rows[i].as_object_mut().unwrap().remove(key);
                } else {
                    rows[i][key] = value.clone();
                }
            }
        }
    } else {
        // Setting a field under a group that was not an object makes it one.
        let mut node = doc;
        let parts: Vec<&str> = path.split('.').collect();
        for part in &parts[..parts.len() - 1] {
            if !node[*part].is_object() {
                node[*part] = json!({});
            }
            node = &mut node[*part];
        }
        let last = *parts.last().unwrap();
        let known = gov_it_rules::model::Field::by_path(path).is_some();
        if value.is_null() && !known {
            // Clearing a field the form does not have removes it.
            node.as_object_mut().unwrap().remove(last);
        } else {
            node[last] = value.clone();
        }
    }
}

/// Edits of every kind: fields, groups, tables, rows and cells, bad values and repeated ones.
fn edits() -> Vec<(&'static str, Value)> {
    vec![
        ("totalInvestment", json!("三百万")),
        ("totalInvestment", json!("三百万")),
        ("totalInvestment", json!("300")),
        ("totalInvestment", json!("300")),
        ("totalInvestment", json!(" 300 ")),
        ("totalInvestment", json!("300.0")),
        ("totalInvestment", json!(300)),
        ("totalInvestment", json!(400)),
        ("totalInvestment", json!("300.0001")),
        // Between the same two thresholds: the nearest thresholds measured again, not walked.
        ("totalInvestment", json!("120")),
        ("totalInvestment", json!("150.5")),
        ("totalInvestment", json!("268.5")),
        ("name", Value::Null),
        ("name", json!("通州区智慧市场监管综合平台（二期）")),
        ("mlpsLevel", json!(9)),
        ("mlpsLevel", json!(9)),
        ("mlpsLevel", json!("3")),
        ("mlpsLevel", json!(3)),
        ("funding.thisYear.total", json!("1,000")),
        (
            "funding.thisYear",
            json!({ "total": "268.5", "fiscal": "x", "typo": 1 }),
        ),
        ("funding.thisYear", json!(5)),
        ("funding.thisYear.fiscal", json!("248.5")),
        ("funding", Value::Null),
        ("mandatedBy", json!(["provincial", "galactic"])),
        ("mandatedBy", json!(["provincial"])),
        ("startMonth", json!("2026-13")),
        ("startMonth", json!("2026-03")),
        ("plannedCompletionMonth", json!("2025-12")),
        ("documents[1].title", Value::Null),
        ("documents[0].chapters", json!(["信息资源共享分析篇"])),
        ("documents[5]", json!({ "kind": "feasibilityStudy" })),
        ("documents[5].kind", Value::Null),
        ("documents[5]", Value::Null),
        ("documents[2]", Value::Null),
        ("resources[0].sharing", json!("随便")),
        ("resources[1].condition", Value::Null),
        (
            "resources[2]",
            json!({ "name": "第三张表", "sharing": "不予共享" }),
        ),
        ("resources[2].reason", json!("涉及个人隐私")),
        ("resources", json!("not a table")),
        ("resources[0].name", json!("重新开始")),
        ("notAField", json!(1)),
        ("notAField", Value::Null),
        ("stage", json!("approval")),
        ("stage", json!("approval")),
        ("dates.approval", json!("2026-02-30")),
        ("dates.approval", json!("2026-02-28")),
        ("stage", Value::Null),
    ]
}

#[test]
fn every_edit_leaves_the_same_report_as_validating_the_whole_form() {
    let mut doc = fixture("tongzhou-declaration");
    let mut v = validator(&doc);
    assert_eq!(
        canonical(v.report()),
        canonical(&run_with(doc.clone(), &opts()))
    );
    for (path, value) in edits() {
        let before = v.report().clone();
        let delta = serde_json::to_value(v.set(path, &value).unwrap()).unwrap();
        edit(&mut doc, path, &value);
        let whole = run_with(doc.clone(), &opts());
        assert_eq!(
            canonical(v.report()),
            canonical(&whole),
            "after setting {path} = {value}"
        );
        assert_eq!(
            delta,
            serde_json::to_value(Delta::between(&before, v.report())).unwrap(),
            "delta of {path}"
        );
        assert_eq!(
            delta["summary"],
            serde_json::to_value(&whole.summary).unwrap()
        );
    }
}

/// Reading problems made by edits in any order stand in the order a whole validation lists them,
/// so a portal's report and a server's re-check of the same form compare equal as they are.
#[test]
fn problems_stand_in_the_order_of_a_whole_validation_whatever_the_order_of_the_edits() {
    let mut doc = json!({});
    let mut v = validator(&doc);
    for (path, value) in [
        ("totalInvestment", json!("abc")),
        ("resources", json!([{"name": "x"}, {"name": 5}])),
        ("dates.approval", json!("2025-02-30")),
        ("mandatedBy", json!(["国", "nation"])),
        ("dates.completion", json!("2025-13-01")),
        ("kind", json!("旧建")),
    ] {
        v.set(path, &value).unwrap();
        edit(&mut doc, path, &value);
    }
    let paths =
        |r: &Report| -> Vec<String> { r.diagnostics.iter().map(|d| d.path.clone()).collect() };
    let whole = run_with(doc, &opts());
    assert_eq!(paths(v.report()), paths(&whole));
    assert_eq!(
        serde_json::to_value(v.report()).unwrap(),
        serde_json::to_value(&whole).unwrap()
    );
}

/// A validator that lets go of what an answer carried after each answer (rendered messages,
/// required documents, windows, nearest thresholds), as the wasm validator does, answers every edit
/// as one that keeps them, from an empty form and from a full one, and its report is the same
/// once written whole again.
#[test]
fn what_an_answer_carried_is_let_go_of_and_written_again_where_an_answer_needs_it() {
    for start in [json!({}), fixture("tongzhou-declaration")] {
        let mut keeping = validator(&start);
        let mut releasing = validator(&start);
        let held = |v: &LiveValidator| {
            let r = v.report();
            let diagnostics: usize = r
                .diagnostics
                .iter()
                .chain(&r.notices)
                .map(|d| d.message.len())
                .sum();
            diagnostics
                + r.nearest.len()
                + r.outcomes.required_documents.len()
                + r.outcomes.windows.len()
        };
        for (path, value) in edits() {
            releasing.release_answered();
            assert_eq!(held(&releasing), 0);
            // From an empty form, an edit of a row past the end is refused: by both alike.
            let expected = keeping
                .set(path, &value)
                .map(|d| serde_json::to_value(d).unwrap());
            let delta = releasing
                .set(path, &value)
                .map(|d| serde_json::to_value(d).unwrap());
            assert_eq!(delta, expected, "delta of {path} = {value}");
        }
        // A whole application in place of the form: diagnostics gone with messages let go of.
        releasing.release_answered();
        let replacement = json!({ "name": "某区政务服务平台", "totalInvestment": "120" });
        assert_eq!(
            serde_json::to_value(releasing.replace(&replacement)).unwrap(),
            serde_json::to_value(keeping.replace(&replacement)).unwrap(),
            "delta of replacing the application"
        );
        assert!(held(&keeping) > 0);
        assert!(!keeping.report().nearest.is_empty());
        assert!(!keeping.report().outcomes.required_documents.is_empty());
        releasing.restore_answered();
        assert_eq!(
            serde_json::to_value(releasing.report()).unwrap(),
            serde_json::to_value(keeping.report()).unwrap()
        );
    }
}

/// An edit renders the messages of the diagnostics it adds, not those of the diagnostics it
/// finds again: after a validator let go of its messages, those of an empty form's missing
/// fields stay let go of through an edit of the amount, and the amount's new problem has its own.
#[test]
fn an_edit_renders_only_the_messages_it_adds() {
    let mut v = validator(&json!({}));
    let missing = |r: &Report| -> Vec<Diagnostic> {
        r.diagnostics
            .iter()
            .filter(|d| d.path == "name")
            .cloned()
            .collect()
    };
    assert!(missing(v.report()).iter().all(|d| !d.message.is_empty()));
    assert!(!missing(v.report()).is_empty());
    v.release_answered();
    let delta = serde_json::to_value(v.set("totalInvestment", &json!("3OO")).unwrap()).unwrap();
    let added = delta["diagnostics"]["added"].as_array().unwrap();
    assert!(added
        .iter()
        .any(|d| d["path"] == "totalInvestment" && !d["message"].as_str().unwrap().is_empty()));
    assert!(missing(v.report()).iter().all(|d| d.message.is_empty()));
    v.restore_answered();
    assert!(missing(v.report()).iter().all(|d| !d.message.is_empty()));
}

#[test]
fn a_delta_names_the_outcomes_and_diagnostics_that_changed() {
    let mut v = validator(&fixture("tongzhou-declaration"));
    assert_eq!(v.report().summary.errors, 0);

    let delta = v.set("totalInvestment", &json!("300.01")).unwrap();
    let merge = delta.outcomes.merge.flatten().expect("merge changed");
    assert_eq!(merge.value.as_ref().unwrap().mode, MergeMode::Separate);
    assert!(
        delta.outcomes.management.is_none(),
        "通州 has no management rule"
    );
    assert!(delta.diagnostics.removed.is_empty());

    let delta = v.set("totalInvestment", &json!("三百万")).unwrap();
    let added: &[&Diagnostic] = &delta.diagnostics.added;
    assert!(
        added.iter().any(|d| d.code == "IN001"
            && d.path == "totalInvestment"
            && d.message.contains("阿拉伯数字")),
        "{added:#?}"
    );
    let approval = delta.outcomes.approval.flatten().unwrap();
    assert_eq!(*approval.missing, ["totalInvestment"]);
    assert!(!delta.summary.complete);

    let delta = v.set("totalInvestment", &json!("268.5")).unwrap();
    assert!(delta.diagnostics.removed.iter().any(|d| d.code == "IN001"));
    assert!(
        delta.diagnostics.added.is_empty(),
        "{:#?}",
        delta.diagnostics.added
    );
    assert!(delta.summary.complete);

    // Setting the same value again changes nothing.
    assert!(v
        .set("totalInvestment", &json!("268.5"))
        .unwrap()
        .is_empty());
    assert!(v
        .set("name", &json!("通州区智慧市场监管综合平台（二期）"))
        .unwrap()
        .is_empty());
}

#[test]
fn a_delta_reports_required_documents_and_the_boundary_notice() {
    let mut v = validator(&fixture("tongzhou-declaration"));
    let delta = v.set("documents[1]", &Value::Null).unwrap();
    let proposal = delta
        .required_documents
        .changed
        .iter()
        .find(|d| &*d.document == "proposal")
        .expect("the proposal requirement changed");
    assert_eq!(proposal.status, "missing");
    assert!(delta.diagnostics.added.iter().any(|d| d.code == "DC001"));

    let delta = v.set("totalInvestment", &json!("300")).unwrap();
    assert!(
        delta.notices.added.iter().any(|n| n.code == "BD001"),
        "{:#?}",
        delta.notices
    );
    let delta = v.set("totalInvestment", &json!("301")).unwrap();
    assert!(delta.notices.removed.iter().any(|n| n.code == "BD001"));
}

#[test]
fn replacing_the_whole_application_and_json_text() {
    let mut v = LiveValidator::new(builtin(), opts());
    let delta = v.replace(&fixture("tongzhou-declaration"));
    assert!(delta.outcomes.approval.is_some());
    assert!(v.report().summary.complete);

    let delta = v.replace_text("{\"totalInvestment\": ");
    let root = delta
        .diagnostics
        .added
        .iter()
        .find(|d| d.path.is_empty())
        .unwrap();
    assert_eq!(root.code, "IN004");
    assert!(
        root.params
            .get("got")
            .is_some_and(|got| got.contains("line 1")),
        "{root:#?}"
    );
    // The next edit treats the input as an object again.
    let delta = v.set("totalInvestment", &json!("10")).unwrap();
    assert!(delta.diagnostics.removed.iter().any(|d| d.path.is_empty()));

    let text = serde_json::to_string(&fixture("tongzhou-declaration")).unwrap();
    v.replace_text(&text);
    assert_eq!(
        canonical(v.report()),
        canonical(&run_with(fixture("tongzhou-declaration"), &opts()))
    );
}

#[test]
fn row_paths_are_checked() {
    let mut v = validator(&fixture("tongzhou-declaration"));
    let err = v.set("resources[7]", &json!({})).unwrap_err();
    assert!(
        err.contains("has 2 rows") && err.contains("resources[2]"),
        "{err}"
    );
    let err = v.set("documents[x]", &json!("proposal")).unwrap_err();
    assert!(err.contains("documents[i]"), "{err}");
    assert!(v.set("documents[0].chapters[1]", &json!("x")).is_err());
    // An unknown field is data, not misuse.
    let delta = v.set("resourcez", &json!(1)).unwrap();
    assert!(delta.diagnostics.added.iter().any(|d| d.code == "IN005"));
}

#[test]
fn stage_from_options_or_application() {
    let mut v = validator(&fixture("tongzhou-declaration"));
    assert_eq!(v.report().stage, "declaration");
    let delta = v.set("stage", &json!("acceptance")).unwrap();
    assert_eq!(delta.stage, "acceptance");
    assert!(!delta.required_documents.removed.is_empty());
}

#[test]
fn jurisdictions_list_titles_document_numbers_and_dates() {
    let as_of = "2025-06-01".parse().unwrap();
    let list = catalogue::jurisdictions(builtin(), as_of, Locale::ZhCn);
    let t = list.iter().find(|j| j.id == J).expect("tongzhou listed");
    assert_eq!(t.title, "通州区政务信息化项目建设管理办法");
    assert_eq!(t.document_number.as_deref(), Some("通政办发〔2023〕7号"));
    assert_eq!(t.issued.as_deref(), Some("2023-02-07"));
    assert!(t.in_force.is_some());
    let merge = t
        .parameters
        .iter()
        .find(|p| p.key == "mergeThreshold")
        .unwrap();
    assert_eq!(merge.value.as_deref(), Some("300"));
    assert_eq!(merge.citations[0].article, "第十一条");
    assert!(t.documents.contains_key("proposal"));
    assert_eq!(t.versions.len(), 1);
    // What the regulation's form lists for a field, and for a resource row's cells, as data.
    assert_eq!(t.choices.get("nature").unwrap(), &["新建", "续建", "维护"]);
    assert!(t.resource_choices.is_empty());
    let x = list.iter().find(|j| j.id == "xiangcheng").unwrap();
    assert_eq!(x.choices.get("networkType").unwrap()[1], "政务外网");
    assert_eq!(
        x.resource_choices.get("sharing").unwrap(),
        &["无条件共享", "有条件共享", "不予共享"]
    );
    assert_eq!(
        x.resource_choices.get("updateFrequency").unwrap()[0],
        "实时"
    );

    let en = catalogue::jurisdictions(builtin(), as_of, Locale::En);
    let t = en.iter().find(|j| j.id == J).unwrap();
    assert!(t.title.contains("Tongzhou"), "{}", t.title);
    // The form's own words in either locale.
    assert_eq!(t.choices.get("nature").unwrap(), &["新建", "续建", "维护"]);
}

#[test]
fn the_rule_catalogue_covers_every_code_and_provision() {
    let as_of = "2025-06-01".parse().unwrap();
    let catalogue = catalogue::rules(builtin(), Some(J), as_of, Locale::ZhCn).unwrap();
    assert_eq!(catalogue.codes.len(), gov_it_rules::codes::CODES.len());
    let dc001 = catalogue.codes.iter().find(|c| c.code == "DC001").unwrap();
    assert!(dc001.template.contains("{document}"));
    let listed: std::collections::BTreeSet<String> = catalogue
        .provisions
        .iter()
        .map(|p| p.rule.clone())
        .collect();
    for id in rule_ids(J) {
        assert!(listed.contains(&id), "{id} missing from the catalogue");
    }
    assert!(catalogue.provisions.iter().all(|p| p.jurisdiction == J));
    let approval = catalogue
        .provisions
        .iter()
        .find(|p| p.kind == "outcome.approval")
        .unwrap();
    assert_eq!(approval.citations[0].article, "第八条");
    assert!(catalogue
        .provisions
        .iter()
        .any(|p| p.kind == "notFormalised"));

    let err = catalogue::rules(builtin(), Some("atlantis"), as_of, Locale::En).unwrap_err();
    assert!(
        err.contains("atlantis") && err.contains("tongzhou"),
        "{err}"
    );
    let all = catalogue::rules(builtin(), None, as_of, Locale::En).unwrap();
    assert!(all.provisions.len() >= catalogue.provisions.len());
}

#[test]
fn options_stage_overrides_the_application() {
    let mut options = opts();
    options.stage = Some(Stage::Approval);
    let mut v = LiveValidator::new(builtin(), options);
    v.replace(&fixture("tongzhou-declaration"));
    assert_eq!(
        v.set("stage", &json!("declaration")).unwrap().stage,
        "approval"
    );
}

/// Values an applicant might leave in a field of each kind: blank, on and beside the thresholds,
/// malformed, and of the wrong type.
fn values_for(kind: gov_it_rules::model::Kind) -> Vec<Value> {
    use gov_it_rules::model::Kind;
    let mut values = vec![Value::Null, json!(""), json!([1])];
    values.extend(match kind {
        Kind::Money => vec![
            json!("3"),
            json!("30"),
            json!("50"),
            json!("50.01"),
            json!("75"),
            json!("100"),
            json!("300"),
            json!("300."),
            json!("300.0001"),
            json!("450"),
            json!(1000),
            json!("2000"),
            json!("三百万"),
        ],
        Kind::Date => vec![
            json!("2025-03-01"),
            json!("2026-02-30"),
            json!("2024-12-31"),
        ],
        Kind::YearMonth => vec![json!("2025-03"), json!("2026-13")],
        Kind::Bool => vec![json!(true), json!(false), json!("是"), json!("maybe")],
        Kind::Count(_, high) => vec![json!(0), json!(3), json!(high + 1)],
        Kind::Choice(keys) | Kind::Choices(keys) => keys
            .iter()
            .map(|k| json!(k))
            .chain([json!(keys), json!("none of them")])
            .collect(),
        Kind::Text | Kind::Texts => vec![json!("某某"), json!(["有线", "无线"])],
    });
    values
}

/// Edits that are not of one field: tables, rows, cells, groups, fields the form does not have.
fn other_edits() -> Vec<(String, Value)> {
    let mut edits = vec![
        (
            "documents".to_string(),
            json!(["proposal", "feasibilityStudy"]),
        ),
        ("documents".to_string(), json!([])),
        ("documents[0]".to_string(), Value::Null),
        ("documents[0]".to_string(), json!("budgetEstimate")),
        ("documents[1].kind".to_string(), json!("preliminaryDesign")),
        ("documents[0].chapters".to_string(), json!(["概述", 3])),
        ("resources".to_string(), json!([{ "name": "人口库" }])),
        ("resources[0].sharing".to_string(), json!("无条件共享")),
        ("resources[0].sharing".to_string(), json!("随便")),
        ("resources[0]".to_string(), Value::Null),
        (
            "funding.thisYear".to_string(),
            json!({ "total": "100", "fiscal": "60" }),
        ),
        ("funding.thisYear".to_string(), json!("not an object")),
        ("notAField".to_string(), json!(1)),
        ("notAField".to_string(), Value::Null),
    ];
    for stage in ["declaration", "approval", "implementation", "acceptance"] {
        edits.push(("stage".to_string(), json!(stage)));
    }
    edits
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 48,
        failure_persistence: None,
        ..Default::default()
    })]

    /// An edit evaluates again only what it may have changed; the report must be the one a whole
    /// validation of the same form gives, and the delta what comparing the two whole reports gives,
    /// whichever edits came before, in every jurisdiction.
    #[test]
    fn an_evaluation_of_what_an_edit_changed_agrees_with_a_whole_one(
        jurisdiction in proptest::sample::select(vec![
            "tongzhou", "shexian", "tinghu", "jiangjin", "xiangcheng",
        ]),
        picks in proptest::collection::vec((0usize..10_000, 0usize..10_000), 1..40),
    ) {
        let mut edits: Vec<(String, Value)> = other_edits();
        for spec in gov_it_rules::model::FIELDS {
            for value in values_for(spec.kind) {
                edits.push((spec.path.to_string(), value));
            }
        }
        let options = Options {
            jurisdiction: jurisdiction.into(),
            as_of: Some("2025-06-01".parse().unwrap()),
            ..Options::default()
        };
        let mut doc = fixture(&format!("{jurisdiction}-declaration"));
        let mut v = LiveValidator::new(builtin(), options.clone());
        v.replace(&doc);
        let mut answering = v.clone();
        for (pick, _) in picks {
            let (path, value) = &edits[pick % edits.len()];
            edit_agrees(&mut v, &mut answering, &mut doc, &options, path, value, pick % 2 == 0)?;
        }
    }

    /// The nearest thresholds are measured again rather than walked while the amount stays
    /// between the same two thresholds: typing amounts that move within an interval, onto and
    /// across thresholds, with other edits between, must leave the report and delta a whole
    /// validation gives.
    #[test]
    fn typing_amounts_agrees_with_a_whole_evaluation(
        jurisdiction in proptest::sample::select(vec![
            "tongzhou", "shexian", "tinghu", "jiangjin", "xiangcheng",
        ]),
        limit in proptest::sample::select(vec![None, Some(200), Some(800)]),
        picks in proptest::collection::vec((0usize..10_000, 0usize..10_000), 1..40),
    ) {
        let amounts = amounts();
        let others = beside_amounts();
        let mut options = Options {
            jurisdiction: jurisdiction.into(),
            as_of: Some("2025-06-01".parse().unwrap()),
            ..Options::default()
        };
        if let Some(limit) = limit {
            options
                .parameters
                .insert("decentralizedProcurementLimit".into(), limit.into());
        }
        let mut doc = fixture(&format!("{jurisdiction}-declaration"));
        let mut v = LiveValidator::new(builtin(), options.clone());
        v.replace(&doc);
        let mut answering = v.clone();
        for (pick, other) in picks {
            // Mostly the amount, as typing does; now and then something else.
            let (path, value) = if pick % 4 == 0 {
                let (path, value) = &others[other % others.len()];
                (path.as_str(), value)
            } else {
                // The approved budget, once given, is what some verdicts compare instead.
                let field = if pick % 4 == 1 { "approvedBudget" } else { "totalInvestment" };
                (field, &amounts[other % amounts.len()])
            };
            edit_agrees(&mut v, &mut answering, &mut doc, &options, path, value, pick % 8 < 4)?;
        }
    }
}

/// Sets `path` to `value` in the validator and in `doc`, and checks that the validator's report
/// is a whole validation of `doc` and its delta what comparing the two whole reports gives.
/// `release`: as the package does once the delta is written, since the next edit needs none of it.
/// `answering` takes the same edits and lets go of all each answer carried, as the wasm validator
/// does: its deltas must be the same.
fn edit_agrees(
    v: &mut LiveValidator,
    answering: &mut LiveValidator,
    doc: &mut Value,
    options: &Options,
    path: &str,
    value: &Value,
    release: bool,
) -> Result<(), proptest::test_runner::TestCaseError> {
    let before = v.report().clone();
    let delta = match v.set(path, value) {
        Ok(delta) => serde_json::to_value(delta).unwrap(),
        Err(_) => {
            // A row more than one past the end of its table: refused, nothing changes.
            proptest::prop_assert!(path.contains('['));
            proptest::prop_assert_eq!(v.report(), &before);
            return Ok(());
        }
    };
    if release {
        v.release();
    }
    let answered = answering
        .set(path, value)
        .map(|delta| serde_json::to_value(delta).unwrap());
    answering.release_answered();
    proptest::prop_assert_eq!(
        answered.as_ref().ok(),
        Some(&delta),
        "{}: the delta of setting {} = {}, what was answered let go of",
        &options.jurisdiction,
        path,
        value
    );
    edit(doc, path, value);
    let whole = run_with(doc.clone(), options);
    let jurisdiction = &options.jurisdiction;
    proptest::prop_assert_eq!(
        canonical(v.report()),
        canonical(&whole),
        "{} after setting {} = {}",
        jurisdiction,
        path,
        value
    );
    proptest::prop_assert_eq!(
        delta,
        serde_json::to_value(Delta::between(&before, v.report())).unwrap(),
        "{}: the delta of setting {} = {}",
        jurisdiction,
        path,
        value
    );
    Ok(())
}

/// Amounts on, just beside and between the built-in thresholds (50, 100, 300, 500, 1000, 3000 万元,
/// and 200 or 800 where 歙县's portal supplies its 分散采购限额标准), and far from them, with a
/// blank and malformed ones.
fn amounts() -> Vec<Value> {
    let mut amounts = vec![Value::Null, json!(""), json!("300."), json!("三百万")];
    for t in [50, 100, 200, 300, 500, 800, 1000, 3000] {
        amounts.extend([
            json!(format!("{}.9999", t - 1)),
            json!(t.to_string()),
            json!(format!("{t}.0001")),
            json!(format!("{}", t + 7)),
            json!(format!("{}.5", t * 2 - 3)),
        ]);
    }
    amounts.extend([json!("0"), json!("3"), json!("30"), json!("20000")]);
    amounts
}

/// Edits that change what an amount is compared with, or how a verdict reads it.
fn beside_amounts() -> Vec<(String, Value)> {
    let mut edits = other_edits();
    for (path, value) in [
        ("mandatedBy", json!([])),
        ("mandatedBy", json!(["provincial"])),
        ("mandatedBy", Value::Null),
        ("kind", json!("new")),
        ("kind", json!("upgrade")),
        ("kind", json!("operations")),
        ("kind", Value::Null),
        ("urgent", json!(true)),
        ("urgent", json!(false)),
        ("inAnnualPlan", json!(true)),
        ("inAnnualPlan", json!(false)),
        ("annualFunding", json!("40")),
        ("annualFunding", json!("400")),
        ("approvedBudget", json!("120")),
        ("approvedBudget", Value::Null),
    ] {
        edits.push((path.to_string(), value));
    }
    edits
}
