//! Jurisdiction profiles: a regulation's thresholds, document chains, requirements and windows as
//! data, each value with its citation. The five built-in regulations and any profile a portal loads
//! at run time use this one format; the rule logic that reads it lives in [`crate::rules`].
//!
//! The format is documented in `docs/profile-format.md`.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codes::Severity;
use crate::messages::Locale;
use crate::model::{Field, Kind};
use crate::report::Citations;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub region: String,
    /// Marks an example profile that describes no real place.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fictional: bool,
    /// Dated versions, oldest first; the as-of date picks one.
    pub versions: Vec<Version>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Version {
    pub title: String,
    #[serde(default)]
    pub title_en: String,
    /// `null` where the text prints none.
    pub document_number: Option<String>,
    /// `null` where the text prints none.
    #[serde(default, with = "opt_date")]
    pub issued: Option<NaiveDate>,
    /// `null` where the text fixes no date (e.g. 自印发之日起施行 with no issue date printed).
    #[serde(default, with = "opt_date")]
    pub in_force: Option<NaiveDate>,
    /// Where the in-force rule comes from, as the text has it.
    pub in_force_basis: String,
    #[serde(default, with = "opt_date")]
    pub repealed: Option<NaiveDate>,
    #[serde(default)]
    pub replaces: Option<String>,
    pub articles: Vec<Article>,
    #[serde(default)]
    pub annexes: Vec<Annex>,
    pub documents: BTreeMap<String, Named>,
    #[serde(default)]
    pub chapters: BTreeMap<String, Named>,
    #[serde(default)]
    pub parameters: BTreeMap<String, Parameter>,
    #[serde(default)]
    pub outcomes: Outcomes,
    #[serde(default)]
    pub required_fields: Vec<RequiredFields>,
    #[serde(default)]
    pub requirements: Vec<Requirement>,
    #[serde(default)]
    pub windows: Vec<Window>,
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    #[serde(default)]
    pub enumerations: Vec<Enumeration>,
    #[serde(default)]
    pub funding_sums: Option<Provision>,
    #[serde(default)]
    pub resource_table: Option<ResourceTable>,
    #[serde(default)]
    pub panels: Vec<PanelCheck>,
    #[serde(default)]
    pub restrictions: Vec<Restriction>,
    #[serde(default)]
    pub adjustment: Option<Adjustment>,
    /// Provisions of the text that are deliberately not checked, with the reason.
    #[serde(default)]
    pub not_formalised: Vec<NotFormalised>,
    /// Where the text can be read two ways, the reading the checks take and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interpretations: Vec<Interpretation>,
    /// What every report made under this version repeats, made once per locale on first use.
    #[serde(skip)]
    pub(crate) shared: Shared,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Article {
    pub n: u32,
    pub label: String,
    #[serde(default)]
    pub chapter: String,
    #[serde(default)]
    pub clauses: Vec<String>,
    pub about: String,
    #[serde(default)]
    pub about_en: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Annex {
    pub n: u32,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Named {
    pub name: String,
    #[serde(default)]
    pub name_en: String,
}

/// A citation: an article (and clause) or an annex of the profile's own regulation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cite {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annex: Option<u32>,
}

/// A value made once per locale, on first use.
#[derive(Debug, Clone)]
pub struct PerLocale<T> {
    zh: OnceLock<T>,
    en: OnceLock<T>,
}

impl<T> Default for PerLocale<T> {
    fn default() -> Self {
        PerLocale {
            zh: OnceLock::new(),
            en: OnceLock::new(),
        }
    }
}

impl<T> PerLocale<T> {
    pub fn get(&self, locale: Locale, make: impl FnOnce() -> T) -> &T {
        match locale {
            Locale::ZhCn => &self.zh,
            Locale::En => &self.en,
        }
        .get_or_init(make)
    }
}

/// The parts of a report that depend on the version and locale alone.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shared {
    pub(crate) document_names: PerLocale<Arc<BTreeMap<String, String>>>,
    pub(crate) info: PerLocale<Arc<crate::report::JurisdictionInfo>>,
}

/// The citations of one provision, as the profile gives them. Their resolution against the
/// article index is made once per locale, on first use, and shared: a live form reports the same
/// provisions on every keystroke, and a shared list costs a reference count, not five strings per
/// citation.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Cites {
    list: Vec<Cite>,
    #[serde(skip)]
    resolved: PerLocale<Citations>,
}

impl Cites {
    /// The citations resolved against `version`, the version this list belongs to.
    pub fn resolve(&self, version: &Version, jurisdiction: &str, locale: Locale) -> Citations {
        self.resolved
            .get(locale, || {
                self.list
                    .iter()
                    .map(|c| version.citation(jurisdiction, c, locale))
                    .collect()
            })
            .clone()
    }
}

impl Cites {
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

impl std::ops::Deref for Cites {
    type Target = [Cite];

    fn deref(&self) -> &[Cite] {
        &self.list
    }
}

impl From<Vec<Cite>> for Cites {
    fn from(list: Vec<Cite>) -> Cites {
        Cites {
            list,
            ..Cites::default()
        }
    }
}

/// A threshold or limit. `value: null` marks a parameter that the text names but does not fix,
/// which a portal supplies (歙县 分散采购限额标准, 相城 政府采购限额).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Parameter {
    #[serde(with = "opt_decimal")]
    pub value: Option<Decimal>,
    pub unit: String,
    pub label: String,
    #[serde(default)]
    pub label_en: String,
    pub cite: Cites,
}

