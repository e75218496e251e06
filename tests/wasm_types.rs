//! Keeps the npm package's TypeScript types (js/index.d.ts) in step with the core: the application
//! interface and the code union are generated from the field and code tables, and every key a
//! report, a delta or a catalogue can contain must be declared. `UPDATE_TYPES=1 cargo test --test
//! wasm_types` rewrites the generated blocks.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::fmt::Write;

use gov_it_rules::catalogue;
use gov_it_rules::codes::CODES;
use gov_it_rules::live::LiveValidator;
use gov_it_rules::messages::Locale;
use gov_it_rules::model::fields::{self, Kind, DOCUMENT_KEYS, RESOURCE_KEYS};
use gov_it_rules::model::FIELDS;
use gov_it_rules::{builtin, Options, BUILTIN_PROFILES};
use serde_json::{json, Value};

const DTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/js/index.d.ts");

const CHOICE_LISTS: &[(&str, &[&str])] = &[
    ("ProjectKind", fields::PROJECT_KINDS),
    ("UnitKind", fields::UNIT_KINDS),
    ("Level", fields::LEVELS),
    ("Stage", fields::STAGES),
    ("AdjustmentReason", fields::ADJUSTMENT_REASONS),
];

fn list_name(keys: &[&str]) -> &'static str {
    CHOICE_LISTS
        .iter()
        .find(|(_, list)| *list == keys)
        .map(|(name, _)| *name)
        .unwrap_or_else(|| panic!("name the choice list {keys:?} in CHOICE_LISTS"))
}

fn ts_type(kind: Kind) -> String {
    match kind {
        Kind::Text => "string".into(),
        Kind::Money => "Amount".into(),
        Kind::Date => "DateString".into(),
        Kind::YearMonth => "YearMonthString".into(),
        // A blank string is not filled in (src/model/mod.rs, read_scalar), as a form's empty
        // select or unanswered radio group gives it; the other kinds' types already take ''.
        Kind::Bool => "Flag | ''".into(),
        Kind::Count(..) => "Whole".into(),
        Kind::Choice(keys) => format!("{} | ''", list_name(keys)),
        Kind::Choices(keys) => format!("{0}[] | {0} | ''", list_name(keys)),
        Kind::Texts => "string[] | string".into(),
    }
}

/// A group of the field tree: scalar fields and nested groups, in form order.
#[derive(Default)]
struct Group {
    entries: Vec<(String, Entry)>,
}

enum Entry {
    Field(&'static fields::FieldSpec),
    Group(Group),
}

impl Group {
    fn insert(&mut self, parts: &[&str], spec: &'static fields::FieldSpec) {
        match parts {
            [leaf] => self.entries.push((leaf.to_string(), Entry::Field(spec))),
            [head, rest @ ..] => {
                let existing = self.entries.iter_mut().find(|(k, _)| k == head);
                if let Some((_, Entry::Group(g))) = existing {
                    g.insert(rest, spec);
                } else {
                    let mut g = Group::default();
                    g.insert(rest, spec);
                    self.entries.push((head.to_string(), Entry::Group(g)));
                }
            }
            [] => {}
        }
    }

    fn emit(&self, out: &mut String, indent: usize) {
        let pad = " ".repeat(indent);
        for (key, entry) in &self.entries {
            match entry {
                Entry::Field(spec) => {
                    let _ = writeln!(out, "{pad}/** {} — {}. */", spec.zh, spec.en);
                    let _ = writeln!(out, "{pad}{key}?: {} | null;", ts_type(spec.kind));
                }
                Entry::Group(g) => {
                    let _ = writeln!(out, "{pad}{key}?: {{");
                    g.emit(out, indent + 2);
                    let _ = writeln!(out, "{pad}}} | null;");
                }
            }
        }
    }
}

fn application_block() -> String {
    let mut tree = Group::default();
    for spec in FIELDS {
        let parts: Vec<&str> = spec.path.split('.').collect();
        tree.insert(&parts, spec);
    }
    let mut out = String::new();
    for (name, keys) in CHOICE_LISTS {
        let union: Vec<String> = keys.iter().map(|k| format!("'{k}'")).collect();
        let _ = writeln!(out, "export type {name} = {};", union.join(" | "));
    }
    out.push_str(
        "\n/**\n * An application (申报表 and the facts the rules turn on). Every field is optional: a form is\n * validated as it is filled in. `null` or an empty string means not filled in.\n */\n",
    );
    out.push_str("export interface Application {\n");
    tree.emit(&mut out, 2);
    out.push_str("  /** 材料清单 — documents on file: a kind (e.g. `proposal`) or an object. */\n");
    out.push_str("  documents?: Array<string | DocumentOnFile> | null;\n");
    out.push_str("  /** 信息资源表 — information-resource table. */\n");
    out.push_str("  resources?: ResourceRow[] | null;\n}\n\n");
    out.push_str("export interface DocumentOnFile {\n");
    for key in DOCUMENT_KEYS {
        let ty = match *key {
            "kind" => "string",
            "chapters" => "string[]",
            _ => "string | null",
        };
        let optional = if *key == "kind" { "" } else { "?" };
        let _ = writeln!(out, "  {key}{optional}: {ty};");
    }
    out.push_str("}\n\nexport interface ResourceRow {\n");
    for key in RESOURCE_KEYS {
        let _ = writeln!(out, "  {key}?: string | null;");
    }
    out.push_str("}\n");
    out
}

fn code_block() -> String {
    let mut out = String::from("export type Code =\n");
    for c in CODES {
        let _ = writeln!(out, "  | '{}' // {}, {:?}", c.id, c.name, c.severity);
    }
    out.push_str("  ;\n\n");
    let mut families: Vec<&str> = CODES.iter().map(|c| c.family).collect();
    families.dedup();
    let families: Vec<String> = families.iter().map(|f| format!("'{f}'")).collect();
    let _ = writeln!(out, "export type CodeFamily = {};", families.join(" | "));
    out
}

fn replace_block(text: &str, name: &str, body: &str) -> String {
    let begin = format!("// BEGIN GENERATED {name}");
    let end = format!("// END GENERATED {name}");
    let start = text
        .find(&begin)
        .unwrap_or_else(|| panic!("{begin} marker missing"));
    let line_end = start + text[start..].find('\n').unwrap() + 1;
    let stop = text
        .find(&end)
        .unwrap_or_else(|| panic!("{end} marker missing"));
    format!("{}{}{}", &text[..line_end], body, &text[stop..])
}

#[test]
fn generated_blocks_are_current() {
    let text = std::fs::read_to_string(DTS).unwrap();
    let fresh = replace_block(&text, "application", &application_block());
    let fresh = replace_block(&fresh, "codes", &code_block());
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(DTS, &fresh).unwrap();
    } else {
        assert!(
            fresh == text,
            "js/index.d.ts is stale: run UPDATE_TYPES=1 cargo test --test wasm_types"
        );
    }
}

