//! Checks that hold for every built-in regulation, and the core's handling of bad input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;

use common::*;
use gov_it_rules::codes::Severity;
use gov_it_rules::profile::{self, MergeMode, Stage};
use gov_it_rules::{builtin, validate_json, Options, Registry};
use serde_json::json;

const REGULATION_FILES: &[(&str, &str)] = &[
    ("tongzhou", "tongzhou-2023.txt"),
    ("shexian", "shexian-2023.txt"),
    ("tinghu", "tinghu-2025.txt"),
    ("jiangjin", "jiangjin-2022.txt"),
    ("xiangcheng", "xiangcheng-2018.txt"),
];

#[test]
fn every_builtin_profile_loads_with_resolvable_citations() {
    for (id, json) in PROFILE_SOURCES {
        let loaded = profile::load(json);
        assert!(loaded.is_ok(), "{id}: {:#?}", loaded.err());
        assert_eq!(loaded.map(|p| p.id).unwrap_or_default(), *id);
    }
    assert_eq!(builtin().profiles().len(), PROFILE_SOURCES.len());
}

/// The article labels of a regulation text, in order: `第一条` … in four texts, `第1条` in 亭湖.
fn article_labels(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = if line.starts_with("[bookmark") {
                line.rsplit(']').next().unwrap_or(line)
            } else {
                line
            };
            let rest = line.strip_prefix('第')?;
            let end = rest.find('条')?;
            let number = &rest[..end];
            let numeral = number.chars().all(|c| "一二三四五六七八九十百".contains(c))
                || number.chars().all(|c| c.is_ascii_digit());
            (!number.is_empty() && numeral && end <= 9).then(|| format!("第{number}条"))
        })
        .collect()
}

#[test]
fn article_indexes_match_the_regulation_texts() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/profiles/texts");
    for (id, file) in REGULATION_FILES {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap_or_else(|e| {
            panic!("{dir}/{file}: {e} (the regulation texts sit in src/profiles/texts/)")
        });
        let in_text = article_labels(&text);
        let profile = builtin()
            .get(id)
            .unwrap_or_else(|| panic!("{id} did not load"));
        for version in &profile.versions {
            let indexed: Vec<String> = version.articles.iter().map(|a| a.label.clone()).collect();
            assert_eq!(
                indexed, in_text,
                "{id}: the article index differs from {file}"
            );
            for a in &version.articles {
                assert!(
                    !a.about.is_empty() && !a.about_en.is_empty(),
                    "{id} {} needs a summary in both languages",
                    a.label
                );
            }
        }
    }
}

#[test]
fn every_parameter_and_rule_carries_a_citation() {
    // `profile::check` refuses a rule or parameter without a citation and a citation of an
    // article or clause the regulation lacks; prove it does on a deliberately broken profile.
    let (_, tongzhou) = PROFILE_SOURCES[0];
    let mut broken: serde_json::Value = serde_json::from_str(tongzhou).unwrap();
    broken["versions"][0]["parameters"]["mergeThreshold"]["cite"] = json!([]);
    broken["versions"][0]["outcomes"]["merge"][0]["cite"] = json!([{ "article": 99 }]);
    broken["versions"][0]["requirements"][6]["cite"] = json!([{ "article": 5, "clause": "九" }]);
    let errors = profile::load(&broken.to_string()).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert!(
        paths.contains(&"versions[0].parameters.mergeThreshold.cite"),
        "{errors:#?}"
    );
    assert!(
        paths.contains(&"versions[0].outcomes.merge[0].cite[0].article"),
        "{errors:#?}"
    );
    assert!(
        paths.contains(&"versions[0].requirements[6].cite[0].clause"),
        "{errors:#?}"
    );
}

#[test]
fn a_bad_profile_is_rejected_whole_with_a_json_path() {
    let (_, tongzhou) = PROFILE_SOURCES[0];
    let mut bad: serde_json::Value = serde_json::from_str(tongzhou).unwrap();
    bad["id"] = json!("elsewhere");
    bad["versions"][0]["outcomes"]["approval"][0]["when"]["amount"]["field"] =
        json!("totalInvestmnt");
    let mut registry = Registry::default();
    let errors = registry.load(&bad.to_string()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].path,
        "versions[0].outcomes.approval[0].when.amount.field"
    );
    assert!(
        errors[0].message.contains("totalInvestmnt"),
        "{}",
        errors[0].message
    );
    assert!(
        registry.get("elsewhere").is_none(),
        "nothing is half-loaded"
    );
}

/// The one error of the built-in 通州 profile as edited, as (path, message).
fn tongzhou_error(edit: impl FnOnce(&mut serde_json::Value)) -> (String, String) {
    let (_, tongzhou) = PROFILE_SOURCES[0];
    let mut p: serde_json::Value = serde_json::from_str(tongzhou).unwrap();
    edit(&mut p);
    text_error(&p.to_string())
}

fn text_error(text: &str) -> (String, String) {
    let errors = profile::load(text).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    (errors[0].path.clone(), errors[0].message.clone())
}

#[test]
fn a_value_of_the_wrong_kind_is_located_without_line_and_column() {
    let (path, message) = tongzhou_error(|p| {
        p["versions"][0]["parameters"]["mergeThreshold"]["value"] = json!(true);
    });
    assert_eq!(path, "versions[0].parameters.mergeThreshold.value");
    assert_eq!(message, "invalid type: boolean `true`, expected a string");
    // An amount written as a number is told to be written as text, exact in decimal.
    let (path, message) = tongzhou_error(|p| {
        p["versions"][0]["parameters"]["mergeThreshold"]["value"] = json!(300);
    });
    assert_eq!(path, "versions[0].parameters.mergeThreshold.value");
    assert_eq!(
        message,
        "invalid type: integer `300`, expected a string (write it in quotes: \"300\")"
    );
    let (path, message) = tongzhou_error(|p| {
        p["versions"][0]["parameters"]["mergeThreshold"]["value"] = json!("三百");
    });
    assert_eq!(path, "versions[0].parameters.mergeThreshold.value");
    assert_eq!(message, "`三百` is not a decimal number");
    let (path, message) = tongzhou_error(|p| {
        p["versions"][0]["outcomes"]["approval"][0]["when"]["amount"]["op"] = json!("above");
    });
    assert_eq!(path, "versions[0].outcomes.approval[0].when.amount.op");
    assert!(message.starts_with("unknown variant `above`"), "{message}");
}

