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

pub mod calendar;
pub mod cases;
pub mod codes;
pub mod condition;
mod json_path;
pub mod json_text;
pub mod live;
pub mod messages;
pub mod model;
pub mod money;
pub mod profile;
pub mod reference;
pub mod report;
pub mod rules;
/// The npm package's exports (wasm-bindgen glue over [`live`] and the core).
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value as Json;

use crate::calendar::HolidayCalendar;
use crate::codes::{Code, Severity};
use crate::condition::{Parameters, Verdicts};
use crate::messages::Locale;
use crate::model::{Application, Field};
use crate::profile::{
    Acceptance, Approval, FinancialReview, Management, Merge, Panel, Profile, ProfileError, Stage,
    Supervision, VerdictOf, Version,
};
use crate::report::{
    Diagnostic, JurisdictionInfo, Notice, Outcome, RequiredDocument, WindowReport,
};
use crate::rules::budget_adjustment::AdjustmentVerdict;
use crate::rules::{Ctx, Sink};

/// A built-in profile by id: `profiles/{id}.json` without the whitespace between tokens (30 % of
/// the source), as `build.rs` writes it.
#[cfg(feature = "builtin-profiles")]
macro_rules! builtin_profile {
    ($id:literal) => {
        (
            $id,
            include_str!(concat!(env!("OUT_DIR"), "/", $id, ".json")),
        )
    };
}

/// The built-in regulations, as profile JSON.
#[cfg(feature = "builtin-profiles")]
pub const BUILTIN_PROFILES: &[(&str, &str)] = &[
    builtin_profile!("tongzhou"),
    builtin_profile!("shexian"),
    builtin_profile!("tinghu"),
    builtin_profile!("jiangjin"),
    builtin_profile!("xiangcheng"),
];

/// None: built without the `builtin-profiles` feature, profiles are loaded at run time.
#[cfg(not(feature = "builtin-profiles"))]
pub const BUILTIN_PROFILES: &[(&str, &str)] = &[];

/// How to validate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub jurisdiction: String,
    /// The date the application is made; the regulation version in force then applies.
    pub as_of: Option<NaiveDate>,
    /// Overrides the application's own `stage`; the default is `declaration`.
    pub stage: Option<Stage>,
    pub locale: Locale,
    /// Values for parameters a text names but does not fix, in the parameter's unit.
    pub parameters: BTreeMap<String, Decimal>,
    pub calendar: HolidayCalendar,
    /// Replacement message templates, by code (e.g. `DC001`).
    pub messages: BTreeMap<String, String>,
}

/// The keys [`Options::from_json`] reads.
const KNOWN_OPTIONS: &[&str] = &[
    "jurisdiction",
    "asOf",
    "stage",
    "locale",
    "parameters",
    "holidays",
    "workdays",
    "messages",
];

impl Options {
    pub fn for_jurisdiction(id: &str) -> Options {
        Options {
            jurisdiction: id.to_string(),
            ..Options::default()
        }
    }

