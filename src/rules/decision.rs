//! ## What it checks
//! Derives an outcome (approval tier and document chain, merge-eligibility, supervision,
//! management mode, expert-panel composition, financial review, acceptance) from a decision table:
//! the first case whose condition holds gives the result. When a case before it cannot be decided
//! because a field or a portal parameter is missing, and that case would give another result, the
//! outcome is `undetermined` and names what is missing, rather than guessing; when every case that
//! might still apply gives the same result, that result is the verdict whatever the missing answer.
//!
//! ## Legal basis
//! Per profile, e.g. 通州 第八条 (approval over 50 万元), 第十一条 (合并编报 at 300 万元 and below),
//! 第二十五条 (监理 over 100 万元); 歙县 第十四条, 第二十条, 第二十五条; 亭湖 第4条, 第8条, 第10条;
//! 江津 第九条, 第二十五条; 相城 第十条, 第十一条, 第十九条.
//!
//! ## Example
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("tongzhou");
//! // Over 300 万元 with no higher-level mandate: compiled separately.
//! let report = validate_json(r#"{"totalInvestment": "300.01", "mandatedBy": []}"#, &options);
//! let merge = report.outcomes.merge.expect("tongzhou has a merge rule");
//! assert_eq!(merge.value.expect("decided").mode, gov_it_rules::profile::MergeMode::Separate);
//! // The mandate unanswered: a mandate would allow merging, so the verdict waits for it.
//! let report = validate_json(r#"{"totalInvestment": "300.01"}"#, &options);
//! let merge = report.outcomes.merge.expect("tongzhou has a merge rule");
//! assert!(merge.value.is_none());
//! assert_eq!(*merge.missing, ["mandatedBy"]);
//! // At 300 万元 both cases that might apply allow merging, so the blank does not matter.
//! let report = validate_json(r#"{"totalInvestment": "300"}"#, &options);
//! assert!(report.outcomes.merge.expect("tongzhou has a merge rule").value.is_some());
//! ```

use std::sync::Arc;

use crate::condition::{BoundaryHit, Evidence, FieldSet, Truth};
use crate::profile::{Case, Cites, Condition};
use crate::report::{Outcome, Status, Trace};

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "decision",
    codes: &[],
};

/// Which case of a decision table applies, as [`decide`] reads the table, without writing any
/// explanation.
pub(crate) struct Picked<C> {
    /// The case that decides; `None` when the outcome is undetermined.
    pub case: Option<C>,
    /// What an undetermined outcome still needs.
    pub missing: Vec<String>,
    /// Amounts on a threshold that explain the decision.
    pub boundaries: Vec<BoundaryHit>,
    /// The money fields compared on the way to the decision: while each of those comparisons
    /// keeps its answer, the same case decides.
    pub compared: FieldSet,
}

/// A decision table seen apart from the type of its results: the code that reads a table is
/// compiled once rather than once for each of the seven result types.
pub(crate) trait Cases {
    fn count(&self) -> usize;
    /// What of a case does not depend on its result's type.
    fn rule(&self, case: usize) -> Option<Rule<'_>>;
    /// Whether cases `a` and `b` give the same result.
    fn same_result(&self, a: usize, b: usize) -> bool;

    fn when(&self, case: usize) -> Option<&Condition> {
        self.rule(case).map(|rule| rule.when)
    }
}

/// A case of a decision table but its result.
pub(crate) struct Rule<'c> {
    pub id: &'c Arc<str>,
    pub when: &'c Condition,
    pub cite: &'c Cites,
    pub explanation: &'c Arc<str>,
    pub explanation_en: &'c Arc<str>,
}

impl<T: PartialEq> Cases for &[Case<T>] {
    fn count(&self) -> usize {
        self.len()
    }

    fn rule(&self, case: usize) -> Option<Rule<'_>> {
        self.get(case).map(|c| Rule {
            id: &c.id,
            when: &c.when,
            cite: &c.cite,
            explanation: &c.explanation,
            explanation_en: &c.explanation_en,
        })
    }

    fn same_result(&self, a: usize, b: usize) -> bool {
        match (self.get(a), self.get(b)) {
            (Some(a), Some(b)) => *a.result == *b.result,
            _ => false,
        }
    }
}

/// Reads a decision table: the first case whose condition holds, unless a case before it might
/// still apply and would give another result.
pub(crate) fn pick<'c, T: PartialEq>(ctx: &Ctx, cases: &'c [Case<T>]) -> Picked<&'c Case<T>> {
    let picked = pick_case(ctx, &cases);
    Picked {
        case: picked.case.and_then(|i| cases.get(i)),
        missing: picked.missing,
        boundaries: picked.boundaries,
        compared: picked.compared,
    }
}

