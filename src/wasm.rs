//! The npm package's exports: thin glue between JSON text and the core. The hand-written wrapper
//! in `js/` turns JavaScript values into JSON text and reports back into objects, and adds
//! initialisation, the Standard Schema interface and the TypeScript types.
//!
//! Values cross as JSON text both ways, one copy each way per call instead of a crossing per
//! property. An application is either JSON text the caller passed (`encoded` false: a syntax
//! error is a diagnostic, as in [`Registry::validate_str`]) or the wrapper's encoding of a
//! JavaScript value (`encoded` true). Each answer is the UTF-8 bytes of its JSON text, which the
//! wrapper decodes (bytes rather than a `String`, which would be checked as UTF-8 once more on
//! the way out). Reports and deltas are compact answers (`[epoch, value]`, each citation written
//! as its number in the module's [`CitationTable`]; see [`crate::json_text`]): the wrapper fetches
//! the citations' text once ([`citations`]) and puts it back, so that what a caller gets has them in
//! full. Invalid application values are the core's business and come back as
//! diagnostics; misuse by the integrating program (an unknown option, options that are not an
//! object, a row index past the end of a table) throws a `TypeError`/`RangeError` whose message
//! says what to change.
//!
//! [`Registry::validate_str`]: crate::Registry::validate_str

#[cfg(debug_assertions)]
use std::cell::Cell;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Once;

use chrono::NaiveDate;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::catalogue;
use crate::json_text::CitationTable;
use crate::live::LiveValidator;
use crate::messages::Locale;
use crate::model::input::Input;
use crate::profile::ProfileError;
use crate::sorted::SortedMap;
use crate::{builtin, Options, Registry};

thread_local! {
    /// The profiles validations use: the built-in ones and any a portal loaded. A load swaps in a
    /// new registry; validators created before it keep a copy of the one they were created with,
    /// which shares its profiles, so a profile replaced by a load is freed with the last
    /// validator that uses it.
    static REGISTRY: RefCell<Rc<Registry>> = RefCell::new(Rc::new(builtin().clone()));
}

thread_local! {
    /// The citations reports and deltas have named, by number. It is cleared when a profile is
    /// loaded, since a replaced profile's citations are not named again; a validator made before
    /// then still names its own, numbered afresh the next time it answers.
    static CITATIONS: RefCell<CitationTable> = RefCell::new(CitationTable::default());
}

#[cfg(debug_assertions)]
thread_local! {
    /// Whether answers carry each citation in full ([`full_answers_for_tests`]).
    static FULL_ANSWERS: Cell<bool> = const { Cell::new(false) };
}

/// Whether answers carry each citation in full: only when a test of a debug build asks.
fn full_answers() -> bool {
    #[cfg(debug_assertions)]
    return FULL_ANSWERS.get();
    #[cfg(not(debug_assertions))]
    false
}

/// The registry as it stands, for the form component.
#[cfg(feature = "form")]
pub(crate) fn current_registry() -> Rc<Registry> {
    registry()
}