#[test]
fn a_key_written_twice_in_the_profile_itself_keeps_its_line() {
    let errors = profile::load("{\n  \"id\": \"x\",\n  \"id\": \"y\"\n}").unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "duplicate field `id` at line 3 column 6"
    );
}

#[test]
fn an_error_inside_an_array_of_objects_names_its_index() {
    let (path, message) = tongzhou_error(|p| p["versions"][0]["articles"][3]["n"] = json!("4"));
    assert_eq!(path, "versions[0].articles[3].n");
    assert!(
        message.starts_with("invalid type: string \"4\""),
        "{message}"
    );
    let (path, _) = tongzhou_error(|p| {
        p["versions"][0]["outcomes"]["approval"][0]["cite"][2] = json!({ "articel": 5 });
    });
    assert_eq!(path, "versions[0].outcomes.approval[0].cite[2].articel");
    let (path, message) = tongzhou_error(|p| {
        p["versions"][0]["requiredFields"][0]["fields"][2] = json!("totalInvestmnt");
    });
    assert_eq!(path, "versions[0].requiredFields[0].fields[2]");
    assert_eq!(message, "unknown application field `totalInvestmnt`");
}

#[test]
fn unknown_missing_and_duplicate_fields_are_located() {
    let (path, message) = tongzhou_error(|p| {
        p["versions"][0]["outcomes"]["approval"][0]["result"]["authorty"] = json!("区");
    });
    assert_eq!(path, "versions[0].outcomes.approval[0].result.authorty");
    assert!(
        message.starts_with("unknown field `authorty`, expected one of"),
        "{message}"
    );
    // A missing field is reported at the object that lacks it.
    let (path, message) = tongzhou_error(|p| {
        p["versions"][0]["requirements"][2]
            .as_object_mut()
            .unwrap()
            .remove("why");
    });
    assert_eq!(path, "versions[0].requirements[2]");
    assert_eq!(message, "missing field `why`");
    // An unknown variant and a duplicate field, at the object that holds them.
    let (path, message) = tongzhou_error(|p| {
        p["versions"][0]["outcomes"]["merge"][0]["when"] = json!({ "amont": {} });
    });
    assert_eq!(path, "versions[0].outcomes.merge[0].when");
    assert!(message.starts_with("unknown variant `amont`"), "{message}");
    let (_, tongzhou) = PROFILE_SOURCES[0];
    let twice = tongzhou.replacen("\"titleEn\":", "\"titleEn\":\"x\",\"titleEn\":", 1);
    let (path, message) = text_error(&twice);
    assert_eq!(path, "versions[0]");
    // The second of the two, by its line, as the path names the object holding both.
    let line = tongzhou[..tongzhou.find("\"titleEn\":").unwrap()]
        .lines()
        .count();
    assert!(
        message.starts_with(&format!("duplicate field `titleEn` at line {line} column ")),
        "{message}"
    );
}

#[test]
fn keys_with_escapes_are_decoded_in_the_path() {
    let (path, _) = tongzhou_error(|p| {
        let mut parameter = p["versions"][0]["parameters"]["mergeThreshold"].clone();
        parameter["value"] = json!(300);
        p["versions"][0]["parameters"]["a\"b\\c"] = parameter;
    });
    assert_eq!(path, "versions[0].parameters.a\"b\\c.value");
    let (path, message) = tongzhou_error(|p| {
        p["versions"][0]["outcomes"]["approval"][1]["result"]["x\"y\u{e9}"] = json!(1);
    });
    assert_eq!(path, "versions[0].outcomes.approval[1].result.x\"yé");
    assert!(message.starts_with("unknown field `x\"yé`"), "{message}");
}

#[test]
fn profile_dates_are_strict_and_located() {
    for (bad, message) in [
        (json!("2023-2-7"), "`2023-2-7` is not a date YYYY-MM-DD"),
        (json!("2023-02-30"), "`2023-02-30` is not a date YYYY-MM-DD"),
        (
            json!(" 2023-02-07"),
            "` 2023-02-07` is not a date YYYY-MM-DD",
        ),
        (
            json!(20230207),
            "invalid type: integer `20230207`, expected a date string YYYY-MM-DD",
        ),
    ] {
        for key in ["issued", "inForce", "repealed"] {
            let (path, got) = tongzhou_error(|p| p["versions"][0][key] = bad.clone());
            assert_eq!(path, format!("versions[0].{key}"));
            assert_eq!(got, message);
        }
    }
    // `null` and absence both mean the text prints no date.
    let (_, tongzhou) = PROFILE_SOURCES[0];
    let mut p: serde_json::Value = serde_json::from_str(tongzhou).unwrap();
    p["versions"][0]["issued"] = json!(null);
    p["versions"][0].as_object_mut().unwrap().remove("inForce");
    let loaded = profile::load(&p.to_string()).unwrap();
    assert_eq!(loaded.versions[0].issued, None);
    assert_eq!(loaded.versions[0].in_force, None);
    let dated = serde_json::to_value(builtin().get("tongzhou").unwrap()).unwrap();
    assert_eq!(dated["versions"][0]["issued"], json!("2023-02-07"));
    assert_eq!(dated["versions"][0]["repealed"], json!(null));
}

#[test]
fn errors_on_the_first_and_last_lines_of_a_formatted_profile() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/profiles/example-county.json"
    ))
    .unwrap();
    assert!(text.starts_with("{\n") && text.trim_end().ends_with("\n}"));
    let first = text.replacen('{', "{\"zz\": 1,", 1);
    let (path, message) = text_error(&first);
    assert_eq!(path, "zz");
    assert!(message.starts_with("unknown field `zz`"), "{message}");
    // A missing top-level field is reported at the closing brace, on the last line.
    let (start, end) = (
        text.find("  \"region\"").unwrap(),
        text.find("  \"fictional\"").unwrap(),
    );
    let last = format!("{}{}", &text[..start], &text[end..]);
    assert_eq!(
        text_error(&last),
        (String::new(), "missing field `region`".into())
    );
    // Text that is not JSON keeps its line and column.
    let unclosed = text.trim_end().trim_end_matches('}');
    let (_, message) = text_error(unclosed);
    assert!(
        message.starts_with("EOF while parsing an object at line "),
        "{message}"
    );
    let comma = text.replacen(
        "\"issued\": \"2021-01-01\",",
        "\"issued\": \"2021-01-01\"",
        1,
    );
    let (path, message) = text_error(&comma);
    assert_eq!(path, "versions[0].issued");
    assert_eq!(message, "expected `,` or `}` at line 11 column 7");
}

