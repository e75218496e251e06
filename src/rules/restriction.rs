//! ## What it checks
//! Something a regulation forbids for projects of this kind, or a condition it sets, shown at the
//! field it concerns (`RX001`) with the regulation's own message: a 乡镇 building its own project,
//! a standalone mobile app, office equipment outside the scope, a project outside the annual plan
//! at implementation, a designer who also implements. Where an answer it turns on is still blank,
//! the field is asked for with the restriction's message (`RX002`, for information), once a
//! field: a prohibition has no undetermined verdict to wait in, and a blank 是/否 would pass it
//! unseen. A field given but unreadable is not asked for again: its input problem says it.
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
//! // 申报单位类别 not yet answered: asked for, with what it decides.
//! let report = validate_json(r#"{}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "RX002" && d.path == "unitKind"));
//! ```

use std::sync::Arc;

use crate::codes::{Code, Severity};
use crate::condition::{Evidence, FieldSet, Truth};
use crate::model::Field;
use crate::report::Diagnostic;

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "restriction",
    codes: &[Code::Restricted, Code::RestrictionUnchecked],
};

pub fn check(ctx: &Ctx, sink: &mut Sink) {
    // A field is asked for once, by the first restriction that turns on it.
    let mut asked = FieldSet::default();
    for rule in &ctx.version.restrictions {
        if !ctx.stage_matches(&rule.stages) {
            continue;
        }
        let mut evidence = Evidence::default();
        let d = match ctx.eval(&rule.when, &mut evidence) {
            Truth::True => {
                let path = rule.paths.first().map_or("", |f| f.0.path());
                Diagnostic::new(Code::Restricted, path)
                    .severity(rule.severity.unwrap_or(Severity::Error))
            }
            Truth::Unknown => {
                // The fields still blank, as the form names them: one given but unreadable has
                // its own input problem, and a portal parameter is JU005's.
                let blank: Vec<Field> = evidence
                    .missing
                    .iter()
                    .filter(|path| !ctx.rejected.rejects_read_field(path))
                    .filter_map(|path| Field::by_path(path))
                    .collect();
                let Some(&first) = blank.first().filter(|f| !asked.contains(**f)) else {
                    continue;
                };
                let (open, close) = (ctx.text("「", "“"), ctx.text("」", "”"));
                let needed: Vec<String> = blank
                    .iter()
                    .map(|&field| format!("{open}{}{close}", ctx.label(field)))
                    .collect();
                blank.iter().for_each(|&field| asked.insert(field));
                let needed: Vec<&str> = needed.iter().map(String::as_str).collect();
                Diagnostic::new(Code::RestrictionUnchecked, first.path())
                    .param("needed", crate::messages::enumerate(&needed, ctx.locale))
            }
            Truth::False => continue,
        };
        let message = Arc::clone(ctx.locale.pick(&rule.message, &rule.message_en));
        sink.diagnostics.push(
            d.rule(&rule.id, ctx.cite(&rule.cite))
                .param("message", message),
        );
    }
}
