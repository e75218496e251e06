//! Hostile sizes: input over a limit is refused before it is read, with one diagnostic that says
//! the limit and where it was crossed; below the limits, echoes are clipped and unknown fields
//! counted, so a report stays small; profiles with values that would drive long loops are refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod common;

use common::PROFILE_SOURCES;
use gov_it_rules::limits::{
    MAX_APPLICATION_BYTES, MAX_DEPTH, MAX_ECHOED_PATH, MAX_UNKNOWN_FIELDS, MAX_VALUES,
};
use gov_it_rules::live::LiveValidator;
use gov_it_rules::model::FIELDS;
use gov_it_rules::{profile, Options, Registry};
use serde_json::{json, Value};

fn options() -> Options {
    Options {
        jurisdiction: "tongzhou".into(),
        ..Options::default()
    }
}

fn unknown_keys(n: usize, key_len: usize) -> String {
    let members: Vec<String> = (0..n)
        .map(|i| format!("\"{}{i}\":1", "k".repeat(key_len)))
        .collect();
    format!("{{\"name\":\"项目\",{}}}", members.join(","))
}

#[test]
fn an_application_over_each_limit_is_refused_with_the_limit_and_the_place() {
    let registry = gov_it_rules::builtin();
    let cases = [
        (unknown_keys(MAX_VALUES + 1, 1), "values", ""),
        (
            format!(
                "{{\"resources\":[{{\"note\":{}1{}}}]}}",
                "[".repeat(MAX_DEPTH),
                "]".repeat(MAX_DEPTH)
            ),
            "depth",
            "resources[0].note",
        ),
        (
            format!("{{\"name\":\"x\"{}}}", " ".repeat(MAX_APPLICATION_BYTES)),
            "bytes",
            "",
        ),
    ];
    for (text, limit, at) in cases {
        let report = registry.validate_str(&text, &options());
        let d = &report.diagnostics[0];
        assert_eq!(d.code, "IN012", "{limit}");
        assert!(d.path.starts_with(at), "{limit}: {}", d.path);
        assert_eq!(d.params.get("limit").map(|v| &**v), Some(limit));
        assert!(
            d.message.contains("最多") && d.message.contains("未予读取"),
            "{}",
            d.message
        );
        // Refused whole, as text that is not JSON is: nothing was read, so nothing is derived
        // from the blanks that leaves (no 「请填写」 for fields the text may well fill in).
        assert_eq!(report.diagnostics.len(), 1, "{limit}");
        assert_eq!(report.summary.errors, 1, "{limit}");
        assert!(report.outcomes.approval.is_none(), "{limit}");
        assert!(report.outcomes.required_documents.is_empty(), "{limit}");
        assert!(report.jurisdiction.is_some(), "{limit}");
    }
}

/// A long string within the whole text's limit is the problem of the field that holds it, located
/// there, and the rest of the application is read and checked: a description pasted at 22,000
/// characters (66 KB) is the text field's `IN008`, not the whole form refused and every other
/// field reported empty.
#[test]
fn a_long_string_is_its_own_fields_problem_and_the_rest_is_read() {
    let registry = gov_it_rules::builtin();
    let fixture = common::fixture("tongzhou-declaration");
    let before = registry.validate_str(&fixture.to_string(), &options());
    let mut long = fixture.clone();
    long["purposeAndContent"] = json!("建".repeat(22_000));
    let after = registry.validate_str(&long.to_string(), &options());
    let added: Vec<(&str, &str)> = after
        .diagnostics
        .iter()
        .filter(|d| !before.diagnostics.contains(d))
        .map(|d| (d.code.id(), d.path.as_str()))
        .collect();
    assert_eq!(added, [("IN008", "purposeAndContent")]);
    assert_eq!(after.diagnostics.len(), before.diagnostics.len() + 1);
    assert_eq!(after.outcomes.approval, before.outcomes.approval);
}

