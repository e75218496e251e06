//! Validates an application JSON file and prints the report.
//!
//! ```text
//! gov-it-check --jurisdiction tongzhou [--stage approval] [--as-of 2024-03-01] [--locale en]
//!              [--param NAME=AMOUNT]... [--profile FILE]... [--json] APPLICATION.json
//! gov-it-check --list
//! gov-it-check --reference > RULES.md
//! gov-it-check --not-formalised   (the README's list of provisions not checked)
//! gov-it-check test PROFILE-ID-OR-FILE [CASES.json]
//! gov-it-check compile PROFILE.json... [--out-dir DIR] [--english-apart]
//! ```
//! Exit status: 0 when the application has no errors (or every case passes), 1 when it has
//! errors (or a case fails), 2 when it could not run: a usage problem, shown with the usage, or a
//! file that could not be read, a profile or a case file refused, each shown with where it is.
//!
//! `test` runs a profile's test cases (docs/profile-format.md, "Test cases"): a built-in profile
//! by id with its own `src/profiles/<id>.cases.json`, or a county's profile file with the
//! `.cases.json` beside it. It prints each failing case with its mismatches and a closing
//! `N passed, N failed`; exit status 1 when any case fails.
//!
//! `compile` reads and checks each profile and writes it compiled, as `<id>.govit` in DIR (by
//! default beside the JSON), for `loadProfile` in a browser module, which reads no JSON profile.
//! With `--english-apart` its English texts go to `<id>.en.govit` beside it, which a page showing
//! Chinese only never downloads (`loadCompiledProfile(bytes, english)` reads both).
//! `--profile` and `test` take either form, and read a compiled file's `.en.govit` when it is
//! beside it. The built-in profiles are compiled into `src/compiled/`
//! by `pkg-scripts/compile-profiles.sh`.

use std::process::ExitCode;

use gov_it_rules::messages::Locale;
use gov_it_rules::outcomes::OUTCOMES;
use gov_it_rules::profile::{Profile, Stage};
use gov_it_rules::report::Status;
use gov_it_rules::{cases, Options, Registry, Report};

