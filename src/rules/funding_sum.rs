//! ## What it checks
//! In the funding table, each row's 合计 equals 申请财政拨款 + 单位自筹 + 国家下拨 + 其它, for both
//! 历年已安排资金 and 本年度申请资金 (`FM003`). A source left empty counts as zero; a row with no
//! total is not checked. Sums are exact decimals.
//!
//! ## Legal basis
//! 通州 附件1 and 相城 附件1 (the funding table of the 申报表).
//!
//! ## Example
//! `{"funding": {"thisYear": {"total": "100", "fiscal": "60", "selfRaised": "30"}}}` gets
//! `FM003` at `funding.thisYear.total` (total 100, sources 90).
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("tongzhou");
//! let report = validate_json(r#"{"funding": {"thisYear": {"total": "100", "fiscal": "60", "selfRaised": "30"}}}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "FM003" && d.path == "funding.thisYear.total"));
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
    codes: &[Code::FundingSumMismatch],
};

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
}