/// The comparison a text's wording fixes: 超过 `gt`, 以上/及以上/（含）以上 `ge`, 不满/以下(exclusive
/// by an explicit clause) `lt`, 以下/及以下 `le`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Op {
    Gt,
    Ge,
    Lt,
    Le,
}

/// A condition over the application, three-valued: a fact not yet filled in makes it unknown.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Condition {
    #[default]
    Always,
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// A yes/no fact; unanswered is unknown, never 「否」.
    Flag(FieldRef),
    /// A choice or text field equals one of the values (a multi-choice field: any of them). A
    /// multi-choice field that is absent is unknown; given as an empty list it is answered「无」.
    In(InCondition),
    /// A money field compared with a parameter.
    Amount(AmountCondition),
    /// A whole-number field (years, persons) compared with a parameter.
    Number(AmountCondition),
    /// A document of this kind is on file.
    HasDocument(String),
    /// The event a date field records has happened (合同签订后): true once the date is filled in,
    /// unknown while it is blank, since a blank date does not say the event has not happened.
    Dated(FieldRef),
    /// Another outcome's verdict, e.g. merge-eligibility is `merge`: unknown while that outcome is
    /// undetermined, and then it needs what the outcome needs. Read after the decision tables, so
    /// the tables themselves may not use it.
    Verdict(VerdictCondition),
}

/// The outcomes a condition can read, by the value that names their verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum VerdictOf {
    /// `need`: required, mayBeExempt, notRequired.
    Approval,
    /// `mode`: merge, substitute, lighter, omit, separate.
    Merge,
    /// `mode`: mandatory, unifiedService, central, inPrinciple.
    Supervision,
    /// `mode`: fullProcess, filing.
    Management,
}

impl VerdictOf {
    pub fn key(self) -> &'static str {
        match self {
            VerdictOf::Approval => "approval",
            VerdictOf::Merge => "merge",
            VerdictOf::Supervision => "supervision",
            VerdictOf::Management => "management",
        }
    }

    /// The values its verdict can take, as profiles write them.
    pub fn values(self) -> &'static [&'static str] {
        match self {
            VerdictOf::Approval => &["required", "mayBeExempt", "notRequired"],
            VerdictOf::Merge => &["merge", "substitute", "lighter", "omit", "separate"],
            VerdictOf::Supervision => &[
                "mandatory",
                "unifiedService",
                "central",
                "inPrinciple",
                "notSpecified",
            ],
            VerdictOf::Management => &["fullProcess", "filing"],
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerdictCondition {
    pub of: VerdictOf,
    pub is: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InCondition {
    pub field: FieldRef,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AmountCondition {
    pub field: FieldRef,
    pub op: Op,
    pub param: String,
    /// The text's own words for this side of the line, e.g. 「300万元及以下」.
    pub wording: String,
    /// Where two clauses of the text both claim the exact amount, how this one is read.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub boundary_reading: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub boundary_reading_en: String,
}

/// A field named by its JSON path in a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldRef(pub Field);

impl<'de> Deserialize<'de> for FieldRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Checked("a string", |path: &str| {
            Field::by_path(path)
                .map(FieldRef)
                .ok_or_else(|| format!("unknown application field `{path}`"))
        }))
    }
}

impl Serialize for FieldRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.path())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    Declaration,
    Approval,
    Implementation,
    Acceptance,
}

impl Stage {
    pub fn key(self) -> &'static str {
        match self {
            Stage::Declaration => "declaration",
            Stage::Approval => "approval",
            Stage::Implementation => "implementation",
            Stage::Acceptance => "acceptance",
        }
    }

    pub fn from_key(key: &str) -> Option<Stage> {
        [
            Stage::Declaration,
            Stage::Approval,
            Stage::Implementation,
            Stage::Acceptance,
        ]
        .into_iter()
        .find(|s| s.key() == key)
    }
}

/// One row of a decision table: the first row whose condition holds gives the outcome.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Case<T> {
    pub id: String,
    #[serde(default)]
    pub when: Condition,
    pub cite: Cites,
    pub result: T,
    pub explanation: String,
    #[serde(default)]
    pub explanation_en: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Outcomes {
    #[serde(default)]
    pub approval: Vec<Case<Approval>>,
    #[serde(default)]
    pub merge: Vec<Case<Merge>>,
    #[serde(default)]
    pub supervision: Vec<Case<Supervision>>,
    #[serde(default)]
    pub management: Vec<Case<Management>>,
    #[serde(default)]
    pub expert_panel: Vec<Case<Panel>>,
    #[serde(default)]
    pub financial_review: Vec<Case<FinancialReview>>,
    #[serde(default)]
    pub acceptance: Vec<Case<Acceptance>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ApprovalNeed {
    Required,
    MayBeExempt,
    NotRequired,
}

/// Who approves, through which documents.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Approval {
    pub need: ApprovalNeed,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// Document keys in the order they are compiled and approved.
    #[serde(default)]
    pub chain: Vec<String>,
    /// Further procedure, e.g. escalation to the city and province.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    /// A body whose 审定 comes before the approval is issued (歙县 第十四条: 报县政府审定后，由县数据
    /// 资源局批复).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsed_by: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MergeMode {
    /// The documents may be compiled as one (合并编报).
    Merge,
    /// `documents` stand in for `replaces` (e.g. 可研及概算代初步设计).
    Substitute,
    /// A lighter document replaces the whole chain (e.g. 建设方案).
    Lighter,
    /// `replaces` need not be compiled at all.
    Omit,
    /// Each document is compiled and approved on its own.
    Separate,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Merge {
    pub mode: MergeMode,
    #[serde(default)]
    pub documents: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
}

impl Approval {
    /// The value a [`VerdictCondition`] on approval compares.
    pub fn verdict_key(&self) -> &'static str {
        match self.need {
            ApprovalNeed::Required => "required",
            ApprovalNeed::MayBeExempt => "mayBeExempt",
            ApprovalNeed::NotRequired => "notRequired",
        }
    }
}

