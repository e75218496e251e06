//! The application as the rules read it, written back in canonical form: what a form library
//! hands to the portal's back end once the form is valid. Each field is written from the parsed
//! model ([`Application`]), so that what is stored is exactly what was checked:
//!
//! - amounts as canonical decimal strings of 万元 (「３００ 万元」 → `"300"`, `"12.3400"` → `"12.34"`);
//! - text trimmed (a blank one is `""`); a blank answer to any other field is `null`;
//! - dates as `YYYY-MM-DD`, months as `YYYY-MM`, full-width digits folded;
//! - yes/no answers as booleans (「是」 → `true`), whole numbers as numbers (「２」 → `2`);
//! - a group of checkboxes as an array of what is ticked: `false` or `null` (none ticked) is `[]`,
//!   one string is a list of one (or, for answers in the form's own words, split at 、，, and ；);
//! - the tables' text cells trimmed; a table given as `false` or `null` is `[]`.
//!
//! Everything else keeps the shape it was given: a value the rules refused (which a valid form
//! does not have, unless its schema names only some fields) and keys the rules do not know are
//! left as they are, so nothing typed is lost.

use serde_json::{Map, Value as Json};

use crate::model::{Application, FieldSpec, Kind, Value, FIELDS};

/// `application` with every field the rules read in canonical form; see the module's doc.
pub fn normalise(application: &Json) -> Json {
    let Json::Object(_) = application else {
        return application.clone();
    };
    let mut ignored = Vec::new();
    let app = Application::from_json(application, &mut ignored);
    let mut out = application.clone();
    for spec in FIELDS {
        if let Some(slot) = lookup_mut(&mut out, spec.path) {
            *slot = scalar(spec, app.get(spec.field), slot);
        }
    }
    if let Json::Object(map) = &mut out {
        if let Some(documents) = map.get_mut("documents") {
            *documents = table(documents, document);
        }
        if let Some(resources) = map.get_mut("resources") {
            *resources = table(resources, |row| match row {
                Json::Object(cells) => Json::Object(trim_cells(cells)),
                other => other.clone(),
            });
        }
    }
    out
}

/// The value at a dotted path, through objects only.
fn lookup_mut<'a>(json: &'a mut Json, path: &str) -> Option<&'a mut Json> {
    path.split('.')
        .try_fold(json, |node, key| node.as_object_mut()?.get_mut(key))
}

/// A field in canonical form: from the model where it read a value, else as given (trimmed).
fn scalar(spec: &FieldSpec, value: Option<&Value>, given: &Json) -> Json {
    match value {
        Some(value) => canonical(value),
        None => match (spec.kind, given) {
            (Kind::Choices(_) | Kind::Texts, Json::Null | Json::Bool(false)) => {
                Json::Array(Vec::new())
            }
            (Kind::Text, Json::String(text)) => Json::String(text.trim().to_string()),
            // A blank answer to a field that is not text is no answer.
            (_, Json::String(text)) if text.trim().is_empty() => Json::Null,
            (_, Json::String(text)) => Json::String(text.trim().to_string()),
            _ => given.clone(),
        },
    }
}

fn canonical(value: &Value) -> Json {
    let strings =
        |items: &mut dyn Iterator<Item = String>| Json::Array(items.map(Json::String).collect());
    match value {
        Value::Text(text) => Json::String(text.trim().to_string()),
        Value::Money(amount) => Json::String(crate::money::format(amount)),
        Value::Date(date) => Json::String(crate::calendar::iso(*date)),
        Value::YearMonth(year, month) => Json::String(format!("{year:04}-{month:02}")),
        Value::Bool(flag) => Json::Bool(*flag),
        Value::Count(count) => Json::from(*count),
        Value::Choice(key) => Json::String((*key).to_string()),
        Value::Choices(keys) => strings(&mut keys.iter().map(|k| (*k).to_string())),
        Value::Texts(items) => strings(&mut items.iter().cloned()),
    }
}

/// A table: `false` and `null` (nothing ticked, nothing entered) are no rows; each row by `row`.
fn table(rows: &Json, row: impl Fn(&Json) -> Json) -> Json {
    match rows {
        Json::Null | Json::Bool(false) => Json::Array(Vec::new()),
        Json::Array(items) => Json::Array(items.iter().map(row).collect()),
        other => other.clone(),
    }
}

