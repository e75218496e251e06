//! ## What it checks
//! In the funding table, each row's 合计 equals 申请财政拨款 + 单位自筹 + 国家下拨 + 其它, for both
//! 历年已安排资金 and 本年度申请资金 (`FM003`). A source left empty counts as zero; a row with no
//! total is not checked. Sums are exact decimals. 年度需要资金 and each row's 合计 are parts of the
//! project's total: one above 预计总投资 is a warning (`FM005`), and so is a 预计总投资 ten thousand
//! times one of them or more (`FM006`), said of the first such part in the form's order, where one
//! of the two was most likely written in 元 (30000
//! for 3 万元 reads as 3 亿元, and takes every verdict with it; from 50,000 万元 the reader says so
//! of the total itself, `IN014`).
//!
//! ## Legal basis
//! 通州 附件1 and 相城 附件1 (the funding table of the 申报表).
//!
//! ## Example
//! `{"funding": {"thisYear": {"total": "100", "fiscal": "60", "selfRaised": "30"}}}` gets
//! `FM003` at `funding.thisYear.total` (total 100, sources 90); `{"totalInvestment": "8",
//! "annualFunding": "800"}` gets `FM005` at `annualFunding`, and `{"totalInvestment": "30000",
//! "annualFunding": "3"}` `FM006` at `totalInvestment`.
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("tongzhou");
//! let report = validate_json(r#"{"funding": {"thisYear": {"total": "100", "fiscal": "60", "selfRaised": "30"}}}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "FM003" && d.path == "funding.thisYear.total"));
//! let report = validate_json(r#"{"totalInvestment": "8", "annualFunding": "800"}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "FM005" && d.path == "annualFunding"));
//! let report = validate_json(r#"{"totalInvestment": "30000", "annualFunding": "3"}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "FM006" && d.path == "totalInvestment"));
//! ```

use rust_decimal::Decimal;

use crate::codes::Code;
use crate::model::Field;
use crate::money;
use crate::report::Diagnostic;

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "funding_sum",
    codes: &[
        Code::FundingSumMismatch,
        Code::AboveTotal,
        Code::TotalTenThousandTimes,
    ],
};

/// The amounts that are part of the project's total.
const PARTS_OF_TOTAL: [Field; 3] = [Field::AnnualFunding, Field::PriorTotal, Field::ThisTotal];

const ROWS: [(Field, [Field; 4]); 2] = [
    (
        Field::PriorTotal,
        [
            Field::PriorFiscal,
            Field::PriorSelfRaised,
            Field::PriorNational,
            Field::PriorOther,
        ],
    ),
    (
        Field::ThisTotal,
        [
            Field::ThisFiscal,
            Field::ThisSelfRaised,
            Field::ThisNational,
            Field::ThisOther,
        ],
    ),
];

pub fn check(ctx: &Ctx, sink: &mut Sink) {
    let Some(rule) = &ctx.version.funding_sums else {
        return;
    };
    for (total_field, parts) in ROWS {
        let Some(total) = ctx.app.money(total_field) else {
            continue;
        };
        if parts.iter().any(|p| ctx.rejected.contains(p.path())) {
            continue;
        }
        // Saturating rather than `Sum`, which panics past Decimal::MAX: six amounts within the
        // input limits stay far below it, and a saturated sum differs from any total.
        let sum = parts
            .iter()
            .filter_map(|p| ctx.app.money(*p))
            .fold(Decimal::ZERO, Decimal::saturating_add);
        if sum != total {
            sink.diagnostics.push(
                Diagnostic::new(Code::FundingSumMismatch, total_field.path())
                    .rule(&rule.id, ctx.cite(&rule.cite))
                    .param("total", money::format(&total))
                    .param("sum", money::format(&sum)),
            );
        }
    }
    let Some(total) = ctx.app.money(Field::TotalInvestment) else {
        return;
    };
    let ten_thousand = Decimal::from(10_000);
    // An amount that reads as written in 元 the reader has questioned already (IN014).
    let likely_in_yuan = Decimal::from(crate::limits::AMOUNT_LIKELY_IN_YUAN);
    let questioned = total >= likely_in_yuan;
    // Said once, of the first part out of proportion: the total and its parts are checked together,
    // and while the total is typed digit by digit the parts are each above it in turn.
    let out_of_proportion = PARTS_OF_TOTAL.into_iter().find_map(|part| {
        let amount = ctx.app.money(part).filter(|a| !a.is_zero())?;
        let d = if amount > total && amount < likely_in_yuan {
            Diagnostic::new(Code::AboveTotal, part.path())
                .param("of", ctx.label(Field::TotalInvestment))
        } else if !questioned && amount.saturating_mul(ten_thousand) <= total {
            Diagnostic::new(Code::TotalTenThousandTimes, Field::TotalInvestment.path())
                .param("part", ctx.label(part))
        } else {
            return None;
        };
        Some(
            d.param("amount", money::format(&amount))
                .param("total", money::format(&total)),
        )
    });
    if let Some(d) = out_of_proportion {
        sink.diagnostics
            .push(d.rule(&rule.id, ctx.cite(&rule.cite)));
    }
}
