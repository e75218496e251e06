//! The rule reference (`RULES.md`), generated from the code table and the profiles so that it can
//! never say something the checks do not do. `gov-it-check --reference > RULES.md` regenerates it;
//! a test fails when the committed file is stale.

use std::fmt::Write;

use crate::codes::CODES;
use crate::profile::{Cite, NotFormalised, Version};
use crate::Registry;

pub fn markdown(registry: &Registry) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Rule reference\n");
    let _ = writeln!(
        md,
        "Generated from `src/codes.rs` and `src/profiles/*.json` by `gov-it-check --reference`; do not edit by hand.\n\
         Citation summaries are our own words, not the regulations' text.\n"
    );
    let _ = writeln!(md, "## Codes\n");
    let _ = writeln!(
        md,
        "| code | name | severity | family | emitted by | message (zh-CN) | message (en) |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|---|");
    for c in CODES {
        let by = match crate::rules::emitted_by(c.code) {
            "input" => "input reader".to_string(),
            "engine" => "engine".to_string(),
            mechanism => format!("`{mechanism}`"),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {:?} | {} | {by} | {} | {} |",
            c.id,
            c.name,
            c.severity,
            c.family,
            cell(c.zh),
            cell(c.en)
        );
    }
    for profile in registry.profiles() {
        for version in &profile.versions {
            let _ = writeln!(md, "\n## {}《{}》\n", profile.id, version.title);
            let _ = writeln!(
                md,
                "{}{}; 文号 {}; 印发 {}; 施行 {} ({}).\n",
                profile.region,
                if profile.fictional {
                    " (fictional example)"
                } else {
                    ""
                },
                version.document_number.as_deref().unwrap_or("原文未载明"),
                version
                    .issued
                    .map_or("原文未载明".to_string(), |d| d.to_string()),
                version
                    .in_force
                    .map_or("原文未载明".to_string(), |d| d.to_string()),
                cell(&version.in_force_basis)
            );
            let _ = writeln!(
                md,
                "| rule | checked as | codes | severity | citation | what it says |"
            );
            let _ = writeln!(md, "|---|---|---|---|---|---|");
            for rule in version.rules() {
                let cites: Vec<String> = rule
                    .cite
                    .iter()
                    .map(|c| {
                        let (label, about, _) = version.cite_label(c);
                        format!("{label}：{about}")
                    })
                    .collect();
                let codes = if rule.codes.is_empty() {
                    "outcome".to_string()
                } else {
                    let ids: Vec<&str> = rule.codes.iter().map(|c| c.id()).collect();
                    ids.join(" ")
                };
                let severity = rule.severity.map(|s| format!("{s:?}")).unwrap_or_default();
                let _ = writeln!(
                    md,
                    "| `{}` | {} | {} | {severity} | {} | {} |",
                    rule.id,
                    rule.kind,
                    codes,
                    cell(&cites.join("<br>")),
                    cell(&rule.summary)
                );
            }
            let readings = version
                .interpretations
                .iter()
                .map(|n| (&n.id, &n.cite, &n.reading));
            cited_table(
                &mut md,
                version,
                "Readings",
                "the reading taken, and why",
                readings,
            );
            let not_formalised = version
                .not_formalised
                .iter()
                .map(|n| (&n.id, &n.cite, &n.reason));
            cited_table(
                &mut md,
                version,
                "Not formalised",
                "why not",
                not_formalised,
            );
            coverage_markdown(&mut md, version);
        }
    }
    md
}

/// A titled table of cited entries (`id`, citations, text); nothing when there are none.
fn cited_table<'a>(
    md: &mut String,
    version: &Version,
    title: &str,
    column: &str,
    rows: impl Iterator<Item = (&'a String, &'a crate::profile::Cites, &'a String)>,
) {
    let mut rows = rows.peekable();
    if rows.peek().is_none() {
        return;
    }
    let _ = writeln!(md, "\n{title}:\n");
    let _ = writeln!(md, "| id | citation | {column} |");
    let _ = writeln!(md, "|---|---|---|");
    for (id, cite, text) in rows {
        let cites: Vec<String> = cite.iter().map(|c| version.cite_label(c).0).collect();
        let _ = writeln!(md, "| `{id}` | {} | {} |", cites.join("、"), cell(text));
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The provisions each regulation's profile does not check, with the reason, for the README.
pub fn not_formalised_markdown(registry: &Registry) -> String {
    let mut md = String::new();
    for profile in registry.profiles() {
        for version in &profile.versions {
            let _ = writeln!(
                md,
                "**{}《{}》** ({} provisions)\n",
                profile.id,
                version.title,
                version.not_formalised.len()
            );
            for n in &version.not_formalised {
                let cites: Vec<String> = n.cite.iter().map(|c| version.cite_label(c).0).collect();
                let _ = writeln!(md, "- {}: {}", cites.join("、"), cell(&n.reason));
            }
            md.push('\n');
        }
    }
    md
}

/// One provision of a regulation (an article, a clause of an article whose clauses are cited one by
/// one, or an annex) and the profile entries that cite it.
#[derive(Debug, Clone)]
pub struct Provision<'a> {
    /// `第五条`, `第五条（四）`, `附件1`.
    pub label: String,
    /// The chapter as the article index has it (empty for an annex).
    pub chapter: &'a str,
    /// Ids of the checked rules that cite it.
    pub rules: Vec<String>,
    /// The entries that mark it (or part of it) not formalised.
    pub not_formalised: Vec<&'a NotFormalised>,
}

/// How a profile treats a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Cited by a checked rule (parts of it may also be marked not formalised).
    Formalised,
    /// Cited only by `notFormalised` entries, which say why.
    NotFormalised,
    /// Cited by nothing: neither checked nor explained.
    Neither,
}