impl Merge {
    /// The value a [`VerdictCondition`] on merge-eligibility compares.
    pub fn verdict_key(&self) -> &'static str {
        match self.mode {
            MergeMode::Merge => "merge",
            MergeMode::Substitute => "substitute",
            MergeMode::Lighter => "lighter",
            MergeMode::Omit => "omit",
            MergeMode::Separate => "separate",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SupervisionMode {
    /// 必须实行工程监理制.
    Mandatory,
    /// Apply to the leading group's office for the unified supervision service.
    UnifiedService,
    /// Arranged centrally; the applicant neither procures nor budgets it.
    Central,
    /// 原则上实行监理制.
    InPrinciple,
    /// The text names the supervision system (工程监理制度) without saying which projects must
    /// be supervised.
    NotSpecified,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Supervision {
    pub mode: SupervisionMode,
    /// Whether the supervision fee belongs in the project's budget estimate; `null` where the text
    /// does not say.
    #[serde(default)]
    pub fee_in_budget: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Other fees that go into the estimate (等保测评, 密评, 软件测评 …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_in_budget: Vec<String>,
}

impl Supervision {
    /// The value a [`VerdictCondition`] on supervision compares.
    pub fn verdict_key(&self) -> &'static str {
        match self.mode {
            SupervisionMode::Mandatory => "mandatory",
            SupervisionMode::UnifiedService => "unifiedService",
            SupervisionMode::Central => "central",
            SupervisionMode::InPrinciple => "inPrinciple",
            SupervisionMode::NotSpecified => "notSpecified",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ManagementMode {
    /// 全过程管理.
    FullProcess,
    /// 报备制管理.
    Filing,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Management {
    pub mode: ManagementMode,
}

impl Management {
    /// The value a [`VerdictCondition`] on the management mode compares.
    pub fn verdict_key(&self) -> &'static str {
        match self.mode {
            ManagementMode::FullProcess => "fullProcess",
            ManagementMode::Filing => "filing",
        }
    }
}

/// The composition an expert panel must have.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Panel {
    pub min_size: u32,
    pub odd: bool,
    #[serde(default)]
    pub external_only: bool,
    /// The text says 原则上: a panel that falls short is a warning, not an error.
    #[serde(default, skip_serializing_if = "is_false")]
    pub in_principle: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FinancialReview {
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum InitialAcceptance {
    Required,
    Optional,
    NotProvided,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Acceptance {
    pub organiser: String,
    pub initial_acceptance: InitialAcceptance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_filed_with: Option<String>,
}

/// Fields of the 申报表 that must be filled in at a stage.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequiredFields {
    pub id: String,
    pub stage: Stage,
    #[serde(default)]
    pub when: Condition,
    pub fields: Vec<FieldRef>,
    pub cite: Cites,
}

/// A document that must be on file at a stage, and the chapters it must contain.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub stage: Stage,
    /// The document; any one of `anyOf` also satisfies the requirement, where its own condition
    /// holds.
    pub document: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<Alternative>,
    #[serde(default)]
    pub when: Condition,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chapters: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    pub cite: Cites,
    pub why: String,
    #[serde(default)]
    pub why_en: String,
}

/// A document that stands in for a required one: always (`"combinedDocument"`), or only where
/// its condition holds (`{"document": "combinedDocument", "when": {"verdict": {"of": "merge",
/// "is": ["merge"]}}, "cite": [{"article": 11}]}`), typically another outcome's verdict.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alternative {
    pub document: String,
    #[serde(default)]
    pub when: Condition,
    /// The provision that allows or refuses the substitution, cited when it is refused.
    #[serde(default, skip_serializing_if = "Cites::is_empty")]
    pub cite: Cites,
}

// By hand rather than `#[serde(untagged)]` or a helper struct, whose buffering and second struct
// deserializer would add their code to the wasm for one list.
impl<'de> Deserialize<'de> for Alternative {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> serde::de::Visitor<'de> for Form {
            type Value = Alternative;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a document key, or an object {document, when, cite}")
            }

            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Alternative, E> {
                Ok(Alternative {
                    document: key.to_string(),
                    when: Condition::Always,
                    cite: Cites::default(),
                })
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Alternative, A::Error> {
                use serde::de::Error;
                let (mut document, mut when, mut cite) =
                    (None, Condition::Always, Cites::default());
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "document" => document = Some(map.next_value()?),
                        "when" => when = map.next_value()?,
                        "cite" => cite = map.next_value()?,
                        other => {
                            return Err(A::Error::unknown_field(
                                other,
                                &["document", "when", "cite"],
                            ))
                        }
                    }
                }
                let document = document.ok_or_else(|| A::Error::missing_field("document"))?;
                Ok(Alternative {
                    document,
                    when,
                    cite,
                })
            }
        }
        d.deserialize_any(Form)
    }
}

/// A length of time as the texts count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Span {
    Days(u32),
    WorkingDays(u32),
    Months(u32),
    Years(u32),
}