#[test]
fn an_amount_that_reads_as_written_in_yuan_is_kept_and_questioned() {
    let r = run(
        "tongzhou",
        Stage::Declaration,
        json!({ "totalInvestment": "3000000", "annualFunding": "49999.9999", "kind": "new", "mandatedBy": [] }),
    );
    let warning = r
        .diagnostics
        .iter()
        .find(|d| d.code == "IN014" && d.path == "totalInvestment")
        .unwrap();
    assert_eq!(warning.severity, Severity::Warning);
    assert!(
        warning.message.contains("即 300 亿元") && warning.message.contains("应为 300 万元"),
        "{}",
        warning.message
    );
    assert!(
        !has(&r, "IN014", "annualFunding"),
        "49999.9999 万元 is taken as written"
    );
    // The amount is read as written: the verdicts are of 3,000,000 万元.
    let merge = r.outcomes.merge.as_ref().unwrap();
    assert_eq!(merge.value.as_ref().unwrap().mode, MergeMode::Separate);
    let at_line = run(
        "tongzhou",
        Stage::Declaration,
        json!({ "totalInvestment": "50000" }),
    );
    assert!(has(&at_line, "IN014", "totalInvestment"));
}

#[test]
fn malformed_values_are_located_and_the_rest_is_still_checked() {
    let r = run(
        "tongzhou",
        Stage::Declaration,
        json!({
            "totalInvestment": "三百万",
            "annualFunding": "1e400",
            "approvedBudget": -5,
            "funding": { "thisYear": { "total": "12.34567" } },
            "dates": { "completion": "2023-02-30" },
            "startMonth": "2025-13",
            "mlpsLevel": "高",
            "classified": "maybe",
            "resources": "none",
            "nature": "升级",
            "documents": ["applicationForm", 7]
        }),
    );
    let expect = [
        ("IN001", "totalInvestment"),
        ("IN001", "annualFunding"),
        ("IN001", "approvedBudget"),
        ("IN001", "funding.thisYear.total"),
        ("IN002", "dates.completion"),
        ("IN003", "startMonth"),
        ("IN007", "mlpsLevel"),
        ("IN004", "classified"),
        ("IN004", "resources"),
        ("IN004", "documents[1]"),
        ("FM002", "nature"),
    ];
    for (code, path) in expect {
        assert!(
            has(&r, code, path),
            "expected {code} at {path}: {:#?}",
            codes(&r)
        );
    }
    // Rejected fields are not reported a second time as missing; other missing fields still are.
    assert!(!has(&r, "FM001", "totalInvestment"));
    assert!(has(&r, "FM001", "name"));
    // The document that was readable still counts.
    assert!(r
        .outcomes
        .required_documents
        .iter()
        .any(|d| &*d.document == "applicationForm" && d.status == "present"));
    let msg = &r
        .diagnostics
        .iter()
        .find(|d| d.path == "totalInvestment")
        .unwrap()
        .message;
    assert!(
        msg.contains("三百万") && msg.contains("阿拉伯数字"),
        "{msg}"
    );
    let decimals = &r
        .diagnostics
        .iter()
        .find(|d| d.path == "funding.thisYear.total")
        .unwrap()
        .message;
    assert!(decimals.contains("5 位小数"), "{decimals}");
}

#[test]
fn full_width_digits_are_read_as_amounts() {
    let r = run(
        "tongzhou",
        Stage::Declaration,
        json!({ "totalInvestment": "３００．０１", "mandatedBy": [] }),
    );
    assert_eq!(
        decided(&r.outcomes.merge).mode,
        gov_it_rules::profile::MergeMode::Separate
    );
}

