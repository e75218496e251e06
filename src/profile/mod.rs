//! Jurisdiction profiles: a regulation's thresholds, document chains, requirements and windows as
//! data, each value with its citation. The five built-in regulations and any profile a portal loads
//! at run time use this one format; the rule logic that reads it lives in [`crate::rules`].
//!
//! The format is documented in `docs/profile-format.md`. This module is the format itself (the
//! schema, as serde types); [`load`] reads a profile, [`bounds`] checks what the engine relies on
//! to finish and stay exact, `check` (with the `profile-check` feature) that and the
//! cross-reference checks serde cannot, and [`Version::rules`] lists what a version checks, for
//! the rule reference.

mod check;
pub mod compact;
mod load;
mod rules;

pub use check::bounds;
#[cfg(feature = "profile-check")]
pub use check::check;
#[cfg(feature = "profile-check")]
pub use load::load;
pub use load::{parse, too_large, ProfileError};
pub use rules::RuleEntry;

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codes::Severity;
use crate::messages::Locale;
use crate::model::Field;
use crate::report::Citations;
use crate::rules::nearest_threshold::Table;
use crate::sorted::SortedMap;

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
    /// Decoded without the English texts it keeps apart ([`compact::decode`]): its English texts
    /// are empty, and an English report says so (`JU006`).
    #[serde(skip)]
    pub english_not_loaded: bool,
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
    pub documents: SortedMap<String, Named>,
    #[serde(default)]
    pub chapters: SortedMap<String, Named>,
    #[serde(default)]
    pub parameters: SortedMap<Arc<str>, Parameter>,
    #[serde(default)]
    pub outcomes: DecisionTables,
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
    /// Fields this regulation's form or text words otherwise than the package's labels do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field_labels: Vec<FieldLabel>,
    /// Verdicts this regulation names otherwise than the package's headings do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcome_names: Vec<OutcomeName>,
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

/// A field as one regulation's own form or text words it, where the package's label is another
/// regulation's word (相城 附件1's 「预算总投资」 for 预计总投资; 相城 has a 项目任务书, not a
/// 立项批复): its messages and its trace name the field so.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldLabel {
    pub field: FieldRef,
    pub label: String,
    /// Where empty, the package's English label.
    #[serde(default)]
    pub label_en: String,
    /// Where the text words it so.
    pub cite: Cites,
}

