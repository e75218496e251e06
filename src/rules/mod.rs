//! The rule mechanisms. Each file implements one kind of check, generic over jurisdictions: the
//! thresholds, documents and citations it applies come from the profile. What a regulation says is
//! data; how such a provision is checked is code, here.

pub mod amount_on_boundary;
pub mod annual_deadline;
pub mod budget_adjustment;
pub mod decision;
pub mod expert_panel;
pub mod form_enumeration;
pub mod funding_sum;
pub mod missing_document;
pub mod month_order;
pub mod nearest_threshold;
pub mod required_field;
pub mod resource_table;
pub mod restriction;
pub mod timing_window;
pub mod unknown_document;

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::HolidayCalendar;
use crate::codes::Code;
use crate::condition::{BoundaryHit, Evaluator, Evidence, FieldSet, Parameters, Truth, Verdicts};
use crate::messages::Locale;
use crate::model::{Application, Field};
use crate::profile::{Cites, Condition, Profile, Stage, Version};
use crate::report::{Citations, Diagnostic, Notice};
use crate::sorted::SortedSet;

/// A rule mechanism as the catalogue names it, with every code it may emit, declared beside its
/// code (each file's `MECHANISM`). In debug builds the engine records any code a mechanism emits
/// without declaring it, which the test suite requires to be none ([`take_undeclared_codes`]).
#[derive(Debug)]
pub struct Mechanism {
    pub name: &'static str,
    pub codes: &'static [Code],
}

/// Every mechanism, in the order the engine runs them.
pub const MECHANISMS: &[&Mechanism] = &[
    &decision::MECHANISM,
    &budget_adjustment::MECHANISM,
    &missing_document::MECHANISM,
    &timing_window::MECHANISM,
    &required_field::MECHANISM,
    &unknown_document::MECHANISM,
    &form_enumeration::MECHANISM,
    &funding_sum::MECHANISM,
    &month_order::MECHANISM,
    &resource_table::MECHANISM,
    &expert_panel::MECHANISM,
    &restriction::MECHANISM,
    &annual_deadline::MECHANISM,
    &amount_on_boundary::MECHANISM,
    &nearest_threshold::MECHANISM,
];

/// What emits `code`: the mechanism that declares it, else `input` (the reader of the
/// application) or `engine` (the checks of the jurisdiction and its version).
pub fn emitted_by(code: Code) -> &'static str {
    MECHANISMS
        .iter()
        .find(|m| m.codes.contains(&code))
        .map_or_else(
            || {
                if code.spec().family == "jurisdiction" {
                    "engine"
                } else {
                    "input"
                }
            },
            |m| m.name,
        )
}

#[cfg(debug_assertions)]
thread_local! {
    static UNDECLARED: std::cell::RefCell<Vec<(&'static str, &'static str)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The (mechanism, code) pairs emitted without being declared since the last call; always empty
/// in release builds, where nothing is recorded.
#[doc(hidden)]
pub fn take_undeclared_codes() -> Vec<(&'static str, &'static str)> {
    #[cfg(debug_assertions)]
    {
        UNDECLARED.with_borrow_mut(std::mem::take)
    }
    #[cfg(not(debug_assertions))]
    {
        Vec::new()
    }
}

/// Everything a rule reads.
pub struct Ctx<'a> {
    pub profile: &'a Profile,
    pub version: &'a Version,
    pub app: &'a Application,
    pub params: &'a Parameters<'a>,
    pub stage: Stage,
    pub as_of: NaiveDate,
    pub calendar: &'a HolidayCalendar,
    pub locale: Locale,
    /// Paths whose input was rejected; rules do not report them a second time as missing.
    pub rejected: &'a Rejected,
    /// The decision tables' verdicts, once decided; the rules after them may turn on these.
    pub verdicts: Option<&'a Verdicts>,
    /// An amount conditions read in place of the application's (see [`Evaluator::moved`]);
    /// `None` but while [`nearest_threshold`] asks what a verdict would be at another amount.
    pub moved: Option<(Field, Decimal)>,
}

/// The paths whose input was rejected, recording whether a rule asked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rejected {
    paths: SortedSet<String>,
    consulted: std::cell::Cell<bool>,
}

impl Rejected {
    pub fn new(paths: impl IntoIterator<Item = String>) -> Rejected {
        Rejected {
            paths: paths.into_iter().collect(),
            consulted: std::cell::Cell::new(false),
        }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.consulted.set(true);
        self.paths.contains(path)
    }

