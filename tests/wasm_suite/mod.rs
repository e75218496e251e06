//! The wasm exports exercised as the package's wrapper (js/index.js) calls them: JSON text in,
//! JSON text (UTF-8) out. Shared by the Node suite (tests/wasm_node.rs) and the
//! headless-Chromium suite (tests/wasm_browser.rs). What JavaScript values become on the way in
//! (NaN, Infinity, Maps, cycles, getters, lone surrogates in strings) is the wrapper's part and is
//! tested through the installed package (tests/js/scratch/node.test.mjs, browser.test.mjs).

#[path = "../common/compact.rs"]
#[allow(dead_code)]
mod compact;
mod reading;

use gov_it_rules::catalogue;
use gov_it_rules::live::LiveValidator;
use gov_it_rules::messages::Locale;
use gov_it_rules::wasm::{
    citations, full_answers_for_tests, jurisdictions, load_profile, rules, validate, Validator,
};
use gov_it_rules::{builtin, Options};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use reading::codes_at;

const FIXTURE: &str = include_str!("../fixtures/tongzhou-declaration.json");
const OPTIONS: &str = r#"{"jurisdiction": "tongzhou", "asOf": "2025-06-01"}"#;

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).unwrap()
}

/// An export's answer as JSON. A report or a delta comes as `[epoch, value]`, each citation
/// written as its number in the module's table, and so each fixed text and fixed part; here, as in
/// the wrapper, the numbers are replaced by what the table gives, so that the value is the one
/// written out in full.
fn parsed(bytes: Vec<u8>) -> Value {
    let value: Value = serde_json::from_slice(&bytes).unwrap();
    match value {
        Value::Array(pair) if pair.len() == 2 && pair[0].is_u64() => {
            let [epoch, mut answer] = <[Value; 2]>::try_from(pair).unwrap();
            let table: Value = serde_json::from_slice(&citations(0)).unwrap();
            assert_eq!(table[0], epoch, "the answer's epoch is the table's");
            compact::expand(&mut answer, table[1].as_array().unwrap());
            answer
        }
        other => other,
    }
}

/// The epoch of the module's citation table.
fn epoch() -> u64 {
    serde_json::from_slice::<Value>(&citations(0)).unwrap()[0]
        .as_u64()
        .unwrap()
}

/// The answer that carries every citation in full: `[epoch, value]`, as serde_json writes `value`.
fn full_answer<T: serde::Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = format!("[{},", epoch()).into_bytes();
    out.extend(serde_json::to_vec(value).unwrap());
    out.push(b']');
    out
}

/// The report on `value`, encoded as the wrapper encodes a JavaScript value.
fn report_of(value: &Value) -> Value {
    parsed(validate(&value.to_string(), true, OPTIONS).unwrap())
}

/// The report on the fixture with `key` set to `raw`, JSON text the wrapper may send that a
/// `Value` cannot hold (a lone surrogate's escape) or that it would print differently.
fn with_raw(key: &str, raw: &str) -> Value {
    let mut app = fixture();
    app.as_object_mut().unwrap().remove(key);
    let text = app
        .to_string()
        .replacen('{', &format!("{{{}:{raw},", json!(key)), 1);
    parsed(validate(&text, true, OPTIONS).unwrap())
}

/// The report on the fixture with `key` set to `value`.
fn with(key: &str, value: Value) -> Value {
    let mut app = fixture();
    app[key] = value;
    report_of(&app)
}

fn error_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default()
}

fn options() -> Options {
    let mut options = Options::from_json(&serde_json::from_str(OPTIONS).unwrap()).unwrap();
    options.as_of = Some("2025-06-01".parse().unwrap());
    options
}

#[wasm_bindgen_test]
fn the_fixture_gets_its_verdicts_with_citations() {
    let report = parsed(validate(FIXTURE, false, OPTIONS).unwrap());
    assert_eq!(report["summary"]["errors"], 0, "{}", report["diagnostics"]);
    assert_eq!(report["summary"]["complete"], true);
    let approval = &report["outcomes"]["approval"];
    assert_eq!(approval["status"], "determined");
    assert_eq!(approval["value"]["need"], "required");
    assert_eq!(approval["because"][0]["rule"], "tongzhou.approval.required");
    assert_eq!(approval["because"][0]["citations"][0]["article"], "第八条");
    assert_eq!(report["outcomes"]["merge"]["value"]["mode"], "merge");
    assert_eq!(
        report["outcomes"]["supervision"]["value"]["mode"],
        "mandatory"
    );
    assert_eq!(report["outcomes"]["management"], Value::Null);
    assert_eq!(
        report["jurisdiction"]["documentNumber"],
        "通政办发〔2023〕7号"
    );
    assert_eq!(report["asOf"], "2025-06-01");
    // Maps are objects.
    assert_eq!(report["documentNames"]["proposal"], "项目建设建议书");
}