#[test]
fn unknown_jurisdiction_and_invalid_json_are_reported_not_thrown() {
    let r = validate_json(r#"{"name": "x"}"#, &Options::for_jurisdiction("atlantis"));
    assert!(has(&r, "JU001", ""));
    assert!(
        r.diagnostics[0].message.contains("tongzhou"),
        "{}",
        r.diagnostics[0].message
    );
    let broken = validate_json(r#"{"name": "#, &Options::for_jurisdiction("tongzhou"));
    assert!(has(&broken, "IN004", ""));
    assert!(
        broken.diagnostics[0].message.contains("第 1 行"),
        "{}",
        broken.diagnostics[0].message
    );
    let not_object = validate_json("[1, 2]", &Options::for_jurisdiction("tongzhou"));
    assert!(has(&not_object, "IN004", ""));
}

#[test]
fn options_misuse_is_refused_with_a_hint() {
    for (json, hint) in [
        (
            json!({ "jurisdicton": "tongzhou" }),
            "unknown option `jurisdicton`",
        ),
        (
            json!({ "jurisdiction": 3 }),
            "options.jurisdiction must be a string",
        ),
        (json!({ "stage": "review" }), "declaration, approval"),
        (json!({ "asOf": "2024-02-30" }), "YYYY-MM-DD"),
        (json!({ "locale": "fr" }), "zh-CN"),
        (
            json!({ "parameters": { "decentralizedProcurementLimit": "一百" } }),
            "must be an amount",
        ),
        (json!({ "messages": { "ZZ999": "x" } }), "unknown code"),
        (
            json!({ "messages": { "FM001": "缺少{label}" } }),
            "options.messages.FM001: unknown placeholder {label}; FM001 takes {field}",
        ),
        (json!([]), "must be an object"),
    ] {
        let err = Options::from_json(&json).unwrap_err();
        assert!(err.contains(hint), "{json}: {err}");
    }
    let ok = Options::from_json(&json!({ "jurisdiction": "shexian", "asOf": "2024-01-02", "stage": "approval", "locale": "en", "parameters": { "decentralizedProcurementLimit": 100 }, "holidays": ["2024-10-01"], "messages": { "FM001": "请填{field}（{field}）" } })).unwrap();
    assert_eq!(
        ok.messages.get("FM001").map(String::as_str),
        Some("请填{field}（{field}）")
    );
    assert_eq!(ok.stage, Some(Stage::Approval));
    assert_eq!(
        ok.parameters
            .get("decentralizedProcurementLimit")
            .unwrap()
            .to_string(),
        "100"
    );
}

/// JavaScript's `undefined` reaches the core as `null`: every option set to it is left out, as an
/// absent key is; a misspelt key is refused whatever its value.
#[test]
fn options_set_to_null_are_absent() {
    let every = json!({
        "jurisdiction": null, "asOf": null, "stage": null, "locale": null, "parameters": null,
        "holidays": null, "workdays": null, "messages": null,
    });
    let options = Options::from_json(&every).unwrap();
    assert_eq!(options.jurisdiction, "");
    assert_eq!(options.as_of, None);
    assert_eq!(options.stage, None);
    assert_eq!(options.locale, gov_it_rules::messages::Locale::default());
    assert!(options.parameters.is_empty());
    assert!(options.messages.is_empty());

    let given = json!({ "jurisdiction": "shexian", "asOf": "2025-06-01" });
    let mut with_nulls = given.clone();
    for key in [
        "stage",
        "locale",
        "parameters",
        "holidays",
        "workdays",
        "messages",
    ] {
        with_nulls[key] = json!(null);
    }
    let app = json!({ "totalInvestment": "268.5", "kind": "new" });
    let registry = builtin();
    let plain = registry.validate_value(&app, &Options::from_json(&given).unwrap());
    let nulls = registry.validate_value(&app, &Options::from_json(&with_nulls).unwrap());
    assert_eq!(plain, nulls);

    let err = Options::from_json(&json!({ "jurisdiction": "tongzhou", "asof": null })).unwrap_err();
    assert!(err.contains("unknown option `asof`"), "{err}");
}

/// A holiday calendar is refused where it is wrong, at the entry, or says two things of one day.
#[test]
fn a_holiday_calendar_is_refused_at_the_entry_that_is_wrong() {
    let refused = |calendar: serde_json::Value| {
        let mut options = calendar;
        options["jurisdiction"] = json!("tinghu");
        Options::from_json(&options).unwrap_err()
    };
    assert_eq!(
        refused(json!({ "holidays": ["2026-10-01", "2026-10-2"] })),
        "options.holidays[1] must be a date YYYY-MM-DD, got \"2026-10-2\""
    );
    assert_eq!(
        refused(json!({ "workdays": [20261010] })),
        "options.workdays[0] must be a date YYYY-MM-DD, got number"
    );
    assert_eq!(
        refused(json!({ "holidays": ["2026-10-10"], "workdays": ["2026-10-10"] })),
        "options.workdays: 2026-10-10 is in options.holidays too; a day is one or the other"
    );
    let fine =
        json!({ "jurisdiction": "tinghu", "holidays": ["2026-10-01"], "workdays": ["2026-10-10"] });
    assert!(Options::from_json(&fine).is_ok());
}

/// A window's last day that is a rest day moves to the next working day (民法典 第二百零三条), by
/// the portal's holidays where it gives them; a count of working days through a year the
/// calendar leaves out says it is approximate.
#[test]
fn a_window_ends_on_a_working_day_and_says_when_its_count_is_approximate() {
    let national_day: Vec<String> = (1..=7).map(|d| format!("2026-10-0{d}")).collect();
    let with_calendar = |calendar: serde_json::Value, stage: &str| {
        let mut options = calendar;
        options["asOf"] = json!("2027-02-01");
        options["stage"] = json!(stage);
        options
    };
    // 通州: 建成后半年内 from 2026-04-01 runs to 1 October, a holiday; the 8th is the first
    // working day after National Day.
    let options = Options::from_json(&with_calendar(
        json!({ "jurisdiction": "tongzhou", "holidays": national_day, "workdays": ["2026-09-20", "2026-10-10"] }),
        "acceptance",
    ))
    .unwrap();
    let app =
        json!({ "dates": { "completion": "2026-04-01", "acceptanceApplication": "2026-10-08" } });
    let report = builtin().validate_value(&app, &options);
    let window = report
        .outcomes
        .windows
        .iter()
        .find(|w| &*w.rule == "tongzhou.window.acceptance-application")
        .unwrap();
    assert_eq!(
        window.latest.map(|d| d.to_string()).as_deref(),
        Some("2026-10-08")
    );
    assert_eq!(window.status, "met");
    let late =
        json!({ "dates": { "completion": "2026-04-01", "acceptanceApplication": "2026-10-09" } });
    let report = builtin().validate_value(&late, &options);
    assert!(report.diagnostics.iter().any(|d| d.code == "TW002"));

    // 亭湖: 10 working days from 2026-12-28 run into 2027, which a 2026 calendar leaves out.
    let tinghu = |holidays: Vec<String>| {
        let options = Options::from_json(&with_calendar(
            json!({ "jurisdiction": "tinghu", "holidays": holidays }),
            "implementation",
        ))
        .unwrap();
        let app = json!({ "totalInvestment": "368", "dates": { "approval": "2026-12-28", "basicInfoFiled": "2027-01-08" } });
        builtin()
            .validate_value(&app, &options)
            .notices
            .iter()
            .any(|n| n.code == "TW005")
    };
    assert!(tinghu(national_day.clone()));
    let mut both_years = national_day;
    both_years.push("2027-01-01".into());
    assert!(!tinghu(both_years));
}

/// A date typed that could not be read is said to be unreadable, and not also to be still empty.
#[test]
fn an_unreadable_date_is_not_also_overdue() {
    let options = Options::from_json(
        &json!({ "jurisdiction": "tinghu", "asOf": "2026-12-01", "stage": "implementation" }),
    )
    .unwrap();
    let codes = |filed: &str| {
        let app = json!({ "totalInvestment": "368", "dates": { "approval": "2026-09-25", "basicInfoFiled": filed } });
        let report = builtin().validate_value(&app, &options);
        let mut codes: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.path == "dates.basicInfoFiled")
            .map(|d| d.code.to_string())
            .collect();
        codes.dedup();
        codes
    };
    assert_eq!(codes("10月9日"), ["IN002"]);
    assert_eq!(codes(""), ["TW003"]);
}

#[test]
fn messages_come_in_both_locales_and_can_be_overridden() {
    let app = json!({ "totalInvestment": "abc" });
    let zh = run("tongzhou", Stage::Declaration, app.clone());
    let mut options = common::options("tongzhou", Stage::Declaration);
    options.locale = gov_it_rules::messages::Locale::En;
    let en = run_with(app.clone(), &options);
    let pick = |r: &gov_it_rules::Report| {
        r.diagnostics
            .iter()
            .find(|d| d.code == "IN001")
            .unwrap()
            .message
            .to_string()
    };
    assert!(pick(&zh).contains("预计总投资"));
    assert!(
        pick(&en).contains("Estimated total investment"),
        "{}",
        pick(&en)
    );
    options
        .messages
        .insert("IN001".into(), "金额「{input}」有误".into());
    assert_eq!(pick(&run_with(app, &options)), "金额「abc」有误");
    for d in zh.diagnostics.iter().chain(&zh.notices) {
        assert!(
            !d.message.contains('{'),
            "unfilled placeholder: {}",
            d.message
        );
    }
}

/// In English a required document is named by the profile's English name, in the report's list
/// and in the message that says it is missing, as `documentNames` and chapters already were.
#[test]
fn documents_are_named_in_the_reports_language() {
    let mut options = common::options("tongzhou", Stage::Declaration);
    options.locale = gov_it_rules::messages::Locale::En;
    let en = run_with(json!({ "documents": [] }), &options);
    let missing = en
        .diagnostics
        .iter()
        .find(|d| d.code == "DC001" && d.rule.as_deref() == Some("tongzhou.declaration.form"))
        .unwrap();
    assert!(
        missing.message.contains("“Application form (annex 1)”"),
        "{}",
        missing.message
    );
    let listed = &en.outcomes.required_documents;
    let form = listed
        .iter()
        .find(|r| &*r.document == "applicationForm")
        .unwrap();
    assert_eq!(&*form.name, "Application form (annex 1)");
    let zh = run("tongzhou", Stage::Declaration, json!({ "documents": [] }));
    let listed = &zh.outcomes.required_documents;
    assert!(listed
        .iter()
        .any(|r| &*r.name == "通州区政务信息化项目建设申报表"));
}

/// English messages read as English: an order of dates says what must come first, one month
/// is singular, a boundary's result is a sentence of its own, and a word is not taken for
/// scientific notation.
#[test]
fn english_messages_read_as_english() {
    let en = |jurisdiction: &str, stage: Stage, application: serde_json::Value| {
        let mut options = common::options(jurisdiction, stage);
        options.locale = gov_it_rules::messages::Locale::En;
        let report = run_with(application, &options);
        report
            .diagnostics
            .iter()
            .chain(report.notices.iter())
            .map(|d| (d.code.id().to_string(), d.message.to_string()))
            .collect::<Vec<_>>()
    };
    let message = |all: &[(String, String)], code: &str| {
        all.iter()
            .find(|(c, _)| c == code)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("no {code} in {all:?}"))
    };
    let order = en(
        "shexian",
        Stage::Implementation,
        json!({"kind": "new", "dates": {"approval": "2025-03-10", "contractSigned": "2025-03-09"}}),
    );
    assert!(
        message(&order, "TW007").ends_with("; it must come after Approval date."),
        "{order:?}"
    );
    let month = en(
        "shexian",
        Stage::Implementation,
        json!({"dates": {"trialRunStart": "2025-01-15", "trialRunEnd": "2025-02-13"}}),
    );
    assert!(
        message(&month, "TW001").contains(" 1 month (its first day counted) after "),
        "{month:?}"
    );
    let line = en(
        "tinghu",
        Stage::Declaration,
        json!({"totalInvestment": "100"}),
    );
    let boundary = message(&line, "BD001");
    assert!(
        boundary.contains("under full-process management. 100 万元 or more: full-process"),
        "{boundary}"
    );
    // Notices of a missing portal parameter come in the same order in either language.
    let outcomes = |locale| {
        let mut options = common::options("shexian", Stage::Approval);
        options.locale = locale;
        run_with(json!({"totalInvestment": "300", "kind": "new"}), &options)
            .notices
            .iter()
            .filter(|d| d.code == "JU005")
            .map(|d| {
                d.params
                    .get("outcome")
                    .map(|o| o.to_string())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        outcomes(gov_it_rules::messages::Locale::ZhCn),
        ["合并编报", "审批层级", "所需材料"]
    );
    // Named mid-sentence in English, in lower case: 「… so merge-eligibility cannot be decided yet」.
    assert_eq!(
        outcomes(gov_it_rules::messages::Locale::En),
        ["merge-eligibility", "approval tier", "required documents"]
    );
    let word = en(
        "tongzhou",
        Stage::Declaration,
        json!({"totalInvestment": "yes"}),
    );
    assert!(
        message(&word, "IN001").contains("it is not a number"),
        "{word:?}"
    );
}

#[test]
fn the_as_of_date_picks_the_version_and_says_when_none_is_in_force() {
    let mut options = common::options("shexian", Stage::Declaration);
    options.as_of = Some("2023-11-30".parse().unwrap());
    assert!(notice(&run_with(json!({}), &options), "JU002"));
    options.as_of = Some("2023-12-01".parse().unwrap());
    assert!(!notice(&run_with(json!({}), &options), "JU002"));
    let tinghu = run("tinghu", Stage::Declaration, json!({}));
    let n = tinghu
        .notices
        .iter()
        .find(|n| n.code == "JU004")
        .expect("dates not printed");
    assert!(
        n.message.contains("文号") && n.message.contains("施行日期"),
        "{}",
        n.message
    );
}

#[test]
fn unknown_fields_warn_and_unknown_documents_are_named() {
    let r = run(
        "tongzhou",
        Stage::Declaration,
        json!({ "totalInvestmnt": "3", "documents": ["feasability"] }),
    );
    assert!(has(&r, "IN005", "totalInvestmnt"));
    assert!(has(&r, "IN011", "documents[0].kind"));
}

#[test]
fn hostile_sizes_are_refused_with_located_errors() {
    let long = "字".repeat(gov_it_rules::model::MAX_TEXT_CHARS + 1);
    let rows: Vec<_> = (0..gov_it_rules::model::MAX_ROWS + 1)
        .map(|_| json!({ "name": "x" }))
        .collect();
    let r = run(
        "xiangcheng",
        Stage::Declaration,
        json!({ "name": long, "resources": rows }),
    );
    assert!(has(&r, "IN008", "name"));
    assert!(has(&r, "IN009", "resources"));
}

#[test]
fn report_serialises_to_camel_case_json() {
    let r = run(
        "tongzhou",
        Stage::Declaration,
        fixture("tongzhou-declaration"),
    );
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["outcomes"]["requiredDocuments"].is_array());
    assert_eq!(v["outcomes"]["supervision"]["value"]["mode"], "mandatory");
    assert_eq!(v["jurisdiction"]["documentNumber"], "通政办发〔2023〕7号");
    assert!(v["summary"]["complete"].as_bool().unwrap());
}

#[test]
fn committed_rule_reference_is_current() {
    let generated = gov_it_rules::reference::markdown(builtin());
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/RULES.md"))
        .unwrap_or_default();
    assert!(
        generated == committed,
        "RULES.md is stale: run `cargo run --bin gov-it-check -- --reference > RULES.md`"
    );
}

/// Every text a profile shows an applicant (titles, names, explanations, reasons, messages) has
/// its English counterpart, so that the `en` locale never falls back to Chinese.
#[test]
fn every_profile_text_has_an_english_counterpart() {
    const TEXTS: &[&str] = &[
        "title",
        "name",
        "label",
        "explanation",
        "why",
        "description",
        "message",
        "simplified",
        "otherwise",
        "reason",
        "lateAction",
        "boundaryReading",
        "about",
    ];
    fn walk(v: &serde_json::Value, path: &str, missing: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for key in TEXTS {
                    let has_zh = map
                        .get(*key)
                        .and_then(|x| x.as_str())
                        .is_some_and(|s| !s.is_empty());
                    let en = map
                        .get(&format!("{key}En"))
                        .and_then(|x| x.as_str())
                        .unwrap_or("");
                    // Annex titles and article labels (第八条) are the regulation's own citation
                    // forms and have no English field.
                    let citation_form = path.contains(".annexes[")
                        || (*key == "label" && path.contains(".articles["));
                    if has_zh && en.is_empty() && !citation_form {
                        missing.push(format!("{path}.{key}En"));
                    }
                }
                for (k, child) in map {
                    walk(child, &format!("{path}.{k}"), missing);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{path}[{i}]"), missing);
                }
            }
            _ => {}
        }
    }
    for (id, json) in PROFILE_SOURCES {
        let mut missing = Vec::new();
        walk(&serde_json::from_str(json).unwrap(), id, &mut missing);
        assert!(
            missing.is_empty(),
            "{} texts without English: {:#?}",
            missing.len(),
            &missing[..missing.len().min(20)]
        );
    }
}

