//! ## What it checks
//! 计划完成年月 is not before 启动年月 (`FM004`).
//!
//! ## Legal basis
//! The 申报表 of 通州 附件1 and 相城 附件1 ask for both months; a plan that ends before it starts
//! cannot be assessed.
//!
//! ## Example
//! `{"startMonth": "2025-06", "plannedCompletionMonth": "2025-03"}` gets `FM004` at
//! `plannedCompletionMonth`.
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("tongzhou");
//! let report = validate_json(r#"{"startMonth": "2025-06", "plannedCompletionMonth": "2025-03"}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "FM004" && d.path == "plannedCompletionMonth"));
//! ```

use crate::codes::Code;
use crate::model::{Field, Value};
use crate::report::Diagnostic;

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "month_order",
    codes: &[Code::MonthOrder],
};

pub fn check(ctx: &Ctx, sink: &mut Sink) {
    let (Some(Value::YearMonth(sy, sm)), Some(Value::YearMonth(ey, em))) = (
        ctx.app.get(Field::StartMonth),
        ctx.app.get(Field::PlannedCompletionMonth),
    ) else {
        return;
    };
    if (ey, em) < (sy, sm) {
        sink.diagnostics.push(
            Diagnostic::new(Code::MonthOrder, Field::PlannedCompletionMonth.path())
                .param("start", format!("{sy}-{sm:02}"))
                .param("end", format!("{ey}-{em:02}")),
        );
    }
}
