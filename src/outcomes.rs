//! The names of the verdicts a report's `outcomes` gives, in one table: the key reports spell
//! (`expertPanel`), the heading a form shows, how a message names the verdict's line, the type of
//! its value, the profile's decision table behind it and the verdict a condition can read. The
//! decision tables ([`Table`]), the conditions ([`VerdictOf`]), the catalogue's provision kinds
//! (`outcome.expertPanel`), the form component's panel, the CLI, the delta's
//! [`changed_outcomes`](crate::live::Delta::changed_outcomes) and the package's `OutcomeName`
//! type all read it; a test checks that the fields of [`crate::Outcomes`] are its keys, in order.

use serde::Serialize;

use crate::live::OutcomeChanges;
use crate::profile::{
    Acceptance, Approval, FinancialReview, Management, Merge, Panel, Supervision, VerdictOf,
};
use crate::report::{Outcome, Status, VerdictValue};
use crate::rules::budget_adjustment::AdjustmentVerdict;
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

/// The table: each row gives [`OUTCOMES`] an entry, and what the crate reads at run time its
/// words: [`KEYS`], [`HEADINGS`], and the names of the decision tables ([`Table::key`],
/// [`Table::name`], [`Table::provision_kind`]) and of the verdicts conditions read
/// ([`VerdictOf::key`]), so that a module holds only the words it uses.
macro_rules! outcomes {
    (@some $value:expr) => { Some($value) };
    (@some) => { None };
    (@given $given:ident) => { true };
    (@given) => { false };
    ($($key:literal: heading($hz:literal, $he:literal), line($lz:literal, $le:literal),
        value($value:ident) $(, table($table:ident))? $(, verdict($verdict:ident))?;)*) => {
        const COUNT: usize = [$($key),*].len();

        /// Every verdict, in the order reports give them.
        pub const OUTCOMES: [OutcomeSpec; COUNT] = [$(OutcomeSpec {
            key: $key,
            heading: ($hz, $he),
            line: ($lz, $le),
            table: outcomes!(@some $(Table::$table)?),
            verdict_of: outcomes!(@some $(VerdictOf::$verdict)?),
        }),*];

        /// The keys of [`OUTCOMES`], in order: the package's `OutcomeName`.
        pub const KEYS: [&str; COUNT] = [$($key),*];

        /// Each verdict's key and its heading in Chinese and in English, in order.
        pub const HEADINGS: [(&str, &str, &str); COUNT] = [$(($key, $hz, $he)),*];

        impl Table {
            /// The outcome's key in a report's `outcomes`.
            pub fn key(self) -> &'static str {
                match self {
                    $($(Table::$table => $key,)?)*
                }
            }

            /// The outcome's line as messages name it, in Chinese and in English.
            pub fn name(self) -> (&'static str, &'static str) {
                match self {
                    $($(Table::$table => ($lz, $le),)?)*
                }
            }

            /// The kind the catalogue gives the table's provisions: `outcome.<key>`.
            pub fn provision_kind(self) -> &'static str {
                match self {
                    $($(Table::$table => concat!("outcome.", $key),)?)*
                }
            }
        }

        // A verdict a decision table gives is one of the profile's results, the same at every
        // keystroke while it holds: a compact answer names it by number.
        $(impl VerdictValue for $value {
            const FROM_PROFILE: bool = outcomes!(@given $($table)?);
        })*

        impl VerdictOf {
            /// The outcome's key in a report's `outcomes`.
            pub fn key(self) -> &'static str {
                match self {
                    $($(VerdictOf::$verdict => $key,)?)*
                }
            }
        }
    };
}

outcomes! {
    "approval": heading("审批层级", "Approval"), line("审批层级", "Approval tier"),
        value(Approval), table(Approval), verdict(Approval);
    "merge": heading("合并编报", "Merged compilation"), line("合并编报", "Merge-eligibility"),
        value(Merge), table(Merge), verdict(Merge);
    "supervision": heading("工程监理", "Supervision"), line("工程监理", "Supervision"),
        value(Supervision), table(Supervision), verdict(Supervision);
    "management": heading("管理方式", "Management"), line("管理方式", "Management mode"),
        value(Management), table(Management), verdict(Management);
    "expertPanel": heading("专家评审", "Expert panel"), line("专家评审组成", "Expert panel"),
        value(Panel), table(ExpertPanel);
    "financialReview": heading("财政评审", "Financial review"), line("财政评审", "Financial review"),
        value(FinancialReview), table(FinancialReview);
    "acceptance": heading("验收", "Acceptance"), line("验收组织", "Acceptance"),
        value(Acceptance), table(Acceptance);
    "adjustment": heading("调整", "Adjustment"), line("调整", "Adjustment"),
        value(AdjustmentVerdict);
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
        value: o
            .value
            .as_ref()
            .and_then(|v| crate::json_text::to_string(v).ok()),
        missing: &o.missing,
    })
}

impl Outcomes {
    /// Each verdict of [`OUTCOMES`], in its order, written as JSON; `None` where the regulation
    /// has no such rule.
    pub fn written(&self) -> [Option<Written<'_>>; COUNT] {
        [
            written(&self.approval),
            written(&self.merge),
            written(&self.supervision),
            written(&self.management),
            written(&self.expert_panel),
            written(&self.financial_review),
            written(&self.acceptance),
            written(&self.adjustment),
        ]
    }
}

impl OutcomeChanges<'_> {
    /// Whether each verdict of [`OUTCOMES`] changed, in its order.
    pub fn changed(&self) -> [bool; COUNT] {
        [
            self.approval.is_some(),
            self.merge.is_some(),
            self.supervision.is_some(),
            self.management.is_some(),
            self.expert_panel.is_some(),
            self.financial_review.is_some(),
            self.acceptance.is_some(),
            self.adjustment.is_some(),
        ]
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
            if let Some(table) = spec.table {
                assert_eq!(table.provision_kind(), format!("outcome.{}", spec.key));
                assert_eq!(table.name(), spec.line);
            }
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
        // Edits that change some verdicts and not others, so that a verdict named in another's
        // place would show.
        let edits = [
            (
                "",
                serde_json::json!({"totalInvestment": "120", "kind": "new"}),
            ),
            ("adjustment", serde_json::json!({"amount": "5"})),
            ("approvedBudget", serde_json::json!("100")),
            ("totalInvestment", serde_json::json!("500")),
            ("expertPanel.size", serde_json::json!(4)),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for (path, value) in edits {
            let delta = if path.is_empty() {
                live.replace(&value)
            } else {
                live.set(path, &value).unwrap_or_else(|e| panic!("{e}"))
            };
            let changed = delta.changed_outcomes();
            let json = serde_json::to_value(&delta.outcomes).unwrap_or_default();
            let named: Vec<&str> = OUTCOMES
                .iter()
                .map(|spec| spec.key)
                .filter(|key| json.get(key).is_some())
                .collect();
            assert_eq!(changed, named, "{path}");
            seen.insert(changed.len());
        }
        assert!(
            seen.len() > 2,
            "the edits change different numbers of verdicts: {seen:?}"
        );
        let report = live.report();
        let json = serde_json::to_value(&report.outcomes).unwrap_or_default();
        for (spec, written) in OUTCOMES.iter().zip(report.outcomes.written()) {
            assert_eq!(written.is_some(), !json[spec.key].is_null(), "{}", spec.key);
            if let Some(w) = written {
                let value = w.value.and_then(|v| serde_json::from_str(&v).ok());
                assert_eq!(value.as_ref(), json[spec.key].get("value"), "{}", spec.key);
            }
        }
    }
}