#[test]
fn readme_lists_every_provision_not_formalised() {
    let generated = gov_it_rules::reference::not_formalised_markdown(builtin());
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme
        .split("<!-- not-formalised:start -->\n")
        .nth(1)
        .and_then(|rest| rest.split("<!-- not-formalised:end -->").next())
        .unwrap_or_default();
    assert!(
        block == generated,
        "README's not-formalised list is stale: replace the block between its markers with `cargo run --bin gov-it-check -- --not-formalised`"
    );
}

/// An adjustment a hair over 15 % is shown with the digits that put it over: 60.0001 / 400 is
/// 15.000025 %, which two decimal places would print as "15%, over 15%" (通州 第二十九条, 歙县
/// 第三十八条), and the outcome's ratio, six places, as 0.15 on the full route. Exactly 15 % and an
/// ordinary share keep two decimal places.
#[test]
fn adjustment_share_is_never_rounded_onto_the_limit() {
    for id in ["tongzhou", "shexian"] {
        let app = |amount: &str| json!({ "approvedBudget": "400", "adjustment": { "amount": amount, "reason": "technicalOptimisation" } });
        let over = run(id, Stage::Implementation, app("60.0001"));
        let d = over
            .diagnostics
            .iter()
            .find(|d| d.code == "AD001")
            .unwrap_or_else(|| panic!("{id}: no AD001"));
        assert_eq!(&**d.params.get("ratio").unwrap(), "15.00002%", "{id}");
        assert_eq!(&**d.params.get("limit").unwrap(), "15%", "{id}");
        assert!(
            d.message.contains("15.00002%，超过 15%"),
            "{id}: {}",
            d.message
        );
        let verdict = over.outcomes.adjustment.as_ref().unwrap().value.as_ref();
        assert_eq!(
            verdict.map(|v| (v.route, v.ratio.as_str())),
            Some(("full", "0.1500002")),
            "{id}"
        );
        let plain = run(id, Stage::Implementation, app("61"));
        let d = plain
            .diagnostics
            .iter()
            .find(|d| d.code == "AD001")
            .unwrap();
        assert_eq!(&**d.params.get("ratio").unwrap(), "15.25%", "{id}");
        let under = run(id, Stage::Implementation, app("59.9999"));
        let trace = &under.outcomes.adjustment.as_ref().unwrap().because[0];
        assert!(
            trace.facts[0].ends_with("= 14.99998%（上限 15%）"),
            "{id}: {:?}",
            trace.facts
        );
        let answered = json!({ "approvedBudget": "400", "adjustment": { "amount": "59.9999", "reason": "technicalOptimisation", "goalsUnchanged": true, "withinApprovedBudget": true } });
        let under = run(id, Stage::Implementation, answered);
        let verdict = under.outcomes.adjustment.as_ref().unwrap().value.as_ref();
        assert_eq!(
            verdict.map(|v| (v.route, v.ratio.as_str())),
            Some(("simplified", "0.1499998")),
            "{id}"
        );
    }
}