/// [`pick`], giving the case by its position.
pub(crate) fn pick_case(ctx: &Ctx, cases: &dyn Cases) -> Picked<usize> {
    let mut missing: Vec<String> = Vec::new();
    let mut boundaries = Vec::new();
    let mut compared = FieldSet::default();
    // The cases before this one that might still apply.
    let mut open: Vec<usize> = Vec::new();
    for case in 0..cases.count() {
        let Some(when) = cases.when(case) else {
            break;
        };
        let mut ev = Evidence::default();
        let truth = ctx.eval(when, &mut ev);
        compared = compared.union(ev.compared);
        match truth {
            // The wording of a case the amount just failed is that case's provision, not the
            // one of the case that decides.
            Truth::False => boundaries.extend(ev.boundaries.into_iter().map(|mut hit| {
                if hit.cite.is_none() {
                    hit.cite = cases.rule(case).map(|rule| ctx.cite(rule.cite));
                }
                hit
            })),
            Truth::Unknown => {
                open.push(case);
                for m in ev.missing {
                    if !missing.contains(&m) {
                        missing.push(m);
                    }
                }
            }
            Truth::True if open.iter().all(|&o| cases.same_result(o, case)) => {
                // The matched case's own hit explains the boundary best; otherwise the case
                // before it that the amount just failed.
                if !ev.boundaries.is_empty() {
                    boundaries = ev.boundaries;
                }
                return Picked {
                    case: Some(case),
                    missing: Vec::new(),
                    boundaries,
                    compared,
                };
            }
            Truth::True => break,
        }
    }
    Picked {
        case: None,
        missing,
        boundaries: Vec::new(),
        compared,
    }
}

/// An outcome with the money fields its decision compared.
pub struct Decided<T> {
    pub outcome: Option<Outcome<T>>,
    pub compared: FieldSet,
}

/// Evaluates a decision table. `name` is the outcome's name in zh and en, for messages.
pub fn decide<T: PartialEq>(
    ctx: &Ctx,
    sink: &mut Sink,
    name: (&str, &str),
    cases: &[Case<T>],
) -> Option<Outcome<T>> {
    decide_traced(ctx, sink, name, cases).outcome
}

/// As [`decide`], also saying which money fields the decision compared.
pub fn decide_traced<T: PartialEq>(
    ctx: &Ctx,
    sink: &mut Sink,
    name: (&str, &str),
    cases: &[Case<T>],
) -> Decided<T> {
    let (outcome, compared) = decide_case(ctx, sink, name, &cases);
    let outcome = outcome.map(|o| Outcome {
        status: o.status,
        value: o
            .case
            .and_then(|case| cases.get(case))
            .map(|case| Arc::clone(&case.result)),
        because: o.because,
        missing: o.missing,
    });
    Decided { outcome, compared }
}

/// An outcome with the position of the case that gives its value.
struct CaseOutcome {
    status: Status,
    case: Option<usize>,
    because: Box<[Trace]>,
    missing: Box<[String]>,
}

/// [`decide_traced`] but for the outcome's value, given by the position of its case.
fn decide_case(
    ctx: &Ctx,
    sink: &mut Sink,
    name: (&str, &str),
    cases: &dyn Cases,
) -> (Option<CaseOutcome>, FieldSet) {
    if cases.count() == 0 {
        return (None, FieldSet::default());
    }
    let picked = pick_case(ctx, cases);
    let compared = picked.compared;
    let Some((case, rule)) = picked.case.and_then(|case| Some((case, cases.rule(case)?))) else {
        sink.note_missing_parameters(ctx, &picked.missing, name);
        let undetermined = CaseOutcome {
            status: Status::Undetermined,
            case: None,
            because: Box::default(),
            missing: picked.missing.into_boxed_slice(),
        };
        return (Some(undetermined), compared);
    };
    let explanation = Arc::clone(ctx.locale.pick(rule.explanation, rule.explanation_en));
    let citations = ctx.cite(rule.cite);
    for hit in picked.boundaries {
        sink.boundaries.push((
            hit,
            Arc::clone(rule.id),
            citations.clone(),
            Arc::clone(&explanation),
        ));
    }
    let mut explained = Evidence::explained();
    ctx.eval(rule.when, &mut explained);
    let determined = CaseOutcome {
        status: Status::Determined,
        case: Some(case),
        because: Box::new([Trace {
            rule: Arc::clone(rule.id),
            citations,
            facts: explained.into_facts(),
            explanation,
        }]),
        missing: Box::default(),
    };
    (Some(determined), compared)
}