/// A verdict as one regulation's text names it, where the package's heading is another
/// regulation's term (江津 第九条 has no 合并编报: its 可研及概算 stand in for the 初步设计): its
/// form, its nearest thresholds' messages and its report's `jurisdiction.outcomeNames` name it so.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutcomeName {
    pub outcome: Table,
    pub name: String,
    /// Where empty, the package's English name.
    #[serde(default)]
    pub name_en: String,
    /// Where the text names it so.
    pub cite: Cites,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Named {
    /// Shared with each report's entry that names it.
    pub name: Arc<str>,
    #[serde(default)]
    pub name_en: Arc<str>,
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

/// The names of `table`'s entries (documents, chapters) in `locale`, by key.
fn names_in(table: &SortedMap<String, Named>, locale: Locale) -> SortedMap<String, String> {
    crate::sorted::gathered(
        table
            .iter()
            .map(|(k, n)| (k.clone(), locale.pick(&n.name, &n.name_en).to_string())),
    )
}

/// The key of the entry of `table` (documents, chapters) that `given` names, by key or by name.
fn key_named<'a>(table: &'a SortedMap<String, Named>, given: &'a str) -> Option<&'a str> {
    if table.contains_key(given) {
        return Some(given);
    }
    table
        .iter()
        .find(|(_, n)| *n.name == *given)
        .map(|(key, _)| key.as_str())
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
    pub(crate) document_names: PerLocale<Arc<SortedMap<String, String>>>,
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
    /// The inner `flag` or `in` as answered: a blank field makes it false, not unknown. For an
    /// exception or a category the applicant claims (「确需紧急建设的除外」, 运维项目), which does not
    /// apply until claimed, so that the text's general rule holds meanwhile.
    Answered(Box<Condition>),
    /// Another outcome's verdict, e.g. merge-eligibility is `merge`: unknown while that outcome is
    /// undetermined, and then it needs what the outcome needs. Read after the decision tables, so
    /// the tables themselves may not use it.
    Verdict(VerdictCondition),
}

impl Condition {
    /// The one field a `flag` or an `in` reads.
    pub fn field(&self) -> Option<Field> {
        match self {
            Condition::Flag(f) => Some(f.0),
            Condition::In(i) => Some(i.field.0),
            _ => None,
        }
    }
}

/// The outcomes a condition can read, by the value that names their verdict; numbered in the order
/// of [`crate::outcomes::OUTCOMES`].
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
    pub const ALL: [VerdictOf; 4] = [
        VerdictOf::Approval,
        VerdictOf::Merge,
        VerdictOf::Supervision,
        VerdictOf::Management,
    ];

    /// Its bit in a mask of verdicts.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The values its verdict can take, as profiles write them.
    pub fn values(self) -> &'static [&'static str] {
        match self {
            VerdictOf::Approval => ApprovalNeed::KEYS,
            VerdictOf::Merge => MergeMode::KEYS,
            VerdictOf::Supervision => SupervisionMode::KEYS,
            VerdictOf::Management => ManagementMode::KEYS,
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
    /// A money field whose amount, once given, is the one compared instead (批复概算总投资 for
    /// 预计总投资 after the approval): blank, `field` is read; given but unreadable, unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<FieldRef>,
    pub op: Op,
    /// Its texts are shared, not copied, with each amount found on the line
    /// ([`crate::condition::BoundaryHit`]).
    pub param: Arc<str>,
    /// The text's own words for this side of the line, e.g. 「300万元及以下」.
    pub wording: Arc<str>,
    /// Where two clauses of the text both claim the exact amount, how this one is read.
    #[serde(default, skip_serializing_if = "no_text")]
    pub boundary_reading: Arc<str>,
    #[serde(default, skip_serializing_if = "no_text")]
    pub boundary_reading_en: Arc<str>,
    /// The provision the wording quotes, where it is not the rule's own (a requirement of 第8条
    /// that applies from 第4条（一）'s 「预算金额100万元（含）以上」): the boundary notice cites it.
    #[serde(default, skip_serializing_if = "Cites::is_empty")]
    pub cite: Cites,
}

fn no_text(text: &Arc<str>) -> bool {
    text.is_empty()
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

/// One row of a decision table: the first row whose condition holds gives the outcome.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Case<T> {
    pub id: Arc<str>,
    #[serde(default)]
    pub when: Condition,
    pub cite: Cites,
    /// Shared with every outcome it gives, which holds it rather than a copy.
    pub result: Arc<T>,
    /// Shared, as the result is, with every trace that quotes it.
    pub explanation: Arc<str>,
    #[serde(default)]
    pub explanation_en: Arc<str>,
    /// What its result means, as a nearest threshold past which it decides says it; made once per
    /// locale, on first use, and shared by every entry that names it.
    #[serde(skip)]
    pub(crate) nearest_label: PerLocale<Arc<str>>,
}

/// The decision tables behind each outcome (the profile's `outcomes`); what they decide for one
/// application is [`crate::Outcomes`].
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DecisionTables {
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

/// An enum whose values profiles and reports write by one key each (a verdict's `need` or `mode`, a
/// stage): serde's names, [`key`](ApprovalNeed::key), `KEYS` (and so the package's TypeScript
/// unions) and the labels forms show ([`label`](ApprovalNeed::label), the package's `labels()`)
/// all come from the one table, so a [`VerdictCondition`] compares exactly what a report shows.
macro_rules! keyed_values {
    (@one_of $first:literal $(, $rest:literal)*) => {
        concat!("one of ", $first $(, ", ", $rest)*)
    };
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$doc:meta])* $variant:ident => $key:literal, $zh:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
        pub enum $name {
            $($(#[$doc])* #[serde(rename = $key)] $variant,)*
        }

        impl $name {
            /// Every value, in the order of the table.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// Every value, as profiles and reports write it.
            pub const KEYS: &'static [&'static str] = &[$($key),*];
            /// Every value, as a message offers them: `one of a, b, c`.
            pub const ONE_OF: &'static str = keyed_values!(@one_of $($key),*);

            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)*
                }
            }

            /// The value a key names.
            pub fn from_key(key: &str) -> Option<$name> {
                [$($name::$variant),*].into_iter().find(|v| v.key() == key)
            }

            /// What a form shows for the value, in Chinese and in English.
            pub fn label(self) -> (&'static str, &'static str) {
                match self {
                    $($name::$variant => ($zh, $en),)*
                }
            }
        }
    };
}

