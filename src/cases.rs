//! Test cases as data: a profile's expected verdicts, kept beside it as `<id>.cases.json`
//! (format in `docs/profile-format.md`, "Test cases").
//!
//! A case is an application, a stage and options, and what the report must show. Expectations
//! are matched partially against the report as it serialises (`serde_json::to_value`): a county
//! writes only what its regulation decides, and a mismatch names the expectation, what it wanted
//! and what the report holds. The runner returns results as data; the test suite, the wasm suite
//! and `gov-it-check test` all use it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use crate::profile::{Cite, Version};
use crate::{parse_date, Options, Registry};

/// A case file: the profile it tests, options common to its cases, and the cases.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseFile {
    /// The profile id the cases run against.
    pub profile: String,
    /// What the file is, for readers.
    #[serde(default)]
    pub description: String,
    /// Options every case starts from (`asOf`, `parameters`, …); a case's own options replace
    /// these key by key.
    #[serde(default)]
    pub options: Map<String, Json>,
    pub cases: Vec<Case>,
}

/// One case.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Case {
    /// Stable and descriptive, e.g. `tongzhou.merge.300-inclusive`.
    pub id: String,
    /// The provisions the expectation rests on, as profile citations.
    pub rests_on: Vec<Cite>,
    #[serde(default)]
    pub description: String,
    /// The stage (`declaration`, `approval`, `implementation`, `acceptance`); without it the
    /// application's own `stage` field, else `declaration`.
    #[serde(default)]
    pub stage: Option<String>,
    #[serde(default)]
    pub options: Map<String, Json>,
    /// The application, as the public API takes it.
    pub application: Json,
    pub expect: Expect,
}

/// What the report must show. Every part is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Expect {
    /// Matched against `report.outcomes`.
    pub outcomes: Option<Json>,
    /// Each must match at least one diagnostic (exactly `count` of them when given).
    #[serde(default)]
    pub diagnostics: Vec<Json>,
    /// None may match any diagnostic.
    #[serde(default)]
    pub no_diagnostics: Vec<Json>,
    #[serde(default)]
    pub notices: Vec<Json>,
    #[serde(default)]
    pub no_notices: Vec<Json>,
    /// By rule id or document key: a status (`present`, `missing`, `conditional`), a matcher on
    /// the entry, or `null` for not listed. The key `*` applies to every listed document.
    #[serde(default)]
    pub required_documents: BTreeMap<String, Json>,
    /// Exactly these document keys are missing.
    pub missing_documents: Option<BTreeSet<String>>,
    /// By rule id: a matcher on the window, or `null` for not listed.
    #[serde(default)]
    pub windows: BTreeMap<String, Json>,
    /// Rules that applied: an outcome's reason, a diagnostic's rule, a missing document, a window
    /// not kept.
    #[serde(default)]
    pub fired: Vec<String>,
    #[serde(default)]
    pub not_fired: Vec<String>,
    /// Matched against `report.summary` (`errors`, `warnings`, `infos`, `complete`).
    pub summary: Option<Json>,
    /// Matched against the whole report, for anything the keys above do not reach.
    pub report: Option<Json>,
}

/// One expectation not met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mismatch {
    /// Where in the case, e.g. `expect.outcomes.merge.value.mode`, `expect.diagnostics[1]`.
    pub at: String,
    pub expected: String,
    pub got: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: expected {}, got {}",
            self.at, self.expected, self.got
        )
    }
}

/// The result of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseResult {
    pub id: String,
    pub mismatches: Vec<Mismatch>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

/// `FAIL <id>` and each mismatch on a line of its own, as the CLI and the test suites print it.
impl std::fmt::Display for CaseResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FAIL {}", self.id)?;
        for m in &self.mismatches {
            write!(f, "\n  {m}")?;
        }
        Ok(())
    }
}

/// Reads a case file; an error says where it is malformed.
pub fn parse(json: &str) -> Result<CaseFile, String> {
    serde_json::from_str(json).map_err(|e| format!("case file: {e}"))
}

