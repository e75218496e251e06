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

/// `text` without leading and trailing whitespace, as `str::trim` gives it. Most of what a form
/// sends starts and ends with neither, and is given back after a look at its first and last
/// characters, without the pattern searcher `trim` runs at each end (the reader trims every
/// value it reads).
pub(crate) fn trim(text: &str) -> &str {
    let kept = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    if kept(text.chars().next()) && kept(text.chars().next_back()) {
        text
    } else {
        text.trim()
    }
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// No errors.
    pub complete: bool,
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
