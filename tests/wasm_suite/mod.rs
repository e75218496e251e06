//! The wasm exports exercised with real JavaScript values, shared by the Node suite
//! (tests/wasm_node.rs) and the headless-Chromium suite (tests/wasm_browser.rs).

use gov_it_rules::wasm::{jurisdictions, rules, validate, Validator};
use js_sys::{Object, Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const FIXTURE: &str = include_str!("../../fixtures/tongzhou-declaration.json");

fn fixture() -> JsValue {
    JSON::parse(FIXTURE).unwrap()
}

fn js(value: Value) -> JsValue {
    JSON::parse(&value.to_string()).unwrap()
}

fn options() -> JsValue {
    js(json!({ "jurisdiction": "tongzhou", "asOf": "2025-06-01" }))
}

fn rust(value: &JsValue) -> Value {
    serde_wasm_bindgen::from_value(value.clone()).unwrap()
}

fn set(object: &JsValue, key: &str, value: &JsValue) {
    Reflect::set(object, &key.into(), value).unwrap();
}

fn error_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn the_fixture_gets_its_verdicts_with_citations() {
    let report = rust(&validate(fixture(), options()).unwrap());
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
}

#[wasm_bindgen_test]
fn reports_are_plain_objects() {
    let report = validate(fixture(), options()).unwrap();
    let names = Reflect::get(&report, &"documentNames".into()).unwrap();
    assert!(names.is_object());
    assert!(!names.is_instance_of::<js_sys::Map>());
    let prototype = Object::get_prototype_of(&names);
    assert!(Object::is(
        &prototype,
        &Object::get_prototype_of(&Object::new())
    ));
    let proposal = Reflect::get(&names, &"proposal".into()).unwrap();
    assert_eq!(proposal.as_string().as_deref(), Some("项目建设建议书"));
}

#[wasm_bindgen_test]
fn json_text_and_an_object_give_the_same_report() {
    let from_object = rust(&validate(fixture(), options()).unwrap());
    let from_text = rust(&validate(FIXTURE.into(), options()).unwrap());
    assert_eq!(from_object, from_text);
    let broken = rust(&validate("{\"totalInvestment\": ".into(), options()).unwrap());
    assert_eq!(broken["diagnostics"][0]["path"], "");
    assert!(broken["diagnostics"][0]["params"]["got"]
        .as_str()
        .unwrap()
        .contains("invalid JSON"));
}

#[wasm_bindgen_test]
fn bad_values_nan_and_undefined_come_back_as_located_diagnostics() {
    let app = fixture();
    set(&app, "totalInvestment", &"三百万".into());
    set(&app, "startMonth", &JsValue::from_f64(f64::NAN));
    set(&app, "mlpsLevel", &JsValue::UNDEFINED);
    set(&app, "annualFunding", &JsValue::from_f64(f64::INFINITY));
    let report = rust(&validate(app, options()).unwrap());
    let at = |path: &str| -> Vec<String> {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"] == path)
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(at("totalInvestment"), ["IN001"]);
    assert_eq!(at("startMonth"), ["FM001"], "NaN is not filled in");
    assert_eq!(at("mlpsLevel"), ["FM001"], "undefined is not filled in");
    assert_eq!(at("annualFunding"), ["FM001"], "Infinity is not filled in");
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
            js(json!({ "jurisdiction": "tongzhou", "asof": "2025-06-01" })),
            "unknown option `asof`",
        ),
        (JsValue::from_str("tongzhou"), "options must be an object"),
        (JsValue::UNDEFINED, "options must be an object"),
        (js(json!({})), "options.jurisdiction is required"),
        (
            js(json!({ "jurisdiction": "tongzhou", "locale": "fr" })),
            "options.locale must be",
        ),
    ];
    for (options, expected) in cases {
        let error = validate(fixture(), options).unwrap_err();
        assert!(error.is_instance_of::<js_sys::TypeError>(), "{expected}");
        assert!(
            error_message(&error).contains(expected),
            "{}",
            error_message(&error)
        );
    }
    // An unknown jurisdiction is data: JU001.
    let report = rust(&validate(fixture(), js(json!({ "jurisdiction": "atlantis" }))).unwrap());
    assert_eq!(report["diagnostics"][0]["code"], "JU001");
}