/// The exports write exactly what `serde_json::to_vec` writes for the same values, escapes
/// included, so that the wrapper's `JSON.parse` gives what serde_json's reading would. Reports and
/// deltas are compared as answers that carry their citations in full (a debug build's test hook);
/// `compact_answers_are_the_full_ones_with_citations_by_number` compares the two.
#[wasm_bindgen_test]
fn the_json_text_is_exactly_serde_jsons() {
    full_answers_for_tests(true);
    let registry = builtin();
    let awkward = json!("a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é字😀");
    let mut app = fixture();
    app["totalInvestment"] = awkward.clone();
    app["name"] = json!("x".repeat(10_001));
    app["a\"key\\\u{1}"] = json!(1);
    let text = app.to_string();
    assert_eq!(
        validate(&text, true, OPTIONS).unwrap(),
        full_answer(&registry.validate_str(&text, &options()))
    );

    let mut v = Validator::new(OPTIONS, None, true).unwrap();
    let mut core = LiveValidator::new(registry, options());
    assert_eq!(
        v.replace(FIXTURE, false).unwrap(),
        full_answer(&core.replace_text(FIXTURE))
    );
    for (path, value) in [
        ("totalInvestment", json!("300.01")),
        ("totalInvestment", awkward),
        ("documents[1]", Value::Null),
        (
            "resources[1]",
            json!({ "name": "n\u{0}", "sharing": "不予共享" }),
        ),
        ("stage", json!("acceptance")),
    ] {
        assert_eq!(
            v.set(path, &value.to_string()).unwrap(),
            full_answer(&core.set(path, &value).unwrap()),
            "{path}"
        );
    }
    assert_eq!(v.report().unwrap(), full_answer(core.report()));
    full_answers_for_tests(false);

    let as_of = "2025-06-01".parse().unwrap();
    let listing = r#"{"asOf": "2025-06-01", "locale": "en"}"#;
    assert_eq!(
        jurisdictions(Some(listing.into())).unwrap(),
        serde_json::to_vec(&catalogue::jurisdictions(registry, as_of, Locale::En)).unwrap()
    );
    assert_eq!(
        rules(Some(listing.into())).unwrap(),
        serde_json::to_vec(&catalogue::rules(registry, None, as_of, Locale::En).unwrap()).unwrap()
    );
}

#[wasm_bindgen_test]
fn json_text_and_an_encoded_value_give_the_same_report() {
    let from_value = report_of(&fixture());
    let from_text = parsed(validate(FIXTURE, false, OPTIONS).unwrap());
    assert_eq!(from_value, from_text);
    let broken = parsed(validate("{\"totalInvestment\": ", false, OPTIONS).unwrap());
    assert_eq!(broken["diagnostics"][0]["path"], "");
    assert!(broken["diagnostics"][0]["params"]["got"]
        .as_str()
        .unwrap()
        .contains("invalid JSON"));
}

#[wasm_bindgen_test]
fn bad_values_null_and_1e400_come_back_as_located_diagnostics() {
    // The wrapper sends NaN and undefined as null, Infinity as 1e400.
    let mut app = fixture();
    app["totalInvestment"] = json!("三百万");
    app["startMonth"] = Value::Null;
    app["mlpsLevel"] = Value::Null;
    app.as_object_mut().unwrap().remove("annualFunding");
    let text = app
        .to_string()
        .replacen('{', "{\"annualFunding\":1e400,", 1);
    let report = parsed(validate(&text, true, OPTIONS).unwrap());
    assert_eq!(codes_at(&report, "totalInvestment"), ["IN001"]);
    assert_eq!(codes_at(&report, "startMonth"), ["FM001"]);
    assert_eq!(codes_at(&report, "mlpsLevel"), ["FM001"]);
    assert_eq!(codes_at(&report, "annualFunding"), ["IN001"]);
    assert_eq!(report["outcomes"]["approval"]["status"], "undetermined");
    assert_eq!(
        report["outcomes"]["approval"]["missing"],
        json!(["totalInvestment"])
    );
}