/// The registry as it stands; the borrow ends here, so a call made from inside another (a load
/// from a JavaScript callback) never finds it borrowed.
fn registry() -> Rc<Registry> {
    REGISTRY.with_borrow(Rc::clone)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadResult {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    errors: Vec<ProfileError>,
}

/// Loads a jurisdiction profile (JSON text) so that validations can name its id. A bad profile
/// is rejected whole: `{ ok: false, errors: [{ path, message }] }`, each error located by its
/// JSON path in the profile. A profile with the id of one already loaded replaces it. Only the
/// module built with the `profile-json` feature reads JSON profiles; the others answer with one
/// error that says how to load the profile instead.
#[wasm_bindgen(js_name = loadProfile)]
pub fn load_profile(profile: &str) -> Result<Vec<u8>, JsValue> {
    install_panic_hook();
    #[cfg(feature = "profile-json")]
    let result = with_next_registry(|next| next.load(profile).map(|p| p.id.clone()));
    #[cfg(not(feature = "profile-json"))]
    let result = {
        let _ = profile;
        LoadResult {
            ok: false,
            id: None,
            errors: vec![ProfileError {
                path: String::new(),
                message: "this module reads compiled profiles only: compile the profile with `gov-it-check compile`, or load the module that reads JSON profiles (init({ profileJson: true }))".into(),
            }],
        }
    };
    to_text(&result)
}

/// Loads a compiled profile (`gov-it-check compile`, or a built-in one's `profiles/<id>.govit`),
/// with its English texts when they are kept apart (`<id>.en.govit`), answering as
/// [`load_profile`] does.
#[wasm_bindgen(js_name = loadCompiledProfile)]
pub fn load_compiled_profile(bytes: &[u8], english: Option<Vec<u8>>) -> Result<Vec<u8>, JsValue> {
    install_panic_hook();
    let result = with_next_registry(|next| {
        next.load_compiled_with_english(bytes, english.as_deref())
            .map(|p| p.id.clone())
    });
    to_text(&result)
}

/// Gives a built-in regulation embedded in this module its English texts
/// (`profiles/<id>.en.govit`), answering as [`load_profile`] does.
#[wasm_bindgen(js_name = addEnglishTexts)]
pub fn add_english_texts(english: &[u8]) -> Result<Vec<u8>, JsValue> {
    install_panic_hook();
    let result = with_next_registry(|next| next.add_english(english).map(|p| p.id.clone()));
    to_text(&result)
}

/// Whether this module embeds the built-in regulations' English texts (the `builtin-english`
/// feature: Node's module); the wrapper's `loadLocale('en')` fetches them for the others.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__englishEmbedded")]
pub fn english_embedded() -> bool {
    !crate::BUILTIN_ENGLISH.is_empty()
}

/// Whether this module reads JSON profiles (built with the `profile-json` feature).
#[wasm_bindgen(js_name = readsJsonProfiles)]
pub fn reads_json_profiles() -> bool {
    cfg!(feature = "profile-json")
}

/// Runs a load on a copy of the registry, which shares the profiles already there, and swaps it
/// in when the load succeeds.
fn with_next_registry(
    load: impl FnOnce(&mut Registry) -> Result<String, Vec<ProfileError>>,
) -> LoadResult {
    let mut next = Registry::clone(&registry());
    match load(&mut next) {
        Ok(id) => {
            REGISTRY.with_borrow_mut(|r| *r = Rc::new(next));
            CITATIONS.with(|table| {
                if let Ok(mut table) = table.try_borrow_mut() {
                    table.clear();
                }
            });
            LoadResult {
                ok: true,
                id: Some(id),
                errors: Vec::new(),
            }
        }
        Err(errors) => LoadResult {
            ok: false,
            id: None,
            errors,
        },
    }
}

/// Validates a whole application and returns the report. `options` is the wrapper's encoding of
/// the options value.
#[wasm_bindgen]
pub fn validate(application: &str, encoded: bool, options: &str) -> Result<Vec<u8>, JsValue> {
    install_panic_hook();
    let options = validation_options(options)?;
    crate::model::read_application_text(application, encoded, |read| {
        to_answer(&registry().validate_read(read, &options))
    })
}

/// A validator for live forms: holds one application and takes one edit at a time.
#[wasm_bindgen]
pub struct Validator {
    inner: LiveValidator,
}

#[wasm_bindgen]
impl Validator {
    /// A validator configured by `options`, holding `application` (none: an empty one).
    #[wasm_bindgen(constructor)]
    pub fn new(
        options: &str,
        application: Option<String>,
        encoded: bool,
    ) -> Result<Validator, JsValue> {
        install_panic_hook();
        let mut inner = LiveValidator::new(&registry(), live_options(options)?);
        if let Some(application) = application {
            replace(&mut inner, &application, encoded, None)?;
        }
        Ok(Validator { inner })
    }

    /// Sets one value (the wrapper's encoding of it) by path and returns what changed.
    pub fn set(&mut self, path: &str, value: &str) -> Result<Vec<u8>, JsValue> {
        if let Some(refused) = crate::limits::refusal(value) {
            return Err(self.refused_at(path, refused));
        }
        let value = read_value(value, path)?;
        self.edit(path, &value)
    }

    /// Sets one value that a form control gives, a string, `true`/`false` or `null`, read from the
    /// JavaScript value itself: no JSON text is written or parsed on either side, and such a value
    /// runs no caller code when read. Anything else is a `TypeError` (the wrapper sends it to
    /// [`Validator::set`]).
    #[wasm_bindgen(js_name = setScalar)]
    pub fn set_scalar(&mut self, path: &str, value: JsValue) -> Result<Vec<u8>, JsValue> {
        let value = match value.as_string() {
            Some(text) if text.len() > crate::limits::MAX_APPLICATION_BYTES => {
                let refused = crate::limits::exceeded(crate::limits::Limit::Bytes, "");
                return Err(self.refused_at(path, refused));
            }
            Some(text) => Input::String(text.into()),
            None => match value.as_bool() {
                Some(checked) => Input::Bool(checked),
                None if value.is_null() => Input::Null,
                None => {
                    return Err(type_error(&format!(
                        "{}: setScalar takes a string, a boolean or null",
                        clip(path)
                    )))
                }
            },
        };
        self.edit(path, &value)
    }

    /// Replaces the whole application and returns what changed. An application over a limit is
    /// refused as one value over a limit is: a `RangeError`, and the validator keeps what it holds.
    pub fn replace(&mut self, application: &str, encoded: bool) -> Result<Vec<u8>, JsValue> {
        replace(&mut self.inner, application, encoded, Some("replace()"))
    }

    /// The report on the application as it stands.
    pub fn report(&mut self) -> Result<Vec<u8>, JsValue> {
        self.report_answering(to_answer)
    }
}

impl Validator {
    fn edit(&mut self, path: &str, value: &Input) -> Result<Vec<u8>, JsValue> {
        self.edit_answering(path, value, |delta| to_answer(delta))
    }

    /// Sets one value and answers with what `write` makes of the delta; a path the application
    /// has no place for is a `RangeError`.
    fn edit_answering<T>(
        &mut self,
        path: &str,
        value: &Input,
        write: impl FnOnce(&crate::live::Delta) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        let delta = self
            .inner
            .set_input(path, value)
            .map_err(|m| JsValue::from(js_sys::RangeError::new(&m)))?;
        let answer = write(&delta);
        self.inner.release_answered();
        answer
    }

    /// Answers with what `write` makes of the whole report, written whole again for it and let
    /// go of once written.
    fn report_answering<T>(
        &mut self,
        write: impl FnOnce(&crate::Report) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        self.inner.restore_answered();
        let answer = write(self.inner.report());
        self.inner.release_answered();
        answer
    }

    /// A value set at `path` over a limit: [`refused`]; the field keeps its value.
    fn refused_at(&self, path: &str, refused: crate::report::Diagnostic) -> JsValue {
        let at = crate::limits::clip_path(path);
        self::refused(
            self.inner.options().locale,
            &format!("set({})", quoted(&at)),
            refused,
        )
    }
}

/// A live edit over a limit: a `RangeError` naming it (`call`: `replace()`, or the value set), in
/// the validator's locale.
fn refused(
    locale: crate::messages::Locale,
    call: &str,
    mut refused: crate::report::Diagnostic,
) -> JsValue {
    crate::messages::render(&mut refused, locale, &SortedMap::default(), None);
    JsValue::from(js_sys::RangeError::new(&format!(
        "{call}: {}",
        refused.message
    )))
}

/// Replaces the application `inner` holds. With `refusing` (the call's name), an application over
/// a limit is a `RangeError` and `inner` keeps what it holds; without (a new validator, which holds
/// nothing yet), it is answered with its `IN012`, as a validation is.
fn replace(
    inner: &mut LiveValidator,
    application: &str,
    encoded: bool,
    refusing: Option<&str>,
) -> Result<Vec<u8>, JsValue> {
    let locale = inner.options().locale;
    let answer =
        crate::model::read_application_text(application, encoded, |read| match (read, refusing) {
            (Err(problem), Some(call)) if problem.code == crate::codes::Code::InputTooLarge => {
                Err(refused(locale, call, problem))
            }
            (read, _) => to_answer(&inner.replace_read(read)),
        });
    inner.release_answered();
    answer
}

/// The citations answers have numbered, from number `from` on: `[epoch, [citation, …]]`. The
/// wrapper asks for those it does not hold yet when an answer names one, and starts again when the
/// epoch is not the one it holds.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__citations")]
pub fn citations(from: u32) -> Vec<u8> {
    let from = usize::try_from(from).unwrap_or(usize::MAX);
    CITATIONS.with(|table| {
        table
            .try_borrow()
            .map_or_else(|_| b"[0,[]]".to_vec(), |t| t.to_vec_from(from))
    })
}

/// The jurisdictions, described by the regulation in force on `asOf` (default today).
#[wasm_bindgen]
pub fn jurisdictions(options: Option<String>) -> Result<Vec<u8>, JsValue> {
    install_panic_hook();
    let options = listing_options(options.as_deref(), "jurisdictions()", &["asOf", "locale"])?;
    to_text(&catalogue::jurisdictions(
        &registry(),
        as_of_or_today(options.as_of)?,
        options.locale,
    ))
}

/// The rule catalogue: codes with severity and template, provisions with citations.
#[wasm_bindgen]
pub fn rules(options: Option<String>) -> Result<Vec<u8>, JsValue> {
    install_panic_hook();
    let options = listing_options(
        options.as_deref(),
        "rules()",
        &["jurisdiction", "asOf", "locale"],
    )?;
    let jurisdiction = Some(options.jurisdiction.as_str()).filter(|j| !j.is_empty());
    let catalogue = catalogue::rules(
        &registry(),
        jurisdiction,
        as_of_or_today(options.as_of)?,
        options.locale,
    )
    .map_err(|m| JsValue::from(js_sys::RangeError::new(&m)))?;
    to_text(&catalogue)
}

/// Every label in `locale` (`zh-CN` when left out): fields, cells, choices, verdict values,
/// stages, and each jurisdiction's document names.
#[wasm_bindgen]
pub fn labels(locale: Option<String>) -> Result<Vec<u8>, JsValue> {
    install_panic_hook();
    let locale = match locale.as_deref() {
        None => Locale::ZhCn,
        Some(tag) => Locale::from_tag(tag).ok_or_else(|| {
            type_error(&format!(
                "labels(locale): locale must be \"zh-CN\" or \"en\", not {}",
                clip(&quoted(tag))
            ))
        })?,
    };
    to_text(&crate::labels::labels(&registry(), locale))
}

/// The application in canonical form (amounts as decimal strings, text trimmed, checkbox groups
/// as arrays); see [`crate::normalise`]. Text that is not JSON, or is over a limit of
/// [`crate::limits`], comes back as `null`: it is read as a validation reads it.
#[wasm_bindgen]
pub fn normalise(application: &str, encoded: bool) -> Result<Vec<u8>, JsValue> {
    install_panic_hook();
    let normalised = crate::model::read_application_text(application, encoded, |read| {
        read.map_or(Input::Null, |input| {
            crate::normalise::normalise_input(&input)
        })
    });
    to_text(&normalised)
}

/// The form's layout, for the wrapper: paths in form order, each table's cells, checkbox groups.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__formLayout")]
pub fn form_layout() -> Result<Vec<u8>, JsValue> {
    to_text(&crate::labels::form_layout())
}

/// Options for a validation: `jurisdiction` is required (`null`, JavaScript's `undefined`, is
/// absent), `asOf` defaults to today's date in China.
pub(crate) fn validation_options(options: &str) -> Result<Options, JsValue> {
    options_of(&read_value(options, "options")?)
}

/// Options for a validator, kept as given: without `asOf` it follows today, day after day
/// ([`LiveValidator::new`]). A clock that gives no date is refused here, as for a validation.
pub(crate) fn live_options(options: &str) -> Result<Options, JsValue> {
    options_as_given(&read_value(options, "options")?).map(|(options, _)| options)
}

/// Validation options from their value, however it crossed, with `asOf` or else today.
fn options_of(value: &Input) -> Result<Options, JsValue> {
    let (mut options, as_of) = options_as_given(value)?;
    options.as_of = Some(as_of);
    Ok(options)
}

/// The options as given, and the day they validate as of.
fn options_as_given(value: &Input) -> Result<(Options, NaiveDate), JsValue> {
    let options = Options::for_validation(value, &registry()).map_err(|m| type_error(&m))?;
    let as_of = as_of_or_today(options.as_of)?;
    Ok((options, as_of))
}

/// Options for a listing, which may be left out (`undefined` or `null`).
fn listing_options(options: Option<&str>, call: &str, takes: &[&str]) -> Result<Options, JsValue> {
    let Some(text) = options else {
        return Ok(Options::default());
    };
    let value = read_value(text, "options")?;
    // A validation's option a listing does not read (`stage`, `jurisdiction` for jurisdictions())
    // would be ignored without a word.
    if let Input::Object(members) = &value {
        if let Some((other, _)) = members.iter().find(|(k, _)| !takes.contains(&k.as_ref())) {
            return Err(type_error(&format!(
                "{call}: unknown option `{}`; known options: {}",
                clip(other),
                takes.join(", ")
            )));
        }
    }
    Options::from_input(&value).map_err(|m| type_error(&m))
}

/// A value the wrapper encoded as JSON text ([`Input::parse_stringified`]); `what` names it in a
/// message. The wrapper keeps anything deeper than serde_json's limit from getting this far;
/// should a value change while it is being encoded, the parse error is a TypeError.
fn read_value(text: &str, what: &str) -> Result<Input<'static>, JsValue> {
    Input::parse_stringified(text).map_err(|e| {
        type_error(&format!(
            "{}: {e}; pass plain data (objects, arrays, strings, numbers, booleans, null)",
            clip(what)
        ))
    })
}