/// Every field of the 申报表, and a table's cell, given a string of 256 KiB: a problem of that
/// field alone or none, echoed clipped, so the report stays small.
#[test]
fn a_long_string_in_any_field_stays_at_that_field() {
    let registry = gov_it_rules::builtin();
    let empty = registry.validate_str("{}", &options());
    let huge = "9".repeat(256 * 1024);
    let mut paths: Vec<&str> = FIELDS.iter().map(|spec| spec.path).collect();
    paths.push("resources");
    for path in paths {
        let mut app = json!({});
        let (parents, last) = path.rsplit_once('.').map_or(("", path), |(p, l)| (p, l));
        let mut at = &mut app;
        for key in parents.split('.').filter(|k| !k.is_empty()) {
            at = &mut at[key];
        }
        at[last] = if path == "resources" {
            json!([{ "name": huge }])
        } else {
            json!(huge)
        };
        let text = app.to_string();
        assert!(text.len() < MAX_APPLICATION_BYTES);
        let report = registry.validate_str(&text, &options());
        let own = if path == "resources" {
            "resources["
        } else {
            path
        };
        for d in report
            .diagnostics
            .iter()
            .filter(|d| !empty.diagnostics.contains(d))
        {
            assert!(
                d.path.starts_with(own) && d.code.id() != "IN012",
                "{path}: {} at {}",
                d.code.id(),
                d.path
            );
        }
        let answer = serde_json::to_string(&report).unwrap();
        assert!(answer.len() < 64 * 1024, "{path}: {} bytes", answer.len());
    }
}

#[test]
fn ten_megabytes_of_unknown_keys_are_refused_and_the_next_validation_is_ordinary() {
    let registry = gov_it_rules::builtin();
    let hostile = unknown_keys(1_000_000, 1);
    assert!(hostile.len() > 10_000_000);
    let report = registry.validate_str(&hostile, &options());
    assert_eq!(report.diagnostics[0].code, "IN012");
    let text = serde_json::to_string(&report).unwrap();
    // The refusal alone, as for text that is not JSON: a few KB, whatever the input.
    assert!(
        text.len() < 8_000,
        "a refusal is a small report, not {} bytes",
        text.len()
    );
    let fixture = include_str!("fixtures/tongzhou-declaration.json");
    assert!(registry.validate_str(fixture, &options()).summary.complete);
}

#[test]
fn unknown_fields_are_listed_up_to_the_cap_and_counted_after_it() {
    let n = 20_000;
    let report = gov_it_rules::builtin().validate_str(&unknown_keys(n, 1), &options());
    let listed = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "IN005")
        .count();
    assert_eq!(listed, MAX_UNKNOWN_FIELDS);
    let summary = report
        .diagnostics
        .iter()
        .find(|d| d.code == "IN013")
        .unwrap();
    assert_eq!(
        summary.params.get("count").map(|v| v.to_string()),
        Some((n - MAX_UNKNOWN_FIELDS).to_string())
    );
    assert!(serde_json::to_string(&report).unwrap().len() < 64_000);
}

#[test]
fn long_keys_are_echoed_clipped() {
    let report = gov_it_rules::builtin().validate_str(&unknown_keys(40, 10_000), &options());
    let unknown: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "IN005")
        .collect();
    assert_eq!(unknown.len(), 40);
    for d in unknown {
        assert_eq!(d.path.chars().count(), MAX_ECHOED_PATH + 1, "{}", d.path);
        assert!(d.message.chars().count() < 200, "{}", d.message);
    }
    let report = gov_it_rules::builtin().validate_str(
        "{}",
        &Options {
            jurisdiction: "x".repeat(1_000_000),
            ..Options::default()
        },
    );
    assert!(report.diagnostics[0].message.chars().count() < 300);
}

