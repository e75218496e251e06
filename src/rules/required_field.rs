//! ## What it checks
//! The fields a regulation's 申报表 asks for are filled in at the stage that needs them
//! (code `FM001`). A field whose value was rejected as malformed is reported once, by the input
//! check, not again here.
//!
//! ## Legal basis
//! 通州 附件1 (申报表) with 第七条; 相城 附件1 with 第十条.
//!
//! ## Example
//! A 通州 declaration without 项目名称 gets `FM001` at `name`.
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("tongzhou");
//! let report = validate_json(r#"{}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "FM001" && d.path == "name"));
//! ```

use crate::codes::Code;
use crate::condition::Truth;
use crate::report::Diagnostic;

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "required_field",
    codes: &[Code::RequiredField],
};

pub fn check(ctx: &Ctx, sink: &mut Sink) {
    for rule in ctx
        .version
        .required_fields
        .iter()
        .filter(|r| r.stage == ctx.stage)
    {
        if ctx.holds(&rule.when) != Truth::True {
            continue;
        }
        for field in &rule.fields {
            let path = field.0.path();
            if ctx.app.get(field.0).is_none() && !ctx.rejected.contains(path) {
                sink.diagnostics.push(
                    Diagnostic::new(Code::RequiredField, path).rule(&rule.id, ctx.cite(&rule.cite)),
                );
            }
        }
    }
}