/// Parses and runs a case file.
pub fn run_str(registry: &Registry, json: &str) -> Result<Vec<CaseResult>, String> {
    run(registry, &parse(json)?)
}

/// Runs every case of a file against its profile in `registry`.
pub fn run(registry: &Registry, file: &CaseFile) -> Result<Vec<CaseResult>, String> {
    let profile = registry
        .get(&file.profile)
        .ok_or_else(|| format!("case file: unknown profile `{}`", file.profile))?;
    if file.cases.is_empty() {
        return Err("case file: no cases: a profile is tested by at least one".into());
    }
    let mut seen = BTreeSet::new();
    Ok(file
        .cases
        .iter()
        .map(|case| {
            let mut mismatches = Vec::new();
            if case.id.is_empty() || !seen.insert(case.id.as_str()) {
                mismatches.push(mismatch("id", "a unique, non-empty id", &case.id));
            }
            match options(file, case) {
                Err(e) => mismatches.push(mismatch("options", "options the library accepts", &e)),
                Ok(options) => {
                    let version = options.as_of.and_then(|d| profile.version_on(d));
                    if let Some(version) = version.or_else(|| profile.versions.last()) {
                        check_citations(version, &case.rests_on, &mut mismatches);
                        check_names(version, &case.expect, &mut mismatches);
                    }
                    let report = registry.validate_value(&case.application, &options);
                    if let Some(version) = version {
                        check_declared_codes(version, &report, &mut mismatches);
                    }
                    match serde_json::to_value(&report) {
                        Ok(report) => check(&case.expect, &report, &mut mismatches),
                        Err(e) => mismatches.push(mismatch("report", "a report", &e.to_string())),
                    }
                }
            }
            CaseResult {
                id: case.id.clone(),
                mismatches,
            }
        })
        .collect())
}

fn mismatch(at: &str, expected: &str, got: &str) -> Mismatch {
    Mismatch {
        at: at.to_string(),
        expected: expected.to_string(),
        got: got.to_string(),
    }
}

/// The file's options, then the case's, then the case's stage, with the file's profile as the
/// jurisdiction unless the options name one.
fn options(file: &CaseFile, case: &Case) -> Result<Options, String> {
    let mut merged = file.options.clone();
    merged.extend(case.options.clone());
    merged
        .entry("jurisdiction")
        .or_insert_with(|| Json::String(file.profile.clone()));
    if let Some(stage) = &case.stage {
        merged.insert("stage".into(), Json::String(stage.clone()));
    }
    Options::from_json(&Json::Object(merged))
}

/// Each diagnostic and notice a provision reports has a code the rule reference lists for it.
fn check_declared_codes(version: &Version, report: &crate::Report, out: &mut Vec<Mismatch>) {
    let rules = version.rules();
    for d in report.diagnostics.iter().chain(&report.notices) {
        let Some(rule) = d.rule.as_deref() else {
            continue;
        };
        let Some(entry) = rules.iter().find(|r| r.id == rule) else {
            continue;
        };
        if !entry.codes.contains(d.code) {
            let listed = format!("{} among {rule}'s codes", d.code.id());
            let ids: Vec<&str> = entry.codes.iter().map(|c| c.id()).collect();
            out.push(mismatch("codes", &listed, &ids.join(" ")));
        }
    }
}

/// The citations a case rests on must exist in the regulation, as a profile's own must.
fn check_citations(version: &Version, cites: &[Cite], out: &mut Vec<Mismatch>) {
    if cites.is_empty() {
        out.push(mismatch("restsOn", "at least one citation", "none"));
    }
    for (i, c) in cites.iter().enumerate() {
        let found = match (c.article, c.annex) {
            (Some(n), None) => version.article(n).is_some_and(|a| {
                c.clause
                    .as_ref()
                    .is_none_or(|clause| a.clauses.contains(clause))
            }),
            (None, Some(n)) => version.annexes.iter().any(|a| a.n == n),
            _ => false,
        };
        if !found {
            out.push(mismatch(
                &format!("restsOn[{i}]"),
                "an article, clause or annex of the regulation",
                &compact(&serde_json::to_value(c).unwrap_or_default()),
            ));
        }
    }
}

