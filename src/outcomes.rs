//! The names of the verdicts a report's `outcomes` gives, in one table: the key reports spell
//! (`expertPanel`), the heading a form shows, how a message names the verdict's line, the profile's
//! decision table behind it and the verdict a condition can read. The decision tables
//! ([`Table`]), the conditions ([`VerdictOf`]), the form component's panel, the CLI, the delta's
//! [`changed_outcomes`](crate::live::Delta::changed_outcomes) and the package's `OutcomeName`
//! type all read it; a test checks that the fields of [`crate::Outcomes`] are its keys, in order.

use serde::Serialize;

use crate::live::OutcomeChanges;
use crate::profile::VerdictOf;
use crate::report::{Outcome, Status};
use crate::rules::nearest_threshold::Table;
use crate::Outcomes;

/// One verdict of a report's `outcomes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeSpec {
    /// As reports and deltas spell it, e.g. `expertPanel`.
    pub key: &'static str,
    /// The heading a form shows above the verdict, in Chinese and in English.
    pub heading: (&'static str, &'static str),
    /// How a message names the verdict's line: 「超出合并编报的界线」, "over the Merge-eligibility
    /// line".
    pub line: (&'static str, &'static str),
    /// The profile's decision table that decides it; `None` for the budget adjustment, which a
    /// rule of its own decides.
    pub table: Option<Table>,
    /// The verdict another provision's condition can read (`{"verdict": {"of": "merge"}}`).
    pub verdict_of: Option<VerdictOf>,
}

/// The table: each row gives [`OUTCOMES`] an entry, [`KEYS`] its key and [`HEADINGS`] its heading.
macro_rules! outcomes {
    ($($key:literal: heading($hz:literal, $he:literal), line($lz:literal, $le:literal),
        $table:expr, $verdict_of:expr;)*) => {
        const COUNT: usize = [$($key),*].len();

        /// Every verdict, in the order reports give them.
        pub const OUTCOMES: [OutcomeSpec; COUNT] = [$(OutcomeSpec {
            key: $key,
            heading: ($hz, $he),
            line: ($lz, $le),
            table: $table,
            verdict_of: $verdict_of,
        }),*];

        /// The keys of [`OUTCOMES`], in order: the package's `OutcomeName`.
        pub const KEYS: [&str; COUNT] = [$($key),*];

        /// Each verdict's key and its heading in Chinese and in English, in order.
        pub const HEADINGS: [(&str, &str, &str); COUNT] = [$(($key, $hz, $he)),*];
    };
}

outcomes! {
    "approval": heading("审批层级", "Approval"), line("审批层级", "Approval tier"),
        Some(Table::Approval), Some(VerdictOf::Approval);
    "merge": heading("合并编报", "Merged compilation"), line("合并编报", "Merge-eligibility"),
        Some(Table::Merge), Some(VerdictOf::Merge);
    "supervision": heading("工程监理", "Supervision"), line("工程监理", "Supervision"),
        Some(Table::Supervision), Some(VerdictOf::Supervision);
    "management": heading("管理方式", "Management"), line("管理方式", "Management mode"),
        Some(Table::Management), Some(VerdictOf::Management);
    "expertPanel": heading("专家评审", "Expert panel"), line("专家评审组成", "Expert panel"),
        Some(Table::ExpertPanel), None;
    "financialReview": heading("财政评审", "Financial review"), line("财政评审", "Financial review"),
        Some(Table::FinancialReview), None;
    "acceptance": heading("验收", "Acceptance"), line("验收组织", "Acceptance"),
        Some(Table::Acceptance), None;
    "adjustment": heading("调整", "Adjustment"), line("调整", "Adjustment"),
        None, None;
}

/// The entry of [`OUTCOMES`] at `index`: the decision tables and the verdicts conditions read are
/// numbered in its order.
pub(crate) fn at(index: usize) -> Option<&'static OutcomeSpec> {
    OUTCOMES.get(index)
}

/// An outcome of a report with its verdict written as JSON, whatever the verdict's type.
#[derive(Debug, Clone, PartialEq)]
pub struct Written<'r> {
    pub status: Status,
    /// The verdict as the report writes it, where it is determined.
    pub value: Option<String>,
    /// Fields or parameters still needed to decide.
    pub missing: &'r [String],
}

fn written<T: Serialize>(outcome: &Option<Outcome<T>>) -> Option<Written<'_>> {
    outcome.as_ref().map(|o| Written {
        status: o.status,
        value: o.value.as_ref().and_then(|v| serde_json::to_string(v).ok()),
        missing: &o.missing,
    })
}

