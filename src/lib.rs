//! Cited validation of government IT-project applications (政务信息化项目) against district and
//! county regulations.
//!
//! The core is pure: JSON in, a [`Report`] out, no I/O and no clock (the as-of date is an option).
//! Regulations are [`profile`] data; the checks that read them are in [`rules`].
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let report = validate_json(r#"{"totalInvestment": "120", "kind": "new"}"#, &Options::for_jurisdiction("tongzhou"));
//! let supervision = report.outcomes.supervision.unwrap().value.unwrap();
//! assert_eq!(supervision.mode, gov_it_rules::profile::SupervisionMode::Mandatory);
//! ```
//!
//! A back office re-checks a submitted application against a county's own profile as the portal
//! did; a refused profile's errors each name where they are, and are `std::error::Error`s:
//!
//! ```
//! use gov_it_rules::{Options, Registry};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut registry = Registry::builtin();
//! let county = include_str!("../tests/fixtures/profiles/example-county.json");
//! let id = registry.load(county).map_err(|errors| errors[0].clone())?.id.clone();
//! let mut options = Options::for_jurisdiction(&id);
//! options.as_of = "2025-01-01".parse().ok();
//! let report = registry.validate_str(r#"{"totalInvestment": "250"}"#, &options);
//! assert!(report.outcomes.approval.is_some());
//! assert!(registry.load("{}").is_err());
//! # Ok(())
//! # }
//! ```
//!
//! The crate turns on serde_json's `arbitrary_precision` feature, so that an amount such as
//! 300.0001 reaches the money parser as its digits. Cargo turns a feature on for the whole build:
//! in a crate that depends on this one, serde_json keeps every number as its digits too, which
//! changes how an untagged enum or a `Value` compared with a float reads a number.

// clippy.toml keeps the standard library's sorts out of the module; tests may use them.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

pub mod calendar;
pub mod cases;
pub mod catalogue;
pub mod codes;
pub mod condition;
mod engine;
mod fingerprint;
pub mod form;
mod json_path;
pub mod json_text;
pub mod labels;
pub mod limits;
pub mod live;
pub mod messages;
pub mod model;
pub mod money;
pub mod normalise;
mod options;
pub mod outcomes;
pub mod profile;
pub mod reference;
mod registry;
pub mod report;
pub mod rules;
pub mod sorted;
/// The npm package's exports (wasm-bindgen glue over [`live`] and the core).
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use std::sync::Arc;

use serde::Serialize;

use crate::messages::Locale;
use crate::profile::{
    Acceptance, Approval, FinancialReview, Management, Merge, Panel, Supervision,
};
use crate::report::{
    Diagnostic, JurisdictionInfo, NearestThreshold, Notice, Outcome, RequiredDocument, WindowReport,
};
use crate::rules::budget_adjustment::AdjustmentVerdict;
use crate::sorted::SortedMap;

pub(crate) use options::parse_date;

/// JSON text without a leading byte-order mark, which editors on Windows write and JSON forbids.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// `text` without leading and trailing whitespace, as `str::trim` gives it, nor the invisible
/// characters text pasted from a document or a chat brings along ([`invisible`]). Most of what a
/// form sends starts and ends with neither, and is given back after a look at the first bytes of
/// its first and last characters, without the pattern searcher `trim` runs at each end (the
/// reader trims every value it reads).
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    // The first byte of the last character: the last that does not continue one.
    let last = bytes.iter().rev().find(|&&b| b & 0xC0 != 0x80);
    match (bytes.first(), last) {
        (Some(&first), Some(&last)) if never_space(first) && never_space(last) => text,
        _ => text.trim_matches(|c: char| c.is_whitespace() || invisible(c)),
    }
}

/// A character that shows nothing and is no whitespace: the soft hyphen, zero-width spaces and
/// joiners, the direction marks, embeddings and isolates (which Windows puts around a pasted
/// value), the word joiner and invisible operators, and the byte-order mark (「\u{200B}300」 and
/// 「\u{202A}300\u{202C}」 look like 300).
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

/// Whether neither whitespace nor an invisible character starts with this byte: ASCII other
/// than space and `\t`–`\r`, or the first byte of a character of another block than the few
/// they lie in (U+0085, U+00A0 and U+00AD start with 0xC2, U+061C with 0xD8, U+1680 and U+180E
/// with 0xE1, U+2000–U+206F with 0xE2, U+3000 with 0xE3, U+FEFF with 0xEF). Chinese text starts
/// with 0xE4–0xE9.
fn never_space(lead: u8) -> bool {
    !matches!(lead, b' ' | b'\t'..=b'\r' | 0xC2 | 0xD8 | 0xE1..=0xE3 | 0xEF)
}

