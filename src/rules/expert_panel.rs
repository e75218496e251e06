//! ## What it checks
//! An expert panel has at least the prescribed number of members (`EP001`), an odd number where the
//! text asks for one (`EP002`), and only external experts where it says so (`EP003`). The
//! composition comes from a decision table, since it may depend on the amount. Where the text says
//! 原则上 (亭湖 第10条), a panel that falls short is a warning: the text allows exceptions it does not
//! list.
//!
//! ## Legal basis
//! 亭湖 第10条 (专家评审 3人及以上单数；100万元（含）以上 5人及以上单数) and 第19条 (终验专家组由
//! 3人及以上单数外部专家组成).
//!
//! ## Example
//! `{"totalInvestment": "120", "expertPanel": {"size": 4}}` under 亭湖 gets `EP001` (fewer than 5)
//! and `EP002` (even) at `expertPanel.size`.
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("tinghu");
//! let report = validate_json(r#"{"totalInvestment": "120", "expertPanel": {"size": 4}}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "EP001" && d.path == "expertPanel.size"));
//! ```

use crate::codes::{Code, Severity};
use crate::profile::Panel;
use crate::report::{Diagnostic, Outcome};

use super::{decision, Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "expert_panel",
    codes: &[
        Code::PanelEven,
        Code::PanelExternalTooFew,
        Code::PanelTooSmall,
    ],
};

/// `review`: the expert-panel outcome already decided, used by a check that has no cases of its own.
pub fn check(ctx: &Ctx, sink: &mut Sink, review: Option<&Outcome<Panel>>) {
    for check in ctx
        .version
        .panels
        .iter()
        .filter(|c| ctx.stage_matches(&c.stages))
    {
        let Some(size) = ctx.app.count(check.size.0) else {
            continue;
        };
        let outcome = if check.cases.is_empty() {
            review.cloned()
        } else {
            // Only the composition is used here; a check's own cases are not a reported outcome.
            decision::decide(
                ctx,
                &mut Sink::default(),
                ("专家组人数", "panel size"),
                &check.cases,
            )
        };
        let Some(outcome) = outcome else {
            continue;
        };
        let (Some(panel), Some(trace)) = (outcome.value, outcome.because.first()) else {
            continue;
        };
        let path = check.size.0.path();
        let min = i64::from(panel.min_size);
        let mut push = |d: Diagnostic| {
            let d = d
                .rule(&trace.rule, trace.citations.clone())
                .param("size", size.to_string());
            sink.diagnostics.push(if panel.in_principle {
                d.severity(Severity::Warning)
            } else {
                d
            })
        };
        // 「原则上为3人及以上单数」 is said as the text says it.
        let principle = if panel.in_principle {
            ctx.text("原则上", " in principle")
        } else {
            ""
        };
        if size < min {
            push(
                Diagnostic::new(Code::PanelTooSmall, path)
                    .param("min", min.to_string())
                    .param("principle", principle),
            );
        }
        if panel.odd && size % 2 == 0 {
            push(Diagnostic::new(Code::PanelEven, path).param("principle", principle));
        }
        if let (true, Some(external)) = (panel.external_only, check.external) {
            if let Some(n) = ctx.app.count(external.0).filter(|&n| n < size || n < min) {
                push(
                    Diagnostic::new(Code::PanelExternalTooFew, external.0.path())
                        .param("external", n.to_string())
                        .param("min", min.to_string()),
                );
            }
        }
    }
}
