//! ## What it checks
//! Every document a regulation requires at the current stage is on file (`DC001`), and a document
//! that must contain a chapter lists it (`DC002`). A document that stands in for another (合并编报
//! 文本, 可研及概算代初设) counts only where its own condition holds, usually another outcome's
//! verdict; where that verdict refuses it, `DC003` says why. A requirement that turns on a field
//! not filled in yet, or whose stand-in waits for an undetermined verdict, is listed as
//! `conditional` with what it depends on, and never reported as missing. An amount exactly on the
//! threshold of a requirement that applies gets the boundary notice (`BD001`), as verdicts do.
//!
//! ## Legal basis
//! Per profile, e.g. 通州 第七条 (申报 materials), 第十条 (信息资源共享分析篇), 第十一条 (合并编报
//! only at 300 万元 and below or when mandated), 第三十条 (验收 materials); 歙县 第二十四条,
//! 第三十九条; 亭湖 第5条, 第8条, 第19条; 江津 第十条, 第十四条, 第二十五条; 相城 第十条,
//! 第二十四条.
//!
//! ## Example
//! A 通州 declaration whose documents lack `proposal` gets `DC001` at `documents`, naming
//! 《通州区政务信息化项目建设建议书》 and 第七条. A 500 万元 通州 project with no higher-level mandate
//! that files one `combinedDocument` gets `DC003` for each of 建议书, 可研, 初设 and 概算 (第十一条).
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("tongzhou");
//! let report = validate_json(r#"{"documents": []}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "DC001" && d.path == "documents"));
//! ```

use std::sync::Arc;

use crate::codes::Code;
use crate::condition::{Evidence, Truth};
use crate::report::{Diagnostic, Fact, RequiredDocument};

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "missing_document",
    codes: &[
        Code::MissingDocument,
        Code::MissingChapter,
        Code::AlternativeRefused,
    ],
};

/// A stand-in on file whose condition refuses it, with why.
struct Refusal<'a> {
    document: &'a Arc<str>,
    reason: String,
    citations: crate::report::Citations,
}

pub fn check(ctx: &Ctx, sink: &mut Sink) -> Vec<RequiredDocument> {
    let mut listed = Vec::new();
    let verdict_name = ("所需材料", "Required documents");
    for rule in ctx
        .version
        .requirements
        .iter()
        .filter(|r| r.stage == ctx.stage)
    {
        let mut ev = Evidence::default();
        let truth = ctx.eval(&rule.when, &mut ev);
        if truth == Truth::False {
            continue;
        }
        let why = Arc::clone(ctx.locale.pick(&rule.why, &rule.why_en));
        let citations = ctx.cite(&rule.cite);
        if truth == Truth::True {
            for hit in ev.boundaries {
                sink.boundaries.push((
                    hit,
                    Arc::clone(&rule.id),
                    citations.clone(),
                    Arc::clone(&why),
                ));
            }
        }
        let mut depends_on = ev.missing;
        let mut on_file = ctx.version.on_file(ctx.app, &rule.document);
        let mut satisfied_by = None;
        let mut refusals = Vec::new();
        // The stand-ins the text allows here, or may allow once what they turn on is answered: a
        // message offers no stand-in the same report would refuse. Looked at only while the
        // document is missing, so that a requirement met reads no verdict (an edit of the amount
        // would otherwise run it again).
        let mut offered = Vec::new();
        for alt in &rule.any_of {
            if on_file.is_some() {
                break;
            }
            let mut gate = Evidence::default();
            let allowed = ctx.eval(&alt.when, &mut gate);
            if allowed != Truth::False {
                offered.push(Arc::clone(&alt.document));
            }
            let Some(index) = ctx.version.on_file(ctx.app, &alt.document) else {
                continue;
            };
            match allowed {
                Truth::True => {
                    on_file = Some(index);
                    satisfied_by = Some(alt.document.clone());
                }
                Truth::Unknown => {
                    for m in gate.missing {
                        if !depends_on.contains(&m) {
                            depends_on.push(m);
                        }
                    }
                }
                Truth::False => {
                    let mut explained = Evidence::explained();
                    ctx.eval(&alt.when, &mut explained);
                    let mut citations = ctx.cite(&alt.cite);
                    if citations.is_empty() {
                        citations = ctx.cite(&rule.cite);
                    }
                    refusals.push(Refusal {
                        document: &alt.document,
                        reason: explained
                            .facts
                            .iter()
                            .map(Fact::as_str)
                            .collect::<Vec<_>>()
                            .join(ctx.text("；", "; ")),
                        citations,
                    });
                }
            }
        }
        let status = match (on_file, truth, depends_on.is_empty()) {
            (Some(_), _, _) => "present",
            (None, Truth::Unknown, _) | (None, _, false) => "conditional",
            (None, _, true) => "missing",
        };
        if status == "present" {
            depends_on.clear();
        } else {
            sink.note_missing_parameters(ctx, &depends_on, verdict_name);
        }
        if status == "missing" {
            sink.diagnostics.push(missing(
                ctx,
                rule,
                &offered,
                &refusals,
                citations.clone(),
                &why,
            ));
        }
        listed.push(RequiredDocument {
            rule: Arc::clone(&rule.id),
            document: Arc::clone(&rule.document),
            name: ctx.version.shared_document_name(&rule.document, ctx.locale),
            // Every stand-in the profile names, as a static list: whether one is allowed here is
            // the message's, and `satisfiedBy`'s (a delta then carries no entry whose list alone
            // changed with the amount).
            alternatives: rule
                .any_of
                .iter()
                .map(|a| Arc::clone(&a.document))
                .collect(),
            status,
            satisfied_by,
            depends_on,
            citations: citations.clone(),
            why: why.clone(),
        });
        let (Some(index), Truth::True) = (on_file, truth) else {
            continue;
        };
        let Some(doc) = ctx.app.documents().get(index) else {
            continue;
        };
        // Given by its key or by its name.
        let on_file = |chapter: &str| {
            let name = ctx.version.chapters.get(chapter).map(|c| &*c.name);
            doc.chapters
                .iter()
                .any(|c| **c == *chapter || Some(&**c) == name)
        };
        for chapter in rule.chapters.iter().filter(|c| !on_file(c)) {
            let chapter_name = ctx
                .version
                .chapters
                .get(chapter)
                .map_or(chapter.as_str(), |c| ctx.text(&c.name, &c.name_en));
            sink.diagnostics.push(
                Diagnostic::new(
                    Code::MissingChapter,
                    &format!("documents[{}].chapters", doc.row),
                )
                .rule(&rule.id, citations.clone())
                .param("document", ctx.version.document_name(&doc.kind, ctx.locale))
                .param("chapter", chapter_name)
                .param("why", Arc::clone(&why))
                .param("chapterKey", chapter.as_str()),
            );
        }
    }
    listed
}