/// `init({ jurisdictions })` names the regulations whose profiles the package ships (built from
/// `BUILTIN_PROFILES`); the wrapper's table of profile files (one literal URL each, for bundlers)
/// and the type must name the same ones.
#[test]
fn shipped_jurisdictions_are_the_built_in_ones() {
    let js = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/js/index.js")).unwrap();
    let listed = js.matches(".govit', import.meta.url)").count();
    assert_eq!(
        listed,
        BUILTIN_PROFILES.len(),
        "js/index.js: one profile URL per regulation"
    );
    for (id, _) in BUILTIN_PROFILES {
        assert!(
            js.contains(&format!("  {id}: () =>"))
                && js.contains(&format!(
                    "new URL('./profiles/{id}.govit', import.meta.url)"
                )),
            "js/index.js: PROFILES must list {id} with its literal URL"
        );
    }
    let ids: Vec<String> = BUILTIN_PROFILES
        .iter()
        .map(|(id, _)| format!("'{id}'"))
        .collect();
    let dts = std::fs::read_to_string(DTS).unwrap();
    assert!(
        dts.contains(&format!(
            "export type ShippedJurisdiction = {};",
            ids.join(" | ")
        )),
        "js/index.d.ts: ShippedJurisdiction must be {ids:?}"
    );
}

#[test]
fn the_public_surface_has_no_any() {
    let text = std::fs::read_to_string(DTS).unwrap();
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('*') || trimmed.starts_with("/*") {
            continue;
        }
        let code = line.split("//").next().unwrap_or_default();
        let words = code.split(|c: char| !c.is_ascii_alphanumeric() && c != '_');
        assert!(
            !words.into_iter().any(|w| w == "any"),
            "js/index.d.ts:{}: `any` on the public surface: {line}",
            n + 1
        );
    }
}

/// Every object key a value can contain, except inside the free-form maps.
fn keys(value: &Value, into: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                into.insert(k.clone());
                if !matches!(k.as_str(), "params" | "documentNames" | "documents") {
                    keys(v, into);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, into)),
        _ => {}
    }
}

#[test]
fn every_key_of_a_report_delta_and_catalogue_is_declared() {
    let text = std::fs::read_to_string(DTS).unwrap();
    let declared = |key: &str| {
        text.contains(&format!(" {key}: "))
            || text.contains(&format!(" {key}?: "))
            || text.contains(&format!(" readonly {key}: "))
    };
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/tongzhou-declaration.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let options = Options {
        jurisdiction: "tongzhou".into(),
        as_of: Some("2025-06-01".parse().unwrap()),
        ..Options::default()
    };
    let mut seen = BTreeSet::new();
    let mut v = LiveValidator::new(builtin(), options.clone());
    keys(
        &serde_json::to_value(v.replace(&fixture)).unwrap(),
        &mut seen,
    );
    for (path, value) in [
        ("totalInvestment", json!("300")),
        ("approvedBudget", json!("400")),
        ("adjustment", json!({"amount": "70", "reason": "other"})),
        ("dates.completion", json!("2025-01-01")),
        ("documents[0]", Value::Null),
        ("stage", json!("acceptance")),
    ] {
        keys(
            &serde_json::to_value(v.set(path, &value).unwrap()).unwrap(),
            &mut seen,
        );
    }
    keys(&serde_json::to_value(v.report()).unwrap(), &mut seen);
    let as_of = options.as_of.unwrap();
    keys(
        &serde_json::to_value(catalogue::jurisdictions(builtin(), as_of, Locale::ZhCn)).unwrap(),
        &mut seen,
    );
    keys(
        &serde_json::to_value(catalogue::rules(builtin(), None, as_of, Locale::ZhCn).unwrap())
            .unwrap(),
        &mut seen,
    );
    let missing: Vec<&String> = seen.iter().filter(|k| !declared(k)).collect();
    assert!(
        missing.is_empty(),
        "keys missing from js/index.d.ts: {missing:?}"
    );
}
