//! The fuzz targets' bodies and seeds, shared by cargo-fuzz (`fuzz_targets/`) and by the bounded
//! pass that runs on every test run (`tests/fuzz_pass.rs` includes this file as a module), so
//! both exercise exactly the same code.
//!
//! Each target fails (panics) only where the core panicked or broke one of the invariants
//! checked here; bad input itself is never a failure.

use gov_it_rules::live::LiveValidator;
use gov_it_rules::model::fields::{DOCUMENT_KEYS, RESOURCE_KEYS};
use gov_it_rules::model::FIELDS;
use gov_it_rules::profile::compact;
use gov_it_rules::{builtin, Options, Report, BUILTIN_PROFILES};
use serde_json::{json, Value as Json};

/// At most this many edits are applied per `live_set` input, so one input stays cheap.
pub const MAX_EDITS: usize = 64;

/// Separates the application from the edits in a `live_set` input.
pub const APPLICATION_END: &str = "\n---\n";

/// The fixtures, by jurisdiction: the seeds, and the good application each `live_set` run ends on.
pub const FIXTURES: &[(&str, &str)] = &[
    (
        "tongzhou",
        include_str!("../../tests/fixtures/tongzhou-declaration.json"),
    ),
    (
        "shexian",
        include_str!("../../tests/fixtures/shexian-declaration.json"),
    ),
    (
        "tinghu",
        include_str!("../../tests/fixtures/tinghu-declaration.json"),
    ),
    (
        "jiangjin",
        include_str!("../../tests/fixtures/jiangjin-declaration.json"),
    ),
    (
        "xiangcheng",
        include_str!("../../tests/fixtures/xiangcheng-declaration.json"),
    ),
];

/// Target `validate`: the input as application JSON text (lossy UTF-8), validated against every
/// built-in regulation and an unknown one, each with options picked from a hash of the input.
/// Checks that each report serialises and that its summary counts its diagnostics.
pub fn validate(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let pick = hash(data);
    let ids = BUILTIN_PROFILES
        .iter()
        .map(|(id, _)| *id)
        .chain(["atlantis"]);
    for (i, id) in ids.enumerate() {
        let options = options(id, pick.wrapping_add(i as u64));
        let report = builtin().validate_str(&text, &options);
        check(&report);
    }
}

/// Target `live_set`: the input as a script for one live validator (lossy UTF-8). An optional
/// application (JSON text) comes first, ended by a line `---`; then one edit per line,
/// `path<TAB>json`. A path `#n` is entry n of [`paths`] (modulo its length); a value that is not
/// JSON is set as a string; a line without a tab sets `null`. The jurisdiction and options are
/// picked from a hash of the input. After the edits the same validator is given its
/// jurisdiction's fixture, and its report must equal a fresh validation of that fixture.
pub fn live_set(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let pick = hash(data);
    let (id, good) = FIXTURES
        .get((pick % FIXTURES.len() as u64) as usize)
        .copied()
        .unwrap_or(("tongzhou", "{}"));
    let options = options(id, pick / FIXTURES.len() as u64);
    let mut validator = LiveValidator::new(builtin(), options.clone());
    let edits = match text.split_once(APPLICATION_END) {
        Some((application, edits)) => {
            let delta = validator.replace_text(application);
            serialises(&delta);
            edits
        }
        None => &*text,
    };
    let table = paths();
    for line in edits.lines().take(MAX_EDITS) {
        let (path, value) = match line.split_once('\t') {
            Some((path, value)) => (
                path,
                serde_json::from_str(value).unwrap_or_else(|_| Json::String(value.to_string())),
            ),
            None => (line, Json::Null),
        };
        let path = match path.strip_prefix('#').and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if !table.is_empty() => table.get(n % table.len()).cloned().unwrap_or_default(),
            _ => path.to_string(),
        };
        // An `Err` is a row index past the end of a table: misuse, reported, not a failure.
        if let Ok(delta) = validator.set(&path, &value) {
            serialises(&delta);
        }
    }
    check(validator.report());
    validator.replace_text(good);
    let fresh = builtin().validate_str(good, &options);
    assert!(
        validator.report() == &fresh,
        "after the edits, the validator no longer validates the {id} fixture as a fresh validation does"
    );
}

