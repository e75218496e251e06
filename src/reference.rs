//! The rule reference (`RULES.md`), generated from the code table and the profiles so that it can
//! never say something the checks do not do. `gov-it-check --reference > RULES.md` regenerates it;
//! a test fails when the committed file is stale.

use std::fmt::Write;

use crate::codes::CODES;
use crate::Registry;

pub fn markdown(registry: &Registry) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Rule reference\n");
    let _ = writeln!(
        md,
        "Generated from `src/codes.rs` and `profiles/*.json` by `gov-it-check --reference`; do not edit by hand.\n\
         Citation summaries are our own words, not the regulations' text.\n"
    );
    let _ = writeln!(md, "## Codes\n");
    let _ = writeln!(
        md,
        "| code | name | severity | family | message (zh-CN) | message (en) |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|");
    for c in CODES {
        let _ = writeln!(
            md,
            "| {} | {} | {:?} | {} | {} | {} |",
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
                "| rule | checked as | codes | citation | what it says |"
            );
            let _ = writeln!(md, "|---|---|---|---|---|");
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
                    rule.codes.join(" ")
                };
                let _ = writeln!(
                    md,
                    "| `{}` | {} | {} | {} | {} |",
                    rule.id,
                    rule.kind,
                    codes,
                    cell(&cites.join("<br>")),
                    cell(&rule.summary)
                );
            }
            if !version.not_formalised.is_empty() {
                let _ = writeln!(md, "\nNot formalised:\n");
                let _ = writeln!(md, "| id | citation | why not |");
                let _ = writeln!(md, "|---|---|---|");
                for n in &version.not_formalised {
                    let cites: Vec<String> =
                        n.cite.iter().map(|c| version.cite_label(c).0).collect();
                    let _ = writeln!(
                        md,
                        "| `{}` | {} | {} |",
                        n.id,
                        cites.join("、"),
                        cell(&n.reason)
                    );
                }
            }
        }
    }
    md
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
