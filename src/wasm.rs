//! The npm package's exports: thin glue between JavaScript values and the core. The hand-written
//! wrapper in `js/` adds initialisation, the Standard Schema interface and the TypeScript types.
//!
//! Values cross as plain JavaScript data: an application is an object (or JSON text), a report is
//! an object whose maps are plain objects. Invalid application values are the core's business and
//! come back as diagnostics; misuse by the integrating program (an unknown option, options that
//! are not an object, a row index past the end of a table) throws a `TypeError`/`RangeError` whose
//! message says what to change.

use std::cell::Cell;
use std::cell::RefCell;
use std::sync::Once;

use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::live::{self, LiveValidator};
use crate::profile::ProfileError;
use crate::{builtin, Options, Registry};

thread_local! {
    /// The profiles validations use: the built-in ones and any a portal loaded. A load swaps in a
    /// new registry; validators created before it keep the one they were created with, so the
    /// previous registry is kept alive (loads are rare: once per page for a county's own profile).
    static REGISTRY: Cell<&'static Registry> = Cell::new(builtin());
}

fn registry() -> &'static Registry {
    REGISTRY.with(Cell::get)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadResult {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    errors: Vec<ProfileError>,
}

/// Loads a jurisdiction profile (JSON text or an object) so that validations can name its id. A
/// bad profile is rejected whole: `{ ok: false, errors: [{ path, message }] }`, each error located
/// by its JSON path in the profile. A profile with the id of one already loaded replaces it.
#[wasm_bindgen(js_name = loadProfile)]
pub fn load_profile(profile: JsValue) -> Result<JsValue, JsValue> {
    install_panic_hook();
    let text = match profile.as_string() {
        Some(text) => text,
        None if profile.is_object() => js_sys::JSON::stringify(&profile)
            .map(String::from)
            .map_err(|_| {
                type_error("loadProfile(profile): the profile object cannot be turned into JSON")
            })?,
        None => {
            return Err(type_error(
                "loadProfile(profile): profile must be JSON text or an object",
            ))
        }
    };
    let mut next = registry().clone();
    let result = match next.load(&text) {
        Ok(p) => LoadResult {
            ok: true,
            id: Some(p.id.clone()),
            errors: Vec::new(),
        },
        Err(errors) => LoadResult {
            ok: false,
            id: None,
            errors,
        },
    };
    if result.ok {
        let leaked: &'static Registry = Box::leak(Box::new(next));
        REGISTRY.with(|r| r.set(leaked));
    }
    to_js(&result)
}

/// Validates a whole application (an object, or JSON text) and returns the report.
#[wasm_bindgen]
pub fn validate(application: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    install_panic_hook();
    let options = validation_options(options)?;
    let report = match application.as_string() {
        Some(text) => registry().validate_str(&text, &options),
        None => registry().validate_value(&from_js(application, "application")?, &options),
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
        let mut inner = LiveValidator::new(registry(), validation_options(options)?);
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
        let value = from_js(value, &clip(&path))?;
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

fn replace<'v>(
    inner: &'v mut LiveValidator<'static>,
    application: JsValue,
) -> Result<live::Delta<'v>, JsValue> {
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
        registry(),
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
        registry(),
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
        let known: Vec<&str> = registry()
            .profiles()
            .iter()
            .map(|p| p.id.as_str())
            .collect();
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

/// Objects and arrays nested deeper than this are refused with a `TypeError` naming where,
/// before anything recurses further: serde_json refuses JSON text nested this deep the same way
/// (its recursion limit), and an application is at most four levels deep.
pub const MAX_DEPTH: usize = 127;

/// Any JavaScript value as JSON, read with a depth limit so that deep nesting or a cycle cannot
/// overflow the stack. `undefined` and `NaN` become `null` (not filled in, as an empty
/// `<input type="number">` gives `NaN`); `Infinity` becomes the number `1e400` (what typing
/// `1e400` gives), which the core refuses with a located error; `-0` is `0`; numbers beyond 2^53
/// keep the digits JavaScript holds, which no field accepts. Strings arrive with lone surrogates
/// replaced by U+FFFD. What cannot be read throws a `TypeError` located at the bad value, e.g.
/// `application.resources[3].name`.
fn from_js(value: JsValue, what: &str) -> Result<Json, JsValue> {
    if value.is_undefined() {
        return Ok(Json::Null);
    }
    let trail = RefCell::new(Vec::new());
    let reader = Reader {
        depth: 0,
        trail: &trail,
    };
    reader
        .deserialize(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(|e| {
            let mut at = what.to_string();
            for step in trail.borrow().iter().rev() {
                match step {
                    Step::Key(key) => {
                        at.push('.');
                        at.push_str(&clip(key));
                    }
                    Step::Index(i) => at.push_str(&format!("[{i}]")),
                }
            }
            type_error(&format!(
                "{at}: {e}; pass plain data (objects, arrays, strings, numbers, booleans, null)"
            ))
        })
}

/// Where a value that could not be read sits: recorded innermost first, on the way out.
enum Step {
    Key(String),
    Index(usize),
}

/// Reads a JavaScript value into JSON with a depth limit (serde_json's own `Value` reader would
/// recurse without one).
#[derive(Clone, Copy)]
struct Reader<'t> {
    depth: usize,
    trail: &'t RefCell<Vec<Step>>,
}

impl Reader<'_> {
    fn nested<E: de::Error>(self) -> Result<Self, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(Reader {
            depth: self.depth + 1,
            trail: self.trail,
        })
    }
}