    /// Reads options from JSON. Unknown keys and wrong types are misuse by the integrator and are
    /// refused with a message that says what to change. A known key set to `null` (JavaScript's
    /// `undefined`, as the wrapper writes it) is absent: the option keeps its default.
    pub fn from_json(json: &Json) -> Result<Options, String> {
        let Json::Object(map) = json else {
            return Err(
                "options must be an object such as {\"jurisdiction\": \"tongzhou\"}".into(),
            );
        };
        let mut options = Options::default();
        for (key, value) in map {
            let bad = |what: &str| format!("options.{key} must be {what}");
            if value.is_null() && KNOWN_OPTIONS.contains(&key.as_str()) {
                continue;
            }
            match key.as_str() {
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
                    options.stage = Some(Stage::from_key(text).ok_or_else(|| {
                        bad("one of declaration, approval, implementation, acceptance")
                    })?);
                }
                "locale" => {
                    options.locale = Locale::from_tag(value.as_str().unwrap_or_default())
                        .ok_or_else(|| bad("\"zh-CN\" or \"en\""))?
                }
                "parameters" => {
                    let Json::Object(params) = value else {
                        return Err(bad("an object of amounts"));
                    };
                    for (name, v) in params {
                        let text = match v {
                            Json::String(s) => s.clone(),
                            Json::Number(n) => n.to_string(),
                            _ => {
                                return Err(format!("options.parameters.{name} must be an amount"))
                            }
                        };
                        let amount = money::parse(&text).map_err(|_| {
                            format!("options.parameters.{name} must be an amount, got {text}")
                        })?;
                        options.parameters.insert(name.clone(), amount);
                    }
                }
                "holidays" | "workdays" => {
                    let Json::Array(days) = value else {
                        return Err(bad("an array of YYYY-MM-DD dates"));
                    };
                    for day in days {
                        let date = day
                            .as_str()
                            .and_then(parse_date)
                            .ok_or_else(|| bad("an array of YYYY-MM-DD dates"))?;
                        if key == "holidays" {
                            options.calendar.holidays.insert(date);
                        } else {
                            options.calendar.workdays.insert(date);
                        }
                    }
                }
                "messages" => {
                    let Json::Object(templates) = value else {
                        return Err(bad("an object of templates by code"));
                    };
                    for (code, template) in templates {
                        if Code::by_id(code).is_none() {
                            return Err(format!("options.messages.{code}: unknown code"));
                        }
                        let text = template
                            .as_str()
                            .ok_or_else(|| format!("options.messages.{code} must be a string"))?;
                        options.messages.insert(code.clone(), text.to_string());
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
        Ok(options)
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

/// Every derived verdict. An outcome is absent where the regulation has no such rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    pub complete: bool,
}

/// The result of one validation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub jurisdiction: Option<Arc<JurisdictionInfo>>,
    pub as_of: String,
    pub stage: &'static str,
    pub locale: Locale,
    pub outcomes: Outcomes,
    pub diagnostics: Vec<Diagnostic>,
    pub notices: Vec<Notice>,
    /// Names of the documents the regulation refers to, by key.
    pub document_names: Arc<BTreeMap<String, String>>,
    pub summary: Summary,
}

/// The profiles a validation can use: the built-in ones and any loaded at run time.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: Vec<Entry>,
}

/// One jurisdiction of a registry. A built-in profile is parsed on first use, so that a page
/// validating against one regulation does not pay for parsing all five (about 55–110 KB of JSON
/// each); a profile loaded at run time is parsed and checked when it is loaded.
#[derive(Debug, Clone)]
struct Entry {
    id: String,
    source: Option<&'static str>,
    profile: std::sync::OnceLock<Option<Profile>>,
}

impl Entry {
    fn profile(&self) -> Option<&Profile> {
        self.profile
            .get_or_init(|| self.source.and_then(|json| profile::parse(json).ok()))
            .as_ref()
    }
}

impl Registry {
    /// The five built-in regulations. They are parsed on first use and not cross-checked at run
    /// time: the test suite loads each through [`profile::load`] and proves it clean. One that
    /// failed to parse would be reported as unknown rather than stop the others.
    pub fn builtin() -> Registry {
        let entries = BUILTIN_PROFILES
            .iter()
            .map(|(id, json)| Entry {
                id: (*id).to_string(),
                source: Some(json),
                profile: std::sync::OnceLock::new(),
            })
            .collect();
        Registry { entries }
    }

    /// Adds (or replaces, by id) a profile from JSON; a bad profile is rejected whole.
    pub fn load(&mut self, json: &str) -> Result<&Profile, Vec<ProfileError>> {
        let profile = profile::load(json)?;
        self.entries.retain(|e| e.id != profile.id);
        self.entries.push(Entry {
            id: profile.id.clone(),
            source: None,
            profile: std::sync::OnceLock::from(Some(profile)),
        });
        self.entries
            .last()
            .and_then(Entry::profile)
            .ok_or_else(Vec::new)
    }

    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.entries.iter().find(|e| e.id == id)?.profile()
    }

    /// Every profile, in order (parses any built-in one not parsed yet).
    pub fn profiles(&self) -> Vec<&Profile> {
        self.entries.iter().filter_map(Entry::profile).collect()
    }

    /// The ids of the jurisdictions, without parsing any profile.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.id.as_str())
    }

    /// Validates an application given as JSON text. A syntax error is reported as a diagnostic
    /// at the root with its line and column.
    pub fn validate_str(&self, json: &str, options: &Options) -> Report {
        match serde_json::from_str::<Json>(json) {
            Ok(value) => self.validate_value(&value, options),
            Err(e) => {
                let mut d = Diagnostic::new(Code::WrongType, "")
                    .param("expected", "object".into())
                    .param(
                        "got",
                        format!("invalid JSON (line {}, column {})", e.line(), e.column()),
                    );
                d.severity = Severity::Error;
                self.validate_parsed(&Application::default(), vec![d], options)
            }
        }
    }

    pub fn validate_value(&self, json: &Json, options: &Options) -> Report {
        let mut input_problems = Vec::new();
        let app = Application::from_json(json, &mut input_problems);
        self.validate_parsed(&app, input_problems, options)
    }