keyed_values! {
    /// A stage of the project, in order: what an application must have turns on it. The options,
    /// the application's `stage` field, profiles and reports name it by key.
    #[derive(PartialOrd, Ord, Hash)]
    pub enum Stage {
        Declaration => "declaration", "申报", "declaration";
        Approval => "approval", "审批", "approval";
        Implementation => "implementation", "实施", "implementation";
        Acceptance => "acceptance", "验收", "acceptance";
    }
}

keyed_values! {
    pub enum ApprovalNeed {
        Required => "required", "须审批", "approval required";
        MayBeExempt => "mayBeExempt", "可免于审批", "may be exempt";
        NotRequired => "notRequired", "不需审批", "no approval";
    }
}

/// Who approves, through which documents (审批层级).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
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

keyed_values! {
    pub enum MergeMode {
        /// The documents may be compiled as one (合并编报).
        Merge => "merge", "可以合并编报", "may be compiled as one";
        /// `documents` stand in for `replaces` (e.g. 可研及概算代初步设计).
        Substitute => "substitute", "可以替代", "one document may stand in for another";
        /// A lighter document replaces the whole chain (e.g. 建设方案).
        Lighter => "lighter", "以简化文本代替", "a lighter document replaces the chain";
        /// `replaces` need not be compiled at all.
        Omit => "omit", "无需编制", "a document need not be compiled";
        /// Each document is compiled and approved on its own.
        Separate => "separate", "分别编报", "compiled separately";
    }
}

/// Merge-eligibility (合并编报).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Merge {
    pub mode: MergeMode,
    #[serde(default)]
    pub documents: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
}

keyed_values! {
    pub enum SupervisionMode {
        /// 必须实行工程监理制.
        Mandatory => "mandatory", "必须实行工程监理", "supervision mandatory";
        /// Apply to the leading group's office for the unified supervision service.
        UnifiedService => "unifiedService", "申请统一监理服务", "apply for the unified supervision service";
        /// Arranged centrally; the applicant neither procures nor budgets it.
        Central => "central", "由主管部门统一安排", "supervision arranged centrally";
        /// 原则上实行监理制.
        InPrinciple => "inPrinciple", "原则上实行监理", "supervision in principle";
        /// The text names the supervision system (工程监理制度) without saying which projects must
        /// be supervised.
        NotSpecified => "notSpecified", "未规定须否监理，按工程监理制度执行", "not specified; follow the supervision rules";
    }
}

/// Supervision (监理).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
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

keyed_values! {
    pub enum ManagementMode {
        /// 全过程管理.
        FullProcess => "fullProcess", "全过程管理", "full-process management";
        /// 报备制管理.
        Filing => "filing", "报备制管理", "filing-based management";
    }
}

/// 全过程管理 or 报备制管理.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Management {
    pub mode: ManagementMode,
}

/// The composition an expert panel must have.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FinancialReview {
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

