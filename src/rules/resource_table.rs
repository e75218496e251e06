//! ## What it checks
//! Each row of the information-resource table has a name (`RS001`), a 共享属性 from the list
//! (`RS002`), the condition when shared on conditions (`RS003`), the reason when not shared
//! (`RS004`), and a 采集更新频率 from the list (`RS005`).
//!
//! ## Legal basis
//! 相城 附件2 四(1) (数据采集需求分析): 共享属性 无条件共享 / 有条件共享 (注明共享条件) / 不予共享
//! (写明原因); 采集更新频率 实时、每天、每周、每月、每年、其他.
//!
//! ## Example
//! `{"resources": [{"name": "企业名录", "sharing": "有条件共享", "updateFrequency": "每天"}]}`
//! under 相城 gets `RS003` at `resources[0].condition`.
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("xiangcheng");
//! let report = validate_json(r#"{"resources": [{"name": "企业名录", "sharing": "有条件共享", "updateFrequency": "每天"}]}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "RS003" && d.path == "resources[0].condition"));
//! ```

use crate::codes::Code;
use crate::report::Diagnostic;

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "resource_table",
    codes: &[
        Code::ResourceNameMissing,
        Code::ResourceSharingInvalid,
        Code::ResourceConditionMissing,
        Code::ResourceReasonMissing,
        Code::ResourceFrequencyInvalid,
        Code::RequiredCell,
    ],
};

pub fn check(ctx: &Ctx, sink: &mut Sink) {
    let Some(table) = &ctx.version.resource_table else {
        return;
    };
    let citations = ctx.cite(&table.cite);
    let sep = ctx.text("、", ", ");
    for (i, row) in ctx.app.resources().iter().enumerate() {
        let at = |cell: &str| format!("resources[{i}].{cell}");
        // Written only for a problem to report, as the paths are.
        let number = || (i + 1).to_string();
        let mut push = |d: Diagnostic| sink.diagnostics.push(d.rule(&table.id, citations.clone()));
        if row.name().is_none() && !ctx.rejected.contains(&at("name")) {
            push(Diagnostic::new(Code::ResourceNameMissing, &at("name")).param("row", number()));
        }
        match row.sharing() {
            None if !ctx.rejected.contains(&at("sharing")) => {
                push(Diagnostic::new(Code::RequiredCell, &at("sharing")));
            }
            None => {}
            Some(s) if !table.sharing.iter().any(|t| t == s) => push(
                Diagnostic::new(Code::ResourceSharingInvalid, &at("sharing"))
                    .param("row", number())
                    .param("input", s)
                    .param("allowed", table.sharing.join(sep)),
            ),
            Some(s) if *s == table.needs_condition && row.condition().is_none() => {
                push(
                    Diagnostic::new(Code::ResourceConditionMissing, &at("condition"))
                        .param("row", number()),
                );
            }
            Some(s) if *s == table.needs_reason && row.reason().is_none() => {
                push(
                    Diagnostic::new(Code::ResourceReasonMissing, &at("reason"))
                        .param("row", number()),
                );
            }
            Some(_) => {}
        }
        match row.update_frequency() {
            None if !ctx.rejected.contains(&at("updateFrequency")) => {
                push(Diagnostic::new(Code::RequiredCell, &at("updateFrequency")));
            }
            Some(f) if !table.frequencies.iter().any(|t| t == f) => push(
                Diagnostic::new(Code::ResourceFrequencyInvalid, &at("updateFrequency"))
                    .param("row", number())
                    .param("input", f)
                    .param("allowed", table.frequencies.join(sep)),
            ),
            _ => {}
        }
    }
}