impl<'de> DeserializeSeed<'de> for Reader<'_> {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Reader<'_> {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("plain data")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        if v.is_nan() {
            return Ok(Json::Null);
        }
        if v.is_infinite() {
            let text = if v < 0.0 { "-1e400" } else { "1e400" };
            return Ok(serde_json::from_str(text).unwrap_or(Json::Null));
        }
        // Whole numbers as JavaScript prints them (2 ** 53 + 2 → 9007199254740994, not
        // 9007199254740994.0), so that a message echoes what the program passed.
        let number = if v.fract() == 0.0 && v.abs() < 1e21 {
            serde_json::from_str(&format!("{v:.0}")).ok()
        } else {
            serde_json::Number::from_f64(v)
        };
        Ok(number.map_or(Json::Null, Json::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let item = self.nested()?;
        let mut items = Vec::new();
        loop {
            match seq.next_element_seed(item) {
                Ok(Some(value)) => items.push(value),
                Ok(None) => return Ok(Json::Array(items)),
                Err(e) => {
                    self.trail.borrow_mut().push(Step::Index(items.len()));
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let value = self.nested()?;
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            match map.next_value_seed(value) {
                Ok(v) => {
                    object.insert(key, v);
                }
                Err(e) => {
                    self.trail.borrow_mut().push(Step::Key(key));
                    return Err(e);
                }
            }
        }
        Ok(Json::Object(object))
    }
}

/// The first 40 characters of a key, for a message.
fn clip(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
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

/// Panics on purpose, so that the wasm test suites can check what the panic hook does. Debug
/// builds only (the test suites' builds); the package is built in release and has no such export.
#[cfg(debug_assertions)]
#[doc(hidden)]
#[wasm_bindgen(js_name = "__panicForTests")]
#[allow(clippy::panic)]
pub fn panic_for_tests(message: &str) {
    install_panic_hook();
    panic!("{message}");
}

/// The message of the last panic, once: the package's JS wrapper (`js/index.js`) calls this when
/// a call ends in a `WebAssembly.RuntimeError` and throws an `Error` with the message instead.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__takeInternalError")]
pub fn take_internal_error() -> Option<String> {
    LAST_PANIC.with(|last| last.try_borrow_mut().ok().and_then(|mut slot| slot.take()))
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// A panic (none should be reachable) keeps its message: the hook records it (for
/// [`take_internal_error`], which the package's wrapper turns into a thrown `Error`) and logs it
/// with `console.error` (after any hook installed before it), then returns, and the release build's `panic = "abort"` ends the call in
/// an `unreachable` trap. The hook returns rather than throwing from inside it because std counts
/// a hook that never returns as still running and would trap on every later panic without calling
/// it; returning keeps every later panic's message too. The trapped call is abandoned (its memory
/// is not reclaimed, and a `Validator` whose method panicked refuses further use with
/// wasm-bindgen's "recursive use" error); the module, `validate` and other validators keep working.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            previous(info);
            let message = format!("gov-it-rules: internal error: {info}");
            console_error(&message);
            LAST_PANIC.with(|last| {
                if let Ok(mut slot) = last.try_borrow_mut() {
                    *slot = Some(message);
                }
            });
        }))
    });
}
