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
fn bad_values_nan_infinity_and_undefined_come_back_as_located_diagnostics() {
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
    assert_eq!(
        at("annualFunding"),
        ["IN001"],
        "Infinity is refused as 1e400 is"
    );
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

// Hostile input at the JavaScript boundary. Each case gets a located error (code and path) or
// the correct verdict, and afterwards the same module and the same live validator still validate
// the fixture exactly as before (`still_works`).

/// A live validator that has seen the hostile calls of a test.
fn live() -> Validator {
    Validator::new(options(), fixture()).unwrap()
}

/// The module and `v` still validate the fixture exactly as a fresh validation does.
fn still_works(v: &mut Validator) {
    let fresh = rust(&validate(fixture(), options()).unwrap());
    assert_eq!(fresh["summary"]["errors"], 0, "{}", fresh["diagnostics"]);
    assert_eq!(fresh["outcomes"]["merge"]["value"]["mode"], "merge");
    v.replace(fixture()).unwrap();
    assert_eq!(rust(&v.report().unwrap()), fresh);
    let delta = rust(&v.set("totalInvestment".into(), "300.0001".into()).unwrap());
    assert_eq!(delta["outcomes"]["merge"]["value"]["mode"], "separate");
    v.set("totalInvestment".into(), "268.5".into()).unwrap();
    assert_eq!(rust(&v.report().unwrap()), fresh);
}

/// The codes of the diagnostics at `path`.
fn codes_at(report: &Value, path: &str) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == path)
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
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

/// The fixture with `key` set to `value`, validated.
fn with(key: &str, value: &JsValue) -> Value {
    let app = fixture();
    set(&app, key, value);
    rust(&validate(app, options()).unwrap())
}

/// The diagnostics a delta added.
fn added(delta: &JsValue) -> Value {
    rust(delta)["diagnostics"]["added"].clone()
}

/// The delta added a diagnostic with `code` at `path`; returns it.
fn added_at(delta: &JsValue, path: &str, code: &str) -> Value {
    let added = added(delta);
    added
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == path && d["code"] == code)
        .cloned()
        .unwrap_or_else(|| panic!("no {code} at {path} added: {added}"))
}