    /// Validates an application already read, together with the problems found reading it.
    pub fn validate_parsed(
        &self,
        app: &Application,
        input_problems: Vec<Diagnostic>,
        options: &Options,
    ) -> Report {
        let as_of = options.as_of.unwrap_or_else(today);
        let stage = options
            .stage
            .or_else(|| app.text(Field::Stage).and_then(Stage::from_key))
            .unwrap_or(Stage::Declaration);
        let rejected: BTreeSet<String> = input_problems.iter().map(|d| d.path.clone()).collect();
        let mut sink = Sink {
            diagnostics: input_problems,
            ..Sink::default()
        };
        let mut outcomes = Outcomes {
            approval: None,
            merge: None,
            supervision: None,
            management: None,
            expert_panel: None,
            financial_review: None,
            acceptance: None,
            adjustment: None,
            required_documents: Vec::new(),
            windows: Vec::new(),
        };
        let mut jurisdiction = None;
        let mut document_names = Arc::default();
        let found = self.get(&options.jurisdiction).and_then(|profile| {
            pick_version(profile, as_of, options.locale, &mut sink.notices).map(|v| (profile, v))
        });
        match found {
            None => {
                let known: Vec<&str> = self.ids().collect();
                sink.diagnostics.push(
                    Diagnostic::new(Code::UnknownJurisdiction, "")
                        .param("input", options.jurisdiction.clone())
                        .param("allowed", known.join(", ")),
                );
            }
            Some((profile, version)) => {
                let params = parameters(version, options);
                let ctx = Ctx {
                    profile,
                    version,
                    app,
                    params: &params,
                    stage,
                    as_of,
                    calendar: &options.calendar,
                    locale: options.locale,
                    rejected: &rejected,
                    verdicts: None,
                };
                outcomes = run_rules(&ctx, &mut sink);
                cite_input_problems(&ctx, &mut sink.diagnostics);
                let shared = &version.shared;
                jurisdiction = Some(Arc::clone(shared.info.get(options.locale, || {
                    Arc::new(info(profile, version, options.locale))
                })));
                document_names = Arc::clone(shared.document_names.get(options.locale, || {
                    Arc::new(
                        version
                            .documents
                            .iter()
                            .map(|(k, d)| {
                                (
                                    k.clone(),
                                    options.locale.pick(&d.name, &d.name_en).to_string(),
                                )
                            })
                            .collect(),
                    )
                }));
                for (param, outcome) in std::mem::take(&mut sink.missing_parameters) {
                    let label = version.parameters.get(&param).map_or(param.clone(), |p| {
                        options.locale.pick(&p.label, &p.label_en).to_string()
                    });
                    let cites = version
                        .parameters
                        .get(&param)
                        .map(|p| ctx.cite(&p.cite))
                        .unwrap_or_default();
                    sink.notices.push(
                        Diagnostic::new(Code::ParameterMissing, "")
                            .rule(&param, cites)
                            .param("parameter", label)
                            .param("outcome", outcome)
                            .param("parameterKey", param.clone()),
                    );
                }
            }
        }
        for d in sink.diagnostics.iter_mut().chain(sink.notices.iter_mut()) {
            messages::render(d, options.locale, &options.messages);
        }
        let count = |s: Severity| sink.diagnostics.iter().filter(|d| d.severity == s).count();
        let summary = Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            complete: count(Severity::Error) == 0,
        };
        Report {
            jurisdiction,
            as_of: calendar::iso(as_of),
            stage: stage.key(),
            locale: options.locale,
            outcomes,
            diagnostics: sink.diagnostics,
            notices: sink.notices,
            document_names,
            summary,
        }
    }
}

fn run_rules(ctx: &Ctx, sink: &mut Sink) -> Outcomes {
    use rules::*;
    let o = &ctx.version.outcomes;
    let approval = decision::decide(ctx, sink, ("审批层级", "Approval tier"), &o.approval);
    let merge = decision::decide(ctx, sink, ("合并编报", "Merge-eligibility"), &o.merge);
    let supervision = decision::decide(ctx, sink, ("工程监理", "Supervision"), &o.supervision);
    let management = decision::decide(ctx, sink, ("管理方式", "Management mode"), &o.management);
    let mut verdicts = Verdicts::default();
    verdicts.record(
        VerdictOf::Approval,
        approval.as_ref(),
        Approval::verdict_key,
    );
    verdicts.record(VerdictOf::Merge, merge.as_ref(), Merge::verdict_key);
    verdicts.record(
        VerdictOf::Supervision,
        supervision.as_ref(),
        Supervision::verdict_key,
    );
    verdicts.record(
        VerdictOf::Management,
        management.as_ref(),
        Management::verdict_key,
    );
    let ctx = &Ctx {
        verdicts: Some(&verdicts),
        ..*ctx
    };
    let outcomes = Outcomes {
        approval,
        merge,
        supervision,
        management,
        expert_panel: decision::decide(
            ctx,
            sink,
            ("专家评审组成", "Expert panel"),
            &o.expert_panel,
        ),
        financial_review: decision::decide(
            ctx,
            sink,
            ("财政评审", "Financial review"),
            &o.financial_review,
        ),
        acceptance: decision::decide(ctx, sink, ("验收组织", "Acceptance"), &o.acceptance),
        adjustment: budget_adjustment::check(ctx, sink),
        required_documents: missing_document::check(ctx, sink),
        windows: timing_window::check(ctx, sink),
    };
    required_field::check(ctx, sink);
    unknown_document::check(ctx, sink);
    form_enumeration::check(ctx, sink);
    funding_sum::check(ctx, sink);
    month_order::check(ctx, sink);
    resource_table::check(ctx, sink);
    expert_panel::check(ctx, sink, outcomes.expert_panel.as_ref());
    restriction::check(ctx, sink);
    annual_deadline::check(ctx, sink);
    amount_on_boundary::report(ctx, sink);
    outcomes
}