/// `to` must fall no earlier than `from + min` and no later than `from + max`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Window {
    pub id: String,
    pub from: FieldRef,
    pub to: FieldRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Span>,
    #[serde(default)]
    pub when: Condition,
    /// Stages at which an unmet window is reported; empty means every stage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    pub cite: Cites,
    pub description: String,
    #[serde(default)]
    pub description_en: String,
    /// What to do when the window has passed (e.g. 提出延期验收申请).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub late_action: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub late_action_en: String,
    /// A date field holding the new latest date of an approved postponement (延期验收): where it is
    /// filled in and later than the window's own end, the window closes then instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postponed_to: Option<FieldRef>,
    /// Dates of steps that come before `to` (验收申请 before 验收): one already past the latest date
    /// shows the window missed before `to` is filled in (`TW006`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preceded_by: Vec<FieldRef>,
}

/// A yearly submission date for next year's plan, e.g. 每年10月底前.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deadline {
    pub id: String,
    pub stage: Stage,
    /// Month and day (`MM-DD`) in the year before the plan year.
    pub by: String,
    pub cite: Cites,
    pub description: String,
    #[serde(default)]
    pub description_en: String,
}

/// A form field whose value must be one of the listed words.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Enumeration {
    pub id: String,
    pub field: FieldRef,
    pub values: Vec<String>,
    pub cite: Cites,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Provision {
    pub id: String,
    pub cite: Cites,
}

/// The information-resource table's columns and their allowed words.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceTable {
    pub id: String,
    pub sharing: Vec<String>,
    /// The sharing value that needs a stated condition (有条件共享).
    pub needs_condition: String,
    /// The sharing value that needs a stated reason (不予共享).
    pub needs_reason: String,
    pub frequencies: Vec<String>,
    pub cite: Cites,
}

/// Checks an expert panel against the composition an outcome table prescribes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PanelCheck {
    pub id: String,
    pub size: FieldRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<FieldRef>,
    /// Decision table for the composition; the expert-review panel reuses `outcomes.expertPanel`
    /// by leaving this empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<Case<Panel>>,
}

/// Something a project of this kind must not do, or a condition it must meet.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Restriction {
    pub id: String,
    pub when: Condition,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Fields the message is shown at.
    pub paths: Vec<FieldRef>,
    pub cite: Cites,
    pub message: String,
    #[serde(default)]
    pub message_en: String,
}

/// The budget-adjustment rule (通州 第二十九条, 歙县 第三十八条).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Adjustment {
    pub id: String,
    /// Parameter holding the largest share of the approved estimate, e.g. 0.15.
    pub max_ratio_param: String,
    pub cite: Cites,
    /// The simplified route when every condition holds.
    pub simplified: String,
    #[serde(default)]
    pub simplified_en: String,
    /// What applies otherwise.
    pub otherwise: String,
    #[serde(default)]
    pub otherwise_en: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NotFormalised {
    pub id: String,
    pub cite: Cites,
    pub reason: String,
    #[serde(default)]
    pub reason_en: String,
}

/// A contested reading, decided: which provisions, the reading taken, and the legal reason.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Interpretation {
    pub id: String,
    pub cite: Cites,
    pub reading: String,
    #[serde(default)]
    pub reading_en: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A string read into a value by a function that says what is wrong with it. The check runs in the
/// visitor, not after it, so that serde_json places the error at the string itself: [`parse`]
/// recovers the JSON path of an error from its position.
struct Checked<F>(&'static str, F);

impl<'de, T, F: FnOnce(&str) -> Result<T, String>> serde::de::Visitor<'de> for Checked<F> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
        (self.1)(text).map_err(E::custom)
    }
}

/// Dates as `YYYY-MM-DD`, through the one date reader of the crate rather than chrono's
/// format-string parser, which would add its code to the wasm.
mod opt_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Checked;

    struct Date(NaiveDate);

    impl<'de> Deserialize<'de> for Date {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(Checked("a date string YYYY-MM-DD", |text: &str| {
                crate::parse_date(text)
                    .map(Date)
                    .ok_or_else(|| format!("`{text}` is not a date YYYY-MM-DD"))
            }))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Ok(Option::<Date>::deserialize(d)?.map(|date| date.0))
    }

    pub fn serialize<S: Serializer>(v: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(date) => s.collect_str(date),
            None => s.serialize_none(),
        }
    }
}

mod opt_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Checked;

    struct Number(Decimal);

    impl<'de> Deserialize<'de> for Number {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(Checked("a string", |text: &str| {
                text.parse::<Decimal>()
                    .map(Number)
                    .map_err(|_| format!("`{text}` is not a decimal number"))
            }))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        Ok(Option::<Number>::deserialize(d)?.map(|n| n.0))
    }

    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_str(&d.normalize().to_string()),
            None => s.serialize_none(),
        }
    }
}

/// A problem in a profile, located by JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Parses and checks a profile. A profile with any error is rejected whole.
pub fn load(json: &str) -> Result<Profile, Vec<ProfileError>> {
    let profile = parse(json)?;
    let errors = check(&profile);
    if errors.is_empty() {
        Ok(profile)
    } else {
        Err(errors)
    }
}