/// The delta removed a diagnostic with `code`.
fn removed(delta: &JsValue, code: &str) -> bool {
    rust(delta)["diagnostics"]["removed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == code)
}

#[wasm_bindgen_test]
fn hostile_null_and_undefined() {
    let mut v = live();
    for application in [JsValue::NULL, JsValue::UNDEFINED] {
        let report = rust(&validate(application.clone(), options()).unwrap());
        let root = diagnostic_at(&report, "");
        assert_eq!(root["code"], "IN004");
        assert_eq!(root["params"]["got"], "null");
        added_at(&v.replace(application).unwrap(), "", "IN004");
        v.replace(fixture()).unwrap();
    }
    // Either clears a field: not filled in, so the required-field rule reports it.
    for value in [JsValue::NULL, JsValue::UNDEFINED] {
        assert_eq!(codes_at(&with("name", &value), "name"), ["FM001"]);
    }
    v.replace(fixture()).unwrap();
    added_at(
        &v.set("name".into(), JsValue::UNDEFINED).unwrap(),
        "name",
        "FM001",
    );
    // Null options or a null path are misuse: a TypeError that says what to pass.
    let error = validate(fixture(), JsValue::NULL).unwrap_err();
    assert!(error_message(&error).contains("options must be an object"));
    let error = v.set(JsValue::NULL, "x".into()).unwrap_err();
    assert!(error.is_instance_of::<js_sys::TypeError>());
    assert!(Validator::new(options(), JsValue::NULL).is_ok());
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_arrays_for_objects() {
    let mut v = live();
    let report = rust(&validate(js(json!([])), options()).unwrap());
    assert_eq!(diagnostic_at(&report, "")["params"]["got"], "array");
    let report = with("funding", &js(json!([1, 2])));
    let funding = diagnostic_at(&report, "funding");
    assert_eq!(
        (
            funding["code"].as_str(),
            funding["params"]["expected"].as_str()
        ),
        (Some("IN004"), Some("object"))
    );
    let report = with("resources", &js(json!([[], "row"])));
    assert_eq!(codes_at(&report, "resources[0]"), ["IN004"]);
    assert_eq!(codes_at(&report, "resources[1]"), ["IN004"]);
    let report = with("documents", &js(json!({ "kind": "proposal" })));
    let documents = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "documents" && d["code"] == "IN004")
        .unwrap();
    assert_eq!(documents["params"]["expected"], "array");

    let delta = v.set("funding.thisYear".into(), js(json!([]))).unwrap();
    added_at(&delta, "funding.thisYear", "IN004");
    let delta = v.replace(js(json!([fixture_json()]))).unwrap();
    added_at(&delta, "", "IN004");
    let error = validate(fixture(), js(json!([{ "jurisdiction": "tongzhou" }]))).unwrap_err();
    assert!(error.is_instance_of::<js_sys::TypeError>());
    still_works(&mut v);
}

fn fixture_json() -> Value {
    serde_json::from_str(FIXTURE).unwrap()
}

#[wasm_bindgen_test]
fn hostile_nan_infinity_negative_zero_and_1e400() {
    let mut v = live();
    // NaN is what an empty <input type="number"> gives: not filled in.
    let nan = JsValue::from_f64(f64::NAN);
    assert_eq!(
        codes_at(&with("totalInvestment", &nan), "totalInvestment"),
        ["FM001"]
    );
    // Infinity, and 1e400 (which JavaScript reads as Infinity), are refused as the JSON text
    // 1e400 is: a located IN001 whose reason is the exponent (serde_json echoes it as 1e+400).
    let text = rust(&validate(FIXTURE.replace("\"268.5\"", "1e400").into(), options()).unwrap());
    let from_text = diagnostic_at(&text, "totalInvestment");
    for infinity in [f64::INFINITY, "1e400".parse::<f64>().unwrap()] {
        let report = with("totalInvestment", &JsValue::from_f64(infinity));
        let d = diagnostic_at(&report, "totalInvestment");
        assert_eq!(d["code"], "IN001");
        assert_eq!(d["params"]["reason"], "exponent");
        assert_eq!(d["params"], from_text["params"]);
        assert_eq!(d["message"], from_text["message"]);
    }
    let report = with("totalInvestment", &JsValue::from_f64(f64::NEG_INFINITY));
    assert_eq!(codes_at(&report, "totalInvestment"), ["IN001"]);
    let report = with("mlpsLevel", &JsValue::from_f64(f64::INFINITY));
    assert_eq!(codes_at(&report, "mlpsLevel"), ["IN007"]);
    // -0 is 0: the same verdicts as 0.
    for key in ["totalInvestment", "annualFunding", "mlpsLevel"] {
        let zero = with(key, &JsValue::from_f64(0.0));
        assert_eq!(with(key, &JsValue::from_f64(-0.0)), zero, "{key}");
    }
    let delta = v
        .set("totalInvestment".into(), JsValue::from_f64(f64::INFINITY))
        .unwrap();
    added_at(&delta, "totalInvestment", "IN001");
    let delta = v
        .set("totalInvestment".into(), JsValue::from_f64(-0.0))
        .unwrap();
    assert!(removed(&delta, "IN001"));
    let delta = v.set("totalInvestment".into(), nan).unwrap();
    added_at(&delta, "totalInvestment", "FM001");
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_numbers_beyond_2_to_the_53() {
    let mut v = live();
    let beyond = 9_007_199_254_740_994.0; // 2 ** 53 + 2
    let d = diagnostic_at(
        &with("totalInvestment", &JsValue::from_f64(beyond)),
        "totalInvestment",
    );
    assert_eq!(d["code"], "IN001");
    assert_eq!(d["params"]["reason"], "tooLarge");
    assert_eq!(d["params"]["input"], "9007199254740994");
    let d = diagnostic_at(&with("year", &JsValue::from_f64(beyond)), "year");
    assert_eq!(d["code"], "IN007");
    let d = diagnostic_at(
        &with("totalInvestment", &JsValue::from_f64(1e300)),
        "totalInvestment",
    );
    assert_eq!(d["params"]["reason"], "exponent");
    // A BigInt keeps every digit; one beyond 64 bits cannot be read and throws, located.
    let big = js_sys::BigInt::new(&"9007199254740993".into()).unwrap();
    let d = diagnostic_at(
        &with("totalInvestment", &JsValue::from(big)),
        "totalInvestment",
    );
    assert_eq!(d["params"]["input"], "9007199254740993");
    let huge = js_sys::BigInt::new(&"18446744073709551616".into()).unwrap();
    let app = fixture();
    set(&app, "totalInvestment", &JsValue::from(huge.clone()));
    let error = validate(app, options()).unwrap_err();
    assert!(error.is_instance_of::<js_sys::TypeError>());
    assert!(
        error_message(&error).starts_with("application.totalInvestment: "),
        "{}",
        error_message(&error)
    );
    let error = v
        .set("totalInvestment".into(), JsValue::from(huge))
        .unwrap_err();
    assert!(error_message(&error).starts_with("totalInvestment: "));
    let delta = v
        .set("totalInvestment".into(), JsValue::from_f64(beyond))
        .unwrap();
    let d = added_at(&delta, "totalInvestment", "IN001");
    assert_eq!(d["params"]["reason"], "tooLarge");
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_ten_megabyte_strings() {
    let mut v = live();
    let huge = "字".repeat(10 * 1024 * 1024 / 3);
    let long: JsValue = huge.as_str().into();
    let d = diagnostic_at(&with("name", &long), "name");
    assert_eq!(d["code"], "IN008");
    assert_eq!(d["params"]["max"], "10000");
    let d = diagnostic_at(&with("totalInvestment", &long), "totalInvestment");
    assert_eq!(d["code"], "IN001");
    assert_eq!(d["params"]["input"].as_str().unwrap().chars().count(), 41);
    // As JSON text, and as a table cell.
    let text = format!("{{\"name\": \"{huge}\", \"resources\": [{{\"name\": \"{huge}\"}}]}}");
    let report = rust(&validate(text.into(), options()).unwrap());
    assert_eq!(codes_at(&report, "name"), ["IN008"]);
    assert_eq!(codes_at(&report, "resources[0].name"), ["IN008"]);
    // Ten megabytes of text that is not JSON.
    let report = rust(&validate(huge.as_str().into(), options()).unwrap());
    assert_eq!(codes_at(&report, ""), ["IN004"]);
    let delta = v.set("purposeAndContent".into(), long.clone()).unwrap();
    added_at(&delta, "purposeAndContent", "IN008");
    let delta = v.set("resources[0].description".into(), long).unwrap();
    added_at(&delta, "resources[0].description", "IN008");
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_ten_thousand_resource_rows() {
    let mut v = live();
    let row =
        json!({ "name": "市场主体登记信息", "sharing": "无条件共享", "updateFrequency": "每天" });
    let rows = |n: usize| js(Value::Array(vec![row.clone(); n]));
    let report = with("resources", &rows(10_000));
    let d = diagnostic_at(&report, "resources");
    assert_eq!(d["code"], "IN009");
    assert_eq!(d["params"]["max"], "2000");
    let delta = v.set("resources".into(), rows(10_000)).unwrap();
    added_at(&delta, "resources", "IN009");
    // At the limit the rows are read; one more row by a live edit is refused, located.
    let delta = v.set("resources".into(), rows(2_000)).unwrap();
    assert!(removed(&delta, "IN009"));
    let delta = v.set("resources[2000]".into(), js(row.clone())).unwrap();
    added_at(&delta, "resources", "IN009");
    let delta = v.set("resources[2000]".into(), JsValue::NULL).unwrap();
    assert!(removed(&delta, "IN009"));
    still_works(&mut v);
}

/// An object nested `depth` levels deep under `key`, innermost `{}`.
fn nested(depth: usize, key: &str) -> JsValue {
    let mut value: JsValue = Object::new().into();
    for _ in 1..depth {
        let outer = Object::new();
        set(&outer, key, &value);
        value = outer.into();
    }
    value
}

#[wasm_bindgen_test]
fn hostile_deep_nesting_and_cycles() {
    let mut v = live();
    // 127 levels in all are read (serde_json's limit for JSON text); the value is then simply of
    // the wrong type for its field.
    let report = with("funding", &nested(126, "thisYear"));
    assert_eq!(codes_at(&report, "funding.thisYear.thisYear"), ["IN005"]);
    // Deeper is refused before anything recurses further, located; so is a cycle.
    for (value, what) in [
        (nested(127, "a"), "127 + the application"),
        (nested(100_000, "a"), "100,000"),
    ] {
        let app = fixture();
        set(&app, "funding", &value);
        let error = validate(app, options()).unwrap_err();
        let message = error_message(&error);
        assert!(error.is_instance_of::<js_sys::TypeError>(), "{what}");
        assert!(
            message.starts_with("application.funding.a.a.a"),
            "{what}: {message}"
        );
        assert!(
            message.contains("nested deeper than 127 levels"),
            "{message}"
        );
    }
    let cyclic = fixture();
    set(&cyclic, "self", &cyclic);
    let error = validate(cyclic.clone(), options()).unwrap_err();
    assert!(error_message(&error).starts_with("application.self.self.self"));
    let list = js_sys::Array::new();
    list.push(&list);
    let error = v.set("documents".into(), list.into()).unwrap_err();
    assert!(error_message(&error).starts_with("documents[0][0][0]"));
    let error = v.replace(cyclic).unwrap_err();
    assert!(error.is_instance_of::<js_sys::TypeError>());
    // JSON text is limited the same way by serde_json: a located syntax diagnostic.
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let report = rust(&validate(text.clone().into(), options()).unwrap());
    let root = diagnostic_at(&report, "");
    assert!(root["params"]["got"]
        .as_str()
        .unwrap()
        .starts_with("invalid JSON (line 1, column 128)"));
    added_at(&v.replace(text.into()).unwrap(), "", "IN004");
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_proto_and_constructor_keys() {
    let mut v = live();
    // As live paths: unknown fields, nothing else.
    for path in ["__proto__", "constructor", "prototype"] {
        let delta = v.set(path.into(), js(json!({ "polluted": true }))).unwrap();
        added_at(&delta, path, "IN005");
    }
    // JSON.parse makes "__proto__" an own key: an unknown field, not a prototype.
    let text = FIXTURE.replacen(
        '{',
        r#"{"__proto__": {"totalInvestment": "999"}, "constructor": {"prototype": {"x": 1}},"#,
        1,
    );
    let app = JSON::parse(&text).unwrap();
    let report = rust(&validate(app.clone(), options()).unwrap());
    assert_eq!(codes_at(&report, "__proto__"), ["IN005"]);
    assert_eq!(codes_at(&report, "constructor"), ["IN005"]);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["outcomes"]["merge"]["value"]["mode"], "merge");
    v.replace(app).unwrap();
    assert_eq!(rust(&v.report().unwrap()), report);
    // Inherited values are not read: only own keys count.
    let prototype: Object = JSON::parse(FIXTURE).unwrap().unchecked_into();
    let inherited: Object = Object::create(&prototype);
    let report = rust(&validate(inherited.into(), options()).unwrap());
    assert_eq!(codes_at(&report, "totalInvestment"), ["FM001"]);
    // In a table row.
    let rows =
        JSON::parse(r#"[{"__proto__": {"sharing": "x"}, "name": "n", "sharing": "无条件共享"}]"#)
            .unwrap();
    let delta = v.set("resources".into(), rows).unwrap();
    added_at(&delta, "resources[0].__proto__", "IN005");
    let delta = v
        .set("resources[0].constructor".into(), "x".into())
        .unwrap();
    added_at(&delta, "resources[0].constructor", "IN005");
    // Nothing was polluted.
    for key in ["polluted", "totalInvestment", "sharing", "x"] {
        assert!(Reflect::get(&Object::new(), &key.into())
            .unwrap()
            .is_undefined());
    }
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_lone_surrogates() {
    let mut v = live();
    let lone = |text: &str, unit: u16| -> JsValue {
        js_sys::JsString::from(text)
            .concat(&js_sys::JsString::from_char_code(&[unit]))
            .into()
    };
    // Strings arrive with each lone surrogate replaced by U+FFFD.
    let report = with("name", &lone("项目", 0xD800));
    assert!(codes_at(&report, "name").is_empty());
    let d = diagnostic_at(
        &with("totalInvestment", &lone("３００", 0xDC00)),
        "totalInvestment",
    );
    assert_eq!(d["code"], "IN001");
    assert_eq!(d["params"]["input"], "３００\u{FFFD}");
    let app = fixture();
    Reflect::set(&app, &lone("x", 0xD83D), &"y".into()).unwrap();
    let report = rust(&validate(app, options()).unwrap());
    assert_eq!(codes_at(&report, "x\u{FFFD}"), ["IN005"]);
    // JSON text holding a lone surrogate as a character reads the same way; as an escape it is
    // not Unicode, and the text is refused at the root with its position.
    let text = js_sys::JsString::from(r#"{"name": "x"#)
        .concat(&js_sys::JsString::from_char_code(&[0xD800]))
        .concat(&r#""}"#.into());
    let report = rust(&validate(text.into(), options()).unwrap());
    assert!(codes_at(&report, "name").is_empty());
    assert!(codes_at(&report, "").is_empty());
    let report = rust(&validate(r#"{"name": "\ud800"}"#.into(), options()).unwrap());
    assert!(diagnostic_at(&report, "")["params"]["got"]
        .as_str()
        .unwrap()
        .starts_with("invalid JSON (line 1"));
    let delta = v.set(lone("totalInvestment", 0xD800), "1".into()).unwrap();
    added_at(&delta, "totalInvestment\u{FFFD}", "IN005");
    let delta = v.set("totalInvestment".into(), lone("", 0xDFFF)).unwrap();
    added_at(&delta, "totalInvestment", "IN001");
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_full_width_digits_are_read_as_digits() {
    let mut v = live();
    let plain = |pairs: &[(&str, &str)]| {
        let app = fixture();
        for (key, value) in pairs {
            set(&app, key, &(*value).into());
        }
        rust(&validate(app, options()).unwrap())
    };
    let full = plain(&[
        ("totalInvestment", "３００"),
        ("annualFunding", "２６８．５万元"),
        ("year", "２０２６"),
        ("startMonth", "２０２６－０３"),
    ]);
    let ascii = plain(&[
        ("totalInvestment", "300"),
        ("annualFunding", "268.5"),
        ("year", "2026"),
        ("startMonth", "2026-03"),
    ]);
    assert_eq!(full["outcomes"], ascii["outcomes"]);
    assert_eq!(full["summary"], ascii["summary"]);
    assert_eq!(full["outcomes"]["merge"]["value"]["mode"], "merge");
    let over = plain(&[("totalInvestment", "３００．０００１")]);
    assert_eq!(over["outcomes"]["merge"]["value"]["mode"], "separate");
    let delta = rust(
        &v.set("totalInvestment".into(), "３００．０００１".into())
            .unwrap(),
    );
    assert_eq!(delta["outcomes"]["merge"]["value"]["mode"], "separate");
    let delta = rust(&v.set("totalInvestment".into(), "３００".into()).unwrap());
    assert_eq!(delta["outcomes"]["merge"]["value"]["mode"], "merge");
    still_works(&mut v);
}

#[wasm_bindgen_test]
fn hostile_chinese_numerals_are_refused_with_the_reason() {
    let mut v = live();
    let d = diagnostic_at(
        &with("totalInvestment", &"三百万".into()),
        "totalInvestment",
    );
    assert_eq!(d["code"], "IN001");
    assert_eq!(d["params"]["reason"], "chineseNumerals");
    assert!(d["message"].as_str().unwrap().contains("阿拉伯数字"));
    assert_eq!(
        codes_at(&with("mlpsLevel", &"二".into()), "mlpsLevel"),
        ["IN007"]
    );
    assert_eq!(
        codes_at(&with("year", &"二〇二六".into()), "year"),
        ["IN007"]
    );
    let delta = v
        .set("funding.thisYear.total".into(), "贰佰陆拾捌万伍仟".into())
        .unwrap();
    let d = added_at(&delta, "funding.thisYear.total", "IN001");
    assert_eq!(d["params"]["reason"], "chineseNumerals");
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