/// A malformed value in a field the regulation's form asks for cites that form, so that every
/// message shows its basis; input problems elsewhere (dates, facts) have none to cite.
fn cite_input_problems(ctx: &Ctx, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics
        .iter_mut()
        .filter(|d| d.citations.is_empty() && d.rule.is_none())
    {
        let Some(field) = Field::by_path(&d.path) else {
            continue;
        };
        let asking = ctx
            .version
            .required_fields
            .iter()
            .find(|r| r.fields.iter().any(|f| f.0 == field));
        if let Some(rule) = asking {
            d.citations = ctx.cite(&rule.cite);
        }
    }
}

/// The version in force on `as_of`, with a notice where none is. `None` only for a profile with no
/// version, which the loader refuses.
fn pick_version<'p>(
    profile: &'p Profile,
    as_of: NaiveDate,
    locale: Locale,
    notices: &mut Vec<Notice>,
) -> Option<&'p Version> {
    let version = profile.version_on(as_of)?;
    let title = locale.pick(&version.title, &version.title_en).to_string();
    match (version.in_force, version.repealed) {
        (Some(start), _) if as_of < start => notices.push(
            Diagnostic::new(Code::NotYetInForce, "")
                .param("regulation", title.clone())
                .param("inForce", calendar::iso(start))
                .param("asOf", calendar::iso(as_of)),
        ),
        (_, Some(end)) if as_of >= end => notices.push(
            Diagnostic::new(Code::Repealed, "")
                .param("regulation", title.clone())
                .param("repealed", calendar::iso(end))
                .param("asOf", calendar::iso(as_of)),
        ),
        _ => {}
    }
    let unprinted: Vec<&str> = [
        (
            version.document_number.is_none(),
            locale.pick("文号", "document number"),
        ),
        (
            version.issued.is_none(),
            locale.pick("印发日期", "issue date"),
        ),
        (
            version.in_force.is_none(),
            locale.pick("施行日期", "in-force date"),
        ),
    ]
    .into_iter()
    .filter_map(|(absent, what)| absent.then_some(what))
    .collect();
    if !unprinted.is_empty() {
        notices.push(
            Diagnostic::new(Code::DateNotPrinted, "")
                .param("regulation", title)
                .param("what", unprinted.join(locale.pick("、", ", "))),
        );
    }
    Some(version)
}

fn parameters(version: &Version, options: &Options) -> Parameters {
    version
        .parameters
        .iter()
        .map(|(name, p)| {
            (
                name.clone(),
                p.value.or_else(|| options.parameters.get(name).copied()),
            )
        })
        .collect()
}

fn info(profile: &Profile, version: &Version, locale: Locale) -> JurisdictionInfo {
    JurisdictionInfo {
        id: profile.id.clone(),
        title: locale.pick(&version.title, &version.title_en).to_string(),
        region: profile.region.clone(),
        document_number: version.document_number.clone(),
        issued: version.issued.map(calendar::iso),
        in_force: version.in_force.map(calendar::iso),
        in_force_basis: version.in_force_basis.clone(),
    }
}

/// Today's date where the platform has a clock; the pure core never reads it otherwise.
fn today() -> NaiveDate {
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Utc::now().date_naive()
    }
    #[cfg(target_arch = "wasm32")]
    {
        NaiveDate::default()
    }
}

static BUILTIN: std::sync::LazyLock<Registry> = std::sync::LazyLock::new(Registry::builtin);

/// The built-in registry, loaded once.
pub fn builtin() -> &'static Registry {
    &BUILTIN
}

/// Validates application JSON text against a built-in regulation.
pub fn validate_json(json: &str, options: &Options) -> Report {
    builtin().validate_str(json, options)
}