#[wasm_bindgen_test]
fn the_live_validator_returns_what_changed() {
    let mut v = Validator::new(options(), fixture()).unwrap();
    let delta = rust(&v.set("totalInvestment".into(), "300.01".into()).unwrap());
    assert_eq!(delta["outcomes"]["merge"]["value"]["mode"], "separate");
    assert!(delta["outcomes"].get("management").is_none());
    assert_eq!(delta["summary"]["complete"], true);

    let delta = rust(&v.set("totalInvestment".into(), "三百万".into()).unwrap());
    assert_eq!(delta["diagnostics"]["added"][0]["code"], "IN001");
    assert_eq!(delta["diagnostics"]["added"].as_array().unwrap().len(), 1);
    assert_eq!(delta["outcomes"]["approval"]["status"], "undetermined");

    let delta = rust(&v.set("totalInvestment".into(), "268.5".into()).unwrap());
    assert_eq!(delta["diagnostics"]["removed"][0]["code"], "IN001");
    let same = rust(&v.set("totalInvestment".into(), "268.5".into()).unwrap());
    assert_eq!(same["diagnostics"], json!({ "added": [], "removed": [] }));
    assert_eq!(same["outcomes"], json!({}));

    let delta = rust(&v.set("documents[1]".into(), JsValue::NULL).unwrap());
    let proposal = delta["requiredDocuments"]["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["document"] == "proposal")
        .cloned()
        .unwrap();
    assert_eq!(proposal["status"], "missing");

    let report = rust(&v.report().unwrap());
    let mut edited: Value = serde_json::from_str(FIXTURE).unwrap();
    edited["documents"].as_array_mut().unwrap().remove(1);
    let whole = rust(&validate(js(edited), options()).unwrap());
    assert_eq!(report, whole);

    let error = v.set(JsValue::from_f64(1.0), "x".into()).unwrap_err();
    assert!(error.is_instance_of::<js_sys::TypeError>());
    assert!(error_message(&error).contains("path must be a string"));
    let error = v.set("resources[9]".into(), js(json!({}))).unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    assert!(error_message(&error).contains("set resources[2] to add a row"));

    let delta = rust(&v.replace(fixture()).unwrap());
    assert_eq!(delta["summary"]["complete"], true);
}

#[wasm_bindgen_test]
fn jurisdictions_and_the_rule_catalogue() {
    let list = rust(&jurisdictions(js(json!({ "asOf": "2025-06-01" }))).unwrap());
    let tongzhou = list
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["id"] == "tongzhou")
        .unwrap();
    assert_eq!(tongzhou["title"], "通州区政务信息化项目建设管理办法");
    assert_eq!(tongzhou["documentNumber"], "通政办发〔2023〕7号");
    assert_eq!(tongzhou["issued"], "2023-02-07");
    assert!(jurisdictions(JsValue::UNDEFINED).is_ok());

    let catalogue = rust(&rules(js(json!({ "jurisdiction": "tongzhou" }))).unwrap());
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

    let error = rules(js(json!({ "jurisdiction": "atlantis" }))).unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    let error = jurisdictions(js(json!({ "when": "now" }))).unwrap_err();
    assert!(error.is_instance_of::<js_sys::TypeError>());
}

#[wasm_bindgen_test]
fn the_as_of_date_defaults_to_today() {
    let report = rust(&validate(js(json!({})), js(json!({ "jurisdiction": "tongzhou" }))).unwrap());
    let now = js_sys::Date::new_0();
    let today = format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    );
    assert_eq!(report["asOf"], today);
}