/// Parses a profile without the cross-checks, for the built-in ones (which the test suite checks).
/// A serde error is located by the JSON path of its position in the text; its message keeps the
/// line and column only for text that is not JSON.
pub fn parse(json: &str) -> Result<Profile, Vec<ProfileError>> {
    serde_json::from_str(json).map_err(|e| {
        let path = crate::json_path::of_error(json, &e);
        let mut message = e.to_string();
        if e.is_data() {
            let at = format!(" at line {} column {}", e.line(), e.column());
            message.truncate(message.strip_suffix(&at).map_or(message.len(), str::len));
        }
        vec![ProfileError { path, message }]
    })
}

/// Cross-reference checks serde cannot make: citations name articles and clauses that exist,
/// documents, chapters and parameters are declared, ids are unique, versions are in date order.
pub fn check(profile: &Profile) -> Vec<ProfileError> {
    let mut errors = Vec::new();
    if profile.id.is_empty()
        || !profile
            .id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        errors.push(ProfileError {
            path: "id".into(),
            message: "must be non-empty ASCII letters, digits or '-'".into(),
        });
    }
    if profile.versions.is_empty() {
        errors.push(ProfileError {
            path: "versions".into(),
            message: "at least one version is required".into(),
        });
    }
    let mut previous: Option<NaiveDate> = None;
    for (vi, version) in profile.versions.iter().enumerate() {
        let at = format!("versions[{vi}]");
        if let (Some(prev), Some(start)) = (previous, version.in_force) {
            if start <= prev {
                errors.push(ProfileError {
                    path: format!("{at}.inForce"),
                    message: "versions must be in order of their in-force dates".into(),
                });
            }
        }
        previous = version.in_force.or(previous);
        let mut checker = Checker {
            v: version,
            errors: Vec::new(),
            ids: Vec::new(),
            verdicts_readable: false,
        };
        checker.version(&at);
        errors.extend(checker.errors);
    }
    errors
}

struct Checker<'a> {
    v: &'a Version,
    errors: Vec<ProfileError>,
    ids: Vec<(String, String)>,
    /// Whether the conditions being checked are read after the verdicts they may turn on.
    verdicts_readable: bool,
}

