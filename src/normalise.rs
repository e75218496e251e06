//! The application as the rules read it, written back in canonical form: what a form library
//! hands to the portal's back end once the form is valid. Each field is written from the parsed
//! model ([`Application`]), so that what is stored is exactly what was checked:
//!
//! - amounts as canonical decimal strings of 万元 (「３００ 万元」 → `"300"`, `"12.3400"` → `"12.34"`);
//! - text trimmed (a blank one is `""`); a blank answer to any other field is `null`;
//! - dates as `YYYY-MM-DD`, months as `YYYY-MM`, full-width digits folded;
//! - yes/no answers as booleans (「是」 → `true`), whole numbers as numbers (「２」 → `2`);
//! - a group of checkboxes as an array of what is ticked: `false` (none ticked) is `[]`, one string
//!   is a list of one (or, for answers in the form's own words, split at 、，, and ；); `null` stays
//!   `null`, not answered, which some verdicts wait for (`[]` answers 「无」);
//! - the tables' text cells trimmed; a table given as `false` or `null` is `[]`.
//!
//! Everything else keeps the shape it was given: a value the rules refused (which a valid form
//! does not have, unless its schema names only some fields) and keys the rules do not know are
//! left as they are, so nothing typed is lost.

use std::borrow::Cow;

use serde_json::Value as Json;

use crate::model::{Application, FieldSpec, Input, Kind, Value, FIELDS};

/// `application` with every field the rules read in canonical form; see the module's doc.
pub fn normalise(application: &Json) -> Json {
    normalise_input(&Input::from_json(application)).to_json()
}

/// [`normalise`] of an application as read from JSON text.
pub fn normalise_input(application: &Input) -> Input<'static> {
    let mut out = application.clone().into_owned();
    if !matches!(application, Input::Object(_)) {
        return out;
    }
    let app = Application::read(application, &mut Vec::new());
    for spec in FIELDS {
        if let Some(slot) = lookup_mut(&mut out, spec.path) {
            *slot = scalar(spec, app.get(spec.field), slot);
        }
    }
    if let Some(documents) = lookup_mut(&mut out, "documents") {
        *documents = table(documents, document);
    }
    if let Some(resources) = lookup_mut(&mut out, "resources") {
        *resources = table(resources, |row| match row {
            Input::Object(cells) => Input::Object(trim_cells(cells)),
            other => other.clone(),
        });
    }
    out
}

/// The value at a dotted path, through objects only.
fn lookup_mut<'a>(input: &'a mut Input<'static>, path: &str) -> Option<&'a mut Input<'static>> {
    path.split('.')
        .try_fold(input, |node, key| node.get_mut(key))
}

fn text(text: impl Into<String>) -> Input<'static> {
    Input::String(Cow::Owned(text.into()))
}

/// A field in canonical form: from the model where it read a value, else as given (trimmed).
fn scalar(spec: &FieldSpec, value: Option<&Value>, given: &Input<'static>) -> Input<'static> {
    match value {
        Some(value) => canonical(value),
        None => match (spec.kind, given) {
            (Kind::Choices(_) | Kind::Texts, Input::Bool(false)) => Input::Array(Vec::new()),
            (Kind::Text, Input::String(given)) => text(given.trim()),
            // A blank answer to a field that is not text is no answer.
            (_, Input::String(given)) if given.trim().is_empty() => Input::Null,
            (_, Input::String(given)) => text(given.trim()),
            _ => given.clone(),
        },
    }
}

fn canonical(value: &Value) -> Input<'static> {
    let strings = |items: &mut dyn Iterator<Item = String>| Input::Array(items.map(text).collect());
    match value {
        Value::Text(given) => text(given.trim()),
        Value::Money(amount) => text(crate::money::format(amount)),
        Value::Date(date) => text(crate::calendar::iso(*date)),
        Value::YearMonth(year, month) => text(format!("{year:04}-{month:02}")),
        Value::Bool(flag) => Input::Bool(*flag),
        Value::Count(count) => Input::Number(Cow::Owned(count.to_string())),
        Value::Choice(key) => text(*key),
        Value::Choices { chosen: keys, .. } => strings(&mut keys.iter().map(|k| (*k).to_string())),
        Value::Texts(items) => strings(&mut items.iter().cloned()),
    }
}

/// A table: `false` and `null` (nothing ticked, nothing entered) are no rows; each row by `row`.
fn table(rows: &Input<'static>, row: impl Fn(&Input<'static>) -> Input<'static>) -> Input<'static> {
    match rows {
        Input::Null | Input::Bool(false) => Input::Array(Vec::new()),
        Input::Array(items) => Input::Array(items.iter().map(row).collect()),
        other => other.clone(),
    }
}

/// A row of `documents`: a kind (trimmed), or an object whose text and chapters are trimmed.
fn document(row: &Input<'static>) -> Input<'static> {
    match row {
        Input::String(kind) => text(kind.trim()),
        Input::Object(cells) => {
            let mut cells = trim_cells(cells);
            if let Some((_, Input::Array(chapters))) =
                cells.iter_mut().find(|(key, _)| key == "chapters")
            {
                for chapter in chapters.iter_mut() {
                    if let Input::String(given) = chapter {
                        *chapter = text(given.trim());
                    }
                }
            }
            Input::Object(cells)
        }
        other => other.clone(),
    }
}

type Members = Vec<(Cow<'static, str>, Input<'static>)>;

fn trim_cells(cells: &Members) -> Members {
    cells
        .iter()
        .map(|(key, value)| {
            let value = match value {
                Input::String(given) => text(given.trim()),
                other => other.clone(),
            };
            (key.clone(), value)
        })
        .collect()
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
        assert_eq!(one["networkType"], Json::Null);
    }

    /// `null` is not answered and `[]` answers 「无」: 通州's merge verdict over 300 万元 waits for
    /// the first and is decided by the second, so the canonical form keeps them apart.
    #[test]
    fn an_unanswered_checkbox_group_stays_unanswered() {
        let options = crate::Options::for_jurisdiction("tongzhou");
        for given in [json!(null), json!(false), json!([]), json!("provincial")] {
            let application = json!({ "totalInvestment": "300.01", "mandatedBy": given });
            let stored = normalise(&application);
            let merge = |a: &Json| {
                let report = crate::builtin().validate_value(a, &options);
                serde_json::to_value(&report.outcomes.merge).unwrap_or_default()
            };
            assert_eq!(merge(&stored), merge(&application), "{given}");
        }
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
