//! What a version checks, provision by provision, for the rule reference and the catalogue.

use serde::Serialize;

use super::*;
use crate::codes::{Code, CodeSet, Severity};
use crate::rules::{self, nearest_threshold::Table};

/// One provision of a version as the rule reference lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleEntry {
    pub id: String,
    /// Which mechanism checks it: `outcome.approval`, `requirement.declaration`, `window` …
    pub kind: String,
    /// The codes it can report (none for a decision-table case, which feeds an outcome).
    pub codes: crate::codes::CodeSet,
    pub cite: Vec<Cite>,
    /// What it says, in zh-CN and en.
    pub summary: String,
    pub summary_en: String,
    /// What breaking it is: the profile's own severity where it sets one (a 原则上 duty is a
    /// warning), otherwise its first code's; none for a decision-table case.
    pub severity: Option<crate::codes::Severity>,
}

impl Version {
    /// Every checked provision, in profile order (provisions marked not formalised excluded).
    pub fn rules(&self) -> Vec<RuleEntry> {
        let mut out = Vec::new();
        let o = &self.outcomes;
        let kind = Table::provision_kind;
        // A decision-table case decides an outcome; it reports an amount on one of its table's
        // lines (BD001), and the expert panel's case the review panel's size.
        out.extend(plain_cases(&o.approval, kind(Table::Approval)));
        out.extend(plain_cases(&o.merge, kind(Table::Merge)));
        out.extend(plain_cases(&o.supervision, kind(Table::Supervision)));
        out.extend(plain_cases(&o.management, kind(Table::Management)));
        out.extend(case_entries(
            &o.expert_panel,
            kind(Table::ExpertPanel),
            codes_of(&rules::expert_panel::MECHANISM),
            |panel: &Panel| {
                Some(if panel.in_principle {
                    Severity::Warning
                } else {
                    Severity::Error
                })
            },
        ));
        out.extend(plain_cases(
            &o.financial_review,
            kind(Table::FinancialReview),
        ));
        out.extend(plain_cases(&o.acceptance, kind(Table::Acceptance)));
        let mut push = |id: &str,
                        kind: String,
                        codes: CodeSet,
                        cite: &[Cite],
                        zh: String,
                        en: String,
                        own: Option<Severity>| {
            let severity = own.or_else(|| codes.iter().next().map(|c| c.spec().severity));
            out.push(RuleEntry {
                id: id.to_string(),
                kind,
                codes,
                cite: cite.to_vec(),
                summary: zh,
                summary_en: en,
                severity,
            });
        };
        for r in &self.required_fields {
            let label = |locale| -> Vec<&str> {
                r.fields
                    .iter()
                    .map(|f| self.field_label(f.0, locale))
                    .collect()
            };
            let (zh, en) = (label(Locale::ZhCn), label(Locale::En));
            push(
                &r.id,
                "requiredFields".into(),
                codes_of(&rules::required_field::MECHANISM),
                &r.cite,
                format!("须填写：{}", zh.join("、")),
                format!("Required: {}", en.join(", ")),
                None,
            );
        }
        for r in &self.requirements {
            // As the report names the document and says why: in Chinese where the profile has no
            // English.
            let zh = format!(
                "{}：{}",
                self.document_name(&r.document, Locale::ZhCn),
                r.why
            );
            let en = format!(
                "{}: {}",
                self.document_name(&r.document, Locale::En),
                Locale::En.pick(&r.why, &r.why_en)
            );
            push(
                &r.id,
                format!("requirement.{}", r.stage.key()),
                with_boundary(
                    codes_of(&rules::missing_document::MECHANISM),
                    std::iter::once(&r.when),
                ),
                &r.cite,
                zh,
                en,
                r.severity,
            );
        }
        for w in &self.windows {
            push(
                &w.id,
                "window".into(),
                rules::timing_window::codes(w),
                &w.cite,
                w.description.to_string(),
                w.description_en.to_string(),
                w.severity,
            );
        }
        for d in &self.deadlines {
            push(
                &d.id,
                "deadline".into(),
                codes_of(&rules::annual_deadline::MECHANISM),
                &d.cite,
                d.description.clone(),
                d.description_en.clone(),
                None,
            );
        }
        for e in &self.enumerations {
            push(
                &e.id,
                "enumeration".into(),
                codes_of(&rules::form_enumeration::MECHANISM),
                &e.cite,
                format!(
                    "{}：{}",
                    self.field_label(e.field.0, Locale::ZhCn),
                    e.values.join("、")
                ),
                format!(
                    "{}: {}",
                    self.field_label(e.field.0, Locale::En),
                    e.values.join(", ")
                ),
                None,
            );
        }
        if let Some(f) = &self.funding_sums {
            push(
                &f.id,
                "fundingSums".into(),
                codes_of(&rules::funding_sum::MECHANISM),
                &f.cite,
                "资金表各行合计等于各来源之和".into(),
                "Each funding row's total equals the sum of its sources".into(),
                None,
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
                codes_of(&rules::resource_table::MECHANISM),
                &t.cite,
                zh,
                "Resource rows: sharing, its condition or reason, update frequency".into(),
                None,
            );
        }
        for p in &self.panels {
            for c in &p.cases {
                push(
                    &c.id,
                    "panel".into(),
                    codes_of(&rules::expert_panel::MECHANISM),
                    &c.cite,
                    c.explanation.to_string(),
                    c.explanation_en.to_string(),
                    c.result
                        .in_principle
                        .then_some(crate::codes::Severity::Warning),
                );
            }
        }
        for r in &self.restrictions {
            push(
                &r.id,
                "restriction".into(),
                codes_of(&rules::restriction::MECHANISM),
                &r.cite,
                r.message.to_string(),
                r.message_en.to_string(),
                r.severity,
            );
        }
        if let Some(a) = &self.adjustment {
            push(
                &a.id,
                "adjustment".into(),
                codes_of(&rules::budget_adjustment::MECHANISM),
                &a.cite,
                a.simplified.clone(),
                a.simplified_en.clone(),
                None,
            );
        }
        out
    }
}

