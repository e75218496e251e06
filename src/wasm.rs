//! The npm package's exports: thin glue between JavaScript values and the core. The hand-written
//! wrapper in `js/` adds initialisation, the Standard Schema interface and the TypeScript types.
//!
//! Values cross as plain JavaScript data: an application is an object (or JSON text), a report is
//! an object whose maps are plain objects. Invalid application values are the core's business and
//! come back as diagnostics; misuse by the integrating program (an unknown option, options that
//! are not an object, a row index past the end of a table) throws a `TypeError`/`RangeError` whose
//! message says what to change.

use std::sync::Once;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::live::{self, LiveValidator};
use crate::{builtin, Options};

/// Validates a whole application (an object, or JSON text) and returns the report.
#[wasm_bindgen]
pub fn validate(application: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    install_panic_hook();
    let options = validation_options(options)?;
    let report = match application.as_string() {
        Some(text) => builtin().validate_str(&text, &options),
        None => builtin().validate_value(&from_js(application, "application")?, &options),
    };
    to_js(&report)
}

/// A validator for live forms: holds one application and takes one edit at a time.
#[wasm_bindgen]
pub struct Validator {
    inner: LiveValidator<'static>,
}

#[wasm_bindgen]
impl Validator {
    /// A validator configured by `options`, holding `application` (`undefined`: an empty one).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue, application: JsValue) -> Result<Validator, JsValue> {
        install_panic_hook();
        let mut inner = LiveValidator::new(builtin(), validation_options(options)?);
        if !application.is_undefined() && !application.is_null() {
            replace(&mut inner, application)?;
        }
        Ok(Validator { inner })
    }

    /// Sets one value by path and returns what changed.
    pub fn set(&mut self, path: JsValue, value: JsValue) -> Result<JsValue, JsValue> {
        let path = path.as_string().ok_or_else(|| {
            type_error(
                "validator.set(path, value): path must be a string such as \
                 \"funding.thisYear.total\" or \"resources[0].sharing\"",
            )
        })?;
        let value = from_js(value, &path)?;
        let delta = self
            .inner
            .set(&path, &value)
            .map_err(|m| JsValue::from(js_sys::RangeError::new(&m)))?;
        to_js(&delta)
    }

    /// Replaces the whole application and returns what changed.
    pub fn replace(&mut self, application: JsValue) -> Result<JsValue, JsValue> {
        let delta = replace(&mut self.inner, application)?;
        to_js(&delta)
    }

    /// The report on the application as it stands.
    pub fn report(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.report())
    }
}

fn replace(inner: &mut LiveValidator, application: JsValue) -> Result<live::Delta, JsValue> {
    Ok(match application.as_string() {
        Some(text) => inner.replace_text(&text),
        None => inner.replace(&from_js(application, "application")?),
    })
}

/// The jurisdictions, described by the regulation in force on `asOf` (default today).
#[wasm_bindgen]
pub fn jurisdictions(options: JsValue) -> Result<JsValue, JsValue> {
    install_panic_hook();
    let options = listing_options(options)?;
    to_js(&live::jurisdictions(
        builtin(),
        options.as_of.unwrap_or_else(today),
        options.locale,
    ))
}

/// The rule catalogue: codes with severity and template, provisions with citations.
#[wasm_bindgen]
pub fn rules(options: JsValue) -> Result<JsValue, JsValue> {
    install_panic_hook();
    let options = listing_options(options)?;
    let jurisdiction = Some(options.jurisdiction.as_str()).filter(|j| !j.is_empty());
    let catalogue = live::rules(
        builtin(),
        jurisdiction,
        options.as_of.unwrap_or_else(today),
        options.locale,
    )
    .map_err(|m| JsValue::from(js_sys::RangeError::new(&m)))?;
    to_js(&catalogue)
}

/// Options for a validation: `jurisdiction` is required, `asOf` defaults to today's local date.
fn validation_options(options: JsValue) -> Result<Options, JsValue> {
    let json = from_js(options, "options")?;
    if json.is_object() && json.get("jurisdiction").is_none() {
        let known: Vec<&str> = builtin().profiles().iter().map(|p| p.id.as_str()).collect();
        return Err(type_error(&format!(
            "options.jurisdiction is required, e.g. {{\"jurisdiction\": \"tongzhou\"}}; known: {}",
            known.join(", ")
        )));
    }
    let mut options = Options::from_json(&json).map_err(|m| type_error(&m))?;
    options.as_of = options.as_of.or_else(|| Some(today()));
    Ok(options)
}

/// Options for a listing, which may be left out.
fn listing_options(options: JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    Options::from_json(&from_js(options, "options")?).map_err(|m| type_error(&m))
}

/// Any JavaScript value as JSON: `undefined`, `NaN` and infinities become `null` (not filled in),
/// which the core then treats as it treats `null`.
fn from_js(value: JsValue, what: &str) -> Result<Json, JsValue> {
    if value.is_undefined() {
        return Ok(Json::Null);
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        type_error(&format!(
            "{what}: {e}; pass plain data (objects, arrays, strings, numbers, booleans, null)"
        ))
    })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&format!("gov-it-rules: {e}"))))
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// Today in the user's time zone; the core has no clock on wasm.
fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    i32::try_from(now.get_full_year())
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, now.get_month() + 1, now.get_date()))
        .unwrap_or_default()
}

/// A panic (none should be reachable) becomes a thrown `Error` with its message instead of an
/// opaque `unreachable` trap.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            wasm_bindgen::throw_str(&format!("gov-it-rules: internal error: {info}"))
        }))
    });
}
