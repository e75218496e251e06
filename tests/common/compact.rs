//! A compact answer (src/json_text.rs, "Compact answers") put back as the package's wrapper
//! (js/index.js) puts it back, for the tests that compare it with the answer written out in full.
//! Shared by tests/json_text.rs and the wasm suites.

use gov_it_rules::codes::{Code, Sent};
use serde_json::{json, Value};

/// The fields whose value a compact answer writes as the number of a fixed text.
pub const FIXED_TEXTS: [&str; 5] = ["explanation", "why", "description", "label", "name"];

/// A report's outcomes that are lists, not verdicts.
const LISTS: [&str; 2] = ["requiredDocuments", "windows"];

/// The keys whose value a compact answer sends by number where the profile fixes it whole: a
/// verdict's value, and a report's jurisdiction and document names.
pub const SHARED_PARTS: [&str; 3] = ["value", "jurisdiction", "documentNames"];

/// Replaces in `value` each number that stands for an entry of `table` by the entry: a trace's,
/// nearest threshold's or diagnostic's fixed part (its array, or number, made the object it
/// stands for, the entry merged into it), a determined verdict's `[value, because]`, the fixed
/// texts around a nearest threshold's distance or a diagnostic's value in its message, the number
/// of a fixed text or of an outcome's value, and each number in a `citations` list. Objects
/// compare without their keys' order here; the package's tests compare that too.
pub fn expand(value: &mut Value, table: &[Value]) {
    match value {
        Value::Object(map) => {
            // A delta (a report has `asOf`) leaves out its lists with nothing in them.
            if map.contains_key("summary") && !map.contains_key("asOf") {
                for (key, lists) in [
                    ("diagnostics", ["added", "removed"]),
                    ("notices", ["added", "removed"]),
                    ("requiredDocuments", ["changed", "removed"]),
                    ("windows", ["changed", "removed"]),
                    ("nearest", ["changed", "removed"]),
                ] {
                    map.entry(key)
                        .or_insert_with(|| json!({ lists[0]: [], lists[1]: [] }));
                }
            }
            // A report's or delta's counts by severity: `[errors, warnings, infos]`.
            if let Some(Value::Array(counts)) = map.get("summary") {
                let (errors, warnings, infos) = (&counts[0], &counts[1], &counts[2]);
                let complete = errors.as_u64() == Some(0);
                let summary = json!({
                    "errors": errors, "warnings": warnings, "infos": infos, "complete": complete
                });
                map.insert("summary".into(), summary);
            }
            for (key, item) in map.iter_mut() {
                objects_of_numbered(key, item);
            }
            // A determined verdict whose value is numbered: `[value, because]`.
            if let Some(Value::Object(outcomes)) = map.get_mut("outcomes") {
                for (name, outcome) in outcomes.iter_mut() {
                    if let (false, Value::Array(parts)) =
                        (LISTS.contains(&name.as_str()), &*outcome)
                    {
                        let (value, because) = (parts[0].clone(), parts[1].clone());
                        *outcome =
                            json!({ "status": "determined", "value": value, "because": because });
                    }
                }
            }
            if let Some(n) = map.get("fixed").and_then(Value::as_u64) {
                let Value::Object(fixed) = table[n as usize].clone() else {
                    panic!("entry {n} is not an entry's fixed part");
                };
                map.remove("fixed");
                map.extend(fixed);
            }
            // A diagnostic sent but for one value: its parameter `null` in the entry.
            let typed = match map.get("value") {
                Some(Value::String(value)) if map.contains_key("code") => Some(value.clone()),
                _ => None,
            };
            if let Some(value) = &typed {
                map.remove("value");
                let params = map["params"].as_object_mut().unwrap();
                let blank = params.values_mut().filter(|v| v.is_null());
                assert_eq!(blank.map(|v| *v = json!(value)).count(), 1, "{params:?}");
            }
            // The fixed texts around a nearest threshold's distance or a diagnostic's value in its
            // message, or one.
            let text = |n: &Value| {
                table[n.as_u64().unwrap() as usize]
                    .as_str()
                    .unwrap()
                    .to_string()
            };
            let piece = |v: &Value| v.as_str().map_or_else(|| text(v), str::to_string);
            let value = typed.as_ref().or(match map.get("distance") {
                Some(Value::String(distance)) => Some(distance),
                _ => None,
            });
            let message = match (map.get("message"), value) {
                (Some(Value::Array(pair)), Some(value)) => {
                    Some(format!("{}{value}{}", piece(&pair[0]), piece(&pair[1])))
                }
                (Some(n @ Value::Number(_)), Some(_)) => Some(text(n)),
                _ => None,
            };
            if let Some(message) = message {
                map.insert("message".into(), Value::String(message));
            }
            for (key, item) in map.iter_mut() {
                // A number is an entry where text is: a verdict's value, a report's jurisdiction
                // and its document names are objects.
                if FIXED_TEXTS.contains(&key.as_str()) || SHARED_PARTS.contains(&key.as_str()) {
                    if let Some(n) = item.as_u64() {
                        *item = table[n as usize].clone();
                    }
                } else if key == "facts" {
                    // A fact: the fixed texts around the value the form gives, or one.
                    for fact in item.as_array_mut().unwrap() {
                        let whole = match &*fact {
                            Value::Number(_) => text(fact),
                            Value::Array(parts) => {
                                let value = parts[1].as_str().unwrap();
                                format!("{}{value}{}", piece(&parts[0]), piece(&parts[2]))
                            }
                            _ => continue,
                        };
                        *fact = Value::String(whole);
                    }
                } else if key == "citations" {
                    for c in item.as_array_mut().unwrap() {
                        if let Some(n) = c.as_u64() {
                            *c = table
                                .get(n as usize)
                                .unwrap_or_else(|| panic!("no citation {n}"))
                                .clone();
                        }
                    }
                } else {
                    expand(item, table);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| expand(item, table)),
        _ => {}
    }
}

/// Each numbered entry of the list at `key` (a report's, or a delta's sides of it) as an object
/// with its entry's number at `fixed`: a trace `[n, facts]`, a nearest threshold
/// `[n, amount, distance, message]`, a diagnostic or notice `n` or `[n, value]`.
fn objects_of_numbered(key: &str, list: &mut Value) {
    let names: &[&str] = match key {
        "because" => &["fixed", "facts"],
        "nearest" => &["fixed", "amount", "distance", "message"],
        "diagnostics" | "notices" => &["fixed", "value"],
        _ => return,
    };
    let items: Vec<&mut Value> = match list {
        Value::Array(items) => items.iter_mut().collect(),
        Value::Object(sides) => sides
            .values_mut()
            .filter_map(Value::as_array_mut)
            .flatten()
            .collect(),
        _ => return,
    };
    for item in items {
        let parts = match &*item {
            Value::Number(n) => vec![Value::Number(n.clone())],
            Value::Array(parts) => parts.clone(),
            // Written out, or a removed nearest threshold's key.
            _ => continue,
        };
        *item = Value::Object(names.iter().map(|n| n.to_string()).zip(parts).collect());
    }
}

/// Whether every trace and nearest threshold of a compact report or delta (the answer without
/// its epoch) has its fixed part by number, every verdict's value but the budget adjustment's
/// (the form's ratio) is a number, and so are the fixed texts of their facts, and every
/// diagnostic and notice is numbered as its code says.
pub fn fixed_parts_numbered(answer: &Value) -> bool {
    // The verdicts, each an object or a numbered `[value, because]` (a report's outcomes also
    // hold its required documents and windows).
    let verdicts = answer["outcomes"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(name, _)| !LISTS.contains(&name.as_str()));
    let part = |outcome: &'_ Value, key: &str, at: usize| match outcome {
        Value::Array(numbered) => numbered.get(at).cloned(),
        written => written.get(key).cloned(),
    };
    let outcomes: Vec<(&String, Option<Value>, Option<Value>)> = verdicts
        .map(|(name, o)| (name, part(o, "value", 0), part(o, "because", 1)))
        .collect();
    // The budget adjustment's fact holds two amounts and a ratio from the form: written out.
    let facts_numbered = outcomes
        .iter()
        .filter(|(name, _, _)| *name != "adjustment")
        .filter_map(|(_, _, because)| because.as_ref())
        .flat_map(|steps| steps.as_array().unwrap())
        .flat_map(|step| {
            step.get("facts")
                .or(step.get(1))
                .unwrap()
                .as_array()
                .unwrap()
        })
        .all(|fact| !fact.is_string());
    let values_numbered = outcomes
        .iter()
        .filter(|(name, _, _)| *name != "adjustment")
        .filter_map(|(_, value, _)| value.as_ref())
        .all(Value::is_u64);
    let traces = outcomes
        .iter()
        .filter_map(|(_, _, because)| because.as_ref())
        .flat_map(|steps| steps.as_array().unwrap());
    let none = Vec::new();
    let nearest = match &answer["nearest"] {
        Value::Array(list) => list,
        Value::Null => &none,
        delta => delta["changed"].as_array().unwrap(),
    };
    let diagnostics = ["diagnostics", "notices"]
        .into_iter()
        .flat_map(|key| match &answer[key] {
            Value::Array(list) => list.iter().collect::<Vec<_>>(),
            Value::Null => Vec::new(),
            delta => ["added", "removed"]
                .into_iter()
                .flat_map(|side| delta[side].as_array().unwrap())
                .collect(),
        })
        .collect::<Vec<_>>();
    // A report's parts that depend on the profile and the locale alone (a delta has neither).
    let report_parts_numbered = SHARED_PARTS
        .iter()
        .filter(|key| **key != "value")
        .all(|key| {
            answer
                .get(key)
                .is_none_or(|part| part.is_u64() || part.is_null())
        });
    values_numbered
        && report_parts_numbered
        && facts_numbered
        && traces.chain(nearest).all(Value::is_array)
        && nearest.iter().all(|entry| !entry["message"].is_string())
        && diagnostics.into_iter().all(written_out_as_its_code_says)
}

/// Whether a diagnostic is numbered, or written out because its code's row says so
/// ([`Sent::Text`]) or because the value it would be sent apart from is not in its message.
fn written_out_as_its_code_says(diagnostic: &Value) -> bool {
    let Some(code) = diagnostic.get("code").and_then(Value::as_str) else {
        return diagnostic.is_u64() || diagnostic.is_array();
    };
    match Code::by_id(code).unwrap().spec().sent {
        Sent::Number => false,
        Sent::Around(name) => match diagnostic["params"][name].as_str() {
            Some(value) => !diagnostic["message"].as_str().unwrap().contains(value),
            None => false,
        },
        Sent::Text => true,
    }
}
