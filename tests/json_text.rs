//! `json_text::to_vec` writes exactly what `serde_json::to_vec` writes: for every kind of value
//! serde has, for any string, and for the reports and deltas the package sends.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "common/compact.rs"]
mod compact;

use std::collections::BTreeMap;

use gov_it_rules::json_text::{to_vec, to_vec_citing, CitationTable};
use gov_it_rules::live::LiveValidator;
use gov_it_rules::{builtin, Options};
use proptest::prelude::*;
use serde::Serialize;
use serde_json::{json, Number, Value};

const JURISDICTIONS: &[&str] = &["tongzhou", "shexian", "tinghu", "jiangjin", "xiangcheng"];

fn same<T: Serialize + ?Sized>(value: &T) {
    assert_eq!(
        String::from_utf8(to_vec(value).unwrap()).unwrap(),
        serde_json::to_string(value).unwrap()
    );
}

#[derive(Serialize)]
enum Variants {
    Unit,
    Newtype(u8),
    Tuple(i32, &'static str),
    Struct { a: Option<bool>, b: () },
}

#[derive(Serialize)]
struct Tuple(u8, char);

#[derive(Serialize)]
struct Unit;

#[test]
fn every_serde_kind() {
    same(&(
        true,
        false,
        -1i8,
        -2i16,
        -3i32,
        i64::MIN,
        i128::MIN,
        u8::MAX,
        u16::MAX,
    ));
    same(&(
        u32::MAX,
        u64::MAX,
        u128::MAX,
        1.5f32,
        -0.0f64,
        1e300f64,
        f64::NAN,
        'é',
        '"',
    ));
    same(&[
        Variants::Unit,
        Variants::Newtype(7),
        Variants::Tuple(-1, "x"),
    ]);
    same(&Variants::Struct {
        a: Some(true),
        b: (),
    });
    same(&(Tuple(1, '\n'), Unit, (), None::<u8>, Some("s")));
    same(&[0u8, 127, 255]);
    let mut integer_keys = BTreeMap::new();
    integer_keys.insert(-3, "a");
    integer_keys.insert(7, "b");
    same(&integer_keys);
    let mut bool_keys = BTreeMap::new();
    bool_keys.insert(true, 1);
    same(&bool_keys);
    same(&json!({ "": [], "a\"b": {}, "n": Number::from_string_unchecked("300.0001".into()) }));
    same(&json!([
        Value::Number("1e400".parse().unwrap()),
        Value::Number("-0.0".parse().unwrap())
    ]));
}

#[test]
fn every_control_and_special_byte_at_every_position_of_a_word() {
    let specials: Vec<char> = (0u8..0x20)
        .map(char::from)
        .chain(['"', '\\', '\u{7f}', 'é', '中', '\u{2028}', '\u{1F600}'])
        .collect();
    for special in specials {
        for len in 0..20 {
            for at in 0..=len {
                let text: String = (0..len)
                    .map(|i| if i == at { special } else { 'a' })
                    .collect();
                same(&text);
            }
        }
    }
}

/// Each jurisdiction's fixture as JSON text, with options for it in each locale:
/// (jurisdiction, locale, text, options).
fn every_fixture_in_each_locale() -> Vec<(&'static str, &'static str, String, Options)> {
    let mut all = Vec::new();
    for &j in JURISDICTIONS {
        let text = std::fs::read_to_string(format!("tests/fixtures/{j}-declaration.json")).unwrap();
        for locale in ["zh-CN", "en"] {
            let options = Options::from_json(
                &json!({ "jurisdiction": j, "asOf": "2026-06-01", "locale": locale }),
            )
            .unwrap();
            all.push((j, locale, text.clone(), options));
        }
    }
    all
}

#[test]
fn reports_and_deltas_of_every_fixture() {
    for (_, _, text, options) in every_fixture_in_each_locale() {
        same(&builtin().validate_str(&text, &options));
        let mut live = LiveValidator::new(builtin(), options);
        same(&live.replace_text(&text));
        for value in ["3", "300", "300.", "三百", "", "5000"] {
            same(&live.set("totalInvestment", &Value::from(value)).unwrap());
        }
        same(
            &live
                .set("resources[0]", &json!({ "name": "表\n\"x\"" }))
                .unwrap(),
        );
        same(live.report());
    }
}

proptest! {
    #[test]
    fn any_string(text in any::<String>()) {
        same(&text);
        same(&json!({ text.clone(): [text] }));
    }
}

/// The table's entries, as JSON.
fn entries(table: &CitationTable) -> Vec<Value> {
    (0..table.len())
        .map(|n| serde_json::from_slice(table.get(n).unwrap()).unwrap())
        .collect()
}

/// Written compactly and expanded again, `value` is its full text (key order is the package's
/// test's to check), and no citation, fixed text or fixed part is left written out.
fn same_compact<T: Serialize + ?Sized>(value: &T, table: &mut CitationTable) -> usize {
    let compact = to_vec_citing(value, table).unwrap();
    let mut answer: Value = serde_json::from_slice(&compact).unwrap();
    let full: Value = serde_json::from_slice(&to_vec(value).unwrap()).unwrap();
    assert!(
        compact::fixed_parts_numbered(&answer[1]),
        "a fixed part written out: {answer}"
    );
    compact::expand(&mut answer, &entries(table));
    assert_eq!(answer, json!([table.epoch(), full]));
    let text = String::from_utf8(compact).unwrap();
    assert!(
        !text.contains("\"citations\":[{"),
        "a citation written out: {text}"
    );
    // (A diagnostic's `params` may hold a `why` of its own, a string.)
    for key in compact::FIXED_TEXTS.iter().filter(|k| **k != "why") {
        assert!(
            !text.contains(&format!("\"{key}\":\"")) || text.contains(&format!("\"{key}\":\"\"")),
            "a fixed text written out: {text}"
        );
    }
    text.len()
}

#[test]
fn compact_reports_and_deltas_name_each_citation_by_number() {
    let mut table = CitationTable::default();
    for (j, locale, text, options) in every_fixture_in_each_locale() {
        let report = builtin().validate_str(&text, &options);
        let full = to_vec(&report).unwrap().len();
        let compact = same_compact(&report, &mut table);
        assert!(
            compact * 10 < full * 9,
            "{j} {locale}: {compact} of {full} bytes"
        );
        let mut live = LiveValidator::new(builtin(), options);
        same_compact(&live.replace_text(&text), &mut table);
        for value in ["3", "300", "300.", "三百", "", "5000", "300.01"] {
            same_compact(
                &live.set("totalInvestment", &Value::from(value)).unwrap(),
                &mut table,
            );
        }
        for (path, value) in [
            ("documents", json!([])),
            ("stage", json!("acceptance")),
            ("resources[0]", json!({ "name": "表\n\"x\"" })),
        ] {
            same_compact(&live.set(path, &value).unwrap(), &mut table);
        }
        same_compact(live.report(), &mut table);
    }
    // Numbered once each: the table holds no text twice.
    let texts: std::collections::BTreeSet<&[u8]> =
        (0..table.len()).map(|n| table.get(n).unwrap()).collect();
    assert_eq!(texts.len(), table.len());
    assert_eq!(table.epoch(), 0);
}

/// Values typed into the amount: of each kind, one side of each threshold, on one, and invalid in
/// each way. Then the same kinds again, each value another: the table must not grow, since what
/// is typed goes as text, never into the table.
#[test]
fn typing_values_of_kinds_seen_before_numbers_nothing_new() {
    let first = [
        "3",
        "60",
        "300",
        "300.",
        "300.01",
        "三百",
        "1e400",
        "300.00001",
        "5000",
        "60000",
        "3000000",
        "",
    ];
    let again = [
        "4",
        "61",
        "300",
        "301.",
        "300.02",
        "四百",
        "2e400",
        "300.00002",
        "6000",
        "70000",
        "4000000",
        "",
    ];
    for (j, locale, text, options) in every_fixture_in_each_locale() {
        let mut table = CitationTable::default();
        let mut live = LiveValidator::new(builtin(), options);
        same_compact(&live.replace_text(&text), &mut table);
        for value in first {
            same_compact(
                &live.set("totalInvestment", &Value::from(value)).unwrap(),
                &mut table,
            );
        }
        let seen = table.len();
        for value in again {
            same_compact(
                &live.set("totalInvestment", &Value::from(value)).unwrap(),
                &mut table,
            );
        }
        assert_eq!(table.len(), seen, "{j} {locale}");
    }
}

/// A back office validates each application as of its own day: before a regulation took effect
/// (JU002), past the yearly deadline (TW004). Each day is sent as text, not numbered.
#[test]
fn each_application_s_own_as_of_date_numbers_nothing_new() {
    let text = std::fs::read_to_string("tests/fixtures/tongzhou-declaration.json").unwrap();
    let mut table = CitationTable::default();
    let compact = |as_of: &str, table: &mut CitationTable| {
        let options =
            Options::from_json(&json!({ "jurisdiction": "tongzhou", "asOf": as_of })).unwrap();
        let report = builtin().validate_str(&text, &options);
        same_compact(&report, table);
        report
            .diagnostics
            .iter()
            .chain(&report.notices)
            .map(|d| d.code.to_string())
            .collect::<Vec<_>>()
    };
    // 通州's regulation took effect in 2023: a day in 2020 is JU002's.
    assert!(compact("2020-03-01", &mut table)
        .iter()
        .any(|c| c == "JU002"));
    assert!(compact("2026-12-20", &mut table)
        .iter()
        .any(|c| c == "TW004"));
    let seen = table.len();
    for day in ["2020-03-02", "2020-03-03", "2026-12-21", "2026-12-22"] {
        compact(day, &mut table);
    }
    assert_eq!(table.len(), seen);
}

#[test]
fn a_citation_keeps_its_number_until_the_table_is_cleared() {
    let options =
        Options::from_json(&json!({ "jurisdiction": "tongzhou", "asOf": "2026-06-01" })).unwrap();
    let text = std::fs::read_to_string("tests/fixtures/tongzhou-declaration.json").unwrap();
    let report = builtin().validate_str(&text, &options);
    let mut table = CitationTable::default();
    let first = to_vec_citing(&report, &mut table).unwrap();
    let numbered = table.len();
    assert!(numbered >= 5, "{numbered}");
    assert_eq!(to_vec_citing(&report, &mut table).unwrap(), first);
    assert_eq!(table.len(), numbered);
    // The report's jurisdiction, the first part it names, is entry 0, and its document names an
    // entry too; its first verdict's value is an entry, whose trace's fixed part names the
    // citations by number, and the table gives their text.
    let answer: Value = serde_json::from_slice(&first).unwrap();
    let entry = |n: &Value| -> Value {
        serde_json::from_slice(table.get(n.as_u64().unwrap() as usize).unwrap()).unwrap()
    };
    assert_eq!(answer[1]["jurisdiction"], 0);
    assert_eq!(entry(&answer[1]["jurisdiction"])["id"], "tongzhou");
    assert_eq!(
        entry(&answer[1]["documentNames"])["proposal"],
        "项目建设建议书"
    );
    // A determined verdict: `[value, because]`.
    let approval = &answer[1]["outcomes"]["approval"];
    assert_eq!(entry(&approval[0])["need"], "required");
    let trace = entry(&approval[1][0][0]);
    assert_eq!(trace["rule"], "tongzhou.approval.required");
    assert_eq!(entry(&trace["citations"][0])["jurisdiction"], "tongzhou");
    let tail: Value = serde_json::from_slice(&table.to_vec_from(numbered - 1)).unwrap();
    assert_eq!(tail[0], 0);
    assert_eq!(tail[1].as_array().unwrap().len(), 1);
    assert_eq!(
        tail[1][0],
        serde_json::from_slice::<Value>(table.get(numbered - 1).unwrap()).unwrap()
    );
    assert_eq!(table.to_vec_from(numbered + 5), b"[0,[]]");

    table.clear();
    assert_eq!((table.epoch(), table.len()), (1, 0));
    assert_eq!(table.to_vec_from(0), b"[1,[]]");
    let again = to_vec_citing(&report, &mut table).unwrap();
    assert_eq!(&again[..3], b"[1,");
    assert_eq!(&again[3..], &first[3..]);
    assert_eq!(table.len(), numbered);
}

#[test]
fn without_citations_a_compact_answer_is_the_full_text() {
    let mut table = CitationTable::default();
    for value in [json!({ "citations": [] }), json!([1, "a", null]), json!({})] {
        assert_eq!(
            to_vec_citing(&value, &mut table).unwrap(),
            format!("[0,{value}]").into_bytes()
        );
    }
    assert!(table.is_empty());
}

#[test]
fn a_key_is_quoted_or_refused_as_serde_json_quotes_or_refuses_it() {
    struct FloatKey(f64);
    impl Serialize for FloatKey {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = serializer.serialize_map(Some(1))?;
            map.serialize_entry(&self.0, &1)?;
            map.end()
        }
    }
    same(&FloatKey(1.5));
    same(&FloatKey(-2.0));
    let mut options = BTreeMap::new();
    options.insert(Some(3u8), "three");
    same(&options);
    options.insert(None, "none");
    assert!(to_vec(&options).is_err());
    assert!(serde_json::to_string(&options).is_err());
}
