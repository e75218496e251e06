//! `json_text::to_vec` writes exactly what `serde_json::to_vec` writes: for every kind of value
//! serde has, for any string, and for the reports and deltas the package sends.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use gov_it_rules::json_text::to_vec;
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

#[test]
fn reports_and_deltas_of_every_fixture() {
    for j in JURISDICTIONS {
        let text = std::fs::read_to_string(format!("fixtures/{j}-declaration.json")).unwrap();
        for locale in ["zh-CN", "en"] {
            let options = Options::from_json(
                &json!({ "jurisdiction": j, "asOf": "2026-06-01", "locale": locale }),
            )
            .unwrap();
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
}

proptest! {
    #[test]
    fn any_string(text in any::<String>()) {
        same(&text);
        same(&json!({ text.clone(): [text] }));
    }
}