/// Target `profile`: the input read as a county's profile both ways a portal can load one: as
/// JSON text (`Registry::load`, lossy UTF-8) and as compiled bytes (`compact::decode`, then
/// `Registry::load_compiled`), and as a built-in regulation's English texts kept apart
/// (`Registry::add_english`). A profile accepted any way must validate every fixture under its
/// own id (options picked from the input) with reports that serialise and count; one accepted
/// from JSON must compile, and its compiled form must load and compile to the same bytes again.
pub fn profile(data: &[u8]) {
    let pick = hash(data);
    let mut from_json = builtin().clone();
    if let Ok(loaded) = from_json.load(&String::from_utf8_lossy(data)) {
        let id = loaded.id.clone();
        let bytes = compact::encode(loaded);
        let mut again = builtin().clone();
        let reloaded = match again.load_compiled(&bytes) {
            Ok(reloaded) => compact::encode(reloaded),
            Err(errors) => panic!("a profile accepted from JSON was refused compiled: {errors:?}"),
        };
        assert!(
            reloaded == bytes,
            "the compiled profile changed when loaded and compiled again"
        );
        validate_fixtures(&from_json, &id, pick);
    }
    if let Ok(decoded) = compact::decode(data) {
        serialises(&decoded);
    }
    let mut compiled = builtin().clone();
    if let Ok(loaded) = compiled.load_compiled(data) {
        let id = loaded.id.clone();
        validate_fixtures(&compiled, &id, pick);
    }
    let mut english = builtin().clone();
    if let Ok(given) = english.add_english(data) {
        let id = given.id.clone();
        validate_fixtures(&english, &id, pick);
    }
}

/// Every fixture validated under the profile `id` of `registry`.
fn validate_fixtures(registry: &gov_it_rules::Registry, id: &str, pick: u64) {
    for (i, (_, fixture)) in FIXTURES.iter().enumerate() {
        let options = options(id, pick.wrapping_add(i as u64));
        check(&registry.validate_str(fixture, &options));
    }
}

/// The paths `live_set` picks from with `#n`: every field, every group of fields, the tables,
/// their rows and cells (including one past the end and far past it), and malformed paths.
pub fn paths() -> Vec<String> {
    let mut paths: Vec<String> = FIELDS.iter().map(|s| s.path.to_string()).collect();
    for spec in FIELDS {
        let mut prefix = String::new();
        for part in spec.path.split('.') {
            if !prefix.is_empty() {
                if !paths.contains(&prefix) {
                    paths.push(prefix.clone());
                }
                prefix.push('.');
            }
            prefix.push_str(part);
        }
    }
    paths.extend(["documents".into(), "resources".into()]);
    for row in [0, 1, 2, 3, 5, 2000, 2001] {
        paths.push(format!("documents[{row}]"));
        for key in DOCUMENT_KEYS.iter().chain(&["bogus"]) {
            paths.push(format!("documents[{row}].{key}"));
        }
        paths.push(format!("resources[{row}]"));
        for key in RESOURCE_KEYS.iter().chain(&["bogus"]) {
            paths.push(format!("resources[{row}].{key}"));
        }
    }
    paths.extend(
        [
            "",
            ".",
            "funding.",
            "funding..total",
            "funding.thisYear.total.x",
            "resources[",
            "resources[]",
            "resources[-1]",
            "resources[0]x",
            "resources[0].",
            "resources[0].a.b",
            "resources[0][1]",
            "documents[18446744073709551616]",
            "documents [0]",
            "__proto__",
            "constructor",
            "prototype",
            "toString",
        ]
        .map(String::from),
    );
    paths
}

/// Options picked by `pick`: the as-of date, stage, locale, portal parameters, holiday calendar
/// and message overrides all vary, read through the same `Options::from_json` as the package's.
pub fn options(jurisdiction: &str, pick: u64) -> Options {
    let mut digits = pick;
    let mut next = |n: u64| {
        let d = digits % n;
        digits /= n;
        d
    };
    let as_of = [
        "2018-01-01",
        "2023-02-07",
        "2023-12-01",
        "2025-06-01",
        "2031-12-31",
    ];
    let stage = [
        Json::Null,
        json!("declaration"),
        json!("approval"),
        json!("implementation"),
        json!("acceptance"),
    ];
    let mut options = json!({
        "jurisdiction": jurisdiction,
        "asOf": as_of.get(next(5) as usize).copied().unwrap_or("2025-06-01"),
        "stage": stage.get(next(5) as usize).cloned().unwrap_or(Json::Null),
        "locale": if next(2) == 0 { "zh-CN" } else { "en" },
    });
    let extra = [
        (
            "parameters",
            json!({ "decentralizedProcurementLimit": "100", "governmentProcurementLimit": 50 }),
        ),
        (
            "parameters",
            json!({ "decentralizedProcurementLimit": "0", "governmentProcurementLimit": "0.0001" }),
        ),
        (
            "holidays",
            json!(["2025-01-01", "2025-10-01", "2025-10-02", "2026-02-17"]),
        ),
        ("workdays", json!(["2025-09-28", "2026-02-14"])),
        (
            "messages",
            json!({ "IN001": "{input}{reason}{", "FM001": "{field} {nope} }{" }),
        ),
    ];
    if let (Some((key, value)), Json::Object(map)) = (extra.get(next(8) as usize), &mut options) {
        map.insert((*key).to_string(), value.clone());
    }
    Options::from_json(&options).unwrap_or_else(|_| Options::for_jurisdiction(jurisdiction))
}