/// The rules, windows, documents and codes a case names must exist: an expectation that a
/// misspelt rule does not fire, or that a misspelt code is not reported, would pass whatever the
/// report said.
fn check_names(version: &Version, expect: &Expect, out: &mut Vec<Mismatch>) {
    let rules: BTreeSet<String> = version.rules().into_iter().map(|r| r.id).collect();
    let mut unknown = |at: String, what: &str, name: &str| {
        out.push(mismatch(
            &at,
            what,
            &format!("`{name}`, which the profile does not have"),
        ));
    };
    for (key, names) in [("fired", &expect.fired), ("notFired", &expect.not_fired)] {
        for (i, rule) in names.iter().enumerate() {
            if !rules.contains(rule) {
                unknown(
                    format!("expect.{key}[{i}]"),
                    "a rule id of the profile",
                    rule,
                );
            }
        }
    }
    for rule in expect.windows.keys() {
        if !version.windows.iter().any(|w| *w.id == **rule) {
            unknown(format!("expect.windows.{rule}"), "a window's rule id", rule);
        }
    }
    for key in expect.required_documents.keys() {
        if key != "*" && !rules.contains(key) && version.documents.get(key).is_none() {
            let what = "a requirement's rule id, a document key or `*`";
            unknown(format!("expect.requiredDocuments.{key}"), what, key);
        }
    }
    let lists = [
        ("diagnostics", &expect.diagnostics),
        ("noDiagnostics", &expect.no_diagnostics),
        ("notices", &expect.notices),
        ("noNotices", &expect.no_notices),
    ];
    for (key, entries) in lists {
        for (i, entry) in entries.iter().enumerate() {
            if let Some(code) = entry.get("code").and_then(Json::as_str) {
                if crate::codes::Code::by_id(code).is_none() {
                    unknown(
                        format!("expect.{key}[{i}].code"),
                        "a code of RULES.md",
                        code,
                    );
                }
            }
            // A notice of a parameter the portal has not set names the parameter as its rule.
            if let Some(rule) = entry.get("rule").and_then(Json::as_str) {
                if !rules.contains(rule) && version.parameters.get(rule).is_none() {
                    let what = "a rule id or a parameter of the profile";
                    unknown(format!("expect.{key}[{i}].rule"), what, rule);
                }
            }
        }
    }
}