impl Checker<'_> {
    fn err(&mut self, path: String, message: String) {
        self.errors.push(ProfileError { path, message });
    }

    /// A rule: its id is unique, its citations resolve, its condition refers to what exists.
    fn rule(&mut self, id: &str, cite: &[Cite], when: &Condition, path: &str) {
        self.ids.push((id.to_string(), path.to_string()));
        self.cites(cite, &format!("{path}.cite"));
        self.condition(when, &format!("{path}.when"));
    }

    fn cites(&mut self, cite: &[Cite], path: &str) {
        if cite.is_empty() {
            self.err(path.to_string(), "a citation is required".into());
        }
        for (i, c) in cite.iter().enumerate() {
            self.cite(c, &format!("{path}[{i}]"));
        }
    }

    fn cite(&mut self, c: &Cite, path: &str) {
        match (c.article, c.annex) {
            (Some(n), None) => match self.v.article(n) {
                None => self.err(
                    format!("{path}.article"),
                    format!("the regulation has no article {n}"),
                ),
                Some(a) => {
                    if let Some(clause) = c.clause.as_ref().filter(|cl| !a.clauses.contains(cl)) {
                        let message = format!("{} has no clause ({clause})", a.label);
                        self.err(format!("{path}.clause"), message);
                    }
                }
            },
            (None, Some(n)) => {
                if !self.v.annexes.iter().any(|a| a.n == n) {
                    self.err(
                        format!("{path}.annex"),
                        format!("the regulation has no annex {n}"),
                    );
                }
            }
            _ => self.err(
                path.to_string(),
                "cite exactly one of `article` or `annex`".into(),
            ),
        }
    }

    fn document(&mut self, key: &str, path: String) {
        if !self.v.documents.contains_key(key) {
            self.err(
                path,
                format!("document `{key}` is not declared in `documents`"),
            );
        }
    }

    fn documents(&mut self, keys: &[String], path: &str) {
        for (j, d) in keys.iter().enumerate() {
            self.document(d, format!("{path}[{j}]"));
        }
    }

    fn parameter(&mut self, name: &str, path: String) {
        if !self.v.parameters.contains_key(name) {
            self.err(
                path,
                format!("parameter `{name}` is not declared in `parameters`"),
            );
        }
    }

    fn condition(&mut self, c: &Condition, path: &str) {
        match c {
            Condition::Always => {}
            Condition::All(cs) | Condition::Any(cs) => {
                let key = if matches!(c, Condition::All(_)) {
                    "all"
                } else {
                    "any"
                };
                for (i, inner) in cs.iter().enumerate() {
                    self.condition(inner, &format!("{path}.{key}[{i}]"));
                }
            }
            Condition::Not(inner) => self.condition(inner, &format!("{path}.not")),
            Condition::Flag(f) => {
                if f.0.spec().kind != Kind::Bool {
                    self.err(
                        format!("{path}.flag"),
                        format!("`{}` is not a yes/no field", f.0.path()),
                    );
                }
            }
            Condition::In(i) => match i.field.0.spec().kind {
                Kind::Choice(keys) | Kind::Choices(keys) => {
                    for (j, value) in i.values.iter().enumerate() {
                        if !keys.contains(&value.as_str()) {
                            let message =
                                format!("`{value}` is not a value of `{}`", i.field.0.path());
                            self.err(format!("{path}.in.values[{j}]"), message);
                        }
                    }
                }
                Kind::Text | Kind::Texts => {}
                _ => {
                    let message = format!("`{}` is not a choice or text field", i.field.0.path());
                    self.err(format!("{path}.in.field"), message);
                }
            },
            Condition::Amount(a) => {
                if a.field.0.spec().kind != Kind::Money {
                    let message = format!("`{}` is not an amount field", a.field.0.path());
                    self.err(format!("{path}.amount.field"), message);
                }
                self.parameter(&a.param, format!("{path}.amount.param"));
            }
            Condition::Number(n) => {
                if !matches!(n.field.0.spec().kind, Kind::Count(..)) {
                    let message = format!("`{}` is not a whole-number field", n.field.0.path());
                    self.err(format!("{path}.number.field"), message);
                }
                self.parameter(&n.param, format!("{path}.number.param"));
            }
            Condition::HasDocument(d) => self.document(d, format!("{path}.hasDocument")),
            Condition::Dated(f) => {
                if f.0.spec().kind != Kind::Date {
                    self.err(
                        format!("{path}.dated"),
                        format!("`{}` is not a date field", f.0.path()),
                    );
                }
            }
            Condition::Verdict(v) => self.verdict(v, &format!("{path}.verdict")),
        }
    }

    fn verdict(&mut self, v: &VerdictCondition, path: &str) {
        if !self.verdicts_readable {
            let message = "the approval, merge, supervision and management tables may not turn on a verdict; the rules after them may".into();
            self.err(path.to_string(), message);
        }
        let o = &self.v.outcomes;
        let defined = match v.of {
            VerdictOf::Approval => !o.approval.is_empty(),
            VerdictOf::Merge => !o.merge.is_empty(),
            VerdictOf::Supervision => !o.supervision.is_empty(),
            VerdictOf::Management => !o.management.is_empty(),
        };
        if !defined {
            let message = format!("the regulation has no `outcomes.{}`", v.of.key());
            self.err(format!("{path}.of"), message);
        }
        for (i, value) in v.is.iter().enumerate() {
            if !v.of.values().contains(&value.as_str()) {
                let message = format!(
                    "`{value}` is not a verdict of `{}` ({})",
                    v.of.key(),
                    v.of.values().join(", ")
                );
                self.err(format!("{path}.is[{i}]"), message);
            }
        }
    }

    fn table<T>(
        &mut self,
        cases: &[Case<T>],
        path: &str,
        mut extra: impl FnMut(&mut Self, &T, &str),
    ) {
        for (i, case) in cases.iter().enumerate() {
            let at = format!("{path}[{i}]");
            self.rule(&case.id, &case.cite, &case.when, &at);
            extra(self, &case.result, &at);
        }
    }

    fn version(&mut self, at: &str) {
        let v = self.v;
        for (i, a) in v.articles.iter().enumerate() {
            if usize::try_from(a.n).ok() != Some(i + 1) {
                self.err(
                    format!("{at}.articles[{i}].n"),
                    format!("expected article {} here", i + 1),
                );
            }
        }
        for (name, p) in &v.parameters {
            self.cites(&p.cite, &format!("{at}.parameters.{name}.cite"));
        }
        let o = &v.outcomes;
        self.table(
            &o.approval,
            &format!("{at}.outcomes.approval"),
            |c, r, p| c.documents(&r.chain, &format!("{p}.result.chain")),
        );
        self.table(&o.merge, &format!("{at}.outcomes.merge"), |c, r, p| {
            c.documents(&r.documents, &format!("{p}.result.documents"));
            c.documents(&r.replaces, &format!("{p}.result.replaces"));
        });
        self.table(
            &o.supervision,
            &format!("{at}.outcomes.supervision"),
            |_, _, _| {},
        );
        self.table(
            &o.management,
            &format!("{at}.outcomes.management"),
            |_, _, _| {},
        );
        self.verdicts_readable = true;
        self.table(
            &o.expert_panel,
            &format!("{at}.outcomes.expertPanel"),
            |_, _, _| {},
        );
        self.table(
            &o.financial_review,
            &format!("{at}.outcomes.financialReview"),
            |_, _, _| {},
        );
        self.table(
            &o.acceptance,
            &format!("{at}.outcomes.acceptance"),
            |_, _, _| {},
        );
        for (i, r) in v.required_fields.iter().enumerate() {
            self.rule(
                &r.id,
                &r.cite,
                &r.when,
                &format!("{at}.requiredFields[{i}]"),
            );
        }
        for (i, r) in v.requirements.iter().enumerate() {
            let path = format!("{at}.requirements[{i}]");
            self.rule(&r.id, &r.cite, &r.when, &path);
            self.document(&r.document, format!("{path}.document"));
            for (j, alt) in r.any_of.iter().enumerate() {
                let at = format!("{path}.anyOf[{j}]");
                self.document(&alt.document, format!("{at}.document"));
                self.condition(&alt.when, &format!("{at}.when"));
                for (k, c) in alt.cite.iter().enumerate() {
                    self.cite(c, &format!("{at}.cite[{k}]"));
                }
            }
            for (j, c) in r.chapters.iter().enumerate() {
                if !v.chapters.contains_key(c) {
                    self.err(
                        format!("{path}.chapters[{j}]"),
                        format!("chapter `{c}` is not declared in `chapters`"),
                    );
                }
            }
        }
        for (i, w) in v.windows.iter().enumerate() {
            let path = format!("{at}.windows[{i}]");
            self.rule(&w.id, &w.cite, &w.when, &path);
            let later = w
                .postponed_to
                .iter()
                .map(|f| ("postponedTo", *f))
                .chain(w.preceded_by.iter().map(|f| ("precededBy", *f)));
            for (name, f) in [("from", w.from), ("to", w.to)].into_iter().chain(later) {
                if f.0.spec().kind != Kind::Date {
                    self.err(
                        format!("{path}.{name}"),
                        format!("`{}` is not a date field", f.0.path()),
                    );
                }
            }
            if w.min.is_none() && w.max.is_none() {
                self.err(path, "a window needs `min`, `max` or both".into());
            }
        }
        for (i, d) in v.deadlines.iter().enumerate() {
            let path = format!("{at}.deadlines[{i}]");
            self.rule(&d.id, &d.cite, &Condition::Always, &path);
            if parse_month_day(&d.by).is_none() {
                self.err(format!("{path}.by"), "expected `MM-DD`".into());
            }
        }
        for (i, e) in v.enumerations.iter().enumerate() {
            let path = format!("{at}.enumerations[{i}]");
            self.rule(&e.id, &e.cite, &Condition::Always, &path);
            if !matches!(e.field.0.spec().kind, Kind::Text | Kind::Texts) {
                self.err(
                    format!("{path}.field"),
                    format!("`{}` is not a text field", e.field.0.path()),
                );
            }
        }
        if let Some(f) = &v.funding_sums {
            self.rule(
                &f.id,
                &f.cite,
                &Condition::Always,
                &format!("{at}.fundingSums"),
            );
        }
        if let Some(t) = &v.resource_table {
            self.rule(
                &t.id,
                &t.cite,
                &Condition::Always,
                &format!("{at}.resourceTable"),
            );
            for (name, value) in [
                ("needsCondition", &t.needs_condition),
                ("needsReason", &t.needs_reason),
            ] {
                if !t.sharing.contains(value) {
                    self.err(
                        format!("{at}.resourceTable.{name}"),
                        format!("`{value}` is not one of `sharing`"),
                    );
                }
            }
        }
        for (i, p) in v.panels.iter().enumerate() {
            let path = format!("{at}.panels[{i}]");
            self.ids.push((p.id.clone(), path.clone()));
            self.table(&p.cases, &format!("{path}.cases"), |_, _, _| {});
            if p.cases.is_empty() && v.outcomes.expert_panel.is_empty() {
                self.err(
                    format!("{path}.cases"),
                    "no cases here and no `outcomes.expertPanel` to use".into(),
                );
            }
        }
        for (i, r) in v.restrictions.iter().enumerate() {
            self.rule(&r.id, &r.cite, &r.when, &format!("{at}.restrictions[{i}]"));
        }
        if let Some(a) = &v.adjustment {
            self.rule(
                &a.id,
                &a.cite,
                &Condition::Always,
                &format!("{at}.adjustment"),
            );
            self.parameter(&a.max_ratio_param, format!("{at}.adjustment.maxRatioParam"));
        }
        for (i, n) in v.interpretations.iter().enumerate() {
            self.rule(
                &n.id,
                &n.cite,
                &Condition::Always,
                &format!("{at}.interpretations[{i}]"),
            );
        }
        for (i, n) in v.not_formalised.iter().enumerate() {
            self.rule(
                &n.id,
                &n.cite,
                &Condition::Always,
                &format!("{at}.notFormalised[{i}]"),
            );
        }
        let mut ids = std::mem::take(&mut self.ids);
        ids.sort();
        for pair in ids.windows(2) {
            if let [(a, _), (b, path)] = pair {
                if a == b {
                    self.err(path.clone(), format!("rule id `{b}` is used twice"));
                }
            }
        }
    }
}