/// What every report must satisfy whatever the input.
fn check(report: &Report) {
    serialises(report);
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == gov_it_rules::codes::Severity::Error)
        .count();
    assert_eq!(report.summary.errors, errors, "summary.errors");
    assert_eq!(report.summary.complete, errors == 0, "summary.complete");
}

fn serialises<T: serde::Serialize>(value: &T) {
    if let Err(e) = serde_json::to_string(value) {
        // The package turns a report into a JavaScript value the same way; one that cannot be
        // serialised would reach the page as an exception.
        panic!("a report or delta did not serialise: {e}");
    }
}

/// FNV-1a: a stable hash, so that the same input always picks the same options.
pub fn hash(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The seed corpus, as (target, file name, bytes). `fuzz/seeds/<target>/` holds exactly these
/// (tests/fuzz_pass.rs checks it and rewrites it with `-- --ignored write_seeds`).
pub fn seeds() -> Vec<(&'static str, String, Vec<u8>)> {
    let mut seeds = Vec::new();
    for (id, fixture) in FIXTURES {
        seeds.push((
            "validate",
            format!("{id}-declaration.json"),
            fixture.as_bytes().to_vec(),
        ));
        let script = format!("{fixture}{APPLICATION_END}{}", fixture_edits().join("\n"));
        seeds.push(("live_set", format!("{id}-edits.txt"), script.into_bytes()));
    }
    let deep = format!("{{\"funding\":{}1{}}}", "[".repeat(200), "]".repeat(200));
    let hostile = [
        ("hostile-values.json", HOSTILE_VALUES.to_string()),
        ("hostile-keys.json", HOSTILE_KEYS.to_string()),
        ("deep.json", deep),
        (
            "rows.json",
            format!("{{\"resources\":[{}{{}}]}}", "{},".repeat(2000)),
        ),
        (
            "not-an-object.json",
            "[null, 1e400, \"\\ud800\"]".to_string(),
        ),
    ];
    for (name, text) in hostile {
        seeds.push(("validate", name.to_string(), text.into_bytes()));
    }
    seeds.push((
        "live_set",
        "hostile-edits.txt".to_string(),
        HOSTILE_EDITS.as_bytes().to_vec(),
    ));
    seeds.extend(profile_seeds());
    seeds
}

/// The fictional county's profile, as the `profile` seeds start from it.
const EXAMPLE_PROFILE: &str = include_str!("../../tests/fixtures/profiles/example-county.json");

/// The `profile` seeds: the fictional county's profile as JSON and compiled, a built-in one
/// compiled, and hostile variants of the JSON (every count at u32::MAX, every decimal negative or
/// with five places, a condition nested 10,000 deep, a 100,000-character id).
fn profile_seeds() -> Vec<(&'static str, String, Vec<u8>)> {
    let mut seeds = vec![(
        "profile",
        "example-county.json".to_string(),
        EXAMPLE_PROFILE.as_bytes().to_vec(),
    )];
    let mut registry = builtin().clone();
    if let Ok(loaded) = registry.load(EXAMPLE_PROFILE) {
        seeds.push((
            "profile",
            "example-county.govit".to_string(),
            compact::encode(loaded),
        ));
    }
    if let Some(tongzhou) = builtin().get("tongzhou") {
        seeds.push((
            "profile",
            "tongzhou.govit".to_string(),
            compact::encode(tongzhou),
        ));
    }
    if let Some(english) = gov_it_rules::BUILTIN_ENGLISH.first() {
        seeds.push(("profile", "tongzhou.en.govit".to_string(), english.to_vec()));
    }
    if let Ok(json) = serde_json::from_str::<Json>(EXAMPLE_PROFILE) {
        let variants: [(&str, Rewrite); 3] = [
            ("example-county-max-counts.json", |j| {
                rewrite(j, &mut |v| v.is_u64().then(|| json!(u32::MAX)))
            }),
            ("example-county-negative.json", |j| {
                rewrite(j, &mut |v| {
                    let text = v.as_str()?;
                    let number = text.parse::<f64>().ok()?;
                    text.contains('.').then(|| json!(format!("-{number}")))
                })
            }),
            ("example-county-long-id.json", |j| {
                if let Some(map) = j.as_object_mut() {
                    map.insert("id".into(), json!("c".repeat(100_000)));
                }
            }),
        ];
        for (name, change) in variants {
            let mut variant = json.clone();
            change(&mut variant);
            seeds.push((
                "profile",
                name.to_string(),
                variant.to_string().into_bytes(),
            ));
        }
    }
    let deep = format!(
        "{{\"id\":\"deep\",\"versions\":[{{\"outcomes\":{{\"approval\":[{{\"when\":{}true{}}}]}}}}]}}",
        "{\"not\":".repeat(10_000),
        "}".repeat(10_000)
    );
    seeds.push((
        "profile",
        "deep-condition.json".to_string(),
        deep.into_bytes(),
    ));
    seeds
}

/// A change made to a profile's JSON to make a hostile seed of it.
type Rewrite = fn(&mut Json);

/// Replaces every value for which `change` gives a replacement, depth first.
fn rewrite(json: &mut Json, change: &mut dyn FnMut(&Json) -> Option<Json>) {
    if let Some(new) = change(json) {
        *json = new;
        return;
    }
    match json {
        Json::Object(map) => map.values_mut().for_each(|v| rewrite(v, change)),
        Json::Array(items) => items.iter_mut().for_each(|v| rewrite(v, change)),
        _ => {}
    }
}

/// Edits appended to each fixture in the `live_set` seeds: boundaries, bad values, table rows.
fn fixture_edits() -> Vec<&'static str> {
    vec![
        "totalInvestment\t\"300\"",
        "totalInvestment\t\"300.0001\"",
        "totalInvestment\t\"三百万\"",
        "totalInvestment\t\"３００\"",
        "funding.thisYear\t{\"total\": \"100\", \"fiscal\": \"100\"}",
        "stage\t\"approval\"",
        "dates.approval\t\"2025-02-29\"",
        "dates.contractSigned\t\"2025-03-01\"",
        "resources[0].sharing\t\"有条件共享\"",
        "resources[1]",
        "documents[0]",
        "documents[1].chapters\t[\"budgetDetail\", 7]",
        "#3\t\"1e400\"",
        "mlpsLevel\t\"６\"",
    ]
}