fn check(expect: &Expect, report: &Json, out: &mut Vec<Mismatch>) {
    let get = |key: &str| report.get(key);
    if let Some(outcomes) = &expect.outcomes {
        let before = out.len();
        matches(outcomes, get("outcomes"), "expect.outcomes", out);
        // A verdict expected but undetermined: say what it waits for, the likely cause.
        for m in out.iter_mut().skip(before) {
            let name = m.at.split('.').nth(2).unwrap_or_default();
            let outcome = get("outcomes").and_then(|o| o.get(name));
            if outcome.and_then(|o| o.get("status")) == Some(&Json::from("undetermined")) {
                let waits: Vec<&str> = list(outcome.and_then(|o| o.get("missing")))
                    .iter()
                    .filter_map(Json::as_str)
                    .collect();
                m.got = format!(
                    "{} ({name} undetermined, waiting for {})",
                    m.got,
                    waits.join(", ")
                );
            }
        }
    }
    if let Some(summary) = &expect.summary {
        matches(summary, get("summary"), "expect.summary", out);
    }
    if let Some(whole) = &expect.report {
        matches(whole, Some(report), "expect.report", out);
    }
    // A table with no case for these answers: the verdict is undetermined with nothing to wait
    // for, which no applicant can resolve (a gap in the profile, whatever the case expects).
    if let Some(Json::Object(outcomes)) = get("outcomes") {
        for (name, outcome) in outcomes {
            let waits = list(outcome.get("missing"));
            if text(outcome, "status") == "undetermined" && waits.is_empty() {
                let expected = "a case of the table that holds, or a field it waits for";
                out.push(mismatch(
                    &format!("outcomes.{name}"),
                    expected,
                    "no case holds",
                ));
            }
        }
    }
    let diagnostics = list(get("diagnostics"));
    let notices = list(get("notices"));
    present(&expect.diagnostics, diagnostics, "expect.diagnostics", out);
    absent(
        &expect.no_diagnostics,
        diagnostics,
        "expect.noDiagnostics",
        out,
    );
    present(&expect.notices, notices, "expect.notices", out);
    absent(&expect.no_notices, notices, "expect.noNotices", out);

    let outcomes = get("outcomes");
    let documents = list(outcomes.and_then(|o| o.get("requiredDocuments")));
    for (key, expected) in &expect.required_documents {
        let at = format!("expect.requiredDocuments.{key}");
        if key == "*" {
            for (i, document) in documents.iter().enumerate() {
                let at = format!("{at}[{i}] ({})", text(document, "rule"));
                match expected {
                    Json::String(status) if text(document, "status") != status => {
                        out.push(mismatch(&at, status, text(document, "status")));
                    }
                    Json::String(_) => {}
                    other => matches(other, Some(document), &at, out),
                }
            }
            continue;
        }
        let entry = documents
            .iter()
            .find(|d| text(d, "rule") == key)
            .or_else(|| documents.iter().find(|d| text(d, "document") == key));
        match expected {
            Json::String(status) => {
                let got = entry.map_or("not listed", |d| text(d, "status"));
                if got != status {
                    out.push(mismatch(&at, status, got));
                }
            }
            other => matches(other, entry, &at, out),
        }
    }
    if let Some(expected) = &expect.missing_documents {
        let got: BTreeSet<String> = documents
            .iter()
            .filter(|d| text(d, "status") == "missing")
            .map(|d| text(d, "document").to_string())
            .collect();
        if &got != expected {
            out.push(mismatch(
                "expect.missingDocuments",
                &format!("{expected:?}"),
                &format!("{got:?}"),
            ));
        }
    }
    let windows = list(outcomes.and_then(|o| o.get("windows")));
    for (rule, expected) in &expect.windows {
        let window = windows.iter().find(|w| text(w, "rule") == rule);
        matches(expected, window, &format!("expect.windows.{rule}"), out);
    }
    if !expect.fired.is_empty() || !expect.not_fired.is_empty() {
        let fired = fired(report);
        let shown = || format!("{fired:?}");
        for (i, rule) in expect.fired.iter().enumerate() {
            if !fired.contains(rule.as_str()) {
                out.push(mismatch(&format!("expect.fired[{i}]"), rule, &shown()));
            }
        }
        for (i, rule) in expect.not_fired.iter().enumerate() {
            if fired.contains(rule.as_str()) {
                let expected = format!("{rule} not to fire");
                out.push(mismatch(
                    &format!("expect.notFired[{i}]"),
                    &expected,
                    &shown(),
                ));
            }
        }
    }
}

fn list(value: Option<&Json>) -> &[Json] {
    value.and_then(Json::as_array).map_or(&[], Vec::as_slice)
}

fn text<'a>(value: &'a Json, key: &str) -> &'a str {
    value.get(key).and_then(Json::as_str).unwrap_or_default()
}