/// A late application is told only what follows from the deadline. What happens to a project
/// outside the plan differs by regulation (通州 第十七条 「不得组织实施」, absolute; 亭湖 第6条
/// 「原则上不予审批」) and is its own rule (`*.plan.not-in-plan`), so TW004 does not paraphrase it.
#[test]
fn a_missed_declaration_deadline_claims_no_consequence_the_text_lacks() {
    for (id, late) in [("tongzhou", "2025-11-01"), ("tinghu", "2025-10-01")] {
        let mut options = common::options(id, Stage::Declaration);
        options.as_of = Some(late.parse().unwrap());
        let r = run_with(json!({ "year": 2026 }), &options);
        let d = r.diagnostics.iter().find(|d| d.code == "TW004").unwrap();
        assert!(!d.message.contains("原则上"), "{id}: {}", d.message);
        assert!(
            d.message.contains("可能无法列入 2026 年度计划"),
            "{id}: {}",
            d.message
        );
    }
}

/// Every article of every built-in regulation, every clause of an article whose clauses are cited
/// one by one, and every annex is accounted for: checked by a rule, or marked not formalised with
/// a reason in both languages. An article with nothing to check (purpose, scope, the authorities'
/// duties, interpretation, entry into force) still gets an entry saying so.
#[test]
fn every_provision_is_formalised_or_marked_not_formalised() {
    use gov_it_rules::reference::{coverage, coverage_counts, Status};
    for profile in builtin().profiles() {
        for version in &profile.versions {
            let provisions = coverage(version);
            let unaccounted: Vec<&str> = provisions
                .iter()
                .filter(|p| p.status() == Status::Neither)
                .map(|p| p.label.as_str())
                .collect();
            assert!(
                unaccounted.is_empty(),
                "{}: neither formalised nor marked not formalised: {unaccounted:?}",
                profile.id
            );
            for p in &provisions {
                for n in &p.not_formalised {
                    assert!(
                        !n.reason.is_empty() && !n.reason_en.is_empty(),
                        "{} {}: `{}` needs a reason in both languages",
                        profile.id,
                        p.label,
                        n.id
                    );
                }
            }
            let articles = version.articles.len() + version.annexes.len();
            assert!(provisions.len() >= articles, "{}", profile.id);
            let (formalised, marked, neither) = coverage_counts(&provisions);
            assert_eq!(formalised + marked + neither, provisions.len());
        }
    }
    // The clauses of 通州 第五条 are listed one by one, because 第五条（四） is cited by itself.
    let tongzhou = builtin().get("tongzhou").unwrap();
    let labels: Vec<String> = coverage(&tongzhou.versions[0])
        .into_iter()
        .map(|p| p.label)
        .collect();
    for label in ["第五条", "第五条（一）", "第五条（四）", "附件3"] {
        assert!(labels.iter().any(|l| l == label), "{label}: {labels:?}");
    }
    assert!(
        !labels.iter().any(|l| l == "第二十九条（一）"),
        "{labels:?}"
    );
}