const USAGE: &str = "usage: gov-it-check --jurisdiction|-j ID [--stage STAGE] [--as-of YYYY-MM-DD] [--locale zh-CN|en] [--param NAME=AMOUNT]... [--profile FILE]... [--json] APPLICATION.json
       gov-it-check [--profile FILE]... --list
       gov-it-check [--profile FILE]... --reference          (RULES.md: every rule, its codes and citation)
       gov-it-check [--profile FILE]... --not-formalised     (the provisions not checked, with why)
       gov-it-check test PROFILE-ID-OR-FILE [CASES.json]
       gov-it-check compile PROFILE.json... [--out-dir DIR] [--english-apart]   (writes <id>.govit, named by the profile's id)";

/// Why the command could not run.
enum Problem {
    /// The command line: shown with the usage.
    Usage(String),
    /// A file that could not be read, or a profile or case file refused: shown with where.
    Input(String),
}

impl From<String> for Problem {
    fn from(message: String) -> Problem {
        Problem::Usage(message)
    }
}

impl From<&str> for Problem {
    fn from(message: &str) -> Problem {
        Problem::Usage(message.to_string())
    }
}

/// The built-in profiles' own test cases, by profile id.
const BUILTIN_CASES: &[(&str, &str)] = &[
    ("tongzhou", include_str!("../profiles/tongzhou.cases.json")),
    ("shexian", include_str!("../profiles/shexian.cases.json")),
    ("tinghu", include_str!("../profiles/tinghu.cases.json")),
    ("jiangjin", include_str!("../profiles/jiangjin.cases.json")),
    (
        "xiangcheng",
        include_str!("../profiles/xiangcheng.cases.json"),
    ),
];

/// `println!` and `print!` that end the program quietly when the reader has gone (`| head`),
/// instead of panicking on the broken pipe.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

macro_rules! print {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if write!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(Problem::Usage(message)) => {
            eprintln!("gov-it-check: {message}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Problem::Input(message)) => {
            eprintln!("gov-it-check: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<ExitCode, Problem> {
    match args.first().map(String::as_str) {
        Some("test") => return run_cases(args.get(1..).unwrap_or_default()),
        Some("compile") => return compile(args.get(1..).unwrap_or_default()),
        _ => {}
    }
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
                // As the options read it: 2025-9-1 is refused, not read as 2025-09-01.
                let date = gov_it_rules::calendar::parse_iso(&v);
                options.as_of = Some(date.ok_or_else(|| format!("--as-of {v} is not YYYY-MM-DD"))?);
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
                if options.parameters.contains_key(name) {
                    return Err(format!("--param {name} is given twice").into());
                }
                options.parameters.insert(name.to_string(), amount);
            }
            "--profile" => {
                let path = value("--profile")?;
                load_file(&mut registry, &path)?;
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
            other if other.starts_with('-') => return Err(format!("unknown flag {other}").into()),
            // One report per run: a second file would be checked in place of the first.
            other if file.is_some() => {
                return Err(format!("{other}: give one application file per run").into())
            }
            other => file = Some(other.to_string()),
        }
    }
    let file = file.ok_or("no application file given")?;
    if options.jurisdiction.is_empty() {
        return Err("--jurisdiction is required (see --list)".into());
    }
    options
        .check_parameters(&registry)
        .map_err(|e| e.replace("options.parameters.", "--param "))?;
    let text =
        std::fs::read_to_string(&file).map_err(|e| Problem::Input(format!("{file}: {e}")))?;
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

/// `gov-it-check test`: a profile's cases, with each failure and its mismatches.
fn run_cases(args: &[String]) -> Result<ExitCode, Problem> {
    let [target, rest @ ..] = args else {
        return Err("test needs a profile id or a profile file".into());
    };
    if rest.len() > 1 {
        return Err("test takes a profile and at most one case file".into());
    }
    let read = |path: &str| std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
    let mut registry = Registry::builtin();
    let is_file = std::path::Path::new(target).is_file();
    let (id, default_cases) = if is_file {
        let profile = load_file(&mut registry, target)?;
        let stem = target
            .strip_suffix(".json")
            .or(target.strip_suffix(".govit"));
        let beside = format!("{}.cases.json", stem.unwrap_or(target));
        (
            profile.id.clone(),
            read(&beside)
                .map_err(|e| Problem::Input(format!("{e} (the cases beside the profile)"))),
        )
    } else if registry.get(target).is_some() {
        let builtin = BUILTIN_CASES.iter().find(|(id, _)| id == target);
        let text = builtin.map(|(_, text)| (*text).to_string()).ok_or_else(|| {
            Problem::from(format!("no built-in cases for {target}; name a case file"))
        });
        (target.clone(), text)
    } else {
        return Err(
            format!("{target}: neither a profile file nor a profile id (see --list)").into(),
        );
    };
    let text = match rest.first() {
        Some(path) => read(path).map_err(Problem::Input)?,
        None => default_cases?,
    };
    let file = cases::parse(&text).map_err(Problem::Input)?;
    if file.profile != id {
        return Err(format!("the cases are for profile `{}`, not `{id}`", file.profile).into());
    }
    let results = cases::run(&registry, &file).map_err(Problem::Input)?;
    let failed: Vec<&cases::CaseResult> = results.iter().filter(|r| !r.passed()).collect();
    for result in &failed {
        println!("{result}");
    }
    println!(
        "{} passed, {} failed",
        results.len() - failed.len(),
        failed.len()
    );
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Loads a profile file into the registry: compiled (`.govit`, recognised by its header) or JSON.
fn load_file<'r>(registry: &'r mut Registry, path: &str) -> Result<&'r Profile, Problem> {
    let bytes = std::fs::read(path).map_err(|e| Problem::Input(format!("{path}: {e}")))?;
    let loaded = if bytes.starts_with(b"GOVITPF") {
        let beside = format!("{}.en.govit", path.strip_suffix(".govit").unwrap_or(path));
        match std::fs::read(&beside) {
            Ok(english) => registry.load_compiled_with_english(&bytes, Some(&english)),
            Err(_) => registry.load_compiled(&bytes),
        }
    } else {
        let text = String::from_utf8(bytes)
            .map_err(|_| Problem::Input(format!("{path}: not UTF-8 text")))?;
        registry.load(&text)
    };
    loaded.map_err(|errors| rejected(path, &errors))
}

/// A profile refused, with each error where it is.
fn rejected(path: &str, errors: &[gov_it_rules::profile::ProfileError]) -> Problem {
    let lines: Vec<String> = errors.iter().map(|e| format!("  {path}: {e}")).collect();
    Problem::Input(format!("profile rejected:\n{}", lines.join("\n")))
}

/// `gov-it-check compile`: each profile read and checked, then written as `<id>.govit` (and its
/// English texts as `<id>.en.govit` with `--english-apart`).
fn compile(args: &[String]) -> Result<ExitCode, Problem> {
    let mut out_dir = None;
    let mut english_apart = false;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out-dir" => out_dir = Some(it.next().ok_or("--out-dir needs a value")?),
            "--english-apart" => english_apart = true,
            other if other.starts_with('-') => return Err(format!("unknown flag {other}").into()),
            other => files.push(other),
        }
    }
    if files.is_empty() {
        return Err("compile needs at least one profile file".into());
    }
    for path in files {
        let text =
            std::fs::read_to_string(path).map_err(|e| Problem::Input(format!("{path}: {e}")))?;
        let profile =
            gov_it_rules::profile::load(&text).map_err(|errors| rejected(path, &errors))?;
        let dir = match out_dir {
            Some(dir) => std::path::PathBuf::from(dir),
            None => std::path::Path::new(path)
                .parent()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default(),
        };
        let out = dir.join(format!("{}.govit", profile.id));
        let write = |out: &std::path::Path, bytes: &[u8]| {
            std::fs::write(out, bytes)
                .map_err(|e| Problem::Input(format!("{}: {e}", out.display())))
        };
        if english_apart {
            let (bytes, english) = gov_it_rules::profile::compact::encode_apart(&profile);
            let english_out = dir.join(format!("{}.en.govit", profile.id));
            write(&out, &bytes)?;
            write(&english_out, &english)?;
            println!(
                "{path} → {} ({} bytes) and {} ({} bytes), JSON {} bytes",
                out.display(),
                bytes.len(),
                english_out.display(),
                english.len(),
                text.len()
            );
        } else {
            let bytes = gov_it_rules::profile::compact::encode(&profile);
            write(&out, &bytes)?;
            println!(
                "{path} → {} ({} bytes, JSON {} bytes)",
                out.display(),
                bytes.len(),
                text.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
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
    for (spec, written) in OUTCOMES.iter().zip(r.outcomes.written()) {
        match written {
            Some(o) if o.status == Status::Determined => {
                println!("  {:<16} {}", spec.key, o.value.unwrap_or_default());
            }
            Some(o) => println!(
                "  {:<16} undetermined, needs {}",
                spec.key,
                o.missing.join(", ")
            ),
            None => {}
        }
    }
    for d in &r.outcomes.required_documents {
        println!("  document {:<11} {}", d.status, d.name);
    }
    for w in &r.outcomes.windows {
        println!(
            "  window   {:<11} {} {}",
            w.status,
            w.description,
            w.latest
                .map(gov_it_rules::calendar::iso)
                .unwrap_or_default()
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