    /// Whether the field at `path` was rejected, for a rule that has read the field itself: its
    /// rejection changes only with an edit of the field, which runs the rule again, so the step
    /// need not run again each time another field's rejection changes.
    pub(crate) fn rejects_read_field(&self, path: &str) -> bool {
        // A multi-choice field's unreadable entry is rejected at `mandatedBy[0]`.
        self.paths.iter().any(|p| {
            p.strip_prefix(path)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('['))
        })
    }

    /// Whether a rule asked since the last call.
    pub(crate) fn take_consulted(&self) -> bool {
        self.consulted.take()
    }

    /// The same paths as `other`'s.
    pub(crate) fn same_paths(&self, other: &Rejected) -> bool {
        self.paths == other.paths
    }
}

/// An amount on a threshold, with the rule, citations and result of the case it decided.
pub type Boundary = (BoundaryHit, Arc<str>, Citations, Arc<str>);

/// Everything rules write.
#[derive(Default)]
pub struct Sink {
    pub diagnostics: Vec<Diagnostic>,
    pub notices: Vec<Notice>,
    /// Amounts on a threshold, with the rule and result they decided.
    pub boundaries: Vec<Boundary>,
    /// The money fields a decision compared.
    pub compared: FieldSet,
    /// Portal parameters a verdict needed, with the verdict's name.
    pub missing_parameters: SortedSet<(String, String, String)>,
    /// What the nearest thresholds' walk found, kept for the next evaluation.
    pub walk: Option<nearest_threshold::Walk>,
}

impl Sink {
    /// Runs one mechanism; in debug builds, records any code it emitted without declaring it.
    pub fn run<T>(&mut self, mechanism: &Mechanism, check: impl FnOnce(&mut Sink) -> T) -> T {
        #[cfg(debug_assertions)]
        let before = (self.diagnostics.len(), self.notices.len());
        let out = check(self);
        #[cfg(debug_assertions)]
        {
            let emitted = self
                .diagnostics
                .iter()
                .skip(before.0)
                .chain(self.notices.iter().skip(before.1));
            for d in emitted {
                if !mechanism.codes.contains(&d.code) {
                    UNDECLARED.with_borrow_mut(|u| u.push((mechanism.name, d.code.id())));
                }
            }
        }
        #[cfg(not(debug_assertions))]
        let _ = mechanism;
        out
    }

    /// Records the portal parameters among what a verdict (named `(zh, en)`) still needs
    /// (`parameter:NAME`), so that the report says once per parameter which verdict waits for it:
    /// in the order of the Chinese names, the same in either language.
    pub fn note_missing_parameters(
        &mut self,
        ctx: &Ctx,
        missing: &[String],
        verdict: (&str, &str),
    ) {
        for m in missing {
            if let Some(param) = m.strip_prefix("parameter:") {
                self.missing_parameters.insert((
                    param.to_string(),
                    verdict.0.to_string(),
                    ctx.text(verdict.0, verdict.1).to_string(),
                ));
            }
        }
    }
}

impl<'a> Ctx<'a> {
    pub fn eval(&self, condition: &Condition, evidence: &mut Evidence) -> Truth {
        Evaluator {
            app: self.app,
            version: self.version,
            params: self.params,
            verdicts: self.verdicts,
            moved: self.moved,
            jurisdiction: &self.profile.id,
            locale: self.locale,
            rejected: self.rejected,
        }
        .eval(condition, evidence)
    }

    /// Whether a condition holds, ignoring the evidence.
    pub fn holds(&self, condition: &Condition) -> Truth {
        self.eval(condition, &mut Evidence::default())
    }

    pub fn text<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        self.locale.pick(zh, en)
    }

    /// A field's label in the report's locale, as the regulation words it.
    pub fn label(&self, field: Field) -> &'a str {
        self.version.field_label(field, self.locale)
    }

    /// Resolves citations against the article index.
    pub fn cite(&self, cites: &Cites) -> Citations {
        cites.resolve(self.version, &self.profile.id, self.locale)
    }

    pub fn stage_matches(&self, stages: &[Stage]) -> bool {
        stages.is_empty() || stages.contains(&self.stage)
    }
}

#[cfg(test)]
mod tests {
    use super::Rejected;

    #[test]
    fn a_field_is_rejected_at_itself_or_at_an_entry_of_it() {
        let rejected = Rejected::new(["mandatedBy[0]".to_string(), "emergency".to_string()]);
        assert!(rejected.rejects_read_field("mandatedBy"));
        assert!(rejected.rejects_read_field("emergency"));
        assert!(!rejected.rejects_read_field("emergencyConsent"));
        assert!(!rejected.rejects_read_field("mandated"));
        assert!(!rejected.take_consulted());
    }
}