/// react-hook-form and others report a group of checkboxes none of which was ticked as `false`:
/// that is an empty answer, not a wrong type.
#[test]
fn an_unticked_checkbox_group_given_as_false_is_empty() {
    let r = run(
        "tongzhou",
        Stage::Declaration,
        json!({ "totalInvestment": "500", "mandatedBy": false, "documents": false }),
    );
    assert!(
        !r.diagnostics.iter().any(|d| d.code == "IN004"),
        "{:#?}",
        r.diagnostics
    );
    assert_eq!(
        decided(&r.outcomes.merge).mode,
        gov_it_rules::profile::MergeMode::Separate
    );
    let r = run(
        "xiangcheng",
        Stage::Declaration,
        json!({ "networkType": false }),
    );
    assert!(!r.diagnostics.iter().any(|d| d.path == "networkType"));
    // `true` for a list is still a wrong type.
    let r = run("tongzhou", Stage::Declaration, json!({ "documents": true }));
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "IN004" && d.path == "documents"));
}

/// A syntax error is described in the message's language; the parameter keeps its position for
/// programs.
#[test]
fn a_syntax_error_is_described_in_the_messages_language() {
    let zh = validate_json(r#"{"name": "#, &Options::for_jurisdiction("tongzhou"));
    let d = &zh.diagnostics[0];
    assert!(d
        .params
        .get("got")
        .unwrap()
        .starts_with("invalid JSON (line 1"));
    assert!(
        d.message.contains("无法解析的 JSON 文本（第 1 行") && d.message.contains("「申报内容」"),
        "{}",
        d.message
    );
    assert!(!d.message.contains("invalid"), "{}", d.message);
    let en = validate_json(
        r#"{"name": "#,
        &Options {
            locale: gov_it_rules::messages::Locale::En,
            ..Options::for_jurisdiction("tongzhou")
        },
    );
    assert!(
        en.diagnostics[0]
            .message
            .contains("JSON text that cannot be parsed (line 1"),
        "{}",
        en.diagnostics[0].message
    );
}

#[test]
fn a_document_is_located_at_its_own_row_after_rows_that_could_not_be_read() {
    let r = run(
        "tongzhou",
        Stage::Declaration,
        json!({ "documents": [1, { "title": "x" }, "feasability"] }),
    );
    assert!(has(&r, "IN004", "documents[0]"));
    assert!(has(&r, "IN010", "documents[1].kind"));
    assert!(has(&r, "IN011", "documents[2].kind"));
    let r = run(
        "jiangjin",
        Stage::Approval,
        json!({ "documents": [5, { "kind": "feasibilityStudy", "chapters": [] }] }),
    );
    assert!(has(&r, "IN004", "documents[0]"));
    assert!(has(&r, "DC002", "documents[1].chapters"));
    assert!(!r
        .diagnostics
        .iter()
        .any(|d| d.path == "documents[0].chapters"));
}

/// A checklist sends a chapter by the regulation's name for it as readily as by its key; one that
/// is neither (another regulation's key, a typo) is said to be ignored where it is given, so that
/// the DC002 beside it can be understood.
#[test]
fn a_chapter_is_on_file_by_its_key_or_its_name_and_an_unknown_one_is_said_to_be_ignored() {
    let study = |chapters: serde_json::Value| {
        run(
            "tongzhou",
            Stage::Approval,
            json!({ "totalInvestment": "400", "mandatedBy": [],
                    "documents": [{ "kind": "可行性研究报告", "chapters": chapters }] }),
        )
    };
    for given in [
        json!(["resourceSharingAnalysis"]),
        json!(["信息资源共享分析"]),
    ] {
        let r = study(given.clone());
        assert!(
            !r.diagnostics
                .iter()
                .any(|d| d.code == "DC002" || d.code == "IN016"),
            "{given}: {:#?}",
            r.diagnostics
        );
    }
    let r = study(json!(["dataSharingAnalysis", "信息资源共享分析篇"]));
    assert!(has(&r, "DC002", "documents[0].chapters"));
    let unknown: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "IN016").collect();
    assert_eq!(unknown.len(), 2, "{unknown:#?}");
    assert_eq!(unknown[0].path, "documents[0].chapters[0]");
    assert_eq!(unknown[0].severity, gov_it_rules::codes::Severity::Warning);
    assert_eq!(
        &*unknown[0].message,
        "「可行性研究报告」所注明的篇章「dataSharingAnalysis」不是《通州区政务信息化项目建设管理办法》所列篇章，已忽略。"
    );
    assert_eq!(unknown[1].path, "documents[0].chapters[1]");
    // A document given by its Chinese name is named in English in an English message; an empty
    // chapter says nothing.
    let mut options = common::options("tongzhou", Stage::Approval);
    options.locale = gov_it_rules::messages::Locale::En;
    let r = run_with(
        json!({ "documents": [{ "kind": "可行性研究报告", "chapters": ["x", ""] }] }),
        &options,
    );
    let unknown: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "IN016").collect();
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    assert!(
        unknown[0]
            .message
            .starts_with("“Feasibility study (annex 3)” lists the chapter “x”"),
        "{}",
        unknown[0].message
    );
    // Another regulation's chapter is its own: 歙县's key is known there.
    let r = run(
        "shexian",
        Stage::Approval,
        json!({ "documents": [{ "kind": "feasibilityStudy", "chapters": ["dataSharingAnalysis"] }] }),
    );
    assert!(!r.diagnostics.iter().any(|d| d.code == "IN016"));
}

