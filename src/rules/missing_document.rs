//! ## What it checks
//! Every document a regulation requires at the current stage is on file (`DC001`), and a document
//! that must contain a chapter lists it (`DC002`). A requirement that turns on a field not filled in
//! yet is listed as `conditional` instead of being reported.
//!
//! ## Legal basis
//! Per profile, e.g. 通州 第七条 (申报 materials), 第十条 (信息资源共享分析篇), 第三十条 (验收
//! materials); 歙县 第二十四条, 第三十九条; 亭湖 第5条, 第8条, 第19条; 江津 第十条, 第十四条,
//! 第二十五条; 相城 第十条, 第二十四条.
//!
//! ## Example
//! A 通州 declaration whose documents lack `proposal` gets `DC001` at `documents`, naming
//! 《通州区政务信息化项目建设建议书》 and 第七条.

use crate::codes::Code;
use crate::condition::{Evidence, Truth};
use crate::report::{Diagnostic, RequiredDocument};

use super::{Ctx, Sink};

pub fn check(ctx: &Ctx, sink: &mut Sink) -> Vec<RequiredDocument> {
    let mut listed = Vec::new();
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
        if truth == Truth::Unknown {
            sink.note_missing_parameters(&ev.missing, ctx.text("所需材料", "Required documents"));
        }
        let why = ctx.text(&rule.why, &rule.why_en).to_string();
        let name = ctx.version.document_name(&rule.document).to_string();
        let citations = ctx.cite(&rule.cite);
        let on_file = std::iter::once(&rule.document)
            .chain(&rule.any_of)
            .find_map(|kind| ctx.app.documents.iter().position(|d| &d.kind == kind));
        let status = match (truth, on_file) {
            (_, Some(_)) => "present",
            (Truth::Unknown, None) => "conditional",
            _ => "missing",
        };
        listed.push(RequiredDocument {
            rule: rule.id.clone(),
            document: rule.document.clone(),
            name: name.clone(),
            alternatives: rule.any_of.clone(),
            status,
            citations: citations.clone(),
            why: why.clone(),
        });
        if status == "missing" {
            let mut d = Diagnostic::new(Code::MissingDocument, "documents")
                .rule(&rule.id, citations.clone())
                .param(
                    "document",
                    alternatives_label(ctx, &rule.document, &rule.any_of),
                )
                .param("stage", ctx.stage.key().to_string())
                .param("why", why.clone())
                .param("documentKey", rule.document.clone());
            if let Some(severity) = rule.severity {
                d = d.severity(severity);
            }
            sink.diagnostics.push(d);
        }
        let (Some(index), Truth::True) = (on_file, truth) else {
            continue;
        };
        let Some(doc) = ctx.app.documents.get(index) else {
            continue;
        };
        for chapter in rule.chapters.iter().filter(|c| !doc.chapters.contains(c)) {
            let chapter_name = ctx
                .version
                .chapters
                .get(chapter)
                .map_or(chapter.as_str(), |c| ctx.text(&c.name, &c.name_en));
            sink.diagnostics.push(
                Diagnostic::new(
                    Code::MissingChapter,
                    &format!("documents[{index}].chapters"),
                )
                .rule(&rule.id, citations.clone())
                .param("document", ctx.version.document_name(&doc.kind).to_string())
                .param("chapter", chapter_name.to_string())
                .param("why", why.clone())
                .param("chapterKey", chapter.clone()),
            );
        }
    }
    listed
}

fn alternatives_label(ctx: &Ctx, first: &str, others: &[String]) -> String {
    let sep = ctx.text("」或「", "” or “");
    std::iter::once(first)
        .chain(others.iter().map(String::as_str))
        .map(|k| ctx.version.document_name(k))
        .collect::<Vec<_>>()
        .join(sep)
}
