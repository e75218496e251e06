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
//! assert_eq!(merge.missing, ["mandatedBy"]);
//! // At 300 万元 both cases that might apply allow merging, so the blank does not matter.
//! let report = validate_json(r#"{"totalInvestment": "300"}"#, &options);
//! assert!(report.outcomes.merge.expect("tongzhou has a merge rule").value.is_some());
//! ```

use crate::condition::{Evidence, Truth};
use crate::profile::Case;
use crate::report::{Outcome, Status, Trace};

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "decision",
    codes: &[],
};

/// Evaluates a decision table. `name` is the outcome's name in zh and en, for messages.
pub fn decide<T: Clone + PartialEq>(
    ctx: &Ctx,
    sink: &mut Sink,
    name: (&str, &str),
    cases: &[Case<T>],
) -> Option<Outcome<T>> {
    if cases.is_empty() {
        return None;
    }
    let mut missing: Vec<String> = Vec::new();
    let mut boundaries = Vec::new();
    // Results of the cases before this one that might still apply.
    let mut open: Vec<&T> = Vec::new();
    for case in cases {
        let mut ev = Evidence::default();
        match ctx.eval(&case.when, &mut ev) {
            Truth::False => boundaries.extend(ev.boundaries),
            Truth::Unknown => {
                open.push(&case.result);
                for m in ev.missing {
                    if !missing.contains(&m) {
                        missing.push(m);
                    }
                }
            }
            Truth::True if open.iter().all(|r| **r == case.result) => {
                let explanation = ctx
                    .text(&case.explanation, &case.explanation_en)
                    .to_string();
                // The matched case's own hit explains the boundary best; otherwise the case
                // before it that the amount just failed.
                let citations = ctx.cite(&case.cite);
                let hits = if ev.boundaries.is_empty() {
                    boundaries
                } else {
                    ev.boundaries
                };
                for hit in hits {
                    sink.boundaries.push((
                        hit,
                        case.id.clone(),
                        citations.clone(),
                        explanation.clone(),
                    ));
                }
                let mut explained = Evidence::explained();
                ctx.eval(&case.when, &mut explained);
                return Some(Outcome {
                    status: Status::Determined,
                    value: Some(case.result.clone()),
                    because: vec![Trace {
                        rule: case.id.clone(),
                        citations,
                        facts: explained.facts,
                        explanation,
                    }],
                    missing: Vec::new(),
                });
            }
            Truth::True => break,
        }
    }
    sink.note_missing_parameters(&missing, ctx.text(name.0, name.1));
    Some(Outcome {
        status: Status::Undetermined,
        value: None,
        because: Vec::new(),
        missing,
    })
}