/// The codes a mechanism declares.
fn codes_of(mechanism: &rules::Mechanism) -> CodeSet {
    CodeSet::of(mechanism.codes)
}

/// The cases of a decision table, with `codes` and, where the table compares an amount with a
/// line, the boundary notice.
fn case_entries<'a, T>(
    cases: &'a [Case<T>],
    kind: &'a str,
    codes: CodeSet,
    severity: impl Fn(&T) -> Option<Severity> + 'a,
) -> impl Iterator<Item = RuleEntry> + 'a {
    let codes = with_boundary(codes, cases.iter().map(|c| &c.when));
    cases.iter().map(move |c| RuleEntry {
        id: c.id.to_string(),
        kind: kind.to_string(),
        codes,
        cite: c.cite.to_vec(),
        summary: c.explanation.to_string(),
        summary_en: c.explanation_en.to_string(),
        severity: severity(&c.result),
    })
}

/// The cases of a table that decides an outcome and checks nothing itself: no duty that can be
/// broken, and no code but a boundary notice.
fn plain_cases<'a, T>(cases: &'a [Case<T>], kind: &'a str) -> impl Iterator<Item = RuleEntry> + 'a {
    case_entries(cases, kind, CodeSet::default(), |_| None)
}

/// `codes` and, where one of `conditions` compares an amount with a line, the boundary notice
/// that can then quote it.
fn with_boundary<'c>(
    codes: CodeSet,
    mut conditions: impl Iterator<Item = &'c Condition>,
) -> CodeSet {
    if conditions.any(compares_amounts) {
        codes.with(Code::AmountOnBoundary)
    } else {
        codes
    }
}

/// Whether a condition compares an amount with a line, which a boundary notice can then quote.
fn compares_amounts(c: &Condition) -> bool {
    match c {
        Condition::Amount(_) => true,
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(compares_amounts),
        Condition::Not(inner) | Condition::Answered(inner) => compares_amounts(inner),
        _ => false,
    }
}
