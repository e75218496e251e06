//! ## What it checks
//! Whether a change to the approved budget may take the simplified route: the investment stays
//! within the approved estimate, the goals are unchanged, the adjustment is no more than the
//! regulation's share of the approved estimate (不超过 15%, the limit included), and the reason is one
//! of the three listed. If any condition fails, the full procedure applies (`AD001` over the limit,
//! `AD002` another reason, `AD003` goals or estimate exceeded). While the reason, 「投资规模未超出
//! 概算批复」 or 「建设目标不变」 is unanswered and nothing else closes the simplified route, the verdict
//! is `undetermined` and names them: the text makes them conditions, not presumptions. The verdict is
//! reported as the `adjustment` outcome.
//!
//! ## Legal basis
//! 通州 第二十九条 (书面申请，报区行政审批局备案); 歙县 第三十八条 (建设单位调整，向审批部门备案).
//!
//! ## Example
//! `{"approvedBudget": "400", "adjustment": {"amount": "61", "reason": "technicalOptimisation"}}`
//! under 通州 gets `AD001` (15.25% > 15%).
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let mut options = Options::for_jurisdiction("tongzhou");
//! options.stage = Some(gov_it_rules::profile::Stage::Implementation);
//! let report = validate_json(r#"{"approvedBudget": "400", "adjustment": {"amount": "61", "reason": "technicalOptimisation"}}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "AD001"));
//! ```

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::codes::Code;
use crate::model::{Field, Value};
use crate::money;
use crate::report::{Diagnostic, Fact, Outcome, Status, Trace};

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "budget_adjustment",
    codes: &[
        Code::AdjustmentConditionsUnmet,
        Code::AdjustmentOverLimit,
        Code::AdjustmentReasonNotListed,
    ],
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdjustmentVerdict {
    /// `simplified` or `full`.
    pub route: &'static str,
    /// The adjustment as a share of the approved estimate, e.g. `0.1525`.
    pub ratio: String,
    pub procedure: String,
}

pub fn check(ctx: &Ctx, sink: &mut Sink) -> Option<Outcome<AdjustmentVerdict>> {
    let rule = ctx.version.adjustment.as_ref()?;
    let amount = ctx.app.money(Field::AdjustmentAmount)?;
    let citations = ctx.cite(&rule.cite);
    let limit = ctx.params.get(&rule.max_ratio_param).copied().flatten()?;
    // No ratio to weigh against a budget of zero (`checked_div` answers `None` for it, as for a
    // quotient too large, which amounts within the input limits never give).
    let quotient = |approved: Decimal| Some((approved, amount.checked_div(approved)?));
    let Some((approved, ratio)) = ctx.app.money(Field::ApprovedBudget).and_then(quotient) else {
        return Some(Outcome {
            status: Status::Undetermined,
            value: None,
            because: Box::default(),
            missing: Box::new([Field::ApprovedBudget.path().to_string()]),
        });
    };
    let otherwise = ctx.text(&rule.otherwise, &rule.otherwise_en).to_string();
    let listed_reason =
        matches!(ctx.app.get(Field::AdjustmentReason), Some(Value::Choice(r)) if *r != "other");
    let conditions = [
        Field::AdjustmentWithinBudget,
        Field::AdjustmentGoalsUnchanged,
    ];
    // The message names both conditions; it stands beside the first one answered 否.
    let broken = conditions.iter().find(|f| ctx.app.flag(**f) == Some(false));
    let mut failures = Vec::new();
    if ratio > limit {
        failures.push(
            Diagnostic::new(Code::AdjustmentOverLimit, Field::AdjustmentAmount.path())
                .param("amount", money::format(&amount))
                .param("ratio", percent(ratio, limit))
                .param("limit", percent(limit, limit)),
        );
    }
    if !listed_reason && ctx.app.get(Field::AdjustmentReason).is_some() {
        failures.push(Diagnostic::new(
            Code::AdjustmentReasonNotListed,
            Field::AdjustmentReason.path(),
        ));
    }
    if let Some(field) = broken {
        failures.push(Diagnostic::new(
            Code::AdjustmentConditionsUnmet,
            field.path(),
        ));
    }
    let facts = vec![Fact::written(format!(
        "{} {} 万元 / {} {} 万元 = {}（上限 {}）",
        ctx.version
            .field_label(Field::AdjustmentAmount, crate::messages::Locale::ZhCn),
        money::format(&amount),
        ctx.version
            .field_label(Field::ApprovedBudget, crate::messages::Locale::ZhCn),
        money::format(&approved),
        percent(ratio, limit),
        percent(limit, limit)
    ))];
    let closed = !failures.is_empty();
    for d in failures {
        sink.diagnostics.push(
            d.rule(&rule.id, citations.clone())
                .param("procedure", otherwise.as_str()),
        );
    }
    // The simplified route needs every condition answered 是; one failure closes it whatever the
    // rest say.
    let missing: Vec<String> = if closed {
        Vec::new()
    } else {
        std::iter::once(Field::AdjustmentReason)
            .filter(|f| ctx.app.get(*f).is_none())
            .chain(
                conditions
                    .into_iter()
                    .filter(|f| ctx.app.flag(*f).is_none()),
            )
            .map(|f| f.path().to_string())
            .collect()
    };
    let simplified = !closed && missing.is_empty() && listed_reason;
    let procedure = if simplified {
        ctx.text(&rule.simplified, &rule.simplified_en).to_string()
    } else {
        otherwise
    };
    let status = if missing.is_empty() {
        Status::Determined
    } else {
        Status::Undetermined
    };
    Some(Outcome {
        status,
        value: (status == Status::Determined).then(|| {
            Arc::new(AdjustmentVerdict {
                route: if simplified { "simplified" } else { "full" },
                ratio: crate::money::format(&on_its_side(ratio, limit, 6)),
                procedure: procedure.clone(),
            })
        }),
        because: Box::new([Trace {
            rule: Arc::clone(&rule.id),
            citations,
            facts,
            explanation: Arc::from(procedure),
        }]),
        missing: missing.into_boxed_slice(),
    })
}

