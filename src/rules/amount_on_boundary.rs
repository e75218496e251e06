//! ## What it checks
//! An amount that sits exactly on a threshold gets a notice (`BD001`) saying which side of the line
//! it falls on and why: 以上、以下、及、（含） include the number itself, 超过、不满 exclude it, and
//! where two clauses of one text both claim it, the clause that says so explicitly wins.
//!
//! ## Legal basis
//! The texts' own wording at each threshold, read as 民法典 第一千二百五十九条 reads 以上/以下; e.g.
//! 通州 第十一条 「300万元及以下」, 亭湖 第19条 「100万元以下」 against 「100万元及以上」.
//!
//! ## Example
//! `{"totalInvestment": "300"}` under 通州 gets `BD001`: 300 falls within 「300万元及以下」, so the
//! documents may be compiled as one.
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("tongzhou");
//! let report = validate_json(r#"{"totalInvestment": "300"}"#, &options);
//! assert!(report.notices.iter().any(|d| d.code == "BD001"));
//! ```

use std::sync::Arc;

use crate::codes::Code;
use crate::money;
use crate::profile::Op;
use crate::report::{Citation, Diagnostic};

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "amount_on_boundary",
    codes: &[Code::AmountOnBoundary],
};

pub fn report(ctx: &Ctx, sink: &mut Sink) {
    let mut seen: Vec<(Arc<str>, Arc<str>)> = Vec::new();
    for (hit, rule, cites, result) in std::mem::take(&mut sink.boundaries) {
        let key = (Arc::clone(&hit.param), Arc::clone(&rule));
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let reading = if !hit.boundary_reading.is_empty() {
            ctx.text(&hit.boundary_reading, &hit.boundary_reading_en)
                .to_string()
        } else {
            let includes = matches!(hit.op, Op::Ge | Op::Le);
            match (includes, ctx.locale.is_en()) {
                (true, false) => "该表述包含本数".to_string(),
                (false, false) => "该表述不包含本数".to_string(),
                (true, true) => "this wording includes the amount itself".to_string(),
                (false, true) => "this wording excludes the amount itself".to_string(),
            }
        };
        // The notice cites the provision whose wording it quotes; its rule is named beside it.
        // Shared lists, not new ones: a compact answer numbers a notice by its citations' address.
        let quoted = hit.cite.clone().unwrap_or_else(|| cites.clone());
        sink.notices.push(
            Diagnostic::new(Code::AmountOnBoundary, hit.field.path())
                .rule(&rule, quoted.clone())
                .param("amount", money::format(&hit.amount))
                .param("article", article_label(&quoted, ctx.locale.is_en()))
                .param("wording", Arc::clone(&hit.wording))
                .param("reading", reading)
                .param(
                    "result",
                    sentence(result.trim_end_matches(['。', '.']), ctx.locale.is_en()),
                )
                .param("parameter", Arc::clone(&hit.param)),
        );
    }
}

/// The articles of a list of citations, e.g. `第十一条、第十二条` (in English `第十一条, 第十二条`).
fn article_label(citations: &[Citation], en: bool) -> String {
    citations
        .iter()
        .map(|c| c.article.as_str())
        .collect::<Vec<_>>()
        .join(if en { ", " } else { "、" })
}

/// In English the result is a sentence of its own, after the reading's: its first letter a
/// capital.
fn sentence(result: &str, en: bool) -> String {
    let mut chars = result.chars();
    match chars.next() {
        Some(first) if en => first.to_ascii_uppercase().to_string() + chars.as_str(),
        _ => result.to_string(),
    }
}