impl Provision<'_> {
    pub fn status(&self) -> Status {
        if !self.rules.is_empty() {
            Status::Formalised
        } else if !self.not_formalised.is_empty() {
            Status::NotFormalised
        } else {
            Status::Neither
        }
    }
}

/// Every provision of a version's article index and annexes, in the text's order, with the rules
/// and `notFormalised` entries citing it. An article is listed with everything that cites it or
/// any of its clauses; when some citation names a clause of it, each of its clauses is listed
/// too, with what cites that clause by name. Parameters are not rules and do not count.
pub fn coverage(version: &Version) -> Vec<Provision<'_>> {
    let rules = version.rules();
    let cited_by_rules = |pick: &dyn Fn(&Cite) -> bool| -> Vec<String> {
        rules
            .iter()
            .filter(|r| r.cite.iter().any(pick))
            .map(|r| r.id.clone())
            .collect()
    };
    let cited_by_nf = |pick: &dyn Fn(&Cite) -> bool| -> Vec<&NotFormalised> {
        version
            .not_formalised
            .iter()
            .filter(|n| n.cite.iter().any(pick))
            .collect()
    };
    let mut out = Vec::new();
    for a in &version.articles {
        let of_article = |c: &Cite| c.article == Some(a.n);
        out.push(Provision {
            label: a.label.clone(),
            chapter: &a.chapter,
            rules: cited_by_rules(&of_article),
            not_formalised: cited_by_nf(&of_article),
        });
        let by_clause = rules
            .iter()
            .flat_map(|r| r.cite.iter())
            .chain(version.not_formalised.iter().flat_map(|n| n.cite.iter()))
            .any(|c| of_article(c) && c.clause.is_some());
        if by_clause {
            for clause in &a.clauses {
                let of_clause =
                    |c: &Cite| of_article(c) && c.clause.as_deref() == Some(clause.as_str());
                out.push(Provision {
                    label: format!("{}（{clause}）", a.label),
                    chapter: &a.chapter,
                    rules: cited_by_rules(&of_clause),
                    not_formalised: cited_by_nf(&of_clause),
                });
            }
        }
    }
    for x in &version.annexes {
        let of_annex = |c: &Cite| c.annex == Some(x.n);
        out.push(Provision {
            label: format!("附件{}", x.n),
            chapter: "",
            rules: cited_by_rules(&of_annex),
            not_formalised: cited_by_nf(&of_annex),
        });
    }
    out
}

/// (formalised, marked not formalised only, neither) over a version's provisions.
pub fn coverage_counts(provisions: &[Provision]) -> (usize, usize, usize) {
    let count = |s| provisions.iter().filter(|p| p.status() == s).count();
    (
        count(Status::Formalised),
        count(Status::NotFormalised),
        count(Status::Neither),
    )
}

fn coverage_markdown(md: &mut String, version: &Version) {
    let provisions = coverage(version);
    let (formalised, marked, neither) = coverage_counts(&provisions);
    let in_part = provisions
        .iter()
        .filter(|p| p.status() == Status::Formalised && !p.not_formalised.is_empty())
        .count();
    let _ = writeln!(md, "\nCoverage of the text:\n");
    let _ = writeln!(
        md,
        "{} provisions (articles; the clauses of an article whose clauses are cited one by one; annexes): \
         {formalised} formalised ({in_part} of them with a part marked not formalised), \
         {marked} marked not formalised, {neither} neither.\n",
        provisions.len()
    );
    let _ = writeln!(
        md,
        "| provision | chapter | status | rules | not formalised |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|");
    for p in &provisions {
        let status = match p.status() {
            Status::Formalised if p.not_formalised.is_empty() => "formalised",
            Status::Formalised => "formalised in part",
            Status::NotFormalised => "not formalised",
            Status::Neither => "**neither**",
        };
        let rules: Vec<String> = p.rules.iter().map(|id| format!("`{id}`")).collect();
        let nf: Vec<String> = p
            .not_formalised
            .iter()
            .map(|n| format!("`{}`：{}", n.id, n.reason))
            .collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            p.label,
            cell(p.chapter),
            status,
            rules.join(" "),
            cell(&nf.join("<br>"))
        );
    }
}