keyed_values! {
    pub enum InitialAcceptance {
        Required => "required", "须初验", "initial acceptance required";
        Optional => "optional", "可不经初验", "initial acceptance optional";
        NotProvided => "notProvided", "未规定初验", "no initial acceptance provided";
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
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
    pub id: Arc<str>,
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
    pub id: Arc<str>,
    pub stage: Stage,
    /// The document; any one of `anyOf` also satisfies the requirement, where its own condition
    /// holds.
    pub document: Arc<str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<Alternative>,
    #[serde(default)]
    pub when: Condition,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chapters: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    pub cite: Cites,
    /// Shared with every required document's entry that gives it.
    pub why: Arc<str>,
    #[serde(default)]
    pub why_en: Arc<str>,
}

/// A document that stands in for a required one: always (`"combinedDocument"`), or only where
/// its condition holds (`{"document": "combinedDocument", "when": {"verdict": {"of": "merge",
/// "is": ["merge"]}}, "cite": [{"article": 11}]}`), typically another outcome's verdict.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alternative {
    pub document: Arc<str>,
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
                    document: Arc::from(key),
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
                        "document" => document = Some(map.next_value::<String>()?.into()),
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

impl Span {
    /// No time at all: `{ "days": 0 }`, a window that only orders two dates.
    pub fn is_zero(self) -> bool {
        matches!(
            self,
            Span::Days(0) | Span::WorkingDays(0) | Span::Months(0) | Span::Years(0)
        )
    }
}

/// `to` must fall no earlier than `from + min` and no later than `from + max`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Window {
    pub id: Arc<str>,
    pub from: FieldRef,
    /// Further dates the window counts from, as `from` does, where the text names two events
    /// (通过验收并投入运行后: after both): it opens after the latest of them. While one is blank the
    /// start is not known: a date before the latest start known so far is still early, and none
    /// is late.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_after: Vec<FieldRef>,
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
    /// The word that makes the window a rule rather than a strict limit: the text's own (相城
    /// 第二十五条 「通常」), or the reading's where the text implies the order without stating it
    /// (歙县 第三十九条, 「一般」). Said in the window's messages.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub qualifier: String,
    pub cite: Cites,
    /// Shared with every window's entry that gives it.
    pub description: Arc<str>,
    #[serde(default)]
    pub description_en: Arc<str>,
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
    /// The window measures how long something lasts, `from` its first day `to` its last, both
    /// counted (试运行时间不少于3个月: 1 March to 31 May is three months), rather than a period
    /// after an event.
    #[serde(default, skip_serializing_if = "is_false")]
    pub duration: bool,
}

/// A yearly submission date for next year's plan, e.g. 每年10月底前.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deadline {
    pub id: Arc<str>,
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
    pub id: Arc<str>,
    pub field: FieldRef,
    pub values: Vec<String>,
    pub cite: Cites,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Provision {
    pub id: Arc<str>,
    pub cite: Cites,
}

/// The information-resource table's columns and their allowed words.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceTable {
    pub id: Arc<str>,
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
    pub id: Arc<str>,
    pub size: FieldRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<FieldRef>,
    /// Decision table for the composition; the expert-review panel reuses `outcomes.expertPanel`
    /// by leaving this empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<Case<Panel>>,
    /// Stages at which the panel is checked; empty means every stage. A review panel belongs to
    /// the review before approval, and is not reported again at acceptance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
}

/// Something a project of this kind must not do, or a condition it must meet.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Restriction {
    pub id: Arc<str>,
    pub when: Condition,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Fields the message is shown at.
    pub paths: Vec<FieldRef>,
    pub cite: Cites,
    /// Shared, not copied, with each diagnostic that quotes it.
    pub message: Arc<str>,
    #[serde(default)]
    pub message_en: Arc<str>,
}

/// The budget-adjustment rule (通州 第二十九条, 歙县 第三十八条).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Adjustment {
    pub id: Arc<str>,
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

/// `MM-DD` → (month, day).
pub fn parse_month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.split_once('-')?;
    let (month, day) = (m.parse().ok()?, d.parse().ok()?);
    NaiveDate::from_ymd_opt(2000, month, day).map(|_| (month, day))
}