#[test]
fn a_byte_order_mark_before_the_json_is_ignored() {
    let fixture = include_str!("fixtures/tongzhou-declaration.json");
    let report = gov_it_rules::builtin().validate_str(&format!("\u{feff}{fixture}"), &options());
    assert!(report.summary.complete, "{:?}", report.diagnostics);
}

#[test]
fn a_profile_with_a_byte_order_mark_loads() {
    let county = include_str!("fixtures/profiles/example-county.json");
    let mut registry = Registry::default();
    assert!(registry.load(&format!("\u{feff}{county}")).is_ok());
}

#[test]
fn a_live_validator_keeps_its_unknown_fields_capped_edit_after_edit() {
    let registry = gov_it_rules::builtin();
    let mut live = LiveValidator::new(registry, options());
    live.replace_text(&unknown_keys(MAX_UNKNOWN_FIELDS + 10, 1));
    for i in 0..500 {
        live.set(&format!("extra{i}"), &json!("x")).unwrap();
    }
    let report = live.report();
    assert_eq!(
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == "IN005")
            .count(),
        MAX_UNKNOWN_FIELDS
    );
    let summary = report
        .diagnostics
        .iter()
        .find(|d| d.code == "IN013")
        .unwrap();
    assert_eq!(summary.params.get("count").map(|v| &**v), Some("510"));
    let delta = live.set("totalInvestment", &json!("300.01")).unwrap();
    let delta = serde_json::to_value(&delta).unwrap();
    assert_eq!(
        delta["outcomes"]["approval"]["value"]["need"], "required",
        "{delta}"
    );
}

#[test]
fn a_registry_extended_by_a_load_shares_the_profiles_already_there() {
    let registry = Registry::builtin();
    let before = registry.get("tongzhou").unwrap() as *const _;
    let mut next = registry.clone();
    next.load(include_str!("fixtures/profiles/example-county.json"))
        .unwrap();
    assert!(std::ptr::eq(before, next.get("tongzhou").unwrap()));
    // A validator keeps the profiles it was made with, sharing them too.
    let live = LiveValidator::new(&next, options());
    drop(next);
    assert_eq!(live.report().jurisdiction.as_ref().unwrap().id, "tongzhou");
}

fn tongzhou_with(edit: impl FnOnce(&mut Value)) -> Vec<profile::ProfileError> {
    let mut p: Value = serde_json::from_str(PROFILE_SOURCES[0].1).unwrap();
    edit(&mut p);
    Registry::default()
        .load(&p.to_string())
        .err()
        .unwrap_or_default()
}

#[test]
fn a_profile_whose_values_would_drive_long_loops_or_misstate_amounts_is_refused() {
    let errors = tongzhou_with(|p| {
        p["versions"][0]["windows"][0]["max"] = json!({ "workingDays": 4_294_967_295u32 });
    });
    assert!(
        errors
            .iter()
            .any(|e| e.path.ends_with(".max") && e.message.contains("at most 10 years")),
        "{errors:?}"
    );
    for bad in ["-100", "100.00001", "1000000000"] {
        let errors = tongzhou_with(|p| {
            p["versions"][0]["parameters"]["approvalThreshold"]["value"] = json!(bad)
        });
        assert!(
            errors
                .iter()
                .any(|e| e.path.ends_with("approvalThreshold.value")),
            "{bad}: {errors:?}"
        );
    }
    let errors = tongzhou_with(|p| p["id"] = json!("x".repeat(65)));
    assert_eq!(errors[0].path, "id");
    let huge = format!(
        "{}{}",
        " ".repeat(gov_it_rules::limits::MAX_PROFILE_BYTES),
        PROFILE_SOURCES[0].1
    );
    let errors = Registry::default().load(&huge).unwrap_err();
    assert!(errors[0].message.contains("larger than"), "{errors:?}");
}