/// A string as JavaScript would write it, quoted and escaped, for a message.
fn quoted(text: &str) -> String {
    crate::json_text::to_string(text).unwrap_or_default()
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

pub(crate) fn to_text<T: Serialize>(value: &T) -> Result<Vec<u8>, JsValue> {
    crate::json_text::to_vec(value).map_err(write_error)
}

/// A report or a delta as a compact answer: `[epoch, value]` with each citation written as its
/// number in [`CITATIONS`] (numbered there if new).
fn to_answer<T: Serialize>(value: &T) -> Result<Vec<u8>, JsValue> {
    CITATIONS
        .with(|table| match table.try_borrow_mut() {
            Ok(mut table) if !full_answers() => {
                if table.len() > crate::limits::MAX_NUMBERED_TEXTS {
                    table.clear();
                }
                crate::json_text::to_vec_citing(value, &mut table)
            }
            Ok(table) => crate::json_text::to_vec(&(table.epoch(), value)),
            // Never: the table is not written while an answer is.
            Err(_) => crate::json_text::to_vec(&(0u32, value)),
        })
        .map_err(write_error)
}

fn write_error(e: crate::json_text::Error) -> JsValue {
    JsValue::from(js_sys::Error::new(&format!("gov-it-rules: {e}")))
}

pub(crate) fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// `as_of`, or else today in China (UTC+8, as the texts' deadlines count), whatever the time zone
/// the browser or server is set to, by `Date.now()` on wasm. A clock that gives no calendar date (`Date.now()` is `NaN`, as fake timers set to `NaN` give, or
/// lies beyond the years a date can hold, such as 275760) is refused with a `RangeError` that
/// says to pass `asOf`, rather than read as some other day.
fn as_of_or_today(as_of: Option<NaiveDate>) -> Result<NaiveDate, JsValue> {
    if let Some(date) = as_of {
        return Ok(date);
    }
    let now = crate::calendar::now_ms();
    crate::calendar::date_in_china(now).ok_or_else(|| {
        // A clock's milliseconds are whole: written as an integer, since Rust's formatting of a
        // float is kilobytes of the module.
        let now = if now.is_nan() {
            "NaN".to_string()
        } else {
            (now as i64).to_string()
        };
        JsValue::from(js_sys::RangeError::new(&format!(
            "gov-it-rules: the clock gives no usable date for the default asOf (Date.now() is {now}); pass options.asOf, such as \"2025-06-01\""
        )))
    })
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

/// Makes answers carry every citation in full (`true`) or by number (`false`, as normally), so
/// that the package's tests can compare the two. Debug builds only, like [`panic_for_tests`].
#[cfg(debug_assertions)]
#[doc(hidden)]
#[wasm_bindgen(js_name = "__fullAnswersForTests")]
pub fn full_answers_for_tests(full: bool) {
    FULL_ANSWERS.set(full);
}

/// The message of the last panic, once: the package's JS wrapper (`js/index.js`) calls this when
/// a call ends in a `WebAssembly.RuntimeError` and throws an `Error` with the message instead.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__takeInternalError")]
pub fn take_internal_error() -> Option<String> {
    LAST_PANIC.with(|last| last.try_borrow_mut().ok().and_then(|mut slot| slot.take()))
}

/// Allocates until the allocator fails, then once more without a fallback, so that the call ends
/// in the out-of-memory trap a real exhaustion ends in (`handle_alloc_error` aborts: no panic, no
/// message). Debug builds only, like [`panic_for_tests`]: the package's recovery test provokes
/// the trap with it. The memory is reserved, not written, so it costs the machine little.
#[cfg(debug_assertions)]
#[doc(hidden)]
#[wasm_bindgen(js_name = "__exhaustMemoryForTests")]
pub fn exhaust_memory_for_tests() -> usize {
    install_panic_hook();
    let mut held: Vec<Vec<u8>> = Vec::new();
    loop {
        let mut block: Vec<u8> = Vec::new();
        if block.try_reserve_exact(64 << 20).is_err() {
            break;
        }
        held.push(block);
    }
    // Small enough to fit only if the loop above left room, which it did not.
    let last: Vec<u8> = Vec::with_capacity(64 << 20);
    held.len() + last.capacity()
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
/// with `console.error` (after any hook installed before it), then returns, and the release
/// build's `panic = "abort"` ends the call in an `unreachable` trap. The hook returns rather than
/// throwing from inside it because std counts a hook that never returns as still running and
/// would trap on every later panic without calling it; returning keeps every later panic's
/// message too. The trapped call is abandoned (its memory is not reclaimed, and a `Validator`
/// whose method panicked refuses further use with wasm-bindgen's "recursive use" error); the
/// module, `validate` and other validators keep working.
pub(crate) fn install_panic_hook() {
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

/// The other way values could cross, for `benches/crossing.mjs` only: never in the package.
#[cfg(feature = "crossing")]
mod crossing;