/// `MM-DD` → (month, day).
pub fn parse_month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.split_once('-')?;
    let (month, day) = (m.parse().ok()?, d.parse().ok()?);
    NaiveDate::from_ymd_opt(2000, month, day).map(|_| (month, day))
}

impl Profile {
    /// The version in force on `as_of`: the latest one in force by then, or the first when
    /// `as_of` precedes them all. `None` only for a profile with no version, which the loader
    /// refuses.
    pub fn version_on(&self, as_of: NaiveDate) -> Option<&Version> {
        self.versions
            .iter()
            .rev()
            .find(|v| v.in_force.is_none_or(|d| d <= as_of))
            .or(self.versions.first())
    }
}

impl Version {
    /// A citation of this version, resolved against its article index.
    pub fn citation(
        &self,
        jurisdiction: &str,
        c: &Cite,
        locale: Locale,
    ) -> crate::report::Citation {
        let (article, about, about_en) = self.cite_label(c);
        crate::report::Citation {
            jurisdiction: jurisdiction.to_string(),
            regulation: self.title.clone(),
            document_number: self.document_number.clone(),
            article,
            summary: locale.pick(&about, &about_en).to_string(),
        }
    }

    pub fn article(&self, n: u32) -> Option<&Article> {
        self.articles.iter().find(|a| a.n == n)
    }

    /// `第二十条（一）` or `附件1`, and what it is about (zh, en).
    pub fn cite_label(&self, c: &Cite) -> (String, String, String) {
        match (c.article.and_then(|n| self.article(n)), c.annex) {
            (Some(a), _) => {
                let clause = c
                    .clause
                    .as_deref()
                    .map(|cl| format!("（{cl}）"))
                    .unwrap_or_default();
                (
                    format!("{}{clause}", a.label),
                    a.about.clone(),
                    a.about_en.clone(),
                )
            }
            (None, Some(n)) => {
                let title = self
                    .annexes
                    .iter()
                    .find(|x| x.n == n)
                    .map(|x| x.title.clone())
                    .unwrap_or_default();
                (format!("附件{n}"), title.clone(), title)
            }
            (None, None) => Default::default(),
        }
    }