impl Profile {
    /// Written without English texts (a county's profile in Chinese only): an English report
    /// gives its Chinese texts and says so (`JU006`), as for English texts kept apart and not
    /// loaded.
    pub fn lacks_english(&self) -> bool {
        self.versions.iter().all(|v| v.title_en.is_empty())
    }

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
    /// The names of this version's documents in `locale`, by key.
    pub fn document_names(&self, locale: Locale) -> SortedMap<String, String> {
        names_in(&self.documents, locale)
    }

    /// Its chapters' names in `locale` (in Chinese where the profile has no English one), by key.
    pub fn chapter_names(&self, locale: Locale) -> SortedMap<String, String> {
        names_in(&self.chapters, locale)
    }

    /// The verdicts this regulation names otherwise, by outcome key, in `locale`.
    pub fn outcome_names(&self, locale: Locale) -> SortedMap<String, String> {
        crate::sorted::gathered(self.outcome_names.iter().map(|n| {
            let (zh, en) = self.outcome_line(n.outcome);
            (n.outcome.key().to_string(), locale.pick(zh, en).to_string())
        }))
    }

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

    /// Article `n`, by position: a checked profile numbers its articles 1, 2, 3 … in order.
    pub fn article(&self, n: u32) -> Option<&Article> {
        let index = usize::try_from(n).ok()?.checked_sub(1)?;
        self.articles.get(index).filter(|a| a.n == n)
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

    /// `field`'s label in `locale`: this regulation's own where it words the field otherwise
    /// ([`FieldLabel`]), else the package's.
    pub fn field_label(&self, field: Field, locale: Locale) -> &str {
        let spec = field.spec();
        match self.field_labels.iter().find(|l| l.field.0 == field) {
            Some(own) if !locale.is_en() => &own.label,
            Some(own) if !own.label_en.is_empty() => &own.label_en,
            _ => locale.pick(spec.zh, spec.en),
        }
    }

    /// `table`'s verdict as messages name its line, in Chinese and in English: this regulation's
    /// own name where it has one ([`OutcomeName`]), else the package's.
    pub fn outcome_line(&self, table: Table) -> (&str, &str) {
        let (zh, en) = table.name();
        match self.outcome_names.iter().find(|n| n.outcome == table) {
            Some(own) if own.name_en.is_empty() => (&own.name, en),
            Some(own) => (&own.name, &own.name_en),
            None => (zh, en),
        }
    }

    /// Where the document of this kind sits in `app`'s documents, given there by its key or by the
    /// name this version gives it.
    pub fn on_file(&self, app: &crate::model::Application, kind: &str) -> Option<usize> {
        app.document_index(kind, self.document_name(kind, Locale::ZhCn))
    }

    /// The key of the chapter `given` names, given by its key or by the name this version gives it
    /// (a checklist sends 「信息资源共享分析」 as readily as `resourceSharingAnalysis`).
    pub fn chapter_key<'a>(&'a self, given: &'a str) -> Option<&'a str> {
        key_named(&self.chapters, given)
    }

    /// The key of the document kind `given` names, by its key or by the name this version gives it.
    pub fn document_key<'a>(&'a self, given: &'a str) -> Option<&'a str> {
        key_named(&self.documents, given)
    }

    /// A document's name in `locale` (in Chinese where the profile has no English one), given its
    /// key or its Chinese name (as an application may give it); what it was given where the
    /// profile does not name it.
    pub fn document_name<'a>(&'a self, key: &'a str, locale: Locale) -> &'a str {
        self.documents
            .get(key)
            .or_else(|| self.documents.values().find(|d| *d.name == *key))
            .map_or(key, |d| locale.pick(&*d.name, &*d.name_en))
    }

    /// [`Version::document_name`], shared with the profile rather than copied.
    pub fn shared_document_name(&self, key: &Arc<str>, locale: Locale) -> Arc<str> {
        self.documents.get(&**key).map_or_else(
            || Arc::clone(key),
            |d| Arc::clone(locale.pick(&d.name, &d.name_en)),
        )
    }
}
