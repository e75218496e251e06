//! ## What it checks
//! A form field with a fixed list of answers holds one of them (`FM002`): 项目性质, and each box
//! ticked of 联网方式 (a row of check boxes, so several may be).
//!
//! ## Legal basis
//! 通州 附件1 备注2 (项目性质: 新建、续建、维护); 相城 附件1 备注3 (新建、续建、往年未支付、维护) and
//! its 联网方式 row (互联网、政务外网、政务专网、政务内网(涉密网)).
//!
//! ## Example
//! `{"nature": "升级"}` under 通州 gets `FM002` at `nature`.
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("tongzhou");
//! let report = validate_json(r#"{"nature": "升级"}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "FM002" && d.path == "nature"));
//! ```

use crate::codes::Code;
use crate::report::Diagnostic;

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "form_enumeration",
    codes: &[Code::NotInFormList],
};

/// Whether `value` is the listed answer `listed`, its brackets full-width or not: the texts write
/// 「政务内网(涉密网)」 and an applicant types 「政务内网（涉密网）」, which look the same.
fn listed_as(listed: &str, value: &str) -> bool {
    let narrow = |c: char| match c {
        '（' => '(',
        '）' => ')',
        c => c,
    };
    listed.chars().map(narrow).eq(value.chars().map(narrow))
}

pub fn check(ctx: &Ctx, sink: &mut Sink) {
    for rule in &ctx.version.enumerations {
        for value in ctx.app.texts(rule.field.0) {
            if rule.values.iter().any(|v| listed_as(v, value)) {
                continue;
            }
            let sep = ctx.text("、", ", ");
            sink.diagnostics.push(
                Diagnostic::new(Code::NotInFormList, rule.field.0.path())
                    .rule(&rule.id, ctx.cite(&rule.cite))
                    .param("input", value)
                    .param("allowed", rule.values.join(sep)),
            );
        }
    }
}
