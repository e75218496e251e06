//! The catalogue that help pages and portals list: every jurisdiction with the version in force,
//! its parameters and documents, and every code and provision with its citations.

use chrono::NaiveDate;
use serde::Serialize;

use crate::codes::{Severity, CODES};
use crate::messages::Locale;
use crate::profile::Profile;
use crate::report::Citation;
use crate::sorted::SortedMap;
use crate::Registry;

/// A jurisdiction as a portal lists it: the regulation in force on the as-of date, the parameters
/// the portal may have to supply, the documents it names, and every dated version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JurisdictionEntry {
    pub id: String,
    pub region: String,
    /// An example profile that describes no real place.
    pub fictional: bool,
    pub title: String,
    /// `null` where the text prints none.
    pub document_number: Option<String>,
    pub issued: Option<String>,
    pub in_force: Option<String>,
    /// Where the in-force date comes from, as the text has it.
    pub in_force_basis: String,
    pub repealed: Option<String>,
    /// Thresholds and limits; `value: null` marks one the text leaves to the portal (歙县's
    /// 分散采购限额标准), to be passed as `options.parameters[key]`.
    pub parameters: Vec<ParameterEntry>,
    /// Document kinds for the application's `documents` table, with their names.
    pub documents: SortedMap<String, String>,
    /// The chapters a document may have to contain, with their names: a document's `chapters`
    /// takes the key or the name.
    pub chapters: SortedMap<String, String>,
    /// The values the regulation's form lists for a field, which the applicant picks from and
    /// `FM002` holds it to (项目性质 for `nature`, 联网方式 for `networkType`), by field path; the
    /// form's own words, in either locale.
    pub choices: SortedMap<String, Vec<String>>,
    /// The values it lists for a cell of the information-resource table (`sharing` 共享属性,
    /// `updateFrequency` 采集更新频率; `RS002`, `RS005`), by cell.
    pub resource_choices: SortedMap<String, Vec<String>>,
    /// The verdicts its regulation names otherwise than the package's headings, by outcome key
    /// (江津's `merge` is 「可研与初步设计」).
    pub outcome_names: SortedMap<String, String>,
    /// Every dated version, oldest first.
    pub versions: Vec<VersionEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParameterEntry {
    pub key: String,
    pub label: String,
    pub unit: String,
    /// The amount the text fixes, or `null` when the portal must supply it.
    pub value: Option<String>,
    pub citations: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionEntry {
    pub title: String,
    pub document_number: Option<String>,
    pub issued: Option<String>,
    pub in_force: Option<String>,
    pub repealed: Option<String>,
}

/// Every jurisdiction the registry holds, described by the version in force on `as_of`.
pub fn jurisdictions(
    registry: &Registry,
    as_of: NaiveDate,
    locale: Locale,
) -> Vec<JurisdictionEntry> {
    registry
        .profiles()
        .iter()
        .filter_map(|profile| {
            let v = profile.version_on(as_of)?;
            let date = |d: Option<NaiveDate>| d.map(crate::calendar::iso);
            Some(JurisdictionEntry {
                id: profile.id.clone(),
                region: profile.region.clone(),
                fictional: profile.fictional,
                title: locale.pick(&v.title, &v.title_en).to_string(),
                document_number: v.document_number.clone(),
                issued: date(v.issued),
                in_force: date(v.in_force),
                in_force_basis: v.in_force_basis.clone(),
                repealed: date(v.repealed),
                parameters: v
                    .parameters
                    .iter()
                    .map(|(key, p)| ParameterEntry {
                        key: key.to_string(),
                        label: locale.pick(&p.label, &p.label_en).to_string(),
                        unit: p.unit.clone(),
                        value: p.value.map(|d| crate::money::format(&d)),
                        citations: p
                            .cite
                            .iter()
                            .map(|c| v.citation(&profile.id, c, locale))
                            .collect(),
                    })
                    .collect(),
                documents: v.document_names(locale),
                chapters: v.chapter_names(locale),
                choices: v
                    .enumerations
                    .iter()
                    .map(|e| (e.field.0.path().to_string(), e.values.clone()))
                    .collect(),
                resource_choices: v
                    .resource_table
                    .iter()
                    .flat_map(|t| {
                        [
                            ("sharing".to_string(), t.sharing.clone()),
                            ("updateFrequency".to_string(), t.frequencies.clone()),
                        ]
                    })
                    .collect(),
                outcome_names: v.outcome_names(locale),
                versions: profile
                    .versions
                    .iter()
                    .map(|v| VersionEntry {
                        title: locale.pick(&v.title, &v.title_en).to_string(),
                        document_number: v.document_number.clone(),
                        issued: date(v.issued),
                        in_force: date(v.in_force),
                        repealed: date(v.repealed),
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The rule catalogue: every code with its severity and message template, and every provision of
/// the regulations with the codes it can report and its citations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Catalogue {
    pub codes: Vec<CodeEntry>,
    pub provisions: Vec<ProvisionEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeEntry {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub family: &'static str,
    /// The message template in the requested locale; `{name}` marks a parameter.
    pub template: &'static str,
    pub params: &'static [&'static str],
    /// The rule mechanism that emits it (`missing_document`, `timing_window` …: `src/rules/<name>.rs`),
    /// or `input` (the reader of the application) or `engine` (the jurisdiction checks).
    #[serde(rename = "emittedBy")]
    pub emitted_by: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvisionEntry {
    pub jurisdiction: String,
    /// The provision's id, as diagnostics and outcome traces give it in `rule`.
    pub rule: String,
    /// How it is checked: `outcome.approval`, `requirement.declaration`, `window`, … or
    /// `notFormalised` for a provision deliberately not checked (the summary says why).
    pub kind: String,
    /// The codes it can report; none for a decision-table case, which decides an outcome.
    pub codes: crate::codes::CodeSet,
    /// What breaking it is: `warning` for a duty the text qualifies (原则上) or checks only as a
    /// reminder, where its codes alone would say `error`; `null` for a decision-table case or a
    /// provision not checked.
    pub severity: Option<crate::codes::Severity>,
    pub summary: String,
    pub citations: Vec<Citation>,
}

/// The catalogue for one jurisdiction, or for all when `jurisdiction` is `None`, using the versions
/// in force on `as_of`. Errs on an unknown jurisdiction, naming the known ones.
pub fn rules(
    registry: &Registry,
    jurisdiction: Option<&str>,
    as_of: NaiveDate,
    locale: Locale,
) -> Result<Catalogue, String> {
    let profiles: Vec<&Profile> = match jurisdiction {
        None => registry.profiles(),
        Some(id) => vec![registry.get(id).ok_or_else(|| {
            let known: Vec<&str> = registry.ids().collect();
            format!("unknown jurisdiction `{id}`; known: {}", known.join(", "))
        })?],
    };
    let codes = CODES
        .iter()
        .map(|c| CodeEntry {
            code: c.id,
            name: c.name,
            severity: c.severity,
            family: c.family,
            template: locale.pick(c.zh, c.en),
            params: c.params,
            emitted_by: crate::rules::emitted_by(c.code),
        })
        .collect();
    let mut provisions = Vec::new();
    for profile in profiles {
        let Some(v) = profile.version_on(as_of) else {
            continue;
        };
        for rule in v.rules() {
            provisions.push(ProvisionEntry {
                jurisdiction: profile.id.clone(),
                rule: rule.id,
                kind: rule.kind,
                codes: rule.codes,
                severity: rule.severity,
                summary: locale.pick(&rule.summary, &rule.summary_en).to_string(),
                citations: rule
                    .cite
                    .iter()
                    .map(|c| v.citation(&profile.id, c, locale))
                    .collect(),
            });
        }
        for n in &v.not_formalised {
            provisions.push(ProvisionEntry {
                jurisdiction: profile.id.clone(),
                rule: n.id.clone(),
                kind: "notFormalised".into(),
                codes: crate::codes::CodeSet::default(),
                severity: None,
                summary: locale.pick(&n.reason, &n.reason_en).to_string(),
                citations: n
                    .cite
                    .iter()
                    .map(|c| v.citation(&profile.id, c, locale))
                    .collect(),
            });
        }
    }
    Ok(Catalogue { codes, provisions })
}