/// Every rule the report shows as having applied: an outcome's reasons, a diagnostic's rule, a
/// required document that is missing, a window not kept. Notices do not make a rule fire.
pub fn fired(report: &Json) -> BTreeSet<&str> {
    let mut ids = BTreeSet::new();
    let outcomes = report.get("outcomes");
    if let Some(Json::Object(map)) = outcomes {
        for outcome in map.values() {
            for trace in list(outcome.get("because")) {
                ids.insert(text(trace, "rule"));
            }
        }
    }
    for d in list(report.get("diagnostics")) {
        // A restriction that asks for the answer it turns on (RX002) has not applied, as a
        // window still pending has not.
        if text(d, "code") == crate::codes::Code::RestrictionUnchecked.id() {
            continue;
        }
        if let Some(rule) = d.get("rule").and_then(Json::as_str) {
            ids.insert(rule);
        }
    }
    for d in list(outcomes.and_then(|o| o.get("requiredDocuments"))) {
        if text(d, "status") == "missing" {
            ids.insert(text(d, "rule"));
        }
    }
    for w in list(outcomes.and_then(|o| o.get("windows"))) {
        if matches!(text(w, "status"), "early" | "late" | "overdue") {
            ids.insert(text(w, "rule"));
        }
    }
    ids.remove("");
    ids
}

/// A diagnostic matcher: a partial match on the diagnostic, plus `messageContains` (a string or
/// strings the message must contain) and `count` (how many must match; at least one otherwise).
struct ItemMatcher<'a> {
    shape: Json,
    contains: Vec<&'a str>,
    count: Option<u64>,
}

fn item_matcher(matcher: &Json) -> ItemMatcher<'_> {
    let mut shape = matcher.clone();
    let mut contains = Vec::new();
    let mut count = None;
    if let (Json::Object(map), Json::Object(source)) = (&mut shape, matcher) {
        map.remove("messageContains");
        map.remove("count");
        match source.get("messageContains") {
            Some(Json::String(s)) => contains.push(s.as_str()),
            Some(Json::Array(items)) => contains.extend(items.iter().filter_map(Json::as_str)),
            _ => {}
        }
        count = source.get("count").and_then(Json::as_u64);
    }
    ItemMatcher {
        shape,
        contains,
        count,
    }
}

impl ItemMatcher<'_> {
    fn matches(&self, item: &Json) -> bool {
        let message = text(item, "message");
        self.contains.iter().all(|c| message.contains(c)) && is_match(&self.shape, Some(item))
    }
}

fn present(matchers: &[Json], items: &[Json], at: &str, out: &mut Vec<Mismatch>) {
    for (i, m) in matchers.iter().enumerate() {
        let matcher = item_matcher(m);
        let n = items.iter().filter(|d| matcher.matches(d)).count() as u64;
        let ok = matcher.count.map_or(n > 0, |count| n == count);
        if !ok {
            let expected = match matcher.count {
                Some(count) => format!("{count} × {}", compact(m)),
                None => compact(m),
            };
            let got = format!("{n} matching among {}", summarise(items, m));
            out.push(mismatch(&format!("{at}[{i}]"), &expected, &got));
        }
    }
}

fn absent(matchers: &[Json], items: &[Json], at: &str, out: &mut Vec<Mismatch>) {
    for (i, m) in matchers.iter().enumerate() {
        let matcher = item_matcher(m);
        let found: Vec<Json> = items
            .iter()
            .filter(|d| matcher.matches(d))
            .cloned()
            .collect();
        if !found.is_empty() {
            let expected = format!("none like {}", compact(m));
            out.push(mismatch(
                &format!("{at}[{i}]"),
                &expected,
                &summarise(&found, m),
            ));
        }
    }
}

/// The diagnostics or notices, in short: those with the matcher's code in full (their message
/// is what a `messageContains` missed), otherwise each one's code, path and rule.
fn summarise(items: &[Json], matcher: &Json) -> String {
    let code = matcher.get("code").and_then(Json::as_str);
    let lines: Vec<String> = items
        .iter()
        .map(|d| {
            let rule = d
                .get("rule")
                .and_then(Json::as_str)
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            let head = format!(
                "{} {} at `{}`{rule}",
                text(d, "code"),
                text(d, "severity"),
                text(d, "path")
            );
            if code == Some(text(d, "code")) {
                format!("{head}: {}", text(d, "message"))
            } else {
                head
            }
        })
        .collect();
    if lines.is_empty() {
        "none".into()
    } else {
        format!("[{}]", lines.join("; "))
    }
}