#[wasm_bindgen_test]
fn misuse_throws_a_type_error_that_says_what_to_do() {
    let cases = [
        (
            r#"{"jurisdiction": "tongzhou", "asof": "2025-06-01"}"#,
            "unknown option `asof`",
        ),
        (r#""tongzhou""#, "options must be an object"),
        ("null", "options must be an object"),
        ("{}", "options.jurisdiction is required"),
        (
            r#"{"jurisdiction": null}"#,
            "options.jurisdiction is required",
        ),
        (
            r#"{"jurisdiction": "tongzhou", "locale": "fr"}"#,
            "options.locale must be",
        ),
        (
            r#"[{"jurisdiction": "tongzhou"}]"#,
            "options must be an object",
        ),
    ];
    for (options, expected) in cases {
        let error = validate(FIXTURE, false, options).unwrap_err();
        assert!(error.is_instance_of::<js_sys::TypeError>(), "{expected}");
        assert!(
            error_message(&error).contains(expected),
            "{}",
            error_message(&error)
        );
        let error = Validator::new(options, None, true).err().unwrap();
        assert!(error_message(&error).contains(expected));
    }
    // An unknown jurisdiction is data: JU001.
    let report = parsed(validate(FIXTURE, false, r#"{"jurisdiction": "atlantis"}"#).unwrap());
    assert_eq!(report["diagnostics"][0]["code"], "JU001");
}

#[wasm_bindgen_test]
fn the_live_validator_returns_what_changed() {
    let mut v = Validator::new(OPTIONS, Some(FIXTURE.into()), false).unwrap();
    let delta = parsed(v.set("totalInvestment", r#""300.01""#).unwrap());
    assert_eq!(delta["outcomes"]["merge"]["value"]["mode"], "separate");
    assert!(delta["outcomes"].get("management").is_none());
    assert_eq!(delta["summary"]["complete"], true);

    let delta = parsed(v.set("totalInvestment", r#""三百万""#).unwrap());
    assert_eq!(delta["diagnostics"]["added"][0]["code"], "IN001");
    assert_eq!(delta["diagnostics"]["added"].as_array().unwrap().len(), 1);
    assert_eq!(delta["outcomes"]["approval"]["status"], "undetermined");

    let delta = parsed(v.set("totalInvestment", r#""268.5""#).unwrap());
    assert_eq!(delta["diagnostics"]["removed"][0]["code"], "IN001");
    let same = parsed(v.set("totalInvestment", r#""268.5""#).unwrap());
    assert_eq!(same["diagnostics"], json!({ "added": [], "removed": [] }));
    assert_eq!(same["outcomes"], json!({}));

    let delta = parsed(v.set("documents[1]", "null").unwrap());
    let proposal = delta["requiredDocuments"]["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["document"] == "proposal")
        .cloned()
        .unwrap();
    assert_eq!(proposal["status"], "missing");

    let report = parsed(v.report().unwrap());
    let mut edited = fixture();
    edited["documents"].as_array_mut().unwrap().remove(1);
    assert_eq!(report, report_of(&edited));

    let error = v.set("resources[9]", "{}").unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    assert!(error_message(&error).contains("set resources[2] to add a row"));

    let delta = parsed(v.replace(FIXTURE, false).unwrap());
    assert_eq!(delta["summary"]["complete"], true);
    let delta = parsed(v.replace(&fixture().to_string(), true).unwrap());
    assert_eq!(delta["summary"]["complete"], true);

    // An application over a limit is refused as one value over a limit is: the validator keeps
    // the application it holds, and the next edit is checked against it.
    let mut over = fixture();
    over["notes"] = json!("长".repeat(800_000));
    let error = v.replace(&over.to_string(), true).unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    assert!(
        error_message(&error).starts_with("replace(): "),
        "{}",
        error_message(&error)
    );
    assert_eq!(parsed(v.report().unwrap()), report_of(&fixture()));
    let delta = parsed(v.set("name", "\"平台\"").unwrap());
    assert_eq!(delta["summary"]["complete"], true);
}

#[wasm_bindgen_test]
fn jurisdictions_and_the_rule_catalogue() {
    let list = parsed(jurisdictions(Some(r#"{"asOf": "2025-06-01"}"#.into())).unwrap());
    let tongzhou = list
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["id"] == "tongzhou")
        .unwrap();
    assert_eq!(tongzhou["title"], "通州区政务信息化项目建设管理办法");
    assert_eq!(tongzhou["documentNumber"], "通政办发〔2023〕7号");
    assert_eq!(tongzhou["issued"], "2023-02-07");
    assert!(jurisdictions(None).is_ok());

    let catalogue = parsed(rules(Some(r#"{"jurisdiction": "tongzhou"}"#.into())).unwrap());
    let codes = catalogue["codes"].as_array().unwrap();
    assert_eq!(codes.len(), gov_it_rules::codes::CODES.len());
    assert!(codes
        .iter()
        .any(|c| c["code"] == "DC001" && c["severity"] == "error"));
    let provisions = catalogue["provisions"].as_array().unwrap();
    let approval = provisions
        .iter()
        .find(|p| p["kind"] == "outcome.approval")
        .unwrap();
    assert_eq!(approval["citations"][0]["article"], "第八条");

    let error = rules(Some(r#"{"jurisdiction": "atlantis"}"#.into())).unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    let error = jurisdictions(Some(r#"{"when": "now"}"#.into())).unwrap_err();
    assert!(error.is_instance_of::<js_sys::TypeError>());
    // Options given as null (NaN in JavaScript) are not options left out.
    let error = jurisdictions(Some("null".into())).unwrap_err();
    assert!(error_message(&error).contains("options must be an object"));
}

#[wasm_bindgen_test]
fn a_profile_is_loaded_from_json_text() {
    let profile = include_str!("../fixtures/profiles/example-county.json");
    let result = parsed(load_profile(profile).unwrap());
    assert_eq!(
        result,
        json!({ "ok": true, "id": "example-county", "errors": [] })
    );
    let result = parsed(load_profile("{").unwrap());
    assert_eq!(result["ok"], false);
    assert!(result.get("id").is_none());
    assert!(!result["errors"].as_array().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn the_as_of_date_defaults_to_today_in_china() {
    let report = parsed(validate("{}", false, r#"{"jurisdiction": "tongzhou"}"#).unwrap());
    let in_china = js_sys::Date::new(&(js_sys::Date::now() + 8.0 * 3_600_000.0).into());
    let today = format!(
        "{:04}-{:02}-{:02}",
        in_china.get_utc_full_year(),
        in_china.get_utc_month() + 1,
        in_china.get_utc_date()
    );
    assert_eq!(report["asOf"], today);
}

// Hostile input. Each case gets a located error (code and path) or the correct verdict, and
// afterwards the same module and the same live validator still validate the fixture exactly as
// before (`still_works`).

/// A live validator that has seen the hostile calls of a test.
fn live() -> Validator {
    Validator::new(OPTIONS, Some(FIXTURE.into()), false).unwrap()
}

/// The module and `v` still validate the fixture exactly as a fresh validation does.
fn still_works(v: &mut Validator) {
    let fresh = parsed(validate(FIXTURE, false, OPTIONS).unwrap());
    assert_eq!(fresh["summary"]["errors"], 0, "{}", fresh["diagnostics"]);
    assert_eq!(fresh["outcomes"]["merge"]["value"]["mode"], "merge");
    v.replace(FIXTURE, false).unwrap();
    assert_eq!(parsed(v.report().unwrap()), fresh);
    let delta = parsed(v.set("totalInvestment", r#""300.0001""#).unwrap());
    assert_eq!(delta["outcomes"]["merge"]["value"]["mode"], "separate");
    v.set("totalInvestment", r#""268.5""#).unwrap();
    assert_eq!(parsed(v.report().unwrap()), fresh);
}

/// The one diagnostic at `path`.
fn diagnostic_at(report: &Value, path: &str) -> Value {
    let found: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == path)
        .collect();
    assert_eq!(found.len(), 1, "at {path}: {}", report["diagnostics"]);
    found[0].clone()
}

/// The delta added a diagnostic with `code` at `path`; returns it.
fn added_at(delta: Vec<u8>, path: &str, code: &str) -> Value {
    let added = parsed(delta)["diagnostics"]["added"].clone();
    added
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == path && d["code"] == code)
        .cloned()
        .unwrap_or_else(|| panic!("no {code} at {path} added: {added}"))
}

/// The delta removed a diagnostic with `code`.
fn removed(delta: Vec<u8>, code: &str) -> bool {
    parsed(delta)["diagnostics"]["removed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == code)
}

#[wasm_bindgen_test]
fn hostile_null() {
    let mut v = live();
    // The wrapper sends null, undefined and NaN as null.
    let report = report_of(&Value::Null);
    let root = diagnostic_at(&report, "");
    assert_eq!(root["code"], "IN004");
    assert_eq!(root["params"]["got"], "null");
    added_at(v.replace("null", true).unwrap(), "", "IN004");
    v.replace(FIXTURE, false).unwrap();
    // It clears a field: not filled in, so the required-field rule reports it.
    assert_eq!(codes_at(&with("name", Value::Null), "name"), ["FM001"]);
    added_at(v.set("name", "null").unwrap(), "name", "FM001");
    assert!(Validator::new(OPTIONS, None, true).is_ok());
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_arrays_for_objects() {
    let mut v = live();
    let report = report_of(&json!([]));
    assert_eq!(diagnostic_at(&report, "")["params"]["got"], "array");
    let report = with("funding", json!([1, 2]));
    let funding = diagnostic_at(&report, "funding");
    assert_eq!(
        (
            funding["code"].as_str(),
            funding["params"]["expected"].as_str()
        ),
        (Some("IN004"), Some("object"))
    );
    let report = with("resources", json!([[], "row"]));
    assert_eq!(codes_at(&report, "resources[0]"), ["IN004"]);
    assert_eq!(codes_at(&report, "resources[1]"), ["IN004"]);
    let report = with("documents", json!({ "kind": "proposal" }));
    let documents = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "documents" && d["code"] == "IN004")
        .unwrap();
    assert_eq!(documents["params"]["expected"], "array");

    added_at(
        v.set("funding.thisYear", "[]").unwrap(),
        "funding.thisYear",
        "IN004",
    );
    let wrapped = json!([fixture()]).to_string();
    added_at(v.replace(&wrapped, true).unwrap(), "", "IN004");
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_1e400_and_exponents() {
    let mut v = live();
    // The wrapper sends Infinity as 1e400 (which JavaScript reads as Infinity): refused as the
    // JSON text 1e400 is, a located IN001 whose reason is the exponent (serde_json echoes it as
    // 1e+400).
    let text = FIXTURE.replace("\"268.5\"", "1e400");
    let from_text = diagnostic_at(
        &parsed(validate(&text, false, OPTIONS).unwrap()),
        "totalInvestment",
    );
    let d = diagnostic_at(&with_raw("totalInvestment", "1e400"), "totalInvestment");
    assert_eq!(d["code"], "IN001");
    assert_eq!(d["params"]["reason"], "exponent");
    assert_eq!(d["params"]["input"], "1e+400");
    assert_eq!(d["params"], from_text["params"]);
    assert_eq!(d["message"], from_text["message"]);
    let d = diagnostic_at(&with_raw("totalInvestment", "-1e400"), "totalInvestment");
    assert_eq!(d["params"]["input"], "-1e+400");
    let d = diagnostic_at(&with_raw("totalInvestment", "1.234e-6"), "totalInvestment");
    assert_eq!(d["params"]["reason"], "exponent");
    assert_eq!(
        codes_at(&with_raw("mlpsLevel", "1e400"), "mlpsLevel"),
        ["IN007"]
    );
    added_at(
        v.set("totalInvestment", "1e400").unwrap(),
        "totalInvestment",
        "IN001",
    );
    assert!(removed(v.set("totalInvestment", "0").unwrap(), "IN001"));
    added_at(
        v.set("totalInvestment", "null").unwrap(),
        "totalInvestment",
        "FM001",
    );
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_numbers_beyond_2_to_the_53() {
    let mut v = live();
    // 2 ** 53 + 2, as JavaScript prints it; 2 ** 64 as a BigInt.
    for digits in ["9007199254740994", "18446744073709551616"] {
        let d = diagnostic_at(&with_raw("totalInvestment", digits), "totalInvestment");
        assert_eq!(d["code"], "IN001");
        assert_eq!(d["params"]["reason"], "tooLarge");
        assert_eq!(d["params"]["input"], digits);
        let d = diagnostic_at(&with_raw("year", digits), "year");
        assert_eq!(d["code"], "IN007");
    }
    let d = diagnostic_at(&with_raw("totalInvestment", "1e+300"), "totalInvestment");
    assert_eq!(d["params"]["reason"], "exponent");
    let d = added_at(
        v.set("totalInvestment", "9007199254740994").unwrap(),
        "totalInvestment",
        "IN001",
    );
    assert_eq!(d["params"]["reason"], "tooLarge");
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_long_strings() {
    let mut v = live();
    // Over the 10,000 characters a text field takes (and over 64 KiB): the field is refused,
    // located, and the rest of the form is checked.
    let long = "字".repeat(25_000);
    let report = with("name", json!(long));
    let d = diagnostic_at(&report, "name");
    assert_eq!(d["code"], "IN008");
    assert_eq!(d["params"]["max"], "10000");
    assert_eq!(report["outcomes"]["merge"]["value"]["mode"], "merge");
    let d = diagnostic_at(&with("totalInvestment", json!(long)), "totalInvestment");
    assert_eq!(d["code"], "IN001");
    assert_eq!(d["params"]["input"].as_str().unwrap().chars().count(), 41);
    // As JSON text, and as a table cell.
    let text = format!("{{\"name\": \"{long}\", \"resources\": [{{\"name\": \"{long}\"}}]}}");
    let report = parsed(validate(&text, false, OPTIONS).unwrap());
    assert_eq!(codes_at(&report, "name"), ["IN008"]);
    assert_eq!(codes_at(&report, "resources[0].name"), ["IN008"]);
    let long = json!(long).to_string();
    added_at(
        v.set("purposeAndContent", &long).unwrap(),
        "purposeAndContent",
        "IN008",
    );
    added_at(
        v.set("resources[0].description", &long).unwrap(),
        "resources[0].description",
        "IN008",
    );
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_ten_megabyte_strings() {
    let mut v = live();
    // Over any limit: refused before it is read, with the limit and the place.
    let huge = "字".repeat(10 * 1024 * 1024 / 3);
    for encoded in [true, false] {
        let text = json!({ "name": huge }).to_string();
        let report = parsed(validate(&text, encoded, OPTIONS).unwrap());
        let d = diagnostic_at(&report, "");
        assert_eq!(d["code"], "IN012");
        assert_eq!(d["params"]["limit"], "bytes");
    }
    // Ten megabytes of text that is not JSON.
    let report = parsed(validate(&huge, false, OPTIONS).unwrap());
    assert_eq!(codes_at(&report, ""), ["IN012"]);
    // A whole application over a limit, put in place of the one held: refused, the one held kept.
    v.replace(FIXTURE, false).unwrap();
    let error = v.replace(&huge, false).unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    assert!(error_message(&error).contains("整份申报的字节数最多 2097152"));
    assert_eq!(parsed(v.report().unwrap()), report_of(&fixture()));
    // One value by a live edit: refused, the field keeps what it held.
    v.replace(FIXTURE, false).unwrap();
    let error = v.set("name", &json!(huge).to_string()).unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    assert!(
        error_message(&error).contains("整份申报的字节数最多"),
        "{}",
        error_message(&error)
    );
    assert_eq!(parsed(v.report().unwrap())["summary"]["errors"], 0);
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_ten_thousand_resource_rows() {
    let mut v = live();
    let row =
        json!({ "name": "市场主体登记信息", "sharing": "无条件共享", "updateFrequency": "每天" });
    let rows = |n: usize| Value::Array(vec![row.clone(); n]);
    let report = with("resources", rows(3_000));
    let d = diagnostic_at(&report, "resources");
    assert_eq!(d["code"], "IN009");
    assert_eq!(d["params"]["max"], "2000");
    added_at(
        v.set("resources", &rows(3_000).to_string()).unwrap(),
        "resources",
        "IN009",
    );
    // Twenty thousand rows are over the 50,000 values an application may have: refused whole.
    let report = with("resources", rows(20_000));
    let d = &report["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["params"]["limit"].as_str()),
        (Some("IN012"), Some("values"))
    );
    assert!(d["path"].as_str().unwrap().starts_with("resources["), "{d}");
    // At the limit the rows are read; one more row by a live edit is refused, located.
    assert!(removed(
        v.set("resources", &rows(2_000).to_string()).unwrap(),
        "IN009"
    ));
    added_at(
        v.set("resources[2000]", &row.to_string()).unwrap(),
        "resources",
        "IN009",
    );
    assert!(removed(v.set("resources[2000]", "null").unwrap(), "IN009"));
    still_works(&mut v);
}

/// JSON text of an object nested `depth` levels deep under `key`, innermost `{}`.
fn nested(depth: usize, key: &str) -> String {
    format!(
        "{}{{}}{}",
        format!("{{\"{key}\":").repeat(depth - 1),
        "}".repeat(depth - 1)
    )
}

#[wasm_bindgen_test]
fn hostile_deep_nesting() {
    let mut v = live();
    // 16 levels in all are read; the value is then simply of the wrong type for its field.
    let report = with_raw("funding", &nested(15, "thisYear"));
    assert_eq!(codes_at(&report, "funding.thisYear.thisYear"), ["IN005"]);
    // Deeper is refused whole, before it is read, at the place it crosses the limit.
    let report = with_raw("funding", &nested(16, "thisYear"));
    let d = &report["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["params"]["limit"].as_str()),
        (Some("IN012"), Some("depth"))
    );
    assert!(
        d["path"].as_str().unwrap().starts_with("funding.thisYear"),
        "{d}"
    );
    let error = v.set("funding", &nested(200, "a")).unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    assert!(
        error_message(&error).contains("嵌套层数最多 16"),
        "{}",
        error_message(&error)
    );
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let report = parsed(validate(&text, false, OPTIONS).unwrap());
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "IN012");
    assert!(d["path"].as_str().unwrap().starts_with("[0][0]"), "{d}");
    let error = v.replace(&text, false).unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    assert!(error_message(&error).contains("嵌套层数最多 16"));
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_proto_and_constructor_keys() {
    let mut v = live();
    // As live paths: unknown fields, nothing else.
    for path in ["__proto__", "constructor", "prototype"] {
        added_at(v.set(path, r#"{"polluted": true}"#).unwrap(), path, "IN005");
    }
    // An own "__proto__" key is an unknown field, not a prototype.
    let text = FIXTURE.replacen(
        '{',
        r#"{"__proto__": {"totalInvestment": "999"}, "constructor": {"prototype": {"x": 1}},"#,
        1,
    );
    let report = parsed(validate(&text, true, OPTIONS).unwrap());
    assert_eq!(codes_at(&report, "__proto__"), ["IN005"]);
    assert_eq!(codes_at(&report, "constructor"), ["IN005"]);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["outcomes"]["merge"]["value"]["mode"], "merge");
    v.replace(&text, true).unwrap();
    assert_eq!(parsed(v.report().unwrap()), report);
    // In a table row.
    let rows = r#"[{"__proto__": {"sharing": "x"}, "name": "n", "sharing": "无条件共享"}]"#;
    added_at(
        v.set("resources", rows).unwrap(),
        "resources[0].__proto__",
        "IN005",
    );
    added_at(
        v.set("resources[0].constructor", r#""x""#).unwrap(),
        "resources[0].constructor",
        "IN005",
    );
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_lone_surrogates() {
    let mut v = live();
    // JSON.stringify writes a lone surrogate as an escape; in a value the wrapper encoded it
    // reads as U+FFFD, as a JavaScript string passed directly does.
    let report = with_raw("name", r#""项目\ud800""#);
    assert!(codes_at(&report, "name").is_empty());
    let d = diagnostic_at(
        &with_raw("totalInvestment", r#""３００\udc00""#),
        "totalInvestment",
    );
    assert_eq!(d["code"], "IN001");
    assert_eq!(d["params"]["input"], "３００\u{FFFD}");
    let d = diagnostic_at(
        &with_raw("totalInvestment", r#""\udc00\ud800x\ud83d\ude00\\ud800""#),
        "totalInvestment",
    );
    assert_eq!(
        d["params"]["input"], "\u{FFFD}\u{FFFD}x\u{1F600}\\ud800",
        "pairs and an escaped backslash are left as they are"
    );
    let text = FIXTURE.replacen('{', r#"{"x\ud83d": "y","#, 1);
    let report = parsed(validate(&text, true, OPTIONS).unwrap());
    assert_eq!(codes_at(&report, "x\u{FFFD}"), ["IN005"]);
    // In JSON text the caller passes, an escape that is not Unicode is refused at the root with
    // its position.
    let report = parsed(validate(r#"{"name": "\ud800"}"#, false, OPTIONS).unwrap());
    assert!(diagnostic_at(&report, "")["params"]["got"]
        .as_str()
        .unwrap()
        .starts_with("invalid JSON (line 1"));
    added_at(
        v.set("totalInvestment", r#""\udfff""#).unwrap(),
        "totalInvestment",
        "IN001",
    );
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_full_width_digits_are_read_as_digits() {
    let mut v = live();
    let with_all = |pairs: &[(&str, &str)]| {
        let mut app = fixture();
        for (key, value) in pairs {
            app[*key] = json!(value);
        }
        report_of(&app)
    };
    let full = with_all(&[
        ("totalInvestment", "３００"),
        ("annualFunding", "２６８．５万元"),
        ("year", "２０２６"),
        ("startMonth", "２０２６－０３"),
    ]);
    let ascii = with_all(&[
        ("totalInvestment", "300"),
        ("annualFunding", "268.5"),
        ("year", "2026"),
        ("startMonth", "2026-03"),
    ]);
    assert_eq!(full["outcomes"], ascii["outcomes"]);
    assert_eq!(full["summary"], ascii["summary"]);
    assert_eq!(full["outcomes"]["merge"]["value"]["mode"], "merge");
    let over = with_all(&[("totalInvestment", "３００．０００１")]);
    assert_eq!(over["outcomes"]["merge"]["value"]["mode"], "separate");
    let delta = parsed(v.set("totalInvestment", r#""３００．０００１""#).unwrap());
    assert_eq!(delta["outcomes"]["merge"]["value"]["mode"], "separate");
    let delta = parsed(v.set("totalInvestment", r#""３００""#).unwrap());
    assert_eq!(delta["outcomes"]["merge"]["value"]["mode"], "merge");
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_chinese_numerals_are_refused_with_the_reason() {
    let mut v = live();
    let d = diagnostic_at(&with("totalInvestment", json!("三百万")), "totalInvestment");
    assert_eq!(d["code"], "IN001");
    assert_eq!(d["params"]["reason"], "chineseNumerals");
    assert!(d["message"].as_str().unwrap().contains("阿拉伯数字"));
    assert_eq!(
        codes_at(&with("mlpsLevel", json!("二")), "mlpsLevel"),
        ["IN007"]
    );
    assert_eq!(
        codes_at(&with("year", json!("二〇二六")), "year"),
        ["IN007"]
    );
    let d = added_at(
        v.set("funding.thisYear.total", r#""贰佰陆拾捌万伍仟""#)
            .unwrap(),
        "funding.thisYear.total",
        "IN001",
    );
    assert_eq!(d["params"]["reason"], "chineseNumerals");
    for amount in ["三百", "叁佰万元", "3百万"] {
        let d = diagnostic_at(&with("totalInvestment", json!(amount)), "totalInvestment");
        assert_eq!(d["params"]["reason"], "chineseNumerals", "{amount}");
    }
    still_works(&mut v);
}

/// Arabic digits with words around them are not a number: the digits are not Chinese numerals.
#[wasm_bindgen_test]
fn arabic_digits_with_words_around_them_are_not_a_number() {
    let mut v = live();
    for amount in ["300万元整", "300万元人民币", "300 万 元"] {
        let d = diagnostic_at(&with("totalInvestment", json!(amount)), "totalInvestment");
        assert_eq!(d["code"], "IN001", "{amount}");
        assert_eq!(d["params"]["reason"], "notANumber", "{amount}");
        let message = d["message"].as_str().unwrap();
        assert!(message.contains("格式不正确"), "{message}");
        assert!(!message.contains("中文数字"), "{message}");
    }
    let d = added_at(
        v.set("funding.thisYear.total", r#""268.5万元整""#).unwrap(),
        "funding.thisYear.total",
        "IN001",
    );
    assert_eq!(d["params"]["reason"], "notANumber");
    let d = diagnostic_at(&with("totalInvestment", json!("300元")), "totalInvestment");
    assert_eq!(d["params"]["reason"], "wrongUnit");
    still_works(&mut v);
}

/// The panic hook: a panic (none is reachable from any input) keeps its message for the package's
/// wrapper, which throws it as an `Error` (js/index.js), and the module keeps working, for the
/// next panic too. The panic is raised through a JavaScript function, so that the trap it ends in
/// is caught there as the wrapper catches it.
#[wasm_bindgen_test]
fn a_panic_keeps_its_message_and_the_module_keeps_working() {
    use gov_it_rules::wasm::take_internal_error;
    use wasm_bindgen::closure::Closure;
    let mut v = live();
    for round in ["first", "second"] {
        let panicking = Closure::<dyn Fn()>::new(move || {
            gov_it_rules::wasm::panic_for_tests(&format!("{round} deliberate panic"));
        });
        let function: &js_sys::Function = panicking.as_ref().unchecked_ref();
        let error = function.call0(&JsValue::NULL).unwrap_err();
        assert!(error.is_instance_of::<js_sys::WebAssembly::RuntimeError>());
        let message = take_internal_error().unwrap();
        assert!(
            message.starts_with("gov-it-rules: internal error: panicked at src/wasm.rs")
                && message.ends_with(&format!("{round} deliberate panic")),
            "{message}"
        );
        assert_eq!(take_internal_error(), None, "the message is taken once");
        still_works(&mut v);
        let mut fresh = live();
        still_works(&mut fresh);
    }
}

/// Every profile's case file, the same files `tests/cases.rs` runs natively, through the core
/// compiled to wasm.
#[wasm_bindgen_test]
fn every_case_file_passes_in_wasm() {
    let mut registry = gov_it_rules::Registry::builtin();
    registry
        .load(include_str!("../fixtures/profiles/example-county.json"))
        .unwrap();
    let files = [
        include_str!("../../src/profiles/tongzhou.cases.json"),
        include_str!("../../src/profiles/shexian.cases.json"),
        include_str!("../../src/profiles/tinghu.cases.json"),
        include_str!("../../src/profiles/jiangjin.cases.json"),
        include_str!("../../src/profiles/xiangcheng.cases.json"),
        include_str!("../fixtures/profiles/example-county.cases.json"),
    ];
    let mut failures = Vec::new();
    let mut total = 0;
    for text in files {
        let results = gov_it_rules::cases::run_str(&registry, text).unwrap();
        total += results.len();
        for result in results.iter().filter(|r| !r.passed()) {
            failures.push(result.to_string());
        }
    }
    assert!(total > 0);
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed in wasm:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A form control's value read from the JavaScript value itself answers as its JSON text does.
#[wasm_bindgen_test]
fn set_scalar_answers_as_set_with_json_text() {
    let mut by_text = live();
    let mut by_value = live();
    let edits: [(&str, JsValue, &str); 5] = [
        (
            "totalInvestment",
            JsValue::from_str("300.01"),
            r#""300.01""#,
        ),
        (
            "totalInvestment",
            JsValue::from_str("三百万"),
            r#""三百万""#,
        ),
        ("classified", JsValue::from_bool(true), "true"),
        ("name", JsValue::NULL, "null"),
        ("nmae", JsValue::from_str("x"), r#""x""#),
    ];
    for (path, value, text) in edits {
        let a = parsed(by_text.set(path, text).unwrap());
        let b = parsed(by_value.set_scalar(path, value).unwrap());
        assert_eq!(a, b, "{path} = {text}");
    }
    let error = by_value
        .set_scalar("name", JsValue::from_f64(1.0))
        .unwrap_err();
    assert!(error.is_instance_of::<js_sys::TypeError>());
    // A long text is its field's problem, as through set(); past the whole application's size,
    // a RangeError and the field keeps its value.
    let long = "长".repeat(30_000);
    let a = parsed(by_text.set("name", &json!(long).to_string()).unwrap());
    let b = parsed(
        by_value
            .set_scalar("name", JsValue::from_str(&long))
            .unwrap(),
    );
    assert_eq!(a, b);
    added_at(
        by_value
            .set_scalar("purposeAndContent", JsValue::from_str(&long))
            .unwrap(),
        "purposeAndContent",
        "IN008",
    );
    let huge = JsValue::from_str(&"长".repeat(800_000));
    let error = by_value.set_scalar("name", huge).unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    still_works(&mut by_value);
}

/// Reports and deltas name each citation by its number in the module's table; put back, they are
/// exactly the answers that carry every citation in full, and far smaller. A load starts a new
/// epoch with an empty table, and a validator made before it names its citations afresh.
#[wasm_bindgen_test]
fn compact_answers_are_the_full_ones_with_citations_by_number() {
    let mut compact = live();
    let mut full = live();
    let in_full = |answer: &mut dyn FnMut() -> Vec<u8>| {
        full_answers_for_tests(true);
        let bytes = answer();
        full_answers_for_tests(false);
        bytes
    };
    let edits = [
        ("totalInvestment", r#""300""#),
        ("totalInvestment", r#""300.01""#),
        ("totalInvestment", r#""三百万""#),
        ("documents[1]", "null"),
        ("stage", r#""acceptance""#),
        ("totalInvestment", r#""5000""#),
    ];
    for (i, (path, text)) in edits.into_iter().enumerate() {
        if i == 3 {
            let before = epoch();
            let profile = include_str!("../fixtures/profiles/example-county.json");
            assert_eq!(parsed(load_profile(profile).unwrap())["ok"], true);
            let table: Value = serde_json::from_slice(&citations(0)).unwrap();
            assert_eq!(table, json!([before + 1, []]));
        }
        let a = compact.set(path, text).unwrap();
        let b = in_full(&mut || full.set(path, text).unwrap());
        assert!(!String::from_utf8(a.clone())
            .unwrap()
            .contains("\"citations\":[{"));
        assert_eq!(parsed(a.clone()), parsed(b.clone()), "{path} = {text}");
        if text == r#""300.01""# {
            assert!(
                a.len() * 10 < b.len() * 7,
                "{} of {} bytes",
                a.len(),
                b.len()
            );
        }
    }
    let a = compact.report().unwrap();
    let b = in_full(&mut || full.report().unwrap());
    assert!(
        a.len() * 10 < b.len() * 8,
        "{} of {} bytes",
        a.len(),
        b.len()
    );
    assert_eq!(parsed(a), parsed(b));
    for locale in ["zh-CN", "en"] {
        let options = format!(
            r#"{{"jurisdiction": "xiangcheng", "asOf": "2026-06-01", "locale": "{locale}"}}"#
        );
        let application = include_str!("../fixtures/xiangcheng-declaration.json");
        let a = validate(application, false, &options).unwrap();
        let b = in_full(&mut || validate(application, false, &options).unwrap());
        assert_eq!(parsed(a), parsed(b), "{locale}");
    }
}