/// `ratio` as a percentage to two decimal places, or to as many more as it takes to stay on its
/// own side of `limit`: 60.0001 / 400 reads 15.00002%, never 15% "over 15%".
fn percent(ratio: Decimal, limit: Decimal) -> String {
    // Saturating rather than `*`, which panics past Decimal::MAX: amounts within the input
    // limits stay far below it.
    let exact = ratio.saturating_mul(Decimal::ONE_HUNDRED);
    let bound = limit.saturating_mul(Decimal::ONE_HUNDRED);
    format!(
        "{}%",
        &*crate::money::written(&on_its_side(exact, bound, 2))
    )
}

/// `value` rounded to `places` decimal places, or to as many more as it takes to stay on the
/// side of `bound` it is on: a share over the limit is never shown as the limit itself.
fn on_its_side(value: Decimal, bound: Decimal, places: u32) -> Decimal {
    (places..=Decimal::MAX_SCALE)
        .map(|dp| value.round_dp(dp))
        .find(|shown| shown.cmp(&bound) == value.cmp(&bound))
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn a_share_is_shown_on_its_own_side_of_the_limit() {
        assert_eq!(percent(decimal("0.1525"), decimal("0.15")), "15.25%");
        assert_eq!(percent(decimal("0.15"), decimal("0.15")), "15%");
        // 60.0001 / 400: over the limit by less than a hundredth of a percent.
        assert_eq!(percent(decimal("0.15000025"), decimal("0.15")), "15.00002%");
    }

    #[test]
    fn a_ratio_is_given_on_its_own_side_of_the_limit() {
        let limit = decimal("0.15");
        assert_eq!(on_its_side(decimal("0.1525"), limit, 6), decimal("0.1525"));
        assert_eq!(on_its_side(decimal("0.15"), limit, 6), limit);
        assert_eq!(
            on_its_side(decimal("0.123456789"), limit, 6),
            decimal("0.123457")
        );
        // 60.0001 / 400 and 59.9999 / 400: six places would make both the limit itself.
        assert_eq!(
            on_its_side(decimal("0.15000025"), limit, 6),
            decimal("0.1500002")
        );
        assert_eq!(
            on_its_side(decimal("0.14999975"), limit, 6),
            decimal("0.1499998")
        );
    }

    #[test]
    fn a_share_past_what_a_decimal_holds_saturates_rather_than_panics() {
        assert_eq!(
            percent(Decimal::MAX, Decimal::ONE),
            format!("{}%", Decimal::MAX)
        );
    }
}