/// `DC001`, or `DC003` where a stand-in is on file but refused: one diagnostic per requirement.
fn missing(
    ctx: &Ctx,
    rule: &crate::profile::Requirement,
    offered: &[Arc<str>],
    refusals: &[Refusal],
    citations: crate::report::Citations,
    why: &Arc<str>,
) -> Diagnostic {
    let mut citations = citations;
    let mut d = match refusals.first() {
        None => Diagnostic::new(Code::MissingDocument, "documents")
            .param("document", alternatives_label(ctx, &rule.document, offered)),
        Some(refusal) => {
            let mut joined = citations.to_vec();
            for c in refusal.citations.iter() {
                if !joined.contains(c) {
                    joined.push(c.clone());
                }
            }
            citations = joined.into();
            Diagnostic::new(Code::AlternativeRefused, "documents")
                .param(
                    "document",
                    ctx.version.shared_document_name(&rule.document, ctx.locale),
                )
                .param(
                    "alternative",
                    ctx.version
                        .shared_document_name(refusal.document, ctx.locale),
                )
                .param("because", refusal.reason.as_str())
                .param("alternativeKey", Arc::clone(refusal.document))
        }
    };
    d = d
        .rule(&rule.id, citations)
        .param("stage", ctx.stage.key())
        .param("why", Arc::clone(why))
        .param("documentKey", Arc::clone(&rule.document));
    if let Some(severity) = rule.severity {
        d = d.severity(severity);
    }
    d
}

/// The document's name, or its name and those of the stand-ins still allowed, joined.
fn alternatives_label(ctx: &Ctx, first: &Arc<str>, others: &[Arc<str>]) -> Arc<str> {
    if others.is_empty() {
        return ctx.version.shared_document_name(first, ctx.locale);
    }
    let (zh, en) = crate::messages::OR_BETWEEN_QUOTED;
    let sep = ctx.text(zh, en);
    std::iter::once(&**first)
        .chain(others.iter().map(|k| &**k))
        .map(|k| ctx.version.document_name(k, ctx.locale))
        .collect::<Vec<_>>()
        .join(sep)
        .into()
}