fn compact(value: &Json) -> String {
    value.to_string()
}

fn got_text(value: Option<&Json>) -> String {
    value.map_or_else(|| "nothing".to_string(), compact)
}

fn is_match(expected: &Json, got: Option<&Json>) -> bool {
    let mut out = Vec::new();
    matches(expected, got, "", &mut out);
    out.is_empty()
}

/// The partial match. An object matches when each of its keys matches (a missing key counts as
/// `null`), an array when it has as many elements and each matches, a number by value, anything
/// else by equality. Three operators, each an object of one key: `{"$contains": …}` (an array
/// has an element matching each listed matcher; a string contains each listed text),
/// `{"$length": n}`, `{"$not": matcher}`.
fn matches(expected: &Json, got: Option<&Json>, at: &str, out: &mut Vec<Mismatch>) {
    let fail = |out: &mut Vec<Mismatch>| {
        out.push(mismatch(at, &compact(expected), &got_text(got)));
    };
    match expected {
        Json::Object(map) if map.len() == 1 && map.keys().all(|k| k.starts_with('$')) => {
            let Some((op, arg)) = map.iter().next() else {
                return;
            };
            let ok = match (op.as_str(), got) {
                ("$contains", Some(Json::String(s))) => match arg {
                    Json::String(t) => s.contains(t.as_str()),
                    Json::Array(ts) => ts.iter().all(|t| t.as_str().is_some_and(|t| s.contains(t))),
                    _ => false,
                },
                ("$contains", Some(Json::Array(items))) => list(Some(arg))
                    .iter()
                    .all(|m| items.iter().any(|item| is_match(m, Some(item)))),
                ("$length", Some(Json::Array(items))) => arg.as_u64() == Some(items.len() as u64),
                ("$not", _) => !is_match(arg, got),
                _ => false,
            };
            if !ok {
                fail(out);
            }
        }
        Json::Object(map) => match got {
            Some(Json::Object(_)) => {
                for (key, value) in map {
                    let inner = got.and_then(|g| g.get(key));
                    matches(value, inner, &format!("{at}.{key}"), out);
                }
            }
            _ => fail(out),
        },
        Json::Array(items) => match got {
            Some(Json::Array(actual)) if actual.len() == items.len() => {
                for (i, (e, g)) in items.iter().zip(actual).enumerate() {
                    matches(e, Some(g), &format!("{at}[{i}]"), out);
                }
            }
            _ => fail(out),
        },
        Json::Null => {
            if !matches!(got, None | Some(Json::Null)) {
                fail(out);
            }
        }
        Json::Number(n) => {
            let same = got
                .and_then(Json::as_number)
                .is_some_and(|g| g == n || (g.as_f64().is_some() && g.as_f64() == n.as_f64()));
            if !same {
                fail(out);
            }
        }
        other => {
            if got != Some(other) {
                fail(out);
            }
        }
    }
}

/// Rules of the version in force on `as_of` that no case covers: each must be expected to fire
/// in some case and not to fire in another, or to fire on an empty application (a rule that
/// always applies).
pub fn uncovered(registry: &Registry, file: &CaseFile, as_of: &str) -> Vec<String> {
    let Some(profile) = registry.get(&file.profile) else {
        return Vec::new();
    };
    let Some(version) = parse_date(as_of).and_then(|d| profile.version_on(d)) else {
        return Vec::new();
    };
    let mut fires = BTreeSet::new();
    let mut quiet = BTreeSet::new();
    for case in &file.cases {
        let empty = case.application.as_object().is_some_and(Map::is_empty);
        for rule in &case.expect.fired {
            fires.insert(rule.as_str());
            if empty {
                quiet.insert(rule.as_str());
            }
        }
        quiet.extend(case.expect.not_fired.iter().map(String::as_str));
    }
    version
        .rules()
        .into_iter()
        .map(|r| r.id)
        .filter(|id| !fires.contains(id.as_str()) || !quiet.contains(id.as_str()))
        .collect()
}