const HOSTILE_VALUES: &str = r#"{
  "year": "２０２６",
  "totalInvestment": 1e400,
  "annualFunding": -0,
  "approvedBudget": 9007199254740993,
  "funding": { "thisYear": { "total": "三百万", "fiscal": "12.34567", "selfRaised": "1,000" }, "priorYears": [] },
  "mlpsLevel": 1.5,
  "startMonth": "2026-13",
  "plannedCompletionMonth": "２０２６－１２",
  "dates": { "approval": "2023-02-29", "goLive": 20250101 },
  "name": "\ud800 lone surrogate",
  "mandatedBy": ["provincial", "galactic", 3],
  "stage": "acceptance",
  "documents": ["proposal", { "kind": "feasibilityStudy", "chapters": [1, null] }, [], { "title": 5 }],
  "resources": [{ "name": ["x"], "sharing": "maybe" }, null, "row"]
}"#;

const HOSTILE_KEYS: &str = r#"{
  "__proto__": { "totalInvestment": "10" },
  "constructor": { "prototype": 1 },
  "$serde_json::private::Number": "300",
  "totalInvestment": { "$serde_json::private::Number": "300" },
  "funding": { "__proto__": "x", "thisYear": null },
  "": "",
  "resources": [{ "__proto__": "x", "constructor": "y" }]
}"#;

const HOSTILE_EDITS: &str = "#0\t\"２０２６\"
totalInvestment\t1e400
totalInvestment\t-0
totalInvestment\t9007199254740993
resources[2001]\t{}
resources[0]\t{\"sharing\": \"不予共享\"}
resources[1].reason\t\"x\"
resources[0]
resources[0]
documents\t\"proposal\"
documents[0].kind\t\"proposal\"
funding\t[]
funding.thisYear\t{\"__proto__\": 1}
__proto__\t{}
\t
resources[
#200\tnull
";