    pub fn document_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.documents.get(key).map_or(key, |d| d.name.as_str())
    }
}

/// One provision of a version as the rule reference lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleEntry {
    pub id: String,
    /// Which mechanism checks it: `outcome.approval`, `requirement.declaration`, `window` …
    pub kind: String,
    /// The codes it can report (none for a decision-table case, which feeds an outcome).
    pub codes: &'static [&'static str],
    pub cite: Vec<Cite>,
    /// What it says, in zh-CN and en.
    pub summary: String,
    pub summary_en: String,
}

impl Version {
    /// Every checked provision, in profile order (provisions marked not formalised excluded).
    pub fn rules(&self) -> Vec<RuleEntry> {
        let mut out = Vec::new();
        let o = &self.outcomes;
        out.extend(case_entries(&o.approval, "outcome.approval", &[]));
        out.extend(case_entries(&o.merge, "outcome.merge", &[]));
        out.extend(case_entries(&o.supervision, "outcome.supervision", &[]));
        out.extend(case_entries(&o.management, "outcome.management", &[]));
        out.extend(case_entries(&o.expert_panel, "outcome.expertPanel", &[]));
        out.extend(case_entries(
            &o.financial_review,
            "outcome.financialReview",
            &[],
        ));
        out.extend(case_entries(&o.acceptance, "outcome.acceptance", &[]));
        let mut push = |id: &str, kind: String, codes, cite: &[Cite], zh: String, en: String| {
            out.push(RuleEntry {
                id: id.to_string(),
                kind,
                codes,
                cite: cite.to_vec(),
                summary: zh,
                summary_en: en,
            });
        };
        for r in &self.required_fields {
            let zh: Vec<&str> = r.fields.iter().map(|f| f.0.spec().zh).collect();
            let en: Vec<&str> = r.fields.iter().map(|f| f.0.spec().en).collect();
            push(
                &r.id,
                "requiredFields".into(),
                &["FM001"],
                &r.cite,
                format!("须填写：{}", zh.join("、")),
                format!("Required: {}", en.join(", ")),
            );
        }
        for r in &self.requirements {
            let en = self
                .documents
                .get(&r.document)
                .map_or(r.document.as_str(), |d| d.name_en.as_str());
            let zh = format!("{}：{}", self.document_name(&r.document), r.why);
            push(
                &r.id,
                format!("requirement.{}", r.stage.key()),
                &["DC001", "DC002"],
                &r.cite,
                zh,
                format!("{en}: {}", r.why_en),
            );
        }
        for w in &self.windows {
            push(
                &w.id,
                "window".into(),
                &["TW001", "TW002", "TW003", "TW005"],
                &w.cite,
                w.description.clone(),
                w.description_en.clone(),
            );
        }
        for d in &self.deadlines {
            push(
                &d.id,
                "deadline".into(),
                &["TW004"],
                &d.cite,
                d.description.clone(),
                d.description_en.clone(),
            );
        }
        for e in &self.enumerations {
            let spec = e.field.0.spec();
            push(
                &e.id,
                "enumeration".into(),
                &["FM002"],
                &e.cite,
                format!("{}：{}", spec.zh, e.values.join("、")),
                format!("{}: {}", spec.en, e.values.join(", ")),
            );
        }
        if let Some(f) = &self.funding_sums {
            push(
                &f.id,
                "fundingSums".into(),
                &["FM003"],
                &f.cite,
                "资金表各行合计等于各来源之和".into(),
                "Each funding row's total equals the sum of its sources".into(),
            );
        }
        if let Some(t) = &self.resource_table {
            let zh = format!(
                "共享属性：{}；采集更新频率：{}",
                t.sharing.join("、"),
                t.frequencies.join("、")
            );
            push(
                &t.id,
                "resourceTable".into(),
                &["RS001", "RS002", "RS003", "RS004", "RS005"],
                &t.cite,
                zh,
                "Resource rows: sharing, its condition or reason, update frequency".into(),
            );
        }
        for p in &self.panels {
            for c in &p.cases {
                push(
                    &c.id,
                    "panel".into(),
                    &["EP001", "EP002", "EP003"],
                    &c.cite,
                    c.explanation.clone(),
                    c.explanation_en.clone(),
                );
            }
        }
        for r in &self.restrictions {
            push(
                &r.id,
                "restriction".into(),
                &["RX001"],
                &r.cite,
                r.message.clone(),
                r.message_en.clone(),
            );
        }
        if let Some(a) = &self.adjustment {
            push(
                &a.id,
                "adjustment".into(),
                &["AD001", "AD002", "AD003"],
                &a.cite,
                a.simplified.clone(),
                a.simplified_en.clone(),
            );
        }
        out
    }
}

fn case_entries<'a, T>(
    cases: &'a [Case<T>],
    kind: &'a str,
    codes: &'static [&'static str],
) -> impl Iterator<Item = RuleEntry> + 'a {
    cases.iter().map(move |c| RuleEntry {
        id: c.id.clone(),
        kind: kind.to_string(),
        codes,
        cite: c.cite.to_vec(),
        summary: c.explanation.clone(),
        summary_en: c.explanation_en.clone(),
    })
}