/// Where `needle` first occurs in `text`, as `str::find` with a `&str` pattern gives it, found by
/// comparing bytes at each place. The texts searched are a message or a verdict of a few dozen
/// bytes; the two-way searcher `str::find` builds for a text (and for a character of more than one
/// byte), with the panic path that formats the character at a bad slice and the Unicode tables
/// that formatting reads, is ~5 KB of gzip in each module.
pub(crate) fn find_str(text: &str, needle: &str) -> Option<usize> {
    let (bytes, needle) = (text.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    let mut from = 0;
    while let Some(at) = bytes.get(from..)?.iter().position(|&b| b == first) {
        let start = from + at;
        // Past the end, no later place has room for the needle either.
        if bytes.get(start..start + needle.len())? == needle {
            return Some(start);
        }
        from = start + 1;
    }
    None
}

/// `text` split around the first occurrence of `needle`, as `str::split_once` gives it.
pub(crate) fn split_once_str<'a>(text: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = find_str(text, needle)?;
    // A match of a whole UTF-8 text starts and ends on character boundaries.
    Some((text.get(..at)?, text.get(at + needle.len()..)?))
}

/// `text` with each character mapped by `fold` (full-width digits to ASCII, say), copied only
/// where one changes: what a form sends seldom has one, and amounts are read at each keystroke.
pub(crate) fn folded(text: &str, fold: fn(char) -> char) -> std::borrow::Cow<'_, str> {
    if text.chars().any(|c| fold(c) != c) {
        std::borrow::Cow::Owned(text.chars().map(fold).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

pub use options::{OptionSpec, Options, OPTIONS};
pub use registry::{
    builtin, validate_json, Registry, BUILTIN_ENGLISH, BUILTIN_JURISDICTIONS, BUILTIN_PROFILES,
};

/// Every derived verdict; `null` where the regulation has no such rule.
// The verdicts are those of `outcomes::OUTCOMES`, in its order (a test checks it).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcomes {
    pub approval: Option<Outcome<Approval>>,
    pub merge: Option<Outcome<Merge>>,
    pub supervision: Option<Outcome<Supervision>>,
    pub management: Option<Outcome<Management>>,
    pub expert_panel: Option<Outcome<Panel>>,
    pub financial_review: Option<Outcome<FinancialReview>>,
    pub acceptance: Option<Outcome<Acceptance>>,
    pub adjustment: Option<Outcome<AdjustmentVerdict>>,
    pub required_documents: Vec<RequiredDocument>,
    pub windows: Vec<WindowReport>,
}

/// Counts by severity; `complete` when nothing is an error.
// `remote = "Self"`: the derived writer is `Summary::serialize`, the declaration the package's
// types are generated from, called below for an answer written out in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// No errors.
    pub complete: bool,
}

/// In a compact answer ([`json_text::to_vec_citing`]), `[errors, warnings, infos]`: `complete`
/// follows from `errors`, and the reader gives the counts their names, in every report and at
/// every keystroke's delta.
impl Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if json_text::writing_compact() {
            (self.errors, self.warnings, self.infos).serialize(serializer)
        } else {
            Summary::serialize(self, serializer)
        }
    }
}

/// The result of one validation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// `null` when the jurisdiction is unknown (and `JU001` says so).
    #[serde(serialize_with = "crate::json_text::some_shared")]
    pub jurisdiction: Option<Arc<JurisdictionInfo>>,
    #[serde(serialize_with = "crate::json_text::date")]
    pub as_of: chrono::NaiveDate,
    pub stage: &'static str,
    pub locale: Locale,
    pub outcomes: Outcomes,
    /// For each verdict an amount decides, the nearest thresholds below and above the amount
    /// where the verdict would change, and what it would become there.
    pub nearest: Vec<NearestThreshold>,
    pub diagnostics: Vec<Diagnostic>,
    pub notices: Vec<Notice>,
    /// Names of the documents the regulation refers to, by key.
    #[serde(serialize_with = "crate::json_text::shared")]
    pub document_names: Arc<SortedMap<String, String>>,
    pub summary: Summary,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts are found and split around as `str::find` and `str::split_once` do it.
    #[test]
    fn find_str_is_str_find() {
        let texts = [
            "",
            "a",
            "总投资 300 万元",
            "万元万元",
            "；；",
            "line 3, column 15",
            "ab",
        ];
        let needles = [
            "",
            "a",
            "万元",
            "300",
            "；",
            ", column ",
            "总投资 300 万元 ",
            "b",
        ];
        for text in texts {
            for needle in needles {
                assert_eq!(find_str(text, needle), text.find(needle), "{text} {needle}");
                assert_eq!(
                    split_once_str(text, needle),
                    text.split_once(needle),
                    "{text} {needle}"
                );
            }
        }
    }

    /// Every character, alone and at either end of a text, is trimmed as `str::trim` trims it,
    /// and the invisible ones too.
    #[test]
    fn trim_is_str_trim_and_the_invisible_characters_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("{c}通"),
                format!("a{c}"),
                format!("{c} {c}"),
            ] {
                let expected = text.trim_matches(|c: char| c.is_whitespace() || invisible(c));
                assert_eq!(trim(&text), expected, "{:?}", text);
            }
        }
        assert_eq!(trim(""), "");
        assert_eq!(trim("\u{FEFF}\u{200B}300\u{200E} "), "300");
        assert_eq!(trim("通\u{200D}"), "通");
        assert_eq!(trim("\u{202A}300\u{202C}"), "300");
        assert_eq!(trim("\u{2066} 2026-01-05\u{2069}"), "2026-01-05");
    }
}