/// A row of `documents`: a kind (trimmed), or an object whose text and chapters are trimmed.
fn document(row: &Json) -> Json {
    match row {
        Json::String(kind) => Json::String(kind.trim().to_string()),
        Json::Object(cells) => {
            let mut cells = trim_cells(cells);
            if let Some(Json::Array(chapters)) = cells.get_mut("chapters") {
                for chapter in chapters.iter_mut() {
                    if let Json::String(text) = chapter {
                        *text = text.trim().to_string();
                    }
                }
            }
            Json::Object(cells)
        }
        other => other.clone(),
    }
}

fn trim_cells(cells: &Map<String, Json>) -> Map<String, Json> {
    crate::sorted::gathered(cells.iter().map(|(key, value)| {
        let value = match value {
            Json::String(text) => Json::String(text.trim().to_string()),
            other => other.clone(),
        };
        (key.clone(), value)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn amounts_become_canonical_decimal_strings() {
        let out = normalise(&json!({
            "totalInvestment": "３００ 万元",
            "annualFunding": 268.50,
            "funding": { "thisYear": { "total": " 12.3400 ", "fiscal": "0012" }, "priorYears": null },
        }));
        assert_eq!(out["totalInvestment"], "300");
        assert_eq!(out["annualFunding"], "268.5");
        assert_eq!(out["funding"]["thisYear"]["total"], "12.34");
        assert_eq!(out["funding"]["thisYear"]["fiscal"], "12");
        assert_eq!(out["funding"]["priorYears"], Json::Null);
    }

    #[test]
    fn text_is_trimmed_and_answers_take_their_canonical_form() {
        let out = normalise(&json!({
            "name": "  智慧平台 ",
            "site": "   ",
            "approvedBudget": " ",
            "year": "２０２６",
            "mlpsLevel": " 3",
            "classified": "否",
            "urgent": "是",
            "startMonth": "2026-3",
            "dates": { "approval": "２０２６-０３-０１" },
            "unitKind": " township ",
        }));
        assert_eq!(out["name"], "智慧平台");
        assert_eq!(out["site"], "");
        assert_eq!(out["approvedBudget"], Json::Null);
        assert_eq!(out["year"], 2026);
        assert_eq!(out["mlpsLevel"], 3);
        assert_eq!(out["classified"], false);
        assert_eq!(out["urgent"], true);
        assert_eq!(out["startMonth"], "2026-03");
        assert_eq!(out["dates"]["approval"], "2026-03-01");
        assert_eq!(out["unitKind"], "township");
    }

    #[test]
    fn checkbox_groups_and_tables_are_arrays() {
        let out = normalise(&json!({
            "mandatedBy": false,
            "networkType": "电子政务外网、 互联网",
            "documents": null,
            "resources": false,
        }));
        assert_eq!(out["mandatedBy"], json!([]));
        assert_eq!(out["networkType"], json!(["电子政务外网", "互联网"]));
        assert_eq!(out["documents"], json!([]));
        assert_eq!(out["resources"], json!([]));
        let one = normalise(&json!({ "mandatedBy": "provincial", "networkType": null }));
        assert_eq!(one["mandatedBy"], json!(["provincial"]));
        assert_eq!(one["networkType"], json!([]));
    }

    #[test]
    fn table_cells_are_trimmed_and_rows_keep_their_place() {
        let out = normalise(&json!({
            "documents": [" proposal ", { "kind": "feasibilityStudy ", "chapters": [" cryptoPlan"], "title": " 报告 " }, ""],
            "resources": [{ "name": " 登记信息 ", "sharing": "无条件共享", "note": " 备注 " }, 7],
        }));
        assert_eq!(
            out["documents"],
            json!(["proposal", { "kind": "feasibilityStudy", "chapters": ["cryptoPlan"], "title": "报告" }, ""])
        );
        assert_eq!(
            out["resources"],
            json!([{ "name": "登记信息", "sharing": "无条件共享", "note": "备注" }, 7])
        );
    }

    #[test]
    fn what_the_rules_refuse_or_do_not_know_is_kept_as_given() {
        let out = normalise(&json!({
            "totalInvestment": " 三百万 ",
            "kind": 5,
            "unknownKey": { "a": " b " },
            "funding": "x",
        }));
        assert_eq!(out["totalInvestment"], "三百万");
        assert_eq!(out["kind"], 5);
        assert_eq!(out["unknownKey"], json!({ "a": " b " }));
        assert_eq!(out["funding"], "x");
        assert_eq!(normalise(&json!([1])), json!([1]));
    }

    #[test]
    fn the_fixture_is_unchanged_but_for_its_canonical_forms() {
        let text = include_str!("../tests/fixtures/tongzhou-declaration.json");
        let fixture: Json = serde_json::from_str(text).unwrap_or(Json::Null);
        assert_eq!(normalise(&fixture), fixture);
    }
}
