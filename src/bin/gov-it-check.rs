//! Validates an application JSON file and prints the report.
//!
//! ```text
//! gov-it-check --jurisdiction tongzhou [--stage approval] [--as-of 2024-03-01] [--locale en]
//!              [--param NAME=AMOUNT]... [--profile FILE]... [--json] APPLICATION.json
//! gov-it-check --list
//! gov-it-check --reference > RULES.md
//! gov-it-check --not-formalised   (the README's list of provisions not checked)
//! ```
//! Exit status: 0 when the application has no errors, 1 when it has, 2 on a usage problem.

use std::process::ExitCode;

use gov_it_rules::messages::Locale;
use gov_it_rules::profile::Stage;
use gov_it_rules::report::{Outcome, Status};
use gov_it_rules::{Options, Registry, Report};

const USAGE: &str = "usage: gov-it-check --jurisdiction ID [--stage STAGE] [--as-of YYYY-MM-DD] [--locale zh-CN|en] [--param NAME=AMOUNT]... [--profile FILE]... [--json] APPLICATION.json\n       gov-it-check --list";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("gov-it-check: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<ExitCode, String> {
    let mut registry = Registry::builtin();
    let mut options = Options::default();
    let mut json_out = false;
    let mut file = None;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--jurisdiction" | "-j" => options.jurisdiction = value("--jurisdiction")?,
            "--stage" => {
                let v = value("--stage")?;
                options.stage =
                    Some(Stage::from_key(&v).ok_or_else(|| format!("unknown stage {v}"))?);
            }
            "--as-of" => {
                let v = value("--as-of")?;
                options.as_of = Some(
                    v.parse()
                        .map_err(|_| format!("--as-of {v} is not YYYY-MM-DD"))?,
                );
            }
            "--locale" => {
                let v = value("--locale")?;
                options.locale =
                    Locale::from_tag(&v).ok_or_else(|| format!("unknown locale {v}"))?;
            }
            "--param" => {
                let v = value("--param")?;
                let (name, amount) = v.split_once('=').ok_or("--param takes NAME=AMOUNT")?;
                let amount = gov_it_rules::money::parse(amount)
                    .map_err(|e| format!("--param {name}: {}", e.key()))?;
                options.parameters.insert(name.to_string(), amount);
            }
            "--profile" => {
                let path = value("--profile")?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                registry.load(&text).map_err(|errors| {
                    let lines: Vec<String> =
                        errors.iter().map(|e| format!("  {path}: {e}")).collect();
                    format!("profile rejected:\n{}", lines.join("\n"))
                })?;
            }
            "--json" => json_out = true,
            "--not-formalised" => {
                print!(
                    "{}",
                    gov_it_rules::reference::not_formalised_markdown(&registry)
                );
                return Ok(ExitCode::SUCCESS);
            }
            "--reference" => {
                print!("{}", gov_it_rules::reference::markdown(&registry));
                return Ok(ExitCode::SUCCESS);
            }
            "--list" => {
                for p in registry.profiles() {
                    for v in &p.versions {
                        println!(
                            "{:<12} {}  {}  in force {}",
                            p.id,
                            v.title,
                            v.document_number.as_deref().unwrap_or("(文号未载明)"),
                            v.in_force
                                .map_or("(日期未载明)".to_string(), |d| d.to_string())
                        );
                    }
                }
                return Ok(ExitCode::SUCCESS);
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other if other.starts_with('-') => return Err(format!("unknown flag {other}")),
            other => file = Some(other.to_string()),
        }
    }
    let file = file.ok_or("no application file given")?;
    if options.jurisdiction.is_empty() {
        return Err("--jurisdiction is required (see --list)".into());
    }
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
    let report = registry.validate_str(&text, &options);
    if json_out {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        );
    } else {
        print_text(&report);
    }
    Ok(if report.summary.complete {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_text(r: &Report) {
    if let Some(j) = &r.jurisdiction {
        println!(
            "《{}》 {}",
            j.title,
            j.document_number.as_deref().unwrap_or("")
        );
    }
    println!("as of {}, stage {}", r.as_of, r.stage);
    let o = &r.outcomes;
    print_outcome("approval", &o.approval);
    print_outcome("merge", &o.merge);
    print_outcome("supervision", &o.supervision);
    print_outcome("management", &o.management);
    print_outcome("expertPanel", &o.expert_panel);
    print_outcome("financialReview", &o.financial_review);
    print_outcome("acceptance", &o.acceptance);
    print_outcome("adjustment", &o.adjustment);
    for d in &r.outcomes.required_documents {
        println!("  document {:<11} {}", d.status, d.name);
    }
    for w in &r.outcomes.windows {
        println!(
            "  window   {:<11} {} {}",
            w.status,
            w.description,
            w.latest.as_deref().unwrap_or("")
        );
    }
    for d in &r.diagnostics {
        let cite = d
            .citations
            .first()
            .map(|c| format!(" [{} {}]", c.regulation, c.article))
            .unwrap_or_default();
        println!(
            "{:?} {} {}: {}{cite}",
            d.severity, d.code, d.path, d.message
        );
    }
    for n in &r.notices {
        println!("notice {} {}", n.code, n.message);
    }
    println!(
        "{} errors, {} warnings",
        r.summary.errors, r.summary.warnings
    );
}

fn print_outcome<T: serde::Serialize>(name: &str, outcome: &Option<Outcome<T>>) {
    match outcome {
        Some(o) if o.status == Status::Determined => {
            let value = o
                .value
                .as_ref()
                .and_then(|v| serde_json::to_string(v).ok())
                .unwrap_or_default();
            println!("  {name:<16} {value}");
        }
        Some(o) => println!("  {name:<16} undetermined, needs {}", o.missing.join(", ")),
        None => {}
    }
}