#[test]
fn a_portal_parameter_no_regulation_leaves_open_is_refused_by_name() {
    let read = |options: serde_json::Value| {
        let input = gov_it_rules::model::Input::from_json(&options);
        gov_it_rules::Options::for_validation(&input, gov_it_rules::builtin())
    };
    let open = json!({ "decentralizedProcurementLimit": "100" });
    assert!(read(json!({ "jurisdiction": "shexian", "parameters": open })).is_ok());
    // A portal serving several counties gives each one's with every validation.
    let both =
        json!({ "decentralizedProcurementLimit": "100", "governmentProcurementLimit": "50" });
    assert!(read(json!({ "jurisdiction": "tongzhou", "parameters": both })).is_ok());
    let error =
        read(json!({ "jurisdiction": "shexian", "parameters": { "fooLimit": 1 } })).unwrap_err();
    assert!(
        error.starts_with("options.parameters.fooLimit: no regulation loaded"),
        "{error}"
    );
    let named = "decentralizedProcurementLimit (shexian), governmentProcurementLimit (xiangcheng)";
    assert!(error.contains(named), "{error}");
    // Fixed by the text: taking it from the options would say nothing and change nothing.
    let fixed = json!({ "jurisdiction": "tongzhou", "parameters": { "approvalThreshold": "10" } });
    assert!(read(fixed).is_err());
    assert!(read(json!({ "jurisdiction": "nowhere", "parameters": { "x": 1 } })).is_err());
}

#[test]
fn a_choice_given_as_the_label_a_form_shows_reads_as_its_key() {
    let options = Options::for_jurisdiction("tongzhou");
    let by_key = validate_json(
        r#"{"kind": "new", "mandatedBy": ["national"], "totalInvestment": "300.01"}"#,
        &options,
    );
    let by_label = validate_json(
        r#"{"kind": "新建", "mandatedBy": ["国家"], "totalInvestment": "300.01"}"#,
        &options,
    );
    assert!(
        !by_label.diagnostics.iter().any(|d| d.code == "IN006"),
        "{:?}",
        by_label.diagnostics
    );
    assert_eq!(by_label.outcomes, by_key.outcomes);
    // Neither a key nor a label: refused, the labels listed.
    let wrong = validate_json(r#"{"kind": "新建项目"}"#, &options);
    let d = wrong
        .diagnostics
        .iter()
        .find(|d| d.code == "IN006")
        .unwrap();
    assert!(d.message.contains("可选：「新建」"), "{}", d.message);
}

/// A date whose year no project's could be is a typing slip, refused at its own field; the dates
/// counted from it are not called late for it.
#[test]
fn a_date_in_an_implausible_year_is_refused_at_its_field() {
    let options = Options::from_json(
        &json!({ "jurisdiction": "tongzhou", "asOf": "2025-10-01", "stage": "acceptance" }),
    )
    .unwrap();
    for typed in ["0202-09-01", "2206-09-01"] {
        let app =
            json!({ "dates": { "completion": typed, "acceptanceApplication": "2025-09-20" } });
        let report = builtin().validate_value(&app, &options);
        let dated: Vec<(&str, &str)> = report
            .diagnostics
            .iter()
            .filter(|d| d.path.starts_with("dates."))
            .map(|d| (d.code.id(), d.path.as_str()))
            .collect();
        assert_eq!(dated, [("IN015", "dates.completion")], "{typed}");
        let refused = report
            .diagnostics
            .iter()
            .find(|d| d.code == "IN015")
            .unwrap();
        let message = &refused.message;
        assert!(message.contains("不在 1990 年至 2100 年之间"), "{message}");
    }
    let month = |typed: &str| {
        let app = json!({ "startMonth": typed });
        let report = builtin().validate_value(&app, &options);
        let codes: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.path == "startMonth")
            .map(|d| d.code.id())
            .collect();
        (
            codes,
            gov_it_rules::normalise::normalise(&app)["startMonth"].clone(),
        )
    };
    assert_eq!(month("2026-+3").0, ["IN003"]);
    assert_eq!(month("0202-03").0, ["IN015"]);
    // A month as forms write it, and a month picker's first day, are the month.
    for typed in [
        "2026-03",
        "2026/3",
        "2026.03",
        "2026年3月",
        "2026-03-01",
        "2026/3/15",
    ] {
        assert_eq!(month(typed), (vec![], json!("2026-03")), "{typed}");
    }
}

/// A form post's values read as the form's: a ticked box without a `value` posts `on`, and one box
/// of a group ticked posts its name once, not as a list.
#[test]
fn a_form_post_s_values_read_as_the_form_s() {
    let fixture = fixture("tongzhou-declaration");
    let posted = |documents: serde_json::Value, flag: serde_json::Value| {
        let mut app = fixture.clone();
        app["documents"] = documents;
        app["inAnnualPlan"] = flag;
        serde_json::to_value(run("tongzhou", Stage::Approval, app)).unwrap()
    };
    assert_eq!(
        posted(json!("proposal"), json!("on")),
        posted(json!(["proposal"]), json!(true))
    );
    let report = posted(json!("proposal"), json!(" on "));
    assert!(report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["code"] != "IN004"));
}
