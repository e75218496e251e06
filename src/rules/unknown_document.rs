//! ## What it checks
//! Each document on file is of a kind the regulation names (`IN011`, a warning: the document is
//! ignored by the other checks, so a typo in its kind would otherwise read as "missing"), and each
//! chapter it lists is one the regulation names, by key or by name (`IN016`, likewise: a
//! chapter's key from another regulation would otherwise read as "not listed", `DC002`).
//!
//! ## Legal basis
//! None of its own: it keeps the completeness checks (see `missing_document`) honest.
//!
//! ## Example
//! `{"documents": ["feasability"]}` under 通州 gets `IN011` at `documents[0].kind`;
//! `{"documents": [{"kind": "feasibilityStudy", "chapters": ["dataSharingAnalysis"]}]}` (歙县's
//! key) gets `IN016` at `documents[0].chapters[0]`.
//!
//! ```
//! use gov_it_rules::{validate_json, Options};
//! let options = Options::for_jurisdiction("tongzhou");
//! let report = validate_json(r#"{"documents": ["feasability"]}"#, &options);
//! assert!(report.diagnostics.iter().any(|d| d.code == "IN011" && d.path == "documents[0].kind"));
//! let report = validate_json(r#"{"documents": [{"kind": "feasibilityStudy", "chapters": ["dataSharingAnalysis", "信息资源共享分析"]}]}"#, &options);
//! let unknown: Vec<_> = report.diagnostics.iter().filter(|d| d.code == "IN016").map(|d| &d.path).collect();
//! assert_eq!(unknown, ["documents[0].chapters[0]"]);
//! ```

use crate::codes::Code;
use crate::report::Diagnostic;

use super::{Ctx, Sink};

/// This mechanism and the codes it may emit (the engine checks, in debug builds, that it emits no
/// other).
pub const MECHANISM: super::Mechanism = super::Mechanism {
    name: "unknown_document",
    codes: &[Code::UnknownDocument, Code::UnknownChapter],
};

pub fn check(ctx: &Ctx, sink: &mut Sink) {
    for doc in ctx.app.documents() {
        if ctx.version.document_key(&doc.kind).is_none() {
            sink.diagnostics.push(
                Diagnostic::new(
                    Code::UnknownDocument,
                    &format!("documents[{}].kind", doc.row),
                )
                .param("input", &*doc.kind)
                .param("regulation", ctx.version.title.as_str()),
            );
            continue;
        }
        for (i, chapter) in doc.chapters.iter().enumerate() {
            if !chapter.is_empty() && ctx.version.chapter_key(chapter).is_none() {
                sink.diagnostics.push(
                    Diagnostic::new(
                        Code::UnknownChapter,
                        &format!("documents[{}].chapters[{i}]", doc.row),
                    )
                    .param("document", ctx.version.document_name(&doc.kind, ctx.locale))
                    .param("input", &**chapter)
                    .param("regulation", ctx.version.title.as_str()),
                );
            }
        }
    }
}