impl Outcomes {
    /// The outcome `spec` names, its verdict written as JSON; `None` where the regulation has no
    /// such rule.
    pub fn written(&self, spec: &OutcomeSpec) -> Option<Written<'_>> {
        match spec.key {
            "approval" => written(&self.approval),
            "merge" => written(&self.merge),
            "supervision" => written(&self.supervision),
            "management" => written(&self.management),
            "expertPanel" => written(&self.expert_panel),
            "financialReview" => written(&self.financial_review),
            "acceptance" => written(&self.acceptance),
            "adjustment" => written(&self.adjustment),
            _ => None,
        }
    }
}

impl OutcomeChanges<'_> {
    /// Whether the outcome `spec` names changed.
    pub fn has(&self, spec: &OutcomeSpec) -> bool {
        match spec.key {
            "approval" => self.approval.is_some(),
            "merge" => self.merge.is_some(),
            "supervision" => self.supervision.is_some(),
            "management" => self.management.is_some(),
            "expertPanel" => self.expert_panel.is_some(),
            "financialReview" => self.financial_review.is_some(),
            "acceptance" => self.acceptance.is_some(),
            "adjustment" => self.adjustment.is_some(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outcomes_fields_are_the_keys_in_order() {
        let outcomes =
            crate::validate_json("{}", &crate::Options::for_jurisdiction("tongzhou")).outcomes;
        let text = serde_json::to_string(&outcomes).unwrap_or_default();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let fields: Vec<&str> = json
            .as_object()
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default();
        // Every verdict, then the two lists; the text keeps serde's order.
        let verdicts: Vec<&str> = fields
            .iter()
            .copied()
            .filter(|f| !matches!(*f, "requiredDocuments" | "windows"))
            .collect();
        let mut sorted = KEYS.to_vec();
        sorted.sort_unstable();
        assert_eq!(verdicts, sorted, "serde_json's map sorts its keys");
        let positions: Vec<usize> = KEYS
            .iter()
            .filter_map(|k| text.find(&format!("\"{k}\":")))
            .collect();
        assert_eq!(positions.len(), KEYS.len());
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(text.find("\"requiredDocuments\":") > positions.last().copied());
    }

    #[test]
    fn tables_and_verdicts_are_numbered_in_the_tables_order() {
        for (i, spec) in OUTCOMES.iter().enumerate() {
            if let Some(table) = spec.table {
                assert_eq!(table as usize, i, "{}", spec.key);
                assert_eq!(table.key(), spec.key);
            }
            if let Some(verdict) = spec.verdict_of {
                assert_eq!(verdict as usize, i, "{}", spec.key);
                assert_eq!(verdict.key(), spec.key);
            }
            assert!(!spec.heading.0.is_ascii() && !spec.line.0.is_ascii());
            assert!(!spec.heading.1.is_empty() && !spec.line.1.is_empty());
        }
        assert_eq!(KEYS.last(), Some(&"adjustment"));
    }

    #[test]
    fn a_delta_names_each_outcome_that_changed() {
        let registry = crate::builtin();
        let mut live = crate::live::LiveValidator::new(
            registry,
            crate::Options {
                jurisdiction: "tongzhou".into(),
                as_of: crate::parse_date("2025-06-01"),
                ..crate::Options::default()
            },
        );
        let delta = live.replace(&serde_json::json!({
            "totalInvestment": "120", "kind": "new", "approvedBudget": "100",
            "adjustment": {"amount": "5"}
        }));
        let changed = delta.changed_outcomes();
        for spec in &OUTCOMES {
            let present = serde_json::to_value(&delta.outcomes)
                .ok()
                .and_then(|o| o.get(spec.key).cloned())
                .is_some();
            assert_eq!(changed.contains(&spec.key), present, "{}", spec.key);
            assert_eq!(delta.outcomes.has(spec), present, "{}", spec.key);
        }
        assert!(!changed.is_empty());
        let report = live.report();
        for spec in &OUTCOMES {
            let json = serde_json::to_value(&report.outcomes).unwrap_or_default();
            let written = report.outcomes.written(spec);
            assert_eq!(written.is_some(), !json[spec.key].is_null(), "{}", spec.key);
            if let Some(w) = written {
                let value = w.value.and_then(|v| serde_json::from_str(&v).ok());
                assert_eq!(value.as_ref(), json[spec.key].get("value"), "{}", spec.key);
            }
        }
    }
}
