//! How to validate: the options a caller gives, read from JSON by the package.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value as Json;

use crate::model::Input;

use crate::calendar::HolidayCalendar;
use crate::codes::Code;
use crate::messages::Locale;
use crate::money;
use crate::profile::Stage;
use crate::sorted::SortedMap;

/// How to validate. Unknown keys and wrong types throw a TypeError that says what to change. An
/// option set to `undefined` or `null` is left out: it keeps its default.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub jurisdiction: String,
    /// The date the application is made; the regulation version in force then applies.
    pub as_of: Option<NaiveDate>,
    /// Overrides the application's own `stage`; the default is `declaration`.
    pub stage: Option<Stage>,
    pub locale: Locale,
    /// Values for parameters a text names but does not fix, in the parameter's unit.
    pub parameters: SortedMap<String, Decimal>,
    pub calendar: HolidayCalendar,
    /// Replacement message templates, by code (e.g. `DC001`).
    pub messages: SortedMap<String, String>,
}

/// One option [`Options::from_json`] reads, as the package's `Options` type declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    pub key: &'static str,
    /// Whether a validation must be given it.
    pub required: bool,
    /// Its TypeScript type.
    pub ts: &'static str,
    /// What it does.
    pub doc: &'static str,
}

/// The options: each row gives [`KNOWN_OPTIONS`] its key and [`OPTIONS`] its entry.
macro_rules! options {
    ($($(#[doc = $doc:literal])* $key:literal: $ts:literal $(, $required:ident)?;)*) => {
        /// The keys [`Options::from_json`] reads.
        const KNOWN_OPTIONS: &[&str] = &[$($key),*];

        /// The options [`Options::from_json`] reads, in order: the package's `Options` type.
        pub const OPTIONS: &[OptionSpec] = &[$(OptionSpec {
            key: $key,
            required: options!(@required $($required)?),
            ts: $ts,
            doc: concat!($($doc, "\n"),*),
        }),*];
    };
    (@required required) => { true };
    (@required) => { false };
}

options! {
    /// The regulation: one of `jurisdictions()[].id`. An unknown one is reported as `JU001`.
    "jurisdiction": "JurisdictionId | (string & {})", required;
    /// The date the application is made; the regulation version in force then applies. Default:
    /// today in China (UTC+8), whatever the time zone the code runs in.
    "asOf": "DateString";
    /// Overrides the application's own `stage`; default `declaration`.
    "stage": "Stage";
    /// Language of messages and labels; default `zh-CN`.
    "locale": "LocaleTag";
    /// Portal configuration: values for the parameters a regulation names but leaves to the portal
    /// (`jurisdictions()[].parameters` with `value: null`, e.g. 歙县's 分散采购限额标准), by key, in
    /// the parameter's unit; a portal serving several counties may give all of theirs. A key no
    /// regulation loaded leaves open is a TypeError.
    "parameters": "Record<string, Amount>";
    /// Public holidays, so that working days are counted exactly and a period whose last day is
    /// a holiday runs to the next working day; give every year a count may run into.
    "holidays": "DateString[]";
    /// Weekend days that are working days (调休); a day is not in both lists.
    "workdays": "DateString[]";
    /// Replacement message templates by code; `{name}` marks a parameter (see `rules().codes`).
    "messages": "Partial<Record<Code, string>>";
}

/// Refuses a portal parameter no regulation leaves open: a value is taken only where the text
/// leaves it to the portal (`"value": null`), and any other key would be ignored without a word. A
/// portal serving several counties may give each one's parameters with every validation.
fn check_parameters(options: &Options, registry: &crate::Registry) -> Result<(), String> {
    let open_in = |profile: &crate::profile::Profile, name: &str| {
        profile
            .versions
            .iter()
            .any(|v| v.parameters.get(name).is_some_and(|p| p.value.is_none()))
    };
    let own = registry.get(&options.jurisdiction);
    // The other profiles are listed only for a key the jurisdiction's own does not leave open,
    // and once: listing them parses any built-in one not parsed yet.
    let mut all = None;
    let unknown = options.parameters.keys().find(|name| {
        !own.is_some_and(|p| open_in(p, name))
            && !all
                .get_or_insert_with(|| registry.profiles())
                .iter()
                .any(|p| open_in(p, name))
    });
    let Some(name) = unknown else {
        return Ok(());
    };
    let mut left: Vec<String> = Vec::new();
    for profile in all.unwrap_or_else(|| registry.profiles()) {
        for version in &profile.versions {
            for (key, _) in version.parameters.iter().filter(|(_, p)| p.value.is_none()) {
                let entry = format!("{key} ({})", profile.id);
                if !left.contains(&entry) {
                    left.push(entry);
                }
            }
        }
    }
    let left = if left.is_empty() {
        "none".to_string()
    } else {
        left.join(", ")
    };
    let name = crate::limits::clip_path(name);
    Err(format!(
        "options.parameters.{name}: no regulation loaded leaves a parameter of that name to the portal (those it leaves: {left})"
    ))
}

impl Options {
    pub fn for_jurisdiction(id: &str) -> Options {
        Options {
            jurisdiction: id.to_string(),
            ..Options::default()
        }
    }

    /// Options for a validation, read as [`Options::from_input`] does, where `jurisdiction` is
    /// required: a validation without it has nothing to check against, and the message lists the
    /// ids `registry` knows.
    pub fn for_validation(input: &Input, registry: &crate::Registry) -> Result<Options, String> {
        if matches!(input, Input::Object(_)) && input.get("jurisdiction").is_none_or(Input::is_null)
        {
            let known: Vec<&str> = registry.ids().collect();
            return Err(format!(
                "options.jurisdiction is required, e.g. {{\"jurisdiction\": \"tongzhou\"}}; known: {}",
                known.join(", ")
            ));
        }
        let options = Options::from_input(input)?;
        options.check_parameters(registry)?;
        Ok(options)
    }

    /// Refuses a portal parameter no regulation of `registry` leaves open, which would be ignored
    /// without a word (a misspelt name, `decentralisedProcurementLimit`).
    pub fn check_parameters(&self, registry: &crate::Registry) -> Result<(), String> {
        if self.parameters.is_empty() {
            return Ok(());
        }
        check_parameters(self, registry)
    }

    /// Reads options from JSON, as [`Options::from_input`] does.
    pub fn from_json(json: &Json) -> Result<Options, String> {
        Options::from_input(&Input::from_json(json))
    }

    /// Reads options from JSON as read from its text. Unknown keys and wrong types are misuse by
    /// the integrator and are refused with a message that says what to change. A known key set to
    /// `null` (JavaScript's `undefined`, as the wrapper writes it) is absent: the option keeps its
    /// default.
    pub fn from_input(input: &Input) -> Result<Options, String> {
        let Input::Object(members) = input else {
            return Err(
                "options must be an object such as {\"jurisdiction\": \"tongzhou\"}".into(),
            );
        };
        let mut options = Options::default();
        for (key, value) in members {
            let key = key.as_ref();
            let bad = |what: &str| format!("options.{key} must be {what}");
            if value.is_null() && KNOWN_OPTIONS.contains(&key) {
                continue;
            }
            match key {
                "jurisdiction" => {
                    options.jurisdiction =
                        value.as_str().ok_or_else(|| bad("a string"))?.to_string()
                }
                "asOf" => {
                    let text = value
                        .as_str()
                        .ok_or_else(|| bad("a date string YYYY-MM-DD"))?;
                    options.as_of =
                        Some(parse_date(text).ok_or_else(|| bad("a date string YYYY-MM-DD"))?);
                }
                "stage" => {
                    let text = value.as_str().unwrap_or_default();
                    options.stage = Some(Stage::from_key(text).ok_or_else(|| bad(Stage::ONE_OF))?);
                }
                "locale" => {
                    options.locale = Locale::from_tag(value.as_str().unwrap_or_default())
                        .ok_or_else(|| bad("\"zh-CN\" or \"en\""))?
                }
                "parameters" => {
                    let Input::Object(params) = value else {
                        return Err(bad("an object of amounts"));
                    };
                    for (name, v) in params {
                        let at = crate::limits::clip_path(name);
                        let (Input::String(text) | Input::Number(text)) = v else {
                            return Err(format!("options.parameters.{at} must be an amount"));
                        };
                        let amount = money::parse(text).map_err(|_| {
                            let got = crate::limits::clip_path(text);
                            format!("options.parameters.{at} must be an amount, got {got}")
                        })?;
                        options.parameters.insert(name.to_string(), amount);
                    }
                }
                "holidays" | "workdays" => {
                    let Input::Array(days) = value else {
                        return Err(bad("an array of YYYY-MM-DD dates"));
                    };
                    for (i, day) in days.iter().enumerate() {
                        let date = day.as_str().and_then(parse_date).ok_or_else(|| {
                            let given = match day {
                                Input::String(text) => {
                                    format!("\"{}\"", crate::limits::clip_path(text))
                                }
                                other => other.type_name().to_string(),
                            };
                            format!("options.{key}[{i}] must be a date YYYY-MM-DD, got {given}")
                        })?;
                        if key == "holidays" {
                            options.calendar.holidays.insert(date);
                        } else {
                            options.calendar.workdays.insert(date);
                        }
                    }
                }
                "messages" => {
                    let Input::Object(templates) = value else {
                        return Err(bad("an object of templates by code"));
                    };
                    for (code, template) in templates {
                        let Some(known_code) = Code::by_id(code) else {
                            return Err(format!("options.messages.{code}: unknown code"));
                        };
                        let text = template
                            .as_str()
                            .ok_or_else(|| format!("options.messages.{code} must be a string"))?;
                        // A misspelt placeholder would be shown as written, to the applicant.
                        let takes = known_code.spec().params;
                        if let Some(name) =
                            crate::messages::placeholders(text).find(|name| !takes.contains(name))
                        {
                            let taken: Vec<String> =
                                takes.iter().map(|p| format!("{{{p}}}")).collect();
                            return Err(format!(
                                "options.messages.{code}: unknown placeholder {{{}}}; {code} takes {}",
                                crate::limits::clip_path(name),
                                if taken.is_empty() { "none".to_string() } else { taken.join(", ") }
                            ));
                        }
                        options.messages.insert(code.to_string(), text.to_string());
                    }
                }
                other => {
                    return Err(format!(
                        "unknown option `{other}`; known options: {}",
                        KNOWN_OPTIONS.join(", ")
                    ))
                }
            }
        }
        check_calendar(&options.calendar)?;
        Ok(options)
    }
}

/// Refuses a calendar that says two things of one day, a holiday and a working day.
fn check_calendar(calendar: &crate::calendar::HolidayCalendar) -> Result<(), String> {
    match calendar
        .workdays
        .iter()
        .find(|d| calendar.holidays.contains(d))
    {
        Some(both) => Err(format!(
            "options.workdays: {} is in options.holidays too; a day is one or the other",
            crate::calendar::iso(*both)
        )),
        None => Ok(()),
    }
}

/// A date written `YYYY-MM-DD`, the one form the crate reads (options, forms and profiles alike).
/// Read by hand: chrono's format-string parser would add its code to the wasm.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = text.as_bytes() else {
        return None;
    };
    let mut digits = [y1, y2, y3, y4, m1, m2, d1, d2].into_iter();
    let mut number = |n: usize| {
        digits.by_ref().take(n).try_fold(0u32, |acc, b| {
            b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
        })
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}