/// Text that is not JSON, or JSON that is not an object, is refused at the root alone; a live
/// validator given it and then the form again answers the whole form.
#[test]
fn an_application_that_is_not_an_object_is_refused_alone() {
    let registry = gov_it_rules::builtin();
    let fixture = include_str!("fixtures/tongzhou-declaration.json");
    let truncated = &fixture[..fixture.len() / 2];
    for text in [truncated, "null", "[]", "\"300\"", "{} trailing"] {
        let report = registry.validate_str(text, &options());
        let codes: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| (d.code.id(), &*d.path))
            .collect();
        assert_eq!(codes, [("IN004", "")], "{text:.40}");
        assert!(report.outcomes.merge.is_none());
    }
    let mut live = gov_it_rules::live::LiveValidator::new(registry, options());
    live.replace_text(fixture);
    live.replace_text("null");
    assert_eq!(live.report().diagnostics.len(), 1);
    live.replace_text(fixture);
    assert!(live.report().summary.complete);
    assert!(live.report().outcomes.merge.is_some());
    // An edit after a refusal starts from the empty form the refusal left: it is checked.
    live.replace_text(&unknown_keys(MAX_VALUES + 1, 1));
    assert_eq!(live.report().diagnostics.len(), 1);
    live.set("name", &serde_json::json!("示例项目")).unwrap();
    let report = live.report();
    assert!(!report.diagnostics.iter().any(|d| d.code == "IN012"));
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.code == "FM001" && d.path == "unit"));
    assert!(report.outcomes.merge.is_some());
}

#[test]
fn a_window_counted_from_a_field_that_is_not_a_date_is_refused_where_it_is_named() {
    let errors = tongzhou_with(|p| {
        p["versions"][0]["windows"][0]["alsoAfter"] = json!(["dates.goLive", "totalInvestment"]);
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].path.ends_with("windows[0].alsoAfter"),
        "{errors:?}"
    );
    assert!(errors[0]
        .message
        .contains("`totalInvestment` is not a date field"));
    assert!(tongzhou_with(|p| {
        p["versions"][0]["windows"][0]["alsoAfter"] = json!(["dates.goLive"]);
    })
    .is_empty());
}

#[test]
fn a_window_no_date_could_meet_or_counted_from_its_own_end_is_refused() {
    let errors = tongzhou_with(|p| {
        let window = &mut p["versions"][0]["windows"][0];
        window["min"] = json!({"months": 6});
        window["max"] = json!({"months": 1});
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].path.ends_with("windows[0].min"), "{errors:?}");
    assert!(errors[0].message.contains("`min` is longer than `max`"));
    // Units apart, only a window no month's length could meet: 1 month and 31 days may meet.
    assert!(!tongzhou_with(|p| {
        let window = &mut p["versions"][0]["windows"][0];
        window["min"] = json!({"months": 2});
        window["max"] = json!({"days": 40});
    })
    .is_empty());
    assert!(tongzhou_with(|p| {
        let window = &mut p["versions"][0]["windows"][0];
        window["min"] = json!({"months": 1});
        window["max"] = json!({"days": 31});
    })
    .is_empty());
    assert!(tongzhou_with(|p| {
        let window = &mut p["versions"][0]["windows"][0];
        window["min"] = json!({"days": 30});
        window["max"] = json!({"workingDays": 20});
    })
    .is_empty());
    // Longer from every start: working days against working days, 93 days against three
    // months (92 at most), 13 months against a year; a year and 12 months may meet.
    for (min, max, refused) in [
        (json!({"workingDays": 20}), json!({"workingDays": 10}), true),
        (json!({"days": 93}), json!({"months": 3}), true),
        (json!({"days": 92}), json!({"months": 3}), false),
        (json!({"months": 13}), json!({"years": 1}), true),
        (json!({"years": 1}), json!({"months": 12}), false),
        (json!({"months": 12}), json!({"days": 365}), false),
        (json!({"months": 12}), json!({"days": 364}), true),
    ] {
        let errors = tongzhou_with(|p| {
            let window = &mut p["versions"][0]["windows"][0];
            window["min"] = min.clone();
            window["max"] = max.clone();
        });
        assert_eq!(
            errors.len(),
            usize::from(refused),
            "{min} {max}: {errors:?}"
        );
    }
    let errors = tongzhou_with(|p| {
        let window = &mut p["versions"][0]["windows"][0];
        let to = window["to"].clone();
        window["alsoAfter"] = json!([to]);
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].path.ends_with("windows[0].alsoAfter"),
        "{errors:?}"
    );
    assert!(errors[0].message.contains("is the window's own `to`"));
}

