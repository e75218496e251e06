//! ## What it checks
//! An application for next year's plan is made by the yearly deadline (`TW004`, a warning): the
//! deadline falls in the year before the plan year (`year`, or next year when `year` is empty).
//!
//! ## Legal basis
//! 通州 第七条 (每年10月底前递交下一年度项目计划); 亭湖 第5条 (每年第三季度报送下一年度项目计划).
//!
//! ## Example
//! Validated on 2024-11-05 with `{"year": 2025}` under 通州: `TW004` at `year`, the deadline having
//! been 2024-10-31.
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let mut options = Options::for_jurisdiction("tongzhou");
//! options.as_of = "2024-11-05".parse().ok();
//! let report = validate_json(r#"{"year": 2025}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "TW004" && d.path == "year"));
//! ```

use chrono::{Datelike, NaiveDate};

use crate::codes::Code;
use crate::model::Field;
use crate::profile::parse_month_day;
use crate::report::Diagnostic;

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "annual_deadline",
    codes: &[Code::DeadlinePassed],
};

pub fn check(ctx: &Ctx, sink: &mut Sink) {
    let plan_year = match ctx.app.count(Field::Year) {
        Some(year) => i32::try_from(year).unwrap_or(ctx.as_of.year() + 1),
        // A year typed that could not be read is its own problem: no year is assumed in its place.
        None if ctx.rejected.contains(Field::Year.path()) => return,
        None => ctx.as_of.year() + 1,
    };
    for rule in ctx
        .version
        .deadlines
        .iter()
        .filter(|d| d.stage == ctx.stage)
    {
        let Some((month, day)) = parse_month_day(&rule.by) else {
            continue;
        };
        let Some(deadline) = NaiveDate::from_ymd_opt(plan_year - 1, month, day) else {
            continue;
        };
        if ctx.as_of > deadline {
            sink.diagnostics.push(
                Diagnostic::new(Code::DeadlinePassed, Field::Year.path())
                    .rule(&rule.id, ctx.cite(&rule.cite))
                    .param("deadline", crate::calendar::iso(deadline))
                    .param("asOf", crate::calendar::iso(ctx.as_of))
                    .param("year", plan_year.to_string()),
            );
        }
    }
}
