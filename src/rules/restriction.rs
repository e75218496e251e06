//! ## What it checks
//! Something a regulation forbids for projects of this kind, or a condition it sets, shown at the
//! field it concerns (`RX001`) with the regulation's own message: a 乡镇 building its own project,
//! a standalone mobile app, office equipment outside the scope, a project outside the annual plan
//! at implementation, a designer who also implements.
//!
//! ## Legal basis
//! Per profile, e.g. 歙县 第十三条 (乡镇不得独立建设), 第十八条 (设计与实施分开); 亭湖 第2条
//! (不得另行开发APP、小程序); 相城 第二条 (办公设备不属于本办法); 通州 第十七条 (未列入年度计划不得
//! 实施，应急经区政府同意除外).
//!
//! ## Example
//! `{"unitKind": "township"}` under 歙县 gets `RX001` at `unitKind`.
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("shexian");
//! let report = validate_json(r#"{"unitKind": "township"}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "RX001" && d.path == "unitKind"));
//! ```

use crate::codes::{Code, Severity};
use crate::condition::Truth;
use crate::report::Diagnostic;

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "restriction",
    codes: &[Code::Restricted],
};

pub fn check(ctx: &Ctx, sink: &mut Sink) {
    for rule in &ctx.version.restrictions {
        if !ctx.stage_matches(&rule.stages) || ctx.holds(&rule.when) != Truth::True {
            continue;
        }
        let path = rule.paths.first().map_or("", |f| f.0.path());
        let message = ctx.text(&rule.message, &rule.message_en).to_string();
        sink.diagnostics.push(
            Diagnostic::new(Code::Restricted, path)
                .rule(&rule.id, ctx.cite(&rule.cite))
                .param("message", message)
                .severity(rule.severity.unwrap_or(Severity::Error)),
        );
    }
}