#[test]
fn a_live_validator_holds_no_more_than_a_validation_would_read() {
    let registry = gov_it_rules::builtin();
    let fixture: Value =
        serde_json::from_str(include_str!("fixtures/tongzhou-declaration.json")).unwrap();
    let mut live = LiveValidator::new(registry, options());
    live.replace(&fixture);
    let cell = Value::String("x".repeat(100_000));
    // Cells no field reads, each within the limits of one value: the whole would pass them.
    let mut refused = None;
    for i in 0..40 {
        let before = serde_json::to_value(live.report()).unwrap();
        match live.set(&format!("resources[0].extra{i}"), &cell) {
            Ok(_) => {}
            Err(message) => {
                let after = serde_json::to_value(live.report()).unwrap();
                assert_eq!(before, after, "the refused edit changed the report");
                refused = Some((i, message));
                break;
            }
        }
    }
    let (at, message) = refused.expect("an edit past the limit was refused");
    assert!(at > 10 && at < 25, "refused at the {at}th cell of 100 KB");
    assert!(
        message.starts_with(&format!("resources[0].extra{at}: with this value the application would be over its limit of {MAX_APPLICATION_BYTES} bytes")),
        "{message}"
    );
    // Room made, the same cell is taken.
    live.set("resources[0].extra0", &Value::Null).unwrap();
    live.set(&format!("resources[0].extra{at}"), &cell).unwrap();

    // Rows, each small, up to the count of values.
    let mut live = LiveValidator::new(registry, options());
    let row = json!({"name": "库", "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9});
    let rows = (0..MAX_VALUES / 11 - 10)
        .map(|_| row.clone())
        .collect::<Vec<_>>();
    live.set("resources", &Value::Array(rows)).unwrap();
    let mut tail = MAX_VALUES / 11 - 10;
    let error = loop {
        match live.set(&format!("resources[{tail}]"), &row) {
            Ok(_) => tail += 1,
            Err(message) => break message,
        }
        assert!(
            tail < MAX_VALUES / 11 + 10,
            "rows were added past the count of values"
        );
    };
    assert!(
        error.contains(&format!(
            "over its limit of {MAX_VALUES} fields and rows in all"
        )),
        "{error}"
    );
    // The row refused was not kept.
    let past = live
        .set(&format!("resources[{}]", tail + 1), &row)
        .unwrap_err();
    assert!(
        past.contains(&format!("the table has {tail} rows")),
        "{past}"
    );
    live.set(&format!("resources[{}]", tail - 1), &Value::Null)
        .unwrap();
    live.set(&format!("resources[{}]", tail - 1), &row).unwrap();
}

#[test]
fn an_amount_superseded_by_anything_but_another_amount_is_refused_where_it_is_named() {
    let supervision = |by: serde_json::Value| {
        tongzhou_with(|p| {
            p["versions"][0]["outcomes"]["supervision"][1]["when"]["amount"]["supersededBy"] =
                by.clone();
        })
    };
    for by in ["dates.approval", "totalInvestment"] {
        let errors = supervision(json!(by));
        assert_eq!(errors.len(), 1, "{by}: {errors:?}");
        assert!(
            errors[0]
                .path
                .ends_with("supervision[1].when.amount.supersededBy"),
            "{errors:?}"
        );
        assert!(
            errors[0]
                .message
                .contains(&format!("`{by}` is not another amount field")),
            "{errors:?}"
        );
    }
    assert!(supervision(json!("approvedBudget")).is_empty());
}

#[test]
fn a_field_labelled_twice_or_without_words_is_refused_where_it_is_named() {
    let label =
        |text: &str| json!({"field": "totalInvestment", "label": text, "cite": [{"annex": 1}]});
    let errors = tongzhou_with(|p| {
        p["versions"][0]["fieldLabels"] = json!([label("预计总投资"), label(" ")]);
    });
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(paths[0].ends_with("fieldLabels[1].label"), "{paths:?}");
    assert!(paths[1].ends_with("fieldLabels[1].field"), "{paths:?}");
    assert!(errors[1]
        .message
        .contains("`totalInvestment` is labelled twice"));
}

#[test]
fn a_verdict_named_twice_without_words_or_unknown_is_refused_where_it_is_named() {
    let name = |outcome: &str, text: &str| json!({"outcome": outcome, "name": text, "cite": [{"article": 11}]});
    let errors = tongzhou_with(|p| {
        p["versions"][0]["outcomeNames"] = json!([name("merge", "合并编报"), name("merge", " ")]);
    });
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(paths[0].ends_with("outcomeNames[1].name"), "{paths:?}");
    assert!(paths[1].ends_with("outcomeNames[1].outcome"), "{paths:?}");
    assert!(errors[1].message.contains("`merge` is named twice"));
    let errors = tongzhou_with(|p| {
        p["versions"][0]["outcomeNames"] = json!([name("adjustment", "调整")]);
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].path.contains("outcomeNames"), "{errors:?}");
}

/// A document or a chapter is given by its key or by its name, so two cannot share a name.
#[test]
fn a_name_two_documents_or_two_chapters_share_is_refused() {
    let errors = tongzhou_with(|p| {
        p["versions"][0]["documents"]["feasibilityStudy"]["name"] = json!("项目建设建议书");
        p["versions"][0]["chapters"]["another"] = json!({"name": "信息资源共享分析"});
    });
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        paths.iter().any(|p| p.ends_with("documents.proposal.name")
            || p.ends_with("documents.feasibilityStudy.name")),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .any(|p| p.ends_with("chapters.resourceSharingAnalysis.name")
                || p.ends_with("chapters.another.name")),
        "{paths:?}"
    );
    assert!(
        errors.iter().all(|e| e.message.contains("is given twice")),
        "{errors:?}"
    );
}

/// 联网方式 as a list of strings each holding answers separated by commas: up to 100 different
/// answers are read, each once; more are refused at the field, and the rest of the form is read.
#[test]
fn a_list_of_answers_is_read_up_to_its_limit_and_refused_past_it() {
    let registry = gov_it_rules::builtin();
    let answers = |n: usize| -> Vec<String> { (0..n).map(|i| format!("网{i}")).collect() };
    let read = |value: Value| {
        let mut app = common::fixture("tongzhou-declaration");
        app["networkType"] = value;
        registry.validate_str(&app.to_string(), &options())
    };
    let at_limit = read(json!([answers(100).join(","), answers(100).join("、")]));
    assert!(!at_limit
        .diagnostics
        .iter()
        .any(|d| d.path.starts_with("networkType")));
    // 100 strings of 2,000 different answers each, 9,999 characters: refused at the field, not
    // read through (each answer was looked for among all those before it).
    let many: Vec<String> = (0..100)
        .map(|s| {
            (0..2000)
                .map(|i| format!("{:04x}", s * 2000 + i))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    for value in [json!(answers(101).join(",")), json!(many)] {
        let report = read(value);
        let refused: Vec<(&str, &str)> = report
            .diagnostics
            .iter()
            .filter(|d| d.path.starts_with("networkType"))
            .map(|d| (d.code.id(), d.path.as_str()))
            .collect();
        assert_eq!(refused, [("IN009", "networkType")]);
        assert!(report.outcomes.approval.is_some());
    }
}
